"""Referral pathways, DSL next steps, areas and consultations through the real stack."""

from __future__ import annotations

import re

import httpx
import pytest
from chat_client import Chat

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "dad wants help to change, where can I refer him?",
            ["perpetrator programme", "0808 802 4040"],
        ),
        (
            "she's 16 and her boyfriend is violent",
            ["young people's violence advisor", "children's front door"],
        ),
        (
            "where do I refer a male victim of domestic abuse",
            ["Men's Advice Line", "0808 801 0327"],
        ),
        (
            "her family are forcing her to marry, who do I contact",
            ["Karma Nirvana", "Forced Marriage Unit"],
        ),
        (
            "a mum wants to know about her new partner's past, what's the route",
            ["right to ask", "101"],
        ),
    ],
)
def test_pathway_for_a_described_situation(
    gateway: httpx.Client, message: str, expected: list[str]
) -> None:
    chat = Chat(gateway)
    text = chat.say(message)[0]
    assert text.startswith("Referral pathway for:")
    for needle in expected:
        assert needle in text
    [card] = [m["custom"] for m in chat.last if "custom" in m]
    assert card["type"] == "pathway" and card["markdown"].startswith("# Referral pathway")


def test_immediate_danger_comes_first_in_a_combination(gateway: httpx.Client) -> None:
    """Whether it reads as a crisis (999 guidance) or a pathway, 999 leads."""
    chat = Chat(gateway)
    first = chat.say("she's 16, it's honour based and she's in danger right now, who do I call")[0]
    assert "999" in first.splitlines()[0] or "999" in first.splitlines()[1]


def test_unclear_situation_gets_clarifying_buttons(gateway: httpx.Client) -> None:
    chat = Chat(gateway)
    assert "which of these fits best" in chat.say("who do I call, and in what order?")[0]
    text = chat.say(chat.buttons()["The victim is LGBT+"])[0]
    assert "Galop" in text and "0800 999 5428" in text


def test_dsl_operation_encompass_next_steps(gateway: httpx.Client) -> None:
    chat = Chat(gateway)
    chat.say("/greet")  # as the page does on load: offers the role buttons
    chat.say("/role_dsl")
    text = chat.say(chat.buttons()["Operation Encompass notification"])[0]
    assert "need to know" in text and "silent support" in text and re.search(r"\nSources?: ", text)


def test_dsl_pupil_disclosure_next_steps(gateway: httpx.Client) -> None:
    text = Chat(gateway).say("a pupil has just told me her dad hits her mum, what do I do?")[0]
    assert "don't promise to keep it secret" in text
    assert "own words" in text and "Tell the DSL at once" in text


def test_area_can_be_named_and_unknown_areas_fall_back(gateway: httpx.Client) -> None:
    chat = Chat(gateway)
    assert "Example Borough" in chat.say("I work in Example Borough")[0]
    assert "don't have a local directory" in chat.say("I'm based in Leeds")[0]


def test_case_consultation_routes_to_the_local_clinic(gateway: httpx.Client) -> None:
    text = Chat(gateway).say("can I talk this family through with someone?")[0]
    assert "Safe & Together case consultation clinic" in text
    assert "safeandtogether@example.org" in text and "example area" in text


PATHWAY_EXPECTATIONS = {
    "immediate_danger": "999",
    "marac_criteria": "MARAC coordinator",
    "repeat_marac": "previous action plan",
    "moving_area": "Marac-to-Marac",
    "child_significant_harm": "front door (MASH)",
    "pupil_disclosure": "designated safeguarding lead",
    "perpetrator_seeking_help": "perpetrator programme",
    "male_victim": "Men's Advice Line",
    "lgbt_victim": "Galop",
    "honour_based": "Karma Nirvana",
    "victim_16_17": "young people's violence advisor",
    "clares_law": "right to ask",
    "child_wants_to_talk": "Childline",
    "adult_worried_about_child": "NSPCC Helpline",
}


@pytest.mark.parametrize("situation", sorted(PATHWAY_EXPECTATIONS))
def test_every_situation_through_its_clarifying_button(
    gateway: httpx.Client, situation: str
) -> None:
    chat = Chat(gateway)
    chat.say("who do I contact about this?")
    payload = f'/ask_referral_pathway{{"situation": "{situation}"}}'
    assert payload in chat.buttons().values()
    text = chat.say(payload)[0]
    assert text.startswith("Referral pathway for:")
    assert PATHWAY_EXPECTATIONS[situation] in text


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "I'm worried about one of my pupils but there's been no disclosure",
            "without a disclosure",
        ),
        ("how should I write up a safeguarding concern about a pupil", "own words"),
        (
            "does this meet the threshold for a referral to children's social care",
            "significant harm",
        ),
        ("a parent is asking me how Clare's Law works", "Right to Ask"),
        (
            "what's the difference between Childline and the NSPCC helpline",
            "NSPCC Helpline is for adults",
        ),
    ],
)
def test_every_dsl_topic(gateway: httpx.Client, message: str, expected: str) -> None:
    text = Chat(gateway).say(message)[0]
    assert expected in text
    assert re.search(r"\nSources?: ", text)
