"""`make check-area AREA=<id>`: a schema error fails; each missing service is a warning
that says what users will see instead."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.knowledge.areas import AREAS_DIR
from bot.knowledge.check_area import check, is_drama_number, main
from bot.knowledge.directory import national_directory

DIRECTORY = national_directory()
GOOD = {
    "name": "Kingsmere",
    "aliases": ["kingsmere council", "kingsmere borough"],
    "marac": {
        "visible_high_risk": 14,
        "escalation_incidents": 4,
        "window_months": 12,
        "source": "Kingsmere MARAC referral criteria (kingsmere.gov.uk), checked 2026-11-20",
    },
    "services": {
        "front_door": {
            "name": "Kingsmere children's front door",
            "number": "0300 123 4567",
            "how": "Phone, or use the online referral form.",
        },
        "marac_coordinator": {
            "name": "Kingsmere MARAC coordinator",
            "number": "0300 123 4568",
            "email": "marac@kingsmere.gov.uk",
            "how": "Email the referral form and DASH checklist securely.",
        },
    },
}


def write(folder: Path, area_id: str, data: dict) -> Path:
    path = folder / f"{area_id}.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_the_shipped_example_area_is_valid_and_said_to_be_fictional() -> None:
    report = check("example", local_area="example")
    assert report.exit_code == 0 and report.errors == []
    assert report.warnings == [
        "example: true. Every contact is shown as a fictional example, not a real service"
    ]
    assert any("it is the default area" in text for _, text in report.findings)


def test_each_missing_service_is_named_with_what_users_see_instead(tmp_path: Path) -> None:
    write(tmp_path, "kingsmere", GOOD)
    report = check("kingsmere", areas_dir=tmp_path, local_area="example")
    assert report.exit_code == 0
    missing = {w.split(":")[0]: w for w in report.warnings}
    assert set(missing) == {
        "idva_service",
        "ypva",
        "st_champions",
        "perpetrator_programme",
        "police_non_emergency",
    }
    idva = missing["idva_service"]
    assert "no IDVA service. Users will see instead: National Domestic Abuse Helpline" in idva
    assert DIRECTORY.get("national_da_helpline").number in idva
    assert "No IDVA service is configured for this area here" in idva
    assert "High risk, or the MARAC criteria are met" in idva
    assert DIRECTORY.get("childline").number in missing["ypva"]
    assert "Respect Phoneline" in missing["perpetrator_programme"]
    assert "case consultation" in missing["st_champions"]
    lines = "\n".join(report.lines())
    assert lines.splitlines()[-1] == "Result: valid, 5 warning(s)."
    assert (
        "users can name it as: Kingsmere; kingsmere; kingsmere borough; kingsmere council" in lines
    )
    assert "set LOCAL_AREA=kingsmere in .env" in lines


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"services": {"front_door": {"name": "Front door", "number": "call us", "how": "Phone."}}},
         "services.front_door.number: String should match pattern"),
        ({"services": {"idva": {"name": "IDVA", "number": "0300 123 4569", "how": "Phone us."}}},
         "services.idva.[key]: Input should be 'front_door'"),
        ({"marac": {"visible_high_risk": 30, "source": "Kingsmere MARAC page"}},
         "marac.visible_high_risk: Input should be less than or equal to 24"),
        ({"postcode": "KM1"}, "postcode: Extra inputs are not permitted"),
    ],
)  # fmt: skip
def test_a_schema_error_fails_and_names_the_field(
    tmp_path: Path, change: dict, expected: str
) -> None:
    write(tmp_path, "kingsmere", {**GOOD, **change})
    report = check("kingsmere", areas_dir=tmp_path, local_area="example")
    assert report.exit_code == 1
    assert any(e.startswith(expected) for e in report.errors), report.errors
    assert report.warnings == []  # nothing else is reported on a broken file
    assert "error(s): the assistant can't use this file." in report.lines()[-1]


def test_a_half_filled_template_says_fill_in_or_delete(tmp_path: Path) -> None:
    template = (AREAS_DIR / "_template.yml").read_text(encoding="utf-8")
    (tmp_path / "kingsmere.yml").write_text(template, encoding="utf-8")
    report = check("kingsmere", areas_dir=tmp_path, local_area="example")
    assert report.exit_code == 1
    assert any(
        e.startswith("services.ypva.name:")
        and e.endswith("delete the whole service if your area has none)")
        for e in report.errors
    )
    assert any(e.startswith("services.marac_coordinator.email:") and "delete the line" in e
               for e in report.errors)  # fmt: skip


def test_a_missing_file_or_a_template_id_fails(tmp_path: Path) -> None:
    assert check("nowhere", areas_dir=tmp_path).errors == ["file not found"]
    assert "not a valid area id" in check("_template", areas_dir=tmp_path).errors[0]


def test_unfinished_looking_files_are_warned_about(tmp_path: Path) -> None:
    write(
        tmp_path,
        "kingsmere",
        {
            **GOOD,
            "name": "Your area's name",
            "aliases": [],
            "marac": {**GOOD["marac"], "source": "Your MARAC's referral criteria page"},
            "services": {
                "front_door": {**GOOD["services"]["front_door"], "number": "01632 960123"}
            },
        },
    )
    write(tmp_path, "other", {**GOOD, "name": "Other", "aliases": ["kingsmere council"]})
    warnings = check("kingsmere", areas_dir=tmp_path, local_area="kingsmere").warnings
    assert "the name or an alias is still the template's text" in warnings
    assert any(w.startswith("marac.source: name the page") for w in warnings)
    assert "no aliases: users can only name it by its id or its full name" in warnings
    assert any("Ofcom's drama ranges" in w for w in warnings)
    write(tmp_path, "kingsmere", GOOD)
    assert (
        "aliases also used by other: kingsmere council"
        in check("kingsmere", areas_dir=tmp_path, local_area="kingsmere").warnings
    )


def test_a_file_outside_the_areas_folder_is_checked_and_said_not_to_be_loaded(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "draft", GOOD)
    report = check(str(path), areas_dir=tmp_path / "areas")
    assert report.exit_code == 0
    assert any("the assistant doesn't load this file" in w for w in report.warnings)


def test_drama_numbers() -> None:
    assert is_drama_number("020 7946 0001") and is_drama_number("01632 960123")
    assert is_drama_number("07700 900871") and not is_drama_number("0808 2000 247")


def test_the_command_prints_the_report_and_exits_with_its_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["example"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Checking data/areas/example.yml\nOK     schema: valid.")
    assert main(["no-such-area"]) == 1
    assert "ERROR  file not found" in capsys.readouterr().out
