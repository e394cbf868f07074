"""Benchmark clusters as JSONL: one story a line, with human reference summaries or timelines.

Format (see ../shared/data/README.md): ``{"id", "dataset", "documents": [{"id", "title",
"date", "source", "text"}], "summaries": [...], "timelines": [...], "meta": {...}}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Cluster:
    id: str
    dataset: str
    documents: tuple[Document, ...]
    summaries: tuple[str, ...] = ()
    timelines: tuple[tuple[tuple[str, str], ...], ...] = ()
    meta: dict[str, object] = field(default_factory=dict)


def read_clusters(path: str | Path, limit: int | None = None) -> Iterator[Cluster]:
    """Yield the clusters of a benchmark file; a malformed line is an error naming it."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such benchmark file")
    with path.open("rb") as handle:  # decoded line by line, so bad bytes name their line
        count = 0
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line.decode("utf-8"))
                cluster = Cluster(
                    id=str(record["id"]),
                    dataset=str(record.get("dataset", path.stem)),
                    documents=tuple(
                        Document(str(d.get("id", i)), d["text"], d.get("title"), d.get("date"),
                                 d.get("source"))
                        for i, d in enumerate(record["documents"])
                    ),
                    summaries=tuple(record.get("summaries") or ()),
                    timelines=tuple(
                        tuple((entry["date"], entry["text"]) for entry in timeline)
                        for timeline in record.get("timelines") or ()
                    ),
                    meta=dict(record.get("meta") or {}),
                )
            except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{number}: not a benchmark cluster ({exc})") from None
            yield cluster
            count += 1
            if limit is not None and count >= limit:
                return
