"""The language coach on sentences of our own, including ones it must leave alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from content_rules import VICTIM_BLAMING
from helpers.support import rules_coach

from bot.config import PROJECT_ROOT
from bot.knowledge.files import KnowledgeFileError, load_yaml_model
from bot.language.coach import as_text, strip_request
from bot.language.rules import KIND_TITLES, RuleFile, load_rules

SENTENCES = yaml.safe_load((PROJECT_ROOT / "tests" / "data" / "coach_sentences.yml").read_text())[
    "sentences"
]


def test_there_are_at_least_40_sentences_with_some_that_must_not_be_flagged() -> None:
    assert len(SENTENCES) >= 40
    assert sum(1 for s in SENTENCES if not s["flags"]) >= 10


@pytest.mark.parametrize("case", SENTENCES, ids=[s["text"][:40] for s in SENTENCES])
def test_flags_what_it_should_and_leaves_the_rest(case: dict) -> None:
    result = rules_coach(case["text"])
    assert bool(result.findings) == bool(case["flags"]), [f.rule for f in result.findings]
    if case["flags"]:
        assert result.rewritten != result.text
        assert "[" in result.rewritten  # what only the practitioner knows is left to fill in
    else:
        assert result.rewritten == result.text


@pytest.mark.parametrize("case", [s for s in SENTENCES if s["flags"]], ids=lambda s: s["text"][:40])
def test_rewrites_contain_no_victim_blaming_phrase(case: dict) -> None:
    rewritten = rules_coach(case["text"]).rewritten
    for phrase in VICTIM_BLAMING:
        assert not re.search(phrase, rewritten, re.IGNORECASE), (rewritten, phrase)


def test_at_least_80_rules_across_every_kind_each_with_why_and_rewrite() -> None:
    rules = load_rules()
    assert len(rules) >= 80
    assert {r.rule.kind for r in rules} == set(KIND_TITLES)
    assert all(r.rule.why and r.rule.rewrite for r in rules)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("mum exposed the children to domestic violence", "child_as_witness"),
        ("the children witnessed domestic violence", "child_as_witness"),
        ("she allowed the children to have contact with dad", "blaming_her"),
        ("mum prioritises her relationship over the children", "blaming_her"),
        ("poor choices in partners", "blaming_her"),
        ("lacks insight", "blaming_her"),
        ("mutual violence", "mutualising"),
        ("high conflict relationship", "mutualising"),
        ("was unable to protect the children", "failure_to_protect"),
        ("The mother has not protected the kids.", "failure_to_protect"),
        ("Mother's failure to protect is the main concern.", "failure_to_protect"),
        ("He only pushed her.", "minimising"),
        ("She was strangled on Friday.", "hiding_perpetrator"),
    ],
)
def test_the_phrases_the_review_found_are_flagged_in_their_variations(text: str, kind: str) -> None:
    assert kind in {f.kind for f in rules_coach(text).findings}


@pytest.mark.parametrize(
    "text",
    [
        "Dad says the violence was mutual; the pattern shows he controls her.",
        "Avoid the phrase 'failure to protect' in the report.",
        "It was not a one-off: he has hit her six times since 2021.",
        "Mr X lacks insight into the impact of his violence.",
        "Dad chose to hit mum in front of the children.",
        "She was hit by Mr X in the kitchen.",
        "Mum protected the children by taking them to her sister's.",
    ],
)
def test_fair_uses_of_the_same_words_are_left_alone(text: str) -> None:
    assert rules_coach(text).clean, [f.rule for f in rules_coach(text).findings]


def test_when_several_rules_fire_the_rewrite_reads_as_english() -> None:
    result = rules_coach(
        "Mum failed to protect the children and allowed him back; the parents have a "
        "volatile relationship and the children witnessed domestic violence."
    )
    assert len(result.findings) == 4
    assert result.rewritten == (
        "Mum could not stop [him] harming the children and [he] came back into the home; "
        "[he] abuses and controls her and the children lived through [his] abuse of their "
        "mother [record what she did to keep them safe; describe how: pressure, threats or "
        "promises, and her reasons; describe the pattern; describe what they saw and heard, "
        "and the impact]."
    )


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        # A clause about him after "by" reads "when ...", not "by [he] came back".
        (
            "Mum continues to expose the children to DV by letting him back into the home.",
            "[He] harmed the children by abusing their mother when [he] came back into the "
            "home [describe what they saw, heard and lived with; describe how: pressure, "
            "threats or promises, and her reasons].",
        ),
        # "between the couple" goes with "mutual abuse", not left after its rewrite.
        (
            "There was mutual abuse between the couple.",
            "[He] has abused her [describe the pattern: who is afraid of whom, and who "
            "controls whom].",
        ),
        (
            "She makes poor choices in partners.",
            "She has been abused by more than one partner [name what each partner did].",
        ),
        (
            "The children were not exposed to the violence.",
            "The children may still have been affected [ask them, and describe the impact].",
        ),
    ],
)
def test_a_rewrite_takes_the_words_that_belong_to_it(text: str, rewritten: str) -> None:
    assert rules_coach(text).rewritten == rewritten


@pytest.mark.parametrize(
    "text",
    [
        "Mum has not exposed the children to any risk.",  # about her, and denied
        "She did not allow contact with dad.",
    ],
)
def test_her_own_protective_acts_are_not_flagged(text: str) -> None:
    assert rules_coach(text).clean, [f.rule for f in rules_coach(text).findings]


@pytest.mark.parametrize(
    "text",
    [
        "Mum lacked insight into the risks.",
        "There were mutual altercations.",
        "Mother allowed contact between the children and their father.",
        "She makes poor partner choices.",
    ],
)
def test_common_forms_of_blaming_and_mutualising_are_flagged(text: str) -> None:
    assert not rules_coach(text).clean, text


def test_rewriting_is_deterministic_and_names_the_perpetrator() -> None:
    text = "Mum failed to protect the children. She was assaulted."
    first, second = rules_coach(text), rules_coach(text)
    assert first == second
    assert first.rewritten == (
        "Mum could not stop [him] harming the children [record what she did to keep them "
        "safe]. [He] assaulted her."
    )


def test_never_repeats_a_name_only_placeholders() -> None:
    result = rules_coach("Ms <PERSON> is a non-engaging mother; call <PHONE>.")
    markdown = as_text(result)
    assert "<PERSON>" not in markdown and "[name]" in markdown and "[phone number]" in markdown


def test_answer_lists_each_phrase_with_why_and_the_suggestion() -> None:
    markdown = as_text(rules_coach("Mum allowed him back and the parents were fighting."))
    assert markdown.count('\n- "') == 2
    assert "Suggested wording" in markdown and "**" not in markdown


def test_a_clean_sentence_gets_encouragement_not_a_rewrite() -> None:
    markdown = as_text(rules_coach("Dad hit mum while she held the baby."))
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
    bad.write_text(
        "rules:\n  - {id: x, kind: minimising, pattern: '(unclosed', why: 'a reason here',"
        " rewrite: why not}\n"
    )
    with pytest.raises(KnowledgeFileError, match="regular expression"):
        load_yaml_model(bad, RuleFile)
    bad.write_text(
        "rules:\n  - {id: x, kind: minimising, pattern: 'a(?P<g>b)', why: 'a reason here',"
        " rewrite: '{nope}'}\n"
    )
    with pytest.raises(KnowledgeFileError, match="unknown groups"):
        load_yaml_model(bad, RuleFile)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Dad used abusive language and the children witnessed the violence.", "child_as_witness"),
        ("Mum tried to avoid him but failed to protect the children.", "failure_to_protect"),
        (
            "Despite warnings, Mrs P has been unable to keep the children safe.",
            "failure_to_protect",
        ),
    ],
)
def test_an_exemption_covers_only_its_own_clause(text: str, kind: str) -> None:
    assert kind in {f.kind for f in rules_coach(text).findings}


def test_the_writers_own_words_are_not_tidied() -> None:
    result = rules_coach("She had had enough; an hour later the couple were fighting.")
    assert result.rewritten.startswith("She had had enough; an hour later [he] abused her")
