"""The gateway's crisis nets and follow-up context, against a fake engine."""

from __future__ import annotations

from helpers.gateway_fake import chat

from bot.safety.messages import POSSIBLE_DANGER_LINE, crisis_message_text
from bot.safety.semantic_net import SemanticAssessment, Thresholds

CRISIS_TEXT = crisis_message_text()


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


def test_engine_down_during_a_crisis_still_gives_999_guidance(client, fake) -> None:
    fake.engine_down = True
    response = chat(client, "he has a knife and he's at the door")
    assert response.status_code == 503
    assert response.json()["messages"][0]["text"] == CRISIS_TEXT


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

    def __init__(self, grade: str, probability: float = 0.5) -> None:
        self.grade = grade
        self.probability = probability
        self.thresholds = Thresholds(
            clear_probability=0.9, possible_probability=0.2, model_alone_below=0.05
        )

    def assess(self, text: str) -> SemanticAssessment:
        return SemanticAssessment(self.grade, self.probability)

    def sentence_readings(self, text: str) -> list[float]:
        # A sentence that names a threat to kill reads as danger alone.
        sentences = [s for s in text.split(". ") if len(s.split()) >= 2]
        if len(sentences) < 2:
            return []
        return [0.9 if "kill" in s else self.probability for s in sentences]


def test_past_and_general_mentions_get_neither_999_nor_the_safety_line(client, fake) -> None:
    for message in (
        "what is non-fatal strangulation in the DASH?",
        "how do I write up a historic incident where he threatened her with a knife in 2019",
    ):
        texts = [m["text"] for m in chat(client, message).json()]
        assert texts[0] not in (CRISIS_TEXT, POSSIBLE_DANGER_LINE), message
        assert fake.received[-1]["message"] == message


def test_a_follow_up_carries_the_topic_answered_before(client, fake) -> None:
    client.app.state.services.chat.semantic = _Graded("none", probability=0.5)
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


def test_a_message_set_in_the_past_tells_the_engine_not_to_act_on_crisis_alone(
    client, fake
) -> None:
    client.app.state.services.chat.semantic = _Graded("none", probability=0.5)
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


def test_the_model_alone_where_the_meaning_reads_almost_no_danger_gets_the_short_line(
    client, fake
) -> None:
    """No phrase, the meaning net reads almost nothing: the engine is told not to act on
    its crisis reading alone, and the answer comes after the short safety line."""
    client.app.state.services.chat.semantic = _Graded("none", probability=0.01)
    fake.turn = lambda text: {"intent": "faq", "confidence": 0.6, "crisis_set_aside": True}
    said = "We are planning the induction day for new staff at the family hub"
    texts = [m["text"] for m in chat(client, said).json()]
    assert fake.received[-1]["metadata"] == {"crisis_set_aside": True}
    assert texts[0] == POSSIBLE_DANGER_LINE and CRISIS_TEXT not in texts
    # Set in the past as well: set aside as before, with no line.
    texts = [m["text"] for m in chat(client, "three years ago he hit her, any therapy?").json()]
    assert POSSIBLE_DANGER_LINE not in texts and CRISIS_TEXT not in texts


def test_the_model_alone_keeps_999_first_where_the_meaning_reads_some_danger(client, fake) -> None:
    client.app.state.services.chat.semantic = _Graded("none", probability=0.15)
    chat(client, "the toddler has gone very quiet and pale after he shook him")
    assert "metadata" not in fake.received[-1]
    client.app.state.services.chat.semantic = _Graded("none", probability=0.001)
    # Danger told mid-message: the whole reads nothing, its sentence alone does.
    chat(client, "Writing a referral. He says he will kill her tonight. What goes in it?")
    assert "metadata" not in fake.received[-1]
    # A few words typed in the moment: a low reading says little.
    chat(client, "its happening again")
    assert "metadata" not in fake.received[-1]
    client.app.state.services.chat.semantic = _Graded("none", probability=0.01)
    # A phrase rule matched: clear whatever the meaning net reads.
    chat(client, "he's got a knife and he's in the kitchen")
    assert fake.received[-1]["message"] == "/crisis"
