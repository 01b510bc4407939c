"""Story grouping speed on the 2,000-article sample, cold and cached, and on a corpus ten times
larger (the sample ten times over, each copy's dates moved thirty years on, so copies do not merge).
Wall and CPU seconds (the machine may be shared: CPU time is the steadier number). For the full set
through the CLI, time ``sco-tui stories FILE`` twice (cold, then cached).

    python benchmarks/stories.py [--sample PATH]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SAMPLE = ROOT.parent / "shared" / "corpora" / "allsides-sample.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    args = ap.parse_args()
    if not args.sample.exists():
        print(f"no sample at {args.sample}")
        return
    os.environ["SCO_TUI_CACHE_DIR"] = tempfile.mkdtemp(prefix="sco-stories-")
    sys.path.insert(0, str(ROOT))
    from sco_tui.analysis.stories import group_stories
    from sco_tui.corpus.model import Known
    from sco_tui.workspace.library import Library

    lib = Library([args.sample])
    articles = list(lib.corpus())
    t, c = time.perf_counter(), time.process_time()
    stories, feats = group_stories(articles)
    cold, cold_cpu = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    group_stories(articles, feats)
    warm, warm_cpu = time.perf_counter() - t, time.process_time() - c
    t = time.perf_counter()
    lib.stories()
    first = time.perf_counter() - t
    t = time.perf_counter()
    lib.stories()
    cached = time.perf_counter() - t
    multi = [s for s in stories if len(s.outlets) > 1]
    print(f"{len(articles)} articles -> {len(stories)} stories ({len(multi)} covered by 2+ outlets)")
    print(f"group, cold: {cold:.2f} s ({cold_cpu:.2f} s CPU); "
          f"with cached features: {warm:.2f} s ({warm_cpu:.2f} s CPU)")
    print(f"Library.stories(): first {first:.2f} s, then from the cache {cached * 1000:.0f} ms")

    big = []
    for k in range(10):
        for a in articles:
            d = a.date.value
            moved = f"{int(d[:4]) + 30 + k}{d[4:]}" if d and len(d) >= 10 else d
            big.append(dataclasses.replace(a, id=f"{a.id}~{k}", date=Known(moved, a.date.how)))
    t, c = time.perf_counter(), time.process_time()
    big_stories, _ = group_stories(big)
    took, took_cpu = time.perf_counter() - t, time.process_time() - c
    print(f"{len(big)} articles (10x): {took:.2f} s ({took_cpu:.2f} s CPU, {took_cpu / cold_cpu:.1f}x the CPU); "
          f"{len(big_stories)} stories")


if __name__ == "__main__":
    main()
