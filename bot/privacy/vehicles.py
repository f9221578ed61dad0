"""Vehicle registrations, for bot/privacy/structured.py: current and older UK plates."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.privacy.patterns import Span, finditer

# Words that say a plate may be near: with one, a current-format plate counts in any case.
_VEHICLE_WORDS = (
    r"regs?|registrations?|plates?|cars?|vans?|vehicles?|motorbikes?|bikes?|drives|driving|taxi"
    r"|audi|bmw|ford"
    r"|vauxhall|toyota|nissan|kia|honda|mercedes|merc|vw|volkswagen|fiesta|corsa|astra"
    r"|transit|range rover|land rover|skoda|peugeot|renault|citroen|hyundai"
    r"|volvo|mazda|fiat|lexus|tesla|jeep|mini cooper|suzuki|mitsubishi|dacia|jag|jaguar"
)


# Words, not plate letters, in a lower-case "on 12 may" or "is 20 yrs".
_NOT_PLATE_START = frozenset(
    {"on", "at", "in", "by", "to", "of", "is", "or", "up", "as", "am", "pm", "no", "so", "we",
     "be", "do", "go", "he", "me", "my", "us", "it", "an", "if"}
)  # fmt: skip
_NOT_PLATE_END = frozenset(
    {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "the",
     "and", "for", "but", "yrs", "hrs", "min", "mins", "wks", "mos", "day"}
)  # fmt: skip


def vehicle_regs(text: str) -> Iterable[Span]:
    current = r"[A-Z]{2}\s?\d{2}\s?[A-Z]{3}"
    yield from finditer(
        rf"\b(?:{current}|[A-Z]\d{{1,3}}\s?[A-Z]{{3}}|[A-Z]{{3}}\s?\d{{1,3}}[A-Z])\b",
        text,
        "VEHICLE_REG",
        0,
    )
    if re.search(rf"\b(?:{_VEHICLE_WORDS})\b", text, re.I):
        for match in re.finditer(rf"\b{current}\b", text, re.IGNORECASE):
            plate = match.group(0).lower()
            if not (plate[:2] in _NOT_PLATE_START or plate[-3:] in _NOT_PLATE_END):
                yield match.start(), match.end(), "VEHICLE_REG"
        # Older formats near a vehicle word: "KTR 3391", "H123 ABC".
        yield from finditer(
            r"\b(?!NHS\b)[A-Z]{3}\s?(?!(?:19|20)\d\d\b)\d{3,4}\b",
            text,
            "VEHICLE_REG",
            0,
        )
        for match in re.finditer(
            r"\b(?:reg|registration|plate|number plate)(?:\s+(?:no|number|is|was|:))*[\s:.-]+"
            r"([A-Z0-9]{2,4}\s?[A-Z0-9]{3,4})\b",
            text,
            re.IGNORECASE,
        ):
            plate = match.group(1)  # letters and digits both: not "reg was checked"
            year = re.fullmatch(r"[A-Za-z]+\s(?:19|20)\d\d", plate)  # "form 2024"
            if re.search(r"\d", plate) and re.search(r"[A-Za-z]", plate) and not year:
                yield match.start(1), match.end(1), "VEHICLE_REG"
        # Right after "reg", an older plate in any case and spacing: "reg e 612 kpn".
        yield from finditer(
            r"\b(?:reg|plate)(?:\s+(?:no|number|is|was|:))*[\s:.-]+"
            r"(?!\d+\s*(?:days?|weeks?|months?|years?|hours?|mins?)\b)"
            r"\b([a-z]\s?\d{1,3}\s?[a-z]{3})\b",
            text,
            "VEHICLE_REG",
            group=1,
        )
        # A plate with no year letter after "reg": "reg is 7 KTW" (capitals only).
        yield from finditer(
            r"(?i:\b(?:reg|plate)(?:\s+(?:no|number|is|was|:))*)[\s:.-]+(\d{1,4}\s?[A-Z]{1,3})\b",
            text,
            "VEHICLE_REG",
            flags=0,
            group=1,
        )
        # Part of a plate: quoted ("YP21" on the plate), or after "reg starts".
        for match in re.finditer(
            r"[\"“'‘]([A-Z]{2}\d{2}(?:\s?[A-Z]{1,3})?)[\"”'’]"
            r"|(?i:\b(?:reg|plate)\s+(?:starts?|begins?|beginning)\s+(?:with\s+)?)([A-Z]{2}\d{2})\b",
            text,
        ):
            group = 1 if match.group(1) else 2
            yield match.start(group), match.end(group), "VEHICLE_REG"
