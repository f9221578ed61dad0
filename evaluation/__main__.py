"""`make eval`: the sealed held-out sets against the real assistant, through the gateway.

    python -m evaluation                 # sealed halves (what the note reports)
    python -m evaluation --half tune     # the tuning halves (what tuning may look at)

Starts the engine, action server and gateway exactly as `make run` does (test
mode, a throw-away database, text logging off), sends every item as a new
conversation (follow-ups as two turns of one), and writes
results/eval/<half>.json and results/eval/<half>.md: answered right, answered
wrong and asked to choose per journey and per topic, crisis recall, false alarms
and short safety lines, follow-ups in context, a confusion list, and the
anonymiser's recall and precision on the privacy corpus.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import socket
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import yaml

from bot.config import PROJECT_ROOT, Settings
from bot.knowledge.topics import topics_by_key
from bot.safety.messages import POSSIBLE_DANGER_LINE, crisis_message_text
from bot.supervisor import Stack
from bot.training import model_path
from evaluation.report import write_report
from evaluation.score import Reply, Tally, crisis_grade, outcome

HELDOUT = PROJECT_ROOT / "tests" / "heldout"
RESULTS = PROJECT_ROOT / "results" / "eval"
CONCURRENCY = 4


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _settings(tmp: Path) -> Settings:
    return Settings(
        app_env="test",
        gateway_port=_free_port(),
        rasa_port=_free_port(),
        actions_port=_free_port(),
        rasa_token=secrets.token_hex(16),
        engine_channel_secret=secrets.token_hex(16),
        actions_token=secrets.token_hex(16),
        pseudonym_secret=secrets.token_hex(16),
        database_url=f"sqlite:///{tmp / 'eval.db'}",
        dashboard_password=secrets.token_hex(16),
        rate_limit_per_sender=100_000,
        rate_limit_per_ip=1_000_000,
        log_text=False,
    )


async def _send(client: httpx.AsyncClient, sender: str, text: str) -> Reply:
    response = await client.post("/api/chat", json={"sender": sender, "message": text})
    body = response.json()
    messages = body if isinstance(body, list) else body.get("messages") or []
    return Reply.from_response(messages, response.headers)


async def _run_all(base_url: str, jobs: list[tuple[str, list[str]]]) -> list[list[Reply]]:
    """Each job is one conversation: its messages in order."""
    semaphore = asyncio.Semaphore(CONCURRENCY)
    async with httpx.AsyncClient(base_url=base_url, timeout=120) as client:

        async def conversation(texts: list[str]) -> list[Reply]:
            async with semaphore:
                sender = "eval-" + secrets.token_hex(8)
                return [await _send(client, sender, t) for t in texts]

        return await asyncio.gather(*(conversation(texts) for _, texts in jobs))


def _load(name: str, half: str) -> dict[str, Any] | None:
    path = HELDOUT / name / f"{half}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None


def score_questions(items: list[dict[str, Any]], replies: list[Reply], titles) -> dict[str, Any]:
    """Answered right / wrong / asked to choose, by kind and by expected answer."""
    tally, by_topic, with_splits = Tally(), Tally(), Tally()
    short_lines = 0
    for q, reply in zip(items, replies, strict=True):
        short_lines += bool(reply.texts) and reply.texts[0] == POSSIBLE_DANGER_LINE
        result = outcome(q["expect"], reply, titles)
        group = "journeys" if q["expect"].startswith("journey:") else "topics"
        tally.add(group, result, q["expect"], reply.got())
        by_topic.add(q["expect"], result, q["expect"], reply.got())
        lenient = outcome(q["expect"], reply, titles, splits=True)
        with_splits.add(group, lenient, q["expect"], reply.got())
    return {
        "overall": tally.rates(),
        "by_kind": {g: tally.rates(c) for g, c in tally.by_group.items()},
        "short_safety_line_first": short_lines,
        "with_splits": {
            "overall": with_splits.rates(),
            "by_kind": {g: with_splits.rates(c) for g, c in with_splits.by_group.items()},
        },
        "by_expect": {g: tally.rates(c) for g, c in sorted(by_topic.by_group.items())},
        "confusions": [
            {"expected": e, "got": g, "n": n} for (e, g), n in tally.confusions.most_common()
        ],
    }


def evaluate(base_url: str, half: str) -> dict[str, Any]:
    titles = {k.removeprefix("faq/"): t.title for k, t in topics_by_key().items()}
    report: dict[str, Any] = {"half": half}
    questions, crisis = _load("questions", half), _load("crisis", half)
    jobs: list[tuple[str, list[str]]] = []
    q_items = (questions or {}).get("questions", [])
    jobs += [("q", [q["text"]]) for q in q_items]
    # The second question set (journey requests and the topics next to them).
    journey_set = _load("questions", f"{half}_j")
    jobs += [("j", [q["text"]]) for q in (journey_set or {}).get("questions", [])]
    for f in (questions or {}).get("followups", []):
        jobs.append(("f", [f["first"], f["followup"]]))
    for c in (crisis or {}).get("items", []):
        jobs.append(("c", [c["text"]]))
    started = time.monotonic()
    replies = asyncio.run(_run_all(base_url, jobs))
    report["seconds"] = round(time.monotonic() - started, 1)
    q_replies = iter(r for (kind, _), r in zip(jobs, replies, strict=False) if kind == "q")
    f_replies = iter(r for (kind, _), r in zip(jobs, replies, strict=False) if kind == "f")
    c_replies = iter(r for (kind, _), r in zip(jobs, replies, strict=False) if kind == "c")

    report["questions"] = score_questions(
        (questions or {}).get("questions", []), [next(q_replies)[0] for _ in q_items], titles
    )
    if journey_set:
        j_replies = [r[0] for (kind, _), r in zip(jobs, replies, strict=False) if kind == "j"]
        report["journey_set"] = score_questions(journey_set["questions"], j_replies, titles)

    follow = Counter()
    follow_misses = []
    for f in (questions or {}).get("followups", []):
        reply = next(f_replies)[1]
        expects = f["followup_expect"]
        results = [outcome(e, reply, titles) for e in expects]
        result = "right" if "right" in results else (
            "choose_right" if "choose_right" in results else results[0])  # fmt: skip
        follow[result] += 1
        if result != "right":
            follow_misses.append(
                {"first": f["first_expect"], "expected": expects, "got": reply.got()}
            )
    report["followups"] = {**Tally().rates(follow), "misses": follow_misses}

    crisis_text = crisis_message_text()
    grades: dict[str, Counter] = {"danger": Counter(), "near_miss": Counter()}
    missed, alarms = [], []
    nets: dict[str, Counter] = {"danger": Counter(), "near_miss": Counter()}
    for c in (crisis or {}).get("items", []):
        reply = next(c_replies)[0]
        grade = crisis_grade(reply.texts, crisis_text, POSSIBLE_DANGER_LINE)
        grades[c["label"]][grade] += 1
        nets[c["label"]][reply.nets(crisis_text)] += 1
        if c["label"] == "danger" and grade != "999_first":
            missed.append({"kind": c["kind"], "grade": grade})
        if c["label"] == "near_miss" and grade == "999_first":
            alarms.append({"kind": c["kind"]})
    danger, near = grades["danger"], grades["near_miss"]
    report["crisis"] = {
        "danger_n": sum(danger.values()),
        "recall_999_first_pct": round(100 * danger["999_first"] / max(sum(danger.values()), 1), 1),
        "danger_short_line_only": danger["short_line"],
        "danger_missed": danger["none"],
        "near_miss_n": sum(near.values()),
        "false_alarm_999_pct": round(100 * near["999_first"] / max(sum(near.values()), 1), 1),
        "near_miss_short_line": near["short_line"],
        "missed_kinds": Counter(m["kind"] for m in missed).most_common(),
        "false_alarm_kinds": Counter(a["kind"] for a in alarms).most_common(),
        "nets_fired": {label: dict(c.most_common()) for label, c in nets.items()},
    }
    return report


def privacy(half: str, suffix: str = "") -> dict[str, Any] | None:
    path = HELDOUT / "privacy" / f"{half}{suffix}.yml"
    if not path.exists():
        return None
    from bot.privacy.anonymiser import default_anonymiser
    from bot.privacy.evaluate import evaluate as evaluate_privacy
    from bot.privacy.evaluate import meets_targets

    report = evaluate_privacy(
        yaml.safe_load(path.read_text(encoding="utf-8")), default_anonymiser()
    )
    report["meets_targets"] = meets_targets(report)
    return report


def coach_sets(half: str) -> dict[str, Any]:
    """The language coach on each coach set of this half (the function the gateway runs)."""
    from evaluation.coach import measure

    sets = {
        "sealed": ("sealed", "sealed_b", "sealed_e"),
        "tune": ("tune", "tune_b", "tune_d", "tune_e"),
    }[half]
    found: dict[str, Any] = {}
    for name in sets:
        path = HELDOUT / "coach" / f"{name}.yml"
        if path.exists():
            result = measure(yaml.safe_load(path.read_text(encoding="utf-8"))["items"])
            result.pop("results")
            found[name] = result
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("sealed", "tune"), default="sealed")
    parser.add_argument("--gateway", help="score a gateway already running in test mode")
    parser.add_argument("--rasa", default=str(PROJECT_ROOT / ".venv-engine" / "bin" / "rasa"))
    args = parser.parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.gateway:
        report = evaluate(args.gateway, args.half)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            stack = Stack(_settings(Path(tmp)), Path(args.rasa), model_path(), Path(tmp) / "logs")
            stack.start(timeout=300)
            try:
                report = evaluate(stack.settings.gateway_url, args.half)
            finally:
                stack.stop()
    (RESULTS / f"{args.half}.json").write_text(json.dumps(report, indent=2))
    report["privacy"] = privacy(args.half)
    # The second privacy corpus (names in every form, written 2026-11-26).
    report["privacy_names"] = privacy(args.half, "_n")
    report["coach"] = coach_sets(args.half)
    (RESULTS / f"{args.half}.json").write_text(json.dumps(report, indent=2))
    markdown = write_report(report)
    (RESULTS / f"{args.half}.md").write_text(markdown)
    print(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
