"""The chat page in a real browser, as the end-to-end tests drive it: Chromium's
settings and the steps every browser test takes (the fixtures are in conftest.py)."""

from __future__ import annotations

import shutil

from playwright.sync_api import Page, expect

from bot.config import PROJECT_ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
NEUTRAL = "https://www.bbc.co.uk/weather"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def open_chat(page: Page) -> None:
    page.goto("/")
    expect(page.get_by_role("button", name="I work with families")).to_be_visible()


def bot_turns(page: Page):  # type: ignore[no-untyped-def]
    return page.locator(".turn-bot")


def first_reply(page: Page):  # type: ignore[no-untyped-def]
    """The first bot turn after the user's latest message."""
    return page.locator(".turn-user").last.locator(
        "xpath=following-sibling::div[contains(@class, 'turn-bot')][1]"
    )


def ask(page: Page, text: str) -> None:
    before = bot_turns(page).count()
    page.get_by_label("Your message").fill(text)
    page.get_by_label("Your message").press("Enter")
    expect(bot_turns(page)).not_to_have_count(before)
    expect(page.locator("#typing")).to_be_hidden()
