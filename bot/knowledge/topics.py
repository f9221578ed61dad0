"""The knowledge base: sourced answers to practitioners' questions, one topic per answer.

Practice leads edit `data/knowledge/*.yml`. Each topic has a short title (shown
on "did you mean" buttons), the answer, its source and the date it was last
checked, and the ways practitioners ask it (the training examples). The Rasa
domain responses and NLU examples are generated from these files by
`bot.knowledge.build`, so the answer, its source and its examples stay together.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.config import PROJECT_ROOT
from bot.knowledge.directory import NationalDirectory
from bot.knowledge.files import KnowledgeFileError, load_yaml_model
from bot.knowledge.provenance import Source, Verification

KNOWLEDGE_DIR = PROJECT_ROOT / "data" / "knowledge"
# The retrieval intent the knowledge base answers with. One intent for every topic:
# separate intents for close subjects (say, schools and general practice) made the
# intent and the chosen answer disagree.
RETRIEVAL_INTENTS = ("faq",)
# Topics in this file are a school DSL's next steps (a journey on the dashboard).
DSL_FILE = "schools.yml"
MIN_EXAMPLES = 12
MAX_ANSWER_WORDS = 170
# Answers name a helpline as {service:<id>}; the name and number come from the one
# directory file, so a changed number is changed everywhere by the next build.
SERVICE = re.compile(r"\{service:([a-z0-9_]+)\}")
PHONE_NUMBER = re.compile(r"\b0\d[\d ]{7,12}\d\b")


class Topic(Verification):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^faq/[a-z0-9_]+$")
    title: str = Field(min_length=3, max_length=60)
    answer: str = Field(min_length=40)
    sources: tuple[Source, ...] = Field(min_length=1, max_length=4)
    examples: tuple[str, ...] = Field(min_length=MIN_EXAMPLES)
    # A journey the answer leads to ("start_safety_planning"): its button follows the
    # answer, so someone who asked how to do it can start doing it in one click.
    offers: (
        Literal[
            "start_safety_planning",
            "check_wording",
            "ask_referral_pathway",
            "request_consultation",
            "ask_helplines",
            "start_commissioning",
        ]
        | None
    ) = None

    @field_validator("answer")
    @classmethod
    def _short(cls, answer: str) -> str:
        words = len(answer.split())
        if words > MAX_ANSWER_WORDS:
            raise ValueError(f"answers are kept short: {words} words, at most {MAX_ANSWER_WORDS}")
        if "Source:" in answer:
            raise ValueError("put the source in `source`, not in the answer")
        if PHONE_NUMBER.search(answer):
            raise ValueError("write {service:<id>} for a helpline, not its number")
        return answer.strip()

    @field_validator("examples")
    @classmethod
    def _distinct(cls, examples: tuple[str, ...]) -> tuple[str, ...]:
        seen = {e.strip().lower() for e in examples}
        if len(seen) != len(examples):
            raise ValueError("examples must be distinct")
        return tuple(e.strip() for e in examples)

    @property
    def intent(self) -> str:
        return self.key.split("/", 1)[0]

    @property
    def response_name(self) -> str:
        return f"utter_{self.key}"

    @property
    def source(self) -> str:
        """The sources cited in one line."""
        return "; ".join(s.cite() for s in self.sources)

    def response_text(self, directory: NationalDirectory) -> str:
        """The answer as the user sees it, helplines filled in, ending with its sources
        and whether a practice lead has verified it."""

        def service(match: re.Match[str]) -> str:
            return directory.get(match.group(1)).mention()

        label = "Source" if len(self.sources) == 1 else "Sources"
        return f"{SERVICE.sub(service, self.answer)}\n{label}: {self.source}. {self.status()}."


class TopicFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topics: list[Topic] = Field(min_length=1)


def load_topics(folder: Path = KNOWLEDGE_DIR) -> list[Topic]:
    """Every topic, in file order; a key used twice is an error naming both files."""
    topics: list[Topic] = []
    where: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yml")):
        for topic in load_yaml_model(path, TopicFile).topics:
            if topic.key in where:
                raise KnowledgeFileError(f"{path}: {topic.key} is also in {where[topic.key]}")
            where[topic.key] = path
            topics.append(topic)
    return topics


@cache
def topics_by_key() -> dict[str, Topic]:
    return {topic.key: topic for topic in load_topics()}


@cache
def dsl_topics() -> frozenset[str]:
    """The keys of the school DSL next-steps topics."""
    return frozenset(t.key for t in load_yaml_model(KNOWLEDGE_DIR / DSL_FILE, TopicFile).topics)
