"""Generate the Rasa files for the knowledge base from `data/knowledge/`.

    python -m bot.knowledge.build          write domain/knowledge.yml and data/nlu/knowledge.yml
    python -m bot.knowledge.build --check  fail if they are out of date (the tests do this)

`make train` runs it first, so an edited answer or example is trained on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from bot.config import PROJECT_ROOT
from bot.knowledge.context_examples import labelled, load_follow_ups
from bot.knowledge.decide import JOURNEY_BUTTONS
from bot.knowledge.directory import NationalDirectory, load_national_directory
from bot.knowledge.topics import RETRIEVAL_INTENTS, Topic, load_topics

DOMAIN_FILE = PROJECT_ROOT / "domain" / "knowledge.yml"
NLU_FILE = PROJECT_ROOT / "data" / "nlu" / "knowledge.yml"
FOLLOW_UPS = PROJECT_ROOT / "data" / "follow_ups.yml"
# Read by the semantic matcher alone (config.yml), not by DIET or the selector.
CONTEXT_FILE = PROJECT_ROOT / "data" / "context" / "follow_ups.yml"
HEADER = "# Generated from data/knowledge/*.yml by `python -m bot.knowledge.build`: edit those.\n"
CONTEXT_HEADER = (
    "# Generated from data/follow_ups.yml by `python -m bot.knowledge.build`: edit that.\n"
)


class _Literal(str):
    """A string written as a YAML block, so answers stay readable in the diff."""


def _literal(dumper: yaml.SafeDumper, value: _Literal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")


yaml.SafeDumper.add_representer(_Literal, _literal)


def _dump(data: object, header: str = HEADER) -> str:
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def _response(topic: Topic, directory: NationalDirectory) -> dict[str, object]:
    """The answer, and a button that starts the journey it leads to, if it has one."""
    response: dict[str, object] = {"text": _Literal(topic.response_text(directory))}
    if topic.offers:
        title = JOURNEY_BUTTONS[topic.offers]
        response["buttons"] = [{"title": title, "payload": "/" + topic.offers}]
    return response


def domain_yaml(topics: list[Topic], directory: NationalDirectory) -> str:
    return _dump(
        {
            "version": "3.1",
            "intents": list(RETRIEVAL_INTENTS),
            "responses": {t.response_name: [_response(t, directory)] for t in topics},
        }
    )


def _examples(topic: Topic) -> list[str]:
    """The topic's examples, and its title: a "did you mean" button sends the title."""
    examples = list(topic.examples)
    if topic.title.lower() not in {e.lower() for e in examples}:
        examples.append(topic.title)
    return examples


def nlu_yaml(topics: list[Topic]) -> str:
    return _dump(
        {
            "version": "3.1",
            "nlu": [
                {"intent": t.key, "examples": _Literal("".join(f"- {e}\n" for e in _examples(t)))}
                for t in topics
            ],
        }
    )


def context_yaml(topics: list[Topic]) -> str:
    rows = labelled(load_follow_ups(FOLLOW_UPS), topics, set(JOURNEY_BUTTONS))
    return _dump({"examples": rows}, CONTEXT_HEADER)


def outputs() -> dict[Path, str]:
    topics = load_topics()
    directory = load_national_directory()
    return {
        DOMAIN_FILE: domain_yaml(topics, directory),
        NLU_FILE: nlu_yaml(topics),
        CONTEXT_FILE: context_yaml(topics),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check they are up to date")
    args = parser.parse_args(argv)
    stale = [p for p, text in outputs().items() if not p.exists() or p.read_text() != text]
    if args.check:
        for path in stale:
            print(
                f"{path.relative_to(PROJECT_ROOT)} is out of date: run make train", file=sys.stderr
            )
        return 1 if stale else 0
    for path, text in outputs().items():
        if path in stale:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
