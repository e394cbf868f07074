"""Clean: strip what is not the article and record every removal with its reason."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Article, RawArticle, Removal, Skipped
from .duplicates import fingerprint, near_duplicates
from .rules import (
    PARAGRAPH_RULES,
    READ_MORE,
    WIRE_DATELINE,
    ends_with_hashtag,
    is_social_embed,
)

__all__ = ["CleanText", "clean_article", "clean_text", "fingerprint", "near_duplicates"]

_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True)
class CleanText:
    text: str
    removed: tuple[Removal, ...]


def clean_text(raw: str) -> CleanText:
    """Remove captions, embeds, prompts, headings and repeated captions from ``raw``.

    Paragraphs are lines; the result joins the kept paragraphs with blank lines.
    """
    paragraphs = [_SPACES.sub(" ", line).strip() for line in raw.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    removed: list[Removal] = []
    keep = [True] * len(paragraphs)

    def drop(index: int, rule: str, reason: str) -> None:
        if keep[index]:
            keep[index] = False
            removed.append(Removal(rule, paragraphs[index], reason))

    seen: set[str] = set()
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        if following.startswith(paragraph) and len(following) > len(paragraph):
            drop(index, "repeated-caption", "truncated copy of the next paragraph (photo caption)")
            drop(index + 1, "repeated-caption", "photo caption repeated in the body")
            continue
        if paragraph in seen:
            drop(index, "repeated-paragraph", "paragraph repeated earlier in the article")
            continue
        seen.add(paragraph)
        if following and is_social_embed(following) and ends_with_hashtag(paragraph):
            drop(index, "social-embed", "text of an embedded social-media post")
            continue
        for rule in PARAGRAPH_RULES:
            if rule.matches(paragraph):
                drop(index, rule.name, rule.reason)
                break

    kept: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if not keep[index]:
            continue
        paragraph = _strip_inline(paragraph, removed)
        if paragraph:
            kept.append(paragraph)
    return CleanText("\n\n".join(kept), tuple(removed))


def _strip_inline(paragraph: str, removed: list[Removal]) -> str:
    for match in READ_MORE.finditer(paragraph):
        removed.append(Removal("read-more", match.group().strip(), "link prompt inside the text"))
    paragraph = READ_MORE.sub("", paragraph)
    dateline = WIRE_DATELINE.match(paragraph)
    if dateline:
        removed.append(Removal("wire-dateline", dateline.group().strip(), "wire-service dateline"))
        paragraph = paragraph[dateline.end():]
    return paragraph.strip()


def clean_article(raw: RawArticle) -> Article | Skipped:
    """A cleaned article with a stable id, or the reason nothing usable was left."""
    cleaned = clean_text(raw.text)
    if not cleaned.text.strip():
        return Skipped(raw.origin, "clean", "nothing left after removing boilerplate")
    content_hash = fingerprint(cleaned.text)
    return Article(
        id=raw.given_id or content_hash[:12],
        text=cleaned.text,
        outlet=raw.outlet,
        origin=raw.origin,
        fingerprint=content_hash,
        title=raw.title,
        date=raw.date,
        date_source=raw.date_source,
        url=raw.url,
        reader=raw.reader,
        removed=cleaned.removed,
    )
