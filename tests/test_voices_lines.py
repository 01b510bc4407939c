"""Voices and actors on real text, round 9 of issue #10: speakers a text names outside any sentence (a byline
under a quoted passage, an embedded tweet's account), quotes that run on over paragraphs, attributions after a
quote that the earlier rules missed ("…,” Sen. Mark Warner, D-Va., said", "…,” screamed the New York Daily News"),
and what is no voice or no actor ("a skit entitled “…?”", "said nothing about", "Ironically, …"). Each case is a
sentence of the AllSides sample."""

from __future__ import annotations

import pytest
from conftest import SAMPLE, needs_sample
from voices_helpers import voice, voices

from sco_tui.analysis.actors import find_actors
from sco_tui.analysis.bylines import bylines, running_on, tweets
from sco_tui.corpus.load import load_corpus


@pytest.fixture(scope="module")
def sample():
    return load_corpus([SAMPLE])


@needs_sample
def test_a_byline_under_a_quoted_passage_names_its_speaker(sample) -> None:
    # “The ending of slavery was a defining moment …” / Carine Hajjar, National Review
    q = voice(sample, "KbBUn8x1VFW1SC8c", "The ending of slavery was a defining moment")
    assert (q.speaker, q.via) == ("Carine Hajjar", "byline")
    assert "Carine Hajjar, National Review" in q.named_in.text and "Carine Hajjar" in q.how
    # an editorial board speaks for its outlet: "Editorial Board, Washington Examiner"
    q = voice(sample, "Xi9YimRuznuVJeWL", "Harris’s program forgets that education")
    assert (q.speaker, q.speaker_text) == ("Washington Examiner", "Editorial Board, Washington Examiner")
    # each passage goes to its own byline, never to the next one's
    assert voice(sample, "Xi9YimRuznuVJeWL", "The first question here is whether").speaker == "Robert Verbruggen"


@needs_sample
def test_bylines_need_a_quoted_passage_before_them(sample) -> None:
    # a place and state or a caption on its own line after plain text is no byline
    body = "The mayor spoke at length about the budget.\n\nDes Moines, Iowa\n\n“We will balance it,” she said."
    assert bylines(body) == []
    found = bylines("“It is fair to conclude …\n\n“Mr. Sanders leads the popular vote.”\n\nElizabeth Bruenig, "
                    "New York Times")
    assert [(b.name, b.outlet, b.start) for b in found] == [("Elizabeth Bruenig", "New York Times", 0)]


@needs_sample
def test_an_embedded_tweet_is_its_accounts_voice(sample) -> None:
    q = voice(sample, "K2eacRaLJND4hM3v", "For one, reader diets have always been")
    assert (q.speaker, q.kind, q.via, q.speaker_text) == ("Max Fisher", "direct", "tweet", "Max Fisher (@Max_Fisher)")
    # "— Donald J. Trump (@realDonaldTrump)" resolves to the actor the article names
    assert voice(sample, "970gPXzbRvlx0TcM", "I have instructed Homeland Security").speaker == "Donald Trump"
    # a tweet quoting someone (".@KamalaHarris: “I support busing …”") leaves the words to the quote: the reporter
    # who tweeted them did not say them
    body = sample.get("8V44HMgKtzmHTR5d").body
    assert any(t.name == "Vaughn Hillyard" for t in tweets(body))
    assert all(q.speaker != "Vaughn Hillyard" for q in voices(sample.get("8V44HMgKtzmHTR5d")))


@needs_sample
def test_a_quote_running_on_into_the_next_paragraph_is_a_voice(sample) -> None:
    # "“News media (are) more omnipresent. …" (no closing mark) then "“…,” Lott said": the printers' convention
    article = sample.get("KmNC9AkUblwDbq03")
    assert any(article.body[s:].startswith("News media (are) more omnipresent") and goes_on
               for s, _, goes_on in running_on(article.body))
    q = voice(sample, "KmNC9AkUblwDbq03", "News media (are) more omnipresent")
    assert (q.speaker, q.kind, q.via) == ("Trent Lott", "direct", "continuation")


@needs_sample
def test_attributions_after_the_quote(sample) -> None:
    # "“…,” Sen. Mark Warner, D-Va., said on NBC's …": a name, the party and state, then the verb
    assert voice(sample, "cmPSGhB6JQBOtedj", "I accept the notion that there was a real threat").speaker == (
        "Mark Warner")
    # "“You let the world down,” screamed the New York Daily News.": the name, not "the New York Daily News"
    assert voice(sample, "X5St5xlMHh7dzUc6", "You let the world down").speaker == "New York Daily News"
    # "“We're going to win!” he shouted."
    assert voice(sample, "IVo7ky2RjPWVx3ee", "We're going to win!").speaker == "John Lewis"
    # "… is “essential to who we are as a nation,” according to Pew Research Center.": the source after the quote
    # when nothing before it names a speaker …
    assert {q.speaker for q in voices(sample.get("cl0U4bfxouXLBaef"))
            if q.text.startswith("essential to who we are")} == {"Pew Research Center"}
    # … and not when the sentence does: "Lenín Moreno … said in a tweet … “…,” according to The New York Times."
    assert voice(sample, "41L0TtROhPULVTyT", "his repeated violations to international").speaker == "Lenín Moreno"
    # the words after a quote that end in a colon introduce the next quote: "“…” Six days before he was fired,
    # Comey told …" and "“…” Craig replied: “…”" are not this quote's attribution
    assert voice(sample, "iGMrH4b83jJ5Zghy", "There never has been").speaker == "Rod Rosenstein"


@needs_sample
def test_the_subject_of_the_sentence_before_holds_the_pronoun(sample) -> None:
    # several people in the sentence before; the one who opens it, its subject, is the "he" who speaks next
    q = voice(sample, "4QlJM1ZaNMwJGHVB", "I fear they will say something like")
    assert (q.speaker, q.via) == ("Michael Allen", "pronoun")


@needs_sample
def test_what_is_no_voice(sample) -> None:
    # a title after "entitled" / "titled", question or not
    assert not [q for q in voices(sample.get("TcmNzYK4ykt5MRdD")) if q.text.startswith("Quien es mas macho")]
    assert not [q for q in voices(sample.get("9dhIcUofqBCwqM11")) if q.text.startswith("Where in the World")]
    # "Aghdam’s father said nothing about his daughter posing a threat": nothing was said
    assert not [q for q in voices(sample.get("0LlVPvRYJetFCOZb")) if q.text.startswith("nothing about")]
    # … but "Ryan said nothing changes the FBI’s original finding" is a statement
    assert voice(sample, "ZMOIVsqCCqWmYJaW", "nothing changes the FBI").speaker == "Paul D. Ryan"
    # "Keith Olbermann said something stupid.": no statement after the verb
    assert not [q for q in voices(sample.get("TYnyTYgYffR97qI2")) if q.text == "something stupid"]


@needs_sample
def test_no_actor_opens_a_sentence_as_an_adverb_or_a_verb(sample) -> None:
    names = {a.name for a in find_actors([sample.get("OTcuhVEJ2ECMHZKZ")])}
    assert "Ironically" not in names
    for article_id in ("pKzd1nsBurwrLwXY", "6RPz2S0Iw4nEWhmN", "EEOQDcyEoOQCAMAp"):
        names = {a.name for a in find_actors([sample.get(article_id)])}
        assert not names & {"Rounding", "Citing", "Logically"}, names
    # "Hershman of Indiana said" cuts to a surname only: "Gang of Eight" is never a person called "Gang"
    assert "Gang" not in {a.name for a in find_actors([sample.get("g1c8THBgZSsQHH7p")])}


@needs_sample
def test_a_paragraph_after_who_speaks_and_a_colon_is_their_voice(sample) -> None:
    # "Immediately following these remarks, Trump said:" then the transcript, printed without quotation marks
    q = voice(sample, "UNY5caco077YY6em", "So, I’m going to ask Bill a question")
    assert (q.speaker, q.kind, q.via) == ("Donald Trump", "direct", "colon")
    assert q.named_in.text.endswith("Trump said:")
    assert voice(sample, "KIHNjNc046gsLJXb", "Conspiracy theories often serve").speaker == "Lewandowsky"
    assert voice(sample, "Hh7mVncIjKKibJgM", "The good news, such as it is").speaker == "Megan McArdle"
    # only a paragraph right after a sentence that ends in a colon, and never a list or a heading after it
    for article in list(sample)[:300]:
        for q in voices(article):
            if q.via == "colon":
                assert q.named_in.text.rstrip().endswith(":") and len(q.text) >= 60, (q.named_in.text, q.text)
