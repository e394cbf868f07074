"""Plain frozen dataclasses passed between the pipeline stages.

Annotations point into an article's cleaned text by character offsets (as spaCy spans do),
so a citation is always ``(article id, sentence index)`` and can be checked against the text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Removal:
    """A piece of the raw text the cleaner removed, and why (shown by ``--explain``)."""

    rule: str
    text: str
    reason: str


@dataclass(frozen=True)
class RawArticle:
    """What a reader found in one input, before cleaning."""

    text: str
    origin: str  # file path, URL, "stdin", or "file.jsonl:LINE"
    outlet: str
    title: str | None = None
    date: dt.date | None = None
    date_source: str | None = None  # "metadata", "marker", "dateline" or None
    url: str | None = None
    given_id: str | None = None
    reader: str = ""


@dataclass(frozen=True)
class Article:
    """One cleaned article: the unit every later stage works on."""

    id: str
    text: str
    outlet: str
    origin: str
    fingerprint: str  # hash of the normalised text: equal fingerprints are the same article
    title: str | None = None
    date: dt.date | None = None
    date_source: str | None = None
    url: str | None = None
    reader: str = ""
    removed: tuple[Removal, ...] = ()
    near_duplicate_of: str | None = None


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article; ``start``/``end`` are offsets into ``Article.text``."""

    article_id: str
    index: int
    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Mention:
    """A named-entity mention found by spaCy; ``subject`` when it is a clause's subject.

    ``clause`` (dates only): the words of what the date dates — the clause its head verb
    governs, without subordinate clauses or names — so that two dates can be told to be
    dates of one event or of two.
    """

    article_id: str
    sentence: int
    text: str
    label: str
    start: int
    end: int
    subject: bool = False
    clause: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoleMention:
    """A role the text gives a named person ("Secretary of State" before "Mike Pompeo")."""

    article_id: str
    sentence: int
    name: str
    role: str


@dataclass(frozen=True)
class Statement:
    """A quote (words in quotation marks) or a claim (reported speech) and who made it.

    ``speaker_text`` is the speaker as written ("he", "Maduro's communications minister",
    "Mike Pompeo"); ``speaker`` is who that is once resolved: an actor's name, or the
    description as written when it names no actor; ``None`` when nobody can be identified.
    ``actor`` is set only when the speaker is one of the story's actors.
    """

    kind: str  # "quote" or "claim"
    text: str
    article_id: str
    sentence: int
    start: int
    end: int
    verb: str | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_kind: str | None = None  # "name", "pronoun", "description"
    speaker: str | None = None
    actor: str | None = None


@dataclass(frozen=True)
class Quantity:
    """A number that counts something ("as many as 25,000 Cuban security forces").

    ``low``/``high`` is the interval the wording allows (see compare/numbers.py); ``head``,
    ``modifiers`` and ``predicate`` are stems used to tell whether two outlets count the same
    thing; ``proper`` holds the stems written with a capital ("Cuban").
    """

    article_id: str
    sentence: int
    text: str
    thing: str
    low: float
    high: float
    hedge: str
    head: str
    modifiers: tuple[str, ...]
    predicate: str
    proper: tuple[str, ...]
    start: int
    end: int
    places: tuple[str, ...] = ()  # places named in the same sentence ("in Honduras")
    partial: bool = False  # "nine other deaths", "50 more troops": part of a total, not one


@dataclass(frozen=True)
class AnalysedArticle:
    """An article with its sentences, entity mentions, roles and statements."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    roles: tuple[RoleMention, ...] = ()
    statements: tuple[Statement, ...] = ()
    quantities: tuple[Quantity, ...] = ()


@dataclass(frozen=True)
class Citation:
    """Where a summary sentence comes from: an article and a sentence index in it."""

    article: str
    sentence: int
    text: str


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of the summary with every source sentence that says the same."""

    text: str
    citations: tuple[Citation, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.article for c in self.citations))


@dataclass(frozen=True)
class TimelineEntry:
    """One dated event, told by one or more outlets.

    ``date`` is ISO at its own granularity (2019-04-30, 2019-W18, 2019-01, 2019); ``start``
    is the first day of that period, for ordering. ``background`` marks events well before
    the story's own days (e.g. a declaration months earlier).
    """

    date: str
    granularity: str
    start: dt.date
    text: str
    citations: tuple[Citation, ...]
    background: bool = False


@dataclass(frozen=True)
class Role:
    """One way the outlets describe an actor, and which outlets use it."""

    text: str
    outlets: tuple[str, ...]
    mentions: int


@dataclass(frozen=True)
class Actor:
    """A person, organisation, place or group, with its aliases merged."""

    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: int
    mentions_by_outlet: dict[str, int] = field(default_factory=dict)
    roles: tuple[Role, ...] = ()
    quotes: int = 0


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a value as an outlet wrote it, where, and who said it."""

    value: str
    article: str
    sentence: int
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Conflict:
    """Outlets disagree on one thing: a number, a name, a person's title or a date.

    ``agree`` marks hedged values that do not conflict ("more than 50" / "about 50"): they
    are kept, with ``note``, so the reader sees why they were not reported as a conflict.
    """

    kind: str  # "number", "name", "title", "date"
    subject: str
    sides: tuple[Side, ...]
    note: str = ""
    agree: bool = False


@dataclass(frozen=True)
class Fact:
    """Sentences from different outlets that report the same thing."""

    text: str
    citations: tuple[Citation, ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class Notice:
    """Something the reader of a briefing should know about an input (e.g. no date found)."""

    input: str
    stage: str
    reason: str

    @property
    def skipped(self) -> bool:
        return False


@dataclass(frozen=True)
class Skipped(Notice):
    """An input, or part of one, that did not become an article — and why. Never silent."""

    @property
    def skipped(self) -> bool:
        return True


@dataclass(frozen=True)
class Briefing:
    """The result of briefing one story."""

    articles: tuple[Article, ...]
    summary: tuple[SummarySentence, ...]
    actors: tuple[Actor, ...]
    warnings: tuple[Notice, ...]
    timeline: tuple[TimelineEntry, ...] = ()
    quotes: tuple[Statement, ...] = ()
    claims: tuple[Statement, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    facts: tuple[Fact, ...] = ()
    sentences: dict[str, tuple[Sentence, ...]] = field(default_factory=dict)
    settings: dict[str, object] = field(default_factory=dict)
