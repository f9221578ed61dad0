"""Production mode: it never trains, needs APP_ENV=production and a built model."""

from __future__ import annotations

from pathlib import Path

import yaml
from helpers.support import make_settings

from bot.supervisor import main, serve_problem
from bot.training import artefact


def _project_with_a_real_area(tmp_path: Path) -> Path:
    """A project folder whose area file is not the example: as a council would write it."""
    from bot.knowledge.areas import AREAS_DIR

    example = yaml.safe_load((AREAS_DIR / "example.yml").read_text(encoding="utf-8"))
    areas = tmp_path / "project" / "data" / "areas"
    areas.mkdir(parents=True)
    (areas / "example.yml").write_text(yaml.safe_dump(example), encoding="utf-8")
    real = {**example, "example": False}
    (areas / "borough.yml").write_text(yaml.safe_dump(real), encoding="utf-8")
    return tmp_path / "project"


def test_serve_needs_production_a_real_area_and_a_built_model(tmp_path: Path) -> None:
    model = tmp_path / "assistant.tar.gz"
    development = make_settings(tmp_path)
    assert "APP_ENV=production" in (serve_problem(development, model) or "")
    root = _project_with_a_real_area(tmp_path)

    def production_in(area: str):  # type: ignore[no-untyped-def]
        return make_settings(tmp_path, app_env="production", local_area=area, project_root=root)

    assert "fictional example area" in (serve_problem(production_in("example"), model) or "")
    assert "cannot be used" in (serve_problem(production_in("nowhere"), model) or "")
    production = production_in("borough")
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
