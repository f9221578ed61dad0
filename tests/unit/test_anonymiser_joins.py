"""Identifiers found in pieces are removed whole (bot/privacy/joins.py, address_extent.py,
extend.py), and the scorer reads label words as the anonymiser keeps them.

Every sentence, name, number and address here is invented for these tests.
"""

from __future__ import annotations

import pytest

from bot.privacy.evaluate import removed

# (message, words that must be gone)
MUST_GO = [
    # Welsh names and addresses joined with y / yr / ap, and "-y-" villages
    (
        "they moved to Tŷ Mawr, Heol yr Ysgol, Cwm-y-glo last spring",
        ["Mawr", "Heol", "yr", "Ysgol", "Cwm-y-glo"],
    ),
    ("the boy, Owain ap Gruffydd, told his tutor", ["Owain", "ap", "Gruffydd"]),
    ("Mrs Jenkins lives at Bryn y Môr now", ["Bryn", "Môr"]),
    # a first word before a school name
    ("a pupil at Willow Bank Primary disclosed today", ["Willow", "Bank"]),
    # lower case: a saint's school, a possessive without its apostrophe, a name and an age
    ("dsl from st bernadettes rang about year 4", ["bernadettes"]),
    ("roxannes ex keeps turning up at the school gate", ["roxannes", "roxanne"]),
    ("oksana (11) said he locked her mum out", ["oksana"]),
    # a surname that is also a word, after a first name that is none
    ("Tiegan Marsh told her teacher about the shouting", ["Tiegan", "Marsh"]),
    # a phone number half in figures, half in words
    ("he texts from 07700 900 four five six now", ["07700", "900", "four", "five", "six"]),
    # the dwelling before a number, street words after, the town before the postcode
    ("they're in caravan 12, Gull Rock Park with the kids", ["caravan", "12", "Gull", "Rock"]),
    (
        "mum lives at 9 kestrel way, brackley end, lower broughton NN13 7XZ",
        ["brackley", "broughton"],
    ),
    ("she's at flat 3, ash house, tanner road estate e3 with the baby", ["tanner", "e3"]),
    # a home described by where it stands on a street
    ("they rent the flat over the launderette on Mill Lane", ["launderette", "Mill"]),
    ("gran has the end terrace on Jubilee Row, Crook", ["terrace", "Jubilee", "Crook"]),
    # a named house with no number, a boat and its berth, a Scottish flat position
    ("they're at Ivy Cottage, Mill Lane, Great Tew now", ["Ivy", "Mill", "Great", "Tew"]),
    ("he sleeps on the narrowboat Heron, berth 7 at the basin", ["Heron", "7"]),
    ("the flat is PF2, 8 Albion Road, Dundee", ["PF2", "Albion", "Dundee"]),
    ("dad is at Upper <ADDRESS>, near Long Buckby", ["Upper", "Buckby"]),
    ("Patient lives at 7 Elm Rd, Bow. Seen in ED today", ["Elm", "Bow"]),
    # an extension, a phone begun in words, an email spelled out with digits
    ("her work line is 01632 960111 ext 305", ["305"]),
    ("ring her on oh seven seven zero zero, 900 484", ["seven", "900", "484"]),
    ("email is dee dot marsh 88 at gmail dot com", ["dee", "marsh", "88"]),
    # references and plates in other formats
    ("prison no B2210QX, released last month", ["B2210QX"]),
    ("Family court case LV 25 P 00412 is listed", ["LV", "00412"]),
    ("his car is a silver astra, reg KTR 3391", ["KTR", "3391"]),
    # Gaelic joined names
    ("they moved to Tigh na Mara, Isle of Lewis", ["Tigh", "Mara"]),
]

MUST_STAY = [
    ("the kids (4) were in the room", ["kids"]),
    ("is St John Ambulance training any use here?", ["St John Ambulance"]),
    ("dads behaviour is the issue, not her parenting", ["dads", "behaviour"]),
    ("HMCTS listed the hearing for next week", ["HMCTS"]),
    ("What does Respect say about Caring Dads Primary school referrals?", ["Caring Dads"]),
    ("we met in the room on the left", ["room", "left"]),
    ("Should nursery staff ring the LADO first?", ["Should", "nursery staff"]),
    ("Does school have to tell parents before a MASH referral?", ["Does school"]),
    ("The car was parked outside for 2 hours in 2024", ["2024", "car"]),
    # the review's cases: what goes on after or before an address stays
    ("The kids were at home with mum on 14 Acacia Avenue when he arrived", ["kids", "home"]),
    ("Her flat is above the chip shop on 3 High Street.", ["Her flat is above"]),
    ("she lives at 12 Elm Road, family court ordered no contact", ["family court ordered"]),
    ("at 3 Kings Close, then park her car", ["then park"]),
    ("she was at 3 High Street and mum moved to LS1 4AB last year", ["and mum moved to"]),
    ("staying at Nan's, 4 Elm Road", ["Nan's"]),
    ("They stay at Women's Aid, 3 High Street", ["Women's Aid"]),
    ("Took the kids on the boat Saturday", ["boat Saturday"]),
    ("Mum is a carer, should she ring NHS 111?", ["NHS 111"]),
    ("moved to st helens last year", ["st helens"]),
    ("Tell Jess y Dad is here", ["Dad is here"]),
    # nationalities and languages are practice words, not names or places
    ("is there an Arabic speaking worker in the Asian women's service", ["Asian women's"]),
    ("is there a Polish speaking IDVA on the English side of the border", ["English side"]),
    ("we need a Tigrinya interpreter for mum", ["Tigrinya interpreter"]),
]


@pytest.mark.parametrize(("text", "gone"), MUST_GO)
def test_pieces_of_one_identifier_go_together(anonymiser, text: str, gone: list[str]) -> None:  # type: ignore[no-untyped-def]
    output = anonymiser.anonymise(text).text
    for word in gone:
        assert word.lower() not in output.lower().split() and word not in output, (word, output)


@pytest.mark.parametrize(("text", "kept"), MUST_STAY)
def test_ordinary_words_beside_them_stay(anonymiser, text: str, kept: list[str]) -> None:  # type: ignore[no-untyped-def]
    output = anonymiser.anonymise(text).text
    for word in kept:
        assert word in output, (word, output)


def test_label_words_may_stay_but_not_under_the_strict_reading() -> None:
    text = "MASH ref 2031-55512 for the eldest"
    output = "MASH <REFERENCE> for the eldest"
    assert removed(text, "MASH ref 2031-55512", output)[0]
    assert not removed(text, "MASH ref 2031-55512", output, strict=True)[0]
    # the number itself must still go under either reading
    assert not removed(text, "MASH ref 2031-55512", "MASH ref 2031-<REFERENCE> for the eldest")[0]


def test_a_value_written_otherwise_in_the_text_counts_when_none_of_it_is_left() -> None:
    assert removed("keelys ex rang", "keely", "<PERSON> ex rang")[0]
    assert not removed("keelys ex rang", "keely", "keely s ex rang")[0]
