"""Resolve temporal expressions against an article's own date, keeping their granularity.

dateparser (with ``RELATIVE_BASE``) handles absolute and month-day forms ("January 23",
"30 April 2019", "May 2019", "last year"). The glue here covers what it gets wrong or
misses: weekdays (a weekday equal to the article's day is that day; past unless the sentence
looks ahead), modified weekdays ("late Wednesday", "Tuesday night"), "earlier this week",
holidays, and durations or clock times, which are not dates at all ("two days", "6pm").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
HOLIDAYS = {
    "may day": (5, 1), "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "halloween": (10, 31),
}
_MODIFIERS = re.compile(
    r"^(?:on|in|during|by|since|until|from|late|early|last|this|next|the|of|mid|earlier|later)\s+"
)
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night|overnight)$")
_DURATION = re.compile(
    r"^(?:about |around |nearly |almost |more than |at least |over |some |several |the past |the last )?"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a few|few|several|many|dozens of|hundreds of)[\s-]+"
    r"(?:day|week|month|year|decade|hour|minute|century)s?(?:[\s-]+old|[\s-]+long)?$"
)
_NOT_A_DATE = re.compile(
    r"\b(?:\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|old|age|aged|years?|decades?|"
    r"centur(?:y|ies)|recent|daily|weekly|annual|season)\b"
)
_FUTURE = re.compile(
    r"\b(?:will|would|shall|due|scheduled|planned|plans?|expected|set|until|till|"
    r"next|upcoming|coming|before)\b",
    re.IGNORECASE,
)
FUTURE_WINDOW_WORDS = 4  # how far before the expression a future marker counts
# A future modal earlier in the expression's own clause also counts ("Ferries will run a free
# shuttle across the harbour from Wednesday"), unless a relative or reporting word in between
# starts a clause of its own ("will investigate what happened on Tuesday").
_CLAUSE_START = re.compile(r"[,;:(]|\b(?:said|says|told|added|according)\b", re.IGNORECASE)
_FUTURE_MODAL = re.compile(r"\b(?:will|shall)\b|'ll\b|\bgoing to\b", re.IGNORECASE)
_NEW_CLAUSE = re.compile(r"\b(?:what|when|which|who|whom|that|because|after|since|as)\b", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"(?!(?:19|20)\d\d$)[\d\s,./-]+")  # "27", "2-1": not dates; "2014" is
GRANULARITIES = ("day", "week", "month", "year")


@dataclass(frozen=True)
class TimeRef:
    """A resolved expression: the first day of its period, and the period's size."""

    date: dt.date
    granularity: str  # "day", "week", "month" or "year"
    text: str

    @property
    def end(self) -> dt.date:
        if self.granularity == "day":
            return self.date
        if self.granularity == "week":
            return self.date + dt.timedelta(days=6)
        if self.granularity == "month":
            return self.date.replace(day=calendar.monthrange(self.date.year, self.date.month)[1])
        return self.date.replace(month=12, day=31)

    def iso(self) -> str:
        """ISO form at its own granularity: 2019-04-30, 2019-W18, 2019-01, 2019."""
        if self.granularity == "day":
            return self.date.isoformat()
        if self.granularity == "week":
            year, week, _ = self.date.isocalendar()
            return f"{year}-W{week:02d}"
        if self.granularity == "month":
            return self.date.strftime("%Y-%m")
        return str(self.date.year)


def looks_ahead(context: str) -> bool:
    """A future marker among the few words just before the expression ("planned for",
    "will … on", "until") or a future modal in its clause ("will run … from"); "said on
    Tuesday that it would …" stays in the past."""
    window = " ".join(context.split()[-FUTURE_WINDOW_WORDS:])
    if _FUTURE.search(window):
        return True
    clause = _CLAUSE_START.split(context)[-1]
    modals = list(_FUTURE_MODAL.finditer(clause))
    return bool(modals) and not _NEW_CLAUSE.search(clause[modals[-1].end():])


def resolve(expression: str, base: dt.date, context: str = "") -> TimeRef | None:
    """The period ``expression`` names, read in an article dated ``base``; None if not a date.

    ``context`` is the text just before the expression, used to tell future references
    ("scheduled for Friday") from past ones.
    """
    text = " ".join(expression.lower().replace("’", "'").split()).strip(" ,.")
    if not text or _DURATION.match(text) or _BARE_NUMBER.fullmatch(text):
        return None
    future = looks_ahead(context)
    ref = _relative_words(text, base, future)
    if ref is None:
        ref = _weekday(text, base, future)
    if ref is None:
        ref = _holiday(text, base)
    if ref is None:
        ref = _month_alone(text, base, future)
    if ref is None:
        ref = _month_day(text, base, future)
    if ref is None and not _NOT_A_DATE.search(text):
        ref = _dateparser(text, base, future)
    if ref is None and re.fullmatch(r"(?:in |since |by )?((?:19|20)\d\d)", text):
        ref = (dt.date(int(text[-4:]), 1, 1), "year")
    if ref is None:
        return None
    return TimeRef(ref[0], ref[1], expression.strip())


def _relative_words(text: str, base: dt.date, future: bool) -> tuple[dt.date, str] | None:
    core = _PART_OF_DAY.sub("", re.sub(r"^(?:late|early|on|by)\s+", "", text))
    days = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
            "yesterday": -1, "last night": -1, "the day before yesterday": -2, "tomorrow": 1,
            "the day after tomorrow": 2}
    if core in days:
        return base + dt.timedelta(days=days[core]), "day"
    monday = base - dt.timedelta(days=base.weekday())
    weeks = {"this week": 0, "earlier this week": 0, "later this week": 0, "last week": -1,
             "the past week": -1, "earlier last week": -1, "next week": 1, "the previous week": -1}
    if core in weeks:
        return monday + dt.timedelta(weeks=weeks[core]), "week"
    months = {"this month": 0, "earlier this month": 0, "last month": -1, "next month": 1,
              "the previous month": -1}
    if core in months:
        index = base.year * 12 + base.month - 1 + months[core]
        return dt.date(index // 12, index % 12 + 1, 1), "month"
    years = {"this year": 0, "earlier this year": 0, "last year": -1, "next year": 1,
             "the previous year": -1, "a year ago": -1, "later this year": 0}
    if core in years:
        return dt.date(base.year + years[core], 1, 1), "year"
    return None


def _weekday(text: str, base: dt.date, future: bool) -> tuple[dt.date, str] | None:
    words = text
    direction = 0
    while True:
        match = _MODIFIERS.match(words)
        if not match:
            break
        modifier = match.group().strip()
        direction = -1 if modifier == "last" else 1 if modifier == "next" else direction
        words = words[match.end():]
    words = _PART_OF_DAY.sub("", words)
    if words not in WEEKDAYS:
        return None
    target = WEEKDAYS[words]
    if direction > 0 or (future and direction == 0):
        delta = (target - base.weekday()) % 7 or (7 if direction > 0 else 0)
        return base + dt.timedelta(days=delta), "day"
    delta = (base.weekday() - target) % 7 or (7 if direction < 0 else 0)
    return base - dt.timedelta(days=delta), "day"


def _holiday(text: str, base: dt.date) -> tuple[dt.date, str] | None:
    key = re.sub(r"^(?:on|for|before|after|since|until|by)\s+", "", text)
    if key not in HOLIDAYS:
        return None
    month, day = HOLIDAYS[key]
    nearest = min((dt.date(base.year + k, month, day) for k in (-1, 0, 1)),
                  key=lambda d: abs((d - base).days))
    return nearest, "day"


def _month_alone(text: str, base: dt.date, future: bool) -> tuple[dt.date, str] | None:
    core = re.sub(r"^(?:in|since|during|by|until|early|late|mid|mid-|last|this|next)\s*-?\s*", "", text)
    core = re.sub(r"^(?:early|late|mid)\s*-?\s*", "", core)
    if core not in MONTHS:
        return None
    month = MONTHS[core]
    year = base.year
    if text.startswith("last") or (not future and month > base.month):
        year -= 1
    elif (text.startswith("next") or future) and month < base.month:
        year += 1
    return dt.date(year, month, 1), "month"


_MONTH_DAY = re.compile(
    r"^(?:on |by |since |until |from )?(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),? )?"
    r"(?:(?P<month1>[a-z]+)\.? (?P<day1>\d{1,2})(?:st|nd|rd|th)?|(?P<day2>\d{1,2}) (?P<month2>[a-z]+)\.?)"
    r"(?:,? (?P<year>(?:19|20)\d\d))?$"
)
_MONTH_ABBREVIATIONS = {name[:3]: number for name, number in MONTHS.items()} | {"sept": 9}


def _month_day(text: str, base: dt.date, future: bool) -> tuple[dt.date, str] | None:
    """"January 23", "30 April 2019", "Thursday, 02 May, 2019": the commonest forms, resolved
    here so that dateparser (slow to load) is only needed for the rest. Without a year, the
    nearest past occurrence (future if the context looks ahead)."""
    match = _MONTH_DAY.match(text)
    if not match:
        return None
    name = match.group("month1") or match.group("month2")
    month = MONTHS.get(name) or _MONTH_ABBREVIATIONS.get(name)
    day = int(match.group("day1") or match.group("day2"))
    if month is None:
        return None
    try:
        if match.group("year"):
            return dt.date(int(match.group("year")), month, day), "day"
        candidate = dt.date(base.year, month, day)
        if future and candidate < base:
            candidate = dt.date(base.year + 1, month, day)
        elif not future and candidate > base:
            candidate = dt.date(base.year - 1, month, day)
    except ValueError:
        return None
    return candidate, "day"


@lru_cache(maxsize=8)
def _parser(base: dt.date, future: bool):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "future" if future else "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    })


def _dateparser(text: str, base: dt.date, future: bool) -> tuple[dt.date, str] | None:
    cleaned = re.sub(r"^(?:on|in|by|since|until|from|of)\s+", "", text)
    data = _parser(base, future).get_date_data(cleaned)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period if data.period in GRANULARITIES else "day"
    if period == "month":
        day = day.replace(day=1)
    elif period == "year":
        day = day.replace(month=1, day=1)
    elif period == "week":
        day = day - dt.timedelta(days=day.weekday())
    return day, period
