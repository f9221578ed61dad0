"""One chat turn: the safety net, the engine, and what the user sees when parts are down."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from starlette.concurrency import run_in_threadpool

from bot.conversation import payloads
from bot.conversation.feedback import Answer, FeedbackOffers, offer_message
from bot.conversation.memory import LocalMemory, Memory, digest
from bot.conversation.turn_log import turn_entry
from bot.documents import links
from bot.engine.rasa_client import EngineUnavailable, RasaClient
from bot.knowledge.directory import NationalDirectory
from bot.knowledge.topics import topics_by_key
from bot.privacy.anonymiser import Anonymised, Anonymiser, name_words
from bot.pseudonym import conversation_id
from bot.safety.crisis import CrisisDetector
from bot.safety.grading import (
    DOUBTED,
    SET_ASIDE,
    crisis_grade,
    model_alone_doubted,
    model_alone_set_aside,
)
from bot.safety.messages import POSSIBLE_DANGER_LINE
from bot.safety.semantic_net import SemanticCrisisNet
from bot.storage.interactions import Entry, FeedbackEntry

logger = logging.getLogger(__name__)

# The payload the gateway sends when its own phrase check fires, so the engine's
# dialogue goes into crisis handling even if the model would have picked
# something else.
CRISIS_PAYLOAD = "/crisis"
MAX_NAME_WORDS = 200
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
    # The semantic crisis net (None: phrase rules and the model's intent only).
    semantic: SemanticCrisisNet | None = None
    # What each conversation remembers between turns (bot/conversation/memory.py):
    # this process's memory, or Redis shared by every gateway.
    memory: Memory = field(default_factory=LocalMemory)
    feedback: FeedbackOffers = field(init=False)
    offers: payloads.OfferedPayloads = field(init=False)

    def __post_init__(self) -> None:
        self.feedback = FeedbackOffers(self.memory)
        self.offers = payloads.OfferedPayloads(self.memory, self.pseudonym_secret)

    def _known_names(self, found: list[str] | None, message: str) -> frozenset[str]:
        """The words of `message` that were found as names earlier in the conversation.

        The memory holds only keyed digests of those words (`found`), so each word of
        the new message is checked against them: the name itself is never kept.
        """
        if not found:
            return frozenset()
        known = set(found)
        return frozenset(w for w in name_words(message) if self._digest(w) in known)

    def _remember_names(self, cid: str, old: list[str], names: frozenset[str]) -> None:
        new = [d for d in dict.fromkeys(self._digest(n) for n in names) if d not in old]
        if new:
            self.memory.set(cid, "names", (old + new)[-MAX_NAME_WORDS:])

    def _digest(self, word: str) -> str:
        return digest(self.pseudonym_secret, "name:" + word.lower())

    def _anonymise(self, cid: str, message: str, known: frozenset[str]) -> Anonymised:
        """Anonymised, and sent as an intent only if it is a button this conversation was
        offered; anything else is escaped text (`bot/conversation/payloads.py`)."""
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
        # What the conversation remembers, read once for the turn.
        remembered = self.memory.snapshot(cid)
        try:
            clean = await run_in_threadpool(
                self._anonymise, cid, message, self._known_names(remembered.get("names"), message)
            )
        except Exception as exc:
            logger.error("anonymiser failed: %s", type(exc).__name__)
            raise AnonymiserFailed from None
        if clean.names:
            self._remember_names(cid, remembered.get("names") or [], clean.names)
        message = clean.text
        assessment = self.detector.assess(message)
        meaning, probability = None, None
        if self.semantic is not None and payloads.parse(message) is None:
            read = await run_in_threadpool(self.semantic.assess, message)
            meaning, probability = read.grade, read.probability
        phrases = assessment.matched if assessment.is_crisis else ()
        grade, matched = crisis_grade(phrases, meaning, message)
        outgoing = CRISIS_PAYLOAD if grade == "clear" else message
        # The model's crisis reading alone, where the meaning net reads almost no danger
        # in the message or any sentence of it: answered after the short safety line
        # (bot/safety/grading.model_alone_doubted). A message set in the past is set
        # aside without the line, as before.
        past = model_alone_set_aside(grade, message)
        doubted = not past and await self._doubted(grade, matched, probability, message)
        try:
            context = self._context(remembered, grade, set_aside=past or doubted)
            reply = await self.rasa.send(cid, outgoing, context)
        except EngineUnavailable as exc:
            logger.warning("engine unavailable: %s", exc)
            fallback = {
                "clear": [self._crisis_message(sender)],
                "possible": [{"recipient_id": sender, "text": POSSIBLE_DANGER_LINE}],
            }.get(grade, [])
            return TurnResult(fallback, cid, grade == "clear", True, matched)

        messages = reply.messages
        self.offers.record(cid, messages)
        if reply.turn.crisis_set_aside:  # the model read danger; set aside (past, or doubted)
            matched = (*matched, SET_ASIDE)
            if doubted:
                grade, matched = "possible", (*matched, DOUBTED)
        crisis = grade == "clear" or any(m.get("text") == self.crisis_text for m in messages)
        if crisis:
            messages = [self._crisis_message(sender)] + [
                m for m in messages if m.get("text") != self.crisis_text
            ]
        elif grade == "possible":
            messages = [{"text": POSSIBLE_DANGER_LINE}, *messages]
        for name, value in (
            ("topic", reply.turn.answered_topic),
            ("loop", reply.turn.active_loop),
        ):
            if (value or None) != remembered.get(name):
                self.memory.set(cid, name, value or None)
        if not messages:
            messages = [await self._nothing_to_say(sender)]
        if clean.changed and not remembered.get("told"):
            self.memory.set(cid, "told", True)
            # A safety line, 999 or the short one, always comes first.
            messages.insert(1 if crisis or grade == "possible" else 0, {"text": REMOVED_NOTICE})
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

    async def _doubted(
        self, grade: str, matched: tuple[str, ...], probability: float | None, message: str
    ) -> bool:
        net = self.semantic
        if net is None or probability is None:
            return False
        below = net.thresholds.model_alone_below
        if not model_alone_doubted(grade, matched, [probability], below, message):
            return False
        sentences = await run_in_threadpool(net.sentence_readings, message)
        return model_alone_doubted(grade, matched, [probability, *sentences], below, message)

    def _context(
        self, remembered: dict[str, Any], grade: str, set_aside: bool
    ) -> dict[str, Any] | None:
        """The topic answered last turn, so a follow-up is read in its context; the
        walkthrough under way, so an answer to its step is not read as a new request;
        and when the model's crisis reading alone is not to be acted on
        (bot/safety/grading: model_alone_set_aside, model_alone_doubted; addons/crisis_gate.py)."""
        context: dict[str, Any] = {}
        if set_aside:
            context["crisis_set_aside"] = True
        previous = remembered.get("topic")
        topic = topics_by_key().get(previous) if previous and grade == "none" else None
        if topic:
            context |= {"previous_topic": previous, "previous_topic_title": topic.title}
            if topic.offers:  # the journey its answer offers: "ok, can we do one now?"
                context["previous_topic_offers"] = topic.offers
        loop = remembered.get("loop")
        if loop:
            context["active_loop"] = loop
        return context or None

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
