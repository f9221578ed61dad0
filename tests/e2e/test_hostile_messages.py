"""Hostile input through the real gateway and engine: every message gets a sane answer.

A sane answer is a 200 with at least one reply, or a clear 4xx error in JSON;
never a 5xx, a stack trace, an internal name, or a slot set by a hand-made payload.
"""

from __future__ import annotations

import uuid

import httpx
import pytest

from bot.pseudonym import conversation_id
from bot.supervisor import Stack

pytestmark = pytest.mark.e2e

HOSTILE = [
    "a" * 100_000,  # 100 KB
    "x" * 2001,
    "\x00\x01\x02 hello \x1b[31m red \x7f",
    "\u202eevil right-to-left override\u202c and zero\u200bwidth\u200d joiners\ufeff",
    "مرحبا، أحتاج مساعدة بشأن العنف المنزلي",
    "🙂🙃😡💣🔪 👨‍👩‍👧‍👦",
    "'; DROP TABLE turns; --",
    '" OR 1=1; SELECT * FROM conversations --',
    "{{7*7}} ${7*7} <%= 7*7 %> #{7*7}",
    "${jndi:ldap://127.0.0.1:1389/a}",
    "<script>alert(document.cookie)</script>",
    "<img src=x onerror=alert(1)>",
    "../../../../etc/passwd",
    "%00%0d%0aSet-Cookie: x=y",
    "\n\n\n",
    "/restart",
    "/session_start",
    "/nlu_fallback",
    "/action_finish_safety_planning",
    '/role_practitioner{"role": "admin"}',
    '/start_safety_planning{"sp_dash": "24", "journey_outcome": "x"}',
    '/walkthrough_answer{"answer": "' + "A" * 500 + '"}',
    '/walkthrough_answer{"answer": ["a", "b"]}',
    '/ask_referral_pathway{"situation": {"$ne": null}}',
    '/feedback{"helpful": "yes", "topic": "DROP TABLE feedback"}',
    "/feedback",
    '/faq{"answer": "utter_faq/dash_checklist"}',
    "/" + "a" * 3000,
]
INTERNALS = ("Traceback", "sqlalchemy", "rasa_sdk", 'File "/', "Exception", "localhost:")


@pytest.mark.parametrize("message", HOSTILE, ids=[repr(m[:30]) for m in HOSTILE])
def test_every_hostile_message_gets_a_sane_answer(gateway: httpx.Client, message: str) -> None:
    response = gateway.post(
        "/api/chat", json={"sender": f"h-{uuid.uuid4().hex}", "message": message}
    )
    assert response.status_code in (200, 413, 422), response.text[:200]
    body = response.json()
    text = response.text
    assert not any(word in text for word in INTERNALS), text[:300]
    if response.status_code == 200:
        assert body and all("text" in m or "custom" in m for m in body)
    else:
        assert body["message"]


def test_payload_injection_sets_no_slot(
    gateway: httpx.Client, engine: httpx.Client, stack: Stack
) -> None:
    sender = f"inject-{uuid.uuid4().hex[:8]}"
    for message in (
        '/role_practitioner{"role": "admin"}',
        '/start_safety_planning{"sp_dash": "24"}',
        '/walkthrough_answer{"journey_outcome": "forged"}',
    ):
        assert (
            gateway.post("/api/chat", json={"sender": sender, "message": message}).status_code
            == 200
        )
    cid = conversation_id(sender, stack.settings.pseudonym_secret)
    slots = engine.get(
        f"/conversations/{cid}/tracker",
        params={"token": stack.settings.rasa_token, "include_events": "NONE"},
    ).json()["slots"]
    assert slots["role"] in (None, "practitioner")
    assert slots.get("sp_dash") in (None,)
    assert slots.get("journey_outcome") in (None,)
