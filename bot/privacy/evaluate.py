"""Score the anonymiser on a labelled corpus.

    python -m bot.privacy.evaluate PATH [--json OUT] [--check]

The corpus is YAML with `with_identifiers` (items of `text` and `ids`, a list of
[TYPE, value]) and `clean` (messages with nothing to remove). Types: PERSON, PHONE,
EMAIL, ADDRESS, POSTCODE, DATE, NHS_NUMBER, NI_NUMBER, CASE_REF, VEHICLE_REG, HANDLE,
URL, SCHOOL. Any placeholder counts as removal, whatever its kind; the anonymiser's
placeholders for each type are in TYPE_TO_PLACEHOLDER (CASE_REF is <REFERENCE>).

When an identifier counts as removed. Text, value and output are normalised as the
anonymiser does (bot/privacy/normalise.py), placeholders are taken out of the output,
and each is split into alphanumeric tokens (runs of letters and digits, compared in
lower case). The tokens of 2+ characters of the value are its tokens, except titles and
police ranks ("Mrs", "DC"), which the anonymiser keeps on purpose. Every occurrence of
the value in the text is the identifier (a name said twice must go twice). The
identifier is removed when, for each of its tokens, the output holds no more copies of
that token than the text holds outside those occurrences: so "Kerry" must be gone, but
an "at" or a "road" elsewhere in the message may stay. A value not found in the text
(a labelling slip) is counted once and listed under `unmatched`.

Two readings of the same output. Strict: every token above must go. Identifying (the
headline): words inside the labelled span that identify nobody may stay too: articles
and prepositions ("the Elms nursery" -> "the <SCHOOL>"), the words that say what kind of
number follows ("MASH ref 2031-55512" -> "MASH <REFERENCE>", "crime no. ..."), and the
professional acronyms of data/privacy/not_names.yml, which the anonymiser keeps on
purpose. Both are reported; the targets are checked on the identifying reading.

A clean message is altered when its output differs from it after whitespace
normalisation only (runs of Unicode spaces and invisible characters as one space).

Reported: recall per type, overall, for all structured types (everything but PERSON),
for names, and for names written in lower case; the share of clean messages altered;
ms per message; the misses and false alterations. With --check the exit code is 1 when
a target of issue 14 is not met (structured types 99%, names 97%, clean altered 3%).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.privacy.normalise import normalise, normalise_whitespace
from bot.privacy.patterns import words

TYPE_TO_PLACEHOLDER = {
    "PERSON": "PERSON",
    "PHONE": "PHONE",
    "EMAIL": "EMAIL",
    "ADDRESS": "ADDRESS",
    "POSTCODE": "POSTCODE",
    "DATE": "DATE",
    "NHS_NUMBER": "NHS_NUMBER",
    "NI_NUMBER": "NI_NUMBER",
    "CASE_REF": "REFERENCE",
    "VEHICLE_REG": "VEHICLE_REG",
    "HANDLE": "HANDLE",
    "URL": "URL",
    "SCHOOL": "SCHOOL",
}
KEPT_TOKENS = frozenset(
    words(
        "mr mrs ms miss mx dr prof rev cllr pc wpc dc ds di dci dsi dsupt supt sgt insp det "
        "detective constable sergeant inspector officer pcso"
    )
)
# Words in a labelled span that identify nobody (the identifying reading, above).
LABEL_TOKENS = frozenset(
    words(
        "the a an of at on in to off near next above below behind opposite no nos ref refs "
        "reference references number numbers case log occurrence incident crime referral "
        "police court safeguarding niche crn urn"
    )
)
TARGETS = {"structured": 0.99, "names": 0.97, "clean_altered": 0.03}
_PLACEHOLDER = re.compile(r"<[A-Z_]+>")
_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


@cache
def _kept_identifying() -> frozenset[str]:
    """Tokens that may stay on the identifying reading: titles, label words, acronyms."""
    from bot.privacy.vocabulary import lexicon

    return KEPT_TOKENS | LABEL_TOKENS | {a.lower() for a in lexicon().acronyms}


def removed(text: str, value: str, output: str, strict: bool = False) -> tuple[bool, bool]:
    """(was the identifier removed, was its value found in the text); `strict` asks
    for every token of the value to go, label words included."""
    text, value = normalise(text), normalise(value)
    out_counts = Counter(tokens(_PLACEHOLDER.sub(" ", normalise(output))))
    text_counts = Counter(tokens(text))
    kept = KEPT_TOKENS if strict else _kept_identifying()
    wanted = [t for t in dict.fromkeys(tokens(value)) if len(t) >= 2 and t not in kept]
    pattern = re.compile(rf"(?<![^\W_]){re.escape(value)}(?![^\W_])", re.IGNORECASE)
    inside: Counter[str] = Counter()
    occurrences = pattern.findall(text)
    for occurrence in occurrences:
        inside.update(tokens(occurrence))
    if not occurrences:
        inside.update(tokens(value))
    # A value not written so in the text (a labelling slip: "keely" in "keelys")
    # is removed when none of its tokens is left.
    ok = all(out_counts[t] <= max(0, text_counts[t] - inside[t]) for t in wanted)
    return ok, bool(occurrences)


def evaluate(corpus: dict[str, Any], anonymiser: Any) -> dict[str, Any]:
    found: Counter[str] = Counter()
    strict_found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses, altered, unmatched, times = [], [], [], []

    def run(text: str) -> str:
        started = time.perf_counter()
        output = anonymiser.anonymise(text).text
        times.append((time.perf_counter() - started) * 1000)
        return output

    for item in corpus.get("with_identifiers") or []:
        output = run(item["text"])
        for kind, value in item["ids"]:
            value = str(value)
            keys = [kind]
            if kind == "PERSON":
                bare = " ".join(t for t in value.split() if t.lower().strip(".") not in KEPT_TOKENS)
                keys.append("PERSON_LOWER" if bare == bare.lower() else "PERSON_CAPITALISED")
            ok, matched = removed(item["text"], value, output)
            ok_strict = ok and removed(item["text"], value, output, strict=True)[0]
            for key in keys:
                total[key] += 1
                found[key] += ok
                strict_found[key] += ok_strict
            if not matched:
                unmatched.append({"type": kind, "value": value, "text": item["text"]})
            if not ok:
                misses.append(
                    {"type": kind, "value": value, "text": item["text"], "output": output}
                )
    for text in corpus.get("clean") or []:
        output = run(text)
        if normalise_whitespace(output) != normalise_whitespace(text):
            altered.append({"text": text, "output": output})

    def share(keys: list[str], hits: Counter[str] = found) -> float | None:
        n = sum(total[k] for k in keys)
        return round(sum(hits[k] for k in keys) / n, 4) if n else None

    types = sorted(k for k in total if not k.startswith("PERSON_"))
    structured = [k for k in types if k != "PERSON"]
    clean = len(corpus.get("clean") or [])
    return {
        "messages": len(corpus.get("with_identifiers") or []) + clean,
        "identifiers": sum(total[k] for k in types),
        "recall": {k: {"recall": share([k]), "found": found[k], "total": total[k]} for k in types},
        "recall_overall": share(types),
        "recall_structured": share(structured),
        "recall_structured_strict": share(structured, strict_found),
        "recall_names_strict": share(["PERSON"], strict_found),
        "recall_names": share(["PERSON"]),
        "recall_names_lower_case": share(["PERSON_LOWER"]),
        "recall_names_capitalised": share(["PERSON_CAPITALISED"]),
        "names_lower_case": total["PERSON_LOWER"],
        "clean_messages": clean,
        "clean_altered": len(altered),
        "clean_altered_share": round(len(altered) / clean, 4) if clean else None,
        "ms_per_message": {
            "mean": round(statistics.fmean(times), 2) if times else None,
            "p95": round(sorted(times)[int(0.95 * (len(times) - 1))], 2) if times else None,
        },
        "misses": misses,
        "altered": altered,
        "unmatched": unmatched,
    }


def meets_targets(report: dict[str, Any]) -> bool:
    per_type = [v["recall"] for k, v in report["recall"].items() if k != "PERSON"]
    names = [
        r for r in (report["recall_names"], report["recall_names_lower_case"]) if r is not None
    ]
    return (
        all(r >= TARGETS["structured"] for r in per_type)
        and all(r >= TARGETS["names"] for r in names)
        and (report["clean_altered_share"] or 0) <= TARGETS["clean_altered"]
    )


def _print(report: dict[str, Any]) -> None:
    print(f"{report['messages']} messages, {report['identifiers']} identifiers")
    for kind, row in report["recall"].items():
        print(f"  {kind:<12} {row['recall']:.3f}  ({row['found']}/{row['total']})")
    for key in (
        "recall_overall",
        "recall_structured",
        "recall_structured_strict",
        "recall_names",
        "recall_names_strict",
        "recall_names_lower_case",
    ):
        print(f"  {key:<24} {report[key]}")
    print(
        f"  clean altered {report['clean_altered']}/{report['clean_messages']}"
        f" ({report['clean_altered_share']})"
    )
    print(f"  ms per message {report['ms_per_message']}")
    for miss in report["misses"]:
        print(f"MISS [{miss['type']}] {miss['value']!r}: {miss['output']!r}")
    for alt in report["altered"]:
        print(f"ALTERED {alt['text']!r} -> {alt['output']!r}")
    for slip in report["unmatched"]:
        print(f"UNMATCHED [{slip['type']}] {slip['value']!r} not in {slip['text']!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--json", type=Path, help="write the full report here")
    parser.add_argument("--check", action="store_true", help="exit 1 below the targets")
    args = parser.parse_args(argv)
    from bot.privacy.anonymiser import default_anonymiser

    anonymiser = default_anonymiser()
    anonymiser.anonymise("warm up the model")
    report = evaluate(yaml.safe_load(args.path.read_text(encoding="utf-8")), anonymiser)
    report["meets_targets"] = meets_targets(report)
    _print(report)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if args.check and not report["meets_targets"] else 0


if __name__ == "__main__":
    sys.exit(main())
