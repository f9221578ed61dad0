"""One grade from the gateway's crisis nets: clear (999 first), possible (the short line
first) or none. The model's `crisis` intent, the third net, is added by the engine.

- The phrase rules alone make it clear, unless the meaning net sees no clear danger and
  the message puts it in the past, a record or a what-if ("previous MARAC minutes: 'he is
  outside her property'. That was 2022"): then it is possible, so the short safety
  line still comes first.
- The meaning net's own grade otherwise; a possible danger said to be happening now
  is clear, and a clear one said to be over (she is safe, he is arrested) and not
  now is possible (bot/safety/immediacy.py).
- The model alone makes a danger clear only when the message says something that
  may be danger in the present ("he's throwing things at her"); otherwise the
  engine sets its reading aside and the message is a possible danger, or nothing
  when it is all in the past. On the tuning halves of the crisis sets (2026-11-27)
  the model alone caught none of 475 danger messages the other nets missed, and
  put 999 first on 7 of 464 near-misses (a fire alarm, a nightmare, incidents
  handled or years ago).
"""

from __future__ import annotations

from bot.safety.immediacy import happening_now, may_be_present, resolved, said_not_now

# Among the nets that fired: the model read danger and the engine set it aside.
SET_ASIDE = "model_set_aside"


def crisis_grade(
    phrases: tuple[str, ...], meaning: str | None, text: str
) -> tuple[str, tuple[str, ...]]:
    """(grade, the nets that fired); `phrases` are the phrase rules that matched, `meaning`
    the semantic net's grade (None when it is not running)."""
    fired = tuple(phrases)
    if meaning and meaning != "none":
        fired = (*fired, f"semantic_{meaning}")
    if phrases:
        if meaning in ("none", "possible") and said_not_now(text):
            return "possible", (*fired, "phrases_past")
        return "clear", fired
    grade = meaning or "none"
    if grade == "clear" and resolved(text):
        return "possible", (*fired, "semantic_resolved")
    if grade == "possible" and happening_now(text):
        return "clear", (*fired, "semantic_now")
    return grade, fired


def model_alone_set_aside(grade: str, text: str) -> bool:
    """Whether the model's `crisis` intent, the third net, is not to be acted on alone
    (addons/crisis_gate.py): the other two nets found no clear danger and the message
    says nothing that may be danger in the present, or puts it all in the past, a
    record or a what-if. The model alone is then a possible danger, not a clear one
    (`after_set_aside`)."""
    return grade != "clear" and (said_not_now(text) or not may_be_present(text))


def after_set_aside(grade: str, text: str) -> str:
    """The grade once the engine has set its `crisis` reading aside: a possible danger
    (the short line first, then the answer), unless the message puts all it tells in
    the past, a record or a what-if ("three years ago he poured petrol on her car")."""
    if grade == "none" and not said_not_now(text):
        return "possible"
    return grade
