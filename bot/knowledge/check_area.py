"""Check a local area file before a council uses it: `make check-area AREA=<id>`.

    python -m bot.knowledge.check_area <id>          data/areas/<id>.yml
    python -m bot.knowledge.check_area path/to/file.yml

Validates the file against the schema (bot/knowledge/areas.py) and reports, for each
local service the file leaves out, what users will see instead (from the pathway data).
Exit code 1 when the assistant could not use the file (not found, not YAML, not the
schema, or an id it won't load), with one line per problem and nothing else; 0
otherwise, with a warning for each missing service and for anything that looks
unfinished (template text, no aliases, a MARAC source with no address or date, a
drama number in a real area). Writes nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from bot.config import PROJECT_ROOT
from bot.knowledge.area_choice import local_step
from bot.knowledge.areas import (
    AREAS_DIR,
    DEFAULT_AREA,
    SERVICE_KEYS,
    SERVICE_LABELS,
    Area,
    area_ids,
    load_area,
    valid_id,
)
from bot.knowledge.directory import NationalDirectory, national_directory
from bot.knowledge.files import KnowledgeFileError, load_yaml_model
from bot.pathways.engine import Pathways, pathways

_TEMPLATE_WORDS = re.compile(r"^your\b|^other names\b", re.IGNORECASE)
# Ofcom's ranges for drama (TV, radio, examples): never a real service's number.
_DRAMA_PREFIXES = (
    "01632960", "01134960", "01144960", "01154960", "01164960", "01174960", "01184960",
    "01214960", "01314960", "01414960", "01514960", "01614960", "02079460", "01914980",
    "02896496", "02920180", "03069990", "07700900", "08081570",
)  # fmt: skip


def is_drama_number(number: str) -> bool:
    return re.sub(r"\D", "", number).startswith(_DRAMA_PREFIXES)


# What happens without a consultation clinic (actions/pathways.py, ActionCaseConsultation).
_NO_CLINIC = (
    "a request for a case consultation is told to ask a supervisor or safeguarding lead, "
    "and given the {helpline}"
)


@dataclass
class Report:
    """What the check found, in order: errors fail it; warnings and notes are to read."""

    path: Path
    area: Area | None = None
    findings: list[tuple[str, str]] = field(default_factory=list)

    def error(self, text: str) -> None:
        self.findings.append(("ERROR", text))

    def warn(self, text: str) -> None:
        self.findings.append(("WARN", text))

    def note(self, text: str) -> None:
        self.findings.append(("OK", text))

    @property
    def errors(self) -> list[str]:
        return [text for level, text in self.findings if level == "ERROR"]

    @property
    def warnings(self) -> list[str]:
        return [text for level, text in self.findings if level == "WARN"]

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def lines(self) -> list[str]:
        try:
            shown = self.path.resolve().relative_to(PROJECT_ROOT)
        except ValueError:
            shown = self.path
        out = [f"Checking {shown}"] + [f"{level:<6} {text}" for level, text in self.findings]
        if self.errors:
            out.append(f"Result: {len(self.errors)} error(s): the assistant can't use this file.")
        else:
            out.append(f"Result: valid, {len(self.warnings)} warning(s).")
        return out


def resolve_path(target: str, areas_dir: Path = AREAS_DIR) -> tuple[str | None, Path]:
    """An area id (`leeds`) or a path to a YAML file; the id is None for a file outside
    the areas folder, or for the template (whose name starts with _)."""
    if target.endswith((".yml", ".yaml")) or "/" in target:
        path = Path(target)
        inside = path.parent.resolve() == areas_dir.resolve() and valid_id(path.stem)
        return (path.stem if inside else None), path
    return target, areas_dir / f"{target}.yml"


def check(
    target: str,
    areas_dir: Path = AREAS_DIR,
    data: Pathways | None = None,
    directory: NationalDirectory | None = None,
    local_area: str | None = None,
) -> Report:
    area_id, path = resolve_path(target, areas_dir)
    report = Report(path)
    if area_id is not None and not valid_id(area_id):
        report.error(
            f"'{area_id}' is not a valid area id: lower case letters, digits, - and _, "
            "starting with a letter or digit (a name starting with _ is a template)"
        )
        return report
    try:
        loaded = load_yaml_model(path, Area)
    except KnowledgeFileError as exc:
        for problem in _explain(str(exc), path):
            report.error(problem)
        return report
    report.area = loaded
    data = data or pathways()
    directory = directory or national_directory()
    _describe(report, loaded, area_id, areas_dir)
    for key in SERVICE_KEYS:
        service = loaded.services.get(key)  # type: ignore[call-overload]
        if service is None:
            report.warn(_missing(key, data, directory))
            continue
        report.note(f"{key}: {service.name}, {service.number}")
        if not loaded.example and is_drama_number(service.number):
            report.warn(
                f"{key}: {service.number} is in one of Ofcom's drama ranges, not a real number"
            )
    _local_area(report, area_id, areas_dir, local_area)
    return report


def _describe(report: Report, loaded: Area, area_id: str | None, areas_dir: Path) -> None:
    marac = loaded.marac
    report.note(
        f"schema: valid. Name: {loaded.name}. MARAC criteria: {marac.visible_high_risk} or more "
        f"'yes' answers; {marac.escalation_incidents} or more incidents in "
        f"{marac.window_months} months. Source: {marac.source}"
    )
    names = sorted({n for n in (area_id, loaded.name, *loaded.aliases) if n})
    report.note("users can name it as: " + "; ".join(names))
    if loaded.example:
        report.warn(
            "example: true. Every contact is shown as a fictional example, not a real service"
        )
    if _TEMPLATE_WORDS.search(loaded.name) or any(
        _TEMPLATE_WORDS.search(a) for a in loaded.aliases
    ):
        report.warn("the name or an alias is still the template's text")
    if _TEMPLATE_WORDS.search(marac.source) or not re.search(
        r"\d{4}|https?://|\.\w{2,}", marac.source
    ):
        report.warn(
            "marac.source: name the page your MARAC's criteria come from, with its address "
            "or the date you checked it"
        )
    if not loaded.aliases:
        report.warn("no aliases: users can only name it by its id or its full name")
    for other in area_ids(areas_dir):
        if other == area_id:
            continue
        try:
            theirs = load_area(other, areas_dir)
        except KnowledgeFileError:
            continue
        shared = {a.lower() for a in loaded.aliases} & {a.lower() for a in theirs.aliases}
        if shared:
            report.warn(f"aliases also used by {other}: {', '.join(sorted(shared))}")


def _missing(key: str, data: Pathways, directory: NationalDirectory) -> str:
    label = SERVICE_LABELS[key]
    step = local_step(key, data)
    if key == "st_champions":
        helpline = directory.get("national_da_helpline").mention()
        instead = _NO_CLINIC.format(helpline=helpline)
    elif step is None:
        instead = "nothing: no referral pathway uses it"
    else:
        national = directory.get(step.fallback or "")
        where = [
            s.title
            for s in data.situations.values()
            if any(x.contact == f"local:{key}" for x in s.steps)
        ]
        instead = f'{national.mention()}, with: "{step.fallback_how}" (in: {"; ".join(where)})'
    return f"{key}: no {label}. Users will see instead: {instead}"


def _local_area(
    report: Report, area_id: str | None, areas_dir: Path, local_area: str | None
) -> None:
    if area_id is None:
        report.warn(
            f"the assistant doesn't load this file: copy it to {areas_dir}/<id>.yml "
            "(lower case, hyphens) for it to be used"
        )
        return
    chosen = local_area if local_area is not None else configured_local_area()
    if chosen == area_id:
        report.note(f"LOCAL_AREA={area_id}: it is the default area for every conversation")
    else:
        report.note(
            f"LOCAL_AREA is {chosen}: users get {area_id} when they name it; set "
            f"LOCAL_AREA={area_id} in .env to make it the default"
        )


def configured_local_area(env_file: Path = PROJECT_ROOT / ".env") -> str:
    """LOCAL_AREA as the assistant will read it: the environment, else .env, else default."""
    if os.environ.get("LOCAL_AREA"):
        return os.environ["LOCAL_AREA"]
    values = dotenv_values(env_file) if env_file.exists() else {}
    return values.get("LOCAL_AREA") or DEFAULT_AREA


def _explain(message: str, path: Path) -> list[str]:
    """One line per problem (the file is named above them), with a hint for the ones a
    half-filled copy of the template produces."""
    lines = []
    for problem in message.removeprefix(f"{path}: ").split("; "):
        if re.match(r"services\.\w+\.(?:email|hours)\b", problem):
            problem += " (fill it in, or delete the line)"
        elif re.match(r"services\.\w+\.\w+", problem):
            problem += " (fill it in, or delete the whole service if your area has none)"
        lines.append(problem)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check a local area file (data/areas/<id>.yml).")
    parser.add_argument("area", help="an area id (data/areas/<id>.yml) or a path to a YAML file")
    args = parser.parse_args(argv)
    report = check(args.area)
    print("\n".join(report.lines()))
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
