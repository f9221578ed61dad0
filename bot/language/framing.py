"""The coach's framing model: a sentence no rule flagged, read as a whole.

A multinomial logistic regression over a sentence's words and word groups (TF-IDF,
as scikit-learn's TfidfVectorizer with sublinear counts and unit length) and its
all-MiniLM-L6-v2 vector, trained by `evaluation/train_framing.py` on labelled
sentences nobody here wrote (never a sealed half). Scored here with numpy, so the
gateway needs no scikit-learn. P(not clean) at or above the trained threshold
flags the sentence, with its most likely kind.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from bot.language.sentence_fairness import sentence_is_fair
from bot.semantic.encoder import shared_encoder

MODEL_FILE = Path(__file__).resolve().parents[2] / "data" / "language" / "framing.npz"
_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


@dataclass(frozen=True)
class Reading:
    flagged: bool
    kind: str
    probability: float


class FramingModel:
    def __init__(self, data: np.lib.npyio.NpzFile) -> None:
        settings = json.loads(str(data["settings"]))
        self.ngrams = tuple(settings["ngrams"])
        self.threshold = float(settings["threshold"])
        self.index = {term: i for i, term in enumerate(str(t) for t in data["vocabulary"])}
        self.idf = data["idf"].astype(np.float64)
        coef = data["coef"].astype(np.float64)
        self.words, self.meaning = coef[:, : len(self.index)].T, coef[:, len(self.index) :].T
        self.intercept = data["intercept"].astype(np.float64)
        self.classes = [str(c) for c in data["classes"]]
        self.clean = self.classes.index("clean")
        self.digest = str(data["digest"])

    def _terms(self, text: str) -> Counter[str]:
        tokens = _TOKEN.findall(text.lower())
        low, high = self.ngrams
        return Counter(
            " ".join(tokens[i : i + n])
            for n in range(low, high + 1)
            for i in range(len(tokens) - n + 1)
        )

    def read(self, text: str, vector: np.ndarray) -> Reading:
        counts = {t: c for t, c in self._terms(text).items() if t in self.index}
        z = self.intercept + np.asarray(vector, np.float64) @ self.meaning
        if counts:
            columns = np.fromiter((self.index[t] for t in counts), np.int64, len(counts))
            values = np.array([1.0 + math.log(c) for c in counts.values()]) * self.idf[columns]
            z = z + (values / np.linalg.norm(values)) @ self.words[columns]
        p = np.exp(z - z.max())
        p /= p.sum()
        flagged_p = 1.0 - float(p[self.clean])
        p[self.clean] = -1.0
        kind = self.classes[int(np.argmax(p))]
        return Reading(flagged_p >= self.threshold, kind, round(flagged_p, 4))


@cache
def load_model(path: Path = MODEL_FILE) -> FramingModel | None:
    """The trained model, or None when the file is absent (the rules still run)."""
    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as data:
        return FramingModel(data)


# A sentence of the writer's text: up to its closing punctuation or a line break.
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
MIN_WORDS = 3


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of MIN_WORDS words or more: what the model reads,
    in the gateway and in training (evaluation/train_framing.py) alike."""
    return [
        (m.start(), m.end())
        for m in _SENTENCE.finditer(text)
        if len(m.group(0).split()) >= MIN_WORDS
    ]


def flagged_sentences(
    text: str, taken: list[tuple[int, int]], model: FramingModel | None = None
) -> list[tuple[int, int, Reading]]:
    """(start, end, reading) for each sentence no rule flagged (no span in `taken`
    inside it) that the model reads as flagged and its context does not make fair."""
    model = model if model is not None else load_model()
    if model is None:
        return []
    spans = [
        (a, b) for a, b in sentences(text) if not any(a < end and start < b for start, end in taken)
    ]
    if not spans:
        return []
    vectors = shared_encoder().encode([text[a:b].strip() for a, b in spans])
    out = []
    for (start, end), vector in zip(spans, vectors, strict=True):
        reading = model.read(text[start:end], vector)
        if reading.flagged and not sentence_is_fair(text, start, end):
            out.append((start, end, reading))
    return out
