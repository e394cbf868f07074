"""The embedded store: one SQLite file with articles, stories and briefings (see schema.py)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Article
from .schema import SCHEMA_VERSION, connect

__all__ = ["SCHEMA_VERSION", "Store", "StoryRow", "connect", "open_store"]


@dataclass(frozen=True)
class StoryRow:
    """One story as listed: size, date span, outlets and a title."""

    id: int
    title: str
    size: int
    first_date: str | None
    last_date: str | None
    outlets: int


def open_store(path: str | Path, *, create: bool = False) -> Store:
    """The store at ``path``; a missing file is an error saying how to make one, unless ``create``."""
    path = Path(path)
    if not create and not path.is_file():
        raise InputError(f"{path}: no such store (create one with `newsbrief ingest PATH --db {path}`)")
    return Store(path)


class Store:
    """Reads and writes one store file; ``newsbrief.store.ingest`` fills it."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.connection: sqlite3.Connection = connect(self.path)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def article_count(self) -> int:
        return self.connection.execute("SELECT count(*) FROM articles").fetchone()[0]

    def stories(self, *, search: str | None = None, since: str | None = None,
                until: str | None = None, limit: int | None = None, offset: int = 0,
                min_size: int = 1) -> list[StoryRow]:
        """Stories, largest first; ``search`` matches titles and article text."""
        where, args = self._story_filter(search=search, since=since, until=until, min_size=min_size)
        sql = (
            "SELECT s.id, s.title, s.size, s.first_date, s.last_date, "
            "(SELECT count(DISTINCT outlet) FROM articles a WHERE a.story_id = s.id) "
            f"FROM stories s WHERE {where} ORDER BY s.size DESC, s.last_date DESC, s.id"
        )
        if limit or offset:
            sql += " LIMIT ? OFFSET ?"
            args += [limit if limit else -1, offset]
        return [StoryRow(*row) for row in self.connection.execute(sql, args)]

    def story_count(self, *, search: str | None = None, since: str | None = None,
                    until: str | None = None, min_size: int = 1) -> int:
        """How many stories ``stories`` would list with these filters and no limit."""
        where, args = self._story_filter(search=search, since=since, until=until, min_size=min_size)
        return self.connection.execute(f"SELECT count(*) FROM stories s WHERE {where}", args).fetchone()[0]

    @staticmethod
    def _story_filter(*, search: str | None, since: str | None, until: str | None,
                      min_size: int) -> tuple[str, list[object]]:
        where, args = ["s.merged_into IS NULL", "s.size >= ?"], [min_size]
        if search:
            where.append("(s.title LIKE ? OR EXISTS (SELECT 1 FROM articles x WHERE x.story_id = s.id "
                         "AND x.text LIKE ?))")
            args += [f"%{search}%", f"%{search}%"]
        if since:
            where.append("(s.last_date IS NULL OR s.last_date >= ?)")
            args.append(since)
        if until:
            where.append("(s.first_date IS NULL OR s.first_date <= ?)")
            args.append(until)
        return " AND ".join(where), args

    def story(self, story_id: int) -> StoryRow:
        """One story; the id of a story merged into another gives that other story."""
        for _ in range(100):  # a merge chain is short; the bound only guards against a cycle
            row = self.connection.execute(
                "SELECT s.id, s.title, s.size, s.first_date, s.last_date, "
                "(SELECT count(DISTINCT outlet) FROM articles a WHERE a.story_id = s.id), s.merged_into "
                "FROM stories s WHERE s.id = ?", (story_id,)
            ).fetchone()
            if row is None:
                break
            if row[6] is None:
                return StoryRow(*row[:6])
            story_id = row[6]
        raise InputError(f"no story {story_id} in {self.path}")

    def story_articles(self, story_id: int) -> list[Article]:
        """The articles of a story (following merges), oldest first."""
        story_id = self.story(story_id).id
        rows = self.connection.execute(
            "SELECT id, text, outlet, origin, fingerprint, title, date, date_source, url, reader, "
            "near_duplicate_of FROM articles WHERE story_id = ? ORDER BY date, seq", (story_id,)
        ).fetchall()
        return [
            Article(id=r[0], text=r[1], outlet=r[2], origin=r[3], fingerprint=r[4], title=r[5],
                    date=dt.date.fromisoformat(r[6]) if r[6] else None, date_source=r[7], url=r[8],
                    reader=r[9] or "", near_duplicate_of=r[10])
            for r in rows
        ]

    def save_briefing(self, story_id: int, data: dict[str, Any]) -> None:
        self.connection.execute(
            "INSERT INTO briefings(story_id, articles, json, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(story_id) DO UPDATE SET articles = excluded.articles, json = excluded.json, "
            "created_at = excluded.created_at",
            (story_id, len(data.get("articles", [])), json.dumps(data, ensure_ascii=False),
             dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
        )

    def briefing(self, story_id: int) -> dict[str, Any] | None:
        """The saved briefing, if it still covers every article of the story."""
        row = self.connection.execute(
            "SELECT b.json FROM briefings b JOIN stories s ON s.id = b.story_id "
            "WHERE b.story_id = ? AND b.articles = s.size", (story_id,)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def skipped(self) -> list[tuple[str, str, str]]:
        return self.connection.execute("SELECT input, stage, reason FROM skipped ORDER BY rowid").fetchall()
