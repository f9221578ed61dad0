"""The commissioner's checklist end to end through the gateway, for each tier."""

from __future__ import annotations

import io
import re

import httpx
import pytest
from chat_client import Chat
from docx import Document as DocxDocument

from bot.commissioning.content import requirements
from bot.safety.messages import crisis_message_text

pytestmark = pytest.mark.e2e


def card_of(chat: Chat) -> dict:
    cards = [m["custom"] for m in chat.last if m.get("custom", {}).get("document") == "schedule"]
    assert len(cards) == 1, chat.texts()
    return cards[0]


def schedule_of(chat: Chat) -> str:
    """The schedule as the chat shows it (the same text is on the card, for copying)."""
    text = card_of(chat)["text"]
    assert text in chat.texts()
    return text


def status_of(schedule: str, title: str) -> tuple[str, str]:
    """A requirement's status and reason, from the chat text of the schedule."""
    block = next(b for b in schedule.split("\nRequirement: ") if b.startswith(title + "."))
    fields = dict(line.split(": ", 1) for line in block.splitlines()[1:] if ": " in line)
    return fields["Status"], fields["Reason"]


def asking(chat: Chat) -> str:
    for text in reversed(chat.texts()):
        if text.startswith("Requirement "):
            return text.splitlines()[0]
    raise AssertionError(chat.texts())


def answer_every_requirement(chat: Chat, tier: str, button: str = "Add it") -> None:
    for number in range(1, len(requirements().for_tier(tier)) + 1):
        assert asking(chat).startswith(f"Requirement {number} of ")
        chat.click(button)


@pytest.mark.parametrize(
    ("opening", "tier", "proposal"),
    [
        ("I'm writing a contract for refuse collection", "universal", "universal service"),
        ("what should go in the housing support contract?", "targeted", "targeted service"),
        ("I'm drafting the spec for our IDVA service", "specialist", "specialist domestic-abuse"),
    ],
)
def test_each_tier_end_to_end(
    gateway: httpx.Client, opening: str, tier: str, proposal: str
) -> None:
    chat = Chat(gateway)
    chat.say(opening)
    assert "tier: " in "\n".join(chat.texts()) and proposal in "\n".join(chat.texts()).lower()
    chat.click("Yes, that's right")
    answer_every_requirement(chat, tier)
    schedule = schedule_of(chat)
    for requirement in requirements().for_tier(tier):
        assert status_of(schedule, requirement.title)[0] == "To add"
    assert "Gap list: to add to the contract" in schedule
    assert "#" not in schedule and "**" not in schedule
    downloads = {d["format"]: d["url"] for d in card_of(chat)["downloads"]}
    assert set(downloads) == {"docx", "csv"}
    spreadsheet = gateway.get(downloads["csv"])
    assert spreadsheet.status_code == 200
    assert spreadsheet.headers["content-type"].startswith("text/csv")
    assert spreadsheet.content.decode("utf-8-sig").count("To add") == len(
        requirements().for_tier(tier)
    )
    assert chat.texts()[-1].startswith("Was this helpful?")


def test_started_from_the_role_button_with_a_free_text_service_and_a_changed_tier(
    gateway: httpx.Client,
) -> None:
    chat = Chat(gateway)
    chat.say("/greet")  # as the page does on load: offers the role buttons
    chat.say("/role_commissioner")
    chat.click("Work through the commissioning checklist")
    assert "Which service is the contract for?" in chat.texts()[-1]
    chat.say("community transport for older people")
    assert "Which tier fits this service best?" in chat.texts()[-1]
    chat.click("Targeted service")
    assert asking(chat).startswith("Requirement 1 of 7")
    chat.say("already in the contract")
    chat.say("change the tier")
    chat.click("Universal service")
    # the policy answer is kept; the universal tier has one requirement left
    assert asking(chat) == "Requirement 2 of 2: Staff training at the right level"
    chat.click("Not applicable")
    assert chat.texts()[-1].startswith("Briefly, why doesn't staff training")
    chat.say("volunteer drivers are trained by the county scheme")
    schedule = schedule_of(chat)
    assert "Service: community transport for older people" in schedule
    assert status_of(schedule, "Workplace domestic-abuse policy")[0] == "Already in the contract"
    assert status_of(schedule, "Staff training at the right level") == (
        "Not applicable",
        "volunteer drivers are trained by the county scheme",
    )
    # The reason is kept in the Word download too.
    word = gateway.get(next(d["url"] for d in card_of(chat)["downloads"] if d["format"] == "docx"))
    assert word.status_code == 200
    cells = [c.text for t in DocxDocument(io.BytesIO(word.content)).tables for r in t.rows
             for c in r.cells]  # fmt: skip
    assert "volunteer drivers are trained by the county scheme" in cells


def test_stop_half_way_and_resume(gateway: httpx.Client) -> None:
    chat = Chat(gateway)
    chat.say("work through the commissioning checklist")
    chat.click("Public health service")
    chat.click("Yes, that's right")
    chat.click("Add it")
    chat.click("Already in the contract")
    assert asking(chat).startswith("Requirement 3 of 7")
    chat.say("stop")
    assert chat.texts()[-1].startswith("Paused.")
    chat.say("what is social value in procurement?")  # a question in between
    chat.say("carry on with the checklist")
    assert asking(chat).startswith("Requirement 3 of 7")
    answer_every_requirement_from(chat, 3, "targeted")
    schedule = schedule_of(chat)
    assert status_of(schedule, "Workplace domestic-abuse policy")[0] == "To add"
    assert status_of(schedule, "Staff training at the right level")[0] == "Already in the contract"
    chat.say("can I have the schedule as a spreadsheet")
    assert chat.texts()[0].startswith("Here is your contract requirements schedule as CSV")


def answer_every_requirement_from(chat: Chat, start: int, tier: str) -> None:
    for number in range(start, len(requirements().for_tier(tier)) + 1):
        assert asking(chat).startswith(f"Requirement {number} of ")
        chat.click("Add it")


def test_crisis_during_the_checklist_then_carry_on(gateway: httpx.Client) -> None:
    chat = Chat(gateway)
    chat.say("I'm writing a contract for debt advice")
    chat.click("Yes, that's right")
    texts = chat.say("a provider's worker just rang, he's attacking her right now")
    assert texts[0] == crisis_message_text()
    chat.click("Carry on with the checklist")
    assert asking(chat).startswith("Requirement 1 of 7")


def test_commissioning_questions_are_answered_with_sources(gateway: httpx.Client) -> None:
    chat = Chat(gateway)
    for question, expected in [
        ("does it cost much to put DA clauses in contracts", "costs commissioners little"),
        ("which contracts should we pilot this in first", "housing-related support"),
        ("how do I check the provider is actually doing it", "After award"),
    ]:
        texts = chat.say(question)
        # A question that follows on ("...pilot this in first") may come after a line
        # saying so: the answer is the message with its sources.
        answer = next((t for t in texts if re.search(r"\nSources?: ", t)), texts[0])
        assert expected in answer, (question, answer[:80])


def test_back_shows_the_answer_it_kept_and_keeps_it_with_one_press(gateway: httpx.Client) -> None:
    chat = Chat(gateway)
    chat.say("what should go in the housing support contract?")
    chat.click("Yes, that's right")
    chat.click("Already in the contract")
    chat.say("not applicable because the council trains their staff")
    assert asking(chat).startswith("Requirement 3 of 7")
    chat.say("back")
    said = "\n".join(chat.texts())
    assert 'You had said "not applicable", because "the council trains their staff"' in said
    assert asking(chat).startswith("Requirement 2 of 7")
    chat.click("Keep my answer")
    assert asking(chat).startswith("Requirement 3 of 7")
    for _ in range(5):
        chat.click("Add it")
    assert status_of(schedule_of(chat), "Staff training at the right level") == (
        "Not applicable",
        "the council trains their staff",
    )
