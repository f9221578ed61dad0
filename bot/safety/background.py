"""The crisis net's own background sentences, fixed apart from the NLU training data.

The semantic crisis net (bot/safety/semantic_net.py) learns "danger" from the
exemplar files and from the NLU `crisis` intent's examples, and "not danger" from
the near-misses and from every other NLU example. Read live from `data/nlu/`, any
new training example moved the safety net: in the fourteenth session 891 ordinary
questions (long case backgrounds among them) took two danger messages of the
crisis tuning halves below the 999-first threshold. So the NLU part is a snapshot,
`data/safety/crisis_background.yml`, taken from `data/nlu/` on a known date and
changed only on purpose:

    python -m bot.safety.background --refresh   # re-take it from data/nlu/

after which the crisis tuning halves must be re-run (`make eval EVAL_ARGS="--half
tune"`) before the change is kept. The NLU can then grow without the net moving.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from bot.knowledge.files import load_yaml_model

HEADER = (
    "# The crisis net's background sentences (bot/safety/background.py): a snapshot of\n"
    "# the NLU training examples, the `crisis` intent's as danger and all others as not\n"
    "# danger. Written by `python -m bot.safety.background --refresh`; not edited by hand.\n"
    "# A refresh changes the safety net: re-run the crisis tuning halves before keeping it.\n"
)


class Background(BaseModel):
    """Schema of `data/safety/crisis_background.yml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    taken_on: dt.date
    taken_from: str
    danger: list[str] = Field(min_length=20)
    not_danger: list[str] = Field(min_length=500)


def nlu_examples(nlu_dir: Path) -> tuple[list[str], list[str]]:
    """The NLU training examples: the `crisis` intent's, and everyone else's."""
    crisis, other = [], []
    for path in sorted(nlu_dir.glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if "intent" not in block:
                continue
            lines = [
                line.strip()[2:].strip()
                for line in str(block.get("examples", "")).splitlines()
                if line.strip().startswith("- ")
            ]
            (crisis if block["intent"] == "crisis" else other).extend(lines)
    return crisis, other


def load_background(path: Path) -> Background:
    return load_yaml_model(path, Background)


def refresh(
    nlu_dir: Path, path: Path, today: dt.date | None = None, label: str = "data/nlu"
) -> Background:
    """Re-take the snapshot from the NLU files and write it."""
    crisis, other = nlu_examples(nlu_dir)
    background = Background(
        taken_on=today or dt.date.today(),
        taken_from=label,
        danger=crisis,
        not_danger=other,
    )
    body = yaml.safe_dump(
        background.model_dump(mode="json"), allow_unicode=True, sort_keys=False, width=1000
    )
    path.write_text(HEADER + body, encoding="utf-8")
    return background


def main(argv: list[str] | None = None) -> int:
    from bot.config import PROJECT_ROOT

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--refresh", action="store_true", help="re-take it from data/nlu/")
    args = parser.parse_args(argv)
    path = PROJECT_ROOT / "data" / "safety" / "crisis_background.yml"
    if args.refresh:
        taken = refresh(PROJECT_ROOT / "data" / "nlu", path)
        print(f"{path}: {len(taken.danger)} danger, {len(taken.not_danger)} not danger")
        return 0
    taken = load_background(path)
    print(f"{path}: taken {taken.taken_on}, {len(taken.danger)} + {len(taken.not_danger)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
