"""Online, time-aware story clustering: each new article joins a story or starts one.

An article is a sparse TF-IDF vector over its words, with names (capitalised words inside a
sentence) weighted up, because two articles about one story share its people and places.
IDF comes from the document frequencies seen so far, so nothing is fitted in advance. A
story is the running centroid of its articles, kept to its ``CENTROID_TERMS`` heaviest terms;
an inverted index from terms to stories finds candidates without comparing against every
story. Similarity decays with the days between the article and the story's latest article.
Stories idle for ``retire_after`` articles (or days) leave memory (their articles stay in
the store), so memory does not grow with the number of stories ever seen.

Written here rather than taken from a library: scikit-learn's and HDBSCAN's clusterers see
the whole collection at once (they are the baselines in bench/bench_stories.py), and no
maintained library offers an incremental, time-decayed clusterer with retirement.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from anyascii import anyascii
from spacy.lang.en.stop_words import STOP_WORDS

CENTROID_TERMS = 60
ARTICLE_TERMS = 40
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)\s*[\"“']?$")


@dataclass
class Story:
    """A story in memory: its centroid, size and the latest date/position it was seen."""

    id: int
    centroid: dict[str, float]
    size: int
    last_date: dt.date | None
    last_seen: int
    weights: dict[str, float] = field(default_factory=dict)  # summed article vectors


@dataclass
class OnlineClusterer:
    """Assigns articles to stories one at a time (``assign``); thresholds are tunable.

    ``threshold``: the least decayed cosine for an article to join a story.
    ``merge_threshold``: two stories whose centroids are this similar become one.
    ``decay_days``: similarity halves for every ``decay_days`` between article and story.
    ``retire_after``: a story not joined by any of the last this-many articles leaves memory.
    """

    threshold: float = 0.3
    merge_threshold: float = 0.6
    decay_days: float = 7.0
    retire_after: int = 5_000
    name_weight: float = 2.0
    stories: dict[int, Story] = field(default_factory=dict)
    postings: dict[str, set[int]] = field(default_factory=dict)
    document_frequency: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    next_id: int = 1
    merges: list[tuple[int, int]] = field(default_factory=list)

    def vector(self, text: str) -> dict[str, float]:
        """Update document frequencies with ``text`` and return its unit TF-IDF vector."""
        counts = self.term_counts(text)
        self.documents += 1
        self.document_frequency.update(counts.keys())
        weights = {
            term: (1 + math.log(count)) * self._idf(term) for term, count in counts.items()
        }
        top = dict(sorted(weights.items(), key=lambda kv: -kv[1])[:ARTICLE_TERMS])
        return _unit(top)

    def _idf(self, term: str) -> float:
        # smoothed (+1, as scikit-learn does): early in a stream, words every article shares
        # are the story's own words, not noise to weigh at zero
        return math.log((1 + self.documents) / (1 + self.document_frequency[term])) + 1.0

    def term_counts(self, text: str) -> Counter[str]:
        counts: Counter[str] = Counter()
        for match in _WORD.finditer(text):
            word = match.group()
            lower = anyascii(word).lower()
            if lower in STOP_WORDS or len(lower) < 3:
                continue
            before = text[max(0, match.start() - 4):match.start()]
            is_name = word[0].isupper() and not _SENTENCE_START.search(before)
            counts[lower] += self.name_weight if is_name else 1.0
        return counts

    def assign(self, text: str, date: dt.date | None = None) -> int:
        """The id of the story this article joins (a new id when it starts one)."""
        vector = self.vector(text)
        best, best_score = None, 0.0
        candidates = set().union(*(self.postings.get(term, set()) for term in vector)) if vector else set()
        for story_id in candidates:
            story = self.stories[story_id]
            score = _cosine(vector, story.centroid) * self._decay(date, story.last_date)
            if score > best_score:
                best, best_score = story, score
        position = self.documents
        if best is not None and best_score >= self.threshold:
            self._add(best, vector, date, position)
            story_id = self._maybe_merge(best)
        else:
            story_id = self.next_id
            self.next_id += 1
            story = Story(story_id, {}, 0, date, position)
            self.stories[story_id] = story
            self._add(story, vector, date, position)
        self._retire(position)
        return story_id

    def _decay(self, date: dt.date | None, last: dt.date | None) -> float:
        if date is None or last is None:
            return 1.0
        return 0.5 ** (abs((date - last).days) / self.decay_days)

    def _add(self, story: Story, vector: dict[str, float], date: dt.date | None, position: int) -> None:
        for term in story.centroid:
            self.postings.get(term, set()).discard(story.id)
        for term, weight in vector.items():
            story.weights[term] = story.weights.get(term, 0.0) + weight
        story.size += 1
        story.last_seen = position
        if date is not None and (story.last_date is None or date > story.last_date):
            story.last_date = date
        top = sorted(story.weights.items(), key=lambda kv: -kv[1])[:CENTROID_TERMS * 2]
        story.weights = dict(top)  # bounded memory per story
        story.centroid = _unit(dict(top[:CENTROID_TERMS]))
        for term in story.centroid:
            self.postings.setdefault(term, set()).add(story.id)

    def _maybe_merge(self, story: Story) -> int:
        """Merge ``story`` into the most similar other story when they have converged."""
        candidates = set().union(*(self.postings.get(t, set()) for t in story.centroid)) - {story.id}
        best, best_score = None, 0.0
        for other_id in candidates:
            other = self.stories[other_id]
            score = _cosine(story.centroid, other.centroid) * self._decay(story.last_date, other.last_date)
            if score > best_score:
                best, best_score = other, score
        if best is None or best_score < self.merge_threshold:
            return story.id
        keep, gone = (best, story) if best.size >= story.size else (story, best)
        for term in gone.centroid:
            self.postings.get(term, set()).discard(gone.id)
        for term in keep.centroid:
            self.postings.get(term, set()).discard(keep.id)
        for term, weight in gone.weights.items():
            keep.weights[term] = keep.weights.get(term, 0.0) + weight
        keep.size += gone.size
        keep.last_seen = max(keep.last_seen, gone.last_seen)
        if gone.last_date and (keep.last_date is None or gone.last_date > keep.last_date):
            keep.last_date = gone.last_date
        top = sorted(keep.weights.items(), key=lambda kv: -kv[1])[:CENTROID_TERMS * 2]
        keep.weights = dict(top)
        keep.centroid = _unit(dict(top[:CENTROID_TERMS]))
        for term in keep.centroid:
            self.postings.setdefault(term, set()).add(keep.id)
        del self.stories[gone.id]
        self.merges.append((gone.id, keep.id))
        return keep.id

    def _retire(self, position: int) -> None:
        if position % 1000:
            return
        for story in [s for s in self.stories.values() if position - s.last_seen > self.retire_after]:
            for term in story.centroid:
                self.postings.get(term, set()).discard(story.id)
            del self.stories[story.id]


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {t: w / norm for t, w in vector.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())
