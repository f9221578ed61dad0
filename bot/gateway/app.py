"""The gateway application: `create_app()` builds the services once (in the lifespan) and
wires middleware, error handlers and the routers of `bot.gateway.routes`, which take
what they need by injection (`bot.gateway.deps`)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from bot.config import Settings, load_settings
from bot.conversation.memory import memory_for
from bot.conversation.turns import ChatService
from bot.engine.rasa_client import RasaClient
from bot.gateway import errors, request_log, web
from bot.gateway.deps import RateLimits, Services
from bot.gateway.limits import BodySizeLimit, limiters
from bot.gateway.metrics import Metrics
from bot.gateway.routes import chat, dashboard, documents, health, page
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
            chat_service = ChatService(
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
            app.state.services = Services(settings, chat_service, rasa, database, log, metrics)
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
    errors.install(app)
    app.add_middleware(
        BodySizeLimit,
        max_bytes=settings.max_body_bytes,
        reject=errors.too_large(settings.max_body_bytes),
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins.split(","),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Authorization"],
        )
    app.state.rate_limits = RateLimits(*limiters(settings))
    for routes in (page, chat, documents, dashboard, health):
        app.include_router(routes.router)
    return app
