"""Conflict detection on perturbed benchmark clusters (see newsbrief/evaluate/conflicts.py).

    python bench/bench_conflicts.py [FILE.jsonl …] [--limit N]

Defaults to DUC 2004 and DUC 2003 under ../shared/data. Prints one table; asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from itertools import chain
from pathlib import Path

from newsbrief.evaluate.conflicts import DETECTORS, evaluate_conflicts, format_table
from newsbrief.evaluate.data import read_clusters

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    defaults = [DATA / "duc2004_task2.jsonl", DATA / "duc2003_task2.jsonl"]
    parser.add_argument("paths", nargs="*", default=defaults)
    parser.add_argument("--limit", type=int, default=None, help="clusters per file")
    args = parser.parse_args()
    clusters = chain.from_iterable(read_clusters(p, args.limit) for p in args.paths)
    start = time.perf_counter()
    scores, changes = evaluate_conflicts(clusters, list(DETECTORS))
    print(format_table(scores))
    print(f"{len(changes)} perturbed clusters, {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
