"""Fixtures of the unit tests: the gateway against a fake engine and a real SQLite file."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from helpers.gateway_fake import FakeRasa

from bot.config import Settings
from bot.gateway.app import create_app


@pytest.fixture
def fake() -> FakeRasa:
    return FakeRasa()


@pytest.fixture
def client_factory(fake: FakeRasa) -> Callable[[Settings], TestClient]:
    def build(settings: Settings) -> TestClient:
        app = create_app(settings, transport=httpx.MockTransport(fake.handler))
        return TestClient(app, raise_server_exceptions=False)

    return build


@pytest.fixture
def client(settings: Settings, client_factory) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with client_factory(settings) as test_client:
        yield test_client
