"""Citations: every source sentence that says the same as a summary sentence."""

from __future__ import annotations

import numpy as np

from .base import Documents, Pick
from .vectors import says_same, tfidf_matrix, tokenize


def cite(picks: list[Pick], documents: Documents, threshold: float) -> list[list[Pick]]:
    """For each pick, itself first, then the sentences of other documents that say the same.

    From each other document only its closest such sentence is cited, so a citation list reads
    as "which outlets say this", one sentence per outlet.
    """
    index = [(d, s) for d, doc in enumerate(documents) for s in range(len(doc))]
    if not index or not picks:
        return [[p] for p in picks]
    position = {pair: row for row, pair in enumerate(index)}
    doc_of = np.array([d for d, _ in index])
    tokens = [tokenize(documents[d][s]) for d, s in index]
    vectors = tfidf_matrix(tokens, groups=doc_of)
    rows = [position[(p.document, p.sentence)] for p in picks]
    similarity = (vectors[rows] @ vectors.T).toarray()
    result: list[list[Pick]] = []
    for pick, row, sims in zip(picks, rows, similarity, strict=True):
        cited = [pick]
        mine = set(tokens[row])
        for d in range(len(documents)):
            if d == pick.document:
                continue
            in_doc = np.flatnonzero(doc_of == d)
            if not len(in_doc):
                continue
            matching = [
                i for i in in_doc if says_same(sims[i], mine, set(tokens[i]), threshold)
            ]
            if matching:
                best = max(matching, key=lambda i: sims[i])
                cited.append(Pick(*index[best]))
        result.append(cited)
    return result
