"""HTML pages: trafilatura finds the main text, title, date and site name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..models import RawArticle, Skipped
from .base import Reader, Source


class HtmlReader(Reader):
    name = "html"
    suffixes = (".html", ".htm", ".xhtml")

    def read(self, source: Source, text: str) -> Iterator[RawArticle | Skipped]:
        import trafilatura

        document = trafilatura.bare_extraction(
            text,
            url=source.origin if source.origin.startswith("http") else None,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
        )
        body = getattr(document, "text", None) if document is not None else None
        if not body or not body.strip():
            yield Skipped(source.origin, "ingest", "no article text found in the HTML page")
            return
        date = _iso_date(getattr(document, "date", None))
        yield RawArticle(
            text=body.strip(),
            origin=source.origin,
            outlet=getattr(document, "sitename", None) or source.stem,
            title=getattr(document, "title", None),
            date=date,
            date_source="metadata" if date else None,
            url=getattr(document, "url", None),
            reader=self.name,
        )


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
