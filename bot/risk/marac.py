"""MARAC referral criteria, applied to what the practitioner told us.

Each criterion met is returned with a one-line reason, so the practitioner sees
why. Professional judgement alone is enough, and nothing here lowers a high score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.knowledge.areas import MaracCriteria

Criterion = Literal["visible_high_risk", "professional_judgement", "potential_escalation", "repeat"]


@dataclass(frozen=True)
class RiskAnswers:
    dash_yes: int | None = None
    incidents_12_months: int | None = None
    months_since_marac: int | None = None
    incident_since_marac: bool | None = None
    judgement_high: bool | None = None


@dataclass(frozen=True)
class MaracDecision:
    refer: bool
    met: dict[Criterion, str] = field(default_factory=dict)
    not_met: list[str] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        """A category for the anonymised log."""
        return "marac_referral" if self.refer else "below_marac_threshold"


def decide(answers: RiskAnswers, criteria: MaracCriteria) -> MaracDecision:
    met: dict[Criterion, str] = {}
    not_met: list[str] = []

    if answers.dash_yes is not None and answers.dash_yes >= criteria.visible_high_risk:
        met["visible_high_risk"] = (
            f'Visible high risk: {answers.dash_yes} "yes" answers on the DASH '
            f"(threshold {criteria.visible_high_risk})."
        )
    elif answers.dash_yes is not None:
        not_met.append(
            f'{answers.dash_yes} "yes" answers is below the visible high risk threshold '
            f"of {criteria.visible_high_risk}."
        )
    else:
        not_met.append("No DASH score was given: complete the checklist with her if you can.")

    if answers.judgement_high:
        met["professional_judgement"] = (
            "Professional judgement: you believe she is at high risk, which is enough "
            "for a referral on its own."
        )

    incidents = answers.incidents_12_months
    if incidents is not None and incidents >= criteria.escalation_incidents:
        met["potential_escalation"] = (
            f"Potential escalation: {incidents} incidents or police call-outs in the last "
            f"{criteria.window_months} months (threshold {criteria.escalation_incidents})."
        )

    months = answers.months_since_marac
    if months is not None and answers.incident_since_marac:
        if months <= criteria.window_months:
            met["repeat"] = (
                f"Repeat: a further incident within {criteria.window_months} months of her "
                "last referral to MARAC. Refer back, and ask the MARAC to review the previous "
                "action plan."
            )
        else:
            not_met.append(
                f"Her last referral to MARAC was more than {criteria.window_months} months ago, so "
                "this is not a repeat; the other criteria still apply."
            )

    return MaracDecision(refer=bool(met), met=met, not_met=not_met)
