"""Infer a publication date when an article states none; the result is marked ``inferred``.

Evidence: the latest explicit full date in the text or in what cleaning removed (photo
captions such as "… in Caracas, May 1, 2019."). Captions are usually from the day of
publication or the day before, so the date moves forward by up to two days when the article
speaks of that later weekday ("clung to power Thursday").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..models import Article

_FULL_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(\d{1,2}),\s+((?:19|20)\d\d)\b"
)
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
DAY_NAMES = list(calendar.day_name)
MAX_FORWARD_DAYS = 2


def infer_publication_date(article: Article) -> tuple[dt.date, str] | None:
    """(date, evidence) or None when the text holds no full date."""
    texts = [article.text, *(r.text for r in article.removed)]
    found = []
    for text in texts:
        for month, day, year in _FULL_DATE.findall(text):
            try:
                found.append(dt.date(int(year), MONTHS[month], int(day)))
            except ValueError:
                continue
    if not found:
        return None
    latest = max(found)
    weekdays = set(_WEEKDAY.findall(article.text))
    inferred = latest
    for offset in range(1, MAX_FORWARD_DAYS + 1):
        later = latest + dt.timedelta(days=offset)
        if DAY_NAMES[later.weekday()] in weekdays:
            inferred = later
    evidence = f"latest full date in the text is {latest.isoformat()}"
    if inferred != latest:
        evidence += f"; the article speaks of {DAY_NAMES[inferred.weekday()]}, {inferred.isoformat()}"
    return inferred, evidence
