"""The article cache keeps bodies on disk: a relaunch holds what the list shows, reads a body when
asked, and never serves a body whose bytes no longer match what the verified list recorded."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

from conftest import needs_sample, sample_part

from sco_tui.corpus.load import load_corpus
from sco_tui.corpus.model import Article
from sco_tui.index.articles import ARTICLES_FILE, LIST_FILE, CachedArticle
from sco_tui.workspace.library import Library


def test_a_relaunch_lists_without_reading_a_body(seed_copy: Path) -> None:
    fresh = load_corpus([seed_copy])
    Library([seed_copy]).corpus()  # reads the inputs and writes the cache
    corpus = Library([seed_copy]).corpus()
    assert all(isinstance(a, CachedArticle) for a in corpus)
    store = corpus.articles[0]._store
    assert [(a.id, a.title, a.outlet_name, a.date.value, a.words, a.content_hash) for a in corpus] == \
        [(a.id, a.title, a.outlet_name, a.date.value, a.words, a.content_hash) for a in fresh]
    assert not store.kept  # listing read no body
    some = corpus.articles[2].id
    assert corpus.get(some).body == fresh.get(some).body
    assert len(store.kept) == 1
    assert corpus.articles == fresh.articles  # every field, bodies included, as read from the inputs
    assert [a.paragraphs() for a in corpus] == [a.paragraphs() for a in fresh]


def test_copies_of_a_cached_article_are_plain_articles(seed_copy: Path) -> None:
    Library([seed_copy]).corpus()
    article = Library([seed_copy]).corpus().articles[1]
    for copy in (pickle.loads(pickle.dumps(article)), dataclasses.replace(article, id="other"), article.full()):
        assert type(copy) is Article and copy.body == article.body
    assert pickle.loads(pickle.dumps(article)) == article and hash(article.full()) == hash(article)


def test_a_damaged_body_is_never_served(seed_copy: Path) -> None:
    fresh = load_corpus([seed_copy])
    Library([seed_copy]).corpus()
    corpus_lib = Library([seed_copy])
    corpus = corpus_lib.corpus()
    bodies = corpus_lib.store.root / ARTICLES_FILE
    data = bytearray(bodies.read_bytes())
    victim = corpus.articles[2]
    at = victim._at + victim._size // 2
    data[at] = ord("X") if data[at] != ord("X") else ord("Y")  # same size: only the body's own digest can tell
    bodies.write_bytes(bytes(data))
    reopened = Library([seed_copy])
    listed = reopened.corpus()
    assert not reopened.notices  # the list itself is intact
    assert listed.articles[2].body == fresh.articles[2].body  # read again from the inputs, not the damaged bytes
    assert any("damaged" in n for n in reopened.notices)
    assert Library([seed_copy]).corpus().articles == fresh.articles  # the cache was rewritten


def test_a_damaged_list_is_read_again_with_one_notice(seed_copy: Path) -> None:
    first = Library([seed_copy])
    first.corpus()
    listing = first.store.root / LIST_FILE
    data = bytearray(listing.read_bytes())
    data[10] ^= 1
    listing.write_bytes(bytes(data))
    again = Library([seed_copy])
    assert again.corpus().articles == load_corpus([seed_copy]).articles
    assert [n for n in again.notices if "article cache" in n] == \
        ["article cache damaged (checksum mismatch); reading the inputs again"]


@needs_sample
def test_the_sample_from_the_cache_equals_the_sample_read(tmp_path: Path) -> None:
    part = sample_part(tmp_path, 300)
    fresh = load_corpus([part])
    Library([part]).corpus()
    cached = Library([part]).corpus()
    assert cached.articles == fresh.articles and cached.problems == fresh.problems
    assert cached.outlets() == fresh.outlets()


def test_articles_cached_by_other_reading_code_are_read_again(seed_copy: Path, monkeypatch) -> None:
    # a reader fixed in a new version must not be hidden by articles the old one cached
    from sco_tui.corpus import inputs
    from sco_tui.workspace import library

    reads = []
    real = library.load_corpus
    monkeypatch.setattr(library, "load_corpus", lambda *a, **k: reads.append(1) or real(*a, **k))
    Library([seed_copy]).corpus()
    Library([seed_copy]).corpus()
    assert len(reads) == 1  # the second came from the cache
    monkeypatch.setattr(inputs, "reader_version", lambda: "another version")
    Library([seed_copy]).corpus()
    assert len(reads) == 2  # read from the inputs again
    Library([seed_copy]).corpus()
    assert len(reads) == 2  # and cached anew


def test_the_cli_says_when_a_cached_body_was_damaged(cli, seed_copy: Path) -> None:
    fresh = load_corpus([seed_copy])
    first = fresh.articles[0]
    lib = Library([seed_copy])
    lib.corpus()
    bodies = lib.store.root / ARTICLES_FILE
    data = bytearray(bodies.read_bytes())
    data[20:24] = b"XXXX"  # inside the first body
    bodies.write_bytes(bytes(data))
    rc, out, err = cli("show", first.id, seed_copy, "--json")
    assert rc == 0 and first.body.split()[5] in out  # the body as the inputs have it
    assert err.count("article cache damaged") == 1
    rc, out, err = cli("show", first.id, seed_copy, "--json")
    assert rc == 0 and "damaged" not in err  # rewritten whole
