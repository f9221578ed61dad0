"""The commissioning checklist as a pure state machine: one answer in, slot updates out.

Slots: `cm_service` ({"id", "name"}), `cm_tier`, `cm_answers` ({requirement id:
{"status", "reason"}}), `cm_pending_reason` (the requirement waiting for a reason
it does not apply), `cm_requirement` ("done" once every requirement is answered)
and `cm_paused`. The Rasa form asks for the first empty one; this module decides
what an answer does. Controls ("back", "skip", "stop", "start again") are shared
with the safety-planning walkthrough.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.commissioning.content import TIER_ORDER, Requirement, Requirements, Tiers
from bot.walkthrough.controls import control_word, normalise
from bot.walkthrough.words import KEEP, plain

DONE = "done"
SLOTS = ("cm_service", "cm_tier", "cm_requirement")
HELPER_SLOTS = ("cm_answers", "cm_pending_reason", "cm_paused", "cm_back")
STATUS_SHOWN = {"in_contract": "already in the contract", "add": "add it",
                "not_applicable": "not applicable", "skipped": "skipped"}  # fmt: skip
STATUSES = ("in_contract", "add", "not_applicable")
_STATUS_WORDS = {
    "in_contract": {"already in", "already in the contract", "in the contract", "in contract",
                    "we have it", "already there", "already covered", "covered", "have it",
                    "got it already", "we've got that", "already got it", "it's in there",
                    "it's already in", "already have it", "already in there"},
    "add": {"add", "add it", "add this", "yes add it", "include it", "not yet", "needs adding",
            "we should add it", "please add", "put it in", "put it in the contract", "add that",
            "include", "include that", "add one", "we need it", "we need that", "needs adding in",
            "add to contract", "add to the contract", "go on add it"},
    "not_applicable": {"not applicable", "n/a", "na", "doesn't apply", "does not apply",
                       "not relevant", "not needed", "doesn't apply to us", "not for us",
                       "no need", "irrelevant", "not applicable here"},
}  # fmt: skip
_YES = {"yes", "y", "yeah", "yep", "that's right", "thats right", "correct", "right", "ok", "fine"}
_CHANGE_TIER = {"change tier", "change the tier", "wrong tier", "different tier", "change it"}
_NA_WITH_REASON = re.compile(
    r"^(?:not applicable|n/a|na\b|doesn't apply|does not apply|not relevant|not needed)\s*[:,-]?\s*"
    r"(?:because|as|since|-|:)?\s*(?P<reason>.{3,})$",
    re.IGNORECASE,
)
MAX_NAME = 60
MAX_REASON = 200


@dataclass
class Outcome:
    updates: dict[str, Any] = field(default_factory=dict)
    note: str | None = None


def cleared() -> dict[str, Any]:
    return {slot: None for slot in (*SLOTS, *HELPER_SLOTS)}


def applicable(requirements: Requirements, tier: str | None) -> tuple[Requirement, ...]:
    return requirements.for_tier(tier) if tier else ()


def next_requirement(
    requirements: Requirements, slots: dict[str, Any]
) -> tuple[int, Requirement] | None:
    """The first requirement of the tier not yet answered, with its number (from 1)."""
    answers = slots.get("cm_answers") or {}
    for number, requirement in enumerate(applicable(requirements, slots.get("cm_tier")), 1):
        if requirement.id not in answers:
            return number, requirement
    return None


def _tier_named(text: str) -> str | None:
    said = normalise(text)
    for tier in TIER_ORDER:
        if said.startswith(tier) or said == f"{tier} service":
            return tier
    if "specialist" in said or "domestic abuse service" in said:
        return "specialist"
    return None


def proposed_tier(tiers: Tiers, slots: dict[str, Any]) -> str | None:
    service = slots.get("cm_service") or {}
    known = tiers.service(service.get("id") or "")
    return known.tier if known else None


def handle_service(tiers: Tiers, text: str) -> Outcome:
    """A button (a service id) or the commissioner's own words."""
    control = control_word(text)
    if control == "stop":
        return Outcome({"cm_paused": True})
    known = tiers.service(text.strip()) or tiers.match_service(text)
    if known:
        return Outcome({"cm_service": {"id": known.id, "name": known.name}})
    words = text.strip()
    if len(words) < 3 or control:
        return Outcome(note="Which service is the contract for? Pick one or describe it.")
    return Outcome({"cm_service": {"id": None, "name": words[:MAX_NAME]}})


def handle_tier(tiers: Tiers, text: str, slots: dict[str, Any]) -> Outcome:
    control = control_word(text)
    if control == "stop":
        return Outcome({"cm_paused": True})
    if control == "back":
        return Outcome({"cm_service": None, "cm_tier": None})
    said = normalise(text)
    tier = _tier_named(text)
    if tier is None and said in _YES:
        tier = proposed_tier(tiers, slots)
    if tier is None:
        return Outcome(note="Please choose universal, targeted or specialist.")
    return Outcome({"cm_tier": tier})


def handle_requirement(requirements: Requirements, text: str, slots: dict[str, Any]) -> Outcome:
    """An answer to the current requirement, or a control word."""
    answers = dict(slots.get("cm_answers") or {})
    pending = slots.get("cm_pending_reason")
    current = next_requirement(requirements, slots)
    control = control_word(text)
    said = plain(text)

    if control == "stop":
        return Outcome({"cm_paused": True})
    if control == "restart":
        return Outcome(cleared())
    if said in _CHANGE_TIER:
        return Outcome({"cm_tier": None, "cm_pending_reason": None})
    if control == "back":
        ordered = [r.id for r in applicable(requirements, slots.get("cm_tier")) if r.id in answers]
        if pending:
            return Outcome({"cm_pending_reason": None})
        if ordered:
            held = {"id": ordered[-1], **answers.pop(ordered[-1])}
            return Outcome({"cm_answers": answers, "cm_back": held}, _held_note(requirements, held))
        return Outcome({"cm_tier": None, "cm_back": None})
    held = slots.get("cm_back")
    if held and current and held.get("id") == current[1].id and said in KEEP:
        answers[held["id"]] = {"status": held["status"], "reason": held.get("reason")}
        return _advance(requirements, slots, answers, {"cm_back": None})

    if pending:
        reason = text.strip()[:MAX_REASON] if control != "skip" else None
        answers[pending] = {"status": "not_applicable", "reason": reason}
        return _advance(requirements, slots, answers, {"cm_pending_reason": None})
    if current is None:
        return Outcome({"cm_requirement": DONE})
    requirement = current[1]
    if control == "skip":
        answers[requirement.id] = {"status": "skipped", "reason": None}
        return _advance(requirements, slots, answers)
    if said in STATUSES:
        status = said
    else:
        status = next((s for s, words in _STATUS_WORDS.items() if said in words), None)
    inline = _NA_WITH_REASON.match(text.strip())
    if inline and status is None:
        answers[requirement.id] = {
            "status": "not_applicable",
            "reason": inline.group("reason").strip()[:MAX_REASON],
        }
        return _advance(requirements, slots, answers)
    if status is None:
        return Outcome(
            note="Is it already in the contract, one to add, or not applicable? "
            "(Or say skip, back or stop.)"
        )
    if status == "not_applicable":
        return Outcome(
            {"cm_answers": answers, "cm_pending_reason": requirement.id, "cm_back": None}
        )
    answers[requirement.id] = {"status": status, "reason": None}
    return _advance(requirements, slots, answers)


def _held_note(requirements: Requirements, held: dict[str, Any]) -> str:
    """What going back kept: the answer, shown, until it is changed or kept."""
    title = requirements.get(held["id"]).title  # type: ignore[union-attr]
    said = f'"{STATUS_SHOWN.get(held.get("status"), held.get("status"))}"'
    if held.get("reason"):
        said += f', because "{held["reason"]}"'
    return f'Back to "{title}". You had said {said}: answer again, or say "keep my answer".'


def _advance(
    requirements: Requirements,
    slots: dict[str, Any],
    answers: dict[str, Any],
    extra: dict[str, Any] | None = None,
) -> Outcome:
    updates = {"cm_answers": answers, "cm_back": None, **(extra or {})}
    remaining = next_requirement(requirements, {**slots, "cm_answers": answers})
    updates["cm_requirement"] = DONE if remaining is None else None
    return Outcome(updates)
