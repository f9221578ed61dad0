"""Download links for a conversation's document: signed, short-lived, holding no content.

A link names the document kind and the (pseudonymous) conversation it belongs to,
and when it stops working, signed with a key derived from the gateway's secret:
`/api/documents/<token>/<slug>.<format>`. The gateway renders the file when the
link is followed, from the document the conversation holds at that moment, and
keeps nothing; "start again" or "stop" makes every earlier link find nothing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Any

LINK_MINUTES = 30
# Document kinds, the slot each is held in, and the formats offered for it.
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "safety_plan": ("sp_document", ("docx", "pdf")),
    "schedule": ("cm_document", ("docx", "csv")),
}
FORMAT_LABELS = {"docx": "Word (.docx)", "pdf": "PDF", "csv": "CSV (spreadsheet)"}
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
}
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,200}\.[A-Za-z0-9_-]{22}$")
_CONVERSATION = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class Grant:
    kind: str
    conversation_id: str
    expires: int  # seconds since the epoch


def _key(secret: str) -> bytes:
    return hmac.new(secret.encode(), b"document-links", hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _signature(payload: str, secret: str) -> str:
    return _b64(hmac.new(_key(secret), payload.encode(), hashlib.sha256).digest()[:16])


def sign(grant: Grant, secret: str) -> str:
    payload = _b64(f"{grant.kind}.{grant.conversation_id}.{grant.expires}".encode())
    return f"{payload}.{_signature(payload, secret)}"


def verify(token: str, secret: str, now: float) -> Grant | None:
    """The grant a token carries, or None if it is malformed, forged or expired."""
    if not _TOKEN.match(token):
        return None
    payload, signature = token.split(".")
    if not hmac.compare_digest(signature, _signature(payload, secret)):
        return None
    try:
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
        kind, conversation, expires = raw.split(".")
        grant = Grant(kind, conversation, int(expires))
    except ValueError:
        return None
    if kind not in KINDS or not _CONVERSATION.match(conversation) or grant.expires < now:
        return None
    return grant


def add_downloads(
    messages: list[dict[str, Any]], conversation_id: str, secret: str, now: float
) -> list[dict[str, Any]]:
    """Give each document card a link per format, and a line for text-only clients."""
    out: list[dict[str, Any]] = []
    for message in messages:
        custom = message.get("custom")
        kind = custom.get("document") if isinstance(custom, dict) else None
        if kind not in KINDS:
            out.append(message)
            continue
        grant = Grant(kind, conversation_id, int(now) + LINK_MINUTES * 60)
        token = sign(grant, secret)
        slug = custom.get("slug") or "document"
        downloads = [
            {"format": f, "label": FORMAT_LABELS[f], "url": f"/api/documents/{token}/{slug}.{f}"}
            for f in KINDS[kind][1]
        ]
        out.append({**message, "custom": {**custom, "downloads": downloads}})
        links = "; ".join(f"{d['label']}: {d['url']}" for d in downloads)
        out.append(
            {
                "text": f"Download it ({links}). The links work for {LINK_MINUTES} minutes.",
                # The chat page shows the card's buttons instead of this line.
                "custom": {"type": "download_links"},
            }
        )
    return out
