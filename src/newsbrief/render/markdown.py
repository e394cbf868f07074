"""Markdown: the default when writing to a terminal; citations as [n] footnotes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..models import Briefing, Statement


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def _ids(briefing: Briefing, outlets: Iterable[str]) -> list[str]:
    """Article ids of the given outlets, so roles cite sources by their numbers."""
    wanted = set(outlets)
    return [a.id for a in briefing.articles if a.outlet in wanted]


def _by_speaker(statements: Sequence[Statement]) -> list[tuple[str | None, list[Statement]]]:
    """Statements grouped by speaker, most quoted first; unattributed last."""
    groups: dict[str | None, list[Statement]] = {}
    for statement in statements:
        groups.setdefault(statement.speaker, []).append(statement)
    return sorted(groups.items(), key=lambda g: (g[0] is None, -len(g[1]), g[0] or ""))


def _short(text: str, words: int = 16) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def render_markdown(briefing: Briefing, *, explain: bool = False) -> str:
    number = {a.id: n for n, a in enumerate(briefing.articles, start=1)}
    outlet = {a.id: a.outlet for a in briefing.articles}
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
    lines += ["", "## Actors", "", "| Actor | Type | Mentions | Quotes | Roles (sources) | Also called |",
              "|---|---|---|---|---|---|"]
    for actor in briefing.actors:
        roles = "; ".join(
            f"{r.text} ({', '.join(str(number[a]) for a in _ids(briefing, r.outlets))})" for r in actor.roles
        )
        lines.append(
            f"| {_cell(actor.name)} | {actor.type} | {actor.mentions} | {actor.quotes} "
            f"| {_cell(roles)} | {_cell(', '.join(actor.aliases))} |"
        )
    conflicts = [c for c in briefing.conflicts if not c.agree]
    if conflicts:
        lines += ["", "## Where the outlets disagree", ""]
        for conflict in conflicts:
            lines.append(f"- **{_cell(conflict.subject)}** ({conflict.kind})")
            for side in conflict.sides:
                who = f", said by {side.speaker}" if side.speaker else ""
                lines.append(f"    - {_cell(side.value)}: {outlet[side.article]}{who} "
                             f"[{number[side.article]}:{side.sentence}]")
    agreements = [c for c in briefing.conflicts if c.agree]
    if agreements:
        lines += ["", "Not conflicts: " + "; ".join(f"{c.subject}: {c.note}" for c in agreements)]
    if briefing.facts:
        outlets = sorted({a.outlet for a in briefing.articles if not a.near_duplicate_of})
        lines += ["", "## Coverage", "", "| Fact | " + " | ".join(_cell(o) for o in outlets) + " |",
                  "|---|" + "---|" * len(outlets)]
        for fact in briefing.facts:
            marks = " | ".join("●" if o in fact.outlets else "" for o in outlets)
            lines.append(f"| {_cell(_short(fact.text))} | {marks} |")
    if briefing.quotes:
        lines += ["", "## Who said what", ""]
        for speaker, quotes in _by_speaker(briefing.quotes):
            lines.append(f"- **{_cell(speaker or 'Unattributed')}**")
            for quote in quotes:
                verb = f" ({quote.verb})" if quote.verb else ""
                ref = f"[{number[quote.article_id]}:{quote.sentence}]"
                lines.append(f"    - “{_cell(quote.text)}”{verb} {ref}")
    if briefing.claims:
        lines += ["", "## Claims", ""]
        for claim in briefing.claims:
            lines.append(f"- **{_cell(claim.speaker or 'Unattributed')}** {claim.verb}: {_cell(claim.text)} "
                         f"[{number[claim.article_id]}:{claim.sentence}]")
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
