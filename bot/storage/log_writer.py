"""Writes the interaction log off the request path, and keeps entries while the database is down.

A conversation never waits for the database: the gateway hands entries to
`put()`, which only appends to memory. A background task writes them in
batches. If a write fails, the batch stays at the front of the queue and is
retried with a growing pause, so nothing is lost while the database is away
(up to `capacity` entries; past that the oldest are dropped and counted,
because memory is finite and the conversation matters more). With `spill_dir`,
entries still unwritten when the writer stops are kept on local disk and read
back when it next starts (`bot.storage.spill`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable
from pathlib import Path

from starlette.concurrency import run_in_threadpool

from bot.storage import spill
from bot.storage.interactions import Entry, InteractionStore

logger = logging.getLogger(__name__)


class LogWriter:
    def __init__(
        self,
        store: InteractionStore,
        *,
        prepare: Callable[[], None] | None = None,
        capacity: int = 100_000,
        batch_size: int = 200,
        interval: float = 0.25,
        max_backoff: float = 10.0,
        spill_dir: Path | None = None,
    ) -> None:
        self._store = store
        self._prepare = prepare
        self._prepared = prepare is None
        self._queue: deque[Entry] = deque()
        self._capacity = capacity
        self._batch_size = batch_size
        self._interval = interval
        self._max_backoff = max_backoff
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.dropped = 0
        self.failures = 0
        self._spill_dir = spill_dir
        self._spilled: list[Path] = []  # read back at start; deleted once written

    @property
    def pending(self) -> int:
        return len(self._queue)

    def put(self, entry: Entry) -> None:
        """Queue an entry; never blocks and never raises."""
        if len(self._queue) >= self._capacity:
            self._queue.popleft()
            self.dropped += 1
        self._queue.append(entry)
        if len(self._queue) >= self._batch_size:
            self._wake.set()

    def start(self) -> None:
        if self._spill_dir is not None:
            self._spilled, entries = spill.load(self._spill_dir)
            for entry in entries:
                self.put(entry)
            if entries:
                logger.warning("read back %d log entries kept at the last stop", len(entries))
        self._task = asyncio.create_task(self._run(), name="interaction-log-writer")

    async def stop(self, timeout: float = 5.0) -> None:
        """Stop the background task and make a last attempt to write what is queued."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.flush(), timeout)
        if self._queue and self._spill_dir is not None:
            path = spill.spill(list(self._queue), self._spill_dir)
            logger.warning("kept %d unwritten log entries on disk until the next start",
                           len(self._queue))  # fmt: skip
            self._queue.clear()
            self._forget_spilled(keep=path)
        elif self._queue:
            logger.warning("stopping with %d log entries unwritten", len(self._queue))

    async def flush(self) -> bool:
        """Write everything queued. False (with the entries kept) if the database failed."""
        while self._queue:
            if not await self._write_batch():
                return False
        self._forget_spilled()
        return True

    def _forget_spilled(self, keep: Path | None = None) -> None:
        """Delete the spill files read at start: their entries are written (or re-spilled)."""
        for path in self._spilled:
            if path != keep:
                path.unlink(missing_ok=True)
        self._spilled = []

    async def _write_batch(self) -> bool:
        batch = [self._queue[i] for i in range(min(self._batch_size, len(self._queue)))]
        dropped_before = self.dropped
        try:
            if not self._prepared:
                await run_in_threadpool(self._prepare)  # type: ignore[arg-type]
                self._prepared = True
            await run_in_threadpool(self._store.write, batch)
        except Exception as exc:
            self.failures += 1
            logger.warning(
                "log write failed, keeping %d entries: %s", len(self._queue), type(exc).__name__
            )
            return False
        # Only now remove them: entries added meanwhile went to the back of the queue,
        # and any dropped meanwhile for lack of room came off the front (this batch).
        for _ in range(max(len(batch) - (self.dropped - dropped_before), 0)):
            self._queue.popleft()
        return True

    async def _run(self) -> None:
        backoff = self._interval
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), backoff)
            self._wake.clear()
            if await self.flush():
                backoff = self._interval
            else:
                backoff = min(max(backoff * 2, 0.5), self._max_backoff)
