"""Addresses and the names of schools and nurseries.

A school's own name identifies a child ("Westfield Primary", "st mary's c of e",
"Little Acorns Nursery"); "the local primary school" or "a secondary school" does not,
so a school name needs at least one word before the kind of school that is not a
generic word ("the", "local", "secondary", ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.privacy.address_extent import known_place
from bot.privacy.buildings import buildings
from bot.privacy.patterns import (
    ADDRESS_CUE,
    GENERIC_STREET_WORDS,
    STREET,
    Span,
    finditer,
    words,
)

_KIND = (
    r"(?:primary|junior|juniors|infant|infants|nursery|nurseries|pre-?school|academy|"
    r"high|secondary|grammar|college|school|sixth form|children['’]s cent(?:re|er)|"
    r"day nursery|montessori|pru|free school|first school|middle school|"
    r"c\.? ?of ?e\.?|c\.?e\.?|r\.?c\.?|catholic|church of england|methodist|islamic|"
    r"jewish|sikh|hindu|cofe|girls['’]?|boys['’]?)"
)
# A generic word and the kind together are the kind: "Ashgrove Free School", "The
# Meadows Special School", "Oak Tree Lower School" (alone, "free" or "special" ends a name).
_LAST_KIND = (
    r"(?:(?:free|special|lower|upper|middle|first|community|grammar|high|primary|infant|junior"
    r"|studio|nursery|church|village|faith|catholic|secondary) school"
    r"|day nursery|pupil referral unit|PRU|primary|juniors?|infants?|nursery|pre-?school|"
    r"academy|high|college|school|sixth form|children['’]s cent(?:re|er)|montessori|"
    r"(?:after[- ]school|breakfast|holiday|kids['’]?) club|playgroup|(?:learning )?campus)"
)
GENERIC = frozenset(
    words(
        "the a an her his their my our your its this that these those local new old same "
        "different other another any every each which what whose primary secondary high special "
        "mainstream independent private state faith catholic village nearby current previous "
        "nursery junior infant school academy college boarding free grammar sixth form community "
        "council alternative provision residential day after before forest sunday swimming "
        "driving dance football summer holiday breakfast club pre first middle upper lower at to "
        "from in on of and or for with attends attending attended goes go went started starting "
        "moved moving transferred excluded expelled year reception y1 y2 y3 y4 y5 y6 y7 y8 y9 y10 "
        "y11 year's kids children child pupil pupils student students staff head headteacher dsl "
        "senco teacher teachers is was be been being are were which who where when why how "
        "safeguarding designated lead leads officer team inclusion pastoral nurture attendance "
        "welfare some all both most many same one two three she he they we i you "
        "it there here our own only also just still about over outstanding good secure unit "
        "referral learning support base hub centre specialist language communities church "
        "catholic christian muslim jewish sikh hindu ofsted sure start medical law art arts drama "
        "music night comprehensive public separate second next last big small mixed single sex "
        "girls boys girls' boys' primaries secondaries schools academies colleges nurseries"
    )
)


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
# the words before the generic "of", "and" belong to the name.
_OUR_LADY = re.compile(
    r"\b(?i:our\s+(?P<lady>lady(?:['’]s)?(?:\s+(?:&|[^\W\d_][\w'’.]*)){0,3}\s+)?)$"
)


_AFTER_ACADEMY = re.compile(
    r"\s+(?!(?:Mum|Dad|He|She|They|We|It|Police|The|Is|Was|And|But|So|Trust|School|Staff|Head"
    r"|DSL|Year|On|In|At|For|To|Has|Have|Had|Said|Says)\b)[A-Z][a-z]+\b"
)


def outside_phrases(
    spans: list[Span], text: str, protected: list[tuple[int, int]], is_word: Callable[[str], bool]
) -> list[Span]:
    """School names that are more than a practice phrase: "Thomas Coram Primary" is a
    school although "Coram" is a charity; "Virtual School" is no school's name."""
    out = []
    for start, end, kind in spans:
        inner = [(max(a, start), min(b, end)) for a, b in protected if a < end and start < b]
        rest = text[start:end]
        for a, b in sorted(inner, reverse=True):
            rest = rest[: a - start] + " " + rest[b - start :]
        rest = re.sub(rf"\b(?i:{_KIND}|{_LAST_KIND})\b", " ", rest)
        left = [w for w in re.findall(r"[^\W\d_][\w'’-]*", rest) if w.lower() not in GENERIC]
        if not inner or any(w[0].isupper() or not is_word(w) for w in left):
            out.append((start, end, kind))
    return out


def schools(
    text: str,
    is_word: Callable[[str], bool],
    stop_words: frozenset[str] = frozenset(),
    acronyms: frozenset[str] = frozenset(),
) -> Iterable[Span]:
    for match in re.finditer(
        rf"\b(?:{_KIND}(?:\s+(?:&|and))?\s+)*{_LAST_KIND}\b", text, re.IGNORECASE
    ):
        name: list[re.Match[str]] = []
        end = match.start()
        for word in reversed(list(re.finditer(r"[^\W\d_][\w'’.&-]*", text[: match.start()]))):
            if not re.fullmatch(r"\s+", text[word.end() : end]) or len(name) == 4:
                break
            low = word.group(0).lower().strip(".")
            # A stop word opening a sentence is no name either: "Should nursery staff...".
            opens = not text[: word.start()].strip() or text[: word.start()].rstrip()[-1] in ".!?:"
            saints = low == "all" and name and name[0].group(0).lower() in ("saints", "souls")
            if not saints and (
                low in GENERIC or (low in stop_words and (opens or not word.group(0)[0].isupper()))
            ):
                break  # "at the local primary", "he keeps missing school"
            name.insert(0, word)
            end = word.start()
        if not name:
            continue
        words = [w.group(0) for w in name]
        kind = match.group(0)
        lady = _OUR_LADY.search(text, max(0, name[0].start() - 60), name[0].start())
        if lady and not lady.group("lady") and not words[0].lower().startswith("lady"):
            lady = None
        saint = words[0].lower().strip(".") in ("st", "saint") or bool(lady)
        unknown = [w for w in words if not is_word(re.sub(r"['’]s?$", "", w))]
        capitalised = all(w[0].isupper() for w in words)
        cued = re.search(
            r"\b(?:goes to|go to|going to|attends|attending|attended|at|from|"
            r"started at|moved to|moving to)\s+$",
            text[: name[0].start()],
            re.I,
        )
        if not (saint or unknown or capitalised or cued):
            continue
        if kind.lower() == "high" and not (kind[0].isupper() or unknown):
            continue  # "the risk is really high"
        if all(w.isupper() and len(w) > 1 for w in words) and not saint:
            continue  # acronyms are services: "CAMHS school nurse"
        # A trust's academies put the place after: "Oakwood Academy Rotherham".
        after = _AFTER_ACADEMY.match(text, match.end()) if kind.lower() == "academy" else None
        end = after.end() if after else match.end()
        yield lady.start() if lady else name[0].start(), end, "SCHOOL"
    # A school named without its kind: "year 10 at Priesthorpe", "attends Brigshaw",
    # "the girls are at Kelvinside".
    for match in re.finditer(
        r"\b(?i:attends|attending|attended|pupil at|student at|(?:year|yr|y)\s?\d{1,2}\s+at|"
        r"started at|moved schools? to|transferred to|goes to school at|at school at|"
        r"(?:kids|children|girls|boys|twins|siblings|sons?|daughters?)\s+(?:are\s+|is\s+|both\s+)?"
        r"(?:at|board at))\s+"
        r"((?:St\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})",
        text,
    ):
        words = match.group(1).split()
        if all(w.isupper() or w.lower() in GENERIC or is_word(w) for w in words):
            continue
        if known_place(match.group(1)):
            continue  # "the kids are at Harrogate with dad": a town
        yield match.start(1), match.end(1), "SCHOOL"
    # "the nursery is Busy Bees", "her school's called Oakfield"
    for match in re.finditer(
        r"\b(?i:nursery|school|academy|college|primary|setting|childminder)(?:['’]s| is| are|"
        r"(?i: called| named)|:)+\s+((?:St\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})",
        text,
    ):
        words = match.group(1).split()
        if not all(w.isupper() or w.lower() in GENERIC for w in words):
            yield match.start(1), match.end(1), "SCHOOL"
    # A church school's name without its kind, in any case: "the twins are at all saints".
    yield from finditer(
        r"\b(?:at|to|from|attends|attending)\s+((?:all saints|all souls|holy (?:trinity|family|"
        r"cross|rood|name|spirit)|sacred heart|christ the king|christ church)\b"
        r"(?:\s+(?-i:[A-Z][a-z]+)\b)?)",
        text,
        "SCHOOL",
        group=1,
    )
    # "goes to BGS": a school's initials after a school cue (not an agency's acronym).
    for match in re.finditer(
        r"\b(?i:goes to|go to|going to|attends|attending|pupil at|student at|"
        r"(?:year|yr|y)\s?\d{1,2}\s+at)\s+([A-Z]{1,3}[HG]?S)\b",
        text,
    ):
        if match.group(1) not in acronyms:
            yield match.start(1), match.end(1), "SCHOOL"
    # "St Mary's", "St. John's" (a school, church or hospital: all identify).
    yield from finditer(r"\b(?:St\.?|Saint)\s+[A-Z][a-z]+['’]s\b", text, "SCHOOL", 0)
