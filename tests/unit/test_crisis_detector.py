"""The deterministic half of the crisis safety net, on sentences written for it."""

from pathlib import Path

import pytest
import yaml

from bot.knowledge.files import KnowledgeFileError
from bot.safety.crisis import crisis_detector, load_crisis_detector

DATA = Path(__file__).parent.parent / "data"
SENTENCES = yaml.safe_load((DATA / "crisis_sentences.yml").read_text())
RULE_SENTENCES = yaml.safe_load((DATA / "crisis_sentences_rules.yml").read_text())


def test_corpus_is_big_enough_to_mean_something() -> None:
    assert len(SENTENCES["crisis"]) >= 40
    assert len(SENTENCES["not_crisis"]) >= 20


@pytest.mark.parametrize("sentence", SENTENCES["crisis"] + RULE_SENTENCES["crisis"])
def test_immediate_danger_is_detected(sentence: str) -> None:
    assessment = crisis_detector().assess(sentence)
    assert assessment.is_crisis, sentence
    assert assessment.matched


@pytest.mark.parametrize("sentence", SENTENCES["not_crisis"] + RULE_SENTENCES["not_crisis"])
def test_past_or_general_mentions_are_not_crisis(sentence: str) -> None:
    assessment = crisis_detector().assess(sentence)
    assert not assessment.is_crisis, (sentence, assessment.matched)


def test_matched_ids_never_carry_message_text() -> None:
    assessment = crisis_detector().assess("Jayden's dad has a knife")
    assert assessment.is_crisis
    assert all("jayden" not in m for m in assessment.matched)


@pytest.mark.parametrize(
    ("typo", "fixed"),
    [
        ("knfie", "knife"),
        ("strangeling", "strangling"),
        ("outsde", "outside"),
        ("tonite", "tonite"),
    ],
)
def test_typo_correction_is_limited_to_one_edit(typo: str, fixed: str) -> None:
    assert crisis_detector().normalise(typo) == fixed


def test_cooking_is_not_corrected_to_a_harm_word() -> None:
    assert crisis_detector().normalise("he's cooking") == "he is cooking"


def test_unknown_macro_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "crisis.yml"
    bad.write_text(
        "macros: {}\nnow_markers: [now]\npast_markers: [ago]\n"
        "general_question_markers: [dash]\n"
        "patterns: {always: [{id: x, regex: '{nobody} is here'}]}\n"
    )
    with pytest.raises(ValueError, match="unknown macro"):
        load_crisis_detector(bad)


def test_schema_errors_name_the_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "crisis.yml"
    bad.write_text("macros: {}\nnow_markers: []\npast_markers: [x]\n")
    with pytest.raises(KnowledgeFileError) as err:
        load_crisis_detector(bad)
    assert "crisis.yml" in str(err.value)
    assert "now_markers" in str(err.value)
