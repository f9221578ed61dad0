"""Storage on SQLite and on a real PostgreSQL server: migrations and the conversation store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from bot.storage.conversations import as_utc, hour_bucket
from bot.storage.db import Database, normalise_url, upgrade
from bot.storage.interactions import FeedbackEntry, InteractionStore, TurnEntry
from bot.storage.models import Base, Conversation, Feedback, JourneyEvent, Turn
from bot.storage.retention import purge, purge_logs


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
        for table in ("turns", "feedback", "journey_events", "conversations"):
            connection.exec_driver_sql(f"DELETE FROM {table}")
    db.dispose()


def test_migrations_build_exactly_the_models_schema(database: Database) -> None:
    with database.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_migrations_are_idempotent(database_url: str, database: Database) -> None:
    upgrade(database_url)
    assert "conversations" in inspect(database.engine).get_table_names()


def _turn(cid: str, moment: datetime, **fields: object) -> TurnEntry:
    return TurnEntry(conversation_id=cid, moment=moment, latency_ms=120, **fields)  # type: ignore[arg-type]


def test_first_turn_creates_the_conversation_then_later_turns_update_it(
    database: Database,
) -> None:
    store = InteractionStore(database)
    start = datetime(2026, 11, 20, 16, 47, 12, tzinfo=UTC)
    store.write([_turn("c1", start)])
    store.write([_turn("c1", start.replace(hour=17, minute=5), role="practitioner")])
    store.write([_turn("c1", start.replace(hour=17, minute=30))])
    with database.session() as session:
        row = session.get(Conversation, "c1")
        assert row is not None
        assert row.turns == 3
        assert row.role == "practitioner"  # a turn without a role does not erase it
        assert as_utc(row.started_hour) == datetime(2026, 11, 20, 16, tzinfo=UTC)
        assert as_utc(row.last_active_hour) == datetime(2026, 11, 20, 17, tzinfo=UTC)
        assert session.query(Turn).count() == 3


def test_unknown_roles_are_not_stored(database: Database) -> None:
    InteractionStore(database).write([_turn("c2", datetime.now(UTC), role="Jane Smith")])
    with database.session() as session:
        assert session.get(Conversation, "c2").role is None  # type: ignore[union-attr]
        assert session.query(Turn).one().role is None


def test_a_turn_is_stored_with_categories_only(database: Database) -> None:
    entry = _turn(
        "c3",
        datetime(2026, 11, 20, 9, 12, tzinfo=UTC),
        intent="faq",
        confidence=0.88,
        topic="faq/dash_checklist",
        action="utter_faq/dash_checklist",
        anonymised=("PHONE", "PERSON"),
    )
    InteractionStore(database).write([entry])
    with database.session() as session:
        row = session.query(Turn).one()
        assert (row.topic, row.anonymised, row.text) == ("faq/dash_checklist", "PERSON,PHONE", None)
        assert as_utc(row.hour) == datetime(2026, 11, 20, 9, tzinfo=UTC)


def test_writing_a_batch_twice_stores_it_once(database: Database) -> None:
    """A retry after a write whose reply was lost must not double-count."""
    outcome = {"id": "a" * 32, "journey": "safety_planning", "completed": True, "outcome": "marac"}
    batch: list = [
        _turn("c4", datetime.now(UTC), journey_outcome=outcome),
        _turn("c4", datetime.now(UTC), journey_outcome=outcome),  # the slot stays set
        FeedbackEntry("c4", datetime.now(UTC), "faq/dash_checklist", True),
    ]
    store = InteractionStore(database)
    store.write(batch)
    store.write(batch)
    with database.session() as session:
        assert session.query(Turn).count() == 2
        assert session.get(Conversation, "c4").turns == 2  # type: ignore[union-attr]
        assert session.query(JourneyEvent).count() == 1
        assert session.query(Feedback).count() == 1


def test_invalid_journey_outcomes_are_ignored(database: Database) -> None:
    bad = [
        {"id": "not-hex", "journey": "safety_planning"},
        {"id": "b" * 32, "journey": "Jane's visit"},
        {
            "id": "c" * 32,
            "journey": "safety_planning",
            "outcome": "Jane Smith",
            "criteria": ["x y"],
        },
    ]
    InteractionStore(database).write(
        [_turn("c5", datetime.now(UTC), journey_outcome=o) for o in bad]
    )
    with database.session() as session:
        events = session.query(JourneyEvent).all()
        assert [(e.id, e.outcome, e.criteria) for e in events] == [("c" * 32, None, None)]


def test_purge_deletes_only_what_is_older_than_retention(database: Database) -> None:
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    old, recent = now - timedelta(days=400), now - timedelta(days=10)
    outcome = {"id": "d" * 32, "journey": "referral_pathway", "completed": True}
    InteractionStore(database).write(
        [
            _turn("old", old, journey_outcome=outcome),
            FeedbackEntry("old", old, "faq/dash_checklist", False),
            _turn("new", recent),
            FeedbackEntry("new", recent, "faq/dash_checklist", True),
        ]
    )
    deleted = purge(database, 365, now)
    assert deleted == {"turns": 1, "feedback": 1, "journey_events": 1, "conversations": 1}
    with database.session() as session:
        assert [t.conversation_id for t in session.query(Turn)] == ["new"]
        assert [c.id for c in session.query(Conversation)] == ["new"]
        assert session.query(Feedback).one().helpful is True


def test_purge_clears_question_text_after_its_own_shorter_retention(database: Database) -> None:
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    InteractionStore(database).write(
        [
            _turn("a", now - timedelta(days=40), text="what about <PERSON>", fallback=True),
            _turn("b", now - timedelta(days=5), text="what is the DASH", fallback=True),
        ]
    )
    deleted = purge(database, 365, now, text_days=30)
    assert deleted["turns"] == 0 and deleted["turns.text"] == 1
    with database.session() as session:
        texts = {t.conversation_id: t.text for t in session.query(Turn)}
    assert texts == {"a": None, "b": "what is the DASH"}


def test_purge_deletes_rotated_process_logs_past_retention(tmp_path: Path) -> None:
    import os
    import time

    old, recent = tmp_path / "engine.20250101T000000Z.log", tmp_path / "engine.20261120T000000Z.log"
    current, other = tmp_path / "engine.log", tmp_path / "notes.txt"
    for path in (old, recent, current, other):
        path.write_text("x")
    long_ago = time.time() - 400 * 86400
    for path in (old, current, other):
        os.utime(path, (long_ago, long_ago))
    assert purge_logs(tmp_path, 365) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [recent.name, current.name, other.name]
    )


def test_ping(database: Database) -> None:
    assert database.ping()


def test_ping_is_false_when_unreachable() -> None:
    db = Database("postgresql://nobody@127.0.0.1:1/none")
    assert not db.ping()
    db.dispose()


def test_hour_bucket_drops_minutes_and_converts_to_utc() -> None:
    from datetime import timezone

    bst = timezone(timedelta(hours=1))
    assert hour_bucket(datetime(2026, 6, 1, 9, 59, tzinfo=bst)) == datetime(
        2026, 6, 1, 8, tzinfo=UTC
    )


def test_plain_postgresql_urls_use_psycopg3() -> None:
    assert normalise_url("postgresql://u:p@h/db").startswith("postgresql+psycopg://")
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_without_log_text_any_text_left_is_cleared_at_once(tmp_path: Path) -> None:
    from helpers.support import make_settings

    from bot.storage.retention import text_retention_days

    assert text_retention_days(make_settings(tmp_path)) == 0
    assert text_retention_days(make_settings(tmp_path, log_text=True)) == 30
    assert text_retention_days(make_settings(tmp_path, log_text_retention_days=7)) == 0
