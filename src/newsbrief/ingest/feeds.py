"""RSS and Atom feeds (feedparser): one article per entry with its full content or summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..models import RawArticle, Skipped
from .base import Reader, Source


class FeedReader(Reader):
    name = "feed"
    suffixes = (".rss", ".atom")

    def read(self, source: Source, text: str) -> Iterator[RawArticle | Skipped]:
        import feedparser

        feed = feedparser.parse(text)
        outlet = feed.feed.get("title") or source.stem
        if not feed.entries:
            yield Skipped(source.origin, "ingest", "no entries in the feed")
            return
        for number, entry in enumerate(feed.entries, start=1):
            origin = f"{source.origin}#{number}"
            html = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
            body = _text(html)
            if not body:
                yield Skipped(origin, "ingest", "feed entry has no text")
                continue
            published = entry.get("published_parsed") or entry.get("updated_parsed")
            date = dt.date(*published[:3]) if published else None
            yield RawArticle(
                text=body, origin=origin, outlet=outlet, title=entry.get("title"), date=date,
                date_source="metadata" if date else None, url=entry.get("link"),
                given_id=entry.get("id"), reader=self.name,
            )


def _text(html: str) -> str:
    """Paragraphs of an entry's HTML as plain text (entries are fragments, not pages)."""
    if "<" not in html:
        return html.strip()
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    blocks = [p.text_content().strip() for p in root.xpath("//p|//li|//h1|//h2|//h3|//blockquote")]
    text = "\n\n".join(b for b in blocks if b) or root.text_content()
    return text.strip()


def looks_like_feed(head: str) -> bool:
    return "<rss" in head or ("<feed" in head and "atom" in head)
