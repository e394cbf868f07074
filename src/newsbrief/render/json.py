"""The JSON contract: the shape every later feature extends (see docs/json-contract.md)."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..models import Actor, Article, Briefing, Citation, Conflict, Fact, Statement

SCHEMA_VERSION = 1


def article_dict(article: Article, *, explain: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "date_source": article.date_source,
        "path": article.origin,
        "url": article.url,
        "words": len(article.text.split()),
        "near_duplicate_of": article.near_duplicate_of,
    }
    if explain:
        data["removed"] = [
            {"rule": r.rule, "reason": r.reason, "text": r.text} for r in article.removed
        ]
    return data


def _citations(citations: tuple[Citation, ...]) -> list[dict[str, Any]]:
    return [{"article": c.article, "sentence": c.sentence, "text": c.text} for c in citations]


def _statement(statement: Statement, outlets: dict[str, str]) -> dict[str, Any]:
    return {
        "speaker": statement.speaker,
        "speaker_text": statement.speaker_text,
        "actor": statement.actor,
        "verb": statement.verb,
        "text": statement.text,
        "article": statement.article_id,
        "sentence": statement.sentence,
        "outlet": outlets[statement.article_id],
    }


def _actor(actor: Actor) -> dict[str, Any]:
    return {
        "name": actor.name,
        "type": actor.type,
        "aliases": list(actor.aliases),
        "mentions": actor.mentions,
        "mentions_by_outlet": actor.mentions_by_outlet,
        "roles": [
            {"text": r.text, "outlets": list(r.outlets), "mentions": r.mentions} for r in actor.roles
        ],
        "quotes": actor.quotes,
    }


def _conflict(conflict: Conflict, outlets: dict[str, str]) -> dict[str, Any]:
    return {
        "kind": conflict.kind,
        "subject": conflict.subject,
        "note": conflict.note,
        "sides": [
            {"value": s.value, "article": s.article, "sentence": s.sentence, "text": s.text,
             "outlet": outlets[s.article], "speaker": s.speaker}
            for s in conflict.sides
        ],
    }


def coverage(facts: tuple[Fact, ...], outlets: list[str]) -> dict[str, Any]:
    """The outlet × fact matrix, and per outlet what only it reports and what it leaves out
    that most others report."""
    majority = max(2, (len(outlets) + 1) // 2)
    return {
        "outlets": outlets,
        "facts": [
            {"text": f.text, "outlets": list(f.outlets), "citations": _citations(f.citations),
             "reported_by": [o in f.outlets for o in outlets]}
            for f in facts
        ],
        "only": {o: [n for n, f in enumerate(facts) if f.outlets == (o,)] for o in outlets},
        "omits": {
            o: [n for n, f in enumerate(facts) if o not in f.outlets and len(f.outlets) >= majority]
            for o in outlets
        },
    }


def to_dict(briefing: Briefing, *, explain: bool = False) -> dict[str, Any]:
    """The briefing as plain JSON-ready data."""
    outlets = {a.id: a.outlet for a in briefing.articles}
    return {
        "newsbrief": __version__,
        "schema": SCHEMA_VERSION,
        "articles": [article_dict(a, explain=explain) for a in briefing.articles],
        "summary": [
            {
                "text": s.text,
                "citations": _citations(s.citations),
                "outlets": sorted({outlets[c.article] for c in s.citations}),
            }
            for s in briefing.summary
        ],
        "timeline": [
            {
                "date": e.date,
                "granularity": e.granularity,
                "text": e.text,
                "background": e.background,
                "citations": _citations(e.citations),
                "outlets": sorted({outlets[c.article] for c in e.citations}),
            }
            for e in briefing.timeline
        ],
        "actors": [_actor(a) for a in briefing.actors],
        "conflicts": [_conflict(c, outlets) for c in briefing.conflicts if not c.agree],
        "agreements": [_conflict(c, outlets) for c in briefing.conflicts if c.agree],
        "coverage": coverage(briefing.facts, sorted({a.outlet for a in briefing.articles
                                                     if not a.near_duplicate_of})),
        "quotes": [_statement(q, outlets) for q in briefing.quotes],
        "claims": [_statement(c, outlets) for c in briefing.claims],
        "warnings": [
            {"input": w.input, "stage": w.stage, "reason": w.reason, "skipped": w.skipped}
            for w in briefing.warnings
        ],
    }


def render_json(briefing: Briefing, *, explain: bool = False) -> str:
    return json.dumps(to_dict(briefing, explain=explain), ensure_ascii=False, indent=2) + "\n"
