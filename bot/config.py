"""Configuration, read once from the environment and an optional `.env` file.

Real environment variables win over `.env`, so a deployment can override any
value without editing files. Every value is validated here, with a message that
names the variable, so a typo fails at start-up rather than mid-conversation.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from dotenv import dotenv_values
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.private_files import private_dir, write_private

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """A configuration value is missing or invalid; the message says which."""


class Settings(BaseModel):
    """Validated settings shared by the gateway, the supervisor and the actions."""

    model_config = ConfigDict(frozen=True)

    app_env: Literal["development", "test", "production"] = "development"
    project_root: Path = PROJECT_ROOT
    gateway_host: str = "127.0.0.1"
    gateway_port: int = Field(8000, ge=1, le=65535)
    rasa_port: int = Field(5005, ge=1, le=65535)
    actions_port: int = Field(5055, ge=1, le=65535)
    # Where the engine and the action server listen (bind addresses), and, when they
    # run on other hosts, the URLs the gateway and the engine reach them at.
    engine_host: str = "127.0.0.1"
    actions_host: str = "127.0.0.1"
    engine_address: str | None = Field(None, pattern=r"^https?://[^\s/]+$")
    actions_address: str | None = Field(None, pattern=r"^https?://[^\s/]+$")
    # The engine's HTTP API is off unless ENGINE_API is true (the end-to-end tests read
    # trackers and parse text through it); RASA_TOKEN protects it, passed in the
    # environment only (addons/engine.py), never on a command line.
    engine_api: bool = False
    rasa_token: str = Field(min_length=16)
    # Shared secrets between our own processes, from the environment only: the gateway
    # sends ENGINE_CHANNEL_SECRET in a header to the engine's gateway channel, and the
    # engine sends ACTIONS_TOKEN to the action server.
    engine_channel_secret: str = Field(min_length=16)
    actions_token: str = Field(min_length=16)
    database_url: str
    pseudonym_secret: str = Field(min_length=16)
    engine_timeout_seconds: float = Field(30.0, gt=0, le=300)
    quick_exit_url: str = Field("https://www.bbc.co.uk/weather", pattern=r"^https?://\S+$")
    local_area: str = Field("example", pattern=r"^[a-z0-9_-]+$")
    # The engine's endpoints file: endpoints.yml (one engine, in-memory trackers) or
    # deploy/endpoints.redis.yml (several engines sharing Redis).
    engine_endpoints: str = Field("endpoints.yml", pattern=r"^[\w./-]+\.yml$")
    # Opt-in, every mode: keep the anonymised text of unanswered questions (only those)
    # for content owners, for LOG_TEXT_RETENTION_DAYS.
    log_text: bool = False
    log_text_retention_days: int = Field(30, ge=1, le=365)
    log_retention_days: int = Field(365, ge=1, le=3650)
    # Each gateway applies retention daily; a deployment with a scheduled job instead
    # (one per deployment, docs/deployment.md) sets this false.
    purge_in_gateway: bool = True
    # Where log entries still unwritten when a gateway stops are kept until it starts
    # again (default var/spool; each gateway host has its own).
    log_spill_dir: Path | None = None
    # A conversation the engine holds is forgotten after this many idle minutes.
    conversation_expiry_minutes: int = Field(120, ge=5, le=1440)
    dashboard_user: str = Field("dashboard", min_length=1, pattern=r"^[^:]+$")
    dashboard_password: str = Field(min_length=12)
    max_body_bytes: int = Field(32_768, ge=1024, le=1_048_576)
    rate_limit_per_sender: int = Field(30, ge=1)
    rate_limit_per_ip: int = Field(300, ge=1)
    # Limits shared by every gateway (redis://...); unset: each gateway counts alone.
    rate_limit_redis_url: str | None = Field(None, pattern=r"^rediss?://\S+$")
    # What conversations remember between turns (offered buttons, feedback offers, name
    # digests, the last topic), shared by every gateway (redis://...); unset: each
    # gateway remembers its own, and a balancer must keep a conversation on one gateway.
    gateway_memory_redis_url: str | None = Field(None, pattern=r"^rediss?://\S+$")
    # How much the engine and the action server log (never DEBUG: bot/log_privacy.py).
    engine_log_level: Literal["ERROR", "WARNING", "INFO"] = "WARNING"
    actions_log_level: Literal["ERROR", "WARNING", "INFO"] = "WARNING"
    # Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses).
    trusted_proxies: str = Field("", pattern=r"^[0-9a-fA-F.:/,*]*$")
    # Origins allowed to call the API from a browser; empty: same origin only.
    cors_origins: str = Field("", pattern=r"^(https?://[^\s,]+(,https?://[^\s,]+)*)?$")

    @property
    def logs_text(self) -> bool:
        return self.log_text

    @property
    def rasa_url(self) -> str:
        return self.engine_address or f"http://{_reach(self.engine_host)}:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return self.actions_address or f"http://{_reach(self.actions_host)}:{self.actions_port}"

    @property
    def gateway_url(self) -> str:
        return f"http://{_reach(self.gateway_host)}:{self.gateway_port}"

    @property
    def var_dir(self) -> Path:
        return self.project_root / "var"

    @property
    def spill_dir(self) -> Path:
        return self.log_spill_dir or self.var_dir / "spool"


def _reach(host: str) -> str:
    """The address to call a process at that listens on `host` (all interfaces: loopback)."""
    return "127.0.0.1" if host in ("0.0.0.0", "::") else host


_ENV_NAMES = {
    "app_env": "APP_ENV",
    "gateway_host": "GATEWAY_HOST",
    "gateway_port": "GATEWAY_PORT",
    "rasa_port": "RASA_PORT",
    "actions_port": "ACTIONS_PORT",
    "engine_host": "ENGINE_HOST",
    "actions_host": "ACTIONS_HOST",
    "engine_address": "ENGINE_URL",
    "actions_address": "ACTIONS_URL",
    "engine_api": "ENGINE_API",
    "rasa_token": "RASA_TOKEN",
    "engine_channel_secret": "ENGINE_CHANNEL_SECRET",
    "actions_token": "ACTIONS_TOKEN",
    "database_url": "DATABASE_URL",
    "pseudonym_secret": "PSEUDONYM_SECRET",
    "engine_timeout_seconds": "ENGINE_TIMEOUT_SECONDS",
    "quick_exit_url": "QUICK_EXIT_URL",
    "local_area": "LOCAL_AREA",
    "engine_endpoints": "ENGINE_ENDPOINTS",
    "log_text": "LOG_TEXT",
    "log_text_retention_days": "LOG_TEXT_RETENTION_DAYS",
    "conversation_expiry_minutes": "CONVERSATION_EXPIRY_MINUTES",
    "log_spill_dir": "LOG_SPILL_DIR",
    "rate_limit_redis_url": "RATE_LIMIT_REDIS_URL",
    "gateway_memory_redis_url": "GATEWAY_MEMORY_REDIS_URL",
    "trusted_proxies": "TRUSTED_PROXIES",
    "engine_log_level": "ENGINE_LOG_LEVEL",
    "actions_log_level": "ACTIONS_LOG_LEVEL",
    "purge_in_gateway": "PURGE_IN_GATEWAY",
    "log_retention_days": "LOG_RETENTION_DAYS",
    "dashboard_user": "DASHBOARD_USER",
    "dashboard_password": "DASHBOARD_PASSWORD",
    "max_body_bytes": "MAX_BODY_BYTES",
    "rate_limit_per_sender": "RATE_LIMIT_PER_SENDER",
    "rate_limit_per_ip": "RATE_LIMIT_PER_IP",
    "cors_origins": "CORS_ORIGINS",
}


def settings_environment(settings: Settings) -> dict[str, str]:
    """The settings as environment variables, so child processes read the same values."""
    env = {}
    for field, name in _ENV_NAMES.items():
        value = getattr(settings, field)
        if value is None:
            continue
        env[name] = str(value).lower() if isinstance(value, bool) else str(value)
    return env


def _development_secret(var_dir: Path, name: str) -> str:
    """A random secret kept in `var/` so development runs need no set-up.

    Production never uses this: there the secret must come from the environment.
    """
    path = var_dir / name
    if path.exists():
        return path.read_text().strip()
    private_dir(var_dir)
    value = secrets.token_urlsafe(32)
    write_private(path, value)
    return value


# Secrets in the environment, and which process may see each (the supervisor gives
# each child only its own, and names the child in ASSISTANT_PROCESS).
SECRETS_FOR = {
    "PSEUDONYM_SECRET": {"gateway"},
    "DASHBOARD_PASSWORD": {"gateway"},
    "DATABASE_URL": {"gateway"},
    "ENGINE_CHANNEL_SECRET": {"gateway", "engine"},
    "ACTIONS_TOKEN": {"engine", "actions"},
    "RASA_TOKEN": {"engine"},
}
PROCESS_ENV = "ASSISTANT_PROCESS"

# Settings that only a deployment sets: present without APP_ENV, the mode was forgotten.
_PRODUCTION_SIGNS = ("pseudonym_secret", "engine_channel_secret", "actions_token",
                     "dashboard_password")  # fmt: skip


def _fail_closed(raw: Mapping[str, str]) -> None:
    """Refuse a configuration that looks like production but would not run as it."""
    if "app_env" not in raw:
        signs = [_ENV_NAMES[f] for f in _PRODUCTION_SIGNS if f in raw]
        if signs or raw.get("database_url", "").startswith("postgresql"):
            raise ConfigError(
                "APP_ENV is not set, but "
                + (", ".join(signs) or "a PostgreSQL DATABASE_URL")
                + " is: set APP_ENV=production (or APP_ENV=development to run with them "
                "locally). Without APP_ENV the assistant would run in development mode."
            )
    if raw.get("app_env") == "production" and raw.get("database_url", "").startswith("sqlite"):
        raise ConfigError(
            "Production needs PostgreSQL: DATABASE_URL is a SQLite file, which one gateway "
            "host alone can use and no backup routine covers."
        )


def load_settings(
    environ: Mapping[str, str] | None = None,
    env_file: Path | None = None,
    project_root: Path = PROJECT_ROOT,
) -> Settings:
    """Build settings from `.env` (if present) overlaid with the environment."""
    env_file = env_file if env_file is not None else project_root / ".env"
    values: dict[str, str] = {}
    if env_file.exists():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)

    raw = {field: values[name] for field, name in _ENV_NAMES.items() if values.get(name)}
    _fail_closed(raw)
    app_env = raw.get("app_env", "development")
    var_dir = project_root / "var"
    if app_env == "production":
        required = ["pseudonym_secret", "engine_channel_secret", "actions_token"]
        required += ["rasa_token"] if raw.get("engine_api", "").lower() == "true" else []
        required += ["database_url", "dashboard_password"]
        process = values.get(PROCESS_ENV)
        if process:  # a child of the supervisor: only the secrets it is given
            required = [f for f in required if process in SECRETS_FOR[_ENV_NAMES[f]]]
        missing = [_ENV_NAMES[f] for f in required if f not in raw]
        if missing:
            raise ConfigError(
                "Production mode needs these set in the environment or .env: " + ", ".join(missing)
            )
    raw.setdefault("database_url", f"sqlite:///{var_dir / 'assistant.db'}")
    if "pseudonym_secret" not in raw:
        raw["pseudonym_secret"] = _development_secret(var_dir, "pseudonym.key")
    for field, key_file in (
        ("rasa_token", "rasa-token.key"),
        ("engine_channel_secret", "engine-channel.key"),
        ("actions_token", "actions-token.key"),
    ):
        if field not in raw:  # in production only RASA_TOKEN, unused while the API is off
            raw[field] = (
                secrets.token_urlsafe(32)
                if app_env == "production"
                else _development_secret(var_dir, key_file)
            )
    if "dashboard_password" not in raw:
        raw["dashboard_password"] = _development_secret(var_dir, "dashboard-password.key")

    try:
        return Settings(project_root=project_root, **raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = str(error["loc"][0])
            problems.append(f"{_ENV_NAMES.get(field, field)}: {error['msg']}")
        raise ConfigError("Invalid configuration: " + "; ".join(problems)) from None
