"""Answer, or ask which topic: the decision the knowledge action makes.

The semantic matcher (addons/semantic.py, addons/topic_model.py) ranks every
topic by probability, reading the words, the letter groups and the meaning of the
question. A topic clearly ahead is answered; otherwise the closest topics are
offered as buttons (with a journey's button when the message may be asking for
one). A follow-up ("and if she's pregnant?") is read in the context of the topic
answered just before (the matcher's `context_ranking`). If a ResponseSelector
for `faq` is configured, its confidence is added to each topic's score (the
shipped pipeline's selector reads small talk only: docs/measurements.md).
Thresholds were set on the tuning halves of the held-out questions
(tests/heldout/questions/tune*.yml), never on the sealed halves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.follow_up import FOLLOW_UP_MAX_WORDS, looks_like_follow_up, same_question

# Things the assistant does rather than answers, with the button that starts each:
# offered first when the meaning of a "question" is clearly one of them.
JOURNEY_BUTTONS = {
    "start_safety_planning": "Start safety planning",
    "check_wording": "Check my wording",
    "ask_referral_pathway": "Who do I contact?",
    "request_consultation": "Book a case consultation",
    "ask_helplines": "Helpline numbers",
    "start_commissioning": "Work through the commissioning checklist",
}
# Journeys that are one action: run straight away when the meaning is sure of them.
DIRECT_JOURNEYS = {
    "ask_referral_pathway": "action_referral_pathway",
    "ask_helplines": "action_show_helplines",
    "request_consultation": "action_case_consultation",
}
MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class Thresholds:
    """When to answer; set with `python -m evaluation.tune_answers` on the tuning halves.

    A topic's score is the matcher's probability (0 to 1), plus a `faq`
    ResponseSelector's confidence when the pipeline has one.
    """

    # Answer the best topic when its score reaches `answer` and leads the next by `margin`.
    # 2026-11-27, after 920 more training examples: 0.2 and 0.12 on the tuning halves'
    # 263 topic questions gave 239 right, 7 wrong, 17 asked (0.15 and 0.08: 242, 10, 11).
    answer: float = 0.2
    margin: float = 0.12
    # A follow-up read in context: the best topic of both readings summed, the
    # previous topic held back by `repeat_penalty`.
    follow_up: float = 0.2
    repeat_penalty: float = 0.3
    # A follow-up whose bare reading is this sure of another topic is answered with it.
    # 2026-11-27, with the fresh follow-up set _r: 0.3 on all five tuning sets (168
    # follow-ups) gave 144 right, 15 wrong (0.5: 142, 17).
    new_subject: float = 0.3
    # The matcher's first choice is a journey, not a topic: offer it as a button,
    # or run it when it is one action and the matcher is surer still.
    journey: float = 0.4
    run_journey: float = 0.6
    # A journey that leads every topic in the matcher's reading by `journey_margin`,
    # at `journey_lead` or more, holds back a topic answer (unless the matcher also
    # puts that topic above it) and is offered, or run when it is one action.
    journey_lead: float = 0.25
    journey_margin: float = 0.05
    run_journey_lead: float = 0.3
    # A topic this sure is answered even when the matcher leans to something else.
    strong: float = 0.8
    # When asking, the intent classifier's journey (in its top three) at this
    # confidence or more is offered as a button too; failing that, the matcher's
    # (in its top five) at `offer_meaning_journey`.
    offer_journey: float = 0.1
    offer_meaning_journey: float = 0.03
    # Unsure after an answer: stay on the topic just answered when it is among this
    # many closest topics (0: ask). 2026-11-27: 2 on the tuning follow-ups: 3 more right,
    # 1 more wrong, of 168 (fresh set _r: 45/8/11 -> 48/9/7 right/wrong/asked).
    stay_within: int = 2
    # After an answer, a short message that the bare reading places nowhere clearly
    # (best topic or journey under `hold_below`) and that, read in the answer's context,
    # is that topic at `hold` or more is answered by it again, in context ("who else
    # reads her file?"). 2026-11-27, replayed on the tuning halves' 208 follow-ups:
    # 157 right, 25 wrong -> 161, 23 (0.5 and 0.3: 159, 28; 0.7 and 0.4: 158, 26).
    hold: float = 0.7
    hold_below: float = 0.3
    hold_words: int = 12


THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Decision:
    """`answer` is a topic key to answer, else `choices` are offered."""

    answer: str | None
    choices: tuple[str, ...] = field(default=())
    journey: str | None = None
    run: str | None = None
    in_context: bool = False
    reason: str = ""


def ranking(parse: dict[str, Any], key: str) -> list[tuple[str, float]]:
    semantic = parse.get("semantic") or {}
    ranked = []
    for item in semantic.get(key) or []:
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            ranked.append((item["name"], float(item.get("probability") or 0.0)))
    return ranked


def selector_scores(parse: dict[str, Any]) -> dict[str, float]:
    """The ResponseSelector's confidence per topic, in its ranking's order."""
    selectors = parse.get("response_selector") or {}
    selected = selectors.get("faq") or selectors.get("default") or {}
    return {
        r["intent_response_key"]: float(r.get("confidence") or 0.0)
        for r in selected.get("ranking") or []
        if isinstance(r, dict) and isinstance(r.get("intent_response_key"), str)
    }


def combined(
    semantic: list[tuple[str, float]], selector: dict[str, float], known: set[str]
) -> list[tuple[str, float]]:
    """Topics by the sum of both readings, best first."""
    mine = dict(semantic)
    keys = (set(mine) | set(selector)) & known
    return sorted(
        ((k, mine.get(k, 0.0) + selector.get(k, 0.0)) for k in keys), key=lambda x: (-x[1], x[0])
    )


def _topics(ranked: list[tuple[str, float]], known: set[str]) -> list[tuple[str, float]]:
    return [(name, sim) for name, sim in ranked if name in known]


def _classifier_journey(parse: dict[str, Any], t: Thresholds) -> str | None:
    """A journey the intent classifier ranked near the top: offered as a button beside
    the topics when the question is unclear (a button costs a click, never an answer)."""
    for item in (parse.get("intent_ranking") or [])[:3]:
        name = item.get("name") if isinstance(item, dict) else None
        if name in JOURNEY_BUTTONS and float(item.get("confidence") or 0.0) >= t.offer_journey:
            return name
    return None


def _in_context(
    parse: dict[str, Any],
    known: set[str],
    previous_topic: str,
    semantic: list[tuple[str, float]],
    t: Thresholds,
) -> Decision | None:
    """The message read in the context of the topic answered just before, if that is clear."""
    contextual = _topics(ranking(parse, "context_ranking"), known)
    # A follow-up may name a new subject ("and if she's pregnant?"): when the
    # bare message points clearly at another topic, answer that, in context.
    if semantic and semantic[0][0] != previous_topic and semantic[0][1] >= t.new_subject:
        return Decision(semantic[0][0], in_context=True, reason="follow-up, new subject")
    # Otherwise both readings together; a follow-up rarely asks the same thing
    # again, so the previous topic needs a clear lead to be repeated.
    together = dict(combined(contextual, dict(semantic), known))
    if not together:
        return None
    together[previous_topic] = together.get(previous_topic, 0.0) - t.repeat_penalty
    best, score = min(together.items(), key=lambda x: (-x[1], x[0]))
    if score >= t.follow_up:
        return Decision(best, in_context=True, reason="follow-up, in context")
    return None


def _context_holds(
    parse: dict[str, Any],
    known: set[str],
    previous_topic: str,
    semantic: list[tuple[str, float]],
    everything: list[tuple[str, float]],
    t: Thresholds,
) -> bool:
    """Vague on its own (no topic or journey at `hold_below`), clearly about the answer
    just given (its topic first in the context reading, at `hold`): stay on it."""
    if len((parse.get("text") or "").split()) > t.hold_words:
        return False
    contextual = _topics(ranking(parse, "context_ranking"), known)
    bare = semantic[0][1] if semantic else 0.0
    bare_other = max((p for n, p in everything if n not in known), default=0.0)
    return (
        bool(contextual)
        and contextual[0][0] == previous_topic
        and contextual[0][1] >= t.hold
        and max(bare, bare_other) < t.hold_below
    )


def decide(
    parse: dict[str, Any],
    known: set[str],
    previous_topic: str | None = None,
    t: Thresholds = THRESHOLDS,
) -> Decision:
    """Decide for one parsed message; `known` are the valid topic keys."""
    selector = selector_scores(parse)
    everything = ranking(parse, "ranking")
    semantic = _topics(everything, known)
    text = parse.get("text") or ""

    if previous_topic and same_question(text):
        if semantic and semantic[0][0] != previous_topic and semantic[0][1] >= t.strong:
            return Decision(semantic[0][0], in_context=True, reason="follow-up, named topic")
        return Decision(previous_topic, in_context=True, reason="follow-up, same question")
    follow_up = bool(previous_topic) and looks_like_follow_up(text)
    if follow_up:
        in_context = _in_context(parse, known, previous_topic, semantic, t)
        if in_context is not None:
            return in_context

    if previous_topic and _context_holds(parse, known, previous_topic, semantic, everything, t):
        return Decision(previous_topic, in_context=True, reason="follow-up, context holds")

    scores = combined(semantic, selector, known)
    journeys = [(n, p) for n, p in everything if n in JOURNEY_BUTTONS]
    lead_journey, lead_p = journeys[0] if journeys else (None, 0.0)
    topic_p = semantic[0][1] if semantic else 0.0
    journey_leads = (
        lead_journey is not None
        and lead_p >= t.journey_lead
        and lead_p >= topic_p + t.journey_margin
    )
    if scores:
        best, score = scores[0]
        runner_up = scores[1][1] if len(scores) > 1 else 0.0
        # Something the matcher is sure is not a question (a journey, a greeting)
        # is not answered as a topic.
        other_first = (
            bool(everything) and everything[0][0] not in known and everything[0][1] >= t.journey
        )
        clear = score >= t.answer and score - runner_up >= t.margin
        if clear and not journey_leads and (not other_first or score >= t.strong):
            return Decision(best, reason=f"score {score:.2f}")
    if journey_leads and lead_journey in DIRECT_JOURNEYS and lead_p >= t.run_journey_lead:
        return Decision(
            None, journey=lead_journey, run=DIRECT_JOURNEYS[lead_journey], reason="journey leads"
        )
    journey = everything[0][0] if everything else None
    if journey_leads:
        journey = lead_journey
    elif journey not in JOURNEY_BUTTONS or everything[0][1] < t.journey:
        journey = _classifier_journey(parse, t)
    elif journey in DIRECT_JOURNEYS and everything[0][1] >= t.run_journey:
        return Decision(None, journey=journey, run=DIRECT_JOURNEYS[journey], reason="journey")
    selector_topics = [k for k in selector if k in known]
    # The combined ranking first; topics only one reading had fill any gap.
    choices = list(
        dict.fromkeys(
            [k for k, _ in scores[:MAX_SUGGESTIONS]]
            + [k for k, _ in semantic[:MAX_SUGGESTIONS]]
            + selector_topics[:MAX_SUGGESTIONS]
        )
    )
    # Unsure of a short message after an answer ("who goes?", "can I apply as a
    # professional?"): read it in the context of that answer before asking.
    short = len(text.split()) <= FOLLOW_UP_MAX_WORDS
    if previous_topic and not follow_up and short and journey is None:
        in_context = _in_context(parse, known, previous_topic, semantic, t)
        if in_context is not None:
            return in_context
    if journey is None:
        journey = next(
            (n for n, p in everything[:5] if n in JOURNEY_BUTTONS and p >= t.offer_meaning_journey),
            None,
        )
    # Unsure after an answer, with the topic just answered among the closest: the
    # conversation is most likely still on it ("and if her son takes his side?").
    if previous_topic and journey is None and previous_topic in choices[: t.stay_within]:
        return Decision(previous_topic, in_context=True, reason="follow-up, still on it")
    return Decision(None, tuple(choices[:MAX_SUGGESTIONS]), journey=journey, reason="unsure")
