"""Answer or ask: the knowledge decision on fixed parse results (no model)."""

from __future__ import annotations

from typing import Any

import pytest
from helpers.support import MATCHER_TOPICS as KNOWN
from helpers.support import matcher_parse as parse

from bot.knowledge.decide import Thresholds, decide


def test_both_readings_agree_so_it_answers() -> None:
    d = decide(parse("faq/marac_what", 0.4, [("faq/marac_what", 0.3)]), KNOWN)
    assert d.answer == "faq/marac_what"


def test_disagreement_without_a_clear_lead_asks_with_both_candidates() -> None:
    d = decide(
        parse("faq/marac_what", 0.3, [("faq/marac_thresholds", 0.32), ("faq/marac_what", 0.02)]),
        KNOWN,
    )
    assert d.answer is None
    assert set(d.choices) >= {"faq/marac_what", "faq/marac_thresholds"}


def test_a_topic_clearly_ahead_on_both_readings_together_is_answered() -> None:
    d = decide(
        parse("faq/marac_what", 0.3, [("faq/marac_thresholds", 0.9), ("faq/marac_what", 0.05)]),
        KNOWN,
    )
    assert d.answer == "faq/marac_thresholds"


def test_a_journey_the_meaning_is_sure_of_is_offered_not_answered_as_a_topic() -> None:
    d = decide(
        parse("faq/marac_what", 0.6, [("check_wording", 0.7), ("faq/marac_what", 0.1)]), KNOWN
    )
    assert d.answer is None and d.journey == "check_wording"


def test_intents_that_are_not_topics_are_ignored() -> None:
    d = decide(parse(None, 0.0, [("greet", 0.9), ("faq/marac_what", 0.3)]), KNOWN)
    assert d.answer is None and d.choices == ("faq/marac_what",)


def test_a_follow_up_is_read_in_the_previous_topic() -> None:
    d = decide(
        parse(
            "faq/marac_what",
            0.2,
            [("faq/pregnancy_and_babies", 0.6)],
            text="and if she's pregnant?",
            context=[("faq/separation_risk", 0.6)],
            previous="faq/separation_risk",
        ),
        KNOWN,
        previous_topic="faq/separation_risk",
    )
    assert d.answer == "faq/pregnancy_and_babies" and d.in_context


def test_a_one_action_journey_the_meaning_is_sure_of_runs() -> None:
    d = decide(parse("faq/marac_what", 0.6, [("ask_helplines", 0.8)]), KNOWN)
    assert d.answer is None and d.run == "action_show_helplines"


def test_a_clear_guidance_question_inside_a_walkthrough_is_answered_aside() -> None:
    from actions.walkthrough import aside_answer

    asked = "do I need her consent to refer to marac?"
    clear = parse("faq/marac_consent", 0.8, [("faq/marac_consent", 0.7)], text=asked)
    assert aside_answer(asked, clear) == "faq/marac_consent"
    # An answer to the step is not a question, however it parses.
    assert aside_answer("kept the children away from him", clear) is None
    # A question the model is unsure about is left to the step.
    unsure = parse("faq/marac_consent", 0.2, [("faq/marac_what", 0.2)], text=asked)
    assert aside_answer(asked, unsure) is None


def test_a_journey_the_matcher_puts_ahead_of_every_topic_is_not_answered_as_a_topic() -> None:
    # The ResponseSelector is sure of a topic, but by meaning this is a request to act.
    asked = parse("faq/marac_what", 1.0, [("ask_helplines", 0.31), ("faq/marac_what", 0.14)])
    d = decide(asked, KNOWN)
    assert d.answer is None and d.journey == "ask_helplines"
    assert d.run == "action_show_helplines"  # one action: run it
    form = parse("faq/marac_what", 1.0, [("start_safety_planning", 0.3), ("faq/marac_what", 0.2)])
    d = decide(form, KNOWN)
    assert d.answer is None and d.journey == "start_safety_planning" and d.run is None


def test_a_topic_the_matcher_prefers_to_the_journey_is_still_answered() -> None:
    d = decide(
        parse("faq/marac_what", 0.9, [("faq/marac_what", 0.5), ("ask_helplines", 0.3)]), KNOWN
    )
    assert d.answer == "faq/marac_what"


def test_a_short_unclear_message_after_an_answer_is_read_in_its_context() -> None:
    # "who goes?" after "What a MARAC is": unclear alone, clear in context.
    unclear = [("faq/marac_thresholds", 0.15), ("faq/pregnancy_and_babies", 0.12)]
    alone = decide(parse("faq/pregnancy_and_babies", 0.1, unclear, text="who goes?"), KNOWN)
    assert alone.answer is None
    context = [("faq/marac_thresholds", 0.7), ("faq/marac_what", 0.2)]
    after = decide(
        parse("faq/pregnancy_and_babies", 0.1, unclear, "who goes?", context, "faq/marac_what"),
        KNOWN,
        previous_topic="faq/marac_what",
    )
    assert after.answer == "faq/marac_thresholds" and after.in_context
    # A long message is a new question, whatever came before.
    long = "who goes to the multi-agency meeting and what do they each bring to the table there"
    new = decide(
        parse("faq/pregnancy_and_babies", 0.1, unclear, long, context, "faq/marac_what"),
        KNOWN,
        previous_topic="faq/marac_what",
    )
    assert new.answer is None


def matcher_only(semantic: list[tuple[str, float]], text: str = "a question") -> dict[str, Any]:
    """A parse as the shipped pipeline gives it: the selector reads small talk only."""
    return {
        "text": text,
        "response_selector": {
            "all_retrieval_intents": ["chitchat", "faq"],
            "chitchat": {
                "response": {"intent_response_key": "chitchat/greet", "confidence": 0.9},
                "ranking": [{"intent_response_key": "chitchat/greet", "confidence": 0.9}],
            },
        },
        "semantic": {"ranking": [{"name": n, "probability": s} for n, s in semantic]},
    }


_T = Thresholds()


@pytest.mark.parametrize(
    ("semantic", "answer"),
    [
        # Clear enough: at the answer threshold and the margin ahead of the next.
        (
            [("faq/marac_what", _T.answer), ("faq/marac_thresholds", _T.answer - _T.margin)],
            "faq/marac_what",
        ),
        # Too close to the next topic: ask.
        ([("faq/marac_what", 0.3), ("faq/marac_thresholds", 0.25)], None),
        # Too unsure of anything: ask.
        ([("faq/marac_what", 0.1), ("faq/marac_thresholds", 0.01)], None),
    ],
)
def test_the_matcher_alone_decides_and_small_talk_scores_are_not_added(
    semantic: list[tuple[str, float]], answer: str | None
) -> None:
    d = decide(matcher_only(semantic), KNOWN)
    assert d.answer == answer
    if answer is None:
        assert set(d.choices) == {n for n, _ in semantic}


def test_when_asking_a_journey_the_matcher_ranks_near_the_top_is_offered_too() -> None:
    semantic = [
        ("faq/marac_what", 0.3),
        ("faq/marac_thresholds", 0.25),
        ("ask_referral_pathway", 0.05),
    ]
    d = decide(matcher_only(semantic), KNOWN)
    assert d.answer is None and d.journey == "ask_referral_pathway"
    assert set(d.choices) == {"faq/marac_what", "faq/marac_thresholds"}
    # Too faint a reading is not offered.
    faint = decide(matcher_only([*semantic[:2], ("ask_referral_pathway", 0.01)]), KNOWN)
    assert faint.journey is None
