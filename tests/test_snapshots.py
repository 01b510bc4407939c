"""SVG snapshots of the main screen (fixed size, no cursor blink, workers finished)."""

from __future__ import annotations

from sco_tui.tui.app import create_app
from sco_tui.tui.widgets.search_bar import SearchBar


async def ready(pilot) -> None:
    pilot.app.query_one(SearchBar).cursor_blink = False
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def test_main_screen_120x40(snap_compare) -> None:
    async def search(pilot) -> None:
        await ready(pilot)
        await pilot.press("slash", *"Kashmir", "enter", "enter")
        await ready(pilot)

    assert snap_compare(create_app(), terminal_size=(120, 40), run_before=search)


def test_main_screen_80x24(snap_compare) -> None:
    assert snap_compare(create_app(), terminal_size=(80, 24), run_before=ready)


def test_hits_80x24(snap_compare) -> None:
    async def search(pilot) -> None:
        await ready(pilot)
        await pilot.press("slash", *"Belarus")
        await ready(pilot)

    assert snap_compare(create_app(), terminal_size=(80, 24), run_before=search)
