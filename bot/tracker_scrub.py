"""What the engine's tracker store keeps of a conversation: no text, after the turn.

Used by `addons/tracker_store.py` inside the engine (Python 3.10, standard library
only, so it imports nothing else from `bot`). It works on the tracker as Rasa
serialises it (`tracker.as_dialogue().as_dict()`), just before it is stored, at
the end of each turn; the turn itself ran on the full, anonymised tracker in memory.

- A user event keeps its intent, confidences, entity *types*, message id and
  channel; its text, the parse data's text and every entity value become "".
- A bot event keeps which response it was (`metadata.utter_action`); its text and
  data (buttons, custom payloads such as the safety-planning summary, which can
  quote answers) go. The reply has already been sent.
- Free-text slots (`private_slots`: type text or any, not influencing the dialogue,
  e.g. the walkthrough's answers and the language coach's pasted text) keep only
  their *current* value, in the last event that set it. Every earlier value, and
  every value of a slot that is now empty (after "stop", "start again", a restart
  or a new session without it), becomes REMOVED. So an answer lives in the store
  only while the conversation still needs it, and is gone when the walkthrough or
  the conversation ends; the whole conversation expires after an idle time.

Policies never see what is removed: Rasa featurises intents, entity types, action
names and slots that influence the conversation, none of which change here.
"""

from __future__ import annotations

from typing import Any

REMOVED = "<removed>"
RASA_INTERNAL_SLOTS = frozenset({"requested_slot", "session_started_metadata"})


def private_slot_names(slots: list[Any]) -> frozenset[str]:
    """Slots that may hold typed text: text or any, and not influencing the dialogue."""
    return frozenset(
        slot.name
        for slot in slots
        if getattr(slot, "type_name", None) in ("text", "any")
        and not getattr(slot, "influence_conversation", True)
        and slot.name not in RASA_INTERNAL_SLOTS
    )


def _scrub_user(event: dict[str, Any]) -> None:
    event["text"] = ""
    parse = event.get("parse_data")
    if isinstance(parse, dict):
        parse["text"] = ""
        for entity in parse.get("entities") or ():
            if isinstance(entity, dict):
                entity["value"] = ""
                entity.pop("text", None)
    event.pop("metadata", None)


def _scrub_bot(event: dict[str, Any]) -> None:
    event["text"] = None
    event["data"] = {}


def scrub_dialogue(
    dialogue: dict[str, Any], current_slots: dict[str, Any], private_slots: frozenset[str]
) -> dict[str, Any]:
    """Remove text from a serialised dialogue in place (see the module docstring)."""
    events = [e for e in dialogue.get("events") or () if isinstance(e, dict)]
    last_set: dict[str, int] = {}
    for index, event in enumerate(events):
        kind = event.get("event")
        if kind == "user":
            _scrub_user(event)
        elif kind == "bot":
            _scrub_bot(event)
        elif kind == "slot" and event.get("name") in private_slots:
            last_set[event["name"]] = index
    for index, event in enumerate(events):
        if event.get("event") != "slot" or event.get("name") not in private_slots:
            continue
        name = event["name"]
        keep = last_set.get(name) == index and current_slots.get(name) is not None
        if not keep and event.get("value") is not None:
            event["value"] = REMOVED
    return dialogue
