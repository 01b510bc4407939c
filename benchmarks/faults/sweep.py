"""A fault sweep of the installed ``sco-tui`` command: hostile files, damaged caches, interrupted runs and
CLI misuse, each run through the real entry point with a private HOME and XDG folders.

Every case checks what the standards ask of every failure: no traceback, at most one line on stderr per
problem, an exit status the README names, valid JSON on stdout whenever ``--json`` was asked for (errors
included), and the user's files byte for byte unchanged. It prints a Markdown table (case, expected,
actual, verdict) and exits 1 if any case fails.

    python benchmarks/faults/sweep.py [--sco-tui PATH] [--only SUBSTRING] > benchmarks/faults/sweep.md
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_TEXT = (SEEDS / "000_6f0f72e896a6eae1.txt").read_text(encoding="utf-8") if SEEDS.is_dir() else ""
BODY = " ".join(SEED_TEXT.split()[:220]) or "The summit opened in Astana on Wednesday. " * 20


@dataclass
class Case:
    name: str
    args: list[str]
    expect: str  # what the standards ask, in words
    codes: tuple[int, ...] = (0,)
    stderr_has: str = ""
    stdout_has: str = ""
    max_err_lines: int = 3
    env: dict[str, str] = field(default_factory=dict)
    setup: object = None  # a callable(work: Path) run before
    timeout: float = 120


@dataclass
class Result:
    case: Case
    code: int | None
    out: str
    err: str
    seconds: float
    problems: list[str]


def digest_tree(root: Path) -> dict[str, str]:
    found = {}
    for p in sorted(root.rglob("*")) if root.is_dir() else [root]:
        try:
            if p.is_file() and not p.is_symlink():
                found[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
        except OSError:
            found[str(p)] = "unreadable"
    return found


def run(exe: str, case: Case, work: Path, home: Path) -> Result:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / "cache"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), NO_COLOR="1")
    env.update(case.env)
    if callable(case.setup):
        case.setup(work)
    files = work / "files"
    before = digest_tree(files)
    args = [a.replace("@W", str(work)) for a in case.args]
    start = time.monotonic()
    try:
        proc = subprocess.run([exe, *args], capture_output=True, text=True, errors="replace", env=env, cwd=work,
                              timeout=case.timeout, stdin=subprocess.DEVNULL)
        code, out, err = proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired as exc:
        code, out, err = None, str(exc.stdout or ""), str(exc.stderr or "")
    seconds = time.monotonic() - start
    problems = []
    if code is None:
        problems.append(f"timed out after {case.timeout:.0f} s")
    elif code not in case.codes:
        problems.append(f"exit {code}, expected {'/'.join(map(str, case.codes))}")
    if "Traceback" in err or "Traceback" in out:
        problems.append("traceback")
    lines = [ln for ln in err.splitlines() if ln.strip()]
    if len(lines) > case.max_err_lines:
        problems.append(f"{len(lines)} stderr lines")
    if case.stderr_has and case.stderr_has.lower() not in err.lower():
        problems.append(f"stderr lacks {case.stderr_has!r}")
    if case.stdout_has and case.stdout_has.lower() not in out.lower():
        problems.append(f"stdout lacks {case.stdout_has!r}")
    asked_json = "--json" in (args[: args.index("--")] if "--" in args else args)
    if asked_json and not _valid_json(out):
        problems.append("stdout is not JSON")
    if digest_tree(files) != before:
        problems.append("the user's files changed")
    return Result(case, code, out, err, seconds, problems)


def _valid_json(text: str) -> bool:
    if not text.strip():
        return False
    documents = [text, *(line for line in text.splitlines() if line.strip())]  # into a pipe: one item a line
    return _parses(documents[0]) or all(map(_parses, documents[1:]))


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


# -- inputs ----------------------------------------------------------------------------------------------
def write(rel: str, data: bytes | str):
    def setup(work: Path) -> None:
        path = work / "files" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    return setup


def record(**kw) -> str:
    base = {"id": "r1", "title": "Summit opens in Astana", "text": BODY, "source": "Wire"}
    base.update(kw)
    return json.dumps({k: v for k, v in base.items() if v is not ...})


def jsonl(*records: str) -> str:
    return "\n".join(records) + "\n"


def two_good() -> list[str]:
    return [record(id="g1"), record(id="g2", title="Leaders meet", source="Daily",
                                    text=" ".join(SEED_TEXT.split()[220:440]) or BODY + " More.")]


def chain(*setups):
    def setup(work: Path) -> None:
        for s in setups:
            s(work)
    return setup


def symlink(rel: str, target: str):
    def setup(work: Path) -> None:
        path = work / "files" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)
    return setup


def mkfifo(rel: str):
    def setup(work: Path) -> None:
        path = work / "files" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)
    return setup


def seeds_copy(work: Path) -> None:
    dest = work / "files" / "seeds"
    dest.mkdir(parents=True, exist_ok=True)
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, dest / f.name)


def input_cases() -> list[Case]:
    F = "@W/files/"
    good = two_good()
    rows = [
        ("empty .txt", "e.txt", b"", (2,), "no readable articles"),
        ("empty .jsonl", "e.jsonl", b"", (2,), "no readable articles"),
        ("empty .json", "e.json", b"", (2,), ""),
        ("JSON []", "e.json", b"[]", (2,), ""),
        ("JSON {}", "e.json", b"{}", (2,), ""),
        ("JSON null", "e.json", b"null", (2,), ""),
        ("JSON a string", "e.json", b'"just text"', (2,), ""),
        ("JSON a number", "e.json", b"42", (2,), ""),
        ("JSON NaN and Infinity", "e.json", ("[" + record(id="n1").replace('"Wire"', "NaN") + "]").encode(),
         (0, 2), ""),
        ("JSONL blank lines only", "e.jsonl", b"\n\n   \n\t\n", (2,), ""),
        ("binary .txt", "b.txt", bytes(range(256)) * 64, (2,), ""),
        ("binary .jsonl", "b.jsonl", os.urandom(4096), (2,), ""),
        ("binary .html", "b.html", b"\x89PNG\r\n\x1a\n" + os.urandom(2048), (2,), ""),
        ("NUL bytes inside text", "n.txt", ("Headline\n\n" + BODY[:400] + "\x00\x00" + BODY[400:]).encode(),
         (0,), ""),
        ("UTF-8 BOM JSONL", "bom.jsonl", b"\xef\xbb\xbf" + jsonl(*good).encode(), (0,), ""),
        ("CRLF JSONL", "crlf.jsonl", jsonl(*good).replace("\n", "\r\n").encode(), (0,), ""),
        ("CRLF text", "crlf.txt", ("Headline here\r\n\r\n" + BODY.replace(". ", ".\r\n")).encode(), (0,), ""),
        ("Latin-1 text", "l1.txt",
         ("Café in Zürich\n\n" + BODY + " Señor Müller said.").encode("latin-1", "replace"), (0,), ""),
        ("UTF-16 LE no BOM", "u16.txt", ("Headline\n\n" + BODY).encode("utf-16-le"), (0, 2), ""),
        ("mixed encodings per line", "mix.jsonl", jsonl(good[0]).encode() + record(id="x2", title="Caf\xe9").encode(
            "latin-1") + b"\n", (0,), ""),
        ("wrong types: title number, text list", "wt.jsonl", jsonl(record(id="w1", title=12345, text=[BODY, BODY]),
                                                                   good[1]), (0,), ""),
        ("wrong types: id object", "wt.jsonl", jsonl(record(id={"a": 1}), good[1]), (0,), ""),
        ("wrong types: text null", "wt.jsonl", jsonl(record(id="w1", text=None), good[1]), (0,), ""),
        ("wrong types: date a list, url a number", "wt.jsonl",
         jsonl(record(id="w1", date=[2024, 7, 3], url=7), good[1]), (0,), ""),
        ("missing text field", "mf.jsonl", jsonl(record(id="m1", text=...), good[1]), (0,), ""),
        ("missing every field", "mf.jsonl", jsonl("{}", good[1]), (0,), ""),
        ("duplicate ids, different text", "dup.jsonl", jsonl(record(id="d1"), record(id="d1", title="Other",
                                                                                       text=BODY[::-1])), (0,), ""),
        ("exact duplicate records", "dup.jsonl", jsonl(good[0], good[0], good[1]), (0,), ""),
        ("nested arrays [[record]]", "nest.json", "[[" + good[0] + "], [" + good[1] + "]]", (0, 2), ""),
        ("JSONL line that is an array", "arr.jsonl", jsonl("[" + good[0] + "]", good[1]), (0,), ""),
        ("JSONL trailing garbage line", "tg.jsonl", jsonl(*good) + "{not json", (0,), ""),
        ("JSONL record 5 MB title", "big.jsonl", jsonl(record(id="b1", title="x" * 5_000_000), good[1]), (0,), ""),
        ("text of 30 MB (over the 8 MB an article may be)", "huge.txt",
         ("Headline\n\n" + "word " * 6_000_000).encode(), (2,), ""),
        ("HTML with scripts, styles and entities", "p.html",
         "<html><head><title>Caf&eacute; &amp; summit &#8212; live</title><script>alert('x')</script>"
         "<style>p{color:red}</style></head><body><article><h1>Caf&eacute; &amp; summit</h1>"
         + "".join(f"<p>{s}.</p>" for s in BODY.split(". ")) + "<script>document.write('evil')</script>"
         "</article></body></html>", (0,), ""),
        ("HTML only a script", "s.html", "<html><body><script>var a = 1;</script></body></html>", (2,), ""),
        ("Markdown with broken front matter", "fm.md", "---\ntitle: [unclosed\n---\n\n" + BODY, (0,), ""),
        ("id with newline, slash and escape codes", "ctl.jsonl",
         jsonl(record(id="a/b\n\x1b[31mred", title="\x1b[2J\x1b[HClear screen"), good[1]), (0,), ""),
        ("right-to-left and combining text", "rtl.jsonl",
         jsonl(record(id="rtl", title="\u202eevil\u202c قمة أستانا", text="قمة " * 50 + BODY), good[1]), (0,), ""),
    ]
    cases = []
    for name, rel, data, codes, err in rows:
        cases.append(Case(f"list: {name}", ["list", "--json", F + rel], "one line per problem, readable records kept",
                          codes, err, setup=write(rel, data)))
    cases += [
        Case("search: binary beside good JSONL", ["search", "summit", "--json", F], "good records searched, the "
             "binary file named", (0,), setup=chain(write("g.jsonl", jsonl(*good)),
                                                             write("b.bin.txt", bytes(range(256)) * 8)),
             stderr_has="b.bin.txt"),
        Case("list: a path with spaces and unicode", ["list", "--json", F + "my news/Zürich – Ünïcode.txt"],
             "read", (0,), setup=write("my news/Zürich – Ünïcode.txt", "Headline\n\n" + BODY)),
        Case("list: a file whose name starts with a dash, after --", ["list", "--json", "--", F + "-x.txt"],
             "read as a file", (0,), setup=write("-x.txt", "Headline\n\n" + BODY)),
        Case("list: a bare dash-name as a path", ["list", "--json", "-x.txt"], "one line: write ./-x.txt or use --",
             (2,), setup=lambda w: (w / "-x.txt").write_text("Headline\n\n" + BODY), stderr_has="./-x.txt"),
        Case("list/show: Rich markup and emoji codes in a title and outlet", ["show", "m1", F + "mk.jsonl"],
             "printed as text", (0,), stdout_has="[/] [red]Markup", setup=write("mk.jsonl", jsonl(
                 record(id="m1", title="[/] [red]Markup[/red] :smile:", source="[b]Out[/b]"), good[1]))),
        Case("stories: Rich markup in a title", ["stories", F + "mk.jsonl"], "printed as text", (0,),
             stdout_has="[/] [red]Markup", setup=write("mk.jsonl", jsonl(
                 record(id="m1", title="[/] [red]Markup[/red]"), good[1]))),
        Case("list: character references in a JSON title", ["list", "--json", F + "ent.jsonl"], "resolved once",
             (0,), stdout_has="Café & summit", setup=write("ent.jsonl", jsonl(
                 record(id="e1", title="Caf&eacute; &amp; summit"), good[1]))),
        Case("compare -o onto one of the articles read", ["compare", F, "--format", "md", "-o", F + "a.txt"],
             "refused, the article unchanged", (2,), stderr_has="one of the articles being read",
             setup=chain(write("a.txt", "Headline one\n\n" + BODY), write("b.txt", "Headline two\n\n"
                                                                           + BODY.replace("the", "a")))),
        Case("search: a 4.5 MB article beside a short one (two indexing processes)",
             ["search", "summit", "--json", F + "lop.jsonl"], "both found", (0,), stdout_has='"total": 2',
             setup=write("lop.jsonl", jsonl(record(id="huge", text="x" * 4_500_000 + " The summit opened." * 30),
                                            record(id="tiny", text="Summit.")))),
        Case("list: a missing path", ["list", "--json", F + "nope.jsonl"], "one line: no such file", (2,)),
        Case("list: an empty folder", ["list", "--json", F + "emptydir"], "one line: nothing readable", (2,),
             setup=lambda w: (w / "files" / "emptydir").mkdir(parents=True, exist_ok=True)),
        Case("list: a symlink loop inside a folder", ["list", "--json", F + "loopy"], "seeds read, loop skipped",
             (0,), setup=chain(write("loopy/a.txt", "Headline\n\n" + BODY), symlink("loopy/sub", "."),
                               symlink("loopy/self", "self"))),
        Case("list: a dangling symlink", ["list", "--json", F + "dang.txt"], "one line", (2,),
             setup=symlink("dang.txt", "/nonexistent/target.txt")),
        Case("list: /dev/null", ["list", "--json", "/dev/null"], "one line", (2,)),
        Case("list: a FIFO in a folder", ["list", "--json", F + "ff"], "FIFO skipped, never blocks", (0,),
             setup=chain(write("ff/a.txt", "Headline\n\n" + BODY), mkfifo("ff/pipe.txt")), timeout=60),
        Case("list: a folder named x.jsonl", ["list", "--json", F + "x.jsonl"], "read as a folder (nothing in it)",
             (2,), setup=lambda w: (w / "files" / "x.jsonl").mkdir(parents=True, exist_ok=True)),
    ]
    return cases


# -- CLI misuse ----------------------------------------------------------------------------------------
def usage_cases() -> list[Case]:
    cases = [Case(f"{c} --help", [c, "--help"], "usage, exit 0", (0,), stdout_has=f"usage: sco-tui {c}")
             for c in ("list", "search", "show", "index", "doctor", "compare", "cues", "stories", "merge-stories",
                       "move-article")]
    cases += [
        Case("sco-tui --help", ["--help"], "usage and commands", (0,), stdout_has="commands"),
        Case("sco-tui --version", ["--version"], "version", (0,), stdout_has="sco-tui"),
        Case("unknown command in a pipe", ["lst"], "one line (a typo is not a folder)", (2,)),
        Case("unknown option", ["list", "--bogus"], "one line", (2,), stderr_has="--bogus"),
        Case("unknown option, --json", ["list", "--bogus", "--json"], "one line, JSON error", (2,)),
        Case("search with no query", ["search"], "one line naming query", (2,), stderr_has="query"),
        Case("search with no query, --json", ["search", "--json"], "JSON error", (2,)),
        Case("search --limit 0", ["search", "x", "--limit", "0"], "one line", (2,), stderr_has="limit"),
        Case("search --limit abc --json", ["search", "x", "--limit", "abc", "--json"], "JSON error", (2,)),
        Case("search --limit 10**30", ["search", "Belarus", "--limit", "1" + "0" * 30, "--json"], "hits, no overflow",
             (0,)),
        Case("search an unclosed quote", ["search", '"special military', "--json"], "hits or one-line error",
             (0, 2)),
        Case("search ((( ", ["search", "(((", "--json"], "one line", (0, 2)),
        Case("search *", ["search", "*", "--json"], "one line", (0, 2)),
        Case("search date:garbage", ["search", "date:notadate", "--json"], "one line", (0, 2)),
        Case("search outlet: empty", ["search", "outlet:", "--json"], "one line", (0, 2)),
        Case("search a 20,000-character query", ["search", "word " * 4000, "--json"], "one line", (0, 2)),
        Case("search a NUL in the query", ["search", "Bela\x01rus", "--json"], "one line", (0, 2)),
        Case("search a word in no article", ["search", "zqxwvj", "--json"], "JSON, total 0", (0,),
             stdout_has='"total"'),
        Case("show a missing id", ["show", "zzz"], "one line", (2,), stderr_has="zzz"),
        Case("show a missing id, --json", ["show", "zzz", "--json"], "JSON error", (2,)),
        Case("show an ambiguous prefix", ["show", "00"], "one line listing the candidates", (2,)),
        Case("show an empty id", ["show", ""], "one line", (2,)),
        Case("compare --articles one", ["compare", "--articles", "000"], "needs two", (2,)),
        Case("compare --articles unknown", ["compare", "--articles", "000,zzz"], "one line naming zzz", (2,),
             stderr_has="zzz"),
        Case("compare --articles empty", ["compare", "--articles", ""], "one line", (2,)),
        Case("compare --articles ',,'", ["compare", "--articles", ",,"], "one line", (2,)),
        Case("compare --story unknown --json", ["compare", "--story", "nosuch", "--json"], "JSON error", (2,)),
        Case("compare --format pdf", ["compare", "--format", "pdf"], "one line naming choices", (2,)),
        Case("compare -o into a missing folder", ["compare", "-o", "@W/nowhere/x.md"], "one line, before work",
             (2,)),
        Case("compare -o with an unknown suffix", ["compare", "-o", "@W/x.pdf"], "one line", (2,)),
        Case("compare --term ''", ["compare", "--term", ""], "one line", (2,)),
        Case("compare --term in no article", ["compare", "--term", "zqxwv", "--format", "md"],
             "row says in no article", (0,), stdout_has="zqxwv (in no article)", stderr_has="in none of"),
        Case("compare --articles and --story together", ["compare", "--articles", "000,001", "--story", "s1"],
             "one line", (2,)),
        Case("cues --story unknown", ["cues", "--story", "nosuch"], "one line", (2,)),
        Case("cues --articles unknown --json", ["cues", "--articles", "zzz", "--json"], "JSON error", (2,)),
        Case("merge-stories one arg", ["merge-stories", "000"], "one line", (2,)),
        Case("merge-stories the same twice", ["merge-stories", "000", "000"], "one line", (2,)),
        Case("merge-stories unknown", ["merge-stories", "zzz", "yyy"], "one line", (2,)),
        Case("move-article unknown", ["move-article", "zzz"], "one line", (2,)),
        Case("--field bad", ["list", "--field", "bogus"], "one line", (2,), stderr_has="--field"),
        Case("--field unknown role", ["list", "--field", "colour=red"], "one line", (2,)),
        Case("--database garbage --json", ["search", "x", "--database", "not a url", "--json"], "JSON error", (2,)),
        Case("the app without a terminal", [], "one line: needs a terminal", (2,), stderr_has="terminal"),
        Case("stories --json", ["stories", "--json"], "JSON", (0,)),
        Case("doctor --json on nothing built", ["doctor", "--json"], "JSON report", (0, 1)),
        Case("index --json", ["index", "--json"], "JSON", (0,)),
    ]
    return cases


# -- damaged caches --------------------------------------------------------------------------------------
def cache_root(home: Path) -> Path:
    return home / "cache" / "sco-tui"


def damage(kind: str):
    """Build the seeds' index first, then damage it one way."""
    def setup(work: Path) -> None:
        home = work / "home"
        env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"),
               "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data")}
        seeds_copy(work)
        subprocess.run([EXE, "index", str(work / "files" / "seeds")], env=env, capture_output=True, timeout=300)
        files = [p for p in cache_root(home).rglob("*") if p.is_file()]
        if kind == "truncate every file":
            for p in files:
                with p.open("r+b") as fh:
                    fh.truncate(max(0, p.stat().st_size // 2))
        elif kind == "delete a segment":
            segs = [p for p in files if p.suffix == ".seg"]
            (segs or files)[0].unlink()
        elif kind == "garbage TOC":
            for p in files:
                if p.suffix == ".toc":
                    p.write_bytes(os.urandom(200))
        elif kind == "wrong version":
            for p in files:
                if p.suffix == ".json":
                    try:
                        data = json.loads(p.read_text())
                    except ValueError:
                        continue
                    if isinstance(data, dict):
                        for key in list(data):
                            if "version" in key or key in ("schema", "format"):
                                data[key] = 999
                        p.write_text(json.dumps(data))
        elif kind == "zero every file":
            for p in files:
                p.write_bytes(b"\0" * p.stat().st_size)
        elif kind == "delete every file, keep folders":
            for p in files:
                p.unlink()
        elif kind == "stale lock":
            for d in {p.parent for p in files}:
                for name in ("lock", ".lock", "write.lock", "MAIN_WRITELOCK"):
                    (d / name).write_text("99999999\n")
        elif kind == "cache folder is a file":
            shutil.rmtree(cache_root(home))
            cache_root(home).write_text("not a folder")
        elif kind == "garbage article cache":
            for p in files:
                if p.suffix in (".sqlite", ".db", ".jsonl", ".bin", ".npy"):
                    p.write_bytes(os.urandom(max(64, p.stat().st_size)))
    return setup


def cache_cases() -> list[Case]:
    kinds = ("truncate every file", "delete a segment", "garbage TOC", "wrong version", "zero every file",
             "delete every file, keep folders", "stale lock", "cache folder is a file", "garbage article cache")
    cases = []
    for kind in kinds:
        cases.append(Case(f"search after cache damage: {kind}", ["search", "Belarus", "--json", "@W/files/seeds"],
                          "verified, rebuilt or read again: 5 hits", (0,), stdout_has='"total": 5', setup=damage(kind),
                          max_err_lines=4))
    for kind in ("truncate every file", "garbage TOC", "zero every file"):
        cases.append(Case(f"doctor after cache damage: {kind}", ["doctor", "--json", "@W/files/seeds"],
                          "damage found, exit 1, JSON", (1,), setup=damage(kind), max_err_lines=6))
    return cases


def special_cases() -> list[Case]:
    """Configuration and history files damaged: the app refuses nothing, the CLI ignores them."""
    def bad_config(work: Path) -> None:
        home = work / "home"
        for d in (home / "config" / "sco-tui", home / "data" / "sco-tui"):
            d.mkdir(parents=True, exist_ok=True)
            for name in ("settings.json", "config.json", "history.json", "history", "corrections.json",
                         "story-corrections.json", "theme"):
                (d / name).write_bytes(b"\xff\xfe{garbage" + os.urandom(64))
    return [
        Case("stories with garbage config/data files", ["stories", "--json"], "JSON, corrections ignored with a line",
             (0,), setup=bad_config),
        Case("list with HOME unset-like (HOME=/nonexistent)", ["list", "--json"], "works or one line", (0, 2),
             env={"HOME": "/nonexistent", "XDG_CACHE_HOME": "/nonexistent/c", "XDG_CONFIG_HOME": "/nonexistent/f",
                  "XDG_DATA_HOME": "/nonexistent/d"}),
        Case("search with the cache on /proc (not writable)", ["search", "Belarus", "--json"],
             "searched in memory with one line", (0,), env={"XDG_CACHE_HOME": "/proc/sco-tui-cache"},
             stdout_has='"total": 5'),
        Case("search with LANG=C and a UTF-8 query", ["search", "Zürich", "--json"], "JSON", (0,),
             env={"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": ""}),
    ]


def interrupt_cases(exe: str, base: Path) -> list[Result]:
    """SIGINT and SIGTERM during `sco-tui index` of the sample; then a search must work."""
    sample = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "allsides-sample.jsonl"
    if not sample.exists():
        sample = Path("/work/shared/corpora/allsides-sample.jsonl")
    results = []
    for sig, name, codes in ((signal.SIGINT, "SIGINT", (130,)), (signal.SIGTERM, "SIGTERM", (143,))):
        work = Path(tempfile.mkdtemp(dir=base))
        home = work / "home"
        env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"),
               "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data")}
        ending = "exit 130, one line" if sig == signal.SIGINT else "exit 143, one line"
        case = Case(f"{name} during index of the sample, then search", ["index", str(sample)],
                    f"{ending}, no children left; the next search works", codes)
        start = time.monotonic()
        proc = subprocess.Popen([exe, "index", str(sample)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, start_new_session=True)
        time.sleep(4)
        os.killpg(proc.pid, sig) if sig == signal.SIGINT else proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
        problems = []
        if proc.returncode not in codes:
            problems.append(f"exit {proc.returncode}")
        if "Traceback" in err:
            problems.append("traceback")
        if len([ln for ln in err.splitlines() if ln.strip() and "\r" not in ln]) > 3:
            problems.append("many stderr lines")
        for _ in range(20):  # the writers notice their parent is gone within a couple of seconds
            time.sleep(0.5)
            left = subprocess.run(["pgrep", "-s", str(proc.pid)], capture_output=True, text=True).stdout.split()
            if not left:
                break
        if left:
            problems.append(f"{len(left)} processes left")
        after = subprocess.run([exe, "search", "trump", str(sample), "--json", "--limit", "1"], env=env,
                               capture_output=True, text=True, timeout=600)
        if after.returncode != 0 or not _valid_json(after.stdout):
            problems.append(f"search after: exit {after.returncode} {after.stderr.strip()[:100]}")
        results.append(Result(case, proc.returncode, out, err + after.stderr, time.monotonic() - start, problems))
    return results


EXE = "sco-tui"


def main() -> int:
    global EXE
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sco-tui", default=shutil.which("sco-tui") or "sco-tui")
    ap.add_argument("--only", default="")
    ap.add_argument("--no-interrupts", action="store_true")
    opts = ap.parse_args()
    EXE = opts.sco_tui
    base = Path(tempfile.mkdtemp(prefix="sco-faults-"))
    results = []
    try:
        for case in input_cases() + usage_cases() + cache_cases() + special_cases():
            if opts.only and opts.only not in case.name:
                continue
            work = Path(tempfile.mkdtemp(dir=base))
            (work / "files").mkdir()
            results.append(run(EXE, case, work, work / "home"))
            print(f"{'ok ' if not results[-1].problems else 'BAD'} {case.name}", file=sys.stderr)
        if not opts.no_interrupts and (not opts.only or "SIG" in opts.only):
            results += interrupt_cases(EXE, base)
    finally:
        subprocess.run(["chmod", "-R", "u+rwX", str(base)], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)
    print("| # | case | expected | exit | stderr (first line) | verdict |")
    print("|---|---|---|---|---|---|")
    for i, r in enumerate(results, 1):
        first = next((ln for ln in r.err.splitlines() if ln.strip()), "")
        first = first.replace("|", "\\|")[:140]
        verdict = "ok" if not r.problems else "**" + "; ".join(r.problems) + "**"
        print(f"| {i} | {r.case.name} | {r.case.expect} | {r.code} | {first} | {verdict} |")
    bad = sum(1 for r in results if r.problems)
    print(f"\n{len(results)} cases, {bad} failing.")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
