"""One self-contained HTML page (no external assets); Jinja2 autoescapes all article text."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from ..models import Briefing
from .json import to_dict


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("newsbrief", "render/templates"),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(briefing: Briefing, *, explain: bool = False) -> str:
    data = to_dict(briefing, explain=explain)
    number = {a["id"]: n for n, a in enumerate(data["articles"], start=1)}
    return _environment().get_template("briefing.html").render(
        briefing=data, number=number, explain=explain
    )
