"""Addresses: a number and a street, a flat or plot, a named building, a street after a
cue (school names are bot/privacy/schools.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.privacy.buildings import buildings
from bot.privacy.patterns import (
    ADDRESS_CUE,
    GENERIC_STREET_WORDS,
    STREET,
    Span,
    finditer,
)
from bot.privacy.schools import GENERIC

_COURTS = frozenset(
    {"Crown", "Family", "County", "Magistrates", "Magistrates'", "Supreme", "Youth", "High",
     "Appeal", "Coroner's", "Civil", "Criminal", "Juvenile", "Tennis"}
)  # fmt: skip


# After "at 4": a time, a day or a month, not a street ("at 4 PM", "at 10 Tuesday").
_NOT_STREET = frozenset(
    re.split(
        r"\s+",
        "am pm a.m. p.m. o'clock oclock today tomorrow tonight monday tuesday wednesday "
        "thursday friday saturday sunday january february march april may june july august "
        "september october november december jan feb mar apr jun jul aug sep sept oct nov "
        "dec years weeks months days hours minutes mins",
    )
)


# Street words that are only ever streets, for lower-case addresses without a number.
_ROAD = (
    r"(?:street|st|road|rd|avenue|ave|lane|ln|close|drive|way|crescent|cres|grove|terrace|tce"
    r"|gardens|gdns|mews|rise|view|parade|walk)"
)
_NOT_STREET_NAME = frozenset(
    {"safe", "emergency", "temporary", "supported", "council", "family", "foster", "her", "his",
     "their", "same", "far", "other", "wrong", "right", "main", "quiet", "busy", "long"}
)  # fmt: skip


def _street_ok(words: list[str]) -> bool:
    if all(w in GENERIC_STREET_WORDS for w in words[:-1]):
        return False  # "the High Street", "Main Road"
    # "Leeds Crown Court" is a court, not an address
    return not (words[-1].lower() == "court" and words[-2] in _COURTS)


def addresses(text: str, is_word: Callable[[str], bool]) -> Iterable[Span]:
    yield from finditer(
        r"\b(?:flat|fl\.?|apartment|apt|unit|room|plot|pitch|bungalow|maisonette)\s+"
        r"(?:\d+[a-z]?\d?|[a-z]\d{1,3})\b",
        text,
        "ADDRESS",
    )
    # The named building after a flat or plot, a farm and the house on it.
    yield from buildings(text, is_word)
    yield from finditer(
        rf"(?<!\d[.:])\b(?:(?:number|no\.?)\s+)?\d{{1,4}}[a-z]?(?:\s?[-–]\s?\d{{1,4}}[a-z]?)?,?\s+"
        rf"(?:[a-z][a-z'’-]+\s+){{1,3}}{STREET}\b",
        text,
        "ADDRESS",
    )
    # A number and capitalised words after an address cue, whatever the street is called:
    # "lives at 112 Kirkgate", "address 4 The Paddocks", "at 45 Heol y Felin".
    for match in re.finditer(
        rf"\b(?i:{ADDRESS_CUE}|property at|at)\s*:?\s+"
        r"(\d{1,4}[a-z]?,?\s+(?:(?:The|y|yr|de|la|le)\s+)?"
        r"[A-Z][A-Za-z'’-]+\b(?:\s+(?:y|yr|the|de|la|le|[A-Z][A-Za-z'’-]+\b)){0,3})",
        text,
    ):
        words = match.group(1).split()[1:]
        if not any(w.lower().strip(",") in _NOT_STREET for w in words):
            yield match.start(1), match.end(1), "ADDRESS"
    # A capitalised street with no number: "Kestrel Court, Otley Road", "Canal Wharf".
    for match in re.finditer(
        r"(?<![\w])((?:[A-Z][a-z'’-]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Close|"
        r"Drive|Crescent|Terrace|Grove|Gardens|Mews|Way|Walk|Row|Square|Parade|Rise|Wharf|"
        r"Court|Fold|Croft|Gate))\b",
        text,
    ):
        if _street_ok(match.group(1).split()):
            yield match.start(1), match.end(1), "ADDRESS"
    # A street called by a generic word is one street once its town follows:
    # "at Main Street, Kirkby Malham", "on High Street in Chipping Ongar".
    for match in re.finditer(
        r"\b(?:on|at|off|to|from)\s+((?:High|Main|Back|Front)\s+(?:Street|St|Road|Rd|Lane|Row))"
        r"(?=,?\s+(?:in\s+)?[A-Z][a-z])",
        text,
    ):
        yield match.start(1), match.end(1), "ADDRESS"
    # "lives on Harehills Lane", "off Kirkstall Road": capitalised, without a number.
    street_cap = STREET.replace("(?:", "(?:(?i:", 1) + ")"
    for match in re.finditer(
        rf"\b(?:on|at|off|in|near|to|from|onto|down|up|along|behind|opposite)\s+"
        rf"((?:[A-Z][a-z'’-]+\s+){{1,3}}{street_cap})\b",
        text,
    ):
        words = match.group(1).split()
        if words[0] in ("The", "A") or not _street_ok(words):
            continue
        yield match.start(1), match.end(1), "ADDRESS"
    # Lower case: "on harehills lane" when a word before the street type is no English word.
    for match in re.finditer(
        rf"\b(?:on|off|at)\s+(?:the\s+)?((?:[a-z'’-]+\s+){{1,2}}{STREET})\b", text, re.IGNORECASE
    ):
        words = match.group(1).split()
        if not _street_ok([w.capitalize() for w in words]):
            continue
        words = words[:-1]
        if any(not is_word(w) for w in words) and words[0].lower() not in GENERIC:
            yield match.start(1), match.end(1), "ADDRESS"
    # Where someone lives, in any case: "they live on trinity rd", "moved to oak tree close"
    # (street words only: "staying at nan's house" and "the far end" are no address).
    for match in re.finditer(
        rf"\b(?:lives?|living|lived|stays?|staying|stayed|moved|moving|resides?|residing)"
        rf"\s+(?:on|at|in|to|off)\s+(?:the\s+)?((?:[a-z-]+\s+){{1,2}}{_ROAD})\b",
        text,
        re.IGNORECASE,
    ):
        words = match.group(1).split()
        if _street_ok([w.capitalize() for w in words]) and not any(
            w.lower() in GENERIC or w.lower() in _NOT_STREET_NAME for w in words[:-1]
        ):
            yield match.start(1), match.end(1), "ADDRESS"


# Catholic schools named "Our Lady of Lourdes", "Our Lady and St Joseph", "Our Lady's":
