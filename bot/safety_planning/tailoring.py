"""What the practitioner entered that changes the next steps: pregnancy, a baby, a young
person of 16 or 17, no recourse to public funds, stalking, a previous MARAC, separation.

Read from the chosen options, the DASH topics answered "yes", and the practitioner's
own typed notes (already anonymised). A word match only adds a next step, never
removes one, so a false match costs a line of advice, not a missed one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# The DASH topics (by position in walkthrough.yml's dash_topics) that mean the same.
_DASH = {4: "separation", 6: "stalking", 7: "pregnancy"}
_OPTIONS = {
    "Abused her during pregnancy": "pregnancy",
    "Monitoring her phone, messages or movements": "stalking",
    "Separated or tried to separate": "separation",
}
_WORDS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE)
    for name, pattern in {
        "pregnancy": r"\bpregnan\w*|\bexpecting\b|\bmidwi\w+|\bweeks gone\b|\bdue date\b",
        "baby": r"\bbab(y|ies)\b|\bnew-?born\b|\binfant\b|\b\d{1,2}\s*(months?|mo)\s*old\b",
        "teenager": r"\b1[67]\s*(yo|y/o|years?\s*old)\b|\baged\s*1[67]\b|\bypva\b",
        "nrpf": r"\bno recourse\b|\bnrpf\b|\bimmigration\b|\bvisa\b|\bmvdac\b|\bddvc\b",
        "stalking": r"\bstalk\w*|\bfollow(s|ed|ing) her\b|\btracker\b|\bturn(s|ed|ing) up\b",
        "separation": r"\bseparat\w*|\bleft him\b|\bleaving him\b|\bsplit up\b|\bmoved out\b",
    }.items()
}
_PREVIOUS_MARAC = {"repeat", "recent_no_incident", "older"}


def _typed(slots: dict[str, Any], slot_names: Iterable[str]) -> str:
    parts: list[str] = []
    for name in slot_names:
        value = slots.get(name)
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            parts += [v for v in value if isinstance(v, str)]
    return " \n ".join(parts)


def circumstances(
    slots: dict[str, Any], answer_slots: Iterable[str], dash_answers: list[str] | None = None
) -> frozenset[str]:
    """The circumstances entered in this walkthrough (names used as `when` in next steps)."""
    found: set[str] = set()
    for slot in answer_slots:
        value = slots.get(slot)
        for item in value if isinstance(value, list) else ():
            if item in _OPTIONS:
                found.add(_OPTIONS[item])
    for index, answer in enumerate(dash_answers or ()):
        if answer == "yes" and index in _DASH:
            found.add(_DASH[index])
    text = _typed(slots, answer_slots)
    found |= {name for name, pattern in _WORDS.items() if pattern.search(text)}
    if slots.get("sp_marac_history") in _PREVIOUS_MARAC:
        found.add("previous_marac")
    return frozenset(found)
