"""Shared regular-expression pieces for the structured recognisers."""

from __future__ import annotations

import re

Span = tuple[int, int, str]


def words(text: str) -> list[str]:
    """The words of a space-separated list."""
    return text.split()


MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORD_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_ORD_TEENS = (
    "tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
    "eighteenth|nineteenth"
)
# "4th", "4", "fourth", "twenty-first", "thirty first"
DAY = (
    rf"(?:[0-3]?\d(?:st|nd|rd|th)?|(?:twenty|thirty)[\s-]?(?:{_ORD_UNITS})|"
    rf"twentieth|thirtieth|{_ORD_TEENS}|{_ORD_UNITS})"
)
_SMALL = rf"(?:(?:{_TENS})(?:[\s-]?(?:{_UNITS}))?|{_TEENS}|(?:oh|o)[\s-]?(?:{_UNITS}))"
# "2015", "'15", "15", "twenty-fifteen", "two thousand and fifteen", "nineteen ninety-eight"
YEAR_WORDS = (
    rf"(?:(?:twenty|nineteen)[\s-]?{_SMALL}|"
    rf"two[\s-]thousand(?:[\s-](?:and[\s-])?(?:{_SMALL}|{_UNITS}))?)"
)
YEAR = rf"(?:(?:19|20)\d{{2}}|['’]\d{{2}}|\d{{2}}(?!\d)|{YEAR_WORDS})"

# UK postcode areas (Royal Mail), for outward codes on their own.
POSTCODE_AREAS = words(
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT "
    "DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L "
    "LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S "
    "SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR "
    "WS WV YO ZE"
)
AREA_RE = "|".join(sorted(POSTCODE_AREAS, key=len, reverse=True))
FULL_POSTCODE = rf"(?:GIR ?0AA|(?:{AREA_RE})\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{{2}})"

STREET = (
    r"(?:street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|court|ct|"
    r"place|pl|gardens|gdns|grove|terrace|walk|hill|park|square|sq|mews|row|green|rise|view|"
    r"parade|estate|house|towers|fold|gate|croft|vale|meadows?|heights|wharf|yard|chase|"
    r"boulevard|broadway|mount|approach|bank|brow|fields?|hollow|garth|wynd|lea|end|"
    r"cottages|buildings|mansions|villas|quay|circus|wood|common|side|site|caravan park|"
    r"flats|point|works|bridge|cl|tce|marina)"
)
# Words that name no street on their own: "the High Street", "Main Road".
GENERIC_STREET_WORDS = frozenset({"The", "A", "High", "Main", "Old", "New", "Back", "Front"})
# Words before an address: "lives at", "address is", "moved to" (each recogniser adds its own).
ADDRESS_CUE = r"address(?:\s+is)?|lives at|living at|live at|stays at|staying at|moved to|moving to"
SEP = r"[\s().\-/–]"


def finditer(pattern: str, text: str, kind: str, flags: int = re.IGNORECASE, group: int = 0):
    """(start, end, kind) for each match of `pattern` (or of one of its groups)."""
    for match in re.finditer(pattern, text, flags):
        if match.group(group):
            yield match.start(group), match.end(group), kind


PLACEHOLDER = "<{}>"


def merge_spans(spans: list[Span]) -> list[Span]:
    """Overlapping spans merge into the one that starts first (the longest at a tie)."""
    merged: list[Span] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -s[1])):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
            continue
        merged.append((start, end, kind))
    return merged


def apply_spans(text: str, merged: list[Span]) -> str:
    """`text` with each of the (non-overlapping) spans replaced by its placeholder."""
    for start, end, kind in reversed(merged):
        text = text[:start] + PLACEHOLDER.format(kind) + text[end:]
    return text
