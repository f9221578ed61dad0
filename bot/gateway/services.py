"""What the routes share, built once by `create_app()` and handed out by injection."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from bot.config import Settings
from bot.conversation.turns import ChatService
from bot.engine.rasa_client import RasaClient
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


def get_services(request: Request) -> Services:
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]
