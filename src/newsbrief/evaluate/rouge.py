"""ROUGE with the ``rouge-score`` package, the same truncation and tokenisation for all systems.

rouge-score drops non-ASCII characters, so text is transliterated to ASCII first
("Guaidó" would otherwise become "guaid").
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from anyascii import anyascii

METRICS = ("rouge1", "rouge2", "rougeLsum")


def truncate(sentences: Sequence[str], words: int) -> list[str]:
    """Keep sentences in order until ``words`` words; cut the last one at the budget."""
    kept: list[str] = []
    used = 0
    for sentence in sentences:
        tokens = sentence.split()
        if used + len(tokens) > words:
            if words - used > 0:
                kept.append(" ".join(tokens[: words - used]))
            break
        kept.append(sentence)
        used += len(tokens)
    return kept


class Rouge:
    """Stemmed ROUGE-1/2/Lsum, mean over the references (F1 and recall)."""

    def __init__(self) -> None:
        from rouge_score import rouge_scorer

        self.scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)

    def score(self, summary: Sequence[str], references: Sequence[str]) -> dict[str, float]:
        prediction = "\n".join(anyascii(s) for s in summary)
        totals = {f"{m}_{k}": 0.0 for m in METRICS for k in ("f", "r")}
        for reference in references:
            result = self.scorer.score("\n".join(_reference_lines(anyascii(reference))), prediction)
            for metric in METRICS:
                totals[f"{metric}_f"] += result[metric].fmeasure
                totals[f"{metric}_r"] += result[metric].recall
        return {key: 100 * value / max(len(references), 1) for key, value in totals.items()}

    def tokens(self, text: str) -> list[str]:
        """rouge-score's own tokens (lower-case, stemmed): what the oracle optimises."""
        return self.scorer._tokenizer.tokenize(anyascii(text))


def _reference_lines(reference: str) -> list[str]:
    """rougeLsum wants one sentence a line; split references that arrive as one block."""
    lines = [line for line in reference.splitlines() if line.strip()]
    if len(lines) > 1:
        return lines
    import re

    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", reference) if s.strip()]


@dataclass(frozen=True)
class Interval:
    mean: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.mean:5.2f} ±{(self.high - self.low) / 2:4.2f}"


def bootstrap(values: Sequence[float], samples: int = 1000, seed: int = 0) -> Interval:
    """Mean with a 95% percentile bootstrap interval over clusters."""
    if not values:
        return Interval(float("nan"), float("nan"), float("nan"))
    rng = random.Random(seed)
    n = len(values)
    means = sorted(sum(rng.choices(values, k=n)) / n for _ in range(samples))
    return Interval(sum(values) / n, means[int(0.025 * samples)], means[int(0.975 * samples) - 1])
