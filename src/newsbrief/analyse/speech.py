"""Quotes and claims: who said what, read from spaCy's dependency parse of one paragraph.

A *quote* is a span of at least ``MIN_QUOTE_WORDS`` words in quotation marks (straight or
curly); shorter quoted spans are names or scare quotes ("Operation Liberty", "weak"). Its
speaker is the subject of the speech verb that governs it ("..., he said", "said Guaidó,
...", "X wrote on Twitter: ..."), of the verb a participle hangs from ("Pence addressed
Guaidó, saying ..."), or of "according to". A *claim* is reported speech without quotation
marks: a speech verb with a clausal complement ("Pompeo said the US may take action").

spaCy has no quotation component and textacy's extractor needs lemmas and stops at the
first verb, so this is written here; speakers are resolved to actors later (speakers.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from ..models import Sentence, Statement

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MIN_QUOTE_WORDS = 4
MIN_CLAIM_WORDS = 3
# Inflected forms, because the lemmatizer is excluded from the pipeline for speed.
SPEECH_VERBS = frozenset("""
    say said says saying tell told tells telling write wrote writes writing written
    tweet tweeted tweets tweeting post posted posts warn warned warns warning urge urged urges
    urging add added adds adding insist insisted insists insisting declare declared declares
    declaring state stated states announce announced announces announcing claim claimed
    claims claiming assert asserted asserts explain explained explains ask asked asks
    reply replied replies respond responded responds acknowledge acknowledged acknowledges
    admit admitted admits argue argued argues note noted notes suggest suggested suggests
    shout shouted vow vowed vows pledge pledged pledges promise promised promises deny denied
    denies confirm confirmed confirms report reported reports predict predicted predicts
    stress stressed stresses concede conceded concedes recall recalled recalls
    allege alleged alleges maintain maintained maintains charge charged
""".split())
# Verbs that attribute a quotation but report no clause: "called the collapse "…"".
QUOTING_VERBS = frozenset("""
    call called calls calling describe described describes describing term termed terms
    brand branded brands dub dubbed express expressed expresses expressing
""".split())
SUBJECTS = {"nsubj", "nsubjpass"}
# Dependents that describe the speaker rather than name it.
_DESCRIPTION_ONLY = {"appos", "relcl", "acl", "punct", "cc", "conj", "prep", "advmod"}
_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“"}
_SPACES = re.compile(r"\s+")

SentenceAt = Callable[[int], int]


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the text inside quotation marks (marks excluded).

    A quote still open at the end of the paragraph runs to its end (news style for quotes
    that go on in the next paragraph); a closing mark with no opening one closes a quote
    that started at the paragraph's beginning.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    closer = ""
    for index, char in enumerate(text):
        if open_at is None:
            if char == '"' or char in _OPEN_CLOSE:
                open_at, closer = index + 1, '"' if char == '"' else _OPEN_CLOSE[char]
            elif char == "”" and not spans:
                spans.append((0, index))
        elif char == closer or (closer == '"' and char == "”"):
            spans.append((open_at, index))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(text)))
    return [(start, end) for start, end in spans if text[start:end].strip()]


def find_statements(doc: Doc, article_id: str, offset: int, sentence_at: SentenceAt) -> list[Statement]:
    """Quotes and claims of one paragraph; offsets are shifted by ``offset`` into the article."""
    spans = quote_spans(doc.text)
    inside = _inside_quotes(doc, spans)
    statements: list[Statement] = []
    previous: Statement | None = None
    for start, end in spans:
        words = doc.text[start:end].split()
        if len(words) < MIN_QUOTE_WORDS:
            continue
        tokens = [t for t in doc if start <= t.idx < end]
        if not tokens:
            continue
        verb = _speech_verb_for(tokens, doc, inside)
        text = _SPACES.sub(" ", doc.text[start:end].strip())
        quote = Statement("quote", text, article_id, sentence_at(offset + start),
                          offset + start, offset + end)
        if verb is not None:
            quote = _with_speaker(quote, verb, inside, offset)
        if previous and _continues(previous, quote, verb, doc, offset):
            quote = _merge(previous, quote)
            statements[-1] = quote
        else:
            statements.append(quote)
        previous = quote
    statements += _claims(doc, inside, article_id, offset, sentence_at)
    return statements


def _inside_quotes(doc: Doc, spans: list[tuple[int, int]]) -> set[int]:
    """Indices of tokens inside a quotation, marks included."""
    return {
        t.i for t in doc
        for start, end in spans
        if start - 1 <= t.idx <= end
    }


def _speech_verb_for(tokens: list[Token], doc: Doc, inside: set[int]) -> Token | None:
    """The speech verb that introduces the quote made of ``tokens``."""
    # 1. a speech verb among the quote's first ancestors outside the quotation
    heads: list[Token] = []
    for token in tokens:
        outside = [a for a in token.ancestors if a.i not in inside][:5]
        if outside:
            heads.append(outside[0])
        for ancestor in outside:
            quoting = ancestor.lower_ in QUOTING_VERBS and ancestor.tag_.startswith("VB")
            if quoting or _is_speech_verb(ancestor):
                return ancestor
    # 2. a speech verb next to the clause that holds the quote ("…, saying on Twitter, “…”")
    for head in heads:
        for verb in (head.head, *head.children):
            if verb.i not in inside and _is_speech_verb(verb) and (
                verb.i == head.head.i or verb.dep_ in ("advcl", "xcomp", "ccomp", "parataxis")
            ):
                return verb
    # 3. a short attribution sentence right after ("“…!” he wrote.") or an introduction
    #    ending in a colon right before ("Maduro said:").
    last_sentence = tokens[-1].sent
    if last_sentence.end < len(doc):
        after = doc[last_sentence.end].sent
        if len(after) <= 12 and not any(t.i in inside and not t.is_punct for t in after):
            found = [t for t in after if _is_speech_verb(t)]
            if found:
                return found[0]
    first_sentence = tokens[0].sent
    if first_sentence.start > 0:
        before = doc[first_sentence.start - 1].sent
        if before.text.rstrip().endswith(":"):
            found = [t for t in before if t.i not in inside and _is_speech_verb(t)]
            if found:
                return found[-1]
    # 4. the attribution in the same sentence as the quote, outside it, when the quote is
    #    the sentence's main clause ("He said: “…”" parsed with the quote as root)
    candidates = [t for t in tokens[0].sent if t.i not in inside and _is_speech_verb(t)]
    roots_inside = any(t.dep_ == "ROOT" for t in tokens)
    if roots_inside and len(candidates) == 1:
        return candidates[0]
    return None


def _is_speech_verb(token: Token) -> bool:
    if token.lower_ == "according":
        return any(c.lower_ == "to" for c in token.children)
    return token.lower_ in SPEECH_VERBS and token.tag_.startswith("VB")


def _speaker_token(verb: Token) -> Token | None:
    """The subject of the speech verb, or of the verb a participle or conjunct hangs from."""
    if verb.lower_ == "according":
        for child in verb.children:
            if child.lower_ == "to":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                return objects[0] if objects else None
        return None
    current = verb
    for _ in range(3):
        subjects = [c for c in current.children if c.dep_ in SUBJECTS]
        if subjects and subjects[0].dep_ == "nsubjpass":
            # "they have been told that …": the subject heard it; the speaker is the agent
            agents = [g for c in current.children if c.dep_ == "agent"
                      for g in c.children if g.dep_ == "pobj"]
            return agents[0] if agents else None
        if subjects and subjects[0].tag_ in ("WP", "WDT") and current.dep_ == "relcl":
            return current.head  # "López, who said …"
        if subjects:
            return subjects[0]
        if current.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl") and current.head.i != current.i:
            current = current.head
        else:
            return None
    return None


def _with_speaker(statement: Statement, verb: Token, inside: set[int], offset: int) -> Statement:
    subject = _speaker_token(verb)
    verb_text = "according to" if verb.lower_ == "according" else verb.lower_
    if subject is None or subject.i in inside:
        return replace(statement, verb=verb_text)
    span, kind = speaker_phrase(subject)
    if kind == "pronoun" and subject.lower_ not in ("he", "she", "it", "they"):
        return replace(statement, verb=verb_text)  # "I said", "we said": the speaker is unknown
    return replace(
        statement, verb=verb_text, speaker_text=span.text,
        speaker_start=offset + span.start_char, speaker_kind=kind,
    )


def speaker_phrase(token: Token) -> tuple[Span, str]:
    """The words that name or describe the speaker, and whether they are a name, a pronoun
    or a description ("Maduro's communications minister")."""
    doc = token.doc
    if token.tag_ in ("PRP", "PRP$"):
        return doc[token.i:token.i + 1], "pronoun"
    if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                return _trim(ent), "name"
    if token.tag_ in ("NNP", "NNPS"):
        names = [c for c in token.lefts if c.dep_ in ("compound", "flat") and c.tag_ == "NNP"]
        start = min([token.i] + [c.i for c in names])
        return doc[start:token.i + 1], "name"
    for child in token.children:  # "a local NGO, the Venezuelan Observatory …"
        if child.dep_ == "appos" and child.ent_type_ in ("PERSON", "ORG"):
            return speaker_phrase(child)
    kept = [t for t in token.subtree if not _under(t, token, _DESCRIPTION_ONLY)
            or (t.dep_ == "prep" and t.head.i == token.i) or _under(t, token, {"prep"})]
    kept = [t for t in kept if not t.is_punct]
    for ent in doc.ents:  # "Cuban chief of U.S. Affairs Carlos Fernandez de Cossio"
        if kept and ent.label_ == "PERSON" and ent.end - 1 == kept[-1].i and ent.start > kept[0].i:
            return ent, "name"
    kept = [t for t in token.subtree if not _under(t, token, _DESCRIPTION_ONLY)] or [token]
    return doc[kept[0].i:kept[-1].i + 1], "description"


def _trim(span: Span) -> Span:
    """An entity span without a leading "the" or a trailing possessive."""
    start, end = span.start, span.end
    doc = span.doc
    if doc[start].lower_ == "the" and end - start > 1:
        start += 1
    if doc[end - 1].tag_ == "POS" and end - start > 1:
        end -= 1
    return doc[start:end]


def _under(token: Token, root: Token, deps: set[str]) -> bool:
    """True when ``token`` hangs from ``root`` through a dependent of type ``deps``."""
    while token.i != root.i:
        if token.dep_ in deps and token.head.i == root.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _continues(previous: Statement, quote: Statement, verb: Token | None, doc: Doc, offset: int) -> bool:
    """True when ``quote`` is the second half of one split around "he said" in one sentence."""
    if previous.sentence != quote.sentence or previous.kind != "quote":
        return False
    between = doc.text[previous.end - offset:quote.start - offset]
    same_speaker = verb is None or previous.speaker_start == quote.speaker_start
    return same_speaker and len(between.split()) <= 8 and previous.speaker_text is not None


def _merge(first: Statement, second: Statement) -> Statement:
    text = first.text.rstrip(" ,") + " … " + second.text
    return replace(first, text=text, end=second.end)


def _claims(doc: Doc, inside: set[int], article_id: str, offset: int,
            sentence_at: SentenceAt) -> Iterator[Statement]:
    """Reported speech: a speech verb outside quotes with a clause as its complement."""
    for verb in doc:
        if verb.i in inside or not _is_speech_verb(verb):
            continue
        if any(_is_speech_verb(a) for a in verb.ancestors):
            continue  # "X said it had warned that …": the nested report is X's claim
        if verb.lower_ == "according":
            content = _according_to_content(verb)
        else:
            clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i
                       and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)]
            content = list(clauses[0].subtree) if clauses else []
        while content and (content[0].lower_ == "that" or content[0].is_punct):
            content = content[1:]
        while content and content[-1].is_punct and content[-1].text not in "”\"":
            content = content[:-1]
        if len([t for t in content if not t.is_punct]) < MIN_CLAIM_WORDS:
            continue
        if all(t.i in inside for t in content):
            continue  # a quotation: already a quote
        if not any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in content):
            continue  # "declared Maduro's presidency illegitimate": no reported clause
        start, end = content[0].idx, content[-1].idx + len(content[-1])
        claim = Statement("claim", _SPACES.sub(" ", doc.text[start:end]), article_id,
                          sentence_at(offset + start), offset + start, offset + end)
        yield _with_speaker(claim, verb, inside, offset)


def _according_to_content(verb: Token) -> list[Token]:
    """"According to X, the army …": the clause the phrase qualifies, without the phrase."""
    skip = {t.i for t in verb.subtree}
    return [t for t in verb.head.subtree if t.i not in skip]


def carry_speakers(statements: list[Statement], sentences: list[Sentence]) -> list[Statement]:
    """A quote that is a whole sentence on its own, with no speech verb, continues the
    quote just before it (within two sentences): news style for long quotations."""
    carried: list[Statement] = []
    last_quote: Statement | None = None
    for statement in statements:
        if statement.kind == "quote":
            sentence = sentences[statement.sentence]
            alone = sentence.start >= statement.start - 2  # the sentence opens with the quote
            if (statement.speaker_text is None and statement.verb is None and alone
                    and last_quote is not None and last_quote.speaker_text is not None
                    and 0 < statement.sentence - last_quote.sentence <= 2):
                statement = replace(
                    statement, verb=last_quote.verb, speaker_text=last_quote.speaker_text,
                    speaker_start=last_quote.speaker_start, speaker_kind=last_quote.speaker_kind,
                )
            last_quote = statement
        carried.append(statement)
    return carried
