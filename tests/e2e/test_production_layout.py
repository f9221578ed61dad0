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

The same processes show two more things, so that no test starts engines of its own:
- as on different hosts: the action server, engine 1 and gateway A each listen only
  on an address of their own (127.0.0.3, .2 and .4 are loopback addresses of their
  own on Linux) and reach each other by the configured addresses alone;
- the engine down: gateway B starts before engine 2, answers a clear 503 (and the
  crisis guidance to a crisis) while its engine is missing, and serves turns once
  the engine is up, without being restarted.
"""

from __future__ import annotations

import asyncio
import os
import socket
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest
import redis
from chat_client import Chat
from conftest import RASA_BIN, free_port
from helpers.database import wait_for_rows
from helpers.support import empty_redis

from bot.pseudonym import conversation_id
from bot.safety.messages import crisis_message_text
from bot.storage.db import Database
from bot.supervisor import Stack
from bot.training import model_path

pytestmark = pytest.mark.e2e
REDIS_DB = 3
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"
CONVERSATIONS = 4
TYPED_MARK = "Quetzalcoatl"  # typed into every conversation; must never reach Redis
ACTIONS_HOST = "127.0.0.3"
ENGINE_HOSTS = ("127.0.0.2", "127.0.0.1")  # engine 1, engine 2
GATEWAY_HOSTS = ("127.0.0.4", "127.0.0.1")  # gateway A, gateway B


@dataclass
class Layout:
    actions: Stack
    engines: list[Stack]
    gateways: list[Stack]
    # What gateway B answered before engine 2 was started.
    engine_missing: dict[str, httpx.Response] = field(default_factory=dict)

    @property
    def urls(self) -> list[str]:
        return [g.settings.gateway_url for g in self.gateways]


def wait_live(url: str, timeout: float = 180) -> None:
    """The gateway's process is serving (its /health is 503 while its engine is away)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/livez", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} not live after {timeout} s")


def probe_without_engine(url: str) -> dict[str, httpx.Response]:
    with httpx.Client(base_url=url, timeout=60) as client:
        return {
            "hello": client.post("/api/chat", json={"sender": "down-1", "message": "hello"}),
            "crisis": client.post(
                "/api/chat", json={"sender": "down-2", "message": "he's outside"}
            ),
            "health": client.get("/health"),
        }


@pytest.fixture(scope="module")
def layout(
    stack: Stack, postgres_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Layout]:
    client = redis.Redis.from_url(empty_redis(REDIS_URL))
    os.environ.update({"REDIS_HOST": "127.0.0.1", "REDIS_PORT": "6379", "REDIS_DB": str(REDIS_DB)})
    base = stack.settings.model_copy(
        update={
            "actions_host": ACTIONS_HOST,
            "actions_port": free_port(ACTIONS_HOST),
            "engine_endpoints": "deploy/endpoints.redis.yml",
        }
    )
    started = Layout(
        Stack(base, RASA_BIN, model_path(), tmp_path_factory.mktemp("actions")), [], []
    )
    try:
        started.actions.start_process("actions")
        for host in ENGINE_HOSTS:
            settings = base.model_copy(update={"engine_host": host, "rasa_port": free_port(host)})
            started.engines.append(
                Stack(settings, RASA_BIN, model_path(), tmp_path_factory.mktemp("engine"))
            )
        for engine, host in zip(started.engines, GATEWAY_HOSTS, strict=True):
            settings = engine.settings.model_copy(
                update={
                    "gateway_host": host,
                    "gateway_port": free_port(host),
                    "database_url": postgres_url,
                    "gateway_memory_redis_url": REDIS_URL,
                    "rate_limit_redis_url": REDIS_URL,
                    "log_text": False,
                    "purge_in_gateway": False,
                }
            )
            started.gateways.append(
                Stack(settings, RASA_BIN, model_path(), tmp_path_factory.mktemp("gateway"))
            )
        started.engines[0].start_process("engine")
        for gateway in started.gateways:
            gateway.start_process("gateway")
        wait_live(started.gateways[1].settings.gateway_url)
        started.engine_missing = probe_without_engine(started.gateways[1].settings.gateway_url)
        started.engines[1].start_process("engine")
        started.actions.wait_healthy("actions", timeout=120)
        for engine in started.engines:
            engine.wait_healthy("engine", timeout=300)
        for gateway in started.gateways:
            gateway.wait_healthy("gateway", timeout=180)
        yield started
    finally:
        for process in [*started.gateways, *started.engines, started.actions]:
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
    layout: Layout, postgres_url: str
) -> None:
    gateways, one = layout.urls, layout.gateways[0]
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


def refuses(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(2)
        return sock.connect_ex((host, port)) != 0


def test_each_process_on_its_own_address(layout: Layout) -> None:
    engine, gateway = layout.engines[0].settings, layout.gateways[0].settings
    assert gateway.rasa_url.startswith("http://127.0.0.2:")
    assert engine.actions_url.startswith("http://127.0.0.3:")
    with httpx.Client(base_url=gateway.gateway_url, timeout=60) as client:
        assert client.get("/readyz").json()["components"] == {
            "engine": "up", "actions": "up", "database": "up"
        }  # fmt: skip
        # A custom action ran: engine 1 reached the action server at its address.
        assert "Source" in Chat(client).say("what is coercive control?")[0]
    for name, host, port in (
        ("engine", ENGINE_HOSTS[0], engine.rasa_port),
        ("actions", ACTIONS_HOST, engine.actions_port),
        ("gateway", GATEWAY_HOSTS[0], gateway.gateway_port),
    ):
        assert not refuses(host, port), name
        assert refuses("127.0.0.1", port), f"{name} also listens on 127.0.0.1"


def test_engine_missing_is_a_503_with_a_human_message_then_recovers(layout: Layout) -> None:
    seen = layout.engine_missing
    assert seen["hello"].status_code == 503
    body = seen["hello"].json()
    assert body["error"] == "engine_unavailable"
    assert "try again" in body["message"] and "999" in body["message"]
    assert seen["crisis"].status_code == 503
    assert seen["crisis"].json()["messages"][0]["text"] == crisis_message_text()
    assert seen["health"].status_code == 503
    assert "engine" in seen["health"].json()["down"]
    # The same gateway process, now that its engine is up.
    url = layout.gateways[1].settings.gateway_url
    reply = httpx.post(f"{url}/api/chat", json={"sender": "down-3", "message": "hello"}, timeout=60)
    assert reply.status_code == 200, reply.text
    assert "Safe & Together" in reply.json()[0]["text"]
