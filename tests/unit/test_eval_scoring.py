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


def test_crisis_sets_are_scored_as_the_user_saw_them() -> None:
    from evaluation.sets import score_crisis

    items = [
        {"label": "danger", "kind": "weapon"},
        {"label": "danger", "kind": "hiding"},
        {"label": "near_miss", "kind": "past"},
        {"label": "near_miss", "kind": "record"},
    ]
    replies = [
        Reply(("999!", "more"), (), "", "", "", "crisis", False),
        Reply(("line", "answer"), (), "", "", "", "faq", False),
        Reply(("999!",), (), "", "", "", "crisis", False),
        Reply(("answer",), (), "faq/x", "", "", "faq", False),
    ]
    got = score_crisis(items, replies, "999!", short_line="line")
    assert got["recall_999_first_pct"] == 50.0 and got["danger_short_line_only"] == 1
    assert got["false_alarm_999_pct"] == 50.0 and got["false_alarm_kinds"] == [("past", 1)]
    assert got["missed_kinds"] == [("hiding", 1)]


def test_a_follow_up_is_right_when_any_accepted_answer_is() -> None:
    from evaluation.sets import score_followups

    items = [
        {"first_expect": "topic:a", "followup_expect": ["topic:x", "topic:nrpf"]},
        {"first_expect": "topic:a", "followup_expect": ["topic:x"]},
    ]
    got = score_followups(items, [reply("faq/nrpf"), reply("faq/nrpf")], {})
    assert got["answered_right"] == 1 and got["answered_wrong"] == 1
    assert got["misses"] == [{"first": "topic:a", "expected": ["topic:x"], "got": "topic:nrpf"}]


def test_a_question_with_two_accepted_answers_is_right_for_either() -> None:
    from evaluation.sets import score_questions

    items = [
        {"text": "a", "expect": ["topic:marac_what", "topic:nrpf"]},
        {"text": "b", "expect": "topic:marac_what"},
        {"text": "c", "expect": ["topic:marac_who", "topic:marac_what"]},
    ]
    asked = Reply((), ("No recourse to public funds",), "faq/nrpf", "", "", "faq", True)
    got = score_questions(items, [reply("faq/nrpf"), reply("faq/nrpf"), asked], {})
    assert got["overall"]["answered_right"] == 1 and got["overall"]["answered_wrong"] == 1
    # Grouped under the first answer the author gave.
    assert set(got["by_expect"]) == {"topic:marac_what", "topic:marac_who"}
