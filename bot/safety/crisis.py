"""Deterministic detection of messages that read as immediate danger.

This is the half of the crisis safety net that cannot be talked out of firing by
a misclassification: the gateway runs it on every message before the engine sees
it. The phrase set is data (`data/safety/crisis.yml`); this module only
normalises text and applies the tiers described in that file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.config import PROJECT_ROOT
from bot.knowledge.files import load_yaml_model
from bot.privacy.normalise import straight_apostrophes

CRISIS_PHRASES = PROJECT_ROOT / "data" / "safety" / "crisis.yml"
# Messages this short are read as written in the moment unless they say otherwise.
TERSE_WORDS = 5

Tier = Literal["always", "present", "needs_now"]


class PatternSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    regex: str = Field(min_length=3)


class CrisisPhraseFile(BaseModel):
    """Schema of `data/safety/crisis.yml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    macros: dict[str, list[str]]
    now_markers: list[str] = Field(min_length=1)
    past_markers: list[str] = Field(min_length=1)
    general_question_markers: list[str] = Field(min_length=1)
    topic_markers: list[str] = Field(default_factory=list)
    patterns: dict[Tier, list[PatternSpec]]
    typo_words: list[str] = Field(default_factory=list)

    @field_validator("typo_words")
    @classmethod
    def _long_enough(cls, words: list[str]) -> list[str]:
        short = [w for w in words if len(w) < 5]
        if short:
            raise ValueError(f"typo_words must be 5+ letters to avoid false matches: {short}")
        return words


@dataclass(frozen=True)
class CrisisAssessment:
    """The outcome for one message: whether it reads as immediate danger, and why.

    `matched` holds pattern ids only, never message text, so it is safe to log.
    """

    is_crisis: bool
    matched: tuple[str, ...] = ()


_CONTRACTIONS = (
    (r"\b(he|she|it|that|there|who|what)'s\b", r"\1 is"),
    (r"\b(they|we|you)'re\b", r"\1 are"),
    (r"\bi'm\b", "i am"),
    (r"\bcan't\b", "cannot"),
    (r"\bwon't\b", "will not"),
    (r"\b(\w+)n't\b", r"\1 not"),
    (r"\b(\w+)'ll\b", r"\1 will"),
    (r"\b(\w+)'d\b", r"\1 would"),
    (r"\b(\w+)'ve\b", r"\1 have"),
    # Apostrophes dropped in a hurry: "hes outside", "shes bleeding".
    (r"\b(he|she)s\b", r"\1 is"),
    (r"\b(is|was|are|were|does|did|has|have)nt\b", r"\1 not"),
)


def _within_one_edit(a: str, b: str) -> bool:
    """True when `a` and `b` differ by one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    shorter, longer = (a, b) if la < lb else (b, a)
    return any(shorter == longer[:i] + longer[i + 1 :] for i in range(len(longer)))


class CrisisDetector:
    """Applies the phrase file's tiers to a message."""

    def __init__(self, spec: CrisisPhraseFile) -> None:
        macros = {name: "(?:" + "|".join(alts) + ")" for name, alts in spec.macros.items()}

        def compile_(regex: str) -> re.Pattern[str]:
            for name, value in macros.items():
                regex = regex.replace("{" + name + "}", value)
            if re.search(r"\{[a-z_]+\}", regex):
                raise ValueError(f"unknown macro in crisis pattern: {regex}")
            return re.compile(regex)

        self._now = [compile_(r) for r in spec.now_markers]
        self._past = [compile_(r) for r in spec.past_markers]
        self._general = [compile_(r) for r in spec.general_question_markers]
        self._topic = [compile_(r) for r in spec.topic_markers]
        self._patterns: dict[str, list[tuple[str, re.Pattern[str]]]] = {
            tier: [(p.id, compile_(p.regex)) for p in specs]
            for tier, specs in spec.patterns.items()
        }
        self._typo_words = tuple(spec.typo_words)

    def normalise(self, text: str) -> str:
        text = straight_apostrophes(text).lower()
        for pattern, replacement in _CONTRACTIONS:
            text = re.sub(pattern, replacement, text)
        text = re.sub(r"[^a-z0-9]+", " ", text)
        words = [self._correct(word) for word in text.split()]
        return " ".join(words)

    def _correct(self, word: str) -> str:
        if len(word) < 4 or word in self._typo_words:
            return word
        for keyword in self._typo_words:
            if _within_one_edit(word, keyword):
                return keyword
        return word

    def assess(self, text: str) -> CrisisAssessment:
        normalised = self.normalise(text)
        now = any(p.search(normalised) for p in self._now)
        past = any(p.search(normalised) for p in self._past)
        general = any(p.search(normalised) for p in self._general) or self._about_a_tool(
            text, normalised
        )
        # A few words with nothing past or general about them are typed in the moment
        # ("he set the bin alight"): the present, as a "now" word would say.
        now = now or (len(normalised.split()) <= TERSE_WORDS and not (past or general))

        fired_by_tier = {
            "always": not general or now,
            "present": now or not (general or past),
            "needs_now": now and not (general or past),
        }
        matched = tuple(
            pattern_id
            for tier, patterns in self._patterns.items()
            if fired_by_tier[tier]
            for pattern_id, pattern in patterns
            if pattern.search(normalised)
        )
        return CrisisAssessment(is_crisis=bool(matched), matched=matched)

    def _about_a_tool(self, text: str, normalised: str) -> bool:
        """A sentence that names a tool or meeting and holds a danger phrase itself.
        Sentences are read only when the whole message names one (most do not)."""
        if not any(p.search(normalised) for p in self._topic):
            return False
        for sentence in re.split(r"[.!?;\n]+", text):
            words = self.normalise(sentence)
            if any(p.search(words) for p in self._topic) and any(
                pattern.search(words)
                for patterns in self._patterns.values()
                for _, pattern in patterns
            ):
                return True
        return False


def load_crisis_detector(path: Path = CRISIS_PHRASES) -> CrisisDetector:
    return CrisisDetector(load_yaml_model(path, CrisisPhraseFile))


@cache
def crisis_detector() -> CrisisDetector:
    """The detector for the shipped phrase file, built once per process."""
    return load_crisis_detector()
