"""Schema and loader for the walkthrough's content (data/safety_planning/*.yml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.config import PROJECT_ROOT
from bot.knowledge.files import load_yaml_model

CONTENT_DIR = PROJECT_ROOT / "data" / "safety_planning"


class ChoiceOption(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str = Field(min_length=1)
    # For the MARAC history question: how long ago, and whether there was an incident since.
    months_since: int | None = Field(default=None, ge=0)
    incident_since: bool | None = None


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    slot: str = Field(pattern=r"^sp_[a-z_]+$")
    title: str = Field(min_length=3)
    guidance: str = Field(min_length=10)
    question: str = Field(min_length=5)
    kind: Literal["multi", "text", "dash", "number", "choice"]
    options: tuple[str, ...] | tuple[ChoiceOption, ...] = ()
    max: int | None = None
    # Offer the survivor question bank at this step (a button and "questions to ask her").
    offers_question_bank: bool = False

    @model_validator(mode="after")
    def _options_fit_kind(self) -> Step:
        if self.kind == "multi" and not all(isinstance(o, str) for o in self.options):
            raise ValueError("multi steps list their options as plain labels")
        if self.kind == "choice" and not all(isinstance(o, ChoiceOption) for o in self.options):
            raise ValueError("choice steps need options with an id and a label")
        if self.kind in ("multi", "choice") and len(self.options) < 2:
            raise ValueError(f"a {self.kind} step needs at least two options")
        if self.kind == "number" and self.max is None:
            raise ValueError("number steps need a max")
        return self

    def choice(self, option_id: str) -> ChoiceOption:
        for option in self.options:
            if isinstance(option, ChoiceOption) and option.id == option_id:
                return option
        raise KeyError(option_id)


class Walkthrough(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    source: str
    introduction: str
    controls: str
    steps: tuple[Step, ...] = Field(min_length=1)
    dash_topics: tuple[str, ...] = Field(min_length=24, max_length=24)

    @model_validator(mode="after")
    def _slots_unique(self) -> Walkthrough:
        slots = [s.slot for s in self.steps]
        if len(set(slots)) != len(slots):
            raise ValueError("each step needs its own slot")
        return self

    @property
    def slots(self) -> list[str]:
        return [s.slot for s in self.steps]

    def step(self, slot: str) -> Step:
        for step in self.steps:
            if step.slot == slot:
                return step
        raise KeyError(slot)

    def number_of(self, slot: str) -> int:
        """1-based step number shown to the user; the four risk questions share one step."""
        titles: list[str] = []
        for step in self.steps:
            group = step.title.split(" - ")[0]
            if group not in titles:
                titles.append(group)
            if step.slot == slot:
                return titles.index(group) + 1
        raise KeyError(slot)

    @property
    def total_steps(self) -> int:
        """Numbered steps, plus the summary as the last one."""
        return len({s.title.split(" - ")[0] for s in self.steps}) + 1


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    topic: str
    why: str
    ask: tuple[str, ...] = Field(min_length=1)


class QuestionBank(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    introduction: str
    source: str
    topics: tuple[Question, ...] = Field(min_length=6)

    def as_text(self) -> str:
        lines = [f"**{self.title}**", self.introduction]
        for topic in self.topics:
            asks = " ".join(f'"{q}"' for q in topic.ask)
            lines.append(f"- **{topic.topic}** ({topic.why}) {asks}")
        lines.append(f"Source: {self.source}")
        return "\n".join(lines)


class NextStep(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    when: Literal[
        "always", "marac", "not_marac", "children", "perpetrator",
        "pregnancy", "baby", "teenager", "nrpf", "stalking", "previous_marac", "separation",
    ]  # fmt: skip
    text: str
    service: str | None = None  # a national directory id, for its number
    topic: str | None = Field(default=None, pattern=r"^faq/[a-z0-9_]+$")  # a knowledge topic


class NextSteps(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    steps: tuple[NextStep, ...]
    language_reminders: tuple[str, ...] = Field(min_length=2)
    consultation: str


def load_walkthrough(path: Path = CONTENT_DIR / "walkthrough.yml") -> Walkthrough:
    return load_yaml_model(path, Walkthrough)


def load_question_bank(path: Path = CONTENT_DIR / "survivor_questions.yml") -> QuestionBank:
    return load_yaml_model(path, QuestionBank)


def load_next_steps(path: Path = CONTENT_DIR / "next_steps.yml") -> NextSteps:
    return load_yaml_model(path, NextSteps)


@cache
def walkthrough() -> Walkthrough:
    return load_walkthrough()


@cache
def question_bank() -> QuestionBank:
    return load_question_bank()


@cache
def next_steps() -> NextSteps:
    return load_next_steps()
