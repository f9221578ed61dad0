"""`GET /`: the chat page, rendered by Jinja2 with autoescaping (its one setting is the
quick-exit address). Its script and styles are static files under `/static`."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from bot.gateway.deps import ServicesDep
from bot.templates import template

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

router = APIRouter()


@router.get("/", include_in_schema=False, response_class=HTMLResponse)
async def chat_page(services: ServicesDep) -> HTMLResponse:
    page = template(TEMPLATES, "index.html").render(quick_exit_url=services.settings.quick_exit_url)
    return HTMLResponse(page, headers={"Cache-Control": "no-store"})
