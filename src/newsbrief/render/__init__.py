"""Render a Briefing as Markdown, JSON or one self-contained HTML page."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import unknown
from ..models import Briefing
from .html import render_html
from .json import render_json, to_dict
from .markdown import render_markdown

Renderer = Callable[..., str]

RENDERERS: dict[str, Renderer] = {
    "md": render_markdown,
    "json": render_json,
    "html": render_html,
}

__all__ = ["RENDERERS", "render", "to_dict"]


def render(briefing: Briefing, format: str = "md", *, explain: bool = False) -> str:
    try:
        renderer = RENDERERS[format]
    except KeyError:
        raise unknown("format", format, list(RENDERERS)) from None
    return renderer(briefing, explain=explain)
