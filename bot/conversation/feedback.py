""" "Was this helpful?": offered after substantive answers, without nagging.

The offer is a pair of buttons whose payload names the topic. The gateway
handles the answer itself (the engine's dialogue never sees it) and accepts it
only for a topic it offered to that conversation, so a hand-typed payload can
neither invent topics nor stuff text into the log.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from bot.conversation.memory import LocalMemory, Memory
from bot.engine.rasa_client import TurnSummary
from bot.vocabulary import CARD_ACTIONS, SUBSTANTIVE_ACTIONS, SUBSTANTIVE_RETRIEVAL

PAYLOAD = re.compile(r"^/feedback(\{.*)?$", re.DOTALL)
# After an offer, this many turns pass before the next one.
QUIET_TURNS = 3

QUESTION = "Was this helpful?"
THANKS = {
    True: "Thank you, that's useful to know.",
    False: (
        "Thank you for telling me: it helps us improve the answers. You could try asking "
        "another way, or ask for a case consultation with your local domestic abuse lead."
    ),
}


def feedback_topic(turn: TurnSummary, messages: list[dict[str, Any]]) -> str | None:
    """The topic to ask about, if this turn gave a substantive answer."""
    if "utter_suggest_topics" in turn.responses or "utter_default" in turn.responses:
        return None
    if turn.answered_topic:
        return turn.answered_topic
    if turn.retrieval_key and turn.retrieval_key.split("/", 1)[0] in SUBSTANTIVE_RETRIEVAL:
        return turn.retrieval_key
    # The answer must be what the turn ended on, not a step on the way elsewhere.
    last = turn.actions[-1] if turn.actions else None
    if last in SUBSTANTIVE_ACTIONS:
        return last
    if last in CARD_ACTIONS and any(isinstance(m.get("custom"), dict) for m in messages):
        return last
    return None


def offer_message(topic: str) -> dict[str, Any]:
    def payload(helpful: str) -> str:
        return "/feedback" + json.dumps({"helpful": helpful, "topic": topic})

    return {
        "text": QUESTION,
        "buttons": [
            {"title": "Yes", "payload": payload("yes")},
            {"title": "No", "payload": payload("no")},
        ],
    }


@dataclass(frozen=True)
class Answer:
    topic: str | None  # None: not an open offer, so nothing is recorded
    helpful: bool


class FeedbackOffers:
    """Which conversations were offered what, in the conversation's memory
    (`bot/conversation/memory.py`): turns since the last offer, the topics asked
    about, and the offers still open (the last three)."""

    FIELD = "feedback"

    def __init__(self, memory: Memory | None = None) -> None:
        self._memory = memory if memory is not None else LocalMemory()

    def _state(self, conversation_id: str) -> dict[str, Any]:
        state = self._memory.get(conversation_id, self.FIELD)
        valid = (
            isinstance(state, dict)
            and isinstance(state.get("since"), int)
            and isinstance(state.get("open"), list)
            and isinstance(state.get("asked"), list)
        )
        return state if valid else {"since": QUIET_TURNS, "open": [], "asked": []}

    def offer(
        self,
        conversation_id: str,
        turn: TurnSummary,
        crisis: bool,
        messages: list[dict[str, Any]] | None = None,
    ) -> str | None:
        """Count the turn; return the topic to offer feedback on, or None."""
        state = self._state(conversation_id)
        state["since"] += 1
        topic = None if crisis or turn.active_loop else feedback_topic(turn, messages or [])
        if topic is not None and topic not in state["asked"] and state["since"] >= QUIET_TURNS:
            state["since"] = 0
            state["asked"].append(topic)
            state["open"] = [*state["open"][-2:], topic]
        else:
            topic = None
        self._memory.set(conversation_id, self.FIELD, state)
        return topic

    def answer(self, conversation_id: str, message: str) -> Answer | None:
        """None if `message` is not a feedback payload; else what to record, if anything.

        A payload for a topic not on offer (clicked twice, typed by hand) is thanked
        for and not recorded.
        """
        match = PAYLOAD.match(message)
        if not match:
            return None
        try:
            values = json.loads(match.group(1) or "")
        except ValueError:
            values = None
        if not isinstance(values, dict) or values.get("helpful") not in ("yes", "no"):
            return Answer(None, False)
        helpful = values["helpful"] == "yes"
        state = self._state(conversation_id)
        topic = values.get("topic")
        if topic not in state["open"]:
            return Answer(None, helpful)
        state["open"] = [t for t in state["open"] if t != topic]
        self._memory.set(conversation_id, self.FIELD, state)
        return Answer(topic, helpful)

    @staticmethod
    def thanks(answer: Answer) -> str:
        return THANKS[answer.helpful] if answer.topic else THANKS[True]
