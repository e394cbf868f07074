"""Fact alignment on labelled stories (newsbrief/evaluate/facts.py), then conflict detection
on hand-annotated and on perturbed benchmark clusters (newsbrief/evaluate/conflicts.py).

    python bench/bench_conflicts.py [FILE.jsonl …] [--limit N] [--pick first|last] [--show]
    python bench/bench_conflicts.py --dates [FILE.jsonl …]

Defaults to DUC 2004 and DUC 2003 under ../shared/data. Prints one table; asserts nothing.
``--dates`` instead briefs each cluster whole, lists the date conflicts it reports, then, in
each cluster, changes the weekday that two outlets' sentences of one fact share (in one of
them) and counts the changes reported as a date conflict.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Iterable
from itertools import chain
from pathlib import Path

from newsbrief.evaluate.conflicts import DETECTORS, evaluate_annotated, evaluate_conflicts, format_table
from newsbrief.evaluate.data import Cluster, read_clusters
from newsbrief.evaluate.facts import evaluate_alignment, format_alignment
from newsbrief.models import Citation, Conflict, Fact
from newsbrief.pipeline import Pipeline

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    defaults = [DATA / "duc2004_task2.jsonl", DATA / "duc2003_task2.jsonl"]
    parser.add_argument("paths", nargs="*", default=defaults)
    parser.add_argument("--limit", type=int, default=None, help="clusters per file")
    parser.add_argument("--show", action="store_true",
                        help="print the conflicts newsbrief finds on the unperturbed clusters")
    parser.add_argument("--pick", choices=["first", "last"], default="first",
                        help="change the first figure two documents share (default) or the last "
                             "other one: a second, independent set of test cases")
    parser.add_argument("--annotated", default=Path(__file__).parent / "data" / "conflicts.jsonl",
                        help="hand-annotated fictional clusters (bench/data/conflicts.jsonl)")
    parser.add_argument("--facts", default=Path(__file__).parent / "data" / "facts.jsonl",
                        help="hand-labelled fictional stories for fact alignment (bench/data/facts.jsonl)")
    parser.add_argument("--dates", action="store_true",
                        help="date conflicts on whole briefings, and changed weekdays (see above)")
    args = parser.parse_args()
    clusters = chain.from_iterable(read_clusters(p, args.limit) for p in args.paths)
    if args.dates:
        check_dates(clusters)
        return
    start = time.perf_counter()
    print("fact alignment and corroboration counts (bench/data/facts.jsonl):")
    print(format_alignment(evaluate_alignment(args.facts)))
    annotated, mistakes = evaluate_annotated(args.annotated)
    print(f"annotated clusters: {annotated.clusters}, gold conflicts {annotated.gold}, reported "
          f"{annotated.reported}, correct {annotated.correct}: precision {annotated.precision:.3f}, "
          f"recall {annotated.recall:.3f}")
    for line in mistakes:
        print("   ", line)

    def show(cluster: str, conflict: Conflict) -> None:
        sides = " || ".join(f"{s.value}: {s.text[:100]}" for s in conflict.sides)
        print(f"ORIGINAL {cluster} [{conflict.subject}] {sides}")

    scores, changes = evaluate_conflicts(clusters, list(DETECTORS), on_original=show if args.show else None,
                                         pick=args.pick)
    print(format_table(scores))
    print(f"{len(changes)} perturbed clusters, {time.perf_counter() - start:.0f} s")


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")


def check_dates(clusters: Iterable[Cluster]) -> None:
    pipeline = Pipeline()
    reported = changes = hits = 0
    start = time.perf_counter()
    for cluster in clusters:
        documents = [{"source": d.source or d.id, "date": d.date, "text": d.text} for d in cluster.documents]
        briefing = pipeline.brief(documents)
        before = [c for c in briefing.conflicts if c.kind == "date"]
        for conflict in before:
            sides = " || ".join(f"{s.value}: {s.text[:90]}" for s in conflict.sides)
            print(f"ORIGINAL {cluster.id} {sides}")
        reported += len(before)
        change = _shared_weekday(briefing.facts)
        if change is None:
            continue
        old, text = change
        new = WEEKDAYS[(WEEKDAYS.index(old) + 2) % 7]
        changed = text.replace(old, new)
        which = next((i for i, d in enumerate(documents) if text in d["text"]), None)
        if which is None:
            continue
        documents[which] = dict(documents[which], text=documents[which]["text"].replace(text, changed))
        after = pipeline.brief(documents)
        hit = any(c.kind == "date" and any(s.text == changed for s in c.sides) for c in after.conflicts)
        changes += 1
        hits += hit
        print(f"CHANGED {cluster.id} {old} -> {new}: {'reported' if hit else 'missed'} | {changed[:90]}")
    print(f"date conflicts on the clusters as they are: {reported}")
    print(f"changed weekdays: {changes}, reported as a date conflict: {hits}; "
          f"{time.perf_counter() - start:.0f} s")


def _shared_weekday(facts: Iterable[Fact]) -> tuple[str, str] | None:
    """The first fact in which sentences of two articles name the same single weekday:
    that weekday and the second sentence."""
    for fact in facts:
        if len(fact.outlets) < 2:
            continue
        by_day: dict[str, list[Citation]] = {}
        for citation in fact.citations:
            days = _WEEKDAY.findall(citation.text)
            if len(days) == 1:
                by_day.setdefault(days[0], []).append(citation)
        for day, citations in by_day.items():
            if len({c.article for c in citations}) >= 2:
                return day, citations[1].text
    return None


if __name__ == "__main__":
    main()
