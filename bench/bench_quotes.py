"""Quote detection and attribution on the annotated set, newsbrief beside textacy.

    python bench/bench_quotes.py [bench/data/quotes.jsonl] [--misses]

Prints one table (precision/recall of detection and of attribution, total seconds);
``--misses`` lists, for newsbrief, each gold quote it missed or attributed wrongly.
textacy comes with the bench extra (pip install -e '.[bench]').
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsbrief.evaluate.quotes import (
    format_table,
    newsbrief_quotes,
    quotes_match,
    read_passages,
    same_speaker,
    score,
    textacy_quotes,
)

DEFAULT = Path(__file__).parent / "data" / "quotes.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("path", nargs="?", default=DEFAULT)
    parser.add_argument("--misses", action="store_true", help="list newsbrief's misses")
    args = parser.parse_args()
    passages = read_passages(args.path)
    rows = []
    systems = {"newsbrief": newsbrief_quotes}
    try:
        import textacy  # noqa: F401

        systems["textacy"] = textacy_quotes
    except ImportError:
        print("textacy is not installed (pip install -e '.[bench]'): its row is left out")
    outputs = {}
    for name, factory in systems.items():
        run = factory()
        run(passages[0])  # warm up: model load is not counted
        start = time.perf_counter()
        outputs[name] = [run(p) for p in passages]
        rows.append(score(name, outputs[name], passages, time.perf_counter() - start))
    print(format_table(rows, passages))
    if args.misses:
        for passage, found in zip(passages, outputs["newsbrief"], strict=True):
            for gold in passage.gold:
                match = next((f for f in found if quotes_match(f.text, gold.text)), None)
                if match is None:
                    print(f"MISSED   {passage.id} ({passage.construction}): {gold.text!r}")
                elif not same_speaker(match.speaker, gold.speaker) and (match.speaker or gold.speaker):
                    print(f"SPEAKER  {passage.id} ({passage.construction}): {match.speaker!r} "
                          f"for {gold.speaker!r}")
            for extra in found:
                if not any(quotes_match(extra.text, g.text) for g in passage.gold):
                    print(f"EXTRA    {passage.id}: {extra.text!r} ({extra.speaker!r})")


if __name__ == "__main__":
    main()
