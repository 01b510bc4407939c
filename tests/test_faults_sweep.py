"""Faults found by sweeping the installed CLI and the app (round 8), each through the real entry point.

The full table of cases tried, with what was expected and what happened, is benchmarks/faults/sweep.md.
"""

from __future__ import annotations

import json
from pathlib import Path

from sco_tui.tui.app import create_app
from sco_tui.tui.screens.compare import CompareScreen
from tests.test_app import settle
from tests.test_compare_screen import notices, open_comparison


# -- a compared term that no article uses ----------------------------------------------------------
def test_a_term_in_no_article_says_so_in_every_format(cli, seed_copy: Path, tmp_path: Path) -> None:
    rc, out, err = cli("compare", seed_copy, "--term", "zqxwv", "--term", "Belarus", "--format", "md")
    assert rc == 0
    assert "| zqxwv (in no article) |" in out
    assert "| Belarus |" in out  # a term some articles use keeps its plain row
    assert err.strip().splitlines() == ["sco-tui: 'zqxwv' is in none of the 5 articles, in any form"]
    rc, out, err = cli("compare", seed_copy, "--term", " zqxwv ", "--json")  # stripped, as the app does
    assert rc == 0 and "'zqxwv' is in none of the 5 articles" in err
    [row] = [t for t in json.loads(out)["terms"] if t["term"] == "zqxwv"]
    assert row["uses"] == {}
    html = tmp_path / "brief.html"
    rc, _out, _err = cli("compare", seed_copy, "--term", "zqxwv", "-o", html)
    assert rc == 0 and "zqxwv (in no article)" in html.read_text(encoding="utf-8")
    rc, out, _err = cli("compare", seed_copy, "--term", "zqxwv")  # the terminal tables
    assert rc == 0 and "no" in out and "article)" in out


def test_an_empty_term_is_refused_before_the_work(cli, seed_copy: Path) -> None:
    for bad in ("", "   "):
        rc, out, err = cli("compare", seed_copy, "--term", bad)
        assert rc == 2 and out == ""
        assert err.strip() == "sco-tui: --term needs a word or a phrase, not an empty string"


async def test_the_app_says_a_term_is_in_no_article() -> None:
    app = create_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_comparison(pilot)
        seen = notices(app)
        await pilot.press("t", *"zqxwv", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        assert screen._cursor_keys()[0] == "term:zqxwv"
        assert screen.rows["term:zqxwv"].label == "zqxwv (in no article)"
        assert "“zqxwv” is in none of the 5 articles, in any form" in seen
        seen.clear()
        await pilot.press("t", *"Belarus", "enter")
        await settle(app, pilot)
        assert screen.rows["term:Belarus"].label == "Belarus" and not any("none of" in s for s in seen)
