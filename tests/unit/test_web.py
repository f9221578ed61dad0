"""The chat page as served: quick-exit URL, strict CSP, no inline code, security headers."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.gateway.app import create_app
from bot.gateway.routes.page import TEMPLATES
from bot.gateway.web import STATIC


@pytest.fixture
def client(settings_factory) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    settings = settings_factory(quick_exit_url='https://example.org/news?a=1&b="2"')
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=[]))
    with TestClient(create_app(settings, transport=transport)) as test_client:
        yield test_client


def test_page_carries_the_configured_quick_exit_url_escaped(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    # The attribute holds the address, escaped: its quote cannot close the attribute.
    found = re.search(r'<meta name="quick-exit-url" content="([^"]*)">', response.text)
    assert found, "the quick-exit address is not in its meta tag"
    assert "&amp;" in found.group(1)
    assert html.unescape(found.group(1)) == 'https://example.org/news?a=1&b="2"'
    assert response.headers["cache-control"] == "no-store"


def test_page_has_a_strict_csp_and_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    csp = headers["content-security-policy"]
    assert "script-src 'self';" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"


def test_api_responses_are_not_cached_and_carry_the_headers(client: TestClient) -> None:
    response = client.post("/api/chat", json={"sender": "s1", "message": "hi"})
    assert response.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in response.headers["content-security-policy"]


def test_assets_are_served(client: TestClient) -> None:
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")


def test_page_source_has_no_inline_script_or_style() -> None:
    page = (TEMPLATES / "index.html").read_text()
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag, tag
    assert "<style" not in page
    assert not re.search(r"\son[a-z]+=", page), "inline event handler"
    assert not re.search(r'\sstyle="', page)


def test_script_never_touches_browser_storage() -> None:
    script = (STATIC / "app.js").read_text()
    for api in ("localStorage", "sessionStorage", "indexedDB", "document.cookie", "caches."):
        assert api not in script, api
    assert "location.replace(" in script  # quick exit leaves no history entry
