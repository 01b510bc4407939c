"""Paraphrase-robust similarity and claim alignment, on the seeds and the sample."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections import defaultdict

import pytest
from conftest import SAMPLE, needs_sample

from sco_tui.analysis import claims, similarity
from sco_tui.analysis.text import sentences
from sco_tui.corpus.load import load_corpus
from sco_tui.corpus.seeds import seeds_dir


def _seed_sentence(prefix: str, needle: str) -> str:
    path = next(seeds_dir().glob(f"{prefix}_*.txt"))
    return next(s.text for s in sentences(path.read_text(encoding="utf-8")) if needle in s.text)


def test_importing_analysis_does_not_load_the_embedding_library() -> None:
    code = ("import sys, sco_tui.analysis.similarity, sco_tui.analysis.claims, sco_tui.analysis.comparison; "
            "print(any(m in sys.modules for m in ('tokenizers', 'safetensors', 'wordllama')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_the_model_loads_and_embeds_with_the_network_cut(tmp_path) -> None:
    code = textwrap.dedent("""
        import socket
        def refuse(*args, **kwargs):
            raise AssertionError("network touched")
        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        import numpy as np
        from sco_tui.analysis import claims, similarity
        v = similarity.embed(["Belarus formally joined the SCO.", "Belarus became a full member of the bloc."])
        print(v.shape, round(float(np.linalg.norm(v[0])), 3))
    """)
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}  # an empty home: no Hugging Face cache to fall back on
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["(2,", f"{similarity.DIM})", "1.0"]
    assert "network" not in result.stderr.lower()


def test_paraphrases_score_above_unrelated_sentences() -> None:
    belarus = [_seed_sentence("000", "formalize its SCO membership"), _seed_sentence("004", "set to formally join")]
    guterres = [_seed_sentence("000", "Guterres"), _seed_sentence("003", "Guterres")]
    v = similarity.embed(belarus + guterres)
    sims = similarity.cosine(v)
    assert sims[0, 1] > 0.6 and sims[2, 3] > 0.6
    assert max(sims[0, 2], sims[0, 3], sims[1, 2], sims[1, 3]) < 0.5


def test_embed_rows_are_unit_or_zero_and_threads_agree() -> None:
    import numpy as np

    texts = [_seed_sentence("001", "established in 2001"), "", "   ", "Xi Jinping met Vladimir Putin."]
    v = similarity.embed(texts)
    assert v.shape == (4, similarity.DIM) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v[[0, 3]], axis=1), 1.0, atol=1e-5)
    assert not v[1].any()
    assert similarity.embed([]).shape == (0, similarity.DIM)
    results: list[np.ndarray] = []
    threads = [threading.Thread(target=lambda: results.append(similarity.embed(texts))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and all(np.array_equal(r, v) for r in results)


def test_neighbours_are_the_most_similar_rows_best_first() -> None:
    import numpy as np

    texts = [_seed_sentence("000", "formalize its SCO membership"), _seed_sentence("004", "set to formally join"),
             _seed_sentence("000", "Guterres"), _seed_sentence("003", "Guterres")]
    v = similarity.embed(texts)
    near = similarity.neighbours(v, 1, block=3)
    assert [n[0][0] for n in near] == [1, 0, 3, 2]
    full = similarity.neighbours(v, 3)
    for i, row in enumerate(full):
        assert [j for j, _ in row] == [int(j) for j in np.argsort(-similarity.cosine(v)[i]) if j != i]
    assert similarity.neighbours(v, 3, floor=0.99) == [[], [], [], []]


def test_neighbour_pairs_match_the_full_matrix_with_groups_and_blocks() -> None:
    import numpy as np

    rng = np.random.default_rng(3)
    v = rng.normal(size=(40, 16)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    groups = [k // 5 for k in range(40)]  # runs of one label: masked by slices
    for g, block in ((groups, 7), (groups[::-1], 64), ([k % 3 for k in range(40)], 9)):  # and scattered labels
        rows, cols, sims = similarity.neighbour_pairs(v, 4, floor=-1.0, block=block, groups=g)
        full = v @ v.T
        for i in range(40):
            others = [j for j in np.argsort(-full[i], kind="stable") if g[j] != g[i]][:4]
            assert cols[rows == i].tolist() == [int(j) for j in others]
        assert np.allclose(sims, full[rows, cols], atol=1e-5)


def test_batch_scores_are_the_scorer_s_own(seed_claims) -> None:
    _, articles = seed_claims
    units = claims._units(articles)
    scorer = claims._Scorer(units, claims._vectors(articles))
    found = claims.candidates(scorer)
    fresh = claims._Scorer(units, scorer.vectors)
    assert found and all(abs(s - fresh.score(i, j)) < 1e-6 for s, i, j in found)  # float32 dot products
    assert found == sorted(found, reverse=True)


def test_a_clause_that_cannot_stand_alone_stays_in_its_sentence() -> None:
    sentence = "In his dissent, Kavanaugh wrote the majority had ignored decades of precedent on the question."
    assert claims.clauses(sentence)[0] == sentence  # no fragment "In his dissent Kavanaugh wrote the"
    assert not any(p.endswith(" the") for p in claims.clauses(sentence))
    whole = ("Senate Republican Leader Mitch McConnell, who is in a reelection bid against Alison Grimes, said the "
             "state's exchange is unconnected to the law.")
    assert not claims.standalone("Senate Republican Leader Mitch McConnell", whole)  # a name alone
    assert not claims.standalone("— Former Connecticut Sen. Joe Lieberman", "— Former Connecticut Sen. Joe Lieberman")
    assert not claims.standalone("After going all in for Roy Moore the President, the", whole)  # dangles
    assert not claims.standalone("In an interview with CBS News Mr. Romney said:", whole)  # what was said is elsewhere
    assert not claims.standalone("with observer states and dialogue partners like Turkey and Egypt", whole)
    assert not claims.standalone("but has not heard back from the White House about his idea", whole)
    assert claims.standalone("including signing an expansive strategic partnership before the invasion", whole)
    assert claims.standalone("Belarus a close ally of Russia", whole)
    assert claims.standalone(whole, whole)
    units = claims._article_units("x", whole)
    assert units[0].text == whole and all(u.text != "Senate Republican Leader Mitch McConnell" for u in units)


def test_claims_holding_the_same_sentences_say_so(seed_claims) -> None:
    claims_, _ = seed_claims
    shared = [c for c in claims_ if len(c.sentences) > 1]

    def same_unit(x, y, a) -> bool:  # one sentence in both, not through two different clauses
        whole = [c.clauses[a] == c.sentences[a].text or len(claims.clauses(c.sentences[a].text)) < 2 for c in (x, y)]
        return any(whole) or x.clauses[a] == y.clauses[a]

    for x in shared:
        for y in shared:
            n = sum(1 for a in x.sentences if a in y.sentences and x.sentences[a].sentence == y.sentences[a].sentence
                    and same_unit(x, y, a))
            if x is not y and n >= 2:
                assert x.overlaps[y.id] == n and "aligned twice" in x.why and (y.id in x.why or len(x.overlaps) > 3)
                assert x.as_dict()["alignment"]["overlaps"][y.id] == n
            elif x is not y:
                assert y.id not in x.overlaps
    assert any(c.overlaps for c in shared)


def test_a_damaged_model_file_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    (tmp_path / "weights").mkdir()
    (tmp_path / "tokenizers").mkdir()
    (tmp_path / "weights" / "l2_supercat_256.safetensors").write_bytes(b"not a tensor file")
    (tmp_path / "tokenizers" / "l2_supercat_tokenizer_config.json").write_text("{}")
    monkeypatch.setattr(similarity, "package_dir", lambda: tmp_path)
    with pytest.raises(similarity.ModelUnavailable, match="damaged"):
        similarity._read()


def test_sentences_do_not_end_at_titles_initials_or_dates() -> None:
    body = ("Earlier Friday, Virginia Gov. Bob McDonnell told CNN that he believes it. President John F. Kennedy "
            "spoke on Jan. 6 about it. Rep. Peter King, R-N.Y., said he is confident. Sen. Smith left.")
    texts = [s.text for s in sentences(body)]
    assert texts == ["Earlier Friday, Virginia Gov. Bob McDonnell told CNN that he believes it.",
                     "President John F. Kennedy spoke on Jan. 6 about it.",
                     "Rep. Peter King, R-N.Y., said he is confident.", "Sen. Smith left."]
    assert all(body[s.start:s.end] == s.text for s in sentences(body))


@needs_sample
def test_sample_sentences_keep_titles_with_their_names() -> None:
    corpus = load_corpus([SAMPLE])
    for name, words in (("Gov. Bob McDonnell", "Bob McDonnell told CNN"), ("Rep. Peter King", "Peter King, R-N.Y.")):
        body = next(a.body for a in corpus if words in a.body)
        assert any(name in s.text for s in sentences(body)), name
        assert not any(s.text.rstrip().endswith((" Gov.", " Rep.", " Sen.")) for s in sentences(body))


@pytest.fixture(scope="module")
def seed_claims():
    from sco_tui.analysis.claims import find_claims

    articles = list(load_corpus())
    return find_claims(articles), articles


def _carrying(claims, **needles: str):
    """Claims whose sentence in each named article (by id prefix) contains the words given for it."""
    out = []
    for c in claims:
        by_prefix = {a[:3]: c.clauses[a] for a in c.sentences}  # the part of the sentence that matched
        if all(words in by_prefix.get(p.lstrip("a"), "") for p, words in needles.items()):
            out.append(c)
    return out


SEED_FACTS = {
    "founding year": {"a001": "established in 2001", "a002": "establishment in 2002", "a003": "established in 2001",
                      "a004": "Established in 2001"},
    "Belarus joins": {"a000": "formalize its SCO membership", "a002": "formally join", "a003": "full membership",
                      "a004": "formally join"},
    "Guterres": {"a000": "Guterres", "a003": "Guterres"},
    "relations at their best": {"a002": "strongest period", "a004": "best period"},
    "Xi on ties amid a hard world": {"a002": "challenging international environment", "a004": "international"},
    "partnership before the invasion": {"a002": "expansive strategic partnership", "a004": "no limits"},
    "terrorism": {"a001": "countering terrorism", "a003": "countering terrorism"},
    "Ukraine on the sidelines": {"a001": "discussions on Ukraine", "a003": "sideline"},
}


NEAR_MISSES: dict[str, str] = {}  # misses under the threshold set on other data would be kept visible here, not tuned


@pytest.mark.parametrize("fact", [pytest.param(f, marks=pytest.mark.xfail(reason=NEAR_MISSES[f], strict=True))
                                  if f in NEAR_MISSES else f for f in SEED_FACTS])
def test_a_seed_fact_is_one_claim_across_its_articles(seed_claims, fact: str) -> None:
    claims, _ = seed_claims
    assert _carrying(claims, **SEED_FACTS[fact]), fact


def test_observer_states_and_the_putin_erdogan_meeting_stay_apart(seed_claims) -> None:
    claims, _ = seed_claims
    observers = _carrying(claims, a003="Observer states")
    meeting = _carrying(claims, a004="met his Turkish counterpart")
    assert observers and meeting
    assert not {c.id for c in observers} & {c.id for c in meeting}
    for c in observers + meeting:  # and no claim chains one to the other through a sentence stating both
        texts = " ".join(c.clauses.values())
        assert not ("observer" in texts.lower() and "met his Turkish counterpart" in texts)


def test_each_claim_says_why_its_sentences_are_aligned(seed_claims) -> None:
    claims, articles = seed_claims
    bodies = {a.id: a.body for a in articles}
    for c in claims:
        assert len(c.links) == len(c.sentences) * (len(c.sentences) - 1) // 2
        for e in c.sentences.values():
            assert bodies[e.article][e.start:e.end] == e.text
        for a, clause in c.clauses.items():
            assert set(clause.split(" | ")[0].split()[:2]) & set(c.sentences[a].text.split())
        d = c.as_dict()
        assert set(d) >= {"id", "text", "articles", "evidence", "alignment"}
        for link in d["alignment"]["links"]:
            assert set(link) >= {"articles", "score", "similarity", "overlap", "shared"}
    founding = _carrying(claims, **SEED_FACTS["founding year"])[0]
    assert any("2001 / 2002" in link.differs or "2002 / 2001" in link.differs for link in founding.links)


def test_an_outlet_carrying_a_claim_in_other_words_is_not_said_to_leave_it_out() -> None:
    from sco_tui.analysis.comparison import compare

    articles = list(load_corpus())
    result = compare(articles)
    data = result.as_dict()
    joins = [c for c in data["claims"] if any("set to formally join" in t for t in c["articles"].values())]
    lite = next(a.id for a in articles if a.id.startswith("003"))  # "Belarus's full membership signals …"
    partly = [c["alignment"]["partly"][lite] for c in joins if lite in c["alignment"]["partly"]]
    assert partly and all("full membership" in p["sentence"] and "other words" in p["why"] for p in partly)
    assert all(c["id"] not in data["omitted"][lite] for c in joins)
    bodies = {a.id: a.body for a in articles}
    for aid, missing in result.omitted.items():
        for cid in missing:  # whoever is said to leave a claim out has no sentence close to it
            assert aid not in result.claim(cid).near
    for c in result.claims:
        for aid, near in c.near.items():
            assert aid not in c.sentences and near.score >= claims.FLOOR
            assert bodies[aid][near.evidence.start:near.evidence.end] == near.evidence.text


def test_a_pair_seeds_a_claim_only_when_it_leads_its_rivals_in_the_other_article(seed_claims) -> None:
    _, articles = seed_claims
    units = claims._units(articles)
    scorer = claims._Scorer(units, claims._vectors(articles))
    found = claims.candidates(scorer)
    kept, apart = claims.distinct(scorer, found)
    assert kept and apart and set(kept) < set(found)

    def rival(i: int, j: int, parts: bool = True) -> float:  # recomputed: the best other sentence of j's article
        return max([s for s, x, y in found for a, b in ((x, y), (y, x)) if a == i and
                    units[b].article == units[j].article and units[b].evidence.sentence != units[j].evidence.sentence
                    and not units[b].event and scorer.score(j, b) < claims.THRESHOLD
                    and not (parts and claims._other_part(scorer, i, j, b))] + [0.0])

    for s, i, j in found:
        leads = s - max(rival(i, j), rival(j, i)) >= claims.MARGIN
        assert leads == ((s, i, j) in kept)
    # a sentence stating several facts matches other sentences of one article for each: they are no rivals
    # ("… includes members such as Iran, India … with observer states … like Turkey, Saudi Arabia, and Egypt")
    parts = [(i, j) for s, i, j in kept if s - max(rival(i, j, False), rival(j, i, False)) < claims.MARGIN]
    assert any("includes members such as" in units[i].text + units[j].text for i, j in parts)
    reasons = [x for xs in apart.values() for x in xs]
    assert all("lead by" in x.why and "story's subject" in x.why for x in reasons)
    shown = [x for c in claims.find_claims(articles) for x in c.as_dict()["alignment"]["apart"]]
    assert shown and all(set(x) == {"articles", "score", "why"} for x in shown)


@needs_sample
def test_voices_on_the_sample_are_named_people_or_organisations() -> None:
    from sco_tui.analysis.actors import find_actors
    from sco_tui.analysis.quotes import Speakers, find_quotes

    corpus = load_corpus([SAMPLE])
    arts = [a for a in corpus if dict(a.extra).get("topic") in ("supreme_court", "politics")][:30]
    speakers = Speakers(find_actors(arts))
    quotes = [q for a in arts for q in find_quotes(a, speakers)[0]]
    named = [q.speaker for q in quotes if q.speaker]
    assert len(named) > 40 and {q.kind for q in quotes} == {"direct", "reported"}
    for name in named:
        words = name.split()
        assert name[0].isupper() and len(words) <= 6, name
        assert name.rstrip(".").lower() not in {"judge", "sen", "rep", "dr", "mr", "ms", "the", "critics"}, name
        assert not any(w in ("reported", "that", "eventually", "hasn't") for w in words), name


def test_two_facts_on_one_subject_are_not_one_claim(seed_claims) -> None:
    claims_, articles = seed_claims
    units = claims._units(articles)
    scorer = claims._Scorer(units, claims._vectors(articles))
    subject = scorer.subject()
    assert {"sco", "putin", "russia", "china"} <= subject and not {"belarus", "formal", "terror", "guterr"} & subject
    status = next(k for k, u in enumerate(units) if u.text == "Belarus a close ally of Russia")
    intent = next(k for k, u in enumerate(units) if "full membership signals" in u.text)
    assert scorer.score(status, intent) >= claims.THRESHOLD > 0  # close in words and meaning …
    assert scorer.agreement(status, intent) < claims.AGREE  # … but Belarus's status is not Russia's intent
    shared = [c for c in claims_ if len(c.sentences) > 1]
    for c in shared:  # every pair of a claim states one fact, and says how well
        assert all(link.agreement >= claims.AGREE for link in c.links)
        assert all("agreement" in link for link in c.as_dict()["alignment"]["links"])
        assert ("beyond the story's subject agrees" in c.why
                or ("they say nothing that could disagree" in c.why and min(x.agreement for x in c.links) >= 0.995))
        texts = " || ".join(c.clauses.values())
        assert not ("full membership signals" in texts and "close ally of Russia" in texts)
    reasons = [x["why"] for c in claims_ for x in c.as_dict()["alignment"]["apart"] if "different facts" in x["why"]
               and "agrees only" in x["why"] and "one list" not in x["why"]]
    assert reasons and all("beyond the story's subject (" in r and f"at least {claims.AGREE}" in r for r in reasons)


def _article(aid: str, body: str):
    from sco_tui.corpus.model import Article, Known

    return Article(aid, aid, body, Known(None, "test"), Known(None, "test"))


def test_figures_far_apart_are_different_facts_and_close_ones_a_discrepancy() -> None:
    # real sentences of full-set stories, judged by hand (benchmarks/claims_judged.json, draws D and E)
    articles = [
        _article("x1", "The chemical attack killed more than 80 people, including 33 children, and injured more than "
                       "500, according to the Syrian Civil Defense group."),
        _article("x2", "The Syrian military said at least 7 people were killed and several were wounded in the "
                       "strikes on the air base."),
        _article("y1", "The DACA protections apply to about 700,000 people."),
        _article("y2", "Of those people, some 690,000 were still protected under DACA as of late last year."),
    ]
    units = claims._units(articles)
    scorer = claims._Scorer(units, claims._vectors(articles))
    at: dict[str, int] = {}
    for k, u in enumerate(units):
        at.setdefault(u.article, k)  # each article's whole sentence
    killed, seven, daca, some = at["x1"], at["x2"], at["y1"], at["y2"]
    assert scorer.conflicting(killed, seven) and not scorer.agrees(killed, seven)  # 80 / 7 killed: two events
    assert scorer.differs(killed, seven) == [] and scorer.anchors(killed, seven) == 0  # no bonus for a conflict
    assert not scorer.conflicting(daca, some) and scorer.differs(daca, some) == ["700,000 / 690,000"]
    assert scorer.anchors(daca, some) == 1  # one quantity told differently: an anchor, shown as a discrepancy
    apart: defaultdict[int, list] = defaultdict(list)
    claims._two_facts(scorer, scorer.score(killed, seven), killed, seven, apart)
    assert "80 / 7" in apart[killed][0].why and "too far apart to be one quantity" in apart[killed][0].why
    assert claims._close("2001", "2002") and not claims._close("2001", "2011")
    assert claims._close("May 6", "May 8") and not claims._close("May 6", "May 19")
    assert not claims._close("May 6", "June 6")
    assert claims._close("49.5%", "52%") and not claims._close("52%", "12%") and claims._close("0", "0")


def test_agreement_in_batches_is_each_pair_s_own(seed_claims) -> None:
    _, articles = seed_claims
    units = claims._units(articles)
    vectors = claims._vectors(articles)
    batch = claims._Scorer(units, vectors)
    keys = [(i, j) for _, i, j in claims.candidates(batch)]
    batch.agreements(keys)
    single = claims._Scorer(units, vectors)
    for i, j in keys[:300]:
        one = single.agreement(j, i)  # alone, the other way round (an F1: symmetric)
        single._agreed.clear()
        assert abs(one - batch.agreement(i, j)) < 1e-6
    same = next(k for k, u in enumerate(units) if "countering terrorism" in u.text)
    assert batch.agreement(same, same) > 0.999


def test_nominal_phrases_and_verbs_come_from_the_shipped_wordnet_table() -> None:
    from sco_tui.analysis import nominal

    assert nominal.event_phrases(_seed_sentence("003", "full membership")) == [
        ("Belarus’s full membership", ()), ("Russia’s intent", ("intend",))]
    assert nominal.event_phrases("Days after Xi’s visit to Moscow ended, the bill’s passage came.") == [
        ("Xi’s visit to Moscow", ("visit",)), ("the bill’s passage", ("pass",))]
    assert nominal.event_phrases("Trump’s lawyer and Israel’s capital") == []  # a person, a place: no fact
    assert [nominal.verb_lemma(w) for w in ("joined", "took", "says", "stopped", "membership")] == [
        "join", "take", "say", "stop", None]
    verb, words = nominal.predicate("Kavanaugh has vehemently denied the allegations.")
    assert verb == "deny" and words[0] == "denied"
    verb, words = nominal.predicate("Trump had said on Monday that Canada and Mexico would only be excluded later.")
    assert verb == "exclude"  # a verb of saying gives way to what was said
    verb, _ = nominal.predicate("Christine Blasey Ford, who accused Brett Kavanaugh of assault, racked up degrees.")
    assert verb == "rack"  # past the relative clause


def test_a_fact_told_as_a_noun_aligns_only_with_a_clause_telling_it_with_a_verb() -> None:
    # real sentences (the sample's stories; the seeds); each mention alone, then with a clause stating it
    articles = [
        _article("m1", "Moore, now 70, denied the allegations in a statement to the Post."),
        _article("m2", "Moore’s denial came as more Republicans called on him to step aside."),
        _article("s1", "Justice Antonin Scalia’s death leaves the court split four to four."),
        _article("s2", "Justice Antonin Scalia’s death opened a seat the Senate refuses to fill."),
    ]
    units = claims._units(articles)
    scorer = claims._Scorer(units, claims._vectors(articles))
    denial = next(k for k, u in enumerate(units) if u.text == "Moore’s denial")
    denied = next(k for k, u in enumerate(units) if u.article == "m1")
    death = [k for k, u in enumerate(units) if u.event == "death"]
    assert units[denial].event == "denial" and units[denial].derived == ("deny",)
    assert scorer.told_as_event(denial, denied) is True  # "denied" is the verb "denial" derives from
    assert len(death) == 2 and scorer.told_as_event(*death) is False  # two mentions, no statement
    assert scorer.told_as_event(denied, next(k for k, u in enumerate(units) if u.article == "s1")) is None
    found = claims.find_claims(articles)
    moore = [c for c in found if set(c.sentences) == {"m1", "m2"}]
    assert moore and moore[0].clauses["m2"] == "Moore’s denial"
    assert not any({"s1", "s2"} <= set(c.sentences) and "s1" in c.clauses and c.clauses["s1"].endswith("death")
                   for c in found)
    apart: defaultdict[int, list] = defaultdict(list)
    claims._two_facts(scorer, scorer.score(*death), *death, apart)
    assert "two mentions, not a stated fact" in apart[death[0]][0].why
    assert claims._object_of_verb("membership", _seed_sentence("000", "formalize its SCO membership"), True)
    assert not claims._object_of_verb("investigation", "The meeting is under scrutiny in Special Counsel Robert "
                                      "Mueller's Russia investigation.", True)  # a mention, not a verb's object


KAVANAUGH_LEDES = {  # the four ledes of the sample's story sd6f8f10c (Fox, USA TODAY, The Hill, NPR)
    "fox": "Senators will get their first look Thursday at the FBI's background investigation on sexual misconduct "
           "allegations against Supreme Court nominee Brett Kavanaugh, with a tense series of votes looming and likely "
           "to play out into the weekend.",
    "usa": "SAN FRANCISCO – Over nearly four decades, Christine Blasey Ford, who accused Supreme Court nominee Brett "
           "Kavanaugh of sexually assaulting her, racked up a list of university degrees and professional accolades, "
           "including a Ph.D. in psychology, positions at Stanford University, a professorship and multiple academic "
           "publications.",
    "hill": "The woman accusing Supreme Court nominee Brett Kavanaugh of sexual assault says she will not testify "
            "until the FBI investigates her claims.",
    "npr": "The Senate Judiciary Committee will move forward with a hearing scheduled for Monday on sexual assault "
           "allegations against Supreme Court nominee Judge Brett Kavanaugh, despite a request for further "
           "investigation from his accuser.",
}


def test_one_subject_with_different_predicates_is_not_one_claim() -> None:
    articles = [_article(k, v) for k, v in KAVANAUGH_LEDES.items()]
    found = claims.find_claims(articles)
    assert not any(len(c.sentences) > 2 for c in found)  # the ledes were one "4 of 4 outlets" claim
    units = claims._units(articles)
    scorer = claims._Scorer(units, claims._vectors(articles))
    whole = {u.article: k for k, u in enumerate(units) if u.text == u.evidence.text}
    told = scorer.other_predicates(whole["hill"], whole["npr"])
    assert told and told[0].startswith("testify until the FBI") and told[1].startswith("move forward with a hearing")
    assert scorer.score(whole["hill"], whole["npr"]) >= claims.THRESHOLD  # close in words: only the predicates differ
    apart = [x for c in found for x in c.as_dict()["alignment"]["apart"] if "different predicates" in x["why"]]
    assert apart and all("“" in x["why"] and "the story's words" in x["why"] for x in apart)
    same = [_article("a", "Kavanaugh has vehemently denied the allegations."),
            _article("b", "Judge Kavanaugh has repeatedly denied the allegations against him."),
            _article("c", "Kavanaugh will testify on Monday about the allegations.")]
    units = claims._units(same)
    scorer = claims._Scorer(units, claims._vectors(same))
    assert scorer.other_predicates(0, 1) is None  # one predicate: one fact
    assert any({"a", "b"} <= set(c.sentences) for c in claims.find_claims(same))


@needs_sample
def test_the_kavanaugh_ledes_on_the_sample_are_not_one_claim() -> None:
    from sco_tui.analysis.stories import group_stories

    corpus = list(load_corpus([SAMPLE]))
    by_id = {a.id: a for a in corpus}
    story = next(s for s in group_stories(corpus)[0] if s.id == "sd6f8f10c")
    found = claims.find_claims([by_id[a] for a in story.articles])
    for c in found:
        texts = " ".join(c.clauses.values())
        assert not ("first look" in texts and "racked up" in texts), c.clauses
        assert not ("will not testify until" in texts and "move forward with a hearing" in texts), c.clauses


@needs_sample
def test_claims_do_not_depend_on_the_process_hash_seed() -> None:
    """Sums over a clause's word set follow the set's order, which follows the process's string hash
    seed; unordered, a last-bit difference flipped a close call in this group (seeds 0 and 8)."""
    script = textwrap.dedent(f"""
        import hashlib, json
        from pathlib import Path
        from sco_tui.corpus.load import load_corpus
        from sco_tui.analysis.claims import find_claims
        group = [a for a in load_corpus([Path({str(SAMPLE)!r})]) if dict(a.extra).get("topic") == "elections"][:145]
        blob = json.dumps([c.as_dict() for c in find_claims(group)], sort_keys=True, default=str)
        print(hashlib.sha1(blob.encode()).hexdigest())
    """)
    digests = set()
    for seed in ("0", "8"):
        env = {**__import__("os").environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_a_sentence_stating_a_claim_again_joins_it_with_its_reason(seed_claims) -> None:
    """Press TV tells the meeting in its lede and again in its second sentence: both carry the claim that the
    other outlets' ledes make, each with why; the second is not left as Press TV's alone."""
    claims_, _ = seed_claims
    meet = max(_carrying(claims_, a003="set to meet in Kazakhstan"), key=lambda c: len(c.sentences))
    carried = {a[:3]: [e.sentence for e in evs] for a, evs in meet.carried.items()}
    assert carried["004"] == [0, 1] and {"000", "001", "003"} <= set(carried)
    [again] = meet.restated[next(a for a in meet.sentences if a.startswith("004"))]
    assert again.evidence.text.startswith("Putin and Xi convened in the capital Astana")
    assert again.score >= claims.THRESHOLD and again.own >= claims.FLOOR
    d = meet.as_dict()
    listed = next(v for a, v in d["articles"].items() if a.startswith("004"))
    assert isinstance(listed, list) and len(listed) == 2 and listed[1] == again.evidence.text
    assert [e["sentence"] for e in next(v for a, v in d["evidence"].items() if a.startswith("004"))] == [0, 1]
    [why] = next(v for a, v in d["alignment"]["restated"].items() if a.startswith("004"))
    assert why["sentence"] == 1 and "states it again" in why["why"] and f"at least {claims.THRESHOLD}" in why["why"]
    alone = [c for c in claims_ if len(c.sentences) == 1 and again.evidence in c.sentences.values()]
    assert not any(c.clauses[again.evidence.article] == again.clause for c in alone)


def test_a_headline_in_the_body_is_a_clause_and_a_name_alone_is_not() -> None:
    headline = _seed_sentence("001", "to Meet at Shanghai")
    assert claims.standalone(headline, headline)
    for name in ("Senate Republican Leader Mitch McConnell", "Former Connecticut Sen. Joe Lieberman",
                 "Chairman of the Joint Chiefs of Staff Gen. Mark Milley", "CNN's Jim Acosta in Washington"):
        assert not claims.standalone(name, name), name


def test_a_headline_in_the_body_aligns_with_the_other_ledes(seed_claims) -> None:
    claims_, _ = seed_claims
    assert _carrying(claims_, a001="to Meet at Shanghai", a003="set to meet in Kazakhstan")


def test_two_lists_of_the_same_names_that_say_different_things_are_two_facts(seed_claims) -> None:
    """"Members include Iran, India, Pakistan, Kazakhstan …" and "The five Central Asian countries of Kazakhstan,
    Kyrgyzstan, Tajikistan … are ex-Soviet republics" share four names and nothing said of them."""
    claims_, articles = seed_claims
    units = claims._units(articles)
    scorer = claims._Scorer(units, claims._vectors(articles))
    members = next(k for k, u in enumerate(units) if u.text.startswith("Members include Iran"))
    soviet = next(k for k, u in enumerate(units) if u.text.startswith("The five Central Asian countries"))
    assert len(scorer.listed(members) & scorer.listed(soviet)) >= claims.LISTED
    assert scorer.score(members, soviet) >= claims.FLOOR and scorer.agreement(members, soviet) >= claims.AGREE
    assert scorer.beyond_list(members, soviet) < claims.AGREE and not scorer.agrees(members, soviet)
    assert not _carrying(claims_, a003="Members include Iran", a004="five Central Asian countries")
    observers = next(k for k, u in enumerate(units) if u.text.startswith("Observer states and dialogue partners"))
    assert scorer.beyond_list(members, observers) is None  # no list of names in common: the rule does not apply


def test_the_seed_claims_against_the_hand_made_alignment_of_their_facts(seed_claims) -> None:
    """benchmarks/seed_gold.json: every fact two or more seeds share, judged by reading. What is aligned must be
    allowed by a fact (sure or possible), and at least the share of the sure pairs this round reached (49% at the
    start of the round) must be found."""
    import json
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from seed_alignment import GOLD, score

    claims_, _ = seed_claims
    result = score(claims_, json.loads(GOLD.read_text(encoding="utf-8")))
    assert result["precision"] >= 0.95, result["wrong"]
    assert result["recall"] >= 0.55, result["missed"]


def test_a_sentence_repeated_whole_is_shown_once_in_its_cell() -> None:
    """Asian Lite's subtitle repeats its body sentence with "…reports Asian Lite News" after it: both carry the
    claim (both are evidence), the cell prints the sentence once."""
    from sco_tui.analysis.comparison import compare
    from sco_tui.view.comparison import build_view

    articles = list(load_corpus([]))
    view = build_view(compare(articles), articles)
    cells = [c for r in view.section("claims").rows for a, c in r.cells.items()
             if a.startswith("003") and "attendance aims to show" in c.text]
    assert cells and any(len(c.evidence) == 2 for c in cells)
    for c in cells:
        assert c.text.count("attendance aims to show") == 1 and "reports Asian Lite" not in c.text


def test_two_facts_of_one_sentence_are_rows_named_by_their_clauses() -> None:
    """"Belarus, a close ally of Russia, is set to formally join the SCO" states two facts the outlets share: their
    rows are named by the clause each was aligned through, so a reader sees two facts, not one row twice."""
    from sco_tui.analysis.comparison import compare
    from sco_tui.view.comparison import build_view

    articles = list(load_corpus([]))
    labels = [r.label for r in build_view(compare(articles), articles).section("claims").rows]
    ally = [x for x in labels if x.startswith("Belarus a close ally of Russia")]
    joins = [x for x in labels if "formally join" in x and "close ally" not in x]
    assert ally and joins
