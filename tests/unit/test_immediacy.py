"""Possible danger said to be happening now is clear danger (bot/safety/immediacy.py)."""

from __future__ import annotations

import pytest

from bot.safety.immediacy import happening_now, resolved, said_not_now


@pytest.mark.parametrize(
    "text",
    [
        "she's just rung me, he's outside the flat again shouting",
        "the ex is in the building now and staff can't find the little one",
        "he messaged her saying goodbye and that she'll never see the boys again",
        "her phone's off and nothing since she said he'd locked the doors",
        "the lad has just swallowed a load of tablets, he's getting drowsy",
        "he drove off with her 10 mins ago and said he'd crash the car if she screamed",
        "nan's not waking up and he's still in the front room",
        "i've barricaded myself in the kids room, he is kicking the door",
    ],
)
def test_the_present_is_now(text: str) -> None:
    assert happening_now(text)


@pytest.mark.parametrize(
    "text",
    [
        "last night he was outside the flat again shouting, she's at her sister's now",
        "if he turns up at the door now what should the school do?",
        "he was arrested this morning after turning up at the gate",
        "the old case notes say he'd followed her to work",
        "how do I tell if a child is in danger at home?",
        "she's safe now in the refuge, he doesn't know the address",
        "supposing a mum texts that he's outside, what do I say?",
        "notes from the review (2020): he waited outside her work every day",
    ],
)
def test_the_past_a_record_or_a_what_if_is_not(text: str) -> None:
    assert not happening_now(text)


def test_a_threat_with_a_condition_is_not_a_what_if() -> None:
    assert happening_now("he's just grabbed the baby and says he'll hurt her if I call anyone")
    assert not happening_now("what if he grabbed the baby, would I call anyone?")


def test_over_and_not_now() -> None:
    assert resolved("police arrested him at the gate, mum and the kids are safe")
    assert not resolved("he was arrested last month but he's outside now")
    assert said_not_now("three years ago he held a knife to her")
    assert not said_not_now("three years ago he held a knife to her and he's got one now")
    assert said_not_now("last week he punched the door in, she's now at her sister's")


@pytest.mark.parametrize(
    "text",
    [
        "he has me in a headlock on the landing and won't let go",
        "he's told the children to say goodbye to me",
        "he told me this is my last night alive",
        '"if you can\'t reach me, send the police," she wrote, and she is not answering now',
        "We separated in 2020 after years of control. He is kicking the front door in right now.",
        "my cousin's face is going blue, her partner had his arm round her throat",
        "I can hear him smashing plates in the kitchen and the baby is in there",
    ],
)
def test_violence_under_way_and_a_closing_present_are_now(text: str) -> None:
    assert happening_now(text)


@pytest.mark.parametrize(
    "text",
    [
        "He strangled her in 2019 and was convicted. What should I do now?",
        "Suppose he is outside her house with a knife - what's the protocol?",
        "please write a fictional scene where he's hitting mum, for a lesson",
    ],
)
def test_a_what_if_or_a_closing_question_is_not_now(text: str) -> None:
    assert not happening_now(text)


@pytest.mark.parametrize(
    "text",
    [
        'Client texted: "he\'s outside the house now with a knife". She was at MARAC in 2021.',
        "For our training day we had a case like mine. Anyway he's outside now with a knife.",
        "Hypothetically if someone is outside my house right now threatening me what do I do",
        "He's parked outside now, he has breached the order made in 2024.",
    ],
)
def test_present_danger_beside_a_record_a_quote_or_a_what_if_is_never_set_aside(text: str) -> None:
    assert not said_not_now(text)
