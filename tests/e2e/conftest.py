"""The real stack for end-to-end tests: engine, action server and gateway as processes."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from helpers.support import DASHBOARD_PASSWORD
from playwright.sync_api import Browser, Page, sync_playwright
from web_page import CHROMIUM, CHROMIUM_ARGS

from bot.config import PROJECT_ROOT, Settings
from bot.supervisor import Stack
from bot.training import model_path

RASA_BIN = PROJECT_ROOT / ".venv-engine" / "bin" / "rasa"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that stop processes of the shared stack run after all the others."""
    items.sort(key=lambda item: item.get_closest_marker("stops_processes") is not None)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def stack_settings(tmp: Path, label: str, **overrides: object) -> Settings:
    """Test-mode settings for a whole stack: its own secrets, SQLite file and spool."""
    values: dict[str, object] = {
        "app_env": "test",
        "gateway_port": free_port(),
        "rasa_port": free_port(),
        "actions_port": free_port(),
        "rasa_token": f"{label}-token-0123456789abcdef",
        "engine_channel_secret": f"{label}-channel-0123456789abcdef",
        "actions_token": f"{label}-actions-0123456789abcdef",
        "pseudonym_secret": f"{label}-secret-0123456789abcdef",
        "database_url": f"sqlite:///{tmp / f'{label}.db'}",
        "dashboard_password": DASHBOARD_PASSWORD,
        "log_spill_dir": tmp / "spool",
    }
    return Settings(**{**values, **overrides})


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    if not model_path().exists():
        pytest.fail("No trained model: run `make train` (make test does it first).")
    tmp = tmp_path_factory.mktemp("stack")
    settings = stack_settings(
        tmp,
        "e2e",
        # The engine's API, for the tests only: they read trackers and parse text through
        # it with the token (handed to Rasa from the environment, addons/engine.py).
        engine_api=True,
        # The suite sends more than a user could; the limits have their own tests.
        rate_limit_per_sender=100_000,
        rate_limit_per_ip=1_000_000,
        # The opt-in text of unanswered questions is on here, so the privacy tests can
        # prove that even then nothing identifying is stored.
        log_text=True,
    )
    running = Stack(settings, RASA_BIN, model_path(), ARTIFACTS / "e2e-logs")
    running.start(timeout=240)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def gateway(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.settings.gateway_url, timeout=60) as client:
        yield client


@pytest.fixture(scope="session")
def engine(stack: Stack) -> Iterator[httpx.Client]:
    """Direct access to the engine, as only the gateway (and these tests) may have it."""
    with httpx.Client(base_url=stack.settings.rasa_url, timeout=60) as client:
        yield client


# The chat page in Debian's Chromium (tests/e2e/web_page.py): one browser per module.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: `make test` installs Debian's chromium package.")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def browser_errors() -> list[str]:
    """JavaScript errors and console errors of the test's page; must end empty."""
    return []


@pytest.fixture
def page(browser: Browser, stack: Stack, browser_errors: list[str]) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True, base_url=stack.settings.gateway_url)
    # The neutral site is outside this machine: answer for it locally.
    context.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>Weather</title><h1>Weather</h1>"
        ),
    )
    page = context.new_page()
    page.on("pageerror", lambda exc: browser_errors.append(str(exc)))
    page.on("console", lambda msg: browser_errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()
    assert browser_errors == []
