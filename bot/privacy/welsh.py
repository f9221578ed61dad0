"""Welsh addresses and school names, which the English street words miss.

A Welsh street or house name starts with its kind: "Heol y Felin" (road), "Maes y Coed"
(field), "Bryn Derw" (hill), "Ysgol Gynradd Pant y Celyn" (school). Such a name is an
address after a house number, after an address cue ("lives at", "address"), or when a
town follows it after a comma ("Bryn Derw, Aberaeron"); a school after "Ysgol"
(or a Welsh-medium nursery after "Cylch Meithrin").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.privacy.patterns import ADDRESS_CUE, Span

# Letters of Welsh and other place names: "Iâl", "Ŵyl", "Llŷn".
UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
LOWER = "a-zß-öø-ÿā-žŵŷ"
_CAP = rf"[{UPPER}][{LOWER}'’]+"
# A capitalised word, hyphenated parts with Welsh or English joining words allowed:
# "Llanfihangel-yng-Ngwynfa", "Betws-y-Coed", "Stratford-upon-Avon".
CAP_WORD = rf"{_CAP}(?:-(?:(?:y|yn|yng|ym|yr|ar|on|upon|le|in|by|the|under|super)-)?{_CAP})*"
_KINDS = (
    r"Heol|Ffordd|Stryd|L[oô]n|Rhodfa|Maes|Bryn|Cae|Parc|Llys|Clos|Cilgant|Teras|Pen|Tan|"
    r"T[yŷ]|Tai|Coed|Nant|Glan|Bro|Erw|Cwrt|Gwel|Tir|Llwyn|D[oô]l|Ddol|Gerddi|Cwm|Rhiw|"
    r"Trem|Golwg|Bron|Cefn|Hafod|Hendre|Plas|Gwaun|Ffermdy|Bwthyn|Fferm"
)
_NAME = rf"(?:{_KINDS})(?:-(?:y|yr)-{CAP_WORD}|(?:\s+(?:y|yr|'r|{CAP_WORD})){{1,3}})"
_NUMBERED = re.compile(rf"\b\d{{1,4}}[a-z]?,?\s+({_NAME})(?![\w'’-])")
_CUED = re.compile(rf"\b(?i:{ADDRESS_CUE}|is at|are at|at)\s*:?\s+({_NAME})(?![\w'’-])")
_BEFORE_TOWN = re.compile(rf"(?<![\w'’-])({_NAME}),\s*{CAP_WORD}")
_SCHOOL = re.compile(rf"\b(?:Ysgol|Cylch Meithrin)(?:\s+(?:y|yr|{CAP_WORD})){{1,4}}(?![\w'’-])")


def addresses(text: str) -> Iterable[Span]:
    for pattern in (_NUMBERED, _CUED, _BEFORE_TOWN):
        for match in pattern.finditer(text):
            start = match.start() if pattern is _NUMBERED else match.start(1)
            yield start, match.end(1), "ADDRESS"


def schools(text: str) -> Iterable[Span]:
    for match in _SCHOOL.finditer(text):
        yield match.start(), match.end(), "SCHOOL"
