"""Quotes, claims and speakers: one test per construction, plus roles and the seed story."""

from __future__ import annotations

import pytest

from newsbrief.analyse import analyse, build_actors, load_pipeline
from newsbrief.analyse.speakers import attribute
from newsbrief.analyse.speech import quote_spans
from newsbrief.clean import clean_article
from newsbrief.models import Article, RawArticle, Statement


def statements(*texts: str) -> list[Statement]:
    """Statements of one story made of ``texts`` (one article each), speakers resolved."""
    articles = []
    for number, text in enumerate(texts):
        article = clean_article(RawArticle(text=text, origin=f"a{number}.txt", outlet=f"outlet{number}"))
        assert isinstance(article, Article)
        articles.append(article)
    analysed = analyse(articles, load_pipeline())
    return attribute(analysed, build_actors(analysed))


def quotes(*texts: str) -> list[tuple[str, str | None]]:
    return [(s.text, s.speaker) for s in statements(*texts) if s.kind == "quote"]


def claims(*texts: str) -> list[tuple[str, str | None, str | None]]:
    return [(s.text, s.speaker, s.verb) for s in statements(*texts) if s.kind == "claim"]


def test_quote_spans_pair_straight_and_curly_marks():
    text = 'A "straight one" and a “curly one” here.'
    assert [text[s:e] for s, e in quote_spans(text)] == ["straight one", "curly one"]


def test_quote_still_open_at_paragraph_end_runs_to_the_end():
    text = '"The first paragraph of a long quote goes on'
    assert [text[s:e] for s, e in quote_spans(text)] == [text[1:]]


def test_said_after_the_quote():
    assert quotes('"We will rebuild the school before winter," Mayor Lena Brandt said.') == [
        ("We will rebuild the school before winter,", "Lena Brandt")
    ]


def test_inverted_said_with_curly_quotes():
    found = quotes("“The river has never risen this fast,” said Omar Haddad, the head of the flood agency.")
    assert found == [("The river has never risen this fast,", "Omar Haddad")]


def test_quote_split_around_he_said_is_one_quote():
    found = quotes('Minister Peter Lindqvist spoke. "It is a careful plan," he said, '
                   '"and it protects the poorest households."')
    assert len(found) == 1
    text, speaker = found[0]
    assert text.startswith("It is a careful plan") and text.endswith("poorest households.")
    assert speaker == "Peter Lindqvist"


def test_multi_sentence_quote_after_a_colon():
    found = quotes('Harbour master Ivo Petrak told reporters: "The channel is closed. '
                   'No ship will move until the divers finish."')
    assert found == [("The channel is closed. No ship will move until the divers finish.", "Ivo Petrak")]


def test_pronoun_resolves_to_the_nearest_person():
    found = quotes('Senator Maria Cortez visited the district. '
                   '"These families have lost everything," she said.')
    assert found == [("These families have lost everything,", "Maria Cortez")]


def test_participle_saying_takes_the_main_verbs_subject():
    found = quotes("Vice President Mike Pence addressed the crowd, saying on Twitter, “We are with you all!”")
    assert found == [("We are with you all!", "Mike Pence")]


def test_tweeted_and_wrote_on_twitter():
    found = quotes('Health Minister Ana Duarte tweeted: "Every hospital in the north is now open."\n\n'
                   'Governor Ruth Calloway wrote on Twitter: "Thank you to every volunteer tonight."')
    assert [speaker for _, speaker in found] == ["Ana Duarte", "Ruth Calloway"]


def test_continuation_sentence_keeps_the_speaker():
    found = quotes('Police commissioner Farid Nasser said: "We have arrested four people." '
                   '"More arrests are likely in the coming days."')
    assert [speaker for _, speaker in found] == ["Farid Nasser", "Farid Nasser"]


def test_role_noun_resolves_to_the_actor_with_that_role():
    found = quotes("Interior Minister Jonas Berg announced new checkpoints on Sunday. Later the interior "
                   'minister said: "Every checkpoint will be gone by Easter."')
    assert found == [("Every checkpoint will be gone by Easter.", "Jonas Berg")]


def test_quote_with_no_identifiable_speaker_stays_unattributed():
    assert quotes('"This road has been closed for a month and nobody tells us why," he said.') == [
        ("This road has been closed for a month and nobody tells us why,", None)
    ]
    slogan = quotes('"Down with the dam, up with the river" echoed through the valley.')
    assert slogan == [("Down with the dam, up with the river", None)]


def test_short_quoted_names_and_scare_quotes_are_not_quotes():
    assert quotes('The government called the plan a "reset" and launched "Operation Green Wave".') == []


def test_description_speaker_is_kept_as_written():
    found = quotes('"The water came through the door in seconds," one resident told the newspaper.')
    assert found == [("The water came through the door in seconds,", "one resident")]


def test_claim_has_speaker_verb_and_content():
    found = claims("US Secretary of State Mike Pompeo said the US may take military action to resolve "
                   "the crisis.")
    assert found == [("the US may take military action to resolve the crisis", "Mike Pompeo", "said")]


def test_claim_with_according_to():
    found = claims("The fire started in a storage room, according to fire chief Samuel Osei.")
    assert len(found) == 1
    text, speaker, verb = found[0]
    assert "fire started in a storage room" in text and verb == "according to"
    assert speaker == "Samuel Osei"


def test_passive_reporting_verb_does_not_make_the_listener_the_speaker():
    found = claims("For years, state employees have been told that they would lose their jobs.")
    assert all(speaker is None for _, speaker, _ in found)


def test_relative_pronoun_speaker_is_the_named_person():
    found = claims("He was joined by activist Leopoldo López, who said he had been freed by soldiers.")
    assert found and found[0][1] == "Leopoldo López"


def test_statements_cite_article_and_sentence():
    text = 'The port reopened on Monday. "Ships are moving again at last," said harbour master Ivo Petrak.'
    [quote] = [s for s in statements(text) if s.kind == "quote"]
    assert quote.sentence == 1 and quote.article_id
    assert text[quote.start:quote.end].startswith("Ships are moving")


def test_differing_roles_stay_visible_with_their_outlets():
    stories = ("US Secretary of State Mike Pompeo spoke on Tuesday about the crisis.",
               "US defence secretary Mike Pompeo spoke on Tuesday about the crisis.",
               "Secretary of State Mike Pompeo spoke on Tuesday about the crisis again.")
    articles = [clean_article(RawArticle(text=t, origin=f"{n}.txt", outlet=f"o{n}"))
                for n, t in enumerate(stories)]
    actors = build_actors(analyse(articles, load_pipeline()))
    pompeo = next(a for a in actors if a.name == "Mike Pompeo")
    roles = {r.text: r.outlets for r in pompeo.roles}
    assert roles["US Secretary of State"] == ("o0", "o2")
    assert roles["US defence secretary"] == ("o1",)


@pytest.mark.usefixtures("seeds")
def test_seed_story_quotes_and_actors(pipeline, seeds):
    briefing = pipeline.brief([str(seeds)])
    names = [a.name for a in briefing.actors]
    guaido = [a for a in briefing.actors if "guaid" in a.name.lower()]
    maduro = [a for a in briefing.actors if "maduro" in a.name.lower()]
    assert len(guaido) == 1 and len(maduro) == 1, names
    assert {"Guaidó", "Guaido"} <= set(guaido[0].aliases) | {guaido[0].name}
    speakers = {q.actor for q in briefing.quotes}
    assert {"Mike Pompeo", "John Bolton", "Mike Pence", maduro[0].name} <= speakers
    pompeo = next(a for a in briefing.actors if a.name == "Mike Pompeo")
    assert len(pompeo.roles) >= 2  # "Secretary of State" and the BBC's "defence secretary"
