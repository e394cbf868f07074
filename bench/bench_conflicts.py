"""Fact alignment on labelled stories (newsbrief/evaluate/facts.py), then conflict detection
on hand-annotated and on perturbed benchmark clusters (newsbrief/evaluate/conflicts.py).

    python bench/bench_conflicts.py [FILE.jsonl …] [--limit N] [--pick first|last] [--show]

Defaults to DUC 2004 and DUC 2003 under ../shared/data. Prints one table; asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from itertools import chain
from pathlib import Path

from newsbrief.evaluate.conflicts import DETECTORS, evaluate_annotated, evaluate_conflicts, format_table
from newsbrief.evaluate.data import read_clusters
from newsbrief.evaluate.facts import evaluate_alignment, format_alignment
from newsbrief.models import Conflict

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
    args = parser.parse_args()
    clusters = chain.from_iterable(read_clusters(p, args.limit) for p in args.paths)
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


if __name__ == "__main__":
    main()
