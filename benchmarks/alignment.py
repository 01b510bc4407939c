"""Claim alignment on real same-event groups: how many sentences find a partner in another outlet,
and where the threshold sits.

Groups: stories (``group_stories``) that 3+ outlets report, from the sample or the full corpus. Null:
each group article against ``--null`` articles of *different* stories on the same topic. For each
unit (clause) and each other article, its best score there is taken; the null's distribution of these
best scores says how high chance goes. The threshold principle: a claim's pairs must average above
what a unit reaches by chance against a different event in 99% of cases, and no pair may fall under
the 95% mark (``claims.THRESHOLD`` and ``claims.FLOOR``). The share of same-event units that have a
partner above those marks is printed for each signal weighting, to choose the weighting.

    python benchmarks/alignment.py [--sample PATH] [--groups 40] [--outlets 3] [--baseline FILE.py]

``--baseline`` names another claims module (e.g. an older ``claims.py``) whose ``find_claims`` is
measured on the same groups for a before/after share.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_SAMPLE = next((p for p in (ROOT.parent / "shared" / "corpora" / "allsides-sample.jsonl",
                       ROOT.parents[1] / "shared" / "corpora" / "allsides-sample.jsonl") if p.exists()),
                      ROOT.parent / "shared" / "corpora" / "allsides-sample.jsonl")
WEIGHTS = (0.0, 0.4, 0.6, 0.8, 1.0)


def groups_of(sample: Path, most: int, outlets: int, per: int = 6):
    from sco_tui.analysis.stories import group_stories
    from sco_tui.corpus.load import load_corpus

    corpus = list(load_corpus([sample]))
    by_id = {a.id: a for a in corpus}
    stories, _ = group_stories(corpus)
    picked = [s for s in stories if len(s.outlets) >= outlets][:most]
    out = []
    for s in picked:
        seen, arts = set(), []
        for aid in s.articles:
            a = by_id[aid]
            if a.outlet_name not in seen:
                seen.add(a.outlet_name)
                arts.append(a)
        out.append(arts[:per])
    story_of = {aid: s.id for s in stories for aid in s.articles}
    return out, corpus, story_of


def pair_scores(arts, scorer_cls, units_fn):
    """Every cross-article unit pair's signals (exhaustive: groups are small)."""
    units = units_fn(arts)
    scorer = scorer_cls(units)
    sims = scorer.vectors @ scorer.vectors.T
    links = defaultdict(list)
    for i in range(len(units)):
        for j in range(i + 1, len(units)):
            if units[i].article != units[j].article:
                signals = (float(sims[i, j]), scorer.overlap(i, j), scorer.anchors(i, j))
                links[(units[i].article, units[j].article)].append((units[i].text, units[j].text, signals))
    return links


def score(signals, w: float, bonus: float) -> float:
    from sco_tui.analysis.claims import combine

    return combine(*signals, weight=w, bonus=bonus)


def best_matches(pairs: dict, w: float, bonus: float) -> list[float]:
    """Per unit and other article: the unit's best score there."""
    best: dict[tuple[str, str, str], float] = {}
    for (a, b), links in pairs.items():
        for text_a, text_b, link in links:
            s = score(link, w, bonus)
            for key in ((a, b, text_a), (b, a, text_b)):
                best[key] = max(best.get(key, -1.0), s)
    return list(best.values())


def quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def share(values: list[float], t: float) -> float:
    return sum(1 for v in values if v >= t) / len(values) if values else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    ap.add_argument("--groups", type=int, default=40)
    ap.add_argument("--outlets", type=int, default=3, help="least outlets in a group (the sample has few with 3)")
    ap.add_argument("--null", type=int, default=3, help="different-event articles per group article")
    ap.add_argument("--baseline", type=Path)
    ap.add_argument("--examples", type=int, default=0, help="print this many aligned claims from the groups")
    args = ap.parse_args()
    from sco_tui.analysis import claims as C

    groups, corpus, story_of = groups_of(args.sample, args.groups, args.outlets)
    print(f"{len(groups)} groups of {args.outlets}+ outlets ({sum(len(g) for g in groups)} articles)")
    rng = random.Random(7)
    by_topic = defaultdict(list)
    for a in corpus:
        by_topic[dict(a.extra).get("topic")].append(a)
    same, null = {}, {}
    for arts in groups:
        same.update(pair_scores(arts, C._Scorer, C._units))
        for a in arts:
            pool = [b for b in by_topic[dict(a.extra).get("topic")] if story_of.get(b.id) != story_of.get(a.id)]
            for b in rng.sample(pool, min(args.null, len(pool))):
                null.update(pair_scores([a, b], C._Scorer, C._units))
    print(f"article pairs: {len(same)} same-event, {len(null)} different-event (same topic)")
    print("weight bonus | null best-match quantiles 95% 99% | same-event units with a partner above them")
    for w in WEIGHTS:
        for bonus in (0.0, 0.1):
            nb, sb = best_matches(null, w, bonus), best_matches(same, w, bonus)
            q95, q99 = quantile(nb, 0.95), quantile(nb, 0.99)
            print(f"{w:5.1f} {bonus:5.1f} | {q95:.3f} {q99:.3f} | {share(sb, q95):.3f} {share(sb, q99):.3f}")
    w, bonus = C.EMBED_WEIGHT, C.ANCHOR_BONUS
    nb, sb = best_matches(null, w, bonus), best_matches(same, w, bonus)
    print(f"\nin use: weight {w}, bonus {bonus}, threshold {C.THRESHOLD}, floor {C.FLOOR}: a unit's best match "
          "against "
          f"a different event reaches the threshold in {share(nb, C.THRESHOLD):.3f} of cases, the floor in "
          f"{share(nb, C.FLOOR):.3f}; against the same event in {share(sb, C.THRESHOLD):.3f} / "
          f"{share(sb, C.FLOOR):.3f}")
    after, before, took = [], [], []
    baseline = None
    if args.baseline:
        spec = importlib.util.spec_from_file_location("baseline_claims", args.baseline)
        baseline = importlib.util.module_from_spec(spec)
        sys.modules["baseline_claims"] = baseline
        spec.loader.exec_module(baseline)
    shown = 0
    for arts in groups:
        t0 = time.perf_counter()
        found = C.find_claims(arts)
        took.append(time.perf_counter() - t0)
        after.append(C.aligned_share(found, arts))
        if baseline:
            before.append(baseline.aligned_share(baseline.find_claims(arts), arts))
        for c in found:
            if shown < args.examples and len(c.sentences) > 1:
                shown += 1
                print(f"\n[{c.score:.2f}] shared {c.shared[:6]}")
                for a, _e in c.sentences.items():
                    print(f"   {next(x.outlet_name for x in arts if x.id == a)[:24]:24} {c.clauses[a][:150]}")
    print(f"\nshare of sentences aligned to another outlet: after {statistics.mean(after):.3f}"
          + (f", before {statistics.mean(before):.3f}" if before else ""))
    print(f"find_claims per group: median {statistics.median(took) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
