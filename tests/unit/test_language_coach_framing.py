"""The coach's framing model (bot/language/framing.py): a whole sentence no rule flagged,
read by a regression over its words and meaning. Sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.language.coach import MODEL_RULE, as_text, coach
from bot.language.framing import load_model
from bot.language.rules import KIND_TITLES
from bot.safety_planning.wording import check
from evaluation.train_framing import THRESHOLD, digest, training_files


def test_the_committed_model_was_trained_on_the_files_as_they_are() -> None:
    model = load_model()
    assert model is not None
    assert model.digest == digest(training_files()), (
        "the coach's training sentences or the knowledge base changed: run make coach-model"
    )
    assert model.threshold == THRESHOLD
    assert set(model.classes) == {"clean", *KIND_TITLES}


# No rule matches these; read whole, each makes his harm her choice.
NO_RULE_BUT_FLAGGED = [
    "Ms Dale has chosen her relationship with him above the safety of her daughters.",
]
FAIR = [
    "Ms Dale moved into the refuge on Monday.",
    "Mr Dale chose to hit Ms Dale in front of the children.",
    # Quoted and rejected in the next sentence: fair, however it reads alone.
    'A previous worker wrote "mother failed to protect". We disagree: she fled with the twins.',
    "The earlier report blamed mum for the incident. I do not agree: he chose to assault her.",
]


@pytest.mark.parametrize("text", NO_RULE_BUT_FLAGGED)
def test_it_reads_what_no_rule_matches(text: str) -> None:
    assert coach(text, model=False).clean
    result = coach(text)
    assert [f.rule for f in result.findings] == [MODEL_RULE]
    # The writer's words are kept, with a question to check after the sentence.
    assert result.rewritten.startswith(text.rstrip("."))
    assert "[check: " in result.rewritten
    assert "Worth a second look" in as_text(result)


@pytest.mark.parametrize("text", FAIR)
def test_it_leaves_fair_sentences_alone(text: str) -> None:
    assert coach(text).clean, coach(text).findings


def test_a_rule_finding_and_a_model_finding_in_one_text() -> None:
    text = "Mum allowed him back. " + NO_RULE_BUT_FLAGGED[0]
    result = coach(text)
    assert {f.rule for f in result.findings} - {MODEL_RULE}
    assert MODEL_RULE in {f.rule for f in result.findings}
    out = as_text(result)
    assert out.index("Phrases to reconsider") < out.index("Worth a second look")


def test_the_walkthrough_holds_an_answer_for_a_rule_only() -> None:
    # Answers are held for a phrase, never for the model's whole-sentence reading.
    assert check("protective_efforts", NO_RULE_BUT_FLAGGED[0]) is None
    assert check("protective_efforts", "She failed to protect them.") is not None


def test_without_the_model_file_the_rules_still_run(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert load_model(tmp_path / "absent.npz") is None
