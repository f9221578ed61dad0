"""The language coach on a blind set: flagged when it should be, left alone when not.

    python -m evaluation.coach [--half tune|sealed] [--show] (make eval runs it too)

The coach is deterministic and runs on the same text in the gateway, so it is
measured on the function itself. --show prints the misses and false flags: use
it on the tuning half only.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from bot.language.coach import coach
from evaluation.split import HELDOUT


def measure(items: list[dict]) -> dict:
    results = []
    for item in items:
        found = coach(item["text"])
        results.append({**item, "flagged": not found.clean, "rewritten": found.rewritten})
    should = [r for r in results if r["flag"]]
    should_not = [r for r in results if not r["flag"]]
    by_kind: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    for r in should:
        by_kind[r["kind"]] += 1
        caught[r["kind"]] += r["flagged"]
    return {
        "items": len(results),
        "recall": sum(r["flagged"] for r in should) / max(1, len(should)),
        "false_flags": sum(r["flagged"] for r in should_not) / max(1, len(should_not)),
        "to_flag": len(should),
        "not_to_flag": len(should_not),
        "recall_by_kind": {k: f"{caught[k]}/{n}" for k, n in sorted(by_kind.items())},
        "results": results,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--half", choices=("tune", "sealed"), default="tune")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args(argv)
    if args.show and args.half == "sealed":
        raise SystemExit("--show is for the tuning half only")
    items = yaml.safe_load(Path(HELDOUT / "coach" / f"{args.half}.yml").read_text())["items"]
    report = measure(items)
    print(
        f"coach ({args.half}): recall {report['recall']:.1%} of {report['to_flag']}, "
        f"false flags {report['false_flags']:.1%} of {report['not_to_flag']}; "
        f"by kind {report['recall_by_kind']}"
    )
    if args.show:
        for r in report["results"]:
            if r["flag"] != r["flagged"]:
                print(("MISS " if r["flag"] else "FALSE"), r["kind"], "|", r["text"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
