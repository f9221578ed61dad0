"""The language check on what the practitioner types into the walkthrough.

A free-text answer (a typed note, or typed items of a list) goes into the
summary in the practitioner's words, so it is checked with the language coach
first. When the coach flags something, the answer is held, the practitioner is
told kindly what the wording does and offered the coach's rewrite, and they
choose: use the suggestion, keep their own wording, or type it again. Nothing
reaches the summary until they have chosen.
"""

from __future__ import annotations

from typing import Any

from bot.language.coach import coach
from bot.language.rules import KIND_TITLES
from bot.walkthrough.controls import payload
from bot.walkthrough.words import plain

PENDING = "sp_wording"
USE = frozenset(
    {"use the suggestion", "use suggestion", "use it", "use that", "suggestion", "yes",
     "use the suggested wording", "ok", "okay", "yes use it", "go with the suggestion"}
)  # fmt: skip
KEEP = frozenset(
    {"keep my wording", "keep mine", "keep it", "keep", "keep my words", "no",
     "keep my own wording", "keep as is", "leave it", "no keep mine"}
)  # fmt: skip


def check(slot: str, value: str | list[str]) -> dict[str, Any] | None:
    """The held answer when the coach flags any part of `value`, else None."""
    items = [value] if isinstance(value, str) else list(value)
    # The rules only: an answer is held for a phrase, never for the framing model's
    # whole-sentence reading, which flags more fair sentences about her (docs/measurements.md).
    results = [coach(item, model=False) for item in items]
    if all(r.clean for r in results):
        return None
    suggested = [
        r.rewritten if not r.clean else item for r, item in zip(results, items, strict=True)
    ]
    findings = [
        {"phrase": f.phrase, "kind": KIND_TITLES[f.kind], "why": f.why}
        for r in results
        for f in r.findings
    ]
    return {
        "slot": slot,
        "original": value,
        "suggested": suggested[0] if isinstance(value, str) else suggested,
        "findings": findings[:6],
    }


def choice(text: str) -> str | None:
    """ "use" or "keep" when the practitioner chose, None when they typed something new."""
    said = plain(text)
    if said in USE:
        return "use"
    if said in KEEP:
        return "keep"
    return None


def prompt(pending: dict[str, Any]) -> tuple[str, list[dict[str, str]]]:
    """What the practitioner sees while an answer is held, and the buttons to choose."""
    lines = [
        "Before this goes into the summary, a check on the wording. "
        "It's easy to pick up these phrases from case files:"
    ]
    lines += [f'- "{f["phrase"]}" {f["kind"]}. {f["why"]}' for f in pending["findings"]]
    suggested = pending["suggested"]
    shown = suggested if isinstance(suggested, str) else "; ".join(suggested)
    lines += [
        "Suggested wording (fill in the [brackets] from what you know):",
        shown,
        "Use the suggestion, keep your own wording, or type it again.",
    ]
    buttons = [
        {"title": "Use the suggestion", "payload": payload("use the suggestion")},
        {"title": "Keep my wording", "payload": payload("keep my wording")},
        {"title": "Back", "payload": payload("back")},
    ]
    return "\n".join(lines), buttons
