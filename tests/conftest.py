"""Shared fixtures: every test gets its own cache, data and config dirs; real seeds, real sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sco_tui.cli import main
from sco_tui.corpus.seeds import seeds_dir

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "corpora" / "allsides-sample.jsonl"

needs_sample = pytest.mark.skipif(not SAMPLE.exists(), reason="the AllSides sample is not beside the repo")


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SCO_TUI_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdgcache"))
    return home


class CLI:
    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, *args: str | Path) -> tuple[int, str, str]:
        self.capsys.readouterr()
        rc = main([str(a) for a in args])
        captured = self.capsys.readouterr()
        return rc, captured.out, captured.err

    def json(self, *args: str | Path) -> object:
        rc, out, err = self(*args, "--json")
        assert rc == 0, err
        return json.loads(out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> CLI:
    return CLI(capsys)


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """The seed files in a folder of their own (no metadata file), to test reading them as a user would."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for f in seeds_dir().glob("*.txt"):
        (folder / f.name).write_bytes(f.read_bytes())
    return folder


def ids(hits: list[dict]) -> list[str]:
    return sorted(h["id"][:3] for h in hits)


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL server for the whole session (see tests/pg.py); skips where none is installed."""
    from pg import Cluster, server_bin

    bindir = server_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries are not installed (Debian: apt-get install postgresql-15)")
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'sco-tui[postgres]')")
    cluster = Cluster(bindir)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture
def pg_url(pg_cluster, request: pytest.FixtureRequest) -> str:
    """A fresh, empty database of the session's cluster for one test."""
    import re

    name = "t_" + re.sub(r"\W+", "_", request.node.name.lower())[:50] + f"_{id(request) % 100000}"
    return pg_cluster.create_db(name)


def live_processes() -> dict[int, tuple[int, int]]:
    """Every live (not zombie) process, from /proc: pid -> (parent pid, process group)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rfind(")") + 2:].split()
            if fields[0] != "Z":
                found[int(entry.name)] = (int(fields[1]), int(fields[2]))
    return found


def group_processes(pgid: int) -> list[int]:
    """The live (not zombie) processes of a process group."""
    return [pid for pid, (_parent, group) in live_processes().items() if group == pgid]


def sample_part(folder: Path, n: int) -> Path:
    """The first ``n`` articles of the sample as a JSONL file of their own in ``folder``."""
    part = folder / "part.jsonl"
    with open(SAMPLE, encoding="utf-8") as f:
        part.write_text("".join(next(f) for _ in range(n)), encoding="utf-8")
    return part
