"""One grade from the gateway's crisis nets (bot/safety/grading.py)."""

from __future__ import annotations

import pytest

from bot.safety.grading import crisis_grade, model_alone_doubted, model_alone_set_aside
from bot.safety.immediacy import said_not_now


def test_the_phrase_rules_alone_make_it_clear() -> None:
    grade, nets = crisis_grade(("weapon_now",), "none", "he's got a knife and he's in the kitchen")
    assert grade == "clear" and nets == ("weapon_now",)
    assert crisis_grade(("weapon_now",), None, "he has a knife")[0] == "clear"


def test_phrases_in_a_past_or_quoted_setting_get_the_short_line_not_nothing() -> None:
    text = "old strategy notes: 'he said he would kill her'. That was in 2019"
    grade, nets = crisis_grade(("threat_to_kill",), "none", text)
    assert grade == "possible" and "phrases_past" in nets
    # ... and when the meaning net sees possible danger too; unless it sees clear danger:
    # then the phrases stand.
    assert crisis_grade(("threat_to_kill",), "possible", text)[0] == "possible"
    assert crisis_grade(("threat_to_kill",), "clear", text)[0] == "clear"
    # Anything of the present keeps them clear.
    now = "old notes say he threatened to kill her in 2019, and he's outside her flat"
    assert crisis_grade(("threat_to_kill",), "possible", now)[0] == "clear"


def test_possible_danger_happening_now_is_clear() -> None:
    assert crisis_grade((), "possible", "he's outside the house right now")[0] == "clear"
    assert crisis_grade((), "possible", "he used to wait outside the house")[0] == "possible"
    assert crisis_grade((), "none", "what is the DASH?") == ("none", ())
    assert crisis_grade((), None, "what is the DASH?") == ("none", ())


def test_a_meaning_only_clear_danger_said_to_be_over_gets_the_short_line() -> None:
    text = "mum reached the refuge on Sunday evening and is safe"
    assert crisis_grade((), "clear", text) == ("possible", ("semantic_clear", "semantic_resolved"))
    assert crisis_grade(("weapon_now",), "clear", text)[0] == "clear"
    assert crisis_grade((), "clear", "he's arrested but his brother is outside now")[0] == "clear"


def test_the_model_alone_is_not_acted_on_for_the_past_or_for_nothing_present() -> None:
    assert model_alone_set_aside("possible", "last year he held a knife to her, is that DASH?")
    assert not model_alone_set_aside("none", "he shouts at her and throws things, who can help?")
    assert not model_alone_set_aside("none", "he's just thrown a chair, she's screaming")
    assert not model_alone_set_aside("possible", "he's throwing things at her")
    assert not model_alone_set_aside("clear", "last year he did this too, he has a knife")


@pytest.mark.parametrize(
    "text",
    [
        "In 2021 he broke her wrist. Safe now, is a grant possible for a new sofa?",
        "He stabbed her brother in 2019 and he's now in prison, how do I record it in the plan?",
        "Probation letter: he's on remand after the assault last month, what goes in the log?",
        "Supervision prep for this afternoon's meeting: the strangling was last year, MARAC?",
        "Last year he kicked the door in. She's staying with her dad now.",
    ],
)
def test_settled_now_is_not_danger_in_the_present(text: str) -> None:
    assert said_not_now(text)
    assert model_alone_set_aside("none", text)


@pytest.mark.parametrize(
    "text",
    [
        "She's safe now but he's outside the school with a knife",
        "He was in prison until Monday and he's banging on her door right now",
        "she's staying with her mum and he has turned up there with a hammer",
    ],
)
def test_settled_words_beside_present_danger_keep_the_model(text: str) -> None:
    assert not said_not_now(text)
    assert not model_alone_set_aside("none", text)


@pytest.mark.parametrize(
    "text",
    [
        "He charged at me and pinned me against the wall, I can't get out",
        "Everyone is safe except my sister, he has her in the car and is driving off",
        "He charged at her with a knife, I'm bleeding",
        "I don't think she is safe, he has a knife and is threatening her",
        "He was previously violent and has turned up with a hammer and is smashing her car",
        "He was arrested last year for strangling her and he's strangling her again",
    ],
)
def test_danger_now_beside_words_of_the_past_or_of_safety_keeps_every_net(text: str) -> None:
    assert crisis_grade((), "clear", text)[0] == "clear"
    assert not model_alone_set_aside("possible", text)
    assert not model_alone_set_aside("none", text)


@pytest.mark.parametrize(
    "text",
    [
        "police took him but he's out on bail and banging on the door",
        "The kids are safe upstairs but he's in the kitchen with a knife",
        "me and my sister are safe in my room but hes hitting mum",
        "not sure she is safe he took her in his car and wont answer",
        "The kids are safe but he\u2019s kicking the door in",
        "Last year he broke her jaw. He's back in the house and won't let her leave",
    ],
)
def test_safe_or_past_beside_present_danger_is_still_clear(text: str) -> None:
    assert crisis_grade((), "clear", text)[0] == "clear"
    assert not model_alone_set_aside("possible", text)


def test_phrase_rules_with_past_words_and_present_danger_stay_clear() -> None:
    for text in (
        "He was arrested last week and released, he's outside now",
        "if he gets in he will kill me he is trying to get in",
        "would you ring 999 for me he has a gun",
    ):
        assert crisis_grade(("rule",), "none", text)[0] == "clear", text


@pytest.mark.parametrize(
    "text",
    [
        "he's got my sister by the throat against the fridge",
        "I'm stuck - he's pinned me behind the reception desk",
    ],
)
def test_held_by_the_throat_or_cornered_is_happening_now(text: str) -> None:
    assert crisis_grade((), "possible", text)[0] == "clear"


def test_a_threat_whose_condition_comes_first_is_not_a_what_if() -> None:
    assert not said_not_now("text from him says if mum rings the police he will torch the car")
    assert not said_not_now("he rang: 'look at the house for the last time', then hung up")
    assert said_not_now("what should she do if he turns up at the school?")


def test_the_model_alone_is_doubted_only_without_a_phrase_and_below_the_floor() -> None:
    text = "Last spring he kept her bank card and she wants advice on budgeting now"
    assert model_alone_doubted("none", (), [0.01], 0.05, text)
    assert not model_alone_doubted("none", (), [0.06], 0.05, text)
    assert not model_alone_doubted("none", (), [0.01], 0.0, text)  # 0 turns it off
    assert not model_alone_doubted("none", (), [], 0.05, text)  # no meaning net running
    assert not model_alone_doubted("possible", ("semantic_possible",), [0.3], 0.05, text)
    assert not model_alone_doubted("clear", ("weapon_now",), [0.01], 0.05, text)


def test_danger_in_any_one_sentence_keeps_the_model() -> None:
    text = "Writing a referral. He has threatened to kill her tonight. What goes in it?"
    assert not model_alone_doubted("none", (), [0.001, 0.002, 0.88, 0.001], 0.02, text)


def test_a_few_words_typed_in_the_moment_keep_the_model() -> None:
    for text in ("he found me", "its happening again", "i dont feel safe at home"):
        assert not model_alone_doubted("none", (), [0.001], 0.02, text), text
