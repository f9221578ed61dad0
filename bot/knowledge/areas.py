"""Local areas: each is a data file under data/areas/, chosen by LOCAL_AREA or by the user."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.config import PROJECT_ROOT
from bot.knowledge.files import KnowledgeFileError, load_yaml_model

AREAS_DIR = PROJECT_ROOT / "data" / "areas"
DEFAULT_AREA = "example"

ServiceKey = Literal[
    "front_door",
    "marac_coordinator",
    "idva_service",
    "ypva",
    "st_champions",
    "perpetrator_programme",
    "police_non_emergency",
]
SERVICE_KEYS: tuple[str, ...] = ServiceKey.__args__  # type: ignore[attr-defined]


class MaracCriteria(BaseModel):
    """A local area's MARAC referral thresholds."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    visible_high_risk: int = Field(14, ge=1, le=24)
    escalation_incidents: int = Field(3, ge=1, le=50)
    window_months: int = Field(12, ge=1, le=36)
    source: str = Field(min_length=5)


class LocalService(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=2)
    number: str = Field(pattern=r"^[0-9][0-9 ]{2,15}$")
    hours: str | None = None
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
    how: str = Field(min_length=5)

    def as_line(self) -> str:
        parts = [f"**{self.name}**: {self.number}"]
        if self.email:
            parts.append(f", {self.email}")
        if self.hours:
            parts.append(f" ({self.hours})")
        return "".join(parts) + f". {self.how}"


class Area(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    example: bool = False
    aliases: tuple[str, ...] = ()
    marac: MaracCriteria
    services: dict[ServiceKey, LocalService] = Field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.name}{', an example area' if self.example else ''}"


def _valid_id(area_id: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9][a-z0-9_-]*", area_id))


def load_area(area_id: str, areas_dir: Path = AREAS_DIR) -> Area:
    if not _valid_id(area_id):
        raise KnowledgeFileError(f"LOCAL_AREA '{area_id}' is not a valid area name")
    return load_yaml_model(areas_dir / f"{area_id}.yml", Area)


def area_ids(areas_dir: Path = AREAS_DIR) -> list[str]:
    """Configured areas (the template, whose name starts with _, is not one)."""
    return sorted(p.stem for p in areas_dir.glob("*.yml") if _valid_id(p.stem))


@cache
def area(area_id: str) -> Area:
    return load_area(area_id)


def active_area_id() -> str:
    return os.environ.get("LOCAL_AREA") or DEFAULT_AREA


def active_area() -> Area:
    """The area named by LOCAL_AREA (default: the fictional example area)."""
    return area(active_area_id())


def find_area(text: str) -> str | None:
    """The configured area a user's words name, by its id, name or an alias."""
    said = re.sub(r"[^a-z0-9 ]+", " ", text.lower())
    for area_id in area_ids():
        candidate = area(area_id)
        names = {area_id.replace("-", " "), candidate.name.lower(), *candidate.aliases}
        if any(re.search(rf"\b{re.escape(n.lower())}\b", said) for n in names if n):
            return area_id
    return None
