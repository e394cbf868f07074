"""Temporal expressions, publication-date inference, and the timeline of a story."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbrief.clean import clean_article
from newsbrief.models import Article, RawArticle, Removal
from newsbrief.timeline import find_expressions, infer_publication_date, resolve

THURSDAY = dt.date(2019, 5, 2)  # Thursday 2 May 2019


def iso(expression: str, base: dt.date = THURSDAY, sentence: str = "") -> str | None:
    """``sentence`` is the text before the expression."""
    ref = resolve(expression, base, sentence)
    return ref.iso() if ref else None


@pytest.mark.parametrize(("expression", "expected"), [
    ("Tuesday", "2019-04-30"),
    ("on Tuesday", "2019-04-30"),
    ("Wednesday", "2019-05-01"),
    ("Thursday", "2019-05-02"),            # the article's own weekday is that day
    ("Friday", "2019-04-26"),              # past by default
    ("late Wednesday", "2019-05-01"),
    ("early Tuesday", "2019-04-30"),
    ("Tuesday night", "2019-04-30"),
    ("last Thursday", "2019-04-25"),
    ("next Monday", "2019-05-06"),
])
def test_weekdays(expression, expected):
    assert iso(expression) == expected


def test_weekday_after_a_future_marker_is_future():
    assert iso("Friday", sentence="An emergency meeting has been scheduled for") == "2019-05-03"
    assert iso("Wednesday", base=dt.date(2019, 4, 30), sentence="protests planned for") == "2019-05-01"
    assert iso("Monday", sentence="The strike will continue until") == "2019-05-06"


def test_weekday_in_a_clause_with_will_is_future_unless_a_new_clause_intervenes():
    # the examples' "Ferries will run a free shuttle across the harbour from Wednesday."
    base = dt.date(2024, 3, 12)  # a Tuesday
    ferries = "Ferries will run a free shuttle across the harbour from"
    assert iso("Wednesday", base=base, sentence=ferries) == "2024-03-13"
    assert iso("Tuesday", base=dt.date(2024, 3, 14),
               sentence="The inquiry will examine what happened on") == "2024-03-12"
    assert iso("Monday", base=base, sentence="The mayor, who will visit the site, spoke on") == "2024-03-11"


def test_reported_speech_about_the_future_keeps_a_past_weekday():
    # "Okafor said on Tuesday that an inquiry would report within six months."
    assert iso("Tuesday", base=dt.date(2024, 3, 13), sentence="Okafor said on") == "2024-03-12"


@pytest.mark.parametrize(("expression", "expected", "granularity"), [
    ("yesterday", "2019-05-01", "day"),
    ("today", "2019-05-02", "day"),
    ("last night", "2019-05-01", "day"),
    ("tomorrow", "2019-05-03", "day"),
    ("last week", "2019-W17", "week"),
    ("earlier this week", "2019-W18", "week"),
    ("last month", "2019-04", "month"),
    ("January 23", "2019-01-23", "day"),
    ("in January", "2019-01", "month"),
    ("December", "2018-12", "month"),
    ("last year", "2018", "year"),
    ("this year", "2019", "year"),
    ("in 2014", "2014", "year"),
    ("May Day", "2019-05-01", "day"),
    ("April 30, 2019", "2019-04-30", "day"),
    ("Thursday, 02 May, 2019", "2019-05-02", "day"),
])
def test_relative_absolute_and_holiday_expressions_keep_granularity(expression, expected, granularity):
    ref = resolve(expression, THURSDAY)
    assert ref is not None and ref.iso() == expected and ref.granularity == granularity


def test_year_boundaries():
    new_year = dt.date(2020, 1, 3)  # a Friday
    assert iso("December 28", new_year) == "2019-12-28"
    assert iso("in December", new_year) == "2019-12"
    assert iso("last week", new_year) == "2019-W52"
    assert iso("last year", new_year) == "2019"
    assert iso("Christmas", new_year) == "2019-12-25"
    assert iso("Monday", new_year) == "2019-12-30"


@pytest.mark.parametrize("not_a_date", ["two days", "60-year-old", "6pm", "27", "decades", "the day",
                                        "several weeks", "three years"])
def test_durations_ages_times_and_numbers_are_not_dates(not_a_date):
    assert resolve(not_a_date, THURSDAY) is None


def test_find_expressions_merges_overlaps():
    sentence = "Guaidó spoke late Wednesday, after protests on May Day and in January."
    found = [sentence[s:e] for s, e in find_expressions(sentence, [(18, 27)])]
    assert found == ["late Wednesday", "May Day", "in January"]


def _article(text: str, removed: tuple[Removal, ...] = ()) -> Article:
    article = clean_article(RawArticle(text=text, origin="x.txt", outlet="x"))
    assert isinstance(article, Article)
    return Article(**{**article.__dict__, "removed": removed})


def test_publication_date_inferred_from_captions_and_weekday():
    caption = Removal("repeated-caption", "Supporters in Caracas, Venezuela, May 1, 2019.", "caption")
    article = _article("Maduro clung to power Thursday after two days of protests.", (caption,))
    date, evidence = infer_publication_date(article)
    assert date == dt.date(2019, 5, 2) and "2019-05-01" in evidence


def test_no_date_in_text_infers_nothing():
    assert infer_publication_date(_article("The storm hit the coast on Thursday.")) is None


def test_article_without_date_has_no_timeline_entries(pipeline, write):
    write("a.txt", "The storm hit the coast on Thursday, closing roads across the region.")
    folder = write("b.txt", "Officials said on Friday that the roads had reopened again.").parent
    briefing = pipeline.brief([folder])
    assert briefing.timeline == ()
    assert sum(w.reason == "no publication date found" for w in briefing.warnings) == 2


def test_example_story_timeline(pipeline, examples):
    briefing = pipeline.brief([examples / "harbour-bridge"])
    dates = {e.date for e in briefing.timeline}
    assert "2024-03-11" in dates  # "on Monday" in articles of Tuesday 12 and Wednesday 13 March
    assert all(e.citations for e in briefing.timeline)
    starts = [e.start for e in briefing.timeline]
    assert starts == sorted(starts)


def test_seed_timeline(pipeline, seeds):
    briefing = pipeline.brief([seeds])
    by_date: dict[str, list] = {}
    for entry in briefing.timeline:
        by_date.setdefault(entry.date, []).append(entry)
    for day, word in (("2019-04-30", "Tuesday"), ("2019-05-01", "Wednesday"), ("2019-05-02", "Thursday")):
        assert any(word in c.text for e in by_date[day] for c in e.citations), day
    january = [e for e in briefing.timeline if e.date.startswith("2019-01")]
    assert january and all(e.background for e in january)
    assert any(len({c.article for c in e.citations}) >= 2 for e in january)
    assert any(len({c.article for c in e.citations}) >= 2 for e in by_date["2019-04-30"])
