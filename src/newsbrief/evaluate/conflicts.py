"""Conflict detection measured by perturbation: real clusters, one number changed in one document.

For each cluster, a *pair* is found without newsbrief's own matching: the same figure
followed by the same word in two documents ("25 people" … "25 people"). In one of the two
documents that figure is changed (n → 2n + 3), which makes one known conflict. A detector
scores a hit when it reports a number conflict with the new figure on one side and the old
one on another; any other conflict it reports on the perturbed cluster that it did not
report on the original is a false alarm. Two reference detectors show that the harness
punishes both extremes: ``none`` (recall 0) and ``every-pair`` (any two figures counting a
noun with the same head, in different documents, that differ — low precision).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from ..analyse import analyse, build_actors, load_pipeline
from ..analyse.speakers import attribute
from ..compare import find_conflicts
from ..models import AnalysedArticle, Article, Conflict, RawArticle, Side
from .data import Cluster

# A figure counting a plural noun, optionally in millions: "25 people", "14 million subscribers".
# Not after a month or a hyphen ("Sept. 20", "1976-83"), not money ("dlrs 30", "$30").
_FIGURE = re.compile(
    r"(?<![\w.,$-])(?<!dlrs )(?<!Sept\. )(?<!Oct\. )(?<!Nov\. )(?<!Dec\. )(?<!Jan\. )(?<!Feb\. )"
    r"(?<!Aug\. )(\d{2,3}(?:,\d{3})*)\s+((?:(?:million|billion|thousand)\s+)?"
    r"(?:[a-z]{3,}(?<!ss)s|people|police|children|men|women|troops|staff|personnel))\b"
)
# Durations and percentages are not counts of things: newsbrief does not compare them.
NOT_COUNTS = {"percent", "years", "months", "weeks", "days", "hours", "minutes", "seconds",
              "miles", "kilometers", "feet", "meters", "degrees", "points", "cents", "dollars",
              "knots", "pounds", "tons", "mph", "kph", "acres", "yards", "inches", "games"}

Detector = Callable[[Sequence[AnalysedArticle]], list[Conflict]]


@dataclass(frozen=True)
class Perturbation:
    cluster: str
    document: int  # index of the changed document
    old: str
    new: str
    word: str


@dataclass(frozen=True)
class ConflictScores:
    detector: str
    injected: int
    hits: int
    false_alarms: int
    unperturbed_reports: int

    @property
    def precision(self) -> float:
        reported = self.hits + self.false_alarms
        return self.hits / reported if reported else 0.0

    @property
    def recall(self) -> float:
        return self.hits / self.injected if self.injected else 0.0


def find_perturbation(cluster: Cluster, pick: str = "first") -> Perturbation | None:
    """A figure + word that two documents share, to change in the later one: the first such
    pair, or with ``pick="last"`` the last pair for another figure (a second, independent set
    of test cases; None when the cluster has only one)."""
    seen: dict[tuple[str, str], int] = {}
    shared: list[Perturbation] = []
    for number, document in enumerate(cluster.documents):
        for match in _FIGURE.finditer(document.text):
            key = (match.group(1), match.group(2))
            if key[1].split()[-1] in NOT_COUNTS:
                continue
            if key in seen and seen[key] != number:
                old = match.group(1)
                new = f"{int(old.replace(',', '')) * 2 + 3:,}"
                shared.append(Perturbation(cluster.id, number, old, new, match.group(2)))
            seen.setdefault(key, number)
    if not shared:
        return None
    if pick == "first":
        return shared[0]
    first = (shared[0].old, shared[0].word)
    return next((c for c in reversed(shared) if (c.old, c.word) != first), None)


def perturb(text: str, change: Perturbation) -> str:
    pattern = re.compile(rf"(?<![\w.,$-]){re.escape(change.old)}(?=\s+{re.escape(change.word)}\b)")
    return pattern.sub(change.new, text)


def articles_of(cluster: Cluster, change: Perturbation | None = None) -> list[Article]:
    from ..clean import clean_article

    articles = []
    for number, document in enumerate(cluster.documents):
        text = perturb(document.text, change) if change and number == change.document else document.text
        article = clean_article(RawArticle(text=text, origin=document.id, outlet=document.id,
                                           given_id=document.id))
        if isinstance(article, Article):
            articles.append(article)
    return articles


def newsbrief_detector(analysed: Sequence[AnalysedArticle]) -> list[Conflict]:
    actors = build_actors(analysed)
    return [c for c in find_conflicts(analysed, attribute(analysed, actors), actors)
            if c.kind == "number" and not c.agree]


def every_pair_detector(analysed: Sequence[AnalysedArticle]) -> list[Conflict]:
    quantities = [q for a in analysed for q in a.quantities]
    found = []
    for a, b in combinations(quantities, 2):
        if a.article_id != b.article_id and a.head == b.head and (a.low, a.high) != (b.low, b.high):
            sides = tuple(Side(q.text, q.article_id, q.sentence, "") for q in (a, b))
            found.append(Conflict("number", a.thing, sides))
    return found


def no_detector(analysed: Sequence[AnalysedArticle]) -> list[Conflict]:
    return []


DETECTORS: dict[str, Detector] = {
    "newsbrief": newsbrief_detector, "every-pair": every_pair_detector, "none": no_detector,
}


def _key(conflict: Conflict) -> tuple[str, frozenset[str]]:
    return conflict.subject, frozenset(s.value for s in conflict.sides)


def _is_hit(conflict: Conflict, change: Perturbation) -> bool:
    values = [s.value.replace(",", "") for s in conflict.sides]
    old, new = change.old.replace(",", ""), change.new.replace(",", "")
    return any(new in v for v in values) and any(old in v and new not in v for v in values)


def evaluate_conflicts(
    clusters: Iterable[Cluster], detectors: Sequence[str], model: str | None = None,
    on_original: Callable[[str, Conflict], None] | None = None, pick: str = "first",
) -> tuple[list[ConflictScores], list[Perturbation]]:
    """Score each detector on the perturbed clusters; ``on_original`` sees every conflict
    newsbrief reports on an unperturbed cluster (for reading them by hand); ``pick`` chooses
    which shared figure is changed (see ``find_perturbation``)."""
    nlp = load_pipeline(model)
    totals = {name: [0, 0, 0] for name in detectors}  # hits, false alarms, unperturbed reports
    changes = []
    for cluster in clusters:
        change = find_perturbation(cluster, pick)
        if change is None:
            if on_original:
                for conflict in newsbrief_detector(analyse(articles_of(cluster), nlp)):
                    on_original(cluster.id, conflict)
            continue
        changes.append(change)
        original = analyse(articles_of(cluster), nlp)
        if on_original:
            for conflict in newsbrief_detector(original):
                on_original(cluster.id, conflict)
        changed_id = cluster.documents[change.document].id
        changed = analyse([a for a in articles_of(cluster, change) if a.id == changed_id], nlp)
        perturbed = [changed[0] if item.article.id == changed_id else item for item in original]
        for name in detectors:
            before = {_key(c) for c in DETECTORS[name](original)}
            after = DETECTORS[name](perturbed)
            hits = [c for c in after if _is_hit(c, change)]
            alarms = [c for c in after if not _is_hit(c, change) and _key(c) not in before]
            totals[name][0] += min(len(hits), 1)
            totals[name][1] += len(alarms) + max(len(hits) - 1, 0)
            totals[name][2] += len(before)
    scores = [ConflictScores(name, len(changes), *totals[name]) for name in detectors]
    return scores, changes


def format_table(scores: Iterable[ConflictScores]) -> str:
    lines = ["| detector | injected | hits | false alarms | precision | recall | reports on originals |",
             "|---|---|---|---|---|---|---|"]
    for s in scores:
        lines.append(f"| {s.detector} | {s.injected} | {s.hits} | {s.false_alarms} | {s.precision:.3f} "
                     f"| {s.recall:.3f} | {s.unperturbed_reports} |")
    return "\n".join(lines)


__all__ = ["DETECTORS", "AnnotatedScores", "ConflictScores", "evaluate_annotated", "evaluate_conflicts",
           "find_perturbation", "format_table", "perturb"]


@dataclass(frozen=True)
class AnnotatedScores:
    clusters: int
    gold: int
    reported: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.reported if self.reported else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0


def evaluate_annotated(path: str | Path) -> tuple[AnnotatedScores, list[str]]:
    """Run the whole briefing on each hand-annotated cluster; a reported conflict is right when
    its kind matches a gold conflict and its sides carry every gold value. Returns the scores
    and one line per mistake."""
    from ..pipeline import Pipeline

    pipeline = Pipeline()
    gold_total = reported = correct = 0
    mistakes: list[str] = []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    for record in records:
        briefing = pipeline.brief(record["documents"])
        found = [c for c in briefing.conflicts if not c.agree]
        gold = [(g["kind"], {v.lower() for v in g["values"]}) for g in record["conflicts"]]
        gold_total += len(gold)
        reported += len(found)
        unmatched = list(gold)
        for conflict in found:
            values = {s.value.lower() for s in conflict.sides}
            match = next((g for g in unmatched if g[0] == conflict.kind and g[1] <= values), None)
            if match is None:
                mistakes.append(f"{record['id']}: reported {conflict.kind} {sorted(values)} (not in gold)")
            else:
                unmatched.remove(match)
                correct += 1
        mistakes += [f"{record['id']}: missed {kind} {sorted(values)}" for kind, values in unmatched]
    return AnnotatedScores(len(records), gold_total, reported, correct), mistakes
