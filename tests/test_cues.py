"""Framing cues on real text: the seeds (read against each other) and the AllSides sample."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SAMPLE, needs_sample

from sco_tui.analysis.comparison import compare
from sco_tui.analysis.cues import THRESHOLD, cue_summary, find_cues
from sco_tui.analysis.cues.lexical import forms, lexicon
from sco_tui.analysis.cues.model import KINDS, QUOTED_FACTOR, Cue, combine
from sco_tui.corpus.load import load_corpus

PRESS_TV = "004_c8b71dc69254530b"


@pytest.fixture(scope="module")
def seeds():
    return list(load_corpus())


@pytest.fixture(scope="module")
def seed_cues(seeds):
    return compare(seeds).cues


def at(cues, article: str, text: str):
    """The cued sentence of ``article`` containing ``text`` (None when it has no cue)."""
    found = [c for c in cues if c.article.startswith(article) and text in c.evidence.text]
    assert len(found) <= 1, found
    return found[0] if found else None


def kinds(sc) -> set[str]:
    return {c.kind for c in sc.cues} if sc else set()


def words(sc, kind: str) -> list[str]:
    return [w.lower() for c in sc.cues if c.kind == kind for w in c.words] if sc else []


def test_press_tv_loaded_terms_are_lexical_cues(seed_cues) -> None:
    smo = at(seed_cues, PRESS_TV, "special military operation")
    assert "special military operation" in words(smo, "loaded") + words(smo, "scare_quote")
    assert all(c.family == "lexical" for c in smo.cues if c.kind in ("loaded", "scare_quote"))
    assert smo.flagged
    hegemony = at(seed_cues, PRESS_TV, "criticized US-led")
    assert "hegemony" in words(hegemony, "loaded") and "hegemony" in words(hegemony, "scare_quote")
    unquoted = at(seed_cues, PRESS_TV, "counterweight to US hegemony")
    assert "hegemony" in words(unquoted, "loaded") and unquoted.flagged
    # the cue names where its words are, so the reader can underline them
    seeds = {a.id: a for a in load_corpus()}
    cue = next(c for c in unquoted.cues if c.kind == "loaded")
    s, e = cue.spans[0]
    assert seeds[PRESS_TV].body[s:e] == "hegemony"


def test_forecasts_are_speculation(seed_cues) -> None:
    challenges = at(seed_cues, "001", "may pose challenges")
    assert words(challenges, "speculation") == ["may"]
    assert all(c.family == "informational" for c in challenges.cues if c.kind == "speculation")
    assert words(at(seed_cues, "001", "could take place on the sidelines"), "speculation") == ["could"]
    assert words(at(seed_cues, "000", "is expected to formalize"), "speculation") == ["is expected to"]
    assert "might" in words(at(seed_cues, "003", "Erdogan might use the summit"), "speculation")


def test_the_kremlin_aides_quote_is_attributed(seed_cues) -> None:
    quote = at(seed_cues, "000", "new world order")
    assert "unattributed" not in kinds(quote)
    assert not quote or not quote.flagged


def test_a_plain_shared_fact_is_not_flagged(seed_cues) -> None:
    where = at(seed_cues, "003", "are set to meet in Kazakhstan on Thursday")
    assert where is None or not where.flagged
    convened = at(seed_cues, PRESS_TV, "convened in the capital Astana")
    assert convened is None or not convened.flagged
    # the SCO's founding year is background only one outlet would call tangential: the others share it
    founded = at(seed_cues, PRESS_TV, "Established in 2001")
    assert "background" not in kinds(founded)


def test_unique_content_needs_the_other_outlets(seeds, seed_cues) -> None:
    assert any("unique" in kinds(c) for c in seed_cues)
    alone = find_cues(seeds)  # each article on its own: nothing to be unique against
    assert not any("unique" in kinds(c) for c in alone)


def test_scores_follow_the_stated_principle() -> None:
    def cue(kind: str) -> Cue:
        return Cue(kind, ("w",), "why", (), KINDS[kind][1])

    assert combine([cue("loaded")]) >= THRESHOLD  # one top-tier cue is enough
    assert combine([cue("speculation")]) < THRESHOLD  # one middle-tier cue is not …
    assert combine([cue("speculation"), cue("background")]) >= THRESHOLD  # … two are
    assert combine([cue("speculation"), cue("unique")]) >= THRESHOLD  # … or one with a weak one
    assert combine([cue("intensifier"), cue("hedge")]) < THRESHOLD  # weak cues never flag together
    # where a sentence stands (only this outlet carries it) adds only to its own informational cues
    assert combine([cue("scare_quote"), cue("unique")]) == combine([cue("scare_quote")])
    assert combine([cue("background"), cue("unique")]) < THRESHOLD  # background is unshared by definition
    assert combine([cue("intensifier")] * 5) < THRESHOLD  # nor by repetition
    assert 0 < combine([cue("loaded")] * 2) < 1


def test_word_lists_match_inflections_not_derivations() -> None:
    assert {"slams", "slammed", "slamming"} <= forms("slam")
    assert "bullied" in forms("bully") and "exposed" in forms("expose")
    assert "totally" not in forms("total") and "assertive" not in forms("assert")
    lex = lexicon()
    assert set(lex.why) <= set(KINDS)
    assert any(kind == "loaded" and entry == "special military operation"
               for options in lex.entries.values() for kind, _, entry in options)


def test_cue_summary_counts_kinds_per_outlet(seeds, seed_cues) -> None:
    summary = {s.key: s for s in cue_summary(seeds, seed_cues)}
    press = summary[PRESS_TV]
    assert press.outlet == "Press TV" and press.kinds["loaded"] >= 2 and press.flagged >= 3
    assert press.strongest and press.strongest[0].score == max(c.score for c in seed_cues if c.article == PRESS_TV)
    assert all(s.flagged <= s.cued <= s.sentences for s in summary.values())
    by_outlet = cue_summary(seeds, seed_cues, by="outlet")
    assert sum(len(s.articles) for s in by_outlet) == len(seeds)
    assert json.dumps([s.as_dict() for s in by_outlet])


def test_compare_json_carries_cues(cli) -> None:
    code, out, _ = cli("compare", "--format", "json")
    assert code == 0
    cues = json.loads(out)["cues"]
    assert cues and all(set(c) >= {"article", "sentence", "cues", "score", "flagged"} for c in cues)
    first = cues[0]
    assert set(first["sentence"]) >= {"index", "start", "end", "text"}
    assert all(c["family"] in ("lexical", "informational") and c["why"] for c in first["cues"])
    assert all(0 <= c["score"] <= 1 and c["flagged"] == (c["score"] >= THRESHOLD) for c in cues)


def test_cues_command_lists_flagged_sentences(cli) -> None:
    rows = cli.json("cues", "--json")
    assert rows and all(r["flagged"] for r in rows)
    assert any(r["outlet"] == "Press TV" and "hegemony" in r["sentence"]["text"] for r in rows)
    every = cli.json("cues", "--json", "--all")
    assert len(every) > len(rows)
    story = cli.json("cues", "--json", "--articles", f"{PRESS_TV},000_6f0f72e896a6eae1,003_625b4c25c277fb8f")
    assert {r["article"] for r in story} <= {PRESS_TV, "000_6f0f72e896a6eae1", "003_625b4c25c277fb8f"}
    code, out, _ = cli("cues")
    assert code == 0 and "special military operation" in out and "flagged sentences" in out
    code, _, err = cli("cues", "--articles", "nope")
    assert code == 2 and err.count("\n") == 1 and "nope" in err
    code, _, err = cli("cues", "--story", "nope")
    assert code == 2 and "Traceback" not in err


def test_cues_reach_no_network_and_no_textual() -> None:
    code = ("import socket, sys\n"
            "def no(*a, **k): raise RuntimeError('network')\n"
            "socket.socket.connect = no; socket.create_connection = no\n"
            "from sco_tui.corpus.load import load_corpus\n"
            "from sco_tui.analysis.cues import find_cues\n"
            "assert any(c.flagged for c in find_cues(list(load_corpus())))\n"
            "assert 'textual' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)


# Cases from the AllSides sample: for each kind, a sentence that has it and a look-alike that must not.
SAMPLE_CASES = [
    ("loaded", "OfJZhd4C1GGhGs2a", "slammed the rule", "slammed"),
    ("loaded", "ZuT8q98bw54cPfX0", "Trump explained during his remarks", None),
    ("label", "vQ4QAg7NW2E3BgXN", "Venezuelan strongman Nicolas Maduro", "strongman"),
    ("label", "QcXw4qmXArser5Im", "routinely censor right-wing voices", None),
    ("intensifier", "JZKK9Fzu6nsnajDC", "seems extremely ill-advised", "extremely"),
    ("intensifier", "QC2RrHkh6bgSUwqx", "In total, 20% of all Democrats", None),
    ("hedge", "WAoAATaVSWAdlnmu", "Among those he allegedly told", "allegedly"),
    ("hedge", "WAoAATaVSWAdlnmu", "the magazine reports", None),
    ("factive", "yOyaS4kERudGU27R", "phone records revealed last week", "revealed"),
    ("factive", "TugW7apJiM1nZaXU", "when it unveiled its bill", None),
    ("assertive", "yOyaS4kERudGU27R", "Mikulski insisted", "insisted"),
    ("assertive", "YZnQGILOLOTHGYct", "We have to be assertive", None),
    ("scare_quote", "1GLe2ySNGGtnezXR", "slogans about “putting America first”", "putting America first"),
    ("scare_quote", "ecqM2128czm1SnoU", "would “provide support”", None),
    ("speculation", "JZKK9Fzu6nsnajDC", "the economy could sink further", "could"),
    ("speculation", "gZnjU6Czqe3ogy5W", "In a May 8 interview", None),
    ("unattributed", "gTQtLPuQQEEyp3k4", "critics say the president did not act swiftly", "critics say"),
    ("unattributed", "OfJZhd4C1GGhGs2a", "according to the FDA", None),
    ("background", "IoBPiHY7rM7NJKn7", "in his speech four years ago", "years ago"),
    ("background", "4OSEfBZB5DvHMmBB", "24 senators up for reelection in 2016", None),  # a year ahead: not the past
    # a short quote the sentence gives a speaker is that speaker's words, not the outlet's scare quote
    ("scare_quote", "LsQE7U6BdLgFEyJS", "Trump referred to DACA as", None),
    ("scare_quote", "LsQE7U6BdLgFEyJS", "protect so-called", "Dreamers"),
]

#: (article, sentence text, kind, word): someone else's words or forecast the outlet carries — a quote,
#: a quote the sentence splitter cut, or reported speech — weigh half, and the reason says so
SPEAKERS_WORDS = [
    ("LsQE7U6BdLgFEyJS", "He said the “unilateral executive amnesty” probably", "loaded", "amnesty", "inside a quote"),
    ("LsQE7U6BdLgFEyJS", "He said the “unilateral executive amnesty” probably", "speculation", "probably",
     "in reported speech"),
    ("LsQE7U6BdLgFEyJS", "told the Associated Press that DACA recipients could", "speculation", "could",
     "in reported speech"),
    ("iujbbwXVeAP0X7tf", "tweeted her dismay with the decision", "loaded", "slams", "inside a quote"),
]


@needs_sample
def test_someone_elses_words_weigh_half_and_say_whose() -> None:
    corpus = load_corpus([SAMPLE])
    cues = find_cues([corpus.get(i) for i in sorted({case[0] for case in SPEAKERS_WORDS})])
    for article, text, kind, word, reason in SPEAKERS_WORDS:
        cue = next(c for c in at(cues, article, text).cues if c.kind == kind and word in c.words)
        assert reason in cue.why and cue.weight == pytest.approx(KINDS[kind][1] * QUOTED_FACTOR), (text, cue)
    plain = at(cues, "iujbbwXVeAP0X7tf", "Trump’s base may also be disgruntled")  # the outlet's own forecast
    assert [c.weight for c in plain.cues if c.kind == "speculation"] == [KINDS["speculation"][1]]


@pytest.fixture(scope="module")
def sample_cues():
    corpus = load_corpus([SAMPLE])
    wanted = sorted({case[1] for case in SAMPLE_CASES})
    return find_cues([corpus.get(i) for i in wanted])


@needs_sample
@pytest.mark.parametrize(("kind", "article", "text", "word"), SAMPLE_CASES,
                         ids=[f"{c[0]}-{'pos' if c[3] else 'neg'}" for c in SAMPLE_CASES])
def test_sample_cases(sample_cues, kind: str, article: str, text: str, word: str | None) -> None:
    sc = at(sample_cues, article, text)
    if word is None:
        assert kind not in kinds(sc)
    else:
        assert word.lower() in " ".join(words(sc, kind)), (kinds(sc), sc and sc.evidence.text)


@needs_sample
def test_one_sided_sourcing_in_a_sample_comparison() -> None:
    corpus = load_corpus([SAMPLE])
    same = [a for a in corpus if dict(a.extra).get("topic") == "elections"][:12]
    result = compare(same)
    sided = [(sc.article, c) for sc in result.cues for c in sc.cues if c.kind == "one_sided"]
    # Ted Cruz holds his article's quotes (Donald Trump Jr did too until Julian Assange's reported voice was found)
    assert any("Cruz" in " ".join(c.words) for _, c in sided)
    for article, c in sided:  # each names the voice that holds two thirds of its article's quotes, of three or more
        top = [v for v in result.voices(article) if v.speaker != "(unattributed)"]  # named voices only
        quotes = sum(v.quotes for v in top)
        held = next(v.quotes for v in top if v.speaker == c.words[0])
        assert quotes >= 3 and held * 3 >= quotes * 2 and c.family == "informational"


@needs_sample
def test_flagged_share_is_small_on_the_sample() -> None:
    from sco_tui.analysis.text import sentences

    arts = list(load_corpus([SAMPLE]))[:150]
    cues = find_cues(arts)
    total = sum(len(sentences(a.body)) for a in arts)
    share = sum(c.flagged for c in cues) / total
    assert 0.03 < share < 0.2, share
    flagged_kinds = {c.family for sc in cues if sc.flagged for c in sc.cues}
    assert flagged_kinds == {"lexical", "informational"}


def test_cues_of_a_story_read_its_articles_against_each_other(cli) -> None:
    stories = cli.json("stories", "--json")
    story = max(stories, key=lambda s: len(s["articles"]))
    rows = cli.json("cues", "--json", "--all", "--story", story["id"])
    assert rows and {r["article"] for r in rows} <= set(story["articles"])
    if len(story["articles"]) >= 3:
        assert any(c["kind"] == "unique" for r in rows for c in r["cues"])


def test_cues_made_ahead_are_the_cues_made_at_once(seeds) -> None:
    """The sentence-local part of the cues (what a second process makes beside the claims) gives the same cues."""
    from sco_tui.analysis.cues import local_cues
    from sco_tui.analysis.cues.context import year_of

    result = compare(seeds)
    ahead = find_cues(seeds, result, [local_cues(a, year_of(a)) for a in seeds])
    assert [c.as_dict() for c in ahead] == [c.as_dict() for c in find_cues(seeds, result)]
    assert any(c.flagged for c in ahead)
    wrong = find_cues(seeds, result, [local_cues(seeds[0], year_of(seeds[0]))])  # not one per article: not used
    assert [c.as_dict() for c in wrong] == [c.as_dict() for c in ahead]
