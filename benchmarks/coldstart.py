"""The app from cold (nothing cached) on any corpus, in a real terminal (tmux): time to the list,
time until a typed word gives hits, time until everything is indexed, and keystroke -> hits on
screen while the index is being built.

    python benchmarks/coldstart.py CORPUS [--app PATH] [--word immigration] [--size 160x45] [--timeout 900]

The installed app (``--app``, default: ``sco-tui`` beside this Python) starts in a new tmux session
with empty XDG cache, config and data folders of its own (deleted at the end). The screen is read
with ``tmux capture-pane`` every ~30 ms:

- **list**: the article list shows its "N All outlets" line (from cold, the first articles read);
- **whole list**: the list holds every article (the status line no longer says "listed so far");
- **hits**: ``/`` and the word are typed one second after launch, and again whenever the hits pane
  says none; the time is when "N hits in M outlets" is first on screen;
- **while indexing**: until the status line says "index ready", the box is cleared and a nonsense
  word typed (until "No hits for" it is on screen), then a real word (until "hits in" is); each is
  one keystroke -> screen latency (the words are sent at once, as a fast typist's keys arrive);
- **all indexed**: "index ready" in the status line.

Printed with the load average, and the CPU seconds and peak memory of the app's process and of
its finished children (the indexing child) from ``/proc``. Times have a ~30 ms grain.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ["immigration", "election", "border", "climate", "president", "senate", "economy", "court"]
NONSENSE = "zqxvjw"
HITS = re.compile(r"\b(\d+) hits? in (\d+) outlets?")
LISTED = re.compile(r"\b(\d+) All outlets")


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def tmux(*args: str) -> list[str]:
    """A tmux command on a server of this run's own (a ``tmux kill-server`` elsewhere cannot end it)."""
    return ["tmux", "-L", f"sco-cold-{os.getpid()}", *args]


class AppGone(Exception):
    """The app's pane is gone: it exited (or crashed) before the run ended."""


class Screen:
    def __init__(self, session: str) -> None:
        self.session = session

    def text(self) -> str:
        out = subprocess.run(tmux("capture-pane", "-p", "-t", self.session), capture_output=True, text=True)
        if out.returncode:
            raise AppGone(out.stderr.strip())
        return out.stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        out = subprocess.run(tmux("send-keys", "-t", self.session, *(["-l"] if literal else []), *keys),
                             capture_output=True, text=True)
        if out.returncode:
            raise AppGone(out.stderr.strip())

    def wait(self, found, timeout: float, every: float = 0.03) -> tuple[float | None, str]:
        """Seconds until ``found(screen text)`` is true, or None at the timeout."""
        start = time.perf_counter()
        while True:
            screen = self.text()
            if found(screen):
                return time.perf_counter() - start, screen
            if time.perf_counter() - start > timeout:
                return None, screen
            time.sleep(every)


def app_pid(session: str) -> int | None:
    out = subprocess.run(tmux("list-panes", "-t", session, "-F", "#{pane_pid}"), capture_output=True, text=True)
    try:
        return int(out.stdout.split()[0])
    except (IndexError, ValueError):
        return None


def proc_cpu(pid: int) -> dict:
    """CPU seconds of the process and of its reaped children, and its peak memory (MB)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    tick = os.sysconf("SC_CLK_TCK")
    hwm = re.search(r"VmHWM:\s+(\d+)", status)
    rss = re.search(r"VmRSS:\s+(\d+)", status)
    return {"app_cpu_s": (int(fields[11]) + int(fields[12])) / tick,
            "children_cpu_s": (int(fields[13]) + int(fields[14])) / tick,
            "app_peak_mb": int(hwm.group(1)) / 1024 if hwm else None,
            "app_rss_mb": int(rss.group(1)) / 1024 if rss else None}


def live_children_cpu(pid: int) -> float:
    """CPU seconds of the live processes below ``pid`` (the indexing child and its workers while they
    run: a run that times out has not reaped them)."""
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stats[int(entry.name)] = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
    below, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for child, fields in stats.items():
            if int(fields[1]) == parent and child not in below:
                below.add(child)
                todo.append(child)
    return sum(int(stats[c][11]) + int(stats[c][12]) for c in below) / tick


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--app", default=str(Path(sys.executable).with_name("sco-tui")))
    ap.add_argument("--word", default="immigration")
    ap.add_argument("--size", default="160x45")
    ap.add_argument("--timeout", type=float, default=900)
    args = ap.parse_args()
    width, height = args.size.split("x")
    home = Path(tempfile.mkdtemp(prefix="sco-cold-"))
    env = {f"XDG_{k}_HOME": str(home / k.lower()) for k in ("CACHE", "CONFIG", "DATA")}
    session = f"sco-cold-{os.getpid()}"
    command = " ".join([*(f"{k}={v}" for k, v in env.items()), "exec", args.app, str(args.corpus.resolve())])
    print(f"{args.corpus} ({args.corpus.stat().st_size / 2**20:.0f} MB), {load()}", flush=True)
    clean_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "SCO_TUI_CACHE_DIR", "TMUX")}
    t0 = time.perf_counter()
    subprocess.run(tmux("new-session", "-d", "-s", session, "-x", width, "-y", height, command),
                   check=True, env=clean_env)
    screen = Screen(session)
    pid = app_pid(session)
    out: dict = {"corpus": str(args.corpus), "load_at_start": load()}
    try:
        # type once the app is on screen, as a person would: keys sent while Python is still importing
        # (a first launch on a cold disk cache) can reach the terminal before the app reads it
        screen.wait(lambda s: "Search:" in s, timeout=60)
        time.sleep(max(0.0, 1.0 - (time.perf_counter() - t0)))
        screen.keys("/")
        screen.keys(args.word, literal=True)
        listed = hits = None
        retyped = time.perf_counter()
        while time.perf_counter() - t0 < args.timeout and (listed is None or hits is None):
            text = screen.text()
            now = time.perf_counter() - t0
            if listed is None and LISTED.search(text):
                listed = now
            if hits is None and HITS.search(text) and "No hits" not in text:
                hits = now
            elif hits is None and time.perf_counter() - retyped > 1.0 and (
                    "No hits for" in text or args.word not in text):
                if args.word not in text:
                    screen.keys("/")  # the keys were lost: focus the box again (in the box, C-u clears it)
                screen.keys("C-u")  # searched before the index had the word: type it again, as a user would
                screen.keys(args.word, literal=True)
                retyped = time.perf_counter()
            time.sleep(0.03)
        out.update({"list_s": listed, "hits_s": hits, "load_at_hits": load()})
        print(f"list {listed} s, hits for {args.word!r} {hits} s, {load()}", flush=True)
        latencies: list[float] = []
        ready = whole = None

        def whole_list(text: str) -> None:
            nonlocal whole
            if whole is None and LISTED.search(text) and "listed so far" not in text and "Reading" not in text:
                whole = time.perf_counter() - t0

        i = 0
        while time.perf_counter() - t0 < args.timeout:
            if "index ready" in screen.text():
                ready = time.perf_counter() - t0
                break
            word = WORDS[i % len(WORDS)]
            i += 1
            screen.keys("C-u")
            screen.keys(NONSENSE, literal=True)
            took, _ = screen.wait(lambda s: f"No hits for {NONSENSE}" in s, timeout=10)
            if took is not None:
                latencies.append(took)
            screen.keys("C-u")
            screen.keys(word, literal=True)
            took, text = screen.wait(lambda s: "No hits for" not in s and bool(HITS.search(s)), timeout=10)
            if took is not None:
                latencies.append(took)
            whole_list(text)
            if "index ready" in text:
                ready = time.perf_counter() - t0
                break
        if ready is None:
            left = max(0.0, args.timeout - (time.perf_counter() - t0))
            _, text = screen.wait(lambda s: "index ready" in s, timeout=left)
            ready = time.perf_counter() - t0 if "index ready" in text else None
        whole_list(screen.text())
        out["whole_list_s"] = whole
        out["all_indexed_s"] = ready
        if pid is not None:
            out.update(proc_cpu(pid))
            out["live_children_cpu_s"] = live_children_cpu(pid)
        if latencies:
            ordered = sorted(latencies)
            out["while_indexing"] = {"n": len(ordered), "p50_ms": 1000 * statistics.median(ordered),
                                     "p95_ms": 1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
                                     "max_ms": 1000 * ordered[-1]}
        out["load_at_end"] = load()
        print(json.dumps(out, indent=1), flush=True)
    except AppGone as exc:
        out["error"] = f"the app's pane is gone ({exc}) after {time.perf_counter() - t0:.1f} s"
        print(json.dumps(out, indent=1), flush=True)
    finally:
        subprocess.run(tmux("kill-server"), capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
