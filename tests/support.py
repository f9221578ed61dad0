"""Settings for tests, shared by the unit and end-to-end suites."""

from __future__ import annotations

import os
from pathlib import Path

from bot.config import PROJECT_ROOT, Settings

DASHBOARD_PASSWORD = "test-dashboard-password"
POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "app_env": "test",
        "project_root": PROJECT_ROOT,
        "rasa_token": "test-token-0123456789",
        "engine_channel_secret": "test-channel-secret-0123456789",
        "actions_token": "test-actions-token-0123456789",
        "pseudonym_secret": "test-secret-0123456789",
        "database_url": f"sqlite:///{tmp_path / 'test.db'}",
        "dashboard_password": DASHBOARD_PASSWORD,
    }
    values.update(overrides)
    return Settings(**values)
