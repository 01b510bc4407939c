"""Voices and actors on the 2,000-article sample: counts, and a fixed random draw to judge by hand.

Each article is analysed alone (its own actors resolve its own speakers), as a one-article comparison
would. The draw uses a fixed seed, so the same items come back after a change to the code when the
code finds the same items; items the new code finds that the old did not are drawn anew.

    python benchmarks/voices.py [--sample PATH] [--n 60] [--seed 10] [--show voices|actors|resolved|none]
    python benchmarks/voices.py --json out.json      # everything drawn, to diff two runs
    python benchmarks/voices.py --articles 20 --seed 6   # every voice and actor of 20 drawn articles, to judge
    python benchmarks/voices.py --articles 20 --seed 6 --only-drawn   # the same, analysing only those
    python benchmarks/voices.py --draw-full 25 --seed 2411 --skeleton draw.json   # a fresh full-set draw to judge
    python benchmarks/voices.py --check [benchmarks/voices_judged.json]   # score the code against the judgments

``--draw-full`` draws articles from the full set (``--full``) whose outlet was in none of the earlier hand-checked
draws (``EARLIER_OUTLETS``) and which are not in the sample, nor in a draw already judged; it prints every voice
and actor and writes a skeleton of judgments holding the code's answers, which a person then corrects by reading
the articles (speaker, kind, and the quotes the code missed; each actor's type, or "fragment"/"none").

``--check`` re-reads the judged articles from the full set, runs the current code and scores it per draw:
of the judged voices (quotes and reported speech a reader finds in the text), how many the code finds, with the
right speaker (a name when the text names one, unattributed when it does not), a wrong one, none although the text
names one, and the right kind; of the judged actors, fragments and non-actors still listed, and types right.
Voices and actors the judges never saw (new finds) are listed for judging. ``voices_judged.json`` holds draw G (25
articles, seed 2411, judged on main's code at the start of round 8, before any change), draw H (15 articles, seed
2412, judged on round 8's final code only), draw I (25 articles, seed 2511, outlets in no earlier draw, judged on main's
code at the start of round 9) and draw J (15 articles, seed 2512, outlets in no earlier draw, judged on round 9's code
only: text its rules were never shown). The judgments are of the text, so ``--check`` scores any version of the code on
every draw. ``--draw-full`` leaves out the outlets of every judged draw (``keep_judged_outlets`` to keep them).
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
JUDGED = Path(__file__).with_name("voices_judged.json")
DEFAULT_FULL = next((p for p in (Path("/tmp/allsides-full.jsonl"),
                                 ROOT.parent / "shared" / "corpora" / "allsides-full.jsonl.xz") if p.exists()),
                    ROOT.parent / "shared" / "corpora" / "allsides-full.jsonl.xz")
#: outlets of the draw hand-checked in round 7 (sample, seed 2611): fresh draws come from other outlets
EARLIER_OUTLETS = frozenset({
    "BBC News", "Bloomberg", "Breitbart News", "CBN", "CNN (Web News)", "Christian Science Monitor",
    "Fox Online News", "NPR Online News", "Politico", "Reuters", "Salon", "The Hill", "The Nation", "Townhall",
    "USA TODAY", "Vox", "Washington Free Beacon"})
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


def _full_lines(path: Path):
    """(id, outlet, raw line) of each record of the full set, plain or xz-compressed JSON lines."""
    import lzma

    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            yield record.get("ID", ""), record.get("source", ""), line


def load_full(path: Path, ids) -> list:
    """The articles of the full set with these ids, read and cleaned as the app reads them, in the ids' order."""
    import tempfile

    from sco_tui.corpus.load import load_corpus

    wanted = set(ids)
    lines = {i: line for i, _, line in _full_lines(path) if i in wanted}
    with tempfile.TemporaryDirectory() as tmp:
        chosen = Path(tmp) / "drawn.jsonl"
        chosen.write_text("".join(lines[i] for i in ids if i in lines), encoding="utf-8")
        corpus = load_corpus([chosen])
    by_id = {a.id: a for a in corpus}
    return [by_id[i] for i in ids if i in by_id]


def draw_full(path: Path, n: int, seed: int, sample: Path, keep_judged_outlets: bool = False) -> list:
    """``n`` articles of the full set, at random (``seed``), from outlets not in ``EARLIER_OUTLETS`` nor in a judged
    draw (unless ``keep_judged_outlets``, as draws G and H were made), neither in the sample nor judged already."""
    seen, outlets = set(), set(EARLIER_OUTLETS)
    if sample.exists():
        seen |= {json.loads(line).get("ID") for line in sample.open(encoding="utf-8")}
    if JUDGED.exists():
        judged = json.loads(JUDGED.read_text())["articles"]
        seen |= {a["id"] for a in judged}
        if not keep_judged_outlets:
            outlets |= {a["outlet"] for a in judged}
    pool = sorted(i for i, outlet, _ in _full_lines(path) if outlet not in outlets and i not in seen)
    return load_full(path, random.Random(seed).sample(pool, n))


def skeleton(found, draw: str, seed: int) -> dict:
    """Judgments to correct by hand, holding the code's answers: each voice's speaker and kind, each actor's type."""
    out = []
    for a, actors, quotes in found:
        out.append({
            "id": a.id, "draw": draw, "outlet": a.outlet_name, "title": a.title,
            "voices": [{"quote": q.text[:80], "sentence": q.evidence.text[:60], "kind": q.kind, "speaker": q.speaker,
                        "also": [], "code": {"speaker": q.speaker, "written": q.speaker_text, "kind": q.kind}}
                       for q in quotes],
            "actors": [{"name": x.name, "kind": x.kind, "code": x.kind} for x in actors]})
    return {"draw": draw, "seed": seed, "articles": out}


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split()).strip(" ,.\"'").lower()


def _same_voice(gold: dict, q) -> bool:
    """A code voice is a judged one when its words open the same way; a reported one may start a few words early."""
    g, t = _norm(gold["quote"])[:40], _norm(q.text)
    if not g:
        return False
    if q.kind == "reported":  # a clause may keep a few words before the statement ("told officers that he …")
        return g in t[:len(g) + 60]
    return t.startswith(g) or (len(t) >= 12 and g.startswith(t[:40]))


def _same_speaker(gold: dict, speaker: str | None) -> bool:
    if gold["speaker"] is None or speaker is None:
        return gold["speaker"] is None and speaker is None
    return _norm(speaker) in {_norm(gold["speaker"]), *(_norm(x) for x in gold.get("also", ()))}


def check(path: Path, judged: Path, verbose: bool) -> None:
    """Score the current code against the judged draws (see the module's docstring)."""
    from sco_tui.analysis.actors import find_actors
    from sco_tui.analysis.quotes import Speakers, find_quotes

    data = json.loads(judged.read_text())
    articles = load_full(path, [a["id"] for a in data["articles"]])
    by_id = {a.id: a for a in articles}
    draws: dict[str, Counter] = {}
    for gold in data["articles"]:
        c = draws.setdefault(gold["draw"], Counter())
        a = by_id.get(gold["id"])
        if a is None:
            print(f"{gold['id']}: not in {path}")
            continue
        actors = find_actors([a])
        quotes, _ = find_quotes(a, Speakers(actors))
        used: set[int] = set()
        c["articles"] += 1
        for g in gold["voices"]:
            k = next((k for k, q in enumerate(quotes) if k not in used and _same_voice(g, q)), None)
            if g["kind"] == "none":  # judged no voice: listed or not
                if k is not None:
                    used.add(k)
                    c["non-voices listed"] += 1
                    if verbose:
                        print(f"  NOT A VOICE {a.id}: {quotes[k].text[:70]!r}")
                continue
            c["voices"] += 1
            c["named in text"] += g["speaker"] is not None
            if k is None:
                c["missed"] += 1
                if verbose:
                    print(f"  MISSED {a.id}: {g['quote'][:70]!r} ({g['speaker']})")
                continue
            used.add(k)
            q = quotes[k]
            c["found"] += 1
            c["kind right"] += q.kind == g["kind"]
            if _same_speaker(g, q.speaker):
                c["speaker right"] += 1
                c["named right"] += g["speaker"] is not None
            elif q.speaker is None:
                c["unattributed, text names"] += 1
                if verbose:
                    print(f"  UNNAMED {a.id}: {q.text[:60]!r} written {q.speaker_text!r}; judged {g['speaker']!r}")
            else:
                c["wrong speaker"] += 1
                if verbose:
                    print(f"  WRONG {a.id}: {q.text[:60]!r} -> {q.speaker!r} (written {q.speaker_text!r}); "
                          f"judged {g['speaker']!r}")
        for k, q in enumerate(quotes):
            if k not in used:
                c["new voices (unjudged)"] += 1
                if verbose:
                    print(f"  NEW {a.id}: {q.kind} {q.speaker!r} written={q.speaker_text!r}: {q.text[:70]!r}")
        judged = {_norm(x["name"]): set(x["kind"].split("|")) for x in gold["actors"]}
        listed = set()
        for x in actors:
            kinds = judged.get(_norm(x.name))
            listed.update(_norm(n) for n in (x.name, *x.aliases))  # a judged name now an alias of one actor
            if kinds is None:
                c["new actors (unjudged)"] += 1
                if verbose:
                    print(f"  NEW ACTOR {a.id}: {x.name!r} ({x.kind})")
            elif x.kind in kinds:
                c["actors right"] += 1
            elif kinds <= {"none", "fragment"}:
                c["fragments or non-actors listed"] += 1
                if verbose:
                    print(f"  NOT AN ACTOR {a.id}: {x.name!r} ({x.kind}), judged {'|'.join(sorted(kinds))}")
            elif x.kind == "other":
                c["untyped (other)"] += 1
            else:
                c["wrong type"] += 1
                if verbose:
                    print(f"  TYPE {a.id}: {x.name!r} is {x.kind}, judged {'|'.join(sorted(kinds))}")
        for key, kinds in judged.items():
            if key not in listed and not kinds & {"none", "fragment"}:
                c["real actors not listed"] += 1
                if verbose:
                    print(f"  NOT LISTED {a.id}: {key!r} ({'|'.join(sorted(kinds))})")
    for draw, c in sorted(draws.items()):
        v, named = c["voices"], c["named in text"]
        print(f"\ndraw {draw}: {c['articles']} articles, {v} judged voices ({named} with a speaker the text names)")
        print(f"  voices found {c['found']} ({c['found'] / max(1, v):.0%}), missed {c['missed']}; speaker right "
              f"{c['speaker right']} ({c['speaker right'] / max(1, c['found']):.0%} of found); named right "
              f"{c['named right']} of {named} ({c['named right'] / max(1, named):.0%}); wrong speaker "
              f"{c['wrong speaker']}; unattributed though the text names one {c['unattributed, text names']}; "
              f"kind right {c['kind right']}; listed though no voice {c['non-voices listed']}; new (unjudged) "
              f"{c['new voices (unjudged)']}")
        print(f"  actors: right {c['actors right']}; wrong type {c['wrong type']}; untyped (other, the text says) "
              f"{c['untyped (other)']}; fragments or non-actors listed {c['fragments or non-actors listed']}; "
              f"real actors not listed {c['real actors not listed']}; new (unjudged) {c['new actors (unjudged)']}")

def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--show", default="none", choices=("voices", "actors", "resolved", "none"))
    ap.add_argument("--json", type=Path)
    ap.add_argument("--articles", type=int, default=0, help="show every voice and actor of this many drawn articles")
    ap.add_argument("--only-drawn", action="store_true", help="with --articles: analyse only the drawn articles")
    ap.add_argument("--full", type=Path, default=DEFAULT_FULL, help="the full set, for --draw-full and --check")
    ap.add_argument("--draw-full", type=int, default=0, help="draw this many full-set articles to judge")
    ap.add_argument("--draw-name", default="G", help="with --draw-full: the draw's name in the judgments")
    ap.add_argument("--skeleton", type=Path, help="with --draw-full: write judgments to correct here")
    ap.add_argument("--check", type=Path, nargs="?", const=JUDGED, help="score the code against judged draws")
    ap.add_argument("--verbose", action="store_true", help="with --check: every miss, error and new find")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.check:
        if not args.full.exists():
            sys.exit(f"no full set at {args.full}")
        check(args.full, args.check, args.verbose)
        return
    if args.draw_full:
        found = analyse(draw_full(args.full, args.draw_full, args.seed, args.sample))
        show_articles(found)
        if args.skeleton:
            args.skeleton.write_text(json.dumps(skeleton(found, args.draw_name, args.seed), indent=1,
                                                ensure_ascii=False))
        return
    if not args.sample.exists():
        sys.exit(f"no sample at {args.sample}")
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
