"""AND, OR and NOT of words, prefixes and phrases, as typed (the last word half-typed) and with an outlet
or a story chosen, scored with numpy (``index.union``): the same answer as Whoosh's walk of the
matches, to the last bit of every score, over several segments of real articles."""

from __future__ import annotations

import random

import pytest
from conftest import needs_sample, sample_part

from sco_tui.index import store as store_module
from sco_tui.index.api import QueryError
from sco_tui.workspace.library import Library

# typed a key at a time: every prefix is searched live, the last word a prefix from 3 letters on
TYPED = ["immigration reform", "health care", "Supreme Court", "climate change", "border wall",
         "tax cuts for the wealthy", "North Korea missile test", "gun control"]
# every kind of node the parser makes, alone and nested; three or more words ANDed or ORed, whose
# sums Whoosh groups by each subquery's estimated size
SHAPES = ["trump NOT biden", "NOT trump", "trump AND NOT biden AND NOT obama", "trump ANDNOT biden",
          "trump ANDMAYBE biden", "trump AND biden AND obama", "trump OR biden OR obama OR clinton",
          "house senate vote congress bill", "(trump OR biden) AND (tax OR taxes)", "immigr* AND wall",
          "climat~ change", "oper?tion AND military", '"health care" reform', 'trump "white house"',
          '"health care" OR "medical care" OR insurance', "exact:immigrants wall", "title:trump biden",
          "outlet:fox trump", "the new york times", "zzzzqx trump", "pres* elect* vot*", "trump OR",
          # nodes with no arrays of their own, walked by Whoosh's matcher alone inside the rest
          "date:2017 trump", "trump date:>=2018-06", 'outlet:"fox news" trump', "id:zzz OR trump"]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory):
    """700 sample articles in four segments (one-process batches of 150)."""
    import os

    home = tmp_path_factory.mktemp("compound")
    old = os.environ.get("SCO_TUI_CACHE_DIR")
    os.environ["SCO_TUI_CACHE_DIR"] = str(home / "cache")
    kept = store_module.MAX_SEGMENTS
    store_module.MAX_SEGMENTS = 10
    try:
        lib = Library([sample_part(home, 700)])
        lib.store.sync(lib.corpus(), lib.fingerprint, batch=150)
        lib.refresh()
        with lib.store.open().reader() as reader:
            assert len(reader.leaf_readers()) > 1
        yield lib
        lib.close()
    finally:
        store_module.MAX_SEGMENTS = kept
        if old is None:
            os.environ.pop("SCO_TUI_CACHE_DIR", None)
        else:
            os.environ["SCO_TUI_CACHE_DIR"] = old


def _answers(lib: Library, texts: list[str], **kw) -> dict[tuple[str, bool], object]:
    out: dict[tuple[str, bool], object] = {}
    for text in texts:
        for live in (False, True):
            try:
                out[(text, live)] = lib.search(text, live=live, **kw)
            except QueryError as exc:
                out[(text, live)] = str(exc)
    return out


def _both_ways(lib: Library, texts: list[str], monkeypatch, **kw) -> list:
    """Every answer the numpy way and the walk's way, held equal; what ``union.search`` returned."""
    from sco_tui.index import union

    used: list = []
    real = union.search
    monkeypatch.setattr(union, "search", lambda *a, **k: used.append(r := real(*a, **k)) or r)
    fast = _answers(lib, texts, **kw)
    monkeypatch.setattr(union, "ENABLED", False)
    slow = _answers(lib, texts, **kw)
    monkeypatch.setattr(union, "ENABLED", True)
    for key, answer in fast.items():
        assert answer == slow[key], key  # hits, order, scores, totals, outlet counts, snippets, spans
    return used


@needs_sample
def test_typing_two_words_is_scored_with_numpy_like_the_walk(library: Library, monkeypatch) -> None:
    """Each keystroke of multi-word searches, the second word half-typed: the case that walked the
    matches (100-210 ms on the full set)."""
    keystrokes = [text[:i] for text in TYPED for i in range(1, len(text) + 1)]
    used = _both_ways(library, keystrokes, monkeypatch)
    assert used and all(r is not None for r in used)  # no keystroke walked the matches
    assert sum(bool(r[1]) for r in used) > len(used) // 2


@needs_sample
def test_every_query_shape_is_scored_with_numpy_like_the_walk(library: Library, monkeypatch) -> None:
    used = _both_ways(library, SHAPES, monkeypatch)
    assert all(r is not None for r in used)
    assert sum(bool(r and r[1]) for r in used) >= len(used) // 2


@needs_sample
def test_an_outlet_or_a_story_chosen_is_scored_with_numpy_like_the_walk(library: Library, monkeypatch) -> None:
    """The filters the app sets (the outlet list, a story's articles) go through numpy too."""
    every = library.search("said", limit=1)
    outlet = next(iter(every.by_outlet))  # the outlet with the most articles saying "said"
    story = random.Random(13).sample([a.id for a in library.corpus()], 120)
    texts = ["trump", "health car", "trump NOT biden", "immigr* AND wall", '"white house"', "supreme co"]
    for kw in ({"outlet": outlet}, {"only_ids": story}, {"outlet": outlet, "only_ids": story}, {"only_ids": []}):
        used = _both_ways(library, texts, monkeypatch, **kw)
        assert all(r is not None for r in used), kw
    chosen = library.search("trump", outlet=outlet)
    assert 0 < chosen.total < library.search("trump").total and set(chosen.by_outlet) == {outlet}
    in_story = library.search("said", only_ids=story, limit=200)
    assert in_story.total and {h.id for h in in_story.hits} <= set(story)


@needs_sample
def test_terms_scored_lately_are_rescored_when_the_statistics_change(library: Library, monkeypatch) -> None:
    """The postings and scores kept from earlier keystrokes (``union._Recent``) give the answer a
    fresh read gives: with other statistics over the same segments (here BM25F's B and K1; a commit
    changes idf the same way), and with so little room kept that terms are dropped within a search."""
    from whoosh.scoring import BM25F
    from whoosh.searching import Searcher

    from sco_tui.index import union
    from sco_tui.index.search import search

    # (a bare Searcher has no vocabulary to expand prefixes from: whole words only)
    texts = ["health care", "trump NOT biden", '"white house" press', "immigration AND wall", "supreme court"]
    searcher = library.searcher()
    first = {t: search(searcher, t) for t in texts}
    assert union._RECENT  # kept for the next keystroke
    assert {t: search(searcher, t) for t in texts} == first
    other = Searcher(searcher.reader(), weighting=BM25F(B=0.5, K1=1.5))  # the same segment readers
    assert [s.reader() for s, _ in other.leaf_searchers()] == [s.reader() for s, _ in searcher.leaf_searchers()]
    rescored = {t: search(other, t) for t in texts}
    assert all(rescored[t].total == first[t].total > 0 for t in texts)
    assert all(rescored[t].hits[0].score != first[t].hits[0].score for t in texts)
    monkeypatch.setattr(union, "RECENT_POSTINGS", 500)
    union._RECENT.clear()
    small = {t: search(other, t) for t in texts}
    assert all(kept._postings <= 500 or len(kept._terms) == 1 for kept in union._RECENT.values())
    monkeypatch.setattr(union, "ENABLED", False)
    assert {t: search(other, t) for t in texts} == rescored == small


@needs_sample
def test_ranges_of_many_terms_are_added_as_whoosh_adds_them(library: Library, monkeypatch) -> None:
    """A date range is an OR of a term per day: a tree of unions, or past ``Or.TOO_MANY_CLAUSES``
    terms one array (here made to happen at 20 terms)."""
    from whoosh import query as wq

    texts = ["date:2017 trump", "date:>=2018-06", "trump OR date:[2017-01-01 TO 2017-03-31]"]
    used = _both_ways(library, texts, monkeypatch)
    assert all(r is not None and r[1] for r in used)
    monkeypatch.setattr(wq.Or, "TOO_MANY_CLAUSES", 20)
    used = _both_ways(library, texts, monkeypatch)
    assert all(r is not None and r[1] for r in used)


@needs_sample
def test_articles_replaced_since_the_build_are_left_out_alike(tmp_path, monkeypatch) -> None:
    """Edited articles leave their old copies in the index, deleted: numpy leaves them out of every
    term, NOT and range as Whoosh's reader does."""
    import json

    part = sample_part(tmp_path, 300)
    Library([part]).ensure_index()
    lines = part.read_text(encoding="utf-8").splitlines()
    for i in range(0, 300, 10):  # a tenth of the articles edited: each old copy deleted, the new one added
        record = json.loads(lines[i])
        for key in ("text", "content", "content_original", "body"):
            if record.get(key):
                record[key] = str(record[key]) + " Trump and Biden commented on the health care bill."
                break
        lines[i] = json.dumps(record)
    part.write_text("\n".join(lines) + "\n", encoding="utf-8")
    lib = Library([part])
    assert lib.ensure_index().added >= 25  # (an article whose text was cut from the corpus stays out)
    assert lib.searcher().reader().has_deletions()
    texts = ["trump", "health car", "trump NOT biden", "NOT trump", '"health care" bill', "date:2017 trump",
             "exact:commented", "immigr* AND wall"]
    used = _both_ways(lib, texts, monkeypatch)
    assert all(r is not None for r in used)
    lib.close()
