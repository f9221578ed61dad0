"""The dashboard and its exports, on SQLite and on a real PostgreSQL server.

Checks access control, that every count below 5 is "<5" in every view, and that
no total lets a suppressed count be worked out.
"""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from helpers.support import DASHBOARD_PASSWORD, make_settings

from bot.config import ConfigError, load_settings
from bot.gateway.app import create_app
from bot.storage.db import Database, upgrade
from bot.storage.interactions import FeedbackEntry, InteractionStore, TurnEntry

MONDAY = datetime(2026, 11, 16, 10, tzinfo=UTC)
AUTH = {
    "Authorization": "Basic "
    + base64.b64encode(f"dashboard:{DASHBOARD_PASSWORD}".encode()).decode()
}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'dash.db'}"
    return request.getfixturevalue("postgres_url")


def _seed(url: str) -> None:
    """Week of 16 Nov: 7 practitioner and 3 DSL conversations; week of 23 Nov: 6 and 5."""
    upgrade(url)
    database = Database(url)
    entries: list = []
    plan = [(MONDAY, "practitioner", 7), (MONDAY, "school_dsl", 3)]
    plan += [(MONDAY + timedelta(days=7), "practitioner", 6)]
    plan += [(MONDAY + timedelta(days=7), "school_dsl", 5)]
    n = 0
    for moment, role, count in plan:
        for _ in range(count):
            n += 1
            cid = f"{role}-{n}"
            topic = "faq/dash_checklist" if role == "practitioner" else "faq/operation_encompass"
            entries.append(TurnEntry(cid, moment, 80, role=role, intent="faq", topic=topic))
            entries.append(
                TurnEntry(
                    cid,
                    moment,
                    90,
                    role=role,
                    intent="nlu_fallback",
                    fallback=True,
                    text="what about <PERSON>'s nan",
                )
            )
            entries.append(FeedbackEntry(cid, moment, topic, helpful=n % 4 != 0))
    database_entries = InteractionStore(database)
    database_entries.write(entries)
    database.dispose()


@pytest.fixture
def client(database_url: str, tmp_path: Path) -> Iterator[TestClient]:
    _seed(database_url)
    # the seeded questions' text survives the start-up purge only with LOG_TEXT on
    settings = make_settings(
        tmp_path, database_url=database_url, log_text=True, log_text_retention_days=365
    )
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={}))
    with TestClient(create_app(settings, transport=transport)) as test_client:
        yield test_client
    database = Database(database_url)
    with database.engine.begin() as connection:
        for table in ("turns", "feedback", "journey_events", "conversations"):
            connection.exec_driver_sql(f"DELETE FROM {table}")
    database.dispose()


@pytest.mark.parametrize("path", ["/dashboard", "/api/stats/conversations"])
def test_needs_credentials(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Basic")
    wrong = base64.b64encode(b"dashboard:not-the-password").decode()
    assert client.get(path, headers={"Authorization": f"Basic {wrong}"}).status_code == 401
    assert client.get(path, headers={"Authorization": "Basic !!!"}).status_code == 401
    assert client.get(path, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get(path, headers=AUTH).status_code == 200
    bearer = {"Authorization": f"Bearer {DASHBOARD_PASSWORD}"}
    assert client.get(path, headers=bearer).status_code == 200


def test_the_chat_stays_open(client: TestClient) -> None:
    assert client.get("/").status_code == 200


def test_weekly_counts_suppress_small_numbers_and_withhold_revealing_totals(
    client: TestClient,
) -> None:
    body = client.get("/api/stats/conversations", headers=AUTH).json()
    assert body["columns"][:3] == ["Week beginning", "Practitioner", "School DSL"]
    first, second = body["rows"]
    assert first[:3] == ["2026-11-16", 7, "<5"]
    assert first[-1] == "withheld"  # 7 + 3 = 10 would give the 3 away
    assert second[:3] == ["2026-11-23", 6, 5]
    assert body["totals"][1] == 13  # practitioner: no suppressed week
    assert body["totals"][2] == "withheld"
    assert body["totals"][-1] == "withheld"


def test_every_small_count_is_suppressed_in_every_report(client: TestClient) -> None:
    for name in ("conversations", "topics", "journeys", "fallbacks", "feedback", "risk"):
        for export in ("json", "csv"):
            response = client.get(f"/api/stats/{name}?format={export}", headers=AUTH)
            assert response.status_code == 200, name
            if export == "json":
                body = response.json()
                values = [v for row in body["rows"] for v in row[1:]]
                values += list(body["figures"].values()) + (body["totals"] or [])[1:]
            else:
                values = [v for row in csv.reader(io.StringIO(response.text)) for v in row[1:]]
            for value in values:
                if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
                    assert int(value) >= 5, (name, export, value)


def test_csv_export_matches_the_json(client: TestClient) -> None:
    response = client.get("/api/stats/conversations?format=csv", headers=AUTH)
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[1][:3] == ["2026-11-16", "7", "<5"]


def test_filters_by_role_and_date(client: TestClient) -> None:
    dsl = client.get("/api/stats/topics?role=school_dsl", headers=AUTH).json()
    assert [r[0] for r in dsl["rows"]] == ["faq/operation_encompass"]
    assert dsl["rows"][0][1] == 8
    week2 = client.get("/api/stats/topics?start=2026-11-23&end=2026-11-29", headers=AUTH).json()
    assert {r[0]: r[1] for r in week2["rows"]} == {
        "faq/dash_checklist": 6,
        "faq/operation_encompass": 5,
    }
    assert (
        client.get("/api/stats/topics?start=2026-11-30&end=2026-11-01", headers=AUTH).status_code
        == 422
    )
    assert client.get("/api/stats/topics?start=yesterday", headers=AUTH).status_code == 422
    assert client.get("/api/stats/topics?role=ceo", headers=AUTH).status_code == 422
    assert client.get("/api/stats/secrets", headers=AUTH).status_code == 422
    blank = client.get("/dashboard?start=&end=&role=", headers=AUTH)  # the form, unfilled
    assert blank.status_code == 200 and "<title>" in blank.text


def test_fallback_report_shows_anonymised_questions_only_on_the_page(client: TestClient) -> None:
    body = client.get("/api/stats/fallbacks", headers=AUTH).json()
    assert body["rows"] == []  # the questions' text is never exported
    assert body["figures"]["unanswered turns"] == 21
    assert body["figures"]["fallback rate"] == "50%"
    csv = client.get("/api/stats/fallbacks?format=csv", headers=AUTH).text
    assert "'s nan" not in csv and "<person>" not in csv
    page = client.get("/dashboard", headers=AUTH).text
    assert "what about &lt;person&gt;&#x27;s nan" in page or "what about &lt;person&gt;" in page


def test_helpfulness_by_topic(client: TestClient) -> None:
    rows = {r[0]: r[1:] for r in client.get("/api/stats/feedback", headers=AUTH).json()["rows"]}
    yes, no, rate = rows["faq/dash_checklist"]
    assert isinstance(yes, int) and (no == "<5" or no >= 5)
    assert rate == "withheld" if no == "<5" else rate.endswith("%")


def test_page_renders_tables_and_charts_with_suppression(client: TestClient) -> None:
    response = client.get("/dashboard?role=practitioner", headers=AUTH)
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<svg" in page and "<table>" in page and "Counts below 5" in page
    assert 'option value="practitioner" selected' in page
    assert "<script" not in page
    assert "form-action 'self'" in response.headers["content-security-policy"]
    every = client.get("/dashboard", headers=AUTH).text
    assert "&lt;5" in every


def test_production_will_not_start_without_a_dashboard_password(tmp_path: Path) -> None:
    environ = {
        "APP_ENV": "production",
        "PSEUDONYM_SECRET": "x" * 32,
        "ENGINE_CHANNEL_SECRET": "y" * 32,
        "ACTIONS_TOKEN": "z" * 32,
        "DATABASE_URL": "postgresql://db/assistant",
    }
    with pytest.raises(ConfigError, match="DASHBOARD_PASSWORD"):
        load_settings(environ, env_file=tmp_path / "none", project_root=tmp_path)
    settings = load_settings(
        {**environ, "DASHBOARD_PASSWORD": "a-long-enough-secret"},
        env_file=tmp_path / "none",
        project_root=tmp_path,
    )
    assert settings.dashboard_password == "a-long-enough-secret"
    assert settings.logs_text is False
