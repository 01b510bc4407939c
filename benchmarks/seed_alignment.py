"""Claims on the seeds against a hand-made alignment of every fact they share (``seed_gold.json``).

A claim aligns each pair of its sentences from two articles. Scored as word alignments are (Och & Ney): a
gold fact's *sure* sentences must be aligned with each other, its *possible* ones may be. Over pairs of
sentences from two articles:

- precision: aligned pairs that some fact allows (sure or possible), of all aligned pairs;
- recall: sure pairs aligned, of all sure pairs;
- per fact: whether one claim holds every article that surely states it (the issue's "one claim spanning all
  the articles named").

    python benchmarks/seed_alignment.py [--gold benchmarks/seed_gold.json] [--show]

``--show`` lists the sure pairs missed and the aligned pairs no fact allows, with their sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOLD = Path(__file__).with_name("seed_gold.json")

Sent = tuple[str, int]  # article (its three-digit prefix), sentence number


def fact_pairs(sentences: dict[str, list[int]], also: dict[str, list[int]] | None = None) -> set[frozenset[Sent]]:
    """Pairs of sentences from two different articles within one fact (``also``'s sentences pair with all)."""
    inside = [(a, k) for a, ks in sentences.items() for k in ks]
    extra = [(a, k) for a, ks in (also or {}).items() for k in ks]
    every = inside + extra
    pairs = {frozenset((x, y)) for x, y in combinations(inside, 2) if x[0] != y[0]}
    if also:
        pairs |= {frozenset((x, y)) for x, y in combinations(every, 2) if x[0] != y[0]}
    return pairs


def gold_pairs(gold: dict) -> tuple[set[frozenset[Sent]], set[frozenset[Sent]]]:
    sure: set[frozenset[Sent]] = set()
    allowed: set[frozenset[Sent]] = set()
    for fact in gold["facts"]:
        sure |= fact_pairs(fact["sure"])
        allowed |= fact_pairs(fact["sure"], fact.get("possible"))
    return sure, allowed


def claim_pairs(claims) -> dict[frozenset[Sent], str]:
    """Every cross-article pair of sentences one claim holds, with the first claim's id."""
    out: dict[frozenset[Sent], str] = {}
    for c in claims:
        members = [(a[:3], e.sentence) for a, evs in c.carried.items() for e in evs]
        for x, y in combinations(members, 2):
            if x[0] != y[0]:
                out.setdefault(frozenset((x, y)), c.id)
    return out


def score(claims, gold: dict) -> dict:
    sure, allowed = gold_pairs(gold)
    found = claim_pairs(claims)
    right = [p for p in found if p in allowed]
    spanned = []
    for fact in gold["facts"]:
        need = set(fact["sure"])
        ok = any(all(any((a[:3], e.sentence) in {(x, k) for k in fact["sure"][x]}
                         for a, evs in c.carried.items() for e in evs)
                     for x in need) for c in claims)
        spanned.append((fact["fact"], ok))
    return {"aligned_pairs": len(found), "right": len(right), "precision": len(right) / len(found) if found else 1.0,
            "sure_pairs": len(sure), "sure_found": len(sure & set(found)),
            "recall": len(sure & set(found)) / len(sure) if sure else 1.0,
            "facts_spanned": sum(ok for _, ok in spanned), "facts": len(spanned), "spanned": spanned,
            "missed": sorted(sure - set(found), key=sorted), "wrong": sorted((p for p in found if p not in allowed),
                                                                            key=sorted), "found": found}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    from sco_tui.analysis.claims import find_claims
    from sco_tui.analysis.text import sentences
    from sco_tui.corpus.load import load_corpus

    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    articles = list(load_corpus([]))
    claims = find_claims(articles)
    r = score(claims, gold)
    p, rec = r["precision"], r["recall"]
    f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
    print(f"aligned pairs {r['aligned_pairs']}, allowed by a fact {r['right']}: precision {p:.1%}")
    print(f"sure pairs {r['sure_pairs']}, aligned {r['sure_found']}: recall {rec:.1%}; F1 {f1:.1%}")
    print(f"facts held by one claim across every article that surely states them: {r['facts_spanned']} of {r['facts']}")
    if not args.show:
        return
    text = {(a.id[:3], s.index): s.text for a in articles for s in sentences(a.body)}
    print("\nfacts not spanned:")
    for fact, ok in r["spanned"]:
        if not ok:
            print(f"  - {fact}")
    print("\nsure pairs missed:")
    for pair in r["missed"]:
        x, y = sorted(pair)
        print(f"  {x[0]}.{x[1]} / {y[0]}.{y[1]}: {text[x][:90]} | {text[y][:90]}")
    print("\naligned, no fact allows:")
    for pair in r["wrong"]:
        x, y = sorted(pair)
        print(f"  [{r['found'][pair]}] {x[0]}.{x[1]} / {y[0]}.{y[1]}: {text[x][:90]} | {text[y][:90]}")


if __name__ == "__main__":
    main()
