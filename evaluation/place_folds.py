"""Choose the place model's threshold on data it did not learn from.

    .venv-engine/bin/python -m evaluation.train_places --folds var/place-folds
    .venv/bin/python -m evaluation.place_folds var/place-folds [--thresholds 0.5 0.7]

Each tuning half is anonymised with the rules alone and with the rules plus the model
trained without that half, at each threshold; printed per threshold, summed over the
halves: addresses and schools removed, other identifiers removed, clean messages altered.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import yaml

HELDOUT = Path(__file__).resolve().parents[1] / "tests" / "heldout" / "privacy"


def _score(report: dict) -> tuple[int, int, int, int, int]:
    per = report["recall"]
    place = sum(per.get(k, {}).get("found", 0) for k in ("ADDRESS", "SCHOOL"))
    place_total = sum(per.get(k, {}).get("total", 0) for k in ("ADDRESS", "SCHOOL"))
    found = sum(v["found"] for k, v in per.items())
    return place, place_total, report["clean_altered"], report["clean_messages"], found


def _with_places(base, places):  # type: ignore[no-untyped-def]
    """The shipped anonymiser with another place model (None: the rules alone)."""
    anonymiser = copy.copy(base)
    anonymiser._place_model = places
    return anonymiser


def main(argv: list[str] | None = None) -> int:
    from bot.privacy.anonymiser import default_anonymiser
    from bot.privacy.evaluate import evaluate
    from bot.privacy.place_model import PlaceModel

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folds", type=Path)
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.3, 0.5, 0.7, 0.85])
    args = parser.parse_args(argv)
    base = default_anonymiser()
    totals: dict[str, list[int]] = {}
    for fold in sorted(args.folds.glob("tune*.npz")):
        corpus = yaml.safe_load((HELDOUT / f"{fold.stem}.yml").read_text(encoding="utf-8"))
        model = PlaceModel(fold)
        # The rules alone: the shipped model learnt from every tuning half.
        runs = {"rules": _with_places(base, None)}
        for t in args.thresholds:
            runs[f"{t:.2f}"] = _with_places(base, lambda text, t=t, m=model: m.spans(text, t))
        for name, anonymiser in runs.items():
            row = _score(evaluate(corpus, anonymiser))
            print(fold.stem, name, row, flush=True)
            total = totals.setdefault(name, [0] * len(row))
            for i, value in enumerate(row):
                total[i] += value
    for name, row in totals.items():
        print(f"{name}: places {row[0]}/{row[1]}, clean altered {row[2]}/{row[3]}, all {row[4]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
