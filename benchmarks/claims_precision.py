"""Precision of aligned claims on real same-event articles, judged by hand, and re-checkable.

Draw: stories (``group_stories``) of the corpus that 3+ outlets report, one article per outlet (up to 6),
in a seeded random order; for each, one random shared claim of ``find_claims`` and one random pair of its
articles, until ``--n`` pairs. Each pair is printed for a person to judge: do the two clauses state one fact?

    python benchmarks/claims_precision.py --draw --seed 9001 [--corpus PATH] [--n 30] [--out draw.json]
    python benchmarks/claims_precision.py --check [benchmarks/claims_judged.json] [--corpus PATH]

``--check`` re-runs the current code on every judged pair's articles and counts, per draw and in all, the pairs
it still aligns (the two sentences in one claim): precision of what is kept, and what was split of the right
and the wrong pairs. ``claims_judged.json`` holds the judged draws (ids, sentences, clauses, verdict, a note for
the doubtful ones): of round 5, A before the fragment rules, C after, B in between; of round 6, D (40 pairs) drawn
before the one-fact gate (``claims.AGREE``) and E drawn after it; of round 7, F (34 pairs, seed 8513) drawn and
judged on main's code before any change of the round; of round 8, G (40 pairs, seed 1124) the same way; of round 9,
H (40 pairs, seed 2611) drawn and judged on the round's new code (a sentence that states a claim again may be drawn
on either side), and R (20 pairs, seed 2612, ``--restated``) with such a sentence on one side, to judge that step
alone. ``--check`` on D is the gate's before/after on pairs it was not first shown; E, F, G and H are unbiased
precisions of the code that drew them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
JUDGED = Path(__file__).with_name("claims_judged.json")
DEFAULT_CORPUS = next((p for p in (Path("/tmp/allsides-full.jsonl"),
                                   ROOT.parent / "shared" / "corpora" / "allsides-full.jsonl.xz") if p.exists()),
                      ROOT.parent / "shared" / "corpora" / "allsides-full.jsonl.xz")


def story_groups(corpus, outlets: int = 3, per: int = 6):
    """Stories of ``outlets``+ outlets, one article per outlet (the first), up to ``per``."""
    from sco_tui.analysis.stories import group_stories

    by_id = {a.id: a for a in corpus}
    stories, _ = group_stories(corpus)
    out = []
    for s in stories:
        if len(s.outlets) < outlets:
            continue
        seen, arts = set(), []
        for aid in s.articles:
            if by_id[aid].outlet_name not in seen:
                seen.add(by_id[aid].outlet_name)
                arts.append(by_id[aid])
        out.append(arts[:per])
    return out


def aligned(found, pair: dict) -> bool:
    """Whether the judged pair's two sentences are in one claim of ``found`` (either as a sentence it rests on or as
    one stating it again). A sentence is known by its
    judged clause's text, which a change of cleaning does not move (a caption taken out before it shifts
    every sentence number after it), else by its number."""
    def same(c, side: str) -> bool:
        clause = pair.get(f"clause_{side}") or ""
        if c.clauses.get(pair[side]) == clause:
            return True
        carried = c.carried if hasattr(c, "carried") else {a: (e,) for a, e in c.sentences.items()}
        return any((len(clause) > 20 and clause[:60] in ev.text) or ev.sentence == pair[f"sentence_{side}"]
                   for ev in carried[pair[side]])  # the sentence it rests on, or one stating it again

    return any(pair["a"] in c.sentences and pair["b"] in c.sentences and same(c, "a") and same(c, "b")
               for c in found)


def draw(corpus, seed: int, n: int, restated: bool = False) -> list[dict]:
    """``n`` pairs, one a story: a random shared claim, two random articles of it, and for each the sentence it rests
    on or one stating the claim again, drawn alike (``restated``: only claims stated again, with such a sentence on
    one side, to judge that step alone)."""
    from sco_tui.analysis.claims import find_claims

    groups = story_groups(corpus)
    rng = random.Random(seed)
    rng.shuffle(groups)
    out: list[dict] = []
    for arts in groups:
        if len(out) >= n:
            break
        shared = [c for c in find_claims(arts) if len(c.sentences) > 1 and (not restated or c.restated)]
        if not shared:
            continue
        c = rng.choice(shared)
        if restated:
            a = rng.choice(sorted(c.restated))
            b = rng.choice(sorted(x for x in c.sentences if x != a))
        else:
            a, b = rng.sample(sorted(c.sentences), 2)
        told = {}  # for each side, the sentence it rests on or one stating the claim again, drawn alike
        for side in (a, b):
            if restated and side == a:
                r = rng.choice(c.restated[a])
                told[a] = (r.evidence, r.clause, r)
                continue
            options = [(c.sentences[side], c.clauses[side], None)]
            options += [(r.evidence, r.clause, r) for r in getattr(c, "restated", {}).get(side, ())]
            told[side] = rng.choice(options)
        link = next((x for x in c.links if {x.a, x.b} == {a, b}), None)
        again = [x for x in (a, b) if told[x][2] is not None]
        pair = {"articles": [x.id for x in arts], "a": a, "b": b, "sentence_a": told[a][0].sentence,
                "sentence_b": told[b][0].sentence, "clause_a": told[a][1], "clause_b": told[b][1],
                "score": round(link.score, 3) if link and not again else
                round(max(told[x][2].score for x in again), 3) if again else None,
                "restated": bool(again), "verdict": "", "note": ""}
        out.append(pair)
        print(f"\n#{len(out)} [{pair['score']}] claim of {len(c.sentences)}{' (stated again)' if again else ''}\n"
              f"  A: {pair['clause_a'][:300]}\n"
              f"  B: {pair['clause_b'][:300]}")
    return out


def check(corpus, judged: list[dict]) -> None:
    from sco_tui.analysis.claims import find_claims

    by_id = {a.id: a for a in corpus}
    all_kept = {"same": 0, "different": 0}
    all_total = {"same": 0, "different": 0}
    for d in judged:
        kept = {"same": 0, "different": 0}
        total = {"same": 0, "different": 0}
        for pair in d["pairs"]:
            arts = [by_id[i] for i in pair["articles"] if i in by_id]
            still = len(arts) == len(pair["articles"]) and aligned(find_claims(arts), pair)
            total[pair["verdict"]] += 1
            kept[pair["verdict"]] += still
            all_total[pair["verdict"]] += 1
            all_kept[pair["verdict"]] += still
        n_kept = kept["same"] + kept["different"]
        precision = kept["same"] / max(1, n_kept)
        print(f"draw {d['draw']} (seed {d['seed']}; judged on: {d['code']}): right when judged "
              f"{total['same']}/{len(d['pairs'])} = {total['same'] / len(d['pairs']):.0%}; now kept {n_kept}: "
              f"{kept['same']} right, {kept['different']} wrong (precision of the kept {precision:.0%}); "
              f"split {total['same'] - kept['same']} right and {total['different'] - kept['different']} wrong")
    n = sum(all_total.values())
    if n:
        right, wrong = all_kept["same"], all_kept["different"]
        print(f"all draws: right when judged {all_total['same']}/{n} = {all_total['same'] / n:.0%}; now kept "
              f"{right} of {all_total['same']} right ({right / max(1, all_total['same']):.0%}) and {wrong} of "
              f"{all_total['different']} wrong: precision of the kept {right / max(1, right + wrong):.0%}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--draw", action="store_true")
    ap.add_argument("--restated", action="store_true", help="draw only pairs with a sentence stating a claim again")
    ap.add_argument("--seed", type=int, default=9001)
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--check", nargs="?", const=JUDGED, type=Path)
    args = ap.parse_args()
    from sco_tui.corpus.load import load_corpus

    corpus = list(load_corpus([args.corpus]))
    if args.draw:
        pairs = draw(corpus, args.seed, args.n, args.restated)
        if args.out:
            args.out.write_text(json.dumps([{"draw": "new", "seed": args.seed, "code": "", "pairs": pairs}], indent=1))
    if args.check:
        check(corpus, json.loads(args.check.read_text()))


if __name__ == "__main__":
    main()
