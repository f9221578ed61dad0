"""Lower-case names without a cue before them, for bot/privacy/cues.py.

- a first name of the gazetteer's common lists that is no English word ("jayden"),
  with a following surname ("jade smith");
- a lower-case word that is no English word (or a name that is one, from
  names_also_words.yml) before what a person does: "tayo is the dad", "kemi
  adeyemi-cole slapped her", "kez and gaz are back together", "a girl in my class,
  tayo, said ..."; and before a family word or role as a possessive: "efua's teacher".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.privacy.cue_patterns import (
    DETERMINERS,
    MIDDLE,
    PAIR,
    PAIR_VERB,
    PERSON_VERB,
    POSSESSOR,
    TOKEN,
)
from bot.privacy.patterns import Span
from bot.privacy.vocabulary import Lexicon, fold


class LowerCaseFinder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    def find(self, text: str) -> list[Span]:
        return [*self._lowercase_names(text), *self._subjects(text)]

    def _subjects(self, text: str) -> Iterable[Span]:
        """A lower-case word that is no English word (or a name that is one, from
        names_also_words.yml), followed by what a person does: "tayo is the dad",
        "kemi adeyemi-cole slapped her", "kez and gaz are back together", "efua's mum"."""
        for token in TOKEN.finditer(text):
            word = token.group(0)
            kind = self._subject_kind(word)
            possessive = not kind and re.search(r"['’]s$", word)
            if possessive and self._subject_kind(word[:-2]) and POSSESSOR.match(text, token.end()):
                yield token.start(), token.end() - 2, "PERSON"  # "efua's teacher"
            if not kind:
                continue
            before = text[: token.start()].rstrip().rsplit(" ", 1)[-1].lower()
            if before in DETERMINERS or before.endswith(("'s", "’s")):
                continue
            end = token.end()
            if text.startswith(",", end) and before.endswith(","):
                end += 1  # "a girl in my class, tayo, said ..."
            if self._does(text, end):
                yield token.start(), token.end(), "PERSON"
                continue
            nxt = TOKEN.match(text, end + 1) if text.startswith(" ", end) else None
            if nxt and self._subject_surname(nxt.group(0)) and self._does(text, nxt.end()):
                yield token.start(), nxt.end(), "PERSON"  # "kemi adeyemi slapped her"
                continue
            pair = PAIR.match(text, token.end())
            other = TOKEN.match(text, pair.end()) if pair else None
            kinds = (kind, self._subject_kind(other.group(0))) if other else (0, 0)
            if other and kinds in ((2, 2), (2, 1), (1, 2)) and PAIR_VERB.match(text, other.end()):
                yield token.start(), token.end(), "PERSON"
                yield other.start(), other.end(), "PERSON"

    def _does(self, text: str, pos: int) -> bool:
        middle = MIDDLE.match(text, pos)
        return bool(PERSON_VERB.match(text, middle.end() if middle else pos))

    def _subject_kind(self, word: str) -> int:
        """2: a lower-case word that is no English word; 1: a name that is one; 0: neither."""
        lex = self.lex
        low = word.lower()
        if not word.islower() or low in lex.never_names or low in lex.area_words:
            return 0
        if lex.is_word(word):
            return 1 if low in lex.names_also_words else 0
        if len(word) < 3 or lex.is_acronym(word):
            return 0
        if word.isalpha() or lex.is_name(word):
            return 2
        parts = word.split("-")
        ok = all(p.isalpha() and (not lex.is_word(p) or lex.is_name(p)) for p in parts)
        return 2 if ok else 0

    def _subject_surname(self, word: str) -> bool:
        lex = self.lex
        low = word.lower()
        if self._subject_kind(word) == 2:
            return True
        return word.islower() and low in lex.surnames and low not in lex.never_names

    def _lowercase_names(self, text: str) -> Iterable[Span]:
        """Without a cue: a lower-case first name that is no English word ("jayden"),
        with a following surname ("jade smith") taken too."""
        lex = self.lex
        for token in TOKEN.finditer(text):
            word = re.sub(r"['’]s$", "", token.group(0))
            if not word.islower() or len(word) < 3:
                continue
            if fold(word) not in lex.common_first_names and not lex.is_first_name(word):
                continue
            if lex.is_word(word) or not lex.is_name(word):
                continue
            if "-" not in word and fold(word) not in lex.common_first_names:
                continue  # the long list only with a cue: "reg", "sid" are too often words
            if word in lex.area_words:
                continue
            end = token.start() + len(word)
            following = TOKEN.match(text, token.end() + 1) if word == token.group(0) else None
            if following and text[token.end() : following.start()] == " ":
                nxt = re.sub(r"['’]s$", "", following.group(0))
                if nxt.islower() and lex.is_name(nxt) and nxt.lower() not in lex.never_names:
                    end = following.start() + len(nxt)
            yield token.start(), end, "PERSON"
