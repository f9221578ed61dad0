"""Shared fixtures: settings on a temporary database, PostgreSQL when it is there, and
the shipped anonymiser."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.support import POSTGRES_ADMIN_URL, empty_redis, make_settings
from helpers.trackers import make_tracker as _make_tracker
from sqlalchemy import create_engine, text

from bot.config import Settings
from bot.privacy.anonymiser import Anonymiser, default_anonymiser


@pytest.fixture
def make_tracker():  # type: ignore[no-untyped-def]
    """Builds rasa-sdk trackers for action tests (`helpers.trackers.make_tracker`)."""
    return _make_tracker


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def settings_factory(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Settings on a temporary database, with any field overridden."""
    return lambda **overrides: make_settings(tmp_path, **overrides)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped afterwards.

    Skips when no server answers, unless REQUIRE_POSTGRES=1 (as in CI), where a
    missing server is a failure: the production database must really be tested.
    """
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"assistant_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required but not reachable at {POSTGRES_ADMIN_URL}: {exc}")
        pytest.skip(f"no PostgreSQL server at {POSTGRES_ADMIN_URL}")
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def redis_url() -> Iterator[str]:
    """An emptied Redis database on 127.0.0.1:6379, emptied again afterwards."""
    yield empty_redis("redis://127.0.0.1:6379/5")
    empty_redis("redis://127.0.0.1:6379/5")


@pytest.fixture(scope="session")
def anonymiser() -> Anonymiser:
    """The anonymiser as shipped (built once; `default_anonymiser` caches it)."""
    return default_anonymiser()
