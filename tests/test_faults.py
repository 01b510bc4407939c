"""Fault injection: damaged caches, a disk that says no, interrupted runs and hostile input.

Every case ends in one clear line (never a traceback), keeps every readable record, never touches
the user's files, and never serves a damaged index. Permission faults are injected (CI runs as
root, which no chmod stops), with a real-chmod twin for other users.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, group_processes, needs_sample

from sco_tui.corpus.seeds import seeds_dir
from sco_tui.index.store import IndexStore
from sco_tui.workspace.library import Library

SEEDS = {f.name[:3]: f.read_text(encoding="utf-8") for f in sorted(seeds_dir().glob("*.txt"))}
PARAGRAPHS = [p.strip() for text in SEEDS.values() for p in text.split("\n\n")
              if len(p.split()) >= 25 and "\n" not in p.strip()]


def synthetic_jsonl(path: Path, n: int) -> Path:
    """``n`` distinct short articles made of real seed paragraphs (numbered so none is a duplicate)."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            body = f"{PARAGRAPHS[i % len(PARAGRAPHS)]}\n\n{PARAGRAPHS[(i * 7 + 3) % len(PARAGRAPHS)]} Item {i}."
            fh.write(json.dumps({"id": f"a{i}", "title": f"Summit report {i}", "text": body,
                                 "source": ("Wire", "Daily", "Herald")[i % 3]}) + "\n")
    return path


def run_cli(*args: str | Path, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sco_tui.cli", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=ROOT, timeout=300, **kw)


def built(folder: Path) -> Library:
    lib = Library([folder])
    lib.ensure_index()
    lib.close()
    return lib


def assert_one_line(err: str) -> None:
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln]
    assert lines and all(ln.startswith("sco-tui: ") for ln in lines), err


# --- the index is a cache: never serve a damaged copy ---------------------------------------------------------

def _truncate_segment(gen: Path) -> None:
    seg = max(gen.glob("*.seg"), key=lambda p: p.stat().st_size)
    with seg.open("r+b") as fh:
        fh.truncate(seg.stat().st_size // 2)


def _garbage_toc(gen: Path) -> None:  # same size, other bytes: only a checksum sees it
    toc = next(gen.glob("_MAIN_*.toc"))
    data = toc.read_bytes()
    toc.write_bytes(bytes(b ^ 0x5A for b in data[:64]) + data[64:])


def _delete_index_files(gen: Path) -> None:
    for p in gen.iterdir():
        if p.name != "manifest.json":
            p.unlink()


def _current_is_a_folder(gen: Path) -> None:
    current = gen.parent / "current"
    current.unlink()
    (current / "inner").mkdir(parents=True)


def _manifest_is_a_list(gen: Path) -> None:
    (gen / "manifest.json").write_text("[1, 2, 3]", encoding="utf-8")


def _manifest_articles_wrong_shape(gen: Path) -> None:
    m = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    m["articles"] = list(m["articles"])
    (gen / "manifest.json").write_text(json.dumps(m), encoding="utf-8")


def _manifest_lists_an_extra_article(gen: Path) -> None:  # counts disagree: the index lost a document
    m = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    m["articles"]["ghost"] = "0" * 24
    del m["files"]  # an older manifest without checksums: the document count still catches it
    (gen / "manifest.json").write_text(json.dumps(m), encoding="utf-8")


def _manifest_not_json(gen: Path) -> None:
    (gen / "manifest.json").write_bytes(b"\x00\xff{" * 50)


DAMAGE = {
    "truncated segment": (_truncate_segment, "has"),
    "garbage TOC": (_garbage_toc, "changed after it was written"),
    "index files deleted, manifest kept": (_delete_index_files, "is missing"),
    "current replaced by a folder": (_current_is_a_folder, "'current' pointer is not a file"),
    "manifest of the wrong shape": (_manifest_is_a_list, "manifest is not a JSON object"),
    "manifest articles of the wrong shape": (_manifest_articles_wrong_shape, "article list is damaged"),
    "document count against manifest": (_manifest_lists_an_extra_article, "holds 5 articles, its manifest lists 6"),
    "manifest not JSON": (_manifest_not_json, "manifest is not valid JSON"),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_damaged_index_is_detected_reported_and_rebuilt(cli, seed_copy: Path, case: str) -> None:
    damage, reason = DAMAGE[case]
    lib = built(seed_copy)
    damage(lib.store.current_dir() or next(lib.store.root.glob("gen-*")))
    assert not Library([seed_copy]).is_current()  # never "up to date" over a damaged index

    rc, out, err = cli("doctor", seed_copy)
    assert rc == 1 and "damaged" in out and reason in out and "Traceback" not in err

    rc, out, err = cli("index", seed_copy)
    assert rc == 0 and "up to date" not in out
    assert_one_line(err)
    assert err.count("index rebuilt") == 1 and reason in err
    assert "5 articles: 5 indexed" in out

    assert cli.json("search", "Kashmir", seed_copy)["total"] == 2  # never "No hits" from the damaged copy
    rc, out, _ = cli("doctor", seed_copy, "--json")
    assert rc == 0 and json.loads(out)["index"] == "current"
    rc, out, _ = cli("index", seed_copy)
    assert rc == 0 and "up to date" in out


def test_search_over_a_damaged_index_rebuilds_with_one_notice(cli, seed_copy: Path) -> None:
    _truncate_segment(built(seed_copy).store.current_dir())
    rc, out, err = cli("search", "Kashmir", seed_copy, "--json")
    assert rc == 0 and json.loads(out)["total"] == 2
    assert_one_line(err)
    assert err.count("index rebuilt: it was corrupt") == 1


def test_current_pointer_with_garbage_or_a_path_is_not_followed(seed_copy: Path, tmp_path: Path) -> None:
    lib = built(seed_copy)
    outside = tmp_path / "gen-outside"
    outside.mkdir()
    for text in ("../gen-outside", "/etc", "gen-\x00", "x" * 1000):
        (lib.store.root / "current").write_text(text, encoding="utf-8")
        store = IndexStore(lib.store.root)
        assert store.current_dir() is None and store.open() is None
    report = Library([seed_copy]).ensure_index()
    assert report.rebuilt and "pointer is garbage" in report.rebuilt
    assert outside.exists()  # nothing outside the cache is ever followed or removed


def test_doctor_on_a_sound_and_a_missing_index(cli, seed_copy: Path) -> None:
    rc, out, _ = cli("doctor", seed_copy, "--json")
    assert rc == 0 and json.loads(out)["index"].startswith("no index yet")
    built(seed_copy)
    report = cli.json("doctor", seed_copy)
    assert (report["index"], report["articles"], report["problem"]) == ("current", 5, None)
    assert report["files"] >= 2  # the TOC and at least one segment, each with size and checksum
    (seed_copy / "extra.txt").write_text("Extra headline\n\n" + PARAGRAPHS[0], encoding="utf-8")
    rc, out, _ = cli("doctor", seed_copy, "--json")
    assert rc == 0 and "articles changed since" in json.loads(out)["index"]


@pytest.mark.parametrize("payload", ["[1, 2]", '{"version": 1, "fingerprint": {}, "stories": 5}',
                                     '{"version": 1, "fingerprint": {}, "stories": [{"id": 1}]}',
                                     '{"version": 1, "fingerprint": {}, "stories": [], "features": []}',
                                     "[" * 100_000, "not json"])
def test_stories_cache_of_the_wrong_shape_is_not_trusted(cli, seed_copy: Path, payload: str) -> None:
    good = cli.json("stories", seed_copy)
    lib = Library([seed_copy])
    (lib.store.root / "stories.json").write_text(payload, encoding="utf-8")
    rc, out, err = cli("doctor", seed_copy)
    assert rc == 1 and "stories cache" in out
    rc, out, err = cli("stories", seed_copy, "--json")
    assert rc == 0 and json.loads(out) == good
    assert "Traceback" not in err


# --- two runs at once, Ctrl-C, kill -9 --------------------------------------------------------------------------

def test_a_second_refresh_waits_for_the_first(seed_copy: Path) -> None:
    """The sync lock, deterministically: while one process holds it, a second waits, says so, then
    finds nothing left to do."""
    import fcntl

    lib = built(seed_copy)
    (seed_copy / "extra.txt").write_text("Extra headline\n\n" + PARAGRAPHS[1], encoding="utf-8")
    waited = threading.Event()
    second = Library([seed_copy])
    second.store.on_wait = waited.set
    result: dict = {}
    with (lib.store.root / ".sync.lock").open("a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        t = threading.Thread(target=lambda: result.update(report=second.ensure_index()))
        t.start()
        assert waited.wait(10)
        assert t.is_alive()  # it waits rather than failing or writing beside the holder
        fcntl.flock(held, fcntl.LOCK_UN)
    t.join(60)
    report = result["report"]
    assert report.added == 1 and any("waited" in n for n in report.notices)
    assert second.search("Kashmir").total == 2
    second.close()


def test_two_index_runs_at_once_both_finish(tmp_path: Path) -> None:
    corpus = synthetic_jsonl(tmp_path / "many.jsonl", 400)
    env = {"SCO_TUI_CACHE_DIR": str(tmp_path / "cache")}
    procs = [subprocess.Popen([sys.executable, "-m", "sco_tui.cli", "index", str(corpus)], cwd=ROOT,
                              env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err and "WRITELOCK" not in err
    assert sum("400 indexed" in out for out, _ in results) == 1  # one built it, the other found it done
    check = run_cli("doctor", corpus, "--json", env=env)
    assert check.returncode == 0 and json.loads(check.stdout)["articles"] == 400


def _start_index(corpus: Path, cache: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "sco_tui.cli", "index", str(corpus)], cwd=ROOT,
                            env={**os.environ, "SCO_TUI_CACHE_DIR": str(cache)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_for_writer_processes(pgid: int, timeout: float = 60) -> None:
    """Until the build has forked its writer processes (the parent and at least one more)."""
    deadline = time.monotonic() + timeout
    while len(group_processes(pgid)) < 2:
        if time.monotonic() > deadline:
            raise AssertionError("the build never forked a writer process")
        time.sleep(0.02)


def _wait_for_commit(cache: Path, at_least: int = 1, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for m in cache.glob("indexes/*/gen-*/manifest.json"):
            with contextlib.suppress(OSError, ValueError, KeyError):  # a manifest being replaced: look again
                if len(json.loads(m.read_text(encoding="utf-8"))["articles"]) >= at_least:
                    return
        time.sleep(0.05)
    raise AssertionError("indexing never committed")


@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc to list processes")
def test_ctrl_c_during_index_exits_130_with_one_line(tmp_path: Path) -> None:
    corpus = synthetic_jsonl(tmp_path / "many.jsonl", 1500)  # over 1,000: the build forks writer processes
    cache = tmp_path / "cache"
    proc = _start_index(corpus, cache)
    _wait_for_commit(cache, 100)
    _wait_for_writer_processes(proc.pid)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole foreground group
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert _without_progress(err).strip() == "sco-tui: interrupted", err
    deadline = time.monotonic() + 10
    while group_processes(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert group_processes(proc.pid) == []
    env = {"SCO_TUI_CACHE_DIR": str(cache)}
    check = run_cli("doctor", corpus, "--json", env=env)  # consistent: what was committed is sound
    assert check.returncode == 0, check.stdout
    again = run_cli("index", corpus, env=env)
    assert again.returncode == 0 and "1,500 articles" in again.stdout
    # it resumes; only a Ctrl-C in the instant between a commit and its manifest costs a rebuild, said in one line
    rest = _without_progress(again.stderr)
    assert rest == "" or rest.startswith("sco-tui: index rebuilt: it was corrupt"), again.stderr


@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc to list processes")
@pytest.mark.parametrize("whom", ["parent", "group"])
def test_sigterm_during_index_exits_143_with_one_line(tmp_path: Path, whom: str) -> None:
    """``kill PID`` (the parent alone) or a service manager stopping the group: one line, status 143, no child
    left, and what was committed is sound."""
    corpus = synthetic_jsonl(tmp_path / "many.jsonl", 1500)
    cache = tmp_path / "cache"
    proc = _start_index(corpus, cache)
    _wait_for_commit(cache, 100)
    _wait_for_writer_processes(proc.pid)
    if whom == "parent":
        os.kill(proc.pid, signal.SIGTERM)
    else:
        os.killpg(proc.pid, signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143
    assert _without_progress(err).strip().startswith("sco-tui: stopped (SIGTERM);"), err
    assert_one_line(_without_progress(err))
    deadline = time.monotonic() + 10
    while group_processes(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert group_processes(proc.pid) == []
    check = run_cli("doctor", corpus, "--json", env={"SCO_TUI_CACHE_DIR": str(cache)})
    assert check.returncode == 0, check.stdout


def _without_progress(err: str) -> str:
    """stderr without the plain progress lines a run longer than a few seconds prints into a pipe."""
    return "".join(line for line in err.splitlines(keepends=True)
                   if not re.match(r"sco-tui: (read|indexed) \d+", line))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="dying with the parent is Linux's prctl")
def test_kill_9_of_the_parent_leaves_no_indexing_children(tmp_path: Path) -> None:
    corpus = synthetic_jsonl(tmp_path / "many.jsonl", 1500)
    cache = tmp_path / "cache"
    proc = _start_index(corpus, cache)
    _wait_for_commit(cache, 100)
    _wait_for_writer_processes(proc.pid)
    proc.kill()
    proc.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while group_processes(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert group_processes(proc.pid) == []
    again = run_cli("index", corpus, env={"SCO_TUI_CACHE_DIR": str(cache)})
    assert again.returncode == 0 and "Traceback" not in again.stderr
    assert json.loads(run_cli("search", "Item", corpus, "--json", "--limit", "1",
                              env={"SCO_TUI_CACHE_DIR": str(cache)}).stdout)["total"] == 1500


def test_worker_child_dies_with_its_parent(tmp_path: Path) -> None:
    """The app's indexing process (sco_tui.workspace.worker) asks to die with the app."""
    script = ("import subprocess, sys, time\n"
              "p = subprocess.Popen([sys.executable, '-c', 'from sco_tui.workspace.worker import die_with_parent; "
              "die_with_parent(); import time; time.sleep(60)'])\n"
              "print(p.pid, flush=True); time.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    child = int(parent.stdout.readline())
    time.sleep(0.5)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            break
        if state == "Z":
            break
        time.sleep(0.1)
    else:
        os.kill(child, signal.SIGKILL)
        raise AssertionError("the child outlived its parent")


# --- the machine says no ----------------------------------------------------------------------------------------

class ReadOnly:
    """Every write, create, rename or remove under the given folders fails as a read-only mount
    would (EROFS): injected at the os/io layer, so it holds for root too and for Whoosh's own files."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folders: list[str] = []
        real_open, real_os_open = io.open, os.open

        def blocked(path: object) -> bool:
            try:
                p = os.path.abspath(os.fspath(path))  # type: ignore[arg-type]
            except TypeError:
                return False
            return any(p == f or p.startswith(f + os.sep) for f in self.folders)

        def fail(path: object) -> OSError:
            return OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(path))  # type: ignore[arg-type]

        def guarded_open(file, mode="r", *args, **kwargs):
            if any(c in mode for c in "wax+") and blocked(file):
                raise fail(file)
            return real_open(file, mode, *args, **kwargs)

        def guarded_os_open(path, flags, *args, **kwargs):
            if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and blocked(path):
                raise fail(path)
            return real_os_open(path, flags, *args, **kwargs)

        def guard(name: str, n_paths: int = 1):
            real = getattr(os, name)

            def guarded(*args, **kwargs):
                for p in args[:n_paths]:
                    if blocked(p):
                        raise fail(p)
                return real(*args, **kwargs)
            monkeypatch.setattr(os, name, guarded)

        monkeypatch.setattr(builtins, "open", guarded_open)
        monkeypatch.setattr(io, "open", guarded_open)
        monkeypatch.setattr(os, "open", guarded_os_open)
        for name in ("mkdir", "unlink", "remove", "rmdir"):
            guard(name)
        for name in ("replace", "rename"):
            guard(name, 2)

    def add(self, folder: Path) -> None:
        self.folders.append(os.path.abspath(folder))


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> ReadOnly:
    return ReadOnly(monkeypatch)


def _all_temp_dirs_read_only(read_only: ReadOnly, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    import tempfile

    temp = tmp_path / "tmp"
    temp.mkdir()
    (temp / "sco-tui-0").mkdir()  # a fallback folder that exists but cannot be written
    (temp / f"sco-tui-{os.getuid()}").mkdir(exist_ok=True)
    read_only.add(temp)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


def test_read_only_cache_and_temp_dirs_search_in_memory(cli, seed_copy: Path, tmp_path: Path,
                                                       read_only: ReadOnly, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    read_only.add(cache)
    monkeypatch.setenv("SCO_TUI_CACHE_DIR", str(cache))
    temp = _all_temp_dirs_read_only(read_only, monkeypatch, tmp_path)
    rc, out, err = cli("search", "Kashmir", seed_copy, "--json")
    assert rc == 0 and json.loads(out)["total"] == 2, err  # the best that still works: search, from memory
    assert_one_line(err)
    assert err.count("\n") == 1 and "kept in memory and not saved" in err and str(temp) in err
    rc, out, err = cli("index", seed_copy)  # nothing can work: an index that cannot be kept
    assert rc == 2 and out == ""
    assert_one_line(err)
    assert "could not be saved" in err
    assert list(cache.iterdir()) == []


def test_read_only_index_folder_after_the_corpus_changed(cli, seed_copy: Path, read_only: ReadOnly) -> None:
    lib = built(seed_copy)
    before = {p: p.read_bytes() for p in lib.store.root.rglob("*") if p.is_file()}
    (seed_copy / "extra.txt").write_text("Extra headline\n\n" + PARAGRAPHS[2] + " Kashmir.", encoding="utf-8")
    read_only.add(lib.store.root)
    rc, out, err = cli("search", "Kashmir", seed_copy, "--json")
    assert rc == 0 and json.loads(out)["total"] == 3  # the new article is found, from memory
    assert_one_line(err)
    assert "cannot write the index" in err and "Read-only file system" in err
    assert {p: p.read_bytes() for p in lib.store.root.rglob("*") if p.is_file()} == before


def _enospc_after(monkeypatch: pytest.MonkeyPatch, calls: int) -> None:
    """Whoosh's storage fails with ENOSPC from its ``calls``-th new file on."""
    from whoosh.filedb.filestore import FileStorage

    real = FileStorage.create_file
    count = {"n": 0}

    def create_file(self, name, *args, **kwargs):
        count["n"] += 1
        if count["n"] >= calls:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.path.join(self.folder, name))
        return real(self, name, *args, **kwargs)
    monkeypatch.setattr(FileStorage, "create_file", create_file)


@pytest.mark.parametrize("calls", [1, 3])
def test_disk_full_while_indexing(cli, tmp_path: Path, calls: int) -> None:
    corpus = synthetic_jsonl(tmp_path / "many.jsonl", 250)  # several batches: the disk fills midway
    with pytest.MonkeyPatch.context() as mp:
        _enospc_after(mp, calls)
        rc, out, err = cli("search", "Item", corpus, "--json", "--limit", "1")
        assert rc == 0 and json.loads(out)["total"] == 250
        assert_one_line(err)
        assert err.count("No space left on device") == 1
        rc, out, err = cli("index", corpus)
        assert rc == 2 and "could not be saved" in err
        assert_one_line(err)
    rc, out, err = cli("index", corpus)  # space again: a sound index, no damaged copy served
    assert rc == 0 and "Traceback" not in err
    assert cli.json("search", "Item", corpus, "--limit", "1")["total"] == 250


def test_disk_full_writing_a_report_keeps_the_old_one(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "report.md"
    report.write_text("an earlier report\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(os, "fsync", full)
    rc, _out, err = cli("compare", "-o", report)
    assert rc == 2 and err.strip() == f"sco-tui: cannot write {report}: No space left on device"
    assert report.read_text(encoding="utf-8") == "an earlier report\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_unreadable_subfolder_is_reported(cli, seed_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = seed_copy / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(SEEDS["000"], encoding="utf-8")
    real = os.scandir

    def scandir(path=".", *args):
        if os.path.abspath(os.fspath(path)) == str(locked):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real(path, *args)
    monkeypatch.setattr(os, "scandir", scandir)
    rc, out, err = cli("list", seed_copy, "--json")
    assert rc == 0 and len(json.loads(out)) == 5
    assert err.strip() == f"sco-tui: skipped {locked}: cannot read this folder: Permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder; the injected twin above covers root")
def test_unreadable_subfolder_is_reported_real_chmod(cli, seed_copy: Path) -> None:
    locked = seed_copy / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        rc, _, err = cli("list", seed_copy)
        assert rc == 0 and "cannot read this folder: Permission denied" in err
    finally:
        locked.chmod(0o700)


def test_an_unexpected_error_is_one_line(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from sco_tui.corpus import load

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")
    monkeypatch.setattr(load, "build_article", broken)
    rc, out, err = cli("list")
    assert rc == 1 and out == ""
    assert err.strip() == "sco-tui: internal error (ZeroDivisionError: a bug); please report it"


# --- hostile input: a readable record is never lost because of its neighbour -------------------------------------

from sco_tui.corpus import readers  # noqa: E402
from sco_tui.corpus.load import load_corpus  # noqa: E402

GOOD = {"id": "good", "title": "Putin and Xi meet in Astana", "text": SEEDS["004"], "source": "Wire"}


def problems_by_file(corpus) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in corpus.problems:
        out.setdefault(Path(p.source.split(":")[0].split("#")[0]).name, []).append(p.message)
    return out


def test_json_nested_100000_levels(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "deep.json").write_text(deep, encoding="utf-8")
    (tmp_path / "deep_object.json").write_text('{"a": ' * 100_000 + "1" + "}" * 100_000, encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(deep + "\n" + json.dumps(GOOD) + "\n", encoding="utf-8")
    (tmp_path / "array.json").write_text(json.dumps([GOOD | {"id": "first", "text": SEEDS["001"]}])[:-1] + ", "
                                         + deep + "]",
                                         encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert sorted(a.id for a in corpus) == ["first", "good"]
    found = problems_by_file(corpus)
    assert found["deep.json"] == ["record 1 is nested too deeply to be an article"]
    assert "nested more than" in found["deep_object.json"][0]
    assert "nested more than" in found["lines.jsonl"][0]
    assert found["array.json"] == ["record 2 is nested too deeply to be an article; the records before it were read"]


def test_integers_of_5000_digits_keep_the_record(tmp_path: Path) -> None:
    big = "9" * 5000
    one, two = json.dumps(SEEDS["001"]), json.dumps(SEEDS["002"])
    (tmp_path / "a.json").write_text(f'[{{"id": "n1", "text": {one}, "views": {big}}}]', encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(f'{{"id": "n2", "text": {two}, "date": {big}}}\n', encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert sorted(a.id for a in corpus) == ["n1", "n2"]
    assert corpus.get("n2").date.value is None and any("not a usable timestamp" in n or "could not" in n
                                                       for n in corpus.get("n2").notes)


def test_lone_surrogates_search_and_show_write_them_out(tmp_path: Path) -> None:
    record = {"id": "sur\ud800", "title": "Bad \ud800 title",
              "text": SEEDS["003"].replace("Kashmir", "Kash\udc00mir", 1) + "\n\nKashmir again \udfff.",
              "source": "Wire \ud83d"}
    f = tmp_path / "s.jsonl"
    f.write_text(json.dumps(record) + "\n" + json.dumps(GOOD) + "\n", encoding="utf-8")  # \\ud800 escapes
    weird = tmp_path / "names"
    weird.mkdir()
    (weird / os.fsdecode(b"bad\xffname.txt")).write_text(SEEDS["000"], encoding="utf-8")
    env = {"SCO_TUI_CACHE_DIR": str(tmp_path / "cache"), "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""}
    for args in (("search", "Kashmir", f), ("search", "Kashmir", f, "--json"), ("show", "sur\ufffd", f),
                 ("show", "sur\ufffd", f, "--json"), ("list", f, weird), ("list", f, weird, "--json")):
        res = run_cli(*args, env=env)
        assert res.returncode == 0, (args, res.stderr)
        assert "Traceback" not in res.stderr and "Error" not in res.stderr
    assert "Bad \ufffd title" in run_cli("show", "sur\ufffd", f, env=env).stdout
    listed = json.loads(run_cli("list", f, weird, "--json", env=env).stdout)
    assert {a["id"] for a in listed} == {"sur\ufffd", "good", "bad\ufffdname"}


def test_impossible_dates_and_unknown_zones(tmp_path: Path) -> None:
    records = [{"id": "d1", "text": SEEDS["001"], "date": "2024-07-04T10:00:00+99:00"},
               {"id": "d2", "text": SEEDS["002"], "date": "2024-07-04 10:00 XYZT"},
               {"id": "d3", "text": SEEDS["003"], "date": "July 4 2024 10:00 FOO"},
               {"id": "d4", "text": SEEDS["004"], "date": "2024-07-04"}]
    f = tmp_path / "dates.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    res = subprocess.run([sys.executable, "-W", "default", "-m", "sco_tui.cli", "list", str(f), "--json"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120,
                         env={**os.environ, "SCO_TUI_CACHE_DIR": str(tmp_path / "cache")})
    assert res.returncode == 0 and res.stderr == ""  # no library warning printed
    dates = {a["id"]: a["date"] for a in json.loads(res.stdout)}
    assert dates == {"d1": "2024-07-04", "d2": "2024-07-04T10:00:00", "d3": "2024-07-04T10:00:00",
                     "d4": "2024-07-04"}
    corpus = load_corpus([f])
    assert any("impossible time-zone offset" in n for n in corpus.get("d1").notes)
    assert any("time zone not known" in n for n in corpus.get("d2").notes)


def test_untitled_one_paragraph_records(tmp_path: Path) -> None:
    one, two = PARAGRAPHS[0], PARAGRAPHS[5]
    f = tmp_path / "untitled.jsonl"
    f.write_text(json.dumps({"id": "u1", "text": one}) + "\n" + json.dumps({"id": "u2", "text": two}) + "\n"
                 + json.dumps({"id": "u3", "text": "Short headline here\n\n" + PARAGRAPHS[7]}) + "\n",
                 encoding="utf-8")
    corpus = load_corpus([f])
    assert [a.id for a in corpus] == ["u1", "u2", "u3"] and not corpus.problems  # not called duplicates
    u1, u2, u3 = corpus
    assert u1.body == one and u2.body == two  # the paragraph stays the story
    assert u1.title.endswith("…") and one.startswith(u1.title[:-1])
    assert u3.title == "Short headline here" and u3.body == PARAGRAPHS[7]  # a real headline still leads


def test_json_object_of_articles_keyed_by_id(tmp_path: Path) -> None:
    f = tmp_path / "keyed.json"
    f.write_text(json.dumps({"k1": {"title": "One", "text": PARAGRAPHS[0]},
                             "k2": {"id": "own", "title": "Two", "text": PARAGRAPHS[5]},
                             "k3": {"title": "No text"}}), encoding="utf-8")
    corpus = load_corpus([f])
    assert [a.id for a in corpus] == ["k1", "own"]  # the key is the id unless the record names its own
    assert [p.message for p in corpus.problems] == ["record has no article text (looked for text/body/content/"
                                                    "content_original)"]
    assert "'k3'" in corpus.problems[0].source


def test_utf16_with_bom_and_random_bytes(tmp_path: Path) -> None:
    import random

    (tmp_path / "utf16.txt").write_bytes(SEEDS["004"].encode("utf-16"))  # with its BOM
    (tmp_path / "utf16be.md").write_bytes(b"\xfe\xff" + SEEDS["001"].encode("utf-16-be"))
    noise = bytes(b or 1 for b in random.Random(12).randbytes(20_000))  # no NUL anywhere
    (tmp_path / "noise.txt").write_bytes(noise)
    (tmp_path / "noise.jsonl").write_bytes(noise)
    corpus = load_corpus([tmp_path])
    assert sorted(a.id for a in corpus) == ["utf16", "utf16be"]
    assert "Xi Jinping" in corpus.get("utf16").body and "Xi" in corpus.get("utf16be").body
    found = problems_by_file(corpus)
    assert found["noise.txt"][0].startswith("binary file, not text")
    assert len(found["noise.jsonl"]) <= readers.GIVE_UP_AFTER  # not one line per garbage line


@pytest.mark.parametrize("codec", ["gzip", "xz", "bz2"])
def test_compressed_jsonl_json_and_text_read_transparently(tmp_path: Path, codec: str) -> None:
    import bz2
    import gzip
    import lzma

    compress = {"gzip": gzip.compress, "xz": lzma.compress, "bz2": bz2.compress}[codec]
    ext = {"gzip": "gz", "xz": "xz", "bz2": "bz2"}[codec]
    lines = "".join(json.dumps({"id": f"j{i}", "title": f"T{i}", "text": SEEDS[k]}) + "\n"
                    for i, k in enumerate(["000", "001"]))
    (tmp_path / f"set.jsonl.{ext}").write_bytes(compress(lines.encode()))
    (tmp_path / f"arr.json.{ext}").write_bytes(compress(json.dumps([{"id": "arr", "text": SEEDS["002"]}]).encode()))
    (tmp_path / f"story.txt.{ext}").write_bytes(compress(SEEDS["003"].encode()))
    (tmp_path / f"broken.jsonl.{ext}").write_bytes(compress(lines.encode())[:40])
    corpus = load_corpus([tmp_path])
    assert sorted(a.id for a in corpus) == ["arr", "j0", "j1", "story"]
    found = problems_by_file(corpus)
    assert len(found[f"broken.jsonl.{ext}"]) == 1  # one message for the file


@needs_sample
def test_a_compressed_file_cut_midway_keeps_its_records_before_the_cut_and_says_so(cli, tmp_path: Path) -> None:
    import gzip

    data = gzip.compress(SAMPLE.read_bytes()[:3_000_000])
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    corpus = load_corpus([tmp_path])
    [problem] = corpus.problems
    assert 50 < len(corpus) < 1000
    assert problem.message == (f"damaged compressed file (EOFError): the {len(corpus)} records before the damage "
                               "were read, the rest is lost")
    rc, out, err = cli("list", tmp_path, "--json")
    assert rc == 0 and len(json.loads(out)) == len(corpus)
    assert err.strip() == f"sco-tui: skipped {problem}"


def test_an_article_kept_under_a_new_id_is_not_called_skipped(cli, tmp_path: Path) -> None:
    for name, key in (("a.jsonl", "000"), ("b.jsonl", "001")):
        (tmp_path / name).write_text(json.dumps({"id": "x1", "text": SEEDS[key]}) + "\n", encoding="utf-8")
    rc, out, err = cli("list", tmp_path, "--json")
    assert rc == 0 and sorted(a["id"] for a in json.loads(out)) == ["x1", "x1~2"]
    assert err.strip() == f"sco-tui: {tmp_path / 'b.jsonl'}#1: id 'x1' is used twice; read as 'x1~2'"


async def test_the_app_does_not_count_a_renamed_article_as_skipped(tmp_path: Path) -> None:
    from sco_tui.tui.app import create_app
    from tests.test_app import settle, text_of

    for name, key in (("a.jsonl", "000"), ("b.jsonl", "001")):
        (tmp_path / name).write_text(json.dumps({"id": "x1", "text": SEEDS[key]}) + "\n", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"")
    app = create_app([tmp_path])
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        status = text_of(app, "#status")
        assert "2 articles" in status and "1 skipped" in status, status
        notices = [str(n.message) for n in app._notifications]
        assert any(n.startswith("Skipped ") and "c.txt: empty file" in n for n in notices), notices


def test_gzip_under_a_plain_name_is_one_file_not_one_message_per_line(tmp_path: Path) -> None:
    import gzip

    lines = "".join(json.dumps({"id": f"g{i}", "text": s}) + "\n" for i, s in enumerate(SEEDS.values()))
    (tmp_path / "data.jsonl").write_bytes(gzip.compress(lines.encode()))
    corpus = load_corpus([tmp_path])
    assert len(corpus) == 5 and not corpus.problems


def test_symlink_loops_and_newlines_in_names(cli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(SEEDS["004"], encoding="utf-8")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "dir-loop").symlink_to(folder)
    (folder / "two\nlines.txt").write_bytes(b"")
    (folder / "three\nline\rname.md").write_bytes(b"\x00binary")
    rc, out, err = cli("list", folder, "--json")
    assert rc == 0 and [a["id"] for a in json.loads(out)] == ["ok"]
    assert_one_line(err)
    lines = err.splitlines()
    assert len(lines) == 3
    assert any("loop.txt: cannot read: Too many levels of symbolic links" in ln for ln in lines)
    assert any("two\\nlines.txt: empty file" in ln for ln in lines)
    assert any("three\\nline\\rname.md: binary file" in ln for ln in lines)
    loop = tmp_path / "self"
    loop.symlink_to(loop)
    rc, out, err = cli("list", loop)
    assert rc == 2 and out == ""
    assert_one_line(err)
    assert "Too many levels of symbolic links" in err


def test_yaml_billion_laughs_is_refused(tmp_path: Path) -> None:
    import resource

    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev = chr(ord("a") + i - 1)
        laughs.append(f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [{','.join(['*' + prev] * 9)}]")
    (tmp_path / "bomb.md").write_text("---\n" + "\n".join(laughs) + "\n---\n" + SEEDS["000"], encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    corpus = load_corpus([tmp_path])
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    [article] = corpus
    assert any("YAML aliases" in n for n in article.notes)
    assert "Guterres" in article.body and "lol" not in article.body and "&a" not in article.title
    assert grown_mb < 100


def test_json_array_streams_across_chunk_boundaries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = [{"id": f"r{i}", "title": f"Title {i} “quoted”", "text": PARAGRAPHS[i % len(PARAGRAPHS)] + f" {i}.",
                "n": 12345678901234567890 + i, "x": [1.5, None, True, {"k": "v"}]} for i in range(60)]
    f = tmp_path / "arr.json"
    f.write_text("\ufeff [\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n]\n",
                 encoding="utf-8")
    whole = [a.id for a in load_corpus([f])]
    monkeypatch.setattr(readers, "CHUNK", 7)  # every element, number and multi-byte character is cut somewhere
    streamed = load_corpus([f])
    assert [a.id for a in streamed] == whole == [f"r{i}" for i in range(60)]
    assert dict(streamed.get("r3").extra)["n"] == str(12345678901234567893)
    f.write_text(f.read_text(encoding="utf-8").replace('{"id": "r40"', '{"id" "r40"', 1), encoding="utf-8")
    broken = load_corpus([f])
    assert len(broken) == 40 and "malformed JSON in record 41" in broken.problems[0].message


def test_json_array_in_another_encoding_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = [{"id": "c1", "title": "Erdoğan in Astana", "text": SEEDS["002"].replace("’", "'")},
               {"id": "c2", "title": "Second", "text": SEEDS["001"].replace("’", "'")}]
    f = tmp_path / "cp.json"
    f.write_bytes(json.dumps(records, ensure_ascii=False).encode("cp1254", errors="replace"))
    corpus = load_corpus([f])
    assert [a.id for a in corpus] == ["c1", "c2"] and corpus.get("c1").title.startswith("Erdo")
    assert any("not valid UTF-8" in n for n in corpus.get("c1").notes)
    late = tmp_path / "late.json"  # UTF-8 first, another encoding after the first chunk: the first records kept
    late.write_bytes(b"[" + json.dumps(records[1]).encode() + b", " + json.dumps(records[0], ensure_ascii=False)
                     .encode("cp1254", errors="replace") + b"]")
    monkeypatch.setattr(readers, "CHUNK", 64)
    corpus = load_corpus([late])
    assert [a.id for a in corpus] == ["c2"]
    assert corpus.problems[0].message == "not valid UTF-8 after record 1; the records before it were read"
