"""One grade from the gateway's crisis nets: clear (999 first), possible (the short line
first) or none. The model's `crisis` intent, the third net, is added by the engine.

- The phrase rules alone make it clear, unless the meaning net sees no clear danger and
  the message puts it in the past, a record or a what-if ("previous MARAC minutes: 'he is
  outside her property'. That was 2022"): then it is possible, so the short safety
  line still comes first.
- The meaning net's own grade otherwise; a possible danger said to be happening now
  is clear, and a clear one said to be over (she is safe, he is arrested) and not
  now is possible (bot/safety/immediacy.py).
- The model alone is set aside (by the engine, at the gateway's word) when the other
  nets found no clear danger and the message is all in the past, a record or a
  what-if. Setting it aside also when the message merely says nothing of the
  present was tried on 2026-11-27: 6 fewer false alarms on the tuning halves and
  no danger lost there, but on the sealed halves one danger message lost its 999
  guidance for one false alarm fewer, so it was not kept.
- The model alone is not enough for 999 first either when no phrase matched and the
  meaning net reads almost no danger in the message or in any sentence of it alone
  (below `model_alone_below` in data/safety/crisis_examples.yml), and the message is
  not a short one: it is answered after the short safety line, so 999 still comes
  first, in one line. On the six crisis sets' tuning halves
  (2026-11-29) the model alone put 999 first on 15 near-misses and one danger
  message; 11 of the near-misses read below 0.02 and the danger message read 0.2.
  The floor is set ten times below that, not at the widest gap.
"""

from __future__ import annotations

from bot.safety.immediacy import happening_now, resolved, said_not_now

# Among the nets that fired: the model read danger and the engine set it aside.
SET_ASIDE = "model_set_aside"
# ... because the meaning net read almost no danger in it (the short line came first).
DOUBTED = "model_doubted"
# A message this short is never doubted: a low meaning reading of a few words ("i dont
# feel safe at home") says little. The near-misses the rule was chosen on have 12 or more.
DOUBT_MIN_WORDS = 11


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
    is set in the past, a record or a what-if, with nothing that may be danger now."""
    return grade != "clear" and said_not_now(text)


def model_alone_doubted(
    grade: str, fired: tuple[str, ...], readings: list[float], below: float, text: str
) -> bool:
    """Whether the model's `crisis` intent alone gets the short line instead of 999 first:
    no phrase matched, the meaning net graded it none and every reading of it (the whole,
    and each sentence alone: `readings`) is below `below`. Never for a few words typed
    in the moment ("he found me", "its happening again"): there a low reading says
    little, and the model's word stands."""
    return (
        grade == "none"
        and not fired
        and bool(readings)
        and max(readings) < below
        and len(text.split()) >= DOUBT_MIN_WORDS
    )


def crisis_nets(matched: tuple[str, ...], model_said_crisis: bool) -> list[str]:
    """Which nets fired: the phrase rules, the meaning net (clear or possible), the model."""
    nets = []
    if "phrases_past" in matched:  # phrases in a past or quoted setting: the short line
        nets.append("phrases_past")
    elif any(m and not m.startswith("semantic") and m not in (SET_ASIDE, DOUBTED) for m in matched):
        nets.append("phrases")
    nets += [m.replace("semantic_", "meaning_") for m in matched if m.startswith("semantic_")]
    if model_said_crisis:
        nets.append("model")
    if SET_ASIDE in matched:  # the model read danger; the engine set it aside
        nets.append(SET_ASIDE)
    if DOUBTED in matched:  # ... as doubted: the short line came first
        nets.append(DOUBTED)
    return nets
