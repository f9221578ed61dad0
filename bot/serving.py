"""What production mode (`make serve`) refuses to start without, and why."""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings


def _area_problem(area_id: str, areas_dir: Path) -> str | None:
    """Production serves real users: never the fictional example area, never a broken file."""
    from bot.knowledge.areas import load_area
    from bot.knowledge.files import KnowledgeFileError

    try:
        local = load_area(area_id, areas_dir)
    except (KnowledgeFileError, OSError) as exc:
        return f"LOCAL_AREA={area_id} cannot be used: {exc}. Check it with `make check-area`."
    if local.example:
        return (
            f"LOCAL_AREA={area_id} is the fictional example area: its services are invented. "
            "Set LOCAL_AREA to your area's file (docs/adding-an-area.md, then "
            "`make check-area AREA=<id>`) before serving real users."
        )
    return None


def serve_problem(settings: Settings, model: Path) -> str | None:
    """Why production mode cannot start, or None. It never trains: the model is built
    beforehand (`make model`, in CI or on a build host) and named here."""
    if settings.app_env != "production":
        return (
            "make serve runs production only: set APP_ENV=production and every secret "
            "(see docs/privacy-notice.md and .env.example), or use `make run` to try it out."
        )
    problem = _area_problem(settings.local_area, settings.project_root / "data" / "areas")
    if problem:
        return problem
    if not model.is_file():
        return (
            f"No built model at {model}. Build one with `make model` (it prints the artefact's "
            "name) or copy the artefact CI built, then run `make serve MODEL=<path>`."
        )
    return None
