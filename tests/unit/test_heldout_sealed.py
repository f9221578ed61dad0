"""The sealed halves of the held-out sets are exactly as split, before any tuning."""

from __future__ import annotations

import hashlib

import yaml

from evaluation.split import HELDOUT, MANIFEST


def test_sealed_halves_are_unchanged() -> None:
    entries = [line.split("  ", 1) for line in MANIFEST.read_text().splitlines() if line]
    assert {name for _, name in entries} == {
        "crisis/sealed.yml",
        "questions/sealed.yml",
        "privacy/sealed.yml",
    }
    for digest, name in entries:
        text = (HELDOUT / name).read_text(encoding="utf-8")
        assert hashlib.sha256(text.encode()).hexdigest() == digest, f"{name} was edited"


def test_the_halves_share_no_item() -> None:
    for name, keys in {
        "crisis": ("items",),
        "questions": ("questions", "followups"),
        "privacy": ("with_identifiers", "clean"),
    }.items():
        halves = [
            yaml.safe_load((HELDOUT / name / f"{h}.yml").read_text()) for h in ("tune", "sealed")
        ]
        for key in keys:
            tune, sealed = ({str(item) for item in half[key]} for half in halves)
            assert tune and sealed and not tune & sealed, f"{name}/{key} overlaps"
