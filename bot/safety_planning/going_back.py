""" "Back" in the safety-planning walkthrough: the previous step, with its answers kept.

Going back never loses work silently. A list step comes back with what was
chosen as the draft, to add to or confirm with "Done"; any other step comes back
with its answer held, shown, and kept if the practitioner says "keep it" (or
replaced by whatever they type instead). The message says what was kept.
"""

from __future__ import annotations

from typing import Any

from bot.safety_planning.content import ChoiceOption, Step, Walkthrough
from bot.walkthrough.controls import payload
from bot.walkthrough.words import KEEP, plain

HELD = "sp_back"
SKIPPED = "skipped"


def shown(step: Step, value: Any) -> str:
    """An answer as the practitioner gave it."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if step.kind == "choice":
        labels = {o.id: o.label for o in step.options if isinstance(o, ChoiceOption)}
        return labels.get(str(value), str(value))
    if step.kind == "dash" and isinstance(value, int):
        return f"{value} topics answered yes"
    return str(value)


def back(
    walkthrough: Walkthrough, step: Step, slots: dict[str, Any], skipped: list[str]
) -> tuple[dict[str, Any], str | None]:
    """ "Back" at `step`: undo the last choice of a list or DASH topic in progress, else
    go to the previous step with its answers kept."""
    topics = slots.get("sp_dash_topics")
    if step.kind == "dash" and topics:
        return {step.slot: None, "sp_dash_topics": topics[:-1]}, None
    if step.kind == "multi" and slots.get("sp_draft"):
        removed = slots["sp_draft"][-1]
        return (
            {step.slot: None, "sp_draft": slots["sp_draft"][:-1]},
            f'Took out "{removed}". Say "back" again to take out the one before, or carry on.',
        )
    index = walkthrough.slots.index(step.slot)
    if index == 0:
        return {step.slot: None}, "This is the first step."
    previous = walkthrough.slots[index - 1]
    updates, note = back_to(walkthrough, previous, slots)
    updates |= {
        step.slot: None,
        "sp_dash_topics": None,
        "sp_skipped": [s for s in skipped if s != previous],
    }
    return updates, note


def back_to(walkthrough: Walkthrough, previous: str, slots: dict[str, Any]) -> tuple[dict, str]:
    """Slot updates and the message for going back to `previous`, its answer kept."""
    step = walkthrough.step(previous)
    old = slots.get(previous)
    title = f"Back to step {walkthrough.number_of(previous)}: {step.title}."
    updates: dict[str, Any] = {previous: None, HELD: None, "sp_draft": None}
    if old is None or old == SKIPPED:
        return updates, title
    if step.kind == "multi" and isinstance(old, list):
        kept = [v for v in old if v != "None noted"]
        updates["sp_draft"] = kept or None
        if kept:
            return updates, (
                f"{title} I've kept what you had: {shown(step, kept)}. Add to it, or say "
                '"Done" to keep it as it is.'
            )
        return updates, title
    updates[HELD] = {"slot": previous, "value": old}
    return updates, (f'{title} You had: {shown(step, old)}. Type a new answer, or say "keep it".')


def kept(slots: dict[str, Any], slot: str, text: str) -> dict[str, Any] | None:
    """The updates that restore the held answer when the practitioner keeps it."""
    held = slots.get(HELD)
    if held and held.get("slot") == slot and plain(text) in KEEP:
        return {slot: held["value"], HELD: None}
    return None


def keep_button(slots: dict[str, Any], slot: str) -> list[dict[str, str]]:
    held = slots.get(HELD)
    if held and held.get("slot") == slot:
        return [{"title": "Keep my answer", "payload": payload("keep it")}]
    return []
