"""The summariser interface: interchangeable extractive algorithms, one small contract.

A summariser receives the sentences of each document of a story and a word budget, and
returns which sentences to use, in reading order, as ``(document, sentence)`` pairs. The
constructor only stores settings; ``select`` never mutates its input.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

Documents = Sequence[Sequence[str]]


@dataclass(frozen=True)
class Pick:
    """A chosen sentence: ``document`` and ``sentence`` index into the input."""

    document: int
    sentence: int


class Summariser(ABC):
    name: str = ""

    @abstractmethod
    def select(self, documents: Documents, words: int) -> list[Pick]:
        """Choose sentences totalling at most ``words`` words (at least one if any exists)."""


def word_count(text: str) -> int:
    return len(text.split())
