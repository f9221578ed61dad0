"""Follow-ups: messages read in the context of the topic answered just before."""

from __future__ import annotations

import pytest
from helpers.support import MATCHER_TOPICS as KNOWN
from helpers.support import matcher_parse as parse

from bot.knowledge.decide import Thresholds, decide
from bot.knowledge.follow_up import looks_like_follow_up, same_question


@pytest.mark.parametrize(
    "text", ["can she get one herself?", "how would I word that to him?", "n refuges?", "& dads?"]
)
def test_a_short_message_pointing_back_is_a_follow_up(text: str) -> None:
    assert looks_like_follow_up(text)


@pytest.mark.parametrize(
    "text",
    [
        "what happens at a MARAC meeting?",
        "how do I make a referral to children's social care when she won't"
        " agree to it and the kids are at risk?",
    ],
)
def test_a_question_that_stands_alone_is_not_a_follow_up(text: str) -> None:
    assert not looks_like_follow_up(text)


def test_follow_up_shapes() -> None:
    assert looks_like_follow_up("and if she's pregnant?")
    assert looks_like_follow_up("what about a new partner")
    assert not looks_like_follow_up("Coercive control")
    assert not looks_like_follow_up(
        "what is the threshold for a marac referral when there have been lots of incidents "
        "and the police say it's standard risk but I think it is high"
    )


@pytest.mark.parametrize(
    "text",
    [
        "the same goes for foster carers?",
        "is it the same with academies",
        "refuges too?",
        "youth clubs as well?",
        "& the GP?",
        "and for the grandparents?",
        "what about the stepdad?",
    ],
)
def test_the_same_question_of_something_else_keeps_the_topic(text: str) -> None:
    # The bare reading leans to another topic, not surely: the question stays the same.
    d = decide(
        parse(None, 0.0, [("faq/pregnancy_and_babies", 0.6)], text=text, context=[]),
        KNOWN,
        previous_topic="faq/marac_what",
    )
    assert d.answer == "faq/marac_what" and d.in_context, (text, d)


def test_the_same_question_naming_a_topic_of_its_own_answers_that() -> None:
    d = decide(
        parse(None, 0.0, [("faq/marac_thresholds", 0.85)], text="and the thresholds?", context=[]),
        KNOWN,
        previous_topic="faq/marac_what",
    )
    assert d.answer == "faq/marac_thresholds" and d.in_context


@pytest.mark.parametrize(
    "text",
    [
        "and how long",
        "and if she's pregnant?",
        "what about if he moves away?",
        "and what do we do then",
        "ok thanks",
    ],
)
def test_questions_and_conditions_are_not_the_same_question(text: str) -> None:
    assert not same_question(text)


def test_unsure_after_an_answer_stays_on_it_when_it_is_among_the_closest() -> None:
    # A long follow-up that reads as neither a follow-up nor a clear question.
    text = "what if the children are staying with her sister most weekends for now then"
    near = [("faq/pregnancy_and_babies", 0.16), ("faq/separation_risk", 0.13)]
    after = decide(parse(None, 0.0, near, text), KNOWN, previous_topic="faq/separation_risk")
    assert after.answer == "faq/separation_risk" and after.reason == "follow-up, still on it"
    # Not among the two closest: asked, as without an answer before.
    far = [*near[:1], ("faq/marac_what", 0.14), ("faq/separation_risk", 0.13)]
    asked = decide(parse(None, 0.0, far, text), KNOWN, previous_topic="faq/separation_risk")
    assert asked.answer is None and "faq/separation_risk" in asked.choices
    off = decide(
        parse(None, 0.0, near, text), KNOWN, "faq/separation_risk", Thresholds(stay_within=0)
    )
    assert off.answer is None


def test_a_vague_message_clearly_about_the_answer_just_given_stays_on_it() -> None:
    # "who else reads her file?": nowhere clear alone, the last topic in context.
    text = "who else reads her file?"
    vague = [("faq/pregnancy_and_babies", 0.2), ("faq/marac_what", 0.1)]
    held = parse(None, 0.0, vague, text, context=[("faq/separation_risk", 0.8)])
    d = decide(held, KNOWN, previous_topic="faq/separation_risk")
    assert d.answer == "faq/separation_risk" and d.reason == "follow-up, context holds"
    # Clear enough alone (a topic, or something that is not a topic): not held.
    for clear in ([("faq/marac_thresholds", 0.5)], [("ask_helplines", 0.5)]):
        d = decide(
            parse(None, 0.0, clear, text, context=[("faq/separation_risk", 0.8)]),
            KNOWN,
            previous_topic="faq/separation_risk",
        )
        assert d.reason != "follow-up, context holds", clear
    # The context reading not sure enough, or leading to another topic: not held either.
    for context in ([("faq/separation_risk", 0.5)], [("faq/marac_what", 0.9)]):
        d = decide(
            parse(None, 0.0, vague, text, context=context),
            KNOWN,
            previous_topic="faq/separation_risk",
        )
        assert d.reason != "follow-up, context holds", context
    # No topic before: no context to hold.
    assert decide(held, KNOWN).reason != "follow-up, context holds"
    off = decide(held, KNOWN, "faq/separation_risk", Thresholds(hold=1.1))
    assert off.reason != "follow-up, context holds"
