"""Merge entity mentions into actors: one actor per person, organisation, place or group.

Aliases merge when their normalised forms match (accents, case, honorifics and possessives
ignored), when a lone surname or given name belongs to exactly one full name of the story,
when an acronym spells a longer name's initials, or when a single-word spelling variant
("Gaido") is within a small edit distance of exactly one longer name's surname.
Two people who share a surname are not merged: the lone surname then stays on its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from anyascii import anyascii
from rapidfuzz import fuzz

from ..models import Actor, AnalysedArticle

TYPES = {
    "PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place",
    "FAC": "place", "NORP": "group", "EVENT": "event",
}
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "professor", "lord", "lady",
    "president", "senator", "sen", "rep", "gen", "general", "minister", "secretary",
    "gov", "governor", "mayor", "judge", "pope", "king", "queen", "prince", "princess",
}
_POSSESSIVE = re.compile(r"['’]s?$")
_NON_WORD = re.compile(r"[^\w\s-]")
# Words spaCy's small model tags as entities inside titles ("Secretary of State").
GENERIC = {"state", "government", "administration", "regime", "army", "police", "ministry"}
SPELLING_SIMILARITY = 85  # rapidfuzz ratio for one-word spelling variants ("Gaido"/"Guaido")


def normalise(name: str) -> str:
    """Accent- and case-free key without honorifics, leading "the" or possessive."""
    key = anyascii(name).lower().strip()
    key = _POSSESSIVE.sub("", key)
    key = key.replace(".", "")
    key = _NON_WORD.sub(" ", key)
    words = key.split()
    while words and (words[0] in HONORIFICS or words[0] == "the"):
        words.pop(0)
    return " ".join(words)


@dataclass
class _Group:
    key: str
    surfaces: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    outlets: Counter[str] = field(default_factory=Counter)

    def absorb(self, other: _Group) -> None:
        self.surfaces.update(other.surfaces)
        self.labels.update(other.labels)
        self.outlets.update(other.outlets)

    @property
    def label(self) -> str:
        return self.labels.most_common(1)[0][0]

    @property
    def size(self) -> int:
        return sum(self.surfaces.values())


def build_actors(analysed: Sequence[AnalysedArticle], *, limit: int = 25) -> list[Actor]:
    """Actors of a story ranked by how many outlets mention them, then by mentions."""
    groups: dict[str, _Group] = {}
    for item in analysed:
        for mention in item.mentions:
            if mention.label not in TYPES:
                continue
            key = normalise(mention.text)
            if not key or key in GENERIC:
                continue
            group = groups.setdefault(key, _Group(key))
            group.surfaces[mention.text.strip()] += 1
            group.labels[mention.label] += 1
            group.outlets[item.article.outlet] += 1
    merged = _merge(groups)
    actors = [_to_actor(group) for group in merged]
    actors.sort(key=lambda a: (-len(a.mentions_by_outlet), -a.mentions, a.name))
    return actors[:limit]


def _merge(groups: dict[str, _Group]) -> list[_Group]:
    multi = [g for g in groups.values() if " " in g.key]
    single = [g for g in groups.values() if " " not in g.key]
    result = {id(g): g for g in groups.values()}
    for group in single:
        target = _owner(group, multi)
        if target is not None:
            target.absorb(group)
            del result[id(group)]
    return list(result.values())


def _owner(group: _Group, multi: list[_Group]) -> _Group | None:
    """The one multi-word group this single-word group is an alias of, if unambiguous."""
    word = group.key
    if group.surfaces and all(s.replace(".", "").isupper() for s in group.surfaces):
        initials = [g for g in multi if _initials(g.key) == word and g.label != "PERSON"]
        if len(initials) == 1:
            return initials[0]
    people = [g for g in multi if g.label == "PERSON"]
    if group.label in ("PERSON", "ORG", "GPE", "NORP") and people:
        by_surname = [g for g in people if g.key.split()[-1] == word]
        if len(by_surname) == 1:
            return by_surname[0]
        if by_surname:
            return None  # two people share this surname: no evidence for either
        if len(word) >= 5:
            similar = [
                g for g in people
                if fuzz.ratio(g.key.split()[-1], word) >= SPELLING_SIMILARITY
            ]
            if len(similar) == 1 and group.label == "PERSON":
                return similar[0]
    return None


def _initials(key: str) -> str:
    return "".join(word[0] for word in key.split() if word not in {"of", "and", "the", "for"})


def _to_actor(group: _Group) -> Actor:
    surfaces = [s for s, _ in group.surfaces.most_common()]
    multiword = [s for s in surfaces if " " in s and normalise(s) == group.key]
    name = _clean_name(multiword[0] if multiword else surfaces[0])
    aliases = tuple(dict.fromkeys(_clean_name(s) for s in surfaces if _clean_name(s) != name))
    return Actor(
        name=name,
        type=TYPES.get(group.label, "other"),
        aliases=aliases,
        mentions=group.size,
        mentions_by_outlet=dict(group.outlets.most_common()),
    )


def _clean_name(surface: str) -> str:
    """Display form: no possessive, no leading "the"."""
    name = surface.strip()
    if name.endswith(("'s", "’s")):
        name = _POSSESSIVE.sub("", name)
    return name[4:] if name.lower().startswith("the ") else name
