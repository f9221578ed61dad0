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


def _in_engine(code: str) -> subprocess.CompletedProcess:
    """Runs `code` with the engine's Python and checks that it succeeded."""
    if not ENGINE_PYTHON.exists():
        pytest.fail("the engine environment is missing: run `make setup`")
    done = subprocess.run(
        [str(ENGINE_PYTHON), "-c", code],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def test_cached_validation_keeps_rasas_behaviour_and_is_fast() -> None:
    done = _in_engine(CHECK)
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
    _in_engine(GATE_CHECK)


RESPONSE_KEYS_CHECK = r"""
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from addons.response_keys import ResponseKeys
faq = Message(data={"text": "what is marac", "intent": "faq",
                    "intent_response_key": "faq/marac_what", "response": "A long answer."})
other = Message(data={"text": "hi", "intent": "greet"})
data = ResponseKeys.create({}, None, None, None).process_training_data(TrainingData([faq, other]))
assert faq.get("response") == "faq/marac_what", faq.get("response")
assert other.get("response") is None
print("ok")
"""


def test_training_examples_carry_the_answer_key_not_its_text() -> None:
    _in_engine(RESPONSE_KEYS_CHECK)
