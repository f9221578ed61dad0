"""Welsh addresses and schools, towns after "in", units before an address, lists of
references and surnames in capitals (bot/privacy/welsh.py and friends)."""

from __future__ import annotations

import pytest

from bot.privacy.anonymiser import default_anonymiser
from bot.privacy.welsh import addresses, schools


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("the family are at 22 Ffordd y Glyn, Bangor", ("Ffordd", "Glyn", "Bangor")),
        ("new tenancy: 7 Maes yr Haf, Llanelli SA15", ("Maes", "Haf", "Llanelli", "SA15")),
        ("nan's house is Tŷ Gwyn, Llanfihangel-yng-Ngwynfa", ("Gwyn", "Llanfihangel")),
        ("gran lives at Bryn Derw, Aberaeron", ("Derw", "Aberaeron")),
        ("he's rented a room on Dock St in Fleetwood now", ("Dock", "Fleetwood")),
        ("the B&B on Harbour Road is where he's staying", ("B&B", "Harbour")),
        ("letters to Fl 3, 40 Carlton Rd, Nottingham, please", ("Fl 3", "Carlton", "Nottingham")),
        ("she's at Flat 3F2, 9 Bruntsfield Place, Edinburgh", ("3F2", "Bruntsfield")),
        ("moved to 5 marsh rd, stoke on trent ST4 2AB", ("marsh", "stoke", "trent", "ST4")),
    ],
)
def test_the_whole_address_goes(text: str, gone: tuple[str, ...]) -> None:
    out = default_anonymiser().anonymise(text).text
    assert not any(g.lower() in out.lower() for g in gone), out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("she's in year 4 at Ysgol Gynradd Pant y Celyn", ("Gynradd", "Pant", "Celyn")),
        ("the little one goes to Cylch Meithrin Tregarth", ("Tregarth",)),
        ("can refs 3317/24, 3318/24 and 3319/24 be one record?", ("3317", "3318", "3319")),
        ("log numbers CAD 0412, CAD 0419 and CAD 0420", ("0412", "0419", "0420")),
        ("Met crime reference: 2023/0117/BT", ("0117", "BT")),
        ("0415 hrs: suspect Curtis PALMER detained", ("Curtis", "PALMER")),
    ],
)
def test_schools_lists_of_references_and_surnames_in_capitals_go(
    text: str, gone: tuple[str, ...]
) -> None:
    out = default_anonymiser().anonymise(text).text
    assert not any(g in out for g in gone), out


@pytest.mark.parametrize(
    "text",
    [
        "Does the 'Safety Plan' template need a 'Support Network' section?",
        "What does the refuge on a referral form mean by 'move-on'?",
        "Can references from the Freedom Programme be used in court?",
        "Is 999 then 55 the same in Wales?",
        "How do we support a Welsh-speaking family at a MARAC?",
    ],
)
def test_practice_wording_is_left_alone(text: str) -> None:
    out = default_anonymiser().anonymise(text).text
    assert out == text


def test_in_a_month_is_no_town() -> None:
    out = default_anonymiser().anonymise("He's on Church Street in March, then moves").text
    assert out == "He's on <ADDRESS> in March, then moves"


def test_the_welsh_recognisers_need_a_number_a_cue_or_a_town() -> None:
    assert list(addresses("we talked about Bryn for a while")) == []
    assert list(addresses("she lives at Heol y Bont")) != []
    assert list(addresses("12 Lôn Ddewi")) != []
    assert list(schools("the school is bilingual")) == []
