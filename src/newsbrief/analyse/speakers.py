"""Resolve who made each quote or claim: a name, a pronoun or a role noun to an actor.

- a name ("Pompeo", "Mr Bolton") is looked up among the actors (aliases, unique surnames);
- "he"/"she" is the nearest person mentioned before it in the same article (outside
  quotations, within ``PRONOUN_WINDOW`` sentences), preferring mentions that are subjects;
  "it"/"they" likewise for organisations and groups;
- a description ("Maduro's communications minister") is the actor, mentioned in the same
  article, whose roles contain its words — or stays as written when none does.
Nothing is guessed: an unresolved pronoun leaves the statement with ``speaker=None``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from anyascii import anyascii

from ..models import Actor, AnalysedArticle, Mention, Statement
from .actors import ActorIndex, role_key

PRONOUN_WINDOW = 3
PRONOUN_TYPES = {
    "he": {"person"}, "she": {"person"}, "it": {"organisation", "group"},
    "they": {"organisation", "group"},
}
_POSSESSOR = re.compile(r"\b[\w-]+'s?\b(?=\s)")
_FUNCTION_WORDS = {"the", "a", "an", "his", "her", "their", "its", "our", "s", "of", "and"}


def attribute(analysed: Sequence[AnalysedArticle], actors: Sequence[Actor]) -> list[Statement]:
    """Every statement of every article with ``speaker`` and ``actor`` resolved, in the
    articles' order."""
    order = {item.article.id: number for number, item in enumerate(analysed)}
    index = ActorIndex(actors)
    resolved: list[Statement] = []
    for item in analysed:
        quotes = [(s.start, s.end) for s in item.statements if s.kind == "quote"]
        # speakers already resolved count as subject mentions for the pronouns after them
        mentions = list(item.mentions)
        for statement in sorted(item.statements, key=lambda s: s.speaker_start or s.start):
            actor, speaker = _resolve(statement, mentions, quotes, index)
            resolved.append(replace(statement, speaker=speaker, actor=actor.name if actor else None))
            if actor is not None and statement.speaker_start is not None:
                mentions.append(Mention(item.article.id, statement.sentence, actor.name, "SPEAKER",
                                        statement.speaker_start, statement.speaker_start, subject=True))
    resolved.sort(key=lambda s: (order[s.article_id], s.start))
    return resolved


def count_quotes(actors: Sequence[Actor], statements: Sequence[Statement]) -> list[Actor]:
    """Actors with the number of quotes attributed to them."""
    counts = Counter(s.actor for s in statements if s.kind == "quote" and s.actor)
    return [replace(a, quotes=counts[a.name]) if counts[a.name] else a for a in actors]


def _resolve(statement: Statement, mentions: Sequence[Mention], quotes: list[tuple[int, int]],
             index: ActorIndex) -> tuple[Actor | None, str | None]:
    text, kind = statement.speaker_text, statement.speaker_kind
    if text is None:
        return None, None
    if kind == "name":
        actor = index.find(text)
        return (actor, actor.name) if actor else (None, text)
    if kind == "pronoun":
        actor = _antecedent(statement, mentions, quotes, index, PRONOUN_TYPES.get(text.lower(), set()))
        return (actor, actor.name) if actor else (None, None)
    actor = _described(statement, mentions, index)
    return (actor, actor.name) if actor else (None, text)


def _antecedent(statement: Statement, mentions: Sequence[Mention], quotes: list[tuple[int, int]],
                index: ActorIndex, types: set[str]) -> Actor | None:
    """The nearest compatible actor mentioned before the pronoun; subjects first."""
    position = statement.speaker_start if statement.speaker_start is not None else statement.start
    candidates: list[tuple[bool, int, Actor]] = []
    for mention in mentions:
        if mention.start >= position or statement.sentence - mention.sentence > PRONOUN_WINDOW:
            continue
        if any(start <= mention.start < end for start, end in quotes):
            continue
        actor = index.find(mention.text)
        if actor is not None and actor.type in types:
            candidates.append((mention.subject, mention.start, actor))
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c[0], c[1]))[2]


def _described(statement: Statement, mentions: Sequence[Mention], index: ActorIndex) -> Actor | None:
    """The actor whose role contains every word of the description, nearest before it."""
    words = _description_words(statement.speaker_text or "")
    if not words:
        return None
    fitting = {
        actor.name for actor in index.actors
        if any(words <= set(role_key(role.text).split()) for role in actor.roles)
    }
    position = statement.speaker_start or statement.start
    nearest: tuple[int, Actor] | None = None
    for mention in mentions:
        actor = index.find(mention.text)
        if (actor is not None and actor.name in fitting and mention.start < position
                and (nearest is None or mention.start > nearest[0])):
            nearest = (mention.start, actor)
    if nearest is not None:
        return nearest[1]
    if len(fitting) == 1:
        return next(a for a in index.actors if a.name in fitting)
    return None


def _description_words(text: str) -> set[str]:
    """Content words of a description, without its possessor ("Maduro's") or articles."""
    plain = anyascii(text).lower().replace("’", "'") + " "
    plain = _POSSESSOR.sub(" ", plain)
    return {w for w in re.findall(r"[a-z]+", plain) if w not in _FUNCTION_WORDS}
