"""The numpy encoder gives the same vectors as sentence-transformers (computed once)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from bot.config import PROJECT_ROOT
from bot.semantic.encoder import DIMENSIONS, MAX_TOKENS, shared_encoder

REFERENCE = PROJECT_ROOT / "tests" / "data" / "semantic" / "reference_vectors.json"


@pytest.fixture(scope="module")
def encoder():
    return shared_encoder()


def test_vectors_match_the_reference_implementation(encoder) -> None:
    reference = json.loads(REFERENCE.read_text())
    ours = encoder.encode(reference["texts"])
    theirs = np.array(reference["vectors"], dtype=np.float32)
    assert ours.shape == theirs.shape == (len(reference["texts"]), DIMENSIONS)
    assert np.abs(ours - theirs).max() < 1e-4
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_one_at_a_time_equals_a_batch(encoder) -> None:
    texts = ["what is a MARAC", "he is outside with a knife", "mum says dad took the kids"]
    batch = encoder.encode(texts)
    for text, row in zip(texts, batch, strict=True):
        assert np.abs(encoder.encode_one(text) - row).max() < 1e-5


def test_meaning_is_closer_than_wording(encoder) -> None:
    danger, past, other = encoder.encode(
        [
            "he's got a blade and he's coming for her",
            "he threatened her with a knife last year",
            "what's the threshold for a MARAC referral",
        ]
    )
    anchor = encoder.encode_one("he has a knife and is going to hurt her now")
    assert anchor @ danger > anchor @ other
    assert anchor @ past > anchor @ other


def test_token_vectors_follow_the_spans(encoder) -> None:
    text = "dad's ex-partner, hmm"
    spans = [(0, 5), (6, 16), (18, 21)]
    sentence, tokens = encoder.encode_with_tokens(text, spans)
    assert tokens.shape == (3, DIMENSIONS)
    assert sentence.shape == (DIMENSIONS,)
    assert abs(float(np.linalg.norm(sentence)) - 1) < 1e-5


def test_empty_and_very_long_texts(encoder) -> None:
    assert encoder.encode([]).shape == (0, DIMENSIONS)
    vectors = encoder.encode(["", "word " * (MAX_TOKENS * 4)])
    assert np.isfinite(vectors).all()
