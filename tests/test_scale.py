"""What the speed work changed must not change answers: mapped reads, one-walk counting, the article
cache, the merged build and the query caps, each against the slow way it replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE, needs_sample, sample_part

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
    part = sample_part(tmp_path, 400)
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


def _sample_texts(n: int) -> list[str]:
    import json

    texts = []
    with open(SAMPLE, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            texts += [str(rec.get(k) or "") for k in ("title", "text", "content", "content_original", "body")]
            if len(texts) >= 5 * n:
                break
    return [t for t in texts if t]


def test_one_pass_postings_are_whoosh_analysis(seed_copy: Path) -> None:
    """The body is analysed once, in one loop: the same stems, frequencies, weights, positions and
    characters as the fields' analyzer (the one queries are parsed with) feeding Whoosh's Characters
    format (packed instead of pickled: the bytes are those ``encode`` gives Whoosh's occurrences),
    and every form seen is recorded, folded, with the stem the analyzer gives it."""
    from whoosh.formats import Characters
    from whoosh.lang import stemmer_for_language

    from sco_tui.index.analyzer import analyzer
    from sco_tui.index.postings import OnePassCharacters
    from sco_tui.index.schema import build_schema

    corpus = Library([seed_copy]).corpus()
    texts = [a.body for a in corpus] + [a.title for a in corpus]
    texts += ["The U.S. and a 3 x 4 grid: it's naïve, isn't it? Stop-words, 2024-07-03, e.g. i.e. *star*",
              "ΕΛΛΑΔΑ Straße İstanbul don't won't l'été", "",
              "US troops, the U.S. and U.K. at 10 AM; WHO said IT was WHAT IS IT? Erdog\u0306an, Erdoğan, São"]
    if SAMPLE.exists():
        texts += _sample_texts(150)
    ana = analyzer()
    assert build_schema()["body"].analyzer == ana  # queries are analysed as the postings were made
    for boost in (1.0, 2.0):
        whoosh_way, one_pass = Characters(field_boost=boost), OnePassCharacters(field_boost=boost)
        for text in texts:
            theirs = sorted((w, n, weight, whoosh_way.decode_characters(v))
                            for w, n, weight, v in whoosh_way.word_values(text, ana))
            ours = sorted(one_pass.word_values(text, ana))
            assert [(w, n, weight, one_pass.decode_characters(v)) for w, n, weight, v in ours] == theirs, text[:80]
            assert [v for *_, v in ours] == [one_pass.encode(chars) for *_, chars in theirs], text[:80]
        stemmer = stemmer_for_language("en")
        assert len(one_pass.vocabulary) > 100
        for form, stem in one_pass.vocabulary.items():
            assert stemmer(form) == stem, form


def test_vocabulary_is_kept_beside_the_index_and_verified(seed_copy: Path) -> None:
    from sco_tui.index import vocabulary

    lib = Library([seed_copy])
    lib.ensure_index()
    gen = lib.store.current_dir()
    forms, documents = vocabulary.read(lib.store.open().storage)
    assert forms["kashmir"] == "kashmir" and forms["operation"] == "oper" and forms["special"] == "special"
    assert documents["kashmir"] >= 2  # counted once per text it is in (titles and bodies)
    assert vocabulary.FILE in lib.store.manifest()["files"]  # checksummed with the index files
    lib.close()
    (gen / vocabulary.FILE).write_text('{"version": 1, "words": "kashmir", "stems": "x", "counted": "", '
                                       '"counts": []}', encoding="utf-8")
    again = Library([seed_copy])
    report = again.ensure_index()
    assert report.rebuilt and "vocabulary.json" in report.rebuilt
    assert again.search("Kashm*").total == 2
    again.close()


def test_prefixes_fuzzy_terms_and_spelling_come_from_the_vocabulary(seed_copy: Path) -> None:
    """A prefix is matched against the forms as typed, not against its stem (the parser stems
    'operations*' to 'oper*', which would reach 'operating'); fuzzy terms reach forms
    (Guteres~ -> Guterres) and stems; 'did you mean' offers a form, never a stem."""
    lib = Library([seed_copy])
    lib.ensure_index()
    for text, ids in [("Kashm*", {"001", "003"}), ("Kashmir*", {"001", "003"}), ("Guteres~", {"000", "003"}),
                      ("Kashmri~2", {"001", "003"})]:
        assert {h.id[:3] for h in lib.search(text).hits} == ids, text
    assert lib.search("operat*").total == lib.search("operation").total == 1
    assert lib.search("operations*").total == 0  # no article has that form
    assert lib.search("Kashmir", live=True).total == lib.search("Kashmir").total == 2  # typing a whole word
    assert lib.search("Guteres summit").suggestion == "guterres summit"
    assert lib.search("exact:Kashmir").total == 2  # exact: searches the body
    lib.close()


@needs_sample
def test_two_process_build_answers_like_one_process(tmp_path: Path, monkeypatch) -> None:
    """The two-process build leaves one segment per process (no merge) and the same vocabulary, hits,
    counts and snippets as a one-process build."""
    part = sample_part(tmp_path, 300)
    monkeypatch.setattr(store_module, "PARALLEL_FROM", 200)
    monkeypatch.setenv("SCO_TUI_CACHE_DIR", str(tmp_path / "one"))
    one = Library([part])
    one.ensure_index()
    monkeypatch.setenv("SCO_TUI_CACHE_DIR", str(tmp_path / "two"))
    two = Library([part])
    two.ensure_index(parallel=True)
    from sco_tui.index import vocabulary

    with two.store.open().reader() as reader:
        assert len(reader.leaf_readers()) == 3  # the first 100 articles, then one segment per process
    assert vocabulary.read(one.store.open().storage) == vocabulary.read(two.store.open().storage)
    for text in ["immigr*", "biden", '"health care"', "climat~", "tax OR taxes", "w*", "exact:said"]:
        a, b = one.search(text), two.search(text)
        assert (a.total, a.by_outlet) == (b.total, b.by_outlet), text
        assert {h.id: h.snippets for h in a.hits} == {h.id: h.snippets for h in b.hits}, text
    one.close()
    two.close()


@needs_sample
def test_scores_are_whoosh_bm25f_to_the_last_bit(tmp_path: Path, monkeypatch) -> None:
    """Field lengths read once per segment (index.scoring) give the scores Whoosh's own scorer
    gives, exactly, and the same hits in the same order."""
    from whoosh.scoring import BM25F

    from sco_tui.index import scoring

    part = sample_part(tmp_path, 300)
    lib = Library([part])
    lib.ensure_index()
    queries = ["biden", "immigr*", '"health care"', "climat~", "tax OR taxes", "trump NOT biden", "w*"]
    fast = {text: [(h.id, h.score) for h in lib.search(text).hits] for text in queries}
    assert scoring._LENGTHS  # the lists were used
    monkeypatch.setattr(scoring.LengthsBM25F, "scorer", BM25F.scorer)
    for text in queries:
        assert [(h.id, h.score) for h in lib.search(text).hits] == fast[text], text
    lib.close()


@needs_sample
def test_numpy_scoring_answers_like_the_walk_of_matches(tmp_path: Path, monkeypatch) -> None:
    """Words, prefixes, wildcards and fuzzy terms are scored with numpy (index.union): the same hits
    in the same order with the same scores, totals, counts per outlet and snippets as the walk of
    matches, over several segments (one-process batches)."""
    from sco_tui.index import union

    part = sample_part(tmp_path, 700)
    monkeypatch.setattr(store_module, "MAX_SEGMENTS", 10)
    lib = Library([part])
    lib.store.sync(lib.corpus(), lib.fingerprint, batch=150)  # 100, 150, 300, 150: four segments
    lib.refresh()
    with lib.store.open().reader() as reader:
        assert len(reader.leaf_readers()) > 1
    used = []
    real = union.search
    monkeypatch.setattr(union, "search", lambda *a, **k: used.append(r := real(*a, **k)) or r)
    queries = ["biden", "Biden", "immigr*", "w*", "climat~", "senat~2", "oper?tion", "pres*", "health", "title:trump",
               "tax OR taxes", '"health care"', "trump NOT biden", "Kashmr", "zzzzqx",
               # phrases: common words, three words, a stop word inside, a repeated word, a title-only
               # phrase, one word missing from a segment, a phrase in a larger query (Whoosh's walk)
               '"the president said"', '"white house press secretary"', '"united states"', '"new new"',
               '"said that he said"', 'title:"trump administration"', '"zzzzqx house"', '"said"',
               '"supreme court" justice', '"health care" OR "medical care"', 'outlet:"fox news"']
    fast = {(t, live): lib.search(t, live=live) for t in queries for live in (False, True)}
    assert sum(r is not None for r in used) >= 30  # most shapes take the numpy way
    assert any(r is not None and r[1] for r, t in zip(used, [t for t in queries for _ in (0, 1)], strict=False)
               if t.startswith('"the president'))
    monkeypatch.setattr(union, "ENABLED", False)
    for (text, live), result in fast.items():
        assert lib.search(text, live=live) == result, (text, live)
    lib.close()


def test_listed_lengths_writer_writes_what_whoosh_writes(seed_copy: Path, tmp_path: Path) -> None:
    """The writer that reads field lengths once at commit leaves the same terms, postings and
    per-term length statistics as Whoosh's own SegmentWriter."""
    from whoosh import index as windex

    from sco_tui.index.schema import build_schema, document
    from sco_tui.index.writers import ListedLengthsWriter

    articles = list(Library([seed_copy]).corpus())

    def build(folder: Path, make) -> list:
        folder.mkdir()
        ix = windex.create_in(str(folder), build_schema())
        writer = make(ix)
        for article in articles:
            writer.add_document(**document(article))
        writer.commit()
        with ix.reader() as reader:
            out = []
            for field, text in reader.all_terms():
                info = reader.term_info(field, text)
                m = reader.postings(field, text)
                out.append((field, text, info.min_length(), info.max_length(), info.max_weight(),
                            list(m.items_as("characters") if field in ("title", "body") else m.all_ids())))
            return out

    whoosh_way = build(tmp_path / "a", lambda ix: ix.writer())
    assert whoosh_way == build(tmp_path / "b", ListedLengthsWriter)
    assert any(f == "body" for f, *_ in whoosh_way)


def test_in_memory_index_keeps_its_vocabulary_in_memory(seed_copy: Path, tmp_path: Path, monkeypatch) -> None:
    """Where nothing can be saved the vocabulary lives in the in-memory index too (not in the
    current folder), and prefixes, fuzzy terms and suggestions work from it."""
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    lib = Library([seed_copy])
    lib.store.writable = False
    lib.ensure_index()
    assert lib.store.memory is not None
    assert lib.search("Kashm*").total == 2 and lib.search("Guteres~").total == 2
    assert lib.search("Kashmr").suggestion == "kashmir"
    assert not list(here.iterdir())
    lib.close()


@needs_sample
def test_cleaning_in_two_processes_gives_the_same_articles(tmp_path: Path, monkeypatch) -> None:
    from sco_tui.corpus import load

    part = sample_part(tmp_path, 500)
    (tmp_path / "again.jsonl").write_bytes(part.read_bytes()[:200_000])  # duplicates and a cut last line
    one = load.load_corpus([tmp_path])
    monkeypatch.setattr(load, "PARALLEL_BYTES", 0)
    used = []
    real = load._built_in_processes
    monkeypatch.setattr(load, "_built_in_processes", lambda *a: used.append(1) or real(*a))
    two = load.load_corpus([tmp_path], workers=2)
    assert used and two.articles == one.articles
    assert sorted(map(str, two.problems)) == sorted(map(str, one.problems)) and one.problems


@needs_sample
def test_postings_blocks_read_as_whoosh_reads_them(tmp_path: Path) -> None:
    """Every term's document numbers, weights and values as index.blocks reads them (numbers and
    weights from the start of each block, values on demand) are those of Whoosh's own matcher."""
    import numpy as np

    from sco_tui.index import blocks

    part = sample_part(tmp_path, 200)
    lib = Library([part])
    lib.ensure_index()
    checked = 0
    for sub, _offset in lib.searcher().leaf_searchers():
        reader = sub.reader()
        for fieldname in ("title", "body"):
            for i, term in enumerate(reader.lexicon(fieldname)):
                text = term.decode("utf-8")
                m = reader.postings(fieldname, text)
                ids, weights, values = [], [], []
                while m.is_active():
                    ids.append(m.id())
                    weights.append(m.weight())
                    values.append(m.value())
                    m.next()
                p = blocks.read(reader, fieldname, text)
                assert p is not None, text
                assert np.array_equal(p.ids, ids) and np.array_equal(p.weights, weights), text
                if i % 7 == 0:  # values: every posting of one term in seven, three ways
                    assert p.values(np.arange(len(ids))) == values, text
                    assert [p.value(d) for d in ids] == values, text
                    headers = blocks.read(reader, fieldname, text, scored=False)
                    assert [headers.value(d) for d in ids] == values, text
                    assert headers.value(max(ids) + 1) is None
                checked += 1
    assert checked > 4000
    lib.close()
