"""Numbers as outlets write them, normalised to intervals so that hedges can agree.

"25,000", "25000" and "twenty-five thousand" are 25,000; "more than 50" is [50, 75] (news use:
a figure somewhat above the bound — "more than 20" and "more than 43" do not agree),
"about 50" is [45, 55], "as many as 25,000" is [22,500, 25,000] (news use: a figure near the
bound, not anything below it), "dozens" is [24, 99]. Two
values *agree* when their intervals meet, so "more than 50" and "about 50" agree (with a
note) and "25,000" and "20,000" conflict. No library found does vague quantities, so this
is hand-written: the word-number part is small and exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague plurals: "dozens of", "hundreds of", "thousands of".
VAGUE = {
    "dozen": (12, 12), "dozens": (24, 99), "scores": (40, 199), "hundreds": (200, 999),
    "thousands": (2_000, 9_999), "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999), "millions": (2_000_000, 9_999_999),
    "several": (3, 9), "a few": (2, 5), "a handful": (2, 6),
}
# Hedges, longest first: (pattern, kind).
HEDGES = [
    ("more than", "above"), ("over", "above"), ("upwards of", "above"), ("in excess of", "above"),
    ("at least", "at-least"), ("no fewer than", "at-least"), ("as many as", "at-most"),
    ("up to", "at-most"), ("at most", "at-most"), ("fewer than", "below"), ("less than", "below"),
    ("under", "below"), ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"),
    ("about", "about"), ("around", "about"), ("roughly", "about"), ("approximately", "about"),
    ("some", "about"), ("an estimated", "about"), ("estimated", "about"), ("circa", "about"),
    ("exactly", "exact"), ("just over", "above"), ("just under", "below"),
]
APPROXIMATE = 0.1  # "about 50" covers 45–55
ABOVE = 1.5  # "more than 50" / "at least 50" reach up to 75
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Value:
    """A number as an interval; ``exact`` when written as a plain figure."""

    low: float
    high: float
    hedge: str = "exact"

    @property
    def exact(self) -> bool:
        return self.hedge == "exact"

    def agrees(self, other: Value) -> bool:
        """True when the two intervals meet."""
        return self.low <= other.high and other.low <= self.high


def word_number(words: list[str]) -> float | None:
    """'twenty-five thousand' -> 25000; None unless every word is part of a number."""
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word == "and" and seen:
            continue
        if _DIGITS.match(word):
            current += float(word.replace(",", ""))
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            scale = SCALES[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_value(text: str) -> Value | None:
    """Parse "as many as 25,000", "about 50", "dozens", "twenty-five thousand", "1.5 million"."""
    phrase = text.lower().replace("-", " ").replace("\u2009", " ").strip(" .,;:")
    hedge = "exact"
    for pattern, kind in sorted(HEDGES, key=lambda h: -len(h[0])):
        if phrase.startswith(pattern + " "):
            hedge, phrase = kind, phrase[len(pattern) + 1:].strip()
            break
    for pattern, (low, high) in sorted(VAGUE.items(), key=lambda v: -len(v[0])):
        if phrase == pattern or phrase == pattern + " of":
            return Value(low, high, "vague" if hedge == "exact" else hedge)
    words = phrase.split()
    if not words or words in (["a"], ["an"]):
        return None
    number = word_number(words)
    if number is None:
        return None
    return _interval(number, hedge)


def _interval(number: float, hedge: str) -> Value:
    spread = max(number * APPROXIMATE, 1.0)
    match hedge:
        case "above":
            return Value(number, max(number * ABOVE, number + 2), hedge)
        case "at-least":
            return Value(number, max(number * ABOVE, number + 2), hedge)
        case "at-most":
            return Value(number - spread, number, hedge)
        case "below":
            return Value(0, number - 1e-9, hedge)
        case "nearly":
            return Value(number - spread, number, hedge)
        case "about":
            return Value(number - spread, number + spread, hedge)
    return Value(number, number, "exact")
