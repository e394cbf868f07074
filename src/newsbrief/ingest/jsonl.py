"""JSON and JSON Lines records: ``id``, ``title``, ``text``, ``date``, ``url``, ``source``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from urllib.parse import urlparse

from ..models import RawArticle, Skipped
from .base import Reader, Source


class JsonReader(Reader):
    name = "json"
    suffixes = (".jsonl", ".ndjson", ".json")

    def read(self, source: Source, text: str) -> Iterator[RawArticle | Skipped]:
        stripped = text.lstrip()
        if stripped.startswith("["):
            yield from self._read_array(source, stripped)
            return
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{source.origin}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                if number == 1 and stripped.startswith("{") and "\n" in stripped.rstrip():
                    yield from self._read_single(source, stripped)
                    return
                yield Skipped(where, "ingest", f"malformed JSON on line {number}: {exc.msg}")
                continue
            yield record_to_article(record, where, source)

    def _read_array(self, source: Source, text: str) -> Iterator[RawArticle | Skipped]:
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Skipped(source.origin, "ingest", f"malformed JSON: {exc}")
            return
        for index, record in enumerate(records):
            yield record_to_article(record, f"{source.origin}[{index}]", source)

    def _read_single(self, source: Source, text: str) -> Iterator[RawArticle | Skipped]:
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Skipped(source.origin, "ingest", f"malformed JSON: {exc}")
            return
        yield record_to_article(record, source.origin, source)


def in_memory_record(record: object, number: int) -> RawArticle | Skipped:
    """A record handed over in memory (Python API, web API), named ``record[N]`` by its position
    among the records given, so every warning points at the record the caller sent."""
    return record_to_article(record, f"record[{number}]", Source(f"record{number}", b""))


def record_to_article(record: object, where: str, source: Source) -> RawArticle | Skipped:
    """One record -> an article, or the reason it cannot be one."""
    if not isinstance(record, dict):
        return Skipped(where, "ingest", "JSON record is not an object")
    text = record.get("text") or record.get("body") or record.get("content")
    if not isinstance(text, str) or not text.strip():
        return Skipped(where, "ingest", "JSON record has no 'text'")
    url = record.get("url") if isinstance(record.get("url"), str) else None
    outlet = record.get("source") or record.get("outlet") or (urlparse(url).netloc if url else "")
    date = _parse_date(record.get("date"))
    record_id = record.get("id")
    return RawArticle(
        text=text.strip(),
        origin=where,
        outlet=str(outlet or source.stem),
        title=record.get("title") if isinstance(record.get("title"), str) else None,
        date=date,
        date_source="metadata" if date else None,
        url=url,
        given_id=str(record_id) if record_id not in (None, "") else None,
        reader="json",
    )


def _parse_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        pass
    from dateutil import parser

    try:
        return parser.parse(value).date()
    except (ValueError, OverflowError):
        return None
