"""Framing analysis on the seeds: actors, voices, scare quotes, word choice, distinctive terms."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE, needs_sample

from sco_tui.analysis.comparison import cached_compare, compare
from sco_tui.analysis.wording import concordance
from sco_tui.corpus.load import load_corpus


@pytest.fixture(scope="module")
def seeds():
    return list(load_corpus())


@pytest.fixture(scope="module")
def result(seeds):
    return compare(seeds, ["Ukraine"])


def short(ids) -> list[str]:
    return sorted(i[:3] for i in ids)


def actor(result, name: str):
    return next(a for a in result.actors if a.name == name)


def test_actors_merge_name_variants(result) -> None:
    erdogan = actor(result, "Recep Tayyip Erdogan")
    assert erdogan.kind == "person" and "Erdogan" in erdogan.aliases
    assert short(erdogan.mentions) == ["000", "002", "003", "004"]
    assert short(actor(result, "Antonio Guterres").mentions) == ["000", "003"]
    assert short(actor(result, "Alexander Lukashenko").mentions) == ["002"]
    assert short(actor(result, "Nigel Gould-Davies").mentions) == ["002"]
    belarus = actor(result, "Belarus")
    assert belarus.kind == "country" and short(belarus.mentions) == ["000", "001", "002", "003", "004"]
    putin = actor(result, "Vladimir Putin")
    assert {"Putin", "the Russian president"} <= set(putin.aliases)
    sco = actor(result, "SCO")
    assert {"Shanghai Cooperation Organisation", "Shanghai Cooperation Organization"} <= set(sco.aliases)


def test_actor_evidence_and_prominence(result, seeds) -> None:
    putin = actor(result, "Vladimir Putin")
    assert all(putin.prominent.values())  # every outlet puts Putin in its headline or lede
    assert not any(actor(result, "Belarus").prominent.get(a) for a in ("000_6f0f72e896a6eae1",))
    bodies = {a.id: a.body for a in seeds}
    for ev in actor(result, "Recep Tayyip Erdogan").evidence:
        assert bodies[ev.article][ev.start:ev.end] == ev.text
        assert "Erdogan" in ev.text


def quotes_of(result, article: str):
    return [q for q in result.quotes if q.article.startswith(article)]


def test_direct_quotes_with_their_speakers(result) -> None:
    q000 = quotes_of(result, "000")
    ushakov = next(q for q in q000 if q.speaker == "Yury Ushakov")
    assert ushakov.kind == "direct" and "BRICS" in ushakov.text
    mao = next(q for q in q000 if q.speaker == "Mao Ning")
    assert "Belt and Road" in mao.text
    q004 = quotes_of(result, "004")
    xi = next(q for q in q004 if q.speaker == "Xi Jinping")
    assert "turbulent" in xi.text and xi.speaker_text == "Xi"
    putin = next(q for q in q004 if q.speaker == "Vladimir Putin")
    assert putin.speaker_text == "the Russian president" and putin.text.startswith("Russian-Chinese relations")
    ministry = [q for q in q004 if q.speaker == "China's foreign ministry"]
    assert any("lasting peace" in q.text for q in ministry)
    for q in result.quotes:
        assert q.evidence.text and q.text


def test_reported_speech_and_pronouns(result) -> None:
    q002 = quotes_of(result, "002")
    gould = [q for q in q002 if q.speaker == "Nigel Gould-Davies"]
    assert [q.kind for q in gould] == ["reported", "reported"]
    assert gould[1].speaker_text == "he"  # "he underscored that…" after Gould-Davies is named
    assert any(q.speaker == "Alexander Lukashenko" and q.kind == "reported" for q in q002)


def test_scare_quotes(result) -> None:
    scare004 = {s.text for s in result.scare_quotes if s.article.startswith("004")}
    assert {"special military operation", "hegemony", "no limits"} <= scare004
    assert {s.text for s in result.scare_quotes if s.article.startswith("003")} == {"multipolar"}
    assert not any(s.text.startswith("The SCO and BRICS") for s in result.scare_quotes)  # a quote, not a scare quote


def test_word_choice_for_ukraine(seeds) -> None:
    uses = concordance(seeds, "Ukraine")
    by = {a[:3]: " ".join(u.phrase for u in us) for a, us in uses.uses.items()}
    for outlet in ("000", "001", "002", "003"):
        assert "invasion" in by[outlet]
    assert "special military operation" in by["004"] and "invasion" not in by["004"]
    assert uses.omits("004_c8b71dc69254530b") == ["invasion"]
    for us in uses.uses.values():
        for u in us:
            assert u.phrase[u.match[0]:u.match[1]].lower().startswith("ukrain")


def test_contested_terms_are_offered(result) -> None:
    names = [t.term for t in result.terms]
    assert names[0] == "Ukraine"  # asked for
    assert "Ukraine" in [t.term for t in compare(list(load_corpus())).terms]  # found unasked, too


def test_distinctive_terms_are_honest_about_small_texts(result) -> None:
    for terms in result.distinctive.values():
        assert terms
        assert [t.z for t in terms] == sorted((t.z for t in terms), reverse=True)
        assert all(t.count >= 2 for t in terms)
    assert any("too little text" in n for n in result.notes)


def test_json_keys_and_cache(result, seeds) -> None:
    data = json.loads(json.dumps(result.as_dict()))
    assert set(data) >= {"articles", "actors", "quotes", "scare_quotes", "terms", "distinctive"}
    assert set(data["articles"][0]) >= {"id", "outlet", "title", "lede"}
    assert set(data["actors"][0]) >= {"name", "kind", "aliases", "mentions", "evidence"}
    assert set(data["quotes"][0]) >= {"article", "speaker", "text", "kind", "sentence"}
    assert set(data["terms"][0]) >= {"term", "uses"}
    assert cached_compare(seeds) is cached_compare(seeds)


def test_cli_compare_formats(cli, tmp_path) -> None:
    data = cli.json("compare", "--term", "Ukraine", "--articles", "000_6f0f72e896a6eae1,004_c8b71dc69254530b")
    assert [a["id"][:3] for a in data["articles"]] == ["000", "004"]
    rc, out, err = cli("compare", "--format", "md")
    assert rc == 0 and out.startswith("# Putin and Xi to meet in Astana SCO summit") and "## The articles" in out
    target = tmp_path / "report.html"
    rc, out, err = cli("compare", "-o", target)
    html = target.read_text(encoding="utf-8")
    assert rc == 0 and html.startswith("<!doctype html>") and "<script" not in html and "http" not in html.lower()
    rc, _, err = cli("compare", "--articles", "000_6f0f72e896a6eae1")
    assert rc == 2 and "at least two" in err


def test_compare_takes_id_prefixes_once_each(cli) -> None:
    """--articles takes what `show` takes: a unique prefix of an id; an id named twice is one article."""
    data = cli.json("compare", "--articles", "004,000,004_c8b71dc69254530b")
    assert [a["id"] for a in data["articles"]] == ["004_c8b71dc69254530b", "000_6f0f72e896a6eae1"]
    rc, _, err = cli("compare", "--articles", "0")
    assert rc == 2 and "give more of the id" in err and err.count("\n") == 1
    rc, _, err = cli("compare", "--articles", "nope,nope,001")
    assert rc == 2 and err.count("'nope'") == 1
    rc, _, err = cli("cues", "--articles", ",")
    assert rc == 2 and "needs article ids" in err


@needs_sample
def test_compare_holds_on_other_outlets() -> None:
    corpus = load_corpus([SAMPLE])
    same_topic = [a for a in corpus if dict(a.extra).get("topic") == "immigration"][:12]
    result = compare(same_topic)
    assert len(result.actors) > 10
    kinds = {a.kind for a in result.actors}
    assert {"person", "country", "organisation"} <= kinds
    assert any(q.speaker for q in result.quotes)


def claim_with(result, words: str):
    return next(c for c in result.claims if any(words in e.text for e in c.sentences.values()))


def test_claims_align_paraphrases_one_sentence_each(result) -> None:
    belarus = claim_with(result, "formally join the SCO on Thursday")
    assert {"000", "002", "004"} <= set(short(belarus.sentences))  # "expected to formalize its SCO membership" too
    for c in result.claims:  # one sentence per article in a claim; a sentence may state several claims
        assert len({a for a in c.sentences}) == len(c.sentences)


def test_unique_and_omitted_claims(result) -> None:
    for words, article in (("Gould-Davies", "002"), ("International Criminal Court", "003"),
                           ("approximately 40 times", "002")):
        c = next(c for c in result.claims if len(c.sentences) == 1
                 and any(words in e.text for e in c.sentences.values()))
        assert short(c.sentences) == [article]
        assert c.id in next(v for k, v in result.unique.items() if k.startswith(article))
    for aid, missing in result.omitted.items():
        for cid in missing:
            carriers = result.claim(cid).sentences
            assert aid not in carriers and len(carriers) >= 3


def test_discrepancy_sco_founding_year(result) -> None:
    [year] = [d for d in result.discrepancies if d.kind == "year"]
    assert {v: short(ids) for v, ids in year.values.items()} == {"2001": ["001", "003", "004"], "2002": ["002"]}
    assert year.majority == "2001"
    assert "establish" in year.claim
    assert len(result.discrepancies) == 1  # no false alarms from facts that merely share words


@needs_sample
def test_reuse_finds_wire_copy_in_the_sample() -> None:
    from sco_tui.analysis.reuse import find_reuse

    corpus = load_corpus([SAMPLE])
    times, fox = corpus.get("yzd9abNQgXvnK7tc"), corpus.get("zvj3EG3BMu1dCSDJ")  # the same AP story, 2012-06-14
    others = [a for a in corpus if a.date.value == "2012-06-14" and a.id not in (times.id, fox.id)]
    found = find_reuse([times, fox, *others])
    best = found[0]
    assert {best.a, best.b} == {times.id, fox.id}
    assert 0.3 < best.share_a < 0.5 and 0.3 < best.share_b < 0.5
    assert all(p in corpus.get(best.a).body for p in best.passages)
    assert all(len(p.split()) >= 12 for p in best.passages)


def test_seeds_have_no_text_reuse(result) -> None:
    assert result.reuse == []  # five outlets, five wordings: nothing copied word for word


def test_markdown_brief_carries_no_markup_from_the_articles(cli, tmp_path) -> None:
    """Article text is text in the Markdown brief: raw HTML would run in a renderer, and * _ | [ ] would
    turn into emphasis, broken tables and links."""
    rows = [{"id": "a", "title": "<script>alert(1)</script> Summit [link](http://x)", "source": "<i>Evil</i>",
             "text": "Leaders met in Astana <img src=x onerror=alert(1)> on Thursday. Putin said *we* | are strong."},
            {"id": "b", "title": "Summit two", "source": "Good",
             "text": "Leaders met in Astana on Thursday. Xi said they are strong. Putin met Xi."}]
    (tmp_path / "x.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    rc, out, _ = cli("compare", "--format", "md", tmp_path)
    assert rc == 0
    assert "<script" not in out and "<img" not in out and "<i>" not in out and " [link](" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out and "\\*we\\* \\| are strong" in out and "\\[link\\](http" in out


def test_what_only_one_outlet_reports_is_never_a_sentence_the_outlets_share(seeds, result) -> None:
    """A sentence in a shared row is not listed, nor cued, as this outlet's alone; a part of it that is
    (a clause) is listed as that part: "The meeting holds significance for Putin", not the whole sentence."""
    from sco_tui.analysis.cues import find_cues
    from sco_tui.view.comparison import build_view, claim_sentences

    comparison = result
    view = build_view(comparison, seeds)
    shared = {(aid, e.sentence) for cl in comparison.claims if len(cl.sentences) > 1
              for aid, evs in claim_sentences(cl).items() for e in evs}
    listed = [(aid, p) for aid, ps in view.only.items() for p in ps]
    assert listed
    for aid, p in listed:
        whole = " ".join(e.text for e in p.evidence)
        assert p.text == whole or p.text in whole
        assert not (p.text == whole and all((aid, e.sentence) in shared for e in p.evidence)), p.text
    assert any(p.text == "The meeting holds significance for Putin" for _, p in listed)
    for sc in find_cues(seeds, comparison):
        if any(c.kind == "unique" for c in sc.cues):
            assert (sc.article, sc.evidence.sentence) not in shared, sc.evidence.text
