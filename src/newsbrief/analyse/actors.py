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
from dataclasses import dataclass, field, replace

from anyascii import anyascii
from rapidfuzz import fuzz

from ..models import Actor, AnalysedArticle, Role, RoleMention

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


def build_actors(analysed: Sequence[AnalysedArticle], *, limit: int | None = None) -> list[Actor]:
    """Actors of a story with their roles, ranked by how many outlets mention them, then by
    mentions (the top ``limit`` when given)."""
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
    outlets = {item.article.id: item.article.outlet for item in analysed}
    actors = with_roles(actors, [r for item in analysed for r in item.roles], outlets)
    return actors[:limit] if limit is not None else actors


class ActorIndex:
    """Finds the actor a name refers to: the same normalised name or alias, or the unique
    person of the story with that surname."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.actors = list(actors)
        self._by_key: dict[str, Actor] = {}
        surnames: dict[str, list[Actor]] = {}
        for actor in reversed(self.actors):  # higher-ranked actors win a shared key
            for name in (actor.name, *actor.aliases):
                key = normalise(name)
                if key:
                    self._by_key[key] = actor
            if actor.type == "person":
                key = normalise(actor.name)
                if " " in key:
                    surnames.setdefault(key.split()[-1], []).append(actor)
        self._by_surname = {word: found[0] for word, found in surnames.items() if len(found) == 1}

    def find(self, name: str) -> Actor | None:
        key = normalise(name)
        if not key:
            return None
        if key in self._by_key:
            return self._by_key[key]
        words = key.split()
        actor = self._by_surname.get(words[-1])
        if actor is None or len(words) == 1:
            return actor
        # "Sergey Lavrov" for "Sergei Lavrov", but not "Jane Smith" for "John Smith"
        given = normalise(actor.name).split()[0]
        return actor if fuzz.ratio(given, words[0]) >= SPELLING_SIMILARITY - 10 else None


def role_key(role: str) -> str:
    """Roles that differ only in case, a leading "the"/"US" or punctuation are one role."""
    words = anyascii(role).lower().replace(".", "").replace("’", "'").split()
    while words and words[0] in ("the", "a", "an", "us", "u.s"):
        words.pop(0)
    return " ".join(words)


def with_roles(actors: list[Actor], mentions: Sequence[RoleMention], outlets: dict[str, str]) -> list[Actor]:
    """Attach each role mention to its actor; roles that differ stay separate, with outlets."""
    index = ActorIndex(actors)
    found: dict[str, dict[str, tuple[Counter[str], Counter[str]]]] = {}
    for mention in mentions:
        actor = index.find(mention.name)
        key = role_key(mention.role)
        if actor is None or actor.type != "person" or not key or key == normalise(actor.name):
            continue
        surfaces, by_outlet = found.setdefault(actor.name, {}).setdefault(key, (Counter(), Counter()))
        surfaces[mention.role] += 1
        by_outlet[outlets.get(mention.article_id, "")] += 1
    result = []
    for actor in actors:
        roles = [
            Role(surfaces.most_common(1)[0][0], tuple(sorted(by_outlet)), sum(by_outlet.values()))
            for surfaces, by_outlet in found.get(actor.name, {}).values()
        ]
        roles.sort(key=lambda r: (-len(r.outlets), -r.mentions, r.text))
        result.append(replace(actor, roles=tuple(roles)) if roles else actor)
    return result


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
