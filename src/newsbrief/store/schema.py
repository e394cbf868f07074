"""The SQLite schema and its migrations: one file, versioned, upgraded in place.

Each migration is a SQL script run in one transaction; ``meta.schema_version`` says how many
have run. A store written by a newer newsbrief (a higher version than this one knows) is
refused rather than guessed at.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import InputError

MIGRATIONS: list[str] = [
    # 1: articles, stories, briefings, what was skipped, and the clusterer's term statistics
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        title TEXT,
        first_date TEXT,
        last_date TEXT,
        size INTEGER NOT NULL DEFAULT 0,
        last_seen INTEGER NOT NULL DEFAULT 0,
        centroid TEXT NOT NULL DEFAULT '{}',
        merged_into INTEGER REFERENCES stories(id)
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        fingerprint TEXT NOT NULL UNIQUE,
        outlet TEXT NOT NULL,
        title TEXT,
        date TEXT,
        date_source TEXT,
        url TEXT,
        origin TEXT NOT NULL,
        reader TEXT,
        text TEXT NOT NULL,
        near_duplicate_of TEXT REFERENCES articles(id),
        story_id INTEGER NOT NULL REFERENCES stories(id),
        signature BLOB,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_story ON articles(story_id);
    CREATE TABLE briefings (
        story_id INTEGER PRIMARY KEY REFERENCES stories(id),
        articles INTEGER NOT NULL,
        json TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE skipped (input TEXT NOT NULL, stage TEXT NOT NULL, reason TEXT NOT NULL,
                          at TEXT NOT NULL);
    CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (or create) the store at ``path`` and bring its schema up to date."""
    path = Path(path)
    if path.exists() and path.is_dir():
        raise InputError(f"{path}: is a directory, not a newsbrief store")
    try:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA synchronous=NORMAL")
        version = _version(connection)
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{path}: not a newsbrief store ({exc})") from None
    if version > SCHEMA_VERSION:
        raise InputError(f"{path}: written by a newer newsbrief (schema {version} > {SCHEMA_VERSION})")
    for number in range(version, SCHEMA_VERSION):
        connection.execute("BEGIN")
        for statement in _statements(MIGRATIONS[number]):
            connection.execute(statement)
        connection.execute(
            "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(number + 1),)
        )
        connection.execute("COMMIT")
    return connection


def _version(connection: sqlite3.Connection) -> int:
    exists = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    if not exists:
        return 0
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit on its own)."""
    return [part.strip() for part in script.split(";") if part.strip()]
