"""Joining the parts of one identifier, read on the text with its placeholders in.

Some identifiers are found in pieces, with a word between or beside them left behind:

- Welsh (and Spanish) names and addresses join their words with "y", "yr", "ap", "ab":
  "<PERSON>, Heol yr <PERSON>", "<PERSON> ap <PERSON>". A run of removed parts and
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

from bot.privacy.address_extent import known_place
from bot.privacy.vocabulary import Lexicon

_PART = r"(?:<(?:PERSON|ADDRESS|SCHOOL)>|(?-i:[A-Z][\w'’-]+))"
# Welsh y/yr/ap, Gaelic na/nan/nam/a', Spanish y.
_CONNECTED = re.compile(rf"{_PART}(?:\s+(?:y|yr|ap|ab|ferch|verch|na|nan|nam|a['’])\s+{_PART})+")
# A boat and its berth are an address: "the narrowboat Swallow, berth 9".
_BOAT = re.compile(
    r"\b(?i:narrow ?boat|house ?boat)\s+(?:(?i:called|named)\s+)?[A-Z][\w'’-]+"
    r"|\b(?i:boat|barge|yacht|cruiser)\s+(?i:called|named)\s+[A-Z][\w'’-]+"
    r"|\b(?i:berth|mooring|pontoon)\s+\d+[a-zA-Z]?\b"
)
# A named house on a named street, with no number: "Ivy Cottage, Mill Lane, Great Tew",
# "The Old Bakery, Well Lane, Askrigg".
_HOUSE_ON_STREET = re.compile(
    r"\b(?:[A-Z][\w'’-]+\s+){1,2}(?:Cottage|Farm|House|Barn|Lodge|Villa|Hall|Manor|Mill|Grange"
    r"|Bungalow|Croft|Farmhouse|Cottages|Forge|Chapel|Rectory|Vicarage|Smithy|Stables|Bakery"
    r"|Dairy|Granary|Schoolhouse|Byre|Oast|Coach House|Post Office),\s*"
    r"(?:[A-Z][\w'’-]+\s+){1,2}(?:Lane|Road|Street|Way|Close|Drive|Avenue|Hill|Green|Row"
    r"|Terrace|Drove|Bank|End|Gate|Walk)\b"
    r"(?:,\s*(?:[A-Z][\w'’-]+\s+)?(?:<PERSON>|[A-Z][\w'’-]+))?"
)
# A house name already taken as a name, then its street: "<PERSON>, Long Drove, Thirsk".
_REMOVED_THEN_STREET = re.compile(
    r"<(?:PERSON|ADDRESS)>['’]?,\s*(?:[A-Z][\w'’-]+\s+){1,2}(?:Lane|Road|Street|Way|Close|Drive"
    r"|Avenue|Hill|Green|Row|Terrace|Drove|Bank|End|Gate|Walk)\b"
    r"(?:,\s*(?:<PERSON>|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))?"
)
# An extension after a phone number is part of it: "<PHONE> ext 305".
_EXTENSION = re.compile(r"<PHONE>,?\s*(?i:ext\.?|extension|x)\s*\d{1,5}\b")
# "dad's at Upper <ADDRESS>", "they're at Ivy Cottage, <ADDRESS>": a capitalised
# name of the house or farm before a removed street.
_NAMED_BEFORE = re.compile(
    r"\b((?i:at|to|address(?: is)?:?|from|live in|lives in)\s+)"
    r"((?:The\s+)?(?:[A-Z][\w'’-]+\s+){0,3}?[A-Z][\w'’-]+)(,?\s*)(?=<ADDRESS>)"
)
_WELSH_PLACE = re.compile(
    r"(<(?:PERSON|ADDRESS)>,\s*)[A-Z][a-z]+(?:-[a-z]+)*-(?:y|yr|ar|yn|dan|uwch)-[A-Za-z]+\b"
)
_BEFORE_SCHOOL = re.compile(r"\b([A-Z][a-z]+)\s+(?=<SCHOOL>)")
_SAINT = re.compile(
    r"\b((?:at|from|to|attends|attending|goes to)\s+)(st\.?\s+([a-z]+?)(?:['’]?s)?)\b(?!['’])"
)
# The saint's name already taken as a name: "at st <PERSON>" is the school, not the saint.
_SAINT_REMOVED = re.compile(
    r"\b((?i:at|from|to|attends|attending|goes to)\s+)(?i:st\.?|saint)\s+<PERSON>"
)
_POSSESSIVE = re.compile(
    r"(?<![\w<'’])([a-z]{3,})s(?=\s+(?:ex|mum|dad|bf|gf|boyfriend|girlfriend|partner|husband"
    r"|wife|kids|son|daughter|baby|brother|sister|nan|nana|mam|fella)\b)"
)
_BEFORE_AGE = re.compile(r"(?<![\w<'’])([a-z]{3,})(?=\s*\(\d{1,2}\))")


def joined(text: str, lex: Lexicon) -> str:
    def one_identifier(match: re.Match[str]) -> str:
        # "tell Jess y Dad is here": text-speak "y" between a name and a family word.
        words = re.findall(r"(?<![<\w])[A-Z][\w'’-]+", match.group(0))
        if any(w.lower() in lex.never_names or w.lower() in lex.role_words for w in words):
            return match.group(0)
        return _one_identifier(match)

    text = _CONNECTED.sub(one_identifier, text)
    text = _BOAT.sub("<ADDRESS>", _HOUSE_ON_STREET.sub("<ADDRESS>", text))
    text = _REMOVED_THEN_STREET.sub("<ADDRESS>", text)
    text = _EXTENSION.sub("<PHONE>", text)

    def named(match: re.Match[str]) -> str:
        name = match.group(2)
        first = name.split()[0]
        if first != "The" and (first.lower() in lex.never_names or lex.is_acronym(first)):
            return match.group(0)
        # "at Nan's, ...", "at Women's Aid, ...": a family home or a service, not a house name.
        if re.search(r"['’]s?\b", name) or (lex.practice and lex.practice.search(name)):
            return match.group(0)
        if any(w.lower() in lex.role_words for w in name.split()):
            return match.group(0)
        return match.group(1)

    text = _NAMED_BEFORE.sub(named, text)
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
        return lex.is_name(word) and not lex.is_word(word)  # is_word covers never_names

    def saint(match: re.Match[str]) -> str:
        name = match.group(3)
        if _is_place(match.group(2)):
            return match.group(0)  # "moved to st helens" is a town
        if plain_name(name) or (match.group(2).endswith("s") and plain_name(name + "s")):
            return match.group(1) + "<SCHOOL>"
        return match.group(0)

    text = _SAINT_REMOVED.sub(r"\1<SCHOOL>", _SAINT.sub(saint, text))
    text = _POSSESSIVE.sub(
        lambda m: (
            "<PERSON>" if plain_name(m.group(1)) and not lex.is_word(m.group(0)) else m.group(0)
        ),
        text,
    )
    return _BEFORE_AGE.sub(lambda m: "<PERSON>" if plain_name(m.group(1)) else m.group(0), text)


def _is_place(words: str) -> bool:
    plain = re.sub(r"^st\.?\s+", "st ", words.lower())
    return any(known_place(p) for p in (plain, plain.replace("st ", "saint ", 1)))


def _one_identifier(match: re.Match[str]) -> str:
    kinds = re.findall(r"<([A-Z]+)>", match.group(0))
    return f"<{kinds[0]}>" if kinds else match.group(0)
