"""When "Was this helpful?" is offered, and which answers are accepted."""

from __future__ import annotations

import json

from helpers.support import answered

from bot.conversation.feedback import QUIET_TURNS, FeedbackOffers, offer_message
from bot.conversation.turn_log import is_fallback, journey_of, topic_of
from bot.engine.rasa_client import TurnSummary

FAQ = answered("faq/dash_checklist")
FAQ2 = answered("faq/strangulation_risk")
CHAT = TurnSummary(intent="chitchat", retrieval_key="chitchat/how_are_you")
PATHWAY = TurnSummary(intent="ask_referral_pathway", actions=("action_referral_pathway",))


def _payload(topic: str, helpful: str = "yes") -> str:
    return offer_message(topic)["buttons"][0 if helpful == "yes" else 1]["payload"]


def test_offered_after_a_substantive_answer_then_quiet_for_a_few_turns() -> None:
    offers = FeedbackOffers()
    assert offers.offer("c", FAQ, crisis=False) == "faq/dash_checklist"
    for _ in range(QUIET_TURNS - 1):
        assert offers.offer("c", FAQ2, crisis=False) is None
    assert offers.offer("c", FAQ2, crisis=False) == "faq/strangulation_risk"


def test_never_twice_for_the_same_topic_nor_for_small_talk_crisis_or_mid_form() -> None:
    offers = FeedbackOffers()
    assert offers.offer("c", FAQ, crisis=False) == "faq/dash_checklist"
    for _ in range(QUIET_TURNS + 1):
        assert offers.offer("c", FAQ, crisis=False) is None
    assert offers.offer("d", CHAT, crisis=False) is None
    assert offers.offer("e", FAQ, crisis=True) is None
    in_form = TurnSummary(
        intent="faq", responses=("utter_faq/x",), active_loop="safety_planning_form"
    )
    assert offers.offer("f", in_form, crisis=False) is None
    assert offers.offer("g", PATHWAY, crisis=False) == "action_referral_pathway"
    finish = TurnSummary(intent="stop", actions=("action_finish_safety_planning",))
    assert offers.offer("h", finish, crisis=False, messages=[{"text": "Stopped."}]) is None
    card = [{"text": "Step 7"}, {"custom": {"type": "summary", "markdown": "..."}}]
    assert offers.offer("i", finish, crisis=False, messages=card) == "action_finish_safety_planning"


def test_answers_only_count_for_an_open_offer_to_that_conversation() -> None:
    offers = FeedbackOffers()
    offers.offer("c", FAQ, crisis=False)
    assert offers.answer("c", "hello") is None  # not feedback at all
    stranger = offers.answer("other", _payload("faq/dash_checklist"))
    assert stranger is not None and stranger.topic is None
    invented = offers.answer("c", _payload("faq/made_up"))
    assert invented is not None and invented.topic is None
    answer = offers.answer("c", _payload("faq/dash_checklist", "no"))
    assert answer is not None and (answer.topic, answer.helpful) == ("faq/dash_checklist", False)
    again = offers.answer("c", _payload("faq/dash_checklist"))
    assert again is not None and again.topic is None  # clicked twice: counted once
    junk = offers.answer("c", "/feedback{not json")
    assert junk is not None and junk.topic is None


def test_offer_buttons_carry_the_topic_as_json() -> None:
    message = offer_message("faq/dash_checklist")
    assert message["text"] == "Was this helpful?"
    payload = message["buttons"][0]["payload"]
    assert json.loads(payload.removeprefix("/feedback")) == {
        "helpful": "yes",
        "topic": "faq/dash_checklist",
    }


def test_turn_log_names_topic_journey_and_fallback() -> None:
    assert topic_of(FAQ) == "faq/dash_checklist"
    assert topic_of(TurnSummary(intent="walkthrough_answer")) is None
    form = TurnSummary(intent="walkthrough_answer", active_loop="safety_planning_form")
    assert journey_of(form, None) == "safety_planning"
    assert journey_of(PATHWAY, "ask_referral_pathway") == "referral_pathway"
    ran = TurnSummary(intent="faq", actions=("action_answer_knowledge", "action_show_helplines"))
    assert topic_of(ran) == "ask_helplines" and journey_of(ran, topic_of(ran)) is None
    asked_for_text = TurnSummary(intent="check_wording", active_loop="language_coach_form")
    assert journey_of(asked_for_text, None) == "language_coach"
    dsl = answered("faq/operation_encompass")
    assert journey_of(dsl, topic_of(dsl)) == "dsl_next_steps"
    assert is_fallback(TurnSummary(intent="nlu_fallback"))
    unsure = TurnSummary(
        intent="faq", actions=("action_answer_knowledge",), responses=("utter_suggest_topics",)
    )
    assert is_fallback(unsure) and topic_of(unsure) is None
    assert is_fallback(TurnSummary(intent="greet", actions=("action_default_fallback",)))
    assert not is_fallback(FAQ)
