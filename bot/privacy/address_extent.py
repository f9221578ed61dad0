"""The whole of an address: the town after the street, the flat or farm before it.

The street recognisers (bot/privacy/places.py) find "17 Elm Terrace" but left the
town, the flat and the house name around it: "<ADDRESS>, Hull", "2nd floor flat,
<ADDRESS>", "Holly Farm, <ADDRESS>, near Skipton". Each of those narrows the
street to one home, so they go with it. A capitalised word or two right after an
address (after a comma or "near") is its town or district; a flat, floor, bay or
named house right before it is part of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from bot.knowledge.uk_places import place_names
from bot.privacy.normalise import straight_apostrophes

Span = tuple[int, int, str]

_TOWN = r"(?-i:[A-Z][a-z'’]+(?:[\s-](?:(?:upon|on|under|le|in|by|the)[\s-])?[A-Z][a-z'’]+)?)"
DIRECTIONS = ("North", "South", "East", "West", "Upper", "Lower")
AFTER = re.compile(
    rf"(?:\s+(?-i:{'|'.join(DIRECTIONS)})\b)?"
    rf"(?:,\s*|\s+(?=near\b))(?:near\s+)?{_TOWN}\b",
    re.IGNORECASE,
)
BEFORE = re.compile(
    r"(?:\b(?:(?:ground|basement|top|\d+(?:st|nd|rd|th)|first|second|third)\s+floor"
    r"(?:\s+(?:flat|maisonette))?|(?:flat|apartment|apt|unit|room|bay|pitch|plot)\s+\d+[a-z]?"
    r"|(?-i:[A-Z][a-z'’]+)\s+(?:farm|house|cottage|lodge|barn|hall|mill|manor|villa))"
    r"\s*,\s*)$",
    re.IGNORECASE,
)


def around(
    text: str, spans: Iterable[Span], is_word: Callable[[str], bool] = lambda w: False
) -> list[Span]:
    """Spans for what surrounds each address: its town after, its flat or house before.
    A town is a known UK place or words that are no English words ("Skipton"), so
    "Tonight he...", "Her mum..." and "Women's Aid" after an address stay."""
    places = _places()
    out: list[Span] = []
    for start, end, kind in spans:
        if kind != "ADDRESS":
            continue
        after = AFTER.match(text, end)
        if after:
            words = after.group(0).replace(",", " ").split()
            # "8 Mill Street East, Sunderland": the direction is part of the street.
            if words and words[0] in DIRECTIONS:
                out.append((start, text.index(words[0], end) + len(words[0]), "ADDRESS"))
                words = words[1:]
            words = words[1:] if words and words[0].lower() == "near" else words
            town = " ".join(words)
            stop = after.end()
            if len(words) == 2 and not _is_town(town, places, is_word):
                town, stop = words[0], after.end() - len(words[1]) - 1
            if words and _is_town(town, places, is_word):
                out.append((start, stop, "ADDRESS"))
        before = BEFORE.search(text[max(0, start - 40) : start])
        if before:
            out.append((start - len(before.group(0)), end, "ADDRESS"))
    return out


def _is_town(town: str, places: frozenset[str], is_word: Callable[[str], bool]) -> bool:
    plain = straight_apostrophes(town)
    if plain.lower() in places:
        return True
    return not any(is_word(w.strip("'").lower()) or "'" in w for w in plain.split())


@cache
def _places() -> frozenset[str]:
    return frozenset(name.lower() for name in place_names())
