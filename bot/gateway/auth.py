"""Dashboard credentials: HTTP basic auth, or a bearer token for scripts, from the settings
(checked for each request by `bot.gateway.deps.DashboardUser`).

The chat stays open; only the dashboard and its exports are protected. There is
no default password: development generates one in `var/dashboard-password.key`
and production refuses to start without DASHBOARD_PASSWORD.
"""

from __future__ import annotations

import base64
import binascii
import secrets

from bot.config import Settings

CHALLENGE = {"WWW-Authenticate": 'Basic realm="dashboard", charset="UTF-8"'}


def _equal(given: str, expected: str) -> bool:
    return secrets.compare_digest(given.encode(), expected.encode())


def authorised(header: str | None, settings: Settings) -> bool:
    if not header:
        return False
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return _equal(value.strip(), settings.dashboard_password)
    if scheme.lower() != "basic":
        return False
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return False
    user, sep, password = decoded.partition(":")
    # Both compared, always, so timing does not tell which one was wrong.
    user_ok = _equal(user, settings.dashboard_user)
    password_ok = _equal(password, settings.dashboard_password)
    return bool(sep) and user_ok and password_ok
