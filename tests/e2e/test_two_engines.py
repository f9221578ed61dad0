"""Two engine processes sharing Redis serve the same conversations.

The production layout (deploy/endpoints.redis.yml): Redis as Rasa's tracker and
lock store. Turns of one walkthrough alternate between the two engines, and
several conversations run at once: no lost or crossed turns.
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

from bot.supervisor import Stack
from bot.training import model_path

pytestmark = pytest.mark.e2e
REDIS_DB = "3"


@pytest.fixture(scope="module")
def engines(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    try:
        client = redis.Redis(host="127.0.0.1", port=6379, db=int(REDIS_DB))
        client.flushdb()
    except redis.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required on 127.0.0.1:6379: {exc}")
        pytest.skip("no Redis on 127.0.0.1:6379")
    os.environ.update(
        {
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": "6379",
            "REDIS_DB": REDIS_DB,
            "ENGINE_CHANNEL_SECRET": stack.settings.engine_channel_secret,
        }
    )
    stacks = []
    for _ in range(2):
        settings = stack.settings.model_copy(
            update={"rasa_port": free_port(), "engine_endpoints": "deploy/endpoints.redis.yml"}
        )
        engine = Stack(settings, RASA_BIN, model_path(), tmp_path_factory.mktemp("engine"))
        engine.start_process("engine")
        stacks.append(engine)
    try:
        for engine in stacks:
            engine.wait_healthy("engine", timeout=300)
        yield [f"{s.settings.rasa_url}/webhooks/gateway/webhook" for s in stacks]
    finally:
        for engine in stacks:
            engine.stop_process("engine")
        client.flushdb()


WALKTHROUGH = [
    ("/start_safety_planning", "Step 1 of 7"),
    ("controlling money", "Step 2 of 7"),
    ("hurt her while she held the baby", "Step 3 of 7"),
    ("kept the children's routines going", "Step 4 of 7"),
    ("fear and anxiety", "Step 5 of 7"),
]


async def walkthrough(client: httpx.AsyncClient, engines: list[str], sender: str) -> list[str]:
    """One conversation, alternating engines turn by turn; returns the step each reply asked."""
    asked = []
    for turn, (message, _) in enumerate(WALKTHROUGH):
        response = await client.post(
            engines[turn % 2],
            json={"sender": sender, "message": message},
            headers={"X-Engine-Secret": os.environ["ENGINE_CHANNEL_SECRET"]},
            timeout=120,
        )
        texts = [m.get("text", "") for m in response.json()["messages"]]
        asked.append(next((t.splitlines()[0] for t in texts if t.startswith("Step ")), ""))
    return asked


def test_conversations_alternate_between_engines_without_lost_or_crossed_turns(
    engines: list[str],
) -> None:
    async def run() -> list[list[str]]:
        async with httpx.AsyncClient() as client:
            senders = [f"two-{uuid.uuid4().hex[:8]}" for _ in range(4)]
            return await asyncio.gather(*(walkthrough(client, engines, s) for s in senders))

    for asked in asyncio.run(run()):
        assert [a[:11] for a in asked] == [expected for _, expected in WALKTHROUGH]
    keys = redis.Redis(host="127.0.0.1", port=6379, db=int(REDIS_DB)).keys("assistant*")
    assert len([k for k in keys if not k.startswith(b"assistantlock")]) >= 4
