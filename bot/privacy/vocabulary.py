"""The word lists the anonymiser reads: practice vocabulary, not-names, the name gazetteer.

- data/privacy/not_names.yml: acronyms kept as written, capitalised words that are not
  names, and role words ("mum", "dad") that are never names.
- data/privacy/practice_vocabulary.yml: services, programmes, legislation, roles and
  areas kept wherever they appear, and public web addresses; practice leads extend it.
- data/privacy/gazetteer.json.gz and first_names_gfdl.txt.gz: first names and surnames,
  and the lower-case words of an English word list, built once by
  bot/privacy/build_gazetteer.py (sources and licences in data/privacy/LICENCES.md).
  Loaded once per process (about 25 MB, under 0.1 s).
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict
from spacy.lang.en.stop_words import STOP_WORDS

from bot.config import PROJECT_ROOT
from bot.knowledge.files import load_yaml_model

DATA = PROJECT_ROOT / "data" / "privacy"
NOT_NAMES_FILE = DATA / "not_names.yml"
PRACTICE_FILE = DATA / "practice_vocabulary.yml"
GAZETTEER_FILE = DATA / "gazetteer.json.gz"
NAMES_ALSO_WORDS_FILE = DATA / "names_also_words.yml"
GFDL_FIRST_NAMES_FILE = DATA / "first_names_gfdl.txt.gz"

# Words that are never a name whatever the list says (the stop words and a few more
# that follow "mum" or "dad" in ordinary sentences).
_NEVER_NAMES = frozenset(STOP_WORDS) | {
    "said", "says", "told", "tells", "rang", "rings", "called", "calls", "asked", "left",
    "took", "takes", "hit", "hits", "went", "goes", "came", "comes", "got", "gets", "wants",
    "wanted", "thinks", "thought", "feels", "felt", "knows", "knew", "does", "did", "has",
    "had", "have", "is", "was", "are", "were", "been", "being", "be", "can", "could", "will",
    "would", "may", "might", "must", "shall", "should", "also", "now", "then", "too", "and",
    "or", "but", "so", "yet", "still", "just", "only", "really", "very", "not", "no", "yes",
    "ok", "okay", "both", "all", "each", "who", "whom", "whose", "which", "what", "when",
    "where", "why", "how", "here", "there", "today", "tonight", "yesterday", "tomorrow",
    "again", "always", "never", "often", "sometimes", "usually", "lately", "recently",
    "well", "better", "worse", "fine", "good", "bad", "safe", "unsafe", "scared", "afraid",
    "pregnant", "drunk", "angry", "upset", "worried", "home", "away", "out", "in", "on",
    "off", "up", "down", "back", "about", "like", "of", "for", "from", "with", "without",
    "at", "by", "to", "into", "onto", "over", "under", "after", "before", "since", "until",
    "won't", "can't", "didn't", "doesn't", "isn't", "wasn't", "hasn't", "hadn't",
    "say", "tell", "ask", "help", "needs", "need", "keeps", "kept", "sees", "saw",
    "seen", "works", "worked", "lives", "lived", "moved", "drinks", "drank", "uses", "used",
    "shouts", "shouted", "hurts", "hurt", "threatens", "threatened", "controls", "checks",
    "refuses", "refused", "denies", "denied", "disclosed", "discloses", "reported", "reports",
    "mum", "dad", "mother", "father", "partner", "ex", "child", "children", "kids", "baby",
    "family", "police", "school", "social", "worker", "services", "care", "court", "contact",
    "new", "old", "current", "previous", "late", "own", "other", "another", "same",
}  # fmt: skip


class NotNames(BaseModel):
    """Schema of data/privacy/not_names.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    acronyms: frozenset[str]
    allowed_words: frozenset[str]
    role_words: frozenset[str]


class NamesAlsoWords(BaseModel):
    """Schema of data/privacy/names_also_words.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    names: frozenset[str]


def fold(word: str) -> str:
    """Lower case, curly apostrophes straight, accents off ("Ciarán" -> "ciaran")."""
    low = word.lower().replace("’", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))


class PracticeVocabulary(BaseModel):
    """Schema of data/privacy/practice_vocabulary.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    phrases: tuple[str, ...]
    areas: tuple[str, ...]
    countries: tuple[str, ...]
    public_domains: tuple[str, ...]


def phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive whole-word pattern for all the phrases, longest first."""
    alternatives = []
    for phrase in sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True):
        words = re.split(r"\s+", phrase)
        parts = []
        for word in words:
            part = re.escape(word).replace("'", "['’]?").replace("’", "['’]?")
            part = part.replace(r"\&", r"(?:&|and)")
            parts.append(r"(?:&|and)" if word.lower() in ("&", "and") else part)
        alternatives.append(r"\s+".join(parts))
    if not alternatives:
        return None
    return re.compile(rf"(?<![\w])(?:{'|'.join(alternatives)})(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class Lexicon:
    acronyms: frozenset[str]
    acronyms_upper: frozenset[str]
    allowed_words: frozenset[str]  # lower case
    role_words: frozenset[str]  # lower case
    first_names: frozenset[str]  # lower case, all sources
    common_first_names: frozenset[str]  # lower case, without the long GFDL list
    surnames: frozenset[str]  # lower case
    words: frozenset[str]  # lower-case English words
    names_also_words: frozenset[str]  # lower case
    never_names: frozenset[str]
    practice: re.Pattern[str] | None
    areas: re.Pattern[str] | None
    area_words: frozenset[str]  # lower case
    public_domains: frozenset[str]

    def is_name(self, word: str) -> bool:
        """In the gazetteer (each part of a hyphenated name), and never a stop word."""
        low = word.lower().replace("’", "'")
        if re.search(r"n't$|'(?:re|ve|ll|d|m)$", low):
            return False
        if low in self.never_names or low in self.allowed_words or low in self.role_words:
            return low in self.names_also_words
        low = fold(low)
        if low in self.first_names or low in self.surnames:
            return True
        parts = [p for p in re.split(r"[-']", low) if p]
        named = [p for p in parts if p in self.first_names or p in self.surnames]
        return (
            len(parts) > 1
            and any(len(p) >= 2 for p in named)
            and all(p in named or len(p) == 1 for p in parts)
        )

    def is_word(self, word: str) -> bool:
        """An ordinary English word (or practice vocabulary), so a name only with a cue."""
        low = word.lower().replace("’", "'")
        low = re.sub(r"'s$", "", low)
        return (
            low in self.words
            or low in self.never_names
            or low in self.allowed_words
            or low in self.role_words
            or self.is_acronym(word)
        )

    def is_acronym(self, word: str) -> bool:
        """A listed acronym in any case, or its plural ("dvpos", "IDVAs")."""
        upper = word.upper()
        return upper in self.acronyms_upper or (
            upper.endswith("S") and upper[:-1] in self.acronyms_upper
        )

    def is_first_name(self, word: str) -> bool:
        low = fold(word)
        if low in self.first_names:
            return True
        parts = [p for p in low.split("-") if p]
        return (
            len(parts) > 1
            and all(p in self.first_names and len(p) >= 2 for p in parts)
            and any(len(p) >= 3 for p in parts)
        )


def _gfdl_first_names() -> frozenset[str]:
    """The first names of nam_dict.txt (GNU FDL 1.2, kept in a file of their own so that
    it can be left out: the anonymiser then works from the other lists alone)."""
    if not GFDL_FIRST_NAMES_FILE.exists():
        return frozenset()
    with gzip.open(GFDL_FIRST_NAMES_FILE, "rt", encoding="utf-8") as handle:
        return frozenset(handle.read().split())


@cache
def lexicon() -> Lexicon:
    not_names = load_yaml_model(NOT_NAMES_FILE, NotNames)
    practice = load_yaml_model(PRACTICE_FILE, PracticeVocabulary)
    with gzip.open(GAZETTEER_FILE, "rt", encoding="utf-8") as handle:
        gazetteer = json.load(handle)
    return Lexicon(
        acronyms=not_names.acronyms,
        acronyms_upper=frozenset(a.upper() for a in not_names.acronyms),
        allowed_words=frozenset(w.lower() for w in not_names.allowed_words),
        role_words=frozenset(w.lower() for w in not_names.role_words),
        first_names=frozenset(gazetteer["first_names"]) | _gfdl_first_names(),
        common_first_names=frozenset(gazetteer["first_names"]),
        surnames=frozenset(gazetteer["surnames"]),
        words=frozenset(gazetteer["words"]),
        names_also_words=load_yaml_model(NAMES_ALSO_WORDS_FILE, NamesAlsoWords).names,
        never_names=_NEVER_NAMES,
        practice=phrase_pattern(list(practice.phrases)),
        areas=phrase_pattern([*practice.areas, *practice.countries]),
        area_words=frozenset(
            a.lower() for a in (*practice.areas, *practice.countries) if " " not in a
        ),
        public_domains=frozenset(d.lower() for d in practice.public_domains),
    )
