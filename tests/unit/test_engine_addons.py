"""The engine add-ons, run with the engine's own Python (Rasa 3.6 on Python 3.10)."""

from __future__ import annotations

from helpers.support import in_engine

CHECK = r"""
import jsonschema
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
from addons.fast_validation import _validator
_validator.cache_clear()
for _ in range(200):
    action._validate_action_result(good)
info = _validator.cache_info()
print(info.misses, info.hits)
"""


def test_cached_validation_keeps_rasas_behaviour_and_checks_the_schema_once() -> None:
    done = in_engine(CHECK)
    misses, hits = map(int, done.stdout.strip().splitlines()[-1].split())
    # Uncached, each call checked the schema first (several ms a call): now the schema is
    # checked and its validator built once, then reused. Speed itself is `make bench`'s.
    assert (misses, hits) == (1, 199)


GATE_CHECK = r"""
from rasa.shared.nlu.training_data.message import Message
from addons.crisis_gate import CrisisGate
ranking = [{"name": "crisis", "confidence": 0.7}, {"name": "faq", "confidence": 0.2}]
def run(metadata):
    m = Message(data={"text": "x", "metadata": metadata})
    m.set("intent", {"name": "crisis", "confidence": 0.7})
    m.set("intent_ranking", list(ranking))
    CrisisGate().process([m])
    names = [r["name"] for r in m.get("intent_ranking")]
    return m.get("intent")["name"], names, m.get("crisis_gate")
set_aside = run({"crisis_set_aside": True})
assert set_aside == ("faq", ["faq"], {"set_aside": 0.7}), set_aside
assert run({}) == ("crisis", ["crisis", "faq"], None)
assert run({"crisis_set_aside": "yes"}) == ("crisis", ["crisis", "faq"], None)
print("ok")
"""


def test_the_crisis_gate_sets_aside_crisis_only_when_the_gateway_says_so() -> None:
    in_engine(GATE_CHECK)


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
    in_engine(RESPONSE_KEYS_CHECK)


TOPIC_MODEL_CHECK = r"""
import io
import numpy as np
from addons.topic_model import TopicModel
rng = np.random.default_rng(7)
def unit(v):
    return v / np.linalg.norm(v, axis=-1, keepdims=True)
texts = {
    "faq/strangulation": ["was she strangled", "non fatal strangulation risk", "he choked her"],
    "faq/non_molestation": ["non molestation order", "get a non-mol order", "order breach"],
    "faq/economic": ["he controls the money", "economic abuse and debt", "he took her bank card"],
}
items = [(t, label) for label, ts in texts.items() for t in ts]
centres = {label: unit(rng.normal(size=8)) for label in texts}
vectors = unit(np.stack([centres[l] + 0.1 * rng.normal(size=8) for _, l in items]))
model = TopicModel.fit([t for t, _ in items], vectors, [l for _, l in items])
# A typo still shares most letter groups with the topic's examples.
top = model.rank("non molestaion ordr", np.zeros(8), 3)
assert top[0]["name"] == "faq/non_molestation", top
assert abs(sum(x["probability"] for x in model.rank("x", vectors[0], 3)) - 1) < 1e-3
# Kept as plain arrays (no pickle) and loaded back to the same probabilities.
buffer = io.BytesIO()
np.savez(buffer, **model.arrays())
buffer.seek(0)
with np.load(buffer, allow_pickle=False) as data:
    again = TopicModel.from_arrays(data)
for text, vector in [("he choked her", vectors[0]), ("money", vectors[5])]:
    assert np.allclose(model.probabilities(text, vector), again.probabilities(text, vector))
# A model saved by other code (other analyzers) is refused, not misread.
stale = {k: v for k, v in model.arrays().items() if k != "settings"}
try:
    TopicModel.from_arrays(stale)
except ValueError as error:
    assert "retrain" in str(error)
else:
    raise AssertionError("a model without its settings was loaded")
# Two labels: a softmax over two rows.
binary = TopicModel.fit(["a b", "a c", "d e", "d f"], vectors[:4], ["x", "x", "y", "y"])
p = binary.probabilities("d e", vectors[2])
assert p.shape == (2,) and p[1] > 0.5 and abs(p.sum() - 1) < 1e-6
# One label: nothing to regress; it is ranked alone.
single = TopicModel.fit(["a b", "a c"], vectors[:2], ["x", "x"])
assert [x["name"] for x in single.rank("a", vectors[0], 3)] == ["x"]
print("ok")
"""


def test_the_topic_model_reads_typos_and_loads_back_from_plain_arrays() -> None:
    assert in_engine(TOPIC_MODEL_CHECK).stdout.strip().endswith("ok")


# The matcher's own regression is scikit-learn's LogisticRegression(C=C), lbfgs, fitted
# on [sparse | dense] features: the same coefficients on a problem of the same shape.
REGRESSION_CHECK = r"""
import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from addons.topic_model import C, MAX_ITER, softmax_regression
rng = np.random.default_rng(3)
n, classes = 300, 7
y = rng.integers(0, classes, n)
centres = rng.normal(size=(classes, 12))
dense = centres[y] + rng.normal(size=(n, 12))
words = sparse.random(n, 400, density=0.02, format="csr", random_state=4, dtype=np.float32)
words = (words + sparse.csr_matrix((np.ones(n), (np.arange(n), y * 5)), shape=(n, 400))).tocsr()
coef, intercept = softmax_regression(words, dense, y, classes)
reference = LogisticRegression(C=C, max_iter=MAX_ITER).fit(sparse.hstack([words, dense]).tocsr(), y)
assert coef.shape == reference.coef_.shape
assert np.allclose(coef, reference.coef_, atol=1e-4), np.abs(coef - reference.coef_).max()
assert np.allclose(intercept, reference.intercept_, atol=1e-4)
# Two classes: scikit-learn's one row is the difference of the softmax's two (to the
# optimiser's tolerance: the two-row problem stops at a slightly different point).
two = y % 2
coef, intercept = softmax_regression(words, dense, two, 2)
both = sparse.hstack([words, dense]).tocsr()
reference = LogisticRegression(C=C, max_iter=MAX_ITER).fit(both, two)
assert np.allclose(coef[1] - coef[0], reference.coef_[0], atol=1e-3)
assert np.allclose(intercept[1] - intercept[0], reference.intercept_[0], atol=1e-3)
print("ok")
"""


def test_the_matchers_regression_is_scikit_learns_logistic_regression() -> None:
    assert in_engine(REGRESSION_CHECK).stdout.strip().endswith("ok")


SUMMARY_CHECK = r"""
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from addons.gateway_channel import summarise_turn
def summary(parse):
    event = UserUttered("x", parse_data=parse, message_id="m1")
    return summarise_turn(DialogueStateTracker.from_events("c", [event]), "m1")
set_aside = summary({"intent": {"name": "faq"}, "crisis_gate": {"set_aside": 0.7}})
assert set_aside["crisis_set_aside"] is True and set_aside["intent"] == "faq", set_aside
assert summary({"intent": {"name": "crisis", "confidence": 0.9}})["crisis_set_aside"] is False
print("ok")
"""


def test_the_channel_reports_a_crisis_reading_set_aside() -> None:
    in_engine(SUMMARY_CHECK)
