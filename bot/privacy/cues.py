"""Names found by context: the words people write before a name, in any case.

"spoke to mum, kerry-ann o'neill", "dad is called gary", "DS hughes", "PC 4512 Smith",
"known as 'Tiny'", "kids: kai (6) and lily (3)". After a cue, a word is taken as a name
when it is capitalised and no practice word, or when it is in lower case and either in
the name gazetteer (a first name that is also an English word, like "rose", only right
after the cue) or no English word at all ("nkechi"). Stop words never are.
"""

from __future__ import annotations

import re

from bot.privacy.cue_patterns import (
    ADJECTIVES,
    FAMILY,
    FREE_NICKNAME_CUES,
    JOIN,
    MEDIUM_CUES,
    NICKNAME_CUES,
    QUOTED,
    ROLES,
    TITLES,
    TOKEN,
    VERBS,
    WEAK_CUES,
)
from bot.privacy.lowercase import LowerCaseFinder
from bot.privacy.patterns import Span
from bot.privacy.vocabulary import Lexicon

_COPULA = re.compile(r"(?<!name )(?<!name['’]s )\b(?:is|was|are|were)\s*[,:]?\s*$", re.I)


class CueFinder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        flags = re.IGNORECASE
        self._family = re.compile(rf"\b{FAMILY}{JOIN}", flags)
        self._title = re.compile(rf"\b{TITLES}\s+(?:(\d{{2,6}})\s+)?", flags)
        self._title_word = re.compile(TITLES, flags)
        self._role = re.compile(rf"\b{ROLES}\s+(?:is|was)\s+(?:called\s+)?", flags)
        self._strong_before = re.compile(
            rf"\b(?:{FAMILY}{JOIN}|{TITLES}\s+|(?:called|named|name is|name's)\s+)$", flags
        )
        self._lower = LowerCaseFinder(lexicon)
        self._verb = re.compile(rf"\b{VERBS}(?![\w'’])\s*[:,]?\s*", flags)

    def after_strong_cue(self, text: str, start: int) -> bool:
        """Does a family word, a title or "called"/"named" come right before `start`?"""
        return bool(self._strong_before.search(text[max(0, start - 60) : start]))

    def _word_ok(self, word: str, first: bool, strong: bool, copula: bool = True) -> bool:
        """Is this word, right after a cue (or after a name already taken), a name?"""
        lex = self.lex
        bare = re.sub(r"['’]s$", "", word)
        low = bare.lower()
        if re.fullmatch(r"I(?:['’](?:m|ve|ll|d))?", bare) or len(bare) < 2:
            return False
        if re.search(r"n['’]t$|['’](?:re|ve|ll|d|m)$", bare, re.IGNORECASE):
            return False  # "don't", "they've"
        if self._title_word.fullmatch(bare):
            return False  # "spoke to Mr Khan": the title stays, the name after it goes
        if low in lex.never_names or low in lex.role_words or lex.is_acronym(bare):
            return False
        if low in lex.allowed_words and not lex.is_name(bare):
            return False
        if bare.isupper() and len(bare) <= 5 and not lex.is_first_name(bare):
            return False  # an acronym: "DOB", "OIC"
        if bare[0].isupper():
            return True
        if not lex.is_word(bare):
            if lex.is_name(bare):
                return True
            return len(bare) >= 3 and bare.isalpha() and not self._inflected(bare)
        # A name that is also an English word ("rose", "frank") only right after a
        # strong cue, or as a surname after a first name ("kerry white").
        if first:
            # "dad is frank about it", "mum is precious about routines"
            adjective = copula and low in ADJECTIVES
            return strong and low in lex.names_also_words and not adjective
        return lex.is_name(bare)

    def _read(
        self,
        text: str,
        pos: int,
        strong: bool,
        max_words: int = 3,
        nickname: bool = False,
        free: bool = False,
        title: bool = False,
        copula: bool = True,
    ) -> Span | None:
        """The name starting at `pos` (1 to `max_words` words), if there is one."""
        quoted = QUOTED.match(text, pos)
        if quoted:
            first = TOKEN.match(quoted.group(1))
            if nickname or (first and self._word_ok(first.group(0), True, strong, copula)):
                return quoted.start(1), quoted.end(1), "PERSON"
            if strong and self._quoted_name(quoted.group(1)):
                return quoted.start(1), quoted.end(1), "PERSON"  # partner 'big al'
        start = end = None
        cursor = pos
        for n in range(max_words):
            token = TOKEN.match(text, cursor)
            if token and free and n < 2 and token.group(0).lower() not in self.lex.never_names:
                pass  # "they call him big mick": nicknames are often ordinary words
            elif title and n == 0 and token and self._surname_after_title(token.group(0)):
                pass  # "DC marsh", "mr wood": the word after a title is a surname
            elif (
                not token
                or not self._word_ok(token.group(0), n == 0, strong or n > 0, copula)
                or (
                    n > 0
                    and not token.group(0)[0].isupper()
                    and not self._surname_like(token.group(0))
                )
            ):
                break
            word = token.group(0)
            start = token.start() if start is None else start
            end = token.end() - (2 if re.search(r"['’]s$", word) else 0)
            if word.endswith(("'s", "’s")):
                break
            gap = re.match(r" (?=[^\W\d_])", text[token.end() :])
            if not gap:
                break
            cursor = token.end() + 1
        if start is None or end is None:
            return None
        return start, end, "PERSON"

    def _quoted_name(self, value: str) -> bool:
        """ "'big al'", "'kez'": a short quoted nickname with a name in it."""
        found = TOKEN.findall(value)
        lex = self.lex
        return 0 < len(found) <= 3 and any(
            lex.is_name(w) and not lex.is_word(w) and w.lower() not in lex.never_names
            for w in found
        )

    def _inflected(self, word: str) -> bool:
        """ "handovers", "safeguarded": an English word with an ending, not a name."""
        low = word.lower()
        for suffix in ("s", "es", "ed", "d", "ing", "er", "ers"):
            if low.endswith(suffix) and self.lex.is_word(low[: -len(suffix)]):
                return True
        return False

    def _surname_after_title(self, word: str) -> bool:
        low = re.sub(r"['’]s$", "", word).lower()
        lex = self.lex
        return low in lex.surnames and low not in lex.never_names and low not in lex.role_words

    def _surname_like(self, word: str) -> bool:
        lex = self.lex
        bare = re.sub(r"['’]s$", "", word).lower()
        if not lex.is_word(bare):
            return True
        # "white", "wood" are surnames; "speaks", "shouted", "drinking" are verbs.
        for suffix in ("s", "es", "ed", "d", "ing"):
            if bare.endswith(suffix) and lex.is_word(bare[: -len(suffix)]):
                return False
        return bare in lex.surnames or bare in lex.first_names

    def _extend_list(self, text: str, span: Span) -> list[Span]:
        """Sibling lists: "kai (6), lily (3) and jayden"."""
        spans = [span]
        end = span[1]
        joiner = re.compile(
            r"(?:['’]s)?\s*(?:\(\s*\d+\s*\)|,?\s*(?:aged\s+)?\d+(?:\s*(?:yrs?|years?))?)?\s*"
            r"(?:,\s*(?:and\s+|&\s*)?|\s+(?:and|&|\+)\s+|\s*/\s*)"
        )
        while True:
            join = joiner.match(text, end)
            if not join:
                break
            nxt = self._read(text, join.end(), strong=True, max_words=2)
            if nxt is None or not self._listed_name(text[nxt[0] : nxt[1]]):
                break
            spans.append(nxt)
            end = nxt[1]
        return spans

    def _listed_name(self, value: str) -> bool:
        first = value.split()[0]
        return first[0].isupper() or self.lex.is_first_name(first) or not self.lex.is_word(first)

    def find(self, text: str) -> list[Span]:
        spans: list[Span] = []
        cues = ((self._family, True), (self._title, True), (self._role, True), (self._verb, False))
        for regex, cue_strong in cues:
            for match in regex.finditer(text):
                cue = match.group(0).strip(" :,").lower()
                nickname = bool(NICKNAME_CUES.search(cue))
                strong = cue_strong or cue not in WEAK_CUES | MEDIUM_CUES
                if regex is self._title and match.group(0).startswith("miss"):
                    strong = False  # "miss school" is a verb, "Miss Jones" a title
                free = bool(FREE_NICKNAME_CUES.search(cue))
                # "surname bell": after a title or "surname", a gazetteer surname
                title = (regex is self._title and strong) or cue.startswith("surname")
                # "dad is frank about it", but "been with frank", "name is frank"
                copula = bool(_COPULA.search(match.group(0)))
                found = self._read(
                    text,
                    match.end(),
                    strong,
                    nickname=nickname,
                    free=free,
                    title=title,
                    copula=copula,
                )
                if found and not cue_strong:
                    value = text[found[0] : found[1]]
                    if cue in WEAK_CUES and not self._likely_person(value):
                        continue
                    first = value.split()[0]
                    if cue in MEDIUM_CUES and first.islower() and not self.lex.is_name(first):
                        continue  # "contact handovers"
                    if self.lex.areas and self.lex.areas.fullmatch(value):
                        continue
                if regex is self._title and match.group(1):
                    spans.append((match.start(1), match.end(1), "REFERENCE"))  # collar number
                if found:
                    spans += self._extend_list(text, found)
        spans += self._lower.find(text)
        return spans

    def _likely_person(self, value: str) -> bool:
        """After "from" or "with", only a known first name counts ("with kerry")."""
        first = value.split()[0]
        return self.lex.is_first_name(first) and not self.lex.is_word(first)
