"""What the gateway forwards, shows and logs of what is typed: anonymised only (fake engine)."""

from __future__ import annotations

from helpers.database import wait_for_rows
from helpers.gateway_fake import chat

from bot.safety.messages import crisis_message_text
from bot.storage.db import Database

CRISIS_TEXT = crisis_message_text()


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
