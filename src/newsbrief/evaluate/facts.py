"""Fact alignment and corroboration counts measured on hand-annotated clusters.

``bench/data/facts.jsonl`` holds fictional stories written for this project, each told by
several outlets, one sentence per paragraph, every sentence labelled with the fact it reports
(sentences of different outlets with one label report the same fact; an outlet's own facts
have labels of their own). Two scores:

- **alignment**: precision and recall of "these two sentences from different outlets report
  the same fact", over all such pairs;
- **corroboration counts**: for each sentence, is the number of outlets the detector says
  report its fact the number that do?

Reference detectors show that the scores punish both extremes: ``none`` (every sentence its
own fact: recall 0) and ``one-fact`` (every sentence of a story one fact: low precision).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from ..models import AnalysedArticle

SentenceKey = tuple[str, int]  # (article id, sentence index)
Grouper = Callable[[Sequence[AnalysedArticle]], list[set[SentenceKey]]]


@dataclass(frozen=True)
class AnnotatedStory:
    id: str
    outlets: tuple[str, ...]
    dates: tuple[str, ...]
    sentences: tuple[tuple[tuple[str, str], ...], ...]  # per outlet: (fact label, sentence)


@dataclass(frozen=True)
class AlignmentScores:
    detector: str
    gold_pairs: int
    predicted_pairs: int
    correct_pairs: int
    sentences: int
    right_counts: int  # sentences whose corroboration count is right

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 0.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.gold_pairs if self.gold_pairs else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def count_accuracy(self) -> float:
        return self.right_counts / self.sentences if self.sentences else 0.0


def read_stories(path: str | Path) -> list[AnnotatedStory]:
    stories = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            documents = record["documents"]
            stories.append(AnnotatedStory(
                record["id"], tuple(d["source"] for d in documents), tuple(d["date"] for d in documents),
                tuple(tuple((label, text) for label, text in d["sentences"]) for d in documents),
            ))
    return stories


def newsbrief_groups(analysed: Sequence[AnalysedArticle]) -> list[set[SentenceKey]]:
    """newsbrief's facts with the briefing's settings, all of them (the briefing shows only the
    first few)."""
    from ..compare import align_facts
    from ..settings import Settings

    threshold = Settings.load().citation_threshold
    facts = align_facts(analysed, threshold, shared=10_000, unique_per_outlet=10_000)
    return [{(c.article, c.sentence) for c in fact.citations} for fact in facts]


def no_groups(analysed: Sequence[AnalysedArticle]) -> list[set[SentenceKey]]:
    return [{(a.article.id, s.index)} for a in analysed for s in a.sentences]


def one_group(analysed: Sequence[AnalysedArticle]) -> list[set[SentenceKey]]:
    return [{(a.article.id, s.index) for a in analysed for s in a.sentences}]


GROUPERS: dict[str, Grouper] = {"newsbrief": newsbrief_groups, "none": no_groups, "one-fact": one_group}


def evaluate_alignment(path: str | Path, detectors: Sequence[str] = tuple(GROUPERS),
                       model: str | None = None) -> list[AlignmentScores]:
    """Score each detector's fact groups against the annotated labels."""
    from ..analyse import analyse, load_pipeline
    from ..clean import clean_article
    from ..models import Article, RawArticle

    nlp = load_pipeline(model)
    totals = {name: [0, 0, 0, 0, 0] for name in detectors}  # gold, predicted, correct, sentences, right
    for story in read_stories(path):
        articles = []
        for number, (outlet, date, sentences) in enumerate(zip(story.outlets, story.dates, story.sentences,
                                                              strict=True)):
            raw = RawArticle(text="\n\n".join(text for _, text in sentences), origin=f"{story.id}-{number}",
                             outlet=outlet, date=dt.date.fromisoformat(date), given_id=f"{story.id}-{number}")
            article = clean_article(raw)
            if not isinstance(article, Article):
                raise ValueError(f"{story.id}: article {number} was not usable: {article.reason}")
            articles.append(article)
        analysed = analyse(articles, nlp)
        label, outlet = _gold_labels(story, analysed)
        gold = {pair for pair in combinations(sorted(label), 2)
                if outlet[pair[0]] != outlet[pair[1]] and label[pair[0]] == label[pair[1]]}
        gold_count = {key: len({outlet[k] for k in label if label[k] == label[key]}) for key in label}
        for name in detectors:
            groups = GROUPERS[name](analysed)
            group_of = {key: n for n, group in enumerate(groups) for key in group}
            predicted = {pair for pair in combinations(sorted(label), 2)
                         if outlet[pair[0]] != outlet[pair[1]]
                         and group_of.get(pair[0], -1) == group_of.get(pair[1], -2)}
            counts = {key: _outlets_in(groups[group_of[key]], outlet) if key in group_of else 1
                      for key in label}
            row = totals[name]
            row[0] += len(gold)
            row[1] += len(predicted)
            row[2] += len(gold & predicted)
            row[3] += len(label)
            row[4] += sum(counts[key] == gold_count[key] for key in label)
    return [AlignmentScores(name, *totals[name]) for name in detectors]


def _outlets_in(group: set[SentenceKey], outlet: dict[SentenceKey, str]) -> int:
    return len({outlet[key] for key in group if key in outlet})


def _gold_labels(story: AnnotatedStory, analysed: Sequence[AnalysedArticle]
                 ) -> tuple[dict[SentenceKey, str], dict[SentenceKey, str]]:
    """Each analysed sentence's gold label and outlet, matched by its text."""
    label: dict[SentenceKey, str] = {}
    outlet: dict[SentenceKey, str] = {}
    for item, sentences in zip(analysed, story.sentences, strict=True):
        by_text = {text.strip(): name for name, text in sentences}
        for sentence in item.sentences:
            name = by_text.get(sentence.text.strip())
            if name is None:
                raise ValueError(f"{story.id}: sentence not in the annotation: {sentence.text!r}")
            label[(item.article.id, sentence.index)] = name
            outlet[(item.article.id, sentence.index)] = item.article.outlet
    return label, outlet


def format_alignment(scores: Sequence[AlignmentScores]) -> str:
    lines = ["| detector | gold pairs | predicted pairs | correct | precision | recall | F1 "
             "| corroboration count right |",
             "|---|---|---|---|---|---|---|---|"]
    for s in scores:
        lines.append(f"| {s.detector} | {s.gold_pairs} | {s.predicted_pairs} | {s.correct_pairs} "
                     f"| {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} "
                     f"| {s.right_counts}/{s.sentences} ({s.count_accuracy:.3f}) |")
    return "\n".join(lines)


__all__ = ["GROUPERS", "AlignmentScores", "AnnotatedStory", "evaluate_alignment", "format_alignment",
           "read_stories"]
