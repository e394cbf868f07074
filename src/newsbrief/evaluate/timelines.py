"""Timeline evaluation on Timeline17: date F1 and alignment-based ROUGE-1/2 per topic.

For each reference timeline with T dates and on average N sentences per date, newsbrief
builds a timeline of T dates with N sentences each: sentences are dated by the temporal
expressions they contain (resolved against their article's date, day granularity only);
dates are ranked by how many sentences refer to them; each date's sentences are summarised
by the centroid summariser. Scores:

* date F1 — chosen dates against the reference dates;
* AR-1 / AR-2 agreement — n-gram overlap counted only between entries of the same date
  (Martschat & Markert 2017, "agreement");
* AR-1 / AR-2 align (m:1) — each system date is matched to the nearest reference date and its
  overlap weighted by 1 / (1 + distance in days). A simplification of tilse's align+ m:1,
  which also chooses the alignment by content; published figures use that variant.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..summarise import get_summariser
from ..timeline.detect import find_expressions
from ..timeline.expressions import resolve
from .data import Cluster
from .harness import split_cluster
from .rouge import Rouge


@dataclass(frozen=True)
class TimelineScores:
    topic: str
    date_f1: float
    ar1_agree: float
    ar2_agree: float
    ar1_align: float
    ar2_align: float
    seconds: float


def dated_sentences(cluster: Cluster, documents: Sequence[Sequence[str]]) -> dict[dt.date, list[str]]:
    """Sentences grouped by the day they refer to (explicit expressions only)."""
    by_date: dict[dt.date, list[str]] = defaultdict(list)
    for document, sentences in zip(cluster.documents, documents, strict=True):
        if not document.date:
            continue
        base = dt.date.fromisoformat(document.date[:10])
        for sentence in sentences:
            days = set()
            for start, end in find_expressions(sentence):
                ref = resolve(sentence[start:end], base, sentence[:start])
                if ref is not None and ref.granularity == "day":
                    days.add(ref.date)
            for day in days:
                by_date[day].append(sentence)
    return by_date


def build_system_timeline(
    by_date: dict[dt.date, list[str]], dates: int, sentences_per_date: int
) -> dict[dt.date, list[str]]:
    ranked = sorted(by_date, key=lambda d: (-len(set(by_date[d])), d))[:dates]
    summariser = get_summariser("centroid")
    timeline = {}
    for day in ranked:
        unique = list(dict.fromkeys(by_date[day]))
        picks = summariser.select([unique], 10_000)[:sentences_per_date]
        timeline[day] = [unique[p.sentence] for p in picks]
    return timeline


def _grams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_timeline(
    system: dict[dt.date, list[str]], reference: dict[dt.date, list[str]], rouge: Rouge
) -> tuple[float, float, float, float, float]:
    """Date F1, AR-1/AR-2 agreement F1 and AR-1/AR-2 align (m:1) F1, in [0, 1]."""
    shared = len(set(system) & set(reference))
    date_f1 = _f1(shared / len(system) if system else 0.0, shared / len(reference) if reference else 0.0)
    sys_tokens = {d: rouge.tokens(" ".join(s)) for d, s in system.items()}
    ref_tokens = {d: rouge.tokens(" ".join(s)) for d, s in reference.items()}
    results = []
    for n in (1, 2):
        sys_grams = {d: _grams(t, n) for d, t in sys_tokens.items()}
        ref_grams = {d: _grams(t, n) for d, t in ref_tokens.items()}
        sys_total = sum(sum(g.values()) for g in sys_grams.values())
        ref_total = sum(sum(g.values()) for g in ref_grams.values())
        agree = sum(sum((sys_grams[d] & ref_grams[d]).values()) for d in sys_grams if d in ref_grams)
        align = 0.0
        for d, grams in sys_grams.items():
            if not ref_grams:
                break
            nearest = min(ref_grams, key=lambda r: (abs((r - d).days), r))
            weight = 1.0 / (1 + abs((nearest - d).days))
            align += weight * sum((grams & ref_grams[nearest]).values())
        results.append((
            _f1(agree / sys_total if sys_total else 0, agree / ref_total if ref_total else 0),
            _f1(align / sys_total if sys_total else 0, align / ref_total if ref_total else 0),
        ))
    return date_f1, results[0][0], results[1][0], results[0][1], results[1][1]


def evaluate_timelines(
    clusters: Iterable[Cluster], on_topic: Callable[[TimelineScores], None] | None = None
) -> list[TimelineScores]:
    from ..analyse.nlp import load_sentencizer

    rouge = Rouge()
    nlp = load_sentencizer()
    scores = []
    for cluster in clusters:
        start = time.perf_counter()
        documents = split_cluster(cluster, nlp)
        by_date = dated_sentences(cluster, documents)
        per_reference = []
        for timeline in cluster.timelines:
            reference: dict[dt.date, list[str]] = defaultdict(list)
            for day, text in timeline:
                reference[dt.date.fromisoformat(day)].append(text)
            n_sentences = sum(len(rouge_sentences(t)) for ts in reference.values() for t in ts)
            per_date = max(1, round(n_sentences / max(len(reference), 1)))
            system = build_system_timeline(by_date, len(reference), per_date)
            per_reference.append(score_timeline(system, reference, rouge))
        means = [sum(values) / len(values) for values in zip(*per_reference, strict=True)]
        result = TimelineScores(cluster.id, *means, seconds=time.perf_counter() - start)
        scores.append(result)
        if on_topic:
            on_topic(result)
    return scores


def rouge_sentences(text: str) -> list[str]:
    import re

    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def format_timeline_table(scores: Sequence[TimelineScores]) -> str:
    lines = [
        "| topic | date F1 | AR-1 agree | AR-2 agree | AR-1 align m:1 | AR-2 align m:1 | s/topic |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in scores:
        lines.append(f"| {s.topic} | {s.date_f1:.3f} | {s.ar1_agree:.3f} | {s.ar2_agree:.3f} | "
                     f"{s.ar1_align:.3f} | {s.ar2_align:.3f} | {s.seconds:.1f} |")
    if scores:
        n = len(scores)
        mean = [sum(getattr(s, f) for s in scores) / n for f in
                ("date_f1", "ar1_agree", "ar2_agree", "ar1_align", "ar2_align", "seconds")]
        lines.append(f"| **mean ({n} topics)** | {mean[0]:.3f} | {mean[1]:.3f} | {mean[2]:.3f} | "
                     f"{mean[3]:.3f} | {mean[4]:.3f} | {mean[5]:.1f} |")
    return "\n".join(lines)
