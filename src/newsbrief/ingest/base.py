"""The reader interface: one reader per input format, all behind ``Reader.read``."""

from __future__ import annotations

import codecs
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from ..errors import InputError
from ..models import RawArticle, Skipped


@dataclass(frozen=True)
class Source:
    """The bytes of one input and where they came from.

    ``explicit`` is true for a path the user named (errors there stop the run) and false for a
    file found inside a directory or glob (errors there become warnings).
    """

    origin: str
    data: bytes
    explicit: bool = True
    media_type: str | None = None  # from an HTTP Content-Type header, when known

    @property
    def stem(self) -> str:
        name = PurePath(self.origin.rstrip("/").split("?")[0]).name or self.origin
        return name.split(".")[0] or name


class Reader(ABC):
    """Turns one :class:`Source` into articles; problems with parts become ``Skipped``."""

    name: str = ""
    suffixes: tuple[str, ...] = ()

    @abstractmethod
    def read(self, source: Source, text: str) -> Iterator[RawArticle | Skipped]:
        """Yield the articles in ``text`` (already decoded from ``source.data``)."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(source: Source) -> str:
    """Decode bytes to text: BOM, then UTF-8, then charset-normalizer's best guess.

    Raises ``InputError`` for empty or binary data, so that it is reported, never guessed.
    """
    data = source.data
    if not data.strip():
        raise InputError(f"{source.origin}: empty input")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if _looks_binary(data):
        raise InputError(f"{source.origin}: binary data, not text (first bytes {data[:8]!r})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{source.origin}: cannot detect the text encoding (binary data?)")
    return str(best)


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return control > len(head) * 0.05
