"""Log records without message text, payload values, slot values or secrets.

Installed first thing in the engine (`addons/engine.py`) and the action server
(`bot/action_server.py`), which also log at WARNING and above only. At that level
neither Rasa nor rasa-sdk means to log what users type, but some records can carry
it by accident: an exception whose message quotes a value, a structlog event with
`user_text=...`, a URL with `?token=...`, a Python warning quoting an intent name.
So every record is rewritten as it is created (`logging.setLogRecordFactory`),
whatever handler later writes it:

- an exception keeps its type, never its message or traceback;
- `%s` arguments that are not numbers are shown by their type only (`<str>`);
- values of known carrier keys (`text`, `user_text`, `message`, `value`, `slots`,
  `parse_data`, `events`, `request_body`, `tracker`, ...) in the rendered message
  become `***`, as do `token=` query parameters and quoted strings starting "/";
- Python warnings go through logging too (`logging.captureWarnings`) and keep
  only where they come from and their category, never their message.

Standard library only, Python 3.10-compatible: the engine imports it too.
"""

from __future__ import annotations

import logging
import re
from typing import Any

CARRIER_KEYS = (
    "text|user_text|message|messages|value|values|slots?|parse_data|events|entities|"
    "request_body|tracker|latest_message|metadata|data|answer|payload|body"
)
# "key": "value" / 'key': 'value' / key=value / key='value'
_QUOTED = re.compile(rf"""(["']?\b(?:{CARRIER_KEYS})\b["']?\s*[:=]\s*)(["'])(?:\\.|(?!\2).)*\2""")
_STRUCTURED = re.compile(rf"""(["']?\b(?:{CARRIER_KEYS})\b["']?\s*[:=]\s*)[\[{{].*$""")
_BARE = re.compile(rf"""(\b(?:{CARRIER_KEYS})=)[^\s,;'"]+""")
_TOKEN = re.compile(r"(token=)[^&\s'\"]+", re.IGNORECASE)
# a quoted string that starts with "/": what someone typed as a command
_COMMAND = re.compile(r"""(["'])/(?:\\.|(?!\1).)*\1""")
REDACTED = "***"
_WARNING_ORIGIN = re.compile(r"^(\S+:\d+: \w+)")


def redact(message: str) -> str:
    """`message` with the values of text-carrying keys and tokens replaced by ***."""
    message = _TOKEN.sub(rf"\g<1>{REDACTED}", message)
    message = _COMMAND.sub(REDACTED, message)
    message = _QUOTED.sub(rf"\g<1>{REDACTED}", message)
    message = _STRUCTURED.sub(rf"\g<1>{REDACTED}", message)
    return _BARE.sub(rf"\g<1>{REDACTED}", message)


def _shown(value: Any) -> Any:
    """A `%s` argument as logged: numbers as they are, anything else by its type only."""
    if isinstance(value, (bool, int, float)):
        return value
    return f"<{type(value).__name__}>"


def _private_factory(base: Any) -> Any:
    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = base(*args, **kwargs)
        args = record.args if isinstance(record.args, tuple) else ()
        if record.name == "py.warnings" and len(args) == 1 and isinstance(args[0], str):
            # "file:line: Category: message": where and what kind, not the message
            where = _WARNING_ORIGIN.match(args[0])
            record.args = (where.group(1) if where else "a warning",)
        elif args:
            record.args = tuple(_shown(a) for a in args)
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep only the template
            message = str(record.msg)
        if record.exc_info and record.exc_info[0] is not None:
            message = f"{message} [{record.exc_info[0].__name__}]"
        record.msg, record.args = redact(message), None
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return record

    factory._private = True  # type: ignore[attr-defined]
    return factory


def install() -> None:
    """Rewrite every log record from now on (idempotent)."""
    base = logging.getLogRecordFactory()
    if not getattr(base, "_private", False):
        logging.setLogRecordFactory(_private_factory(base))
    logging.captureWarnings(True)


# The levels an operator may choose for the engine and the action server
# (ENGINE_LOG_LEVEL, ACTIONS_LOG_LEVEL). DEBUG is not offered: at DEBUG both log
# trackers and parse results, which this module would have to redact wholesale.
LOG_LEVELS = ("ERROR", "WARNING", "INFO")


def chosen_level(environ: Any, variable: str, default: str = "WARNING") -> str:
    """The log level named by `variable` in `environ`; an unknown one stops the process."""
    level = (environ.get(variable) or default).upper()
    if level not in LOG_LEVELS:
        raise SystemExit(f"{variable} must be one of {', '.join(LOG_LEVELS)}, not {level!r}.")
    return level
