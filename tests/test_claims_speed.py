"""The fast paths of claim alignment give what the plain computations give, on real text (the seeds and a group of
sample articles): each speed-up changes how a number is computed, never the number."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from conftest import SAMPLE

from sco_tui.analysis import claims, similarity
from sco_tui.analysis.lexicon import STOPWORDS
from sco_tui.analysis.text import stem, tokens
from sco_tui.corpus.load import load_corpus


@pytest.fixture(scope="module", params=["seeds", "sample"])
def group(request):
    """The seeds, and 12 sample articles on one topic (many outlets, many clauses)."""
    if request.param == "seeds":
        return list(load_corpus())
    if not SAMPLE.exists():
        pytest.skip("the AllSides sample is not beside the repo")
    return [a for a in load_corpus([SAMPLE]) if dict(a.extra).get("topic") == "elections"][:12]


@pytest.fixture(scope="module")
def scored(group):
    claims.clear_caches()
    units = claims._units(group)
    return claims._Scorer(units, claims._vectors(group))


def test_pair_cosines_are_the_einsum_numbers(scored) -> None:
    import numpy as np

    v = scored.vectors
    rng = np.random.default_rng(5)
    left, right = rng.integers(0, len(v), 5000), rng.integers(0, len(v), 5000)  # more than one gathered block
    assert np.array_equal(similarity.pair_cosines(v, left, right), np.einsum("ij,ij->i", v[left], v[right]))
    assert len(similarity.pair_cosines(v, left[:0], right[:0])) == 0


def test_remembered_words_and_names_are_the_plain_stems(scored) -> None:
    for u in scored.units:
        plain = tuple((stem(w), w) for w in tokens(u.text) if w not in STOPWORDS and len(w) > 1 and not w.isdigit())
        assert claims._content_words(u.text) == plain == u.words[:len(plain)]  # a noun's verbs may follow
        names = [stem(m.group(0).lower()) for m in claims._NAME.finditer(u.text) if m.group(0).lower() not in STOPWORDS]
        assert claims._name_stems(u.text) == names
        assert frozenset(names) == u.names


def test_surface_is_the_first_word_with_that_stem(scored) -> None:
    for u in scored.units[:200]:
        for s in sorted(u.stems):
            first = next((w for w in re.findall(r"[\w’'-]+", u.text) if stem(w.lower()) == s), s)
            assert claims._surface(u.text, s) == first
    assert claims._surface("Nothing here", "zzz") == "zzz"


def test_shared_word_pairs_are_those_a_count_of_every_pair_finds(scored) -> None:
    units, n = scored.units, len(scored.units)
    common = max(5, int(0.01 * n))
    tokens_of = [{s for s in u.stems if scored.df[s] <= common} | {"#" + v for v in u.values} for u in units]
    best: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i in range(n):
        for j in range(i + 1, n):
            shared = len(tokens_of[i] & tokens_of[j])
            if shared >= 2 and units[i].article != units[j].article:
                best[i].append((-shared, j))
    want = sorted((i, j) for i, found in best.items() for _, j in sorted(found)[:claims.PER_UNIT])
    left, right = claims._shared_word_pairs(scored)
    assert want and sorted(zip(left.tolist(), right.tolist(), strict=True)) == want


def _plain_distinct(scorer, pairs, margin=claims.MARGIN):
    """``distinct`` as first written (its rules as they stand): every rival searched, ``max`` of the two
    directions."""
    units = scorer.units
    by = defaultdict(list)
    for s, i, j in pairs:
        by[(i, units[j].article)].append((s, j))
        by[(j, units[i].article)].append((s, i))
    rivals = {}
    for (i, _), found in by.items():
        found.sort(reverse=True)
        for s, j in found:
            rival = (0.0, -1)
            for s2, j2 in found:
                if units[j2].evidence.sentence == units[j].evidence.sentence or units[j2].event:
                    continue
                if claims._other_part(scorer, i, j, j2):
                    continue
                if s - s2 >= margin or scorer.score(j, j2) < claims.THRESHOLD:
                    rival = (s2, j2)
                    break
            rivals[(i, j)] = rival
    kept, apart = [], defaultdict(list)
    for s, i, j in pairs:
        worst = max(rivals[(i, j)], rivals[(j, i)], key=lambda r: r[0])
        if s - worst[0] >= margin:
            kept.append((s, i, j))
        else:
            apart[i].append((units[j].article, s, worst))
            apart[j].append((units[i].article, s, worst))
    return kept, apart


def test_distinct_keeps_and_parts_what_the_plain_rival_search_does(scored) -> None:
    found = claims.candidates(scored)
    kept, apart = claims.distinct(scored, found)
    plain_kept, plain_apart = _plain_distinct(scored, found)
    assert kept == plain_kept and len(kept) < len(found)  # some pairs are parted: the rival search is exercised
    assert {i: [(x.b, x.score) for x in xs] for i, xs in apart.items()} == \
           {i: [(b, s) for b, s, _ in xs] for i, xs in plain_apart.items()}
    for i, xs in apart.items():
        for x, (*_, worst) in zip(xs, plain_apart[i], strict=True):
            assert f"scores {worst[0]:.2f} too" in x.why and scored.units[worst[1]].article in x.why


def test_dropped_repeats_are_those_a_pass_over_every_kept_claim_drops(group, monkeypatch) -> None:
    made = []
    real = claims.align._drop_repeats

    def spy(found):
        made.append(list(found))
        return real(found)

    monkeypatch.setattr(claims.align, "_drop_repeats", spy)
    claims.find_claims(group)
    [found] = made
    assert sum(len(c.sentences) > 1 for c in found) >= 3
    keep = []
    for c in sorted(found, key=lambda c: (-len(c.sentences), -c.score)):
        mine = set(c.clauses.items())
        if len(mine) > 1 and any(mine <= set(k.clauses.items()) for k in keep):
            continue
        keep.append(c)
    assert [c.clauses for c in real(found)] == [c.clauses for c in keep]


def test_embeddings_handed_to_the_scorer_are_used_with_facts_told_as_nouns(monkeypatch) -> None:
    seeds = list(load_corpus())
    claims.clear_caches()
    units = claims._units(seeds)
    assert any(u.event for u in units)  # 003's "Belarus’s full membership"
    vectors = claims._vectors(seeds)
    monkeypatch.setattr(claims.scorer, "_embed", lambda texts: pytest.fail("the units were embedded again"))
    assert claims._Scorer(units, vectors).vectors is vectors
