"""The real console script in a real terminal (tmux): type /Kashmir and read the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
SCRIPT = Path(sys.executable).with_name("sco-tui")


class Tmux:
    """One tmux server of our own (its own socket), so that no user session is touched."""

    def __init__(self, name: str) -> None:
        self.base = [str(TMUX), "-L", name]
        self.session = name

    def __call__(self, *args: str) -> str:
        return subprocess.run([*self.base, *args], capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self("capture-pane", "-t", self.session, "-p")

    def launch(self, cwd: Path, width: int, height: int, terminal: str = "TERM=xterm-256color") -> None:
        """The installed sco-tui in a new session of this size, with the test's private dirs (and not
        the test process's COLUMNS/LINES, which would pin the app's size)."""
        env = " ".join(f"{k}={os.environ[k]}" for k in ("SCO_TUI_CACHE_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME"))
        self("new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height),
             f"cd {cwd} && env -u COLUMNS -u LINES {env} {terminal} {SCRIPT}")

    def wait_gone(self, why: str, seconds: float = 10) -> None:
        """Until the app has exited (its session closed)."""
        deadline = time.monotonic() + seconds
        while self.session in self("ls"):
            assert time.monotonic() < deadline, why
            time.sleep(0.2)

    def wait_for(self, text: str, seconds: float = 30) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in (shown := self.screen()):
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
@pytest.mark.skipif(not SCRIPT.exists(), reason="the sco-tui console script is not installed here")
@pytest.mark.parametrize("terminal", ["TERM=xterm-256color", "TERM=xterm NO_COLOR=1"], ids=["256-colour", "no-colour"])
def test_real_sco_tui_in_tmux(private_dirs: Path, tmp_path: Path, terminal: str) -> None:
    tmux = Tmux(f"sco-test-{os.getpid()}")
    tmux.launch(tmp_path, 120, 40, terminal)  # any working directory will do
    try:
        tmux.wait_for("index ready")
        tmux("send-keys", "-t", tmux.session, "/", *"Kashmir")
        shown = tmux.wait_for("2 hits in 2 outlets", seconds=10)
        assert "Asian Lite News" in shown and "Unattributed" in shown
        assert "Kashmir," in shown  # a snippet, with the match in context
        tmux("send-keys", "-t", tmux.session, "escape")
        time.sleep(0.5)  # a lone escape, not the start of alt+q
        tmux("send-keys", "-t", tmux.session, "q")
        tmux.wait_gone("sco-tui did not quit on q")
    finally:
        tmux("kill-server")


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
@pytest.mark.skipif(not SCRIPT.exists(), reason="the sco-tui console script is not installed here")
def test_real_comparison_in_tmux_shows_every_outlet_and_q_goes_back(private_dirs: Path, tmp_path: Path) -> None:
    tmux = Tmux(f"sco-cmp-{os.getpid()}")
    tmux.launch(tmp_path, 160, 45)
    try:
        tmux.wait_for("index ready")
        tmux("send-keys", "-t", tmux.session, "c")
        shown = tmux.wait_for("Claims ·", seconds=20)
        header = next((line for line in shown.splitlines() if "Press TV" in line), shown)  # shown: says why
        for outlet in ("Asian Lite News", "Press TV"):
            assert outlet in header
        assert header.count("Unattributed") == 3  # five columns in one screen, none scrolled away
        tmux("send-keys", "-t", tmux.session, "q")
        tmux.wait_for("index ready", seconds=10)  # back on the explorer, still running
        assert "Claims ·" not in tmux.screen()
        tmux("send-keys", "-t", tmux.session, "q")
        tmux.wait_gone("sco-tui did not quit on q from the explorer")
    finally:
        tmux("kill-server")


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
@pytest.mark.usefixtures("private_dirs")
def test_ctrl_z_suspends_to_the_shell_and_fg_returns(tmp_path: Path) -> None:
    """As in other terminal programs: ctrl+z stops sco-tui and gives the shell back; fg brings it back."""
    tmux = Tmux(f"sco-susp-{os.getpid()}")
    env = " ".join(f"{k}={os.environ[k]}" for k in ("SCO_TUI_CACHE_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME"))
    tmux("new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "40", "env -u COLUMNS -u LINES bash --norc -i")
    try:
        tmux.wait_for("#")  # the shell's prompt
        tmux("send-keys", "-t", tmux.session, f"cd {tmp_path} && {env} TERM=xterm-256color {SCRIPT}", "Enter")
        tmux.wait_for("index ready")
        tmux("send-keys", "-t", tmux.session, "C-z")
        tmux.wait_for("Stopped", seconds=10)  # the shell's job report
        tmux("send-keys", "-t", tmux.session, "fg", "Enter")
        tmux.wait_for("index ready", seconds=10)
        tmux("send-keys", "-t", tmux.session, "q")
        deadline = time.monotonic() + 10
        while "index ready" in tmux.screen():
            assert time.monotonic() < deadline, "sco-tui did not quit after fg"
            time.sleep(0.2)
    finally:
        tmux("kill-server")


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
@pytest.mark.usefixtures("private_dirs")
def test_sigterm_leaves_as_q_does_and_gives_the_terminal_back(tmp_path: Path) -> None:
    """``kill`` of the app: it leaves the alternate screen and raw mode as on q, says why in one line, exits 143;
    before, it died mid-frame and the shell was left typing blind."""
    tmux = Tmux(f"sco-term-{os.getpid()}")
    env = " ".join(f"{k}={os.environ[k]}" for k in ("SCO_TUI_CACHE_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME"))
    tmux("new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "40", "env -u COLUMNS -u LINES bash --norc -i")
    try:
        tmux.wait_for("#")
        tmux("send-keys", "-t", tmux.session, f"cd {tmp_path} && {env} TERM=xterm-256color {SCRIPT}; "
                                              "echo EXIT=$?; stty -a | grep -o -- '-\\?icanon'", "Enter")
        tmux.wait_for("index ready")
        pid = tmux("list-panes", "-t", tmux.session, "-F", "#{pane_pid}").split()[0]
        app = subprocess.run(["pgrep", "-P", pid], capture_output=True, text=True).stdout.split()
        assert len(app) == 1
        os.kill(int(app[0]), 15)
        shown = tmux.wait_for("EXIT=143", seconds=10)
        assert "sco-tui: stopped (SIGTERM)" in shown
        assert "index ready" not in shown  # the alternate screen is gone
        lines = shown.splitlines()
        assert "icanon" in lines[next(k for k, ln in enumerate(lines) if "EXIT=143" in ln) + 1].split()
    finally:
        tmux("kill-server")
