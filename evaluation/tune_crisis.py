"""Choose the semantic crisis net's thresholds on the TUNING half only.

    python -m evaluation.tune_crisis            # crisis/tune.yml
    python -m evaluation.tune_crisis k          # and crisis/tune_k.yml (another author)

Scores every tuning item with the phrase rules and the semantic net (offline,
no engine), then finds the lowest probability for "clear" (999 first) that
keeps false alarms on near-misses within the budget, and the lowest for
"possible" (the short safety line) within its own budget. It prints the
figures; the chosen values are written into data/safety/crisis_examples.yml by
hand, so a reviewer sees them change. The model's `crisis` intent, the third
net, is not counted here: the figures are a floor.
"""

from __future__ import annotations

import sys

import numpy as np
import yaml

from bot.safety.crisis import crisis_detector
from bot.safety.semantic_net import load_semantic_net
from evaluation.split import HELDOUT

FALSE_ALARM_BUDGET = 0.02  # under the 3% target, leaving room for the model's own net
SHORT_LINE_BUDGET = 0.30


def lowest_threshold(scores: np.ndarray, negatives: np.ndarray, base: np.ndarray, budget: float):
    """The smallest threshold whose alarms (with `base` already firing) stay within budget."""
    for threshold in sorted(set(np.round(scores, 4)) | {1.0}):
        alarms = base | (scores >= threshold)
        if alarms[negatives].mean() <= budget:
            return float(threshold)
    return 1.0


def main(argv: list[str] | None = None) -> int:
    suffixes = ["", *(f"_{s}" for s in (sys.argv[1:] if argv is None else argv))]
    items = []
    for suffix in suffixes:
        items += yaml.safe_load((HELDOUT / "crisis" / f"tune{suffix}.yml").read_text())["items"]
    net = load_semantic_net()
    phrases = crisis_detector()
    danger = np.array([i["label"] == "danger" for i in items])
    fired = np.array([phrases.assess(i["text"]).is_crisis for i in items])
    # As the gateway reads them: the whole message, or its closing sentences if higher.
    p = np.array([net.probability(i["text"]) for i in items])
    print(f"phrase rules alone: recall {fired[danger].mean():.3f}, "
          f"false alarms {fired[~danger].mean():.3f}")  # fmt: skip
    clear_at = lowest_threshold(p, ~danger, fired, FALSE_ALARM_BUDGET)
    clear = fired | (p >= clear_at)
    print(f"clear_probability {clear_at}: recall {clear[danger].mean():.3f}, "
          f"false alarms {clear[~danger].mean():.3f}")  # fmt: skip
    possible_at = lowest_threshold(p, ~danger, clear, SHORT_LINE_BUDGET)
    either = clear | (p >= possible_at)
    print(
        f"possible_probability {possible_at}: danger with 999 or the line "
        f"{either[danger].mean():.3f}; near-misses with either {either[~danger].mean():.3f}"
    )
    missed = [
        i["kind"] for i, c in zip(items, clear, strict=True) if i["label"] == "danger" and not c
    ]
    print("danger without 999 first, by kind:", sorted(set(missed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
