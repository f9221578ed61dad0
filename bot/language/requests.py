"""What the practitioner asked for, and the text to check: "check my wording: ..." and the like."""

from __future__ import annotations

import re

_REQUEST = re.compile(
    r"""^\s*(?:
        (?:can|could|would)\ you\ (?:please\ )?|please\ |pls\ )?
        (?:(?:check|review|look\ at|proof\ ?read|rewrite|reword|rephrase)\b[^:\n]{0,60}:
         |is\ (?:it|this)\ (?:ok|okay|alright|fine|acceptable)\ to\ (?:write|say|put)(?:\ that)?\b
         |(?:does|is)\ this\ (?:wording\ |sentence\ )?(?:sound\ |read\ )?[^:\n]{0,30}:
         |how\ (?:should|do|can)\ I\ (?:word|phrase|write)\ this(?:\ better)?\s*:?
        )""",
    re.IGNORECASE | re.VERBOSE,
)
_REQUEST_ONLY = re.compile(
    r"^\s*(?:(?:can|could|would) you |please |pls |i want to |i'd like to |help me )*"
    r"(?:check|review|look at|proof ?read|rewrite|reword|rephrase)\b[^:]{0,50}"
    r"\b(?:wording|words|sentence|note|notes|paragraph|phrasing|language|this|statement|report)"
    r"(?:\s[^:\s]+){0,5}\s*[?.!]*\s*$"
    r"|^\s*(?:language|wording) check(?: please)?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
CANCEL = frozenset({"stop", "cancel", "never mind", "nevermind", "quit", "exit", "no thanks"})


def strip_request(message: str) -> str:
    """The text to check, without "check my wording:" and the like, or quotes around it."""
    if _REQUEST_ONLY.match(message):
        return ""
    text = _REQUEST.sub("", message, count=1).strip()
    return text.strip("\"'“”‘’?! ").strip()
