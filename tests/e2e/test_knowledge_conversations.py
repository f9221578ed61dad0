"""The knowledge base, the "did you mean" suggestions and the language coach, through
the gateway with the trained model."""

from __future__ import annotations

import re

import httpx
import pytest
from chat_client import Chat

from bot.safety.messages import crisis_message_text

pytestmark = pytest.mark.e2e


def test_a_guidance_question_gets_a_sourced_answer_and_a_feedback_offer(
    gateway: httpx.Client,
) -> None:
    chat = Chat(gateway)
    texts = chat.say("what counts as coercive control?")
    assert "pattern of acts" in texts[0]
    assert "Sources: Home Office, Controlling or Coercive Behaviour Statutory" in texts[0]
    assert texts[0].endswith("not yet verified.") and "Last checked" not in texts[0]
    assert texts[-1] == "Was this helpful?"
    assert chat.click("Yes") == ["Thank you, that's useful to know."]


def test_the_kids_didnt_see_anything(gateway: httpx.Client) -> None:
    texts = Chat(gateway).say("the kids didn't see anything, so they're fine?")
    assert "don't have to see an incident to be harmed" in texts[0]


def test_a_helpline_in_an_answer_comes_from_the_directory(gateway: httpx.Client) -> None:
    texts = Chat(gateway).say("what is honour based abuse and forced marriage")
    assert "Karma Nirvana on 0800 5999 247" in texts[0]


def test_check_my_wording_in_one_message(gateway: httpx.Client) -> None:
    chat = Chat(gateway)
    texts = chat.say(
        "check my wording: Mum failed to protect the children and allowed him back home"
    )
    answer = texts[0]
    assert '"failed to protect the children"' in answer
    assert "Suggested wording" in answer and "**" not in answer
    assert "Mum could not stop [him] harming the children" in answer
    cards = [m["custom"] for m in chat.last if "custom" in m]
    assert cards and cards[0]["type"] == "coaching"


def test_the_coach_asks_for_the_text_and_never_repeats_a_name(gateway: httpx.Client) -> None:
    chat = Chat(gateway)
    texts = chat.say("can you check my wording")
    assert texts[-1].startswith("Paste the sentence")
    texts = chat.say("Zuleika Barrett is a non-engaging mother who chose to stay with him")
    reply = "\n".join(texts)
    assert "Zuleika" not in reply and "Barrett" not in reply
    assert "[name]" in reply and "who has stayed [" in reply and "note what he does" in reply


def test_crisis_while_the_coach_waits_gives_999_first(gateway: httpx.Client) -> None:
    chat = Chat(gateway)
    chat.say("check my wording please")
    texts = chat.say("he's kicking the door in right now")
    assert texts[0] == crisis_message_text()


# Vague, half-formed questions of the kind that should not be guessed at.
VAGUE = [
    "marac thingy?? the repeat one, confused",
    "the form for the risk thing",
    "what about the other one",
    "stuff about dads",
    "hmm not sure what to ask really about the abuse stuff",
    "that thing with the police and schools",
]


def test_unclear_questions_offer_the_closest_topics_as_buttons(gateway: httpx.Client) -> None:
    offered = 0
    for message in VAGUE:
        chat = Chat(gateway)
        texts = chat.say(message)
        if not texts[0].startswith("Sorry, I'm not sure I understood"):
            continue  # the model was confident about this one
        offered += 1
        buttons = chat.buttons()
        assert 2 <= len(buttons) <= 4
        assert buttons["Something else: what can you help with?"] == "/help"
        answer = chat.click(next(iter(buttons)))
        assert re.search(r"\nSources?: ", answer[0])
    assert offered >= 2, "expected the vague questions to get suggestions, not guesses"


def test_a_suggestion_button_sends_a_title_the_model_knows(gateway: httpx.Client) -> None:
    """Each title is a training example, so pressing its button gets that topic's answer."""
    chat = Chat(gateway)
    for title, expected in [
        ("MARAC referral criteria", "meets the MARAC referral criteria"),
        ("Near-miss reviews", "near-miss review"),
        ("Clare's Law", "Domestic Violence Disclosure Scheme"),
    ]:
        texts = chat.say(title)
        assert expected in texts[0], (title, texts[0][:80])


def test_an_answer_about_safety_planning_offers_to_start_one(gateway: httpx.Client) -> None:
    chat = Chat(gateway)
    chat.say("what should a safety plan cover?")
    assert "Start safety planning" in chat.buttons()
    texts = chat.click("Start safety planning")
    assert any("Step 1 of" in t for t in texts), texts


@pytest.mark.parametrize(
    ("message", "first"),
    [
        # Read as questions by the intent classifier, as journeys by their meaning.
        ("is there a number a victim can text instead of calling, she can't talk on the phone",
         "National services (England and Wales):"),
        ("can i get someone experienced to go over a tricky family with me",
         "Talking a family through with someone who knows the model helps"),
    ],
)  # fmt: skip
def test_a_journey_run_from_a_question_ends_the_turn_without_a_fallback(
    gateway: httpx.Client, message: str, first: str
) -> None:
    texts = Chat(gateway).say(message)
    assert texts[0].startswith(first)
    assert not any(t.startswith("Sorry, I'm not sure") for t in texts), texts


def test_a_follow_up_is_read_in_the_context_of_the_answer_before(gateway: httpx.Client) -> None:
    """Follow-ups from data/follow_ups.yml (the matcher's own training examples, not a
    held-out set) that alone would get "is it one of these?": the gateway sends the
    last topic, the matcher reads the message after its title, and the answer moves on
    to the neighbouring topic the message asks about."""
    chat = Chat(gateway)
    assert "SafeLives' tool" in chat.say("tell me about the dash risk checklist")[0]
    texts = chat.say("she won't do it with me, says she doesnt need it")
    assert texts[0].startswith("Following on from")
    assert "you can still assess risk when she won't" in texts[1]
    chat = Chat(gateway)
    assert "don't have to see an incident" in chat.say("the kids didn't see anything")[0]
    texts = chat.say("how do i talk to a 6yo about it without scaring him")
    assert "Children's own accounts" in texts[1]
    # Alone, the same message is not answered as a topic.
    alone = Chat(gateway).say("how do i talk to a 6yo about it without scaring him")
    assert not any("Children's own accounts" in text for text in alone)


def test_leaving_with_nowhere_to_go_gets_the_refuge_and_housing_routes(
    gateway: httpx.Client,
) -> None:
    """The refuge and emergency housing topic: 999 first in its own text, then the
    helpline's refuge search, priority need, and her leaving recorded as protective."""
    texts = Chat(gateway).say("mum and kids fleeing DA need somewhere to live")
    answer = next(t for t in texts if "Routes to Support" in t)
    assert answer.startswith("If she or the children are in danger now, call 999.")
    assert "priority need" in answer and "National Domestic Abuse Helpline" in answer
    assert "her protective action" in answer
