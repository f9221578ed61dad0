"""Follow-ups as training examples: what people ask next, after a topic's answer.

`data/follow_ups.yml` holds messages sent right after a topic was answered ("does
it work?" after what the model is), each labelled with the topic or journey that
answers it: the same topic when it asks more of it, a neighbour when it moves on.
The build writes them in the form the matcher reads a follow-up in (the previous
topic's title, then the message: bot/semantic/context.py) to `data/context/`, and
the semantic matcher learns from them beside the knowledge examples, so its
reading in context is trained rather than improvised. They were written from the
topic titles and answers alone, never from a held-out set.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.knowledge.files import KnowledgeFileError, load_yaml_model
from bot.knowledge.topics import Topic
from bot.semantic.context import in_context

JOURNEY = "journey:"


class FollowUpExample(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    after: str = Field(min_length=1, description="the topic just answered, without faq/")
    text: str = Field(min_length=1, max_length=400)
    expect: str = Field(min_length=1, description="a topic key, or journey:<intent>")

    @field_validator("text")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if "\n" in value or not value.strip():
            raise ValueError("one line of text")
        return value.strip()


class FollowUpFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[FollowUpExample] = Field(min_length=1)


def load_follow_ups(path: Path) -> list[FollowUpExample]:
    return load_yaml_model(path, FollowUpFile).items


def labelled(
    items: list[FollowUpExample], topics: list[Topic], journeys: set[str]
) -> list[dict[str, str]]:
    """Each follow-up as the matcher trains on it: its label and its text in context.
    An unknown topic or journey is an error naming the item."""
    by_key = {t.key.removeprefix("faq/"): t for t in topics}
    rows = []
    for n, item in enumerate(items):
        if item.after not in by_key:
            raise KnowledgeFileError(f"follow-up {n}: no topic {item.after!r}")
        if item.expect.startswith(JOURNEY):
            label = item.expect.removeprefix(JOURNEY)
            if label not in journeys:
                raise KnowledgeFileError(f"follow-up {n}: no journey {label!r}")
        elif item.expect in by_key:
            label = by_key[item.expect].key
        else:
            raise KnowledgeFileError(f"follow-up {n}: no topic {item.expect!r}")
        rows.append({"label": label, "text": in_context(by_key[item.after].title, item.text)})
    return rows
