"""Page and API latency of `newsbrief serve` over a fresh store (examples + seeds when present).

    python bench/bench_serve.py [INPUT …] [--repeat 5]

Ingests the inputs into a temporary store, starts `newsbrief serve` in a subprocess on a free
port, and prints, per story, the first visit of its page (the briefing is computed and saved)
and the median of later visits (the saved briefing), then the stories list, the JSON API and
an upload of the harbour-bridge example. Asserts nothing.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from newsbrief.store import Store
from newsbrief.store.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT / "examples", ROOT.parent / "shared" / "seeds"]
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def timed(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[float, int]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    start = time.perf_counter()
    with OPENER.open(request, timeout=120) as response:
        size = len(response.read())
    return time.perf_counter() - start, size


def multipart(paths: list[Path]) -> tuple[bytes, str]:
    boundary = "newsbrief-bench-boundary"
    parts = [
        (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{p.name}"\r\n'
         "Content-Type: application/octet-stream\r\n\r\n").encode() + p.read_bytes() + b"\r\n"
        for p in paths
    ]
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("inputs", nargs="*", type=Path, default=[p for p in DEFAULT if p.exists()])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "news.db"
        with Store(db) as store:
            ingest(store, [str(p) for p in args.inputs])
            stories = store.stories()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "newsbrief.cli", "serve", "--db", str(db),
                                   "--port", str(port)], stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    timed(f"{base}/api/stories")
                    break
                except OSError:
                    time.sleep(0.1)
            print("| request | first (s) | later, median (s) | bytes |")
            print("|---|---|---|---|")
            for story in stories:
                first, size = timed(f"{base}/stories/{story.id}")
                later = statistics.median(timed(f"{base}/stories/{story.id}")[0] for _ in range(args.repeat))
                label = f"story {story.id} page ({story.size} articles: {(story.title or '')[:40]})"
                print(f"| {label} | {first:.3f} | {later:.4f} | {size:,} |")
            for path in ("/", "/api/stories", f"/api/stories/{stories[0].id}/briefing"):
                runs = [timed(base + path) for _ in range(args.repeat + 1)]
                print(f"| GET {path} | {runs[0][0]:.4f} | {statistics.median(r[0] for r in runs[1:]):.4f} "
                      f"| {runs[0][1]:,} |")
            body, kind = multipart(sorted((ROOT / "examples" / "harbour-bridge").iterdir()))
            runs = [timed(f"{base}/brief", body, {"Content-Type": kind}) for _ in range(args.repeat)]
            print(f"| POST /brief (5 harbour-bridge files, {len(body):,} bytes) | {runs[0][0]:.3f} "
                  f"| {statistics.median(r[0] for r in runs[1:]):.3f} | {runs[0][1]:,} |")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
