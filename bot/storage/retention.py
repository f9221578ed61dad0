"""Retention: what the purge deletes, and when.

- Interaction-log rows older than LOG_RETENTION_DAYS (default 365) are deleted.
- The anonymised text of unanswered questions (kept only with LOG_TEXT=true) is
  cleared after LOG_TEXT_RETENTION_DAYS (default 30): the row stays, its text goes.
  With LOG_TEXT off, any text left from an earlier setting is cleared at once.
- Process logs in var/log: the supervisor starts each process on a fresh file and
  keeps the previous one with its start time in the name (`engine.<stamp>.log`);
  rotated files last written more than LOG_RETENTION_DAYS ago are deleted. They
  hold no message text (see `addons/engine_logging.yml`), but they are purged the
  same way as the rows they sit beside.

Run daily by the gateway, and on demand with `make purge` (`python -m bot.storage.retention`).
"""

from __future__ import annotations

import argparse
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, update

from bot.config import Settings
from bot.storage.db import Database, upgrade
from bot.storage.models import Conversation, Feedback, JourneyEvent, Turn

ROTATED_LOG = re.compile(r"^[a-z_-]+\.\d{8}T\d{6}Z(\.\d+)?\.log$")


def purge(
    database: Database, days: int, now: datetime | None = None, text_days: int | None = None
) -> dict[str, int]:
    """Delete rows older than `days` and clear text older than `text_days`, in one
    transaction; return rows deleted per table (and `turns.text` cleared)."""
    now = now or datetime.now(UTC)
    cutoff = now - timedelta(days=days)
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
        if text_days is not None:
            text_cutoff = now - timedelta(days=text_days)
            cleared = session.execute(
                update(Turn)
                .where(Turn.hour < text_cutoff, Turn.text.is_not(None))
                .values(text=None)
            )
            deleted["turns.text"] = cleared.rowcount or 0
    return deleted


def purge_logs(log_dir: Path, days: int, now: float | None = None) -> int:
    """Delete rotated process logs last written more than `days` ago; return how many."""
    if not log_dir.is_dir():
        return 0
    cutoff = (now or time.time()) - days * 24 * 60 * 60
    removed = 0
    for path in log_dir.iterdir():
        if ROTATED_LOG.match(path.name) and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def text_retention_days(settings: Settings) -> int:
    """How long question text is kept: LOG_TEXT_RETENTION_DAYS, or not at all without LOG_TEXT."""
    return settings.log_text_retention_days if settings.log_text else 0


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
        deleted = purge(database, days, text_days=text_retention_days(settings))
    finally:
        database.dispose()
    deleted["log files"] = purge_logs(settings.var_dir / "log", days)
    summary = ", ".join(f"{n} {table}" for table, n in deleted.items())
    print(
        f"Deleted log entries older than {days} days and question text older than "
        f"{text_retention_days(settings)} days: {summary}."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
