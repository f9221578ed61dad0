"""Deleting log entries older than LOG_RETENTION_DAYS.

Run daily by the gateway, and on demand with `make purge` (`python -m bot.storage.retention`).
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete

from bot.storage.db import Database, upgrade
from bot.storage.models import Conversation, Feedback, JourneyEvent, Turn


def purge(database: Database, days: int, now: datetime | None = None) -> dict[str, int]:
    """Delete everything older than `days`, in one transaction; return rows deleted per table."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    deleted: dict[str, int] = {}
    with database.session() as session, session.begin():
        for table, column in (
            (Turn, Turn.hour),
            (Feedback, Feedback.hour),
            (JourneyEvent, JourneyEvent.hour),
            (Conversation, Conversation.last_active_hour),
        ):
            result = session.execute(delete(table).where(column < cutoff))
            deleted[table.__tablename__] = result.rowcount or 0
    return deleted


def main(argv: list[str] | None = None) -> int:
    from bot.config import load_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, help="override LOG_RETENTION_DAYS")
    args = parser.parse_args(argv)
    settings = load_settings()
    days = args.days or settings.log_retention_days
    upgrade(settings.database_url)
    database = Database(settings.database_url)
    try:
        deleted = purge(database, days)
    finally:
        database.dispose()
    summary = ", ".join(f"{n} {table}" for table, n in deleted.items())
    print(f"Deleted log entries older than {days} days: {summary}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
