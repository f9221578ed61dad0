"""Train the anonymiser's place model (bot/privacy/place_model.py).

    .venv-engine/bin/python -m evaluation.train_places            (make place-model)
    .venv-engine/bin/python -m evaluation.train_places --folds DIR

Learns from labelled messages written by people who never saw the rules: the
anonymiser's development corpus (tests/data/anonymisation_corpus.yml) and the TUNING
halves of the blind privacy sets, each word labelled ADDRESS or SCHOOL when it lies in
an identifier of that kind, and the knowledge base's example questions (every word
"O", practice wording with no family in it). Never the sealed halves: they stay the
measure, and a message word for word in a sealed half is left out.

`--folds DIR` writes one model per tuning half, trained without it, so that
`evaluation.place_folds` can choose the threshold on data the model did not see.

Runs on the engine's Python (scikit-learn is there); the gateway scores with numpy.
The arrays are written to data/privacy/places.npz with a digest of the training
files, so a test fails when the data changes and the model was not retrained.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
import yaml

from bot.privacy.normalise import normalise
from bot.privacy.place_model import CLASSES, features, word_spans
from evaluation.model_files import digest, text_key

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "privacy" / "places.npz"
C = 0.5
THRESHOLD = 0.5
# Every third example question: enough practice wording, a third of the time to train.
QUESTION_STEP = 3


def training_files(root: Path = ROOT) -> list[Path]:
    """Every file the model learns from, in a fixed order (never a sealed half)."""
    files = sorted((root / "tests" / "heldout" / "privacy").glob("tune*.yml"))
    files.append(root / "tests" / "data" / "anonymisation_corpus.yml")
    files.append(root / "data" / "nlu" / "knowledge.yml")
    return [f for f in files if f.exists()]


def sealed_texts(root: Path = ROOT) -> set[str]:
    """The sealed halves' messages, read only to keep them out of training."""
    found: set[str] = set()
    for path in sorted((root / "tests" / "heldout" / "privacy").glob("sealed*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.update(text_key(item["text"]) for item in data.get("with_identifiers") or [])
        found.update(text_key(text) for text in data.get("clean") or [])
    return found


def labelled(text: str, ids: list[list[str]]) -> tuple[str, list[tuple[int, int]], list[int]]:
    """The normalised text, its words, and each word's class index."""
    text = normalise(text)
    spans = word_spans(text)
    labels = [CLASSES.index("O")] * len(spans)
    for kind, value in ids:
        if kind not in ("ADDRESS", "SCHOOL"):
            continue
        pattern = rf"(?<![^\W_]){re.escape(normalise(str(value)))}(?![^\W_])"
        for match in re.finditer(pattern, text, re.IGNORECASE):
            for i, (start, end) in enumerate(spans):
                if start < match.end() and end > match.start():
                    labels[i] = CLASSES.index(kind)
    return text, spans, labels


def examples(files: list[Path]) -> list[tuple[str, str, list[list[str]]]]:
    """(source, text, ids) for every training message."""
    sealed = sealed_texts()
    out: list[tuple[str, str, list[list[str]]]] = []
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "knowledge.yml":
            questions = [
                line.strip()[2:]
                for block in data["nlu"]
                for line in block["examples"].splitlines()
                if line.strip().startswith("- ")
            ]
            out += [(path.stem, q, []) for q in questions[::QUESTION_STEP]]
            continue
        out += [(path.stem, i["text"], i["ids"]) for i in data.get("with_identifiers") or []]
        out += [(path.stem, text, []) for text in data.get("clean") or []]
    return [row for row in out if text_key(row[1]) not in sealed]


def matrix(rows: list[tuple[str, str, list[list[str]]]]) -> tuple[np.ndarray, np.ndarray, list]:
    from bot.semantic.encoder import shared_encoder

    items = [labelled(text, ids) for _, text, ids in rows]
    encoded = shared_encoder().encode_many_with_tokens(
        [t for t, _, _ in items], [s for _, s, _ in items]
    )
    xs, ys, sources = [], [], []
    for row, (text, spans, labels), (_, vectors) in zip(rows, items, encoded, strict=True):
        source = row[0]
        if spans:
            xs.append(features(text, spans, vectors))
            ys += labels
            sources += [source] * len(spans)
    return np.vstack(xs), np.array(ys), sources


def fit(x: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=3000).fit(x, y)


def save(model, path: Path, files: list[Path]) -> None:
    np.savez_compressed(
        path,
        coef=model.coef_.astype(np.float32),
        intercept=model.intercept_.astype(np.float32),
        threshold=np.array(THRESHOLD),
        settings=np.array(f"C={C} step={QUESTION_STEP}"),
        digest=np.array(digest(files)),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=Path, help="write one model per tuning half here")
    args = parser.parse_args(argv)
    files = training_files()
    rows = examples(files)
    x, y, sources = matrix(rows)
    if args.folds:
        args.folds.mkdir(parents=True, exist_ok=True)
        names = sorted({s for s in sources if s.startswith("tune")})
        for name in names:
            keep = np.array([s != name for s in sources])
            save(fit(x[keep], y[keep]), args.folds / f"{name}.npz", files)
            print(f"fold without {name}: {int(keep.sum())} words")
        return 0
    save(fit(x, y), OUT, files)
    counts = {k: int((y == i).sum()) for i, k in enumerate(CLASSES)}
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} messages, {len(y)} words {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
