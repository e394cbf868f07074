"""The systems an evaluation compares: newsbrief's summarisers, sumy's peers, a ROUGE oracle.

Every system maps ``(documents as lists of sentences, word budget)`` to sentences in order;
the harness then truncates every output to the budget the same way. Systems may overfill:
newsbrief's are asked for ``budget + FILL_SLACK`` words, sumy's for enough sentences.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

from ..errors import NewsbriefError, unknown
from ..summarise import SUMMARISERS, Summariser, get_summariser
from .rouge import Rouge

System = Callable[[Sequence[Sequence[str]], int], list[str]]
FILL_SLACK = 20
SUMY_METHODS = {
    "lexrank": ("sumy.summarizers.lex_rank", "LexRankSummarizer"),
    "textrank": ("sumy.summarizers.text_rank", "TextRankSummarizer"),
    "lsa": ("sumy.summarizers.lsa", "LsaSummarizer"),
    "kl": ("sumy.summarizers.kl", "KLSummarizer"),
    "luhn": ("sumy.summarizers.luhn", "LuhnSummarizer"),
}


def newsbrief_system(summariser: str | Summariser) -> System:
    """A newsbrief summariser (by name, or an instance, e.g. one with its own concept model)."""
    if isinstance(summariser, str):
        summariser = get_summariser(summariser)

    def run(documents: Sequence[Sequence[str]], words: int) -> list[str]:
        picks = summariser.select(documents, words + FILL_SLACK)
        return [documents[p.document][p.sentence] for p in picks]

    return run


class _Tokenizer:
    """sumy's tokenizer interface without NLTK data: our sentences, a regex for words."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        import re

        return tuple(re.findall(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*", sentence))


def sumy_system(method: str) -> System:
    """A sumy summariser over newsbrief's sentence split (the same split for every system)."""
    try:
        import importlib

        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
        from sumy.nlp.stemmers import Stemmer
        from sumy.utils import get_stop_words
    except ImportError:
        raise NewsbriefError(
            f"system sumy-{method} needs the benchmark extra: pip install -e '.[bench]'"
        ) from None
    module, cls = SUMY_METHODS[method]
    summarizer = getattr(importlib.import_module(module), cls)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = _Tokenizer()

    def run(documents: Sequence[Sequence[str]], words: int) -> list[str]:
        sentences = [Sentence(s, tokenizer) for doc in documents for s in doc]
        if not sentences:
            return []
        texts = {id(s): s._text for s in sentences}
        model = ObjectDocumentModel([
            Paragraph([s for s in sentences[start:start + len(doc)]])
            for start, doc in zip(_starts(documents), documents, strict=True) if doc
        ])
        mean = sum(len(t.split()) for t in texts.values()) / len(texts)
        count = max(1, math.ceil(words / max(mean, 1.0)))
        while True:
            chosen = summarizer(model, count)
            total = sum(len(str(s).split()) for s in chosen)
            if total >= words or count >= len(sentences):
                return [str(s) for s in chosen]
            count += max(1, math.ceil((words - total) / max(mean, 1.0)))

    return run


def _starts(documents: Sequence[Sequence[str]]) -> list[int]:
    starts, position = [], 0
    for doc in documents:
        starts.append(position)
        position += len(doc)
    return starts


def oracle_system(rouge: Rouge) -> Callable[[Sequence[Sequence[str]], int, Sequence[str]], list[str]]:
    """Greedy oracle: add the sentence that most raises ROUGE-1 + ROUGE-2 recall (upper bound)."""

    def grams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
        return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))

    def run(documents: Sequence[Sequence[str]], words: int, references: Sequence[str]) -> list[str]:
        refs = [[grams(rouge.tokens(r), n) for n in (1, 2)] for r in references]
        candidates = [s for doc in documents for s in doc]
        tokens = [rouge.tokens(s) for s in candidates]
        chosen: list[int] = []
        summary_tokens: list[str] = []
        best_score = 0.0
        while len(" ".join(candidates[i] for i in chosen).split()) < words:
            best, best_gain = None, 0.0
            for index, sentence_tokens in enumerate(tokens):
                if index in chosen or not sentence_tokens:
                    continue
                trial = summary_tokens + sentence_tokens
                score = _recall(trial, refs, grams)
                if score - best_score > best_gain:
                    best, best_gain = index, score - best_score
            if best is None:
                break
            chosen.append(best)
            summary_tokens += tokens[best]
            best_score += best_gain
        return [candidates[i] for i in chosen]

    return run


def _recall(tokens: list[str], refs, grams) -> float:
    total = 0.0
    for ref_grams in refs:
        for n, ref in zip((1, 2), ref_grams, strict=True):
            mine = grams(tokens, n)
            overlap = sum(min(count, mine[g]) for g, count in ref.items())
            total += overlap / max(sum(ref.values()), 1)
    return total / max(len(refs), 1)


def available_systems() -> list[str]:
    return [*sorted(SUMMARISERS), *(f"sumy-{m}" for m in SUMY_METHODS), "oracle"]


def get_system(name: str) -> System:
    if name in SUMMARISERS:
        return newsbrief_system(name)
    if name.startswith("sumy-") and name[5:] in SUMY_METHODS:
        return sumy_system(name[5:])
    raise unknown("system", name, available_systems())
