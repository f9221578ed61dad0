"""Safety rules for every piece of bot text in the domain."""

import re

import pytest
import yaml
from content_rules import VICTIM_BLAMING

from bot.config import PROJECT_ROOT
from bot.safety.messages import crisis_message_text


def bot_texts() -> list[tuple[str, str]]:
    texts = []
    for path in sorted((PROJECT_ROOT / "domain").glob("*.yml")):
        responses = yaml.safe_load(path.read_text()).get("responses", {})
        for name, variations in responses.items():
            for variation in variations:
                texts.append((f"{path.name}:{name}", variation.get("text", "")))
                texts += [
                    (f"{path.name}:{name}:button", b["title"]) for b in variation.get("buttons", [])
                ]
    return texts


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def data_texts() -> list[tuple[str, str]]:
    """Bot text that lives in data files: the coach's explanations and rewrites (not its
    patterns, which are the "before" wording), commissioning content, topic titles."""
    texts = []
    coach = yaml.safe_load((PROJECT_ROOT / "data" / "language" / "coach.yml").read_text())
    for rule in coach["rules"]:
        texts += [
            (f"coach.yml:{rule['id']}", rule["why"]),
            (f"coach.yml:{rule['id']}", rule["rewrite"]),
        ]
    for path in sorted((PROJECT_ROOT / "data" / "commissioning").glob("*.yml")):
        texts += [(path.name, text) for text in _strings(yaml.safe_load(path.read_text()))]
    for path in sorted((PROJECT_ROOT / "data" / "knowledge").glob("*.yml")):
        for topic in yaml.safe_load(path.read_text())["topics"]:
            texts += [(f"{path.name}:{topic['key']}", topic["title"])]
    return texts


@pytest.mark.parametrize(("where", "text"), bot_texts() + data_texts())
def test_no_victim_blaming_language(where: str, text: str) -> None:
    for phrase in VICTIM_BLAMING:
        assert not re.search(phrase, text, re.IGNORECASE), (where, phrase)


def test_every_faq_answer_names_its_sources_and_verification_status() -> None:
    for where, text in bot_texts():
        if ":utter_faq/" in where and not where.endswith(":button"):
            assert re.search(r"\nSources?: ", text), where
            assert re.search(
                r"(?:Entered \d{1,2} [A-Z][a-z]+ \d{4}, not yet verified"
                r"|Verified by .+ on \d{1,2} [A-Z][a-z]+ \d{4})\.$",
                text,
            ), where
            assert "last checked" not in text.lower(), where


def test_no_data_file_cites_an_internal_label() -> None:
    """Sources name real documents, never "seed 003", "domain brief" or "README"."""
    from bot.knowledge.provenance import INTERNAL_LABEL

    for path in sorted((PROJECT_ROOT / "data").rglob("*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"\s*-?\s*(?:source|sources|title|publisher)\s*:", line):
                assert not INTERNAL_LABEL.search(line), f"{path.name}:{number}: {line.strip()}"


def test_crisis_guidance_gives_999_and_the_silent_call() -> None:
    text = crisis_message_text()
    assert text.startswith("If anyone is in immediate danger, call 999")
    assert "press 55" in text
    assert "Source:" in text


# The labels a source must never be shown by: our own file names for the documents.
SHOWN_INTERNAL_LABEL = re.compile(r"\bseeds?\s*\d|\bdomain brief\b", re.IGNORECASE)


def test_no_text_shown_to_a_user_names_an_internal_label() -> None:
    found = [
        where for where, text in bot_texts() + data_texts() if SHOWN_INTERNAL_LABEL.search(text)
    ]
    assert not found


def test_every_response_that_names_a_source_gives_its_verification_status() -> None:
    """Not only topics: any response with a "Source:" line says whether it was verified.
    The 999 guidance is the exception: in an emergency it says what to do and nothing
    else (its content has its own test below)."""
    for where, text in bot_texts():
        if where.endswith(":utter_crisis"):
            continue
        if re.search(r"^Sources?: ", text, re.MULTILINE):
            assert "last checked" not in text.lower(), where
            assert re.search(r"not yet verified|Verified by .+ on ", text), where
