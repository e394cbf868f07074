"""Roles the text gives people: titles before a name and appositions around it.

"US Secretary of State Mike Pompeo", "Guaidó, the head of the National Assembly,",
"Maduro's communications minister, Jorge Rodriguez". Read from spaCy's parse; the names are
matched to actors later, so a role of a name that is no actor is simply dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..models import RoleMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Heads of a title written as a proper noun ("Secretary", "Chief"); common nouns always count.
TITLE_WORDS = frozenset("""
    president vice secretary minister adviser advisor leader chief head spokesman spokeswoman
    spokesperson director chairman chairwoman chair governor mayor senator ambassador general
    commander envoy officer official judge prosecutor king queen prince premier chancellor
    representative congressman congresswoman speaker founder ceo editor councillor
""".split())
NOT_ROLES = frozenset({"mr", "mrs", "ms", "miss", "mr.", "mrs.", "ms.", "dr", "dr."})
MAX_ROLE_WORDS = 10
# Dependents that end a role phrase: relative clauses and asides are about the person.
_CUT = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"}


def find_roles(
    doc: Doc, article_id: str, offset: int, sentence_at: Callable[[int], int]
) -> list[RoleMention]:
    """Every (name, role) pair of one paragraph that reads as a role."""
    found: list[RoleMention] = []
    for name, role_tokens in _name_roles(doc):
        role = _role_text(role_tokens)
        if role:
            found.append(RoleMention(article_id, sentence_at(offset + name[0].idx),
                                     " ".join(t.text for t in name), role))
    return found


def _name_roles(doc: Doc) -> Iterator[tuple[list[Token], list[Token]]]:
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name = [t for t in ent if t.tag_ != "POS"]
        head = ent.root
        # a title right before the name, inside the same noun phrase
        left = [t for t in head.subtree if t.i < ent.start]
        if left and left[-1].i == ent.start - 1:
            yield name, left
        for child in head.children:
            if child.dep_ == "appos":
                yield name, _phrase(child)
        if head.dep_ == "appos" and head.head.tag_ in ("NN", "NNS", "NNP"):
            yield name, [t for t in _phrase(head.head) if t.i not in {x.i for x in head.subtree}]
    for token in doc:  # names spaCy did not tag: "Rodriguez, Maduro's communications minister,"
        if token.tag_ == "NNP" and not token.ent_type_ and token.dep_ in ("nsubj", "nsubjpass"):
            for child in token.children:
                if child.dep_ == "appos" and child.tag_ in ("NN", "NNS"):
                    yield [token], _phrase(child)


def _phrase(head: Token) -> list[Token]:
    """``head`` and its dependents, without relative clauses, asides or punctuation."""
    kept = [head]
    for child in head.children:
        if child.dep_ not in _CUT:
            kept += list(child.subtree)
    return sorted(kept, key=lambda t: t.i)


def _role_text(tokens: list[Token]) -> str | None:
    """The role as written, or None when the words are no role ("Venezuelan", "Mr")."""
    tokens = [t for t in tokens if not t.is_punct or t.text in ("’", "'")]
    while tokens and tokens[0].tag_ in ("DT", "PDT", "PRP$"):
        tokens = tokens[1:]
    if not tokens or len(tokens) > MAX_ROLE_WORDS:
        return None
    if all(t.lower_ in NOT_ROLES for t in tokens):
        return None
    indices = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in indices or t.head.i == t.i]
    head = heads[0]
    if not (head.tag_ in ("NN", "NNS") or head.lower_ in TITLE_WORDS):
        return None
    if any(t.ent_type_ == "PERSON" and t.tag_ == "NNP" for t in tokens[-1:]):
        return None
    text = ""
    for token in tokens:
        text += token.text_with_ws
    return text.strip().rstrip(",") or None
