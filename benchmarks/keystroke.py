"""Keystroke to updated hits on screen, in the real app (Pilot, headless), and the app's memory.

    python benchmarks/keystroke.py [--sample PATH]                 the seeds, then the 2k sample
    python benchmarks/keystroke.py --corpus PATH [--cache DIR]     any corpus (a built index in DIR is
                                                                   used as is: the build is not timed)
    ... [--rate MS]                                                type a key every MS ms, whatever is
                                                                   on screen (a typist), besides one
                                                                   key at a time

One key at a time: set the search box to one more character (as a key press does, without Pilot's
own waits), wait until the app has put the hits (or the inline error) for the new text on screen,
and for the refresh that paints it (a callback after the next refresh). With ``--rate``, keys come
every MS ms; a key's latency is the time until hits for its text, or for any later text, are painted
(a search overtaken by newer keys is not waited for, as a user would not). p50/p95 per corpus.

The wait is told when an answer is handled (the app's handler, wrapped here), instead of asking
every 0.5 ms: that polling was a third thread of work on the main thread, taking the interpreter
from the search thread 2,000 times a second. CPU per keystroke is given for the whole process
(both threads) and for the main thread alone (the one that draws).

Memory: the process's resident set (VmRSS) and its peak after the keys, with an article open in
the reader, once typing has paused (the app runs its full garbage collections in pauses); the load
average is printed with every line.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SAMPLE = ROOT.parent / "shared" / "corpora" / "allsides-sample.jsonl"
QUERIES = {
    "seeds": ["Kashmir", "special military operation", "Belarus membership", "Erdogan Putin"],
    "sample": ["immigration reform", "health care", "Supreme Court", "climate change", "w", "border wall"],
}


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB."""
    current = 0.0
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                current = int(line.split()[1]) / 1024
    return current, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


ANSWERED = asyncio.Event()  # set each time the app has handled a search's answer (one per event loop)


def tell_answers(app_class) -> None:
    """Wrap the app's handler of search answers so that waiting needs no polling."""
    handler = app_class.on_search_done
    if getattr(handler, "tells", False):
        return

    def on_search_done(self, message) -> None:
        handler(self, message)
        ANSWERED.set()

    on_search_done.tells = True
    app_class.on_search_done = on_search_done


async def wait_shown(app, text: str, timeout: float = 30) -> bool:
    """Until the app shows the answer for ``text`` (False after ``timeout`` seconds)."""
    deadline = time.perf_counter() + timeout
    while app.shown_query != text:
        ANSWERED.clear()
        try:
            await asyncio.wait_for(ANSWERED.wait(), max(deadline - time.perf_counter(), 0.001))
        except TimeoutError:
            return app.shown_query == text
    return True


async def wait_painted(app) -> None:
    painted = asyncio.Event()
    app.call_after_refresh(painted.set)
    await painted.wait()


async def one_at_a_time(app, query: str, samples: list[float], cpu: list[float] | None = None,
                        main_cpu: list[float] | None = None) -> None:
    for i in range(len(query)):
        expected = query[: i + 1]
        bar = app.query_one("#search")
        t, c, m = time.perf_counter(), time.process_time(), time.thread_time()
        bar.value = expected  # as typing does: Input.Changed, then the search worker
        if not await wait_shown(app, expected):
            print(f"no answer for {expected!r} (shown: {app.shown_query!r})", file=sys.stderr)
        await wait_painted(app)  # and the frame that shows them
        samples.append(time.perf_counter() - t)
        if cpu is not None:
            cpu.append(time.process_time() - c)  # both threads: on a loaded machine wall time waits for a core
        if main_cpu is not None:
            main_cpu.append(time.thread_time() - m)  # the thread that draws (and runs this loop)
        if os.environ.get("VERBOSE"):
            print(f"{expected!r}: {samples[-1] * 1000:.1f} ms", file=sys.stderr)


async def at_rate(app, query: str, rate: float, samples: list[float]) -> None:
    painted: dict[str, float] = {}  # text -> when its hits were first painted

    async def watch() -> None:
        seen = app.shown_query
        while True:
            if app.shown_query == seen:
                ANSWERED.clear()
                await ANSWERED.wait()
                continue
            seen = app.shown_query
            await wait_painted(app)
            painted.setdefault(seen, time.perf_counter())

    watcher = asyncio.create_task(watch())
    typed: list[tuple[str, float]] = []
    bar = app.query_one("#search")
    for i in range(len(query)):
        typed.append((query[: i + 1], time.perf_counter()))
        bar.value = query[: i + 1]
        await asyncio.sleep(rate)
    deadline = time.perf_counter() + 30
    while query not in painted and time.perf_counter() < deadline:
        await asyncio.sleep(0.001)
    watcher.cancel()
    for i, (_text, t) in enumerate(typed):
        later = [painted[x] for x, _ in typed[i:] if x in painted]
        if later:
            samples.append(min(later) - t)


async def measure(paths: list[Path], queries: list[str], rate: float | None,
                  ) -> tuple[list[float], list[float], list[float], tuple]:
    from sco_tui.tui.app import ScoApp, create_app

    global ANSWERED
    ANSWERED = asyncio.Event()
    tell_answers(ScoApp)
    app = create_app(paths)
    samples: list[float] = []
    cpu: list[float] = []
    main_cpu: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while not (app.index_ready and "index ready" in str(app.query_one("#status").content)):
            await asyncio.sleep(0.05)  # a warm index: the build is measured by benchmarks/scale.py
        await pilot.pause()
        await pilot.press("slash")
        for query in queries:
            if rate is None:
                await one_at_a_time(app, query, samples, cpu, main_cpu)
            else:
                await at_rate(app, query, rate, samples)
            if query is queries[-1]:
                await pilot.press("enter", "enter")  # to the hits, and open the first in the reader
                await app.workers.wait_for_complete()
                await pilot.pause()
                await pilot.press("slash")
            app.query_one("#search").value = ""
            await pilot.pause()
            await app.workers.wait_for_complete()
        await asyncio.sleep(1)  # a pause in typing, as when reading the article
        await pilot.pause()
        memory = rss_mb()
    return samples, cpu, main_cpu, memory


def p50_p95(samples: list[float]) -> tuple[float, float]:
    ms = sorted(s * 1000 for s in samples)
    return statistics.median(ms), ms[min(len(ms) - 1, int(0.95 * len(ms)))]


def report(name: str, samples: list[float], cpu: list[float], main_cpu: list[float], memory: tuple[float, float],
           ) -> None:
    (p50, p95), load = p50_p95(samples), "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    cpu_text = "CPU p50={:.1f} p95={:.1f} ms (main thread {:.1f}/{:.1f}) · ".format(
        *p50_p95(cpu), *p50_p95(main_cpu)) if cpu else ""
    print(f"{name:<8} keystroke -> hits on screen: n={len(samples)} p50={p50:6.1f} ms p95={p95:6.1f} ms "
          f"max={max(samples) * 1000:6.1f} ms · {cpu_text}memory {memory[0]:.0f} MB (peak {memory[1]:.0f}) "
          f"· load {load}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    ap.add_argument("--corpus", type=Path, help="measure this corpus only")
    ap.add_argument("--cache", type=Path, help="cache dir (default: a new temp dir)")
    ap.add_argument("--rate", type=float, help="type a key every RATE ms instead of waiting for each")
    args = ap.parse_args()
    os.environ["SCO_TUI_CACHE_DIR"] = str(args.cache or tempfile.mkdtemp(prefix="sco-keys-"))
    sys.path.insert(0, str(ROOT))
    rate = args.rate / 1000 if args.rate else None
    if args.corpus:
        report(args.corpus.stem[:8], *asyncio.run(measure([args.corpus], QUERIES["sample"], rate)))
        return
    report("seeds", *asyncio.run(measure([], QUERIES["seeds"], rate)))
    if args.sample.exists():
        report("sample", *asyncio.run(measure([args.sample], QUERIES["sample"], rate)))


if __name__ == "__main__":
    main()
