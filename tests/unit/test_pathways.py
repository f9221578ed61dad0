"""The referral pathway engine: one row per situation, and combinations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.knowledge.areas import AREAS_DIR, SERVICE_KEYS, Area, load_area
from bot.knowledge.directory import national_directory
from bot.knowledge.files import KnowledgeFileError
from bot.pathways.engine import (
    PATHWAYS_FILE,
    build,
    detect,
    load_pathways,
    order,
    pathways,
    render,
)

P = pathways()
D = national_directory()
EXAMPLE = load_area("example")
EMPTY = Area(name="Nowhere", marac=EXAMPLE.marac)  # an area with no local services
FRONT_DOOR = "Example Borough children's front door (MASH)"
YPVA = "Example Borough young people's violence advisor"
LEAD = "Your safeguarding lead or supervisor"
PROGRAMME = "Example Borough domestic abuse perpetrator programme"


def who(situations: list[str], area: Area = EXAMPLE) -> list[str]:
    return [step.who for step in build(situations, P, area, D)]


@pytest.mark.parametrize(
    ("situation", "first_contacts"),
    [
        ("immediate_danger", ["Police, ambulance or fire (emergency)"]),
        ("marac_criteria", ["Example Borough MARAC coordinator", "Example Borough IDVA service"]),
        ("repeat_marac", ["Example Borough MARAC coordinator"]),
        ("moving_area", ["Example Borough MARAC coordinator"]),
        ("child_significant_harm", [FRONT_DOOR]),
        ("pupil_disclosure", ["Your designated safeguarding lead", FRONT_DOOR]),
        ("perpetrator_seeking_help", [PROGRAMME, "Respect Phoneline"]),
        ("counter_allegations", [LEAD, "Men's Advice Line (Respect)", "Respect Phoneline"]),
        ("male_victim", ["Men's Advice Line (Respect)", "Example Borough IDVA service"]),
        ("lgbt_victim", ["Galop (LGBT+ domestic abuse helpline)"]),
        ("honour_based", ["Karma Nirvana", "Forced Marriage Unit (UK Government)"]),
        ("victim_16_17", [YPVA, FRONT_DOOR]),
        ("clares_law", ["Police non-emergency", "National Domestic Abuse Helpline (Refuge)"]),
        ("child_wants_to_talk", ["Childline"]),
        ("adult_worried_about_child", ["NSPCC Helpline", FRONT_DOOR]),
    ],
)  # fmt: skip
def test_each_situation(situation: str, first_contacts: list[str]) -> None:
    assert who([situation]) == first_contacts


def test_every_situation_is_in_the_table() -> None:
    assert len(P.situations) == 15


@pytest.mark.parametrize(
    ("situations", "expected"),
    [
        (
            ["victim_16_17", "honour_based", "immediate_danger"],
            [
                "Police, ambulance or fire (emergency)",
                "Karma Nirvana",
                "Forced Marriage Unit (UK Government)",
                "Example Borough young people's violence advisor",
                "Example Borough children's front door (MASH)",
            ],
        ),
        (
            ["moving_area", "marac_criteria"],
            ["Example Borough MARAC coordinator", "Example Borough IDVA service"],
        ),
        (
            ["male_victim", "marac_criteria"],
            [
                "Example Borough MARAC coordinator",
                "Example Borough IDVA service",
                "Men's Advice Line (Respect)",
            ],
        ),
    ],
)
def test_combinations_put_danger_first_and_list_each_contact_once(
    situations: list[str], expected: list[str]
) -> None:
    assert who(situations) == expected


def test_a_contact_in_two_situations_carries_both_instructions() -> None:
    [coordinator, _] = build(["marac_criteria", "moving_area"], P, EXAMPLE, D)
    assert "MARAC referral form" in coordinator.how
    assert "Marac-to-Marac referral" in coordinator.how


def test_missing_local_entries_fall_back_to_a_national_route_and_say_so() -> None:
    steps = build(["marac_criteria", "victim_16_17", "perpetrator_seeking_help"], P, EMPTY, D)
    assert all(step.number for step in steps)  # never left with nothing
    notes = [step.note for step in steps if step.note]
    assert any("Nowhere: no MARAC coordinator is configured" in n for n in notes)
    assert any("no young people's violence advisor is configured" in n for n in notes)
    assert "Respect Phoneline" in [s.who for s in steps]


@pytest.mark.parametrize("situation", sorted(P.situations))
def test_every_situation_in_an_area_with_no_local_services_gives_a_fitting_national_route(
    situation: str,
) -> None:
    """No local instruction ("send the MARAC referral form") beside a national number."""
    local_only = re.compile(r"send the marac referral form|refer to the young people's", re.I)
    for step in build([situation], P, EMPTY, D):
        assert step.number or step.who.startswith("Your "), step  # a role in her own team
        if step.note:
            assert "is configured" in step.how and not local_only.search(step.how), step
            assert step.who != "Police, ambulance or fire (emergency)", step
    if situation == "clares_law":
        assert who([situation], EMPTY)[0] == "Police non-emergency number"


@pytest.mark.parametrize(
    "text",
    [
        "dad says he is the victim and mum hits him",
        "the father claims he's the real victim",
        "both are making allegations against each other",
        "he says it was mutual abuse",
        "he's the victim, she hits him",
        "dad says mum is the one hitting him",
        "the husband claims she's the real abuser",
        "each parent blames the other",
    ],
)
def test_a_claim_that_he_is_the_victim_is_assessed_before_any_male_victim_route(
    text: str,
) -> None:
    found = detect(text, P)
    assert "counter_allegations" in found and "male_victim" not in found


def test_unknown_situations_are_ignored() -> None:
    assert order(["nonsense", "male_victim"], P) == ["male_victim"]


@pytest.mark.parametrize(
    ("text", "situation"),
    [
        ("dad wants help to change, where can I refer him?", "perpetrator_seeking_help"),
        ("she's 16 and her boyfriend is violent", "victim_16_17"),
        ("she is moving to another area next month", "moving_area"),
        ("a mum wants to use Clare's Law about her partner", "clares_law"),
        ("her family are forcing her to marry", "honour_based"),
        ("the victim is in a same-sex relationship", "lgbt_victim"),
        ("she was heard at MARAC in March and there's been another incident", "repeat_marac"),
        ("a pupil told me her dad hurts her mum", "pupil_disclosure"),
        ("I'm worried about a child in my street", "adult_worried_about_child"),
        ("a child wants to talk to someone", "child_wants_to_talk"),
        ("husband is being abused by his wife", "male_victim"),
    ],
)
def test_situations_are_detected_from_what_people_say(text: str, situation: str) -> None:
    assert situation in detect(text, P)


def test_vague_questions_detect_nothing_so_the_assistant_asks() -> None:
    assert detect("who do I call, and in what order?", P) == []


def test_rendering_shows_numbers_and_sources() -> None:
    text = render(build(["clares_law"], P, EXAMPLE, D), EXAMPLE, D)
    assert "**Police non-emergency**: 101" in text
    assert "an example area, not real services" in text


def test_every_national_contact_exists() -> None:
    for situation in P.situations.values():
        for step in situation.steps:
            kind, _, name = step.contact.partition(":")
            if kind == "national":
                D.get(name)
            if step.fallback:
                D.get(step.fallback)


def test_local_step_without_fallback_is_rejected(tmp_path: Path) -> None:
    data = yaml.safe_load(PATHWAYS_FILE.read_text())
    del data["situations"]["marac_criteria"]["steps"][0]["fallback"]
    path = tmp_path / "pathways.yml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(KnowledgeFileError, match="needs a national fallback"):
        load_pathways(path)


def test_example_area_is_marked_and_uses_reserved_drama_numbers() -> None:
    assert EXAMPLE.example and "fictional" in EXAMPLE.name
    for service in EXAMPLE.services.values():
        digits = service.number.replace(" ", "")
        assert digits == "101" or digits.startswith("02079460"), service.number


def test_template_lists_every_local_service() -> None:
    template = yaml.safe_load((AREAS_DIR / "_template.yml").read_text())
    assert set(template["services"]) == set(SERVICE_KEYS)


def EXAMPLE_DIR() -> Path:
    from bot.knowledge.areas import AREAS_DIR

    return AREAS_DIR


def test_pathway_text_has_no_victim_blaming_language() -> None:
    import re

    from content_rules import VICTIM_BLAMING

    for situation in P.situations.values():
        for text in (situation.title, *(t for s in situation.steps for t in (s.how, s.why))):
            for phrase in VICTIM_BLAMING:
                assert not re.search(phrase, text, re.IGNORECASE), (phrase, text)


def test_the_fictional_example_areas_contacts_are_marked_where_they_appear() -> None:
    text = render(build(["marac_criteria"], P, EXAMPLE, D), EXAMPLE, D)
    lines = [line for line in text.splitlines() if "Example Borough" in line and ": 0" in line]
    assert lines and all("(fictional example: not a real service)" in line for line in lines)
    real = render(build(["marac_criteria"], P, EMPTY, D), EMPTY, D)
    assert "fictional" not in real


def test_an_area_file_with_every_service_deleted_loads_and_gives_national_routes(
    tmp_path: Path,
) -> None:
    """The template as a practice lead would leave it in an area with none of the local
    services, loaded from its file, gives for every situation the same steps as the
    area with no local services tested above (a national route that says the local
    one is not configured)."""
    template = yaml.safe_load((AREAS_DIR / "_template.yml").read_text(encoding="utf-8"))
    template.pop("services", None)
    template["name"] = EMPTY.name
    (tmp_path / "nowhere.yml").write_text(yaml.safe_dump(template), encoding="utf-8")
    area = load_area("nowhere", tmp_path)
    for situation in sorted(P.situations):
        assert build([situation], P, area, D) == build([situation], P, EMPTY, D), situation
