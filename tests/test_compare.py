"""Number normalisation, each conflict kind, agreement of hedged figures, fact coverage."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbrief import Pipeline, Settings
from newsbrief.compare import parse_value
from newsbrief.models import RawArticle


@pytest.mark.parametrize(("text", "low", "high"), [
    ("25,000", 25_000, 25_000),
    ("25000", 25_000, 25_000),
    ("twenty-five thousand", 25_000, 25_000),
    ("1.5 million", 1_500_000, 1_500_000),
    ("nine", 9, 9),
    ("a hundred and twenty", 120, 120),
    ("about 50", 45, 55),
    ("at least seven", 7, 10.5),
    ("more than 50", 50, 75),
    ("as many as 25,000", 22_500, 25_000),
    ("dozens", 24, 99),
])
def test_numbers_are_normalised_to_intervals(text, low, high):
    value = parse_value(text)
    assert value is not None and value.low == pytest.approx(low) and value.high == pytest.approx(high)


def test_hedged_figures_agree_and_different_figures_do_not():
    assert parse_value("more than 50").agrees(parse_value("about 50"))
    assert parse_value("at least seven").agrees(parse_value("nine"))
    assert not parse_value("as many as 25,000").agrees(parse_value("20,000"))
    assert not parse_value("eight").agrees(parse_value("nine"))
    assert not parse_value("more than 20").agrees(parse_value("more than 43"))
    assert parse_value("Tuesday") is None and parse_value("a") is None


def brief(*texts: str, dates: tuple[str, ...] = ()):
    raws = [
        RawArticle(text=t, origin=f"o{n}.txt", outlet=f"Outlet {n}",
                   date=dt.date.fromisoformat(dates[n]) if dates else None)
        for n, t in enumerate(texts)
    ]
    return Pipeline(Settings.load()).brief(raws)


def quantities_in(pipeline, text: str):
    """The counted figures find_quantities reads in one parsed sentence."""
    from newsbrief.analyse import load_pipeline
    from newsbrief.compare.quantities import find_quantities

    return find_quantities(load_pipeline(pipeline.settings.model)(text), "a", 0, lambda _: 0)


def conflicts(briefing, kind):
    return [c for c in briefing.conflicts if c.kind == kind and not c.agree]


def test_number_conflict_lists_every_side_with_outlet_and_speaker():
    briefing = brief(
        "Nine people were killed when the old bridge collapsed on Monday evening in the city.",
        "Police chief Ana Ruiz said eight people were killed when the old bridge collapsed on Monday.",
    )
    [conflict] = conflicts(briefing, "number")
    values = {s.value.lower() for s in conflict.sides}
    assert values == {"nine", "eight"}
    ruiz = next(s for s in conflict.sides if s.value == "eight")
    assert ruiz.speaker == "Ana Ruiz" and ruiz.sentence == 0


def test_different_things_counted_are_not_a_conflict():
    briefing = brief(
        "Nine people were killed when the old bridge collapsed on Monday evening in the city.",
        "Thirty people were injured when the old bridge collapsed on Monday evening in the city.",
    )
    assert conflicts(briefing, "number") == []


@pytest.mark.parametrize(("sentence", "figure", "thing"), [
    ("The conflict has killed an estimated 74,003 people.", "an estimated 74,003", "people"),
    ("He lived in this isolated city of 54,003 people.", "54,003", "people"),
    ("A total of 77 yachts have been forced to retire from the race.", "77", "yachts"),
])
def test_figures_are_found_after_words_that_are_no_hedge(pipeline, sentence, figure, thing):
    assert [(q.text, q.thing) for q in quantities_in(pipeline, sentence)] == [(figure, thing)]


def test_killed_and_injured_in_one_article_do_not_hide_a_conflict_over_the_dead():
    briefing = brief(
        "A fire turned the dance hall into a trap, killing at least 60 people and injuring about 180 people.",
        ("A fire turned the dance hall into a trap, killing at least 123 people and injuring "
         "about 180 people."),
    )
    [conflict] = conflicts(briefing, "number")
    assert {s.value for s in conflict.sides} == {"at least 60", "at least 123"}


def test_a_count_from_another_year_or_another_kind_of_thing_is_no_conflict():
    assert not conflicts(brief(
        "Seventeen people died in the dance hall fire in the city on Friday night, police said.",
        "In 1978, 20 people died in a fire at a hotel in the city, the worst fire before this one.",
    ), "number")
    assert not conflicts(brief(
        "Two spacewalkers will hook up all the cables between the two modules of the station.",
        "Three spacewalks will hook up all the cables between the two modules of the station.",
    ), "number")


def test_the_whole_of_n_of_m_is_compared_only_with_another_whole():
    assert not conflicts(brief(
        "The ruling party holds a majority of 64 seats in the 122-member chamber after the July vote.",
        "The ruling party won 64 of the 122 seats in the chamber in the July vote, officials said.",
    ), "number")
    [conflict] = conflicts(brief(
        "At the height of the strike, the airline laid off 5,000 of its 13,000 workers to cut losses.",
        "At the height of the strike, the airline laid off 5,000 of its 16,000 workers to cut losses.",
    ), "number")
    assert {s.value for s in conflict.sides} == {"13,000", "16,000"}


def test_a_group_and_a_part_of_it_doing_different_things_are_not_one_count():
    assert not conflicts(brief(
        "A hunger strike in the West Bank was begun on Saturday by 1,700 Palestinian inmates.",
        "In the West Bank, thousands of Palestinians marched on Saturday in a funeral procession.",
    ), "number")


def test_values_a_sentence_enumerates_are_sub_kinds_not_one_count():
    assert not conflicts(brief(
        "The driver faces two counts of assault, one count of endangerment and five counts of theft.",
        "The driver, who was arrested on Friday, faces six counts of assault and theft, police said.",
    ), "number")


def test_the_only_count_of_a_specific_thing_is_compared_even_when_paraphrased():
    [conflict] = conflicts(brief(
        "The county humane society has come to the rescue of 71 beagles, its director said.",
        "Animal welfare workers say 145 beagles have been removed from a home in the county.",
    ), "number")
    assert {s.value for s in conflict.sides} == {"71", "145"}
    assert not conflicts(brief(  # small figures describe more often than they count
        "The county humane society has come to the rescue of two beagles, its director said.",
        "Animal welfare workers say three beagles have been removed from a home in the county.",
    ), "number")


def test_a_thing_one_article_counts_twice_is_no_sole_count():
    assert not conflicts(brief(
        "The humane society took in 71 beagles on Friday, and 40 beagles were adopted by Sunday.",
        "Animal welfare workers say 145 beagles have been removed from a home in the county.",
    ), "number")
    assert not conflicts(brief(  # two teams, not one count
        "North Korea plans to send 317 athletes to the games next month despite the hunger.",
        "China will send 596 athletes to the games next month, its largest team yet.",
    ), "number")
    assert not conflicts(brief(  # "people" is counted for too many things to assume one count
        "The county humane society said 71 people came to help on the first day of the rescue.",
        "Animal welfare workers say 145 people signed a letter to the county about the home.",
    ), "number")


def test_a_bare_number_tagged_as_a_date_still_counts_plural_things(pipeline):
    found = quantities_in(pipeline, '"We have 31 demands," the student leader said.')
    assert [(q.text, q.thing) for q in found] == [("31", "demands")]
    assert quantities_in(pipeline, "The strike lasted 31 days.") == []


def test_approximate_figures_that_agree_are_noted_not_reported():
    briefing = brief(
        "The new leader has been recognised by more than 50 countries since the vote in January.",
        "The new leader has been recognised by about 50 countries since the vote in January.",
    )
    assert conflicts(briefing, "number") == []
    agreed = [c for c in briefing.conflicts if c.agree]
    assert agreed and "agree" in agreed[0].note


def test_name_conflict_for_the_same_operation():
    briefing = brief(
        "The opposition leader said the final phase of Operation Liberty had begun in the capital.",
        "The opposition leader announced the final phase of Operation Freedom in the capital today.",
    )
    [conflict] = conflicts(briefing, "name")
    assert {s.value for s in conflict.sides} == {"Operation Liberty", "Operation Freedom"}


def test_two_names_in_one_article_are_two_things():
    briefing = brief(
        "Operation Liberty ended before Operation Freedom began in the capital on Monday.",
        "Soldiers said Operation Freedom began in the capital on Monday after a long delay.",
    )
    assert conflicts(briefing, "name") == []


def test_title_conflict_for_one_person():
    briefing = brief(
        "US Secretary of State Mike Pompeo said the United States was ready to act in the region.",
        "US defence secretary Mike Pompeo said the United States was ready to act in the region.",
    )
    [conflict] = conflicts(briefing, "title")
    assert conflict.subject == "Mike Pompeo"
    assert {s.value for s in conflict.sides} == {"US Secretary of State", "US defence secretary"}


def test_date_conflict_for_the_same_event():
    briefing = brief(
        "The old dam on the Veyra river burst on Tuesday, flooding the lower town.",
        "The old dam on the Veyra river burst on Wednesday, flooding the lower town.",
        dates=("2024-05-02", "2024-05-02"),
    )
    [conflict] = conflicts(briefing, "date")
    assert {s.value for s in conflict.sides} == {"2024-04-30", "2024-05-01"}


def test_a_date_of_another_clause_in_the_same_fact_is_no_side():
    # The third sentence tells the burst too, but its Thursday dates the search.
    searched = ("Rescuers searched the lower town on Thursday, after the old dam on the Veyra river burst "
                "and flooded it.")
    briefing = brief(
        "The old dam on the Veyra river burst on Tuesday, flooding the lower town.",
        "The old dam on the Veyra river burst on Tuesday and flooded the lower town.",
        searched,
        dates=("2024-05-02", "2024-05-02", "2024-05-03"),
    )
    fact = next(f for f in briefing.facts if len(f.outlets) == 3)
    assert searched in {c.text for c in fact.citations}
    assert conflicts(briefing, "date") == []

    briefing = brief(
        "The old dam on the Veyra river burst on Tuesday, flooding the lower town.",
        "The old dam on the Veyra river burst on Wednesday and flooded the lower town.",
        searched,
        dates=("2024-05-02", "2024-05-02", "2024-05-03"),
    )
    [conflict] = conflicts(briefing, "date")
    assert [s.value for s in conflict.sides] == ["2024-04-30", "2024-05-01"]


def test_same_day_told_relative_to_different_article_dates_is_no_conflict():
    briefing = brief(
        "The old dam on the Veyra river burst on Tuesday, flooding the lower town.",
        "The old dam on the Veyra river burst on Tuesday, flooding the lower town below.",
        "The old dam on the Veyra river burst on Tuesday night, flooding the lower town.",
        dates=("2024-05-02", "2024-05-01", "2024-05-03"),
    )
    assert conflicts(briefing, "date") == []


def test_facts_count_the_outlets_that_report_them(examples):
    briefing = Pipeline(Settings.load()).brief([str(examples / "harbour-bridge")])
    assert briefing.facts
    shared = [f for f in briefing.facts if len(f.outlets) > 1]
    assert shared and all(len({c.article for c in f.citations}) == len(f.outlets) for f in shared)
    outlets = {a.outlet for a in briefing.articles}
    assert all(set(f.outlets) <= outlets for f in briefing.facts)


def test_a_paraphrase_that_is_each_others_closest_sentence_is_one_fact():
    briefing = brief(
        "A fire broke out on the ferry Northern Light on Saturday evening.\n\n"
        "The fire started in the engine room, according to the ferry operator Baltline.\n\n"
        "Passengers described thick black smoke filling the lower car deck within minutes.",
        "Baltline has suspended all sailings on the route until Wednesday.\n\n"
        "Baltline, which runs the ferry, said the blaze began in the engine room.\n\n"
        "The Northern Light was built in 1998 and refitted in Gdansk three years ago.",
    )
    shared = [f for f in briefing.facts if len(f.outlets) > 1]
    assert [{c.text for c in f.citations} for f in shared] == [{
        "The fire started in the engine room, according to the ferry operator Baltline.",
        "Baltline, which runs the ferry, said the blaze began in the engine room.",
    }]


@pytest.mark.usefixtures("seeds")
def test_seed_conflicts(pipeline, seeds):
    briefing = pipeline.brief([str(seeds)])
    found = {c.kind: c for c in briefing.conflicts if not c.agree}
    cubans = next(c for c in briefing.conflicts if c.kind == "number" and "Cuban" in c.subject)
    assert {s.value for s in cubans.sides} == {"as many as 25,000", "20,000"}
    assert len({s.article for s in cubans.sides}) == 2
    names = {s.value for s in found["name"].sides}
    assert names == {"Operation Liberty", "Operation Freedom"}
    for conflict in briefing.conflicts:
        assert not {"more than 50", "about 50"} <= {s.value for s in conflict.sides} or conflict.agree


def test_the_count_before_a_change_is_not_a_claim_about_the_count(pipeline):
    trimmed = "The airline has trimmed its ranks from 12,986 employees to 8,589 since May."
    assert quantities_in(pipeline, trimmed) == []
    moved = quantities_in(pipeline, "The airline moved 300 employees from 12 offices into the new tower.")
    assert [q.text for q in moved] == ["300", "12"]


def test_an_untagged_date_is_not_what_two_sentences_share():
    # Without a date mention the sentence's own words stand for the event; "Friday night" in
    # both sentences must not make two different events one.
    from newsbrief.compare.conflicts import _dated_event
    from newsbrief.models import AnalysedArticle, Article, Sentence

    text = "Fans celebrated Friday night."
    article = Article("a", text, "Post", "a.txt", "f")
    item = AnalysedArticle(article, (Sentence("a", 0, text, 0, len(text), 0),), ())
    assert _dated_event(item, item.sentences[0], "Friday night") == {"fan", "celebr"}
