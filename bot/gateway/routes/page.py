"""`GET /`: the chat page, rendered by Jinja2 with autoescaping (its one setting is the
quick-exit address). Its script and styles are static files under `/static`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape

from bot.gateway.deps import ServicesDep

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

router = APIRouter()


@cache
def _template(name: str) -> Template:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True),
        auto_reload=False,
    )
    return environment.get_template(name)


@router.get("/", include_in_schema=False, response_class=HTMLResponse)
async def chat_page(services: ServicesDep) -> HTMLResponse:
    page = _template("index.html").render(quick_exit_url=services.settings.quick_exit_url)
    return HTMLResponse(page, headers={"Cache-Control": "no-store"})
