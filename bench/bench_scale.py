"""Ingest speed and peak memory at growing stream sizes (synthetic but realistic articles).

    python bench/bench_scale.py [--sizes 1000,10000,100000]

Articles are made by recombining real benchmark sentences (../shared/data): each synthetic
story draws its sentences from one benchmark cluster, with a couple from other clusters
mixed in, and has 2–8 articles spread over a few days; stories follow each other in time,
so old ones retire. Each size runs `newsbrief ingest` in a fresh process on a fresh store and
prints articles/second and the process's peak memory. Nothing is written into the project.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsbrief.evaluate.data import read_clusters

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def pools() -> list[list[str]]:
    """Sentences of every benchmark cluster, one list per cluster."""
    found = []
    for name in ("duc2004_task2.jsonl", "duc2003_task2.jsonl", "multinews_val250.jsonl"):
        for cluster in read_clusters(DATA / name):
            sentences = [s.strip() for d in cluster.documents for s in _SENTENCE.split(d.text)
                         if 8 <= len(s.split()) <= 60]
            if len(sentences) >= 20:
                found.append(sentences)
    return found


def write_stream(folder: Path, size: int, sentences: list[list[str]], seed: int = 0) -> None:
    """JSONL files of 1,000 articles each, as an export or a daily crawl comes (a reader holds
    one file in memory at a time, so one huge file would measure the file, not the store)."""
    rng = random.Random(seed)
    day = dt.date(2020, 1, 1)
    written = 0
    folder.mkdir()
    out = None
    story = 0
    try:
        while written < size:
            story += 1
            own = rng.choice(sentences)
            for _ in range(min(rng.randint(2, 8), size - written)):
                if written % 1000 == 0:
                    if out:
                        out.close()
                    out = (folder / f"part-{written // 1000:05d}.jsonl").open("w", encoding="utf-8")
                body = rng.sample(own, min(8, len(own))) + rng.sample(rng.choice(sentences), 2)
                rng.shuffle(body)
                date = day + dt.timedelta(days=rng.randint(0, 3))
                record = {"id": f"s{story}-{written}", "source": f"outlet{rng.randint(1, 40)}",
                          "date": date.isoformat(), "title": body[0][:80], "text": "\n\n".join(body)}
                out.write(json.dumps(record) + "\n")
                written += 1
            if story % 20 == 0:
                day += dt.timedelta(days=1)
    finally:
        if out:
            out.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    sentences = pools()
    print("| articles | seconds | articles/s | peak RSS (MB) | stories |")
    print("|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            feed, db = Path(tmp) / "stream", Path(tmp) / "store.db"
            write_stream(feed, size, sentences)
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "newsbrief.cli", "ingest", str(feed), "--db", str(db), "-q"],
                capture_output=True, text=True, check=True,
            )
            seconds = time.perf_counter() - start
            peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
            stories = result.stdout.rsplit(";", 1)[-1].split()[0]
            print(f"| {size:,} | {seconds:.1f} | {size / seconds:.0f} | {peak:.0f} | {stories} |", flush=True)


if __name__ == "__main__":
    main()
