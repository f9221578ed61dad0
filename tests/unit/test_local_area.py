"""Naming a local area in ordinary words: the slot keeps an id or a marker, never the
place; an area with no file gives national routes, never another area's numbers; and
the anonymiser keeps an area said as where someone works."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.pathways import ActionReferralPathway, ActionSetArea, user_area
from bot.config import PROJECT_ROOT
from bot.knowledge import areas as areas_module
from bot.knowledge.area_choice import nation_note, set_area_reply, slot_value
from bot.knowledge.areas import (
    NOT_CONFIGURED,
    Area,
    NotConfiguredArea,
    find_area,
    is_not_configured,
    load_area,
    not_configured_value,
    resolve_area,
)
from bot.knowledge.directory import national_directory
from bot.knowledge.uk_places import NATIONS, names_a_place, nation_of, place_names, places
from bot.pathways.engine import pathways
from bot.privacy.anonymiser import default_anonymiser

EXAMPLE = load_area("example")
DIRECTORY = national_directory()
FICTIONAL_NUMBER = re.compile(r"020 7946 \d{4}")


@pytest.fixture
def tracker(make_tracker: Any) -> Any:
    """After `text`, read as telling the area, with these slots set."""
    return lambda text, **slots: make_tracker(text, intent="tell_area", slots=slots)


def run(action: Any, t: Tracker) -> tuple[str, list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, t, {})
    return dispatcher.messages[0]["text"], events


# --- the slot: an id or a marker, never the place ---------------------------------


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("I work in Example Borough", "example"),
        ("we're the example borough team", "example"),
        ("I'm in Leeds", "_not_configured:england"),
        ("we're a Welsh council", "_not_configured:wales"),
        ("I'm a DSL in Cardiff", "_not_configured:wales"),
        ("I work for Rhondda Cynon Taf", "_not_configured:wales"),
        ("based in north yorks", "_not_configured:england"),
        ("our LA is Bristol", "_not_configured:england"),
        ("I work for Kirklees", "_not_configured:england"),
        ("I'm in Inverness", "_not_configured:scotland"),
        ("we're in the Highlands", "_not_configured:scotland"),
        ("I work for Belfast City Council", "_not_configured:northern_ireland"),
        ("I'm in Derry", "_not_configured:northern_ireland"),
        ("I'm in Little Snoring", NOT_CONFIGURED),
        ("I'm in Leeds, for example", "_not_configured:england"),
    ],
)
def test_what_the_slot_keeps(said: str, value: str, tracker: Any) -> None:
    assert slot_value(said) == value
    _, events = run(ActionSetArea(), tracker(said))
    assert events == [{"event": "slot", "timestamp": None, "name": "area", "value": value}]


@pytest.mark.parametrize("said", ["change my area", "which area?", "set my local authority"])
def test_no_place_named_asks_which_and_keeps_nothing(said: str, tracker: Any) -> None:
    assert slot_value(said) is None
    text, events = run(ActionSetArea(), tracker(said))
    assert events == [] and "Which area do you work in?" in text
    assert EXAMPLE.name in text


def test_the_marker_is_no_area_id() -> None:
    assert not areas_module.valid_id(NOT_CONFIGURED)
    assert not_configured_value("wales") == "_not_configured:wales"
    assert is_not_configured(NOT_CONFIGURED) and is_not_configured("_not_configured:scotland")
    assert not is_not_configured("example") and not is_not_configured(None)


def test_find_area_by_id_name_or_alias_the_longest_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    kingsmere = Area(name="Kingsmere", aliases=("kings",), marac=EXAMPLE.marac)
    kings_cross = Area(name="Kings Cross", marac=EXAMPLE.marac)
    found = {"example": EXAMPLE, "kingsmere": kingsmere, "kings-cross": kings_cross}
    monkeypatch.setattr(areas_module, "area_ids", lambda: sorted(found))
    monkeypatch.setattr(areas_module, "area", found.__getitem__)
    assert find_area("I'm in Kings Cross") == "kings-cross"
    assert find_area("we're Kingsmere council") == "kingsmere"
    assert find_area("I'm in kings") == "kingsmere"
    assert find_area("for example, I'm in Wigan") is None
    assert find_area("I work for Example Borough") == "example"
    assert find_area("I'm in Leeds") is None


# --- user_area / resolve_area -----------------------------------------------------


def test_user_area_for_each_slot_value(monkeypatch: pytest.MonkeyPatch, tracker: Any) -> None:
    monkeypatch.delenv("LOCAL_AREA", raising=False)
    assert user_area(tracker("hi")) == EXAMPLE  # unset: the configured area
    assert user_area(tracker("hi", area="example")) == EXAMPLE
    wales = user_area(tracker("hi", area="_not_configured:wales"))
    assert isinstance(wales, NotConfiguredArea) and wales.nation == "wales"
    for value in (NOT_CONFIGURED, "_not_configured:atlantis", "a-deleted-area", "Leeds"):
        resolved = resolve_area(value)
        assert isinstance(resolved, NotConfiguredArea) and resolved.nation is None


def test_the_not_configured_area_contract() -> None:
    resolved = resolve_area("_not_configured:scotland")
    assert resolved.name == "Your area" and not resolved.configured and EXAMPLE.configured
    assert not resolved.example and resolved.services == {} and resolved.aliases == ()
    assert "no local directory" in resolved.label
    # SafeLives' national thresholds, and a source that says they are not local ones
    assert (resolved.marac.visible_high_risk, resolved.marac.escalation_incidents) == (14, 3)
    assert resolved.marac.window_months == 12
    assert "SafeLives" in resolved.marac.source and "no local criteria" in resolved.marac.source


# --- what the user is told --------------------------------------------------------


def test_a_configured_example_area_is_said_to_be_fictional() -> None:
    text = set_area_reply(EXAMPLE, pathways(), DIRECTORY)
    assert EXAMPLE.name in text and "not real services" in text


def test_a_not_configured_area_gets_how_to_find_marac_idva_and_mash(tracker: Any) -> None:
    text, _ = run(ActionSetArea(), tracker("I'm in Leeds"))
    assert "don't have a local directory" in text and "none is configured" in text
    assert "Leeds" not in text  # the place isn't repeated back
    for needle in ("MARAC coordinator", "IDVA service", "front door (MASH)"):
        assert needle in text
    assert DIRECTORY.get("national_da_helpline").number in text
    assert DIRECTORY.get("nspcc_helpline").number in text
    assert EXAMPLE.name not in text and not FICTIONAL_NUMBER.search(text)
    assert "Live Fear Free" not in text


def test_wales_gets_only_what_the_directory_holds_and_scotland_is_told_its_coverage(
    tracker: Any,
) -> None:
    welsh, _ = run(ActionSetArea(), tracker("we're a Welsh council"))
    live_fear_free = DIRECTORY.get("live_fear_free")
    assert f"For Wales: {live_fear_free.name} on {live_fear_free.number}" in welsh
    scottish = nation_note("scotland", DIRECTORY)
    assert scottish is not None and DIRECTORY.region in scottish and "Scotland" in scottish
    assert nation_note("england", DIRECTORY) is None and nation_note(None, DIRECTORY) is None


@pytest.mark.parametrize(
    "situation",
    ["marac_criteria", "child_significant_harm", "victim_16_17", "perpetrator_seeking_help"],
)
def test_pathways_for_a_not_configured_area_give_national_routes(
    situation: str, tracker: Any
) -> None:
    t = tracker("/ask_referral_pathway", area="_not_configured:wales")
    t.latest_message["entities"] = [{"entity": "situation", "value": situation}]
    text, _ = run(ActionReferralPathway(), t)
    assert EXAMPLE.name not in text and not FICTIONAL_NUMBER.search(text)
    assert "fictional" not in text
    assert re.search(r"No .{0,60} is configured for this area here", text)
    assert "Sources: no local directory is configured for your area" in text
    assert "For Wales: Live Fear Free" in text


def test_pathways_with_the_named_example_area_keep_its_labelled_contacts(tracker: Any) -> None:
    t = tracker("/ask_referral_pathway", area="example")
    t.latest_message["entities"] = [{"entity": "situation", "value": "marac_criteria"}]
    text, _ = run(ActionReferralPathway(), t)
    assert "Example Borough MARAC coordinator" in text and "not a real service" in text


# --- the UK's places --------------------------------------------------------------


def test_every_council_of_wales_scotland_and_northern_ireland_is_known() -> None:
    councils = {
        "wales": "Blaenau Gwent, Bridgend, Caerphilly, Cardiff, Carmarthenshire, Ceredigion, "
        "Conwy, Denbighshire, Flintshire, Gwynedd, Isle of Anglesey, Merthyr Tydfil, "
        "Monmouthshire, Neath Port Talbot, Newport, Pembrokeshire, Powys, Rhondda Cynon Taf, "
        "Swansea, Torfaen, Vale of Glamorgan, Wrexham",
        "northern_ireland": "Antrim and Newtownabbey, Ards and North Down, Belfast, "
        "Causeway Coast and Glens, Derry City and Strabane, Fermanagh and Omagh, "
        "Lisburn and Castlereagh, Mid and East Antrim, Mid Ulster, Newry Mourne and Down",
    }
    for nation, names in councils.items():
        for name in names.split(", "):
            assert nation_of(f"I work for {name}") == nation, name
    assert set(places().values()) == set(NATIONS)
    assert len(place_names()) > 400


def test_a_place_is_named_only_as_a_whole_word() -> None:
    assert names_a_place("we're in Stoke on Trent") and names_a_place("kings lynn")
    assert not names_a_place("I'm in the assessment team") and nation_of("hello") is None
    assert nation_of("Hulloa") is None and nation_of("Leedsy") is None


# --- the anonymiser keeps an area said as where someone works ---------------------


@pytest.mark.parametrize(
    "message",
    [
        "I'm in Leeds",
        "I'm in Preston",
        "I work in Lincoln",
        "I'm a DSL in Carlisle",
        "our LA is Derry",
        "we're in Newcastle upon Tyne",
        "I work for Rhondda Cynon Taf",
        "I work in Dundee",
        "we are Preston City Council",
        "I'm a social worker in Hamilton.",
        "I'm in Example Borough",
    ],
)
def test_an_area_said_as_where_i_work_reaches_the_engine(message: str) -> None:
    assert default_anonymiser().anonymise(message).text == message


@pytest.mark.parametrize(
    ("message", "removed"),
    [
        ("she lives at 12 Leeds Road", "12 Leeds Road"),
        ("I'm in Preston Road with the family", "Preston Road"),
        ("I work at Lincoln Primary School", "Lincoln Primary"),
        ("Preston came round last night and hit her", "Preston"),
        ("mum Carlisle said he left", "Carlisle"),
        ("I spoke to Lincoln yesterday", "Lincoln"),
        ("the social worker for Barry is off sick", "Barry"),
        ("I'm in Barry's house now", "Barry"),
        ("I'm a social worker in Hamilton and dad is called Hamilton", "Hamilton"),
    ],
)
def test_a_place_name_that_identifies_is_still_removed(message: str, removed: str) -> None:
    assert removed not in default_anonymiser().anonymise(message).text


def test_every_tell_area_training_example_reaches_the_engine_unchanged() -> None:
    nlu = yaml.safe_load((PROJECT_ROOT / "data" / "nlu" / "pathways.yml").read_text())["nlu"]
    [block] = [b for b in nlu if b.get("intent") == "tell_area"]
    examples = [ln.strip()[2:] for ln in block["examples"].splitlines() if ln.strip()]
    assert len(examples) > 60
    changed = [e for e in examples if default_anonymiser().anonymise(e).text != e]
    assert changed == []
