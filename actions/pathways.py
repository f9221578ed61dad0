"""Referral pathways, the user's local area, and case consultations."""

from __future__ import annotations

import re
import uuid
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.knowledge.area_choice import ask_which_area, pathway_text, set_area_reply, slot_value
from bot.knowledge.areas import Area, area_ids, resolve_area
from bot.knowledge.directory import national_directory
from bot.pathways.engine import build, detect, order, pathways, render
from bot.vocabulary import CONSULTATION_REQUESTED, REFERRAL_PATHWAY, SCHOOL_DSL


def user_area(tracker: Tracker) -> Area:
    """The area the user named in this conversation, else the configured one. An area
    named without a file here is a `NotConfiguredArea` (bot/knowledge/areas.py): no local
    services, national MARAC thresholds, never another area's numbers."""
    area = tracker.get_slot("area")
    return resolve_area(area if isinstance(area, str) else None)


_SAYS_DSL = re.compile(
    r"\b(?:i'?m|i am|i work as|as the dsl,? i)\s+(?:the\s+|a\s+|our\s+|deputy\s+)*"
    r"(?:dsl|ddsl|designated safeguarding lead|safeguarding lead)\b",
    re.IGNORECASE,
)


def user_role(tracker: Tracker) -> str | None:
    """The role the user chose, or said in this message ("I'm the DSL")."""
    role = tracker.get_slot("role")
    if isinstance(role, str):
        return role
    said = (tracker.latest_message.get("text") or "").replace("\u2019", "'")
    return SCHOOL_DSL if _SAYS_DSL.search(said) else None


def _outcome(journey: str, outcome: str | None = None) -> SlotSet:
    return SlotSet(
        "journey_outcome", {"id": uuid.uuid4().hex, "journey": journey, "outcome": outcome}
    )


class ActionReferralPathway(Action):
    def name(self) -> str:
        return "action_referral_pathway"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        data = pathways()
        chosen = [
            e["value"]
            for e in tracker.latest_message.get("entities", [])
            if e.get("entity") == "situation" and e.get("value") in data.situations
        ]
        text = tracker.latest_message.get("text") or ""
        situations = order(chosen or detect(text, data), data)
        if not situations:
            dispatcher.utter_message(
                text="So I give you the right route: which of these fits best? "
                "If anyone is in immediate danger, call 999 first.",
                buttons=[
                    {
                        "title": situation.title,
                        "payload": "/ask_referral_pathway" + f'{{"situation": "{situation_id}"}}',
                    }
                    for situation_id, situation in data.situations.items()
                ],
            )
            return []
        local = user_area(tracker)
        directory = national_directory()
        steps = build(situations, data, local, directory, role=user_role(tracker))
        titles = "; ".join(data.situations[s].title.lower() for s in situations)
        body = pathway_text(render(steps, local, directory), local, directory)
        dispatcher.utter_message(text=f"Referral pathway for: {titles}.\n{body}")
        dispatcher.utter_message(
            json_message={
                "type": "pathway",
                "title": "Referral pathway",
                "markdown": f"# Referral pathway\n\nFor: {titles}.\n\n{body}\n",
            }
        )
        return [_outcome(REFERRAL_PATHWAY, "+".join(situations)[:40])]


class ActionSetArea(Action):
    """Keeps only a configured area's id or the not-configured marker: never the place."""

    def name(self) -> str:
        return "action_set_area"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        value = slot_value(tracker.latest_message.get("text") or "")
        if value is None:
            dispatcher.utter_message(text=ask_which_area(area_ids()))
            return []
        reply = set_area_reply(resolve_area(value), pathways(), national_directory())
        dispatcher.utter_message(text=reply)
        return [SlotSet("area", value)]


class ActionCaseConsultation(Action):
    def name(self) -> str:
        return "action_case_consultation"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        local = user_area(tracker)
        clinic = local.services.get("st_champions")
        if clinic is None:
            where = (
                f"{local.name} has no Safe & Together champion or clinic in its local directory."
                if local.configured
                else "I have no local directory for your area, so I can't name a Safe & "
                "Together champion or clinic there."
            )
            text = (
                f"{where} "
                "Ask your supervisor or safeguarding lead about a case consultation; in the "
                "meantime the National Domestic Abuse Helpline "
                f"({national_directory().get('national_da_helpline').number}) also advises "
                "professionals."
            )
        else:
            text = (
                "Talking a family through with someone who knows the model helps: "
                f"{clinic.as_line()}"
            )
            if local.example:
                text += " (This is an example area: these contacts are not real.)"
        role: Any = tracker.get_slot("role")
        dispatcher.utter_message(text=text)
        return [_outcome(CONSULTATION_REQUESTED, role if isinstance(role, str) else None)]
