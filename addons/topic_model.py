"""The semantic matcher's classifier: a regression over three views of a message.

- the words and word pairs it uses (TF-IDF: log counts, smoothed idf, unit length),
- its letter groups of 2 to 5 inside words (the same weighting), so a typo
  ("strangeling", "non molestaion") still shares most of its features, and
- its meaning: the all-MiniLM-L6-v2 sentence vector (unit length).

One multinomial logistic regression (scikit-learn, which the engine already
has) is trained over the three side by side. On the tuning halves of the blind
questions it put the right label first more often than the sentence vector
alone (a softmax regression) and far more often than the ResponseSelector
(docs/measurements.md). The model is kept as plain arrays, not a pickle, with
the settings it was trained with; a message is split into words and letter
groups by scikit-learn's own analyzers and scored with numpy.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

WORDS = {"analyzer": "word", "ngram_range": (1, 2), "min_df": 1}
LETTERS = {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 2}
# Inverse regularisation, chosen on the tuning halves (1, 2, 5, 10 tried).
C = 5.0
MAX_ITER = 3000
# Saved with the arrays: a model is only read with the analyzers it was trained with.
SETTINGS = json.dumps({"words": WORDS, "letters": LETTERS, "C": C}, sort_keys=True)


def _analyzer(settings: dict[str, Any]) -> Any:
    return CountVectorizer(**settings).build_analyzer()


@dataclass
class _View:
    """TF-IDF rows over a fixed vocabulary."""

    settings: dict[str, Any]
    vocabulary: list[str]
    idf: np.ndarray

    def __post_init__(self) -> None:
        self._analyze = _analyzer(self.settings)
        self._index = {term: i for i, term in enumerate(self.vocabulary)}

    @classmethod
    def fit(cls, settings: dict[str, Any], texts: list[str]) -> _View:
        try:
            counts = CountVectorizer(**settings).fit(texts)
        except ValueError:  # too few texts to keep any term
            return cls(settings, [], np.zeros(0, np.float32))
        vocabulary = [""] * len(counts.vocabulary_)
        for term, i in counts.vocabulary_.items():
            vocabulary[i] = term
        frequency = np.asarray((counts.transform(texts) > 0).sum(axis=0)).reshape(-1)
        idf = np.log((1 + len(texts)) / (1 + frequency)) + 1.0
        return cls(settings, vocabulary, idf.astype(np.float32))

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and weights of one text's unit-length row."""
        counts = Counter(t for t in self._analyze(text) if t in self._index)
        if not counts:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        columns = np.fromiter((self._index[t] for t in counts), np.int64, len(counts))
        values = np.log1p(np.fromiter(counts.values(), np.float32, len(counts)))
        values *= self.idf[columns]
        return columns, values / max(float(np.linalg.norm(values)), 1e-12)

    def matrix(self, texts: list[str]) -> sparse.csr_matrix:
        rows = [self.row(t) for t in texts]
        indptr = np.cumsum([0] + [len(c) for c, _ in rows])
        columns = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, np.int64)
        values = np.concatenate([v for _, v in rows]) if rows else np.zeros(0, np.float32)
        shape = (len(texts), len(self.vocabulary))
        return sparse.csr_matrix((values, columns, indptr), shape=shape)


class TopicModel:
    """Labels ranked by probability for a text and its sentence vector."""

    def __init__(
        self,
        words: _View,
        letters: _View,
        coef: np.ndarray,
        intercept: np.ndarray,
        labels: list[str],
    ) -> None:
        self.words, self.letters = words, letters
        self.labels = labels
        width = len(words.vocabulary)
        split = width + len(letters.vocabulary)
        # Held apart by view, one row a feature, so a message is scored without
        # building a wide row; `arrays` joins them again.
        self._words = np.ascontiguousarray(coef[:, :width].T)
        self._letters = np.ascontiguousarray(coef[:, width:split].T)
        self._meaning = np.ascontiguousarray(coef[:, split:].T)
        self._intercept = intercept

    @classmethod
    def fit(cls, texts: list[str], vectors: np.ndarray, labels: list[str]) -> TopicModel:
        classes = sorted(set(labels))
        words, letters = _View.fit(WORDS, texts), _View.fit(LETTERS, texts)
        if len(classes) < 2:
            width = len(words.vocabulary) + len(letters.vocabulary) + vectors.shape[1]
            coef = np.zeros((len(classes), width), np.float32)
            return cls(words, letters, coef, np.zeros(len(classes), np.float32), classes)
        features = sparse.hstack(
            [words.matrix(texts), letters.matrix(texts), sparse.csr_matrix(vectors)]
        ).tocsr()
        regression = LogisticRegression(C=C, max_iter=MAX_ITER)
        regression.fit(features, np.array([classes.index(x) for x in labels]))
        coef, intercept = regression.coef_, regression.intercept_
        if len(classes) == 2:
            # A binary regression keeps one row: the softmax of (0, z) is its sigmoid.
            coef = np.vstack([np.zeros_like(coef), coef])
            intercept = np.concatenate([[0.0], intercept])
        return cls(words, letters, coef.astype(np.float32), intercept.astype(np.float32), classes)

    def probabilities(self, text: str, vector: np.ndarray) -> np.ndarray:
        if not self.labels:
            return np.zeros(0, np.float32)
        z = self._intercept.astype(np.float64).copy()
        for view, weights in ((self.words, self._words), (self.letters, self._letters)):
            columns, values = view.row(text)
            if len(columns):
                z += values @ weights[columns]
        z += np.asarray(vector, np.float32).reshape(-1) @ self._meaning
        p = np.exp(z - z.max())
        return p / p.sum()

    def rank(self, text: str, vector: np.ndarray, top: int) -> list[dict[str, Any]]:
        """The best `top` labels, best first, with their probabilities."""
        p = self.probabilities(text, vector)
        order = np.argsort(-p, kind="stable")[:top]
        return [{"name": self.labels[i], "probability": round(float(p[i]), 4)} for i in order]

    def arrays(self) -> dict[str, np.ndarray]:
        """Everything needed to load it again (`from_arrays`), with no pickled objects."""
        return {
            "words": np.array(self.words.vocabulary, dtype=str),
            "words_idf": self.words.idf,
            "letters": np.array(self.letters.vocabulary, dtype=str),
            "letters_idf": self.letters.idf,
            "coef": np.hstack([self._words.T, self._letters.T, self._meaning.T]),
            "intercept": self._intercept,
            "labels": np.array(self.labels, dtype=str),
            "settings": np.array(SETTINGS),
        }

    @classmethod
    def from_arrays(cls, data: Any) -> TopicModel:
        if "settings" not in data or str(data["settings"]) != SETTINGS:
            raise ValueError(
                "The semantic matcher in this model was trained by other code: retrain it "
                "(make train)."
            )
        words = _View(WORDS, [str(x) for x in data["words"]], data["words_idf"])
        letters = _View(LETTERS, [str(x) for x in data["letters"]], data["letters_idf"])
        labels = [str(x) for x in data["labels"]]
        return cls(words, letters, data["coef"], data["intercept"], labels)
