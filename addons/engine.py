"""Start the Rasa engine with its secrets from the environment, never the command line.

`python -m addons.engine run ...` is `rasa run ...` with two differences:

- With `--enable-api`, the API token is read from RASA_TOKEN in the environment
  and added to Rasa's arguments inside this process. `/proc/<pid>/cmdline` shows
  the command as started, so the token is not readable there by other users.
  Without RASA_TOKEN the API is refused rather than started open.
- Log records are rewritten without message text, values or tokens
  (`bot.log_privacy`), and the log level is ENGINE_LOG_LEVEL (ERROR, WARNING or
  INFO; WARNING when unset) unless a flag on the command line says otherwise.

Runs inside the engine (Rasa 3.6, Python 3.10): keep it 3.10-compatible.
"""

from __future__ import annotations

import os
import sys

from bot.log_privacy import chosen_level, install

LEVEL_VARIABLE = "ENGINE_LOG_LEVEL"


def engine_arguments(argv: list[str], environ: dict[str, str]) -> list[str]:
    """Rasa's arguments: the API token from the environment, the chosen log level.

    WARNING is Rasa's `--quiet`; any other level is left to Rasa's LOG_LEVEL, which
    `main` sets from ENGINE_LOG_LEVEL."""
    arguments = list(argv)
    if any(a == "--auth-token" or a.startswith("--auth-token=") for a in arguments):
        raise SystemExit("Refusing --auth-token on the command line: set RASA_TOKEN instead.")
    if "--enable-api" in arguments:
        token = environ.get("RASA_TOKEN", "")
        if len(token) < 16:
            raise SystemExit("--enable-api needs RASA_TOKEN (16+ characters) in the environment.")
        arguments += ["--auth-token", token]
    explicit = {"-v", "-vv", "--verbose", "--debug", "--quiet"} & set(arguments)
    if not explicit and chosen_level(environ, LEVEL_VARIABLE) == "WARNING":
        arguments.append("--quiet")
    return arguments


def main() -> None:
    install()
    os.environ["LOG_LEVEL"] = chosen_level(os.environ, LEVEL_VARIABLE)
    sys.argv = ["rasa", *engine_arguments(sys.argv[1:], dict(os.environ))]
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
