"""The safety-planning summary: a document the practitioner can file or take to supervision.

Built as a `bot.documents.model.Document` from the walkthrough's slots only, so the
chat text, the Word file and the PDF say the same. The practitioner's own words are
shown as typed (already anonymised and, where they chose, reworded by the language
check); what only they may write (case reference, their name) is left blank.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from bot.documents.model import Answer, Block, Bullets, Document, Field, Paragraph, Section
from bot.knowledge.areas import Area
from bot.knowledge.directory import NationalDirectory
from bot.knowledge.topics import Topic
from bot.risk.marac import MaracDecision, RiskAnswers
from bot.safety_planning.content import ChoiceOption, NextStep, NextSteps, Step, Walkthrough
from bot.safety_planning.flow import NOT_DONE, SKIPPED, UNKNOWN
from bot.safety_planning.tailoring import circumstances

TITLE = "Safety-planning summary"
SLUG = "safety-planning-summary"


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


def _answer_lines(step: Step, value: Any, dash_source: str | None) -> tuple[str, ...]:
    if value == SKIPPED:
        return ("Skipped.",)
    if value is None or value == []:
        return ("Not answered.",)
    if step.kind == "multi":
        return tuple(str(item) for item in value)
    if step.kind == "choice":
        return (step.choice(value).label,)
    if step.kind == "dash":
        if value == NOT_DONE:
            return ("DASH checklist not completed yet.",)
        how = (
            "counted from a topic-by-topic walk-through here: confirm it with SafeLives' checklist"
            if dash_source == "topics"
            else "from the completed checklist"
        )
        return (f'{value} "yes" answers ({how}).',)
    if step.kind == "number":
        return ("Not known.",) if value == UNKNOWN else (str(value),)
    return (str(value),)


def _dash_topics(walkthrough: Walkthrough, answers: Any) -> list[Block]:
    """The DASH topics answered yes or don't know, in this project's own summaries."""
    if not isinstance(answers, list) or len(answers) != len(walkthrough.dash_topics):
        return []
    blocks: list[Block] = []
    for answer, label in (("yes", "DASH topics answered yes"),
                          ("unknown", "DASH topics answered don't know")):  # fmt: skip
        lines = tuple(
            t for t, a in zip(walkthrough.dash_topics, answers, strict=True) if a == answer
        )
        blocks.append(Answer(label, lines or ("None.",)))
    return blocks


def _answers(walkthrough: Walkthrough, slots: Mapping[str, Any]) -> list[Section]:
    """One section per Safe & Together component, then one for risk."""
    groups: dict[str, list[Block]] = {}
    for step in walkthrough.steps:
        group, _, part = step.title.partition(" - ")
        lines = _answer_lines(step, slots.get(step.slot), slots.get("sp_dash_source"))
        block: Block = Answer(part[0].upper() + part[1:], lines) if part else Bullets(lines)
        groups.setdefault(group, []).append(block)
        if step.kind == "dash":
            groups[group] += _dash_topics(walkthrough, slots.get("sp_dash_answers"))
    return [
        Section(f"{number}. {group}", tuple(blocks))
        for number, (group, blocks) in enumerate(groups.items(), start=1)
    ]


def area_label(area: Area) -> str:
    """The area's name, marked as fictional when it is the example area."""
    if not area.configured:
        return "Not configured here: SafeLives' national MARAC criteria used"
    if area.example and "fictional" not in area.name.lower():
        return f"{area.name} (a fictional example area)"
    return area.name


def _marac(decision: MaracDecision, area: Area) -> Section:
    where = f"{area_label(area)}'s criteria" if area.configured else "national criteria"
    if decision.refer:
        verdict = Paragraph(f"The referral criteria are met ({where}).", strong=True)
        reasons = tuple(decision.met.values())
    else:
        verdict = Paragraph(
            f"The referral criteria are not met on these answers ({where}).",
            strong=True,
        )
        reasons = (
            *decision.not_met,
            "Your professional judgement can still justify a referral on its own.",
        )
    return Section("MARAC", (verdict, Bullets(reasons)))


def _wanted(decision: MaracDecision, slots: Mapping[str, Any], found: frozenset[str]) -> set[str]:
    wanted = {"always", "perpetrator", "marac" if decision.refer else "not_marac", *found}
    if any(
        slots.get(s) not in (None, SKIPPED, [], ["None noted"])
        for s in ("sp_child_harm", "sp_impact")
    ):
        wanted.add("children")
    return wanted


def _step_text(step: NextStep, directory: NationalDirectory, topics: Mapping[str, Topic]) -> str:
    text = step.text
    if step.service:
        service = directory.get(step.service)
        if service.contact not in text:
            text += f" {service.name}: {service.contact}."
    if step.topic and step.topic in topics:
        text += f' (Ask me about "{topics[step.topic].title}".)'
    return text


def build_summary(
    walkthrough: Walkthrough,
    slots: Mapping[str, Any],
    decision: MaracDecision,
    next_steps: NextSteps,
    directory: NationalDirectory,
    area: Area,
    topics: Mapping[str, Topic],
    today: date,
) -> Document:
    found = circumstances(dict(slots), walkthrough.slots, slots.get("sp_dash_answers"))
    wanted = _wanted(decision, slots, found)
    chosen = [s for s in next_steps.steps if s.when in wanted]
    steps = tuple(_step_text(s, directory, topics) for s in chosen)
    sections = [
        *_answers(walkthrough, slots),
        _marac(decision, area),
        Section("Recommended next steps", (Bullets(steps, numbered=True),)),
        Section("Safe & Together language reminders", (Bullets(next_steps.language_reminders),)),
        Section("Case consultation", (Paragraph(next_steps.consultation),)),
    ]
    skipped = [walkthrough.step(s).title for s in slots.get("sp_skipped") or []]
    if skipped:
        sections.append(Section("Skipped", (Bullets(tuple(skipped)),)))
    cited = [topics[s.topic] for s in chosen if s.topic and s.topic in topics]
    footer = [
        f"Sources: {walkthrough.source} MARAC criteria: {area.marac.source}.",
        *(f"{t.title}: {t.source}." for t in cited),
        "No names or identifying details were entered. The assistant holds this summary "
        'only while the conversation it was made in lasts (until "start again", '
        '"delete the summary" or a long pause), and never in its interaction log.',
    ]
    return Document(
        title=TITLE,
        created=today,
        slug=SLUG,
        fields=(
            Field("Area", area_label(area)),
            Field("Case reference"),
            Field("Completed by"),
        ),
        intro=(
            "The family mapped with the five Safe & Together critical components, then risk "
            "and MARAC. Answers are in the practitioner's own words.",
        ),
        sections=tuple(sections),
        footer=tuple(footer),
    )
