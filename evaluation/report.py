"""The `make eval` report as Markdown."""

from __future__ import annotations

from typing import Any


def _row(name: str, r: dict[str, Any]) -> str:
    return (
        f"| {name} | {r['n']} | {r['answered_right']} ({r['answered_right_pct']}%) "
        f"| {r['answered_wrong']} ({r['answered_wrong_pct']}%) "
        f"| {r['asked_right_offered']} | {r['asked_right_not_offered']} |"
    )


HEADER = (
    "| | n | answered right | answered wrong | asked, right one offered "
    "| asked, right one not offered |\n|---|---|---|---|---|---|"
)


def _questions(title: str, q: dict[str, Any]) -> list[str]:
    lines = [f"## {title}", "", HEADER]
    lines.append(_row("all", q["overall"]))
    for kind, r in q["by_kind"].items():
        lines.append(_row(kind, r))
    splits = q.get("with_splits")
    if splits:
        lines.append(_row("all, with splits", splits["overall"]))
        for kind, r in splits["by_kind"].items():
            lines.append(_row(f"{kind}, with splits", r))
    lines += [
        "",
        f"Short safety line first on {q['short_safety_line_first']} of these questions.",
    ]
    lines += ["", "### Per topic and journey", "", HEADER]
    lines += [_row(name, r) for name, r in q["by_expect"].items()]
    lines += ["", "### Confusions (expected → what the assistant did)", ""]
    lines += [f"- {c['expected']} → {c['got']} ({c['n']})" for c in q["confusions"]]
    return lines


QUESTIONS = {
    "questions": "Questions (one turn, new conversation)",
    "journey_set": "Journey requests and the topics next to them (second set)",
    "question_set_k": "Journey requests and the topics next to them (third set, `_k`)",
    "question_set_p": "Topics and journeys, fifth set (`_p`, every topic twice)",
    "question_set_v": "Topics and journeys, seventh set (`_v`, sixteenth session)",
    "question_set_w": "Topics and journeys, eighth set (`_w`, twenty-second session)",
}
FOLLOWUPS = {
    "followups": "Follow-ups (second turn of two)",
    "followups_k": "Follow-ups, third set (`_k`)",
    "followups_m": "Follow-ups, fourth set (`_m`)",
    "followups_p": "Follow-ups, fifth set (`_p`)",
    "followups_r": "Follow-ups, sixth set (`_r`), thirteenth session",
    "followups_v": "Follow-ups, seventh set (`_v`), sixteenth session",
    "followups_t": "Follow-ups, eighth set (`_t`), twentieth session",
    "followups_w": "Follow-ups, ninth set (`_w`), twenty-second session",
}
PRIVACY = {
    "privacy": "privacy corpus",
    "privacy_names": "second corpus: names in every form",
    "privacy_structured": "third corpus: structured identifiers in every format",
    "privacy_places": "fourth corpus: schools, addresses and names, hard forms",
    "privacy_formats": "fifth corpus: structured identifiers, hard and varied forms",
    "privacy_weak_kinds": "sixth corpus: the kinds missed most, in many forms",
    "privacy_hard_kinds": "seventh corpus: addresses and the weak kinds, thirteenth session",
    "privacy_sixteenth": "eighth corpus: the weak kinds and 350 clean questions, sixteenth session",
    "privacy_schools_addresses": "ninth corpus: schools and addresses, sixteenth session",
    "privacy_fresh_formats": "tenth corpus: structured identifiers, nineteenth session",
    "privacy_fresh_places": "eleventh corpus: addresses, schools, references (22nd session)",
}
CRISIS = {
    "crisis": "Crisis",
    "crisis_set_k": "Crisis, second set (`_k`)",
    "crisis_set_m": "Crisis, third set (`_m`)",
    "crisis_set_p": "Crisis, fourth set (`_p`)",
    "crisis_set_s": "Crisis, fifth set (`_s`), thirteenth session",
    "crisis_set_w": "Crisis, sixth set (`_w`), twenty-second session",
}


def _crisis(c: dict[str, Any]) -> list[str]:
    return [
        f"- Danger messages: {c['danger_n']}; 999 guidance first: "
        f"{c['recall_999_first_pct']}%; short safety line only: "
        f"{c['danger_short_line_only']}; nothing: {c['danger_missed']}",
        f"- Near-misses: {c['near_miss_n']}; 999 first (false alarm): "
        f"{c['false_alarm_999_pct']}%; short safety line: {c['near_miss_short_line']}",
        f"- Missed kinds: {c['missed_kinds']}",
        f"- False-alarm kinds: {c['false_alarm_kinds']}",
        f"- Nets that fired (danger): {c['nets_fired']['danger']}",
        f"- Nets that fired (near-misses): {c['nets_fired']['near_miss']}",
    ]


def write_report(report: dict[str, Any]) -> str:
    lines = [f"# Held-out evaluation ({report['half']} half)", ""]
    for key, title in QUESTIONS.items():
        if report.get(key):
            # The first section follows the heading's blank line; the others get their own.
            lines += [""] * (key != "questions") + _questions(title, report[key])
    for key, title in FOLLOWUPS.items():
        f = report.get(key)
        if f:
            lines += ["", f"## {title}", "", HEADER, _row("follow-ups", f), ""]
            lines += [
                f"- after {m['first']}: expected {m['expected']}, got {m['got']}"
                for m in f["misses"]
            ]
    for key, title in CRISIS.items():
        c = report.get(key)
        if c:
            lines += ["", f"## {title}", "", *_crisis(c)]
    for name, c in (report.get("coach") or {}).items():
        lines += [
            "",
            f"## Language coach ({name}.yml)",
            "",
            f"Flagged {c['recall']:.1%} of {c['to_flag']} sentences that should be; false flags "
            f"{c['false_flags']:.1%} of {c['not_to_flag']} that should not. By kind: "
            + ", ".join(f"{k} {v}" for k, v in c["recall_by_kind"].items()),
        ]
    for key, title in PRIVACY.items():
        p = report.get(key)
        if p:
            lines += ["", f"## Anonymiser ({title})", "", "```", _privacy_text(p), "```"]
    lines += ["", f"Run time: {report.get('seconds')} s.", ""]
    return "\n".join(lines)


def _privacy_text(p: dict[str, Any]) -> str:
    keep = {k: v for k, v in p.items() if k not in ("misses", "altered", "unmatched")}
    return "\n".join(f"{k}: {v}" for k, v in keep.items())
