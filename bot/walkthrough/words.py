"""Ordinary words in a walkthrough: fillers dropped, informal answers understood.

"add it then", "yes put it in", "not sure tbh", "dunno", "skip that", numbers in
words ("fifteen", "twenty-four"): each walkthrough reads answers through here
first, so every step understands them the same way.
"""

from __future__ import annotations

import re


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().strip(".!?")).replace("\u2019", "'")


# Said around an answer without changing it.
_FILLERS = re.compile(
    r"^(?:(?:ok(?:ay)?|so|um+|erm+|er|well|right|yeah|yes|yep|hmm+|i think|i guess|i'd say|"
    r"probably|just|please|pls|oh)[\s,]+)+|"
    r"(?:[\s,]+(?:then|please|pls|tbh|to be honest|thanks|thank you|ta|cheers|mate|lol|x+|"
    r"i think|i guess|really|for now|at the moment|atm|for this one))+$"
)
DONT_KNOW = frozenset(
    {"don't know", "dont know", "do not know", "not sure", "unsure", "unknown", "i don't know",
     "i dont know", "dunno", "idk", "no idea", "no clue", "can't say", "cant say",
     "not known", "don't know yet", "not sure yet", "i'm not sure", "im not sure", "?"}
)  # fmt: skip
SKIP = frozenset(
    {"skip that", "skip it", "skip this one", "skip that one", "pass on that", "leave it",
     "come back to it", "come back to that", "next one", "move on", "skip for now"}
)  # fmt: skip
_UNITS = {
    "zero": 0, "none": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "a dozen": 12, "once": 1, "twice": 2,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}


def plain(text: str) -> str:
    """The answer without fillers: "add it then" -> "add it", "not sure tbh" -> "not sure"."""
    said = normalise(text)
    stripped = _FILLERS.sub("", said).strip(" ,.!")
    return stripped or said


def number_in_words(text: str) -> int | None:
    """ "fifteen" -> 15, "twenty-four" -> 24, "about 12" -> 12; None when it is not a number."""
    said = re.sub(
        r"^(?:about|around|roughly|approx(?:imately)?|maybe|at least)\s+", "", plain(text)
    )
    said = re.sub(r"\s+(?:times|yeses|yes answers|incidents|call-?outs|ticks)$", "", said)
    if said.isdigit():
        return int(said)
    if said in _UNITS:
        return _UNITS[said]
    match = re.fullmatch(r"(twenty|thirty|forty|fifty|sixty)(?:[\s-](\w+))?", said)
    if match and (match.group(2) is None or match.group(2) in _UNITS):
        unit = _UNITS.get(match.group(2) or "zero", 0)
        return _TENS[match.group(1)] + unit if unit < 10 else None
    return None


# "Keep my answer" after going back to a step whose answer is held (both walkthroughs).
KEEP = frozenset(
    {"keep it", "keep", "keep that", "same", "same as before", "no change", "leave it",
     "leave it as it is", "that's fine", "thats fine", "it's fine", "as before",
     "keep my answer", "keep mine", "keep the answer", "keep what i said"}
)  # fmt: skip
