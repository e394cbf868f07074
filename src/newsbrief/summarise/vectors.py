"""TF-IDF sentence vectors on scipy.sparse.

Written here instead of importing scikit-learn's TfidfVectorizer because importing
scikit-learn alone costs about 0.8 s, a quarter of the 3-second budget for briefing a story
from a cold start; the weighting itself is a few lines (sublinear tf, smoothed idf, L2 norm).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from anyascii import anyascii
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["STOP_WORDS", "normalise_rows", "overlap", "says_same", "tfidf_matrix", "tokenize"]

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def tokenize(text: str) -> list[str]:
    """Lower-case, accent-free content words (stop words and 1-letter tokens removed)."""
    return [
        token for token in _TOKEN.findall(anyascii(text).lower())
        if len(token) > 1 and token not in STOP_WORDS
    ]


def tfidf_matrix(
    token_lists: Sequence[Sequence[str]], groups: Sequence[int] | None = None
) -> sparse.csr_matrix:
    """Rows are L2-normalised TF-IDF vectors of ``token_lists``.

    ``groups`` (e.g. the document of each sentence) sets what idf counts: a term's idf is
    computed over groups, so a word repeated in one article is not mistaken for a rare one.
    """
    vocabulary: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for row, tokens in enumerate(token_lists):
        counts: dict[int, int] = {}
        for token in tokens:
            column = vocabulary.setdefault(token, len(vocabulary))
            counts[column] = counts.get(column, 0) + 1
        for column, count in counts.items():
            rows.append(row)
            cols.append(column)
            vals.append(1.0 + np.log(count))
    shape = (len(token_lists), max(len(vocabulary), 1))
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=shape, dtype=np.float64)
    group_ids = np.asarray(groups if groups is not None else range(len(token_lists)))
    n_groups = len(set(group_ids.tolist())) or 1
    present = sparse.csr_matrix(
        (np.ones(len(rows)), (group_ids[rows] if rows else [], cols)),
        shape=(int(group_ids.max(initial=0)) + 1, shape[1]),
    )
    df = np.asarray((present > 0).sum(axis=0)).ravel()
    idf = np.log((1 + n_groups) / (1 + df)) + 1.0
    matrix = matrix @ sparse.diags(idf)
    return normalise_rows(matrix)


def normalise_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def overlap(first: set[str], second: set[str]) -> tuple[float, int]:
    """Overlap coefficient of two token sets and the number of shared tokens."""
    shared = len(first & second)
    return shared / (min(len(first), len(second)) or 1), shared


def says_same(
    cosine: float, first: set[str], second: set[str], cosine_threshold: float,
    overlap_threshold: float = 0.5, min_shared: int = 5,
) -> bool:
    """Two sentences report the same thing: similar TF-IDF vectors, or most content words shared.

    The overlap test catches paraphrases that add different details around the same fact,
    which pull the cosine down ("Pompeo said … military action …, and accused Russia …").
    """
    if cosine >= cosine_threshold:
        return True
    share, shared = overlap(first, second)
    return share >= overlap_threshold and shared >= min_shared
