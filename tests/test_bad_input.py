"""Bad input: one clear line each, the readable articles still load, the user's files untouched."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest

from sco_tui.corpus.load import load_corpus
from sco_tui.corpus.seeds import seeds_dir

SEED_004 = next(seeds_dir().glob("004_*.txt")).read_text(encoding="utf-8")
SEED_002 = next(seeds_dir().glob("002_*.txt")).read_text(encoding="utf-8")
SEED_003 = next(seeds_dir().glob("003_*.txt")).read_text(encoding="utf-8")


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """A folder with one good article and one of every kind of bad input."""
    d = tmp_path / "messy"
    d.mkdir()
    (d / "good.txt").write_text(SEED_004, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.md").write_text("   \n\n  \n", encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (d / "latin.txt").write_bytes(SEED_002.replace("’", "'").replace("“", '"').replace("”", '"')
                                  .replace("Erdogan", "Erdoğan").encode("cp1254", errors="replace")
                                  .replace(b"Kazakh", "Kazakh\xe9".encode("cp1252")))
    (d / "broken.json").write_text('{"title": "x", "text": "unterminated', encoding="utf-8")
    (d / "notext.json").write_text(json.dumps([{"title": "Only a title", "source": "Nowhere"}]), encoding="utf-8")
    (d / "lines.jsonl").write_text(
        json.dumps({"id": "ok-1", "title": "SCO summit", "text": SEED_002, "source": "Wire"}) + "\n"
        + "{not json}\n" + json.dumps({"id": "dup-1", "text": SEED_004}) + "\n", encoding="utf-8")
    paragraphs = "".join(f"<p>{line}<b>" for line in SEED_003.splitlines() if line.strip())
    (d / "broken.html").write_text(f"<html><head><title>Putin and Xi to meet</title><body><div>{paragraphs}<td><td>",
                                   encoding="utf-8")
    (d / "nav.html").write_text("<html><body><nav><a href=/>Home</a> | <a href=/news>News</a></nav>", encoding="utf-8")
    (d / "copy.txt").write_text(SEED_004, encoding="utf-8")
    (d / "sub").mkdir()
    note = ("---\noutlet: Example Daily\ndate: 2024-07-04\n---\n# A nested note\n\n"
            "Leaders met in Astana on Thursday. They talked about Belarus.\n")
    (d / "sub" / "nested.md").write_text(note, encoding="utf-8")
    return d


def test_every_bad_file_gets_one_line_and_the_rest_loads(messy: Path) -> None:
    before = snapshot(messy)
    corpus = load_corpus([messy])
    got = {a.id for a in corpus}
    assert got == {"broken", "copy", "latin", "ok-1", "nested"}
    problems = {Path(p.source.split(":")[0]).name: p.message for p in corpus.problems}
    assert problems["empty.txt"] == "empty file"
    assert problems["blank.md"] == "no text (only white space)"
    assert problems["binary.txt"] == "binary file, not text"
    assert problems["broken.json"].startswith("malformed JSON at line 1")
    assert problems["notext.json"].startswith("record has no article text")
    assert problems["lines.jsonl"].startswith("malformed JSON line")
    assert problems["nav.html"] == "no article text found in this HTML page (3 words of text)"
    assert problems["good.txt"] == "same text as copy (a duplicate)"
    assert any(p.message == "same text as copy (a duplicate)" and "lines.jsonl" in p.source
               for p in corpus.problems)
    broken = corpus.get("broken")
    assert broken is not None and "Kashmir" in broken.body and "Leave a Reply" not in broken.body
    for p in corpus.problems:
        assert "\n" not in str(p) and "Traceback" not in str(p)
    latin = corpus.get("latin")
    assert latin is not None and any("not valid UTF-8" in n for n in latin.notes)
    assert "Erdo" in latin.body
    nested = corpus.get("nested")
    assert nested is not None
    assert (nested.outlet_name, nested.date.value, nested.title) == ("Example Daily", "2024-07-04", "A nested note")
    assert snapshot(messy) == before  # never a byte written to the user's files


def test_cli_reports_problems_on_stderr_and_still_searches(cli, messy: Path) -> None:
    rc, out, err = cli("search", "Belarus", messy, "--json")
    assert rc == 0
    assert {h["id"] for h in json.loads(out)["hits"]} == {"broken", "copy", "latin", "ok-1", "nested"}
    lines = [ln for ln in err.splitlines() if ln]
    assert all(ln.startswith("sco-tui: ") for ln in lines)
    assert any("binary file" in ln for ln in lines)
    assert "Traceback" not in err


def test_huge_file_is_refused_quickly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (tmp_path / "ok.txt").write_text(SEED_004, encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert [a.id for a in corpus] == ["ok"]
    assert "too large to be one article (52.4 MB" in corpus.problems[0].message


def test_a_json_lines_record_larger_than_an_article_is_skipped_unread(tmp_path: Path) -> None:
    """One 20 MB line (a record no article needs) is one problem, never held whole; the lines after it load."""
    lines = tmp_path / "dump.jsonl"
    with lines.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"title": "One", "content": SEED_004}) + "\n")
        fh.write(json.dumps({"title": "Huge", "content": "word " * 4_000_000}) + "\n")
        fh.write(json.dumps({"title": "Three", "content": SEED_004[:len(SEED_004) // 2]}))  # no newline at the end
    corpus = load_corpus([lines])
    assert [a.title for a in corpus] == ["One", "Three"]
    assert [(p.source.rsplit(":", 1)[1], p.message) for p in corpus.problems] == [
        ("2", "line too large to be one article (20.0 MB; the limit is 8 MB)")]


def test_empty_folder_and_missing_path(cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    rc, out, err = cli("list", empty)
    assert rc == 2
    assert "no article files" in err and "no readable articles" in err
    rc, out, err = cli("search", "x", tmp_path / "missing")
    assert (rc, out) == (2, "")
    assert err.strip() == f"sco-tui: no such file or folder: {tmp_path / 'missing'}"


def test_a_folder_of_nothing_readable_says_so_every_time(cli, tmp_path: Path) -> None:
    """The second search finds the (empty) index built by the first: it says the same, not an error."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "nav.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    for _ in range(2):
        for command in (("search", "Astana"), ("search", "Россия", "--json"), ("index",)):
            rc, out, err = cli(*command, folder)
            assert rc == 2 and "no readable articles in" in err and "internal error" not in err
            assert out == "" if "--json" not in command else json.loads(out)["error"] == err.strip()[9:]


@pytest.mark.parametrize(("query", "message"), [
    ("x:y", "unknown field 'x:'"),
    ("AND", "type some words"),
    ("the OR", "nothing to search for"),
])
def test_bad_query_is_one_line_exit_2(cli, query: str, message: str) -> None:
    rc, out, err = cli("search", query)
    assert rc == 2 and out == ""
    assert err.startswith("sco-tui: bad query:") and message in err
    assert err.count("\n") == 1


def test_usage_errors(cli) -> None:
    rc, _, err = cli("search")
    assert rc == 2 and "the following arguments are required: query (" in err  # PATH... is optional
    rc, _, err = cli("merge-stories", "x")
    assert rc == 2 and "required: second (" in err
    rc, _, err = cli("list", "--field", "colour=red")
    assert rc == 2 and "--field takes ROLE=NAME" in err
    rc, _, err = cli("show", "no-such-id")
    assert rc == 2 and "no article with id 'no-such-id'" in err
    rc, _, err = cli("compare", "000", "001")  # ids where paths go: pointed to --articles
    assert rc == 2 and err.strip() == ("sco-tui: no such file or folder: 000, 001 "
                                       "(to choose articles by id: --articles 000,001)")
    rc, _, err = cli("frobnicate")  # not a path, not a command
    assert rc == 2 and err.startswith("sco-tui: no such file or folder: frobnicate; nor is it a command (list,")
    rc, _, err = cli("list", "-")
    assert rc == 2 and "not standard input: save it to a file" in err
    rc, _, err = cli("compare", "missing.jsonl")
    assert rc == 2 and err.strip() == "sco-tui: no such file or folder: missing.jsonl"
    for argv, quoted in ((["search", "-putin"], "-putin"), (["search", "xi", "-putin"], "'xi -putin'")):
        rc, _, err = cli(*argv)  # a NOT written the web's way
        assert rc == 2 and err.strip() == (f"sco-tui: -putin reads as an option: quote the query after '--' "
                                           f"(sco-tui search -- {quoted}), or leave the word out with NOT putin"), err
    rc, out, _ = cli("search", "--json", "--", "xi -putin")  # after '--' it is the query: Xi without Putin
    assert rc == 0 and json.loads(out)["total"] == 0
    rc, _, err = cli("search", "xi", "--bogus")
    assert rc == 2 and "unrecognized arguments: --bogus" in err


def test_field_override(cli, tmp_path: Path) -> None:
    f = tmp_path / "custom.json"
    f.write_text(json.dumps({"articles": [{"headline": "Astana summit", "bodyText": SEED_004,
                                           "source": "Aggregator", "site": "presstv.ir"}]}), encoding="utf-8")
    rc, _, err = cli("list", f, "--json")
    assert rc == 2 and "record has no article text" in err
    [article] = cli.json("list", f, "--field", "text=bodyText", "--field", "outlet=site")
    assert (article["title"], article["outlet"], article["id"]) == ("Astana summit", "presstv.ir", "custom#1")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_cache_dir_falls_back_nonroot(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "ro"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv("SCO_TUI_CACHE_DIR", str(locked / "cache"))
    rc, _out, err = cli("search", "Kashmir", "--json")
    assert rc == 0 and "is not writable" in err


def test_unwritable_cache_dir_falls_back(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    (tmp_path / "tmp").mkdir()  # the fallback lives under the temporary folder: this test's own, not /tmp's
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")  # a cache dir that cannot be created, even by root
    monkeypatch.setenv("SCO_TUI_CACHE_DIR", str(blocker / "cache"))
    rc, out, err = cli("search", "Kashmir", "--json")
    assert rc == 0
    assert len(json.loads(out)["hits"]) == 2
    assert f"cache dir {blocker / 'cache'} is not writable" in err
    assert err.count("\n") == 1


def test_shared_options_before_the_command_and_options_after_the_paths(cli, seed_copy: Path) -> None:
    # `sco-tui --field … search Q` once opened the app with "search" and Q taken as folders
    found = cli.json("--field", "outlet=source", "search", "Belarus", seed_copy)
    assert len(found["hits"]) == 5
    rc, out, err = cli("--database", "not-a-url", "search", "Belarus")
    assert rc == 2 and out == "" and err.startswith("sco-tui: cannot connect to PostgreSQL")
    found = cli.json("search", "Belarus", "--limit", "2", seed_copy)
    assert len(found["hits"]) == 2
    rc, _, err = cli("search", "Belarus", "--limit", "0")
    assert rc == 2 and "--limit: must be 1 or more" in err
    rc, out, err = cli("search", "--json", "--", "-Kashmir Putin", seed_copy)  # after "--", "-" is the query's
    assert rc == 0, err
    assert sorted(h["id"][:3] for h in json.loads(out)["hits"]) == ["000", "002", "004"]


def test_the_app_without_a_terminal_is_one_line(cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    rc, out, err = cli()
    assert rc == 2 and out == "" and "the explorer needs a terminal" in err and err.count("\n") == 1


def test_the_app_on_a_database_that_is_down_is_one_line(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app connects before it opens: a server that is down is one line and exit 2, not an app whose
    hit list says "Indexing…" forever under a toast that has gone."""
    import io
    import sys

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal(""))
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("sco_tui.tui.app.create_app", lambda *a, **k: pytest.fail("the app opened"))
    rc, _out, err = cli("--database", "postgresql://nobody@127.0.0.1:1/x")
    assert rc == 2 and "cannot connect to PostgreSQL" in err and err.count("\n") == 1


def test_pipes_and_devices_among_the_articles_are_skipped_not_read(cli, seed_copy: Path) -> None:
    os.mkfifo(seed_copy / "pipe.txt")  # reading it would block forever
    (seed_copy / "zero.txt").symlink_to("/dev/zero")  # reading it would never end
    rc, out, err = cli("list", seed_copy)
    assert rc == 0 and "5 articles" in out
    assert "pipe.txt: not a regular file" in err and "zero.txt: not a regular file" in err


def test_a_report_follows_links_keeps_permissions_and_never_replaces_a_device(cli, tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    rc, _, err = cli("compare", "-o", link)
    assert rc == 0, err
    assert link.is_symlink() and target.read_text().startswith("# ")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    rc, _, err = cli("compare", "--format", "md", "-o", "/dev/full")  # root may replace it: it must not
    assert rc == 2 and "No space left on device" in err
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


def test_a_report_that_cannot_be_written_is_refused_before_the_comparison_runs(cli, tmp_path: Path,
                                                                                 monkeypatch) -> None:
    from sco_tui.analysis import comparison

    def never(*args, **kwargs):
        raise AssertionError("compared before checking where the report goes")

    monkeypatch.setattr(comparison, "compare", never)
    rc, _, err = cli("compare", "-o", tmp_path / "missing" / "brief.md")
    assert rc == 2 and err.strip() == f"sco-tui: cannot write {tmp_path / 'missing' / 'brief.md'}: no such folder " \
                                      f"{tmp_path / 'missing'}"
    rc, _, err = cli("compare", "--format", "md", "-o", tmp_path)
    assert rc == 2 and err.strip() == f"sco-tui: cannot write {tmp_path}: it is a folder; name a file in it"


def test_control_characters_never_reach_the_terminal(cli, tmp_path: Path) -> None:
    """Escape codes inside an article (a title that renames the terminal, colours) are taken out of its
    text with a note; C1 codes are the Windows-1252 punctuation they stand for."""
    (tmp_path / "esc.jsonl").write_text(json.dumps({
        "id": "esc", "title": "Summit \x1b]0;pwned\x07in Astana",
        "text": "Leaders met \x1b[31min Astana\x1b[0m on Thursday.\x00 He said \x93yes\x94 \x85 and left.",
    }) + "\n", encoding="utf-8")
    rc, out, err = cli("show", "esc", tmp_path)
    assert rc == 0 and "\x1b" not in out + err and "\x00" not in out
    assert "Summit in Astana" in out and "Leaders met in Astana on Thursday." in out and "“yes” …" in out
    assert "control characters" in out
    rc, out, err = cli("search", "Astana", tmp_path)
    assert rc == 0 and "\x1b" not in out + err


def test_one_of_a_thing_is_said_in_the_singular(cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Leaders met in Astana on Thursday.\n", encoding="utf-8")
    rc, out, _ = cli("list", tmp_path)
    assert rc == 0 and out.splitlines()[0].strip() == "1 article"
    rc, out, _ = cli("stories", tmp_path)
    assert rc == 0 and "1 story in 1 article" in out


def test_json_into_a_pipe_is_one_item_a_line(cli) -> None:
    """--json for scripts: a list comes one item a line (grep-able, and written by the C encoder; indenting
    took most of a cached `stories --json` on 37,500 articles); a terminal gets it indented."""
    rc, out, _ = cli("list", "--json")
    lines = out.splitlines()
    assert rc == 0 and lines[0] == "[" and lines[-1] == "]" and len(lines) == 2 + 5
    assert [json.loads(line.rstrip(","))["id"][:3] for line in lines[1:-1]] == ["000", "001", "002", "003", "004"]
    rc, out, _ = cli("search", "Belarus", "--json")
    assert rc == 0 and out.count("\n") == 1 and json.loads(out)["total"] == 5


@pytest.mark.parametrize("command", [["show", "long"], ["show", "long", "--json"], ["list"]])
def test_a_reader_that_stops_early_ends_with_exit_0_and_nothing_said(tmp_path: Path, command: list[str]) -> None:
    """``sco-tui show ID | head -1``: the pipe closes mid-output; exit 0, no traceback, no 'Exception ignored'."""
    import subprocess
    import sys

    from sco_tui.corpus.seeds import seeds_dir

    paragraphs = sorted(seeds_dir().glob("*.txt"))[2].read_text(encoding="utf-8").split("\n\n")[1:]
    (tmp_path / "long.txt").write_text("A long article\n\n" + "\n\n".join(paragraphs * 80), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "sco_tui.cli", *command, str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline()
    proc.stdout.close()  # well before the 100+ KB it writes
    _out, err = proc.communicate(timeout=60)
    assert (proc.returncode, err.decode()) == (0, "")


def test_a_wire_story_run_by_two_outlets_is_kept_for_each(tmp_path: Path) -> None:
    """The same text under two outlets is syndication (each ran it under its own headline), not a
    duplicate; the same text twice from one outlet is."""
    from sco_tui.corpus.load import load_corpus

    body = ("WASHINGTON (Reuters) - The president said late on Wednesday that he would deliver the State of the "
            "Union address after the government shutdown ends, reversing course after the Speaker's move.")
    rows = [{"id": "r", "source": "Reuters", "title": "President delays State of the Union", "content": body},
            {"id": "w", "source": "Washington Times", "title": "President reverses, agrees to delay", "content": body},
            {"id": "w2", "source": "Washington Times", "title": "President reverses (updated)", "content": body}]
    (tmp_path / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    corpus = load_corpus([tmp_path / "wire.jsonl"])
    assert [(a.id, a.outlet_name) for a in corpus] == [("r", "Reuters"), ("w", "Washington Times")]
    assert [p.message for p in corpus.problems] == ["same text as w (a duplicate)"]


def test_a_record_whose_story_is_html_is_read_as_text(tmp_path: Path) -> None:
    """A CMS export's body of <p> paragraphs (with a script, entities and a <br>) becomes the same
    paragraphs as text; a body given as a list of paragraphs keeps them as paragraphs."""
    from sco_tui.corpus.load import load_corpus
    from sco_tui.corpus.seeds import seeds_dir

    seed = sorted(seeds_dir().glob("*.txt"))[1].read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in seed.split("\n\n")[1:] if len(p.split()) > 12][:4]
    markup = "".join(f"<p>{p.replace('&', '&amp;')}</p>" for p in paragraphs)
    markup += "<script>var tracker = 'Astana';</script><p>Last line<br/>after a break &amp; an entity.</p>"
    rows = [{"id": "cms", "source": "Wire", "title": "From a CMS", "content": markup},
            {"id": "listed", "source": "Other", "title": "As a list", "content": paragraphs}]
    (tmp_path / "cms.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    corpus = load_corpus([tmp_path / "cms.jsonl"])
    html, listed = corpus.get("cms"), corpus.get("listed")
    assert html is not None and listed is not None
    assert html.body.split("\n\n")[:4] == paragraphs == listed.body.split("\n\n")
    assert html.body.endswith("Last line\n\nafter a break & an entity.")
    assert "<" not in html.body and "tracker" not in html.body
    assert any("was HTML" in n for n in html.notes) and not any("HTML" in n for n in listed.notes)


def test_nothing_readable_is_one_line_with_the_reason(cli, tmp_path: Path) -> None:
    """A lone binary file renamed .txt: one line that says why, not a 'skipped' line and then the error."""
    path = tmp_path / "bin.txt"
    path.write_bytes(bytes(range(256)) * 8)
    for k, command in enumerate((("search", "x"), ("list",), ("index",), ("compare",))):
        rc, _out, err = cli(*command, path)
        assert rc == 2, command
        [line] = err.splitlines()
        assert line.startswith(f"sco-tui: no readable articles in {path}"), command
        if k < 2:  # read now (an index already built of nothing has no reasons to give, only the fact)
            assert line.endswith(": binary file, not text"), (command, line)
