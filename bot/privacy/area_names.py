"""An area named as where someone works is not an identifier: "I'm in Preston", "I work
for Kirklees", "our LA is Bristol", "Lincoln City Council".

Only in those places: a council, county or city name (bot/knowledge/uk_places.py, the
practice vocabulary's areas, this deployment's configured areas) right after words that
say "where I work", or right before "council" / "local authority". Anywhere else a name
that is also a place is handled as before ("Preston came round" is a name), and a street
or school named after a place stays an address or a school ("12 Leeds Road",
"Lincoln Primary").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.privacy.patterns import STREET

_ROLE = (
    r"(?:deputy\s+)?(?:dsl|ddsl|designated safeguarding lead|safeguarding lead|social worker|sw|"
    r"practitioner|health visitor|school nurse|nurse|midwife|idva|isva|ypva|teacher|"
    r"head(?:teacher)?|(?:family\s+)?support worker|family worker|early help worker|worker|"
    r"(?:police\s+|housing\s+|probation\s+)?officer|team manager|manager|commissioner|"
    r"consultant|advisor|adviser|lead|gp|team|service|council|local authority|la)"
)
_BEFORE = re.compile(
    r"(?:"
    # "I'm in", "I'm a DSL in", "we're based in", "I am a social worker at"
    rf"\b(?:i['’]?m|i am|we['’]?re|we are)\s+(?:(?:a|an|the|based|located|currently|now|"
    rf"also|still|just|actually|over|out|up)\s+){{0,2}}(?:{_ROLE}\s+)?(?:in|at|from|covering)\s+"
    # "I work for", "based in", "working across"
    r"|\b(?:work|works|working|worked|based|located|employed|operating)\s+"
    r"(?:in|for|at|across|within|around|covering|out of)\s+"
    # "our LA is", "my area is", "the council's"
    r"|\b(?:our|my)\s+(?:la|local authority|authority|council|borough|county|area|local area|"
    r"patch|region|district|city|town|force|marac|mash|front door)\s+(?:is|=|:|['’]s)\s+"
    # "we cover", "set my area to"
    r"|\b(?:i|we)\s+(?:cover|serve)\s+"
    r"|\b(?:set|change|switch|update)\s+(?:my|our|the)\s+(?:area|local area|la|council)\s+to\s+"
    # "DSL in", "a social worker at"
    rf"|\b{_ROLE}\s+(?:in|at|based in|covering)\s+"
    r")(?:the\s+)?$",
    re.IGNORECASE,
)
_COUNCIL_AFTER = re.compile(
    r"\s+(?:(?:city|county|borough|district|metropolitan|town|county borough|"
    r"metropolitan borough)\s+)?(?:council|local authority)\b"
    r"|\s+(?:la|children['’]s services|children['’]s social care|mash|marac|front door|"
    r"safeguarding (?:partnership|board|children partnership))\b",
    re.IGNORECASE,
)
_SCHOOL = (
    r"(?:primary|junior|juniors|infants?|nursery|pre-?school|school|academy|college|high|"
    r"secondary|grammar|sixth|children['’]s cent(?:re|er)|montessori|pru)"
)
# What may follow an area named after a cue: the end, punctuation or an ordinary word
# in lower case that is neither a street nor a school ("I'm in Leeds and ...").
_ENDS = re.compile(rf"\s*$|\s*[.,;:!?)\]–—-](?!\w)|\s+(?!(?i:{STREET}|{_SCHOOL})\b)[a-z]")


def area_spans(text: str, patterns: Iterable[re.Pattern[str] | None]) -> list[tuple[int, int]]:
    """The spans of area names said as where someone works."""
    spans = []
    for pattern in patterns:
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            after = text[match.end() : match.end() + 40]
            if _COUNCIL_AFTER.match(after):
                spans.append(match.span())
                continue
            before = text[max(0, match.start() - 80) : match.start()]
            if _BEFORE.search(before) and _ENDS.match(after):
                spans.append(match.span())
    return spans
