"""Places the address and school rules do not know: a token model over word meanings.

The rules (places.py, address_extent.py, buildings.py, welsh.py) find the forms someone
here has written down; on messages nobody here wrote they stop at about 85-90% for
addresses and schools (docs/measurements.md). This model reads each word of the
message in context: all-MiniLM-L6-v2's vector for the word (the mean of its word pieces
in the last layer, so it carries the words around it), the vectors of the words either
side, and a few shapes (capitalised, a number, a street or school word). A
multinomial logistic regression (evaluation/train_places.py) gives each word
P(address), P(school) and P(neither); runs of words at `threshold` or more become
spans, without the linking words at either end ("at", "the", "near"), and the
anonymiser removes them beside what the rules found. Practice vocabulary and configured
areas stay protected by the anonymiser as for every other span.

Scored with numpy only; the arrays are data/privacy/places.npz.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.knowledge.uk_places import place_names
from bot.privacy.address_extent import known_place
from bot.privacy.patterns import GENERIC_STREET_WORDS, STREET, Span, apply_spans, merge_spans

if TYPE_CHECKING:
    from bot.privacy.vocabulary import Lexicon

MODEL_FILE = Path(__file__).resolve().parents[2] / "data" / "privacy" / "places.npz"
TOKEN = re.compile(r"[^\W_]+")
CLASSES = ("ADDRESS", "SCHOOL", "O")
# Words that join a place to the sentence: never the first or last word of a span.
LINKING = frozenset(
    re.findall(
        r"\w+",
        "the a an of at on in to off near next by behind opposite above below from and or "
        "just round around outside inside over under with her his their our my your its "
        "is was are lives live living stays staying moved",
    )
)
_STREET_WORD = re.compile(rf"(?i:{STREET})")
_SCHOOL_WORD = re.compile(
    r"(?i:school|primary|academy|nursery|college|infants?|juniors?|secondary|prep|grammar"
    r"|pru|kindergarten|preschool|playgroup|creche|montessori|sixth|high|church|rc|ce)"
)
SHAPES = 14
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]+")
_CLITIC = re.compile(r"(?i)n['’]t$|['’](?:s|m|d|ll|re|ve)?$")
_IRREGULAR = re.compile(r"(?i)^(?:wo|ca|sha|ai)n['’]t$")  # won't, can't, shan't, ain't


def place_word(word: str) -> bool:
    """A street, building or school word: "Road", "Wharf", "Academy"."""
    return bool(_STREET_WORD.fullmatch(word) or _SCHOOL_WORD.fullmatch(word))


def word_spans(text: str) -> list[tuple[int, int]]:
    """The words of `text` (runs of letters and digits) as character spans."""
    return [m.span() for m in TOKEN.finditer(text)]


def _shape(text: str, spans: list[tuple[int, int]], i: int) -> list[float]:
    start, end = spans[i]
    word = text[start:end]
    prev_word = text[spans[i - 1][0] : spans[i - 1][1]] if i else ""
    next_word = text[spans[i + 1][0] : spans[i + 1][1]] if i + 1 < len(spans) else ""
    before = text[spans[i - 1][1] : start] if i else ""
    after = text[end : spans[i + 1][0]] if i + 1 < len(spans) else ""
    return [
        float(word[:1].isupper() and not word.isupper()),
        float(word.isupper() and len(word) > 1),
        float(word.islower()),
        float(word.isdigit()),
        float(any(c.isdigit() for c in word) and not word.isdigit()),
        float(len(word) <= 2),
        float(i == 0),
        float("," in before),
        float("," in after),
        float(prev_word.isdigit()),
        float(bool(_STREET_WORD.fullmatch(word))),
        float(bool(_SCHOOL_WORD.fullmatch(word))),
        float(bool(_STREET_WORD.fullmatch(next_word) or _SCHOOL_WORD.fullmatch(next_word))),
        float(word.lower() in LINKING),
    ]


def features(text: str, spans: list[tuple[int, int]], vectors: np.ndarray) -> np.ndarray:
    """One row per word: its vector, its neighbours' vectors, its shapes."""
    n, dim = vectors.shape
    padded = np.zeros((n + 2, dim), dtype=np.float32)
    padded[1:-1] = vectors
    shapes = np.array([_shape(text, spans, i) for i in range(n)], dtype=np.float32)
    return np.hstack([vectors, padded[:-2], padded[2:], shapes.reshape(n, SHAPES)])


def runs(
    text: str, spans: list[tuple[int, int]], probabilities: np.ndarray, threshold: float
) -> list[Span]:
    """Runs of words whose P(address) + P(school) reaches `threshold`, joined across
    spaces and light punctuation, trimmed of linking words; the kind the run leans to."""
    found: list[Span] = []
    place = probabilities[:, 0] + probabilities[:, 1]
    i = 0
    while i < len(spans):
        if place[i] < threshold:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(spans)
            and place[j + 1] >= threshold
            and re.fullmatch(r"[\s,.'’/&-]*", text[spans[j][1] : spans[j + 1][0]])
        ):
            j += 1
        a, b = i, j
        while a <= b and text[spans[a][0] : spans[a][1]].lower() in LINKING:
            a += 1
        while b >= a and text[spans[b][0] : spans[b][1]].lower() in LINKING:
            b -= 1
        if a <= b:
            school = probabilities[a : b + 1, 1].sum() > probabilities[a : b + 1, 0].sum()
            found.append((spans[a][0], spans[b][1], "SCHOOL" if school else "ADDRESS"))
        i = j + 1
    return found


class PlaceModel:
    def __init__(self, path: Path = MODEL_FILE, encoder: Any = None) -> None:
        with np.load(path) as data:
            self.coef = data["coef"].astype(np.float32)
            self.intercept = data["intercept"].astype(np.float32)
            self.threshold = float(data["threshold"])
            self.digest = str(data["digest"])
        if encoder is None:
            from bot.semantic.encoder import shared_encoder

            encoder = shared_encoder()
        self.encoder = encoder

    def probabilities(self, text: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        spans = word_spans(text)
        if not spans:
            return spans, np.zeros((0, len(CLASSES)), dtype=np.float32)
        _, vectors = self.encoder.encode_with_tokens(text, spans)
        logits = features(text, spans, vectors) @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return spans, exp / exp.sum(axis=1, keepdims=True)

    def spans(self, text: str, threshold: float | None = None) -> list[Span]:
        spans, probabilities = self.probabilities(text)
        limit = self.threshold if threshold is None else threshold
        return runs(text, spans, probabilities, limit) if spans else []


@cache
def _place_name_words() -> frozenset[str]:
    """Every word of the UK's towns, counties and nations, as written."""
    return frozenset(w.lower() for name in place_names() for w in _NAME_WORD.findall(name))


def _unknown(word: str, lex: Lexicon, places: frozenset[str]) -> bool:
    """No English word, acronym or UK place word, nor English parts joined by hyphens
    with a contraction ("year-old", "I'm", "they've")."""
    parts = [p for p in _CLITIC.sub("", _IRREGULAR.sub("not", word)).split("-") if p]
    return not all(lex.is_word(p) or p.lower() in places or lex.is_acronym(p) for p in parts)


def worth_reading(text: str, lex: Lexicon) -> bool:
    """Whether `text` has a word `naming` or `_stands_alone` could keep a span for: a
    strange word (`_strange`), a street or school word, or a capitalised UK town. A
    question in plain English words ("how do I refer to MARAC?") has none, so the model
    need not read it."""
    places = _place_name_words()
    return any(
        _strange(w, lex, places) or place_word(w) or (w[0].isupper() and known_place(w))
        for w in _NAME_WORD.findall(text)
        if w.lower() not in LINKING
    )


def _generic(word: str) -> bool:
    return word.title() in GENERIC_STREET_WORDS


def naming(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether text[start:end], found by the model, names a place: a capitalised word
    that is no English word nor UK area, not opening a sentence ("at Quillan"), or such
    a word in lower case beside a street or school word ("4 quillan mews"); or English
    words with a street or school word and a capitalised one ("the yard behind the
    Mill"). Not only areas ("North Somerset"), nor a street every town has, nor words
    in lower case ("along the road", "bronchiolitis"), nor digits ("Y9s")."""
    places = _place_name_words()
    words = [m for m in _NAME_WORD.finditer(text, start, end) if m.group().lower() not in LINKING]
    found = [m.group() for m in words]
    named = [m.group() for m in words if _named(text, m.start(), m.group())]
    has_place_word = any(place_word(w) for w in found)
    strange = [w for w in found if _strange(w, lex, places)]
    if any(w in named for w in strange) or (strange and has_place_word):
        return True
    if all(w.lower() in places or lex.is_acronym(w) for w in found):
        return False
    # "High Street", "the Main Road, Leeds": every town has one.
    core = [w for w in found if _generic(w) or w.lower() not in places or _STREET_WORD.fullmatch(w)]
    if len(core) >= 2 and _STREET_WORD.fullmatch(core[-1]) and all(map(_generic, core[:-1])):
        return False
    # "the English side", "the Asian women's centre": a word of the practice vocabulary
    # (nationalities, languages) is capitalised as English spells it, not as a name.
    naming_words = [w for w in named if place_word(w) or w.lower() not in lex.allowed_words]
    return len(found) >= 2 and has_place_word and bool(naming_words)


def _strange(word: str, lex: Lexicon, places: frozenset[str]) -> bool:
    """A word of three letters or more, no digit, that is no English word nor in
    `places` ("Mr" and "Y9s" are not)."""
    return len(word) > 2 and not any(c.isdigit() for c in word) and _unknown(word, lex, places)


def _named(text: str, start: int, word: str) -> bool:
    """A capitalised word that does not open a sentence."""
    return word[0].isupper() and not _opens_sentence(text, start)


def _whole_words(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """The piece [lo, hi) of the span [start, end) without part-words at its edges
    (a word the rules cut is left to them) or spaces and punctuation around it."""
    while lo < hi and (not text[lo].isalnum() or (lo > start and text[lo - 1].isalnum())):
        lo += 1
    while hi > lo and (not text[hi - 1].isalnum() or (hi < end and text[hi].isalnum())):
        hi -= 1
    return lo, hi


def _stands_alone(text: str, lo: int, hi: int, lex: Lexicon) -> bool:
    """Whether text[lo:hi], beside a place the rules replaced, could be part of it: a
    capitalised word that is no English word ("Tarnby"), or one not opening a sentence
    that is a UK town ("Bath") or one of two capitalised words ending in a street word
    ("The Chandlers, Wharf Approach"). Not the message going on ("tmrw", "Two kids")."""
    found = [m for m in _NAME_WORD.finditer(text, lo, hi) if m.group()[0].isupper()]
    if any(_strange(m.group(), lex, frozenset()) for m in found):
        return True
    inside = [m.group() for m in found if _named(text, m.start(), m.group())]
    if any(known_place(w) for w in inside):
        return True
    return len(inside) >= 2 and bool(_STREET_WORD.fullmatch(inside[-1]))


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:"


def remove(text: str, result: str, found: list[Span], lex: Lexicon) -> tuple[str, set[str]]:
    """`result` (the rules' output for `text`) without the words of the `found` spans
    that the rules left in it, and the kinds removed. The two texts are aligned by
    difflib: only stretches the rules left unchanged are cut. A span the rules did not
    touch goes if it names a place (`naming`); where the rules replaced part of it, they
    chose where that place ends, so a word beside it goes only if it could be a town
    (`_stands_alone`: "<ADDRESS>, Tarnby"), not a chat word ("<ADDRESS> tmrw")."""
    if not found:
        return result, set()
    opcodes = SequenceMatcher(None, text, result, autojunk=False).get_opcodes()
    equal = [(a0, a1, b0 - a0) for tag, a0, a1, b0, _ in opcodes if tag == "equal"]
    changed = [(a0, a1) for tag, a0, a1, _, _ in opcodes if tag != "equal" and a1 > a0]
    pieces: list[Span] = []
    for start, end, kind in found:
        touched = any(a0 < end and start < a1 for a0, a1 in changed)
        if not touched and not naming(text, start, end, lex):
            continue
        for a0, a1, shift in equal:
            lo, hi = max(start, a0), min(end, a1)
            if lo < hi and _NAME_WORD.search(text[lo:hi]):
                lo, hi = _whole_words(text, lo, hi, start, end)
                if lo < hi and (not touched or _stands_alone(text, lo, hi, lex)):
                    pieces.append((lo + shift, hi + shift, kind))
    return apply_spans(result, merge_spans(pieces)), {kind for _, _, kind in pieces}


@cache
def place_model() -> PlaceModel | None:
    """The shipped model, or None where its file is absent."""
    return PlaceModel() if MODEL_FILE.exists() else None
