"""Local areas: each is a data file under data/areas/, chosen by LOCAL_AREA or by the user.

The `area` slot holds what the user said about their area, never the place's name:
- unset: the user hasn't said; the configured area (LOCAL_AREA, default `example`);
- an area id (`example`, `leeds`): the user named a configured area;
- `_not_configured` or `_not_configured:<nation>` (`wales`, `scotland`,
  `northern_ireland`, `england`): the user named somewhere with no area file here.
`resolve_area(slot_value)` turns any of these into the `Area` to use.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from bot.config import PROJECT_ROOT
from bot.knowledge.files import KnowledgeFileError, load_yaml_model
from bot.knowledge.uk_places import Nation

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
SERVICE_KEYS: tuple[str, ...] = get_args(ServiceKey)
# What each service is called when the assistant or the area check talks about it.
SERVICE_LABELS: dict[str, str] = {
    "front_door": "children's social care front door (MASH)",
    "marac_coordinator": "MARAC coordinator",
    "idva_service": "IDVA service",
    "ypva": "young people's violence advisor",
    "st_champions": "Safe & Together champions or clinic",
    "perpetrator_programme": "perpetrator programme",
    "police_non_emergency": "police non-emergency number",
}
# The `area` slot's value when the user named an area that has no file here. It
# cannot be an area id (ids start with a letter or digit).
NOT_CONFIGURED = "_not_configured"


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

    @property
    def configured(self) -> bool:
        """A real area file; False for the stand-in of an area the user named without one."""
        return True


# SafeLives' national thresholds (the MaracCriteria defaults), for an area with no file.
NATIONAL_MARAC_SOURCE = (
    "SafeLives' national MARAC referral criteria and definition of a repeat MARAC "
    "(safelives.org.uk); no local criteria are configured for your area here, and local "
    "MARACs can differ, so check your MARAC's own"
)


class NotConfiguredArea(Area):
    """The user's area when it has no file here: no local services (so every local step
    gives its national route and says the local service is not configured), SafeLives'
    national MARAC thresholds, and the UK nation when it could be told (never the place)."""

    nation: Nation | None = None

    @property
    def label(self) -> str:
        return "your area (no local directory is configured for it here)"

    @property
    def configured(self) -> bool:
        return False


def not_configured_area(nation: Nation | None = None) -> NotConfiguredArea:
    return NotConfiguredArea(
        name="Your area",
        marac=MaracCriteria(source=NATIONAL_MARAC_SOURCE),
        nation=nation,
    )


def not_configured_value(nation: Nation | None = None) -> str:
    """The `area` slot value for a named area with no file: the marker, and the nation."""
    return f"{NOT_CONFIGURED}:{nation}" if nation else NOT_CONFIGURED


def is_not_configured(value: object) -> bool:
    return isinstance(value, str) and (
        value == NOT_CONFIGURED or value.startswith(NOT_CONFIGURED + ":")
    )


def valid_id(area_id: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9][a-z0-9_-]*", area_id))


def load_area(area_id: str, areas_dir: Path = AREAS_DIR) -> Area:
    if not valid_id(area_id):
        raise KnowledgeFileError(f"LOCAL_AREA '{area_id}' is not a valid area name")
    return load_yaml_model(areas_dir / f"{area_id}.yml", Area)


def area_ids(areas_dir: Path = AREAS_DIR) -> list[str]:
    """Configured areas (the template, whose name starts with _, is not one)."""
    return sorted(p.stem for p in areas_dir.glob("*.yml") if valid_id(p.stem))


@cache
def area(area_id: str) -> Area:
    return load_area(area_id)


def active_area_id() -> str:
    return os.environ.get("LOCAL_AREA") or DEFAULT_AREA


def active_area() -> Area:
    """The area named by LOCAL_AREA (default: the fictional example area)."""
    return area(active_area_id())


def resolve_area(value: str | None) -> Area:
    """The area to use for an `area` slot value (see the module's docstring).

    Unset gives the configured area; a configured id, that area; the not-configured
    marker, a `NotConfiguredArea` with its nation. An id whose file has gone (or any
    other value) gives a `NotConfiguredArea` too: never another area's numbers."""
    if not value:
        return active_area()
    if is_not_configured(value):
        nation = next((n for n in get_args(Nation) if value == not_configured_value(n)), None)
        return not_configured_area(nation)
    if value in area_ids():
        return area(value)
    return not_configured_area()


def _words(text: str) -> str:
    """Lower case, apostrophes dropped, other punctuation as spaces, single spaces."""
    text = re.sub(r"['’]", "", text.lower())
    return " ".join(re.findall(r"[a-z0-9]+", text))


def find_area(text: str) -> str | None:
    """The configured area a user's words name, by its id, name or an alias. The longest
    name wins ("Example Borough" over a shorter alias of another area), and "for
    example" is only a phrase ("I'm in Leeds, for example" names no configured area)."""
    said = _words(text)
    best: tuple[int, str] | None = None
    for area_id in area_ids():
        candidate = area(area_id)
        for name in {area_id, candidate.name, *candidate.aliases}:
            words = _words(name)
            if not words:
                continue
            for match in re.finditer(rf"(?<![a-z0-9]){re.escape(words)}(?![a-z0-9])", said):
                if words == "example" and said[: match.start()].endswith("for "):
                    continue
                if best is None or len(words) > best[0]:
                    best = (len(words), area_id)
    return best[1] if best else None
