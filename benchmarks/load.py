"""Load benchmark: simulated practitioners against the gateway and against bare Rasa.

    python -m benchmarks.load [--levels 1,10,20,50] [--think 2,0] [--rounds 1]

Starts its own stack (engine, action server, gateway) on free ports with the
trained model, then, at each concurrency level, runs N conversations at once
through (a) the gateway's /api/chat and (b) the engine's own channel called
directly (/webhooks/gateway/webhook with the shared secret: Rasa's REST webhook
plus a turn summary; the plain REST channel is off) on the same model, one after
the other in the same run.
Each conversation is a realistic multi-turn script: guidance questions, the
language coach, a full safety-planning walkthrough and a commissioning
checklist. Each level runs twice: with a think time between a reply and the
next message (practitioners read and type; 2 s on average by default) and
with none (a saturation test). Writes benchmarks/results/latest.json and latest.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from bot.config import PROJECT_ROOT, Settings
from bot.privacy.anonymiser import default_anonymiser
from bot.supervisor import Stack
from bot.training import model_path

RESULTS = PROJECT_ROOT / "benchmarks" / "results"
RASA_BIN = PROJECT_ROOT / ".venv-engine" / "bin" / "rasa"

# One practitioner's conversation. Button payloads are sent as the page sends them.
SCRIPT = [
    "hello",
    "/role_practitioner",
    "what counts as coercive control?",
    "the kids didn't see anything, so they're fine?",
    "how many yeses on the DASH is high risk?",
    "check my wording: mum failed to protect the children and allowed him back",
    "/start_safety_planning",
    "controlling money, isolating her from family",
    "abused her while she held the baby",
    "kept the children's routines going",
    "fear and anxiety, school attendance",
    "he drinks heavily",
    "15",
    "2",
    '/walkthrough_answer{"answer": "no"}',
    '/walkthrough_answer{"answer": "yes"}',
    "/start_commissioning",
    '/walkthrough_answer{"answer": "refuse_collection"}',
    '/walkthrough_answer{"answer": "universal"}',
    '/walkthrough_answer{"answer": "add"}',
    '/walkthrough_answer{"answer": "in_contract"}',
    "who do I contact about a high risk case?",
    "thanks",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


async def conversation(
    client: httpx.AsyncClient,
    url: str,
    latencies: list[float],
    errors: list[str],
    think: float,
    rng: random.Random,
    headers: dict[str, str] | None = None,
) -> None:
    sender = f"bench-{uuid.uuid4().hex[:12]}"
    # Start at a random point of the first think time, as real users do.
    await asyncio.sleep(rng.uniform(0, think))
    for message in SCRIPT:
        started = time.perf_counter()
        try:
            response = await client.post(
                url, json={"sender": sender, "message": message}, headers=headers
            )
            body = response.json()
            ok = response.status_code == 200 and isinstance(
                body.get("messages") if isinstance(body, dict) else body, list
            )
            if not ok:
                errors.append(f"{response.status_code}")
        except httpx.HTTPError as exc:
            errors.append(type(exc).__name__)
        latencies.append((time.perf_counter() - started) * 1000)
        if think:
            # Reading the reply and typing the next message: between half and 1.5x `think`.
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))


async def level(
    url: str, concurrency: int, rounds: int, think: float, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    rng = random.Random(concurrency)
    limits = httpx.Limits(max_connections=concurrency + 5)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        started = time.perf_counter()
        for _ in range(rounds):
            await asyncio.gather(
                *(
                    conversation(client, url, latencies, errors, think, rng, headers)
                    for _ in range(concurrency)
                )
            )
        elapsed = time.perf_counter() - started
    return {
        "concurrency": concurrency,
        "think_s": think,
        "turns": len(latencies),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "throughput_turns_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "mean_ms": round(statistics.fmean(latencies), 1),
    }


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process and its children (rasa-sdk and uvicorn fork workers)."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        status = Path(f"/proc/{p}/status")
        if not status.exists():
            continue
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return round(total / 1024, 1) if total else None


def anonymiser_ms() -> float:
    anonymiser = default_anonymiser()
    samples = [m for m in SCRIPT if not m.startswith("/")] * 5
    anonymiser.anonymise("warm up with Sarah Jones on 07700 900123")
    started = time.perf_counter()
    for message in samples:
        anonymiser.anonymise(message)
    return round((time.perf_counter() - started) * 1000 / len(samples), 2)


def training_seconds() -> dict[str, Any]:
    record = PROJECT_ROOT / "models" / "assistant.fingerprint.json"
    last = json.loads(record.read_text()).get("train_seconds") if record.exists() else None
    started = time.perf_counter()
    os.system(f"{PROJECT_ROOT / '.venv' / 'bin' / 'python'} -m bot.training > /dev/null")
    return {
        "last_training_s": last,
        "no_change_retrain_s": round(time.perf_counter() - started, 2),
    }


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"# Load benchmark ({result['when']}, {result['machine']})",
        "",
        "Think time is the pause between a reply and the user's next message (0: as fast",
        "as the server answers, a saturation test).",
        "",
        "| think s | concurrent | target | turns | errors | turns/s | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in result["levels"]:
        for target in ("gateway", "bare_rasa"):
            r = row[target]
            lines.append(
                f"| {row['think_s']} | {row['concurrency']} | {target.replace('_', ' ')} | "
                f"{r['turns']} | "
                f"{r['errors']} | {r['throughput_turns_per_s']} | {r['p50_ms']} | "
                f"{r['p95_ms']} | {r['p99_ms']} |"
            )
    lines += [
        "",
        "| think s | concurrent | gateway/bare p50 | gateway/bare p95 |",
        "|---|---|---|---|",
    ]
    for row in result["levels"]:
        lines.append(
            f"| {row['think_s']} | {row['concurrency']} | {row['ratio_p50']} | {row['ratio_p95']} |"
        )
    lines += [
        "",
        f"RSS (MB): {json.dumps(result['rss_mb'])}",
        f"Anonymiser: {result['anonymiser_ms_per_message']} ms per message.",
        f"Training: {json.dumps(result['training'])}",
    ]
    return "\n".join(lines) + "\n"


async def run(levels: list[int], rounds: int, thinks: list[float]) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    settings = Settings(
        app_env="test",
        gateway_port=free_port(),
        rasa_port=free_port(),
        actions_port=free_port(),
        rasa_token=uuid.uuid4().hex,
        engine_channel_secret=uuid.uuid4().hex,
        actions_token=uuid.uuid4().hex,
        pseudonym_secret=uuid.uuid4().hex,
        database_url=f"sqlite:///{workdir / 'bench.db'}",
        dashboard_password=uuid.uuid4().hex,
        rate_limit_per_sender=10_000,
        rate_limit_per_ip=1_000_000,
    )
    stack = Stack(settings, RASA_BIN, model_path(), workdir / "logs")
    stack.start(timeout=300)
    try:
        gateway = f"{settings.gateway_url}/api/chat"
        bare = f"{settings.rasa_url}/webhooks/gateway/webhook"
        secret = {"X-Engine-Secret": settings.engine_channel_secret}
        await level(gateway, 2, 1, 0)  # warm up both paths
        await level(bare, 2, 1, 0, secret)
        rows = []
        for think in thinks:
            for concurrency in levels:
                row: dict[str, Any] = {"concurrency": concurrency, "think_s": think}
                row["gateway"] = await level(gateway, concurrency, rounds, think)
                row["bare_rasa"] = await level(bare, concurrency, rounds, think, secret)
                for q in ("p50", "p95"):
                    ratio = row["gateway"][f"{q}_ms"] / row["bare_rasa"][f"{q}_ms"]
                    row[f"ratio_{q}"] = round(ratio, 2)
                rows.append(row)
                print(json.dumps(row), flush=True)
        rss = {name: rss_mb(proc.pid) for name, proc in stack.processes.items()}
    finally:
        stack.stop()
    return {
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{os.cpu_count()} cores, {platform.python_version()}",
        "script_turns": len(SCRIPT),
        "levels": rows,
        "rss_mb": rss,
        "anonymiser_ms_per_message": anonymiser_ms(),
        "training": training_seconds(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="1,10,20,50")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument(
        "--think", default="2,0", help="seconds between a reply and the next message, per run"
    )
    args = parser.parse_args(argv)
    levels = [int(x) for x in args.levels.split(",")]
    thinks = [float(x) for x in args.think.split(",")]
    result = asyncio.run(run(levels, args.rounds, thinks))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2))
    (RESULTS / "latest.md").write_text(markdown(result))
    print(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
