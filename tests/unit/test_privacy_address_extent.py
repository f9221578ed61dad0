"""The whole of an address and of a reference goes (bot/privacy/address_extent.py)."""

from __future__ import annotations

import pytest

from bot.privacy.anonymiser import default_anonymiser


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("she's moved to 9 Birch Grove, Harrogate with the boys", ("Birch", "Harrogate")),
        ("nan is at Flat 2, 31 Mill Lane, Otley LS21 1AB", ("Flat 2", "Mill", "Otley", "LS21")),
        ("visit to 3rd floor flat, 12 Quay Street, Hull", ("3rd floor", "Quay", "Hull")),
        ("Ivy Cottage, Moor Lane near Skipton is grandad's", ("Ivy", "Moor", "Skipton")),
        ("Mosaic 448201 - CIN review tomorrow", ("Mosaic", "448201")),
        ("crime no. 13/55817/25 attached", ("crime", "55817")),
        ("can I share the URN? it's 22QT0087312", ("22QT0087312",)),
    ],
)
def test_what_narrows_an_address_or_names_a_record_goes_with_it(
    text: str, gone: tuple[str, ...]
) -> None:
    out = default_anonymiser().anonymise(text).text
    assert not any(g in out for g in gone), out


def test_a_time_is_not_a_house_number_and_a_new_sentence_is_not_a_town() -> None:
    anonymiser = default_anonymiser()
    clean = "how do I record a disclosure made at 2.30 at the school gate?"
    assert anonymiser.anonymise(clean).text == clean
    out = anonymiser.anonymise("she lives at 4 Ash Close, Mum says he knows").text
    assert "Mum says he knows" in out and "Ash" not in out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("She lives at 17 Elm Terrace, Can I share that with housing?", "Can I share"),
        ("lives at 9 Ash Close, Social care know", "Social care know"),
        ("at 9 Ash Close, Monday was the visit", "Monday was"),
        ("9 Ash Close, Near the park", "Near the park"),
        ("she is at 3 Mill Lane, Whitby Police are aware", "Police are aware"),
        ("She has court 14/11 for the non-mol", "She has court"),
    ],
)
def test_the_words_after_an_address_that_are_no_town_stay(text: str, kept: str) -> None:
    out = default_anonymiser().anonymise(text).text
    assert kept in out and "Whitby" not in out, out


def test_a_word_after_an_address_is_a_town_only_if_it_is_one() -> None:
    anonymiser = default_anonymiser()
    out = anonymiser.anonymise("Her ex is at 17 Elm Terrace, Tonight he has threatened her").text
    assert "Tonight he has threatened" in out
    assert "Women's Aid" in anonymiser.anonymise("at 17 Elm Terrace, Women's Aid know").text
    assert "Skipton" not in anonymiser.anonymise("at 17 Elm Terrace, Skipton BD23 1AB").text
    for text in ("The incident 10 days ago", "Keep your phone charged in case 999 is needed"):
        assert anonymiser.anonymise(text).text == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("she has moved to Flat 6, Block C, Mercer Court, Barnsley S70 1AB", ["Block", "Mercer"]),
        ("room at Unit 3, Kingfisher Building, Canal Street, Leeds", ["Kingfisher", "Leeds"]),
        ("he stays at Flat 9, Lowther House, Pembury Estate E8 most nights", ["Lowther", "E8"]),
        ("new address 17 Birch Road, 3rd floor, please keep it off the letter", ["3rd"]),
    ],
)
def test_the_parts_written_around_an_address_go_with_it(text: str, gone: list[str]) -> None:
    out = default_anonymiser().anonymise(text).text
    for word in gone:
        assert word not in out, out


def test_words_after_an_address_that_are_not_its_parts_stay() -> None:
    out = (
        default_anonymiser()
        .anonymise("she lives at 4 Oak Road, next to the park, with the kids")
        .text
    )
    assert "next to the park, with the kids" in out


@pytest.mark.parametrize(
    "text",
    [
        "I live at 14 Harrow Road, hes coming down the road now with a knife",
        "we're at 3 Elm Close, pls help he's kicking the door",
        "she's at 22 Mill Lane, he is on his way over there",
    ],
)
def test_what_the_message_goes_on_to_say_after_an_address_stays(text: str) -> None:
    # The crisis nets read the anonymised text: the danger after an address must be there.
    out = default_anonymiser().anonymise(text).text
    assert text.split(", ", 1)[1] in out, out
