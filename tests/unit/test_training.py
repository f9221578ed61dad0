"""Retraining only when training inputs change."""

import json
import shutil
from pathlib import Path

from bot.config import PROJECT_ROOT
from bot.training import MATCHER_INPUTS, MODEL_CODE, TRAINING_INPUTS, fingerprint, is_current


def copy_inputs(tmp_path: Path) -> Path:
    for entry in (*TRAINING_INPUTS, *MATCHER_INPUTS, *MODEL_CODE, "requirements/engine.txt"):
        source = PROJECT_ROOT / entry
        target = tmp_path / entry
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
    return tmp_path


def test_fingerprint_changes_with_training_data_only(tmp_path: Path) -> None:
    root = copy_inputs(tmp_path)
    before = fingerprint(root)
    (root / "README.md").write_text("not a training input")
    assert fingerprint(root) == before
    nlu = root / "data" / "nlu" / "core.yml"
    nlu.write_text(nlu.read_text() + "\n")
    assert fingerprint(root) != before
    after_data = fingerprint(root)
    # The follow-ups the matcher reads itself are training data too.
    follow_ups = root / "data" / "context" / "follow_ups.yml"
    follow_ups.write_text(follow_ups.read_text() + "\n")
    assert fingerprint(root) != after_data
    after_data = fingerprint(root)
    # The semantic component's code is part of the model too.
    component = root / "addons" / "semantic.py"
    component.write_text(component.read_text() + "\n")
    assert fingerprint(root) != after_data


def test_model_is_current_only_with_matching_record(tmp_path: Path) -> None:
    root = copy_inputs(tmp_path)
    assert not is_current(root)
    (root / "models").mkdir()
    (root / "models" / "assistant.tar.gz").write_bytes(b"model")
    record = root / "models" / "assistant.fingerprint.json"
    record.write_text(json.dumps({"fingerprint": fingerprint(root)}))
    assert is_current(root)
    (root / "config.yml").write_text((root / "config.yml").read_text() + "\n# changed\n")
    assert not is_current(root)
