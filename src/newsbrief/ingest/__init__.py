"""Ingest: inputs -> raw articles, one reader per format behind one interface."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path, PurePath
from typing import BinaryIO

from ..errors import InputError, unknown
from ..models import RawArticle, Skipped
from .base import Reader, Source, decode
from .feeds import FeedReader, looks_like_feed
from .html import HtmlReader
from .jsonl import JsonReader
from .sources import iter_sources
from .text import TextReader
from .warc import is_warc, read_warc

READERS: dict[str, Reader] = {
    reader.name: reader for reader in (TextReader(), HtmlReader(), JsonReader(), FeedReader())
}

__all__ = ["READERS", "Reader", "Source", "get_reader", "ingest", "read_source"]


def get_reader(name: str) -> Reader:
    """The registered reader called ``name``; the error lists the valid names."""
    try:
        return READERS[name]
    except KeyError:
        raise unknown("reader", name, list(READERS)) from None


def choose_reader(source: Source, text: str) -> Reader:
    """Pick a reader by file suffix, then Content-Type, then by sniffing the text."""
    suffix = PurePath(source.origin.split("?")[0]).suffix.lower()
    for reader in READERS.values():
        if suffix and suffix in reader.suffixes:
            return reader
    media = source.media_type or ""
    if "html" in media:
        return READERS["html"]
    if "json" in media:
        return READERS["json"]
    head = text.lstrip()[:512].lower()
    if looks_like_feed(head):
        return READERS["feed"]
    if head.startswith(("<!doctype html", "<html")) or "<body" in head or "<p>" in head:
        return READERS["html"]
    if head.startswith(("{", "[")):
        return READERS["json"]
    return READERS["text"]


def read_source(source: Source) -> Iterator[RawArticle | Skipped]:
    """Decode one source and hand it to its reader; decoding problems follow ``explicit``."""
    if is_warc(source):  # binary, possibly gzipped: read as records, not as text
        yield from read_warc(source)
        return
    try:
        text = decode(source)
    except InputError as exc:
        if source.explicit:
            raise
        yield Skipped(source.origin, "ingest", str(exc).removeprefix(f"{source.origin}: "))
        return
    yield from choose_reader(source, text).read(source, text)


def ingest(
    inputs: Sequence[str | Path],
    *,
    max_bytes: int = 2_000_000,
    url_timeout: float = 10.0,
    stdin: BinaryIO | None = None,
) -> tuple[list[RawArticle], list[Skipped]]:
    """Read every input; return the raw articles and everything skipped, with reasons."""
    articles: list[RawArticle] = []
    skipped: list[Skipped] = []
    for item in iter_sources(inputs, max_bytes=max_bytes, url_timeout=url_timeout, stdin=stdin):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        for result in read_source(item):
            (skipped if isinstance(result, Skipped) else articles).append(result)
    return articles, skipped
