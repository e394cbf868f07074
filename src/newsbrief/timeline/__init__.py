"""Timeline: dated events across outlets, relative dates resolved per article.

A sentence that reports something at a resolvable time is a candidate; candidates on the same
date that say the same thing (TF-IDF cosine or shared content words) become one entry citing
every outlet; entries are ordered, deduplicated, kept short, and events well before the
articles' own dates are marked as background.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import AnalysedArticle, Citation, Sentence, TimelineEntry
from ..summarise.centroid import is_candidate
from ..summarise.vectors import says_same, tfidf_matrix, tokenize
from .detect import find_expressions
from .expressions import GRANULARITIES, TimeRef, resolve
from .pubdate import infer_publication_date

__all__ = ["TimeRef", "build_timeline", "find_expressions", "infer_publication_date", "resolve"]

BACKGROUND_DAYS = 7  # an event this long before its article's date is background
SAME_EVENT_COSINE = 0.3


@dataclass(frozen=True)
class _Candidate:
    sentence: Sentence
    outlet: str
    ref: TimeRef
    background: bool
    duplicate_source: bool


def sentence_refs(item: AnalysedArticle, sentence: Sentence) -> list[TimeRef]:
    """Resolved time references of one sentence, most specific first."""
    base = item.article.date
    if base is None:
        return []
    entity_spans = [
        (m.start - sentence.start, m.end - sentence.start)
        for m in item.mentions if m.label == "DATE" and m.sentence == sentence.index
    ]
    refs = []
    for start, end in find_expressions(sentence.text, entity_spans):
        ref = resolve(sentence.text[start:end], base, sentence.text[:start])
        if ref is not None:
            refs.append(ref)
    refs.sort(key=lambda r: GRANULARITIES.index(r.granularity))
    return refs


def build_timeline(
    analysed: Sequence[AnalysedArticle],
    *,
    max_entries: int = 15,
    max_background: int = 5,
    per_date: int = 3,
    min_words: int = 6,
) -> list[TimelineEntry]:
    candidates = []
    for item in analysed:
        for sentence in item.sentences:
            if not is_candidate(sentence.text, min_words):
                continue
            refs = sentence_refs(item, sentence)
            if not refs:
                continue
            ref = refs[0]
            assert item.article.date is not None
            background = ref.end < item.article.date - dt.timedelta(days=BACKGROUND_DAYS)
            candidates.append(_Candidate(sentence, item.article.outlet, ref, background,
                                         item.article.near_duplicate_of is not None))
    if not candidates:
        return []
    groups = _group(candidates)
    entries = [_entry(group) for group in groups]
    outlets = [len({c.outlet for c in group if not c.duplicate_source}) for group in groups]
    ranked = sorted(range(len(entries)), key=lambda i: (-outlets[i], entries[i].start))
    kept: list[TimelineEntry] = []
    per_day: dict[str, int] = {}
    counts = {True: 0, False: 0}
    limits = {True: max_background, False: max_entries}
    for i in ranked:
        entry = entries[i]
        if counts[entry.background] >= limits[entry.background] or per_day.get(entry.date, 0) >= per_date:
            continue
        kept.append(entry)
        counts[entry.background] += 1
        per_day[entry.date] = per_day.get(entry.date, 0) + 1
    kept.sort(key=lambda e: (e.start, GRANULARITIES.index(e.granularity) * -1))
    return kept


def _group(candidates: list[_Candidate]) -> list[list[_Candidate]]:
    """Same date (at the same granularity) and saying the same thing -> one group."""
    tokens = [tokenize(c.sentence.text) for c in candidates]
    vectors = tfidf_matrix(tokens)
    similarity = (vectors @ vectors.T).toarray()
    token_sets = [set(t) for t in tokens]
    order = sorted(range(len(candidates)), key=lambda i: -similarity[i].sum())
    groups: list[list[int]] = []
    for i in order:
        key = candidates[i].ref.iso()
        for group in groups:
            head = group[0]
            if candidates[head].ref.iso() != key:
                continue
            if any(candidates[j].outlet == candidates[i].outlet for j in group):
                continue
            if says_same(similarity[i, head], token_sets[i], token_sets[head], SAME_EVENT_COSINE,
                         overlap_threshold=0.4, min_shared=4):
                group.append(i)
                break
        else:
            groups.append([i])
    return [[candidates[i] for i in group] for group in groups]


def _entry(group: list[_Candidate]) -> TimelineEntry:
    originals = [c for c in group if not c.duplicate_source] or group
    shortest = min(originals, key=lambda c: (len(c.sentence.text.split()), c.outlet))
    head = group[0]
    ordered = [shortest, *(c for c in group if c is not shortest)]
    return TimelineEntry(
        date=head.ref.iso(),
        granularity=head.ref.granularity,
        start=head.ref.date,
        text=shortest.sentence.text,
        citations=tuple(
            Citation(c.sentence.article_id, c.sentence.index, c.sentence.text) for c in ordered
        ),
        background=all(c.background for c in group),
    )
