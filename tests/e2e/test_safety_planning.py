"""The safety-planning walkthrough through the real gateway, engine and action server."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import httpx
import pytest
from chat_client import Chat

from bot.pseudonym import conversation_id
from bot.safety.messages import crisis_message_text
from bot.safety_planning.content import walkthrough
from bot.supervisor import Stack

pytestmark = pytest.mark.e2e

CRISIS_TEXT = crisis_message_text()
STEPS = walkthrough().slots


def start(gateway: httpx.Client) -> Chat:
    chat = Chat(gateway)
    chat.say("I need to do safety planning for a family")
    assert "don't need names or identifying details" in chat.texts()[0]
    assert chat.asking() == "Step 1 of 7: The perpetrator's pattern of coercive control"
    return chat


def answer_all(chat: Chat) -> None:
    chat.click("Controlling money")
    assert "So far: Controlling money." in chat.texts()[-1]
    chat.click("Threats or intimidation")
    chat.click("Done")
    chat.say("abused her while she held the baby, disrupted their sleep")
    chat.click("Kept the children away from him during incidents")
    chat.click("Done")
    chat.say("fear or anxiety, school attendance")
    chat.say("He tells her no one will believe her because of her depression")
    chat.say("15")
    chat.say("2")
    chat.click("No")
    chat.click("Yes, I believe the risk is high")


def card_of(chat: Chat) -> dict:
    cards = [m["custom"] for m in chat.last if m.get("custom", {}).get("document") == "safety_plan"]
    assert len(cards) == 1, chat.last
    return cards[0]


def summary_of(chat: Chat) -> str:
    """The summary as the chat shows it: plain text (the card carries it for copying)."""
    text = card_of(chat)["text"]
    assert any(t.endswith(text) for t in chat.texts())
    return text


def test_complete_walkthrough_gives_a_summary_and_records_only_the_outcome(
    gateway: httpx.Client, stack: Stack
) -> None:
    chat = start(gateway)
    answer_all(chat)
    text = summary_of(chat)
    assert chat.texts()[0].startswith("Step 7 of 7: summary")
    assert "• Controlling money\n• Threats or intimidation" in text
    assert "• abused her while she held the baby\n• disrupted their sleep" in text
    assert "• Kept the children away from him during incidents" in text
    assert "The referral criteria are met" in text and "#" not in text and "**" not in text
    assert "Visible high risk: 15" in text and "Professional judgement" in text
    assert "only while this conversation lasts" in chat.texts()[-2]
    assert chat.texts()[-1] == "Was this helpful?"

    cid = conversation_id(chat.sender, stack.settings.pseudonym_secret)
    database = Path(stack.settings.database_url.removeprefix("sqlite:///"))
    row = None
    for _ in range(50):
        with sqlite3.connect(database) as connection:
            row = connection.execute(
                "SELECT journey, completed, outcome, criteria, skipped FROM journey_events "
                "WHERE conversation_id = ?",
                (cid,),
            ).fetchone()
        if row:
            break
        time.sleep(0.2)
    assert row == (
        "safety_planning",
        1,
        "marac_referral",
        "professional_judgement,visible_high_risk",
        None,
    )
    with sqlite3.connect(database) as connection:
        dump = json.dumps([list(r) for r in connection.execute("SELECT * FROM journey_events")])
        steps = [
            r[0]
            for r in connection.execute(
                "SELECT step FROM turns WHERE conversation_id = ? AND journey = ?",
                (cid, "safety_planning"),
            )
        ]
    assert "depression" not in dump and "Controlling money" not in dump
    assert {"sp_pattern", "sp_dash", "sp_judgement"} <= set(steps)


def test_skipping_every_step_still_gives_a_summary(gateway: httpx.Client) -> None:
    chat = start(gateway)
    for index in range(len(STEPS)):
        assert chat.asking().startswith(f"Step {min(index + 1, 6)} of 7")
        chat.say("skip")
    text = summary_of(chat)
    assert text.count("Skipped.") == len(STEPS)
    assert "Skipped\n• The perpetrator's pattern of coercive control\n" in text
    assert "criteria are not met" in text


def test_back_goes_to_the_previous_step(gateway: httpx.Client) -> None:
    chat = start(gateway)
    chat.say("controlling money, isolation")
    assert chat.asking().startswith("Step 2 of 7")
    chat.say("back")
    assert chat.asking().startswith("Step 1 of 7")
    said = "\n".join(chat.texts())
    assert "I've kept what you had: Controlling money; isolation" in said  # nothing lost
    assert "So far: Controlling money; isolation." in said
    chat.click("Back")  # takes out the last choice, and says so
    assert 'Took out "isolation"' in "\n".join(chat.texts())
    chat.click("Back")
    chat.click("Back")
    assert "This is the first step." in chat.texts()


def test_stop_ends_it_and_keeps_nothing(gateway: httpx.Client) -> None:
    chat = start(gateway)
    chat.say("controlling money")
    chat.say("stop")
    assert chat.texts()[-1].startswith("Stopped. I haven't kept any of your answers.")
    chat.say("I need to do safety planning for a family")
    assert chat.asking().startswith("Step 1 of 7")


def test_start_again_goes_back_to_step_one(gateway: httpx.Client) -> None:
    chat = start(gateway)
    chat.say("controlling money")
    chat.say("kept them away")
    assert chat.asking().startswith("Step 3 of 7")
    chat.say("start again")
    assert chat.asking().startswith("Step 1 of 7")


def test_dash_topics_one_by_one(gateway: httpx.Client) -> None:
    chat = start(gateway)
    for _ in range(5):
        chat.say("skip")
    assert chat.asking() == "Step 6 of 7: Risk - the DASH checklist"
    chat.click("Go through the topics")
    for i in range(24):
        assert f"Topic {i + 1} of 24" in chat.texts()[-1]
        chat.click("Yes" if i < 14 else "No")
    assert chat.asking() == "Step 6 of 7: Risk - incidents in the last 12 months"
    for _ in range(3):
        chat.say("skip")
    assert "counted from a topic-by-topic walk-through" in summary_of(chat)
    assert "Visible high risk: 14" in summary_of(chat)


def test_crisis_mid_walkthrough_interrupts_then_offers_to_resume(gateway: httpx.Client) -> None:
    chat = start(gateway)
    chat.say("controlling money, threats")
    assert chat.asking().startswith("Step 2 of 7")
    chat.say("he's outside the house right now with a knife")
    assert chat.texts()[0] == CRISIS_TEXT
    assert "paused the safety-planning walkthrough" in chat.texts()[-1]
    chat.click("Carry on with the walkthrough")
    assert chat.asking().startswith("Step 2 of 7")  # step 1's answer was kept


def test_question_bank_from_step_three(gateway: httpx.Client) -> None:
    chat = start(gateway)
    chat.say("skip")
    chat.say("skip")
    assert chat.asking().startswith("Step 3 of 7")
    chat.click("Questions to ask her")
    assert any("Has he ever interfered with you trying to leave" in t for t in chat.texts())
    assert chat.asking().startswith("Step 3 of 7")


def test_separation_is_named_as_a_high_risk_time(gateway: httpx.Client) -> None:
    chat = Chat(gateway)
    chat.say("mum has told me she's planning to leave him next week")
    assert "Separation is a known high-risk time" in chat.texts()[0]


def test_question_bank_on_its_own(gateway: httpx.Client) -> None:
    chat = Chat(gateway)
    chat.say("what should I ask mum about safety?")
    assert "Has he ever interfered with you trying to leave" in chat.texts()[0]


def test_perpetrator_engagement(gateway: httpx.Client) -> None:
    chat = Chat(gateway)
    chat.say("how do I engage dad safely as a parent?")
    assert "Never tell him what she has disclosed" in chat.texts()[0]
    assert "0808 802 4040" in chat.texts()[0]


def test_a_blaming_answer_is_checked_before_it_reaches_the_summary(gateway: httpx.Client) -> None:
    chat = start(gateway)
    chat.say("controlling money")
    chat.say("skip")
    assert chat.asking().startswith("Step 3 of 7")
    chat.say("she's failed to protect them, she keeps letting him back in")
    said = "\n".join(chat.texts())
    assert said.startswith("Before this goes into the summary")
    assert "Use the suggestion" in chat.buttons() and "Keep my wording" in chat.buttons()
    chat.click("Use the suggestion")
    assert chat.asking().startswith("Step 4 of 7")


def test_ordinary_words_at_a_step(gateway: httpx.Client) -> None:
    chat = start(gateway)
    chat.say("skip that")
    assert chat.asking().startswith("Step 2 of 7")
    chat.say("back")
    assert chat.asking().startswith("Step 1 of 7")
