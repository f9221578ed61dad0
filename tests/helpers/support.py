"""Settings and shared fixtures for tests, used by the unit and end-to-end suites."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import PROJECT_ROOT, Settings
from bot.engine.rasa_client import TurnSummary

DASHBOARD_PASSWORD = "test-dashboard-password"
POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "app_env": "test",
        "project_root": PROJECT_ROOT,
        "rasa_token": "test-token-0123456789",
        "engine_channel_secret": "test-channel-secret-0123456789",
        "actions_token": "test-actions-token-0123456789",
        "pseudonym_secret": "test-secret-0123456789",
        "database_url": f"sqlite:///{tmp_path / 'test.db'}",
        "dashboard_password": DASHBOARD_PASSWORD,
        "log_spill_dir": tmp_path / "spool",
    }
    values.update(overrides)
    return Settings(**values)


def domain_intents() -> list[str]:
    """Every intent of the domain, and Rasa's own that also run when typed as `/intent`."""
    intents: set[str] = set()
    for path in (PROJECT_ROOT / "domain").glob("*.yml"):
        for intent in yaml.safe_load(path.read_text()).get("intents", []):
            intents |= set(intent) if isinstance(intent, dict) else {intent}
    return sorted(intents | {"restart", "session_start", "back", "out_of_scope", "nlu_fallback"})


def empty_redis(url: str) -> str:
    """`url`'s Redis database, emptied; skips the test when no server answers, except
    under CI, where that is a failure (`make redis` starts one)."""
    import pytest
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        client.flushdb()
    except redis.RedisError as exc:
        if os.environ.get("CI") or os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(f"Redis is required on 127.0.0.1:6379 (make redis): {exc}")
        pytest.skip("no Redis on 127.0.0.1:6379")
    finally:
        client.close()
    return url


def assert_removed(anonymiser: Any, text: str, values: list[str]) -> None:
    """Every identifier in `values` is gone from the anonymised `text` (bot.privacy.evaluate's
    reading: each of its tokens removed, label words such as "ref" allowed to stay)."""
    from bot.privacy.evaluate import removed

    out = anonymiser.anonymise(text).text
    for value in values:
        assert removed(text, value, out)[0], (value, out)


def answered(topic: str) -> TurnSummary:
    """A turn as the engine reports a knowledge answer: the action, then the topic's response."""
    return TurnSummary(
        intent="faq",
        actions=("action_answer_knowledge",),
        responses=("utter_faq/" + topic.removeprefix("faq/"),),
    )


ENGINE_PYTHON = PROJECT_ROOT / ".venv-engine" / "bin" / "python"


def in_engine(code: str) -> subprocess.CompletedProcess:
    """Runs `code` with the engine's Python (Rasa 3.6, Python 3.10) and checks that it
    succeeded."""
    if not ENGINE_PYTHON.exists():
        pytest.fail("the engine environment is missing: run `make setup`")
    done = subprocess.run(
        [str(ENGINE_PYTHON), "-c", code],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


# The topic keys the decision tests know (tests/unit/test_knowledge_*.py).
MATCHER_TOPICS = frozenset(
    {"faq/marac_what", "faq/marac_thresholds", "faq/pregnancy_and_babies", "faq/separation_risk"}
)


def matcher_parse(
    selector: str | None,
    confidence: float,
    semantic: list[tuple[str, float]],
    text: str = "a question",
    context: list[tuple[str, float]] | None = None,
    previous: str | None = None,
) -> dict[str, Any]:
    """A parse result as the engine sends it: the ResponseSelector's reading and the
    semantic matcher's (and its reading in the previous topic's context)."""
    result: dict[str, Any] = {
        "text": text,
        "response_selector": {
            "default": {
                "response": {"intent_response_key": selector, "confidence": confidence},
                "ranking": [{"intent_response_key": selector, "confidence": confidence}],
            }
        },
        "semantic": {"ranking": [{"name": n, "probability": s} for n, s in semantic]},
    }
    if context is not None:
        result["semantic"]["context_ranking"] = [{"name": n, "probability": s} for n, s in context]
        result["semantic"]["previous_topic"] = previous
    return result


def rules_coach(text: str) -> Any:
    """The language coach's rules alone, without the framing model: the rule tests check
    phrases, rewrites and exemptions; the model has its own (test_language_coach_framing)."""
    from bot.language.coach import coach

    return coach(text, model=False)
