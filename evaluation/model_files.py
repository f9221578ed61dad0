"""What the trainers of the committed models share (evaluation/train_framing.py,
evaluation/train_places.py): a digest of their training files, so a test fails when
the data changed and the model was not retrained, and the key that matches a training
text against the sealed halves it must never learn from."""

from __future__ import annotations

import hashlib
from pathlib import Path


def digest(files: list[Path]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def text_key(text: str) -> str:
    """A text as compared with the sealed halves: lower case, spaces collapsed."""
    return " ".join(text.lower().split())
