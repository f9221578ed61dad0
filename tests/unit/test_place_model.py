"""The anonymiser's place model (bot/privacy/place_model.py): runs of place words, the
filter that keeps only spans naming a place, and the removal beside the rules' output.
Sentences written for these tests; every place is invented.
"""

from __future__ import annotations

import numpy as np
import pytest

from bot.privacy import place_model
from bot.privacy.anonymiser import Anonymiser, default_anonymiser, spacy_ner
from bot.privacy.place_model import CLASSES, naming, remove, runs, word_spans
from bot.privacy.vocabulary import lexicon
from evaluation.train_places import THRESHOLD, digest, training_files


def test_the_committed_model_was_trained_on_the_files_as_they_are() -> None:
    model = place_model.place_model()
    assert model is not None
    assert model.digest == digest(training_files()), (
        "the anonymisation corpus, the privacy tuning halves or the knowledge base "
        "changed: run make place-model"
    )
    assert model.threshold == THRESHOLD
    assert model.coef.shape[0] == len(CLASSES)


def _probabilities(text: str, places: dict[str, str]) -> np.ndarray:
    """P per word: 0.9 of the given kind for the listed words, else 0.9 neither."""
    rows = []
    for start, end in word_spans(text):
        kind = places.get(text[start:end], "O")
        row = [0.05, 0.05, 0.05]
        row[CLASSES.index(kind)] = 0.9
        rows.append(row)
    return np.array(rows, dtype=np.float32)


def test_runs_join_light_punctuation_and_drop_linking_words_at_the_ends() -> None:
    text = "she is at 4 Quillan Mews, Tarnby now"
    probs = _probabilities(text, {w: "ADDRESS" for w in ("at", "4", "Quillan", "Mews", "Tarnby")})
    assert runs(text, word_spans(text), probs, 0.5) == [(10, 32, "ADDRESS")]
    assert text[10:32] == "4 Quillan Mews, Tarnby"


def test_a_run_takes_the_kind_most_of_its_words_lean_to() -> None:
    text = "year 4 at Tamsworth Vale Academy"
    probs = _probabilities(text, {"Tamsworth": "SCHOOL", "Vale": "ADDRESS", "Academy": "SCHOOL"})
    assert runs(text, word_spans(text), probs, 0.5) == [(10, 32, "SCHOOL")]


def test_a_run_stops_at_a_word_below_the_threshold_or_a_full_stop_and_words() -> None:
    text = "Quillan Mews: then Tarnby"
    probs = _probabilities(text, {"Quillan": "ADDRESS", "Mews": "ADDRESS", "Tarnby": "ADDRESS"})
    assert [text[a:b] for a, b, _ in runs(text, word_spans(text), probs, 0.5)] == [
        "Quillan Mews",
        "Tarnby",
    ]


@pytest.mark.parametrize(
    ("text", "value", "names_a_place"),
    [
        ("she is at Quillan now", "Quillan", True),  # no English word, capitalised
        ("lives 4 quillan mews", "4 quillan mews", True),  # lower case, with a street word
        ("he waits in the yard behind the Mill", "the yard behind the Mill", True),
        ("she goes to Brook Primary", "Brook Primary", True),
        ("it's off Linnet Road", "Linnet Road", True),
        ("they moved to North Somerset", "North Somerset", False),  # an area alone
        ("we met at Parents Evening", "Parents Evening", False),  # no place word
        ("ask the family hubs", "family hubs", False),
        ("ask at MARAC", "MARAC", False),
        ("the Road", "Road", False),  # one place word alone
        ("by the Main Road, Carlisle", "the Main Road, Carlisle", False),  # every town has one
        ("he parked further along the road", "along the road", False),  # lower case
        ("the baby has bronchiolitis", "bronchiolitis", False),  # lower case, no place word
        ("the Y9s had assembly", "Y9s", False),  # a digit
        ("Quillan is where she lives", "Quillan", False),  # opens the sentence
        # A nationality or language is capitalised as English spells it.
        ("our staff on the Welsh side", "the Welsh side", False),
        ("a worker at the Asian women's centre", "the Asian women's centre", False),
        ("she moved to Welsh Road", "Welsh Road", True),  # the street word is a name
    ],
)
def test_only_spans_that_name_a_place_are_kept(text: str, value: str, names_a_place: bool) -> None:
    start = text.index(value)
    assert naming(text, start, start + len(value), lexicon()) is names_a_place


@pytest.mark.parametrize(
    ("text", "worth"),
    [
        ("how do I refer to MARAC?", False),
        ("I'm worried about a ten-year-old who won't go home", False),
        ("she is at Quillan now", True),  # no English word
        ("which school is best for him", True),  # a school word
    ],
)
def test_plain_english_is_not_read_by_the_model(text: str, worth: bool) -> None:
    assert place_model.worth_reading(text, lexicon()) is worth


def test_removal_cuts_only_what_the_rules_left() -> None:
    text = "ring 07700 900123, she is at Quillan Mews"
    rules = "ring <PHONE>, she is at Quillan Mews"
    found = [(text.index("Quillan"), len(text), "ADDRESS")]
    expected = ("ring <PHONE>, she is at <ADDRESS>", {"ADDRESS"})
    assert remove(text, rules, found, lexicon()) == expected
    # A span over what the rules already replaced adds nothing.
    done = "ring <PHONE>, she is at <ADDRESS>"
    assert remove(text, done, found, lexicon()) == (done, set())


def test_beside_what_the_rules_replaced_only_a_possible_town_goes() -> None:
    # The rules chose where the address ends; the model's longer span adds a town
    # ("Tarnby", no English word) but not a chat word or an English one.
    for text, rules, expected in [
        ("at 4 Quillan Mews, Tarnby", "at <ADDRESS>, Tarnby", "at <ADDRESS>, <ADDRESS>"),
        ("at 4 Quillan Mews tmrw", "at <ADDRESS> tmrw", "at <ADDRESS> tmrw"),
        ("at 4 Quillan Mews, Can we", "at <ADDRESS>, Can we", "at <ADDRESS>, Can we"),
    ]:
        found = [(3, len(text), "ADDRESS")]
        assert remove(text, rules, found, lexicon())[0] == expected


def test_a_span_that_names_no_place_is_left() -> None:
    text = "we met at Parents Evening"
    found = [(text.index("Parents"), len(text), "ADDRESS")]
    assert remove(text, text, found, lexicon()) == (text, set())


def _with_model(spans: list[tuple[int, int, str]], ner=None) -> Anonymiser:  # type: ignore[no-untyped-def]
    return Anonymiser(ner, lex=default_anonymiser().lex, place_model=lambda text: spans)


def test_practice_vocabulary_stays_whatever_the_model_says() -> None:
    text = "she is doing the Freedom Programme with Women's Aid"
    spans = [(text.index("Freedom"), len(text), "ADDRESS")]
    assert _with_model(spans).anonymise(text).text == text


def test_model_places_are_reported_among_the_kinds_found() -> None:
    text = "the boy goes to Tamsworth"
    assert _with_model([]).anonymise(text).text == text
    result = _with_model([(16, 25, "SCHOOL")]).anonymise(text)
    assert result.text == "the boy goes to <SCHOOL>"
    assert "SCHOOL" in result.found


# The shipped model on forms the rules alone leave (invented places).
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("the boy goes to Tamsworth", "Tamsworth"),
        ("she lives at Quillan with her nan", "Quillan"),
    ],
)
def test_the_shipped_model_finds_what_the_rules_leave(text: str, place: str) -> None:
    # The rules with spaCy's names leave it; the shipped anonymiser removes it.
    assert place in _with_model([], spacy_ner()).anonymise(text).text
    assert place not in default_anonymiser().anonymise(text).text


def test_without_the_model_file_there_is_no_model(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(place_model, "MODEL_FILE", tmp_path / "absent.npz")
    place_model.place_model.cache_clear()
    try:
        assert place_model.place_model() is None
    finally:
        place_model.place_model.cache_clear()
