"""The national directory: schema, sources and dates, and no number from anywhere else."""

import re
from pathlib import Path

import pytest
import yaml

from bot.config import PROJECT_ROOT
from bot.knowledge.directory import load_national_directory, national_directory
from bot.knowledge.files import KnowledgeFileError

DOMAIN_FILES = sorted((PROJECT_ROOT / "domain").glob("*.yml"))


def test_shipped_directory_is_valid_and_complete() -> None:
    directory = national_directory()
    ids = {s.id for s in directory.services}
    assert {
        "emergency",
        "national_da_helpline",
        "mens_advice_line",
        "respect_phoneline",
        "galop",
        "karma_nirvana",
        "forced_marriage_unit",
        "nspcc_helpline",
        "childline",
        "live_fear_free",
    } <= ids
    assert directory.get("national_da_helpline").number == "0808 2000 247"
    assert directory.get("childline").tel_uri == "tel:08001111"


def _write_without(tmp_path: Path, field: str) -> Path:
    data = yaml.safe_load((PROJECT_ROOT / "data/directory/national.yml").read_text())
    del data["services"][1][field]
    path = tmp_path / "national.yml"
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.mark.parametrize("field", ["source", "entered_on", "audience"])
def test_an_entry_without_required_field_is_rejected(tmp_path: Path, field: str) -> None:
    with pytest.raises(KnowledgeFileError, match=f"services.1.{field}"):
        load_national_directory(_write_without(tmp_path, field))


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    data = yaml.safe_load((PROJECT_ROOT / "data/directory/national.yml").read_text())
    data["services"].append(dict(data["services"][0]))
    path = tmp_path / "national.yml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(KnowledgeFileError, match="duplicate service ids: emergency"):
        load_national_directory(path)


def test_no_bot_text_contains_a_phone_number_outside_the_directory() -> None:
    """Numbers live in one file: any number in a response must be one of the directory's."""
    services = national_directory().services
    known = {re.sub(r"\D", "", s.number) for s in services if s.number} | {"55"}
    for path in DOMAIN_FILES:
        text = path.read_text()
        for candidate in re.findall(r"\b0\d[\d ]{7,12}\d\b|\b999\b|\b55\b", text):
            assert re.sub(r"\D", "", candidate) in known, (path.name, candidate)


def test_a_service_needs_a_number_or_a_website(tmp_path: Path) -> None:
    data = yaml.safe_load((PROJECT_ROOT / "data/directory/national.yml").read_text())
    data["services"][1].pop("number")
    data["services"][1].pop("website", None)
    path = tmp_path / "national.yml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(KnowledgeFileError, match="a number, a website"):
        load_national_directory(path)


def test_an_unverified_number_says_so_and_never_claims_a_check() -> None:
    directory = national_directory()
    unverified = [s for s in directory.services if not s.verified]
    for service in unverified:
        assert service.status().startswith("Entered ") and "not yet verified" in service.status()
    if unverified:
        assert "not all yet verified" in directory.status()
