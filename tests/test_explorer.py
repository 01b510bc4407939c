"""The explorer's first hour: the outlet filter from the keyboard, the reader at the first match,
more than twenty hits, undated articles last, and help and quit always in the footer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Static

from sco_tui.corpus.load import load_corpus
from sco_tui.tui.app import create_app
from sco_tui.tui.screens.help import HelpScreen
from sco_tui.tui.widgets.article_list import ArticleList
from sco_tui.tui.widgets.hit_list import MORE, HitOptions
from sco_tui.tui.widgets.outlet_facet import OutletFacet
from sco_tui.tui.widgets.reader import Paragraph, Reader
from tests.test_app import plain, settle, text_of


async def test_tab_reaches_the_outlet_filter_and_enter_filters() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "tab")
        assert isinstance(app.focused, OutletFacet)
        facet = app.query_one(OutletFacet)
        target = next(i for i in range(facet.option_count) if facet.get_option_at_index(i).id == "Press TV")
        for _ in range(target):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(app, pilot)
        assert [a.outlet_name for a in app.query_one(ArticleList).articles] == ["Press TV"]
        await pilot.press("shift+tab")
        assert isinstance(app.focused, OutletFacet)


def _late_word() -> tuple[str, str, int]:
    """A word that one seed uses only far down its body: (word, article id, paragraph of its first use)."""
    seeds = list(load_corpus())
    for a in seeds:
        paras = [t for _, t in a.paragraphs()]
        for k in range(len(paras) - 1, 5, -1):
            for w in paras[k].split():
                w = w.strip(".,“”\"'’()")
                if len(w) > 7 and w.isalpha() and w.istitle():
                    users = [b for b in seeds if w in b.body or w in b.title]
                    if len(users) == 1 and not any(w in p for p in paras[:k]) and w not in a.title:
                        return w, a.id, k
    raise AssertionError("no late word in the seeds")


async def test_the_reader_opens_at_the_first_match_in_view() -> None:
    word, article_id, paragraph = _late_word()
    app = create_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *word, "enter", "enter")
        await settle(app, pilot)
        reader = app.query_one(Reader)
        assert reader.article.id == article_id and reader.current == 0
        para = list(reader.query(Paragraph))[paragraph]
        top, bottom = reader.scroll_y, reader.scroll_y + reader.size.height
        assert reader.scroll_y > 0 and top <= para.virtual_region.y < bottom  # the match is on screen
        await pilot.press("n")
        await pilot.pause()
        assert reader.current == (1 if len(reader.spans) > 1 else 0)


@pytest.fixture
def paragraphs_corpus(tmp_path: Path) -> Path:
    """Every seed paragraph that names Russia, as an article of its own (real text, over 20 of them)."""
    records = []
    for a in load_corpus():
        for k, (_, text) in enumerate(a.paragraphs()):
            if "Russia" in text and len(text.split()) > 12:
                records.append({"id": f"{a.id[:3]}-{k}", "title": " ".join(text.split()[:8]), "text": text,
                                "outlet": a.outlet_name})
    assert len(records) > 25
    path = tmp_path / "paragraphs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


async def test_more_hits_past_the_first_twenty(paragraphs_corpus: Path) -> None:
    app = create_app([paragraphs_corpus])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Russia", "enter")
        await settle(app, pilot)
        hits = app.query_one(HitOptions)
        total = int(text_of(app, "#hit-summary").split(" hit")[0])
        assert total > 20 and hits.option_count == 21
        assert hits.get_option_at_index(20).id == MORE
        hits.highlighted = 20
        await pilot.press("enter")
        await settle(app, pilot)
        shown = [hits.get_option_at_index(i).id for i in range(hits.option_count)]
        assert len(shown) == min(total, 40) + (1 if total > 40 else 0) and MORE not in shown[:-1]
        assert len(set(shown)) == len(shown)


async def test_date_sort_puts_undated_articles_last() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        articles = app.query_one(ArticleList)
        while articles.sort_by != "date":
            articles.action_cycle_sort()
        for _ in range(2):  # newest first, then (on the header) oldest first: undated last both ways
            ids = [str(k.value) for k in articles.rows]
            dated = [i for i in ids if app.corpus.get(i).date.value]
            assert len(ids) == 5 and 0 < len(dated) < 5 and ids[: len(dated)] == dated
            articles.sort_on("date")


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80", "100"])
async def test_help_and_quit_stay_in_the_footer(size: tuple[int, int]) -> None:
    app = create_app()
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        keys = {k.key_display: k for k in app.screen.query("FooterKey")}
        for key in ("?", "q"):
            assert key in keys and keys[key].region.right <= size[0], key


async def test_help_lists_enter() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(plain(s) for s in app.screen.query(Static))
        assert "Open the highlighted article or hit in the reader" in " ".join(shown.split())


def test_cli_show_takes_an_unambiguous_prefix_and_index_json_is_json(cli) -> None:
    rc, out, _ = cli("show", "004")
    assert rc == 0 and "Putin, Xi meet at Central Asian summit" in out
    rc, _, err = cli("show", "00")
    assert rc == 2 and "000_6f0f72e896a6eae1" in err and "give more of the id" in err
    data = cli.json("index")
    assert data["total"] == 5 and data["up_to_date"] is False
    assert cli.json("index")["up_to_date"] is True
    rc, out, _ = cli("search", "Lukashenko")
    assert "1 hit for Lukashenko" in out


def test_a_phrase_highlights_the_phrase_not_its_words_alone() -> None:
    from sco_tui.workspace.library import Library

    library = Library()
    library.ensure_index()
    [hit] = library.search('"special military operation"').hits
    body = library.corpus().get(hit.id).body
    assert "military, and economic" in body  # a lone "military" the phrase must not mark
    assert {body[s:e].lower() for s, e in hit.spans} == {"special military operation"}
    asked_alone = library.search('military "special military operation"').hits[0]
    assert "military" in {body[s:e].lower() for s, e in asked_alone.spans}
    library.close()


async def test_a_cache_notice_is_shown_once(tmp_path: Path, monkeypatch) -> None:
    from tests.test_compare_screen import notices

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("SCO_TUI_CACHE_DIR", str(blocker / "cache"))  # unwritable, even for root
    app = create_app()
    seen = notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Belarus")
        await settle(app, pilot)
        assert "5 hits" in text_of(app, "#hit-summary")  # search still works
    about_cache = [n for n in seen if "cache" in n.lower() or "memory" in n.lower()]
    assert about_cache and len(about_cache) == len(set(about_cache)), about_cache


def test_index_into_a_pipe_prints_plain_progress_lines(cli, seed_copy: Path, monkeypatch) -> None:
    """stderr not a terminal (a pipe, a log): plain periodic lines instead of a bar (there was nothing)."""
    from sco_tui import console

    monkeypatch.setattr(console.PlainProgress, "EVERY", 0.0)  # a line per callback
    rc, _out, err = cli("index", seed_copy)
    assert rc == 0
    lines = err.splitlines()
    assert "sco-tui: indexed 5 of 5 (100%)" in " ".join(lines)
    assert any(line.startswith("sco-tui: read ") for line in lines)
    assert "\x1b" not in err and "\r" not in err  # no bar's control characters in a log


def test_plain_progress_waits_between_lines() -> None:
    from sco_tui.console import PlainProgress

    now = [0.0]
    lines: list[str] = []
    progress = PlainProgress(lines.append, every=5, clock=lambda: now[0])
    for t, done in ((1, 10), (5, 20), (7, 30), (10.5, 40)):
        now[0] = t
        progress("indexed", done, 100)
    assert lines == ["sco-tui: indexed 20 of 100 (20%) after 5 s\n", "sco-tui: indexed 40 of 100 (40%) after 10 s\n"]
