"""The follow-ups the semantic matcher also learns from (engine side).

`python -m bot.knowledge.build` writes `data/context/follow_ups.yml`: messages sent
right after a topic's answer, in the form the matcher reads a follow-up in (the
topic's title, then the message), each with the topic or journey that answers it
(bot/knowledge/context_examples.py). A label the NLU data does not have is left
out with a warning rather than trained as a new class.
"""

from __future__ import annotations

import logging
from pathlib import Path

import yaml

logger = logging.getLogger(__name__)


def load(path: str | None, labels: set[str]) -> tuple[list[str], list[str]]:
    """(texts, labels) from the generated file; nothing when no file is configured."""
    if not path:
        return [], []
    file = Path(path)
    if not file.is_file():
        logger.warning("No follow-up examples at %s: the matcher trains without them.", path)
        return [], []
    rows = (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).get("examples") or []
    texts, found = [], []
    for row in rows:
        if row.get("label") in labels and row.get("text"):
            texts.append(row["text"])
            found.append(row["label"])
        else:
            logger.warning("Follow-up example with an unknown label left out: %s", row.get("label"))
    return texts, found
