"""Follow-ups as the matcher's training examples: checked, labelled, read in context."""

from __future__ import annotations

import pytest
import yaml
from helpers.support import in_engine

from bot.config import PROJECT_ROOT
from bot.knowledge.build import CONTEXT_FILE, FOLLOW_UPS, context_yaml
from bot.knowledge.context_examples import FollowUpExample, labelled, load_follow_ups
from bot.knowledge.decide import JOURNEY_BUTTONS
from bot.knowledge.files import KnowledgeFileError
from bot.knowledge.topics import load_topics
from bot.semantic.context import in_context


@pytest.fixture(scope="module")
def topics():
    return load_topics()


def _one(after: str, text: str, expect: str) -> FollowUpExample:
    return FollowUpExample(after=after, text=text, expect=expect)


def test_a_follow_up_is_labelled_with_its_topic_and_read_after_the_previous_title(topics):
    by_key = {t.key: t for t in topics}
    rows = labelled(
        [
            _one("marac_what", "who goes to it then", "marac_who"),
            _one("marac_what", "ok can we plan for this family", "journey:start_safety_planning"),
        ],
        topics,
        set(JOURNEY_BUTTONS),
    )
    title = by_key["faq/marac_what"].title
    assert rows == [
        {"label": "faq/marac_who", "text": f"{title}: who goes to it then"},
        {"label": "start_safety_planning", "text": f"{title}: ok can we plan for this family"},
    ]
    assert rows[0]["text"] == in_context(title, "who goes to it then")


@pytest.mark.parametrize(
    ("after", "expect", "problem"),
    [
        ("no_such_topic", "marac_who", "no topic 'no_such_topic'"),
        ("marac_what", "no_such_topic", "no topic 'no_such_topic'"),
        ("marac_what", "journey:fly_a_kite", "no journey 'fly_a_kite'"),
    ],
)
def test_an_unknown_topic_or_journey_is_an_error_naming_the_item(topics, after, expect, problem):
    with pytest.raises(KnowledgeFileError, match=problem):
        labelled([_one(after, "and then?", expect)], topics, set(JOURNEY_BUTTONS))


def test_a_follow_up_is_one_line_of_text():
    with pytest.raises(ValueError):
        _one("marac_what", "two\nlines", "marac_who")
    with pytest.raises(ValueError):
        _one("marac_what", "   ", "marac_who")


def test_the_shipped_follow_ups_cover_every_topic_and_the_generated_file_is_current(topics):
    items = load_follow_ups(FOLLOW_UPS)
    keys = {t.key.removeprefix("faq/") for t in topics}
    assert {i.after for i in items} == keys
    # Both kinds: asking more of the same topic, and moving on to a neighbour.
    assert sum(i.expect == i.after for i in items) >= len(keys)
    assert sum(i.expect != i.after for i in items) >= len(keys)
    assert CONTEXT_FILE.read_text(encoding="utf-8") == context_yaml(topics)
    rows = yaml.safe_load(CONTEXT_FILE.read_text(encoding="utf-8"))["examples"]
    assert len(rows) == len(items)


ENGINE_CHECK = r"""
import tempfile, pathlib, yaml
from addons.context_examples import load
from addons.semantic import SemanticMatcher
folder = pathlib.Path(tempfile.mkdtemp())
path = folder / "f.yml"
path.write_text(yaml.safe_dump({"examples": [
    {"label": "faq/a", "text": "Title A: and then?"},
    {"label": "faq/gone", "text": "Title A: what?"},
]}))
assert load(str(path), {"faq/a", "faq/b"}) == (["Title A: and then?"], ["faq/a"])
assert load(None, {"faq/a"}) == ([], [])
assert load(str(folder / "missing.yml"), {"faq/a"}) == ([], [])
before = SemanticMatcher.fingerprint_addon({"context_examples": str(path)})
path.write_text(yaml.safe_dump({"examples": []}))
after = SemanticMatcher.fingerprint_addon({"context_examples": str(path)})
assert before != after, "a change to the follow-ups must retrain the matcher"
print("ok")
"""


def test_the_matcher_reads_the_follow_ups_and_retrains_when_they_change():
    assert in_engine(ENGINE_CHECK).stdout.strip().endswith("ok")


def test_the_pipeline_points_the_matcher_at_the_generated_file():
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())
    matcher = next(c for c in config["pipeline"] if c["name"] == "addons.semantic.SemanticMatcher")
    assert PROJECT_ROOT / matcher["context_examples"] == CONTEXT_FILE
