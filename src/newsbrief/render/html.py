"""One self-contained HTML page (no external assets); Jinja2 autoescapes all article text."""

from __future__ import annotations

from typing import Any

from jinja2 import BaseLoader, Environment, PackageLoader, select_autoescape

from ..models import Briefing
from .json import to_dict


def template_environment(loader: BaseLoader | None = None) -> Environment:
    """Autoescaping Jinja2 environment over ``loader`` (default: the briefing templates)."""
    return Environment(
        loader=loader or PackageLoader("newsbrief", "render/templates"),
        autoescape=select_autoescape(["html", "css"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def briefing_context(data: dict[str, Any]) -> dict[str, Any]:
    """What ``_briefing.html`` needs besides the JSON contract: source numbers and outlets."""
    return {
        "briefing": data,
        "number": {a["id"]: n for n, a in enumerate(data["articles"], start=1)},
        "outlet": {a["id"]: a["outlet"] for a in data["articles"]},
    }


def render_html(briefing: Briefing, *, explain: bool = False) -> str:
    data = to_dict(briefing, explain=explain)
    return template_environment().get_template("briefing.html").render(
        **briefing_context(data), explain=explain
    )
