"""WARC files (web archives, read with warcio): every archived HTML response is a page."""

from __future__ import annotations

import io
from collections.abc import Iterator

from ..models import RawArticle, Skipped
from .base import Source
from .html import HtmlReader


def is_warc(source: Source) -> bool:
    name = source.origin.split("?")[0].lower()
    return name.endswith((".warc", ".warc.gz"))


def read_warc(source: Source) -> Iterator[RawArticle | Skipped]:
    """Each ``response`` record with an HTML payload goes to the HTML reader; anything else in
    the archive (images, scripts, requests) is not an article and is passed over silently,
    but a damaged archive is reported."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    html = HtmlReader()
    found = 0
    try:
        for record in ArchiveIterator(io.BytesIO(source.data)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if "html" not in (record.http_headers.get_header("Content-Type") or ""):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"record{found}"
            payload = record.content_stream().read()
            text = payload.decode(_charset(record.http_headers.get_header("Content-Type")), errors="replace")
            found += 1
            yield from html.read(Source(uri, payload, explicit=False, media_type="text/html"), text)
    except ArchiveLoadFailed as exc:
        yield Skipped(source.origin, "ingest", f"not a readable WARC archive ({exc})")
        return
    if not found:
        yield Skipped(source.origin, "ingest", "no HTML pages in the WARC archive")


def _charset(content_type: str | None) -> str:
    if content_type and "charset=" in content_type:
        charset = content_type.split("charset=")[-1].split(";")[0].strip().strip('"')
        try:
            "".encode(charset)
            return charset
        except LookupError:
            pass
    return "utf-8"
