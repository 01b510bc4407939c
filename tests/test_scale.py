"""What the speed work changed must not change answers: mapped reads, one-walk counting, the article
cache, the merged build and the query caps, each against the slow way it replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE, needs_sample

from sco_tui.index import store as store_module
from sco_tui.index.articles import ARTICLES_FILE
from sco_tui.index.search import MAX_QUERY_CHARS, QueryError
from sco_tui.workspace.library import Library

QUERIES = ["Kashmir", "Belarus", '"special military operation"', "Putin AND Xi", "invasion OR operation",
           "summit NOT Kashmir", "Erdogn~", "Guter*", "oper?tion", "outlet:press", "title:xi", "exact:said"]


def _whoosh_reference(searcher, text: str, live: bool = False) -> tuple[list[str], int, dict[str, int], dict]:
    """The answer the slow way: every match scored with terms=True and grouped by Whoosh itself."""
    from whoosh import sorting

    from sco_tui.index import search as s

    q, _ = s.parse(text, searcher.schema, live=live)
    q = s._expand(searcher, q, s.normalise(text))
    results = searcher.search(q, limit=20, terms=True,
                              groupedby={"outlet": sorting.FieldFacet("outlet_key", maptype=sorting.Count)})
    counts = {str(k): int(v) for k, v in results.groups("outlet").items()}
    terms = {searcher.stored_fields(h.docnum)["id"]: sorted(h.matched_terms()) for h in results[:20]}
    return [h["id"] for h in results[:20]], len(results), counts, terms


def test_one_walk_search_matches_whoosh_scoring_every_match(seed_copy: Path) -> None:
    lib = Library([seed_copy])
    lib.ensure_index()
    searcher = lib.searcher()
    for text in QUERIES:
        for live in (False, True):
            ids, total, counts, _terms = _whoosh_reference(searcher, text, live)
            result = lib.search(text, live=live)
            assert [h.id for h in result.hits] == ids, text
            assert result.total == total, text
            assert result.by_outlet == counts, text
    lib.close()


@needs_sample
def test_one_walk_search_matches_whoosh_on_the_sample(tmp_path: Path) -> None:
    """Prefix ORs on real articles: Whoosh's own block skipping dropped real top hits here."""
    part = tmp_path / "part.jsonl"
    with open(SAMPLE, encoding="utf-8") as f:
        part.write_text("".join(next(f) for _ in range(400)), encoding="utf-8")
    lib = Library([part])
    lib.ensure_index()
    searcher = lib.searcher()
    for text in ["immigr*", "tax OR taxes", "biden", '"health care"', "climat~", "w*"]:
        ids, total, counts, _ = _whoosh_reference(searcher, text, live=True)
        result = lib.search(text, live=True)
        assert [h.id for h in result.hits] == ids, text
        assert (result.total, result.by_outlet) == (total, counts), text
    lib.close()


def test_mapped_storage_answers_like_whoosh_file_storage(seed_copy: Path) -> None:
    from whoosh.filedb.filestore import FileStorage

    from sco_tui.index.mapped import MappedFile, MappedStorage
    from sco_tui.index.search import search

    lib = Library([seed_copy])
    lib.ensure_index()
    gen = str(lib.store.current_dir())
    plain = FileStorage(gen).open_index().searcher()
    mapped = MappedStorage(gen).open_index().searcher()
    assert isinstance(MappedStorage(gen).open_file(next(n for n in MappedStorage(gen).list() if n.endswith(".seg"))),
                      MappedFile)
    for text in QUERIES:
        a, b = search(plain, text), search(mapped, text)
        assert a == b, text
    plain.close()
    mapped.close()
    lib.close()


def test_article_cache_is_used_then_distrusted_when_damaged(seed_copy: Path, monkeypatch) -> None:
    first = Library([seed_copy])
    articles = first.corpus()
    cache = first.store.root / ARTICLES_FILE
    assert cache.exists()

    import sco_tui.workspace.library as library_module

    def no_reading(*_a, **_k):
        raise AssertionError("the inputs were read although the cache is current")

    with monkeypatch.context() as patch:
        patch.setattr(library_module, "load_corpus", no_reading)
        again = Library([seed_copy]).corpus()
    assert again.articles == articles.articles and again.problems == articles.problems

    data = bytearray(cache.read_bytes())
    data[-40] = (data[-40] + 1) % 256  # one byte of an article changed: the digest no longer matches
    cache.write_bytes(bytes(data))
    damaged = Library([seed_copy])
    assert damaged.corpus().articles == articles.articles
    assert any("damaged" in n for n in damaged.notices)
    assert Library([seed_copy]).corpus().articles == articles.articles  # rewritten, trusted again

    cache.write_bytes(b"\x00\xff not a header\n")
    unreadable = Library([seed_copy])
    assert unreadable.corpus().articles == articles.articles
    assert any("article cache" in n for n in unreadable.notices)


def test_changed_input_is_read_again(seed_copy: Path) -> None:
    assert len(Library([seed_copy]).corpus()) == 5
    (seed_copy / "extra.txt").write_text("Extra headline\n\nThe Kashmir question came up again.\n", encoding="utf-8")
    corpus = Library([seed_copy]).corpus()
    assert len(corpus) == 6 and corpus.get("extra") is not None


def test_finished_build_is_merged_into_one_segment(seed_copy: Path, monkeypatch) -> None:
    monkeypatch.setattr(store_module, "MAX_SEGMENTS", 1)
    lib = Library([seed_copy])
    lib.store.sync(lib.corpus(), lib.fingerprint, batch=2)  # 2 + 2 + 1 articles: three commits
    lib.refresh()
    with lib.store.open().reader() as reader:
        assert len(reader.leaf_readers()) == 1
    assert lib.search("Kashmir").total == 2
    # the merge rewrote the segments: the manifest records them, so the index is still trusted
    assert lib.is_current() and lib.store.check()[0] is None
    assert Library([seed_copy]).ensure_index().total == -1  # "up to date", nothing rebuilt
    lib.close()


@pytest.mark.parametrize("text", [
    "word " * (MAX_QUERY_CHARS // 4),
    " OR ".join(f"w{i}x" for i in range(300)),
    " ".join(f"term{i}~" for i in range(30)),
    " OR ".join(f"ab{i}*" for i in range(30)),
])
def test_oversized_queries_fail_with_one_line(cli, text: str) -> None:
    rc, out, err = cli("search", text)
    assert rc == 2 and not out
    assert err.count("\n") == 1 and "query too" in err


def test_query_caps_say_what_the_limit_is(seed_copy: Path) -> None:
    lib = Library([seed_copy])
    lib.ensure_index()
    with pytest.raises(QueryError, match=r"at most 5"):
        lib.search(" ".join(f"Kashm{i}~" for i in range(6)))
    assert lib.search(" ".join(["Kashmir~"] * 3)).total == 2  # within the caps: answered
    lib.close()
