"""Concept-coverage summariser: an integer linear program over weighted bigram concepts.

Following Gillick & Favre (2009, the ICSI system): a concept is a stemmed content bigram; its
weight is how many independent documents of the story contain it (facts several outlets
report matter more; versions of one wire story count once), boosted for concepts that appear
early in their articles; the summary is the set of sentences within the word budget that
covers the most concept weight, solved exactly with
scipy's MILP solver (HiGHS). Redundancy is controlled by construction: a concept counts once,
so a second sentence saying the same thing adds nothing.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence

import numpy as np

from ..clean import near_duplicates
from .base import Documents, Pick, Summariser, word_count
from .centroid import is_candidate, is_dangling
from .vectors import STOP_WORDS, says_same, tfidf_matrix, tokenize

_TOKEN = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


class _Stemmer:
    """Snowball English stemmer with a cache: a story repeats the same words many times."""

    def __init__(self) -> None:
        import snowballstemmer

        self._stem = snowballstemmer.stemmer("english").stemWord
        self._cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        stem = self._cache.get(word)
        if stem is None:
            stem = self._cache[word] = self._stem(word)
        return stem


def concepts_of(text: str, stem: _Stemmer, skip_any_stopword: bool = False) -> set[tuple[str, str]]:
    """Stemmed bigrams, skipping those made only of stop words (or with any, if asked)."""
    from anyascii import anyascii

    words = _TOKEN.findall(anyascii(text).lower())
    result = set()
    for first, second in itertools.pairwise(words):
        stops = (first in STOP_WORDS) + (second in STOP_WORDS)
        if stops == 2 or (skip_any_stopword and stops):
            continue
        result.add((stem(first), stem(second)))
    return result


@contextlib.contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """HiGHS occasionally prints solver notes to the C-level stdout even with ``disp=False``;
    send them to stderr so they can never corrupt JSON written to stdout."""
    try:
        saved = os.dup(1)
    except OSError:  # no usable stdout (e.g. closed): nothing to protect
        yield
        return
    try:
        sys.stdout.flush()
        os.dup2(2, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


class ConceptSummariser(Summariser):
    """Maximum weighted bigram coverage under a word budget (exact ILP).

    ``redundancy_threshold`` (the briefing passes its own; None in benchmarks): no two chosen
    sentences may say the same thing by the centroid summariser's test.
    """

    name = "concept"

    def __init__(
        self,
        min_words: int = 8,
        min_document_share: float = 0.25,
        position_weight: float = 4.0,
        max_candidates: int = 400,
        time_limit: float = 10.0,
        skip_any_stopword: bool = False,
        duplicate_overlap: float = 0.8,
        redundancy_threshold: float | None = None,
    ) -> None:
        self.redundancy_threshold = redundancy_threshold
        self.skip_any_stopword = skip_any_stopword
        self.duplicate_overlap = duplicate_overlap
        self.min_words = min_words
        self.min_document_share = min_document_share
        self.position_weight = position_weight
        self.max_candidates = max_candidates
        self.time_limit = time_limit

    def select(self, documents: Documents, words: int) -> list[Pick]:
        stem = _Stemmer()
        index = [(d, s) for d, doc in enumerate(documents) for s in range(len(doc))]
        if not index:
            return []
        texts = [documents[d][s] for d, s in index]
        sentence_concepts = [concepts_of(t, stem, self.skip_any_stopword) for t in texts]
        weights = self.concept_weights(documents, index, sentence_concepts)
        eligible = [
            i for i, t in enumerate(texts)
            if is_candidate(t, self.min_words) and not is_dangling(t)
            and sentence_concepts[i] & weights.keys()
        ]
        if not eligible:
            fallback = [i for i, t in enumerate(texts) if word_count(t) > 0]
            return [Pick(*index[fallback[0]])] if fallback else []
        value = {i: sum(weights.get(c, 0.0) for c in sentence_concepts[i]) for i in eligible}
        eligible.sort(key=lambda i: -value[i])
        eligible = eligible[: self.max_candidates]
        lengths = {i: word_count(texts[i]) for i in eligible}
        exclusive = self._saying_the_same(eligible, texts, [d for d, _ in index])
        chosen = self._solve(eligible, lengths, sentence_concepts, weights, words, exclusive)
        if not chosen:
            chosen = [min(eligible, key=lambda i: lengths[i])]
        chosen.sort(key=lambda i: -value[i])
        return [Pick(*index[i]) for i in chosen]

    def concept_weights(
        self, documents: Documents, index: Sequence[tuple[int, int]], sentence_concepts
    ) -> dict[tuple[str, str], float]:
        """How many independent sources contain each concept, plus a bonus for concepts in the
        first sentences of articles."""
        source = self.sources(documents)
        n_sources = len({source[d] for d, doc in enumerate(documents) if doc})
        seen_in: dict[tuple[str, str], set[int]] = defaultdict(set)
        early: dict[tuple[str, str], float] = defaultdict(float)
        for (d, s), concepts in zip(index, sentence_concepts, strict=True):
            for concept in concepts:
                seen_in[concept].add(source[d])
                early[concept] = max(early[concept], 1.0 / math.sqrt(s + 1))
        threshold = max(2, math.ceil(self.min_document_share * n_sources)) if n_sources > 2 else 1
        return {
            concept: len(found_in) * (1.0 + self.position_weight * early[concept])
            for concept, found_in in seen_in.items()
            if len(found_in) >= threshold
        }

    def sources(self, documents: Documents) -> list[int]:
        """Each document's source: near-duplicates (``clean.near_duplicates``, the test the
        briefing uses to link wire copies) count once — a fact repeated by three copies of one
        AP story is not reported by three outlets."""
        source = list(range(len(documents)))
        links = near_duplicates([" ".join(sentences) for sentences in documents], self.duplicate_overlap)
        for later, earlier in sorted(links.items()):
            source[later] = source[earlier]
        return source

    def _saying_the_same(self, eligible: list[int], texts: Sequence[str],
                         document_of: Sequence[int]) -> list[tuple[int, int]]:
        """Pairs of candidates (positions in ``eligible``) that say the same thing, as the
        centroid summariser judges it; at most one of each pair may be chosen. Bigram coverage
        alone lets two outlets' wordings of one fact both in when each adds a few bigrams."""
        if self.redundancy_threshold is None or len(eligible) < 2:
            return []
        tokens = [tokenize(texts[i]) for i in eligible]
        vectors = tfidf_matrix(tokens, [document_of[i] for i in eligible])
        similarity = (vectors @ vectors.T).toarray()
        token_sets = [set(t) for t in tokens]
        return [
            (a, b) for a, b in itertools.combinations(range(len(eligible)), 2)
            if says_same(similarity[a, b], token_sets[a], token_sets[b], self.redundancy_threshold)
        ]

    def _solve(self, eligible, lengths, sentence_concepts, weights, words: int,
               exclusive: Sequence[tuple[int, int]] = ()) -> list[int]:
        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import lil_matrix

        concepts = sorted({c for i in eligible for c in sentence_concepts[i] if c in weights})
        column = {c: len(eligible) + k for k, c in enumerate(concepts)}
        n = len(eligible) + len(concepts)
        objective = np.zeros(n)
        for c, col in column.items():
            objective[col] = -weights[c]
        links = [(row, column[c]) for row, i in enumerate(eligible)
                 for c in sentence_concepts[i] if c in column]
        matrix = lil_matrix((1 + len(links) + len(concepts) + len(exclusive), n))
        lower = [-np.inf]
        upper = [float(words)]
        for row, i in enumerate(eligible):
            matrix[0, row] = lengths[i]
        covering: dict[int, list[int]] = defaultdict(list)
        for k, (row, col) in enumerate(links, start=1):
            matrix[k, row] = 1.0  # a chosen sentence covers its concepts: s - c <= 0
            matrix[k, col] = -1.0
            lower.append(-np.inf)
            upper.append(0.0)
            covering[col].append(row)
        for k, col in enumerate(column.values(), start=1 + len(links)):
            matrix[k, col] = 1.0  # a concept counts only if some chosen sentence has it
            for row in covering[col]:
                matrix[k, row] = -1.0
            lower.append(-np.inf)
            upper.append(0.0)
        for k, (a, b) in enumerate(exclusive, start=1 + len(links) + len(concepts)):
            matrix[k, a] = matrix[k, b] = 1.0  # two sentences saying the same: at most one
            lower.append(-np.inf)
            upper.append(1.0)
        with _stdout_to_stderr():
            result = milp(
                objective,
                constraints=LinearConstraint(matrix.tocsr(), lower, upper),
                integrality=np.ones(n),
                bounds=Bounds(0, 1),
                options={"time_limit": self.time_limit, "disp": False},
            )
        if result.x is None:
            return []
        return [i for row, i in enumerate(eligible) if result.x[row] > 0.5]
