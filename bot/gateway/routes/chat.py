"""`POST /api/chat`: one message in, the assistant's replies out (Rasa's REST format).

The turn itself (crisis check, anonymising, the engine, the log entry) is the
conversation package's (`bot.conversation.turns`); this route only limits the rate,
maps failures to clear errors and hands the log entry to the buffered writer.
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Request, Response

from bot.conversation.turns import AnonymiserFailed, eval_headers
from bot.gateway.deps import RateLimitsDep, ServicesDep
from bot.gateway.errors import error_response
from bot.gateway.schemas import BotMessage, ChatRequest, ErrorResponse

router = APIRouter()


@router.post(
    "/api/chat",
    response_model=list[BotMessage],
    response_model_exclude_none=True,
    responses={
        400: {"model": ErrorResponse, "description": "The body is not valid JSON."},
        422: {
            "model": ErrorResponse,
            "description": "A field is missing, empty, too long or of the wrong type.",
        },
        413: {"model": ErrorResponse, "description": "The request body is too large."},
        429: {
            "model": ErrorResponse,
            "description": "Too many messages from this conversation or address; "
            "`Retry-After` says how long to wait.",
        },
        503: {
            "model": ErrorResponse,
            "description": (
                "The engine is down, or the message could not be anonymised (then it "
                "was not sent). `messages` still carries 999 guidance when the message "
                "read as a crisis."
            ),
        },
    },
    summary="Send a message; get the assistant's replies (Rasa REST channel format).",
)
async def chat(
    body: ChatRequest,
    request: Request,
    response: Response,
    services: ServicesDep,
    limits: RateLimitsDep,
) -> Any:
    client = request.client.host if request.client else "unknown"
    wait = await limits.wait(client, body.sender)
    if wait:
        refused = error_response(
            429,
            "rate_limited",
            f"You're sending messages faster than I can answer. Please wait {wait} "
            "seconds and try again. If anyone is in immediate danger, call 999.",
        )
        refused.headers["Retry-After"] = str(wait)
        return refused
    started = time.perf_counter()
    try:
        result = await services.chat.turn(body.sender, body.message)
    except AnonymiserFailed:
        # Nothing was forwarded or stored. 999 guidance still shows if it reads as a crisis.
        crisis = services.chat.detector.assess(body.message).is_crisis
        return error_response(
            503,
            "anonymiser_unavailable",
            "Your message wasn't sent, because I couldn't check it for names and contact "
            "details. Please try again. " + services.chat.safety_sentence(),
            messages=[BotMessage(recipient_id=body.sender, text=services.chat.crisis_text)]
            if crisis
            else [],
        )
    services.metrics.record(result, time.perf_counter() - started)
    if result.unavailable:
        return error_response(
            503,
            "engine_unavailable",
            services.chat.unavailable_sentence(),
            messages=[BotMessage(**m) for m in result.messages],
        )
    if result.entry is not None:
        services.log.put(result.entry)  # written off the request path
        if services.settings.app_env == "test":
            # Test mode only: what the log records of this turn, for `make eval`.
            response.headers.update(eval_headers(result.entry, result.matched))
    return result.messages
