"""Plain-text articles, as the seed files are written.

Recognised header forms: a leading `` date YYYY-MM-DD`` marker, a headline line, and a dateline
line such as ``Thursday, 02 May, 2019``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..clean.rules import looks_like_caption
from ..models import RawArticle, Skipped
from .base import Reader, Source

_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_TERMINAL = re.compile(r"[.!?:;,]['\"’”)]*$")
MAX_HEADLINE_WORDS = 25


class TextReader(Reader):
    name = "text"
    suffixes = (".txt", ".text", ".md")

    def read(self, source: Source, text: str) -> Iterator[RawArticle | Skipped]:
        date, date_source = None, None
        marker = _MARKER.match(text)
        if marker:
            date = _iso_date(marker.group(1))
            date_source = "marker" if date else None
            text = text[marker.end():]
        lines = text.strip().splitlines()
        title = None
        if lines and is_headline(lines[0]):
            title = lines.pop(0).strip()
        for index, line in enumerate(lines[:4]):
            dateline = parse_dateline(line)
            if dateline:
                del lines[index]
                if date is None:
                    date, date_source = dateline, "dateline"
                break
        yield RawArticle(
            text="\n".join(lines).strip(),
            origin=source.origin,
            outlet=source.stem,
            title=title,
            date=date,
            date_source=date_source,
            reader=self.name,
        )


def is_headline(line: str) -> bool:
    """A short first line without sentence-final punctuation that is not a caption."""
    stripped = line.strip()
    words = stripped.split()
    if not words or len(words) > MAX_HEADLINE_WORDS:
        return False
    return not _TERMINAL.search(stripped) and not looks_like_caption(stripped)


def parse_dateline(line: str) -> dt.date | None:
    """A line that is only a date with a year ("Thursday, 02 May, 2019") -> that date."""
    stripped = line.strip()
    if not stripped or len(stripped.split()) > 6 or not _YEAR.search(stripped):
        return None
    from dateutil import parser

    try:
        return parser.parse(stripped, fuzzy=False).date()
    except (ValueError, OverflowError):
        return None


def _iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
