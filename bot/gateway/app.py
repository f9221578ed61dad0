"""The gateway application: `create_app()` wires services once, routes use them by injection."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.config import Settings, load_settings
from bot.conversation.memory import memory_for
from bot.conversation.turns import AnonymiserFailed, ChatService, eval_headers
from bot.dashboard import routes as dashboard
from bot.engine.rasa_client import RasaClient
from bot.gateway import request_log, web
from bot.gateway.limits import BodySizeLimit, limiters
from bot.gateway.metrics import Metrics
from bot.gateway.routes import documents, health
from bot.gateway.schemas import (
    MAX_MESSAGE_CHARS,
    BotMessage,
    ChatRequest,
    ErrorResponse,
)
from bot.gateway.services import Services, ServicesDep
from bot.knowledge.directory import national_directory
from bot.privacy.anonymiser import default_anonymiser
from bot.safety.crisis import crisis_detector
from bot.safety.messages import crisis_message_text
from bot.safety.semantic_net import semantic_net
from bot.storage.db import Database, upgrade
from bot.storage.interactions import InteractionStore
from bot.storage.log_writer import LogWriter
from bot.storage.retention import purge, purge_logs, text_retention_days

logger = logging.getLogger(__name__)
PURGE_EVERY_SECONDS = 24 * 60 * 60


async def _purge_daily(database: Database, settings: Settings) -> None:
    """Apply retention (`bot.storage.retention`) now and every day; a failure waits a day."""
    days = settings.log_retention_days
    while True:
        try:
            deleted = await run_in_threadpool(
                purge, database, days, None, text_retention_days(settings)
            )
            deleted["log files"] = await run_in_threadpool(
                purge_logs, settings.var_dir / "log", days
            )
            logger.info("retention purge: %s", deleted)
        except Exception as exc:
            logger.warning("retention purge failed: %s", type(exc).__name__)
        await asyncio.sleep(PURGE_EVERY_SECONDS)


def _migrate(url: str) -> bool:
    """Bring the schema up to date. If the database is down the chat still starts, and
    the log writer migrates before its first write."""
    try:
        upgrade(url)
    except Exception as exc:
        logger.warning("database unavailable at start-up: %s", type(exc).__name__)
        return False
    return True


def _error(status: int, error: str, message: str, **extra: Any) -> JSONResponse:
    body = ErrorResponse(error=error, message=message, **extra)
    return JSONResponse(status_code=status, content=body.model_dump(exclude_none=True))


def _describe_validation_errors(errors: list[dict[str, Any]]) -> str:
    """One readable sentence per problem, without echoing the user's input back."""
    sentences = []
    for err in errors:
        field = ".".join(str(p) for p in err["loc"] if p != "body") or "body"
        kind = err["type"]
        if kind == "missing":
            sentences.append(f"'{field}' is required.")
        elif kind == "string_too_long" and field == "message":
            sentences.append(f"The message is too long: at most {MAX_MESSAGE_CHARS} characters.")
        elif kind == "string_type":
            sentences.append(f"'{field}' must be a string.")
        elif kind == "extra_forbidden":
            sentences.append(f"'{field}' is not an accepted field.")
        else:
            sentences.append(f"'{field}': {err['msg']}.")
    return " ".join(sentences)


def create_app(
    settings: Settings | None = None, transport: httpx.AsyncBaseTransport | None = None
) -> FastAPI:
    """Build the gateway. `transport` replaces the network for the engine (unit tests only)."""
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        migrated = await run_in_threadpool(_migrate, settings.database_url)
        database = Database(settings.database_url)
        log = LogWriter(
            InteractionStore(database),
            prepare=None if migrated else lambda: upgrade(settings.database_url),
            spill_dir=settings.spill_dir,
        )
        log.start()
        # One scheduled job per deployment (`make purge`, docs/deployment.md) can take
        # this over: PURGE_IN_GATEWAY=false.
        purging = (
            asyncio.create_task(_purge_daily(database, settings))
            if settings.purge_in_gateway
            else None
        )
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=50)
        async with httpx.AsyncClient(limits=limits, transport=transport) as http:
            rasa = RasaClient(
                http,
                settings.rasa_url,
                settings.actions_url,
                settings.engine_timeout_seconds,
                settings.engine_channel_secret,
            )
            chat = ChatService(
                rasa=rasa,
                detector=crisis_detector(),
                crisis_text=crisis_message_text(),
                directory=national_directory(),
                pseudonym_secret=settings.pseudonym_secret,
                anonymiser=default_anonymiser(),
                log_text=settings.logs_text,
                semantic=await run_in_threadpool(semantic_net),
                memory=memory_for(
                    settings.gateway_memory_redis_url, settings.conversation_expiry_minutes * 60
                ),
            )
            metrics = Metrics()
            metrics.watch(log)
            app.state.services = Services(settings, chat, rasa, database, log, metrics)
            yield
        if purging is not None:
            purging.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await purging
        await log.stop()
        database.dispose()

    app = FastAPI(
        title="Safe & Together practice assistant",
        version="0.1.0",
        summary="Guidance for professionals responding to domestic abuse, in Rasa's REST format.",
        lifespan=lifespan,
    )

    web.install(app)
    request_log.install(app)

    async def _too_large(scope: Any, receive: Any, send: Any) -> None:
        response = _error(
            413,
            "body_too_large",
            f"The request is too large: at most {settings.max_body_bytes} bytes.",
        )
        await response(scope, receive, send)

    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes, reject=_too_large)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins.split(","),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Authorization"],
        )
    per_sender, per_ip = limiters(settings)
    app.include_router(dashboard.router)
    app.include_router(documents.router)
    app.include_router(health.router)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        if any(e["type"] == "json_invalid" for e in errors):
            return _error(400, "malformed_json", "The request body is not valid JSON.")
        if any(e["type"] == "model_attributes_type" for e in errors):
            return _error(
                422,
                "invalid_request",
                "The request body must be a JSON object with sender and message.",
            )
        details = [{"field": ".".join(map(str, e["loc"])), "problem": e["type"]} for e in errors]
        return _error(422, "invalid_request", _describe_validation_errors(errors), details=details)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = _error(exc.status_code, "http_error", str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        logger.error("unexpected error: %s", type(exc).__name__)
        return _error(
            500,
            "internal_error",
            "Something went wrong on our side. If anyone is in immediate danger, call 999.",
        )

    @app.post(
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
        body: ChatRequest, request: Request, response: Response, services: ServicesDep
    ) -> Any:
        client = request.client.host if request.client else "unknown"
        wait = await per_ip.check(client) or await per_sender.check(body.sender)
        if wait:
            response = _error(
                429,
                "rate_limited",
                f"You're sending messages faster than I can answer. Please wait {wait} "
                "seconds and try again. If anyone is in immediate danger, call 999.",
            )
            response.headers["Retry-After"] = str(wait)
            return response
        started = time.perf_counter()
        try:
            result = await services.chat.turn(body.sender, body.message)
        except AnonymiserFailed:
            # Nothing was forwarded or stored. 999 guidance still shows if it reads as a crisis.
            crisis = services.chat.detector.assess(body.message).is_crisis
            return _error(
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
            return _error(
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

    return app
