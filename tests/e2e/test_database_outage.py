"""The database stops mid-conversation: the chat carries on and no log entry is lost.

Real parts throughout: the trained engine and action server from the shared
stack, a gateway built by `create_app`, and a PostgreSQL server of this test's
own that is really stopped and started again.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import free_port
from fastapi.testclient import TestClient
from helpers.private_postgres import PrivatePostgres
from helpers.support import make_settings

from bot.gateway.app import create_app
from bot.pseudonym import conversation_id
from bot.storage.db import Database
from bot.supervisor import Stack

pytestmark = pytest.mark.e2e

QUESTIONS = [
    "hello",
    "I work with families",
    "what is the dash checklist",
    "who should I contact about a high risk case",
    "thanks",
]


@pytest.fixture
def postgres() -> Iterator[PrivatePostgres]:
    # Not under pytest's temporary folder: that is private to root, and the server
    # runs as the postgres user.
    folder = Path(tempfile.mkdtemp(prefix="assistant-pg-"))
    server = PrivatePostgres(folder, free_port())
    if not server.available:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL's server programs are required (Debian: postgresql)")
        pytest.skip("PostgreSQL's server programs are not installed")
    server.init()
    server.start()
    try:
        yield server
    finally:
        with contextlib.suppress(Exception):
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _turns(url: str, cid: str) -> int:
    database = Database(url)
    try:
        with database.engine.connect() as connection:
            return connection.exec_driver_sql(
                "SELECT count(*) FROM turns WHERE conversation_id = %s", (cid,)
            ).scalar_one()
    finally:
        database.dispose()


def _wait_for_turns(url: str, cid: str, expected: int, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    found = -1
    while time.monotonic() < deadline:
        try:
            found = _turns(url, cid)
        except Exception:
            found = -1
        if found >= expected:
            return found
        time.sleep(0.2)
    return found


def test_chat_continues_and_the_log_catches_up(
    postgres: PrivatePostgres, stack: Stack, tmp_path
) -> None:
    settings = make_settings(
        tmp_path,
        database_url=postgres.url,
        rasa_port=stack.settings.rasa_port,
        actions_port=stack.settings.actions_port,
        engine_channel_secret=stack.settings.engine_channel_secret,
    )
    sender = f"outage-{uuid.uuid4().hex[:8]}"
    cid = conversation_id(sender, settings.pseudonym_secret)
    with TestClient(create_app(settings)) as gateway:

        def say(text: str) -> list[dict]:
            response = gateway.post("/api/chat", json={"sender": sender, "message": text})
            assert response.status_code == 200, response.text
            assert response.json(), text
            return response.json()

        say(QUESTIONS[0])
        assert _wait_for_turns(postgres.url, cid, 1) == 1

        postgres.stop()
        assert gateway.get("/health").json()["down"] == ["database"]
        for text in QUESTIONS[1:]:
            say(text)  # replies as normal while the database is away
        time.sleep(1)  # let the writer try, fail and keep the entries

        postgres.start()
        assert _wait_for_turns(postgres.url, cid, len(QUESTIONS)) == len(QUESTIONS)
        assert gateway.get("/health").status_code == 200

    database = Database(postgres.url)
    try:
        with database.engine.connect() as connection:
            turns = connection.exec_driver_sql(
                "SELECT turns FROM conversations WHERE id = %s", (cid,)
            ).scalar_one()
    finally:
        database.dispose()
    assert turns == len(QUESTIONS)  # counted once each: no lost and no doubled rows
