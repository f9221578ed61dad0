"""One chat turn: the safety net, the engine, and what the user sees when parts are down."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from starlette.concurrency import run_in_threadpool

from bot.documents import links
from bot.engine.rasa_client import EngineUnavailable, RasaClient
from bot.gateway import payloads
from bot.gateway.feedback import Answer, FeedbackOffers, offer_message
from bot.gateway.turn_log import turn_entry
from bot.knowledge.directory import NationalDirectory
from bot.knowledge.topics import topics_by_key
from bot.privacy.anonymiser import Anonymised, Anonymiser
from bot.pseudonym import conversation_id
from bot.safety.crisis import CrisisDetector
from bot.safety.messages import POSSIBLE_DANGER_LINE
from bot.safety.semantic_net import SemanticCrisisNet
from bot.storage.interactions import Entry, FeedbackEntry

logger = logging.getLogger(__name__)

# The payload the gateway sends when its own phrase check fires, so the engine's
# dialogue goes into crisis handling even if the model would have picked
# something else.
CRISIS_PAYLOAD = "/crisis"
REMOVED_NOTICE = (
    "I've removed what looked like names or contact details: I don't need them to help."
)


class AnonymiserFailed(Exception):
    """The message could not be anonymised, so it must go no further."""


@dataclass
class TurnResult:
    """What the engine said (possibly after the safety net), or why it could not answer."""

    messages: list[dict[str, Any]]
    conversation_id: str
    crisis: bool
    unavailable: bool = False
    matched: tuple[str, ...] = field(default=())
    removed: frozenset[str] = field(default_factory=frozenset)
    entry: Entry | None = None


@dataclass
class ChatService:
    rasa: RasaClient
    detector: CrisisDetector
    crisis_text: str
    directory: NationalDirectory
    pseudonym_secret: str
    anonymiser: Anonymiser
    log_text: bool = False
    feedback: FeedbackOffers = field(default_factory=FeedbackOffers)
    offers: payloads.OfferedPayloads = field(default_factory=payloads.OfferedPayloads)
    # The semantic crisis net (None: phrase rules and the model's intent only).
    semantic: SemanticCrisisNet | None = None
    # Conversations already told that details were removed, and the name words found
    # in each, so a name is removed again when it comes back without a cue. Bounded,
    # and in this process's memory only: never written anywhere.
    _told: OrderedDict[str, None] = field(default_factory=OrderedDict)
    _names: OrderedDict[str, frozenset[str]] = field(default_factory=OrderedDict)
    # The knowledge topic answered in each conversation's last turn, for follow-ups.
    _topics: OrderedDict[str, str] = field(default_factory=OrderedDict)

    def _remember(self, store: OrderedDict[str, Any], key: str, value: Any) -> None:
        store[key] = value
        store.move_to_end(key)
        if len(store) > 50_000:
            store.popitem(last=False)

    def _anonymise(self, cid: str, message: str, known: frozenset[str]) -> Anonymised:
        """Anonymised, and sent as an intent only if it is a button this conversation was
        offered; anything else is escaped text (`bot/gateway/payloads.py`)."""
        return payloads.prepare(
            message,
            self.offers.was_offered(cid, message),
            lambda text: self.anonymiser.anonymise(text, known),
        )

    async def turn(self, sender: str, message: str) -> TurnResult:
        started = time.perf_counter()
        cid = conversation_id(sender, self.pseudonym_secret)
        answer = self.feedback.answer(cid, message)
        if answer is not None:
            return self._feedback_turn(sender, cid, answer)
        try:
            clean = await run_in_threadpool(
                self._anonymise, cid, message, self._names.get(cid, frozenset())
            )
        except Exception as exc:
            logger.error("anonymiser failed: %s", type(exc).__name__)
            raise AnonymiserFailed from None
        if clean.names:
            self._remember(self._names, cid, clean.names)
        message = clean.text
        assessment = self.detector.assess(message)
        grade, matched = ("clear" if assessment.is_crisis else "none"), assessment.matched
        if self.semantic is not None and payloads.parse(message) is None:
            semantic = await run_in_threadpool(self.semantic.assess, message)
            if semantic.grade != "none":
                matched = (*matched, f"semantic_{semantic.grade}")
                grade = "clear" if grade == "clear" else semantic.grade
        outgoing = CRISIS_PAYLOAD if grade == "clear" else message
        try:
            reply = await self.rasa.send(cid, outgoing, self._context(cid, grade))
        except EngineUnavailable as exc:
            logger.warning("engine unavailable: %s", exc)
            fallback = {
                "clear": [self._crisis_message(sender)],
                "possible": [{"recipient_id": sender, "text": POSSIBLE_DANGER_LINE}],
            }.get(grade, [])
            return TurnResult(fallback, cid, grade == "clear", True, matched)

        messages = reply.messages
        self.offers.record(cid, messages)
        crisis = grade == "clear" or any(m.get("text") == self.crisis_text for m in messages)
        if crisis:
            messages = [self._crisis_message(sender)] + [
                m for m in messages if m.get("text") != self.crisis_text
            ]
        elif grade == "possible":
            messages = [{"text": POSSIBLE_DANGER_LINE}, *messages]
        self._remember_topic(cid, reply.turn.answered_topic)
        if not messages:
            messages = [await self._nothing_to_say(sender)]
        if clean.changed and cid not in self._told:
            self._remember(self._told, cid, None)
            messages.insert(1 if crisis else 0, {"text": REMOVED_NOTICE})
        messages = links.add_downloads(messages, cid, self.pseudonym_secret, time.time())
        topic = self.feedback.offer(cid, reply.turn, crisis, messages)
        if topic:
            messages.append(offer_message(topic))
        for m in messages:
            m["recipient_id"] = sender
        entry = turn_entry(
            conversation_id=cid,
            turn=reply.turn,
            moment=datetime.now(UTC),
            latency_ms=round((time.perf_counter() - started) * 1000),
            crisis=crisis,
            anonymised=clean.found,
            text=message if self.log_text else None,
        )
        return TurnResult(messages, cid, crisis, False, matched, clean.found, entry)

    def _context(self, cid: str, grade: str) -> dict[str, str] | None:
        """The topic answered last turn, so a follow-up is read in its context."""
        previous = self._topics.get(cid)
        topic = topics_by_key().get(previous) if previous and grade == "none" else None
        return {"previous_topic": previous, "previous_topic_title": topic.title} if topic else None

    def _remember_topic(self, cid: str, topic: str | None) -> None:
        if topic:
            self._remember(self._topics, cid, topic)
        else:
            self._topics.pop(cid, None)

    def _feedback_turn(self, sender: str, cid: str, answer: Answer) -> TurnResult:
        """Feedback is answered here: the engine's dialogue never sees it."""
        entry = (
            FeedbackEntry(cid, datetime.now(UTC), answer.topic, answer.helpful)
            if answer.topic
            else None
        )
        text = self.feedback.thanks(answer)
        return TurnResult([{"recipient_id": sender, "text": text}], cid, False, entry=entry)

    def _crisis_message(self, sender: str) -> dict[str, Any]:
        return {"recipient_id": sender, "text": self.crisis_text}

    async def _nothing_to_say(self, sender: str) -> dict[str, Any]:
        """Never a silent reply: say what is wrong, and where else to turn."""
        if not await self.rasa.actions_up():
            text = (
                "Part of the service isn't working right now, so I can't give that answer. "
                + self.safety_sentence()
            )
        else:
            text = "Sorry, I don't have an answer for that. Try asking another way, or type 'help'."
        return {"recipient_id": sender, "text": text}

    def safety_sentence(self) -> str:
        helpline = self.directory.get("national_da_helpline")
        hours = f" ({helpline.hours})" if helpline.hours else ""
        return (
            "If anyone is in immediate danger, call 999. For advice, the "
            f"{helpline.name} is on {helpline.number}{hours}."
        )

    def unavailable_sentence(self) -> str:
        return (
            "The assistant isn't available right now. Please try again in a minute. "
            + self.safety_sentence()
        )


def eval_headers(entry: Entry, matched: tuple[str, ...] = ()) -> dict[str, str]:
    """The log entry's labels as response headers (set only when APP_ENV=test)."""
    return {
        "X-Eval-Crisis-Nets": ",".join(matched),
        "X-Eval-Topic": getattr(entry, "topic", None) or "",
        "X-Eval-Journey": getattr(entry, "journey", None) or "",
        "X-Eval-Intent": getattr(entry, "intent", None) or "",
        "X-Eval-Action": getattr(entry, "action", None) or "",
        "X-Eval-Fallback": "1" if getattr(entry, "fallback", False) else "0",
    }
