"""The national services directory: one data file, every number with its source and check date."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator

from bot.config import PROJECT_ROOT
from bot.knowledge.files import load_yaml_model

NATIONAL_DIRECTORY = PROJECT_ROOT / "data" / "directory" / "national.yml"


class Service(BaseModel):
    """One service a professional or family can contact."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=2)
    number: str = Field(pattern=r"^[0-9][0-9 ]{2,15}$")
    hours: str | None = None
    audience: str = Field(min_length=3, description="Who the service is for.")
    notes: str | None = None
    source: HttpUrl
    last_checked: date

    @property
    def tel_uri(self) -> str:
        return "tel:" + re.sub(r"\D", "", self.number)

    def as_line(self) -> str:
        """A one-line listing: name, number, hours and who it is for."""
        hours = self.hours or "check opening hours on their website"
        line = f"**{self.name}**: {self.number} ({hours}). For {self.audience}."
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

    def oldest_check(self) -> date:
        return min(s.last_checked for s in self.services)


def load_national_directory(path: Path = NATIONAL_DIRECTORY) -> NationalDirectory:
    return load_yaml_model(path, NationalDirectory)


@cache
def national_directory() -> NationalDirectory:
    """The directory, loaded and validated once per process."""
    return load_national_directory()
