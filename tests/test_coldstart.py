"""The app from cold on the AllSides sample (13 MB, large enough to be read by the indexing process):
search works before every article is read, the list fills in as they are, a relaunch reads only
the caches, and quitting midway leaves no process and caches the next launch verifies."""

from __future__ import annotations

import asyncio
import io
import re
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLE, live_processes, needs_sample, sample_part
from rich.console import Console
from textual.widgets import Static

from sco_tui.tui.app import ScoApp, create_app
from sco_tui.tui.widgets.article_list import ArticleList
from sco_tui.tui.widgets.hit_list import HitOptions
from sco_tui.tui.widgets.reader import Reader
from sco_tui.workspace.library import Library
from sco_tui.workspace.listing import ListedArticle

WORD = "police"  # in 35 of the sample's first 300 articles (the first commit), in 262 of its 2,000


def status(app: ScoApp) -> str:
    return str(app.query_one("#status").content)


def plain(widget: Static) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


async def until(pilot, condition, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.02)


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2:].split()[0] != "Z"


def descendants(pid: int) -> set[int]:
    """The live processes below ``pid`` (its children, theirs...)."""
    parents = {child: parent for child, (parent, _group) in live_processes().items()}
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for child, ppid in parents.items():
            if ppid == parent and child not in found:
                found.add(child)
                todo.append(child)
    return found


COVERS = re.compile(r"searching ([\d,]+) of ([\d,]+) (?:articles|read) — (?:reading and )?indexing…")
HITS = re.compile(r"(\d+) hits? in \d+ outlets?")


async def while_indexing(pilot, app: ScoApp, timeout: float = 300) -> set[tuple[int, int]]:
    """Until the status says "index ready": each (articles search covers, hits shown) seen, as the
    status and the hit summary say them (the query typed once, never again)."""
    seen = set()
    deadline = time.monotonic() + timeout
    while "index ready" not in (said := status(app)):
        assert time.monotonic() < deadline, "timed out"
        covers, hits = COVERS.search(said), HITS.search(plain(app.query_one("#hit-summary", Static)))
        if covers and hits:
            seen.add((int(covers[1].replace(",", "")), int(hits[1])))
        await pilot.pause(0.02)
    return seen


@needs_sample
async def test_from_cold_hits_come_before_the_list_is_complete_and_a_relaunch_reads_only_caches() -> None:
    app = create_app([SAMPLE])
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("/", *WORD)
        hits = app.query_one(HitOptions)
        await until(pilot, lambda: hits.option_count > 0)
        assert app.partial or app.corpus is None, "hits only came once every article was read"
        listed_then = len(app.corpus or ())
        first = hits.get_option_at_index(0).id
        app.open_article(first)  # a hit opens before its article is cached: as the index stores it
        reader = app.query_one(Reader)
        await until(pilot, lambda: reader.article is not None)
        assert reader.article.id == first and WORD in reader.article.body.lower()
        partial_ids = [a.id for a in app.corpus or ()]
        seen = await while_indexing(pilot, app)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.partial
        final = [a.id for a in app.corpus]
        assert len(final) == app.query_one(ArticleList).row_count == 2000
        assert final[:len(partial_ids)] == partial_ids and listed_then < 2000
        assert not any(isinstance(a, ListedArticle) for a in app.corpus)
        searched = app.library.search(WORD, limit=1).total
        typed = app.library.search(WORD, limit=1, live=True).total  # as typed: the word is a prefix too
    assert searched == Library([SAMPLE]).search(WORD, limit=1).total > 100
    # while indexing, the status said how many articles search covered, and the hits for the word typed
    # once grew with each commit, without typing again: the searcher follows the commits
    covered = sorted({c for c, _ in seen})
    assert len(covered) >= 3 and covered[0] >= 150 and covered[0] < 2000
    assert min(h for _, h in seen) < max(h for _, h in seen) <= typed
    assert all(h <= c for c, h in seen)

    again = create_app([SAMPLE])  # a relaunch: the list at once from the article cache, no indexing child
    async with again.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: "index ready" in status(again), timeout=60)
        assert not again._cold and again._indexer is None and len(again.corpus) == 2000
        await pilot.press("/", *WORD)
        await until(pilot, lambda: again.query_one(HitOptions).option_count > 0, timeout=60)
        assert again.library.is_current()


@needs_sample
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="lists processes in /proc")
async def test_quitting_during_a_cold_build_leaves_no_process_and_the_next_launch_finishes_it(tmp_path: Path) -> None:
    part = sample_part(tmp_path, 1000)  # 6.6 MB: still read by the indexing process
    app = create_app([part])
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: app.index_ready and app._indexer is not None and app._indexer.process)
        child = app._indexer.process
        await until(pilot, lambda: len(descendants(child.pid)) >= 2)  # its two forked workers
        below = descendants(child.pid)
        assert "index ready" not in status(app)
        await pilot.press("q")
    for _ in range(200):
        if child.poll() is not None and not any(map(alive, below)):
            break
        await asyncio.sleep(0.05)
    assert child.poll() is not None and not any(map(alive, below)), "a process outlived the app"
    # what the cut-off build left (its first commit, or a commit half written) is verified by the next
    # launch: used when sound, else built again; either way it ends with every article indexed
    again = create_app([part])
    async with again.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: "index ready" in status(again))
        await again.workers.wait_for_complete()
        assert len(again.corpus) == 1000
    assert Library([part]).is_current() and Library([part]).search(WORD, limit=1).total > 50
