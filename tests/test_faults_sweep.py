"""Faults found by sweeping the installed CLI and the app (round 8), each through the real entry point.

The full table of cases tried, with what was expected and what happened, is benchmarks/faults/sweep.md.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

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


# -- --json asked: stdout is JSON on every path, errors included ---------------------------------------
def test_errors_with_json_print_a_json_error_on_stdout_too(cli, seed_copy: Path, tmp_path: Path) -> None:
    cases = [("search", "--json"), ("search", "x", "--limit", "abc", "--json"), ("show", "zzz", "--json"),
             ("compare", "--story", "nosuch", "--json"), ("cues", "--articles", "zzz", "--json", seed_copy),
             ("list", "--bogus", "--json"), ("list", tmp_path / "nope.jsonl", "--json"),
             ("compare", "--articles", "000", "--format", "json", seed_copy),
             ("search", "outlet:", "--json", seed_copy)]
    for args in cases:
        rc, out, err = cli(*args)
        assert rc == 2, args
        [line] = err.strip().splitlines()
        assert json.loads(out) == {"error": line.removeprefix("sco-tui: "), "status": 2}, args
    rc, out, err = cli("search", "x", "--limit", "abc")  # without --json: stdout stays empty
    assert rc == 2 and out == "" and "whole number" in err
    rc, out, _err = cli("search", "--", "--json")  # after --, a query, not the option
    assert rc == 0 and json.loads(out) if out.startswith("{") else rc == 0


# -- doctor: a pointer cut short and the article cache are verified --------------------------------------
def test_doctor_finds_a_cut_pointer_and_a_damaged_article_cache(cli, seed_copy: Path) -> None:
    assert cli("index", seed_copy)[0] == 0
    rc, out, _err = cli("doctor", seed_copy, "--json")
    report = json.loads(out)
    assert rc == 0 and report["article_cache"] == "sound"
    root = Path(report["folder"])
    bodies = root / "articles.jsonl"
    data = bytearray(bodies.read_bytes())
    data[len(data) // 2] ^= 1  # one bit of one body, the size unchanged
    bodies.write_bytes(bytes(data))
    rc, out, _err = cli("doctor", seed_copy, "--json")
    report = json.loads(out)
    assert rc == 1 and report["article_cache"].startswith("damaged (checksum mismatch): not trusted")
    pointer = root / "current"
    pointer.write_text(pointer.read_text()[:6])  # "gen-ab": cut short, names no generation
    rc, out, _err = cli("doctor", seed_copy)
    assert rc == 1 and "pointer names a generation that is not there" in out
    rc, out, _err = cli("search", "Belarus", seed_copy, "--json")  # rebuilt, as a removed generation is
    assert rc == 0 and json.loads(out)["total"] == 5
    for _ in SEED_IDS:  # reading every body recovers the damaged one and rewrites the cache
        assert cli("show", _, seed_copy)[0] == 0
    rc, out, _err = cli("doctor", seed_copy, "--json")
    assert rc == 0 and json.loads(out)["article_cache"] == "sound"


SEED_IDS = ("000", "001", "002", "003", "004")


# -- hostile files ---------------------------------------------------------------------------------------
def test_a_binary_jsonl_is_one_line_not_one_per_line(cli, tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_bytes(bytes(range(256)) * 16 + b"\n" + bytes(range(255, -1, -1)) * 16 + b"\n" + b"\x00\x01\x02\n" * 40)
    rc, _out, err = cli("list", path)
    assert rc == 2
    assert err.splitlines() == [f"sco-tui: no readable articles in {path}: binary file, not text: its first 3 lines "
                                "are no text in any encoding; the rest was not read"]
    good = json.dumps({"id": "g1", "title": "Summit", "text": "The summit opened in Astana. " * 20})
    path.write_bytes(b"\x00\x01garbage\n" + good.encode() + b"\n")  # one damaged line, then a record: kept
    rc, out, err = cli("list", path, "--json")
    assert rc == 0 and [a["id"] for a in json.loads(out)] == ["g1"]
    assert err.strip() == f"sco-tui: skipped {path}:1: malformed JSON line: binary file, not text"


def test_stray_nuls_and_utf16_without_a_bom_are_read_and_said(cli, seed_copy: Path, tmp_path: Path) -> None:
    texts = [f.read_text(encoding="utf-8") for f in sorted(seed_copy.glob("*.txt"))]
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "nul.txt").write_bytes(texts[0][:300].encode() + b"\x00\x00" + texts[0][300:].encode())
    (folder / "le.txt").write_bytes(texts[1].encode("utf-16-le"))
    (folder / "be.txt").write_bytes(texts[2].encode("utf-16-be"))
    (folder / "short.md").write_bytes(b"\x00binary")  # a NUL in a handful of bytes: binary
    rc, out, err = cli("list", folder, "--json")
    assert rc == 0 and sorted(a["id"] for a in json.loads(out)) == ["be", "le", "nul"]
    assert "short.md: binary file, not text" in err
    for aid, note, seed in (("nul", "2 NUL bytes removed", "000"),
                            ("le", "no byte-order mark: decoded as UTF-16-LE", "001"),
                            ("be", "no byte-order mark: decoded as UTF-16-BE", "002")):
        shown = json.loads(cli("show", aid, folder, "--json")[1])
        original = json.loads(cli("show", seed, seed_copy, "--json")[1])
        assert note in shown["notes"]
        assert (shown["title"], shown["text"]) == (original["title"], original["text"])  # nothing lost


def test_character_references_in_a_json_title_and_outlet_are_resolved(cli, tmp_path: Path) -> None:
    body = "<p>" + "The summit opened in Astana on Wednesday &amp; leaders met. " * 20 + "</p><script>alert(1)</script>"
    path = tmp_path / "scraped.jsonl"
    path.write_text(json.dumps({"id": "e1", "title": "Caf&eacute; &amp; summit &#8212; live&nbsp;blog",
                                "source": "Le Monde &amp; Co", "text": body}) + "\n"
                    + json.dumps({"id": "e2", "title": "Q&A: AT&T and the summit", "source": "Wire",
                                  "text": body.replace("Wednesday", "Thursday")}) + "\n", encoding="utf-8")
    rc, out, _err = cli("list", path, "--json")
    got = {a["id"]: a for a in json.loads(out)}
    assert rc == 0
    assert (got["e1"]["title"], got["e1"]["outlet"]) == ("Café & summit — live blog", "Le Monde & Co")
    assert got["e2"]["title"] == "Q&A: AT&T and the summit"  # no complete reference: as written
    shown = json.loads(cli("show", "e1", path, "--json")[1])
    assert "&amp;" not in shown["text"] and "alert" not in shown["text"]  # the body as before: text, no script


def test_a_report_never_replaces_an_article_being_read(cli, seed_copy: Path, tmp_path: Path) -> None:
    target = seed_copy / "000_6f0f72e896a6eae1.txt"
    link = tmp_path / "brief.md"
    link.symlink_to(seed_copy / "001_a947daa3add8d49a.txt")
    before = {f: f.read_bytes() for f in seed_copy.iterdir()}
    for output in (target, link):
        rc, out, err = cli("compare", seed_copy, "--format", "md", "-o", output)
        assert rc == 2 and out == ""
        assert err.strip() == f"sco-tui: cannot write {output}: it is one of the articles being read; name another file"
    assert {f: f.read_bytes() for f in seed_copy.iterdir()} == before
    rc, out, err = cli("compare", seed_copy, "--articles", "000,000_6f")  # one article named twice
    assert rc == 2 and "at least two different articles: --articles names only 000_6f0f72e896a6eae1" in err
    report = tmp_path / "report.md"
    rc, _out, _err = cli("compare", seed_copy, "--articles", "000,001", "-o", report)
    assert rc == 0 and report.read_text(encoding="utf-8").startswith("#")


def test_square_brackets_and_colons_in_articles_are_text_not_markup(cli, tmp_path: Path) -> None:
    body = "The summit opened in Astana [/] and [bold]leaders[/bold] met :thumbs_up: [link=http://x]here[/link]. "
    path = tmp_path / "marked.jsonl"
    path.write_text(json.dumps({"id": "m1", "title": "[/] [red]Markup[/red] title", "source": "[b]Out[/b]",
                                "text": body * 20}) + "\n"
                    + json.dumps({"id": "m2", "title": "Second [/bold] one :smile:", "source": "Wire",
                                  "text": body.replace("Astana", "Almaty") * 20}) + "\n", encoding="utf-8")
    for args in (("list",), ("show", "m1"), ("search", "summit"), ("stories",), ("compare",), ("cues", "--all")):
        rc, out, err = cli(*args, path)
        assert rc == 0 and "internal error" not in err, (args, err)
        if args[0] != "cues":
            assert "[/] [red]Markup[/red]" in out or "[/bold]" in out, args
    _rc, out, _err = cli("show", "m1", path)
    assert ":thumbs_up:" in out and "[link=http://x]here[/link]" in out and "[b]Out[/b]" in out


def test_a_huge_article_beside_a_short_one_indexes_in_two_processes(cli, tmp_path: Path) -> None:
    """Both indexing processes wrote their scratch files in one folder, which the first to end removed."""
    path = tmp_path / "lopsided.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "huge", "title": "One long token", "text": "x" * 4_500_000
                             + " The summit opened in Astana." * 30}) + "\n")
        fh.write(json.dumps({"id": "tiny", "title": "Tiny", "text": "Summit."}) + "\n")
    rc, out, err = cli("search", "summit", path, "--json")
    assert rc == 0, err
    assert sorted(h["id"] for h in json.loads(out)["hits"]) == ["huge", "tiny"]
    rc, out, _err = cli("doctor", path, "--json")
    report = json.loads(out)
    assert rc == 0 and report["index"] == "current"
    assert not list(Path(report["generation"]).glob("*.tmp"))  # no scratch left behind


def test_a_file_named_like_an_option_says_how_to_name_it(cli, seed_copy: Path, monkeypatch) -> None:
    monkeypatch.chdir(seed_copy)
    (seed_copy / "000_6f0f72e896a6eae1.txt").rename(seed_copy / "-x.txt")
    hint = "sco-tui: -x.txt reads as an option: to read the file of that name, write ./-x.txt or put it after '--'"
    for args in (("list", "-x.txt"), ("-x.txt",), ("search", "Belarus", "-x.txt")):
        rc, out, err = cli(*args)
        assert (rc, out, err.strip()) == (2, "", hint), args
    for args in (("list", "./-x.txt", "--json"), ("list", "--json", "--", "-x.txt")):
        rc, out, _err = cli(*args)
        assert rc == 0 and [a["id"] for a in json.loads(out)] == ["-x"]
    rc, _out, err = cli("list", "-q")  # no such file: the usual error
    assert rc == 2 and "unrecognized arguments: -q" in err


def test_a_disk_that_fills_midway_keeps_no_half_written_files(cli, tmp_path: Path) -> None:
    """What the failed batch wrote is removed (on a full disk it held the last free bytes); the
    committed batches stay, and the next run with space builds a sound index."""
    from tests.test_faults import _enospc_after, synthetic_jsonl

    corpus = synthetic_jsonl(tmp_path / "many.jsonl", 1200)  # batches of 100, 400, …: the disk fills midway
    with pytest.MonkeyPatch.context() as mp:
        _enospc_after(mp, 16)  # the first batch committed, the second half-written
        rc, out, err = cli("search", "Item", corpus, "--json", "--limit", "1")
        assert rc == 0 and json.loads(out)["total"] == 1200
        assert err.count("No space left on device") == 1
    rc, out, _err = cli("doctor", corpus, "--json")
    gen = Path(json.loads(out)["generation"])
    listed = set(json.loads((gen / "manifest.json").read_text())["files"])
    left = {p.name for p in gen.iterdir() if p.name.startswith("MAIN_") and p.name != "MAIN_WRITELOCK"}
    assert left and left <= listed  # only committed segment files
    assert not [p for p in gen.iterdir() if p.name.endswith(".tmp")]
    rc, _out, err = cli("index", corpus)
    assert rc == 0 and "Traceback" not in err
    assert cli.json("search", "Item", corpus, "--limit", "1")["total"] == 1200


def test_a_disk_that_fills_during_the_two_process_build_falls_back_to_memory(cli, tmp_path: Path) -> None:
    """It was an internal error ('indexing process 0 failed: OSError …', exit 1) and a disk left full."""
    from tests.test_faults import _enospc_after, synthetic_jsonl

    corpus = synthetic_jsonl(tmp_path / "many.jsonl", 400)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sco_tui.workspace.library.STREAM_BYTES", 1)  # the streamed build, as for a large corpus
        _enospc_after(mp, 6)
        rc, out, err = cli("index", corpus)
        assert rc == 2 and "internal error" not in err
        assert "No space left on device" in err and "it is kept in memory and not saved" in err
        assert err.strip().endswith("the index could not be saved, so there is nothing to keep; see the line above")
        root = Path(os.environ["SCO_TUI_CACHE_DIR"])
        assert not [p for p in root.rglob("MAIN_*") if p.name != "MAIN_WRITELOCK"]  # nothing half-written left
        rc, out, err = cli("search", "Item", corpus, "--json", "--limit", "1")
        assert rc == 0 and json.loads(out)["total"] == 400  # searched from memory
    rc, _out, err = cli("index", corpus)  # space again
    assert rc == 0 and "internal error" not in err
    assert cli.json("search", "Item", corpus, "--limit", "1")["total"] == 400


def test_an_empty_id_keeps_the_file_and_line_id(cli, tmp_path: Path) -> None:
    """An id that is an object without a name, empty or blank was read as '' (which no command can name)."""
    body = "The summit opened in Astana on Wednesday and leaders met for talks. " * 10
    path = tmp_path / "ids.jsonl"
    path.write_text("\n".join(json.dumps({"id": aid, "title": f"Article {n}", "text": body + str(n)})
                              for n, aid in enumerate([{"a": 1}, "", "   ", {"name": "named"}, 7], 1)) + "\n",
                    encoding="utf-8")
    rc, out, err = cli("list", path, "--json")
    assert rc == 0 and "used twice" not in err
    assert [a["id"] for a in json.loads(out)] == ["ids#1", "ids#2", "ids#3", "named", "7"]
    assert json.loads(cli("show", "ids#1", path, "--json")[1])["title"] == "Article 1"
