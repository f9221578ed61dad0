"""Split a blind set into a tuning half and a sealed half, once, before any tuning.

    python -m evaluation.split crisis RAW.yml
    python -m evaluation.split questions RAW.yml
    python -m evaluation.split privacy RAW.yml
    python -m evaluation.split coach RAW.yml
    python -m evaluation.split questions RAW.yml j   # a second set: tune_j.yml, sealed_j.yml

The split is deterministic (a hash of each item's text), stratified by label, so
both halves cover every kind of item. Each half is written under
tests/heldout/<name>/, and tests/heldout/SEALED.sha256 records the sealed
halves' hashes: a unit test fails if a sealed half is edited. Nobody tunes on,
reads while tuning, or copies from a sealed half; an item studied to fix a
failure is moved out of it (and the move is said in the commit message).
"""

from __future__ import annotations

import hashlib
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from bot.config import PROJECT_ROOT

HELDOUT = PROJECT_ROOT / "tests" / "heldout"
MANIFEST = HELDOUT / "SEALED.sha256"
SALT = "safe-together-heldout-2026-11-25"


def _key(text: str) -> str:
    return hashlib.sha256((SALT + text).encode()).hexdigest()


def halves(items: list[Any], text_of, label_of) -> tuple[list[Any], list[Any]]:
    """Alternate items of each label, in hash order, between the two halves."""
    by_label: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        by_label[label_of(item)].append(item)
    tune: list[Any] = []
    sealed: list[Any] = []
    flip = 0
    for label in sorted(by_label):
        for item in sorted(by_label[label], key=lambda i: _key(text_of(i))):
            (tune if flip % 2 == 0 else sealed).append(item)
            flip += 1
    return tune, sealed


def split(name: str, raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    if name == "crisis":
        t, s = halves(raw["items"], lambda i: i["text"], lambda i: i["label"] + ":" + i["kind"])
        return {"tune": {"items": t}, "sealed": {"items": s}}
    if name == "questions":
        qt, qs = halves(raw["questions"], lambda i: i["text"], lambda i: str(i["expect"]))
        ft, fs = halves(raw["followups"], lambda i: i["first"] + i["followup"], lambda i: "f")
        return {
            "tune": {"questions": qt, "followups": ft},
            "sealed": {"questions": qs, "followups": fs},
        }
    if name == "privacy":
        wt, ws = halves(raw["with_identifiers"], lambda i: i["text"], lambda i: "w")
        ct, cs = halves(raw["clean"], lambda i: i, lambda i: "c")
        return {
            "tune": {"with_identifiers": wt, "clean": ct},
            "sealed": {"with_identifiers": ws, "clean": cs},
        }
    if name == "coach":
        t, s = halves(raw["items"], lambda i: i["text"], lambda i: f"{i['flag']}:{i['kind']}")
        return {"tune": {"items": t}, "sealed": {"items": s}}
    raise SystemExit(f"unknown set: {name}")


HEADERS = {
    "tune": "# TUNING half of a blind set written from titles or kinds alone by someone who\n"
    "# never saw the training data (split by evaluation/split.py). Tune on this.\n",
    "sealed": "# SEALED half: never read while tuning, never copied or paraphrased into\n"
    "# training data. Only `make eval` reads it. Hashes in tests/heldout/SEALED.sha256.\n",
}


def main(argv: list[str]) -> int:
    name, raw_path, *rest = argv
    suffix = f"_{rest[0]}" if rest else ""
    raw = yaml.safe_load(Path(raw_path).read_text(encoding="utf-8"))
    folder = HELDOUT / name
    folder.mkdir(parents=True, exist_ok=True)
    lines = [ln for ln in (MANIFEST.read_text().splitlines() if MANIFEST.exists() else [])
             if not ln.endswith(f" {name}/sealed{suffix}.yml")]  # fmt: skip
    for half, data in split(name, raw).items():
        path = folder / f"{half}{suffix}.yml"
        text = HEADERS[half] + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        path.write_text(text, encoding="utf-8")
        if half == "sealed":
            digest = hashlib.sha256(text.encode()).hexdigest()
            lines.append(f"{digest}  {name}/sealed{suffix}.yml")
        print(
            f"{path.relative_to(PROJECT_ROOT)}: "
            + ", ".join(f"{k} {len(v)}" for k, v in data.items())
        )
    MANIFEST.write_text("\n".join(sorted(lines)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
