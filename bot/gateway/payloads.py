"""Which button payloads a user may send: `/intent` or `/intent{"entity": "value"}`.

The page only sends payloads the assistant offered. Anything else that looks like
a payload (an intent the UI never offers, such as `/nlu_fallback` or `/crisis`,
or an unknown entity trying to set a slot) is treated as ordinary text: it goes
through the anonymiser and the NLU model like anything typed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from bot.config import PROJECT_ROOT

PAYLOAD = re.compile(r"^/([a-z_]+)(\{.*\})?$", re.DOTALL)
# Never from a user: the gateway's own crisis net sends /crisis; the model sends nlu_fallback.
INTERNAL_INTENTS = frozenset({"crisis", "nlu_fallback"})
# Entities the buttons carry.
ENTITIES = frozenset({"answer", "situation"})
MAX_VALUE_CHARS = 200


@dataclass(frozen=True)
class Payload:
    intent: str
    values: dict[str, str]


@cache
def offered_intents() -> frozenset[str]:
    intents: set[str] = set()
    for path in (PROJECT_ROOT / "domain").glob("*.yml"):
        for intent in yaml.safe_load(path.read_text()).get("intents", []):
            intents |= set(intent) if isinstance(intent, dict) else {intent}
    return frozenset(intents - INTERNAL_INTENTS)


def parse(message: str) -> Payload | None:
    """The payload, if `message` is one a button could have sent; else None (it is text)."""
    match = PAYLOAD.match(message.strip())
    if not match or match.group(1) not in offered_intents():
        return None
    values: Any = {}
    if match.group(2):
        try:
            values = json.loads(match.group(2))
        except ValueError:
            return None
    if not isinstance(values, dict) or not set(values) <= ENTITIES:
        return None
    if not all(isinstance(v, str) and len(v) <= MAX_VALUE_CHARS for v in values.values()):
        return None
    return Payload(match.group(1), values)
