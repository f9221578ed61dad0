"""The safety-planning summary: Markdown the practitioner can copy or download."""

from __future__ import annotations

from typing import Any

from bot.knowledge.areas import Area
from bot.knowledge.directory import NationalDirectory
from bot.risk.marac import MaracDecision, RiskAnswers
from bot.safety_planning.content import ChoiceOption, NextSteps, Walkthrough
from bot.safety_planning.flow import NOT_DONE, SKIPPED, UNKNOWN


def risk_answers(walkthrough: Walkthrough, slots: dict[str, Any]) -> RiskAnswers:
    def number(slot: str) -> int | None:
        value = slots.get(slot)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    history: ChoiceOption | None = None
    if slots.get("sp_marac_history") not in (None, SKIPPED):
        history = walkthrough.step("sp_marac_history").choice(slots["sp_marac_history"])
    return RiskAnswers(
        dash_yes=number("sp_dash"),
        incidents_12_months=number("sp_incidents"),
        months_since_marac=history.months_since if history else None,
        incident_since_marac=history.incident_since if history else None,
        judgement_high=slots.get("sp_judgement") == "high",
    )


def _answer_lines(
    walkthrough: Walkthrough, slot: str, value: Any, dash_source: str | None
) -> list[str]:
    step = walkthrough.step(slot)
    if value == SKIPPED:
        return ["- Skipped."]
    if value is None:
        return ["- Not answered."]
    if step.kind == "multi":
        return [f"- {item}" for item in value]
    if step.kind == "choice":
        return [f"- {step.choice(value).label}"]
    if step.kind == "dash":
        if value == NOT_DONE:
            return ["- DASH checklist not completed yet."]
        how = (
            "counted from a topic-by-topic walk-through here: confirm it with SafeLives' checklist"
            if dash_source == "topics"
            else "from the completed checklist"
        )
        return [f'- {value} "yes" answers ({how}).']
    if step.kind == "number":
        return ["- Not known."] if value == UNKNOWN else [f"- {value}"]
    return [f"- {value}"]


def build_summary(
    walkthrough: Walkthrough,
    slots: dict[str, Any],
    decision: MaracDecision,
    next_steps: NextSteps,
    directory: NationalDirectory,
    area: Area,
) -> str:
    lines = [
        "# Safety-planning summary",
        "",
        "Safe & Together mapping. No names or identifying details; this assistant does not "
        "keep a copy.",
    ]
    seen_groups: list[str] = []
    for step in walkthrough.steps:
        group = step.title.split(" - ")[0]
        if group not in seen_groups:
            seen_groups.append(group)
            lines += ["", f"## {len(seen_groups)}. {group}"]
        if " - " in step.title:
            part = step.title.split(" - ", 1)[1]
            lines.append(f"**{part[0].upper()}{part[1:]}**")
        lines += _answer_lines(
            walkthrough, step.slot, slots.get(step.slot), slots.get("sp_dash_source")
        )

    area_note = f" ({area.name}{', an example area' if area.example else ''})"
    if decision.refer:
        lines += ["", f"**MARAC: the referral criteria are met**{area_note}."]
        lines += [f"- {reason}" for reason in decision.met.values()]
    else:
        lines += ["", f"**MARAC: the referral criteria are not met on these answers**{area_note}."]
        lines += [f"- {reason}" for reason in decision.not_met]
        lines.append("- Your professional judgement can still justify a referral on its own.")

    has_children = any(
        slots.get(s) not in (None, SKIPPED, ["None noted"]) for s in ("sp_child_harm", "sp_impact")
    )
    wanted = {"always", "perpetrator", "marac" if decision.refer else "not_marac"}
    if has_children:
        wanted.add("children")
    lines += ["", "## Recommended next steps"]
    for number, step in enumerate((s for s in next_steps.steps if s.when in wanted), start=1):
        text = step.text
        if step.service:
            service = directory.get(step.service)
            if service.contact not in text:
                text += f" {service.name}: {service.contact}."
        lines.append(f"{number}. {text}")

    lines += ["", "## Safe & Together language reminders"]
    lines += [f"- {reminder}" for reminder in next_steps.language_reminders]
    lines += ["", "## Case consultation", next_steps.consultation]
    skipped = [walkthrough.step(s).title for s in slots.get("sp_skipped") or []]
    if skipped:
        lines += ["", "Skipped: " + "; ".join(skipped) + "."]
    lines += ["", f"Sources: {walkthrough.source} MARAC criteria: {area.marac.source}."]
    return "\n".join(lines) + "\n"
