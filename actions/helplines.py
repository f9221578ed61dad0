"""Shows national helplines from the one directory file (data/directory/national.yml)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.knowledge.directory import national_directory
from bot.vocabulary import COMMISSIONER, PRACTITIONER, SCHOOL_DSL

# Which services lead for each role; the rest follow in file order.
_LEAD_SERVICES = {
    SCHOOL_DSL: ("emergency", "childline", "nspcc_helpline", "national_da_helpline"),
    PRACTITIONER: ("emergency", "national_da_helpline", "respect_phoneline"),
    COMMISSIONER: ("emergency", "national_da_helpline"),
}


class ActionShowHelplines(Action):
    def name(self) -> str:
        return "action_show_helplines"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        directory = national_directory()
        lead = _LEAD_SERVICES.get(tracker.get_slot("role") or "", ("emergency",))
        ordered = sorted(
            directory.services,
            key=lambda s: lead.index(s.id) if s.id in lead else len(lead),
        )
        lines = [f"National services ({directory.region}):"]
        lines += [f"- {service.as_line()}" for service in ordered]
        sources = sorted({str(s.source) for s in ordered})
        lines.append("Sources: " + ", ".join(sources) + f". {directory.status()}.")
        text = "\n".join(lines)
        dispatcher.utter_message(
            text=text,
            json_message={
                "type": "directory",
                "title": "National helplines",
                # For the page's Copy and Download buttons.
                "markdown": "# National helplines\n\n" + text,
                "services": [
                    {
                        "name": s.name,
                        "number": s.number,
                        "website": str(s.website) if s.website else None,
                        "tel": s.tel_uri,
                        "hours": s.hours,
                        "audience": s.audience,
                        "source": str(s.source),
                        "entered_on": s.entered_on.isoformat(),
                        "verified_on": s.verified_on.isoformat() if s.verified_on else None,
                        "status": s.status(),
                    }
                    for s in ordered
                ],
            },
        )
        return []
