"""Storage on SQLite and on a real PostgreSQL server: migrations and the conversation store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from bot.storage.conversations import ConversationStore, hour_bucket
from bot.storage.db import Database, normalise_url, upgrade
from bot.storage.models import Base


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    upgrade(database_url)
    db = Database(database_url)
    yield db
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM conversations")
    db.dispose()


def test_migrations_build_exactly_the_models_schema(database: Database) -> None:
    with database.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_migrations_are_idempotent(database_url: str, database: Database) -> None:
    upgrade(database_url)
    assert "conversations" in inspect(database.engine).get_table_names()


def test_first_turn_creates_then_later_turns_update(database: Database) -> None:
    store = ConversationStore(database)
    start = datetime(2026, 11, 20, 16, 47, 12, tzinfo=UTC)
    store.record_turn("c1", None, start)
    store.record_turn("c1", "practitioner", start.replace(hour=17, minute=5))
    store.record_turn("c1", None, start.replace(hour=17, minute=30))
    row = store.get("c1")
    assert row is not None
    assert row.turns == 3
    assert row.role == "practitioner"  # a turn without a role does not erase it
    assert row.started_hour.replace(tzinfo=UTC) == datetime(2026, 11, 20, 16, tzinfo=UTC)
    assert row.last_active_hour.replace(tzinfo=UTC) == datetime(2026, 11, 20, 17, tzinfo=UTC)


def test_unknown_roles_are_not_stored(database: Database) -> None:
    store = ConversationStore(database)
    store.record_turn("c2", "Jane Smith", datetime.now(UTC))
    row = store.get("c2")
    assert row is not None and row.role is None


def test_ping(database: Database) -> None:
    assert database.ping()


def test_ping_is_false_when_unreachable() -> None:
    db = Database("postgresql://nobody@127.0.0.1:1/none")
    assert not db.ping()
    db.dispose()


def test_hour_bucket_drops_minutes_and_converts_to_utc() -> None:
    from datetime import timedelta, timezone

    bst = timezone(timedelta(hours=1))
    assert hour_bucket(datetime(2026, 6, 1, 9, 59, tzinfo=bst)) == datetime(
        2026, 6, 1, 8, tzinfo=UTC
    )


def test_plain_postgresql_urls_use_psycopg3() -> None:
    assert normalise_url("postgresql://u:p@h/db").startswith("postgresql+psycopg://")
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
