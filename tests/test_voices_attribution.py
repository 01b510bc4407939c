"""Voices and actors on real text, round 8 of issue #10: reported speech wherever the text reports it (after its
statement, beside a few quoted words, to a listener), speakers found where writers put them (a relative clause, a
paragraph's colon, the sentence before, the subject of "…, saying"), "the company" and roles no one was introduced
with, and actors whose names and types the text supports. Each case is a sentence of the AllSides sample."""

from __future__ import annotations

import pytest
from conftest import SAMPLE, needs_sample
from voices_helpers import voice

from sco_tui.analysis.actors import find_actors
from sco_tui.analysis.quotes import Speakers, find_quotes
from sco_tui.corpus.load import load_corpus


@pytest.fixture(scope="module")
def sample():
    return load_corpus([SAMPLE])




def kinds(sample, article_id: str) -> dict[str, str]:
    return {a.name: a.kind for a in find_actors([sample.get(article_id)])}


@needs_sample
def test_reported_speech_with_its_attribution_after_it(sample) -> None:
    # "While the allegations originated in the Cincinnati office, the Justice Department inquiry is based out of
    # Washington, Holder said."
    q = voice(sample, "adYZtydJRM8kpLRO", "While the allegations originated in the Cincinnati office")
    assert (q.kind, q.speaker) == ("reported", "Eric Holder") and q.text.endswith("based out of Washington")
    # "California has the highest percentage of police shootings …, said Seth Stoughton, a former police officer …"
    q = voice(sample, "B4cSfMLLJx2N3BBF", "California has the highest percentage of police shootings")
    assert (q.kind, q.speaker) == ("reported", "Seth Stoughton")


@needs_sample
def test_reported_speech_beside_a_few_quoted_words_and_to_a_listener(sample) -> None:
    # "Trump insisted there was no pressure nor any "quid pro quo."": reported, the two quoted words no voice
    q = voice(sample, "CiNiP8B7T17pFfnM", "there was no pressure nor any")
    assert (q.kind, q.speaker) == ("reported", "Donald Trump")
    # "Reid told CNN the GOP demand for offsets … is "foolishness."": what was said, not the listener
    q = voice(sample, "XBBxpXTITIjfi2Cq", "the GOP demand for offsets")
    assert (q.kind, q.speaker) == ("reported", "Harry Reid")


@needs_sample
def test_a_quote_goes_on_past_a_long_description_of_its_speaker(sample) -> None:
    # "“We’re in uncharted territory …,” said Michael P. McDonald, an associate professor … who tracks early
    # voting. “In some states, it’s closer to the presidential election …”"
    q = voice(sample, "s4aeJX9IbrFwEp4k", "In some states, it’s closer to the presidential election")
    assert (q.speaker, q.via) == ("Michael P. McDonald", "continuation")
    assert q.named_in is not None and "said Michael P. McDonald" in q.named_in.text


@needs_sample
def test_a_short_sentence_in_quotation_marks_is_said_and_quote_marks_may_be_mixed(sample) -> None:
    # "… to which she replied, "I do actually, yes I do."": five words, but a sentence someone says
    q = voice(sample, "gNYJInbbK4kk98lf", "I do actually, yes I do.")
    assert q.kind == "direct" and q.speaker == "Kellyanne Conway"
    # "“You look at and rethink all options," Secretary Hagel said": a curly opening, a straight closing mark
    q = voice(sample, "4JKc0BfYci2Wg5Vg", "You look at and rethink all options")
    assert q.speaker == "Chuck Hagel"
    # "“I temper John, which is pretty amazing,” Mr. Trump mused last spring."
    assert voice(sample, "9SAdod48kIQFMzQS", "I temper John").speaker == "Donald Trump"


@needs_sample
def test_speakers_where_writers_put_them(sample) -> None:
    # a relative clause after an appositive: "Deborah Birx, the lead doctor on …, who said: “It’s devastatingly …”"
    assert voice(sample, "AWqrHjrYETFtswH0", "It’s devastatingly worrisome").speaker == "Deborah Birx"
    # a paragraph that opens with its speaker and a colon: "The Hill: “The Chamber of Commerce and …”"
    assert voice(sample, "7Lo9i3PaTy3afC7X", "The Chamber of Commerce and National Rifle").speaker == "The Hill"
    # a party description is no part of the name: "… expressed by Massachusetts Democrat Jim McGovern, who said …"
    assert voice(sample, "3Kz0KivI8V0VQ4UG", "we can be up to our eyeballs").speaker == "Jim McGovern"


@needs_sample
def test_the_company_is_the_one_body_named_before_or_no_one(sample) -> None:
    # "Princess Cruises said it will pause …" | "The move is in response "to the unpredictable …," the company said."
    q = voice(sample, "Fh4NwmuX0PGsepqN", "to the unpredictable circumstances")
    assert (q.speaker, q.speaker_text, q.via) == ("Princess Cruises", "the company", "role")
    assert "via role" in q.how and "Princess Cruises" in q.how
    # Voatz and the University of Michigan both named before "the company said": left open
    q = voice(sample, "Be6N3sJcTOn8RjTW", "Voatz has worked for nearly five years")
    assert q.speaker is None and q.speaker_text == "the company"


@needs_sample
def test_a_name_is_never_read_inside_a_longer_one(sample) -> None:
    # "… his son, Donald Trump Jr., said the documents would distract …": not his father
    assert voice(sample, "VZj6NDvt9yJZ7HKM", "the documents would distract").speaker != "Donald Trump"


@needs_sample
def test_actors_whole_names_and_types_the_text_supports(sample) -> None:
    # "Former U.S. Ambassador to the United Nations Nikki Haley praised …": a person, not "United Nations Nikki Haley"
    haley = kinds(sample, "cmPSGhB6JQBOtedj")
    assert haley.get("Nikki Haley") == "person" and not any("Nations Nikki" in n for n in haley)
    assert "U.S. Ambassador" not in haley  # a title with its country names no one
    # "The St. Louis Metropolitan Police Department said …": one body, no "St" and no "Louis Metropolitan …"
    louis = kinds(sample, "4CY5IZfRIn07q5I4")
    assert louis.get("St. Louis Metropolitan Police Department") == "organisation"
    assert "St" not in louis


@pytest.fixture(scope="module")
def seed_findings():
    articles = list(load_corpus())
    actors = find_actors(articles)
    speakers = Speakers(actors)
    return actors, [q for a in articles for q in find_quotes(a, speakers)[0]]


def test_seed_voices_keep_their_speakers(seed_findings) -> None:
    actors, quotes = seed_findings
    # every voice of the seeds names its speaker, as before this round's rules: none lost, none changed
    assert sorted({q.speaker for q in quotes}) == ["Alexander Lukashenko", "China's foreign ministry", "Mao Ning",
                                                   "Nigel Gould-Davies", "Vladimir Putin", "Xi Jinping", "Yury Ushakov"]
    assert all(q.speaker for q in quotes) and len(quotes) == 10
    names = {a.name: a.kind for a in actors}
    assert "Russian President" not in names and "Belarusian President" not in names  # titles with their country
    assert names["Nigel Gould-Davies"] == "person" and names["Chinese Foreign Ministry"] == "organisation"
