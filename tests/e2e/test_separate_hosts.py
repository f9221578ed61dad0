"""The three processes on different addresses, as on different hosts: each listens only on
its own (127.0.0.2, .3, .4 are loopback addresses of their own on Linux), and the gateway
and the engine reach the others by the configured addresses alone."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest
from chat_client import Chat
from conftest import RASA_BIN, free_port, stack_settings

from bot.config import PROJECT_ROOT
from bot.supervisor import Stack
from bot.training import model_path

pytestmark = pytest.mark.e2e
HOSTS = {"engine": "127.0.0.2", "actions": "127.0.0.3", "gateway": "127.0.0.4"}


def refuses(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(2)
        return sock.connect_ex((host, port)) != 0


def test_each_process_on_its_own_address(tmp_path: Path) -> None:
    settings = stack_settings(
        tmp_path,
        "hosts",
        gateway_host=HOSTS["gateway"],
        engine_host=HOSTS["engine"],
        actions_host=HOSTS["actions"],
        gateway_port=free_port(HOSTS["gateway"]),
        rasa_port=free_port(HOSTS["engine"]),
        actions_port=free_port(HOSTS["actions"]),
    )
    assert settings.rasa_url.startswith("http://127.0.0.2:")
    assert settings.actions_url.startswith("http://127.0.0.3:")
    stack = Stack(settings, RASA_BIN, model_path(), PROJECT_ROOT / "test-artifacts" / "hosts-logs")
    stack.start(timeout=240)
    try:
        with httpx.Client(base_url=settings.gateway_url, timeout=60) as gateway:
            assert gateway.get("/readyz").json()["components"] == {
                "engine": "up", "actions": "up", "database": "up"
            }  # fmt: skip
            # A custom action ran: the engine reached the action server at its address.
            text = Chat(gateway).say("what is coercive control?")[0]
            assert "Source" in text
        for name, port in (("engine", settings.rasa_port), ("actions", settings.actions_port),
                           ("gateway", settings.gateway_port)):  # fmt: skip
            assert not refuses(HOSTS[name], port), name
            assert refuses("127.0.0.1", port), f"{name} also listens on 127.0.0.1"
    finally:
        stack.stop()
