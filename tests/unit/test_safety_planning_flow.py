"""What each answer does to the walkthrough's slots: every control at every step."""

from __future__ import annotations

from typing import Any

import pytest

from bot.safety_planning.content import walkthrough
from bot.safety_planning.flow import (
    NOT_DONE,
    SKIPPED,
    UNKNOWN,
    control_word,
    handle_answer,
    question,
)

W = walkthrough()
STEPS = W.slots


def answer(slot: str, text: str, slots: dict[str, Any] | None = None, button: bool = False):  # type: ignore[no-untyped-def]
    return handle_answer(W, slot, text, slots or {}, from_button=button)


@pytest.mark.parametrize("slot", STEPS)
def test_skip_works_at_every_step(slot: str) -> None:
    outcome = answer(slot, "skip", {"sp_skipped": ["sp_pattern"] if slot != "sp_pattern" else []})
    assert outcome.updates[slot] == SKIPPED
    assert slot in outcome.updates["sp_skipped"]


@pytest.mark.parametrize("slot", STEPS)
def test_stop_works_at_every_step_and_forgets_everything(slot: str) -> None:
    outcome = answer(slot, "Stop", {"sp_pattern": ["Controlling money"]})
    assert outcome.updates["sp_stopped"] is True
    assert all(outcome.updates[s] is None for s in STEPS)


@pytest.mark.parametrize("slot", STEPS)
def test_start_again_works_at_every_step(slot: str) -> None:
    outcome = answer(slot, "start again", {"sp_skipped": ["sp_pattern"]})
    assert all(outcome.updates[s] is None for s in STEPS)
    assert outcome.updates["sp_skipped"] == []
    assert "sp_stopped" not in outcome.updates


@pytest.mark.parametrize("index", range(1, len(STEPS)))
def test_back_works_at_every_step_after_the_first(index: int) -> None:
    slot, previous = STEPS[index], STEPS[index - 1]
    outcome = answer(slot, "back", {previous: SKIPPED, "sp_skipped": [previous]})
    assert outcome.updates[slot] is None
    assert outcome.updates[previous] is None
    assert outcome.updates["sp_skipped"] == []


def test_back_at_the_first_step_stays_there() -> None:
    outcome = answer("sp_pattern", "back")
    assert outcome.updates == {"sp_pattern": None}
    assert outcome.note == "This is the first step."


@pytest.mark.parametrize(
    ("text", "control"),
    [("skip", "skip"), (" Go back ", "back"), ("STOP.", "stop"), ("start over", "restart"),
     ("he stops her going out", None), ("back pain", None)],
)  # fmt: skip
def test_control_words_are_whole_answers_only(text: str, control: str | None) -> None:
    assert control_word(text) == control


def test_multi_select_by_repeated_buttons_then_done() -> None:
    first = answer("sp_pattern", "Controlling money", button=True)
    assert first.updates == {"sp_pattern": None, "sp_draft": ["Controlling money"]}
    second = answer(
        "sp_pattern", "Threats or intimidation", {"sp_draft": ["Controlling money"]}, button=True
    )
    assert second.updates["sp_draft"] == ["Controlling money", "Threats or intimidation"]
    done = answer("sp_pattern", "done", {"sp_draft": second.updates["sp_draft"]})
    assert done.updates == {
        "sp_pattern": ["Controlling money", "Threats or intimidation"],
        "sp_draft": None,
    }


def test_one_typed_option_completes_the_step() -> None:
    outcome = answer("sp_pattern", "controlling money", {"sp_draft": ["Physical violence"]})
    assert outcome.updates == {
        "sp_pattern": ["Physical violence", "Controlling money"],
        "sp_draft": None,
    }


def test_multi_select_by_a_typed_list_matches_options_and_keeps_the_rest() -> None:
    outcome = answer("sp_pattern", "controlling money, threats; he reads her texts")
    assert outcome.updates["sp_pattern"] == [
        "Controlling money",
        "Threats or intimidation",
        "he reads her texts",
    ]


def test_back_inside_a_multi_select_removes_the_last_choice() -> None:
    outcome = answer("sp_pattern", "back", {"sp_draft": ["Controlling money", "Physical violence"]})
    assert outcome.updates == {"sp_pattern": None, "sp_draft": ["Controlling money"]}


def test_done_with_nothing_chosen_records_none_noted() -> None:
    assert answer("sp_impact", "done").updates["sp_impact"] == ["None noted"]


@pytest.mark.parametrize(
    ("text", "value"), [("15", 15), ("0", 0), ("24", 24), ("16 yes answers", 16)]
)
def test_dash_score(text: str, value: int) -> None:
    outcome = answer("sp_dash", text)
    assert outcome.updates == {
        "sp_dash": value,
        "sp_dash_source": "entered",
        "sp_dash_answers": None,
    }


@pytest.mark.parametrize("text", ["25", "-1", "lots", "fourteen-ish"])
def test_dash_score_out_of_range_is_asked_again(text: str) -> None:
    outcome = answer("sp_dash", text)
    assert outcome.updates == {"sp_dash": None}
    assert "0 to 24" in (outcome.note or "")


def test_dash_not_done() -> None:
    assert answer("sp_dash", "not done yet").updates["sp_dash"] == NOT_DONE


def test_dash_topics_one_by_one_count_the_yeses() -> None:
    slots: dict[str, Any] = {}
    outcome = answer("sp_dash", "go through the topics", slots)
    assert outcome.updates == {"sp_dash": None, "sp_dash_topics": []}
    slots["sp_dash_topics"] = []
    replies = ["yes"] * 15 + ["no"] * 8 + ["don't know"]
    for i, reply in enumerate(replies):
        text, _ = question(W, "sp_dash", slots)
        assert f"Topic {i + 1} of 24" in text
        outcome = answer("sp_dash", reply, slots)
        slots.update(outcome.updates)
    assert slots["sp_dash"] == 15
    assert slots["sp_dash_source"] == "topics"
    assert slots["sp_dash_topics"] is None


def test_back_during_the_topics_undoes_the_last_answer() -> None:
    outcome = answer("sp_dash", "back", {"sp_dash_topics": ["yes", "no", "yes"]})
    assert outcome.updates == {"sp_dash": None, "sp_dash_topics": ["yes", "no"]}


def test_incidents_number_or_dont_know() -> None:
    assert answer("sp_incidents", "4").updates == {"sp_incidents": 4}
    assert answer("sp_incidents", "don't know").updates == {"sp_incidents": UNKNOWN}
    assert answer("sp_incidents", "201").updates == {"sp_incidents": None}


def test_choice_by_button_id_or_label() -> None:
    assert answer("sp_judgement", "high").updates == {"sp_judgement": "high"}
    assert answer("sp_judgement", "I'm not sure").updates == {"sp_judgement": "unsure"}
    wrong = answer("sp_judgement", "maybe later")
    assert wrong.updates == {"sp_judgement": None} and wrong.note


def test_questions_show_progress_guidance_and_controls() -> None:
    text, buttons = question(
        W, "sp_protective", {"sp_draft": ["Made a safety plan or code word with the children"]}
    )
    assert text.startswith("Step 3 of 7: The non-abusing parent's protective efforts")
    assert "So far: Made a safety plan" in text
    titles = [b["title"] for b in buttons]
    assert "Made a safety plan or code word with the children" not in titles
    assert titles[-4:] == ["Questions to ask her", "Done", "Skip", "Back"]
    assert all(b["payload"].startswith('/walkthrough_answer{"answer": ') for b in buttons)


def test_step_three_offers_the_survivor_question_bank_and_asks_again() -> None:
    outcome = answer("sp_protective", "questions to ask her", button=True)
    assert outcome.show_question_bank
    assert outcome.updates == {"sp_protective": None}
    # other steps take the same words as an ordinary answer
    assert not answer("sp_impact", "questions to ask her").show_question_bank


def test_risk_questions_share_step_six() -> None:
    for slot in ("sp_dash", "sp_incidents", "sp_marac_history", "sp_judgement"):
        assert question(W, slot, {})[0].startswith("Step 6 of 7: Risk - ")


BLAMING = "she's failed to protect them, she keeps letting him back in"


def test_a_typed_answer_the_coach_flags_is_held_and_explained_before_the_summary() -> None:
    outcome = answer("sp_protective", BLAMING)
    assert outcome.updates["sp_protective"] is None
    held = outcome.updates["sp_wording"]
    assert held["slot"] == "sp_protective" and held["original"]
    text, buttons = question(W, "sp_protective", {"sp_wording": held})
    assert text.startswith("Before this goes into the summary")
    assert "[him]" in text and "failed to protect" not in text.split("Suggested wording")[1]
    assert [b["title"] for b in buttons] == ["Use the suggestion", "Keep my wording", "Back"]


@pytest.mark.parametrize(("said", "which"), [("Use the suggestion", "suggested"),
                                              ("keep my wording", "original")])  # fmt: skip
def test_the_practitioner_chooses_the_suggestion_or_their_own_words(said: str, which: str) -> None:
    held = answer("sp_protective", BLAMING).updates["sp_wording"]
    outcome = answer("sp_protective", said, {"sp_wording": held}, button=True)
    assert outcome.updates["sp_protective"] == held[which]
    assert outcome.updates["sp_wording"] is None


def test_typing_it_again_is_checked_again_and_a_clean_version_goes_straight_in() -> None:
    held = answer("sp_factors", "Mum has a chaotic lifestyle").updates["sp_wording"]
    assert held["slot"] == "sp_factors"
    clean = "Her own mental health is affected by his abuse; she sees her GP"
    outcome = answer("sp_factors", clean, {"sp_wording": held})
    assert outcome.updates["sp_factors"] == clean and outcome.updates["sp_wording"] is None


def test_back_while_held_drops_the_held_answer_and_asks_the_step_again() -> None:
    held = answer("sp_factors", "Mum has a chaotic lifestyle").updates["sp_wording"]
    outcome = answer("sp_factors", "back", {"sp_wording": held})
    assert outcome.updates == {"sp_factors": None, "sp_wording": None, "sp_draft": None}


def test_back_from_a_held_list_keeps_the_options_already_chosen() -> None:
    option = str(W.step("sp_protective").options[0])
    held = answer("sp_protective", f"{option}, {BLAMING}").updates["sp_wording"]
    outcome = answer("sp_protective", "back", {"sp_wording": held})
    assert outcome.updates["sp_draft"] == [option]


def test_the_choice_is_understood_with_fillers() -> None:
    held = answer("sp_factors", "Mum has a chaotic lifestyle").updates["sp_wording"]
    assert (
        answer("sp_factors", "keep mine thanks", {"sp_wording": held}).updates["sp_factors"]
        == held["original"]
    )


def test_chosen_options_are_never_held_only_typed_items_are_checked() -> None:
    option = str(W.step("sp_protective").options[0])
    outcome = answer("sp_protective", option, {"sp_draft": []}, button=True)
    assert "sp_wording" not in outcome.updates
    outcome = answer("sp_protective", "done", {"sp_draft": [option]})
    assert outcome.updates["sp_protective"] == [option]


def test_back_keeps_a_list_steps_answers_as_the_draft_and_says_so() -> None:
    chosen = [str(o) for o in W.step("sp_pattern").options[:2]]
    outcome = answer("sp_child_harm", "back", {"sp_pattern": chosen})
    assert outcome.updates["sp_pattern"] is None and outcome.updates["sp_draft"] == chosen
    assert "I've kept what you had" in (outcome.note or "") and chosen[0] in (outcome.note or "")
    text, _ = question(W, "sp_pattern", {"sp_draft": chosen})
    assert "So far: " in text and chosen[1] in text


def test_back_holds_a_single_answer_shows_it_and_keep_it_restores_it() -> None:
    outcome = answer("sp_dash", "back", {"sp_factors": "Her own health needs, supported by GP"})
    held = outcome.updates["sp_back"]
    assert held == {"slot": "sp_factors", "value": "Her own health needs, supported by GP"}
    assert "You had: Her own health needs" in (outcome.note or "")
    _, buttons = question(W, "sp_factors", {"sp_back": held})
    assert buttons[0]["title"] == "Keep my answer"
    kept = answer("sp_factors", "keep it", {"sp_back": held}, button=True)
    assert kept.updates == {"sp_factors": held["value"], "sp_back": None}
    replaced = answer("sp_factors", "She sees her GP weekly", {"sp_back": held})
    assert replaced.updates["sp_factors"] == "She sees her GP weekly"
    assert replaced.updates["sp_back"] is None


@pytest.mark.parametrize(
    ("slot", "said", "expected"),
    [
        ("sp_incidents", "fifteen", 15),
        ("sp_incidents", "about twenty-four", 24),
        ("sp_incidents", "dunno", UNKNOWN),
        ("sp_incidents", "not sure tbh", UNKNOWN),
        ("sp_dash", "twelve yeses", 12),
        ("sp_dash", "idk", NOT_DONE),
    ],
)
def test_ordinary_words_are_understood(slot: str, said: str, expected: object) -> None:
    assert answer(slot, said).updates[slot] == expected


@pytest.mark.parametrize("said", ["skip that", "Skip it.", "skip this one", "come back to it"])
def test_skip_in_ordinary_words(said: str) -> None:
    assert answer("sp_factors", said).updates["sp_factors"] == SKIPPED
