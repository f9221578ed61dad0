"""Choose when the knowledge action answers, on the TUNING half only.

    .venv-engine/bin/python evaluation/engine_parse.py results/eval/tune-parse.json
    python -m evaluation.tune_answers results/eval/tune-parse.json

Replays `bot.knowledge.decide` over the parsed tuning questions for a grid of
thresholds and prints, for each, answered right / wrong / asked, so the values
in `Thresholds` are chosen with their cost in wrong answers in view. It scores
topics only: journeys are chosen by the intent classifier before this decision.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

from bot.knowledge.decide import Thresholds, decide
from bot.knowledge.topics import topics_by_key


def score(items: list[dict], t: Thresholds, known: set[str]) -> dict[str, int]:
    counts = {"right": 0, "wrong": 0, "asked": 0}
    for item in items:
        wanted = {"faq/" + e.split(":", 1)[1] for e in item["expect"] if e.startswith("topic:")}
        if not wanted or item["parse"]["intent"]["name"] not in ("faq", "nlu_fallback"):
            continue
        d = decide(item["parse"], known, item.get("previous"), t)
        key = "asked" if d.answer is None else ("right" if d.answer in wanted else "wrong")
        counts[key] += 1
    return counts


def main(argv: list[str]) -> int:
    items = json.loads(Path(argv[0]).read_text())
    known = set(topics_by_key())
    questions = [i for i in items if "previous" not in i]
    follow = [i for i in items if "previous" in i]
    rows = []
    # Scores are the matcher's probabilities (0 to 1).
    for answer, margin in itertools.product(
        [round(0.05 + 0.05 * i, 2) for i in range(12)], [round(0.02 * i, 2) for i in range(16)]
    ):
        c = score(questions, Thresholds(answer=answer, margin=margin), known)
        rows.append((c["wrong"], -c["right"], answer, margin, c))
    # The most answered right for each number of wrong answers: the frontier.
    frontier: dict[int, tuple] = {}
    for row in sorted(rows):
        frontier.setdefault(row[0], row)
    for _, _, answer, margin, c in list(frontier.values())[:10]:
        print(f"answer {answer} margin {margin}: {c}")
    for follow_up, penalty, new in itertools.product(
        (0.1, 0.2, 0.3), (0.0, 0.1, 0.2, 0.3), (0.3, 0.5, 0.7)
    ):
        t = Thresholds(follow_up=follow_up, repeat_penalty=penalty, new_subject=new)
        print(
            f"follow-up {follow_up} repeat penalty {penalty} new subject {new}:",
            score(follow, t, known),
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
