"""The coach on its development sets (tests/data/coach_dev*.yml): regression checks.

The rules were extended by studying these sets' misses, so the floors guard against a
rule change that loses what was gained; they are not the coach's measured figures
(those come from the sealed halves, `make eval`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers.support import rules_coach

from bot.language.coach import as_text

DATA = Path(__file__).resolve().parents[1] / "data"
DEV = DATA / "coach_dev.yml"
# The third set: 240 to flag (blaming her, minimising his abuse) and 160 fine, mostly
# near-misses. Studied on 2026-11-27: 240 of 240 caught, 1 false flag.
DEV_C = DATA / "coach_dev_c.yml"


def _items(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["items"]


def _figures(path: Path) -> tuple[int, int, float, list[str]]:
    items = _items(path)
    flagged = [i for i in items if i["kind"] != "clean"]
    clean = [i for i in items if i["kind"] == "clean"]
    caught = [i for i in flagged if not rules_coach(i["text"]).clean]
    false = [i["text"] for i in clean if not rules_coach(i["text"]).clean]
    return len(flagged), len(clean), len(caught) / len(flagged), false


def test_the_coach_holds_on_its_development_set() -> None:
    flagged, clean, recall, false = _figures(DEV)
    assert flagged >= 500 and clean >= 500
    assert recall >= 0.92
    assert len(false) <= 3, false


def test_the_coach_holds_on_the_third_development_set() -> None:
    flagged, clean, recall, false = _figures(DEV_C)
    assert flagged == 240 and clean == 160
    assert recall >= 0.97
    assert len(false) <= 3, false


@pytest.mark.parametrize("path", [DEV, DEV_C], ids=["dev", "dev_c"])
def test_rewrites_keep_no_template_or_stray_markup(path: Path) -> None:
    for item in _items(path):
        result = rules_coach(item["text"])
        if result.clean:
            continue
        text = as_text(result)
        assert "{" not in text and "}" not in text, text
        assert "  " not in result.rewritten, result.rewritten
