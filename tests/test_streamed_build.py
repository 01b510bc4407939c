"""Cleaning and indexing at once (``Library.build``, as ``sco-tui index`` builds a large corpus
from nothing): the same articles, ids, problems and index as reading first and indexing after."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import group_processes, needs_sample, sample_part

from sco_tui.index import vocabulary
from sco_tui.workspace import library as library_module
from sco_tui.workspace.library import Library

QUERIES = ["immigr*", "biden", '"health care"', "climat~", "tax OR taxes", "w*", "exact:said", "said"]


def _inputs(tmp_path: Path) -> Path:
    """500 sample articles, then a cut copy of their start (duplicates, a broken last line), then
    ten of them again with a line added (their ids are used twice)."""
    folder = tmp_path / "in"
    folder.mkdir()
    part = sample_part(folder, 500)
    (folder / "again.jsonl").write_bytes(part.read_bytes()[:200_000])
    lines = part.read_text(encoding="utf-8").splitlines()[100:110]
    records = [{**json.loads(line), "content_original": json.loads(line)["content_original"] + "\n\nUpdated."}
               for line in lines]
    (folder / "updated.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


@needs_sample
def test_streamed_build_gives_the_articles_and_index_of_read_then_index(tmp_path: Path, monkeypatch) -> None:
    inputs = _inputs(tmp_path)
    monkeypatch.setenv("SCO_TUI_CACHE_DIR", str(tmp_path / "one"))
    one = Library([inputs])
    one.ensure_index()  # one process: read everything, then index
    monkeypatch.setenv("SCO_TUI_CACHE_DIR", str(tmp_path / "two"))
    monkeypatch.setattr(library_module, "STREAM_BYTES", 0)
    two = Library([inputs])
    assert two._streams()
    counted: list[int] = []

    def progress(done: int, total: int) -> None:
        counted.append(done)

    covered: list[tuple[int, int, int]] = []

    def commit(n: int) -> None:  # another process, searching while the build goes on, sees what is listed
        meanwhile = Library([inputs])
        listed = list((meanwhile.store.manifest() or {}).get("articles", {}))
        covered.append((n, len(listed), meanwhile.search("said").total))
        assert meanwhile.search("said").total == one.search("said", only_ids=listed).total
        meanwhile.close()

    report = two.build(progress, early=30, growth=4, on_indexed=commit)
    assert report.added == report.total == len(one.corpus()) < 500 + 100  # duplicates were skipped
    assert two.is_current() and not Library([inputs])._streams()
    assert two.corpus().articles == one.corpus().articles  # same articles, order and ids (renamed ones too)
    assert sorted(map(str, two.corpus().problems)) == sorted(map(str, one.corpus().problems))
    said = " ".join(p.message for p in one.corpus().problems)
    assert "used twice" in said and "duplicate" in said  # both ways the gate changes what is indexed
    assert counted == sorted(counted) and counted[-1] == report.total
    # each commit covers more articles, and search finds more; the last covers them all
    assert [n for n, _, _ in covered] == [listed for _, listed, _ in covered] == sorted({n for n, _, _ in covered})
    assert len({hits for _, _, hits in covered}) >= 4 and covered[-1][0] == report.total
    with two.store.open().reader() as reader:  # each process: 30 articles, then 4 × 30, then the rest (< 480)
        sizes = sorted(sub.doc_count_all() for sub, _ in reader.leaf_readers())
    assert sizes.count(30) == sizes.count(120) == 2 and len(sizes) == 6 and sum(sizes) == report.total
    assert vocabulary.read(one.store.open().storage) == vocabulary.read(two.store.open().storage)
    for text in QUERIES:
        a, b = one.search(text), two.search(text)
        assert (a.total, a.by_outlet) == (b.total, b.by_outlet), text
        assert {h.id: h.snippets for h in a.hits} == {h.id: h.snippets for h in b.hits}, text
        assert sorted((h.id, round(h.score, 9)) for h in a.hits) == sorted((h.id, round(h.score, 9)) for h in b.hits)
    one.close()
    two.close()


@needs_sample
def test_a_process_running_threads_cleans_in_itself(tmp_path: Path, monkeypatch) -> None:
    """A process that runs threads (the app) never forks cleaning processes (a forked child of a
    threaded process can deadlock), and gets the same articles."""
    import threading

    from sco_tui.corpus import load

    inputs = _inputs(tmp_path)
    one = load.load_corpus([inputs])
    monkeypatch.setattr(load, "PARALLEL_BYTES", 0)
    forked: list[int] = []
    monkeypatch.setattr(load, "_built_in_processes", lambda *a: forked.append(1) or iter(()))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        two = load.load_corpus([inputs], workers=2)
    finally:
        stop.set()
        thread.join()
    assert not forked and two.articles == one.articles


@needs_sample
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="lists processes in /proc")
def test_ctrl_c_during_the_streamed_build_ends_in_one_line_and_no_process(tmp_path: Path) -> None:
    from conftest import ROOT, SAMPLE

    env = {**os.environ, "SCO_TUI_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "sco_tui.cli", "index", str(SAMPLE)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(group_processes(proc.pid)) < 3 and time.monotonic() < deadline:  # the parent and its two workers
        time.sleep(0.02)
    assert len(group_processes(proc.pid)) >= 3, "the build never forked its workers"
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C: the whole foreground group
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert [line for line in err.splitlines() if not line.startswith("sco-tui: indexed")] == ["sco-tui: interrupted"]
    deadline = time.monotonic() + 10
    while group_processes(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert group_processes(proc.pid) == []
    again = subprocess.run([sys.executable, "-m", "sco_tui.cli", "index", str(SAMPLE)], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "2,000 articles" in again.stdout.replace("2000", "2,000"), again.stderr
