"""Whole-comparison speed: the seeds cold (a fresh interpreter, imports included) and 50 articles
of one topic from the 2,000-article sample.

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
DEFAULT_SAMPLE = ROOT.parent / "shared" / "corpora" / "allsides-sample.jsonl"

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


if __name__ == "__main__":
    main()
