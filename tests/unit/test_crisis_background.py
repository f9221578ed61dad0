"""The crisis net's background sentences are a fixed snapshot of the NLU examples."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from bot.knowledge.files import load_yaml_model
from bot.safety import background
from bot.safety.background import load_background, refresh
from bot.safety.semantic_net import (
    BACKGROUND,
    EXEMPLARS,
    ExemplarFile,
    ExtraExemplars,
    training_sentences,
)


def _nlu(folder: Path, blocks: list[tuple[str, list[str]]]) -> None:
    folder.mkdir()
    nlu = [{"intent": i, "examples": "".join(f"- {e}\n" for e in ex)} for i, ex in blocks]
    (folder / "a.yml").write_text(yaml.safe_dump({"version": "3.1", "nlu": nlu}))


def test_refresh_writes_what_it_read_and_loads_back(tmp_path: Path) -> None:
    danger = [f"he is at the door now {n}" for n in range(20)]
    other = [f"what is a marac referral {n}" for n in range(500)]
    _nlu(tmp_path / "nlu", [("crisis", danger), ("faq/marac", other[:300]), ("greet", other[300:])])
    target = tmp_path / "background.yml"
    written = refresh(tmp_path / "nlu", target, today=dt.date(2026, 11, 27))
    loaded = load_background(target)
    assert loaded == written
    assert (loaded.danger, loaded.not_danger) == (danger, other)
    assert loaded.taken_on == dt.date(2026, 11, 27)
    assert target.read_text().startswith("# The crisis net's background sentences")


def test_the_net_learns_from_the_snapshot_not_the_nlu_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Exemplar files first, then the snapshot, in its order (the vector cache is keyed
    # by the texts); the NLU folder is never read, so the NLU can grow without moving it.
    def no_nlu(*_: object) -> None:
        raise AssertionError("the crisis net read data/nlu")

    monkeypatch.setattr(background, "nlu_examples", no_nlu)
    danger, safe, _ = training_sentences(EXEMPLARS, BACKGROUND)
    snapshot = load_background(BACKGROUND)
    exemplars = load_yaml_model(EXEMPLARS, ExemplarFile)
    extras = [
        load_yaml_model(p, ExtraExemplars)
        for p in sorted(EXEMPLARS.parent.glob(EXEMPLARS.stem + "_*.yml"))
    ]
    assert danger == [*exemplars.danger, *(d for e in extras for d in e.danger), *snapshot.danger]
    assert safe == [
        *exemplars.near_miss,
        *(n for e in extras for n in e.near_miss),
        *snapshot.not_danger,
    ]
    # Another snapshot, one sentence longer: that sentence is learned, last.
    monkeypatch.undo()
    _nlu(tmp_path / "nlu", [("crisis", snapshot.danger), ("faq/x", [*snapshot.not_danger, "new"])])
    other = tmp_path / "background.yml"
    refresh(tmp_path / "nlu", other)
    assert training_sentences(EXEMPLARS, other)[1] == [*safe, "new"]


def test_an_empty_snapshot_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "background.yml"
    target.write_text("taken_on: 2026-11-27\ntaken_from: data/nlu\ndanger: []\nnot_danger: []\n")
    with pytest.raises(Exception, match="danger"):
        load_background(target)
