"""Time until the seed list is on screen in `sco-tui`, against a bare Textual app's first paint
(header, a line, a footer).

    python benchmarks/startup.py [--runs N]

Each run is a fresh interpreter that starts the app headless. The bare app reports after the
refresh that follows Textual's auto-pilot start (the auto-pilot itself starts before anything is
drawn); sco-tui reports after the refresh that follows the article list's first rows (its list
may come from a worker, so first paint alone would flatter it). Each child takes the time since
the parent spawned it, and its CPU time so far (all threads, which a busy machine inflates less
than the wall time), in a callback run right after that frame: what either program does once the
frame is on screen (sco-tui: the panes it mounts next, the library and index it opens) is not
counted, as a user does not wait for it. Then it leaves at once (os._exit: no waiting for threads).
Runs alternate (bare, sco-tui, bare, ...) so that machine noise hits both alike; medians and their
ratio are printed.
The seeds' article cache and index are warm (built once before), and so are both programs'
compiled modules: a first run of each writes them, as an installed program has them. A shell
with PYTHONDONTWRITEBYTECODE set would otherwise compile every sco-tui module on every run
(~60 ms) while Textual's came compiled with its wheel, which is not what a user's launch does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("a line of text")
        yield Footer()

async def stop(pilot):
    import asyncio, os, time
    painted, stamp = asyncio.Event(), []

    def drawn():  # right after the frame: what runs once it is on screen is not counted
        stamp.extend((time.time() - float(os.environ["T0"]), time.process_time()))
        painted.set()

    pilot.app.call_after_refresh(drawn)  # auto-pilot starts before the first frame is drawn: wait for one
    await painted.wait()
    print(*stamp, flush=True)
    os._exit(0)

Bare().run(headless=True, size=(80, 24), auto_pilot=stop)
"""

SCO = """
from sco_tui.tui.app import create_app

async def stop(pilot):
    import asyncio, os, time
    from sco_tui.tui.widgets.article_list import ArticleList
    listing = pilot.app.query_one(ArticleList)
    while not listing.row_count:
        await asyncio.sleep(0.002)
    painted, stamp = asyncio.Event(), []

    def drawn():  # right after the frame that shows the rows
        stamp.extend((time.time() - float(os.environ["T0"]), time.process_time()))
        painted.set()

    pilot.app.call_after_refresh(drawn)
    await painted.wait()
    print(*stamp, flush=True)
    os._exit(0)

create_app().run(headless=True, size=(80, 24), auto_pilot=stop)
"""


def run(code: str, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds since spawn, CPU seconds of the child's threads) when the child reports."""
    env = {**env, "T0": repr(time.time())}
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True).stdout
    wall, cpu = out.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    env = {**os.environ, "SCO_TUI_CACHE_DIR": tempfile.mkdtemp(prefix="sco-start-")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    run(BARE, env)
    run(SCO, env)  # builds the seeds' index once, and writes both programs' compiled modules
    bare, sco = [], []
    for _ in range(args.runs):  # interleaved, so that machine noise hits both alike
        bare.append(run(BARE, env))
        sco.append(run(SCO, env))
    load = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    for what, i in (("wall", 0), ("CPU", 1)):
        b = statistics.median(r[i] for r in bare) * 1000
        s = statistics.median(r[i] for r in sco) * 1000
        least_bare, least_sco = min(r[i] for r in bare) * 1000, min(r[i] for r in sco) * 1000
        print(f"{what:>4}: bare Textual app first paint median {b:5.0f} ms (min {least_bare:.0f}) · "
              f"sco-tui seed list shown median {s:5.0f} ms (min {least_sco:.0f}) · ratio {s / b:.2f} (budget 1.5)")
    print(f"load {load} · CPU: the child's own CPU time (all threads) when it reports, less noisy on a busy machine")


if __name__ == "__main__":
    main()
