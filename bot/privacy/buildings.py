"""Buildings and farms around an address, for bot/privacy/places.py.

"Apartment 5, Quarrington House", "plot 9, Hazel Dene", "Room 31, Kirkstone
Lodge": the named building or site after a flat, room or plot number narrows a town
to one home. So does a farm and the house on it: "The Byre, Nether Farm",
"Cottage 4, Ridge Farm", "Old Hall Farm". Practice words near the same shapes stay:
"Room 3 ICPC", "Room 3, The Family Hub", "Home Farm Trust", "the Children's Farm".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.privacy.patterns import Span, words

_NAME_WORD = r"[A-Z][A-Za-z'’-]*"
# A flat, room or plot number, a comma, then a name: "Apartment 5, Quarrington House".
_UNIT_AND_NAME = re.compile(
    r"\b(?i:flat|apartment|apt|unit|room|plot|pitch|cottage|chalet)\s+"
    r"(?:\d+[a-zA-Z]?\d?|[a-zA-Z]\d{1,3}),\s*"
    rf"((?:The\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}(?:,\s*(?:The\s+)?{_NAME_WORD}"
    rf"(?:\s+{_NAME_WORD}){{0,2}})?)"
)
# Capitalised words that start a new sentence or name a role, not a building.
_NOT_A_BUILDING = frozenset(
    words(
        "A Mum Mother Dad Father He She They We I It His Her Their Police Social Children Kids "
        "School Nursery Is Was Has Had And But So Then When If Last Next Since On At In Monday "
        "Tuesday Wednesday Thursday Friday Saturday Sunday"
    )
)
# A farm's name (one or two words) and "Farm", with the house on it before it:
# "The Byre, Nether Farm", "Cottage 4, Ridge Farm", "Old Hall Farm".
_FARM = re.compile(
    rf"(?:(?-i:The)\s+{_NAME_WORD},\s*|(?i:cottage)\s+\d+,\s*)?"
    r"(?P<name>[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+)?)\s+Farm\b"
)
# "Home Farm Trust", "Urban Farm projects", "Is Farm work allowed", "the Children's Farm".
_NOT_A_FARM = frozenset(
    words(
        "The A An Is Old Home Urban Forest City Care Community Animal Petting Wind Solar Fish "
        "Open Social Dairy Children's Childrens Youth Family School Our This That Their His Her "
        "Organic Working Pig Sheep Horse Arable"
    )
)


def _building(names: list[str], is_word: Callable[[str], bool]) -> int:
    """How many of the capitalised words after a flat or room number name a building:
    up to a role or a sentence's first word, and only if one is no English word
    ("Hazel Dene", "Kirkstone Lodge", "Block D"), so "Room 3, The Family Hub"
    and "room 2, Family Centre" stay."""
    kept = []
    for word in names:
        if word.strip(",") in _NOT_A_BUILDING:
            break
        kept.append(word)
    named = [w.strip(",") for w in kept if w not in ("The", ",")]
    distinctive = any(len(w) == 1 or not is_word(w.lower()) for w in named)
    return len(kept) if named and distinctive else 0


# Where a family is placed or staying: "St Brendan's Hostel", "Calverley Lodge hostel",
# "Premier Inn Wakefield North" (a hotel chain's branch names the building).
_STAY = re.compile(
    rf"\b((?:St\.?\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})\s+"
    r"(?i:hostel|night shelter|shelter|foyer|hotel|guest house|b&b)\b"
)
_NOT_A_STAY = frozenset(
    words(
        "The A An Our Their His Her This That Any Every Emergency Homeless Night Women's Youth "
        "Family Local Council Young"
    )
)
_CHAIN = re.compile(
    r"\b(?:Travelodge|Premier Inn|Holiday Inn(?: Express)?|Ibis(?: Budget| Styles)?|Days Inn"
    r"|Best Western)(?:\s+(?!(?:Mum|Dad|He|She|They|We|I|It|Police|The|Hotel|Is|Was)\b)"
    r"[A-Z][\w'’-]+){1,3}"
)


def buildings(text: str, is_word: Callable[[str], bool]) -> Iterable[Span]:
    for match in _UNIT_AND_NAME.finditer(text):
        names = list(re.finditer(r"\S+", match.group(1)))
        count = _building([n.group(0) for n in names], is_word)
        if count:
            yield match.start(), match.start(1) + names[count - 1].end(), "ADDRESS"
    for match in _FARM.finditer(text):
        if not all(w in _NOT_A_FARM for w in match.group("name").split()):
            yield match.start(), match.end(), "ADDRESS"
    for match in _STAY.finditer(text):
        if match.group(1).split()[0] not in _NOT_A_STAY:
            yield match.start(), match.end(), "ADDRESS"
    for match in _CHAIN.finditer(text):
        yield match.start(), match.end(), "ADDRESS"
