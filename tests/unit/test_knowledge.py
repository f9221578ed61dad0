"""The knowledge base: enough sourced topics, generated Rasa files in step, and the
"did you mean" suggestions and language-coach actions."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge import ActionAnswerKnowledge, ActionSuggestTopics
from actions.language_coach import ActionLanguageCoach, ValidateLanguageCoachForm
from bot.knowledge.build import main as build
from bot.knowledge.directory import national_directory
from bot.knowledge.files import KnowledgeFileError, load_yaml_model
from bot.knowledge.provenance import long_date
from bot.knowledge.topics import MIN_EXAMPLES, TopicFile, load_topics

TOPICS = load_topics()
TODAY = date(2026, 11, 22)


def test_at_least_95_topics_each_with_12_examples_a_source_and_an_entry_date() -> None:
    assert len(TOPICS) >= 95
    for topic in TOPICS:
        assert len(topic.examples) >= MIN_EXAMPLES, topic.key
        assert topic.sources, topic.key
        assert TODAY - timedelta(days=365) <= topic.entered_on <= date.today(), topic.key


def test_every_answer_shown_ends_with_its_sources_and_verification_status() -> None:
    directory = national_directory()
    for topic in TOPICS:
        text = topic.response_text(directory)
        last = text.splitlines()[-1]
        assert last.startswith(("Source: ", "Sources: ")), topic.key
        assert all(s.title in last and s.publisher in last for s in topic.sources), topic.key
        assert "{service:" not in text and "last checked" not in text.lower(), topic.key
        if topic.verified_on is None:
            assert last.endswith(f"Entered {long_date(topic.entered_on)}, not yet verified."), (
                topic.key
            )
        else:
            assert last.endswith(f"on {long_date(topic.verified_on)}."), topic.key


def test_helplines_in_answers_come_from_the_directory() -> None:
    directory = national_directory()
    karma = next(t for t in TOPICS if "{service:karma_nirvana}" in t.answer)
    assert directory.get("karma_nirvana").number in karma.response_text(directory)


def test_the_generated_rasa_files_are_up_to_date() -> None:
    assert build(["--check"]) == 0, "run `python -m bot.knowledge.build` (make train does)"


def test_titles_are_unique_so_a_suggestion_button_names_one_topic() -> None:
    titles = [t.title.lower() for t in TOPICS]
    assert len(titles) == len(set(titles))


def test_schema_rejects_raw_numbers_short_example_lists_and_sources_in_answers(
    tmp_path: Path,
) -> None:
    base = {
        "key": "faq/x",
        "title": "A topic",
        "sources": [{"title": "A guidance document", "publisher": "Home Office", "year": 2022}],
        "entered_on": "2026-11-22",
        "answer": "An answer that is long enough to be an answer for this test.",
        "examples": [f"question {i}" for i in range(12)],
    }
    path = tmp_path / "k.yml"
    for change, problem in [
        ({"answer": base["answer"] + " Call 0808 2000 247."}, "service"),
        ({"examples": ["only one"]}, "at least 12"),
        ({"answer": base["answer"] + " Source: me."}, "source"),
        ({"key": "Faq/X"}, "pattern"),
        ({"sources": [{"title": "domain brief", "publisher": "us", "year": 2026}]}, "internal"),
        (
            {"sources": [{"title": "Manchester seed 000", "publisher": "M", "year": 2021}]},
            "internal",
        ),
        ({"sources": []}, "at least 1"),
        ({"verified_by": "A practice lead"}, "together"),
        ({"verified_by": "A lead", "verified_on": "2026-11-01"}, "before entered_on"),
        ({"source": "Somewhere"}, "Extra inputs"),
    ]:
        import yaml

        path.write_text(yaml.safe_dump({"topics": [{**base, **change}]}))
        with pytest.raises(KnowledgeFileError, match=problem):
            load_yaml_model(path, TopicFile)


def test_suggestions_are_the_closest_knowledge_topics_by_their_titles(make_tracker: Any) -> None:
    latest = {
        "intent": {"name": "nlu_fallback"},
        "response_selector": {
            "all_retrieval_intents": ["faq", "chitchat"],
            "default": {
                "ranking": [
                    {"intent_response_key": "chitchat/how_are_you", "confidence": 0.4},
                    {"intent_response_key": "faq/marac_what", "confidence": 0.3},
                    {"intent_response_key": "faq/marac_thresholds", "confidence": 0.1},
                    {"intent_response_key": "faq/recording", "confidence": 0.05},
                    {"intent_response_key": "faq/idva", "confidence": 0.01},
                ]
            },
        },
        "semantic": {
            "ranking": [
                {"name": "faq/recording", "probability": 0.2},
                {"name": "faq/marac_thresholds", "probability": 0.15},
            ]
        },
    }
    dispatcher = CollectingDispatcher()
    ActionSuggestTopics().run(dispatcher, make_tracker(latest=latest), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_suggest_topics"
    titles = [b["title"] for b in message["buttons"]]
    assert titles[:3] == [
        "What a MARAC is",
        "MARAC referral criteria",
        "Recording a concern in school",
    ]
    assert message["buttons"][0]["payload"] == "What a MARAC is"
    assert message["buttons"][-1]["payload"] == "/help"


def test_no_ranking_falls_back_to_saying_what_i_can_help_with(make_tracker: Any) -> None:
    dispatcher = CollectingDispatcher()
    ActionSuggestTopics().run(
        dispatcher, make_tracker(latest={"intent": {"name": "nlu_fallback"}}), {}
    )
    assert dispatcher.messages[0]["response"] == "utter_default"


@pytest.mark.parametrize(
    ("pasted", "stored"),
    [
        ("check my wording: mum failed to protect them", "mum failed to protect them"),
        ("check my wording", None),
        ("ok", None),
        ("stop", ""),
    ],
)
def test_coach_form_takes_the_text_without_the_request(
    pasted: str, stored: str | None, make_tracker: Any
) -> None:
    dispatcher = CollectingDispatcher()
    result = ValidateLanguageCoachForm().validate_coach_text(
        pasted, dispatcher, make_tracker(latest={}), {}
    )
    assert result == {"coach_text": stored}


def test_coach_action_answers_and_logs_only_the_outcome(make_tracker: Any) -> None:
    dispatcher = CollectingDispatcher()
    events = ActionLanguageCoach().run(
        dispatcher, make_tracker(latest={}, slots={"coach_text": "mum allowed him back"}), {}
    )
    assert "Phrases to reconsider" in dispatcher.messages[0]["text"]
    assert dispatcher.messages[1]["custom"]["type"] == "coaching"
    outcome = events[-1]["value"]
    assert (outcome["journey"], outcome["outcome"], outcome["completed"]) == (
        "language_coach",
        "flagged",
        True,
    )
    assert "mum" not in str(outcome)
    assert events[0] == {"event": "slot", "timestamp": None, "name": "coach_text", "value": None}


def _faq_parse(key: str, confidence: float) -> dict[str, Any]:
    return {
        "intent": {"name": "faq", "confidence": 0.99},
        "response_selector": {
            "all_retrieval_intents": ["faq", "chitchat"],
            "default": {
                "response": {"intent_response_key": key, "confidence": confidence},
                "ranking": [
                    {"intent_response_key": key, "confidence": confidence},
                    {"intent_response_key": "faq/marac_what", "confidence": 0.05},
                ],
            },
        },
    }


def test_a_topic_both_readings_agree_on_is_answered_with_its_own_response(
    make_tracker: Any,
) -> None:
    dispatcher = CollectingDispatcher()
    parse = _faq_parse("faq/coercive_control", 0.8)
    parse["semantic"] = {"ranking": [{"name": "faq/coercive_control", "probability": 0.7}]}
    ActionAnswerKnowledge().run(dispatcher, make_tracker(latest=parse), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/coercive_control"]


def test_an_unsure_topic_gets_suggestions_instead_of_a_guess(make_tracker: Any) -> None:
    dispatcher = CollectingDispatcher()
    parse = _faq_parse("faq/perpetrator_engagement", 0.1)
    ActionAnswerKnowledge().run(dispatcher, make_tracker(latest=parse), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_suggest_topics"
    assert [b["title"] for b in message["buttons"]][:2] == [
        "Engaging the perpetrator as a parent",
        "What a MARAC is",
    ]


def test_a_suggestion_buttons_title_is_answered_whatever_the_models_say(make_tracker: Any) -> None:
    dispatcher = CollectingDispatcher()
    parse = _faq_parse("faq/perpetrator_engagement", 0.3)  # the selector reads it wrongly
    parse["text"] = "  child contact with the PERPETRATOR "
    ActionAnswerKnowledge().run(dispatcher, make_tracker(latest=parse), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/child_contact"]


def test_an_answer_that_leads_to_a_journey_offers_its_button() -> None:
    import yaml as _yaml

    from bot.knowledge.build import domain_yaml
    from bot.knowledge.decide import JOURNEY_BUTTONS

    domain = _yaml.safe_load(domain_yaml(TOPICS, national_directory()))["responses"]
    offering = [t for t in TOPICS if t.offers]
    assert offering
    for topic in offering:
        [response] = domain[topic.response_name]
        assert response["buttons"] == [
            {"title": JOURNEY_BUTTONS[topic.offers], "payload": "/" + topic.offers}
        ]
    plain = next(t for t in TOPICS if not t.offers)
    assert "buttons" not in domain[plain.response_name][0]
