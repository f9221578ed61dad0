"""Log entries that could not be written when the gateway stopped, kept on local disk.

If the database is down when a gateway stops, what is still queued in memory is
written here (JSON lines, one file per stop, 0600 in a 0700 folder under var/)
and read back when a gateway starts in the same place, to be written like any
other entry. Entries carry their own ids and the writer is idempotent, so an
entry read back twice is stored once. A file is deleted once everything read
from it has been written.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import asdict, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.private_files import private_dir, write_private
from bot.storage.interactions import Entry, FeedbackEntry, TurnEntry

logger = logging.getLogger(__name__)
PATTERN = "log-spill-*.jsonl"
_KINDS: dict[str, type] = {"turn": TurnEntry, "feedback": FeedbackEntry}


def _line(entry: Entry) -> str:
    data = asdict(entry)
    data["moment"] = entry.moment.isoformat()
    data["kind"] = "turn" if isinstance(entry, TurnEntry) else "feedback"
    return json.dumps(data, separators=(",", ":"))


def _entry(data: dict[str, Any]) -> Entry:
    cls = _KINDS[data.pop("kind")]
    known = {f.name for f in fields(cls)}
    values = {k: v for k, v in data.items() if k in known}
    values["moment"] = datetime.fromisoformat(values["moment"])
    if "anonymised" in values:
        values["anonymised"] = tuple(values["anonymised"] or ())
    return cls(**values)


def spill(entries: list[Entry], folder: Path) -> Path | None:
    """Write `entries` to a new private file in `folder`; None if there are none."""
    if not entries:
        return None
    private_dir(folder)
    path = folder / f"log-spill-{uuid.uuid4().hex}.jsonl"
    write_private(path, "".join(_line(e) + "\n" for e in entries))
    return path


def load(folder: Path) -> tuple[list[Path], list[Entry]]:
    """Every spilled entry in `folder`, and the files they came from. A line that cannot
    be read is skipped and counted in the log, never fatal."""
    paths = sorted(folder.glob(PATTERN)) if folder.is_dir() else []
    entries: list[Entry] = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            try:
                entries.append(_entry(json.loads(line)))
            except (ValueError, KeyError, TypeError):
                logger.warning("skipped unreadable line %d of a log spill file", number)
    return paths, entries
