"""How well stories hold on the full AllSides set, measured against a proxy built from its own fields.

AllSides presented most events as three articles: one rated left, one center, one right, on one topic,
the same or adjacent days. The proxy takes, per topic, the runs of days with coverage (a gap of at most
one day continues a run); a run holding exactly three articles, one left, one center and one right, is
taken for one event (a "triple"). The grouping never sees those fields (``extra`` is emptied first).

Reported: triples whose three articles land in one story ("whole"), in two or three ("split"), and the
stories that hold articles of two or more triples ("mixed": two events in one story), with examples.

    python benchmarks/story_proxy.py [--corpus FILE] [--code DIR] [--examples N]

``--code DIR`` runs another checkout's ``sco_tui`` (e.g. ``git archive`` of an older commit) on the same
articles, so before and after are measured alike. The articles are read through sco-tui's article cache
(under ``XDG_CACHE_HOME``), so only the first run reads and cleans the corpus.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import random
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = Path(tempfile.gettempdir()) / "allsides-full.jsonl"


def read_articles(path: Path, code: Path) -> list:
    """The cleaned articles, through this checkout's article cache (read and cleaned once, then loaded
    from the cache), rebuilt with ``code``'s own article model."""
    from sco_tui.workspace.library import Library

    rows = [dataclasses.asdict(a) for a in Library([path]).corpus()]
    if code.resolve() != ROOT:
        for name in [m for m in sys.modules if m == "sco_tui" or m.startswith("sco_tui.")]:
            del sys.modules[name]
        sys.path.insert(0, str(code.resolve()))
    model = importlib.import_module("sco_tui.corpus.model")
    out = []
    for r in rows:
        r = dict(r)
        r["outlet"] = model.Known(**r["outlet"])
        r["date"] = model.Known(**r["date"])
        r["removed"] = tuple(model.Removed(**x) for x in r["removed"])
        r["authors"] = tuple(r["authors"])
        r["notes"] = tuple(r["notes"])
        r["extra"] = tuple(tuple(x) for x in r["extra"])
        r["lines"] = tuple(r["lines"])
        out.append(model.Article(**r))
    return out


def triples(articles: list) -> list[tuple[str, str, str]]:
    """Runs of one topic's coverage (gaps of at most a day) holding exactly one left, center, right."""
    by_topic: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for a in articles:
        extra = dict(a.extra)
        d = a.date.value
        if not d or len(d) < 10 or not extra.get("topic"):
            continue
        try:
            day = date.fromisoformat(d[:10]).toordinal()
        except ValueError:
            continue
        by_topic[extra["topic"]].append((day, extra.get("bias_text", ""), a.id))
    out = []
    for rows in by_topic.values():
        rows.sort()
        run: list[tuple[int, str, str]] = []
        for row in [*rows, (10 ** 9, "", "")]:
            if run and row[0] - run[-1][0] > 1:
                if len(run) == 3 and sorted(b for _, b, _ in run) == ["center", "left", "right"]:
                    out.append(tuple(i for _, _, i in run))
                run = []
            run.append(row)
    return out


def hide_dates(articles: list, proxy: list[tuple[str, str, str]], share: float,
               grid: tuple[float | None, ...] = (None, 0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)) -> None:
    """How undated articles join: the dates of ``share`` of the dated articles, and of one article per
    proxy triple, are hidden; each hidden article should rejoin the story it was in with its date
    (its "own": the story of the triple's other two, for a triple) and join no other. Counted for each
    value of ``stories.UNDATED_BEYOND`` in ``grid`` (None: the old rule, on the score alone)."""
    import numpy as np

    from sco_tui.analysis import stories as st
    from sco_tui.analysis.story_features import compute

    rng = random.Random(15)
    feats = compute(articles)
    lexical, vocab = st._vectors(feats)
    number = {s: t for t, s in enumerate(vocab)}
    names = [frozenset(map(number.__getitem__, f.names)) for f in feats]
    emb = np.stack([f.vector for f in feats]).astype(np.float32)
    outlets = [a.outlet.value for a in articles]
    at = {a.id: k for k, a in enumerate(articles)}
    dated = [k for k, f in enumerate(feats) if f.day is not None]
    hidden = set(rng.sample(dated, int(share * len(dated))))
    in_triple = {at[rng.choice(t3)]: [at[i] for i in t3] for t3 in proxy}
    hidden |= set(in_triple)
    reference = st._assign(feats, lexical, emb, outlets, names)
    ref_of = {k: g for g in range(len(reference)) for k in reference.members[g]}
    mates = {k: set(reference.members[ref_of[k]]) - {k} for k in hidden}
    for k, t3 in in_triple.items():
        mates[k] = set(t3) - {k}
    blind = [dataclasses.replace(f, day=None) if k in hidden else f for k, f in enumerate(feats)]
    natural = [k for k, f in enumerate(feats) if f.day is None]
    print(f"hidden dates: {len(hidden)} articles ({len(in_triple)} from triples); with mates in their own story: "
          f"{sum(bool(m) for m in mates.values())}; undated already: {len(natural)}")
    print("UNDATED_BEYOND  own/with-mates  wrong(joined a dated story without its mates)  apart  | triples: own wrong"
          "  | natural undated in a dated story")
    keep = st.UNDATED_BEYOND
    try:
        for value in grid:
            if value is not None:
                st.UNDATED_BEYOND = value
            t, c = time.perf_counter(), time.process_time()
            groups = st._assign(blind, lexical, emb, outlets, None if value is None else names)
            took = f"{time.perf_counter() - t:.1f} s, {time.process_time() - c:.1f} s CPU"
            of = {k: g for g in range(len(groups)) for k in groups.members[g]}
            own = wrong = apart = t_own = t_wrong = 0
            for k in hidden:
                others = set(groups.members[of[k]]) - {k}
                with_date = {m for m in others if blind[m].day is not None}
                if others & mates[k]:
                    own += 1
                    t_own += k in in_triple
                elif with_date:
                    wrong += 1
                    t_wrong += k in in_triple
                else:
                    apart += 1
            joined = sum(1 for k in natural if groups.first[of[k]] is not None)
            with_mates = sum(bool(m) for m in mates.values())
            print(f"{'old' if value is None else str(value):>14}  {own:>5}/{with_mates:<5} {wrong:>6} {apart:>6}"
                  f"  | {t_own:>4} {t_wrong:>4}  | {joined:>5}   ({took})", flush=True)
    finally:
        st.UNDATED_BEYOND = keep


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--code", type=Path, default=ROOT, help="the checkout whose sco_tui is measured")
    ap.add_argument("--examples", type=int, default=4, help="split triples and mixed stories shown")
    ap.add_argument("--largest", type=int, default=0, help="the largest stories shown, 8 articles each")
    ap.add_argument("--hide-dates", type=float, default=0.0, metavar="SHARE",
                    help="calibrate the undated rule instead: hide the dates of this share of dated articles "
                         "(and of one article per triple) and count how often each rejoins its own story")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus} (xz -dk the full AllSides set there)")
        return
    sys.path.insert(0, str(ROOT))
    articles = read_articles(args.corpus, args.code)
    proxy = triples(articles)
    blind = [dataclasses.replace(a, extra=()) for a in articles]  # the grouping never sees topic or rating
    if args.hide_dates:
        hide_dates(blind, proxy, args.hide_dates)
        return
    from sco_tui.analysis.stories import group_stories

    t = time.perf_counter()
    result = group_stories(blind)
    took = time.perf_counter() - t
    stories = result[0] if isinstance(result, tuple) else result
    story_of = {i: k for k, s in enumerate(stories) for i in s.articles}
    whole = split = 0
    split_examples, triple_of = [], {}
    for n, t3 in enumerate(proxy):
        for i in t3:
            triple_of[i] = n
        if len({story_of[i] for i in t3}) == 1:
            whole += 1
        else:
            split += 1
            split_examples.append(t3)
    mixed = []
    for k, s in enumerate(stories):
        held = {triple_of[i] for i in s.articles if i in triple_of}
        if len(held) >= 2:
            mixed.append(k)
    by_id = {a.id: a for a in articles}
    multi = sum(1 for s in stories if len(s.articles) > 1)
    print(f"code: {args.code}; {len(articles)} articles -> {len(stories)} stories ({multi} of 2+ articles); "
          f"grouping {took:.1f} s")
    print(f"proxy: {len(proxy)} triples; whole {whole} ({whole / len(proxy):.0%}), split {split}; "
          f"stories mixing 2+ triples: {len(mixed)}")
    rng = random.Random(15)

    def show(ids) -> None:
        for i in ids:
            a = by_id[i]
            e = dict(a.extra)
            print(f"    [{story_of[i]:>5}] {a.date.value} {e.get('bias_text', ''):6} {a.outlet.value}: {a.title[:90]}")

    for t3 in rng.sample(split_examples, min(args.examples, len(split_examples))):
        print("  split:")
        show(t3)
    spans = [(date.fromisoformat(s.last) - date.fromisoformat(s.first)).days for s in stories if s.first and s.last]
    undated_in_dated = sum(1 for s in stories if s.first for i in s.articles if not by_id[i].date.value)
    print(f"stories whose dates span 3+ days (last - first >= 2): {sum(d >= 2 for d in spans)}; 4+ days (>= 3): "
          f"{sum(d >= 3 for d in spans)}; undated articles in dated stories: {undated_in_dated}")
    sizes = sorted((len(s.articles) for s in stories), reverse=True)
    print(f"story sizes: largest {sizes[:5]}; stories of 10+ articles: {sum(n >= 10 for n in sizes)}; "
          f"of 30+: {sum(n >= 30 for n in sizes)}")
    for k in sorted(range(len(stories)), key=lambda k: -len(stories[k].articles))[:args.largest]:
        s = stories[k]
        print(f"  large: story {s.id} ({len(s.articles)} articles, {s.first}..{s.last}) {s.label[:80]}")
        show(rng.sample(s.articles, min(8, len(s.articles))))
    for k in rng.sample(mixed, min(args.examples, len(mixed))):
        s = stories[k]
        print(f"  mixed: story {s.id} ({len(s.articles)} articles) {s.label[:80]}")
        show(s.articles[:8])


if __name__ == "__main__":
    main()
