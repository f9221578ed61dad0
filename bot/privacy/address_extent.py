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
from bot.privacy import patterns
from bot.privacy.normalise import straight_apostrophes
from bot.privacy.welsh import CAP_WORD

Span = tuple[int, int, str]

_TOWN = rf"(?-i:{CAP_WORD}(?:\s(?:(?:upon|on|under|le|in|by|the)\s)?{CAP_WORD})?)"
DIRECTIONS = ("North", "South", "East", "West", "Upper", "Lower")
_COMPASS = frozenset(d.lower() for d in DIRECTIONS) - {"upper", "lower"}
AFTER = re.compile(
    rf"(?:\s+(?-i:{'|'.join(DIRECTIONS)})\b)?"
    rf"(?:,\s*|\s+(?=near\b))(?:near\s+)?{_TOWN}\b",
    re.IGNORECASE,
)
BEFORE = re.compile(
    r"(?:(?:\b(?:(?:ground|basement|top|\d+(?:st|nd|rd|th)|first|second|third)\s+floor"
    r"(?:\s+(?:flat|maisonette))?(?:\s+(?:rear|front|left|right|back))?|floor\s+\d{1,2}"
    r"|(?:flat|fl\.?|apartment|apt|unit|room|bay|pitch|plot)\s+(?:\d+[a-z]?\d?|[a-z]\d{1,3})"
    r"|(?-i:[A-Z][a-z'’]+)\s+(?:farm|house|cottage|lodge|barns?|hall|mill|manor|villa|hut|granary"
    r"|chalet|tower|point|heights|block))"
    r"\s*,\s*){1,2})$",
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
            if (
                words
                and words[0] in DIRECTIONS
                and "," not in text[end : after.end()].split(words[0])[0]
            ):
                out.append((start, text.index(words[0], end) + len(words[0]), "ADDRESS"))
                words = words[1:]
            words = words[1:] if words and words[0].lower() == "near" else words
            town = " ".join(words)
            stop = after.end()
            if len(words) == 2 and not _is_town(town, places, is_word):
                town, stop = words[0], after.end() - len(words[1]) - 1
            if words and _is_town(town, places, is_word):
                out.append((start, stop, "ADDRESS"))
        before = BEFORE.search(text[max(0, start - 70) : start])
        if before:
            out.append((start - len(before.group(0)), end, "ADDRESS"))
    return out


# Two-word villages: "Great Wenham", "Kings Langley", "Hatherton Edge", "Bishops Green".
_TOWN_FIRST = frozenset(
    patterns.words(
        "great little long lower upper nether market much chipping kings king's bishops stony "
        "steeple castle north south east west"
    )
)
_TOWN_LAST = frozenset(
    patterns.words(
        "edge green end heath bridge cross hill common marsh magna parva regis bay sands vale "
        "wood moor dale spa abbey minster"
    )
)


def _village(words: str, is_word: Callable[[str], bool]) -> bool:
    """Two words of a village's name, in any case ("little haddon"), or capitalised after
    a word that starts many ("Great Wenham", not "North Police")."""
    pair = words.lower().split()
    if len(pair) != 2:
        return False
    first, last = pair
    if (first in _TOWN_FIRST and not is_word(last)) or (last in _TOWN_LAST and not is_word(first)):
        return True
    compass = first in _COMPASS
    return first in _TOWN_FIRST and not compass and words.split()[1][:1].isupper()


def _is_town(town: str, places: frozenset[str], is_word: Callable[[str], bool]) -> bool:
    plain = straight_apostrophes(town)
    if plain.lower() in places:
        return True
    if _village(plain, is_word):
        return True
    return not any(is_word(w.strip("'").lower()) or "'" in w for w in plain.split())


def known_place(name: str) -> bool:
    """A UK place name (any case), from the place list the areas are kept by."""
    return name.lower() in _places()


@cache
def _places() -> frozenset[str]:
    return frozenset(name.lower() for name in place_names())


# The parts of an address written around one already removed, each after a comma:
# "<ADDRESS>, Block B, <ADDRESS>", "<ADDRESS>, Skyline Tower, <PERSON>". Read on the text
# with its placeholders in, so a part between two removed ones, or a building, block,
# floor or estate next to one, goes with them. A part is capitalised words ending in a
# building or street word: lower-case words after an address are the message going on
# ("<ADDRESS>, hes coming down the road"), and the crisis nets must still read them.
_PLACE_NOUN = (
    r"(?:house|court|tower|towers|building|buildings|mansions|estate|block|lodge|cottage|farm"
    r"|park|site|gardens|place|quay|wharf|heights|point|halls?|maltings|flats|apartments"
    r"|street|st|road|rd|lane|ln|avenue|ave|close|drive|crescent|terrace|grove|mews|way|walk"
    r"|row|square|parade|rise|fold|croft|green|bridge|marina|cl|cres|gdns|tce)"
)
# Words that say where, not what: "Near the park" after an address is no part of it.
_FUNCTION = (
    r"(?:near|the|a|an|by|next|to|on|at|in|opposite|behind|beside|off|of|and|with|his|her"
    r"|their|my|our|your|its|from|round|around|past|over|under|towards|into|across)"
)
_PART = (
    r"<(?:ADDRESS|POSTCODE)>|<PERSON>(?=,)"
    r"|(?i:block|wing|floor|stair|entrance)\s+[A-Z0-9]{1,3}\b"
    r"|(?i:(?:ground|top|basement|first|second|third|\d{1,2}(?:st|nd|rd|th))\s+floor)\b"
    rf"|(?:(?i:the)\s+)?(?:(?!(?i:{_FUNCTION})\b)[A-Z][\w'’-]*\s+){{0,3}}(?i:{_PLACE_NOUN})\b"
    r"(?:\s+<POSTCODE>)?"
)
_RUN_AFTER = re.compile(rf"<ADDRESS>((?:,\s*(?:{_PART}))+)")
# An outward code right after an address, in any case: "<ADDRESS> w9".
_OUTWARD_AFTER = re.compile(r"<ADDRESS>,?\s+[A-Za-z]{1,2}\d{1,2}[A-Za-z]?\b(?!\s*\d[A-Za-z]{2})")
_BARE_TOWN_AFTER = re.compile(r"<ADDRESS>\s+([a-z][a-z'’-]+)\b")
_TOWN_AFTER = re.compile(r"<ADDRESS>,\s*((?i:[a-z][a-z'’-]+)(?:\s+(?i:[a-z][a-z'’-]+))?)\b")
_BEFORE_ADDRESS = re.compile(
    r"(?:\b(?-i:The)\s+|\b\d{1,4}/|\b\d{1,2}F\d{1,2},\s*"
    # The dwelling before its number: "caravan 12, ...", "plot 3, ...", "pitch 4 ...".
    r"|\b(?-i:PF\d|BF\d|GF[LR]?|TF[LR]?)\s*,\s*"
    r"|\b(?i:static caravan|caravan|site|pitch|plot|unit|flat|apartment|apt|room|bay|berth"
    r"|mooring|chalet|bedsit|maisonette|boat)\s+)(?=<ADDRESS>)"
)
# A home described by where it stands on a removed street: "the flat over the launderette
# on <ADDRESS>", "the end terrace on <ADDRESS>" (a dwelling word must be in it).
_DWELLING_WORDS = (
    r"(?:flat|flats|house|bungalow|cottage|caravan site|caravan park|caravan|maisonette|bedsit"
    r"|farm|barn|room|rooms|terrace|end terrace|semi|hostel|hotel|b&b|bnb|site)"
)
_DESCRIBED = re.compile(
    rf"\b(?:(?i:the)\s+(?:[\w'’-]+\s+){{0,2}}?)?(?i:{_DWELLING_WORDS})"
    r"(?:\s+(?i:above|over|below|under|next to|behind|opposite|beside|near|by)\s+(?i:the)\s+"
    r"(?:[\w'’-]+\s+){0,2}?[\w'’-]+)?\s+(?i:on|in|off)\s+<ADDRESS>"
)
# Street and building words straight after a removed address, in any case, are more of
# it: "<ADDRESS> gardens estate" (the recogniser stopped at the first street word).
_STREET_NOUN = (
    r"(?:street|st|road|rd|lane|ln|avenue|ave|close|cl|drive|crescent|cres|terrace|tce|grove"
    r"|mews|way|walk|row|square|parade|rise|estate|gardens|gdns)"
)
_NOUNS_AFTER = re.compile(
    rf"<ADDRESS>(?:\s+(?i:{_PLACE_NOUN})\b)+"
    rf"|<ADDRESS>,\s*(?!(?i:{_FUNCTION})\b)[a-z][\w'’-]*(?:\s+(?i:{_STREET_NOUN})\b)+"
)
# Words between an address and its postcode are its town or district: "<ADDRESS>,
# brackley <POSTCODE>", "<ADDRESS> lower broughton, <POSTCODE>".
_TOWN_BEFORE_POSTCODE = re.compile(
    r"<ADDRESS>,?\s+((?:[^\W\d_][\w'’-]*,?\s+){0,3}[^\W\d_][\w'’-]*),?\s+<POSTCODE>"
)


# "<ADDRESS>, near Long Buckby": the village it is near narrows it too.
_NEAR_AFTER = re.compile(
    r"<ADDRESS>,?\s+(?i:near|nr\.?)\s+(?:<PERSON>|[A-Z][\w'’-]+)(?:['’]s)?(?:\s+[A-Z][\w'’-]+)?"
)
# "<ADDRESS> in Fleetwood": the town it is in.
_IN_TOWN = re.compile(rf"<ADDRESS>\s+in\s+({_TOWN})(?![\w'’-])")
_WHEN = frozenset(
    patterns.words(
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter "
        "year reception christmas easter"
    )
)
# Words that join a place name's parts: "newcastle upon tyne", "weston super mare".
_JOINING = frozenset({"of", "upon", "on", "in", "le", "under", "by", "the", "next", "sea"})
# One capitalised word after an address that ends the sentence is its town: "<ADDRESS>, Crook."
_LAST_WORD_TOWN = re.compile(r"<ADDRESS>,\s*([A-Z][a-z'’-]+)(?=\s*(?:[.!?;]|$|<POSTCODE>))")
_CHAT_WORDS = frozenset(
    {"tmrw", "tmw", "tomo", "tonite", "pls", "plz", "thx", "tho", "cos", "coz", "nfa", "marac",
     "cafcass", "idva", "isva", "mash", "dash", "dara", "csc", "lado", "dsl", "camhs", "asap"}
)  # fmt: skip
_SIGN_OFFS = frozenset({"thanks", "thank", "please", "cheers", "ta", "help", "urgent", "asap"})
_NOT_A_TOWN = _SIGN_OFFS | _CHAT_WORDS


def joined(
    text: str,
    is_word: Callable[[str], bool] = lambda w: False,
    is_stop: Callable[[str], bool] = lambda w: False,
) -> str:
    """`text` (with placeholders) with the address parts around each <ADDRESS> taken in;
    `is_stop` tells words that go on with the sentence ("and", "moved") from a town's."""
    if "<ADDRESS>" not in text:
        return text
    before = None
    while before != text:  # "Flat 2F1, <ADDRESS>": one part, then the next
        before, text = text, _BEFORE_ADDRESS.sub("", text)
    text = _DESCRIBED.sub("<ADDRESS>", text)
    text = _NOUNS_AFTER.sub("<ADDRESS>", text)
    text = _TOWN_BEFORE_POSTCODE.sub(
        lambda m: (
            m.group(0)
            if not known_place(m.group(1).replace(",", ""))
            and any(is_stop(w.strip(",")) and w.lower() not in _JOINING for w in m.group(1).split())
            else "<ADDRESS> <POSTCODE>"
        ),
        text,
    )
    text = _RUN_AFTER.sub("<ADDRESS>", text)
    text = _OUTWARD_AFTER.sub("<ADDRESS>", text)
    places = _places()

    def written_as_town(words: str) -> bool:
        # A known place in any case; otherwise only capitalised words that are no English
        # words: "<ADDRESS>, hes coming" or "<ADDRESS>, pls help" is the message going on.
        if words.lower() in places or _village(words, is_word):
            return True
        return words[0].isupper() and _is_town(words, places, is_word)

    def town(match: re.Match[str]) -> str:
        words = match.group(1)
        if written_as_town(words):
            return "<ADDRESS>"
        first = words.split()[0]
        if written_as_town(first):
            return "<ADDRESS>" + match.string[match.start(1) + len(first) : match.end()]
        return match.group(0)

    # A town found in lower case may be the first word of the street: "<ADDRESS>, kings
    # gardens estate" is "<ADDRESS> gardens estate" now, and the street words and code follow.
    text = _NOUNS_AFTER.sub("<ADDRESS>", _TOWN_AFTER.sub(town, text))
    # A lower-case word that is no English word, straight after an address, is its town:
    # "<ADDRESS> ashington" (not "<ADDRESS> bath": a town that is also a word needs its
    # comma or a capital; nor "<ADDRESS> asap").
    text = _BARE_TOWN_AFTER.sub(
        lambda m: (
            "<ADDRESS>"
            if len(m.group(1)) >= 4
            and not is_word(m.group(1).lower())
            and m.group(1).lower() not in _NOT_A_TOWN
            else m.group(0)
        ),
        text,
    )
    text = _NEAR_AFTER.sub("<ADDRESS>", text)
    # After "in", a capitalised word is the town unless it says when ("in March").
    text = _IN_TOWN.sub(
        lambda m: (
            m.group(0)
            if any(is_stop(w) or w.lower() in _WHEN for w in m.group(1).split())
            else "<ADDRESS>"
        ),
        text,
    )
    text = _LAST_WORD_TOWN.sub(
        lambda m: "<ADDRESS>" if m.group(1).lower() not in _SIGN_OFFS else m.group(0), text
    )
    return _OUTWARD_AFTER.sub("<ADDRESS>", text)
