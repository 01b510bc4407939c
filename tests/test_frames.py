"""What a keystroke draws: the text and its hits in one frame, unchanged hits not drawn again, and
the word forms read before the first prefix. The seeds, Pilot keys, the real app."""

from __future__ import annotations

import time
from pathlib import Path

from sco_tui.index import vocabulary
from sco_tui.tui import frame_hold
from sco_tui.tui.app import create_app
from sco_tui.tui.widgets.hit_list import HitList, HitOptions
from sco_tui.tui.widgets.search_bar import SearchBar
from tests.test_app import settle
from tests.test_typing import until_shown


def slow_searches(app, monkeypatch, seconds: float) -> None:
    """Each search of the app's library takes ``seconds`` more (a large corpus on a busy machine)."""
    search = app.library.search

    def slow(*args, **kwargs):
        time.sleep(seconds)
        return search(*args, **kwargs)

    monkeypatch.setattr(app.library, "search", slow)


def record_frames(monkeypatch) -> list[tuple[str, str]]:
    """(text in the box, text whose hits are shown) each time the box is drawn."""
    drawn: list[tuple[str, str]] = []
    render_line = SearchBar.render_line

    def recording(self, y):
        drawn.append((self.value, self.app.shown_query))
        return render_line(self, y)

    monkeypatch.setattr(SearchBar, "render_line", recording)
    return drawn


async def test_a_key_and_its_hits_are_drawn_in_one_frame(monkeypatch) -> None:
    monkeypatch.setattr(frame_hold, "MOST", 5.0)
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        slow_searches(app, monkeypatch, 0.1)  # several frames go by during each search
        drawn = record_frames(monkeypatch)
        await pilot.press("slash", *"Kashmir")
        await until_shown(app, "Kashmir")
        await pilot.pause()
        texts = [value for value, _ in drawn]
        assert "Kashmir" in texts and texts[-1] == "Kashmir"
        # the box never showed a text before the hits for it (the first keys: errors, then hits)
        assert all(value == shown for value, shown in drawn if value), drawn


async def test_a_slow_search_does_not_hold_the_typed_text_back(monkeypatch) -> None:
    monkeypatch.setattr(frame_hold, "MOST", 0.05)
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        slow_searches(app, monkeypatch, 0.5)
        drawn = record_frames(monkeypatch)
        await pilot.press("slash", *"Belarus")
        await until_shown(app, "Belarus")
        await pilot.pause()
        # the text was on screen while its search ran (the hits came after it)
        assert any(value == "Belarus" and shown != "Belarus" for value, shown in drawn), drawn


async def test_the_same_hits_again_are_not_drawn_again() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        hit_list, hits = app.query_one(HitList), app.query_one(HitOptions)
        belarus = app.library.search("Belarus", live=True)
        hit_list.show_result(belarus)
        first = [hits.get_option_at_index(i) for i in range(hits.option_count)]
        summary = app.query_one("#hit-summary").visual
        hits.highlighted = 2
        hit_list.show_result(app.library.search("Belarus", live=True))  # equal, not the same object
        assert [hits.get_option_at_index(i) for i in range(hits.option_count)] == first
        assert all(a is b for a, b in zip(first, (hits.get_option_at_index(i) for i in range(len(first))),
                                          strict=True))
        assert app.query_one("#hit-summary").visual is summary
        assert hits.highlighted == 2  # the highlighted hit stays
        hit_list.show_result(app.library.search("Kashmir", live=True))
        assert hits.get_option_at_index(0) is not first[0]
        assert [hits.get_option_at_index(i).id for i in range(hits.option_count)] == [
            h.id for h in app.library.search("Kashmir", live=True).hits]
        hit_list.show_result(belarus)  # back: drawn again
        assert [o.id for o in first] == [hits.get_option_at_index(i).id for i in range(hits.option_count)]
        assert hits.get_option_at_index(0) is not first[0]


async def test_the_word_forms_are_read_before_the_first_prefix(seed_copy: Path, monkeypatch) -> None:
    # a corpus with the word the start-up search looks for: that search then needs no "did you mean"
    (seed_copy / "warm.txt").write_text("A warm welcome in Astana\n\nLeaders had a warm meeting in Astana on "
                                        "Wednesday, with talks on trade and security.\n", encoding="utf-8")
    app = create_app([seed_copy])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reads: list[object] = []
        read = vocabulary.read
        monkeypatch.setattr(vocabulary, "read", lambda storage: reads.append(storage) or read(storage))
        await pilot.press("slash", *"Kashm")  # a prefix from the third letter
        await until_shown(app, "Kashm")
        assert app.query_one(HitOptions).option_count
        assert reads == []  # read off the screen's thread at start-up, not by the first prefix
