"""Sentences with true offsets, merged quotations, entity mentions and actor merging."""

from __future__ import annotations

from newsbrief.analyse import analyse, build_actors, load_pipeline, paragraph_spans
from newsbrief.analyse.actors import normalise
from newsbrief.analyse.nlp import installed_pipelines
from newsbrief.clean import clean_article
from newsbrief.models import AnalysedArticle, Article, Mention, RawArticle


def article(text: str, outlet: str = "test") -> Article:
    result = clean_article(RawArticle(text=text, origin=f"{outlet}.txt", outlet=outlet))
    assert isinstance(result, Article)
    return result


def test_a_known_english_pipeline_is_installed():
    assert installed_pipelines(), "newsbrief's pinned spaCy pipeline should be installed"
    assert load_pipeline() is load_pipeline()  # loaded once per process


def test_sentence_offsets_point_into_the_article_text():
    item = article("First sentence here. Second one follows.\n\nA new paragraph starts here.")
    [analysed] = analyse([item], load_pipeline())
    assert [s.text for s in analysed.sentences] == [
        "First sentence here.", "Second one follows.", "A new paragraph starts here."
    ]
    assert [s.paragraph for s in analysed.sentences] == [0, 0, 1]
    for sentence in analysed.sentences:
        assert item.text[sentence.start:sentence.end] == sentence.text


def test_multi_sentence_quote_stays_one_sentence():
    text = 'Bolton said, "This is our hemisphere. It is a mistake on their part." Then he left.'
    [analysed] = analyse([article(text)], load_pipeline())
    assert analysed.sentences[0].text.endswith('part."')


def test_long_paragraphs_are_chunked_at_sentence_ends():
    text = "This is a sentence of the long paragraph. " * 2000
    spans = list(paragraph_spans(text))
    assert len(spans) > 1
    assert all(text[start:end].rstrip().endswith(".") for start, end in spans[:-1])


def test_entities_are_found_with_offsets():
    item = article("Opposition leader Juan Guaidó spoke in Caracas on Tuesday.")
    [analysed] = analyse([item], load_pipeline())
    found = {(m.text, m.label) for m in analysed.mentions}
    assert ("Juan Guaidó", "PERSON") in found and ("Caracas", "GPE") in found
    for mention in analysed.mentions:
        assert item.text[mention.start:mention.end] == mention.text


def _analysed(mentions: list[tuple[str, str]], outlet: str = "o") -> AnalysedArticle:
    item = article("Placeholder text for the mentions.", outlet)
    return AnalysedArticle(item, (), tuple(
        Mention(item.id, 0, text, label, 0, len(text)) for text, label in mentions
    ))


def test_normalise_ignores_accents_titles_and_possessives():
    assert normalise("Mr Guaidó's") == normalise("Guaido") == "guaido"
    assert normalise("President Nicolás Maduro") == "nicolas maduro"
    assert normalise("the U.S.") == "us"


def test_aliases_merge_into_one_actor():
    items = [
        _analysed([("Juan Guaidó", "PERSON"), ("Guaidó", "PERSON"), ("Mr Guaidó", "PERSON")], "bbc"),
        _analysed([("Juan Guaido", "PERSON"), ("Guaido", "ORG"), ("Gaido", "PERSON")], "ap"),
        _analysed([("Nicolás Maduro", "PERSON"), ("Maduro", "ORG"), ("Nicolas Maduro", "PERSON")], "ap"),
    ]
    actors = {a.name: a for a in build_actors(items)}
    guaido = next(a for a in actors.values() if "Guaid" in a.name)
    assert guaido.mentions == 6 and guaido.type == "person"
    assert {"Guaidó", "Guaido", "Mr Guaidó", "Gaido"} <= set(guaido.aliases) | {guaido.name}
    assert guaido.mentions_by_outlet == {"bbc": 3, "ap": 3}
    assert sum(1 for a in actors.values() if "Maduro" in a.name) == 1


def test_people_sharing_a_surname_are_not_merged():
    items = [_analysed([("John Smith", "PERSON"), ("Mary Smith", "PERSON"), ("Smith", "PERSON")])]
    names = sorted(a.name for a in build_actors(items))
    assert names == ["John Smith", "Mary Smith", "Smith"]


def test_acronym_merges_with_spelled_out_organisation():
    items = [_analysed([("United Nations", "ORG"), ("UN", "ORG"), ("the United Nations", "ORG")])]
    [actor] = build_actors(items)
    assert actor.name == "United Nations" and actor.mentions == 3
