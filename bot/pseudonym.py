"""Pseudonymous conversation ids: a keyed hash, so the raw sender id is never stored or sent on."""

from __future__ import annotations

import hashlib
import hmac


def conversation_id(sender: str, secret: str) -> str:
    """The same sender always maps to the same id; without the secret it cannot be reversed
    or recomputed from a guessed sender id."""
    return hmac.new(secret.encode(), sender.encode(), hashlib.sha256).hexdigest()[:32]
