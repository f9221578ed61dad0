"""Prometheus metrics of the gateway: counts and timings only, never text or ids.

Labels are small fixed sets (a journey name, a crisis net), so a metric can never
carry what someone typed. Each app has its own registry (tests build many apps).
Served at `/metrics` behind the dashboard's credentials (`routes/health.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from bot.safety.grading import crisis_nets
from bot.vocabulary import JOURNEYS

if TYPE_CHECKING:
    from bot.conversation.turns import TurnResult
    from bot.storage.log_writer import LogWriter

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
BUCKETS = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 2.0, 5.0, 10.0)


def journey_label(journey: str | None) -> str:
    if journey is None:
        return "question"
    # Journeys as the turn log names them; anything else is counted as "other".
    return journey if journey in JOURNEYS else "other"


class _LogWriterCollector(Collector):
    def __init__(self, log: LogWriter) -> None:
        self._log = log

    def collect(self) -> Iterator[Metric]:
        yield GaugeMetricFamily(
            "assistant_log_queue_depth", "Log entries waiting to be written.", self._log.pending
        )
        yield CounterMetricFamily(
            "assistant_log_write_failures",
            "Batches the database refused (each is retried).",
            self._log.failures,
        )
        yield CounterMetricFamily(
            "assistant_log_dropped",
            "Log entries dropped because the queue was full.",
            self._log.dropped,
        )


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.turns = Counter(
            "assistant_turns", "Chat turns answered.", ["journey"], registry=self.registry
        )
        self.latency = Histogram(
            "assistant_turn_seconds",
            "Time to answer a chat turn, through the gateway.",
            ["journey"],
            buckets=BUCKETS,
            registry=self.registry,
        )
        self.crisis = Counter(
            "assistant_crisis_triggers",
            "Turns on which a crisis net fired, by net.",
            ["net"],
            registry=self.registry,
        )
        self.fallbacks = Counter(
            "assistant_fallbacks", "Turns the assistant could not answer.", registry=self.registry
        )
        self.engine_errors = Counter(
            "assistant_engine_errors",
            "Turns the engine did not answer (down, or a server error).",
            registry=self.registry,
        )

    def watch(self, log: LogWriter) -> None:
        self.registry.register(_LogWriterCollector(log))

    def record(self, result: TurnResult, seconds: float) -> None:
        if result.unavailable:
            self.engine_errors.inc()
        entry = result.entry
        journey = journey_label(getattr(entry, "journey", None))
        self.turns.labels(journey).inc()
        self.latency.labels(journey).observe(seconds)
        if getattr(entry, "fallback", False):
            self.fallbacks.inc()
        for net in crisis_nets(result.matched, getattr(entry, "intent", None) == "crisis"):
            self.crisis.labels(net).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
