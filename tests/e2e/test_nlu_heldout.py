"""Intent accuracy on phrasings the model never saw, through the running engine.

Writes results/nlu-heldout.json (accuracy, per-intent results, confusions) so
the figure reported in the README is the one this run measured.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import httpx
import pytest
import yaml

from bot.config import PROJECT_ROOT
from bot.knowledge.decide import decide
from bot.knowledge.topics import topics_by_key
from bot.supervisor import Stack

pytestmark = pytest.mark.e2e

RESULTS = PROJECT_ROOT / "results"
HELDOUT_FILES = sorted((PROJECT_ROOT / "tests" / "nlu").glob("heldout*.yml"))
CRISIS_SENTENCES = PROJECT_ROOT / "tests" / "data" / "crisis_sentences.yml"
TRAINING = sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml"))
KNOWLEDGE_INTENTS = ("faq",)


def examples(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for block in yaml.safe_load(path.read_text())["nlu"]:
        if "intent" not in block:
            continue  # regex and lookup tables
        for line in block["examples"].splitlines():
            if line.strip().startswith("- "):
                pairs.append((block["intent"], line.strip()[2:].strip()))
    return pairs


def predict(engine: httpx.Client, token: str, text: str) -> tuple[str, float]:
    """The full intent (with the knowledge topic the assistant would answer) and confidence.

    For a knowledge question the topic is what the knowledge action decides from the
    matcher's reading (bot/knowledge/decide.py), as a user would see it; "asked" when
    it would offer topics instead.
    """
    body = engine.post("/model/parse", params={"token": token}, json={"text": text}).json()
    intent = body["intent"]["name"]
    selector = body.get("response_selector", {})
    if intent in ("faq", "nlu_fallback") and body.get("semantic"):
        decision = decide(body, set(topics_by_key()))
        if decision.answer:
            return decision.answer, body["intent"]["confidence"]
        if intent == "faq":
            return "faq/asked", body["intent"]["confidence"]
    retrieval = selector.get(intent) or selector.get("default")
    if retrieval and retrieval.get("response", {}).get("intent_response_key"):
        key = retrieval["response"]["intent_response_key"]
        if key.startswith(intent + "/"):
            intent = key
    return intent, body["intent"]["confidence"]


def normalised(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def test_heldout_set_is_not_in_the_training_data() -> None:
    trained = {normalised(text) for path in TRAINING for _, text in examples(path)}
    leaked = [t for path in HELDOUT_FILES for _, t in examples(path) if normalised(t) in trained]
    crisis = yaml.safe_load(CRISIS_SENTENCES.read_text())
    leaked += [t for t in crisis["crisis"] + crisis["not_crisis"] if normalised(t) in trained]
    assert leaked == []


def test_heldout_intent_accuracy(engine: httpx.Client, stack: Stack) -> None:
    per_intent: dict[str, Counter[str]] = defaultdict(Counter)
    confusions = []
    knowledge = Counter()  # the knowledge-base questions: intent, then the answer chosen
    for expected, text in (pair for path in HELDOUT_FILES for pair in examples(path)):
        predicted, confidence = predict(engine, stack.settings.rasa_token, text)
        ok = predicted == expected
        if expected.split("/")[0] in KNOWLEDGE_INTENTS and "/" in expected:
            knowledge["questions"] += 1
            knowledge["intent_correct"] += predicted.split("/")[0] == expected.split("/")[0]
            knowledge["answer_correct"] += ok
        per_intent[expected]["correct" if ok else "wrong"] += 1
        if not ok:
            confusions.append(
                {
                    "text": text,
                    "expected": expected,
                    "predicted": predicted,
                    "confidence": confidence,
                }
            )
    total = sum(sum(c.values()) for c in per_intent.values())
    correct = sum(c["correct"] for c in per_intent.values())
    accuracy = correct / total
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "nlu-heldout.json").write_text(
        json.dumps(
            {
                "examples": total,
                "correct": correct,
                "accuracy": round(accuracy, 3),
                "knowledge_base": {
                    "questions": knowledge["questions"],
                    "intent_accuracy": round(
                        knowledge["intent_correct"] / knowledge["questions"], 3
                    ),
                    "answer_accuracy": round(
                        knowledge["answer_correct"] / knowledge["questions"], 3
                    ),
                },
                "per_intent": {k: dict(v) for k, v in sorted(per_intent.items())},
                "confusions": confusions,
            },
            indent=2,
        )
    )
    answers = knowledge["answer_correct"] / knowledge["questions"]
    print(f"\nHeld-out intent accuracy: {correct}/{total} = {accuracy:.1%}")
    print(f"Knowledge base: {knowledge['answer_correct']}/{knowledge['questions']} right answers")
    assert knowledge["questions"] >= 100
    # Floors just under what this model measures (README, Measured): a drop fails.
    assert accuracy >= 0.78, confusions
    assert answers >= 0.8, [c for c in confusions if "/" in c["expected"]]


def test_crisis_model_half_of_the_safety_net(engine: httpx.Client, stack: Stack) -> None:
    """The model alone, without the gateway's phrase check, on the crisis test sentences."""
    sentences = yaml.safe_load(CRISIS_SENTENCES.read_text())
    token = stack.settings.rasa_token
    caught = [s for s in sentences["crisis"] if predict(engine, token, s)[0] == "crisis"]
    false_alarms = [s for s in sentences["not_crisis"] if predict(engine, token, s)[0] == "crisis"]
    recall = len(caught) / len(sentences["crisis"])
    (RESULTS / "crisis-model.json").write_text(
        json.dumps(
            {
                "crisis_sentences": len(sentences["crisis"]),
                "model_recall": round(recall, 3),
                "missed": sorted(set(sentences["crisis"]) - set(caught)),
                "non_crisis_sentences": len(sentences["not_crisis"]),
                "false_alarms": false_alarms,
            },
            indent=2,
        )
    )
    print(f"\nModel-only crisis recall {recall:.1%}; false alarms {len(false_alarms)}")
    # The model's intent is one of three nets (the phrase rules catch all 50 of these
    # sentences alone: tests/unit/test_crisis_detector.py). It caught 40-42 of 50 with
    # 71 knowledge topics and 39 with 104: the floor is for a collapse, not a target.
    assert recall >= 0.75
    assert len(false_alarms) <= 3, false_alarms
