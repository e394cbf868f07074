"""Where outlets disagree: numbers for the same thing, names for the same thing, titles.

Precision first — a wrong conflict misleads the reader — so two numbers are compared only
when they count the same thing in the same way:
- the counted things share a stem written with a capital and one's head is the other's
  modifier ("25,000 Cuban security forces" / "20,000 Cubans"), and the sentences name the
  same place ("in Venezuela"); or
- the counted things have the same head and modifiers, and the two sentences report the
  same fact: at least ``SAME_FACT`` of the shorter one's other content words, and at least
  ``CONTEXT_WORDS`` of them, are shared — more (``STRONG_FACT``, one more word) when the
  verbs differ ("nine people were killed" / "killing eight people" need less than "nine
  people killed" / "32 people injured", which share too little to be one fact); or
- the story's only count of a specific thing: every article gives one figure for "shots" or
  "demands" (not for a generic head such as "people" or "times", which many counts share), so
  two outlets' figures of at least ``SOLE_MIN`` are one count even when their sentences are
  paraphrases ("fired 10 shots at a car" / "Dunn fired 23 shots at the Dodge Durango"), as
  long as the sentences share ``SOLE_CONTEXT_WORDS`` content word, name no different people
  or places, and their verbs are not two known kinds of count.
Never compared: two values that one article itself gives for the same kind of count, or one
sentence enumerates ("two counts of assault, … five counts of …": to that article they are
different things), figures in sentences naming different years ("In 1978, 20 people died"),
the whole of "64 of the 122 seats" with a plain count (only with another whole), figures
more than ``MAX_RATIO`` times apart (outlets that disagree about
one count rarely differ by more; "two dissidents" and "190 dissidents" are two groups),
numbers within one article (an article's own figures count different things),
near-duplicate copies, figures that are part of a larger count ("nine other deaths"), figures
in sentences about different places ("… in Honduras" / "… in Guatemala"), and articles
published more than ``MAX_DAYS_APART`` apart when the count is one that grows (the dead,
injured, arrested: a toll rising from day to day is an update, not a disagreement); other
figures from articles of different days are reported with a note saying so. A conflict needs
a direct same-thing link between two disagreeing figures, not a chain. Values agree when
their intervals meet (numbers.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations
from typing import NamedTuple

from ..analyse.actors import ActorIndex, role_key
from ..analyse.speech import SPEECH_VERBS
from ..models import Actor, AnalysedArticle, Citation, Conflict, Fact, Quantity, Sentence, Side, Statement
from ..summarise.vectors import tokenize
from .quantities import WHOLE, stem

# Predicates that mean the same for counting ("killed" / "died" / "dead").
SYNONYMS = [
    {"kill", "die", "dead", "death", "slain", "perish"},
    {"injur", "wound", "hurt"},
    {"arrest", "detain", "held", "hold"},
    {"free", "freed", "releas"},
    {"gather", "march", "protest", "demonstr", "ralli", "join"},
    {"disappear", "vanish", "miss", "lost"},
]
# Verbs that say nothing about what is counted ("has 500 members", "there are 20 states").
LIGHT_VERBS = {"be", "have", "has", "had", "includ", "number", "total"}
# Names made of a generic head and a proper name: "Operation Liberty", "Plan Colombia".
NAME_HEADS = {"Operation", "Plan", "Project", "Programme", "Program", "Campaign", "Mission", "Doctrine"}
_NAME = re.compile(r"\b(" + "|".join(sorted(NAME_HEADS)) + r")\s+((?:[A-Z][\w'-]*\s?){1,3})")
# Offices a person holds one at a time: differing portfolios are a conflict of titles.
OFFICE_HEADS = {"secretary", "minister", "ambassador", "governor", "mayor", "adviser", "advisor"}
CONTEXT_WORDS = 2
SAME_FACT = 0.34
STRONG_FACT = 0.5
SAME_VERB_WORDS = 2
MAX_DAYS_APART = 1
SOLE_MIN = 10
SOLE_CONTEXT_WORDS = 1
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
MAX_RATIO = 5.0
GROWING = {"death", "casualti", "victim", "bodi", "dead", "toll", "injuri", "arrest"}
_REPORTING = {"said", "say", "says", "told", "according", "added"}
# Heads too general to be the story's one count of something: many different counts share them.
GENERIC_HEADS = {stem(w) for w in (
    "people", "persons", "men", "women", "children", "kids", "others", "times", "things", "ones",
    "cases", "years", "days", "weeks", "months", "hours", "minutes", "percent", "million", "billion",
    "thousands", "hundreds", "dozens", "residents", "citizens", "individuals", "adults", "families",
)}
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
DATE_EVENT_WORDS = 2  # words two dated clauses share to be about one event


def find_conflicts(
    analysed: Sequence[AnalysedArticle], statements: Sequence[Statement], actors: Sequence[Actor],
    facts: Sequence[Fact] = (),
) -> list[Conflict]:
    """Number, name, title and date conflicts, plus hedged numbers that agree (``agree=True``)."""
    items = [a for a in analysed if not a.article.near_duplicate_of]
    speakers = {(s.article_id, s.sentence): s.speaker for s in statements if s.speaker}
    found = (number_conflicts(items, speakers) + name_conflicts(items) + title_conflicts(actors, analysed)
             + date_conflicts(facts, items, speakers))
    return sorted(found, key=lambda c: (c.agree, c.kind != "number", c.subject))


def number_conflicts(
    items: Sequence[AnalysedArticle], speakers: dict[tuple[str, int], str]
) -> list[Conflict]:
    """Figures for the same thing across outlets, grouped; disagreeing groups are conflicts."""
    outlet = {a.article.id: a.article.outlet for a in items}
    dates = {a.article.id: a.article.date for a in items}
    sentences = {(a.article.id, s.index): s.text for a in items for s in a.sentences}
    quantities = [q for a in items for q in a.quantities
                  if not q.partial and not _enumerated(q, a.quantities)]
    parent = list(range(len(quantities)))
    disagreeing: list[tuple[int, int]] = []
    by_head: dict[str, list[Quantity]] = {}
    for quantity in (q for a in items for q in a.quantities):
        by_head.setdefault(quantity.head, []).append(quantity)

    sole = _sole_counts(items, outlet)
    names = _names_by_sentence(items)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in combinations(range(len(quantities)), 2):
        a, b = quantities[i], quantities[j]
        if outlet[a.article_id] == outlet[b.article_id]:
            continue
        if _grows(a) and _days_apart(dates[a.article_id], dates[b.article_id]) > MAX_DAYS_APART:
            continue
        if a.places and b.places and not {p.lower() for p in a.places} & {p.lower() for p in b.places}:
            continue
        if _too_far(a, b):
            continue  # "two dissidents" / "190 dissidents": different groups, not two counts of one
        sentence_a, sentence_b = sentences[(a.article_id, a.sentence)], sentences[(b.article_id, b.sentence)]
        if not (_sole_count_of(a, b, sole, sentence_a, sentence_b, names)
                or same_thing(a, b, sentence_a, sentence_b)):
            continue
        if _agree(a, b):
            parent[find(i)] = find(j)  # agreeing figures of one thing form a group
        elif not _one_article_has_both(a, b, by_head):
            disagreeing.append((i, j))
    for i, j in disagreeing:  # a conflict joins the two groups it links directly
        parent[find(i)] = find(j)
    groups: dict[int, list[Quantity]] = {}
    for i, quantity in enumerate(quantities):
        groups.setdefault(find(i), []).append(quantity)
    has_conflict = {find(i) for i, _ in disagreeing}
    conflicts = []
    for root, group in groups.items():
        if len({outlet[q.article_id] for q in group}) < 2:
            continue
        classes = _value_classes(group)
        subject = " / ".join(dict.fromkeys(q.thing for q in group))
        if len(classes) > 1 and root in has_conflict:
            days = {dates[q.article_id] for q in group} - {None}
            note = "reported on different days: a figure may have been updated" if len(days) > 1 else ""
            sides = tuple(_side(q, sentences, speakers) for members in classes for q in members)
            conflicts.append(Conflict("number", subject, sides, note))
        elif len({q.text.lower() for q in group}) > 1 and any(q.hedge != "exact" for q in group):
            values = " / ".join(dict.fromkeys(q.text for q in group))
            sides = tuple(_side(members[0], sentences, speakers) for members in classes)
            conflicts.append(Conflict("number", subject, sides, note=f"hedged figures agree: {values}",
                                      agree=True))
    return conflicts


def _sole_counts(items: Sequence[AnalysedArticle], outlet: dict[str, str]) -> set[str]:
    """Heads of specific things each article counts once — all its figures for the head, with
    any modifiers, agree ("runs" is no sole count where one article has "50 home runs" and "two
    home runs") — in at least two outlets: "71 beagles" / "145 beagles" can only be one count."""
    values: dict[str, dict[str, list[Quantity]]] = {}
    for item in items:
        for quantity in item.quantities:
            if quantity.head not in GENERIC_HEADS:
                values.setdefault(quantity.head, {}).setdefault(item.article.id, []).append(quantity)
    return {
        head for head, by_article in values.items()
        if len({outlet[article] for article in by_article}) > 1
        and all(not q.partial and WHOLE not in q.modifiers and all(_agree(q, other) for other in figures)
                for figures in by_article.values() for q in figures)
    }


def _sole_count_of(a: Quantity, b: Quantity, sole: set[str],
                   sentence_a: str, sentence_b: str, names: dict[tuple[str, int], set[str]]) -> bool:
    """Both figures are the story's only count of one specific thing (see ``_sole_counts``),
    in sentences that share a content word and do not name different people or places."""
    if a.head not in sole or (a.head, set(a.modifiers)) != (b.head, set(b.modifiers)):
        return False
    if min(a.low, b.low) < SOLE_MIN or _years(sentence_a) != _years(sentence_b):
        return False  # "the two parties", "three yachts": small figures describe, they rarely count
    if _groups(a.predicate) and _groups(b.predicate) and not _same_predicate(a.predicate, b.predicate):
        return False
    names_a, names_b = (names.get((q.article_id, q.sentence), set()) for q in (a, b))
    return (_same_names(names_a, names_b)
            and len(_shared_context(a, b, sentence_a, sentence_b)[0]) >= SOLE_CONTEXT_WORDS)


def _names_by_sentence(items: Sequence[AnalysedArticle]) -> dict[tuple[str, int], set[str]]:
    """The capitalised words of the people, places and organisations each sentence names."""
    names: dict[tuple[str, int], set[str]] = {}
    for item in items:
        for mention in item.mentions:
            if mention.label in NAME_LABELS:
                names.setdefault((mention.article_id, mention.sentence), set()).update(
                    w.lower() for w in mention.text.split() if w[:1].isupper())
    return names


def _same_names(names_a: set[str], names_b: set[str]) -> bool:
    """Sentences that both name people, places or organisations must share one: "North Korea
    will send 317 athletes" and "China will send 596 athletes" count two teams."""
    return not (names_a and names_b) or bool(names_a & names_b)


def _side(quantity: Quantity, sentences: dict[tuple[str, int], str],
          speakers: dict[tuple[str, int], str]) -> Side:
    where = (quantity.article_id, quantity.sentence)
    return Side(quantity.text, *where, sentences[where], speakers.get(where))


def _one_article_has_both(a: Quantity, b: Quantity, by_head: dict[str, list[Quantity]]) -> bool:
    """True when some article gives figures agreeing with both values for this head: to that
    article they are two different things (or an update: "rose to 40 from 32")."""
    articles: dict[str, set[int]] = {}
    for quantity in by_head.get(a.head, []) + (by_head.get(b.head, []) if b.head != a.head else []):
        sides = articles.setdefault(quantity.article_id, set())
        for side, other in enumerate((a, b)):
            if _agree(quantity, other) and _comparable_predicates(quantity, other):
                sides.add(side)
    return any(sides == {0, 1} for sides in articles.values())


def _comparable_predicates(a: Quantity, b: Quantity) -> bool:
    """False for two known, different kinds of count ("killing 60" / "injuring about 180")."""
    return not (_has_predicate(a) and _has_predicate(b) and not _same_predicate(a.predicate, b.predicate))


def _enumerated(quantity: Quantity, article: Sequence[Quantity]) -> bool:
    """One of several values a sentence gives for one kind of thing ("two counts of assault,
    … five counts of theft"): each counts a sub-kind, not the thing itself."""
    return any(other.sentence == quantity.sentence and other.head == quantity.head
               and not _agree(other, quantity) and _comparable_predicates(other, quantity)
               for other in article)


def _too_far(a: Quantity, b: Quantity) -> bool:
    """Figures more than ``MAX_RATIO`` apart count different things."""
    low = max(min(a.high, b.high), 1e-9)
    return max(a.low, b.low) / low > MAX_RATIO


def _days_apart(first: dt.date | None, second: dt.date | None) -> int:
    return abs((first - second).days) if first and second else 0


def _grows(quantity: Quantity) -> bool:
    """Counts that rise as a story unfolds: the dead, injured, arrested, missing, evacuated."""
    return (quantity.head in GROWING or bool(_groups(quantity.predicate) & {0, 1, 2})
            or quantity.predicate.startswith(("miss", "evacu", "rescu")))


def _value_classes(group: list[Quantity]) -> list[list[Quantity]]:
    """Mentions partitioned so that the values within a class all agree."""
    classes: list[list[Quantity]] = []
    for quantity in sorted(group, key=lambda q: (q.hedge != "exact", q.low)):
        for members in classes:
            if all(_agree(quantity, other) for other in members):
                members.append(quantity)
                break
        else:
            classes.append([quantity])
    return classes


def _agree(a: Quantity, b: Quantity) -> bool:
    return a.low <= b.high and b.low <= a.high


def same_thing(a: Quantity, b: Quantity, sentence_a: str, sentence_b: str) -> bool:
    """True when two numbers count the same thing (see the module docstring)."""
    words_a, words_b = {a.head, *a.modifiers}, {b.head, *b.modifiers}
    shared_proper = (set(a.proper) & words_b) | (set(b.proper) & words_a)
    crossed = a.head != b.head and (a.head in words_b or b.head in words_a)
    differ = not _comparable_predicates(a, b)
    if shared_proper and crossed:  # "20,000 Cubans" / "25,000 Cuban security forces" — doing one thing
        return not differ and bool({p.lower() for p in a.places} & {p.lower() for p in b.places})
    if a.head != b.head or set(a.modifiers) != set(b.modifiers) or _head_word(a) != _head_word(b):
        return False
    # the sentences must also report the same fact ("killed when the old bridge collapsed"),
    # so two death counts from two different events stay apart; different verbs need more
    # of it ("disappeared with 239 people aboard" / "went missing with 239 people on board")
    if _years(sentence_a) != _years(sentence_b):
        return False  # "in 1978, 20 people died" is another event than today's toll
    if differ and _groups(a.predicate) and _groups(b.predicate):
        return False  # "killed" / "injured": two known kinds of count, never one
    needed_words, needed_share = (CONTEXT_WORDS + 1, STRONG_FACT) if differ else (CONTEXT_WORDS, SAME_FACT)
    if _has_predicate(a) and _has_predicate(b) and not differ:
        needed_words, needed_share = SAME_VERB_WORDS, 0.0  # "sickened 87 people" / "sickened 177 people"
    shared, smaller = _shared_context(a, b, sentence_a, sentence_b)
    return len(shared) >= needed_words and len(shared) / smaller >= needed_share


def _shared_context(a: Quantity, b: Quantity, sentence_a: str, sentence_b: str) -> tuple[set[str], int]:
    """Content stems the two sentences share besides the counted words and their verbs, and
    the size of the smaller sentence's context."""
    predicates = {a.predicate, b.predicate}
    context_a = {stem(w) for w in tokenize(sentence_a) if not w[0].isdigit()} - {a.head, *a.modifiers}
    context_b = {stem(w) for w in tokenize(sentence_b) if not w[0].isdigit()} - {b.head, *b.modifiers}
    context_a, context_b = context_a - _REPORTING - predicates, context_b - _REPORTING - predicates
    return context_a & context_b, min(len(context_a), len(context_b)) or 1


def _head_word(quantity: Quantity) -> str:
    """The counted word without its plural ending: stems alone join "spacewalkers" and "spacewalks"."""
    return quantity.thing.split()[-1].lower().removesuffix("s") if quantity.thing else ""


def _years(sentence: str) -> set[str]:
    return set(_YEAR.findall(sentence))


def _has_predicate(quantity: Quantity) -> bool:
    return bool(quantity.predicate) and quantity.predicate not in LIGHT_VERBS


def _groups(predicate: str) -> set[int]:
    """The SYNONYMS groups a verb stem belongs to."""
    return {n for n, group in enumerate(SYNONYMS) if predicate.startswith(tuple(group))}


def _same_predicate(a: str, b: str) -> bool:
    return a == b or bool(_groups(a) & _groups(b))


def name_conflicts(items: Sequence[AnalysedArticle]) -> list[Conflict]:
    """"Operation Liberty" in one outlet, "Operation Freedom" in another, never both in one
    article, in sentences that share at least two content words."""
    uses: dict[tuple[str, str], list[tuple[str, int, str]]] = {}
    for item in items:
        for sentence in item.sentences:
            for match in _NAME.finditer(sentence.text):
                name = f"{match.group(1)} {match.group(2).strip()}"
                uses.setdefault((match.group(1), name), []).append(
                    (item.article.id, sentence.index, sentence.text))
    outlet = {a.article.id: a.article.outlet for a in items}
    conflicts = []
    names = sorted(uses)
    for (head_a, name_a), (head_b, name_b) in combinations(names, 2):
        if head_a != head_b:
            continue
        articles_a = {u[0] for u in uses[(head_a, name_a)]}
        articles_b = {u[0] for u in uses[(head_b, name_b)]}
        if articles_a & articles_b or {outlet[x] for x in articles_a} & {outlet[x] for x in articles_b}:
            continue
        words_a = {stem(w) for u in uses[(head_a, name_a)] for w in tokenize(u[2])}
        words_b = {stem(w) for u in uses[(head_b, name_b)] for w in tokenize(u[2])}
        shared = words_a & words_b - {stem(w) for w in tokenize(name_a + " " + name_b)}
        if len(shared) < 2:
            continue
        sides = tuple(
            Side(name, article, sentence, text)
            for name in (name_a, name_b) for article, sentence, text in uses[(head_a, name)][:2]
        )
        conflicts.append(Conflict("name", f"{name_a} / {name_b}", sides,
                                  note="different names in similar contexts"))
    return conflicts


def title_conflicts(actors: Sequence[Actor], analysed: Sequence[AnalysedArticle]) -> list[Conflict]:
    """One person, two offices of the same kind ("Secretary of State" / "defence secretary")."""
    index = ActorIndex(actors)
    first_use: dict[tuple[str, str], Side] = {}  # (actor, role key) -> where it is first written
    for item in analysed:
        for role in item.roles:
            actor = index.find(role.name)
            if actor is not None:
                text = item.sentences[role.sentence].text if role.sentence < len(item.sentences) else ""
                first_use.setdefault((actor.name, role_key(role.role)),
                                     Side("", item.article.id, role.sentence, text))
    conflicts = []
    for actor in actors:
        offices = [r for r in actor.roles if set(role_key(r.text).split()) & OFFICE_HEADS]
        for first, second in combinations(offices, 2):
            words_a, words_b = set(role_key(first.text).split()), set(role_key(second.text).split())
            if words_a <= words_b or words_b <= words_a or not (words_a & words_b & OFFICE_HEADS):
                continue
            sides = [replace(first_use[key], value=role.text) for role in (first, second)
                     if (key := (actor.name, role_key(role.text))) in first_use]
            if len(sides) == 2:
                conflicts.append(Conflict("title", actor.name, tuple(sides),
                                          note="different titles for the same person"))
    return conflicts


def date_conflicts(facts: Sequence[Fact], items: Sequence[AnalysedArticle],
                   speakers: dict[tuple[str, int], str]) -> list[Conflict]:
    """One fact, told by several outlets, each sentence naming exactly one day — different days.

    Relative dates are resolved against each article's own date first ("on Tuesday" in a
    Wednesday paper and "on Monday" in a Tuesday paper are the same day, not a conflict).
    A fact's sentences are linked in a chain, so two of them may share a topic but date
    different events ("Maduro clung to power Thursday, … after Guaidó failed to win
    defections" beside "Guaidó tried on Wednesday to spark a defection"): two days conflict
    only when the clauses they date share ``DATE_EVENT_WORDS`` words besides names.
    """
    from ..timeline import sentence_refs

    by_id = {item.article.id: item for item in items}
    conflicts = []
    for fact in facts:
        dated: list[_Dated] = []
        for citation in fact.citations:
            item = by_id.get(citation.article)
            if item is None:
                continue
            sentence = next((s for s in item.sentences if s.index == citation.sentence), None)
            refs = sentence_refs(item, sentence) if sentence else []
            if sentence is not None and len(refs) == 1 and refs[0].granularity == "day":
                event = _dated_event(item, sentence, refs[0].text)
                dated.append(_Dated(refs[0].iso(), item.article.outlet, event, citation))
        linked = [(a, b) for a, b in combinations(dated, 2)
                  if a.outlet != b.outlet and len(a.event & b.event) >= DATE_EVENT_WORDS]
        if not any(a.day != b.day for a, b in linked):
            continue
        in_pair = [d for d in dated if any(d is x for pair in linked for x in pair)]
        kept = sorted(in_pair, key=lambda d: d.day)
        sides = tuple(Side(d.day, d.citation.article, d.citation.sentence, d.citation.text,
                           speakers.get((d.citation.article, d.citation.sentence))) for d in kept)
        conflicts.append(Conflict("date", fact.text, sides, note="the same event on different days"))
    return conflicts


class _Dated(NamedTuple):
    """A fact's sentence naming one day: the day, its outlet, and what the day dates."""

    day: str
    outlet: str
    event: set[str]
    citation: Citation


def _dated_event(item: AnalysedArticle, sentence: Sentence, expression: str) -> set[str]:
    """What a date expression of the sentence dates: the clause of the date mention it
    overlaps (analysis keeps it), or the sentence's content words outside names and the
    expression when spaCy tagged no date there. Speech verbs are left out: "officials said
    Saturday" and "officials said Sunday" are two statements, not one event on two days."""
    at = sentence.text.find(expression)
    start, end = sentence.start + max(at, 0), sentence.start + max(at, 0) + len(expression)
    mentions = [m for m in item.mentions if m.sentence == sentence.index]
    words = next((m.clause for m in mentions if m.clause and start < m.end and m.start < end), None)
    if words is None:  # no parse of this date: the sentence without its names and the date itself
        left_out = {w for m in mentions if m.label in NAME_LABELS for w in tokenize(m.text)}
        left_out.update(tokenize(expression))
        words = [w for w in tokenize(sentence.text) if w not in left_out]
    return {stem(word) for word in words if word not in SPEECH_VERBS}
