"""Possible danger said to be happening now is clear danger (bot/safety/immediacy.py)."""

from __future__ import annotations

import pytest

from bot.safety.immediacy import happening_now


@pytest.mark.parametrize(
    "text",
    [
        "she's just rung me, he's outside the flat again shouting",
        "the ex is in the building now and staff can't find the little one",
        "he messaged her saying goodbye and that she'll never see the boys again",
        "her phone's off and nothing since she said he'd locked the doors",
        "the lad has just swallowed a load of tablets, he's getting drowsy",
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
    ],
)
def test_the_past_a_record_or_a_what_if_is_not(text: str) -> None:
    assert not happening_now(text)
