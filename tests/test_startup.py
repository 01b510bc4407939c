"""Start-up: a relaunch lists the cached articles with light imports, the panes the first frame does
not show come right after it, and nothing typed meanwhile is lost."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from sco_tui.index.articles import ARTICLES_FILE, LIST_FILE
from sco_tui.tui import app as app_module
from sco_tui.tui.app import create_app
from sco_tui.tui.widgets.article_list import ArticleList
from sco_tui.tui.widgets.hit_list import HitList, HitOptions
from sco_tui.tui.widgets.reader import Reader
from sco_tui.tui.widgets.search_bar import SearchBar
from sco_tui.workspace.library import Library
from sco_tui.workspace.listing import cached_list
from tests.test_app import settle

#: What reading and cleaning inputs, or an index, need; a relaunch's list needs none of it.
HEAVY = ("sco_tui.corpus.load", "sco_tui.corpus.clean", "sco_tui.corpus.readers", "sco_tui.index.store",
         "sco_tui.workspace.library", "whoosh", "numpy", "textual")


def test_the_cached_list_is_read_with_light_imports(seed_copy: Path) -> None:
    expected = Library([seed_copy]).corpus()  # reads the inputs, writes the article cache
    code = ("import json, sys\nfrom pathlib import Path\nfrom sco_tui.workspace.listing import cached_list\n"
            f"listing = cached_list([Path({str(seed_copy)!r})])\n"
            "rows = [[a.id, a.title, a.outlet_name, a.date.value, a.words] for a in listing.corpus]\n"
            f"print(json.dumps(rows)); print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert json.loads(out[0]) == [[a.id, a.title, a.outlet_name, a.date.value, a.words] for a in expected]
    assert json.loads(out[1]) == []


def test_the_cached_list_is_none_unless_it_is_for_these_inputs_and_intact(seed_copy: Path) -> None:
    assert cached_list([seed_copy]) is None  # nothing cached yet
    library = Library([seed_copy])
    library.corpus()
    assert [a.id for a in cached_list([seed_copy]).corpus] == [a.id for a in library.corpus()]
    list_file = library.store.root / LIST_FILE
    data = list_file.read_bytes()
    list_file.write_bytes(data.replace(b"Astana", b"Astanb", 1))  # one byte of the list
    assert cached_list([seed_copy]) is None
    list_file.write_bytes(data)
    assert cached_list([seed_copy]) is not None
    first = sorted(seed_copy.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert cached_list([seed_copy]) is None  # an edited input: the cache is not for it


def test_the_library_takes_the_list_and_recovers_a_damaged_body(seed_copy: Path) -> None:
    fresh = Library([seed_copy]).corpus()
    listing = cached_list([seed_copy])
    library = listing.library()
    assert library.cached() is listing.corpus  # not read again
    bodies = library.store.root / ARTICLES_FILE
    data = bytearray(bodies.read_bytes())
    data[20:24] = b"XXXX"  # inside the first body
    bodies.write_bytes(bytes(data))
    first = listing.corpus.articles[0]
    assert first.body == next(a for a in fresh if a.id == first.id).body  # read again from the inputs
    assert any("damaged" in n for n in library.notices)


def test_the_library_does_not_take_a_list_of_inputs_since_changed(seed_copy: Path) -> None:
    Library([seed_copy]).corpus()
    listing = cached_list([seed_copy])
    first = sorted(seed_copy.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    library = Library([seed_copy])
    assert not library.adopt(listing)
    assert library.cached() is None


class SlowLibrary(Library):
    """The seeds' library, whose article list is held back until the test lets it go."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def cached(self):
        self.gate.wait(timeout=30)
        return super().cached()


async def test_keys_typed_before_the_hits_and_reader_are_mounted_are_not_lost(monkeypatch) -> None:
    monkeypatch.setattr(app_module, "PARTS_AFTER", 60.0)  # only a key (or the list) brings them
    library = SlowLibrary()
    app = create_app(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app.query(HitList) and not app.query(Reader)  # not there yet
        await pilot.press("slash", *"Kashmir")
        assert app.query(HitList) and app.query(Reader)  # the first key brought them, in time for it
        assert app.query_one(SearchBar).value == "Kashmir"
        library.gate.set()
        for _ in range(4):
            await app.workers.wait_for_complete()
            await pilot.pause()
        hits = app.query_one(HitOptions)
        assert sorted(hits.get_option_at_index(i).id[:3] for i in range(hits.option_count)) == ["001", "003"]
        await pilot.press("enter", "enter")  # to the hits, then open one in the reader
        await pilot.pause()
        assert app.query_one(Reader).article is not None


async def test_an_article_opened_from_the_list_right_away_opens_in_the_reader() -> None:
    first = create_app()  # a first launch caches the list: the next one shows it in its first frame
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(first, pilot)
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        listed = app.query_one(ArticleList)
        for _ in range(200):  # the first rows (the pilot starts before them); the panes may still be coming
            if listed.row_count:
                break
            await pilot.pause(0.005)
        await pilot.press("enter")  # the first key: the list has the focus
        await settle(app, pilot)
        assert listed.current_id() is not None
        assert app.query_one(Reader).article.id == listed.current_id()


async def test_the_footer_rebuilds_its_keys_only_when_they_change() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        keys = list(app.screen.query("FooterKey"))
        assert "Mark" in {k.description for k in keys}  # the list's keys, while it has the focus
        app.screen.refresh_bindings()  # nothing changed
        await pilot.pause()
        assert list(app.screen.query("FooterKey")) == keys  # the same widgets: not rebuilt
        await pilot.press("slash")  # the search box: the list's keys go
        await pilot.pause()
        assert "Mark" not in {k.description for k in app.screen.query("FooterKey")}
        assert all(k.has_class("-compact") for k in app.screen.query("FooterKey"))


def test_collections_are_as_usual_once_the_list_is_drawn() -> None:
    code = ("import gc\nfrom sco_tui.tui import idle_gc\nfrom sco_tui.tui.app import create_app\n"
            "held = gc.get_threshold()[0]\n"
            "async def check(pilot):\n"
            "    for _ in range(3):\n"
            "        await pilot.app.workers.wait_for_complete()\n"
            "        await pilot.pause()\n"
            "    print(held, gc.get_threshold()[0], idle_gc.STARTING)\n"
            "    pilot.app.exit()\n"
            "create_app().run(headless=True, size=(80, 24), auto_pilot=check)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    held, after, starting = map(int, out[-3:])
    assert held == starting  # while Textual and the app load
    assert after < starting  # as usual once the first frame is drawn


async def test_enter_on_the_list_before_its_rows_opens_the_first_once_they_come() -> None:
    library = SlowLibrary()  # a first launch: the list's rows come after the first keys
    app = create_app(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        listed = app.query_one(ArticleList)
        assert not listed.row_count
        await pilot.press("enter")  # the list has the focus, and no rows yet
        await pilot.pause()
        assert app.query_one(Reader).article is None
        library.gate.set()
        await settle(app, pilot)
        assert listed.row_count and listed.current_id() is not None
        assert app.query_one(Reader).article.id == listed.current_id()
        assert app.focused is app.query_one(Reader)


async def test_enter_before_the_rows_is_forgotten_when_the_user_goes_elsewhere() -> None:
    library = SlowLibrary()
    app = create_app(library=library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "slash")  # enter on the empty list, then the search box
        library.gate.set()
        await settle(app, pilot)
        assert app.query_one(ArticleList).row_count
        assert app.query_one(Reader).article is None
        assert isinstance(app.focused, SearchBar)
