"""Training data rules that `rasa data validate` does not check."""

from collections import Counter

import yaml

from bot.config import PROJECT_ROOT

MIN_EXAMPLES = 15
# A knowledge topic (a retrieval sub-intent such as faq/coercive_control) needs 12.
MIN_TOPIC_EXAMPLES = 12


def intent_counts() -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            if "intent" in block:
                lines = [ln for ln in block["examples"].splitlines() if ln.strip().startswith("- ")]
                counts[block["intent"]] += len(lines)
    return counts


def test_every_intent_has_enough_varied_examples() -> None:
    thin = {
        intent: n
        for intent, n in intent_counts().items()
        if n < (MIN_TOPIC_EXAMPLES if "/" in intent else MIN_EXAMPLES)
    }
    assert thin == {}


def test_every_domain_intent_has_training_examples() -> None:
    declared = set()
    for path in (PROJECT_ROOT / "domain").glob("*.yml"):
        for intent in yaml.safe_load(path.read_text()).get("intents", []):
            declared |= set(intent) if isinstance(intent, dict) else {intent}
    trained = {intent.split("/")[0] for intent in intent_counts()}
    assert declared - trained == set()
