"""The engine add-ons, run with the engine's own Python (Rasa 3.6 on Python 3.10)."""

from __future__ import annotations

import subprocess

import pytest

from bot.config import PROJECT_ROOT

ENGINE_PYTHON = PROJECT_ROOT / ".venv-engine" / "bin" / "python"

CHECK = r"""
import time, jsonschema
import addons  # installs the cached validation, as loading the channel does
from rasa.core.actions.action import RemoteAction
action = RemoteAction("action_x", None)
good = {"events": [], "responses": [{"text": "hi"}]}
bad = {"events": "not a list", "responses": []}
assert action._validate_action_result(good) is True
try:
    jsonschema.validate(bad, action.action_response_format_spec())
except jsonschema.ValidationError as error:
    assert "not a list" in str(error)
else:
    raise AssertionError("an invalid response passed validation")
started = time.perf_counter()
for _ in range(200):
    action._validate_action_result(good)
print(round((time.perf_counter() - started) * 1000 / 200, 3))
"""


def test_cached_validation_keeps_rasas_behaviour_and_is_fast() -> None:
    if not ENGINE_PYTHON.exists():
        pytest.fail("the engine environment is missing: run `make setup`")
    done = subprocess.run(
        [str(ENGINE_PYTHON), "-c", CHECK],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    per_call_ms = float(done.stdout.strip().splitlines()[-1])
    assert per_call_ms < 1.0  # uncached, each call checked the schema first (several ms)


GATE_CHECK = r"""
from rasa.shared.nlu.training_data.message import Message
from addons.crisis_gate import CrisisGate
ranking = [{"name": "crisis", "confidence": 0.7}, {"name": "faq", "confidence": 0.2}]
def run(metadata):
    m = Message(data={"text": "x", "metadata": metadata})
    m.set("intent", {"name": "crisis", "confidence": 0.7})
    m.set("intent_ranking", list(ranking))
    CrisisGate().process([m])
    return m.get("intent")["name"], [r["name"] for r in m.get("intent_ranking")]
assert run({"crisis_not_now": True}) == ("faq", ["faq"]), run({"crisis_not_now": True})
assert run({}) == ("crisis", ["crisis", "faq"])
assert run({"crisis_not_now": "yes"}) == ("crisis", ["crisis", "faq"])
print("ok")
"""


def test_the_crisis_gate_sets_aside_crisis_only_when_the_gateway_says_not_now() -> None:
    if not ENGINE_PYTHON.exists():
        pytest.fail("the engine environment is missing: run `make setup`")
    done = subprocess.run(
        [str(ENGINE_PYTHON), "-c", GATE_CHECK],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
