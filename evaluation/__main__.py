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
from pathlib import Path
from typing import Any

import httpx
import yaml

from bot.config import PROJECT_ROOT, Settings
from bot.knowledge.topics import topics_by_key
from bot.safety.messages import crisis_message_text
from bot.supervisor import Stack
from bot.training import model_path
from evaluation.report import write_report
from evaluation.score import Reply
from evaluation.sets import (
    CRISIS_SETS,
    FOLLOWUP_KEYS,
    PRIVACY_SETS,
    QUESTION_SETS,
    score_crisis,
    score_followups,
    score_questions,
)

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


async def _run_all(base_url: str, jobs: list[list[str]]) -> list[list[Reply]]:
    """Each job is one conversation: its messages in order."""
    semaphore = asyncio.Semaphore(CONCURRENCY)
    async with httpx.AsyncClient(base_url=base_url, timeout=120) as client:

        async def conversation(texts: list[str]) -> list[Reply]:
            async with semaphore:
                sender = "eval-" + secrets.token_hex(8)
                return [await _send(client, sender, t) for t in texts]

        return await asyncio.gather(*(conversation(texts) for texts in jobs))


def _load(name: str, half: str) -> dict[str, Any] | None:
    path = HELDOUT / name / f"{half}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None


def evaluate(base_url: str, half: str) -> dict[str, Any]:
    titles = {k.removeprefix("faq/"): t.title for k, t in topics_by_key().items()}
    report: dict[str, Any] = {"half": half}
    question_sets = {
        key: data
        for key, suffix in QUESTION_SETS.items()
        if (data := _load("questions", half + suffix))
    }
    crisis_sets = {
        key: data for key, suffix in CRISIS_SETS.items() if (data := _load("crisis", half + suffix))
    }
    # Each job is one conversation, tagged with where its score goes.
    jobs: list[tuple[tuple[str, str], list[str]]] = []
    for key, data in question_sets.items():
        jobs += [((key, "q"), [q["text"]]) for q in data.get("questions", [])]
        jobs += [((key, "f"), [f["first"], f["followup"]]) for f in data.get("followups", [])]
    for key, data in crisis_sets.items():
        jobs += [((key, "c"), [c["text"]]) for c in data.get("items", [])]
    started = time.monotonic()
    replies = asyncio.run(_run_all(base_url, [texts for _, texts in jobs]))
    report["seconds"] = round(time.monotonic() - started, 1)

    def replies_for(tag: tuple[str, str], turn: int) -> list[Reply]:
        return [r[turn] for (t, _), r in zip(jobs, replies, strict=True) if t == tag]

    for key, data in question_sets.items():
        if data.get("questions"):
            report[key] = score_questions(data["questions"], replies_for((key, "q"), 0), titles)
        if data.get("followups"):
            f_replies = replies_for((key, "f"), 1)
            report[FOLLOWUP_KEYS[key]] = score_followups(data["followups"], f_replies, titles)
    crisis_text = crisis_message_text()
    for key, data in crisis_sets.items():
        report[key] = score_crisis(data["items"], replies_for((key, "c"), 0), crisis_text)
    if half == "tune":
        # What tuning may study, item by item; never written for the sealed half.
        report["items"] = [
            {"set": tag[0], "texts": texts, "got": [r.got() for r in reply],
             "first_text": [r.texts[0][:60] if r.texts else "" for r in reply]}
            for (tag, texts), reply in zip(jobs, replies, strict=True)
        ]  # fmt: skip
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
        "sealed": (
            "sealed",
            "sealed_b",
            "sealed_e",
            "sealed_f",
            "sealed_g",
            "sealed_h",
            "sealed_i",
        ),
        "tune": ("tune", "tune_b", "tune_d", "tune_e", "tune_f", "tune_g", "tune_h", "tune_i"),
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
    items = report.pop("items", None)
    if items is not None:
        (RESULTS / "tune_items.json").write_text(json.dumps(items, indent=1))
    (RESULTS / f"{args.half}.json").write_text(json.dumps(report, indent=2))
    for key, suffix in PRIVACY_SETS.items():
        report[key] = privacy(args.half, suffix)
    report["coach"] = coach_sets(args.half)
    (RESULTS / f"{args.half}.json").write_text(json.dumps(report, indent=2))
    markdown = write_report(report)
    (RESULTS / f"{args.half}.md").write_text(markdown)
    print(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
