"""The only orchestrator: inputs -> ingest -> clean -> analyse -> summarise -> Briefing.

Each stage is a function over a list, so a distributed engine can map it unchanged. A
problem with one input becomes a recorded ``Skipped`` (or ``Notice``), never a silent drop;
only when nothing usable is left does the run fail.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import BinaryIO

from .analyse import analyse, build_actors, load_pipeline
from .analyse.speakers import attribute, count_quotes
from .clean import clean_article, near_duplicates
from .compare import align_facts, find_conflicts
from .errors import InputError
from .ingest import ingest
from .ingest.jsonl import in_memory_record
from .models import (
    AnalysedArticle,
    Article,
    Briefing,
    Citation,
    Notice,
    RawArticle,
    Skipped,
    SummarySentence,
)
from .settings import Settings
from .summarise import Pick, cite, get_summariser
from .timeline import build_timeline, infer_publication_date

Input = str | Path | RawArticle | Mapping[str, object]
Progress = Callable[[str, int, int], None]


class Pipeline:
    """Holds the settings; the spaCy model is loaded on first use, once per process."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load()

    def brief(
        self,
        inputs: Sequence[Input],
        *,
        stdin: BinaryIO | None = None,
        on_progress: Progress | None = None,
    ) -> Briefing:
        """Brief the story told by ``inputs`` (paths, globs, URLs, '-', records, RawArticles)."""
        raws, notices = self.read(inputs, stdin=stdin)
        articles, more = self.clean(raws)
        return self.brief_articles(articles, notices + more, on_progress=on_progress)

    def brief_articles(
        self, articles: Sequence[Article], notices: Sequence[Notice] = (), *,
        on_progress: Progress | None = None,
    ) -> Briefing:
        """Brief articles that are already cleaned (e.g. one story from the store)."""
        articles, notices = list(articles), list(notices)
        if not articles:
            reasons = "; ".join(f"{n.input}: {n.reason}" for n in notices) or "no articles"
            raise InputError(f"no usable article in the input ({reasons})")
        if len(articles) == 1:
            notices.append(Notice(articles[0].origin, "brief",
                                  "only one article: no cross-source comparison is possible"))
        articles, more = self.date(articles)
        notices += more
        nlp = load_pipeline(self.settings.model)
        progress = (lambda done, total: on_progress("analyse", done, total)) if on_progress else None
        analysed = analyse(articles, nlp, on_progress=progress)
        summary = self.summarise(analysed)
        actors = build_actors(analysed)
        statements = attribute(analysed, actors)
        actors = count_quotes(actors, statements)
        facts = align_facts(analysed, self.settings.citation_threshold)
        return Briefing(
            articles=tuple(articles),
            summary=tuple(summary),
            actors=tuple(actors[:self.settings.max_actors]),
            quotes=tuple(s for s in statements if s.kind == "quote"),
            claims=tuple(s for s in statements if s.kind == "claim"),
            conflicts=tuple(find_conflicts(analysed, statements, actors, facts)),
            facts=tuple(facts),
            warnings=tuple(notices),
            timeline=tuple(build_timeline(analysed, max_entries=self.settings.timeline_entries)),
            sentences={a.article.id: a.sentences for a in analysed},
            settings=asdict(self.settings),
        )

    def read(
        self, inputs: Sequence[Input], *, stdin: BinaryIO | None = None
    ) -> tuple[list[RawArticle], list[Notice]]:
        """Ingest paths/URLs/'-' and accept in-memory records and RawArticles as they are."""
        paths = [i for i in inputs if isinstance(i, str | Path)]
        raws: list[RawArticle] = []
        notices: list[Notice] = []
        if paths:
            found, skipped = ingest(
                paths, max_bytes=self.settings.max_bytes,
                url_timeout=self.settings.url_timeout, stdin=stdin,
            )
            raws += found
            notices += skipped
        for number, item in enumerate(inputs):
            if isinstance(item, RawArticle):
                raws.append(item)
            elif isinstance(item, Mapping):
                result = in_memory_record(item, number)
                (notices if isinstance(result, Skipped) else raws).append(result)
            elif not isinstance(item, str | Path):
                raise InputError(f"cannot brief an input of type {type(item).__name__}")
        if not raws and not notices:
            raise InputError("no input given")
        return raws, notices

    def clean(self, raws: Sequence[RawArticle]) -> tuple[list[Article], list[Notice]]:
        """Clean each article, drop exact duplicates (reported) and link near-duplicates."""
        articles: list[Article] = []
        notices: list[Notice] = []
        seen: dict[str, Article] = {}
        for raw in raws:
            result = clean_article(raw)
            if isinstance(result, Skipped):
                notices.append(result)
            elif result.fingerprint in seen:
                first = seen[result.fingerprint]
                notices.append(Skipped(raw.origin, "dedupe", f"same article as {first.origin}"))
            elif result.id in {a.id for a in articles}:
                notices.append(Skipped(raw.origin, "dedupe", f"duplicate article id {result.id!r}"))
            else:
                seen[result.fingerprint] = result
                articles.append(result)
        links = near_duplicates([a.text for a in articles], self.settings.near_duplicate_threshold)
        for later, earlier in links.items():
            articles[later] = replace(articles[later], near_duplicate_of=articles[earlier].id)
            notices.append(Notice(articles[later].origin, "dedupe",
                                  f"near-duplicate of {articles[earlier].origin}: linked, "
                                  "not counted as a separate source"))
        return articles, notices

    def date(self, articles: Sequence[Article]) -> tuple[list[Article], list[Notice]]:
        """Infer missing publication dates from the text, marked ``inferred``; never invent one."""
        dated: list[Article] = []
        notices: list[Notice] = []
        for article in articles:
            if article.date is None:
                inferred = infer_publication_date(article)
                if inferred is None:
                    notices.append(Notice(article.origin, "date", "no publication date found"))
                else:
                    article = replace(article, date=inferred[0], date_source="inferred")
                    notices.append(Notice(article.origin, "date",
                                          f"publication date inferred: {inferred[1]}"))
            dated.append(article)
        return dated, notices

    def summarise(self, analysed: Sequence[AnalysedArticle]) -> list[SummarySentence]:
        """Select sentences (never from near-duplicates) and cite every outlet saying the same."""
        documents = [[s.text for s in item.sentences] for item in analysed]
        selectable = [
            [] if item.article.near_duplicate_of else sentences
            for item, sentences in zip(analysed, documents, strict=True)
        ]
        summariser = get_summariser(
            self.settings.summariser,
            min_words=self.settings.min_sentence_words,
            redundancy_threshold=self.settings.redundancy_threshold,
            concept_model=self.settings.concept_model,
        )
        picks = summariser.select(selectable, self.settings.words)
        citations = cite(picks, documents, self.settings.citation_threshold)
        return [
            SummarySentence(
                text=documents[pick.document][pick.sentence],
                citations=tuple(_citation(analysed, c) for c in cited),
            )
            for pick, cited in zip(picks, citations, strict=True)
        ]


def _citation(analysed: Sequence[AnalysedArticle], pick: Pick) -> Citation:
    sentence = analysed[pick.document].sentences[pick.sentence]
    return Citation(sentence.article_id, sentence.index, sentence.text)


def brief(
    inputs: Input | Sequence[Input],
    *,
    words: int | None = None,
    config: str | Path | None = None,
    **settings: object,
) -> Briefing:
    """Brief one story: ``newsbrief.brief("examples/harbour-bridge", words=80)``.

    Mirrors ``newsbrief brief``: ``inputs`` are paths, globs, URLs, JSON-like records or
    ``RawArticle`` objects; keyword arguments are :class:`Settings` fields.
    """
    if isinstance(inputs, str | Path | RawArticle | Mapping):
        inputs = [inputs]
    return Pipeline(Settings.load(config, words=words, **settings)).brief(list(inputs))
