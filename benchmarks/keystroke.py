"""Keystroke to updated hits on screen, in the real app (Pilot, headless), on the seeds and the sample.

    python benchmarks/keystroke.py [--sample PATH]

For every character of a few queries: set the search box to one more character (as a key
press does, without Pilot's own waits), wait until the app has put the hits (or
the inline error) for the new text on screen, and for the refresh that paints it (a callback
after the next refresh). p50/p95 per corpus.
"""

from __future__ import annotations

import argparse
import asyncio
import os
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


async def measure(paths: list[Path], queries: list[str]) -> list[float]:
    from sco_tui.tui.app import create_app

    app = create_app(paths)
    samples: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while not (app.index_ready and "index ready" in str(app.query_one("#status").content)):
            await asyncio.sleep(0.05)  # a warm index: the build is measured by benchmarks/search.py
        await pilot.pause()
        await pilot.press("slash")
        for query in queries:
            for i in range(len(query)):
                expected = query[: i + 1]
                bar = app.query_one("#search")
                t = time.perf_counter()
                bar.value = query[: i + 1]  # as typing does: Input.Changed, then the search worker
                deadline = time.perf_counter() + 10
                while app.shown_query != expected and time.perf_counter() < deadline:
                    await asyncio.sleep(0.0005)
                if app.shown_query != expected:
                    print(f"no answer for {expected!r} (shown: {app.shown_query!r})", file=sys.stderr)
                painted = asyncio.Event()
                app.call_after_refresh(painted.set)  # and the frame that shows them
                await painted.wait()
                samples.append(time.perf_counter() - t)
                if os.environ.get("VERBOSE"):
                    print(f"{expected!r}: {samples[-1] * 1000:.1f} ms", file=sys.stderr)
            app.query_one("#search").value = ""
            await pilot.pause()
            await app.workers.wait_for_complete()
    return samples


def report(name: str, samples: list[float]) -> None:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    print(f"{name:<8} keystroke -> hits on screen: n={len(ms)} p50={statistics.median(ms):6.1f} ms "
          f"p95={p95:6.1f} ms max={ms[-1]:6.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    args = ap.parse_args()
    os.environ["SCO_TUI_CACHE_DIR"] = tempfile.mkdtemp(prefix="sco-keys-")
    sys.path.insert(0, str(ROOT))
    report("seeds", asyncio.run(measure([], QUERIES["seeds"])))
    if args.sample.exists():
        report("sample", asyncio.run(measure([args.sample], QUERIES["sample"])))


if __name__ == "__main__":
    main()
