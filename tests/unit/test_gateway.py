"""The gateway against a fake engine (httpx.MockTransport) and a real SQLite database."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from db_helpers import dump_database, wait_for_rows
from fastapi.testclient import TestClient

from bot.config import Settings
from bot.gateway.app import create_app
from bot.pseudonym import conversation_id
from bot.safety.messages import POSSIBLE_DANGER_LINE, crisis_message_text
from bot.safety.semantic_net import SemanticAssessment
from bot.storage.db import Database

CRISIS_TEXT = crisis_message_text()


@dataclass
class FakeRasa:
    """Plays the engine and the action server; records what the gateway sent."""

    replies: Callable[[str], list[dict[str, Any]]] = lambda text: [{"text": f"echo {text}"}]
    engine_down: bool = False
    engine_status: int = 200
    actions_down: bool = False
    turn: Callable[[str], dict[str, Any]] = lambda text: {"intent": "greet", "confidence": 0.97}
    received: list[dict[str, Any]] = field(default_factory=list)
    secrets: list[str | None] = field(default_factory=list)

    def handler(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.url.port == 5055:
            if self.actions_down:
                raise httpx.ConnectError("refused")
            return httpx.Response(200, json={"status": "ok"})
        if self.engine_down:
            raise httpx.ConnectError("refused")
        if path == "/":
            return httpx.Response(200, text="Hello from Rasa: 3.6.21")
        if path == "/webhooks/gateway/webhook":
            self.secrets.append(request.headers.get("X-Engine-Secret"))
            body = json.loads(request.content)
            self.received.append(body)
            if self.engine_status != 200:
                return httpx.Response(self.engine_status, json={})
            replies = [{"recipient_id": body["sender"], **m} for m in self.replies(body["message"])]
            return httpx.Response(
                200, json={"messages": replies, "turn": self.turn(body["message"])}
            )
        return httpx.Response(404)


@pytest.fixture
def fake() -> FakeRasa:
    return FakeRasa()


@pytest.fixture
def client_factory(fake: FakeRasa) -> Callable[[Settings], TestClient]:
    def build(settings: Settings) -> TestClient:
        app = create_app(settings, transport=httpx.MockTransport(fake.handler))
        return TestClient(app, raise_server_exceptions=False)

    return build


@pytest.fixture
def client(settings: Settings, client_factory) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with client_factory(settings) as test_client:
        yield test_client


def chat(client: TestClient, message: Any, sender: Any = "web-abc123") -> httpx.Response:
    return client.post("/api/chat", json={"sender": sender, "message": message})


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


def test_phrase_check_forces_crisis_handling_and_999_comes_first(client, fake) -> None:
    fake.replies = lambda text: (
        [{"text": CRISIS_TEXT}, {"text": "When everyone is safe..."}]
        if text == "/crisis"
        else [{"text": "something else"}]
    )
    response = chat(client, "he's outside with a knife")
    assert fake.received[-1]["message"] == "/crisis"
    texts = [m["text"] for m in response.json()]
    assert texts[0] == CRISIS_TEXT
    assert texts.count(CRISIS_TEXT) == 1


def test_999_goes_first_even_if_the_engine_put_it_later(client, fake) -> None:
    fake.replies = lambda text: [{"text": "Step 2 of 7"}, {"text": CRISIS_TEXT}]
    response = chat(client, "she's screaming and he won't stop")
    texts = [m["text"] for m in response.json()]
    assert texts == [CRISIS_TEXT, "Step 2 of 7"]


def test_999_is_added_when_the_engine_did_not_give_it(client, fake) -> None:
    fake.replies = lambda text: [{"text": "Here is an answer"}]
    response = chat(client, "he's strangling her")
    assert response.json()[0]["text"] == CRISIS_TEXT


def test_engine_down_is_a_503_with_a_human_sentence(client, fake) -> None:
    fake.engine_down = True
    response = chat(client, "what helplines are there?")
    assert response.status_code == 503
    body = response.json()
    assert body["error"] == "engine_unavailable"
    assert "999" in body["message"] and "0808 2000 247" in body["message"]
    assert body["messages"] == []


def test_engine_down_during_a_crisis_still_gives_999_guidance(client, fake) -> None:
    fake.engine_down = True
    response = chat(client, "he has a knife and he's at the door")
    assert response.status_code == 503
    assert response.json()["messages"][0]["text"] == CRISIS_TEXT


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


def test_engine_only_ever_sees_anonymised_text(client, fake) -> None:
    chat(client, "Mum Sarah Jones called from 07700 900123, she lives at 14 Acacia Avenue LS6 2AB")
    sent = fake.received[-1]["message"]
    for identifier in ("Sarah", "Jones", "07700", "Acacia", "LS6"):
        assert identifier not in sent
    assert "<PERSON>" in sent and "<PHONE>" in sent and "<POSTCODE>" in sent


def test_the_user_is_told_once_that_details_were_removed(client, fake) -> None:
    first = chat(client, "Dad is called Mark Thompson").json()
    assert first[0]["text"].startswith("I've removed what looked like names")
    second = chat(client, "Mark Thompson has been arrested before").json()
    assert all("I've removed" not in (m.get("text") or "") for m in second)


def test_replies_never_echo_an_identifier(client, fake) -> None:
    fake.replies = lambda text: [{"text": f"You said: {text}"}]
    reply = chat(client, "call Kelly on 07700 900456").text
    assert "Kelly" not in reply and "07700" not in reply


def test_button_payload_values_are_anonymised_and_keep_their_shape(client, fake) -> None:
    payload = '/walkthrough_answer{"answer": "Priya keeps routines going"}'
    fake.replies = lambda text: [{"text": "?", "buttons": [{"title": "x", "payload": payload}]}]
    chat(client, "start")
    chat(client, payload)
    sent = fake.received[-1]["message"]
    assert sent == '/walkthrough_answer{"answer": "<PERSON> keeps routines going"}'


def test_if_anonymising_fails_nothing_is_forwarded_or_stored(client, fake, settings) -> None:
    def broken(text: str) -> None:
        raise RuntimeError("model crashed")

    client.app.state.services.chat.anonymiser.anonymise = broken  # type: ignore[method-assign]
    try:
        response = chat(client, "Mum Sarah says he's outside with a knife")
    finally:
        del client.app.state.services.chat.anonymiser.anonymise
    assert response.status_code == 503
    assert response.json()["error"] == "anonymiser_unavailable"
    assert response.json()["messages"][0]["text"] == CRISIS_TEXT
    assert fake.received == []
    database = Database(settings.database_url)
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT COUNT(*) FROM conversations").scalar() == 0
    finally:
        database.dispose()


def test_a_name_found_earlier_is_removed_when_it_comes_back_without_a_cue(client, fake) -> None:
    chat(client, "dad is Thaddeus")
    chat(client, "Thaddeus controls the money")
    assert "Thaddeus" not in fake.received[-1]["message"]


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


def test_log_text_keeps_only_the_anonymised_text(client_factory, fake, settings_factory) -> None:
    settings = settings_factory(log_text=True)
    fake.turn = lambda text: {"intent": "nlu_fallback", "confidence": 0.2}
    with client_factory(settings) as client:
        chat(client, "can Sarah Jones ring me on 07700 900123")
    database = Database(settings.database_url)
    try:
        rows = wait_for_rows(database, "SELECT text, fallback, anonymised FROM turns", 1)
        text, fallback, anonymised = rows[0]
        assert "Sarah" not in text and "07700" not in text and "<PHONE>" in text
        assert fallback and anonymised == "PERSON,PHONE"
    finally:
        database.dispose()


def test_clear_danger_without_a_listed_phrase_gets_999_first(client, fake) -> None:
    # No phrase rule names this; the semantic net recognises it by meaning.
    fake.replies = lambda text: (
        [{"text": CRISIS_TEXT}] if text == "/crisis" else [{"text": "an ordinary answer"}]
    )
    response = chat(
        client, "my client has just rung me whispering, he has got the carving knife out"
    )
    assert fake.received[-1]["message"] == "/crisis"
    assert response.json()[0]["text"] == CRISIS_TEXT


def test_the_short_safety_line_comes_before_the_removed_details_notice(client, fake) -> None:
    # A message the nets grade as possible danger, with a name in it.
    client.app.state.services.chat.semantic = _Graded("possible")
    texts = [m["text"] for m in chat(client, "Dad is called Mark Thompson, he is shouting").json()]
    assert texts[0] == POSSIBLE_DANGER_LINE
    assert texts[1].startswith("I've removed what looked like names")


class _Graded:
    """A stand-in for the semantic crisis net that grades every message the same."""

    def __init__(self, grade: str) -> None:
        self.grade = grade

    def assess(self, text: str) -> SemanticAssessment:
        return SemanticAssessment(self.grade, 0.5)


def test_past_and_general_mentions_get_neither_999_nor_the_safety_line(client, fake) -> None:
    for message in (
        "what is non-fatal strangulation in the DASH?",
        "how do I write up a historic incident where he threatened her with a knife in 2019",
    ):
        texts = [m["text"] for m in chat(client, message).json()]
        assert texts[0] not in (CRISIS_TEXT, POSSIBLE_DANGER_LINE), message
        assert fake.received[-1]["message"] == message


def test_a_follow_up_carries_the_topic_answered_before(client, fake) -> None:
    fake.turn = lambda text: {"intent": "faq", "responses": ["utter_faq/separation_risk"]}
    chat(client, "why is leaving dangerous")
    assert "metadata" not in fake.received[-1]
    fake.turn = lambda text: {"intent": "greet", "responses": ["utter_greet"]}
    chat(client, "and if she's pregnant?")
    assert fake.received[-1]["metadata"] == {
        "previous_topic": "faq/separation_risk",
        "previous_topic_title": "Why separation is a high-risk time",
        "crisis_set_aside": True,  # "if she": a what-if, nothing of the present
    }
    chat(client, "what about dads?")
    assert "metadata" not in fake.received[-1]  # the last turn answered no topic


def test_log_text_never_keeps_answers_inside_a_journey_or_answered_turns(
    client_factory, fake, settings_factory
) -> None:
    settings = settings_factory(log_text=True)
    turns = iter(
        [
            {"intent": "nlu_fallback", "confidence": 0.2, "active_loop": "safety_planning_form"},
            {"intent": "faq", "confidence": 0.9},
            {"intent": "nlu_fallback", "confidence": 0.2},
        ]
    )
    fake.turn = lambda text: next(turns)
    with client_factory(settings) as client:
        chat(client, "he hurt her while she held the baby")
        chat(client, "what is coercive control")
        chat(client, "what about the nan")
    database = Database(settings.database_url)
    try:
        rows = wait_for_rows(database, "SELECT text FROM turns", 3)
        assert sorted(r[0] or "" for r in rows) == ["", "", "what about the nan"]
    finally:
        database.dispose()


def test_the_engine_is_sent_the_channel_secret(client, fake, settings) -> None:
    chat(client, "hello")
    assert fake.secrets == [settings.engine_channel_secret]


def test_a_refused_channel_secret_is_a_503_with_a_human_sentence(client, fake) -> None:
    fake.engine_status = 401
    response = chat(client, "hello")
    assert response.status_code == 503 and response.json()["error"] == "engine_unavailable"


def test_a_message_set_in_the_past_tells_the_engine_not_to_act_on_crisis_alone(
    client, fake
) -> None:
    chat(client, "three years ago he poured petrol on her car, she would like therapy now")
    assert "metadata" not in fake.received[-1]  # "now": said of the present
    chat(client, "three years ago he poured petrol on her car, she would like therapy")
    assert fake.received[-1]["metadata"] == {"crisis_set_aside": True}
    chat(client, "in 2020 he stabbed her brother and he is in jail, what goes in the log?")
    assert fake.received[-1]["metadata"] == {"crisis_set_aside": True}  # held: not present
    chat(client, "he shouts at her and throws things, who can she talk to?")
    assert "metadata" not in fake.received[-1]  # nothing found, but nothing past either
    chat(client, "he's got a knife and he's in the kitchen, this happened last year too")
    assert fake.received[-1]["message"] == "/crisis"


def test_a_crisis_reading_set_aside_is_counted_and_adds_no_line(client, fake) -> None:
    fake.turn = lambda text: {"intent": "faq", "confidence": 0.6, "crisis_set_aside": True}
    response = chat(client, "three years ago he hit her, any therapy?")
    texts = [m["text"] for m in response.json()]
    assert POSSIBLE_DANGER_LINE not in texts and CRISIS_TEXT not in texts
