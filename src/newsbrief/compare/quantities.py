"""Find the numbers that count something in a parsed paragraph ("nine people", "dozens of
protesters", "as many as 25,000 Cuban security forces") with the thing they count."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

import snowballstemmer

from ..models import Quantity
from .numbers import HEDGES, VAGUE, Value, parse_value

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Modifiers that do not change what is counted ("a total 50 countries")...
NEUTRAL_MODIFIERS = {"total", "estimated", "some"}
# ...and those that make the figure part of a larger count ("nine other deaths").
PARTIAL_MODIFIERS = {"other", "more", "additional", "further", "another", "remaining", "new", "extra"}
# Units of measure: "8 mph (13 kph)" is a speed, not a count of things.
MEASURES = {
    "mph", "kph", "km", "kilometers", "kilometres", "miles", "mile", "feet", "foot", "meters",
    "metres", "inches", "yards", "pounds", "kilograms", "kg", "tons", "tonnes", "barrels",
    "degrees", "knots", "acres", "hectares", "percent", "points", "cents", "dollars", "dlrs",
    "euros", "pesos", "yen", "baht", "crowns", "volts", "watts", "gallons", "liters", "litres",
    # multipliers and references, not things: "three times the limit", "the 3000 block", "p. 3"
    "times", "block", "p.", "page", "pages", "gb", "mb", "tb", "stories", "floors",
}
# Plural nouns of time: "31 days" is a duration (NER calls it a DATE rightly).
TIME_UNITS = {"seconds", "minutes", "hours", "days", "nights", "weeks", "weekends", "months",
              "years", "decades", "centuries", "mornings", "evenings"}
WHOLE = "(whole)"  # a modifier marking the M of "N of the M things"
COPULAS = {"is", "are", "was", "were", "be", "been", "being", "'s", "’s"}
_HEDGE_WORDS = {w for pattern, _ in HEDGES for w in pattern.split()}


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


def find_quantities(
    doc: Doc, article_id: str, offset: int, sentence_at: Callable[[int], int]
) -> list[Quantity]:
    """Counted figures of one paragraph, with the thing each counts."""

    def counted(first: int, last: int, head: Token, anchor: Token | None = None, *,
                hedged: bool = True) -> Quantity | None:
        """The figure doc[first:last], with the hedge words before it ("as many as") when they
        make a known hedge ("city of 54,003 people": "of" alone is none)."""
        starts = [first]
        while hedged and first > 0 and doc[first - 1].lower_ in _HEDGE_WORDS:
            first -= 1
            starts.insert(0, first)
        for start in starts:  # the longest phrase that reads as a figure
            phrase = doc[start:last]
            value = parse_value(phrase.text)
            if value is not None:
                break
        if value is None or value.high <= 1 or _is_year(phrase.text, head) or _earlier_value(phrase, head):
            return None
        return _quantity(phrase.text, head, value, article_id, offset + phrase.start_char,
                         offset + phrase.end_char, sentence_at, anchor)

    found: list[Quantity | None] = []
    for ent in doc.ents:
        if ent.label_ != "CARDINAL":
            continue
        root = ent.root if ent.root.like_num else next((t for t in reversed(ent) if t.like_num), ent.root)
        anchor = None  # the word whose verb the count belongs to ("Thousands of people rallied")
        if root.dep_ == "nummod" and root.head.tag_ in ("NN", "NNS", "NNP", "NNPS"):
            head = root.head
        elif root.lower_ in VAGUE or root.lower_ in ("dozens", "hundreds", "thousands"):
            head, anchor = _of_object(root), root
        else:
            head = None
        if head is None or head.lower_ in MEASURES:
            continue
        if ent.end < len(doc) and doc[ent.end].text in ("-", "–"):
            continue  # "a 122-seat assembly", "the 18-nation forum": not a count
        found.append(counted(ent.start, ent.end, head, anchor))
    for token in doc:
        if token.ent_type_ and not _misread_as_date(token):
            continue
        if (token.like_num and token.dep_ == "nummod" and token.head.tag_ in ("NN", "NNS")
                and token.head.lower_ not in MEASURES):  # "Eleven people …": NER missed it
            first = token.i
            while first > 0 and (doc[first - 1].like_num or doc[first - 1].lower_ in _HEDGE_WORDS):
                first -= 1
            found.append(counted(first, token.i + 1, token.head))
        elif token.lower_ in VAGUE and token.lower_ not in ("a", "several"):  # "dozens of protesters"
            head = _of_object(token)
            if head is not None:
                found.append(counted(token.i, token.i + 1, head, token, hedged=False))
    return [q for q in found if q is not None]


def _earlier_value(phrase: Span, head: Token) -> bool:
    """"trimmed its ranks from 12,986 employees to 8,589": the figure after "from" is what the
    count was before a change, not what any outlet says it is."""
    doc = phrase.doc
    if phrase.start == 0 or doc[phrase.start - 1].lower_ != "from":
        return False
    after = doc[head.i + 1: head.sent.end]
    return any(t.lower_ == "to" and t.i + 1 < len(doc) and doc[t.i + 1].like_num for t in after)


def _misread_as_date(token: Token) -> bool:
    """"We have 31 demands": NER tags the bare number a DATE though it counts plural things."""
    if not (token.ent_type_ == "DATE" and token.like_num and token.dep_ == "nummod"
            and token.head.tag_ == "NNS" and token.head.lower_ not in TIME_UNITS):
        return False
    entity = next(e for e in token.doc.ents if e.start <= token.i < e.end)
    return all(t.like_num for t in entity)  # "31", not "31 years ago" or "May 31"


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            return objects[0] if objects else None
    return None


def _is_total_of_part(head: Token) -> bool:
    """"won 64 of the 122 seats": 122 counts the whole the 64 are part of, comparable only with
    another whole ("5,000 of its 13,000 workers" / "5,000 of its 26,003 workers")."""
    preposition = head.head
    return (head.dep_ == "pobj" and preposition.lower_ == "of" and preposition.head.like_num
            and preposition.head.i != head.i)


def _is_year(text: str, head: Token) -> bool:
    digits = text.strip()
    return digits.isdigit() and len(digits) == 4 and 1800 <= int(digits) <= 2100 and head.tag_ != "NNS"


def _quantity(text: str, head: Token, value: Value, article_id: str, start: int, end: int,
              sentence_at: Callable[[int], int], anchor: Token | None = None) -> Quantity:
    described = [c for c in head.children if c.dep_ in ("amod", "compound") and c.is_alpha]
    modifiers = [c for c in described if c.lower_ not in NEUTRAL_MODIFIERS | PARTIAL_MODIFIERS]
    partial = (any(c.lower_ in PARTIAL_MODIFIERS for c in described)  # "nine other deaths"
               or any(c.dep_ == "det" and c.lower_ in PARTIAL_MODIFIERS for c in head.children))  # "another"
    whole = (WHOLE,) if _is_total_of_part(head) else ()
    words = sorted([*modifiers, head], key=lambda t: t.i)
    predicate = (anchor or head).head
    for _ in range(2):  # "recognised by 50 countries": through the preposition to its verb
        if predicate.tag_ == "IN" and predicate.head.i != predicate.i:
            predicate = predicate.head
    if predicate.lower_ in COPULAS or predicate.i == (anchor or head).i:
        predicate_stem = "be"
    elif predicate.tag_.startswith("VB"):
        predicate_stem = stem(predicate.text)
    else:
        predicate_stem = ""
    return Quantity(
        article_id=article_id,
        sentence=sentence_at(start),
        text=text,
        thing=" ".join(t.text for t in words),
        low=value.low,
        high=value.high,
        hedge=value.hedge,
        head=stem(head.text),
        modifiers=(*(stem(t.text) for t in modifiers), *whole),
        predicate=predicate_stem,
        proper=tuple(stem(t.text) for t in words if t.text[:1].isupper() and t.i != head.sent.start),
        start=start,
        end=end,
        places=tuple(e.text for e in head.sent.ents if e.label_ in ("GPE", "LOC")),
        partial=partial,
    )
