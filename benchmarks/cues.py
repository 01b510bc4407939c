"""Framing cues: speed and how much gets flagged.

    python benchmarks/cues.py [--sample PATH] [--articles N]

Times the cues of the seeds (warm: imports and word lists loaded; each article alone and read
against the others), 100 sample articles with a cold sentence cache, and reports how many sentences
are flagged per article and per outlet over the sample (each article alone).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SAMPLE = ROOT.parent / "shared" / "corpora" / "allsides-sample.jsonl"


def _median_ms(fn, runs: int = 7) -> str:
    """Median wall and CPU time of ``fn`` (CPU time is what a busy shared machine distorts least)."""
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return f"median {statistics.median(wall) * 1000:.0f} ms wall, {statistics.median(cpu) * 1000:.0f} ms CPU"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    ap.add_argument("--articles", type=int, default=2000, help="sample articles for the flag counts")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from sco_tui.analysis.comparison import compare
    from sco_tui.analysis.cues import find_cues
    from sco_tui.analysis.text import sentences
    from sco_tui.corpus.load import load_corpus

    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    seeds = list(load_corpus())
    find_cues(seeds)
    comparison = compare(seeds)
    print(f"seeds, warm, each article alone: {_median_ms(lambda: find_cues(seeds))}")
    print(f"seeds, warm, read against each other (cues only): {_median_ms(lambda: find_cues(seeds, comparison))}")
    if not args.sample.exists():
        print(f"no sample at {args.sample}: skipping the rest")
        return
    corpus = list(load_corpus([args.sample]))
    hundred = corpus[:100]

    def cold_hundred() -> None:
        sentences.cache_clear()
        find_cues(hundred)

    def split_hundred() -> None:
        sentences.cache_clear()
        for a in hundred:
            sentences(a.body)

    print(f"100 sample articles, sentence cache cleared: {_median_ms(cold_hundred, 5)}")
    print(f"  of which sentence splitting (shared with every analysis): {_median_ms(split_hundred, 5)}")
    split_hundred()
    print(f"100 sample articles, sentences already split: {_median_ms(lambda: find_cues(hundred), 5)}")
    arts = corpus[:args.articles]
    t = time.perf_counter()
    cues = find_cues(arts)
    dt = time.perf_counter() - t
    total = {a.id: len(sentences(a.body)) for a in arts}
    flagged: Counter[str] = Counter(c.article for c in cues if c.flagged)
    n_sent, n_flag = sum(total.values()), sum(flagged.values())
    print(f"\n{len(arts)} articles ({dt:.1f} s), {n_sent} sentences: {len(cues)} with a cue, {n_flag} flagged "
          f"({n_flag / n_sent:.1%})")
    per = sorted(flagged[a.id] for a in arts)
    print(f"flagged per article: median {statistics.median(per):.0f}, mean {statistics.mean(per):.1f}, "
          f"90th percentile {per[int(0.9 * (len(per) - 1))]}, max {per[-1]}; none in "
          f"{sum(1 for x in per if x == 0)} articles")
    fam: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for c in cues:
        if c.flagged:
            fam.update({k.family for k in c.cues})
            kinds.update({k.kind for k in c.cues})
    print("flagged sentences with a cue of each family: "
          + ", ".join(f"{f} {k} ({k / n_sent:.1%} of sentences)" for f, k in fam.most_common()))
    print("flagged sentences by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    outlet_sent: dict[str, int] = defaultdict(int)
    outlet_flag: Counter[str] = Counter()
    outlet_arts: Counter[str] = Counter()
    for a in arts:
        outlet_sent[a.outlet_name] += total[a.id]
        outlet_flag[a.outlet_name] += flagged[a.id]
        outlet_arts[a.outlet_name] += 1
    print(f"\n{'outlet':32} {'articles':>8} {'sentences':>9} {'flagged':>7} {'share':>6} {'per article':>11}")
    for outlet, n in outlet_arts.most_common(20):
        print(f"{outlet[:32]:32} {n:8} {outlet_sent[outlet]:9} {outlet_flag[outlet]:7} "
              f"{outlet_flag[outlet] / max(1, outlet_sent[outlet]):6.1%} {outlet_flag[outlet] / n:11.1f}")


if __name__ == "__main__":
    main()
