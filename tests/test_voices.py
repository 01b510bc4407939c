"""Voices and actors on real text: pronoun and role speakers resolved only when one person fits, split and
multi-sentence quotes, direct and reported speech apart, and actors without fragments (issue #10)."""

from __future__ import annotations

import pytest
from conftest import SAMPLE, needs_sample

from sco_tui.analysis.actors import find_actors
from sco_tui.analysis.quotes import QUOTE, Quote, Speakers, find_quotes
from sco_tui.corpus.load import load_corpus


@pytest.fixture(scope="module")
def sample():
    return load_corpus([SAMPLE])


def quotes(article) -> list[Quote]:
    return find_quotes(article, Speakers(find_actors([article])))[0]


def at(sample, article_id: str, opening: str) -> list[Quote]:
    """The quotes of the sentence that opens with ``opening`` (text, not an index: cleaning may move sentences)."""
    found = [q for q in quotes(sample.get(article_id)) if q.evidence.text.startswith(opening)]
    assert found, f"no quote in the sentence of {article_id} opening {opening!r}"
    return found


@needs_sample
def test_a_pronoun_speaker_is_the_one_person_named_before(sample) -> None:
    # "Kashuv apologized …, saying in a statement that he's grown …" | "“We were 16-year-olds …,” he said in May."
    (q,) = at(sample, "FXauRWKV8x8Pp9aI", "\"We were 16-year-olds making idiotic comments, u")
    assert (q.speaker, q.speaker_text, q.via) == ("Kyle Kashuv", "he", "pronoun")
    assert q.named_in is not None and q.named_in.text.startswith("Kashuv apologized")
    assert "via pronoun" in q.how and "Kashuv apologized" in q.how
    # "Carl Goldman, 66, and his wife, Jeri Seratti-Goldman, …" | "“…,” Goldman told CNN." |
    # "“My wife and I …,” he said."
    (q,) = at(sample, "JY8USBK1VgaVjrQF", "\"My wife and I are in separate wings of this fac")
    assert q.speaker == "Carl Goldman" and q.via == "pronoun"


@needs_sample
def test_a_pronoun_skips_people_the_text_gives_another_gender(sample) -> None:
    # Cosby is "he" in the text; "One of his accusers, Patti Masten, said …" | "“We're up to 48 accusers. …”, she said"
    (q,) = at(sample, "VUsf82T5JOMA3irk", "\"We're up to 48 accusers.")
    assert q.speaker == "Patti Masten" and q.via == "pronoun"


@needs_sample
def test_a_role_speaker_is_the_person_introduced_with_that_role(sample) -> None:
    # "On Sunday, U.N. Secretary-General António Guterres delivered …" … "the U.N. secretary-general said"
    (q,) = at(sample, "8jgpkuHoDjZh9PER", "In his Sunday statement, the U.N. secretary-gene")
    assert (q.speaker, q.via) == ("António Guterres", "role")
    assert q.named_in is not None and "Secretary-General António Guterres" in q.named_in.text


def test_a_role_speaker_in_the_seeds(seeds_comparison) -> None:
    putin = next(q for q in seeds_comparison.quotes if q.speaker_text == "the Russian president")
    assert (putin.speaker, putin.via) == ("Vladimir Putin", "role")
    assert "Russian President Vladimir Putin" in putin.named_in.text


@needs_sample
def test_an_ambiguous_speaker_is_left_unattributed(sample) -> None:
    # Sen. Rand Paul, Sen. Mike Lee and Sen. Ted Cruz are all named before "… ,” the senator said"
    (q,) = at(sample, "fRrPTUZdZEiTQcud", "“This closed-door process has yielded the BCRA, ")
    assert q.speaker is None and q.speaker_text == "the senator" and q.via == "" and q.how == ""
    # "The prime minister said she …" (never named) after "Mr Harrington accusing …": not Harrington
    (q,) = at(sample, "UuDU5qNeoizzhBaE", "\"The votes could lead to an outcome that is un-n")
    assert q.speaker is None and q.speaker_text == "she"


@needs_sample
def test_a_quote_over_two_sentences_and_its_continuation(sample) -> None:
    article = sample.get("1NxZtZeMZLRCESCt")
    found = quotes(article)
    # “She used it as an example. She said it with the hard ‘r,’ no hesitation,” Gaia told the outlet.
    two = next(q for q in found if q.text.startswith("She used it as an example."))
    assert two.kind == "direct" and two.speaker == "Stephanie Gaia" and "hard ‘r,’ no hesitation" in two.text
    # “Everyone was just so taken aback, so shocked. No one knew what to say.” (no attribution of its own)
    nxt = next(q for q in found if q.text.startswith("Everyone was just so taken aback"))
    assert nxt.text.endswith("No one knew what to say.") and nxt.speaker == "Stephanie Gaia"
    assert nxt.via == "continuation" and nxt.named_in == two.evidence


@needs_sample
def test_direct_and_reported_speech_are_kept_apart(sample) -> None:
    kinds = set()
    for article_id in ("FXauRWKV8x8Pp9aI", "CyiAhJPwnx4RoQTR", "VUsf82T5JOMA3irk", "1NxZtZeMZLRCESCt"):
        article = sample.get(article_id)
        inside = [(m.start(), m.end()) for m in QUOTE.finditer(article.body)]
        for q in quotes(article):
            kinds.add(q.kind)
            at_ = article.body.find(q.text)
            assert at_ >= 0, q.text
            quoted = any(a <= at_ and at_ + len(q.text) <= b for a, b in inside)
            if q.via == "tweet" or article.body[max(0, at_ - 2):at_].strip()[-1:] in ("“", '"'):
                quoted = True  # an embedded tweet; a quote running on into the next paragraph (opened, not closed)
            assert quoted == (q.kind == "direct"), (q.kind, q.text)  # direct: the quoted words; reported: not
    assert kinds == {"direct", "reported"}
    # "Mike Petrilli … said" | "He said he still believes that only a minority …": reported, through the pronoun
    (q,) = at(sample, "CyiAhJPwnx4RoQTR", "He said he still believes that only a minority o")
    assert (q.kind, q.speaker, q.via) == ("reported", "Mike Petrilli", "pronoun")


@needs_sample
def test_actors_are_whole_names(sample) -> None:
    def names(article_id: str) -> dict[str, str]:
        return {a.name: a.kind for a in find_actors([sample.get(article_id)])}

    ny = names("X9JeCtlZyrUtOiny")  # "New York is also in the running …" opens a sentence
    assert "New York" in ny and "York" not in ny
    pelosi = names("IIetGZC1EH9NQbnA")  # "… is House Speaker Nancy Pelosi."
    assert pelosi.get("Nancy Pelosi") == "person" and not any("Speaker" in n for n in pelosi)
    glued = names("0UPRNEhO2YR7Bt2F")  # "Hillary Clinton Hillary Diane Rodham Clinton2020 Democrats make play …"
    assert "Hillary Clinton" in glued
    words = [[w for w in n.split() if w[0].isupper()] for n in glued]
    assert not [w for w in words if len(set(w)) < len(w)]  # no name repeats a word: the link text was cut off
    jr = {a.name: a for a in find_actors([sample.get("WAoAATaVSWAdlnmu")])}
    assert "Trump Jr" in jr["Donald Trump Jr"].aliases  # "Trump Jr." is the son …
    assert all("Trump Jr" not in a.aliases for name, a in jr.items() if name != "Donald Trump Jr")  # … not the father


def test_seed_actors_have_no_fragments(seeds_comparison) -> None:
    names = {a.name for a in seeds_comparison.actors}
    assert "Belt and Road" in names and not names & {"Belt", "Road"}


def test_voices_say_how_their_speaker_was_found(seeds_comparison, seeds) -> None:
    from sco_tui.view.comparison import build_view

    data = seeds_comparison.as_dict()["quotes"]
    assert all({"via", "named_in"} <= set(q) for q in data)
    gould = [q for q in data if q["speaker"] == "Nigel Gould-Davies" and q["via"] == "pronoun"]
    assert gould and gould[0]["named_in"]["text"].startswith("Nigel Gould-Davies, a senior fellow")
    view = build_view(seeds_comparison, seeds)
    row = next(r for s in view.sections if s.key == "voices" for r in s.rows if r.label == "Nigel Gould-Davies")
    assert "‘he’ via pronoun: named in “Nigel Gould-Davies, a senior fellow" in row.why


@pytest.fixture(scope="module")
def seeds():
    return list(load_corpus())


@pytest.fixture(scope="module")
def seeds_comparison(seeds):
    from sco_tui.analysis.comparison import compare

    return compare(seeds)


@needs_sample
def test_the_speaker_is_the_head_of_the_phrase_not_what_follows_its_preposition(sample) -> None:
    # the person, not the institution after "of"/"at"/"from" (these were the institutions before)
    veuger = at(sample, "2pvA6fOlhN2jGdVw", "Stan Veuger of the Americ")
    assert [(q.speaker, q.kind) for q in veuger] == [("Stan Veuger", "direct")]
    assert [q.speaker for q in at(sample, "9Xkm825A6NJ6FCOJ", "“I wouldn’t be worried ab")] == ["Justine Sherry"]
    assert [q.speaker for q in at(sample, "G30xAzPQRyoMxgCF", "Nate Cohn at the New York")] == ["Nate Cohn"]
    # "His brinksmanship in the Senate tells you …" is no voice of the Senate
    cruz = quotes(sample.get("63KRUfLedOqcMiKx"))
    assert not [q for q in cruz if q.evidence.text.startswith("His brinksmanship in the ")]
    # a name that holds "of" stays whole
    doj = at(sample, "41L0TtROhPULVTyT", "The Department of Justice")
    assert [q.speaker for q in doj] == ["The Department of Justice"]


@needs_sample
def test_an_organisation_named_with_and_or_to_is_one_actor(sample) -> None:
    def names(article_id: str) -> set[str]:
        return {a.name for a in find_actors([sample.get(article_id)])}

    hill = names("JmeQAaQFA3oraEc6")  # "the House Ways and Means Committee"
    assert "House Ways and Means Committee" in hill and "Means Committee" not in hill
    usa_today = names("fC1mVJQ97PY1kTt9")  # "the National Right to Life Committee"
    assert "National Right to Life Committee" in usa_today and not {"National Right", "Life Committee"} & usa_today
    # two names stay two: a byline's "Ed Henry and The Associated Press", "the House of Representatives and Senate"
    assert not any(" and The Associated Press" in n for n in names("zvj3EG3BMu1dCSDJ"))
    assert "House of Representatives and Senate" not in names("3RY6FJJiSBK2TPdJ")


@needs_sample
def test_a_title_alone_or_a_sentence_opener_is_no_speaker(sample) -> None:
    captain = at(sample, "DgvSsehvunnnhlzB", "Captain says \"we are goi")
    assert [q.speaker for q in captain] == [None]  # 'Captain says "…"' (was 'Captain')
    # "Later, Short said that Pence …" was a voice of "Later"
    assert not [q for q in quotes(sample.get("QdznW8QBB3xWrw71")) if q.speaker == "Later"]
    way = at(sample, "rqHhWiTkCldFnyE0", "In an email to the bureau")
    assert [q.speaker for q in way] == ["Way"]  # "Mr. Way said": a name, however common


@needs_sample
def test_a_party_and_state_a_passive_told_and_an_adverb_are_no_speaker(sample) -> None:
    """"Mitch McConnell, R-Ky., said …" is McConnell's, never "R-Ky"'s; "Fox News is told the review
    included …" is no voice of Fox News (it was told); "Ford's lawyer had previously said" is the lawyer's."""
    kavanaugh = quotes(sample.get("nG1yl0A79UCvCdMi"))
    assert not [q for q in kavanaugh if q.speaker and q.speaker.startswith(("R-", "D-"))]
    assert [q.speaker for q in kavanaugh if q.evidence.text.startswith("Earlier in the day, Senat")] == [
        "Mitch McConnell"]
    assert not [q for q in quotes(sample.get("nhE1L8443f8jEtlY")) if q.speaker == "Fox News"]
    lawyer = quotes(sample.get("UAdAJZgOuiFSsOqC"))
    assert [q.speaker for q in lawyer if q.evidence.text.startswith("Ford's lawyer had previou")] == ["Ford's lawyer"]


def test_words_a_sentence_gives_its_subject_are_no_scare_quote() -> None:
    """002: "He referred to Putin as an “old friend”" is Xi's wording, not the outlet's distance; Press TV's
    bare “special military operation” still is a scare quote."""
    scare = {a.id[:3]: [s.text for s in find_quotes(a, Speakers(find_actors([a])))[1]] for a in load_corpus()}
    assert "old friend" not in scare["002"] and "special military operation" in scare["004"]


def said(sample, article_id: str, sentence_text: str) -> list[str | None]:
    """The speakers of the quotes in the sentence of an article that holds ``sentence_text``."""
    found = [q.speaker for q in quotes(sample.get(article_id)) if sentence_text in q.evidence.text]
    assert found, f"no quote in {article_id} where {sentence_text!r}"
    return found


@needs_sample
def test_an_abbreviated_title_does_not_hide_the_speaker(sample) -> None:
    """"Mr. Norquist", "Sen. Jennifer McClellan", "Dr. Stone": the full stop of a title or an initial does not end
    the speaker's phrase (1,500 voices of the sample were unattributed for it)."""
    assert set(said(sample, "JiRFpwhX7sxP3rYF", "said Mr. Norquist")) == {"Norquist"}
    assert said(sample, "aM7k98MCAyQLIaDC", "state Sen. Jennifer McClellan said") == ["Jennifer McClellan"]
    assert said(sample, "r4Tnq6GLtUPBBfrs", "Dr. Stone, from UC Davis, says") == ["Walter Stone"]


@needs_sample
def test_the_speaker_is_the_name_next_to_the_verb_not_an_earlier_clause(sample) -> None:
    # "When Dickerson asked what crime …, he said, “…”": he, not Dickerson (no one "he" can safely be, here)
    assert "Dickerson" not in said(sample, "t1mXPbb2IivfjZoC", "When Dickerson asked what crime")
    assert said(sample, "0OMZwt5FH3VmdTJp", "the late realist Kenneth Waltz once argued") == ["Kenneth Waltz"]
    # an adverbial before the subject is not the speaker: "Under Obama, the Pentagon … announced", "On Wednesday,
    # Mr Trump tweeted"
    assert "Barack Obama" not in said(sample, "0ukJmA7T5QQ8NyEq", "Under Obama, the Pentagon")
    assert said(sample, "umbmkCEHgp6tXBkb", "On Wednesday, Mr Trump tweeted")[0] == "Donald Trump"
    # "… on NBC’s “Meet the Press” and said, “…”": the sentence's subject, not a fragment of the programme's name
    assert said(sample, "xMmlCZUI4axEGf6I", "Sen. Michael Bennet, D-Colo., defended") == ["Michael Bennet"]
    assert set(said(sample, "pykhLEALEs0zLahP", "Speaking to reporters in the Capitol")) == {"Mitt Romney"}
    # a speaker phrase does not run into the next sentence ("… Act.” Really? Rubio …")
    assert "Marco Rubio" not in said(sample, "lvxySoeBw4xuDieF", "earlier in the week Baucus said that Rubio")


@needs_sample
def test_an_owner_is_no_speaker_and_a_pronoun_after_two_owners_stays_open(sample) -> None:
    """"The Florida Department of Health’s stated positivity rates …, reported FOX 35" is no voice of the
    department; NPR's Mark Judge statement ("Grassley's office released a letter from Judge's attorney … He also
    says, “…”") is given to no one, not to Grassley."""
    assert not [q for q in quotes(sample.get("MQeL7WxyXcBYLH1w")) if q.speaker == "Florida Department of Health"]
    assert said(sample, "nG1yl0A79UCvCdMi", "I have no more information to offer") == [None]
    judge = next(a for a in find_actors([sample.get("nG1yl0A79UCvCdMi")]) if a.name == "Mark Judge")
    assert judge.kind == "person" and "Judge" in judge.aliases  # "Judge told the Weekly Standard …": his surname


@needs_sample
def test_a_quote_goes_on_after_a_long_attribution(sample) -> None:
    # "“I am very proud of President Obama's announcement today,” Clinton said of the president's new series of
    # executive actions. “In fact, I feel really good …”"
    assert said(sample, "ximh1MycEduGxD9h", "In fact, I feel really good") == ["Clinton"]


@needs_sample
def test_titles_with_of_and_bodies_before_titles(sample) -> None:
    def actors(article_id: str) -> dict[str, str]:
        return {a.name: a.kind for a in find_actors([sample.get(article_id)])}

    bryson = actors("QegCCNGhEPDU06RI")  # "Secretary of Commerce John Bryson was hospitalized …"
    assert bryson.get("John Bryson") == "person" and not any("Commerce John" in n for n in bryson)
    camp = actors("JbIGSEMJihbWHLfY")  # "House Ways and Means Committee Chairman Dave Camp"
    assert camp.get("Dave Camp") == "person" and "House Ways" not in camp
    exxon = [a for a in find_actors([sample.get("W2qb2sIvbytYQmWJ")]) if "Exxon Mobil Corp" in (a.name, *a.aliases)]
    assert [a.kind for a in exxon] == ["organisation"]  # "CEO of Exxon Mobil Corp.", also "Exxon Mobil": one body
    assert actors("stACeXokNikp8GGQ").get("Fort Lee") != "person"  # "the Mayor of Fort Lee"
    assert actors("OwebA5jrf8qHE6qG").get("Advanced Research Projects Agency-Energy") == "organisation"


@needs_sample
def test_types_only_where_the_text_supports_them(sample) -> None:
    def actors(article_id: str) -> dict[str, str]:
        return {a.name: a.kind for a in find_actors([sample.get(article_id)])}

    assert actors("3Jv6Lr9p4JqtvtSb").get("CNN Business") != "person"  # "…,” Artem Abramov … told CNN Business."
    fox = actors("74it57GkBB21MGLL")  # "Fellow Fox newsian, Megyn Kelly …": no person called Fox
    assert fox.get("Fox") != "person"
    assert actors("GgpMFqcOT8bzXEkn").get("D.C.") == "other"  # a place, not an organisation
    npr = actors("nG1yl0A79UCvCdMi")  # a quote's first word is no name: “Next week …”, “Nothing the FBI …”
    assert not {"Next", "Nothing"} & set(npr) and npr.get("Mark Judge") == "person"
    assert actors("zgZpLZiridtMGUsD").get("CNN") == "organisation"  # "(CNN) As the country reels …"


@needs_sample
def test_a_title_is_no_actor_and_a_title_word_surname_is_one(sample) -> None:
    """Over the first 300 sample articles no actor is a title alone ("Sen", "Rep", "President"), and roles with
    "-elect", plural titles and "Deputy Assistant" keep the person ("Vice President-elect Mike Pence")."""
    from sco_tui.analysis.actors import _TITLES

    arts = sorted(sample, key=lambda a: a.id)[:300]
    lone = [(a.id, x.name) for a in arts for x in find_actors([a]) if x.name.lower().rstrip(".") in _TITLES]
    assert len(lone) <= 3, lone  # "Judge" alone is Mark Judge's surname only where the text names him
    pence = {x.name: x.kind for x in find_actors([sample.get("YZnQGILOLOTHGYct")])}
    assert pence.get("Mike Pence") == "person"
    assert {x.name: x.kind for x in find_actors([sample.get("rftHMrFF8x3ureAX")])}.get("Daniel Koffsky") == "person"
