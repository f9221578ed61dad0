"""The engine's tracker stores keep no text and forget idle conversations.

The scrubbing is pure (`bot.tracker_scrub`) and tested here directly; the stores
themselves run in the engine's own Python (Rasa 3.6), in a subprocess.
"""

from __future__ import annotations

import json
import subprocess
from types import SimpleNamespace

import pytest

from bot.config import PROJECT_ROOT
from bot.tracker_scrub import REMOVED, private_slot_names, scrub_dialogue

ENGINE_PYTHON = PROJECT_ROOT / ".venv-engine" / "bin" / "python"
SECRET = "Zuleika 07700 900871"


def dialogue() -> dict:
    return {
        "name": "c1",
        "events": [
            {"event": "action", "name": "action_listen"},
            {
                "event": "user",
                "text": f"answer {SECRET}",
                "parse_data": {
                    "text": f"answer {SECRET}",
                    "intent": {"name": "walkthrough_answer", "confidence": 1.0},
                    "entities": [{"entity": "answer", "value": SECRET, "start": 0, "end": 5}],
                },
                "metadata": {"x": SECRET},
                "message_id": "m1",
            },
            {"event": "slot", "name": "sp_pattern", "value": f"first {SECRET}"},
            {"event": "slot", "name": "sp_pattern", "value": "second answer"},
            {"event": "slot", "name": "coach_text", "value": SECRET},
            {"event": "slot", "name": "coach_text", "value": None},
            {"event": "slot", "name": "role", "value": "practitioner"},
            {"event": "slot", "name": "role", "value": "school_dsl"},
            {"event": "slot", "name": "requested_slot", "value": "sp_pattern"},
            {
                "event": "bot",
                "text": f"Summary: {SECRET}",
                "data": {"buttons": [{"payload": "/x"}], "custom": {"markdown": SECRET}},
                "metadata": {"utter_action": "utter_summary"},
            },
        ],
    }


def test_user_and_bot_text_and_old_free_text_values_are_removed() -> None:
    current = {"sp_pattern": "second answer", "coach_text": None, "role": "school_dsl"}
    scrubbed = scrub_dialogue(dialogue(), current, frozenset({"sp_pattern", "coach_text"}))
    dump = json.dumps(scrubbed)
    assert "Zuleika" not in dump and "900871" not in dump
    events = scrubbed["events"]
    user = events[1]
    assert user["text"] == "" and user["parse_data"]["text"] == ""
    assert user["parse_data"]["intent"]["name"] == "walkthrough_answer"
    assert user["parse_data"]["entities"][0]["entity"] == "answer"
    assert user["message_id"] == "m1"
    slots = [(e["name"], e["value"]) for e in events if e["event"] == "slot"]
    assert slots == [
        ("sp_pattern", REMOVED),  # superseded
        ("sp_pattern", "second answer"),  # current: the walkthrough still needs it
        ("coach_text", REMOVED),  # cleared since
        ("coach_text", None),
        ("role", "practitioner"),  # influences the dialogue: untouched
        ("role", "school_dsl"),
        ("requested_slot", "sp_pattern"),
    ]
    assert events[-1]["metadata"]["utter_action"] == "utter_summary"
    assert events[-1]["text"] is None and events[-1]["data"] == {}


def test_after_stop_no_answer_is_left() -> None:
    current = {"sp_pattern": None}
    scrubbed = scrub_dialogue(dialogue(), current, frozenset({"sp_pattern", "coach_text"}))
    values = [e["value"] for e in scrubbed["events"] if e.get("name") == "sp_pattern"]
    assert values == [REMOVED, REMOVED]


def test_private_slots_are_free_text_slots_that_do_not_steer_the_dialogue() -> None:
    slots = [
        SimpleNamespace(name="sp_pattern", type_name="any", influence_conversation=False),
        SimpleNamespace(name="coach_text", type_name="text", influence_conversation=False),
        SimpleNamespace(name="role", type_name="categorical", influence_conversation=True),
        SimpleNamespace(name="flag", type_name="text", influence_conversation=True),
        SimpleNamespace(name="requested_slot", type_name="any", influence_conversation=False),
    ]
    assert private_slot_names(slots) == {"sp_pattern", "coach_text"}


STORE_CHECK = r"""
import asyncio, json, sys, time
from rasa.core.tracker_store import TrackerStore
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered, SlotSet, BotUttered, ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

domain = Domain.load("domain")
endpoints = AvailableEndpoints.read_endpoints("endpoints.yml")
store = TrackerStore.create(endpoints.tracker_store, domain)
inner = getattr(store, "_tracker_store", store)
assert type(inner).__name__ == "PrivateInMemoryTrackerStore", type(inner)
assert inner.expiry_seconds == 7 * 60, inner.expiry_seconds
SECRET = sys.argv[1]

async def main():
    tracker = DialogueStateTracker("c1", domain.slots)
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered(SECRET, {"name": "walkthrough_answer", "confidence": 1.0},
                               [{"entity": "answer", "value": SECRET}]))
    tracker.update(SlotSet("sp_pattern", "ANSWER-1"))
    tracker.update(BotUttered("You said " + SECRET, metadata={"utter_action": "utter_x"}))
    await store.save(tracker)
    raw = inner.store["c1"]
    assert SECRET not in raw, raw
    back = await store.retrieve("c1")
    assert back.get_slot("sp_pattern") == "ANSWER-1"  # still needed by the walkthrough
    tracker.update(SlotSet("sp_pattern", None))  # "stop"
    await store.save(tracker)
    assert "ANSWER-1" not in inner.store["c1"]
    back = await store.retrieve("c1")
    assert back.latest_message.intent["name"] == "walkthrough_answer"
    assert back.get_slot("sp_pattern") is None
    inner.last_saved["c1"] = time.monotonic() - 8 * 60  # idle longer than the expiry
    assert await store.retrieve("c1") is None and "c1" not in inner.store
    print("ok")

asyncio.run(main())
"""


def test_the_engines_store_keeps_no_text_and_expires() -> None:
    if not ENGINE_PYTHON.exists():
        pytest.fail("the engine environment is missing: run `make setup`")
    done = subprocess.run(
        [str(ENGINE_PYTHON), "-c", STORE_CHECK, SECRET],
        cwd=PROJECT_ROOT,
        env={
            "CONVERSATION_EXPIRY_MINUTES": "7",
            "ACTIONS_URL": "http://127.0.0.1:5055",
            "ACTIONS_TOKEN": "t",
        },
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "ok"


REDIS_CHECK = r"""
import asyncio, sys
import redis
from rasa.core.tracker_store import TrackerStore
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered, ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

domain = Domain.load("domain")
endpoints = AvailableEndpoints.read_endpoints("deploy/endpoints.redis.yml")
store = TrackerStore.create(endpoints.tracker_store, domain)
inner = getattr(store, "_tracker_store", store)
assert type(inner).__name__ == "PrivateRedisTrackerStore", type(inner)
SECRET = sys.argv[1]

async def main():
    tracker = DialogueStateTracker("redis-c1", domain.slots)
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered(SECRET, {"name": "greet", "confidence": 0.9}))
    await store.save(tracker)
    await store.save(tracker)  # saved twice: no merge, no duplicated events
    key = inner.key_prefix + "redis-c1"
    raw = inner.red.get(key)
    assert SECRET not in raw, raw
    assert 0 < inner.red.ttl(key) <= 7 * 60, inner.red.ttl(key)
    back = await store.retrieve("redis-c1")
    assert len([e for e in back.events if e.type_name == "user"]) == 1
    inner.red.delete(key)
    print("ok")

asyncio.run(main())
"""


def test_the_redis_store_keeps_no_text_and_sets_a_ttl() -> None:
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, db=3).ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    done = subprocess.run(
        [str(ENGINE_PYTHON), "-c", REDIS_CHECK, SECRET],
        cwd=PROJECT_ROOT,
        env={
            "CONVERSATION_EXPIRY_MINUTES": "7",
            "ACTIONS_URL": "http://127.0.0.1:5055",
            "ACTIONS_TOKEN": "t",
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": "6379",
            "REDIS_DB": "3",
        },
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "ok"
