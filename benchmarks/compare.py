"""Whole-comparison speed: the seeds cold (a fresh interpreter, imports and the embedding model's
load included) and warm, 50 articles of one topic from the 2,000-article sample, a 145-article group,
and how claim alignment grows with the number of sentences.

Long inputs run their lexical findings in a second process (``analysis/second_process``): "cold" there
means a new worker too (its start included), and CPU is given for both processes. The steps table runs
in one process, to say what each step costs.

    python benchmarks/compare.py [--sample PATH]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SAMPLE = next((p for p in (ROOT.parent / "shared" / "corpora" / "allsides-sample.jsonl",
                       ROOT.parents[1] / "shared" / "corpora" / "allsides-sample.jsonl") if p.exists()),
                      ROOT.parent / "shared" / "corpora" / "allsides-sample.jsonl")

COLD = """
import time
from sco_tui.corpus.load import load_corpus
articles = list(load_corpus())
t = time.perf_counter()
from sco_tui.analysis.comparison import compare
compare(articles)
print(time.perf_counter() - t)
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    args = ap.parse_args()
    runs = [float(subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True,
                                 cwd=ROOT).stdout) for _ in range(5)]
    print(f"seeds, cold (imports + analysis, in process): median {statistics.median(runs) * 1000:.0f} ms "
          f"(min {min(runs) * 1000:.0f})")
    sys.path.insert(0, str(ROOT))
    from sco_tui.analysis.comparison import compare
    from sco_tui.corpus.load import load_corpus

    seeds = list(load_corpus())
    warm = []
    for _ in range(5):
        t = time.perf_counter()
        compare(seeds)
        warm.append(time.perf_counter() - t)
    print(f"seeds, warm: median {statistics.median(warm) * 1000:.0f} ms")
    if not args.sample.exists():
        return
    corpus = load_corpus([args.sample])
    for topic in ("immigration", "elections", "healthcare"):
        group = [a for a in corpus if dict(a.extra).get("topic") == topic][:50]
        from sco_tui.analysis.text import sentences

        cold()
        t, c, w = time.perf_counter(), time.process_time(), worker_cpu()
        result = compare(group)
        took, cpu, beside = time.perf_counter() - t, time.process_time() - c, worker_cpu() - w
        n_sent = sum(len(sentences(a.body)) for a in group)
        print(f"{len(group)} sample articles on {topic!r} ({n_sent} sentences): {took:.2f} s "
              f"({cpu:.2f} s CPU here, {beside:.2f} s in the second process); "
              f"{len(result.actors)} actors, {len(result.quotes)} quotes, {len(result.scare_quotes)} scare quotes")
    growth(corpus)
    topic = max({dict(a.extra).get("topic") for a in corpus},
                key=lambda t: sum(1 for a in corpus if dict(a.extra).get("topic") == t))
    group = [a for a in corpus if dict(a.extra).get("topic") == topic][:145]
    for _ in range(3):
        cold()
        wall, cpu, beside = timed_compare(group)
        print(f"{len(group)} articles, cold, two processes: {wall:.2f} s wall ({cpu:.2f} s CPU here, {beside:.2f} s "
              "in the second process, its start included)")
    cold()
    wall, cpu, _ = timed_compare(group, parallel=False)
    print(f"{len(group)} articles, cold, one process: {wall:.2f} s wall ({cpu:.2f} s CPU)")
    steps(group)


def cold() -> None:
    """Forget every remembered split, unit, embedding and fold, and end the second process."""
    from sco_tui.analysis import actors, claims, second_process
    from sco_tui.analysis.text import sentences

    sentences.cache_clear()
    claims.clear_caches()
    actors.fold.cache_clear()
    actors._sentence_runs.cache_clear()
    second_process.shutdown()


def worker_cpu() -> float:
    """CPU seconds the second process has used so far (0 without one)."""
    import os

    from sco_tui.analysis import second_process

    process = second_process._PROCESS
    if process is None or process.poll() is not None:
        return 0.0
    try:
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_compare(group, **kwargs) -> tuple[float, float, float]:
    """Wall, this process's CPU and the second process's CPU of one comparison."""
    from sco_tui.analysis.comparison import compare

    t, c, w = time.perf_counter(), time.process_time(), worker_cpu()
    compare(group, **kwargs)
    took, cpu = time.perf_counter() - t, time.process_time() - c
    return took, cpu, worker_cpu() - w


def growth(corpus) -> None:
    """Claim alignment alone and the whole comparison on 25..145 articles of one topic, cold caches:
    time per sentence should stay flat (n log n at worst)."""
    import math

    from sco_tui.analysis import claims
    from sco_tui.analysis.text import sentences

    topic = max({dict(a.extra).get("topic") for a in corpus},
                key=lambda t: sum(1 for a in corpus if dict(a.extra).get("topic") == t))
    pool = [a for a in corpus if dict(a.extra).get("topic") == topic]
    for n in (25, 50, 100, 145):
        group = pool[:n]
        sentences.cache_clear()
        claims.clear_caches()
        n_sent = sum(len(sentences(a.body)) for a in group)
        sentences.cache_clear()
        claims.clear_caches()
        t, c = time.perf_counter(), time.process_time()
        found = claims.find_claims(group)
        took, took_cpu = time.perf_counter() - t, time.process_time() - c
        cold()
        whole, whole_cpu, beside = timed_compare(group)
        print(f"{len(group):4d} articles on {topic!r}, {n_sent:5d} sentences: claims {took:.2f} s "
              f"({took_cpu:.2f} s CPU, "
              f"{took_cpu / (n_sent * math.log(n_sent)) * 1e6:.1f} us CPU per n log n), whole comparison {whole:.2f} s "
              f"({whole_cpu:.2f} s CPU here, {beside:.2f} s in the second process); "
              f"{sum(1 for c in found if len(c.sentences) > 1)} shared claims, "
              f"{claims.aligned_share(found, group):.0%} of sentences aligned")


def steps(group) -> None:
    """CPU time of each step of one whole comparison, cold caches (what dominates)."""
    import functools

    from sco_tui.analysis import comparison

    cold()
    took: dict[str, float] = {}
    names = ("find_claims", "find_actors", "find_quotes", "word_counts", "contested_terms", "distinctive", "coverage",
             "find_discrepancies", "find_reuse", "with_cues")
    saved = {n: getattr(comparison, n) for n in names}

    def timed(name, f):
        @functools.wraps(f)
        def run(*args, **kwargs):
            t = time.process_time()
            try:
                return f(*args, **kwargs)
            finally:
                took[name] = took.get(name, 0.0) + time.process_time() - t
        return run

    for n, f in saved.items():
        setattr(comparison, n, timed(n, f))
    try:
        cpu, wall = time.process_time(), time.perf_counter()
        comparison.compare(group, parallel=False)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    finally:
        for n, f in saved.items():
            setattr(comparison, n, f)
    print(f"{len(group)} articles, whole comparison: {wall:.2f} s wall, {cpu:.2f} s CPU; by step (CPU s, the first "
          "step to split sentences, claims, pays for it): " + ", ".join(f"{k} {v:.2f}" for k, v in took.items()))


if __name__ == "__main__":
    main()
