"""Quote detection and speaker attribution against a hand-annotated set.

The set (bench/data/quotes.jsonl) holds short passages, each with its quotes and their
speakers (``null`` when the text names nobody). A system's quote *matches* a gold quote when
one contains at least ``CONTAINMENT`` of the other's words; each gold quote matches at most
once, so a quote split in two scores one hit and one false alarm. Attribution counts only
named speakers: precision over the quotes a system attributes, recall over the gold quotes
that have a speaker. A pronoun left as "he" is not an attribution.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from anyascii import anyascii

from ..analyse.actors import normalise
from ..errors import InputError

CONTAINMENT = 0.8
_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class Found:
    """One quote a system found, with the speaker it names (or None)."""

    text: str
    speaker: str | None


@dataclass(frozen=True)
class Passage:
    id: str
    construction: str
    text: str
    gold: tuple[Found, ...]


@dataclass(frozen=True)
class QuoteScores:
    system: str
    detection_precision: float
    detection_recall: float
    attribution_precision: float
    attribution_recall: float
    unattributed_kept: str  # "k/n": gold quotes without a speaker that the system left without one
    seconds: float


def read_passages(path: str | Path) -> list[Passage]:
    passages = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                gold = tuple(Found(q["text"], q["speaker"]) for q in record["quotes"])
                passages.append(Passage(record["id"], record.get("construction", ""), record["text"], gold))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{number}: not an annotated passage ({exc})") from None
    if not passages:
        raise InputError(f"{path}: no annotated passages")
    return passages


def _words(text: str) -> list[str]:
    return _WORD.findall(anyascii(text).lower())


def quotes_match(system: str, gold: str) -> bool:
    """One quote contains at least ``CONTAINMENT`` of the other's words."""
    a, b = _words(system), _words(gold)
    if not a or not b:
        return False
    first, second = set(a), set(b)
    shared = len(first & second)
    small, large = sorted((len(first), len(second)))
    return shared >= CONTAINMENT * small and shared >= 0.5 * large


def same_speaker(system: str | None, gold: str | None) -> bool:
    """Equal names after normalisation, or the same surname ("Brandt" for "Lena Brandt")."""
    if system is None or gold is None:
        return False
    a, b = normalise(system), normalise(gold)
    return bool(a) and (a == b or a.split()[-1] == b.split()[-1])


def score(system: str, found: Sequence[Sequence[Found]], passages: Sequence[Passage],
          seconds: float) -> QuoteScores:
    hits = attributed_right = attributed = kept = 0
    total_found = sum(len(f) for f in found)
    for quotes, passage in zip(found, passages, strict=True):
        unmatched = list(passage.gold)
        for quote in quotes:
            if quote.speaker is not None:
                attributed += 1
            match = next((g for g in unmatched if quotes_match(quote.text, g.text)), None)
            if match is None:
                continue
            unmatched.remove(match)
            hits += 1
            if same_speaker(quote.speaker, match.speaker):
                attributed_right += 1
            if match.speaker is None and quote.speaker is None:
                kept += 1
    gold_total = sum(len(p.gold) for p in passages)
    gold_named = sum(1 for p in passages for g in p.gold if g.speaker is not None)
    gold_null = gold_total - gold_named
    return QuoteScores(
        system=system,
        detection_precision=hits / total_found if total_found else 0.0,
        detection_recall=hits / gold_total if gold_total else 0.0,
        attribution_precision=attributed_right / attributed if attributed else 0.0,
        attribution_recall=attributed_right / gold_named if gold_named else 0.0,
        unattributed_kept=f"{kept}/{gold_null}",
        seconds=seconds,
    )


def format_table(rows: Iterable[QuoteScores], passages: Sequence[Passage]) -> str:
    gold = sum(len(p.gold) for p in passages)
    lines = [
        f"{len(passages)} passages, {gold} gold quotes",
        "| system | detection P | detection R | attribution P | attribution R | no-speaker kept | s total |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.system} | {r.detection_precision:.3f} | {r.detection_recall:.3f} "
            f"| {r.attribution_precision:.3f} | {r.attribution_recall:.3f} | {r.unattributed_kept} "
            f"| {r.seconds:.2f} |"
        )
    return "\n".join(lines)


def newsbrief_quotes(model: str | None = None) -> Callable[[Passage], list[Found]]:
    """newsbrief's extractor: each passage briefed as one article, speakers resolved to actors."""
    from ..analyse import analyse, build_actors, load_pipeline
    from ..analyse.speakers import attribute
    from ..clean import clean_article
    from ..models import Article, RawArticle

    nlp = load_pipeline(model)

    def run(passage: Passage) -> list[Found]:
        article = clean_article(RawArticle(text=passage.text, origin=passage.id, outlet="test"))
        if not isinstance(article, Article):
            return []
        analysed = analyse([article], nlp)
        statements = attribute(analysed, build_actors(analysed))
        return [Found(s.text, s.speaker) for s in statements if s.kind == "quote"]

    return run


def textacy_quotes(model: str | None = None) -> Callable[[Passage], list[Found]]:
    """textacy's ``direct_quotations`` on the full spaCy pipeline (it needs lemmas)."""
    import spacy
    from textacy.extract.triples import direct_quotations

    from ..analyse.nlp import installed_pipelines

    nlp = spacy.load(model or installed_pipelines()[0])

    def run(passage: Passage) -> list[Found]:
        doc = nlp(passage.text)
        found = []
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # textacy refuses texts with an odd number of quotation marks
            triples = []
        for triple in triples:
            speaker = " ".join(t.text for t in triple.speaker) or None
            if speaker and speaker.lower() in {"he", "she", "they", "it", "i", "we"}:
                speaker = None  # textacy does not resolve pronouns: not an attribution
            found.append(Found(triple.content.text.strip("\"“”' ,"), speaker))
        return found

    return run
