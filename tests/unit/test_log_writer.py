"""The log writer keeps entries while the database is down and writes them when it returns."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from bot.storage.db import Database, upgrade
from bot.storage.interactions import Entry, FeedbackEntry, InteractionStore, TurnEntry
from bot.storage.log_writer import LogWriter
from bot.storage.models import Feedback, Turn


class FlakyStore(InteractionStore):
    """A real SQLite store that fails while `down` is set, as a stopped server would."""

    down = False

    def write(self, entries: list[Entry]) -> None:
        if self.down:
            raise OperationalError("INSERT", {}, ConnectionRefusedError("database is down"))
        super().write(entries)


@pytest.fixture
def database(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'log.db'}"
    upgrade(url)
    db = Database(url)
    yield db
    db.dispose()


async def _until(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Wait for the writer's background task (polled, not a fixed sleep: CI trains a
    model on the other core while these run)."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "the writer did not get there"
        await asyncio.sleep(0.01)


def _entry(i: int) -> TurnEntry:
    return TurnEntry(conversation_id=f"c{i % 3}", moment=datetime.now(UTC), latency_ms=i)


def _stored(database: Database) -> list[int]:
    with database.session() as session:
        return sorted(t.latency_ms for t in session.query(Turn))


def test_entries_survive_an_outage_and_are_written_once_in_order(database: Database) -> None:
    async def scenario() -> None:
        store = FlakyStore(database)
        writer = LogWriter(store, interval=0.01, max_backoff=0.05, batch_size=4)
        writer.start()
        for i in range(5):
            writer.put(_entry(i))
        await _until(lambda: writer.pending == 0)
        assert _stored(database) == [0, 1, 2, 3, 4]

        store.down = True
        for i in range(5, 15):
            writer.put(_entry(i))
        await _until(lambda: writer.failures > 1)
        assert writer.pending == 10
        assert _stored(database) == [0, 1, 2, 3, 4]

        store.down = False
        await _until(lambda: writer.pending == 0)
        await writer.stop()

    asyncio.run(scenario())
    assert _stored(database) == list(range(15))


def test_put_never_blocks_and_the_oldest_go_first_when_full(database: Database) -> None:
    async def scenario() -> None:
        store = FlakyStore(database)
        store.down = True
        writer = LogWriter(store, capacity=3)
        for i in range(5):
            writer.put(_entry(i))
        assert writer.pending == 3 and writer.dropped == 2
        store.down = False
        assert await writer.flush()

    asyncio.run(scenario())
    assert _stored(database) == [2, 3, 4]


def test_stop_writes_what_is_queued(database: Database) -> None:
    async def scenario() -> None:
        writer = LogWriter(InteractionStore(database), interval=60)
        writer.start()
        writer.put(_entry(7))
        await writer.stop()

    asyncio.run(scenario())
    assert _stored(database) == [7]


def test_schema_is_prepared_before_the_first_write_when_start_up_could_not(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'late.db'}"
    database = Database(url)
    calls: list[str] = []

    def prepare() -> None:
        calls.append("upgrade")
        upgrade(url)

    async def scenario() -> None:
        writer = LogWriter(InteractionStore(database), prepare=prepare)
        writer.put(_entry(1))
        writer.put(_entry(2))
        assert await writer.flush()
        writer.put(_entry(3))
        assert await writer.flush()

    asyncio.run(scenario())
    assert calls == ["upgrade"]
    assert _stored(database) == [1, 2, 3]
    database.dispose()


def test_entries_unwritten_at_stop_are_kept_on_disk_and_written_at_the_next_start(
    database: Database, tmp_path: Path
) -> None:
    spool = tmp_path / "spool"
    now = datetime.now(UTC)
    feedback = FeedbackEntry(conversation_id="c9", moment=now, topic="faq/x", helpful=True)
    turn = TurnEntry(conversation_id="c1", moment=now, latency_ms=7, anonymised=("PERSON",))

    async def first_gateway() -> None:
        store = FlakyStore(database)
        store.down = True
        writer = LogWriter(store, interval=0.01, max_backoff=0.05, spill_dir=spool)
        writer.start()
        writer.put(turn)
        writer.put(feedback)
        await writer.stop(timeout=0.2)

    asyncio.run(first_gateway())
    [kept] = list(spool.glob("log-spill-*.jsonl"))
    assert oct(kept.stat().st_mode & 0o777) == "0o600"
    assert oct(spool.stat().st_mode & 0o777) == "0o700"
    assert _stored(database) == []

    async def next_gateway(down: bool) -> None:
        store = FlakyStore(database)
        store.down = down
        writer = LogWriter(store, interval=0.01, max_backoff=0.05, spill_dir=spool)
        writer.start()
        assert writer.pending == 2
        await asyncio.sleep(0.1)
        await writer.stop(timeout=0.2)

    asyncio.run(next_gateway(down=True))  # still down: kept again, in one file
    assert len(list(spool.glob("log-spill-*.jsonl"))) == 1
    asyncio.run(next_gateway(down=False))
    assert _stored(database) == [7]
    with database.session() as session:
        assert [f.topic for f in session.query(Feedback)] == ["faq/x"]
    assert list(spool.glob("log-spill-*.jsonl")) == []
