"""`make eval`'s scoring of one reply: strict, and with the 2026-11-25 topic splits."""

from __future__ import annotations

from bot.knowledge.topics import topics_by_key
from evaluation.score import SPLITS, Reply, outcome


def reply(topic: str = "", fallback: bool = False, buttons: tuple[str, ...] = ()) -> Reply:
    return Reply((), buttons, topic, "", "", "faq", fallback)


def test_a_narrower_new_topic_counts_only_in_the_reading_with_splits() -> None:
    got = reply("faq/nrpf")
    assert outcome("topic:culture_and_diversity", got, {}) == "wrong"
    assert outcome("topic:culture_and_diversity", got, {}, splits=True) == "right"
    assert outcome("topic:marac_what", got, {}, splits=True) == "wrong"


def test_asked_to_choose_is_never_right() -> None:
    got = reply("faq/nrpf", fallback=True, buttons=("No recourse to public funds",))
    assert outcome("topic:culture_and_diversity", got, {}, splits=True) == "choose_wrong"


def test_every_split_names_real_topics() -> None:
    known = {k.removeprefix("faq/") for k in topics_by_key()}
    assert all({old, *new} <= known for old, new in SPLITS.items())
