"""One JSON line per request on the gateway's log: never message text, never a URL.

`{"event": "request", "request_id", "method", "route", "status", "ms"}` on the
`bot.gateway.requests` logger, written to standard error for a collector. The
route is the path template (`/api/documents/{token}/{name}`), so no token, id or
query string reaches the log. The request id is the caller's `X-Request-ID` when
it is a plain token, else a new one, and is returned in the same header.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

logger = logging.getLogger("bot.gateway.requests")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", None)
        body = fields if isinstance(fields, dict) else {"message": record.getMessage()}
        return json.dumps({"level": record.levelname.lower(), **body}, separators=(",", ":"))


def _configure() -> None:
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def install(app: FastAPI) -> None:
    _configure()

    @app.middleware("http")
    async def log_request(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        given = request.headers.get("x-request-id") or ""
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        started = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            response.headers["X-Request-ID"] = request_id
            return response
        finally:
            route = request.scope.get("route")
            logger.info(
                "request",
                extra={
                    "fields": {
                        "event": "request",
                        "request_id": request_id,
                        "method": request.method,
                        "route": getattr(route, "path", None) or "unmatched",
                        "status": status,
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                    }
                },
            )
