"""Fact alignment: sentences from different outlets that report the same thing.

Each sentence is linked to its closest sentence in every other outlet when the two say the
same (the test citations use: TF-IDF cosine, or most content words shared), or when the two
are each other's closest and moderately similar (``MUTUAL_THRESHOLD``); linked
sentences form one fact, reported by as many outlets as it has. Facts then give
corroboration counts and the outlet × fact coverage matrix.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..models import AnalysedArticle, Citation, Fact
from ..summarise.vectors import says_same, tfidf_matrix, tokenize

MIN_WORDS = 6
# Two sentences that are each other's closest in the other outlet need less similarity: a
# paraphrase ("Lifeboats took all 312 people to safety" / "All 312 passengers were taken off
# by lifeboats") shares few words, and mutual nearest neighbours rarely report different facts.
MUTUAL_THRESHOLD = 0.3


def align_facts(
    analysed: Sequence[AnalysedArticle], threshold: float, *, shared: int = 12, unique_per_outlet: int = 3
) -> list[Fact]:
    """Facts reported by several outlets (most outlets first), then each outlet's own facts
    (those closest to the story's centre first)."""
    items = [a for a in analysed if not a.article.near_duplicate_of]
    rows = [(a.article.outlet, s) for a in items for s in a.sentences if len(s.text.split()) >= MIN_WORDS]
    if not rows:
        return []
    tokens = [tokenize(s.text) for _, s in rows]
    outlets = sorted({o for o, _ in rows})
    outlet_of = np.array([outlets.index(o) for o, _ in rows])
    vectors = tfidf_matrix(tokens, groups=outlet_of)
    similarity = (vectors @ vectors.T).toarray()
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    token_sets = [set(t) for t in tokens]
    closest = np.full((len(rows), len(outlets)), -1)  # each sentence's closest in every other outlet
    for i in range(len(rows)):
        for other in range(len(outlets)):
            if other != outlet_of[i]:
                candidates = np.flatnonzero(outlet_of == other)
                closest[i, other] = candidates[np.argmax(similarity[i, candidates])]
    for i in range(len(rows)):
        for other in range(len(outlets)):
            best = int(closest[i, other])
            if best < 0:
                continue
            mutual = closest[best, outlet_of[i]] == i
            if (says_same(similarity[i, best], token_sets[i], token_sets[best], threshold)
                    or (mutual and similarity[i, best] >= MUTUAL_THRESHOLD)):
                parent[find(i)] = find(best)
    groups: dict[int, list[int]] = {}
    for i in range(len(rows)):
        groups.setdefault(find(i), []).append(i)
    centre = np.asarray(vectors.mean(axis=0)).ravel()
    salience = vectors @ centre
    facts = []
    for members in groups.values():
        lead = max(members, key=lambda i: salience[i])
        seen: dict[str, int] = {}
        for i in sorted(members, key=lambda i: -salience[i]):
            seen.setdefault(rows[i][0], i)  # one sentence per outlet
        ordered = [lead] + [i for i in seen.values() if i != lead]
        facts.append((
            len(seen), float(salience[lead]),
            Fact(rows[lead][1].text,
                 tuple(Citation(rows[i][1].article_id, rows[i][1].index, rows[i][1].text) for i in ordered),
                 tuple(sorted(seen))),
        ))
    corroborated = sorted((f for f in facts if f[0] > 1), key=lambda f: (-f[0], -f[1]))[:shared]
    result = [f[2] for f in corroborated]
    for outlet in outlets:
        own = sorted((f for f in facts if f[0] == 1 and f[2].outlets == (outlet,)), key=lambda f: -f[1])
        result += [f[2] for f in own[:unique_per_outlet]]
    return result
