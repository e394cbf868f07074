"""Briefing every story of a store: this process against a Dask cluster of worker processes.

    python bench/bench_batch.py [FILE.jsonl …] [--workers 2] [--limit N]

Ingests the benchmark documents (default: DUC 2004 under ../shared/data) into a temporary
store, then runs `newsbrief brief-stories` on two copies of it in fresh processes — `--engine local`
and `--engine dask --workers N` (a LocalCluster, started inside the timed run) — and prints
stories, wall seconds and stories per second for each, how many stories each briefed, and
whether the two engines saved the same summaries. Nothing is written into the project.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsbrief.evaluate.data import read_clusters
from newsbrief.store import Store

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def summaries(db: Path) -> dict[int, list[str]]:
    with Store(db) as store:
        saved = {row.id: store.briefing(row.id) for row in store.stories()}
    return {i: [s["text"] for s in b["summary"]] for i, b in saved.items() if b is not None}


def run(db: Path, *options: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsbrief.cli", "brief-stories", "--db", str(db), "-q", *options],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[DATA / "duc2004_task2.jsonl"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="clusters per file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "articles.jsonl"
        with export.open("w", encoding="utf-8") as out:
            for path in args.paths:
                for cluster in read_clusters(path, args.limit):
                    for d in cluster.documents:
                        out.write(json.dumps({"id": d.id, "text": d.text, "date": d.date,
                                              "source": d.source}) + "\n")
        db = Path(tmp) / "news.db"
        subprocess.run([sys.executable, "-m", "newsbrief.cli", "ingest", str(export), "--db", str(db), "-q"],
                       check=True, stdout=subprocess.DEVNULL)
        with Store(db) as store:
            stories, articles = len(store.stories()), store.article_count()
        print(f"{articles} articles in {stories} stories ({', '.join(Path(p).name for p in args.paths)})")
        print("| engine | stories | seconds | stories/s |")
        print("|---|---|---|---|")
        copy = Path(tmp) / "copy.db"
        shutil.copy(db, copy)  # each engine starts from a store without briefings
        local = run(db, "--engine", "local")
        print(f"| local (this process) | {stories} | {local:.1f} | {stories / local:.2f} |")
        dask = run(copy, "--engine", "dask", "--workers", str(args.workers))
        print(f"| dask, LocalCluster of {args.workers} processes | {stories} | {dask:.1f} | "
              f"{stories / dask:.2f} |")
        here, there = summaries(db), summaries(copy)
        print(f"stories briefed: local {len(here)}, dask {len(there)}; same summaries: {here == there}")


if __name__ == "__main__":
    main()
