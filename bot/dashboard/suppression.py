"""Small-number suppression, applied to every count before anyone sees it.

Any count below 5 is shown as "<5". A total is shown only when none of the
counts it adds up is suppressed; otherwise it is "withheld", because the total
minus the counts shown would give the suppressed one back. Rates follow the
same rule. These rules are applied once, here, for the page and every export.
"""

from __future__ import annotations

from collections.abc import Iterable

SMALL = 5
LESS_THAN = "<5"
WITHHELD = "withheld"
NOTE = (
    'Counts below 5 are shown as "<5". Totals and rates that would let a '
    'suppressed count be worked out are shown as "withheld".'
)

Shown = int | str


def shown(count: int) -> Shown:
    return LESS_THAN if count < SMALL else count


def total(parts: Iterable[int]) -> Shown:
    parts = list(parts)
    whole = sum(parts)
    if whole < SMALL:
        return LESS_THAN
    if any(p < SMALL for p in parts):
        return WITHHELD
    return whole


def rate(part: int, whole: int) -> str:
    """`part` of `whole` as a percentage, unless either side (or the rest) is small."""
    if part < SMALL or whole - part < SMALL:
        return WITHHELD
    return f"{round(100 * part / whole)}%"
