"""Production mode: it never trains, needs APP_ENV=production and a built model."""

from __future__ import annotations

from pathlib import Path

from support import make_settings

from bot.supervisor import main, serve_problem
from bot.training import artefact


def test_serve_needs_production_and_a_built_model(tmp_path: Path) -> None:
    model = tmp_path / "assistant.tar.gz"
    development = make_settings(tmp_path)
    assert "APP_ENV=production" in (serve_problem(development, model) or "")
    production = make_settings(tmp_path, app_env="production")
    assert "make model" in (serve_problem(production, model) or "")
    model.write_bytes(b"a model")
    assert serve_problem(production, model) is None


def test_serve_refuses_to_start_and_says_why(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("APP_ENV", "development")
    assert main(["--serve", "--model", str(tmp_path / "missing.tar.gz")]) == 2
    assert "production only" in capsys.readouterr().err


def test_the_model_artefact_is_named_by_its_content(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "assistant.tar.gz").write_bytes(b"model bytes")
    first = artefact(tmp_path)
    assert first.name.startswith("assistant-") and first.read_bytes() == b"model bytes"
    assert artefact(tmp_path) == first  # the same content, the same name
    (tmp_path / "models" / "assistant.tar.gz").write_bytes(b"other bytes")
    assert artefact(tmp_path) != first
