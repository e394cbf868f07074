"""Centroid + MMR summariser with cross-outlet agreement.

Sentences are scored by closeness to the story's TF-IDF centroid (MEAD, Radev et al. 2004),
boosted when other outlets report the same thing and when they come early in their article,
then chosen greedily with maximal marginal relevance (Carbonell & Goldstein 1998) under a
hard redundancy cap, so no two summary sentences say the same thing.
"""

from __future__ import annotations

import re

import numpy as np

from .base import Documents, Pick, Summariser, word_count
from .vectors import says_same, tfidf_matrix, tokenize

# Sentences that lean on an earlier one for their subject or speaker read badly out of context.
_DANGLING = re.compile(
    r"^(?:He|She|It|They|This|That|These|Those|His|Her|Their|But|And|Also)\b"
    r"|[,\"”]\s*(?:he|she|they|it) (?:said|says|added|wrote|told|warned)\b"
)


# A sentence that is only a quotation has no speaker once taken out of its article.
_BARE_QUOTE = re.compile(r'^["“][^"“”]*[.!?,]?["”]$')


def is_candidate(text: str, min_words: int) -> bool:
    """Long enough, not a question, not a speaker-less quotation."""
    return (
        word_count(text) >= min_words and not text.endswith("?") and not _BARE_QUOTE.match(text)
    )


def is_dangling(text: str) -> bool:
    """Leans on an earlier sentence for its subject or speaker ("He said …")."""
    return bool(_DANGLING.search(text))


class CentroidSummariser(Summariser):
    """Centrality to the story centroid, corroboration across documents, MMR selection."""

    name = "centroid"

    def __init__(
        self,
        min_words: int = 6,
        redundancy_threshold: float = 0.5,
        agreement_threshold: float = 0.35,
        mmr_lambda: float = 0.7,
        agreement_weight: float = 0.3,
        position_weight: float = 0.1,
    ) -> None:
        self.min_words = min_words
        self.redundancy_threshold = redundancy_threshold
        self.agreement_threshold = agreement_threshold
        self.mmr_lambda = mmr_lambda
        self.agreement_weight = agreement_weight
        self.position_weight = position_weight

    def select(self, documents: Documents, words: int) -> list[Pick]:
        index = [(d, s) for d, doc in enumerate(documents) for s in range(len(doc))]
        if not index:
            return []
        texts = [documents[d][s] for d, s in index]
        doc_of = np.array([d for d, _ in index])
        tokens = [tokenize(t) for t in texts]
        vectors = tfidf_matrix(tokens, groups=doc_of)
        similarity = (vectors @ vectors.T).toarray()
        scores = self.score(vectors, similarity, doc_of, np.array([s for _, s in index]), texts)
        lengths = np.array([word_count(t) for t in texts])
        eligible = np.array([is_candidate(t, self.min_words) for t in texts])
        if not eligible.any():
            eligible = lengths > 0
        token_sets = [set(t) for t in tokens]
        chosen = self._mmr(scores, similarity, token_sets, lengths, eligible, words)
        return [Pick(*index[i]) for i in chosen]

    def score(
        self, vectors, similarity: np.ndarray, doc_of: np.ndarray, position: np.ndarray, texts: list[str]
    ) -> np.ndarray:
        """Centrality + agreement + position, each in [0, 1]."""
        n_docs = int(doc_of.max()) + 1
        doc_vectors = np.vstack([
            np.asarray(vectors[doc_of == d].sum(axis=0)).ravel() for d in range(n_docs)
        ])
        norms = np.linalg.norm(doc_vectors, axis=1, keepdims=True)
        doc_vectors = doc_vectors / np.where(norms == 0, 1.0, norms)
        centroid = doc_vectors.mean(axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        centrality = np.asarray(vectors @ centroid).ravel()
        agreeing = np.zeros(len(texts))
        if n_docs > 1:
            for d in range(n_docs):
                in_doc = doc_of == d
                if in_doc.any():
                    agreeing += similarity[:, in_doc].max(axis=1) >= self.agreement_threshold
            agreeing -= 1  # every sentence agrees with its own document
            agreeing = np.clip(agreeing, 0, None) / (n_docs - 1)
        early = 1.0 / np.sqrt(position + 1.0)
        score = centrality + self.agreement_weight * agreeing + self.position_weight * early
        dangling = np.array([is_dangling(t) for t in texts])
        return np.where(dangling, score * 0.7, score)

    def _mmr(self, scores, similarity, token_sets, lengths, eligible, words: int) -> list[int]:
        chosen: list[int] = []
        used = 0
        available = eligible.copy()
        top = scores.max() or 1.0
        while available.any():
            redundancy = similarity[:, chosen].max(axis=1) if chosen else np.zeros(len(scores))
            value = self.mmr_lambda * scores / top - (1 - self.mmr_lambda) * redundancy
            value[~available] = -np.inf
            best = int(np.argmax(value))
            available[best] = False
            if any(
                says_same(similarity[best, c], token_sets[best], token_sets[c],
                          self.redundancy_threshold)
                for c in chosen
            ):
                continue
            if used + lengths[best] > words and chosen:
                continue
            chosen.append(best)
            used += lengths[best]
            if used >= words:
                break
        return chosen
