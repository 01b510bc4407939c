"""The app as a person uses it: Pilot key presses on the real seeds and a real index."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static

from sco_tui.tui.app import ScoApp, create_app
from sco_tui.tui.screens.help import HelpScreen
from sco_tui.tui.widgets.article_list import ArticleList
from sco_tui.tui.widgets.hit_list import HitOptions
from sco_tui.tui.widgets.reader import Reader
from sco_tui.tui.widgets.search_bar import SearchBar


async def settle(app: ScoApp, pilot) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def hit_ids(app: ScoApp) -> list[str]:
    hits = app.query_one(HitOptions)
    return sorted(hits.get_option_at_index(i).id[:3] for i in range(hits.option_count))


def plain(widget: Static) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


def text_of(app: ScoApp, selector: str) -> str:
    return plain(app.query_one(selector, Static))


async def test_type_a_query_and_read_a_hit() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "5 articles · 3 outlets · index ready" in text_of(app, "#status")
        await pilot.press("slash", *"Kashmir")
        await settle(app, pilot)
        assert hit_ids(app) == ["001", "003"]
        summary = text_of(app, "#hit-summary")
        assert "2 hits in 2 outlets" in summary and "Asian Lite News" in summary
        await pilot.press("enter")  # leaves the box for the hits
        assert isinstance(app.focused, HitOptions)
        await pilot.press("enter")  # opens the highlighted hit
        await settle(app, pilot)
        reader = app.query_one(Reader)
        assert isinstance(app.focused, Reader)
        assert reader.article.id == "001_a947daa3add8d49a"
        [(start, end)] = reader.spans
        assert reader.article.body[start:end] == "Kashmir"
        assert reader.current == 0  # it opens at the first match
        await pilot.press("n")
        assert reader.current == 0  # one match: next and previous both land on it
        await pilot.press("N")
        assert reader.current == 0
        await pilot.press("escape")
        assert isinstance(app.focused, HitOptions)


async def test_each_keystroke_searches_the_word_being_typed_as_a_prefix() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Kas")
        await settle(app, pilot)
        assert hit_ids(app) == ["001", "003"]  # "Kas" is searched as kas*: Kashmir
        await pilot.press(*"hmir", "space", *"Gu")  # "Gu": too short to expand, searched without it
        await settle(app, pilot)
        assert hit_ids(app) == ["001", "003"]
        await pilot.press("t")  # "Gut" -> gut* -> Guterres: Kashmir AND Guterres
        await settle(app, pilot)
        assert hit_ids(app) == ["003"]


async def test_bad_query_and_did_you_mean_are_shown_inline() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"x:y")
        await settle(app, pilot)
        assert "unknown field 'x:'" in text_of(app, "#hit-summary")
        await pilot.press(*["backspace"] * 3, *"Kashmri", "space")
        await settle(app, pilot)
        summary = text_of(app, "#hit-summary")
        assert "No hits for Kashmri" in summary and "Did you mean kashmir?" in summary
        assert app.is_running


async def test_opening_an_article_from_the_list_highlights_the_current_query() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Belarus", "escape")
        await settle(app, pilot)
        assert isinstance(app.focused, HitOptions)
        await pilot.press("escape")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("enter")  # the first article (by outlet): Asian Lite News, 003
        await settle(app, pilot)
        reader = app.query_one(Reader)
        assert reader.article.outlet_name == "Asian Lite News"
        assert [reader.article.body[s:e] for s, e in reader.spans] == ["Belarus"]


async def test_marking_sorting_and_the_outlet_filter() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.query_one(ArticleList)
        assert table.current_id() == "003_625b4c25c277fb8f"  # sorted by outlet: Asian Lite News first
        await pilot.press("space", "space")
        assert table.marked == {"003_625b4c25c277fb8f", "004_c8b71dc69254530b"}
        assert str(table.get_cell("003_625b4c25c277fb8f", "mark")) == "●"
        await pilot.press("k", "space")  # unmark 004
        assert table.marked == {"003_625b4c25c277fb8f"}
        await pilot.press("s")
        assert table.sort_by == "title"
        assert next(str(k.value) for k in table.rows) == "002_074d0d399cf2dab1"  # "Putin And Xi Praise…"
        facet = app.query_one("#facet")
        facet.focus()
        await pilot.press("down", "down", "down", "enter")  # All, Unattributed, Asian Lite News, Press TV
        await settle(app, pilot)
        assert [str(k.value) for k in table.rows] == ["004_c8b71dc69254530b"]
        await pilot.press("slash", *"Belarus")
        await settle(app, pilot)
        assert hit_ids(app) == ["004"]  # search is filtered to the outlet too


async def test_removed_text_toggle_shows_what_cleaning_took() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_article("000_6f0f72e896a6eae1")
        await pilot.pause()
        removed = app.query(".removed")
        assert any("Leave a Reply" in plain(w) for w in removed)
        assert all(w.region.height == 0 for w in removed)  # hidden until asked for
        await pilot.press("r")
        await pilot.pause()
        assert app.query_one(Reader).show_removed
        assert all(w.region.height > 0 for w in app.query(".removed"))


async def test_help_lists_every_key_and_escape_closes_it() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = " ".join(plain(w) for w in app.screen.query(Static))
        for words in ("Next match", "Prev match", "Mark", "Sort", "Search", "Quit", "Command palette", "Earlier query",
                      "Compare", "Stories", "Unique", "Omitted", "Contested", "Export"):
            assert words in shown
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_every_binding_has_an_id_and_a_tooltip() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for _section, bindings in app.key_sections():
            for b in bindings:
                assert b.id and b.tooltip, b


async def test_quit() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def _search_and_set_a_theme(app: ScoApp) -> list[str]:
    """Search "Guterres" and choose the nord theme, as a user would; the notices shown meanwhile."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Guterres", "enter")
        app.theme = "nord"
        await pilot.pause()
        return [str(n.message) for n in app._notifications]


async def test_history_and_theme_are_remembered(private_dirs: Path) -> None:
    await _search_and_set_a_theme(create_app())
    history = private_dirs / "data" / "sco-tui" / "history.txt"
    assert history.read_text(encoding="utf-8").splitlines() == ["Guterres"]
    assert json.loads((private_dirs / "config" / "sco-tui" / "settings.json").read_text())["theme"] == "nord"
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.theme == "nord"
        await pilot.press("slash", "up")
        assert app.query_one(SearchBar).value == "Guterres"


async def test_damaged_history_and_settings_are_set_aside_not_written_over(private_dirs: Path) -> None:
    history = private_dirs / "data" / "sco-tui" / "history.txt"
    config = private_dirs / "config" / "sco-tui" / "settings.json"
    history.parent.mkdir(parents=True)
    config.parent.mkdir(parents=True)
    history.write_bytes(b"\xff\xfe garbage \x80")
    config.write_text("{not json", encoding="utf-8")
    said = " ".join(await _search_and_set_a_theme(create_app()))
    assert "history.txt could not be read" in said and "settings.json could not be read" in said
    assert (history.parent / "history.txt.damaged").read_bytes() == b"\xff\xfe garbage \x80"
    assert (config.parent / "settings.json.damaged").read_text(encoding="utf-8") == "{not json"
    assert history.read_text(encoding="utf-8").splitlines() == ["Guterres"]
    assert json.loads(config.read_text(encoding="utf-8"))["theme"] == "nord"


async def test_narrow_terminal_shows_one_pane_at_a_time() -> None:
    app = create_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.screen.has_class("-narrow")
        assert app.query_one("#articles-pane").display and app.query_one("#articles-pane").region.width > 70
        await pilot.press("slash", *"Kashmir")
        await settle(app, pilot)
        assert app.query_one("#hits-pane").region.width > 70
        assert app.query_one("#articles-pane").region.width == 0
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert app.query_one("#reader-pane").region.width > 70


async def test_tiny_terminal_says_so() -> None:
    app = create_app()
    async with app.run_test(size=(40, 10)) as pilot:
        await settle(app, pilot)
        assert app.query_one("#too-small").region.height > 0
        assert app.query_one("#main").region.height == 0


async def test_keys_do_not_reach_a_search_box_hidden_by_a_tiny_terminal() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Kash")
        await settle(app, pilot)
        box = app.screen.focused
        await pilot.resize_terminal(40, 10)
        await settle(app, pilot)
        await pilot.press(*"xyz", "slash", *"xyz")
        await settle(app, pilot)
        assert box.value == "Kash"  # typed into a box no one can see, before; "/" focused it again
        await pilot.resize_terminal(120, 40)
        await settle(app, pilot)
        assert app.screen.focused is box  # and the box has its focus back


@pytest.mark.parametrize("inputs", [["missing-folder"], []])
async def test_unreadable_corpus_is_a_message_not_a_crash(tmp_path: Path, inputs: list[str]) -> None:
    paths = [tmp_path / name for name in inputs]
    if not inputs:
        (tmp_path / "empty.txt").write_bytes(b"")
        paths = [tmp_path]
    app = create_app(paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        status = text_of(app, "#status")
        assert status.startswith("No readable articles in ")
        assert ("no such file or folder" in status) if inputs else ("empty file" in status)
        await pilot.press("slash", *"Belarus")
        await settle(app, pilot)
        assert app.is_running
        said = text_of(app, "#hit-summary")
        assert "No readable articles in" in said and "Indexing" not in said  # never waiting for an index


def seeds_and_a_flood(folder: Path) -> Path:
    """The seeds and an article on another event (a flood in Lagos): two stories."""
    from sco_tui.corpus.seeds import seeds_dir

    for f in seeds_dir().glob("*.txt"):
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "zz_lagos.txt").write_text(
        "Flood warning in Lagos\n\nHeavy rains flooded Lagos on Monday and the state government ordered "
        "residents of low-lying Ikorodu and Lekki districts to leave their homes.\n", encoding="utf-8")
    return folder


async def test_stories_screen_filters_and_compares(tmp_path: Path) -> None:
    from sco_tui.tui.screens.compare import CompareScreen
    from sco_tui.tui.screens.stories import StoriesScreen

    app = create_app([seeds_and_a_flood(tmp_path)])
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, StoriesScreen)
        summit = screen.stories[0]
        assert len(summit.articles) >= 4 and any(len(s.articles) == 1 for s in screen.stories)
        await pilot.press("j")  # the next story: one article
        coverage = plain(screen.query_one("#coverage"))
        assert screen.stories[1].label in coverage
        await pilot.press("k")
        await pilot.press("enter")  # the first story: the SCO summit
        await settle(app, pilot)
        assert not isinstance(app.screen, StoriesScreen)
        assert len(app.query_one(ArticleList).articles) == len(summit.articles)
        await pilot.press("slash", *"heavy rains")
        await settle(app, pilot)
        assert hit_ids(app) == []  # Lagos is outside the story
        await pilot.press("escape", "c")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen) and len(app.screen.articles) == len(summit.articles)


async def test_a_story_compared_from_the_stories_leaves_the_explorer_as_it_was(tmp_path: Path) -> None:
    """``c`` on a story is a look at it: back from the comparison, the list and search cover every article.
    A story chosen with ``enter`` stays chosen until ``escape`` (with nothing else to leave) lets it go."""
    from sco_tui.tui.screens.compare import CompareScreen

    app = create_app([seeds_and_a_flood(tmp_path)])
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        await pilot.press("c")  # the first story: the summit
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.story is None and len(app.query_one(ArticleList).articles) == 6
        await pilot.press("g")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.story is not None and len(app.query_one(ArticleList).articles) < 6
        for _ in range(3):
            await pilot.press("escape")
            await settle(app, pilot)
        assert app.story is None and len(app.query_one(ArticleList).articles) == 6


async def test_two_fast_enters_in_the_search_box_open_the_first_hit() -> None:
    """Both keys queued before either is handled (as a terminal delivers them): the first leaves the
    box for the hits, the second opens the highlighted hit; before, both landed in the box."""
    from textual import events

    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Kashmir")
        await settle(app, pilot)
        app.post_message(events.Key("enter", "\r"))
        app.post_message(events.Key("enter", "\r"))
        await settle(app, pilot)
        assert isinstance(app.focused, Reader)
        assert app.query_one(Reader).article.id == "001_a947daa3add8d49a"
        assert app.history[-1:] == ["Kashmir"]  # the query still went to the history, once
        assert app.history.count("Kashmir") == 1


async def test_a_search_typed_while_reading_brings_its_first_match_into_view() -> None:
    """Reading an article, a new search's first match in it comes into view (it stayed at the top)."""
    app = create_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Kashmir", "enter", "enter")
        await settle(app, pilot)
        reader = app.query_one(Reader)
        last = reader.paras[-1]
        word = max(last.text.split(), key=len).strip(".,;:“”\"'’()")
        app.query_one(SearchBar).value = word  # typed while reading
        await settle(app, pilot)
        await pilot.pause(0.3)
        para = next(p for p in reader.paras if p.start <= reader.spans[reader.current][0] < p.start + len(p.text))
        assert reader.scroll_y > 0 and para.region.height > 0, (word, reader.scroll_y)


async def test_keystrokes_during_a_search_search_only_the_newest_text() -> None:
    """A search in flight is not stopped; what was typed meanwhile is searched once, as the newest
    text, never each stale prefix in turn."""
    import threading

    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        searched: list[str] = []
        release = threading.Event()
        real = app.library.search

        def slow(text: str, **kwargs):
            searched.append(text)
            if text == "K":
                release.wait(5)
            return real(text, **kwargs)

        app.library.search = slow
        await pilot.press("slash", "K")
        await pilot.pause()
        await pilot.press(*"ashmi")
        release.set()
        await pilot.press("r")
        await settle(app, pilot)
        assert searched[0] == "K" and searched[-1] == "Kashmir"
        assert len(searched) <= 3, searched  # K, then at most one stale text, then the newest
        assert app.shown_query == "Kashmir" and hit_ids(app) == ["001", "003"]


async def test_a_corpus_of_ones_own_gets_the_query_language_not_the_seeds_words(tmp_path: Path) -> None:
    """On another corpus the hints show the syntax ("Belarus" may find nothing there), and one article and
    one outlet are said in the singular."""
    (tmp_path / "a.txt").write_text("Floods in Lagos\n\nHeavy rains flooded Lagos on Monday.\n", encoding="utf-8")
    app = create_app([tmp_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "1 article · 1 outlet · index ready" in text_of(app, "#status")
        hint = text_of(app, "#hit-summary")
        assert "Belarus" not in hint and "outlet:name" in hint and "prefix*" in hint
        assert "Belarus" not in app.query_one(SearchBar).placeholder


async def test_tab_reaches_every_pane_when_the_panes_take_turns() -> None:
    """Below 110 columns one pane shows at a time; tab still goes search, outlets, articles, hits, reader in turn
    (the screen's own tab skipped the hidden panes and cycled search, outlets, articles)."""
    app = create_app([], {}, None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        seen = []
        for _ in range(6):
            await pilot.press("tab")
            await pilot.pause(0.3)
            seen.append((type(app.focused).__name__, app.last_pane))
        assert ("HitOptions", "hits") in seen and ("Reader", "reader") in seen, seen
        assert {"SearchBar", "ArticleList"} <= {name for name, _ in seen}
