"""Picks and orders referral steps for a set of situations. Pure: data in, steps out.

Pathways are data (`data/pathways.yml`); local services come from the area file
and fall back to a national service when an area has no entry, so the user is
never left with nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.config import PROJECT_ROOT
from bot.knowledge.areas import SERVICE_KEYS, SERVICE_LABELS, Area
from bot.knowledge.directory import NationalDirectory
from bot.knowledge.files import load_yaml_model

PATHWAYS_FILE = PROJECT_ROOT / "data" / "pathways.yml"
IMMEDIATE_DANGER = "immediate_danger"


class PathwayStep(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    contact: str = Field(pattern=r"^(national:[a-z0-9_]+|local:[a-z_]+|role:[a-z ]+)$")
    fallback: str | None = Field(default=None, pattern=r"^[a-z0-9_]+$")
    # What to do through the fallback when the area has no such local service: it
    # says the local service is not configured, and how to find it.
    fallback_how: str | None = Field(default=None, min_length=20)
    not_for: tuple[str, ...] = ()
    how: str = Field(min_length=10)
    why: str = Field(min_length=10)

    @model_validator(mode="after")
    def _local_needs_fallback(self) -> PathwayStep:
        if self.contact.startswith("local:"):
            if self.contact.removeprefix("local:") not in SERVICE_KEYS:
                raise ValueError(f"unknown local service in {self.contact}")
            if not self.fallback or not self.fallback_how:
                raise ValueError(f"{self.contact} needs a national fallback and fallback_how")
            if not re.search(r"\bno\b.{0,80}\bis configured\b", self.fallback_how, re.I):
                raise ValueError(f"{self.contact}: fallback_how must say it is not configured")
        return self


class Situation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    priority: int = Field(ge=0)
    supersedes: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()
    steps: tuple[PathwayStep, ...] = Field(min_length=1)

    @field_validator("signals")
    @classmethod
    def _compiles(cls, signals: tuple[str, ...]) -> tuple[str, ...]:
        for signal in signals:
            re.compile(signal)
        return signals


class Pathways(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    situations: dict[str, Situation]

    @model_validator(mode="after")
    def _has_immediate_danger(self) -> Pathways:
        if IMMEDIATE_DANGER not in self.situations:
            raise ValueError("the immediate_danger situation is required")
        return self


@dataclass(frozen=True)
class ResolvedStep:
    """One step to show: who, their number (if any), how, why, and where it came from."""

    situation: str
    who: str
    number: str | None
    how: str
    why: str
    note: str | None = None
    email: str | None = None
    fictional: bool = False  # a contact from the fictional example area


def detect(text: str, pathways: Pathways) -> list[str]:
    """Situations whose signals appear in the text, in file order."""
    said = text.lower().replace("\u2019", "'")
    found = [
        situation_id
        for situation_id, situation in pathways.situations.items()
        if any(re.search(signal, said) for signal in situation.signals)
    ]
    replaced = {s for f in found for s in pathways.situations[f].supersedes}
    return [f for f in found if f not in replaced]


def order(situation_ids: list[str] | set[str], pathways: Pathways) -> list[str]:
    known = [s for s in dict.fromkeys(situation_ids) if s in pathways.situations]
    return sorted(known, key=lambda s: (s != IMMEDIATE_DANGER, pathways.situations[s].priority))


def build(
    situation_ids: list[str] | set[str],
    pathways: Pathways,
    area: Area,
    directory: NationalDirectory,
    role: str | None = None,
) -> list[ResolvedStep]:
    """Every step of every situation, immediate danger first, each contact once; steps
    meant for someone else in the user's role are left out."""
    steps: list[ResolvedStep] = []
    seen: dict[str, int] = {}
    for situation_id in order(situation_ids, pathways):
        for step in pathways.situations[situation_id].steps:
            if role and role in step.not_for:
                continue
            resolved = _resolve(situation_id, step, area, directory)
            key = resolved.who
            if key in seen:
                # One contact standing in for two steps (two missing local services
                # falling back to one helpline): keep what each step says, and each note.
                earlier = steps[seen[key]]
                how = (
                    earlier.how if resolved.how in earlier.how else f"{earlier.how} {resolved.how}"
                )
                notes = [n for n in (earlier.note, resolved.note) if n]
                note = " ".join(dict.fromkeys(notes)) or None
                steps[seen[key]] = replace(earlier, how=how, note=note)
                continue
            seen[key] = len(steps)
            steps.append(resolved)
    return steps


def _resolve(
    situation_id: str, step: PathwayStep, area: Area, directory: NationalDirectory
) -> ResolvedStep:
    kind, _, name = step.contact.partition(":")
    if kind == "role":
        return ResolvedStep(situation_id, f"Your {name}", None, step.how, step.why)
    if kind == "local":
        service = area.services.get(name)  # type: ignore[call-overload]
        if service is not None:
            how = f"{step.how} {service.how}"
            return ResolvedStep(
                situation_id,
                service.name,
                service.number,
                how,
                step.why,
                email=service.email,
                fictional=area.example,
            )
        national = directory.get(step.fallback or "")
        note = f"{area.name}: no {SERVICE_LABELS[name]} is configured in this assistant."
        how = step.fallback_how or step.how
        return ResolvedStep(situation_id, national.name, national.contact, how, step.why, note)
    national = directory.get(name)
    return ResolvedStep(situation_id, national.name, national.contact, step.how, step.why)


def render(steps: list[ResolvedStep], area: Area, directory: NationalDirectory) -> str:
    lines = []
    for number, step in enumerate(steps, start=1):
        contact = f"**{step.who}**"
        if step.number:
            contact += f": {step.number}"
        if step.email:
            contact += f", {step.email}"
        if step.fictional:
            contact += " (fictional example: not a real service)"
        lines.append(f"{number}. {contact}. {step.how} Why: {step.why}")
        if step.note:
            lines.append(f"- {step.note}")
    lines.append(
        f"Sources: local services from the {area.name} directory"
        f"{' (an example area, not real services)' if area.example else ''}; national numbers: "
        f"{directory.status().removeprefix('Numbers ')}."
    )
    return "\n".join(lines)


def load_pathways(path: Path = PATHWAYS_FILE) -> Pathways:
    return load_yaml_model(path, Pathways)


@cache
def pathways() -> Pathways:
    return load_pathways()
