"""Named cleaning rules: what is not the article, recognised paragraph by paragraph.

Hand-written because trafilatura only sees HTML structure: text that arrives as plain text
(copied pages, wire feeds, JSON exports) still carries captions, embeds and prompts inline.
Every rule has a name and a reason so ``--explain`` can say why a paragraph went.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_FULL_DATE = rf"{_MONTH} \d{{1,2}}, \d{{4}}"

MEDIA_PREFIXES = (
    "image copyright", "image caption", "media playback is unsupported", "media caption",
    "image source", "getty images", "photo:", "photograph:", "picture:", "(photo",
    "video:", "watch:", "listen:", "caption:",
)
_MEDIA_INLINE = re.compile(r"\b(Image copyright|Image caption|Media caption)\b")
_CREDIT = re.compile(
    r"^(?:Photos?|Images?|Pictures?|Credit|Source)\s*:|"
    r"\b(?:REUTERS|AP Photo|AFP(?:/Getty Images)?|Getty Images|EPA(?:-EFE)?|Shutterstock)"
    r"(?:/[\w .]+)?\)?\.?$"
)
_TWEET_PIC = re.compile(r"pic\.twitter\.com/\w+")
_TWEET_SIGNATURE = re.compile(
    rf"[—–-]\s*(?P<author>[^()\n]{{1,80}}?)\s*\((?P<handle>@\w{{1,30}})\)\s*(?P<date>{_FULL_DATE})\s*$"
)
_HASHTAG_TAIL = re.compile(r"#\w+\s*$")
_PROMPT = re.compile(
    r"\b(?:sign up|subscribe (?:to|now)|newsletter|by submitting this form|"
    r"agree to the terms|terms of (?:use|service)|privacy policy|follow us on|"
    r"download our app|all rights reserved|click here|read more:|share this article|"
    r"advertisement)\b",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?:]['\"’”)\]]*$")
_QUESTION_HEAD = re.compile(
    r"^(?:How|What|Why|Who|Where|When|Which|Will|Is|Are|Can|Could|Does|Do|Did|Has|Have)\b"
)
_DATED_CAPTION = re.compile(
    rf"\b(?:in|at|near|outside|on)\s+[A-Z][^.]*?,?\s+(?:on\s+)?{_FULL_DATE}\.?$"
)
_QUOTES = set("\"“”«»")

READ_MORE = re.compile(r"\s*\((?:read more|more here|continue reading)\)", re.IGNORECASE)
WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,40}(?:, [A-Z][\w .]{1,30})?\s+\((?:[A-Z][\w.& ]{1,20})\)\s*[–—-]+\s*"
)


def _words(text: str) -> int:
    return len(text.split())


def is_media_caption(text: str) -> bool:
    lowered = text.lower()
    return lowered.startswith(MEDIA_PREFIXES) or bool(_MEDIA_INLINE.search(text[:80]))


def is_credit(text: str) -> bool:
    return _words(text) <= 12 and bool(_CREDIT.search(text))


def is_social_embed(text: str) -> bool:
    return bool(_TWEET_PIC.search(text) or _TWEET_SIGNATURE.search(text))


def is_prompt(text: str) -> bool:
    return _words(text) <= 30 and bool(_PROMPT.search(text))


def is_subheading(text: str) -> bool:
    if _QUOTES & set(text):
        return False
    words = _words(text)
    if words <= 8 and not _TERMINAL.search(text):
        return True
    return words <= 10 and text.endswith("?") and bool(_QUESTION_HEAD.match(text))


def is_dated_caption(text: str) -> bool:
    """A one-sentence photo caption ending in a place and a full date ("… in Caracas, May 1, 2019.")."""
    body = text.rstrip(".")
    return (
        _words(text) <= 45
        and body.count(". ") == 0
        and not (_QUOTES & set(text))
        and bool(_DATED_CAPTION.search(text))
    )


def looks_like_caption(text: str) -> bool:
    """Used by the text reader so that a caption is never taken for a headline."""
    return is_media_caption(text) or is_credit(text) or is_social_embed(text)


def tweet_signature(text: str) -> dict[str, str] | None:
    """The author, handle and date of an embedded tweet, so removed tweets stay attributable."""
    match = _TWEET_SIGNATURE.search(text)
    return match.groupdict() if match else None


def ends_with_hashtag(text: str) -> bool:
    return bool(_HASHTAG_TAIL.search(text))


@dataclass(frozen=True)
class ParagraphRule:
    """A rule that judges one paragraph on its own."""

    name: str
    reason: str
    matches: Callable[[str], bool]


PARAGRAPH_RULES: tuple[ParagraphRule, ...] = (
    ParagraphRule("media-caption", "image or video caption/credit", is_media_caption),
    ParagraphRule("credit", "photo credit line", is_credit),
    ParagraphRule("social-embed", "embedded social-media post", is_social_embed),
    ParagraphRule("prompt", "newsletter, sign-up or terms prompt", is_prompt),
    ParagraphRule("dated-caption", "photo caption (place and date, no story text)", is_dated_caption),
    ParagraphRule("subheading", "section heading, not a sentence of the story", is_subheading),
)
