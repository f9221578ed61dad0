"""The anonymiser on a labelled corpus of realistic messages, and on the edge cases."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bot.config import PROJECT_ROOT
from bot.privacy.anonymiser import Anonymiser, default_anonymiser

CORPUS = yaml.safe_load(
    (Path(__file__).parent.parent / "data" / "anonymisation_corpus.yml").read_text()
)
STRUCTURED = {
    "PHONE",
    "EMAIL",
    "POSTCODE",
    "ADDRESS",
    "DATE",
    "NHS_NUMBER",
    "NI_NUMBER",
    "REFERENCE",
}


def gone(value: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text, re.IGNORECASE) is None


def test_corpus_is_big_and_varied_enough() -> None:
    kinds = {kind for item in CORPUS["with_identifiers"] for kind, _ in item["ids"]}
    assert kinds == STRUCTURED | {"PERSON"}
    assert len(CORPUS["with_identifiers"]) + len(CORPUS["clean"]) >= 150
    assert len(CORPUS["clean"]) >= 50


def test_recall_per_identifier_type_and_clean_messages_untouched() -> None:
    anonymiser = default_anonymiser()
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    missed = []
    for item in CORPUS["with_identifiers"]:
        result = anonymiser.anonymise(item["text"])
        for kind, value in item["ids"]:
            total[kind] += 1
            if gone(str(value), result.text):
                found[kind] += 1
            else:
                missed.append({"type": kind, "text": item["text"], "output": result.text})
    altered = [
        {"text": t, "output": anonymiser.anonymise(t).text}
        for t in CORPUS["clean"]
        if anonymiser.anonymise(t).text != t
    ]
    recall = {kind: round(found[kind] / total[kind], 3) for kind in sorted(total)}
    report = {
        "messages": len(CORPUS["with_identifiers"]) + len(CORPUS["clean"]),
        "identifiers": sum(total.values()),
        "recall": recall,
        "clean_messages": len(CORPUS["clean"]),
        "clean_altered": len(altered),
        "missed": missed,
        "altered": altered,
    }
    (PROJECT_ROOT / "results").mkdir(exist_ok=True)
    (PROJECT_ROOT / "results" / "anonymisation.json").write_text(json.dumps(report, indent=2))
    print(f"\nAnonymiser recall {recall}; clean altered {len(altered)}/{len(CORPUS['clean'])}")
    for kind in STRUCTURED:
        assert recall[kind] >= 0.98, (kind, missed)
    assert recall["PERSON"] >= 0.95, missed
    assert len(altered) / len(CORPUS["clean"]) <= 0.02, altered


def test_found_types_are_reported_never_values() -> None:
    result = default_anonymiser().anonymise("Mum Sarah, 07700 900123")
    assert result.found == {"PERSON", "PHONE"}
    assert result.text == "Mum <PERSON>, <PHONE>"


def test_later_mentions_of_a_name_are_removed() -> None:
    text = default_anonymiser().anonymise("mum Gemma says the kids love gemma's cooking").text
    assert "gemma" not in text.lower()


@pytest.mark.parametrize("number", ["0808 2000 247", "0800 1111", "020 7946 0001"])
def test_public_service_numbers_are_kept(number: str) -> None:
    assert number in default_anonymiser().anonymise(f"the number is {number}").text


def test_invalid_nhs_checksum_is_not_an_nhs_number() -> None:
    result = default_anonymiser().anonymise("the code was 943 476 5918")
    assert "NHS_NUMBER" not in result.found


def test_without_a_model_the_rules_still_catch_common_name_forms() -> None:
    rules_only = Anonymiser(ner=None)
    assert rules_only.anonymise("mum Sarah said").text == "mum <PERSON> said"
    assert rules_only.anonymise("Mr Khan rang").text == "Mr <PERSON> rang"
    assert rules_only.anonymise("JAYDEN SMITH disclosed").text == "<PERSON> disclosed"


def test_a_nickname_quoted_inside_a_name_goes_with_it() -> None:
    out = default_anonymiser().anonymise('her ex Dominic "Dom" Kearney has been texting').text
    assert "Dom" not in out and out.count("<PERSON>") == 1, out


def test_a_role_word_after_a_title_is_no_surname_but_a_surname_is() -> None:
    anonymiser = default_anonymiser()
    kept = "Housing officer. Tenant on my patch says he is outside"
    assert anonymiser.anonymise(kept).text == kept
    assert "khan" not in anonymiser.anonymise("the officer. khan came round").text
