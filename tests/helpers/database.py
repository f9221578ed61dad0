"""Reading what the gateway wrote: the log is written off the request path, so wait for it."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import inspect

from bot.storage.db import Database


def wait_for_rows(database: Database, sql: str, count: int, timeout: float = 10.0) -> list[Any]:
    """Rows of `sql` once there are at least `count` (fails after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        with database.engine.connect() as connection:
            rows = list(connection.exec_driver_sql(sql))
        if len(rows) >= count or time.monotonic() > deadline:
            assert len(rows) >= count, f"expected {count} rows, found {len(rows)}"
            return rows
        time.sleep(0.05)


def dump_database(database: Database) -> str:
    """Every row of every table, as text: for checking that nothing identifying is stored."""
    lines = []
    with database.engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            lines += [str(r) for r in connection.exec_driver_sql(f'SELECT * FROM "{table}"')]
    return "\n".join(lines)
