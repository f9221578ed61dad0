"""The anonymiser on forms added in the seventeenth session: a house named after what it
once was ("The Old Bakery") on a street, a street called by a generic word once its town
follows ("Main Street, Kirkby Malham"), two-word villages after an address ("Stony
Cross", "little haddon", "Hatherton Edge"), a school named without its kind after
"the kids are at", and a saint's school whose name was taken as a person's.

Sentences written for these tests; every name and address is invented.
"""

from __future__ import annotations

import pytest

from tests.support import assert_removed

MUST_GO = [
    (
        "we went out to The Old Bakery, Well Lane, Askrigg last night",
        ["Bakery", "Well Lane", "Askrigg"],
    ),
    (
        "she rents The Old Rectory, Kiln Hill, Kirkby Thore",
        ["Rectory", "Kiln Hill", "Thore"],
    ),
    ("she lives at Main Street, Kirkby Malham with the baby", ["Main Street", "Malham"]),
    ("they are on High Street in Chipping Ongar now", ["High Street", "Ongar"]),
    ("dad lives on Back Lane, Scorton with his mum", ["Back Lane", "Scorton"]),
    ("the family moved to 22 Dyers Walk, Stony Cross, in May", ["Dyers Walk", "Stony Cross"]),
    ("HV visit at 3 farrow lane, little haddon, dog in the garden", ["farrow lane", "haddon"]),
    ("grandma has The Old Barn, Tan Yard, Hatherton Edge", ["Old Barn", "Tan Yard", "Hatherton"]),
    ("dad rents 5 Kiln Row, Lower Dunsforth, by the church", ["Kiln Row", "Dunsforth"]),
    ("The girls are at Kelvinside and mum works nights", ["Kelvinside"]),
    ("Both boys at Greyfriars. Dad does the school run", ["Greyfriars"]),
    ("the DSL from st bernards rang about the twins", ["bernards"]),
]
MUST_STAY = [
    "dad was seen on High Street. She called police",
    "shops on the High Street, Leeds, were closed",
    "the kids at Nan's tonight, is that a safe plan?",
    "kids at Home-Start group on Mondays",
    "the kids at Christmas were upset by his texts",
    "kids at MARAC are discussed without their names",
    "the kids are at Harrogate with dad this weekend",
    "moved to st helens last year, which MARAC?",
    "ring St Giles Trust about the young person",
    "children at Risk of harm from DA: what does the guidance say?",
]


@pytest.mark.parametrize(("text", "values"), MUST_GO)
def test_identifier_is_removed(anonymiser, text: str, values: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert_removed(anonymiser, text, values)


@pytest.mark.parametrize("text", MUST_STAY)
def test_practice_text_is_untouched(anonymiser, text: str) -> None:  # type: ignore[no-untyped-def]
    assert anonymiser.anonymise(text).text == text
