"""The pipeline end to end through the Python API: the briefing contract and bad input."""

from __future__ import annotations

import datetime as dt

import pytest

import newsbrief
from newsbrief import InputError, RawArticle, Settings
from newsbrief.pipeline import Pipeline

from .conftest import STORY_A, STORY_B


def test_brief_example_story(pipeline, examples):
    briefing = pipeline.brief([examples / "harbour-bridge"])
    assert len(briefing.articles) == 6
    assert len(briefing.summary) >= 1 and sum(len(s.text.split()) for s in briefing.summary) <= 120
    sentences = {(s.article_id, s.index): s.text for v in briefing.sentences.values() for s in v}
    for summary_sentence in briefing.summary:
        first = summary_sentence.citations[0]
        assert sentences[(first.article, first.sentence)] == summary_sentence.text
        for citation in summary_sentence.citations:
            assert sentences[(citation.article, citation.sentence)] == citation.text


def test_near_duplicate_wire_copy_is_linked_and_never_selected(pipeline, examples):
    briefing = pipeline.brief([examples / "harbour-bridge"])
    copy = next(a for a in briefing.articles if a.outlet == "Daily Courier")
    wire = next(a for a in briefing.articles if a.outlet == "Coastal Wire Service")
    assert copy.near_duplicate_of == wire.id
    assert all(s.citations[0].article != copy.id for s in briefing.summary)
    assert any("near-duplicate" in w.reason for w in briefing.warnings)


def test_every_input_is_an_article_or_a_warning(pipeline, write):
    write("a.txt", STORY_A)
    write("b.txt", STORY_B)
    write("same-as-a.txt", STORY_A)
    write("empty.txt", "")
    write("junk.dat", bytes(range(256)))
    folder = write("captions.txt", "Image copyright AFP Image caption Crowds").parent
    briefing = pipeline.brief([folder])
    used = {a.origin.rsplit("/", 1)[-1] for a in briefing.articles}
    warned = {w.input.rsplit("/", 1)[-1]: w for w in briefing.warnings if w.skipped}
    assert used == {"a.txt", "b.txt"}
    assert set(warned) == {"same-as-a.txt", "empty.txt", "junk.dat", "captions.txt"}
    assert warned["same-as-a.txt"].stage == "dedupe" and "a.txt" in warned["same-as-a.txt"].reason
    assert warned["captions.txt"].reason == "nothing left after removing boilerplate"


def test_one_article_still_briefs_with_a_warning(pipeline, write):
    briefing = pipeline.brief([write("a.txt", STORY_A)])
    assert len(briefing.articles) == 1 and briefing.summary
    assert any("only one article" in w.reason and not w.skipped for w in briefing.warnings)


def test_missing_date_is_a_warning_not_an_invention(pipeline, write):
    briefing = pipeline.brief([write("a.txt", "The storm hit the coast on Thursday, closing roads.")])
    assert briefing.articles[0].date is None
    assert any(w.reason == "no publication date found" for w in briefing.warnings)


def test_nothing_usable_is_an_error_listing_reasons(pipeline, write):
    write("one.txt", "Sign up for our newsletter!")
    with pytest.raises(InputError, match="nothing left after removing boilerplate"):
        pipeline.brief([write("two.txt", "By submitting this form, I agree to the terms.").parent])


def test_python_api_accepts_records_and_raw_articles():
    briefing = newsbrief.brief(
        [
            {"id": "a", "text": STORY_A.split("\n", 1)[1], "date": "2024-05-02", "source": "Post"},
            RawArticle(text=STORY_B.split("\n", 1)[1], origin="memory", outlet="Herald",
                       date=dt.date(2024, 5, 2), date_source="metadata"),
        ],
        words=30,
    )
    assert [a.outlet for a in briefing.articles] == ["Post", "Herald"]
    assert briefing.articles[0].id == "a"
    assert sum(len(s.text.split()) for s in briefing.summary) <= 30 or len(briefing.summary) == 1
    assert briefing.settings["words"] == 30


def test_same_given_id_twice_is_reported(write):
    records = '{"id": "x", "text": "First story about the harbour wall."}\n' \
              '{"id": "x", "text": "A different story about a storm at sea."}\n'
    briefing = Pipeline().brief([write("feed.jsonl", records)])
    assert len(briefing.articles) == 1
    assert any("duplicate article id" in w.reason for w in briefing.warnings)


def test_settings_overlay_and_validation(tmp_path):
    config = tmp_path / "nb.toml"
    config.write_text("words = 60\nsummariser = 'lead'\n")
    settings = Settings.load(config, words=80)
    assert (settings.words, settings.summariser) == (80, "lead")
    config.write_text("wordz = 60\n")
    with pytest.raises(InputError, match="unknown setting"):
        Settings.load(config)
    with pytest.raises(InputError, match="words must be"):
        Settings.load(words=0)


def test_seed_cluster_briefing(pipeline, seeds):
    briefing = pipeline.brief([seeds])
    dates = {a.origin.rsplit("/", 1)[-1][:3]: a.date for a in briefing.articles}
    assert len(briefing.articles) == 5
    assert dates["000"] == dt.date(2019, 5, 2) and dates["001"] == dt.date(2019, 4, 30)
    assert dates["002"] == dt.date(2019, 5, 2) and dates["004"] == dt.date(2019, 4, 30)
    text = " ".join(s.text for s in briefing.summary)
    for junk in ("Image copyright", "Media playback", "Sign up", "pic.twitter.com"):
        assert junk not in text
    assert all(s.citations for s in briefing.summary)
    guaido = [a for a in briefing.actors if "Guaid" in a.name]
    assert len(guaido) == 1
    assert {"Guaidó", "Guaido", "Juan Guaidó", "Juan Guaido"} <= set(guaido[0].aliases) | {guaido[0].name}
