"""The language coach on sentences of our own, including ones it must leave alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from content_rules import VICTIM_BLAMING

from bot.config import PROJECT_ROOT
from bot.knowledge.files import KnowledgeFileError, load_yaml_model
from bot.language.coach import RuleFile, as_markdown, coach, load_rules, strip_request

SENTENCES = yaml.safe_load((PROJECT_ROOT / "tests" / "data" / "coach_sentences.yml").read_text())[
    "sentences"
]


def test_there_are_at_least_40_sentences_with_some_that_must_not_be_flagged() -> None:
    assert len(SENTENCES) >= 40
    assert sum(1 for s in SENTENCES if not s["flags"]) >= 10


@pytest.mark.parametrize("case", SENTENCES, ids=[s["text"][:40] for s in SENTENCES])
def test_flags_exactly_the_expected_rules(case: dict) -> None:
    result = coach(case["text"])
    assert sorted(f.rule for f in result.findings) == sorted(case["flags"])
    if case["flags"]:
        assert result.rewritten != result.text
        assert "[" in result.rewritten  # what only the practitioner knows is left to fill in
    else:
        assert result.rewritten == result.text


@pytest.mark.parametrize("case", [s for s in SENTENCES if s["flags"]], ids=lambda s: s["text"][:40])
def test_rewrites_contain_no_victim_blaming_phrase(case: dict) -> None:
    rewritten = coach(case["text"]).rewritten
    for phrase in VICTIM_BLAMING:
        assert not re.search(phrase, rewritten, re.IGNORECASE), (rewritten, phrase)


def test_every_rule_is_exercised_by_a_test_sentence() -> None:
    flagged = {flag for s in SENTENCES for flag in s["flags"]}
    assert {r.id for r in load_rules()} <= flagged


def test_rewriting_is_deterministic_and_names_the_perpetrator() -> None:
    text = "Mum failed to protect the children. She was assaulted."
    first, second = coach(text), coach(text)
    assert first == second
    assert first.rewritten == (
        "Mum could not stop [him] harming the children, despite [what she did to keep them "
        "safe]. [He] assaulted her."
    )


def test_never_repeats_a_name_only_placeholders() -> None:
    result = coach("Ms <PERSON> is a non-engaging mother; call <PHONE>.")
    markdown = as_markdown(result)
    assert "<PERSON>" not in markdown and "[name]" in markdown and "[phone number]" in markdown


def test_answer_lists_each_phrase_with_why_and_the_suggestion() -> None:
    markdown = as_markdown(coach("Mum allowed him back and the parents were fighting."))
    assert markdown.count('\n- "') == 2
    assert "**Suggested wording**" in markdown and "> " in markdown


def test_a_clean_sentence_gets_encouragement_not_a_rewrite() -> None:
    markdown = as_markdown(coach("Dad hit mum while she held the baby."))
    assert "didn't find phrases" in markdown


@pytest.mark.parametrize(
    ("message", "text"),
    [
        ("check my wording: mum failed to protect them", "mum failed to protect them"),
        ('is it ok to write "mum allowed him back"?', "mum allowed him back"),
        ("can you check this sentence: both parents argue", "both parents argue"),
        ("how should I word this: she chose to stay", "she chose to stay"),
        ("check my wording", ""),
        ("please review my case note wording", ""),
        ("Mum failed to protect the kids", "Mum failed to protect the kids"),
    ],
)
def test_the_request_is_stripped_from_the_text_to_check(message: str, text: str) -> None:
    assert strip_request(message) == text


def test_rules_file_schema_rejects_bad_rules(tmp_path: Path) -> None:
    bad = tmp_path / "coach.yml"
    bad.write_text("rules:\n  - {id: x, pattern: '(unclosed', why: 'a reason here', rewrite: y}\n")
    with pytest.raises(KnowledgeFileError, match="regular expression"):
        load_yaml_model(bad, RuleFile)
    bad.write_text(
        "rules:\n  - {id: x, pattern: 'a(?P<g>b)', why: 'a reason here', rewrite: '{nope}'}\n"
    )
    with pytest.raises(KnowledgeFileError, match="unknown groups"):
        load_yaml_model(bad, RuleFile)
