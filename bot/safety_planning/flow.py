"""The walkthrough as a pure state machine: one answer in, slot updates out.

The Rasa form asks the first empty step slot; this module decides what an answer
does to the slots: fill a step, add to a multi-select, move back, skip, stop or
start again. Keeping it free of rasa-sdk makes every path unit-testable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.safety_planning import going_back, wording
from bot.safety_planning.content import ChoiceOption, Step, Walkthrough
from bot.walkthrough.controls import control_word, normalise, payload
from bot.walkthrough.words import DONT_KNOW, number_in_words, plain

SKIPPED = going_back.SKIPPED
NOT_DONE = "not_done"
UNKNOWN = "unknown"
HELPER_SLOTS = (
    "sp_draft",
    "sp_dash_topics",
    "sp_dash_answers",
    "sp_dash_source",
    "sp_skipped",
    "sp_stopped",
    wording.PENDING,
    going_back.HELD,
)

QUESTION_BANK = {"questions to ask her", "questions", "question bank", "what should i ask her"}
_DONE = {"done", "that's all", "thats all", "finished", "next", "no more", "that's it"}
_NONE = {"none", "none of these", "nothing", "none known", "no", "n/a", "not known"}
_DASH_TOPICS = {"go through the topics", "topics", "go through topics", "walk me through it"}
_DASH_NOT_DONE = {"not done yet", "not done", "not completed", "no dash", "haven't done it"}
_YES = {"yes", "y", "yeah", "yep", "yes she did", "she did", "ticked", "yes ticked"}
_NO = {"no", "n", "nope", "no she didn't", "she didn't", "not ticked"}


def _norm(text: str) -> str:
    """Lower case, and without fillers: "not sure tbh" -> "not sure"."""
    said = normalise(text)
    return said if said in _YES | _NO else plain(text)


@dataclass
class Outcome:
    """Slot updates, and a note to show the user (e.g. why an answer was not taken)."""

    updates: dict[str, Any] = field(default_factory=dict)
    note: str | None = None
    show_question_bank: bool = False


def _clear_all(walkthrough: Walkthrough) -> dict[str, Any]:
    updates: dict[str, Any] = dict.fromkeys(walkthrough.slots)
    updates.update(
        {"sp_draft": None, "sp_dash_topics": None, "sp_dash_source": None, wording.PENDING: None,
         going_back.HELD: None}
    )  # fmt: skip
    return updates


def handle_answer(
    walkthrough: Walkthrough,
    slot: str,
    text: str,
    slots: dict[str, Any],
    from_button: bool = False,
) -> Outcome:
    """What an answer to the step in `slot` does. `slots` are the current slot values.

    On a multi-select step a button adds one choice and asks again; typed text
    (one item or a list) completes the step.
    """
    step = walkthrough.step(slot)
    skipped = list(slots.get("sp_skipped") or [])
    control = control_word(text)

    if control == "stop":
        return Outcome({**_clear_all(walkthrough), "sp_skipped": [], "sp_stopped": True})
    if control == "restart":
        return Outcome({**_clear_all(walkthrough), "sp_skipped": []}, "Starting again from step 1.")
    pending = slots.get(wording.PENDING)
    if pending and pending.get("slot") == slot:
        if control == "back":  # back to the step's own question; chosen options kept
            options = {str(o) for o in step.options}
            original = pending["original"]
            kept = [o for o in original if o in options] if isinstance(original, list) else []
            return Outcome({slot: None, wording.PENDING: None, "sp_draft": kept or None})
        chosen = wording.choice(text)
        if chosen is not None:
            value = pending["suggested"] if chosen == "use" else pending["original"]
            return Outcome({slot: value, wording.PENDING: None, "sp_draft": None})
    if control == "back":
        updates, note = going_back.back(walkthrough, step, slots, skipped)
        return Outcome(updates, note)
    restored = going_back.kept(slots, slot, text)
    if restored is not None:
        return Outcome(restored)
    if control == "skip":
        return Outcome(
            {
                slot: SKIPPED,
                "sp_draft": None,
                "sp_dash_topics": None,
                "sp_skipped": [*skipped, slot] if slot not in skipped else skipped,
            }
        )
    if step.offers_question_bank and _norm(text) in QUESTION_BANK:
        return Outcome({slot: None}, show_question_bank=True)
    if step.kind == "multi":
        outcome = _multi(step, text, slots, from_button)
    else:
        answer = {"text": _text, "dash": _dash, "number": _number, "choice": _choice}
        outcome = answer[step.kind](walkthrough, step, text, slots)
    outcome = _checked(step, outcome)
    if pending:  # a new answer replaces the one held
        outcome.updates.setdefault(wording.PENDING, None)
    if slots.get(going_back.HELD):
        outcome.updates.setdefault(going_back.HELD, None)
    return outcome


def _checked(step: Step, outcome: Outcome) -> Outcome:
    """Hold a typed answer the language coach flags until the practitioner chooses."""
    value = outcome.updates.get(step.slot)
    if step.kind == "text" and isinstance(value, str):
        typed: str | list[str] = value
    elif step.kind == "multi" and isinstance(value, list):
        options = {str(o) for o in step.options}
        typed = [item for item in value if item not in options]
    else:
        return outcome
    pending = wording.check(step.slot, value) if typed else None
    if pending is None:
        return outcome
    return Outcome({**outcome.updates, step.slot: None, wording.PENDING: pending})


def _split(text: str) -> list[str]:
    parts = re.split(r"\s*(?:[,;\n]|\band\b)\s*", text)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def _match_option(part: str, options: tuple[str, ...]) -> str:
    said = _norm(part)
    for option in options:
        if said == _norm(option):
            return option
    for option in options:
        if len(said) >= 4 and said in _norm(option):
            return option
    return part[:200]


def _multi(step: Step, text: str, slots: dict[str, Any], from_button: bool) -> Outcome:
    options = tuple(str(o) for o in step.options)
    draft = list(slots.get("sp_draft") or [])
    said = _norm(text)
    if said in _DONE:
        return Outcome({step.slot: draft or ["None noted"], "sp_draft": None})
    if said in _NONE and not draft:
        return Outcome({step.slot: ["None noted"], "sp_draft": None})
    exact = [o for o in options if _norm(o) == said]
    if exact and from_button:
        chosen = exact[0]
        if chosen not in draft:
            draft.append(chosen)
        return Outcome({step.slot: None, "sp_draft": draft})
    # A typed list (or a single free-text item) completes the step.
    for item in (_match_option(part, options) for part in _split(text)):
        if item not in draft:
            draft.append(item)
    return Outcome({step.slot: draft, "sp_draft": None})


def _text(walkthrough: Walkthrough, step: Step, text: str, slots: dict[str, Any]) -> Outcome:
    note = text.strip()
    if _norm(note) in _NONE:
        note = "None known"
    return Outcome({step.slot: note[:1000]})


def _integer(text: str) -> int | None:
    words = r"(?:\s+(?:yes(?:es)?|ticks?|answers?|incidents?|call-?outs?|times))*"
    match = re.fullmatch(r"\s*(\d{1,3})" + words + r"\s*", _norm(text))
    return int(match.group(1)) if match else number_in_words(text)


def _dash(walkthrough: Walkthrough, step: Step, text: str, slots: dict[str, Any]) -> Outcome:
    said = _norm(text)
    topics = slots.get("sp_dash_topics")
    if topics is not None:
        if said in _YES or said in _NO or said in DONT_KNOW:
            answer = "yes" if said in _YES else "no" if said in _NO else "unknown"
            topics = [*topics, answer]
            if len(topics) == len(walkthrough.dash_topics):
                return Outcome(
                    {
                        step.slot: topics.count("yes"),
                        "sp_dash_topics": None,
                        "sp_dash_answers": topics,
                        "sp_dash_source": "topics",
                    }
                )
            return Outcome({step.slot: None, "sp_dash_topics": topics})
        return Outcome({step.slot: None}, 'Please answer "yes", "no" or "don\'t know".')
    if said in _DASH_TOPICS:
        return Outcome({step.slot: None, "sp_dash_topics": []})
    if said in _DASH_NOT_DONE or said in DONT_KNOW:
        return Outcome({step.slot: NOT_DONE, "sp_dash_source": None, "sp_dash_answers": None})
    number = _integer(text)
    if number is not None and 0 <= number <= len(walkthrough.dash_topics):
        return Outcome({step.slot: number, "sp_dash_source": "entered", "sp_dash_answers": None})
    return Outcome(
        {step.slot: None},
        'The DASH has 24 questions: please give a number from 0 to 24, "go through the '
        'topics", or "not done yet".',
    )


def _number(walkthrough: Walkthrough, step: Step, text: str, slots: dict[str, Any]) -> Outcome:
    if _norm(text) in DONT_KNOW:
        return Outcome({step.slot: UNKNOWN})
    number = _integer(text)
    if number is not None and 0 <= number <= (step.max or 0):
        return Outcome({step.slot: number})
    return Outcome(
        {step.slot: None}, f'Please type a number from 0 to {step.max}, or "don\'t know".'
    )


def _choice(walkthrough: Walkthrough, step: Step, text: str, slots: dict[str, Any]) -> Outcome:
    said = _norm(text)
    for option in step.options:
        assert isinstance(option, ChoiceOption)
        if said in (option.id, _norm(option.label)):
            return Outcome({step.slot: option.id})
    return Outcome({step.slot: None}, "Please choose one of the buttons.")


def question(
    walkthrough: Walkthrough, slot: str, slots: dict[str, Any]
) -> tuple[str, list[dict[str, str]]]:
    """The text and buttons that ask for `slot`, given where the user is."""
    pending = slots.get(wording.PENDING)
    if pending and pending.get("slot") == slot:
        return wording.prompt(pending)
    step = walkthrough.step(slot)
    number = walkthrough.number_of(slot)
    header = f"Step {number} of {walkthrough.total_steps}: {step.title}"
    topics = slots.get("sp_dash_topics")
    controls = [
        {"title": "Skip", "payload": payload("skip")},
        {"title": "Back", "payload": payload("back")},
    ]

    if step.kind == "dash" and topics is not None:
        index = len(topics)
        text = (
            f"{header}\nTopic {index + 1} of {len(walkthrough.dash_topics)}: "
            f"{walkthrough.dash_topics[index]}\nDid she answer yes to this on the checklist?"
        )
        answers = [("Yes", "yes"), ("No", "no"), ("Don't know", "don't know")]
        buttons = [{"title": t, "payload": payload(a)} for t, a in answers]
        return text, [*buttons, {"title": "Back", "payload": payload("back")}]

    text = f"{header}\n{step.guidance}\n{step.question}"
    buttons: list[dict[str, str]] = []
    if step.kind == "multi":
        draft = list(slots.get("sp_draft") or [])
        if draft:
            text += "\nSo far: " + "; ".join(draft) + "."
        buttons = [
            {"title": str(o), "payload": payload(str(o))} for o in step.options if o not in draft
        ]
        if step.offers_question_bank:
            buttons.append(
                {"title": "Questions to ask her", "payload": payload("questions to ask her")}
            )
        buttons.append({"title": "Done", "payload": payload("done")})
    elif step.kind == "choice":
        buttons = [
            {"title": o.label, "payload": payload(o.id)}
            for o in step.options
            if isinstance(o, ChoiceOption)
        ]
    elif step.kind == "dash":
        buttons = [
            {"title": "Go through the topics", "payload": payload("go through the topics")},
            {"title": "Not done yet", "payload": payload("not done yet")},
        ]
    elif step.kind == "number":
        buttons = [{"title": "Don't know", "payload": payload("don't know")}]
    elif step.kind == "text":
        buttons = [{"title": "None known", "payload": payload("none known")}]
    return text, [*going_back.keep_button(slots, slot), *buttons, *controls]
