"""What the routes depend on, built once by `create_app()` and handed out by injection.

Every route takes its dependencies from here (FastAPI's `Depends`), never from the
application object or the environment: the services the lifespan built, the rate
limits, and the dashboard's credentials check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status

from bot.config import Settings
from bot.conversation.turns import ChatService
from bot.engine.rasa_client import RasaClient
from bot.gateway.auth import CHALLENGE, authorised
from bot.gateway.metrics import Metrics
from bot.storage.db import Database
from bot.storage.log_writer import LogWriter


@dataclass
class Services:
    settings: Settings
    chat: ChatService
    rasa: RasaClient
    database: Database
    log: LogWriter
    metrics: Metrics


@dataclass(frozen=True)
class RateLimits:
    """Per conversation and per client address (`bot.gateway.limits.limiters`)."""

    per_sender: Any
    per_ip: Any

    async def wait(self, client: str, sender: str) -> int | None:
        """Seconds to wait before the next message, or None when it may go now."""
        return await self.per_ip.check(client) or await self.per_sender.check(sender)


def get_services(request: Request) -> Services:
    return request.app.state.services


def get_rate_limits(request: Request) -> RateLimits:
    return request.app.state.rate_limits


ServicesDep = Annotated[Services, Depends(get_services)]
RateLimitsDep = Annotated[RateLimits, Depends(get_rate_limits)]


def require_dashboard_user(request: Request, services: ServicesDep) -> None:
    """401 with a basic-auth challenge unless the credentials match the settings."""
    if not authorised(request.headers.get("authorization"), services.settings):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "The dashboard needs a user name and password.",
            headers=CHALLENGE,
        )


# Router-level dependency for the dashboard, its exports and the metrics.
DashboardUser = Depends(require_dashboard_user)
