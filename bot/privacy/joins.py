"""Joining the parts of one identifier, read on the text with its placeholders in.

Some identifiers are found in pieces, with a word between or beside them left behind:

- Welsh (and Spanish) names and addresses join their words with "y", "yr", "ap", "ab":
  "Tŷ <PERSON>, <PERSON> yr <PERSON>", "<PERSON> ap <PERSON>". A run of removed parts and
  capitalised words joined so is one identifier; a hyphenated place with "-y-" or "-yr-"
  after a removed part ("<ADDRESS>, Aber-y-nant") is part of the address.
- A capitalised word right before a school name is its first word ("Oak <SCHOOL>").
- Lower case, where the cue rules do not reach: a school called after a saint after
  "at", "from", "to" ("at st bernadettes"), a possessive written without its apostrophe
  before a family word ("roxannes ex"), and a name before an age in brackets
  ("tiegan (9)").

Each lower-case rule takes a gazetteer name that is no English word, so "at st johns
road" removes a street (which goes anyway) and "the kids (4)" stays.
"""

from __future__ import annotations

import re

from bot.privacy.vocabulary import Lexicon

_PART = r"(?:<(?:PERSON|ADDRESS|SCHOOL)>|(?-i:[A-Z][\w'’-]+))"
_CONNECTED = re.compile(rf"{_PART}(?:\s+(?:y|yr|ap|ab|ferch|verch)\s+{_PART})+")
_WELSH_PLACE = re.compile(
    r"(<(?:PERSON|ADDRESS)>,\s*)[A-Z][a-z]+(?:-[a-z]+)*-(?:y|yr|ar|yn|dan|uwch)-[A-Za-z]+\b"
)
_BEFORE_SCHOOL = re.compile(r"\b([A-Z][a-z]+)\s+(?=<SCHOOL>)")
_SAINT = re.compile(
    r"\b((?:at|from|to|attends|attending|goes to)\s+)(st\.?\s+([a-z]+?)(?:['’]?s)?)\b(?!['’])"
)
_POSSESSIVE = re.compile(
    r"(?<![\w<'’])([a-z]{3,})s(?=\s+(?:ex|mum|dad|bf|gf|boyfriend|girlfriend|partner|husband"
    r"|wife|kids|son|daughter|baby|brother|sister|nan|nana|mam|fella)\b)"
)
_BEFORE_AGE = re.compile(r"(?<![\w<'’])([a-z]{3,})(?=\s*\(\d{1,2}\))")


def joined(text: str, lex: Lexicon) -> str:
    text = _CONNECTED.sub(_one_identifier, text)
    text = _WELSH_PLACE.sub(r"\1<ADDRESS>", text)

    def school_word(match: re.Match[str]) -> str:
        word = match.group(1)
        low = word.lower()
        if low in lex.never_names or low in lex.allowed_words or low in lex.role_words:
            return match.group(0)
        if lex.is_acronym(word) or low in lex.area_words:
            return match.group(0)
        return ""

    text = _BEFORE_SCHOOL.sub(school_word, text)

    def plain_name(word: str) -> bool:
        return lex.is_name(word) and not lex.is_word(word) and word not in lex.never_names

    def saint(match: re.Match[str]) -> str:
        name = match.group(3)
        if plain_name(name) or (match.group(2).endswith("s") and plain_name(name + "s")):
            return match.group(1) + "<SCHOOL>"
        return match.group(0)

    text = _SAINT.sub(saint, text)
    text = _POSSESSIVE.sub(
        lambda m: (
            "<PERSON>" if plain_name(m.group(1)) and not lex.is_word(m.group(0)) else m.group(0)
        ),
        text,
    )
    return _BEFORE_AGE.sub(lambda m: "<PERSON>" if plain_name(m.group(1)) else m.group(0), text)


def _one_identifier(match: re.Match[str]) -> str:
    kinds = re.findall(r"<([A-Z]+)>", match.group(0))
    return f"<{kinds[0]}>" if kinds else match.group(0)
