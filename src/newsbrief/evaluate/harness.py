"""Run several summarisers on the same benchmark clusters and print one ROUGE table."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..analyse import paragraph_spans
from ..analyse.nlp import load_sentencizer
from ..clean import clean_text
from .data import Cluster
from .rouge import METRICS, Interval, Rouge, bootstrap, truncate
from .systems import get_system, oracle_system

_WORDISH = re.compile(r"[A-Za-z]{2,}")
MIN_SENTENCE_WORDS = 3


def budget_for(cluster: Cluster) -> tuple[int, str]:
    """Word budget and headline measure by dataset, as in the literature."""
    if cluster.dataset.lower().startswith("multi"):
        return 230, "f"
    return 100, "r"


def split_cluster(cluster: Cluster, nlp) -> list[list[str]]:
    """Cleaned as newsbrief cleans an article (captions, embeds, prompts, repeated paragraphs
    removed), then paragraphs, then sentences; the same split is given to every system."""
    documents: list[list[str]] = []
    for document in cluster.documents:
        text = clean_text(document.text.replace("``", '"').replace("''", '"')).text
        paragraphs = [text[start:end] for start, end in paragraph_spans(text)]
        sentences = [
            sent.text.strip()
            for doc in nlp.pipe(paragraphs, batch_size=32)
            for sent in doc.sents
            if len(_WORDISH.findall(sent.text)) >= MIN_SENTENCE_WORDS
        ]
        documents.append(sentences)
    return documents


@dataclass
class SystemResult:
    name: str
    scores: dict[str, list[float]] = field(default_factory=lambda: {})
    seconds: list[float] = field(default_factory=list)

    def add(self, scores: dict[str, float], seconds: float) -> None:
        for key, value in scores.items():
            self.scores.setdefault(key, []).append(value)
        self.seconds.append(seconds)

    def interval(self, key: str) -> Interval:
        return bootstrap(self.scores.get(key, []))


def evaluate(
    clusters: Iterable[Cluster],
    systems: Sequence[str],
    *,
    words: int | None = None,
    on_cluster: Callable[[int, Cluster], None] | None = None,
) -> tuple[list[SystemResult], int]:
    """Score every system on every cluster; returns per-system results and the budget used."""
    rouge = Rouge()
    nlp = load_sentencizer()
    runners = {name: (oracle_system(rouge) if name == "oracle" else get_system(name)) for name in systems}
    results = {name: SystemResult(name) for name in systems}
    budget = words or 100
    for number, cluster in enumerate(clusters, start=1):
        budget = words or budget_for(cluster)[0]
        documents = split_cluster(cluster, nlp)
        for name, runner in runners.items():
            start = time.perf_counter()
            if name == "oracle":
                output = runner(documents, budget, cluster.summaries)
            else:
                output = runner(documents, budget)
            seconds = time.perf_counter() - start
            summary = truncate(output, budget)
            results[name].add(rouge.score(summary, cluster.summaries), seconds)
        if on_cluster:
            on_cluster(number, cluster)
    return list(results.values()), budget


def format_table(results: Sequence[SystemResult], *, title: str, headline: str = "r") -> str:
    """One table: R1/R2/RLsum F1 and recall as mean ±95% CI half-width, seconds per cluster."""
    columns = [(f"{m}_{k}", f"{label}-{k.upper()}") for m, label in
               zip(METRICS, ("R1", "R2", "RLsum"), strict=True) for k in ("f", "r")]
    header = f"| system | {' | '.join(label for _, label in columns)} | s/cluster |"
    lines = [f"### {title}", "", header, "|---" * (len(columns) + 2) + "|"]
    key = f"rouge2_{headline}"
    for result in sorted(results, key=lambda r: -r.interval(key).mean):
        cells = " | ".join(str(result.interval(k)) for k, _ in columns)
        mean_seconds = sum(result.seconds) / max(len(result.seconds), 1)
        lines.append(f"| {result.name} | {cells} | {mean_seconds:.3f} |")
    n = len(results[0].seconds) if results else 0
    lines.append("")
    lines.append(f"{n} clusters; mean ±95% bootstrap half-width; sorted by R2-{headline.upper()}.")
    return "\n".join(lines)
