"""The names of schools and nurseries, for bot/privacy/anonymiser.py.

A school's own name identifies a child ("Westfield Primary", "st mary's c of e",
"Little Acorns Nursery"); "the local primary school" or "a secondary school" does not,
so a school name needs at least one word before the kind of school that is not a
generic word ("the", "local", "secondary", ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.privacy.address_extent import known_place
from bot.privacy.patterns import Span, finditer, words

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
    r"(?:(?:academy|learning|schools|education|multi[- ]academy) trust|(?-i:Grammar)"
    r"|(?:free|special|lower|upper|middle|first|community|grammar|high|primary|infant|junior"
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


# the words before the generic "of", "and" belong to the name.
_OUR_LADY = re.compile(
    r"\b(?i:our\s+(?P<lady>lady(?:['’]s)?(?:\s+(?:&|[^\W\d_][\w'’.]*)){0,3}\s+)?)$"
)


_NUMBER_WORDS = frozenset(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
)
# A word of three letters or more with a full stop ends a sentence ("Lane."); an
# abbreviation with one does not ("St.", "C.E.", "R.C.").
_ENDS_SENTENCE = re.compile(
    r"^(?![A-Za-z]\.)(?!(?i:st|mt|ste|rev|dr|sr|jr)\.$)[^\W\d_][\w'’&-]{2,}\.$"
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
    last_end: int | None = None  # where the last school named here ended
    for match in re.finditer(
        rf"\b(?:{_KIND}(?:\s+(?:&|and))?\s+)*{_LAST_KIND}\b", text, re.IGNORECASE
    ):
        name: list[re.Match[str]] = []
        end = match.start()
        for word in reversed(list(re.finditer(r"[^\W\d_][\w'’.&-]*", text[: match.start()]))):
            if not re.fullmatch(r"\s+", text[word.end() : end]) or len(name) == 4:
                break
            if _ENDS_SENTENCE.search(word.group(0)):
                break  # "they moved to Cedar Row. Nursery was told": not "Row. Nursery"
            low = word.group(0).lower().strip(".")
            # A stop word opening a sentence is no name either: "Should nursery staff...".
            opens = not text[: word.start()].strip() or text[: word.start()].rstrip()[-1] in ".!?:"
            saints = low == "all" and name and name[0].group(0).lower() in ("saints", "souls")
            # "Three Oaks Primary": a number word in capitals, not opening a sentence.
            counted = low in _NUMBER_WORDS and word.group(0)[0].isupper() and not opens
            if not (saints or counted) and (
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
        cued = (
            re.search(
                r"\b(?:goes to|go to|going to|attends|attending|attended|at|from|"
                r"started at|moved to|moving to)\s+$",
                text[: name[0].start()],
                re.I,
            )
            or (  # the next in a list: "Beech Hill Infants and dandelion preschool"
                last_end is not None
                and re.fullmatch(r"\s*(?:,|and|&)\s+", text[last_end : name[0].start()], re.I)
            )
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
        last_end = end
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
