"""The anonymiser on forms added in the tenth session: letter codes joined to a reference,
handles named after a few words, plates in lower case beside a car's make, streets in
lower case after "lives on", the town right after an address, "Girls' School".

Sentences written for these tests; every name, number and address is invented.
"""

from __future__ import annotations

import pytest

from tests.support import assert_removed

MUST_GO = [
    ("the CIN plan is under KB-CIN-40917 on the system", ["KB-CIN-40917"]),
    ("MARAC ref was HX/MRC/2231 last time", ["HX/MRC/2231"]),
    ("his gamer tag on the xbox is shad0wfox77", ["shad0wfox77"]),
    ("she made a second profile called tilly.b.2011", ["tilly.b.2011"]),
    ("he was sat in a silver vauxhall, nd 21 kwp, outside", ["nd 21 kwp"]),
    ("the reg was f 418 tmr on the old van", ["f 418 tmr"]),
    ("they live on sycamore rd now", ["sycamore"]),
    ("mum moved to hawthorn close last week", ["hawthorn"]),
    ("nan lives 6 ash grove pelaw with the baby", ["pelaw"]),
    ("year 9 at Kingsmead Girls' School", ["Kingsmead"]),
    # Plurals are vehicle words too (eleventh session).
    ("both cars are outside now, hers is wr68 gtn", ["wr68 gtn"]),
    # A house name, its street and town, with no number.
    ("Brackenside Farm, Stony Drove, Wisbech - dad keeps guns there", ["Stony Drove", "Wisbech"]),
]
MUST_STAY = [
    "what has the Children's Commissioner said about children as victims?",
    "is the Domestic Abuse Commissioner's report on police responses out yet?",
    "he drives a car and is 25 yrs older than her",
    "the reg was checked 2 weeks ago by police",
    "can the account be closed if he keeps messaging her?",
    "the girls school run is when he turns up",
    "both cars were sold at auction, she says",
]


@pytest.mark.parametrize(("text", "values"), MUST_GO)
def test_identifier_is_removed(anonymiser, text: str, values: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert_removed(anonymiser, text, values)


@pytest.mark.parametrize("text", MUST_STAY)
def test_practice_text_is_untouched(anonymiser, text: str) -> None:  # type: ignore[no-untyped-def]
    assert anonymiser.anonymise(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "staying at nan's house tonight, is that a safe plan?",
        "mum has moved to an emergency safe house",
        "Dad's account: 3am he came back drunk",
        "Her profile: e.g. low mood, poor sleep",
        "She needs GP registration for 2 children",
        "registration form 2024 is due next week",
        "he was in the car, cp 12 wks now",
    ],
)
def test_practice_words_near_a_cue_stay(anonymiser, text: str) -> None:  # type: ignore[no-untyped-def]
    assert anonymiser.anonymise(text).text == text


def test_a_chat_word_after_an_address_is_not_its_town(anonymiser) -> None:  # type: ignore[no-untyped-def]
    assert anonymiser.anonymise("he lives at 12 Oak Road tmrw we visit").text == (
        "he lives at <ADDRESS> tmrw we visit"
    )
