"""The commissioning checklist's data: tiers, services and requirements (schema-validated)."""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.config import PROJECT_ROOT
from bot.knowledge.files import load_yaml_model
from bot.knowledge.provenance import Source, Verification

FOLDER = PROJECT_ROOT / "data" / "commissioning"
TierId = Literal["universal", "targeted", "specialist"]
TIER_ORDER: tuple[TierId, ...] = ("universal", "targeted", "specialist")


class Tier(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: TierId
    name: str
    description: str


class Service(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    tier: TierId
    reason: str
    aliases: tuple[str, ...] = ()
    # What a requirement means for this service in particular, by requirement id
    # (shown in the schedule beside that requirement).
    notes: dict[str, str] = Field(default_factory=dict)


class Tiers(Verification):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: tuple[Source, ...] = Field(min_length=1)
    tiers: tuple[Tier, ...]
    services: tuple[Service, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> Tiers:
        if tuple(t.id for t in self.tiers) != TIER_ORDER:
            raise ValueError(f"tiers must be exactly {TIER_ORDER}, in that order")
        ids = [s.id for s in self.services]
        if len(ids) != len(set(ids)):
            raise ValueError("service ids must be unique")
        return self

    def tier(self, tier_id: str) -> Tier:
        return next(t for t in self.tiers if t.id == tier_id)

    def service(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)

    def match_service(self, text: str) -> Service | None:
        """The service a commissioner's words name ("our bins contract" -> refuse collection).

        The longest alias found wins, so "mental health" beats "health".
        """
        said = " " + re.sub(r"[^a-z0-9+ -]", " ", text.lower()) + " "
        best: tuple[int, Service] | None = None
        for service in self.services:
            for alias in (service.name.lower(), *service.aliases):
                if f" {alias} " in said and (best is None or len(alias) > best[0]):
                    best = (len(alias), service)
        return best[1] if best else None


class Requirement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    tiers: tuple[TierId, ...] = Field(min_length=1)
    means: str
    why: str
    good: str | dict[TierId, str]
    clause: str
    evidence: str
    kpi: str
    review: str

    def good_for(self, tier: str) -> str:
        if isinstance(self.good, str):
            return self.good
        return self.good.get(tier) or next(iter(self.good.values()))  # type: ignore[call-overload]


class Requirements(Verification):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: tuple[Source, ...] = Field(min_length=1)
    requirements: tuple[Requirement, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Requirements:
        ids = [r.id for r in self.requirements]
        if len(ids) != len(set(ids)):
            raise ValueError("requirement ids must be unique")
        for requirement in self.requirements:
            if isinstance(requirement.good, dict) and set(requirement.good) != set(
                requirement.tiers
            ):
                raise ValueError(f"{requirement.id}: `good` must give a text for each of its tiers")
        return self

    def check_notes(self, tiers: Tiers) -> list[str]:
        """Service notes that name no requirement of the service's tier (a test fails on any)."""
        return [
            f"{s.id}: {key}"
            for s in tiers.services
            for key in s.notes
            if key not in {r.id for r in self.for_tier(s.tier)}
        ]

    def for_tier(self, tier: str) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if tier in r.tiers)

    def get(self, requirement_id: str) -> Requirement | None:
        return next((r for r in self.requirements if r.id == requirement_id), None)


@cache
def tiers() -> Tiers:
    return load_yaml_model(FOLDER / "tiers.yml", Tiers)


@cache
def requirements() -> Requirements:
    return load_yaml_model(FOLDER / "requirements.yml", Requirements)
