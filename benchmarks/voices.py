"""Voices and actors on the 2,000-article sample: counts, and a fixed random draw to judge by hand.

Each article is analysed alone (its own actors resolve its own speakers), as a one-article comparison
would. The draw uses a fixed seed, so the same items come back after a change to the code when the
code finds the same items; items the new code finds that the old did not are drawn anew.

    python benchmarks/voices.py [--sample PATH] [--n 60] [--seed 10] [--show voices|actors|resolved|none]
    python benchmarks/voices.py --json out.json      # everything drawn, to diff two runs
    python benchmarks/voices.py --articles 20 --seed 6   # every voice and actor of 20 drawn articles, to judge
    python benchmarks/voices.py --articles 20 --seed 6 --only-drawn   # the same, analysing only those
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SAMPLE = next((p for p in (ROOT.parent / "shared" / "corpora" / "allsides-sample.jsonl",
                       ROOT.parents[1] / "shared" / "corpora" / "allsides-sample.jsonl") if p.exists()),
                      ROOT.parent / "shared" / "corpora" / "allsides-sample.jsonl")


def analyse(articles):
    """Per article: its actors and its quotes, as a one-article comparison finds them."""
    from sco_tui.analysis.actors import find_actors
    from sco_tui.analysis.quotes import Speakers, find_quotes

    out = []
    for a in articles:
        try:
            actors = find_actors([a])
            quotes, _ = find_quotes(a, Speakers(actors))
        except Exception as exc:  # noqa: BLE001 - a benchmark counts failures instead of stopping
            print(f"FAILED on {a.id}: {type(exc).__name__}: {exc}")
            continue
        out.append((a, actors, quotes))
    return out


def _context(article, index: int, before: int = 2) -> str:
    from sco_tui.analysis.text import sentences

    sents = sentences(article.body)
    lo = max(0, index - before)
    return " | ".join(s.text for s in sents[lo:index + 1])


def show_articles(drawn) -> None:
    """Every voice (speaker, as written, how found, the sentence) and every actor (kind, aliases) of each article."""
    for k, (a, actors, quotes) in enumerate(drawn, 1):
        print(f"\n=== [{k}] {a.id} {a.outlet_name}: {a.title[:90]}")
        for q in quotes:
            print(f"  voice {q.kind:8s} {q.speaker!r:32s} written={q.speaker_text!r:36s} via={q.via or 'text'}"
                  f"\n        {q.evidence.text[:220]!r}")
        print("  actors: " + "; ".join(f"{x.name} ({x.kind}{', ' + '/'.join(x.aliases[:3]) if x.aliases else ''})"
                                       for x in actors))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--show", default="none", choices=("voices", "actors", "resolved", "none"))
    ap.add_argument("--json", type=Path)
    ap.add_argument("--articles", type=int, default=0, help="show every voice and actor of this many drawn articles")
    ap.add_argument("--only-drawn", action="store_true", help="with --articles: analyse only the drawn articles")
    args = ap.parse_args()
    if not args.sample.exists():
        sys.exit(f"no sample at {args.sample}")
    sys.path.insert(0, str(ROOT))
    from sco_tui.corpus.load import load_corpus

    articles = sorted(load_corpus([args.sample]), key=lambda a: a.id)
    if args.articles and args.only_drawn:  # the same draw as below when every article analyses (it does)
        show_articles(analyse(random.Random(args.seed).sample(articles, min(args.articles, len(articles)))))
        return
    t = time.perf_counter()
    found = analyse(articles)
    took = time.perf_counter() - t
    quotes = [(a, q) for a, _, qs in found for q in qs]
    actors = [(a, x) for a, xs, _ in found for x in xs]
    kinds = Counter(q.kind for _, q in quotes)
    named = sum(1 for _, q in quotes if q.speaker)
    via = Counter(getattr(q, "via", "") or "text" for _, q in quotes if q.speaker)
    print(f"{len(articles)} articles in {took:.1f} s: {len(quotes)} quotes ({kinds['direct']} direct, "
          f"{kinds['reported']} reported), {named} with a named speaker ({named / max(1, len(quotes)):.0%}); "
          f"speakers found {dict(via)}")
    pronoun = [q for _, q in quotes if q.speaker_text.lower() in ("he", "she", "it", "they")]
    role = [q for _, q in quotes if q.speaker_text.startswith(("the ", "The ")) and q.speaker_text[4:5].islower()]
    print(f"written as a pronoun: {len(pronoun)}, {sum(1 for q in pronoun if q.speaker)} given a name; "
          f"as 'the <role>': {len(role)}, {sum(1 for q in role if q.speaker)} given a name")
    print(f"{len(actors)} actors: {dict(Counter(x.kind for _, x in actors))}; single words: "
          f"{sum(1 for _, x in actors if len(x.name.split()) == 1)}")
    rng = random.Random(args.seed)
    voice_draw = rng.sample([(a, q) for a, q in quotes if q.speaker], min(args.n, named))
    rng = random.Random(args.seed)
    actor_draw = rng.sample(actors, min(args.n, len(actors)))
    rng = random.Random(args.seed)
    resolved = [(a, q) for a, q in quotes if getattr(q, "via", "") in ("pronoun", "role", "continuation")]
    resolved_draw = rng.sample(resolved, min(args.n, len(resolved)))
    if args.show in ("voices", "resolved"):
        for i, (a, q) in enumerate(voice_draw if args.show == "voices" else resolved_draw, 1):
            named_in = getattr(q, "named_in", None)
            via_note = f" via {q.via}: {named_in.text[:160]!r}" if named_in is not None else ""
            print(f"\n[{i}] {a.id} s{q.evidence.sentence} {q.kind} speaker={q.speaker!r} "
                  f"written={q.speaker_text!r}{via_note}\n    text: {q.text[:200]!r}\n"
                  f"    ctx: {_context(a, q.evidence.sentence)[:700]}")
    if args.show == "actors":
        for i, (a, x) in enumerate(actor_draw, 1):
            ev = x.evidence[0]
            print(f"\n[{i}] {a.id} {x.name!r} ({x.kind}) aliases={x.aliases[:4]} mentions={sum(x.mentions.values())}"
                  f"\n    in: {ev.text[:400]}")
    if args.articles:
        show_articles(random.Random(args.seed).sample(found, min(args.articles, len(found))))
    if args.json:
        args.json.write_text(json.dumps({
            "voices": [{"article": a.id, **q.as_dict()} for a, q in voice_draw],
            "actors": [{"article": a.id, "name": x.name, "kind": x.kind, "aliases": x.aliases} for a, x in actor_draw],
        }, indent=1, default=str))


if __name__ == "__main__":
    main()
