"""Local areas: each is a data file under data/areas/, chosen by LOCAL_AREA."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from bot.config import PROJECT_ROOT
from bot.knowledge.files import KnowledgeFileError, load_yaml_model

AREAS_DIR = PROJECT_ROOT / "data" / "areas"
DEFAULT_AREA = "example"


class MaracCriteria(BaseModel):
    """A local area's MARAC referral thresholds."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    visible_high_risk: int = Field(14, ge=1, le=24)
    escalation_incidents: int = Field(3, ge=1, le=50)
    window_months: int = Field(12, ge=1, le=36)
    source: str = Field(min_length=5)


class Area(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    example: bool = False
    marac: MaracCriteria


def load_area(area_id: str, areas_dir: Path = AREAS_DIR) -> Area:
    if not area_id.replace("-", "").replace("_", "").isalnum():
        raise KnowledgeFileError(f"LOCAL_AREA '{area_id}' is not a valid area name")
    return load_yaml_model(areas_dir / f"{area_id}.yml", Area)


@cache
def active_area() -> Area:
    """The area named by LOCAL_AREA (default: the fictional example area)."""
    return load_area(os.environ.get("LOCAL_AREA") or DEFAULT_AREA)
