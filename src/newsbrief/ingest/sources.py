"""Expand what the user named (files, directories, globs, ``-``, URLs) into sources."""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..models import Skipped
from .base import Source
from .fetch import fetch

_GLOB_CHARS = set("*?[")


def iter_sources(
    inputs: Sequence[str | Path],
    *,
    max_bytes: int,
    url_timeout: float,
    stdin: BinaryIO | None = None,
) -> Iterator[Source | Skipped]:
    """Yield one ``Source`` per file; problems inside directories/globs become ``Skipped``.

    Problems with an input the user named explicitly (missing, unreadable, too large,
    an empty directory or a glob matching nothing) raise ``InputError``.
    """
    if not inputs:
        raise InputError("no input given: name files, directories, globs, URLs or '-'")
    for given in inputs:
        name = str(given)
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes + 1)
            yield _checked(Source("stdin", data), max_bytes)
        elif name.startswith(("http://", "https://")):
            yield fetch(name, timeout=url_timeout, max_bytes=max_bytes)
        elif isinstance(given, str) and _GLOB_CHARS & set(name) and not Path(name).exists():
            matches = sorted(glob.glob(name, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                raise InputError(f"{name}: the pattern matches no file")
            for path in files:
                yield _read_file(path, max_bytes, explicit=False)
        else:
            path = Path(name)
            if path.is_dir():
                yield from _read_directory(path, max_bytes)
            elif path.exists():
                yield _read_file(path, max_bytes, explicit=True)
            else:
                raise InputError(f"{name}: no such file or directory")


def _read_directory(root: Path, max_bytes: int) -> Iterator[Source | Skipped]:
    files = sorted(
        p for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    if not files:
        raise InputError(f"{root}: the directory holds no files")
    for path in files:
        yield _read_file(path, max_bytes, explicit=False)


def _read_file(path: Path, max_bytes: int, *, explicit: bool) -> Source | Skipped:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _problem(
                path, f"{size:,} bytes is over the {max_bytes:,}-byte limit (see --max-bytes)",
                explicit,
            )
        data = path.read_bytes()
    except OSError as exc:
        return _problem(path, f"cannot read: {exc.strerror or exc}", explicit)
    return Source(str(path), data, explicit=explicit)


def _checked(source: Source, max_bytes: int) -> Source:
    if len(source.data) > max_bytes:
        raise InputError(
            f"{source.origin}: over the {max_bytes:,}-byte limit (see --max-bytes)"
        )
    return source


def _problem(path: Path, reason: str, explicit: bool) -> Skipped:
    if explicit:
        raise InputError(f"{path}: {reason}")
    return Skipped(str(path), "ingest", reason)
