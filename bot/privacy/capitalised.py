"""Capitalised names: spaCy's small English NER model plus rules for how names are written.

The model (only its NER is run) finds most capitalised names; rules catch what it
misses: ALL-CAPS names ("JAYDEN SMITH"), a capitalised word that starts a sentence and
is followed by something people do ("Leah told") or is a gazetteer name that is no
English word ("Kacper"), and any capitalised word inside a sentence that is no
acronym, role, practice word or known English word-with-a-capital.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from bot.privacy.patterns import Span, words
from bot.privacy.vocabulary import Lexicon

_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_LOW = "a-zß-öø-ÿā-ž'’"
NAME_WORD = rf"(?:Mc|Mac|O['’])?[{_UP}][{_LOW}]+(?:-(?:Mc|Mac|O['’])?[{_UP}]?[{_LOW}]+)*"
_TITLE = re.compile(
    r"(?i:mr|mrs|ms|miss|mx|dr|prof|rev|cllr|pc|wpc|dc|ds|di|dci|dsi|supt|sgt|insp|det|"
    r"detective|constable|sergeant|inspector|officer|pcso)\.?"
)
_CONTRACTION = re.compile(r"['’](?:ve|re|ll|d|m|s|t)$", re.IGNORECASE)
_STRONG_VERBS = (
    r"said|says|told|tells|disclosed|discloses|rang|rings|phoned|texted|hit|hits|hurt|"
    r"threatened|punched|pushed|grabbed|shouted|lives|is living|has been|was"
)
_PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "from", "near", "to", "into", "around", "across", "outside", "via", "towards"}
)
_LINKING_WORDS = frozenset({"the", "of", "and", "for", "a", "an", "in", "on", "at", "to", "&"})
_ORG_WORDS = frozenset(
    words(
        "council police borough city county district hospital trust ccg icb nhs court courts "
        "magistrates children's family housing college university refuge constabulary "
        "safeguarding partnership authority"
    )
)
_PRONOUNS = frozenset({"I", "I'm", "I've", "I'll", "I'd", "I’m", "I’ve", "I’ll", "I’d"})

# "Hope turned up" is a girl, "Hope remained high" is not: verbs of things, not people.
_ABSTRACT_VERB = re.compile(
    r"\s+(?:remained|seemed|appeared|increased|decreased|helped|ended|changed|started|"
    r"followed|passed|turned out|continued|existed|happened|lasted|improved|mattered|"
    r"needed|worked|faded|returned|blossomed|bloomed|flowered)\b"
)
_SEASONS = frozenset(words("april may june july august summer autumn winter spring"))

Ner = Callable[[str], Iterable[tuple[int, int, str]]]


class CapitalisedFinder:
    def __init__(self, lexicon: Lexicon, ner: Ner | None, allowed_phrases: Iterable[str]) -> None:
        self.lex = lexicon
        self._ner = ner
        self._allowed_phrases = [p.lower() for p in allowed_phrases if p]
        self._not_name_words = lexicon.allowed_words | lexicon.role_words | _LINKING_WORDS

    def is_allowed(self, name: str) -> bool:
        """True when a capitalised candidate is practice vocabulary, not a name."""
        words = [_CONTRACTION.sub("", w.strip("'’")) for w in re.findall(r"[\w'’&]+", name)]
        words = [w for w in words if w]
        if not words:
            return True
        # CamelCase is a product ("LanguageLine"); short all-caps words are acronyms.
        if any(re.search(r"[a-z][A-Z]", re.sub(r"^(?:Mc|Mac)", "", w)) for w in words):
            return True
        if all(w.isupper() and len(w) <= 5 and not self.lex.is_first_name(w) for w in words):
            return True
        lowered = name.lower()
        if any(phrase in lowered for phrase in self._allowed_phrases):
            return True
        # A hyphenated word with a lower-case part ("Behaviour-focused") is no name.
        if re.search(r"\b[A-Z][a-z]+-[a-z]", name):
            return True
        capitalised = [w for w in words if not w[0].islower() and not _TITLE.fullmatch(w)]
        return all(w in self.lex.acronyms or w.lower() in self._not_name_words for w in capitalised)

    def find(self, text: str) -> list[Span]:
        spans: list[Span] = []
        if self._ner is not None:
            for start, end, label in self._ner(text):
                # ORG too: the small model often tags unfamiliar names as organisations.
                if label in ("PERSON", "ORG"):
                    start, end = self._trim_roles(text, start, end)
                    while start < end and not text[start].isalnum():
                        start += 1
                    candidate = text[start:end]
                    if not re.search(r"\b[A-Z]", candidate) or re.search(r"[_<>\d]", candidate):
                        continue
                    if end > start and not self.is_allowed(candidate):
                        if self._imperative(text, start, end) or self._ordinary(text, start, end):
                            continue
                        spans.append((start, end, "PERSON"))
        for match in re.finditer(
            r"(?<![\w<])([^\W\d_a-z]{2,}(?:[\s-]+[^\W\d_a-z]{2,})+)(?![\w>])", text
        ):
            name = match.group(1)
            if name.isupper() and not self._all_acronyms(name) and not self.is_allowed(name):
                spans.append((match.start(1), match.end(1), "PERSON"))
        sentence_start = rf"(?:^|[.!?]\s+|\n|:\s+)({NAME_WORD})"
        for match in re.finditer(
            rf"{sentence_start}(?='s\b|’s\b|\s+(?:kept|is|was|has|had|called|asked|left|took|"
            rf"says|tells|wants|keeps|thinks|feels|lives|goes|comes|gets|needs|"
            rf"([a-z]+s)\b|and\s+{NAME_WORD}|\(|,))",
            text,
        ):
            if match.group(2) and match.group(2) in STOP_WORDS:
                continue  # "Mark this as urgent"
            word = match.group(1)
            if self.lex.is_word(word) and (
                word.lower() not in self.lex.names_also_words or match.group(2)
            ):
                continue  # "Kind regards", "Safety plans", "Faith groups"
            if not self.is_allowed(word):
                spans.append((match.start(1), match.end(1), "PERSON"))
        # "Okonjo failed to attend", "Hope turned up": a word that is no English word (or a
        # first name that is one), then a past tense.
        for match in re.finditer(rf"{sentence_start}(?=\s+[a-z]{{3,}}ed\b)", text):
            name = match.group(1)
            area = self.lex.areas and self.lex.areas.fullmatch(name)
            named = not self.lex.is_word(name) or (
                name.lower() in self.lex.names_also_words
                and name.lower() not in _SEASONS
                and not _ABSTRACT_VERB.match(text, match.end(1))
            )
            if named and not self.is_allowed(name) and not area:
                spans.append((match.start(1), match.end(1), "PERSON"))
        for match in re.finditer(rf"{sentence_start}(?=\s+(?:{_STRONG_VERBS})\b)", text):
            name = match.group(1)
            pronoun = name.lower() in ("he", "she", "they", "it", "we", "you", "i", "this", "that")
            if (self.lex.is_first_name(name) or not self.is_allowed(name)) and not pronoun:
                spans.append((match.start(1), match.end(1), "PERSON"))
        spans += self._gazetteer_capitalised(text)
        spans += self._mid_sentence(text)
        return spans

    def _imperative(self, text: str, start: int, end: int) -> bool:
        """One English word opening a sentence ("Mark this as urgent") is no name unless
        something a person does follows it."""
        word = text[start:end]
        if " " in word or not self.lex.is_word(word):
            return False
        if not re.fullmatch(r"(?:|.*[.!?:]\s*|.*\n\s*)", text[:start], re.S):
            return False
        return not re.match(rf"['’]s\b|\s+(?:{_STRONG_VERBS})\b", text[end:])

    def _all_acronyms(self, name: str) -> bool:
        words = re.split(r"[\s-]+", name)
        return all(w in self.lex.acronyms or self.lex.is_word(w) for w in words)

    def _gazetteer_capitalised(self, text: str) -> Iterable[Span]:
        """ "Kacper rang", "KERRY said": a gazetteer name that is no English word."""
        for match in re.finditer(rf"(?<![\w<])({NAME_WORD}|[{_UP}]{{3,}})(?![\w>])", text):
            word = re.sub(r"['’]s$", "", match.group(1))
            if self.lex.is_word(word) or not self.lex.is_name(word) or self.is_allowed(word):
                continue
            if self.lex.areas and self.lex.areas.fullmatch(word):
                continue
            yield match.start(1), match.start(1) + len(word), "PERSON"

    def _mid_sentence(self, text: str) -> list[Span]:
        """A capitalised word inside a sentence that is no acronym, role or known word."""
        spans: list[Span] = []
        for match in re.finditer(rf"(?<=[a-z,;:(]\s)({NAME_WORD})(?![\w])", text):
            word = match.group(1)
            bare = re.sub(r"['’]s$", "", word)
            before = text[: match.start(1)].rstrip().rsplit(" ", 1)[-1].lower()
            if before in _PLACE_PREPOSITIONS and bare == word and not self._gazetteer_only(bare):
                continue  # "a train to Leeds", "based in Plymouth": places, not people
            if self.is_allowed(bare) or bare in _PRONOUNS:
                continue
            if self.lex.is_word(bare) and re.match(r"\s+\d", text[match.end(1) :]):
                continue  # "Level 3", "Year 9", "Tier 2"
            if self._before_service(text, match.end(1)):
                continue  # "the Pudsey MARAC", "Calder Council"
            if self._ordinary(text, match.start(1), match.start(1) + len(bare)):
                continue  # "the Healthy Relationships course"
            if self.lex.areas and self.lex.areas.fullmatch(bare):
                continue
            spans.append((match.start(1), match.start(1) + len(bare), "PERSON"))
        return spans

    def _ordinary(self, text: str, start: int, end: int) -> bool:
        """Capitalised English words that are no usual first name ("Healthy Relationships",
        "Front Door"), unless a family word follows ("the Wood family", "Smith's")."""
        words = re.findall(r"[^\W\d_][\w'’-]*", text[start:end])
        words = [re.sub(r"['’]s?$", "", w) for w in words if w[0].isupper()]
        if not words or re.match(r"['’]s\b|\s+(?:family|household|kids|children)\b", text[end:]):
            return False
        return all(
            self.lex.is_word(w) and w.lower() not in self.lex.names_also_words for w in words
        )

    def _before_service(self, text: str, end: int) -> bool:
        """An area names a service: "Pudsey MARAC", "Wakefield Council"."""
        following = re.match(r"\s+([\w'’&]+)", text[end:])
        if not following:
            return False
        word = following.group(1)
        return (word.isupper() and word in self.lex.acronyms) or word.lower() in _ORG_WORDS

    def _gazetteer_only(self, word: str) -> bool:
        """A name rather than a place: "sent to McAllister", "gave it to Kacper"."""
        if re.match(r"(?:Mc|Mac|O['’])[A-Z]", word):
            return True
        return self.lex.is_name(word) and not self.lex.is_word(word)

    def _trim_roles(self, text: str, start: int, end: int) -> tuple[int, int]:
        """'Mum Sarah' tagged as one PERSON keeps 'Mum'."""
        words = list(re.finditer(r"\S+", text[start:end]))
        while words and (
            words[0].group(0).strip(",.()").lower() in self.lex.role_words
            or _TITLE.fullmatch(words[0].group(0))
            or words[0].group(0).lower() in ("and", "&")
        ):
            words.pop(0)
        if not words:
            return start, start
        return start + words[0].start(), start + words[-1].end()
