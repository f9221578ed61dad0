"""The language coach's rules: schema, shared word-forms, and loading.

Practice leads edit `data/language/coach.yml`. A rule's pattern is a regular
expression in which `{{name}}` stands for a shared word-form from the file's
`forms` (every way of saying "mum", every tense of "protect", ...), so one rule
holds on "mum failed to protect them", "the mother has not protected the
children" and "she was unable to protect the kids". Named groups can be used in
the rewrite as `{group}`.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.knowledge.files import load_yaml_model

Kind = Literal[
    "failure_to_protect",
    "blaming_her",
    "hiding_perpetrator",
    "mutualising",
    "minimising",
    "child_as_witness",
]
KIND_TITLES: dict[str, str] = {
    "failure_to_protect": "makes his harm her failure",
    "blaming_her": "blames her",
    "hiding_perpetrator": "hides who did it",
    "mutualising": "makes abuse sound mutual",
    "minimising": "minimises his abuse",
    "child_as_witness": "treats the child as a witness, not a victim",
}
# "[he] {verb} {victim}": the passive's participle as a past tense, the subject as an object.
_PAST = {
    "taken": "took", "broken": "broke", "beaten": "beat", "beaten up": "beat up",
    "thrown": "threw", "bitten": "bit", "hidden": "hid", "stolen": "stole",
    "shaken": "shook", "kept": "kept", "locked in": "locked in", "locked out": "locked out",
}  # fmt: skip
_OBJECT = {"she": "her", "he": "him", "they": "them", "she's": "her", "i": "me", "we": "us"}
_PROPER = re.compile(r"^(?:ms|mrs|miss|mr)\b|^<|^child [a-z]\b", re.IGNORECASE)
_FORM = re.compile(r"\{\{([a-z_]+)\}\}")
_GROUP = re.compile(r"\{([a-z_]+)\}")


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    kind: Kind
    pattern: str = Field(min_length=3)
    why: str = Field(min_length=10, max_length=220)
    rewrite: str = Field(min_length=3)
    # A "not", "no", "never", "rather than" or "instead of" just before the phrase
    # means the writer is rejecting it ("this was not a one-off"): leave it alone.
    # Rules whose phrase is itself a negative judgement ("has not protected") say false.
    negation_clears: bool = True
    # The phrase judges her, so it is fair when the sentence's subject is him, a child or
    # an agency ("his engagement has been superficial", "the GP failed to identify ...").
    needs_her: bool = False


class ModelNote(BaseModel):
    """What the coach says when the framing model, not a rule, flags a sentence."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    why: str = Field(min_length=10, max_length=220)
    # A note in brackets after the sentence, starting "check:".
    check: str = Field(pattern=r"^check: ", min_length=15, max_length=200)


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    forms: dict[str, str] = Field(default_factory=dict)
    rules: tuple[Rule, ...] = Field(min_length=1)
    model_notes: dict[Kind, ModelNote] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _valid(self) -> RuleFile:
        ids = [r.id for r in self.rules]
        if len(ids) != len(set(ids)):
            raise ValueError("rule ids must be unique")
        for rule in self.rules:
            try:
                regex = re.compile(expand(rule.pattern, self.forms), re.IGNORECASE)
            except (re.error, KeyError) as exc:
                raise ValueError(f"{rule.id}: not a valid regular expression: {exc}") from None
            missing = set(_GROUP.findall(rule.rewrite)) - set(regex.groupindex)
            if missing:
                raise ValueError(f"{rule.id}: rewrite uses unknown groups {sorted(missing)}")
        return self


def expand(pattern: str, forms: dict[str, str]) -> str:
    """Replace each {{form}} with its alternatives, recursively (forms may use forms)."""
    for _ in range(5):
        if not _FORM.search(pattern):
            return pattern
        pattern = _FORM.sub(lambda m: f"(?:{forms[m.group(1)]})", pattern)
    raise KeyError("forms nest too deeply")


class CompiledRule:
    """A rule with its pattern expanded and compiled once."""

    def __init__(self, rule: Rule, forms: dict[str, str]) -> None:
        self.rule = rule
        self.regex = re.compile(
            r"(?<![\w<])(?:" + expand(rule.pattern, forms) + r")(?![\w>])", re.IGNORECASE
        )

    def replacement(self, match: re.Match[str]) -> str:
        def group(found: re.Match[str]) -> str:
            name = found.group(1)
            value = match.groupdict().get(name) or ""
            if name == "verb":
                return _PAST.get(value.lower(), value.lower())
            if name in {"victim", "who", "kids", "thing"} and found.start() > 0:
                # Moved after the verb: an object, and lower case unless a name.
                value = _OBJECT.get(value.lower(), value)
                if not _PROPER.match(value):
                    value = value[:1].lower() + value[1:]
            return value

        text = re.sub(r" {2,}", " ", _GROUP.sub(group, self.rule.rewrite)).strip()
        # A verb with a particle takes a pronoun before it: "locked her out", not "locked out her".
        text = _PARTICLE.sub(r"\1 \3 \2", text)
        # "a" or "an" inside the rewrite, where a group met a fixed word: "a incident".
        text = re.sub(rf"{_NOT_TITLE}\b([Aa]) (?=[aeiouAEIOU]\w)", r"\1n ", text)
        consonant = r"[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z]"
        return re.sub(rf"{_NOT_TITLE}\b([Aa])n (?={consonant}\w)", r"\1 ", text)


_PARTICLE = re.compile(
    r"\b(\w+ed|beat|shut|threw) (out|in|up|down|over|off) (her|him|them)\b(?=\s*(?:$|[.,;:!?]"
    r"|(?:of|from|to|at|in|on|for|with|until|when|while|and|but|after|before|again|the|a|an"
    r"|his|their|all|overnight|unconscious)\b))"
)

# "Ms A" and "Child A" are names, not articles.
_NOT_TITLE = r"(?<!Ms )(?<!Mr )(?<!Mrs )(?<!Miss )(?<!Dr )(?<!Child )(?<!child )"

RULES_FILE = Path(__file__).resolve().parents[2] / "data" / "language" / "coach.yml"


@cache
def _rule_file(path: Path) -> RuleFile:
    return load_yaml_model(path, RuleFile)


@cache
def load_rules(path: Path = RULES_FILE) -> tuple[CompiledRule, ...]:
    data = _rule_file(path)
    return tuple(CompiledRule(rule, data.forms) for rule in data.rules)


def load_model_notes(path: Path = RULES_FILE) -> dict[str, ModelNote]:
    """What the coach says for each kind the framing model flags (the same file, read once)."""
    return dict(_rule_file(path).model_notes)
