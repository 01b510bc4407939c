"""Typing in the search box: what each keystroke redraws, in what order the hits come, and when
Python's full garbage collections run. Real text (the seeds, a part of the sample), Pilot keys."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path

import pytest
from conftest import needs_sample, sample_part

from sco_tui.tui import app as app_module
from sco_tui.tui import idle_gc
from sco_tui.tui.app import create_app
from sco_tui.tui.messages import SearchDone
from sco_tui.tui.widgets.hit_list import MORE, HitOptions
from tests.test_app import settle, text_of


async def until_shown(app, text: str) -> None:
    for _ in range(2000):
        if app.shown_query == text:
            return
        await asyncio.sleep(0.005)
    raise AssertionError(f"no hits shown for {text!r}")


@pytest.fixture
def sample_part_250(tmp_path: Path) -> Path:
    return sample_part(tmp_path, 250)


@needs_sample
async def test_the_hits_keep_their_row_while_typing(sample_part_250: Path, monkeypatch) -> None:
    """The summary above the hits holds the height of the tallest it can be on this corpus, so no
    keystroke lays the screen out again (hit counts per outlet come and go as the words change)."""
    monkeypatch.setattr(app_module, "REST_AFTER", 0.0)  # each key's full page at once
    app = create_app([sample_part_250])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        hits = app.query_one(HitOptions)
        rows, summaries = set(), set()
        await pilot.press("slash")
        for key in "immigration reform":
            await pilot.press(key if key != " " else "space")
            await settle(app, pilot)
            rows.add(hits.region.y)
            summaries.add(text_of(app, "#hit-summary").strip().split("\n")[0])
        assert len(summaries) > 3  # the counts changed as the words did
        assert len(rows) == 1, rows
        assert "hits in" in text_of(app, "#hit-summary")


@needs_sample
async def test_a_keystroke_shows_the_hits_that_fill_the_list_then_the_rest(sample_part_250: Path, monkeypatch) -> None:
    monkeypatch.setattr(app_module, "REST_AFTER", 60.0)  # the rest waits for the box to be left
    app = create_app([sample_part_250])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"the")
        await until_shown(app, "the")
        hits = app.query_one(HitOptions)
        first = [hits.get_option_at_index(i).id for i in range(hits.option_count)]
        full = app.library.search("the", live=True, limit=20)
        assert full.total > 20
        assert 0 < len(first) < 20 and first == [h.id for h in full.hits[: len(first)]]
        assert len(first) * 2 >= hits.scrollable_content_region.height  # enough to fill the list
        assert "top 20 shown" in text_of(app, "#hit-summary")  # the summary is the full page's already
        await pilot.press("tab")  # out of the box: the rest comes at once
        await settle(app, pilot)
        shown = [hits.get_option_at_index(i).id for i in range(hits.option_count)]
        assert shown == [h.id for h in full.hits] + [MORE]


async def test_an_answer_for_another_outlet_is_never_drawn() -> None:
    """A search that a newer choice (an outlet, a story) made stale is dropped, even for the same text."""
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Belarus")
        await settle(app, pilot)
        assert text_of(app, "#hit-summary").startswith("5 hits in 3 outlets")
        narrower = app.library.search("Belarus", live=True, outlet="Press TV")
        assert narrower.total == 1
        app.post_message(SearchDone("Belarus", narrower, asked=("Belarus", "Press TV", None, 20)))
        await settle(app, pilot)
        assert text_of(app, "#hit-summary").startswith("5 hits in 3 outlets")
        app.post_message(SearchDone("Belarus", narrower, asked=app._search_key()))  # when it is current
        await settle(app, pilot)
        assert text_of(app, "#hit-summary").startswith("1 hit in 1 outlet")


async def test_full_collections_wait_for_a_pause_in_typing(monkeypatch) -> None:
    monkeypatch.setattr(idle_gc, "PAUSE", 0.3)
    before = gc.get_threshold()
    full: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "stop" and info["generation"] == 2:
            full.append(1)

    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Kash")
        assert gc.get_threshold()[2] == idle_gc.HELD  # young collections as usual, no full one
        gc.callbacks.append(count)
        try:
            await asyncio.sleep(0.6)  # the user stops typing
            await pilot.pause()
            assert full and gc.get_threshold() == before
            await pilot.press("m")
            assert gc.get_threshold()[2] == idle_gc.HELD
        finally:
            gc.callbacks.remove(count)
    assert gc.get_threshold() == before  # and as it was once the app has closed


def test_the_newest_search_replaces_one_not_yet_started() -> None:
    import threading
    import time

    from sco_tui.tui.search_queue import SearchQueue

    queue = SearchQueue()
    assert queue.ask("a") is True  # no worker: start one
    assert queue.ask("ab") is False and queue.ask("abc") is False  # the worker takes the newest only
    assert queue.take() == "abc" and queue.take() is None
    assert queue.ask("abcd") is True  # that worker ended
    assert queue.take() == "abcd"
    start = time.perf_counter()
    assert queue.newer_within(0.05) is False and time.perf_counter() - start >= 0.05  # a pause: the rest
    threading.Timer(0.05, queue.ask, ["abcde"]).start()
    assert queue.newer_within(10) is True  # a keystroke ends the wait: its search comes first
    assert queue.take() == "abcde"
    threading.Timer(0.05, queue.hurry).start()
    start = time.perf_counter()
    assert queue.newer_within(10) is False and time.perf_counter() - start < 5  # the box was left
    queue.close()
    assert queue.newer_within(10) is True and queue.take() is None
