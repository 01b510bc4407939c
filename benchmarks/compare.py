"""Whole-comparison speed: the seeds cold (a fresh interpreter, imports and the embedding model's
load included) and warm, 50 articles of one topic from the 2,000-article sample, a 145-article group,
and how claim alignment grows with the number of sentences.

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
    cold = [float(subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True,
                                 cwd=ROOT).stdout) for _ in range(5)]
    print(f"seeds, cold (imports + analysis, in process): median {statistics.median(cold) * 1000:.0f} ms "
          f"(min {min(cold) * 1000:.0f})")
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

        sentences.cache_clear()
        t = time.perf_counter()
        result = compare(group)
        took = time.perf_counter() - t
        n_sent = sum(len(sentences(a.body)) for a in group)
        print(f"{len(group)} sample articles on {topic!r} ({n_sent} sentences): {took:.2f} s; "
              f"{len(result.actors)} actors, {len(result.quotes)} quotes, {len(result.scare_quotes)} scare quotes")
    growth(corpus)
    topic = max({dict(a.extra).get("topic") for a in corpus},
                key=lambda t: sum(1 for a in corpus if dict(a.extra).get("topic") == t))
    steps([a for a in corpus if dict(a.extra).get("topic") == topic][:145])


def growth(corpus) -> None:
    """Claim alignment alone and the whole comparison on 25..145 articles of one topic, cold caches:
    time per sentence should stay flat (n log n at worst)."""
    import math

    from sco_tui.analysis import claims
    from sco_tui.analysis.comparison import compare
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
        sentences.cache_clear()
        claims.clear_caches()
        t, c = time.perf_counter(), time.process_time()
        compare(group)
        whole, whole_cpu = time.perf_counter() - t, time.process_time() - c
        print(f"{len(group):4d} articles on {topic!r}, {n_sent:5d} sentences: claims {took:.2f} s "
              f"({took_cpu:.2f} s CPU, "
              f"{took_cpu / (n_sent * math.log(n_sent)) * 1e6:.1f} us CPU per n log n), whole comparison {whole:.2f} s "
              f"({whole_cpu:.2f} s CPU); "
              f"{sum(1 for c in found if len(c.sentences) > 1)} shared claims, "
              f"{claims.aligned_share(found, group):.0%} of sentences aligned")


def steps(group) -> None:
    """CPU time of each step of one whole comparison, cold caches (what dominates)."""
    import functools

    from sco_tui.analysis import claims, comparison
    from sco_tui.analysis.text import sentences

    sentences.cache_clear()
    claims.clear_caches()
    took: dict[str, float] = {}
    names = ("find_actors", "find_quotes", "word_counts", "contested_terms", "distinctive", "find_claims", "coverage",
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
        comparison.compare(group)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    finally:
        for n, f in saved.items():
            setattr(comparison, n, f)
    print(f"{len(group)} articles, whole comparison: {wall:.2f} s wall, {cpu:.2f} s CPU; by step (CPU s, the first "
          "step to split sentences pays for it): " + ", ".join(f"{k} {v:.2f}" for k, v in took.items()))


if __name__ == "__main__":
    main()
