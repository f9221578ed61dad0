"""Issue 14, part 3: what the anonymiser must remove, what it must keep, and how it is scored.

The sentences are written for these tests (not taken from any labelled corpus); every
name, number and address is invented.
"""

from __future__ import annotations

import re

import pytest
from helpers.support import assert_removed

from bot.privacy.evaluate import evaluate, meets_targets, removed
from bot.privacy.normalise import normalise, normalise_whitespace
from bot.privacy.vocabulary import lexicon

# (message, identifiers that must be gone)
MUST_GO = [
    # lower-case and non-English names, with cues
    ("rang mum, shannon-marie o'toole, about the hearing", ["shannon-marie", "o'toole"]),
    ("stepdad is called lee and he's just moved in", ["lee"]),
    ("the kids are ellis, poppy and rio", ["ellis", "poppy", "rio"]),
    ("sister jodie (12) and brother kian (9) were home", ["jodie", "kian"]),
    ("dad przemek has been drinking again", ["przemek"]),
    ("her fella is a lad named tyrese", ["tyrese"]),
    ("mum is grace, she works nights", ["grace"]),
    ("worried about jakub, he goes quiet when dad comes up", ["jakub"]),
    ("fatuma and her kids are in temporary housing", ["fatuma"]),
    ("Grzegorz threatened her again last night", ["Grzegorz"]),
    ("met with Adaeze and her worker today", ["Adaeze"]),
    # ranks, titles, nicknames
    ("DS okafor will call you back", ["okafor"]),
    ("spoke to PC 2231 Whitworth at the station", ["2231", "Whitworth"]),
    ("Insp Marchetti is the lead officer", ["Marchetti"]),
    ("they call him little g on the estate", ["little", "g"]),
    ("he goes by 'Spider' online", ["Spider"]),
    ("Big Tel is her ex", ["Big", "Tel"]),
    # postcodes, partial and full
    ("she's moved to the WF2 area", ["WF2"]),
    ("they live in ls11 now", ["ls11"]),
    ("refuge postcode is hx1 2ab", ["hx1 2ab"]),
    # dates
    ("born on the ninth of june twenty-twelve", ["ninth", "june", "twenty-twelve"]),
    ("DOB 7th Aug 2014", ["7th", "Aug", "2014"]),
    ("the assault was on Friday 14th March", ["Friday", "14th", "March"]),
    # vehicles, handles, URLs
    ("he drives a white transit, reg BT66 RWE", ["BT66 RWE"]),
    ("the car's plate is ky09 fng", ["ky09 fng"]),
    ("her snap is lexi.x.2010", ["lexi.x.2010"]),
    ("he posts as @tazzy_b99", ["tazzy_b99"]),
    ("his page is https://www.instagram.com/tazzy.b99/", ["instagram", "tazzy.b99"]),
    # schools
    ("she's in year 4 at Thornhill Primary School", ["Thornhill"]),
    ("the little one goes to happy days nursery", ["happy", "days"]),
    ("Kian goes to st oswald's rc primary", ["oswald's"]),
    # references and numbers
    ("crime ref 14/66321/25 and CPOMS id 40112", ["14/66321/25", "40112"]),
    ("case number WF-2025-00981", ["WF-2025-00981"]),
    ("NHS no. 943.476.5919", ["943.476.5919"]),
    ("her NI number is ty 44 55 66 d", ["ty 44 55 66 d"]),
    # emails and phones, odd forms
    ("email is kez dot wood at yahoo dot co dot uk", ["kez", "wood", "yahoo"]),
    ("kez.wood＠yahoo.co.uk", ["kez.wood", "yahoo"]),
    ("ring 07700/900/311 after six", ["07700/900/311"]),
    ("mobile +44(0)7700-900-312", ["7700", "900", "312"]),
    # cues that are easy to get wrong
    ("uncle wasim is pressuring her", ["wasim"]),
    ("they're at 42a, beech grove, ls9", ["42a", "beech", "ls9"]),
    ("the baby is called Brook", ["Brook"]),
    ("DOB 02/02/2011 for Tia Hart, her polish mum's mobile is +48 601 234 567", ["Tia", "601"]),
    # sign-offs and introductions
    ("Kind regards, Bernadette Oyelaran", ["Bernadette", "Oyelaran"]),
    ("hi it's Lauren from early help", ["Lauren"]),
    ("Okonjo failed to attend the programme again", ["Okonjo"]),
    ("kasia (14) told her teacher", ["kasia"]),
    ("jaxon in year 5 said dad hit mum", ["jaxon"]),
    ("the letter went to McAllister", ["McAllister"]),
    # a name found in part grows over the name words around it
    ("Trần Văn Minh was not at home when we called", ["Trần", "Văn", "Minh"]),
    ("Case notes list Felicity Okonkwo as the lead", ["Felicity", "Okonkwo"]),
    ("nguyen van duc has been referred by school", ["nguyen", "duc"]),
    ("her partner grant okafor was shouting at the kids", ["grant", "okafor"]),
    # lower-case names without a strong cue
    ("apparently chidi okonkwo-james slapped her", ["chidi", "okonkwo-james"]),
    ("shaz and deano are back together", ["shaz", "deano"]),
    ("tunde's mum rang the school", ["tunde"]),
    ("a boy in my class, femi, said his dad hits him", ["femi"]),
    ("stepdad is dean. she says dean still has a key", ["dean"]),
    ("victim is Kara, surname is wood", ["Kara", "wood"]),
    ("her probation officer is pat hughes", ["pat", "hughes"]),
    ("his mate 'little jez' has been hanging around", ["little", "jez"]),
    ("Joy arrived at school with bruises", ["Joy"]),
    ("she's been with rusty for years", ["rusty"]),
    # references, outward codes after an address, school names
    ("custody record 12/KL/0456 shows the arrest", ["12/KL/0456"]),
    ("her LA record is LCS 2209871", ["LCS 2209871"]),
    ("she's at 9 mill lane bd7 now", ["9 mill lane", "bd7"]),
    ("staying at 3 Ash Grove, Bradford BD7 with nan", ["3 Ash Grove", "BD7"]),
    ("she goes to our lady of walsingham rc primary", ["our lady of walsingham"]),
    ("School: Elsie Coram Primary.", ["Elsie", "Coram"]),
    # pasted text with invisible characters
    ("mum's number is 07700\u00a0900\u200b313", ["07700", "900313"]),
    ("her name is Ka\u200brina Bell", ["Karina", "Bell"]),
]

MUST_STAY = [
    "can Women's Aid and the IDVA both attend?",
    "is Caring Dads or the Freedom Programme better here?",
    "Right to Ask or Right to Know under Clare's Law?",
    "should the LADO or the HV lead on this?",
    "is it ABH or GBH if he strangled her?",
    "can CAMHS see a child on a PLO?",
    "does a DAPO replace the DVPN?",
    "Safe & Together says partner with the protective parent",
    "what does Early Help offer before an EHCP?",
    "the SENCO logged it on CPOMS",
    "who sits on the Wakefield MARAC?",
    "is a S47 needed if the kids are in Y3 and Y5?",
    "he was taken to A&E on the M62",
    "what is Level 3 safeguarding training?",
    "mum will call back after the strategy meeting",
    "I've asked Cafcass for the Section 7 report",
    "what is Jade's Law and does it apply here?",
    "what did the Star Hobson review say about coercive control?",
    "is the Drive project running in Calderdale?",
    "Is Bright Sky safe to install on her phone?",
    "what if he calls her names in front of the kids?",
    "Kind regards and thanks for the help",
    "is the hearing at Leeds Crown Court or the Family Court?",
    "what should I ask about child contact handovers?",
    "the kids don't want to see dad, they haven't said why",
    "he threw a plate at mum in front of the kids, is that a crime?",
    "Faith groups can be a source of support, can't they?",
    "how should I handle redaction of addresses in reports?",
    "is a C100 or an FL401 the right form?",
    "Hope remained the theme of the review",
    "the Virtual School Head is involved",
    "our local primary has a nurture group",
    "mum and dad are back together",
    "the GP is aware and the HV is worried",
    "she drove the van to the contact centre",
    "is PLO 12345 a court number?",
]


@pytest.mark.parametrize(("text", "values"), MUST_GO)
def test_identifier_is_removed(anonymiser, text: str, values: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert_removed(anonymiser, text, values)


@pytest.mark.parametrize("text", MUST_STAY)
def test_practice_question_is_untouched(anonymiser, text: str) -> None:  # type: ignore[no-untyped-def]
    assert anonymiser.anonymise(text).text == text


def test_output_is_the_normalised_text_with_placeholders(anonymiser) -> None:  # type: ignore[no-untyped-def]
    text = "call\u00a0me on ０７７００ ９００３１４ re\u200bferral"
    output = anonymiser.anonymise(text).text
    assert output == "call me on <PHONE> referral"


def test_normalise_handles_spaces_and_invisible_characters() -> None:
    assert normalise("a\u00a0b\u2009c\u3000d\u200be\ufeff") == "a b c de"
    assert normalise("ＡＢ１２ ＣＤＥ") == "AB12 CDE"
    assert normalise("line one\nline two") == "line one\nline two"
    assert normalise_whitespace("  a \u00a0 b\n c ") == "a b c"


def test_later_mentions_of_a_common_word_name_only_count_capitalised(anonymiser) -> None:  # type: ignore[no-untyped-def]
    first = anonymiser.anonymise("mum is called Hope")
    later = anonymiser.anonymise("Hope says there is hope for the kids", first.names)
    assert later.text == "<PERSON> says there is hope for the kids"


def test_later_lower_case_mentions_count_only_before_what_a_person_does(anonymiser) -> None:  # type: ignore[no-untyped-def]
    text = "mum's ex is called lee. lee still texts her; the lee side of the hill"
    output = anonymiser.anonymise(text).text
    assert (
        output == "mum's ex is called <PERSON>. <PERSON> still texts her; the lee side of the hill"
    )


def test_types_found_have_their_own_placeholders(anonymiser) -> None:  # type: ignore[no-untyped-def]
    text = "reg AB12 CDE, @kez_99, www.example.com/kez, Oakfield Academy, case ref 88123"
    found = anonymiser.anonymise(text).found
    assert {"VEHICLE_REG", "HANDLE", "URL", "SCHOOL", "REFERENCE"} <= found


def test_practice_vocabulary_files_load_and_are_consistent() -> None:
    lex = lexicon()
    assert lex.practice is not None and lex.practice.search("went on the freedom programme")
    assert lex.areas is not None and lex.areas.fullmatch("Leeds")
    assert {"LADO", "HV", "ABH", "GBH", "CAMHS", "PLO", "DAPO"} <= lex.acronyms
    assert len(lex.first_names) > 10_000 and len(lex.surnames) > 10_000
    for name in lex.names_also_words:
        assert name == name.lower() and re.fullmatch(r"[a-z'-]+", name)


# --- the scoring rules of bot/privacy/evaluate.py ------------------------------------


def test_removed_counts_tokens_not_exact_strings() -> None:
    text = "ring DC Hale on 07700 900315 at the station"
    assert removed(text, "DC Hale", "ring DC <PERSON> on <PHONE> at the station")[0]
    assert not removed(text, "07700 900315", "ring DC <PERSON> on 07700 <PHONE> at the station")[0]


def test_removed_allows_the_same_word_elsewhere_in_the_message() -> None:
    text = "email jo at example dot com and meet at the office"
    output = "email <EMAIL> and meet at the office"
    assert removed(text, "jo at example dot com", output)[0]


def test_removed_needs_every_mention_of_a_repeated_value_gone() -> None:
    text = "Kian hit Kian's sister"
    assert not removed(text, "Kian", "<PERSON> hit Kian's sister")[0]
    assert removed(text, "Kian", "<PERSON> hit <PERSON>'s sister")[0]


def test_removed_normalises_the_value_like_the_text() -> None:
    text = "email j\u200bo@example.com"
    assert removed(text, "j\u200bo@example.com", "email <EMAIL>") == (True, True)


def test_evaluate_reports_recall_clean_share_and_targets() -> None:
    class Fake:
        def anonymise(self, text: str):  # type: ignore[no-untyped-def]
            from bot.privacy.anonymiser import Anonymised

            return Anonymised(text.replace("kerry", "<PERSON>").replace("07700 900111", "<PHONE>"))

    corpus = {
        "with_identifiers": [
            {
                "text": "mum kerry, 07700 900111",
                "ids": [["PERSON", "kerry"], ["PHONE", "07700 900111"]],
            },
            {"text": "dad Gary", "ids": [["PERSON", "Gary"]]},
        ],
        "clean": ["what is a DVPN?", "does  kerry's law exist?"],
    }
    report = evaluate(corpus, Fake())
    assert report["recall"]["PHONE"]["recall"] == 1.0
    assert report["recall_names"] == 0.5
    assert report["recall_names_lower_case"] == 1.0
    assert report["clean_altered"] == 1
    assert report["misses"][0]["value"] == "Gary"
    assert not meets_targets(report)
