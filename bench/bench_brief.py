"""Wall time and peak memory of `newsbrief brief`, process start included.

    python bench/bench_brief.py                      # seeds + 100 DUC 2004 articles
    python bench/bench_brief.py --seeds DIR --pool FILE.jsonl --articles 100 --runs 3

The 100-article run pools documents of the benchmark clusters (read from ../shared/data,
written to a temporary JSONL file, never into the project). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def run_once(inputs: list[str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one `newsbrief brief` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "newsbrief.cli", "brief", *inputs, "-q", "--format", "json"],
        check=True, stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def measure(label: str, inputs: list[str], runs: int) -> None:
    results = [run_once(inputs) for _ in range(runs)]
    times = [t for t, _ in results]
    print(f"{label:<28} median {statistics.median(times):6.2f} s   "
          f"min {min(times):6.2f} s   peak RSS {max(m for _, m in results):6.0f} MB   ({runs} runs)")


def pooled_articles(pool: Path, count: int, destination: Path) -> int:
    written = 0
    with pool.open() as source, destination.open("w") as out:
        for line in source:
            for document in json.loads(line)["documents"]:
                record = {"id": document["id"], "text": document["text"],
                          "date": document.get("date"), "source": document.get("source")}
                out.write(json.dumps(record) + "\n")
                written += 1
                if written == count:
                    return written
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    parser.add_argument("--pool", type=Path, default=SHARED / "data" / "duc2004_task2.jsonl")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {Path('/proc/cpuinfo').read_text().count('processor')} cpu(s)")
    measure("examples/harbour-bridge", [str(ROOT / "examples" / "harbour-bridge")], args.runs)
    if args.seeds.is_dir():
        measure("seeds (5 articles)", [str(args.seeds)], args.runs)
    if args.pool.is_file():
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "pool.jsonl"
            n = pooled_articles(args.pool, args.articles, target)
            measure(f"{n} pooled articles", [str(target)], args.runs)


if __name__ == "__main__":
    main()
