"""What a conversation remembers between turns: local, or shared through a real Redis."""

from __future__ import annotations

import json
import socket

import redis
from helpers.support import answered

from bot.conversation.feedback import FeedbackOffers
from bot.conversation.memory import LocalMemory, RedisMemory, digest, memory_for
from bot.conversation.payloads import MAX_PAYLOADS_PER_CONVERSATION, OfferedPayloads

SECRET = "memory-test-secret-0123"
FAQ = answered("faq/dash_checklist")
BUTTON = '/walkthrough_answer{"answer": "not_applicable"}'


def _buttons(*payloads: str) -> list[dict]:
    return [{"text": "?", "buttons": [{"title": p, "payload": p} for p in payloads]}]


def test_local_memory_forgets_the_least_recently_written_conversations_first() -> None:
    memory = LocalMemory(max_conversations=2)
    memory.set("a", "topic", "faq/x")
    memory.set("b", "topic", "faq/y")
    memory.set("a", "told", True)  # every turn writes, so a is now the newer
    memory.set("c", "topic", "faq/z")
    assert memory.get("a", "topic") == "faq/x"
    assert memory.get("b", "topic") is None
    memory.set("d", "topic", None)
    assert memory.get("d", "topic") is None


def test_a_button_offered_through_one_gateway_is_accepted_by_another(redis_url: str) -> None:
    first = OfferedPayloads(RedisMemory(redis_url, 60), SECRET)
    second = OfferedPayloads(RedisMemory(redis_url, 60), SECRET)
    first.record("conv", _buttons(BUTTON, "/role_dsl"))
    assert second.was_offered("conv", BUTTON)
    assert second.was_offered("conv", " /role_dsl ")
    assert not second.was_offered("other", BUTTON)
    assert not second.was_offered("conv", '/walkthrough_answer{"answer": "Kelly Brown"}')
    many = [f"/x{i}" for i in range(200)]
    second.record("conv", _buttons(*many))
    assert not first.was_offered("conv", "/role_dsl")  # pushed out by newer offers
    assert first.was_offered("conv", "/x199")
    stored = redis.Redis.from_url(redis_url).hget("assistant:gateway:conv", "offered")
    assert len(json.loads(stored)) == MAX_PAYLOADS_PER_CONVERSATION


def test_nothing_readable_is_stored_and_every_conversation_expires(redis_url: str) -> None:
    offers = OfferedPayloads(RedisMemory(redis_url, 90), SECRET)
    offers.record("conv", _buttons(BUTTON))
    client = redis.Redis.from_url(redis_url)
    raw = b"".join(client.hgetall("assistant:gateway:conv").values())
    assert b"walkthrough" not in raw and b"not_applicable" not in raw
    assert digest(SECRET, BUTTON).encode() in raw
    assert 0 < client.ttl("assistant:gateway:conv") <= 90


def test_feedback_offered_by_one_gateway_is_recorded_by_another(redis_url: str) -> None:
    first = FeedbackOffers(RedisMemory(redis_url, 60))
    second = FeedbackOffers(RedisMemory(redis_url, 60))
    assert first.offer("conv", FAQ, crisis=False) == "faq/dash_checklist"
    assert second.offer("conv", FAQ, crisis=False) is None  # asked already, and too soon
    payload = '/feedback{"helpful": "no", "topic": "faq/dash_checklist"}'
    answer = second.answer("conv", payload)
    assert answer is not None and answer.topic == "faq/dash_checklist" and not answer.helpful
    again = first.answer("conv", payload)
    assert again is not None and again.topic is None  # clicked twice: thanked, not recorded


def test_an_unreachable_redis_fails_safe() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once the socket closes
    memory = RedisMemory(f"redis://127.0.0.1:{port}/0", 60)
    offers = OfferedPayloads(memory, SECRET)
    offers.record("conv", _buttons(BUTTON))  # dropped, no exception
    assert not offers.was_offered("conv", BUTTON)  # so the button goes as text
    assert FeedbackOffers(memory).answer("conv", '/feedback{"helpful": "yes", "topic": "t"}')
    assert not memory.ping()


def test_memory_is_shared_only_when_redis_is_configured(redis_url: str) -> None:
    assert isinstance(memory_for(None, 60), LocalMemory)
    assert isinstance(memory_for(redis_url, 60), RedisMemory)


def test_memory_digests_are_not_any_other_digest_of_the_same_secret() -> None:
    from bot.pseudonym import conversation_id

    assert digest(SECRET, "name:kerry") != conversation_id("name:kerry", SECRET)


def test_unreadable_or_old_state_is_treated_as_nothing_kept(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    client.hset("assistant:gateway:conv", mapping={"feedback": b"{not json", "offered": b"[1"})
    memory = RedisMemory(redis_url, 60)
    assert memory.get("conv", "feedback") is None
    assert not OfferedPayloads(memory, SECRET).was_offered("conv", BUTTON)
    memory.set("conv", "feedback", {"since": "x"})
    assert FeedbackOffers(memory).offer("conv", FAQ, crisis=False) == "faq/dash_checklist"


def test_after_a_failure_redis_is_left_alone_for_a_while() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    memory = RedisMemory(f"redis://127.0.0.1:{port}/0", 60)
    assert memory.get("conv", "topic") is None
    calls = []
    memory._redis.hget = lambda *a: calls.append(a)  # type: ignore[method-assign]
    assert memory.get("conv", "topic") is None and not calls


def test_a_conversation_is_read_whole_in_one_snapshot(redis_url: str) -> None:
    for memory in (LocalMemory(), RedisMemory(redis_url, 60)):
        memory.set("conv", "topic", "faq/marac_what")
        memory.set("conv", "told", True)
        assert memory.snapshot("conv") == {"topic": "faq/marac_what", "told": True}
        assert memory.snapshot("other") == {}
    redis.Redis.from_url(redis_url).hset("assistant:gateway:conv", "loop", b"{not json")
    assert "loop" not in RedisMemory(redis_url, 60).snapshot("conv")
