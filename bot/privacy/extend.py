"""Widening a name found in part to the whole name written around it.

Names of more than two words, and surnames unknown to the NER model, are often found
in part: "Nguyễn Thị Lan" as "Thị Lan", "pham thu ha" as "thu ha", "babatunde
adebayo-cole" as "babatunde". A name span grows over the words right next to it (one
space apart) that are written the same way and look like names:

- capitalised next to a capitalised name: a gazetteer name that is no English word (or
  a first name that is also one, like "Liberty"), any word that is no English word,
  acronym, practice word or area, or a surname that is also a word after a first name
  that is none ("Tiegan Marsh");
- lower case next to a lower-case name: a gazetteer name that is no English word, or a
  hyphenated word that is none with a gazetteer part ("adebayo-cole"); before the name,
  a name that is also an English word only right after a family word or title
  ("partner will hughes").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.privacy.patterns import Span
from bot.privacy.vocabulary import Lexicon

_WORD = r"[^\W\d_](?:[\w'’-]*[^\W\d_])?"
_BEFORE = re.compile(rf"(?<![\w'’<>.@/-])({_WORD}) $")
_AFTER = re.compile(rf" ({_WORD})(?![\w'’<>@/-])")
_PARTICLE = re.compile(
    r"(?i:van|von|der|den|de|da|das|dos|del|della|di|du|le|la|bin|binti|ibn|al|el)"
)
_TITLE = re.compile(
    r"(?i:mr|mrs|ms|miss|mx|dr|prof|rev|cllr|pc|wpc|dc|ds|di|dci|dsi|supt|sgt|insp|det|"
    r"detective|constable|sergeant|inspector|officer|pcso|dear|hi|hiya|hello|hey|thanks|"
    r"cheers|fao|attn|re|cc|from|to)\.?"
)


class NameExtender:
    def __init__(self, lexicon: Lexicon, strong_before: Callable[[str, int], bool]) -> None:
        self.lex = lexicon
        self._strong_before = strong_before

    def extend(
        self, text: str, spans: Iterable[Span], blocked: list[tuple[int, int]]
    ) -> list[Span]:
        out = []
        for start, end, kind in spans:
            if kind == "PERSON" and end > start:
                start, end = self._grow(text, start, end, blocked)
            out.append((start, end, kind))
        return out

    def _grow(
        self, text: str, start: int, end: int, blocked: list[tuple[int, int]]
    ) -> tuple[int, int]:
        words = text[start:end].split()
        for _ in range(3):
            match = _BEFORE.search(text, max(0, start - 40), start)
            if not match or _inside(match.span(1), blocked):
                break
            if _PARTICLE.fullmatch(match.group(1)):
                # "nguyen van duc", "Omar bin Said": a particle between two names
                particle = match
                match = _BEFORE.search(text, max(0, particle.start(1) - 40), particle.start(1))
                if not match or _inside(match.span(1), blocked):
                    break
                if not self._joins(match.group(1), words[0], text, match.start(1), before=True):
                    break
                if self.lex.is_word(match.group(1)):
                    break
                words.insert(0, particle.group(1))
            elif not self._joins(match.group(1), words[0], text, match.start(1), before=True):
                break
            start = match.start(1)
            words.insert(0, match.group(1))
        if re.search(r"['’]s$", words[-1]):
            return start, end
        for _ in range(3):
            match = _AFTER.match(text, end)
            if not match or _inside(match.span(1), blocked):
                break
            word = match.group(1)
            possessive = re.search(r"['’]s$", word)
            bare = word[:-2] if possessive else word
            if not self._joins(bare, words[-1], text, match.start(1), before=False):
                break
            end = match.start(1) + len(bare)
            words.append(bare)
            if possessive:
                break
        return start, end

    def _joins(self, word: str, neighbour: str, text: str, pos: int, before: bool) -> bool:
        """Is `word`, right before or after the name word `neighbour`, part of the name?"""
        lex = self.lex
        low = word.lower()
        if len(word) < 2 or _TITLE.fullmatch(word) or re.search(r"['’]", word):
            return False
        if low in lex.never_names - lex.names_also_words or low in lex.role_words:
            return False
        if low in lex.area_words or (lex.areas is not None and lex.areas.fullmatch(word)):
            return False
        if lex.is_acronym(word) or low in lex.allowed_words:
            return False
        if neighbour.islower():
            if not word.islower():
                return False
            if lex.is_name(word) and not lex.is_word(word):
                return True
            if not before and "-" in word and not lex.is_word(word):
                return any(lex.is_name(p) for p in word.split("-") if len(p) >= 2)
            # "partner will hughes": a word-name right after a family word or title
            return before and low in lex.names_also_words and self._strong_before(text, pos)
        if (
            not before
            and word.isupper()
            and len(word) >= 3
            and neighbour.istitle()
            and lex.is_first_name(neighbour)
        ):
            return True  # police logs write the surname in capitals: "Curtis PALMER"
        if not word[0].isupper() or word.isupper() != neighbour.isupper():
            return False
        if lex.is_word(word):
            if low in lex.names_also_words and lex.is_name(word):
                return True
            # "Tiegan Marsh", "Oksana Wood": a surname that is also a word, right after a
            # first name that is none.
            return (
                not before
                and low in lex.surnames
                and lex.is_first_name(neighbour)
                and not lex.is_word(neighbour)
            )
        return lex.is_name(word) or len(word) >= 3


def _inside(span: tuple[int, int], blocked: list[tuple[int, int]]) -> bool:
    return any(span[0] < b_end and b_start < span[1] for b_start, b_end in blocked)
