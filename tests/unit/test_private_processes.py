"""Secrets in the environment only, private files, and logs without text."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
from pathlib import Path

import pytest
from helpers.support import make_settings

from bot.config import PROJECT_ROOT, load_settings
from bot.log_privacy import install, redact
from bot.storage.db import Database
from bot.storage.retention import ROTATED_LOG
from bot.supervisor import SECRETS_FOR, Stack

ENGINE_PYTHON = PROJECT_ROOT / ".venv-engine" / "bin" / "python"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_commands_carry_no_secret_and_the_api_is_off_by_default(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    stack = Stack(settings, PROJECT_ROOT / ".venv-engine/bin/rasa", tmp_path / "m", tmp_path)
    secrets = [settings.rasa_token, settings.engine_channel_secret, settings.actions_token]
    for spec in stack.specs().values():
        assert not [s for s in secrets if s in " ".join(spec.command)], spec.name
    engine = stack.specs()["engine"].command
    assert "--enable-api" not in engine and "--auth-token" not in engine
    assert stack.specs()["actions"].command[:3][-2:] == ["-m", "bot.action_server"]
    with_api = Stack(
        settings.model_copy(update={"engine_api": True}), Path("r"), Path("m"), tmp_path
    )
    assert "--enable-api" in with_api.specs()["engine"].command


def test_each_process_gets_only_the_secrets_it_uses(tmp_path: Path) -> None:
    stack = Stack(make_settings(tmp_path), Path("rasa"), Path("m"), tmp_path)
    for name in ("gateway", "engine", "actions"):
        env = stack.environment(name)
        for variable, users in SECRETS_FOR.items():
            assert (variable in env) == (name in users), (name, variable)


def test_logs_are_private_and_rotated(tmp_path: Path) -> None:
    stack = Stack(make_settings(tmp_path), Path("rasa"), Path("m"), tmp_path / "log")
    for _ in range(2):
        fd = stack._fresh_log("engine")
        os.write(fd, b"started\n")
        os.close(fd)
    files = sorted(p.name for p in (tmp_path / "log").iterdir())
    assert len(files) == 2 and "engine.log" in files
    assert ROTATED_LOG.match(next(f for f in files if f != "engine.log"))
    assert mode(tmp_path / "log") == 0o700
    assert all(mode(p) == 0o600 for p in (tmp_path / "log").iterdir())


def test_development_secrets_and_the_database_are_private(tmp_path: Path) -> None:
    settings = load_settings(environ={}, env_file=tmp_path / "none", project_root=tmp_path)
    var = tmp_path / "var"
    assert mode(var) == 0o700
    for key in ("pseudonym.key", "engine-channel.key", "actions-token.key", "rasa-token.key"):
        assert mode(var / key) == 0o600
    database = Database(settings.database_url)
    try:
        assert database.ping()
        assert mode(var / "assistant.db") == 0o600
    finally:
        database.dispose()


@pytest.mark.parametrize(
    "message",
    [
        "message.parsing.failed user_text='/crisis Zuleika 07700 900871'",
        '{"event": "message.parsing.failed", "user_text": "Zuleika 07700 900871"}',
        "Failed to parse intent '/Zuleika{\"a\": 1}'",
        "POST http://127.0.0.1:5055/webhook?token=Zuleika900871 failed",
        "slots: {'sp_pattern': 'Zuleika 07700 900871'}",
        "text=Zuleika",
    ],
)
def test_log_messages_lose_text_values_and_tokens(message: str) -> None:
    assert "Zuleika" not in redact(message)


def test_log_records_lose_exception_messages_and_tracebacks(caplog) -> None:  # type: ignore[no-untyped-def]
    install()
    logger = logging.getLogger("privacy-test")
    try:
        raise ValueError("Zuleika 07700 900871")
    except ValueError:
        logger.exception("could not run the action for %s", "Zuleika")
    record = caplog.records[-1]
    assert "Zuleika" not in caplog.text and "ValueError" in record.getMessage()


def test_the_engine_launcher_refuses_a_token_on_the_command_line() -> None:
    if not ENGINE_PYTHON.exists():
        pytest.fail("the engine environment is missing: run `make setup`")
    check = (
        "from addons.engine import engine_arguments as a\n"
        "assert a(['run', '--enable-api'], {'RASA_TOKEN': 'x' * 20})[-3:] == "
        "['--auth-token', 'x' * 20, '--quiet']\n"
        "assert '--quiet' not in a(['run'], {'ENGINE_LOG_LEVEL': 'info'})\n"
        "assert a(['run'], {'ENGINE_LOG_LEVEL': 'WARNING'}) == ['run', '--quiet']\n"
        "try:\n    a(['run'], {'ENGINE_LOG_LEVEL': 'DEBUG'})\nexcept SystemExit:\n    pass\n"
        "else:\n    raise AssertionError('DEBUG')\n"
        "for bad in (['run', '--auth-token', 'y'], ['run', '--enable-api']):\n"
        "    try:\n        a(bad, {})\n    except SystemExit:\n        pass\n"
        "    else:\n        raise AssertionError(bad)\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [str(ENGINE_PYTHON), "-c", check], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert done.stdout.strip().endswith("ok"), done.stderr[-2000:]


def test_log_levels_are_chosen_from_a_short_list_without_debug() -> None:
    from bot.log_privacy import chosen_level

    assert chosen_level({}, "ACTIONS_LOG_LEVEL") == "WARNING"
    assert chosen_level({"ACTIONS_LOG_LEVEL": "error"}, "ACTIONS_LOG_LEVEL") == "ERROR"
    with pytest.raises(SystemExit, match="ACTIONS_LOG_LEVEL must be one of"):
        chosen_level({"ACTIONS_LOG_LEVEL": "DEBUG"}, "ACTIONS_LOG_LEVEL")


def test_warnings_keep_their_origin_not_their_message(caplog) -> None:  # type: ignore[no-untyped-def]
    install()
    with caplog.at_level(logging.WARNING, logger="py.warnings"):
        # what logging.captureWarnings logs for a warning
        logging.getLogger("py.warnings").warning(
            "%s", "rasa/x.py:7: UserWarning: Failed to parse 'Zuleika'\n  raise_warning(\n"
        )
    assert "Zuleika" not in caplog.text and "rasa/x.py:7: UserWarning" in caplog.text


def test_tighten_repairs_modes_left_by_an_older_version(tmp_path: Path) -> None:
    from bot.private_files import tighten

    var = tmp_path / "var"
    (var / "log").mkdir(parents=True)
    for path in (var / "assistant.db", var / "log" / "engine.log"):
        path.write_text("x")
        path.chmod(0o644)
    (var / "log").chmod(0o755)
    tighten(var)
    assert mode(var) == mode(var / "log") == 0o700
    assert mode(var / "assistant.db") == mode(var / "log" / "engine.log") == 0o600
