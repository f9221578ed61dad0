"""The walkthrough's data files: schema, completeness and Safe & Together language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from content_rules import VICTIM_BLAMING

from bot.knowledge.directory import national_directory
from bot.knowledge.files import KnowledgeFileError
from bot.safety_planning.content import (
    CONTENT_DIR,
    load_walkthrough,
    next_steps,
    question_bank,
    walkthrough,
)


def test_five_components_then_risk() -> None:
    titles = [s.title for s in walkthrough().steps]
    assert titles[:5] == [
        "The perpetrator's pattern of coercive control",
        "The perpetrator's actions taken to harm the child",
        "The non-abusing parent's protective efforts",
        "The adverse impact on the children and family functioning",
        "Substance use, mental health, culture and socio-economic factors",
    ]
    assert all(t.startswith("Risk - ") for t in titles[5:])
    assert walkthrough().total_steps == 7


def test_question_bank_covers_what_issue_3_asks_for() -> None:
    topics = " ".join(t.topic.lower() for t in question_bank().topics)
    for needed in ("safe places", "code word", "children", "documents and money", "technology",
                   "contact and handovers"):  # fmt: skip
        assert needed in topics


def test_next_steps_name_real_directory_entries() -> None:
    for step in next_steps().steps:
        if step.service:
            national_directory().get(step.service)


def _texts() -> list[str]:
    w = walkthrough()
    texts = [w.introduction, w.controls, *w.dash_topics]
    for step in w.steps:
        texts += [step.title, step.guidance, step.question]
        texts += [o if isinstance(o, str) else o.label for o in step.options]
    bank = question_bank()
    texts += [bank.introduction] + [q for t in bank.topics for q in (t.why, *t.ask)]
    texts += [s.text for s in next_steps().steps] + [next_steps().consultation]
    return texts


@pytest.mark.parametrize("text", _texts())
def test_no_victim_blaming_language(text: str) -> None:
    # The language reminders quote the phrases to avoid, on purpose; everything else must not.
    for phrase in VICTIM_BLAMING:
        assert not re.search(phrase, text, re.IGNORECASE), (phrase, text)


def test_dash_wording_is_summarised_not_copied() -> None:
    # SafeLives' questions are phrased to the victim ("Are you...", "Has (abuser)..."):
    # our topics are short noun phrases.
    for topic in walkthrough().dash_topics:
        assert not topic.endswith("?") and len(topic) < 70
        assert not re.match(r"(are|is|has|have|do|does) ", topic, re.IGNORECASE)


def test_a_broken_walkthrough_file_is_rejected_with_its_path(tmp_path: Path) -> None:
    data = yaml.safe_load((CONTENT_DIR / "walkthrough.yml").read_text())
    data["steps"][0]["kind"] = "multiple"
    data["dash_topics"] = data["dash_topics"][:20]
    broken = tmp_path / "walkthrough.yml"
    broken.write_text(yaml.safe_dump(data))
    with pytest.raises(KnowledgeFileError) as err:
        load_walkthrough(broken)
    assert "walkthrough.yml" in str(err.value)
    assert "steps.0.kind" in str(err.value) and "dash_topics" in str(err.value)
