"""Which messages reach the engine as intents: only buttons this conversation was offered.

Rasa treats any message that starts with `/` as an intent (`/intent{"entity": "value"}`),
skipping the NLU model, and fills slots from the JSON. So the gateway decides:

- **Offered**: the gateway records the payload of every button in the replies it
  relays (`OfferedPayloads`, per conversation, bounded, as keyed digests in the
  conversation's memory: this process's, or Redis shared by every gateway). A
  message equal to one of them is sent as that intent, with every JSON value
  passed through the anonymiser first.
- **Anything else** that starts with `/` (a typed `/crisis`, `/restart`, a button
  from another conversation, a payload with edited JSON) is anonymised as ordinary
  text, and its leading `/` is replaced by `∕` (U+2215 DIVISION SLASH), so Rasa
  parses it with the NLU model like anything typed and never as an intent. The
  tokenizer drops the character, so the words are understood as typed.

`/greet` is always allowed: the chat page sends it on load, before any button.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bot.conversation.memory import LocalMemory, Memory, digest
from bot.privacy.anonymiser import Anonymised
from bot.vocabulary import GREET

PAYLOAD = re.compile(r"^/([A-Za-z0-9_/.-]+)(\{.*\})?$", re.DOTALL)
ESCAPED_SLASH = "\u2215"
ALWAYS_ALLOWED = frozenset({f"/{GREET}"})
MAX_PAYLOADS_PER_CONVERSATION = 64


@dataclass(frozen=True)
class Payload:
    intent: str
    values: dict[str, Any]


def parse(message: str) -> Payload | None:
    """`/intent` or `/intent{json object}`; None if `message` is not shaped like one."""
    match = PAYLOAD.match(message.strip())
    if not match:
        return None
    values: Any = {}
    if match.group(2):
        try:
            values = json.loads(match.group(2))
        except ValueError:
            return None
    if not isinstance(values, dict):
        return None
    return Payload(match.group(1), values)


def escape(text: str) -> str:
    """Text that Rasa will not read as an intent: a leading `/` becomes `∕`."""
    stripped = text.strip()
    if stripped.startswith("/"):
        return ESCAPED_SLASH + stripped[1:]
    return text


def button_payloads(messages: Iterable[dict[str, Any]]) -> list[str]:
    """The `/...` payloads of the buttons in the engine's replies."""
    found = []
    for message in messages:
        for button in message.get("buttons") or ():
            payload = button.get("payload") if isinstance(button, dict) else None
            if isinstance(payload, str) and payload.strip().startswith("/"):
                found.append(payload.strip())
    return found


class OfferedPayloads:
    """The payloads each conversation was offered, newest last, at most
    MAX_PAYLOADS_PER_CONVERSATION of them; kept as keyed digests in the conversation's
    memory (`bot/conversation/memory.py`), so any gateway sharing it can check a click.
    """

    FIELD = "offered"

    def __init__(self, memory: Memory | None = None, secret: str = "") -> None:
        self._memory = memory if memory is not None else LocalMemory()
        self._secret = secret

    def record(self, conversation: str, messages: Iterable[dict[str, Any]]) -> None:
        found = [digest(self._secret, p) for p in button_payloads(messages)]
        if not found:
            return
        kept = [d for d in self._memory.get(conversation, self.FIELD) or [] if d not in found]
        kept = (kept + list(dict.fromkeys(found)))[-MAX_PAYLOADS_PER_CONVERSATION:]
        self._memory.set(conversation, self.FIELD, kept)

    def was_offered(self, conversation: str, message: str) -> bool:
        payload = message.strip()
        if payload in ALWAYS_ALLOWED:
            return True
        offered = self._memory.get(conversation, self.FIELD) or ()
        return digest(self._secret, payload) in offered


# The shape of the ids our buttons carry; anything else in an offered payload is
# anonymised like typed text.
ID_VALUE = re.compile(r"[a-z0-9_]{1,60}")


def _anonymised_value(value: Any, anonymise: Callable[[str], Anonymised], found: set[str]) -> Any:
    """Every string in a JSON value, anonymised (lists and objects included)."""
    if isinstance(value, str):
        if ID_VALUE.fullmatch(value):
            return value  # an id our own button carries ("not_applicable"), never typed
        result = anonymise(value)
        found |= result.found
        return result.text
    if isinstance(value, list):
        return [_anonymised_value(v, anonymise, found) for v in value]
    if isinstance(value, dict):
        # Keys are entity names from our own button (the payload was offered verbatim).
        return {k: _anonymised_value(v, anonymise, found) for k, v in value.items()}
    return value


def prepare(message: str, offered: bool, anonymise: Callable[[str], Anonymised]) -> Anonymised:
    """What the engine is sent for `message`, anonymised.

    An offered button goes as its intent with its JSON values anonymised; anything
    else is anonymised whole and escaped so that it can only be read as text.
    """
    payload = parse(message) if offered else None
    if payload is None:
        result = anonymise(message)
        return Anonymised(escape(result.text), result.found, result.names)
    found: set[str] = set()
    values = _anonymised_value(payload.values, anonymise, found)
    suffix = json.dumps(values, ensure_ascii=False) if values else ""
    return Anonymised(f"/{payload.intent}{suffix}", frozenset(found))
