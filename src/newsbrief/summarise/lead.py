"""Lead baseline: the first sentences of each document, round-robin."""

from __future__ import annotations

from .base import Documents, Pick, Summariser, word_count


class LeadSummariser(Summariser):
    """Round-robin over documents' opening sentences — the classic news baseline."""

    name = "lead"

    def __init__(self, min_words: int = 6) -> None:
        self.min_words = min_words

    def select(self, documents: Documents, words: int) -> list[Pick]:
        queues = [
            [i for i, s in enumerate(doc) if word_count(s) >= self.min_words] for doc in documents
        ]
        picks: list[Pick] = []
        used = 0
        depth = 0
        while any(depth < len(q) for q in queues):
            for number, queue in enumerate(queues):
                if depth < len(queue):
                    index = queue[depth]
                    length = word_count(documents[number][index])
                    if used + length > words and picks:
                        return picks
                    picks.append(Pick(number, index))
                    used += length
            depth += 1
        return picks
