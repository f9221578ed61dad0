"""Only buttons this conversation was offered reach the engine as intents; all values
are anonymised; anything else starting with `/` is escaped text."""

from __future__ import annotations

import json

import pytest
from helpers.support import domain_intents

from bot.conversation import payloads
from bot.privacy.anonymiser import Anonymised, default_anonymiser


def anonymise(text: str) -> Anonymised:
    return default_anonymiser().anonymise(text)


@pytest.mark.parametrize("intent", domain_intents())
def test_every_intent_typed_by_hand_is_escaped_text(intent: str) -> None:
    for typed in (
        f"/{intent}",
        f"  /{intent}",
        f'/{intent}{{"answer": "x"}}',
        f'/{intent}{{"role": "admin", "sp_dash": "24"}}',
    ):
        sent = payloads.prepare(typed, False, anonymise).text
        assert not sent.strip().startswith("/"), typed
        assert sent.startswith(payloads.ESCAPED_SLASH)


def test_offered_payload_goes_as_its_intent_with_values_anonymised() -> None:
    offered = '/walkthrough_answer{"answer": "call Sarah Jones on 07700 900123"}'
    sent = payloads.prepare(offered, True, anonymise).text
    intent, _, values = sent.partition("{")
    assert intent == "/walkthrough_answer"
    answer = json.loads("{" + values)["answer"]
    assert "Sarah" not in answer and "07700" not in answer and "<PHONE>" in answer


def test_nested_json_values_are_anonymised_too() -> None:
    offered = '/ask_referral_pathway{"situation": ["Sarah Jones", {"x": "LS6 2AB"}]}'
    sent = payloads.prepare(offered, True, anonymise).text
    assert "Sarah" not in sent and "LS6 2AB" not in sent


def test_text_is_anonymised_before_it_is_escaped() -> None:
    sent = payloads.prepare('/walkthrough_answer{"answer": "Mum Sarah Jones"}', False, anonymise)
    assert "Sarah" not in sent.text and sent.text.startswith(payloads.ESCAPED_SLASH)
    assert "PERSON" in sent.found


def test_offers_are_per_conversation_exact_and_bounded() -> None:
    offers = payloads.OfferedPayloads()
    offers.record("a", [{"text": "?", "buttons": [{"title": "t", "payload": "/role_dsl"}]}])
    assert offers.was_offered("a", "/role_dsl")
    assert offers.was_offered("a", " /role_dsl ")
    assert not offers.was_offered("b", "/role_dsl")
    assert not offers.was_offered("a", '/role_dsl{"role": "admin"}')
    assert offers.was_offered("b", "/greet")  # the page sends it on load
    many = [{"title": str(i), "payload": f"/x{i}"} for i in range(200)]
    offers.record("a", [{"buttons": many}])
    assert not offers.was_offered("a", "/role_dsl")  # pushed out by newer offers
    assert offers.was_offered("a", "/x199")
    assert len(offers._memory.get("a", "offered")) == payloads.MAX_PAYLOADS_PER_CONVERSATION


def test_escape_leaves_ordinary_text_alone() -> None:
    assert payloads.escape("what is the DASH?") == "what is the DASH?"
    assert payloads.escape("/") == payloads.ESCAPED_SLASH
