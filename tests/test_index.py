"""The index as a cache: no work when nothing changed, incremental when something did, self-healing."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SAMPLE, needs_sample

from sco_tui.index.schema import SCHEMA_VERSION
from sco_tui.workspace.library import Library


def test_second_search_does_no_indexing_work(cli) -> None:
    cli.json("search", "Belarus")
    lib = Library()
    gen = lib.store.current_dir()
    stamp = {p.name: p.stat().st_mtime_ns for p in gen.iterdir()}
    assert lib.is_current()
    report = lib.ensure_index()
    assert report.total == -1 and not report.changed  # the articles were not even read
    assert lib._corpus is None
    assert cli.json("search", "Belarus")["total"] == 5
    assert {p.name: p.stat().st_mtime_ns for p in gen.iterdir()} == stamp
    assert lib.store.current_dir() == gen


def test_refresh_is_incremental(seed_copy: Path) -> None:
    lib = Library([seed_copy])
    first = lib.ensure_index()
    assert (first.added, first.removed, first.rebuilt) == (5, 0, None)
    (seed_copy / "extra.txt").write_text("Extra headline\n\nThe Kashmir question came up again in Astana.\n",
                                         encoding="utf-8")
    (seed_copy / "000_6f0f72e896a6eae1.txt").unlink()
    lib2 = Library([seed_copy])
    assert not lib2.is_current()
    second = lib2.ensure_index()
    assert (second.added, second.removed, second.rebuilt) == (1, 1, None)
    hits = {h.id for h in lib2.search("Kashmir").hits}
    assert hits == {"001_a947daa3add8d49a", "003_625b4c25c277fb8f", "extra"}
    assert lib2.search("Guterres").total == 1  # 000 is gone
    lib.close()
    lib2.close()


def test_not_never_matches_an_article_replaced_since_the_build(seed_copy: Path) -> None:
    """An edited article is deleted and added again; a NOT must not bring the deleted copy back
    (Whoosh's NOT matcher skipped deletions only while the negated word still had matches ahead)."""
    lib = Library([seed_copy])
    lib.ensure_index()
    edited = seed_copy / "004_c8b71dc69254530b.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Belarus", "Belarus and Kashmir", 1),
                      encoding="utf-8")
    lib2 = Library([seed_copy])
    assert lib2.ensure_index().added == 1
    texts = {a.id: a.body.lower() + " " + a.title.lower() for a in lib2.corpus()}
    for query, word in (("NOT Kashmir", "kashmir"), ("NOT Belarus", "belarus"), ("NOT Guterres", "guterres")):
        result = lib2.search(query)
        expected = sorted(i for i, t in texts.items() if word not in t)
        assert sorted(h.id for h in result.hits) == expected and result.total == len(expected), query
    either = lib2.search("Guterres OR NOT Kashmir")
    assert sorted(h.id for h in either.hits) == sorted(i for i, t in texts.items()
                                                       if "guterres" in t or "kashmir" not in t)
    lib.close()
    lib2.close()


def test_corrupt_index_is_rebuilt(seed_copy: Path) -> None:
    lib = Library([seed_copy])
    lib.ensure_index()
    lib.close()
    gen = lib.store.current_dir()
    for f in gen.glob("*.seg"):
        f.write_bytes(b"garbage")
    for f in gen.glob("_MAIN_*.toc"):
        f.write_bytes(b"\x00garbage")
    lib2 = Library([seed_copy])
    report = lib2.store.sync(lib2.corpus(), lib2.fingerprint)
    assert report.rebuilt and "corrupt" in report.rebuilt
    assert lib2.search("Kashmir").total == 2
    lib2.close()


def test_missing_generation_and_old_schema_are_rebuilt(seed_copy: Path) -> None:
    lib = Library([seed_copy])
    lib.ensure_index()
    lib.close()
    manifest = lib.store.current_dir() / "manifest.json"
    manifest.write_text(manifest.read_text().replace(f'"schema": {SCHEMA_VERSION}', '"schema": 0'))
    report = Library([seed_copy]).ensure_index()
    assert report.rebuilt and "older version" in report.rebuilt
    shutil.rmtree(Library([seed_copy]).store.current_dir())
    lib3 = Library([seed_copy])
    report = lib3.ensure_index()
    assert report.added == 5 and report.rebuilt is None
    assert lib3.search("Belarus").total == 5


def test_locked_index_is_rebuilt_beside_the_lock(seed_copy: Path) -> None:
    lib = Library([seed_copy])
    lib.ensure_index()
    ix = lib.store.open()
    writer = ix.writer()  # another process holding the write lock
    try:
        (seed_copy / "extra.txt").write_text("Extra\n\nBelarus joined the SCO in Astana.\n", encoding="utf-8")
        lib2 = Library([seed_copy])
        report = lib2.ensure_index()
        assert report.rebuilt == "another process holds its write lock"
        assert lib2.search("Belarus").total == 6
    finally:
        writer.cancel()
    lib.close()


def test_partial_build_is_resumed(seed_copy: Path) -> None:
    lib = Library([seed_copy])
    calls = []
    report = lib.store.sync(lib.corpus(), lib.fingerprint, batch=2, should_stop=lambda: calls.append(1) or True)
    assert report.added == 2  # stopped after the first batch, which is committed and searchable
    assert not lib.is_current()
    lib.refresh()
    assert lib.search("Belarus").total == 2
    resumed = Library([seed_copy]).ensure_index()
    assert (resumed.added, resumed.rebuilt) == (3, None)


@needs_sample
def test_sample_index_and_search() -> None:
    lib = Library([SAMPLE])
    report = lib.ensure_index(parallel=True)  # as `sco-tui index` builds it: two processes
    assert report.added == 2000 and lib.is_current()
    result = lib.search("immigration reform", limit=20)
    assert result.total == 110 and len(result.hits) == 20  # the same count a single writer's index gives
    assert sum(result.by_outlet.values()) == result.total
    assert all(h.snippets for h in result.hits)
    assert lib.search("w*").total > 1000  # a one-letter prefix is answered, capped, not refused
