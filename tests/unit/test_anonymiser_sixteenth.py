"""The anonymiser on forms added in the sixteenth session: links with any domain and a
path, reddit's u/ names, handles ending in an underscore, gaming tags, a force's letters
and a code, a log number of the day, the named building after a flat or plot, a farm and
the house on it, and practice words that are not names (Jobcentre, Roma, PPN).

Sentences written for these tests; every name, number and address is invented.
"""

from __future__ import annotations

import re

import pytest
from helpers.support import assert_removed

MUST_GO = [
    ("he shared her location as a pin: maps.app.goo.gl/Ab12Cd34Ef", ["maps.app.goo.gl/Ab12Cd34Ef"]),
    ("the clip is at youtu.be/Zq81kLm0PaX and shows the house", ["youtu.be/Zq81kLm0PaX"]),
    ("dad's post on u/angry_dad_77 names the children", ["u/angry_dad_77"]),
    ("her son follows jaxx.t_ who is the ex's brother", ["jaxx.t_"]),
    ("his gaming tag is RedFalcon2012 on the console", ["RedFalcon2012"]),
    ("the police record it as WYP-44QZ17, is that a crime number?", ["WYP-44QZ17"]),
    ("log 0612 21/10 says officers gave advice only", ["0612 21/10"]),
    ("she has moved to Flat 9, Rowan Mill, Canal Side now", ["Rowan Mill", "Canal Side"]),
    ("the family are at plot 3, Hazel Dene travellers site", ["Hazel Dene"]),
    ("grandad lives at The Byre, Nether Farm, outside the village", ["Byre", "Nether"]),
    ("Cottage 4, Ridge Farm is where he keeps the dogs", ["Ridge"]),
    ("they went to Keeper's Hut, Long Moss Lane for the weekend", ["Keeper's", "Long Moss"]),
    # After a review of the first version.
    ("his posts as /u/tall_pete_81 mention the school", ["/u/tall_pete_81"]),
    ("the clip she found was at youtube.com/watch?v=Qa12Zx9", ["youtube.com/watch?v=Qa12Zx9"]),
    ("they now live at Old Mill Farm with his parents", ["Old Mill"]),
    ("police log 3321 on 04/11 says she declined", ["3321", "04/11"]),
    # From the schools-and-addresses corpus's tuning half, as families.
    ("they're in Ravensworth Heights, floor 9, flat 912 now", ["Ravensworth", "912"]),
    ("she's been placed in Room 4, Calverley Lodge hostel, for now", ["Calverley"]),
    ("dad found them at the Premier Inn Wakefield North last night", ["Wakefield North"]),
    ("the 8yo at Sunbeams After School Club said dad hit mum", ["Sunbeams"]),
    ("her eldest attends Oakwood Academy Rotherham, year 11", ["Oakwood", "Rotherham"]),
    ("her son goes to BGS and the head is worried", ["BGS"]),
    ("the twins are at all saints, mum says", ["all saints"]),
]
MUST_STAY = [
    "is the Jobcentre told when she flees, for her Universal Credit?",
    "working with Gypsy, Roma and Traveller families on DA",
    "every DA PPN goes to the MASH, is that right?",
    "can a care farm placement help a child who has lived with DA?",
    "which courses cover s.47/s.17 and DA/CP thresholds?",
    "see gov.uk/guidance for the statutory guidance",
    "the word is_ in a sentence is not a handle",
    "COVID-19 made the lockdown harder for families",
    # After a review of the first version: practice words beside the new shapes.
    "Room 3 ICPC is booked, will the DSL come?",
    "supervised contact is in Room 2, The Family Hub on Tuesdays",
    "Plot 1 Residential and Plot 2 Fostering were awarded last year",
    "she was upset at school.Mum/dad were called in",
    "refer via e.g.CP/CIN routes, depending on threshold",
    "the u/18s coach raised a concern about a player",
    "Home Farm Trust runs supported living near us",
    "The Grange is a children's home out of area",
    "does the breakfast club count as a setting for Operation Encompass?",
    "Is a Premier Inn room suitable for a family fleeing DA?",
    "Where do MAPPA (Multi-Agency Public Protection Arrangements) fit in DA work?",
    "Does Children Missing Education cover home-schooled children?",
    "he goes to CAMHS on Fridays and attends NHS clinics",
]


@pytest.mark.parametrize(("text", "values"), MUST_GO)
def test_identifier_is_removed(anonymiser, text: str, values: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert_removed(anonymiser, text, values)


@pytest.mark.parametrize("text", MUST_STAY)
def test_practice_text_is_untouched(anonymiser, text: str) -> None:  # type: ignore[no-untyped-def]
    out = anonymiser.anonymise(text).text
    # A room's or plot's number may go ("Room 3"); nothing else in these sentences is anyone's.
    unit = r"(?i:room|plot|flat|unit) \d+"
    assert re.fullmatch(re.escape(out).replace(re.escape("<ADDRESS>"), unit), text), out
