"""Exact and near-duplicate articles: the same story text ingested twice, or a wire copy.

Exact duplicates share a fingerprint (hash of the normalised text). Near-duplicates are found
by the Jaccard overlap of word 5-gram shingles; for the handful of articles in one story an
exact pairwise comparison is cheap. Stream-scale deduplication (MinHash LSH) belongs to the
store.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from anyascii import anyascii

_WORD = re.compile(r"\w+")
SHINGLE = 5


def normalised_words(text: str) -> list[str]:
    return _WORD.findall(anyascii(text).lower())


def fingerprint(text: str) -> str:
    """A stable content hash: equal for texts that differ only in case, accents or spacing."""
    return hashlib.sha256(" ".join(normalised_words(text)).encode()).hexdigest()[:16]


def shingles(text: str) -> set[tuple[str, ...]]:
    words = normalised_words(text)
    return {tuple(words[i:i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 1))}


def near_duplicates(texts: Sequence[str], threshold: float) -> dict[int, int]:
    """Map each later text to the earlier one it nearly duplicates (Jaccard >= threshold).

    Overlap is measured against the smaller text, so a wire copy with one extra paragraph
    still counts.
    """
    sets = [shingles(t) for t in texts]
    result: dict[int, int] = {}
    for later in range(len(sets)):
        for earlier in range(later):
            if earlier in result:
                continue
            smaller = min(len(sets[later]), len(sets[earlier])) or 1
            if len(sets[later] & sets[earlier]) / smaller >= threshold:
                result[later] = earlier
                break
    return result
