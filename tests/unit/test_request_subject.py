"""A request anywhere in a message, about a journey's subject named anywhere in it."""

from __future__ import annotations

import pytest

from bot.knowledge.journey_gate import journey_for
from bot.knowledge.request_subject import requested_journey


@pytest.mark.parametrize(
    ("text", "journey"),
    [
        (
            "Mum has moved into her cousin's flat with the boys and he keeps ringing the "
            "school. I'm seeing her Monday. Could you help me get a plan down for if he "
            "turns up?",
            "start_safety_planning",
        ),
        ("can u help me wiht a saftey plan 4 mum and the twins", "start_safety_planning"),
        (
            "Our new supported housing tender goes out in March and the DA bits are thin. "
            "Can we go through what to put in the specification?",
            "start_commissioning",
        ),
        (
            "I wrote 'mum keeps choosing him over the kids' in the chronology, could you "
            "have a look and suggest something better",
            "check_wording",
        ),
        ("my TM said to get a case discussion booked, can I get one", "request_consultation"),
        ("numbers pls", "ask_helplines"),
    ],
)
def test_a_request_about_a_subject_is_that_journey(text: str, journey: str) -> None:
    assert requested_journey(text, []) == journey


@pytest.mark.parametrize(
    "text",
    [
        "Can you explain what a safety plan should cover?",
        "help me understand why the contract matters for domestic abuse",
        "What does horizontal commissioning mean?",
        "the chronology says 'mum failed to protect' and the conference agreed",
        "he smashed the front door in last week and she is frightened",
        "How would you put horizontal commissioning to a director?",
    ],
)
def test_a_question_or_no_request_is_not(text: str) -> None:
    assert requested_journey(text, []) is None


def test_several_subjects_are_settled_by_the_matcher() -> None:
    text = "can you help me with a safety plan, and what numbers can she ring?"
    ranked = [("ask_helplines", 0.3), ("start_safety_planning", 0.1)]
    assert requested_journey(text, ranked) == "ask_helplines"
    assert requested_journey(text, list(reversed(ranked))) == "start_safety_planning"


def _parse(text: str, intent: str, confidence: float, ranked: list[tuple[str, float]]):
    return {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "semantic": {"ranking": [{"name": n, "probability": p} for n, p in ranked]},
    }


def test_the_gate_replaces_an_unsure_reading_but_never_crisis_or_a_sure_topic() -> None:
    text = "she wants to stay put for now. can you walk me thru a safety plan"
    unsure = _parse(text, "resume_commissioning", 0.3, [("faq/safety_planning_basics", 0.2)])
    assert journey_for(unsure) == "start_safety_planning"
    crisis = _parse(text, "crisis", 0.3, [("faq/safety_planning_basics", 0.2)])
    assert journey_for(crisis) is None
    sure_other = _parse(text, "resume_commissioning", 0.9, [("faq/safety_planning_basics", 0.2)])
    assert journey_for(sure_other) is None
    topic_sure = _parse(text, "faq", 1.0, [("faq/safety_planning_basics", 0.7)])
    assert journey_for(topic_sure) is None


@pytest.mark.parametrize(
    "text",
    [
        "Is it okay to share her new address with the housing provider?",
        "Can we share the report with the perpetrator's solicitor?",
        "Can we share the chronology with the police without her consent?",
        "Is it OK to put the children's names in my case notes?",
        "Can I have a copy of the safety planning guidance?",
        "Can you help me with the contact schedule for the children?",
    ],
)
def test_questions_about_documents_and_sharing_are_not_journeys(text: str) -> None:
    assert requested_journey(text, []) is None


def test_long_runs_of_punctuation_are_read_in_linear_time() -> None:
    import time

    for text in ("-" * 30 + " client notes " + "-" * 30, "+" * 3000 + " please", "'&" * 1500):
        started = time.perf_counter()
        requested_journey(text, [])
        assert time.perf_counter() - started < 0.5, text[:20]


@pytest.mark.parametrize(
    "text",
    [
        "whats a safety plan pls",
        "Can you give me some general tips on safety planning?",
        "Can you check if the minutes can be shared with the GP?",
        "Do we need to inform the victim before a MARAC referral?",
        "How do MARAC referrals work please?",
        "Could we talk about how commissioning works for refuges?",
    ],
)
def test_questions_about_how_things_work_are_not_journeys(text: str) -> None:
    assert requested_journey(text, []) is None
