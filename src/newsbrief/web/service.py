"""What the pages and the JSON API share: stories from the store, briefings built once.

Every request opens its own ``Store`` (SQLite connections stay in their thread); the spaCy
pipeline is loaded once and used by one briefing at a time.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..ingest import read_source
from ..ingest.base import Source
from ..ingest.jsonl import in_memory_record
from ..models import Notice, RawArticle, Skipped
from ..pipeline import Pipeline
from ..render.json import to_dict
from ..settings import Settings
from ..store import Store, StoryRow, open_store

PASTE_SEPARATOR = re.compile(r"^\s*-{3,}\s*$", re.MULTILINE)
ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"  # only this form: lax parsers read "0.0" or "20190430" as dates


def iso_day(value: str) -> str:
    """``value`` if it is a calendar day written YYYY-MM-DD; ValueError otherwise."""
    if not re.match(ISO_DAY, value):
        raise ValueError(f"{value!r} is not a date like 2019-04-30")
    return dt.date.fromisoformat(value).isoformat()


@dataclass(frozen=True)
class Upload:
    """One uploaded file (or pasted text) before reading."""

    name: str
    data: bytes


@dataclass(frozen=True)
class StoryPage:
    """A window of the story list and how many match in all."""

    stories: list[StoryRow]
    total: int


class BriefingService:
    """Reads stories from the store at ``db`` and briefs them, caching briefings in the store."""

    def __init__(self, db: Path, settings: Settings | None = None) -> None:
        self.db = Path(db)
        with open_store(self.db):  # fail at start, not at the first request, on a missing or bad store
            pass
        self.settings = settings or Settings.load()
        self.pipeline = Pipeline(self.settings)
        self._briefing_lock = threading.Lock()

    def stories(
        self,
        *,
        search: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_size: int = 1,
        limit: int = 50,
        offset: int = 0,
    ) -> StoryPage:
        with Store(self.db) as store:
            filters = {"search": search or None, "since": since, "until": until, "min_size": min_size}
            return StoryPage(
                store.stories(**filters, limit=limit, offset=offset), store.story_count(**filters)
            )

    def story(self, story_id: int) -> StoryRow:
        with Store(self.db) as store:
            return store.story(story_id)

    def briefing(self, story_id: int) -> dict[str, Any]:
        """The story's briefing (JSON contract): the saved one while it covers every article."""
        with Store(self.db) as store:
            story_id = store.story(story_id).id
            saved = store.briefing(story_id)
            if saved is not None:
                return saved
            articles = store.story_articles(story_id)
        with self._briefing_lock:
            data = to_dict(self.pipeline.brief_articles(articles))
        with Store(self.db) as store:
            store.save_briefing(story_id, data)
        return data

    def brief_uploads(self, uploads: Iterable[Upload], *, words: int | None = None) -> dict[str, Any]:
        """Brief uploaded files and pasted texts; unreadable ones become warnings."""
        raws: list[RawArticle] = []
        notices: list[Notice] = []
        limit = self.settings.max_bytes
        for upload in uploads:
            if len(upload.data) > limit:
                notices.append(_too_large(upload.name, limit))
            elif upload.data.strip():
                for result in read_source(Source(upload.name, upload.data, explicit=False)):
                    (notices if isinstance(result, Skipped) else raws).append(result)
            else:
                notices.append(Skipped(upload.name, "ingest", "empty"))
        return self.brief_raw(raws, notices, words=words)

    def brief_records(self, records: list[dict[str, Any]], *, words: int | None = None) -> dict[str, Any]:
        """Brief JSON-like records (``text``, ``title``, ``date``, ``source``, …); every warning
        names a record by its position in ``records``."""
        limit = self.settings.max_bytes
        notices: list[Notice] = []
        raws: list[RawArticle] = []
        for number, record in enumerate(records):
            text = record.get("text")
            if isinstance(text, str) and len(text.encode("utf-8")) > limit:
                notices.append(_too_large(f"record[{number}]", limit))
                continue
            result = in_memory_record(record, number)
            (notices if isinstance(result, Skipped) else raws).append(result)
        if not raws:
            raise InputError(f"no usable article in the input ({'; '.join(n.reason for n in notices)})")
        return self.brief_raw(raws, notices, words=words)

    def brief_raw(
        self, raws: list[RawArticle], notices: list[Notice], *, words: int | None
    ) -> dict[str, Any]:
        pipeline = self.pipeline if words is None else Pipeline(replace(self.settings, words=words))
        with self._briefing_lock:
            articles, more = pipeline.clean(raws)
            return to_dict(pipeline.brief_articles(articles, notices + more))


def _too_large(name: str, limit: int) -> Skipped:
    return Skipped(name, "ingest", f"over the {limit:,}-byte limit of one article")


def split_pasted(text: str) -> list[Upload]:
    """Pasted text: one article, or several separated by a line of three dashes."""
    parts = [part.strip() for part in PASTE_SEPARATOR.split(text)]
    return [
        Upload(f"pasted-{n}.txt", part.encode("utf-8")) for n, part in enumerate(parts, start=1) if part
    ]
