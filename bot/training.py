"""Train the Rasa model only when its inputs changed.

Rasa has its own fingerprinting, but asking it costs a Python 3.10 start-up and a
TensorFlow import (tens of seconds). Hashing the inputs here costs milliseconds,
so `make run` and `make test` can call this every time.

    python -m bot.training             # train if needed
    python -m bot.training --check     # exit 1 if a retrain is needed
    python -m bot.training --artefact  # train if needed, then copy the model to
                                       # models/assistant-<sha256 prefix>.tar.gz
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bot.config import PROJECT_ROOT

MODEL_NAME = "assistant"
TRAINING_INPUTS = ("config.yml", "domain", "data/nlu", "data/rules", "data/stories")
# Read by the semantic matcher itself (config.yml), not given to `rasa train --data`.
MATCHER_INPUTS = ("data/context",)
# Code and weights the trained model depends on: the semantic components and encoder.
MODEL_CODE = (
    "addons/semantic.py",
    "addons/topic_model.py",
    "bot/semantic/encoder.py",
    "bot/semantic/context.py",
    "requirements/semantic-model.txt",
)
ENGINE_REQUIREMENTS = "requirements/engine.txt"


def model_path(root: Path = PROJECT_ROOT) -> Path:
    return root / "models" / f"{MODEL_NAME}.tar.gz"


def _fingerprint_path(root: Path) -> Path:
    return root / "models" / f"{MODEL_NAME}.fingerprint.json"


def fingerprint(root: Path = PROJECT_ROOT) -> str:
    """A hash of every training input and the engine's pinned versions."""
    digest = hashlib.sha256()
    files: list[Path] = []
    for entry in (*TRAINING_INPUTS, *MATCHER_INPUTS, *MODEL_CODE, ENGINE_REQUIREMENTS):
        path = root / entry
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(file.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def is_current(root: Path = PROJECT_ROOT) -> bool:
    record = _fingerprint_path(root)
    if not model_path(root).exists() or not record.exists():
        return False
    return json.loads(record.read_text()).get("fingerprint") == fingerprint(root)


def train(rasa_bin: Path, root: Path = PROJECT_ROOT) -> float:
    """Train; returns the wall-clock seconds it took.

    No `--force`: our fingerprint has already decided a retrain is due, and
    without it Rasa reuses its cache (.rasa/cache) for components whose inputs
    did not change, so e.g. a response-only edit retrains in a fraction of the time.
    """
    # The inputs as they are now: an edit made while training runs must retrain next time.
    trained_on = fingerprint(root)
    started = time.monotonic()
    command = [
        str(rasa_bin),
        "train",
        "--config",
        "config.yml",
        "--domain",
        "domain",
        "--data",
        *(d for d in TRAINING_INPUTS if d.startswith("data/")),
        "--out",
        "models",
        "--fixed-model-name",
        MODEL_NAME,
    ]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    subprocess.run(command, cwd=root, env=env, check=True)
    seconds = time.monotonic() - started
    _fingerprint_path(root).write_text(
        json.dumps({"fingerprint": trained_on, "train_seconds": round(seconds, 1)})
    )
    return seconds


def artefact(root: Path = PROJECT_ROOT) -> Path:
    """The trained model copied under a name from its content's SHA-256, so the model
    built once (in CI, say) can be copied to servers and named exactly in `make serve`."""
    model = model_path(root)
    digest = hashlib.sha256()
    with model.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    target = model.with_name(f"{MODEL_NAME}-{digest.hexdigest()[:16]}.tar.gz")
    if not target.exists():
        shutil.copyfile(model, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rasa", default=".venv-engine/bin/rasa", help="the engine's rasa CLI")
    parser.add_argument("--check", action="store_true", help="only report whether it is current")
    parser.add_argument("--artefact", action="store_true", help="also name a copy by its hash")
    args = parser.parse_args(argv)

    if is_current():
        print(f"Model is up to date ({model_path().relative_to(PROJECT_ROOT)}); not retraining.")
        if args.artefact:
            print(f"Model artefact: {artefact().relative_to(PROJECT_ROOT)}")
        return 0
    if args.check:
        print("Training data changed since the last model: run `make train`.")
        return 1
    print("Training data changed (or no model yet): training the Rasa model...", flush=True)
    seconds = train(PROJECT_ROOT / args.rasa)
    print(f"Trained {model_path().relative_to(PROJECT_ROOT)} in {seconds:.0f} s.")
    if args.artefact:
        print(f"Model artefact: {artefact().relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
