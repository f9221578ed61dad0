"""Structured identifiers found by patterns (checksums where the format has one).

Emails (also "at ... dot" forms), phone numbers with any separators, NHS and National
Insurance numbers, postcodes (full, and outward codes alone when they cannot be a year
group, a section of an Act or a motorway), dates in figures and in words, reference
numbers, vehicle registrations, social media handles and web addresses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.privacy.online import handles as handles
from bot.privacy.online import urls as urls
from bot.privacy.patterns import (
    AREA_RE,
    DAY,
    FULL_POSTCODE,
    MONTHS,
    STREET,
    YEAR,
    YEAR_WORDS,
    Span,
    finditer,
)
from bot.privacy.phones import digits_of
from bot.privacy.phones import phones as phones
from bot.privacy.vehicles import vehicle_regs as vehicle_regs

_TLD = r"(?:com|co|uk|org|net|gov|nhs|sch|ac|io|me|info|edu|ie|biz|email|mail)"
_DOT = r"(?:\s*(?:\.|\(dot\)|\[dot\])\s*|\s+dot\s+)"
_AT = r"(?:\s*(?:@|\(at\)|\[at\])\s*|\s+at\s+)"
_REF_WORDS = (
    r"(?:case|refs|ref|references|reference|crime|incident|log|crn|urn|file|cad|occurrence|"
    r"cpoms|mosaic|"
    r"lcs|eclipse|id|job|referral|record|episode|storm|niche|athena|pnc|collar|report|"
    r"court|claim|ticket|tracking|account|a/c|acc|pupil|upn|uln|member|custody|booking|"
    r"arrest|charge|warrant|docket|wardship|prison|prisoner|nomis|probation|tenancy|housing)"
)


_ID_LABELS = (
    r"(?:mosaic|lcs|eclipse|liquidlogic|crn|urn|cad|cpoms|storm|niche|athena|pnc|upn|uln"
    r"|crime|incident|log|case|occurrence|custody|arrest|warrant|tenancy|ref|reference)"
)
_PUBLIC = frozenset({"999", "101", "111", "112", "116", "0800"})
_NOT_CODE_PREFIXES = frozenset({"DOB", "DATE", "ON", "OF", "AT", "TEL", "MOB", "BORN", "D"})
# Court and benefit forms are no references: "C100", "C1A", "FL401", "N244".
_FORM = re.compile(r"(?:C\d{1,3}A?|FL\d{3}A?|N\d{3}|D\d{1,3}|FP\d{1,2}|SC\d{1,3}|PA\d{1,2})")


def _nhs_checksum_ok(digits: str) -> bool:
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def emails(text: str) -> Iterable[Span]:
    # Cheap checks first: these patterns are slow on long runs of word characters.
    if "@" in text:
        yield from finditer(r"[\w.+'-]*\w@[A-Za-z][\w-]*(?:\.[\w-]+)*", text, "EMAIL")
        # Spaces around "@" only when the address ends like one: "jo @ gmail . com".
        yield from finditer(
            rf"[\w.+'-]+\s?@\s?[\w-]+(?:\s?\.\s?[\w-]+)*\s?\.\s?{_TLD}\b", text, "EMAIL"
        )
    if not re.search(r"\bat\b|\(at\)|\[at\]", text, re.IGNORECASE):
        return
    # "dee dot marsh 88 at ...": digits said after a space are part of it too.
    local = rf"[\w+-]+(?:(?:{_DOT}|\s+(?:underscore|dash|hyphen)\s+|\s+(?=\d+\b))[\w+-]+)*"
    domain = rf"[\w-]+(?:{_DOT}[\w-]+)*{_DOT}{_TLD}\b"
    # Not "watched it at youtube.com/watch?v=...": a path makes it a link.
    yield from finditer(rf"\b{local}{_AT}{domain}(?!/)", text, "EMAIL")


def nhs_numbers(text: str) -> Iterable[Span]:
    for match in re.finditer(r"(?<![\w+])\d{3}[\s.\-/]{0,2}\d{3}[\s.\-/]{0,2}\d{4}(?!\d)", text):
        digits = digits_of(match.group(0))
        before = text[max(0, match.start() - 40) : match.start()].lower()
        if (_nhs_checksum_ok(digits) and not digits.startswith("0")) or re.search(
            r"\bnhs|\bchi\b|health (?:no|number)", before
        ):
            yield match.start(), match.end(), "NHS_NUMBER"


def ni_numbers(text: str) -> Iterable[Span]:
    sep = r"[\s.\-]{0,2}"
    yield from finditer(
        rf"\b[A-Z]{sep}[A-Z]{sep}\d{{2}}{sep}\d{{2}}{sep}\d{{2}}{sep}[A-D]\b", text, "NI_NUMBER"
    )


def ni_numbers_in_context(text: str) -> Iterable[Span]:
    """Without the final letter, after "NI", "NINO" or "national insurance"."""
    yield from finditer(
        r"\b(?:NI|NINO|national insurance)(?:\s+(?:no|number|num))?\.?[\s:]+(?:is\s+)?"
        r"([A-Z]{2}[\s.\-]?\d{2}[\s.\-]?\d{2}[\s.\-]?\d{2}(?:[\s.\-]?[A-D])?)\b",
        text,
        "NI_NUMBER",
        group=1,
    )


def postcodes(text: str) -> Iterable[Span]:
    yield from finditer(rf"\b{FULL_POSTCODE}\b", text, "POSTCODE")
    outward = rf"(?:{AREA_RE})\d[A-Z\d]?"
    cue_before = r"(?:postcode|post code|area|in|from|near|around|lives|living|moved to|based in)"
    # With a cue, any case: "in ls6", "postcode M14", "the BD3 area".
    yield from finditer(
        rf"\b{cue_before}[\s:]+(?:the\s+)?({outward})\b(?!\s*(?:motorway|junction))",
        text,
        "POSTCODE",
        group=1,
    )
    yield from finditer(rf"\b({outward})\s+(?:area|postcode|district)\b", text, "POSTCODE", group=1)
    # Lower case at the end of an address: "42a beech grove, ls9".
    yield from finditer(rf"{STREET},\s*({outward})\b(?!\s*\d)", text, "POSTCODE", group=1)
    # Upper case alone: not S47 or S20 (sections), M62 after "the" (a motorway), L3 (a level).
    for match in re.finditer(rf"(?<![\w&/-])({outward})(?![\w&/-])", text):
        code = match.group(1)
        before = text[: match.start()].rstrip().lower()
        if re.fullmatch(r"S\d+|[BEGLMNW]\d", code) or before.endswith(("the", "level", "a")):
            continue
        if re.fullmatch(r"M\d\d?", code) and re.match(
            r"\s*(?:j|junction|motorway)", text[match.end() :], re.I
        ):
            continue
        yield match.start(1), match.end(1), "POSTCODE"


# A month and year that dates guidance or a change, not a person: "published July
# 2022", "since April 2023"; unless a birth is near ("born in March 2015").
_GENERAL_BEFORE = re.compile(
    r"(?i)\b(?:published|updated|issued|introduced|launched|revised|reviewed|effective|since"
    r"|from|in|until|till|by|before|after)\s+$"
)
_BIRTH = re.compile(r"(?i)\b(?:born|dob|d\.o\.b|birth|birthday|due|edd)\b")


def _general_month(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start]
    return bool(_GENERAL_BEFORE.search(before)) and not _BIRTH.search(before)


def dates(text: str) -> Iterable[Span]:
    weekday = (
        r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+(?:the\s+)?)?"
    )
    day_month = rf"\b{weekday}{DAY}\s+(?:of\s+)?{MONTHS}(?:,?\s+(?:of\s+)?{YEAR})?(?![\w])"
    month_day = rf"\b{MONTHS}\s+(?:the\s+)?{DAY}(?:,?\s+{YEAR})?(?![\w])"
    the_day = rf"\b{weekday}the\s+{DAY}\s+of\s+{MONTHS}(?:,?\s+{YEAR})?(?![\w])"
    year = rf"(?:(?:19|20)\d{{2}}|['’]\d{{2}}|{YEAR_WORDS})"
    month_year = rf"\b{MONTHS}\s+(?:of\s+)?{year}(?![\w])"
    for pattern in (day_month, month_day, the_day, month_year):
        for match in re.finditer(pattern, text, re.IGNORECASE):
            value = match.group(0)
            if pattern is month_year and _general_month(text, match.start()):
                continue
            # "may" on its own is a verb: "she may 2 ..." never counts; a bare number
            # after a month must look like a day or a year.
            if re.fullmatch(rf"may\s+{DAY}", value, re.IGNORECASE) and not re.search(
                r"\d(?:st|nd|rd|th)|[a-z]{4,}$", value, re.I
            ):
                continue
            yield match.start(), match.end(), "DATE"
    yield from finditer(
        r"\b\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?(?:\d{4}|\d{2})(?!\d)", text, "DATE"
    )
    yield from finditer(r"\b(?:19|20)\d{2}[/.\-]\d{1,2}[/.\-]\d{1,2}\b", text, "DATE")
    # "on 12/03", "of 3/7": day and month with a cue before them
    for match in re.finditer(
        r"\b(?:on|of|dated|since|from|until|till|by|before|after)\s+(\d{1,2})/(\d{1,2})(?![\d/])",
        text,
        re.IGNORECASE,
    ):
        if 1 <= int(match.group(1)) <= 31 and 1 <= int(match.group(2)) <= 12:
            yield match.start(1), match.end(2), "DATE"
    # "on the 12th", "born in 2012"
    yield from finditer(
        r"\b(?:on|since|from|until|till|by|before|after)\s+the\s+([0-3]?\d(?:st|nd|rd|th))\b",
        text,
        "DATE",
        group=1,
    )
    yield from finditer(
        r"\b(?:born|dob|d\.o\.b\.?|year of birth)[\s:]+(?:in\s+)?((?:19|20)\d{2})\b",
        text,
        "DATE",
        group=1,
    )
    # "DOB 12/3", "born 120315", "d.o.b: 3.5.15"
    yield from finditer(
        r"\b(?:dob|d\.o\.b\.?|date of birth|born(?: on)?)[\s:.-]*(\d[\d/.\- ]{2,9}\d)",
        text,
        "DATE",
        group=1,
    )


# Letter codes joined to a reference are part of it: "LA-CIN-77219", "MRC/NEL/0099",
# "HO-ASB-2024-3321" (the recognisers below start at the last code before the digits).
_CODE_PREFIX = re.compile(r"(?:\b[A-Za-z]{1,6}[/-])+$")
_LABELLED_CODE = re.compile(r"(?i:\b(?:no|number|num|ref|is|mrn)\.?|:)\s+([A-Z]{1,4}\d{0,3})\s+$")


def references(text: str) -> Iterable[Span]:
    for start, end, kind in _references(text):
        prefix = _CODE_PREFIX.search(text, max(0, start - 30), start)
        first = prefix.start() if prefix else start
        # A code before it after a label: "patient no is RQ3 5521907".
        code = _LABELLED_CODE.search(text, max(0, first - 40), first)
        yield (code.start(1) if code else first), end, kind
        # More of them in a list: "refs 3317/24 and 3318/24", "CR/1/24, CR/2/24".
        while more := _LISTED.match(text, end):
            if not _shaped_alike(text[start:end], more.group(1)):
                break
            start, end = more.span(1)
            yield start, end, kind


_LISTED = re.compile(r"\s*(?:,|&|\band\b|\bor\b|/)\s*([A-Z]{0,6}[/-]?\d[\w/.-]*\d)\b")


def _shaped_alike(first: str, other: str) -> bool:
    """Two references of one system: the same letters and separators, digits alike."""

    def shape(code: str) -> str:
        return re.sub(r"\d+", "9", re.sub(r"^.*?(?=[A-Z]*[/-]?\d)", "", code))

    return len(digits_of(other)) >= 3 and shape(first) == shape(other)


_OF_THE_DAY = re.compile(r"\s+(?:of\s+|at\s+|on\s+)?[0-3]?\d/[01]\d(?:/\d{2}(?:\d{2})?)?\b")


def _references(text: str) -> Iterable[Span]:
    # A label and its number: the number goes; a record system's name or an ID label
    # goes with it ("Mosaic 770315", "crime no. 13/55817/25"), practice words stay
    # ("court", "referral", "report").
    for words, whole in ((_REF_WORDS, False), (_ID_LABELS, True)):
        for match in re.finditer(
            rf"\b{words}\s*(?:(?:ref|reference|no|number|num|id|#)\.?\s*)*(?:is\s+|was\s+)?"
            rf"[:#=-]?\s*([A-Z]{{0,6}}[/-]?\d[\w/.*-]*\d\w*(?:[/-][A-Z]{{1,4}}\b)*"
            rf"|[A-Z]{{0,6}}[/-]?\d{{3,}})"
            rf"(?!\s*(?:days?|hours?|hrs?|weeks?|months?|years?|mins?|minutes?|am|pm)\b)",
            text,
            re.IGNORECASE,
        ):
            number = match.group(1)
            # An identifier, not a count or a public number: 3+ characters, or letters
            # or separators in it ("incident 10 days ago", "in case 999 is needed" stay).
            if number not in _PUBLIC and (len(number) >= 3 or not number.isdigit()):
                # A log or CAD number of the day: "CAD 0612 21/10", "log 3321 on 04/11".
                day = _OF_THE_DAY.match(text, match.end(1))
                end = day.end() if day else match.end(1)
                yield (match.start() if whole else match.start(1)), end, "REFERENCE"
    # A force's or system's letters, a dash, letters and digits: "WYP-44QZ17".
    # (Letters and two digits or more after the dash: not "KCSIE-2024" or "ISO-27001".)
    yield from finditer(
        r"\b[A-Z]{2,6}-(?=[A-Z\d]*[A-Z])(?=[A-Z]*\d[A-Z]*\d)[A-Z\d]{4,}\b", text, "REFERENCE", 0
    )
    # Digits, letters, digits: police URNs such as "47PD0061234".
    yield from finditer(r"\b\d{1,4}[A-Z]{1,4}\d{4,}\b", text, "REFERENCE", 0)
    # Codes mixing capitals and 3+ digits: "CS-778812", "MOS123456", "CR/12345/25".
    for match in re.finditer(r"\b[A-Z]{1,6}[/-]?\d{3,}(?:[/-][A-Z\d]+)*\b", text):
        if not _FORM.fullmatch(match.group(0)):
            yield match.start(), match.end(), "REFERENCE"
    # Number groups around letters: "07/HH/2291", "14-KX-00312".
    yield from finditer(
        r"\b\d{1,4}(?:[/-][A-Z]{1,4})+[/-]\d{2,}(?:[/-][A-Z\d]+)*\b", text, "REFERENCE", 0
    )
    # A record system's acronym, a space, then the number: "LCS 1049327", "CRN 55120".
    for match in re.finditer(r"\b([A-Z]{2,6}) \d{5,}\b", text):
        if re.fullmatch(_REF_WORDS, match.group(1), re.IGNORECASE):
            yield match.start(), match.end(), "REFERENCE"
    yield from finditer(r"\b\d{2,}/\d{3,}/\d{2,4}\b", text, "REFERENCE")
    # Family court numbers written with spaces: "LV 25 P 00412", "ZC24 C 50123".
    yield from finditer(r"\b[A-Z]{2}\s?\d{2}\s?[A-Z]\s?\d{5}\b", text, "REFERENCE", 0)
    # Codes of letters and number groups: "SY-24-118830", "LS/2025/0042", "CR 24 5561".
    for match in re.finditer(r"\b[A-Z]{1,6}[/ -]?\d+(?:[/-]\d+)+(?:[/-][A-Z\d]+)*\b", text):
        prefix = re.match(r"[A-Z]+", match.group(0))
        if prefix and prefix.group(0) in _NOT_CODE_PREFIXES:
            continue  # "DOB 02/02/1990" is a date, found as one
        if len(digits_of(match.group(0))) >= 4:
            yield match.start(), match.end(), "REFERENCE"
    yield from finditer(r"(?<![£$€\w.,])\d{6,}(?![\w%])", text, "REFERENCE")


_AFTER_ADDRESS = re.compile(
    rf",?\s+(?:(?-i:[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)?),?\s+)?((?:{AREA_RE})\d[A-Z\d]?)\b(?!\s*\d)",
    re.IGNORECASE,
)


def outward_after_address(text: str, spans: Iterable[Span]) -> list[Span]:
    """An outward code in any case right after an address, or after its town:
    "12 oak road ls9", "4 Elm Close, Liverpool L6"."""
    out: list[Span] = []
    for _, end, kind in spans:
        match = _AFTER_ADDRESS.match(text, end) if kind == "ADDRESS" else None
        if match:
            out.append((match.start(1), match.end(1), "POSTCODE"))
    return out
