"""Markdown: the default when writing to a terminal; citations as [n] footnotes."""

from __future__ import annotations

from ..models import Briefing


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def render_markdown(briefing: Briefing, *, explain: bool = False) -> str:
    number = {a.id: n for n, a in enumerate(briefing.articles, start=1)}
    lines = ["# Briefing", "", "## Summary", ""]
    for sentence in briefing.summary:
        refs = ", ".join(f"{number[c.article]}:{c.sentence}" for c in sentence.citations)
        lines.append(f"- {sentence.text} [{refs}]")
    if briefing.timeline:
        lines += ["", "## Timeline", ""]
        for entry in briefing.timeline:
            refs = ", ".join(f"{number[c.article]}:{c.sentence}" for c in entry.citations)
            note = " *(background)*" if entry.background else ""
            lines.append(f"- **{entry.date}**{note} {entry.text} [{refs}]")
    lines += ["", "## Actors", "", "| Actor | Type | Mentions | Also called |", "|---|---|---|---|"]
    for actor in briefing.actors:
        lines.append(
            f"| {_cell(actor.name)} | {actor.type} | {actor.mentions} "
            f"| {_cell(', '.join(actor.aliases))} |"
        )
    lines += ["", "## Sources", ""]
    for article in briefing.articles:
        date = article.date.isoformat() if article.date else "date unknown"
        title = f" — {article.title}" if article.title else ""
        dup = f" (near-duplicate of {article.near_duplicate_of})" if article.near_duplicate_of else ""
        lines.append(f"{number[article.id]}. **{_cell(article.outlet)}**, {date}{_cell(title)} "
                     f"`{article.id}`{dup}")
        if explain:
            for removal in article.removed:
                lines.append(f"    - removed ({removal.rule}: {removal.reason}): {_cell(removal.text)}")
    if briefing.warnings:
        lines += ["", "## Warnings", ""]
        lines += [f"- {w.input} ({w.stage}): {w.reason}" for w in briefing.warnings]
    lines.append("")
    lines.append("Citations read `[source:sentence]`; sentence numbers count from 0.")
    return "\n".join(lines) + "\n"
