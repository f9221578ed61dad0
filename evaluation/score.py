"""Scoring one reply of the running assistant: pure functions over what came back."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.decide import JOURNEY_BUTTONS
from bot.safety.grading import crisis_nets

# What each journey expectation looks like in the interaction log.
JOURNEYS = {
    "start_safety_planning": {"journey": "safety_planning"},
    "start_commissioning": {"journey": "commissioning"},
    "check_wording": {"journey": "language_coach"},
    "ask_referral_pathway": {"journey": "referral_pathway"},
    "request_consultation": {"journey": "consultation_requested"},
    "ask_helplines": {"action": "action_show_helplines"},
}


_REPORT_LABELS = {"meaning_clear": "meaning"}
_NOT_REPORTED = {"meaning_possible", "meaning_resolved"}


@dataclass(frozen=True)
class Reply:
    """One turn as the user saw it, with the labels the log recorded (test mode)."""

    texts: tuple[str, ...]
    button_titles: tuple[str, ...]
    topic: str
    journey: str
    action: str
    intent: str
    fallback: bool
    crisis_nets: str = ""

    @classmethod
    def from_response(cls, messages: list[dict[str, Any]], headers: Any) -> Reply:
        return cls(
            texts=tuple(m.get("text") or "" for m in messages),
            button_titles=tuple(
                b.get("title") or "" for m in messages for b in (m.get("buttons") or [])
            ),
            topic=headers.get("x-eval-topic", ""),
            journey=headers.get("x-eval-journey", ""),
            action=headers.get("x-eval-action", ""),
            intent=headers.get("x-eval-intent", ""),
            fallback=headers.get("x-eval-fallback") == "1",
            crisis_nets=headers.get("x-eval-crisis-nets", ""),
        )

    def nets(self, crisis_text: str) -> str:
        """Which nets fired: phrase rules, meaning, the model's intent (the metrics' reading,
        `crisis_nets`, in this report's labels: the meaning net when sure or made clear by
        "now", not when only possible)."""
        matched = tuple(n for n in self.crisis_nets.split(",") if n)
        fired = crisis_nets(matched, self.intent == "crisis")
        return "+".join(_REPORT_LABELS.get(n, n) for n in fired if n not in _NOT_REPORTED) or "-"

    def got(self) -> str:
        """A short label of what the assistant did, for the confusion list."""
        if self.topic.startswith("faq/"):
            return "topic:" + self.topic.removeprefix("faq/")
        for name, want in JOURNEYS.items():
            if all(getattr(self, k) == v for k, v in want.items()):
                return "journey:" + name
        if self.fallback:
            return "asked_to_choose" if self.button_titles else "fallback"
        return f"other:{self.intent or '-'}/{self.action or '-'}"


# Topics added on 2026-11-25 that carve a narrower subject out of an older one (the
# older topic's examples on that subject moved to the new one). A held-out question
# written for the older topic, answered with its narrower part, is counted right in
# the second reading of the figures ("with splits"); the strict reading is kept
# beside it. Decided before the sealed halves were run with these topics.
SPLITS: dict[str, tuple[str, ...]] = {
    "culture_and_diversity": ("nrpf",),
    "dash_checklist": ("dara",),
    "marac_thresholds": ("dara",),
    "child_contact": ("contact_stop_advice", "contact_with_nonmol", "section7_reports"),
    "pregnancy_and_babies": ("pre_birth_assessment",),
    "ypva": ("teen_relationship_abuse",),
    "operation_encompass": ("early_years_notifications",),
    "male_and_lgbt_victims": ("counter_allegations",),
    "perpetrator_denial": ("counter_allegations",),
    "marac_to_marac": ("transfer_in",),
    "da_act_definition": ("adult_family_violence", "teen_relationship_abuse"),
    "honour_based_abuse": ("adult_family_violence",),
    "tech_abuse": ("tech_safety_service",),
    "perpetrator_programmes": ("respect_accreditation",),
    "st_evidence": ("st_uk_adoption", "measuring_outcomes"),
    "whole_family_approach": ("da_navigators",),
    "near_miss_reviews": ("case_law_and_reviews",),
}


def outcome(expect: str, reply: Reply, titles: dict[str, str], splits: bool = False) -> str:
    """'right', 'wrong', 'choose_right' (asked, right one offered) or 'choose_wrong'."""
    kind, _, name = expect.partition(":")
    if kind == "journey":
        want = JOURNEYS[name]
        if all(getattr(reply, k) == v for k, v in want.items()):
            return "right"
    elif not reply.fallback:
        accepted = {name, *SPLITS.get(name, ())} if splits else {name}
        if reply.topic.removeprefix("faq/") in accepted and reply.topic.startswith("faq/"):
            return "right"
    if reply.fallback and reply.button_titles:
        title = JOURNEY_BUTTONS.get(name) if kind == "journey" else titles.get(name)
        return "choose_right" if title and title in reply.button_titles else "choose_wrong"
    return "wrong"


@dataclass
class Tally:
    counts: Counter = field(default_factory=Counter)
    by_group: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    confusions: Counter = field(default_factory=Counter)

    def add(self, group: str, result: str, expect: str, got: str) -> None:
        self.counts[result] += 1
        self.by_group[group][result] += 1
        if result != "right":
            self.confusions[(expect, got)] += 1

    def rates(self, counts: Counter | None = None) -> dict[str, Any]:
        c = counts if counts is not None else self.counts
        total = sum(c.values()) or 1
        return {
            "n": sum(c.values()),
            "answered_right": c["right"],
            "answered_wrong": c["wrong"],
            "asked_right_offered": c["choose_right"],
            "asked_right_not_offered": c["choose_wrong"],
            "answered_right_pct": round(100 * c["right"] / total, 1),
            "answered_wrong_pct": round(100 * c["wrong"] / total, 1),
            "asked_to_choose_pct": round(100 * (c["choose_right"] + c["choose_wrong"]) / total, 1),
        }


def crisis_grade(reply_texts: tuple[str, ...], crisis_text: str, short_line: str) -> str:
    """'999_first', 'short_line' or 'none': what the user saw first."""
    first = reply_texts[0] if reply_texts else ""
    if first == crisis_text:
        return "999_first"
    if first == short_line:
        return "short_line"
    return "none"
