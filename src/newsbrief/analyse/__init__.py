"""Analyse: sentences and named-entity mentions, with offsets into each article's text."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..compare.quantities import find_quantities
from ..models import AnalysedArticle, Article, Mention, Quantity, RoleMention, Sentence, Statement
from .actors import build_actors
from .nlp import installed_pipelines, load_pipeline
from .roles import find_roles
from .speech import carry_speakers, find_statements

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

__all__ = ["analyse", "build_actors", "installed_pipelines", "load_pipeline", "paragraph_spans"]

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE"}
# spaCy handles long texts in one call poorly; paragraphs above this are cut at sentence ends.
MAX_CHUNK_CHARS = 20_000
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


# Dependency labels of a clause's head: what a dependent so attached says did not happen at
# the date's time ("Maduro clung to power Thursday, … after Guaidó failed to win defections").
# The pipeline runs without a tagger, so clauses are found from dependencies alone.
CLAUSE_HEADS = {"advcl", "ccomp", "relcl", "acl", "parataxis", "csubj", "pcomp"}
_CLAUSE_TOP = CLAUSE_HEADS | {"ROOT", "conj"}  # where the walk up from a date stops
# Entity words that say who, where or when, not what happened: left out of a dated clause.
NOT_EVENT_LABELS = ENTITY_LABELS | {"TIME"}


def dated_clause(date: Span) -> tuple[str, ...]:
    """Content words (lower case) of the clause that ``date`` dates, names and dates left out.

    Up from the date to the head of its clause (the root, a subordinate clause, or a verb
    coordinated with another: "burst on Tuesday and flooded …" dates the burst), then down
    through every dependent except other clauses.
    """
    head = date.root
    while head.dep_ not in _CLAUSE_TOP and head.head.i != head.i:
        head = head.head
    words, stack = [], [head]
    while stack:
        token = stack.pop()
        words.append(token)
        stack.extend(child for child in token.children if child.dep_ not in CLAUSE_HEADS
                     and not (token.i == head.i and child.dep_ in ("conj", "cc")))
    return tuple(sorted({
        token.lower_ for token in words
        if token.is_alpha and not token.is_stop and token.ent_type_ not in NOT_EVENT_LABELS
    }))


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """Character spans of the paragraphs (lines) of ``text``, long ones cut into chunks."""
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text + "\n"):
        end = match.start()
        if text[start:end].strip():
            yield from _chunks(text, start, end)
        start = match.end()


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_CHUNK_CHARS:
        cut = None
        for match in _SENTENCE_END.finditer(text, start, start + MAX_CHUNK_CHARS):
            cut = match.start()
        cut = cut if cut and cut > start else start + MAX_CHUNK_CHARS
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def analyse(
    articles: Sequence[Article],
    nlp: Language,
    *,
    on_progress: Callable[[int, int], None] | None = None,
    batch_size: int = 8,
) -> list[AnalysedArticle]:
    """Split each article into paragraphs, then sentences; find entity mentions, the roles
    given to people, and quotes and claims with their speakers (as written)."""
    jobs = [
        (number, paragraph, start, end)
        for number, article in enumerate(articles)
        for paragraph, (start, end) in enumerate(paragraph_spans(article.text))
    ]
    sentences: list[list[Sentence]] = [[] for _ in articles]
    mentions: list[list[Mention]] = [[] for _ in articles]
    roles: list[list[RoleMention]] = [[] for _ in articles]
    statements: list[list[Statement]] = [[] for _ in articles]
    quantities: list[list[Quantity]] = [[] for _ in articles]
    texts = (articles[number].text[start:end] for number, _, start, end in jobs)
    done_articles = -1
    for (number, paragraph, offset, _), doc in zip(
        jobs, nlp.pipe(texts, batch_size=batch_size), strict=True
    ):
        article = articles[number]
        for first, last in merge_open_quotes([(s.start_char, s.end_char) for s in doc.sents],
                                             doc.text):
            raw = doc.text[first:last]
            text = raw.strip()
            if not text:
                continue
            index = len(sentences[number])
            start = offset + first + (len(raw) - len(raw.lstrip()))
            sentences[number].append(
                Sentence(article.id, index, text, start, start + len(text), paragraph)
            )
            for ent in doc.char_span(first, last, alignment_mode="expand").ents:
                if ent.label_ in ENTITY_LABELS:
                    mentions[number].append(
                        Mention(article.id, index, ent.text, ent.label_,
                                offset + ent.start_char, offset + ent.end_char,
                                subject=ent.root.dep_ in ("nsubj", "nsubjpass"),
                                clause=dated_clause(ent) if ent.label_ == "DATE" else ())
                    )
        starts = [s.start for s in sentences[number]]

        def sentence_at(position: int, starts: list[int] = starts) -> int:
            return max(bisect_right(starts, position) - 1, 0)

        roles[number] += find_roles(doc, article.id, offset, sentence_at)
        statements[number] += find_statements(doc, article.id, offset, sentence_at)
        quantities[number] += find_quantities(doc, article.id, offset, sentence_at)
        if on_progress and number != done_articles:
            done_articles = number
            on_progress(number + 1, len(articles))
    return [
        AnalysedArticle(
            article, tuple(sentences[i]), tuple(mentions[i]), tuple(roles[i]),
            tuple(carry_speakers(statements[i], sentences[i])), tuple(quantities[i]),
        )
        for i, article in enumerate(articles)
    ]


def merge_open_quotes(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Join sentence spans while a quotation is still open, so a quote stays one sentence."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and quote_is_open(text[merged[-1][0]:merged[-1][1]]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def quote_is_open(text: str) -> bool:
    """True when ``text`` opens a quotation it does not close."""
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")
