"""What the assistant does when a user says where they work. Pure: text and data in,
a slot value and words out; the action (actions/pathways.py) only sends them.

The slot value is a configured area's id or the not-configured marker (with the UK
nation when it can be told), never the place's name. Everything said about finding a
local service comes from the pathway data (`fallback_how`), and about a nation from the
national directory: nothing here states a fact of its own.
"""

from __future__ import annotations

import re

from bot.knowledge.areas import (
    SERVICE_LABELS,
    Area,
    NotConfiguredArea,
    area,
    find_area,
    not_configured_value,
)
from bot.knowledge.directory import NationalDirectory
from bot.knowledge.uk_places import Nation, names_a_place, nation_of
from bot.pathways.engine import Pathways, PathwayStep

# The local services a user most needs to find, in the order the reply lists them.
FIND_FIRST = ("marac_coordinator", "idva_service", "front_door")
_NATION_NAMES = {"scotland": "Scotland", "northern_ireland": "Northern Ireland", "wales": "Wales"}
# Words that say nothing about where: "change my area", "which council?".
_NOT_A_PLACE = frozenset(
    re.split(
        r"\s+",
        "i im am a an the my our we were are is in at for of to on by work working works "
        "worked based area local authority la council borough county city district region "
        "patch team change set switch update which what where it its do you your cover covers "
        "covering across from with me here there please now actually and or so just "
        "set up can could should would pick choose use",
    )
)


def slot_value(text: str) -> str | None:
    """The `area` slot value for what the user said: a configured area's id, the
    not-configured marker (with the nation when it can be told), or None when the
    message names nowhere at all ("change my area")."""
    found = find_area(text)
    if found is not None:
        return found
    nation = nation_of(text)
    if nation is not None or names_a_place(text) or _names_something(text):
        return not_configured_value(nation)
    return None


def _names_something(text: str) -> bool:
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", text.lower()))
    return any(w not in _NOT_A_PLACE for w in words)


def ask_which_area(configured: list[str]) -> str:
    names = ", ".join(area(a).name for a in configured)
    return (
        'Which area do you work in? Tell me in your own words, for example "I work in '
        f'Leeds" or "we\'re a Welsh council". I have local directories for: {names}.'
    )


def set_area_reply(resolved: Area, pathways: Pathways, directory: NationalDirectory) -> str:
    """What the assistant says when the user names their area."""
    if isinstance(resolved, NotConfiguredArea):
        return _not_configured_reply(resolved, pathways, directory)
    text = f"Thanks: from now on in this conversation I'll use {resolved.name}'s local services."
    if resolved.example:
        text += (
            " It is a fictional example area: its contacts are not real "
            "services, so don't use them for a real family. If you work somewhere else, tell "
            "me where and I'll give you the national routes instead."
        )
    missing = [SERVICE_LABELS[k] for k in FIND_FIRST if k not in resolved.services]
    if missing:
        text += (
            f" Its directory has no {', '.join(missing)}: for those I'll give the national route."
        )
    return text


def _not_configured_reply(
    resolved: NotConfiguredArea, pathways: Pathways, directory: NationalDirectory
) -> str:
    lines = [
        "I don't have a local directory for that area: none is configured in this assistant, "
        "so I won't give you another area's numbers. From now on in this conversation I'll "
        "give you the national routes, and how to find your local services:"
    ]
    for key in FIND_FIRST:
        step = local_step(key, pathways)
        if step is None or step.fallback_how is None:
            continue
        how = step.fallback_how.partition(": ")[2] or step.fallback_how
        national = directory.get(step.fallback or "")
        label = SERVICE_LABELS[key]
        lines.append(f"- {label[0].upper()}{label[1:]}: {how} {national.mention()}.")
    note = nation_note(resolved.nation, directory)
    if note:
        lines.append(note)
    lines.append("Ask me for a referral pathway whenever you need one.")
    return "\n".join(lines)


def local_step(key: str, pathways: Pathways) -> PathwayStep | None:
    """The first pathway step that uses this local service (its `fallback_how` says how
    to find the service where none is configured)."""
    for situation in pathways.situations.values():
        for step in situation.steps:
            if step.contact == f"local:{key}":
                return step
    return None


def nation_note(nation: Nation | None, directory: NationalDirectory) -> str | None:
    """What differs in the user's nation, only from the national directory: Wales's own
    helpline when the directory lists it; for Scotland or Northern Ireland, that the
    directory covers somewhere else."""
    if nation is None or nation == "england":
        return None
    place = _NATION_NAMES[nation]
    if nation == "wales":
        service = next(
            (
                s
                for s in directory.services
                if "(Wales)" in s.name or re.search(r"\bin Wales\b", s.audience)
            ),
            None,
        )
        if service is None:
            return None
        return f"For Wales: {service.mention()}, for {service.audience}."
    if place in directory.region:
        return None
    return (
        f"The national services I hold are for {directory.region}: check with your "
        f"safeguarding lead which of them apply in {place}. In an emergency, call 999."
    )


def pathway_text(body: str, resolved: Area, directory: NationalDirectory) -> str:
    """A rendered referral pathway for an area with no file: its sources line says no
    local directory is configured (not "from the Your area directory"), with the
    nation's note."""
    if not isinstance(resolved, NotConfiguredArea):
        return body
    body = body.replace(
        f"Sources: local services from the {resolved.name} directory",
        "Sources: no local directory is configured for your area, so each local step gives "
        "the national route",
    )
    note = nation_note(resolved.nation, directory)
    return f"{body}\n{note}" if note else body
