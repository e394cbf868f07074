"""Each cleaning rule removes what it should, keeps real story text, and says why."""

from __future__ import annotations

import pytest

from newsbrief.clean import clean_text, fingerprint, near_duplicates

STORY = "The minister resigned on Monday after weeks of pressure over the budget."


def removed_rules(raw: str) -> list[str]:
    return [r.rule for r in clean_text(raw).removed]


@pytest.mark.parametrize(
    "junk",
    [
        "Image copyright EPA Image caption Soldiers outside the base",
        "Media playback is unsupported on your device Media caption Tear gas hit protesters",
        "Media caption Why the crisis matters to its neighbours",
        "Getty Images",
    ],
)
def test_media_captions_and_credits(junk):
    result = clean_text(f"{junk}\n\n{STORY}")
    assert result.text == STORY
    assert result.removed[0].text == junk and result.removed[0].reason


def test_social_embed_with_signature_is_removed():
    embed = "Crowds in the square today. pic.twitter.com/AbC123 — Jo Reporter (@joreports) April 30, 2019"
    result = clean_text(f"{STORY}\n\n{embed}")
    assert result.text == STORY
    assert removed_rules(f"{STORY}\n\n{embed}") == ["social-embed"]


def test_embedded_tweet_text_before_a_separate_signature_line():
    raw = f"{STORY}\n\nScenes from the rally. #Protest #City\n\npic.twitter.com/XyZ — A B (@ab) May 1, 2019"
    assert clean_text(raw).text == STORY
    assert removed_rules(raw) == ["social-embed", "social-embed"]


def test_signature_without_picture_link():
    raw = f"{STORY}\n\nWe stand with them now and always. — Secretary Smith (@SecSmith) April 30, 2019"
    assert clean_text(raw).text == STORY


def test_tweet_quoted_in_the_story_is_kept():
    quoted = 'On Twitter late Wednesday, the president said, "We stand with the people of the city."'
    assert clean_text(f"{STORY}\n\n{quoted}").text == f"{STORY}\n\n{quoted}"


@pytest.mark.parametrize(
    "prompt",
    [
        "Sign up to receive our latest news!",
        "By submitting this form, I agree to the terms.",
        "Subscribe to the Post for unlimited access.",
        "Follow us on social media for live updates.",
    ],
)
def test_newsletter_and_terms_prompts(prompt):
    assert clean_text(f"{STORY}\n\n{prompt}").text == STORY
    assert removed_rules(f"{STORY}\n\n{prompt}") == ["prompt"]


def test_read_more_is_removed_inline():
    result = clean_text(f"{STORY} (read more)")
    assert result.text == STORY
    assert [r.rule for r in result.removed] == ["read-more"]


def test_wire_dateline_is_removed_but_sentence_kept():
    result = clean_text(f"CARACAS (Reuters) – {STORY}")
    assert result.text == STORY
    assert result.removed[0].rule == "wire-dateline"


def test_photo_caption_repeated_in_the_body():
    raw = (
        f"{STORY}\n"
        "Protesters take cover as police fire tear gas in the capital, May\n"
        "Protesters take cover as police fire tear gas in the capital, May 1, 2019.\n"
    )
    assert clean_text(raw).text == STORY
    assert removed_rules(raw) == ["repeated-caption", "repeated-caption"]


def test_dated_photo_caption():
    caption = "An explosion occurs under a military vehicle during clashes in Caracas on April 30, 2019."
    assert clean_text(f"{STORY}\n\n{caption}").text == STORY


def test_subheadings_are_removed_but_real_questions_in_quotes_kept():
    raw = f"US action\n\nHow did the violence unfold?\n\n{STORY}\n\n\"Why did nobody warn us?\" she asked."
    result = clean_text(raw)
    assert result.text == f"{STORY}\n\n\"Why did nobody warn us?\" she asked."
    assert removed_rules(raw) == ["subheading", "subheading"]


def test_repeated_paragraph_is_removed_once():
    assert clean_text(f"{STORY}\n\n{STORY}").text == STORY


def test_real_story_text_is_untouched():
    story = (
        "The council approved the plan on Tuesday.\n\n"
        "\"This is a good day for the city,\" the mayor said.\n\n"
        "Critics said the cost, about 40 million crowns, was too high."
    )
    result = clean_text(story)
    assert result.text == story and result.removed == ()


def test_fingerprint_ignores_case_accents_and_spacing():
    assert fingerprint("Juan Guaidó  said.") == fingerprint("juan guaido said")
    assert fingerprint("one text") != fingerprint("another text")


def test_near_duplicates_link_later_to_earlier():
    base = " ".join(f"word{i}" for i in range(200))
    copy = base + " plus one extra paragraph at the end of the copy"
    other = " ".join(f"other{i}" for i in range(200))
    assert near_duplicates([base, other, copy], threshold=0.8) == {2: 0}
