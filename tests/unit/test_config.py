"""Configuration: .env and environment, validation, and production's stricter rules."""

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings


def test_defaults_need_no_setup(tmp_path: Path) -> None:
    settings = load_settings(environ={}, env_file=tmp_path / "missing.env", project_root=tmp_path)
    assert settings.gateway_port == 8000
    assert settings.gateway_host == "127.0.0.1"
    assert settings.database_url == f"sqlite:///{tmp_path / 'var' / 'assistant.db'}"
    # development secrets are generated once and then reused
    again = load_settings(environ={}, env_file=tmp_path / "missing.env", project_root=tmp_path)
    assert settings.pseudonym_secret == again.pseudonym_secret
    assert (tmp_path / "var" / "pseudonym.key").stat().st_mode & 0o077 == 0


def test_env_file_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("GATEWAY_PORT=9100\nRASA_PORT=6006\n")
    settings = load_settings(
        environ={"RASA_PORT": "7007"}, env_file=env_file, project_root=tmp_path
    )
    assert settings.gateway_port == 9100
    assert settings.rasa_port == 7007
    assert settings.rasa_url == "http://127.0.0.1:7007"


@pytest.mark.parametrize(
    ("variable", "value"),
    [("GATEWAY_PORT", "eighty"), ("GATEWAY_PORT", "70000"), ("APP_ENV", "staging")],
)
def test_invalid_values_name_the_variable(tmp_path: Path, variable: str, value: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        load_settings(environ={variable: value}, env_file=tmp_path / "none", project_root=tmp_path)


def test_production_refuses_to_invent_secrets(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigError, match=r"PSEUDONYM_SECRET.*ENGINE_CHANNEL_SECRET.*ACTIONS_TOKEN.*DATABASE_URL"
    ):
        load_settings(
            environ={"APP_ENV": "production"}, env_file=tmp_path / "none", project_root=tmp_path
        )
    assert not (tmp_path / "var").exists()


def test_short_secrets_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="PSEUDONYM_SECRET"):
        load_settings(
            environ={"PSEUDONYM_SECRET": "short"}, env_file=tmp_path / "none", project_root=tmp_path
        )


def test_env_example_documents_every_setting() -> None:
    from bot.config import _ENV_NAMES, PROJECT_ROOT

    example = (PROJECT_ROOT / ".env.example").read_text()
    for name in _ENV_NAMES.values():
        assert name in example, name


@pytest.mark.parametrize(
    "environ",
    [
        {"PSEUDONYM_SECRET": "x" * 32},
        {"DASHBOARD_PASSWORD": "a-long-password-here"},
        {"DATABASE_URL": "postgresql://db.internal/assistant"},
    ],
)
def test_production_settings_without_app_env_are_refused(
    tmp_path: Path, environ: dict[str, str]
) -> None:
    with pytest.raises(ConfigError, match="APP_ENV is not set"):
        load_settings(environ=environ, env_file=tmp_path / "none", project_root=tmp_path)
    # Said out loud, development with them is allowed.
    load_settings(environ={**environ, "APP_ENV": "development"}, env_file=tmp_path / "none",
                  project_root=tmp_path)  # fmt: skip


def test_production_refuses_a_sqlite_database(tmp_path: Path) -> None:
    environ = {
        "APP_ENV": "production",
        "PSEUDONYM_SECRET": "p" * 32,
        "ENGINE_CHANNEL_SECRET": "e" * 32,
        "ACTIONS_TOKEN": "a" * 32,
        "DASHBOARD_PASSWORD": "a-long-password-here",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
    }
    with pytest.raises(ConfigError, match="Production needs PostgreSQL"):
        load_settings(environ=environ, env_file=tmp_path / "none", project_root=tmp_path)
    environ["DATABASE_URL"] = "postgresql://db.internal/assistant"
    assert load_settings(environ=environ, env_file=tmp_path / "none", project_root=tmp_path)


def test_a_production_child_needs_only_the_secrets_it_is_given(tmp_path: Path) -> None:
    gateway = {
        "APP_ENV": "production",
        "ASSISTANT_PROCESS": "gateway",
        "PSEUDONYM_SECRET": "p" * 32,
        "ENGINE_CHANNEL_SECRET": "e" * 32,
        "DASHBOARD_PASSWORD": "a-long-password-here",
        "DATABASE_URL": "postgresql://db.internal/assistant",
    }
    assert load_settings(environ=gateway, env_file=tmp_path / "none", project_root=tmp_path)
    # The supervisor itself (no process named) needs every secret.
    parent = {k: v for k, v in gateway.items() if k != "ASSISTANT_PROCESS"}
    with pytest.raises(ConfigError, match="ACTIONS_TOKEN"):
        load_settings(environ=parent, env_file=tmp_path / "none", project_root=tmp_path)
