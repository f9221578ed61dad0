"""The semantic matcher's classifier: a regression over three views of a message.

- the words and word pairs it uses (TF-IDF: log counts, smoothed idf, unit length),
- its letter groups of 2 to 5 inside words (the same weighting), so a typo
  ("strangeling", "non molestaion") still shares most of its features, and
- its meaning: the all-MiniLM-L6-v2 sentence vector (unit length).

One multinomial logistic regression is trained over the three side by side:
scikit-learn's objective and optimiser (the engine already has it), fitted by
`softmax_regression` with the sentence vectors kept dense, which gives the same
coefficients in about half the time. On the tuning halves of the blind
questions it put the right label first more often than the sentence vector
alone (a softmax regression) and far more often than the ResponseSelector
(docs/measurements.md). The model is kept as plain arrays, not a pickle, with
the settings it was trained with; a message is split into words and letter
groups by scikit-learn's own analyzers and scored with numpy.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import minimize
from sklearn.feature_extraction.text import CountVectorizer

logger = logging.getLogger(__name__)

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


def softmax_regression(
    sparse_x: sparse.csr_matrix, dense_x: np.ndarray, y: np.ndarray, n_classes: int
) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression over [sparse_x | dense_x]: coefficients (one row a
    class) and intercepts.

    The objective and optimiser are scikit-learn's `LogisticRegression(C=C)` with lbfgs:
    the summed cross-entropy plus ||W||^2 / (2C), intercepts unpenalised, L-BFGS-B from
    zero with gtol 1e-4. Written out so the sentence vectors stay a dense block
    (one BLAS product) instead of 1.5 million entries of a sparse matrix: the same fit
    in a fraction of the time, and the matcher is on the training's critical path.
    With two classes scikit-learn fits one row (a sigmoid); two rows of a softmax settle
    as mirror images, which doubles the penalty's reach, so C is halved to match.
    """
    n, n_sparse = sparse_x.shape
    n_dense = dense_x.shape[1]
    # Column-major for the scores (each feature's weights read once, in order) and
    # row-major transposed for the gradient: a third of the time of CSR for both.
    by_feature, sparse_t = sparse_x.tocsc(), sparse_x.T.tocsr()
    onehot = np.zeros((n, n_classes))
    onehot[np.arange(n), y] = 1.0
    shape = (n_classes, n_sparse + n_dense + 1)
    c = C / 2 if n_classes == 2 else C

    def loss_and_gradient(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = flat.reshape(shape)
        w_sparse, w_dense, b = w[:, :n_sparse], w[:, n_sparse:-1], w[:, -1]
        z = by_feature @ w_sparse.T + dense_x @ w_dense.T + b
        z_max = z.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(z - z_max).sum(axis=1, keepdims=True)) + z_max
        g = np.exp(z - log_norm) - onehot  # the softmax, less the true class
        penalty = float(flat @ flat - b @ b) / (2 * c)
        loss = float(log_norm.sum() - (z * onehot).sum()) + penalty
        grad = (flat / c).reshape(shape)
        grad[:, :n_sparse] += (sparse_t @ g).T
        grad[:, n_sparse:-1] += g.T @ dense_x
        grad[:, -1] = g.sum(axis=0)
        return loss, grad.ravel()

    result = minimize(
        loss_and_gradient,
        np.zeros(shape).ravel(),
        method="L-BFGS-B",
        jac=True,
        options={"gtol": 1e-4, "maxiter": MAX_ITER},
    )
    if not result.success:
        logger.warning("The semantic matcher's regression did not converge: %s", result.message)
    w = result.x.reshape(shape)
    return w[:, :-1], w[:, -1]


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
        words_x, letters_x = words.matrix(texts), letters.matrix(texts)
        coef, intercept = softmax_regression(
            sparse.hstack([words_x, letters_x]).tocsr(),
            np.asarray(vectors, np.float64),
            np.array([classes.index(x) for x in labels]),
            len(classes),
        )
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
