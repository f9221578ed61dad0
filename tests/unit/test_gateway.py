"""The gateway against a fake engine (httpx.MockTransport) and a real SQLite database."""

from __future__ import annotations

import pytest
from helpers.database import dump_database, wait_for_rows
from helpers.gateway_fake import chat

from bot.pseudonym import conversation_id
from bot.safety.messages import crisis_message_text
from bot.storage.db import Database

CRISIS_TEXT = crisis_message_text()


def test_reply_is_in_rasa_rest_format_for_the_callers_sender(client, fake) -> None:
    fake.replies = lambda text: [
        {
            "text": "Which fits you?",
            "buttons": [{"title": "Families", "payload": "/role_practitioner"}],
        }
    ]
    response = chat(client, "hello")
    assert response.status_code == 200
    assert response.json() == [
        {
            "recipient_id": "web-abc123",
            "text": "Which fits you?",
            "buttons": [{"title": "Families", "payload": "/role_practitioner"}],
        }
    ]


def test_engine_never_sees_the_raw_sender_id(client, fake, settings) -> None:
    chat(client, "hello", sender="web-abc123")
    sent = fake.received[-1]["sender"]
    assert sent != "web-abc123"
    assert sent == conversation_id("web-abc123", settings.pseudonym_secret)


def test_offered_button_payloads_pass_through_unchanged(client, fake) -> None:
    fake.replies = lambda text: [
        {"text": "Who are you?", "buttons": [{"title": "DSL", "payload": "/role_dsl"}]}
    ]
    chat(client, "/role_dsl")  # not offered yet: text
    assert fake.received[-1]["message"] == "\u2215role_dsl"
    chat(client, "/role_dsl")  # offered by the previous reply: the intent
    assert fake.received[-1]["message"] == "/role_dsl"
    chat(client, "/role_dsl", sender="someone-else")  # offered to another conversation only
    assert fake.received[-1]["message"] == "\u2215role_dsl"


def test_engine_down_is_a_503_with_a_human_sentence(client, fake) -> None:
    fake.engine_down = True
    response = chat(client, "what helplines are there?")
    assert response.status_code == 503
    body = response.json()
    assert body["error"] == "engine_unavailable"
    assert "999" in body["message"] and "0808 2000 247" in body["message"]
    assert body["messages"] == []


def test_engine_server_error_is_a_503_not_a_500(client, fake) -> None:
    fake.engine_status = 500
    assert chat(client, "hello").status_code == 503


def test_empty_reply_with_actions_down_says_what_is_unavailable(client, fake) -> None:
    fake.replies = lambda text: []
    fake.actions_down = True
    response = chat(client, "helplines please")
    assert response.status_code == 200
    text = response.json()[0]["text"]
    assert "isn't working" in text and "999" in text


def test_empty_reply_is_never_silent(client, fake) -> None:
    fake.replies = lambda text: []
    response = chat(client, "hmm")
    assert response.json()[0]["text"]


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        (b"{not json", 400, "malformed_json"),
        (b'["a list"]', 422, "invalid_request"),
        (b'{"sender": "x"}', 422, "invalid_request"),
        (b'{"message": "hi"}', 422, "invalid_request"),
        (b'{"sender": "x", "message": ""}', 422, "invalid_request"),
        (b'{"sender": "x", "message": "   \\n\\t "}', 422, "invalid_request"),
        (b'{"sender": "x", "message": 42}', 422, "invalid_request"),
        (b'{"sender": 42, "message": "hi"}', 422, "invalid_request"),
        (b'{"sender": "x", "message": null}', 422, "invalid_request"),
        (b'{"sender": "bad sender/../", "message": "hi"}', 422, "invalid_request"),
        (b'{"sender": "x", "message": "hi", "slots": {"role": "x"}}', 422, "invalid_request"),
    ],
)
def test_bad_input_gets_a_clear_4xx(client, fake, body, status, error) -> None:
    response = client.post("/api/chat", content=body, headers={"content-type": "application/json"})
    assert response.status_code == status
    assert response.json()["error"] == error
    assert response.json()["message"]
    assert fake.received == []


def test_too_long_message_names_the_limit(client) -> None:
    response = chat(client, "a" * 2001)
    assert response.status_code == 422
    assert "2000" in response.json()["message"]


def test_message_at_the_limit_is_accepted(client) -> None:
    assert chat(client, "a" * 2000).status_code == 200


def test_validation_errors_do_not_echo_the_input(client) -> None:
    response = chat(client, 12345678901)
    assert "12345678901" not in response.text


def test_rasa_rest_client_metadata_is_accepted_and_not_forwarded(client, fake) -> None:
    response = client.post(
        "/api/chat", json={"sender": "web-1", "message": "hi", "metadata": {"page": "x"}}
    )
    assert response.status_code == 200
    assert "page" not in (fake.received[-1].get("metadata") or {})


def test_health_is_200_when_all_parts_are_up(client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "components": {"engine": "up", "actions": "up", "database": "up"},
        "down": [],
    }


@pytest.mark.parametrize("part", ["engine", "actions"])
def test_health_is_503_naming_the_part_that_is_down(client, fake, part) -> None:
    setattr(fake, f"{part}_down", True)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["down"] == [part]


def test_each_turn_is_logged_with_role_and_no_text_by_default(client, fake, settings) -> None:
    fake.turn = lambda text: {
        "intent": "role_dsl",
        "confidence": 0.91,
        "actions": ["utter_role_dsl"],
        "slots": {"role": "school_dsl"},
    }
    chat(client, "I'm the DSL, my pupil Jayden Okafor told me something")
    chat(client, "thanks")
    cid = conversation_id("web-abc123", settings.pseudonym_secret)
    database = Database(settings.database_url)
    try:
        turns = wait_for_rows(
            database,
            "SELECT role, intent, confidence, action, text, anonymised, conversation_id FROM turns",
            2,
        )
        assert {t[:4] for t in turns} == {("school_dsl", "role_dsl", 0.91, "utter_role_dsl")}
        assert all(t[4] is None for t in turns)  # LOG_TEXT is off outside development
        assert turns[0][5] == "PERSON" or turns[1][5] == "PERSON"
        assert {t[6] for t in turns} == {cid}
        conversation = (
            database.engine.connect().exec_driver_sql("SELECT turns, role FROM conversations").one()
        )
        assert tuple(conversation) == (2, "school_dsl")
        assert "Jayden" not in dump_database(database) and "web-abc123" not in dump_database(
            database
        )
    finally:
        database.dispose()


def test_openapi_describes_the_real_schema(client) -> None:
    spec = client.get("/openapi.json").json()
    chat_op = spec["paths"]["/api/chat"]["post"]
    assert set(chat_op["responses"]) >= {"200", "400", "422", "503"}
    request_schema = spec["components"]["schemas"]["ChatRequest"]
    assert request_schema["properties"]["message"]["maxLength"] == 2000
    assert set(request_schema["required"]) == {"sender", "message"}
    assert "/health" in spec["paths"]
    assert client.get("/docs").status_code == 200


def test_feedback_is_offered_answered_by_the_gateway_and_logged(client, fake, settings) -> None:
    fake.replies = lambda text: [{"text": "The DASH is a checklist... Source: SafeLives."}]
    fake.turn = lambda text: {
        "intent": "faq",
        "confidence": 0.93,
        "actions": ["action_answer_knowledge"],
        "responses": ["utter_faq/dash_checklist"],
    }
    replies = chat(client, "what is the dash").json()
    offer = replies[-1]
    assert offer["text"] == "Was this helpful?"
    sent_before = len(fake.received)
    thanks = chat(client, offer["buttons"][1]["payload"]).json()
    assert len(fake.received) == sent_before  # the engine never sees feedback
    assert thanks[0]["text"].startswith("Thank you")
    database = Database(settings.database_url)
    try:
        rows = wait_for_rows(database, "SELECT topic, helpful FROM feedback", 1)
        assert [tuple(r) for r in rows] == [("faq/dash_checklist", False)]
    finally:
        database.dispose()


def test_the_engine_is_sent_the_channel_secret(client, fake, settings) -> None:
    chat(client, "hello")
    assert fake.secrets == [settings.engine_channel_secret]


def test_a_refused_channel_secret_is_a_503_with_a_human_sentence(client, fake) -> None:
    fake.engine_status = 401
    response = chat(client, "hello")
    assert response.status_code == 503 and response.json()["error"] == "engine_unavailable"
