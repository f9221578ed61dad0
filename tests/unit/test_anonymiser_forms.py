"""The anonymiser on forms added in the tenth session: letter codes joined to a reference,
handles named after a few words, plates in lower case beside a car's make, streets in
lower case after "lives on", the town right after an address, "Girls' School"; and the
seventeenth session's house names, generic streets, villages and schools; the
nineteenth session's handles, plates, numbers and what stays beside them.

Sentences written for these tests; every name, number and address is invented.
"""

from __future__ import annotations

import pytest
from helpers.support import assert_removed

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
    # Seventeenth session: a house named after what it once was on a street, a street
    # called by a generic word once its town follows, two-word villages after an address,
    # a school named without its kind after "the kids are at", a saint's school whose
    # name was taken as a person's.
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
    # Nineteenth session, from a fresh set's tuning half: Discord tags, user names with
    # a figure for a letter, O typed for 0, plates with no year letter or only their
    # start, a code before a labelled number, a month with a birth.
    ("he games as Korvax_Prime#4471 on discord most nights", ["Korvax_Prime#4471"]),
    ("her old insta was t1llyb0b then she made a new one", ["t1llyb0b"]),
    ("his new mobile is 07700 9OO 862, she typed it with o's", ["07700 9OO 862"]),
    ("the reg is 7 KTW on the black merc", ["7 KTW"]),
    ('she only saw "YP21" on the plate as it drove off', ["YP21"]),
    ("the reg starts with WX68, a grey van", ["WX68"]),
    ("patient no is RQ3 5521907 at the trust", ["RQ3 5521907"]),
    ("she was born in October 2019 at the general", ["October 2019"]),
]
MUST_STAY = [
    "what has the Children's Commissioner said about children as victims?",
    "is the Domestic Abuse Commissioner's report on police responses out yet?",
    "he drives a car and is 25 yrs older than her",
    "the reg was checked 2 weeks ago by police",
    "can the account be closed if he keeps messaging her?",
    "the girls school run is when he turns up",
    "both cars were sold at auction, she says",
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
    # Nineteenth session: service numbers, public bodies' pages, months that date
    # guidance, gaming platforms, more practice acronyms and programmes.
    "is the Scottish line 0800 027 1234 or another one?",
    "the council's duty line is 0300 123 4567, is that right for EDT?",
    "see https://www.gov.uk/government/publications/working-together-2023 for it",
    "the guidance was published March 2024 and revised since",
    "our LA changed its threshold document in September 2022",
    "the boy was playing on his xbox when police came",
    "what does a CHIDVA do that an IDVA doesn't?",
    "is a CRIS number the same as a CAD number?",
    "some LAs use Mosaic and others use Liquidlogic",
    "can we refer the son to Break4Change?",
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


def test_a_plate_in_lower_case_stays_a_plate() -> None:
    from bot.privacy.online import handles

    assert not list(handles("he drives yx21abc now", lambda w: True))
