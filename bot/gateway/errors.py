"""Every error the gateway returns has one JSON shape (`ErrorResponse`): a code, a
sentence a person can act on, and never the user's own input echoed back."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Receive, Scope, Send

from bot.gateway.schemas import MAX_MESSAGE_CHARS, ErrorResponse

logger = logging.getLogger(__name__)


def error_response(status: int, error: str, message: str, **extra: Any) -> JSONResponse:
    body = ErrorResponse(error=error, message=message, **extra)
    return JSONResponse(status_code=status, content=body.model_dump(exclude_none=True))


def describe_validation_errors(errors: list[dict[str, Any]]) -> str:
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


def too_large(max_bytes: int) -> Any:
    """The 413 that `BodySizeLimit` sends, as a raw ASGI response."""

    async def reject(scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(
            413, "body_too_large", f"The request is too large: at most {max_bytes} bytes."
        )
        await response(scope, receive, send)

    return reject


async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
    errors = list(exc.errors())
    if any(e["type"] == "json_invalid" for e in errors):
        return error_response(400, "malformed_json", "The request body is not valid JSON.")
    if any(e["type"] == "model_attributes_type" for e in errors):
        return error_response(
            422,
            "invalid_request",
            "The request body must be a JSON object with sender and message.",
        )
    details = [{"field": ".".join(map(str, e["loc"])), "problem": e["type"]} for e in errors]
    return error_response(
        422, "invalid_request", describe_validation_errors(errors), details=details
    )


async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
    response = error_response(exc.status_code, "http_error", str(exc.detail))
    response.headers.update(exc.headers or {})
    return response


async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
    logger.error("unexpected error: %s", type(exc).__name__)
    return error_response(
        500,
        "internal_error",
        "Something went wrong on our side. If anyone is in immediate danger, call 999.",
    )


def install(app: FastAPI) -> None:
    """Answer invalid requests, HTTP errors and anything unexpected in the one shape."""
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
