"""The README's Quick start as a new user runs it: a non-editable install, the real ``sco-tui``
started from the clone's root with a fresh home, and a search that must find the seeds.

The app indexes in a child process; that child must run the installed code on the parent's exact
inputs, whatever the current folder holds (a clone's root has a ``sco_tui/`` of its own)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from sco_tui.workspace.library import Library
from sco_tui.workspace.worker import ChildIndexer
from tests.test_terminal import TMUX, Tmux

ROOT = Path(__file__).resolve().parents[1]


def test_indexing_child_ignores_a_sco_tui_in_the_current_folder(tmp_path: Path, monkeypatch) -> None:
    decoy = tmp_path / "sco_tui"
    decoy.mkdir()
    (decoy / "__init__.py").write_text("raise SystemExit('the decoy package was imported')\n")
    monkeypatch.chdir(tmp_path)
    library = Library()
    indexer = ChildIndexer([], {}, library.key)
    report = indexer.run(lambda done, total: None, lambda: False)
    assert indexer.error is None
    assert report is not None and report.total == 5
    assert library.is_current()
    assert library.search("Belarus").total == 5


def test_indexing_child_refuses_another_corpus(monkeypatch) -> None:
    indexer = ChildIndexer([], {}, "not-this-corpus")
    report = indexer.run(lambda done, total: None, lambda: False)
    assert report is None
    assert indexer.error and "another corpus" in indexer.error
    assert not Library().is_current()  # nothing was indexed under the wrong key


@pytest.fixture(scope="module")
def installed_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the project installed from the clone, not editable. Its dependencies come
    from the test environment (a .pth line), so nothing but the project is downloaded or built."""
    venv = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    ask = "import sysconfig; print(sysconfig.get_path('purelib'))"
    purelib = subprocess.run([str(venv / "bin" / "python"), "-c", ask],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "test-deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", str(ROOT)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import sco_tui; print(sco_tui.__file__)"],
                           check=True, capture_output=True, text=True, cwd="/").stdout
    assert where.startswith(purelib), f"not the installed copy: {where}"
    return venv


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
def test_quick_start_from_the_clone_root_finds_the_seeds(installed_venv: Path, tmp_path: Path) -> None:
    home = tmp_path / "fresh-home"
    home.mkdir()
    tmux = Tmux(f"sco-qs-{os.getpid()}")
    env = f"env -i HOME={home} PATH=/usr/bin:/bin TERM=xterm-256color LANG=C.UTF-8"
    tmux("new-session", "-d", "-s", tmux.session, "-x", "160", "-y", "45",
         f"cd {ROOT} && {env} {installed_venv / 'bin' / 'sco-tui'}")
    tmux("resize-window", "-t", tmux.session, "-x", "160", "-y", "45")
    try:
        tmux.wait_for("index ready", seconds=60)
        tmux("send-keys", "-t", tmux.session, "/", *"Belarus")
        shown = tmux.wait_for("5 hits in 3 outlets", seconds=15)
        assert "No hits" not in shown
        assert "Press TV" in shown and "Asian Lite News" in shown
    finally:
        tmux("kill-server")
    time.sleep(0.2)
    assert (home / ".cache" / "sco-tui").is_dir()  # a fresh home: the index went where a user's goes
