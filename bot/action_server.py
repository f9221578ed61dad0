"""The action server: rasa-sdk's, refusing any call without the engine's token.

rasa-sdk has no authentication of its own. This serves the same app
(`rasa_sdk.endpoint.create_app_for_serve`) with one request middleware: every
route except `GET /health` needs `?token=<ACTIONS_TOKEN>` (compared in constant
time), which is how Rasa sends the `token:` of `action_endpoint` in endpoints.yml.
Anything else gets 401 before an action runs. The token comes from the
environment only; without one the server refuses to start.

Logging is at ACTIONS_LOG_LEVEL (ERROR, WARNING or INFO; WARNING when unset),
rewritten without values (`bot.log_privacy`), and Sanic's access log (which would
show the query string) is off.

`python -m bot.action_server --port 5055` (the supervisor starts it so).
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys
from functools import partial
from typing import Any

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sanic.worker.loader import AppLoader

from bot.log_privacy import chosen_level, install

TOKEN_ENV = "ACTIONS_TOKEN"
OPEN_PATHS = frozenset({"/health"})
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
LEVEL_VARIABLE = "ACTIONS_LOG_LEVEL"


def token_check(expected: str) -> Any:
    async def check(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS and request.method == "GET":
            return None
        given = request.args.get("token") or ""
        if not hmac.compare_digest(given.encode(), expected.encode()):
            return response.json({"error": "unauthorised"}, status=401)
        return None

    return check


def _quiet_logging() -> None:
    install()
    level = chosen_level(os.environ, LEVEL_VARIABLE)
    logging.basicConfig(level=level, format=LOG_FORMAT)
    for name in ("sanic.root", "sanic.error", "rasa_sdk"):
        logging.getLogger(name).setLevel(level)
    logging.getLogger("sanic.access").setLevel(logging.WARNING)  # query strings: never


def create_app(actions_package: str) -> Sanic:
    """rasa-sdk's app with the token check; module-level so Sanic's workers can load it."""
    from rasa_sdk.endpoint import create_app_for_serve
    from rasa_sdk.executor import ActionExecutor

    _quiet_logging()  # Sanic's worker is a fresh process
    token = os.environ.get(TOKEN_ENV, "")
    if len(token) < 16:
        raise SystemExit(f"The action server needs {TOKEN_ENV} (16+ characters).")
    executor = ActionExecutor()
    executor.register_package(actions_package)
    app = create_app_for_serve(executor, cors_origins=[])
    app.register_middleware(token_check(token), "request")
    # The coach's rules, framing model and sentence encoder load now, not on a
    # practitioner's first wording check.
    from bot.language.coach import coach

    coach("The language coach is ready.")
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument("--actions", default="actions")
    args = parser.parse_args(argv)
    logging.basicConfig(level=chosen_level(os.environ, LEVEL_VARIABLE), format=LOG_FORMAT)
    if len(os.environ.get(TOKEN_ENV, "")) < 16:
        print(f"The action server needs {TOKEN_ENV} (16+ characters).", file=sys.stderr)
        return 2
    loader = AppLoader(factory=partial(create_app, args.actions))
    app = loader.load()
    host = os.environ.get("SANIC_HOST", "127.0.0.1")
    app.prepare(host=host, port=args.port, access_log=False, workers=1)
    Sanic.serve(primary=app, app_loader=loader)
    return 0


if __name__ == "__main__":
    sys.exit(main())
