"""The journey gate: a request to do something starts its journey (bot/knowledge)."""

from __future__ import annotations

import pytest

from bot.knowledge.journey_gate import journey_for


def parse(text: str, ranking: list[tuple[str, float]], intent: str = "faq") -> dict:
    return {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "semantic": {"ranking": [{"name": n, "probability": p} for n, p in ranking]},
    }


@pytest.mark.parametrize(
    ("text", "journey"),
    [
        ("could you help me put together a safety plan with mum", "start_safety_planning"),
        ("pls can u look over my letter to dad, not sure its right", "check_wording"),
        ("our care tender needs the DA clauses adding to the contract", "start_commissioning"),
        ("his teacher saw bruising, where should I be referring this?", "ask_referral_pathway"),
        ("what numbers can I leave with her?", "ask_helplines"),
        ("I'd like to arrange a consultation about a family", "request_consultation"),
    ],
)
def test_meaning_and_form_together_start_the_journey(text: str, journey: str) -> None:
    ranked = [("faq/some_topic", 0.4), ("faq/another", 0.2), (journey, 0.12)]
    assert journey_for(parse(text, ranked)) == journey


def test_meaning_without_the_form_is_not_enough_unless_it_is_sure() -> None:
    text = "safety plans for children in refuges"
    unsure = [("faq/safety_planning_basics", 0.3), ("start_safety_planning", 0.25)]
    assert journey_for(parse(text, unsure)) is None
    sure = [("start_safety_planning", 0.6), ("faq/safety_planning_basics", 0.1)]
    assert journey_for(parse(text, sure)) == "start_safety_planning"


def test_questions_about_a_subject_stay_questions() -> None:
    # The form is there ("who ... contact"), but the matcher does not see a journey.
    ranked = [("faq/marac_who", 0.7), ("faq/marac_what", 0.2), ("faq/idva", 0.05)]
    assert journey_for(parse("who attends a MARAC and who do they contact?", ranked)) is None
    # Asking what a helpline is for is not asking for its number.
    about = [("faq/childline_nspcc", 0.5), ("ask_helplines", 0.3)]
    assert journey_for(parse("who is the NSPCC helpline for?", about)) is None


def test_only_questions_and_misunderstandings_are_replaced() -> None:
    ranked = [("ask_helplines", 0.9)]
    assert journey_for(parse("helplines", ranked, intent="crisis")) is None
    assert journey_for(parse("helplines", ranked, intent="greet")) is None
    assert journey_for(parse("helplines", ranked, intent="nlu_fallback")) == "ask_helplines"
    assert journey_for(parse("/ask_helplines", ranked)) is None
    # The classifier's own reading of that journey, too unsure to clear the fallback
    # threshold, is confirmed; another journey's reading is left alone.
    assert journey_for(parse("helplines", ranked, intent="ask_helplines")) == "ask_helplines"
    assert journey_for(parse("helplines", ranked, intent="start_commissioning")) is None


def test_after_an_answer_that_offers_a_journey_a_short_yes_starts_it() -> None:
    ranked = [("faq/safety_planning_basics", 0.5), ("faq/whole_family_approach", 0.2)]
    text = "great, can we do one for the family I'm seeing?"
    assert journey_for(parse(text, ranked)) is None
    assert journey_for(parse(text, ranked), offered="start_safety_planning") == (
        "start_safety_planning"
    )
    # Not a request to do it, so not the journey.
    question = "what if the children are teenagers?"
    assert journey_for(parse(question, ranked), offered="start_safety_planning") is None


@pytest.mark.parametrize(
    "text",
    [
        "what do they do in court with it?",
        "do they help with that?",
        "do I need consent for this?",
        "can they give her one too?",
    ],
)
def test_a_question_about_the_answer_is_not_a_request_for_its_journey(text: str) -> None:
    ranked = [("faq/idva", 0.3), ("faq/marac_what", 0.2)]
    assert journey_for(parse(text, ranked), offered="ask_referral_pathway") is None


def test_a_sure_topic_reading_holds_back_the_offered_journey() -> None:
    sure = [("faq/idva", 0.8)]
    text = "how do I get one?"
    assert journey_for(parse(text, sure), offered="ask_referral_pathway") is None
    unsure = [("faq/idva", 0.3)]
    assert journey_for(parse(text, unsure), offered="ask_referral_pathway") == (
        "ask_referral_pathway"
    )


@pytest.mark.parametrize(
    ("text", "journey"),
    [
        ("who runs that in our area?", "ask_referral_pathway"),
        ("is there one locally she could go to?", "ask_referral_pathway"),
        ("where would I find that round here", "ask_referral_pathway"),
        ("could we add this to the safety plan?", "start_safety_planning"),
        ("ok let's put that into her plan", "start_safety_planning"),
    ],
)
def test_after_an_answer_asking_for_it_locally_or_in_her_plan_starts_the_journey(
    text: str, journey: str
) -> None:
    sure = [("faq/idva", 0.9), ("faq/ypva", 0.05)]
    assert journey_for(parse(text, sure), after_answer=True) == journey
    assert journey_for(parse(text, sure), after_answer=False) != journey


def test_an_answer_to_no_walkthrough_may_be_a_journey_request() -> None:
    text = "who does that round here?"
    ranked = [("faq/idva", 0.3)]
    assert journey_for(parse(text, ranked, intent="walkthrough_answer"), after_answer=True) == (
        "ask_referral_pathway"
    )


def test_a_question_about_local_prevalence_after_an_answer_is_not_a_referral() -> None:
    ranked = [("faq/stalking", 0.9)]
    assert (
        journey_for(parse("is stalking common after separation?", ranked), after_answer=True)
        is None
    )


@pytest.mark.parametrize(
    "text",
    [
        "Can the local authority share information without her consent?",
        "How long do local authorities keep MARAC records?",
        "Should we put that in the plan for the conference?",
        "How do we get them to stick to the plan?",
    ],
)
def test_ordinary_questions_after_an_answer_stay_questions(text: str) -> None:
    assert journey_for(parse(text, [("faq/idva", 0.9)]), after_answer=True) is None
