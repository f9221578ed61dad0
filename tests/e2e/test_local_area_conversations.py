"""Naming a local area through the real stack: a configured area is used (the example
said to be fictional), any other area gets national routes and how to find the local
ones, the place is never kept, and an area said as where I work is not anonymised."""

from __future__ import annotations

import re

import httpx
import pytest
from chat_client import Chat

from bot.conversation.turns import REMOVED_NOTICE
from bot.pseudonym import conversation_id
from bot.supervisor import Stack

pytestmark = pytest.mark.e2e

MARAC_BUTTON = '/ask_referral_pathway{"situation": "marac_criteria"}'
FICTIONAL_NUMBER = re.compile(r"020 7946 \d{4}")


def marac_pathway(chat: Chat) -> str:
    """The MARAC pathway, through the clarifying button the assistant offers."""
    chat.say("who do I contact about this?")
    assert MARAC_BUTTON in chat.buttons().values()
    return chat.say(MARAC_BUTTON)[0]


def area_slot(engine: httpx.Client, stack: Stack, chat: Chat) -> object:
    cid = conversation_id(chat.sender, stack.settings.pseudonym_secret)
    response = engine.get(
        f"/conversations/{cid}/tracker", params={"token": stack.settings.rasa_token}
    )
    assert response.status_code == 200
    return response.json()["slots"].get("area")


def test_the_example_area_is_used_and_said_to_be_fictional(gateway: httpx.Client) -> None:
    chat = Chat(gateway)
    reply = " ".join(chat.say("I work in Example Borough"))
    assert "Example Borough" in reply and "not real services" in reply
    pathway = marac_pathway(chat)
    assert "Example Borough MARAC coordinator" in pathway and "not a real service" in pathway


def test_an_area_with_no_file_gets_national_routes_and_is_not_kept(
    gateway: httpx.Client, engine: httpx.Client, stack: Stack
) -> None:
    chat = Chat(gateway)
    reply = " ".join(chat.say("I'm based in Leeds"))
    assert "don't have a local directory" in reply
    assert "MARAC" in reply and "IDVA" in reply and "front door" in reply
    assert REMOVED_NOTICE not in chat.texts()
    value = area_slot(engine, stack, chat)
    assert value == "_not_configured:england" and "leeds" not in str(value).lower()
    pathway = marac_pathway(chat)
    assert pathway.startswith("Referral pathway for:")
    assert "Example Borough" not in pathway and not FICTIONAL_NUMBER.search(pathway)
    assert "is configured for this area here" in pathway
    assert "no local directory is configured for your area" in pathway


def test_a_welsh_council_is_told_what_the_directory_holds_for_wales(
    gateway: httpx.Client,
) -> None:
    chat = Chat(gateway)
    reply = " ".join(chat.say("we're a Welsh council"))
    assert "don't have a local directory" in reply and "Live Fear Free" in reply
    assert "Live Fear Free" in marac_pathway(chat)


def test_a_town_that_is_also_a_name_reaches_the_engine_as_an_area(
    gateway: httpx.Client, engine: httpx.Client, stack: Stack
) -> None:
    chat = Chat(gateway)
    reply = " ".join(chat.say("I'm in Preston"))
    assert REMOVED_NOTICE not in chat.texts()
    assert "don't have a local directory" in reply
    assert area_slot(engine, stack, chat) == "_not_configured:england"
