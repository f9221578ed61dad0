"""Words that steer any walkthrough, and button payloads that bypass the NLU model."""

from __future__ import annotations

import json

from bot.walkthrough.words import SKIP, normalise, plain

__all__ = ["ANSWER_INTENT", "control_word", "normalise", "payload"]

ANSWER_INTENT = "walkthrough_answer"
_CONTROLS = {
    "skip": {"skip", "skip this", "skip this step", "skip step", "pass", "next step"},
    "back": {"back", "go back", "previous", "previous step", "undo"},
    "stop": {"stop", "cancel", "quit", "stop the walkthrough", "end", "exit walkthrough", "pause"},
    "restart": {"start again", "restart", "start over", "begin again", "from the start"},
}


def control_word(text: str) -> str | None:
    said = normalise(text)
    for candidate in (said, plain(text)):
        for control, words in _CONTROLS.items():
            if candidate in words:
                return control
        if candidate in SKIP:
            return "skip"
    return None


def payload(answer: str) -> str:
    """A button payload that reaches the form without going through the NLU model."""
    return f"/{ANSWER_INTENT}" + json.dumps({"answer": answer})
