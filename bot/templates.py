"""HTML templates: Jinja2 with autoescaping, each folder's environment built once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, Template, select_autoescape


@cache
def _environment(folder: Path) -> Environment:
    return Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(default=True),
        auto_reload=False,
    )


def template(folder: Path, name: str) -> Template:
    """The template `name` in `folder`, every value it prints escaped."""
    return _environment(folder).get_template(name)
