"""UK and international phone numbers, in figures, in words or both (the anonymiser's
structured layer, bot/privacy/structured.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.privacy.patterns import SEP, Span, finditer


def digits_of(s: str) -> str:
    return re.sub(r"\D", "", s)


def phones(text: str, public: set[str]) -> Iterable[Span]:
    pattern = (
        rf"(?<![\w+])(?:\+\s?44\s?(?:\(0\)\s?)?|00\s?44\s?|\(?0)(?:{SEP}{{0,3}}\d){{9,10}}(?!\d)"
    )
    # A letter O typed for a zero inside a number ("07700 9OO 862"): read as a zero, on a
    # copy of the same length so the spans hold for the text.
    figures = re.sub(r"(?<=[\d\s-])[Oo](?=[\dOo])|(?<=[\dOo])[Oo](?=[\s\d-])", "0", text)
    for match in re.finditer(pattern, figures):
        digits = digits_of(match.group(0))
        if digits.startswith("0044"):
            digits = "0" + digits[4:]
        elif digits.startswith("44"):
            digits = "0" + digits[2:].lstrip("0")
        if 10 <= len(digits) <= 11 and digits not in public and not _organisation(digits):
            yield match.start(), match.end(), "PHONE"
    # Spelled out, to hide it on a phone: "zero seven seven zero zero nine zero ...".
    digit = r"(?:zero|oh|nought|one|two|three|four|five|six|seven|eight|nine|double \w+|treble \w+)"
    yield from finditer(rf"\b{digit}(?:[\s,-]+{digit}){{9,12}}\b", text, "PHONE")
    # Figures and words mixed: "07700 900 four five six".
    start = r"(?:0[\d\s-]*\d|zero|oh|nought)"
    for match in re.finditer(rf"(?<![\w+]){start}(?:[\s,-]+(?:\d+|{digit}))+\b", text):
        if re.search(r"[a-z]", match.group(0)) and 10 <= _spoken_length(match.group(0)) <= 11:
            yield match.start(), match.end(), "PHONE"
    # Other countries: "+48 601 234 567", "00353 87 123 4567".
    for match in re.finditer(
        rf"(?<![\w+])(?:\+|00)\s?[1-9]\d{{0,2}}(?:{SEP}{{0,3}}\d){{6,13}}(?!\d)", text
    ):
        if not re.match(r"(?:\+|00)\s?44", match.group(0)) and len(digits_of(match.group(0))) >= 9:
            yield match.start(), match.end(), "PHONE"


def _organisation(digits: str) -> bool:
    """Freephone (0800, 0808) and 03 numbers belong to services, never to a household:
    "the NI helpline, 0808 ...", "the council's 0300 ..."."""
    return digits.startswith(("0800", "0808", "03"))


def _spoken_length(run: str) -> int:
    """How many digits a run of figures and digit words stands for."""
    count = 0
    for word in re.findall(r"\d|[a-z]+", run.lower()):
        count += {"double": 1, "treble": 2}.get(word, 1)
    return count
