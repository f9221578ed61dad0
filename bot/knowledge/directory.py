"""The national services directory: one data file, every number with its source and check date."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

from bot.config import PROJECT_ROOT
from bot.knowledge.files import load_yaml_model
from bot.knowledge.provenance import Verification, long_date

NATIONAL_DIRECTORY = PROJECT_ROOT / "data" / "directory" / "national.yml"


class Service(Verification):
    """One service a professional or family can contact: by phone, or online only."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=2)
    number: str | None = Field(default=None, pattern=r"^[0-9][0-9 ]{2,15}$")
    website: HttpUrl | None = None
    hours: str | None = None
    audience: str = Field(min_length=3, description="Who the service is for.")
    notes: str | None = None
    source: HttpUrl

    @model_validator(mode="after")
    def _reachable(self) -> Service:
        if self.number is None and self.website is None:
            raise ValueError(f"{self.id}: give a number, a website, or both")
        return self

    @property
    def tel_uri(self) -> str | None:
        return "tel:" + re.sub(r"\D", "", self.number) if self.number else None

    @property
    def contact(self) -> str:
        """The number, or the website for an online-only service."""
        return self.number or str(self.website)

    def mention(self) -> str:
        """How an answer names it: "Samaritans on 116 123"."""
        return f"{self.name} on {self.number}" if self.number else f"{self.name} ({self.website})"

    def as_line(self) -> str:
        """A one-line listing: name, number or website, hours and who it is for."""
        if self.number:
            hours = self.hours or "check opening hours on their website"
            line = f"**{self.name}**: {self.number} ({hours}). For {self.audience}."
        else:
            line = f"**{self.name}**: online at {self.website}. For {self.audience}."
        if self.notes:
            line += f" {self.notes}"
        return line


class NationalDirectory(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    region: str
    services: tuple[Service, ...] = Field(min_length=1)

    @field_validator("services")
    @classmethod
    def _unique_ids(cls, services: tuple[Service, ...]) -> tuple[Service, ...]:
        ids = [s.id for s in services]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate service ids: {', '.join(duplicates)}")
        return services

    def get(self, service_id: str) -> Service:
        for service in self.services:
            if service.id == service_id:
                return service
        raise KeyError(service_id)

    def status(self) -> str:
        """One line on the numbers' verification, for listings of several services."""
        if all(s.verified for s in self.services):
            oldest = min(s.verified_on for s in self.services if s.verified_on)
            return f"Numbers verified by a practice lead, the oldest on {long_date(oldest)}"
        entered = max(s.entered_on for s in self.services)
        return f"Numbers entered by {long_date(entered)}; not all yet verified by a practice lead"


def load_national_directory(path: Path = NATIONAL_DIRECTORY) -> NationalDirectory:
    return load_yaml_model(path, NationalDirectory)


@cache
def national_directory() -> NationalDirectory:
    """The directory, loaded and validated once per process."""
    return load_national_directory()
