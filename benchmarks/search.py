"""Search and indexing speed on the seeds and on the 2,000-article sample.

    python benchmarks/search.py [--sample PATH] [--runs N]

Prints p50/p95 per scenario. Uses a fresh cache dir of its own; the sample is optional.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SAMPLE = ROOT.parent / "shared" / "corpora" / "allsides-sample.jsonl"
SEED_QUERIES = ["Belarus", '"special military operation"', "Kashmir", "Gould-Davies", "Guterres", "Erdogn~",
                "Putin AND Xi", "outlet:press", "invasion OR operation", "summit NOT Kashmir"]


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(name: str, samples: list[float]) -> None:
    ms = [s * 1000 for s in samples]
    print(f"{name:<46} n={len(ms):<5} p50={statistics.median(ms):7.2f} ms  p95={pct(ms, 0.95):7.2f} ms  "
          f"max={max(ms):7.2f} ms")


def timed(fn, *args, **kwargs) -> float:
    """Seconds one call takes; a query error counts too (the app shows it inline, as fast)."""
    from sco_tui.index.search import QueryError

    t = time.perf_counter()
    with contextlib.suppress(QueryError):
        fn(*args, **kwargs)
    return time.perf_counter() - t


def bench_queries(lib, queries: list[str], runs: int, label: str) -> None:
    for q in queries:  # warm
        lib.search(q, limit=20)
    samples = [timed(lib.search, q, limit=20) for _ in range(runs) for q in queries]
    report(f"{label}: search top 20 + highlights", samples)


def bench_typing(lib, queries: list[str], label: str) -> None:
    samples = []
    for q in queries:
        for i in range(1, len(q) + 1):
            samples.append(timed(lib.search, q[:i], limit=20, live=True))
    report(f"{label}: keystroke (live search, top 20)", samples)


def sample_queries(corpus, n: int, seed: int = 7) -> list[str]:
    """Real words and two-word phrases drawn from the articles themselves."""
    rng = random.Random(seed)
    words = []
    for a in rng.sample(list(corpus), 200):
        toks = [t.strip(".,;:!?()\"'“”’") for t in a.body.split()]
        toks = [t for t in toks if len(t) > 3 and t.isalpha()]
        if len(toks) > 2:
            i = rng.randrange(len(toks) - 1)
            words.append(toks[i] if rng.random() < 0.6 else f'"{toks[i]} {toks[i + 1]}"')
    return words[:n]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    os.environ["SCO_TUI_CACHE_DIR"] = tempfile.mkdtemp(prefix="sco-bench-")
    sys.path.insert(0, str(ROOT))
    from sco_tui.workspace.library import Library

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, cache {os.environ['SCO_TUI_CACHE_DIR']}")
    seeds = Library()
    r = seeds.ensure_index()
    print(f"seeds: indexed {r.added} articles in {r.seconds * 1000:.0f} ms")
    bench_queries(seeds, SEED_QUERIES, args.runs, "seeds")
    bench_typing(seeds, ["Kashmir", "special military operation", "Belarus membership"], "seeds")

    env = {**os.environ}
    cmd = [sys.executable, "-m", "sco_tui.cli", "search", "Kashmir", "--json"]
    cold = [timed(subprocess.run, cmd, env=env, capture_output=True, check=True) for _ in range(5)]
    report("seeds: `sco-tui search` process, index current", cold)

    if not args.sample.exists():
        print(f"(no sample at {args.sample}: skipped)")
        return
    lib = Library([args.sample])
    t = time.perf_counter()
    corpus = lib.corpus()
    read = time.perf_counter() - t
    r = lib.ensure_index()
    print(f"sample: read+clean {len(corpus)} articles in {read:.2f} s; indexed in {r.seconds:.2f} s "
          f"({r.added / r.seconds:.0f} articles/s, one process: the app's indexing child)")
    os.environ["SCO_TUI_CACHE_DIR"] = tempfile.mkdtemp(prefix="sco-bench-mp-")
    two = Library([args.sample])
    two.corpus()
    r2 = two.ensure_index(parallel=True)
    print(f"sample: indexed in {r2.seconds:.2f} s ({r2.added / r2.seconds:.0f} articles/s, two processes: "
          f"the command line's `sco-tui index`)")
    from sco_tui.index.search import QueryError

    queries = []
    for q in sample_queries(corpus, 80):
        try:
            lib.search(q, limit=1)
        except QueryError:
            continue  # a stop word alone: nothing to search for
        queries.append(q)
    queries = queries[:60]
    bench_queries(lib, queries, max(1, args.runs // 5), "sample")
    bench_queries(lib, ["w*", "c*", "immigr*", "trump", "health care"], max(1, args.runs // 5), "sample, hard")
    bench_queries(lib, ["trump NOT biden", "(trump OR biden) AND tax*", "date:2018 trump", 'outlet:"fox news" trump',
                        "exact:immigrants wall", '"white house" press'], max(1, args.runs // 5), "sample, compound")
    bench_typing(lib, ["immigration reform", "health care", "Supreme Court", "climate change", "w", "c"], "sample")
    env["PYTHONPATH"] = str(ROOT)
    cmd = [sys.executable, "-m", "sco_tui.cli", "search", "immigration", str(args.sample), "--json"]
    again = [timed(subprocess.run, cmd, env=env, capture_output=True, check=True) for _ in range(5)]
    report("sample: `sco-tui search` process, index current", again)


if __name__ == "__main__":
    main()
