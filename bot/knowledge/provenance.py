"""Where content comes from and whether a practice lead has checked it.

Every answer and every helpline number names real published sources and carries
its verification status. Content entered here is shown as "entered <date>, not
yet verified" until a practice lead checks it against its source and fills in
`verified_by` and `verified_on`; "last checked" is never claimed for content
nobody has checked.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

# Labels that only mean something inside this project. A source must be a real
# document a reader can find.
INTERNAL_LABEL = re.compile(
    r"\bseeds?\s*\d|\bdomain brief\b|\bREADME\b|\bthis service'?s?\b|\binternal\b|\bTODO\b",
    re.IGNORECASE,
)
# Older than this, verified content is listed for re-checking by `make content-report`.
REVIEW_AFTER = timedelta(days=365)


def no_internal_label(text: str) -> str:
    found = INTERNAL_LABEL.search(text)
    if found:
        raise ValueError(f"name the real document, not an internal label ({found.group(0)!r})")
    return text.strip()


def long_date(day: date) -> str:
    """25 November 2026."""
    return f"{day.day} {day:%B %Y}"


class Source(BaseModel):
    """A published document: its real title, who published it, the year, and a URL if any."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=5, max_length=200)
    publisher: str = Field(min_length=2, max_length=120)
    # None for an undated web page: shown as "undated", never guessed.
    year: int | None = Field(ge=1980, le=2100)
    url: HttpUrl | None = None

    _labels = field_validator("title", "publisher")(no_internal_label)

    def cite(self) -> str:
        """Home Office, Domestic Abuse Act 2021 statutory guidance (2022), https://..."""
        text = f"{self.publisher}, {self.title} ({self.year or 'undated'})"
        return f"{text}, {self.url}" if self.url else text


class Verification(BaseModel):
    """When content was entered and, once checked by a practice lead, by whom and when."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entered_on: date
    verified_by: str | None = Field(default=None, min_length=2, max_length=80)
    verified_on: date | None = None

    @model_validator(mode="after")
    def _both_or_neither(self) -> Verification:
        if (self.verified_by is None) != (self.verified_on is None):
            raise ValueError("give verified_by and verified_on together, or neither")
        if self.verified_on and self.verified_on < self.entered_on:
            raise ValueError("verified_on is before entered_on: re-verify the changed content")
        today = date.today()
        if self.entered_on > today or (self.verified_on and self.verified_on > today):
            raise ValueError("a date in the future")
        return self

    @property
    def verified(self) -> bool:
        return self.verified_on is not None

    def status(self) -> str:
        """The line shown to users: never "last checked" for content nobody checked."""
        if self.verified_on is None:
            return f"Entered {long_date(self.entered_on)}, not yet verified"
        return f"Verified by {self.verified_by} on {long_date(self.verified_on)}"

    def needs_review(self, today: date | None = None) -> bool:
        """Unverified, or verified more than a year ago."""
        today = today or date.today()
        return self.verified_on is None or today - self.verified_on > REVIEW_AFTER
