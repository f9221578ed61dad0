"""The language coach: which phrases hide the perpetrator or blame the survivor, why,
and a rewrite in Safe & Together language.

Deterministic: the rules (pattern, why, rewrite) are data in
`data/language/coach.yml`, applied in order. A rewrite never invents facts: what
only the practitioner knows is left in [square brackets] to fill in. The text
arrives already anonymised, and placeholders such as <PERSON> are shown as
[name], so the coach never repeats a name back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.config import PROJECT_ROOT
from bot.knowledge.files import load_yaml_model

RULES_FILE = PROJECT_ROOT / "data" / "language" / "coach.yml"
MAX_CHARS = 2000
# Object forms, so "she was hit" becomes "[he] hit her".
_OBJECT = {"she": "her", "he": "him"}
_PLACEHOLDER = re.compile(r"<([A-Z_]+)>")
_GROUP = re.compile(r"\{([a-z_]+)\}")


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    pattern: str
    why: str = Field(min_length=10, max_length=200)
    rewrite: str = Field(min_length=3)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from None
        return pattern

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)

    def replacement(self, match: re.Match[str]) -> str:
        def group(found: re.Match[str]) -> str:
            value = match.groupdict().get(found.group(1)) or ""
            return _OBJECT.get(value.lower(), value)

        text = _GROUP.sub(group, self.rewrite).strip()
        # Keep a capital letter where the phrase began with one.
        if match.group(0)[:1].isupper():
            first = re.search(r"[a-z]", text)
            if first and not re.search(r"[A-Z]", text[: first.start()]):
                text = text[: first.start()] + text[first.start()].upper() + text[first.end() :]
        return text


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[Rule] = Field(min_length=1)

    @field_validator("rules")
    @classmethod
    def _unique(cls, rules: list[Rule]) -> list[Rule]:
        ids = [r.id for r in rules]
        if len(ids) != len(set(ids)):
            raise ValueError("rule ids must be unique")
        for rule in rules:
            groups = set(re.compile(rule.pattern).groupindex)
            missing = set(_GROUP.findall(rule.rewrite)) - groups
            if missing:
                raise ValueError(f"{rule.id}: rewrite uses unknown groups {sorted(missing)}")
        return rules


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@cache
def load_rules(path: Path = RULES_FILE) -> tuple[Rule, ...]:
    return tuple(load_yaml_model(path, RuleFile).rules)


@dataclass(frozen=True)
class Finding:
    rule: str
    phrase: str
    why: str


@dataclass(frozen=True)
class Coaching:
    text: str
    findings: tuple[Finding, ...]
    rewritten: str

    @property
    def clean(self) -> bool:
        return not self.findings


_PLACEHOLDER_WORDS = {"PERSON": "name", "PHONE": "phone number", "NHS_NUMBER": "NHS number"}


def _readable(text: str) -> str:
    """Placeholders left by the anonymiser are shown as [name], [phone number] and so on."""
    return _PLACEHOLDER.sub(
        lambda m: f"[{_PLACEHOLDER_WORDS.get(m.group(1), m.group(1).lower().replace('_', ' '))}]",
        text,
    )


def _tidy(text: str) -> str:
    """Articles and spacing after replacements: "a incident" -> "an incident"."""
    text = re.sub(r"\b([Aa]) (?=[aeiou])", r"\1n ", text)
    return re.sub(r" {2,}", " ", text)


_REQUEST = re.compile(
    r"""^\s*(?:
        (?:can|could|would)\ you\ (?:please\ )?|please\ |pls\ )?
        (?:(?:check|review|look\ at|proof\ ?read|rewrite|reword|rephrase)\b[^:\n]{0,60}:
         |is\ (?:it|this)\ (?:ok|okay|alright|fine|acceptable)\ to\ (?:write|say|put)(?:\ that)?\b
         |(?:does|is)\ this\ (?:wording\ |sentence\ )?(?:sound\ |read\ )?[^:\n]{0,30}:
         |how\ (?:should|do|can)\ I\ (?:word|phrase|write)\ this(?:\ better)?\s*:?
        )""",
    re.IGNORECASE | re.VERBOSE,
)
_REQUEST_ONLY = re.compile(
    r"^\s*(?:(?:can|could|would) you |please |pls |i want to |i'd like to |help me )*"
    r"(?:check|review|look at|proof ?read|rewrite|reword|rephrase)\b[^:]{0,50}"
    r"\b(?:wording|words|sentence|note|notes|paragraph|phrasing|language|this|statement|report)"
    r"(?:\s[^:\s]+){0,5}\s*[?.!]*\s*$"
    r"|^\s*(?:language|wording) check(?: please)?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
CANCEL = frozenset({"stop", "cancel", "never mind", "nevermind", "quit", "exit", "no thanks"})


def strip_request(message: str) -> str:
    """The text to check, without "check my wording:" and the like, or quotes around it."""
    if _REQUEST_ONLY.match(message):
        return ""
    text = _REQUEST.sub("", message, count=1).strip()
    return text.strip("\"'“”‘’?! ").strip()


def coach(text: str, rules: tuple[Rule, ...] | None = None) -> Coaching:
    """Flag each phrase a rule matches (once per distinct phrase) and rewrite the text."""
    rules = rules if rules is not None else load_rules()
    text = text.strip()[:MAX_CHARS]
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    rewritten = text
    for rule in rules:
        for match in rule.regex.finditer(rewritten):
            phrase = _readable(match.group(0).strip())
            if (rule.id, phrase.lower()) not in seen:
                seen.add((rule.id, phrase.lower()))
                findings.append(Finding(rule.id, phrase, rule.why))
        rewritten = rule.regex.sub(rule.replacement, rewritten)
    return Coaching(_readable(text), tuple(findings), _tidy(_readable(rewritten)))


def as_markdown(result: Coaching) -> str:
    """The coach's answer: each flagged phrase with why, then the suggested rewrite."""
    if result.clean:
        return (
            "I didn't find phrases that hide the perpetrator or blame the survivor. "
            "Check that it names who did what, describes the impact on each child, and "
            "records her efforts to keep them safe."
        )
    # Single line breaks only: a chat channel splits a message at blank lines.
    lines = ["**Phrases to reconsider**"]
    lines += [f'- "{f.phrase}": {f.why}' for f in result.findings]
    lines += [
        "**Suggested wording** (fill in the [brackets] from what you know):",
        f"> {result.rewritten}",
        "Name who did what, describe the impact on each child, and record her efforts "
        "to keep them safe.",
    ]
    return "\n".join(lines)
