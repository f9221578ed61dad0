"""Health for load balancers and orchestrators, and metrics for monitoring.

- `/livez`: the process is up (nothing else is checked).
- `/readyz`: it can answer chats: the engine and the action server answer. A
  database outage does not make it unready (chat goes on and the log is
  buffered); it is reported in the body and in `/metrics`.
- `/health`: every part, the database included (503 naming what is down).
- `/metrics`: Prometheus text, behind the dashboard's credentials.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from bot.gateway.deps import DashboardUser, ServicesDep
from bot.gateway.metrics import CONTENT_TYPE
from bot.gateway.schemas import ComponentHealth, HealthResponse

router = APIRouter()


async def _state(services: Any) -> dict[str, bool]:
    return {
        "engine": await services.rasa.engine_up(),
        "actions": await services.rasa.actions_up(),
        "database": await run_in_threadpool(services.database.ping),
    }


@router.get("/livez", summary="The gateway process is up.")
async def livez() -> dict[str, str]:
    return {"status": "alive"}


@router.get(
    "/readyz",
    responses={503: {"description": "The engine or the action server is not answering."}},
    summary="Whether this gateway can answer chats (the database is reported, not required).",
)
async def readyz(services: ServicesDep) -> JSONResponse:
    state = await _state(services)
    ready = state["engine"] and state["actions"]
    body = {
        "status": "ready" if ready else "not_ready",
        "components": {k: "up" if v else "down" for k, v in state.items()},
        "log_queue": services.log.pending,
    }
    return JSONResponse(status_code=200 if ready else 503, content=body)


@router.get(
    "/health",
    response_model=HealthResponse,
    responses={
        503: {"model": HealthResponse, "description": "At least one part is down; `down` names it."}
    },
    summary="Whether the engine, action server and database are all up.",
)
async def health(services: ServicesDep) -> Any:
    state = await _state(services)
    body = HealthResponse(
        status="ok" if all(state.values()) else "degraded",
        components=ComponentHealth(**{k: "up" if v else "down" for k, v in state.items()}),
        down=[k for k, v in state.items() if not v],
    )
    return JSONResponse(status_code=200 if not body.down else 503, content=body.model_dump())


@router.get(
    "/metrics",
    response_class=Response,
    dependencies=[DashboardUser],
    responses={401: {"description": "The dashboard's user name and password are needed."}},
    summary="Prometheus metrics: turns, latency by journey, crisis nets, fallbacks, the log.",
)
async def metrics(services: ServicesDep) -> Response:
    return Response(services.metrics.render(), media_type=CONTENT_TYPE)
