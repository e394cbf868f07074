"""Find temporal expressions in a sentence: spaCy's DATE entities plus patterns it misses.

spaCy's small English model tags most dates, but not reliably "late Wednesday", "May Day" or
a weekday at the start of a sentence, so a few patterns back it up; overlapping finds are
merged, keeping the longer span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
PATTERNS = re.compile(
    "|".join([
        rf"\b(?:(?:late|early|last|next|this)\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b",
        rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b",
        rf"\b\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?\b",
        rf"\b(?:(?:in|since|during|early|late|mid-?)\s+){_MONTH}(?:\s+\d{{4}})?\b",
        r"\b(?:yesterday|today|tonight|tomorrow|last night)\b",
        r"\b(?:earlier|later)?\s*(?:this|last|next)\s+(?:week|month|year)\b",
        r"\bMay Day\b|\bChristmas(?: Day| Eve)?\b|\bNew Year's (?:Day|Eve)\b",
        r"\b(?:in|since)\s+(?:19|20)\d\d\b",
    ])
)


def find_expressions(sentence: str, entity_spans: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Character spans of temporal expressions in ``sentence`` (relative to it), in order."""
    spans = [(m.start(), m.end()) for m in PATTERNS.finditer(sentence)]
    spans += [span for span in entity_spans if span[1] > span[0]]
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
            continue
        merged.append((start, end))
    return [(s, e) for s, e in merged if sentence[s:e].strip()]
