"""The production layout: two gateways, two engines, PostgreSQL and Redis, no sticky sessions.

As in deploy/compose.yml and docs/deployment.md: the engines share conversations
through Redis (tracker store holding no text, lock store), the gateways share what
conversations remember between turns (offered buttons, feedback offers, name
digests, the last topic) and their rate limits through Redis, and both write the
log to one PostgreSQL database. Turns of every conversation alternate between
gateway A (on engine 1) and gateway B (on engine 2); several conversations run at
once. Nothing is lost or crossed: every conversation walks its steps in order, a
button offered through one gateway is taken as a button by the other, a feedback
click is recorded whichever gateway took it, each turn is one row in PostgreSQL,
and Redis holds nothing that was typed.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator

import httpx
import pytest
import redis
from conftest import RASA_BIN, free_port
from db_helpers import wait_for_rows
from support import empty_redis

from bot.pseudonym import conversation_id
from bot.storage.db import Database
from bot.supervisor import Stack
from bot.training import model_path

pytestmark = pytest.mark.e2e
REDIS_DB = 3
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"
CONVERSATIONS = 4
TYPED_MARK = "Quetzalcoatl"  # typed into every conversation; must never reach Redis


@pytest.fixture(scope="module")
def layout(
    stack: Stack, postgres_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[list[str], Stack]]:
    """The two gateways' URLs (gateway i calls engine i), and one of them for its settings."""
    client = redis.Redis.from_url(empty_redis(REDIS_URL))
    os.environ.update({"REDIS_HOST": "127.0.0.1", "REDIS_PORT": "6379", "REDIS_DB": str(REDIS_DB)})
    engines, gateways = [], []
    try:
        for _ in range(2):
            settings = stack.settings.model_copy(
                update={"rasa_port": free_port(), "engine_endpoints": "deploy/endpoints.redis.yml"}
            )
            engine = Stack(settings, RASA_BIN, model_path(), tmp_path_factory.mktemp("engine"))
            engine.start_process("engine")
            engines.append(engine)
        for engine in engines:
            engine.wait_healthy("engine", timeout=300)
        for engine in engines:
            settings = engine.settings.model_copy(
                update={
                    "gateway_port": free_port(),
                    "database_url": postgres_url,
                    "gateway_memory_redis_url": REDIS_URL,
                    "rate_limit_redis_url": REDIS_URL,
                    "log_text": False,
                    "purge_in_gateway": False,
                }
            )
            gateway = Stack(settings, RASA_BIN, model_path(), tmp_path_factory.mktemp("gateway"))
            gateway.start_process("gateway")
            gateways.append(gateway)
        for gateway in gateways:
            gateway.wait_healthy("gateway", timeout=180)
        yield [g.settings.gateway_url for g in gateways], gateways[0]
    finally:
        for process in gateways + engines:
            process.stop()
        client.flushdb()


def _texts(reply: list[dict]) -> list[str]:
    return [m.get("text") or "" for m in reply]


def _buttons(reply: list[dict]) -> list[str]:
    return [b["payload"] for m in reply for b in m.get("buttons") or []]


async def conversation(client: httpx.AsyncClient, gateways: list[str], sender: str) -> dict:
    """One conversation, turn by turn on alternate gateways; what each step showed."""
    turn = 0

    async def say(message: str) -> tuple[list[dict], httpx.Headers]:
        nonlocal turn
        response = await client.post(
            f"{gateways[turn % 2]}/api/chat",
            json={"sender": sender, "message": message},
            timeout=120,
        )
        turn += 1
        assert response.status_code == 200, response.text
        return response.json(), response.headers

    seen: dict = {"intents": [], "steps": []}
    greeting, _ = await say("/greet")  # A
    assert "/role_practitioner" in _buttons(greeting)
    menu, headers = await say("/role_practitioner")  # B: a button A offered
    seen["intents"].append(headers["X-Eval-Intent"])
    assert "/start_safety_planning" in _buttons(menu)
    for message in (
        "/start_safety_planning",  # A: a button B offered
        f"controlling money, and he told {TYPED_MARK} to keep quiet",  # B
        "hurt her while she held the baby",  # A
        "kept the children's routines going",  # B
    ):
        reply, headers = await say(message)
        seen["intents"].append(headers["X-Eval-Intent"])
        seen["steps"].append(next((t[:11] for t in _texts(reply) if t.startswith("Step ")), ""))
    skip = next(p for p in _buttons(reply) if '"skip"' in p)
    reply, _ = await say(skip)  # A: the walkthrough's own button, offered by B
    seen["steps"].append(next((t[:11] for t in _texts(reply) if t.startswith("Step ")), ""))
    await say("stop")  # B
    question, _ = await say("what is a MARAC?")  # A
    offer = next((p for p in _buttons(question) if p.startswith("/feedback")), None)
    assert offer is not None, _texts(question)
    thanks, _ = await say(offer)  # B: a feedback offer A made
    seen["feedback"] = _texts(thanks)
    seen["turns"] = turn
    return seen


def test_conversations_alternate_between_gateways_and_engines_without_loss(
    layout: tuple[list[str], Stack], postgres_url: str
) -> None:
    gateways, one = layout
    senders = [f"layout-{uuid.uuid4().hex[:8]}" for _ in range(CONVERSATIONS)]

    async def run() -> list[dict]:
        async with httpx.AsyncClient() as client:
            return await asyncio.gather(*(conversation(client, gateways, s) for s in senders))

    for seen in asyncio.run(run()):
        assert seen["intents"][:2] == ["role_practitioner", "start_safety_planning"], seen
        assert seen["steps"] == [
            "Step 1 of 7", "Step 2 of 7", "Step 3 of 7", "Step 4 of 7", "Step 5 of 7"
        ], seen  # fmt: skip
        assert seen["feedback"] == ["Thank you, that's useful to know."]

    database = Database(postgres_url)
    try:
        ids = {conversation_id(s, one.settings.pseudonym_secret) for s in senders}
        id_list = ", ".join(f"'{i}'" for i in ids)
        # Every turn but the feedback click (answered by the gateway itself) is a row.
        turns = wait_for_rows(
            database,
            f"SELECT conversation_id FROM turns WHERE conversation_id IN ({id_list})",
            CONVERSATIONS * 9,
            timeout=30,
        )
        assert len(turns) == CONVERSATIONS * 9
        feedback = wait_for_rows(
            database,
            f"SELECT topic FROM feedback WHERE conversation_id IN ({id_list})",
            CONVERSATIONS,
            timeout=30,
        )
        assert {row[0] for row in feedback} == {"faq/marac_what"}
    finally:
        database.engine.dispose()

    client = redis.Redis.from_url(REDIS_URL)
    keys = client.keys("*")
    assert len([k for k in keys if k.startswith(b"assistant:gateway:")]) >= CONVERSATIONS
    assert len([k for k in keys if k.startswith(b"assistant") and b"gateway" not in k]) >= 4
    stored = b""
    for key in keys:
        kind = client.type(key)
        if kind == b"hash":
            stored += b" ".join(client.hgetall(key).values())
        elif kind == b"string":
            stored += client.get(key) or b""
        elif kind == b"list":
            stored += b" ".join(client.lrange(key, 0, -1))
    assert TYPED_MARK.encode() not in stored
    assert b"controlling money" not in stored
