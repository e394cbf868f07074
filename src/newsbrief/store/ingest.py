"""Incremental, idempotent ingest of a stream of articles into the store, story by story.

Each article is cleaned, skipped if its fingerprint is stored already (re-ingesting the same
files adds nothing), linked to an earlier near-duplicate (MinHash LSH from datasketch; the
copy joins the original's story and is not a separate source), or else handed to the online
story clusterer. Work is committed in batches, each one SQLite transaction holding the
articles, their stories and the clusterer's term statistics together: a killed ingest leaves
the store as it was after the last whole batch, and the next run adds what is missing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..clean import clean_article
from ..cluster.online import OnlineClusterer, Story
from ..ingest import read_source
from ..ingest.sources import iter_sources
from ..models import Article, Skipped
from ..settings import Settings
from . import Store

NUM_PERM = 64
SCHEME = "affine32"  # pinned: signatures stored by one run must be read back by the next
SHINGLE_WORDS = 5
LSH_WINDOW = 10_000  # near-duplicates are looked for among this many latest articles
_WORDS = re.compile(r"\w+")


@dataclass
class IngestReport:
    """What one ingest run did."""

    added: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    new_stories: int = 0
    merged_stories: int = 0
    skipped: list[Skipped] = field(default_factory=list)


def signature(text: str) -> MinHash:
    """MinHash of the article's word 5-shingles (the same shingles clean.near_duplicates uses)."""
    words = _WORDS.findall(text.lower())
    minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(len(words) - SHINGLE_WORDS + 1, 1))}
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


class Ingester:
    """Holds the clusterer and the near-duplicate index between batches of one run."""

    def __init__(self, store: Store, settings: Settings | None = None, *, batch_size: int = 200,
                 clusterer: OnlineClusterer | None = None) -> None:
        self.store = store
        self.settings = settings or Settings.load()
        self.batch_size = batch_size
        self.clusterer = clusterer or OnlineClusterer(
            threshold=self.settings.story_threshold, merge_threshold=self.settings.story_merge_threshold,
            decay_days=self.settings.story_decay_days, retire_after=self.settings.story_retire_after,
        )
        self.lsh = MinHashLSH(threshold=self.settings.near_duplicate_threshold, num_perm=NUM_PERM)
        self._indexed: deque[str] = deque()  # the LSH holds only the latest LSH_WINDOW articles
        self._load()

    def _load(self) -> None:
        """Rebuild the in-memory state from the store: term statistics, recent stories, and
        the near-duplicate index over the latest articles."""
        db = self.store.connection
        clusterer = self.clusterer
        clusterer.documents = self.store.article_count()
        clusterer.document_frequency = Counter(dict(db.execute("SELECT term, df FROM term_df")))
        self.seq = db.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
        top_story = db.execute("SELECT coalesce(max(id), 0) FROM stories").fetchone()[0]
        clusterer.next_id = top_story + 1
        for story_id, size, last_date, last_seen, centroid in db.execute(
            "SELECT id, size, last_date, last_seen, centroid FROM stories "
            "WHERE merged_into IS NULL AND last_seen > ?", (self.seq - clusterer.retire_after,)
        ):
            weights = json.loads(centroid)
            story = Story(story_id, {}, 0, None, last_seen)
            clusterer.stories[story_id] = story
            story.weights = {t: w * size for t, w in weights.items()}
            story.size = size
            story.last_date = dt.date.fromisoformat(last_date) if last_date else None
            story.centroid = weights
            for term in weights:
                clusterer.postings.setdefault(term, set()).add(story_id)
        for article_id, blob in db.execute(
            "SELECT id, signature FROM articles WHERE signature IS NOT NULL AND seq > ?",
            (self.seq - LSH_WINDOW,),
        ):
            stored = MinHash(num_perm=NUM_PERM, seed=1, hashvalues=_values(blob), scheme=SCHEME)
            self._index(article_id, stored)

    def ingest(self, inputs: Sequence[str | Path], *,
               on_progress: Callable[[int], None] | None = None) -> IngestReport:
        """Read every input (files, directories, globs, URLs) and store what is new."""
        report = IngestReport()
        raws = (
            item for source in iter_sources(inputs, max_bytes=self.settings.max_feed_bytes,
                                            url_timeout=self.settings.url_timeout)
            for item in ([source] if isinstance(source, Skipped) else read_source(source))
        )
        batch: list[tuple[Article, MinHash, int]] = []
        seen_fingerprints: set[str] = set()  # this batch's; committed ones are in the store
        df_delta: Counter[str] = Counter()
        touched: set[int] = set()
        story_of: dict[str, int] = {}
        for count, raw in enumerate(raws, start=1):
            if on_progress:
                on_progress(count)
            if isinstance(raw, Skipped):
                report.skipped.append(raw)
                continue
            if len(raw.text.encode("utf-8")) > self.settings.max_bytes:
                reason = f"article over {self.settings.max_bytes:,} bytes (see max_bytes)"
                report.skipped.append(Skipped(raw.origin, "ingest", reason))
                continue
            article = clean_article(raw)
            if isinstance(article, Skipped):
                report.skipped.append(article)
                continue
            if article.fingerprint in seen_fingerprints or self._stored(article.fingerprint):
                report.already_stored += 1
                continue
            if self._id_taken(article.id, story_of):
                reason = f"duplicate article id {article.id!r}"
                report.skipped.append(Skipped(article.origin, "dedupe", reason))
                continue
            seen_fingerprints.add(article.fingerprint)
            minhash = signature(article.text)
            original = next(iter(sorted(self.lsh.query(minhash))), None)
            if original is not None:
                story_id = story_of.get(original) or self._story_of(original)
                article = replace(article, near_duplicate_of=original)
                report.near_duplicates += 1
            else:
                before = self.clusterer.next_id
                df_delta.update(self.clusterer.term_counts(article.text).keys())
                story_id = self.clusterer.assign(article.text, article.date)
                report.new_stories += self.clusterer.next_id - before
            self._index(article.id, minhash)
            story_of[article.id] = story_id
            touched.add(story_id)
            self.seq += 1
            batch.append((article, minhash, story_id))
            if len(batch) >= self.batch_size:
                report.merged_stories += self._commit(batch, df_delta, touched, story_of)
                report.added += len(batch)
                batch, df_delta, touched = [], Counter(), set()
                seen_fingerprints.clear()  # committed: the store answers for them now
                story_of.clear()
        if batch:
            report.merged_stories += self._commit(batch, df_delta, touched, story_of)
            report.added += len(batch)
        self._record_skipped(report.skipped)
        return report

    def _index(self, article_id: str, minhash: MinHash) -> None:
        self.lsh.insert(article_id, minhash)
        self._indexed.append(article_id)
        if len(self._indexed) > LSH_WINDOW:
            self.lsh.remove(self._indexed.popleft())

    def _stored(self, fingerprint: str) -> bool:
        return self.store.connection.execute(
            "SELECT 1 FROM articles WHERE fingerprint = ?", (fingerprint,)).fetchone() is not None

    def _id_taken(self, article_id: str, pending: dict[str, int]) -> bool:
        return article_id in pending or self.store.connection.execute(
            "SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def _story_of(self, article_id: str) -> int:
        row = self.store.connection.execute(
            "SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0]

    def _commit(self, batch: list[tuple[Article, MinHash, int]], df_delta: Counter[str],
                touched: set[int], story_of: dict[str, int]) -> int:
        """Write one batch in one transaction; returns the number of story merges applied."""
        db = self.store.connection
        merges = self.clusterer.merges
        self.clusterer.merges = []
        final = dict(merges)

        def resolve(story_id: int) -> int:
            while story_id in final:
                story_id = final[story_id]
            return story_id

        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        db.execute("BEGIN IMMEDIATE")
        try:
            for story_id in sorted({resolve(s) for s in touched} | {keep for _, keep in merges}):
                self._write_story(story_id)
            for article, minhash, story_id in batch:
                story_id = resolve(story_id)
                story_of[article.id] = story_id
                db.execute(
                    "INSERT INTO articles(id, seq, fingerprint, outlet, title, date, date_source, url, "
                    "origin, reader, text, near_duplicate_of, story_id, signature, ingested_at) "
                    "VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM articles), ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?, ?, ?, ?)",
                    (article.id, article.fingerprint, article.outlet, article.title,
                     article.date.isoformat() if article.date else None, article.date_source, article.url,
                     article.origin, article.reader, article.text, article.near_duplicate_of, story_id,
                     minhash.hashvalues.astype("<u8").tobytes(), now),
                )
            for gone, keep in merges:
                keep = resolve(keep)
                db.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (keep, gone))
                db.execute("UPDATE stories SET merged_into = ?, size = 0 WHERE id = ?", (keep, gone))
            for story_id in {resolve(s) for s in touched}:
                db.execute(
                    "UPDATE stories SET size = (SELECT count(*) FROM articles WHERE story_id = ?), "
                    "first_date = (SELECT min(date) FROM articles WHERE story_id = ?), "
                    "title = coalesce(title, (SELECT coalesce(title, substr(text, 1, 80)) FROM articles "
                    "WHERE story_id = ? ORDER BY seq LIMIT 1)) WHERE id = ?",
                    (story_id, story_id, story_id, story_id),
                )
            db.executemany(
                "INSERT INTO term_df(term, df) VALUES (?, ?) "
                "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                df_delta.items(),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return len(merges)

    def _write_story(self, story_id: int) -> None:
        story = self.clusterer.stories.get(story_id)
        if story is None:  # retired from memory: its stored centroid stays as it was
            self.store.connection.execute(
                "INSERT INTO stories(id, last_seen) VALUES (?, ?) "
                "ON CONFLICT(id) DO UPDATE SET last_seen = excluded.last_seen", (story_id, self.seq))
            return
        centroid = json.dumps(story.centroid if story else {})
        last_date = story.last_date.isoformat() if story and story.last_date else None
        last_seen = story.last_seen if story else self.seq
        self.store.connection.execute(
            "INSERT INTO stories(id, last_date, last_seen, centroid) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET last_date = coalesce(excluded.last_date, last_date), "
            "last_seen = excluded.last_seen, centroid = excluded.centroid",
            (story_id, last_date, last_seen, centroid),
        )

    def _record_skipped(self, skipped: Iterable[Skipped]) -> None:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        db = self.store.connection
        db.execute("BEGIN")
        db.executemany("INSERT INTO skipped(input, stage, reason, at) VALUES (?, ?, ?, ?)",
                       [(s.input, s.stage, s.reason, now) for s in skipped])
        db.execute("COMMIT")


def _values(blob: bytes) -> np.ndarray:

    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)



def ingest(store: Store, inputs: Sequence[str | Path], settings: Settings | None = None, *,
           on_progress: Callable[[int], None] | None = None, batch_size: int = 200) -> IngestReport:
    """Ingest ``inputs`` into ``store`` (see :class:`Ingester`)."""
    return Ingester(store, settings, batch_size=batch_size).ingest(inputs, on_progress=on_progress)
