"""The comparison screen as a journalist uses it: every outlet in view, every cell explained,
less-like keys, a reader that returns to the same cell, and failures that say so."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import needs_sample, sample_part
from textual.widgets import DataTable

from sco_tui.tui.app import create_app
from sco_tui.tui.screens.compare import CompareScreen
from sco_tui.tui.screens.read import ReadScreen
from sco_tui.tui.widgets.reader import Reader
from tests.test_app import plain, settle

SEEDS = ["000_6f0f72e896a6eae1", "001_a947daa3add8d49a", "002_074d0d399cf2dab1", "003_625b4c25c277fb8f",
         "004_c8b71dc69254530b"]


async def open_comparison(pilot, *keys: str) -> CompareScreen:
    app = pilot.app
    await settle(app, pilot)
    await pilot.press(*keys, "c")
    await settle(app, pilot)
    assert isinstance(app.screen, CompareScreen)
    return app.screen


def notices(app) -> list[str]:
    """Every notification the app shows from now on (``notify`` wrapped, the public way in)."""
    seen: list[str] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        seen.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = notify
    return seen


def cursor(screen: CompareScreen) -> tuple[str, str]:
    keys = screen._cursor_keys()
    assert keys is not None
    return keys


def move(screen: CompareScreen, row_key: str, column: str) -> None:
    table = screen.query_one("#matrix", DataTable)
    table.move_cursor(row=table.get_row_index(row_key), column=[str(c.value) for c in table.columns].index(column))


async def test_all_five_outlets_side_by_side_at_160_columns_named_by_outlet() -> None:
    app = create_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_comparison(pilot)
        table = screen.query_one("#matrix", DataTable)
        assert table.max_scroll_x == 0  # no horizontal scrolling needed
        labels = [c.label.plain for c in table.columns.values()][1:]
        assert len(labels) == 5 and "Press TV" in labels and "Asian Lite News" in labels
        assert not any(aid[:7] in label for label in labels for aid in SEEDS)  # never an id
        assert len(set(labels)) == 5  # the three unattributed articles are told apart
        assert table.fixed_columns == 1  # row labels stay when the columns scroll


async def test_columns_scroll_below_a_readable_width_with_the_labels_fixed() -> None:
    app = create_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_comparison(pilot)
        table = screen.query_one("#matrix", DataTable)
        assert min(c.width for c in list(table.columns.values())[1:]) >= 22
        assert table.max_scroll_x > 0 and table.fixed_columns == 1


async def test_every_cell_explains_itself() -> None:
    app = create_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_comparison(pilot)
        table = screen.query_one("#matrix", DataTable)
        for row in range(0, table.row_count, 7):
            for col in range(len(table.columns)):
                table.move_cursor(row=row, column=col)
                await pilot.pause()
                shown = plain(screen.query_one("#evidence"))
                assert shown.strip() and "Move onto a finding" not in shown


async def test_a_shared_claim_shows_each_outlets_own_sentence() -> None:
    app = create_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_comparison(pilot)
        claims = screen.view.section("claims")
        row = next(r for r in claims.rows if len(r.carriers()) >= 3)
        move(screen, row.key, row.carriers()[0])
        await pilot.pause()
        shown = " ".join(plain(screen.query_one("#evidence")).split())
        for aid in row.carriers():
            first_words = " ".join(row.cells[aid].evidence[0].text.split()[:3])
            assert first_words in shown


async def test_q_and_escape_go_back_one_level_and_enter_returns_to_the_same_cell() -> None:
    app = create_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_comparison(pilot)
        comparison = screen.comparison
        move(screen, "scare:special military operation", SEEDS[4])
        await pilot.pause()
        assert "special military operation" in plain(screen.query_one("#evidence"))
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ReadScreen)
        reader = app.screen.query_one(Reader)
        assert reader.article.id == SEEDS[4]
        [(start, end)] = reader.spans
        assert "special military operation" in reader.article.body[start:end]
        await pilot.press("q")  # back to the comparison, not out of the app
        await settle(app, pilot)
        assert app.screen is screen and screen.comparison is comparison  # not recomputed
        assert cursor(screen) == ("scare:special military operation", SEEDS[4])
        await pilot.press("q")
        assert not isinstance(app.screen, CompareScreen) and app.is_running
        screen = await open_comparison(pilot)
        await pilot.press("escape")
        assert not isinstance(app.screen, CompareScreen) and app.is_running


async def test_enter_on_a_discrepancy_opens_its_sentence_highlighted() -> None:
    app = create_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_comparison(pilot)
        row = screen.view.section("discrepancies").rows[0]
        odd = next(aid for aid, c in row.cells.items() if c.state == "odd")
        move(screen, row.key, odd)
        await pilot.pause()
        assert "⚠" in str(screen.query_one("#matrix", DataTable).get_cell(row.key, odd))
        await pilot.press("enter")
        await settle(app, pilot)
        reader = app.screen.query_one(Reader)
        [(start, end)] = reader.spans
        assert row.cells[odd].text in reader.article.body[start:end]


async def test_a_new_term_row_comes_into_view_and_claim_filters_keep_the_claims_in_view() -> None:
    app = create_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_comparison(pilot)
        await pilot.press("t", *"sanctions", "enter")
        await settle(app, pilot)
        assert cursor(screen)[0] == "term:sanctions"
        table = screen.query_one("#matrix", DataTable)
        for key, tag in (("u", "unique"), ("o", "omitted"), ("x", "contested")):
            table.move_cursor(row=table.row_count - 1)  # far below the claims
            await pilot.pause()
            below = table.scroll_y
            assert below > 0
            await pilot.press(key)
            await pilot.pause()
            assert cursor(screen)[0] == "s-claims" and table.scroll_y < below  # brought back into view
            shown = [str(k.value) for k in table.rows if str(k.value).startswith("claim:")]
            assert shown and all(tag in screen.rows[k].tags for k in shown)
        await pilot.press("a")
        assert len([k for k in table.rows if str(k.value).startswith("claim:")]) == len(
            screen.view.section("claims").rows)


async def test_reuse_and_method_notes_are_in_the_app_and_voices_quote_only_what_was_quoted() -> None:
    app = create_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_comparison(pilot)
        keys = [str(k.value) for k in screen.query_one("#matrix", DataTable).rows]
        assert "s-notes" in keys and any(k.startswith("note:") for k in keys)
        assert any("distinctive" in screen.rows[k].why.lower() or "Distinctive" in screen.rows[k].why
                   for k in keys if k.startswith("note:"))
        voices = screen.view.section("voices")
        quotes = screen.comparison.quotes
        for row in voices.rows:
            for aid, cell in row.cells.items():
                said = [q for q in quotes if q.article == aid and (q.speaker or "(unattributed)") == row.label]
                if all(q.kind != "direct" for q in said):
                    assert "“" not in cell.text, cell.text  # paraphrase, not a quotation


async def test_a_failed_comparison_says_so(monkeypatch) -> None:
    import sco_tui.analysis.comparison as comparison

    def broken(*args, **kwargs):
        raise RuntimeError("analysis exploded")

    monkeypatch.setattr(comparison, "cached_compare", broken)
    app = create_app()
    seen = notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_comparison(pilot)
        assert not screen.query_one("#compare-loading").display  # no spinner forever
        assert "analysis exploded" in plain(screen.query_one("#evidence"))
        assert any("analysis exploded" in n for n in seen)


async def test_c_in_the_stories_screen_compares_the_story_not_stale_hits(tmp_path: Path) -> None:
    from sco_tui.corpus.seeds import seeds_dir

    for f in seeds_dir().glob("*.txt"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    for k, city in enumerate(("Lagos", "Ibadan")):
        (tmp_path / f"zz_{city}.txt").write_text(
            f"Flood warning in {city}\n\nHeavy rains flooded {city} on Monday and the state government ordered "
            f"residents of low-lying districts to leave their homes, officials said.\n\nSchools in {city} were "
            f"closed and {k + 3} bridges were shut as the water rose.\n", encoding="utf-8")
    app = create_app([tmp_path])
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Kashmir", "enter")  # two SCO hits on screen
        await settle(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        stories = app.screen.stories
        flood = next(i for i, s in enumerate(stories) if any("zz_" in a for a in s.articles))
        for _ in range(flood):
            await pilot.press("j")
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        assert sorted(a.id for a in app.screen.articles) == sorted(stories[flood].articles)


@needs_sample
async def test_c_with_nothing_chosen_asks_for_a_choice_instead_of_comparing_a_whole_corpus(tmp_path: Path) -> None:
    """250 unrelated articles are no event: ``c`` says how to choose; two marked articles compare at once."""
    app = create_app([sample_part(tmp_path, 250)])
    seen = notices(app)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert not isinstance(app.screen, CompareScreen)
        assert any("250 listed articles are not one event" in n and "story (g)" in n for n in seen), seen
        await pilot.press("space", "space", "c")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        assert len(app.screen.articles) == 2


async def test_export_says_the_full_path_and_never_overwrites(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sco-tui-comparison.md").write_text("mine", encoding="utf-8")
    app = create_app()
    seen = notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_comparison(pilot)
        await pilot.press("e")
        await settle(app, pilot)
        message = next(n for n in seen if n.startswith("Wrote"))
    assert str(tmp_path / "sco-tui-comparison-2.md") in message
    assert (tmp_path / "sco-tui-comparison.md").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "sco-tui-comparison-2.md").read_text(encoding="utf-8").startswith("# Putin and Xi")
    # the pair keeps one name: the HTML beside it is -2 too, though no plain .html was there
    assert (tmp_path / "sco-tui-comparison-2.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    assert not (tmp_path / "sco-tui-comparison.html").exists()


@pytest.mark.parametrize("size", [(160, 45), (100, 30), (80, 24)], ids=["160x45", "100x30", "80x24"])
def test_comparison_snapshot(snap_compare, size: tuple[int, int]) -> None:
    from tests.test_snapshots import ready

    async def compare(pilot) -> None:
        await ready(pilot)
        await pilot.press("c")
        await ready(pilot)
        await pilot.press("down", "down", "down", "right")
        await ready(pilot)
        # the 3-second "Comparing…" notice is up or gone depending on whether the comparison was cached
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(create_app(), terminal_size=size, run_before=compare)
