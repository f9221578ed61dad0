"""What a practice lead must still verify: every answer, helpline and content file
that is unverified, or was verified more than a year ago.

    make content-report        (or: python -m bot.knowledge.content_report [--out FILE])

Reads the content files through their schemas, so a file that does not validate
stops the report with the reason.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.commissioning.content import requirements, tiers
from bot.knowledge.directory import NATIONAL_DIRECTORY, load_national_directory
from bot.knowledge.files import load_yaml_model
from bot.knowledge.provenance import Verification, long_date
from bot.knowledge.topics import KNOWLEDGE_DIR, TopicFile


@dataclass(frozen=True)
class Item:
    where: str
    what: str
    status: str
    sources: str


def _status(item: Verification) -> str:
    if item.verified_on is None:
        return f"not verified (entered {long_date(item.entered_on)})"
    return f"verified {long_date(item.verified_on)} by {item.verified_by}: over a year ago"


def to_review(
    knowledge_dir: Path = KNOWLEDGE_DIR,
    directory_file: Path = NATIONAL_DIRECTORY,
    today: date | None = None,
) -> list[Item]:
    today = today or date.today()
    items: list[Item] = []
    for path in sorted(knowledge_dir.glob("*.yml")):
        for topic in load_yaml_model(path, TopicFile).topics:
            if topic.needs_review(today):
                where = f"data/knowledge/{path.name}"
                items.append(Item(where, f"{topic.key}: {topic.title}", _status(topic),
                                  topic.source))  # fmt: skip
    for service in load_national_directory(directory_file).services:
        if service.needs_review(today):
            what = f"{service.name}: {service.contact}"
            items.append(Item("data/directory/national.yml", what, _status(service),
                              str(service.source)))  # fmt: skip
    for name, content in (("tiers", tiers()), ("requirements", requirements())):
        if content.needs_review(today):
            sources = "; ".join(s.cite() for s in content.sources)
            items.append(Item(f"data/commissioning/{name}.yml", f"commissioning {name}",
                              _status(content), sources))  # fmt: skip
    return items


def as_markdown(items: list[Item], today: date) -> str:
    lines = [
        f"# Content to verify ({long_date(today)})",
        "",
        f"{len(items)} items are unverified or were verified more than a year ago. Check each "
        "against its sources, then fill in `verified_by` and `verified_on` in its file.",
        "",
        "| File | Item | Status | Sources |",
        "| --- | --- | --- | --- |",
    ]
    for item in items:
        cells = [c.replace("|", "/") for c in (item.where, item.what, item.status, item.sources)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    today = date.today()
    text = as_markdown(to_review(today=today), today)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
