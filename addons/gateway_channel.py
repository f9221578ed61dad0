"""The channel the gateway talks to: Rasa's REST webhook plus a summary of the turn.

The REST channel returns only the bot's messages. The gateway also needs, for the
interaction log and the feedback offer, what the engine understood and did: the
intent and its confidence, the retrieval response chosen, the actions run, the
active form and step, and two slots. Reading these here, from the tracker the
engine already holds, saves the gateway a second request per turn.

Only the gateway may use it: every POST must carry the shared secret from
ENGINE_CHANNEL_SECRET (the engine's environment) in the `X-Engine-Secret` header,
compared in constant time; anything else gets 401 and nothing runs. Without the
variable the channel refuses every message. This is the only input channel
(credentials.yml), so nothing else on the machine can talk to a conversation.

Runs inside the engine (Rasa 3.6, Python 3.10): keep it 3.10-compatible.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import os
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

ACTION_LISTEN = "action_listen"
# The tracker each conversation was last saved with, caught as the processor saves
# it, so summarising a turn costs no second read (and deserialisation) of the store.
_SAVED: OrderedDict[str, Any] = OrderedDict()
_SAVED_MAX = 1000
REPORTED_SLOTS = ("role", "journey_outcome", "requested_slot")
# The finished walkthroughs' documents, which the gateway may read to render a download.
DOCUMENT_SLOTS = ("sp_document", "cm_document")
SECRET_HEADER = "X-Engine-Secret"
SECRET_ENV = "ENGINE_CHANNEL_SECRET"


def from_the_gateway(given: str | None, expected: str) -> bool:
    """Whether the request carries the shared secret (never true without one configured)."""
    if len(expected) < 16 or not given:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def _turn_events(events: list[Any], message_id: str) -> list[Any]:
    """The events of one turn: from the user's message to the next user message."""
    turn: list[Any] = []
    started = False
    for event in events:
        if isinstance(event, UserUttered):
            if started:
                break
            started = event.message_id == message_id
        if started:
            turn.append(event)
    return turn


def _retrieval(parse: dict[str, Any]) -> dict[str, Any] | None:
    """The response the ResponseSelector chose for a retrieval intent, if one was used."""
    intent = (parse.get("intent") or {}).get("name") or ""
    selectors = parse.get("response_selector") or {}
    if intent not in selectors.get("all_retrieval_intents", []):
        return None
    # A selector for one retrieval intent files its result under that intent (the
    # shipped one reads `chitchat` only: knowledge topics come from the semantic
    # matcher, in the answer the turn gave); one for all of them under "default".
    selected = selectors.get(intent) or selectors.get("default")
    if not selected:
        return None
    chosen = selected.get("response") or {}
    return {
        "key": chosen.get("intent_response_key"),
        "confidence": chosen.get("confidence"),
        "ranking": [
            {"key": r.get("intent_response_key"), "confidence": r.get("confidence")}
            for r in (selected.get("ranking") or [])[:5]
        ],
    }


def summarise_turn(tracker: Any, message_id: str) -> dict[str, Any]:
    """What the engine understood and did in the turn that began with `message_id`."""
    events = _turn_events(list(tracker.events), message_id)
    parse = events[0].parse_data if events else {}
    intent = parse.get("intent") or {}
    return {
        "intent": intent.get("name"),
        "confidence": intent.get("confidence"),
        "intent_ranking": [
            {"name": i.get("name"), "confidence": i.get("confidence")}
            for i in (parse.get("intent_ranking") or [])[:5]
        ],
        "retrieval": _retrieval(parse),
        "actions": [
            e.action_name
            for e in events
            if isinstance(e, ActionExecuted) and e.action_name and e.action_name != ACTION_LISTEN
        ],
        "responses": [
            e.metadata.get("utter_action")
            for e in events
            if isinstance(e, BotUttered) and e.metadata.get("utter_action")
        ],
        "active_loop": tracker.active_loop_name,
        "slots": {name: tracker.get_slot(name) for name in REPORTED_SLOTS},
        # The model read danger and addons/crisis_gate.py set it aside, as the gateway asked.
        "crisis_set_aside": bool(parse.get("crisis_gate")),
    }


def _catch_saved_trackers(agent: Any) -> None:
    """Wrap the processor's tracker store `save` once, keeping the tracker it is given."""
    store = agent.processor.tracker_store
    if getattr(store, "_gateway_catches_saves", False):
        return
    original = store.save

    async def save(tracker: Any, *args: Any, **kwargs: Any) -> Any:
        _SAVED[tracker.sender_id] = tracker
        _SAVED.move_to_end(tracker.sender_id)
        while len(_SAVED) > _SAVED_MAX:
            _SAVED.popitem(last=False)
        return await original(tracker, *args, **kwargs)

    store.save = save
    store._gateway_catches_saves = True


class GatewayInput(RestInput):
    """`POST /webhooks/gateway/webhook`: `{"messages": [...], "turn": {...}}`."""

    @classmethod
    def name(cls) -> str:
        return "gateway"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("gateway_webhook", __name__)
        secret = os.environ.get(SECRET_ENV, "")
        if len(secret) < 16:
            logger.error("%s is not set: the gateway channel will refuse every message", SECRET_ENV)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/document", methods=["GET"])
        async def document(request: Request) -> HTTPResponse:
            """A conversation's finished document (`sp_document` or `cm_document`), or null."""
            if not from_the_gateway(request.headers.get(SECRET_HEADER), secret):
                return response.json({"error": "unauthorised"}, 401)
            sender, slot = request.args.get("sender"), request.args.get("slot")
            if not sender or slot not in DOCUMENT_SLOTS:
                return response.json({"error": "sender and a document slot are required"}, 400)
            try:
                tracker = await request.app.ctx.agent.tracker_store.retrieve(sender[:64])
            except Exception as exc:  # no model loaded yet, or the store is down
                logger.warning("could not read the document: %s", type(exc).__name__)
                return response.json({"error": "unavailable"}, 503)
            value = tracker.get_slot(slot) if tracker is not None else None
            return response.json({"document": value if isinstance(value, dict) else None})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not from_the_gateway(request.headers.get(SECRET_HEADER), secret):
                return response.json({"error": "unauthorised"}, 401)
            body = request.json or {}
            sender, text = body.get("sender"), body.get("message")
            if not isinstance(sender, str) or not isinstance(text, str):
                return response.json({"error": "sender and message are required"}, 400)
            agent = request.app.ctx.agent
            # No model loaded yet: summaries fall back to reading the store.
            with contextlib.suppress(AttributeError):
                _catch_saved_trackers(agent)
            _SAVED.pop(sender, None)
            collector = CollectingOutputChannel()
            # Only the topic answered last (its key and title), for follow-ups.
            metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else None
            message = UserMessage(
                text, collector, sender, input_channel=self.name(), metadata=metadata
            )
            try:
                await on_new_message(message)
            except Exception as exc:  # as the REST channel does: reply with what was said
                logger.error("could not handle the message: %s", type(exc).__name__)
            turn: dict[str, Any] = {}
            try:
                tracker = _SAVED.pop(sender, None) or await agent.tracker_store.retrieve(sender)
                if tracker is not None:
                    turn = summarise_turn(tracker, message.message_id)
            except Exception as exc:  # the reply matters more than its summary
                logger.warning("could not summarise the turn: %s", type(exc).__name__)
            return response.json({"messages": collector.messages, "turn": turn})

        return hook
