"""The commissioner's checklist: start, validate, ask, finish (the schedule), resume."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.walkthrough import WalkthroughValidation
from bot.commissioning.content import TIER_ORDER, requirements, tiers
from bot.commissioning.flow import (
    SLOTS,
    cleared,
    handle_requirement,
    handle_service,
    handle_tier,
    next_requirement,
    proposed_tier,
)
from bot.commissioning.schedule import Answer, build_schedule
from bot.documents.asking import card, chat_text
from bot.documents.codec import to_data
from bot.vocabulary import COMMISSIONING
from bot.walkthrough.controls import payload

FORM = "commissioning_form"
DOCUMENT_SLOT = "cm_document"
CONTROLS = (
    'Say "back", "skip", "change the tier", "stop" (you can carry on later) or "start again".'
)
# Services offered as buttons: a spread across the tiers.
SERVICE_BUTTONS = ("housing_support", "public_health", "substance_misuse", "refuse_collection",
                   "financial_advice", "idva_service")  # fmt: skip


def held_button(held: Any, requirement_id: str) -> list[dict[str, str]]:
    """After "back", the answer given before can be kept with one press."""
    if isinstance(held, dict) and held.get("id") == requirement_id:
        return [{"title": "Keep my answer", "payload": payload("keep my answer")}]
    return []


def _reset() -> list[EventType]:
    return [SlotSet(slot, value) for slot, value in cleared().items()]


class ActionStartCommissioning(Action):
    def name(self) -> str:
        return "action_start_commissioning"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(
            text="Let's build domestic-abuse requirements into this contract, scaled to the "
            "service. I'll propose a tier, then go through each requirement: for each, tell "
            "me if it's already in the contract, one to add, or not applicable. " + CONTROLS
        )
        events = [*_reset(), SlotSet(DOCUMENT_SLOT, None)]
        # "I'm writing a contract for housing support": no need to ask which service.
        known = tiers().match_service(tracker.latest_message.get("text") or "")
        if known:
            events.append(SlotSet("cm_service", {"id": known.id, "name": known.name}))
        return events


class ValidateCommissioningForm(WalkthroughValidation):
    # "stop" pauses: the form ends and the answers are kept to carry on later.
    stopped_slot = "cm_paused"

    def name(self) -> str:
        return f"validate_{FORM}"

    def step_slots(self) -> tuple[str, ...]:
        return SLOTS

    def handle(
        self, slot: str, text: str, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> dict[str, Any]:
        if slot == "cm_service":
            outcome = handle_service(tiers(), text)
        elif slot == "cm_tier":
            outcome = handle_tier(tiers(), text, tracker.slots)
        else:
            outcome = handle_requirement(requirements(), text, tracker.slots)
        if outcome.note:
            dispatcher.utter_message(text=outcome.note)
        return outcome.updates


class ActionAskService(Action):
    def name(self) -> str:
        return "action_ask_cm_service"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        data = tiers()
        buttons = [
            {"title": data.service(s).name, "payload": payload(s)}  # type: ignore[union-attr]
            for s in SERVICE_BUTTONS
        ]
        dispatcher.utter_message(
            text="Which service is the contract for? Pick one, or describe it in a few words "
            "(no provider names needed).",
            buttons=buttons,
        )
        return []


class ActionAskTier(Action):
    def name(self) -> str:
        return "action_ask_cm_tier"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        data = tiers()
        service = tracker.get_slot("cm_service") or {}
        proposal = proposed_tier(data, tracker.slots)
        known = data.service(service.get("id") or "")
        if proposal and known:
            tier = data.tier(proposal)
            text = (
                f"I'd put {known.name.lower()} in the **{tier.name.lower()}** tier: "
                f"{known.reason} Is that right, or would you like another tier?"
            )
            buttons = [{"title": "Yes, that's right", "payload": payload(proposal)}]
        else:
            text = "Which tier fits this service best?"
            buttons = []
        for tier in data.tiers:
            if tier.id != proposal:
                buttons.append({"title": tier.name, "payload": payload(tier.id)})
        lines = [text, *(f"- **{t.name}**: {t.description}" for t in data.tiers)]
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons)
        return []


class ActionAskRequirement(Action):
    def name(self) -> str:
        return "action_ask_cm_requirement"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        content = requirements()
        tier = tracker.get_slot("cm_tier")
        pending = tracker.get_slot("cm_pending_reason")
        if pending:
            title = content.get(pending).title  # type: ignore[union-attr]
            dispatcher.utter_message(
                text=f"Briefly, why doesn't {title.lower()} apply to this contract? "
                "It goes in the schedule's not-applicable list.",
                buttons=[{"title": "Skip the reason", "payload": payload("skip")}],
            )
            return []
        found = next_requirement(content, tracker.slots)
        if found is None:
            return []
        number, requirement = found
        total = len(content.for_tier(tier))
        dispatcher.utter_message(
            text=(
                f"Requirement {number} of {total}: {requirement.title}\n"
                f"- **What it means:** {requirement.means}\n"
                f"- **Why:** {requirement.why}\n"
                f"- **What good looks like:** {requirement.good_for(tier)}"
            ),
            buttons=[
                {"title": "Already in the contract", "payload": payload("in_contract")},
                {"title": "Add it", "payload": payload("add")},
                {"title": "Not applicable", "payload": payload("not_applicable")},
                *held_button(tracker.get_slot("cm_back"), requirement.id),
            ],
        )
        return []


class ActionFinishCommissioning(Action):
    def name(self) -> str:
        return "action_finish_commissioning"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.get_slot("cm_paused"):
            dispatcher.utter_message(
                text="Paused. Your answers are kept for this conversation, so you can carry "
                "on where you left off.",
                buttons=[
                    {"title": "Carry on with the checklist", "payload": "/resume_commissioning"},
                    {"title": "Start a new checklist", "payload": "/start_commissioning"},
                ],
            )
            return []
        tier = tracker.get_slot("cm_tier")
        service = tracker.get_slot("cm_service") or {}
        answers: dict[str, Any] = tracker.get_slot("cm_answers") or {}
        if tier not in TIER_ORDER:
            return _reset()
        known = tiers().service(service.get("id") or "")
        document = build_schedule(
            service.get("name") or "this contract",
            tier,
            {k: Answer(v["status"], v.get("reason")) for k, v in answers.items()},
            requirements(),
            tiers(),
            date.today(),
            known,
        )
        added = sorted(k for k, v in answers.items() if v.get("status") == "add")
        text = chat_text(document)
        dispatcher.utter_message(text=text)
        dispatcher.utter_message(json_message=card("schedule", document, text))
        dispatcher.utter_message(
            text='I keep this schedule only while this conversation lasts: say "show the '
            'schedule again" or "the schedule as a spreadsheet" at any time, until you '
            "start a new checklist.",
            buttons=[
                {"title": "Another contract", "payload": "/start_commissioning"},
                {"title": "How do I monitor compliance?", "payload": "Monitoring compliance"},
            ],
        )
        outcome = {
            "id": uuid.uuid4().hex,
            "journey": COMMISSIONING,
            "completed": True,
            "outcome": tier,
            "criteria": added,
            "skipped": sorted(k for k, v in answers.items() if v.get("status") == "skipped"),
        }
        return [
            *_reset(),
            SlotSet(DOCUMENT_SLOT, to_data(document)),
            SlotSet("journey_outcome", outcome),
        ]


class ActionResumeCommissioning(Action):
    def name(self) -> str:
        return "action_resume_commissioning"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(text="Carrying on with the checklist. " + CONTROLS)
        return [SlotSet("cm_paused", None)]
