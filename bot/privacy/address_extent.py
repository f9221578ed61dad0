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
from collections.abc import Iterable

Span = tuple[int, int, str]

_TOWN = r"(?-i:[A-Z][a-z'’]+(?:[\s-](?:(?:upon|on|under|le|in|by|the)[\s-])?[A-Z][a-z'’]+)?)"
AFTER = re.compile(
    rf"(?:\s+(?-i:North|South|East|West|Upper|Lower)\b)?"
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
# Words after a comma that begin a sentence or a clause again rather than name a town.
_NOT_TOWN = frozenset(
    re.findall(
        r"\S+",
        """
        i she he they we it you mum dad nan the a an and but so then if when where this that
        these those there what who how why which can could would should will shall is are was
        were do does did has have had may might must not no yes ok please thanks police dob
        tel mob age aged crime case ref social children children's childrens every each all
        some any near monday tuesday wednesday thursday friday saturday sunday january
        february march april may june july august september october november december
        """,
    )
)


def around(text: str, spans: Iterable[Span]) -> list[Span]:
    """Spans for what surrounds each address: its town after, its flat or house before."""
    out: list[Span] = []
    for start, end, kind in spans:
        if kind != "ADDRESS":
            continue
        after = AFTER.match(text, end)
        if after:
            town = after.group(0).replace(",", " ").split()
            town = town[1:] if town[0].lower() == "near" else town
            if town and town[0].lower() not in _NOT_TOWN:
                # "Whitby Police are aware": the town without the word that follows it.
                cut = len(town) > 1 and town[-1].lower() in _NOT_TOWN
                stop = after.end() - (len(town[-1]) + 1 if cut else 0)
                out.append((start, stop, "ADDRESS"))
        before = BEFORE.search(text[max(0, start - 40) : start])
        if before:
            out.append((start - len(before.group(0)), end, "ADDRESS"))
    return out
