"""What the word rules of ``index.analysis`` cost and change, on a corpus (the sample by default).

    python benchmarks/analysis.py [CORPUS] [--rounds 5]

In one process, rounds interleaved, CPU seconds (median) to turn every title and body into postings:
the one-pass loop before accent folding and abbreviations (Whoosh's word expression, lower case,
stop words; kept here for the comparison), the one-pass loop now (``OnePassCharacters``), and Whoosh's
own chain feeding its ``Characters`` format with the new analyzer (what queries are parsed with).
Then the two ways to fold accents on the corpus's distinct non-ASCII words (NFKD without combining
marks, Whoosh's ``accent_map``), and how many articles hold each word that was a stop word and is now
kept (``US``, ``WHO``, initialisms such as ``U.S.`` and ``a.m.``). Quotes the load average.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT.parent / "shared" / "corpora" / "allsides-sample.jsonl"

_BEFORE = re.compile(r"[\w\*]+(\.?[\w\*]+)*", re.UNICODE)


def before(texts: list[str], stops: frozenset[str], stem) -> int:
    """The one-pass loop as it was (no folding, no abbreviations): how many postings it makes."""
    from whoosh.formats import Characters

    fmt = Characters()
    memo: dict[str, str] = {}
    n = 0
    for value in texts:
        seen: dict[str, list[tuple[int, int, int]]] = {}
        pos, first = -1, True
        for i, m in enumerate(_BEFORE.finditer(value)):
            word = m.group(0).lower()
            if len(word) < 2 or word in stops:
                continue
            pos = i if first else pos + 1
            first = False
            s = memo.get(word)
            if s is None:
                s = memo[word] = stem(word)
            seen.setdefault(s, []).append((pos, m.start(), m.end()))
        for _w, poslist in seen.items():
            fmt.encode(poslist)
            n += 1
    return n


def now(texts: list[str]) -> int:
    from sco_tui.index.postings import OnePassCharacters

    fmt = OnePassCharacters()
    return sum(1 for text in texts for _ in fmt.word_values(text, None))


def whoosh_chain(texts: list[str]) -> int:
    from whoosh.formats import Characters

    from sco_tui.index.analyzer import analyzer

    fmt, ana = Characters(), analyzer()
    return sum(1 for text in texts for _ in fmt.word_values(text, ana))


def cpu(fn, *args) -> tuple[float, int]:
    t = time.process_time()
    out = fn(*args)
    return time.process_time() - t, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path, default=SAMPLE)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()

    from whoosh.support.charset import accent_map

    from sco_tui.corpus.load import load_corpus
    from sco_tui.index.analysis import STOPS, TOKEN, fold, stemmer, words

    corpus = load_corpus([args.corpus])
    texts = [t for a in corpus for t in (a.title, a.body)]
    print(f"{len(corpus)} articles, {sum(map(len, texts)):,} characters; "
          "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    stem = stemmer()
    times: dict[str, list[float]] = {"before": [], "now": [], "whoosh chain": []}
    counts = {}
    for _ in range(args.rounds):
        for name, fn, fargs in (("before", before, (texts, STOPS, stem)), ("now", now, (texts,)),
                                ("whoosh chain", whoosh_chain, (texts,))):
            seconds, counts[name] = cpu(fn, *fargs)
            times[name].append(seconds)
    base = statistics.median(times["before"])
    for name, samples in times.items():
        med = statistics.median(samples)
        print(f"  {name:13s} {med:6.2f} s CPU (median of {len(samples)}; {min(samples):.2f}-{max(samples):.2f}) "
              f"x{med / base:.2f}  {counts[name]:,} postings")

    others = sorted({m.group(0).lower() for t in texts for m in TOKEN.finditer(t) if not m.group(0).isascii()})

    def nfkd(w: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))

    for name, fn in (("NFKD", nfkd), ("accent_map", lambda w: w.translate(accent_map))):
        t = time.process_time()
        for _ in range(20):
            for w in others:
                fn(w)
        print(f"  fold {name:10s} {(time.process_time() - t) / 20 / max(1, len(others)) * 1e6:.2f} µs a word "
              f"over {len(others):,} distinct non-ASCII words")
    differ = [(w, nfkd(w), w.translate(accent_map)) for w in others if nfkd(w) != w.translate(accent_map)]
    print(f"  NFKD and accent_map differ on {len(differ)} of them, e.g. {differ[:6]}")

    kept: dict[str, set[str]] = {}
    folded = Counter()
    for a in corpus:
        for text in (a.title, a.body):
            for _p, s, e, form in words(text):
                raw = text[s:e]
                if "." in raw and "." not in form:  # an initialism, once split into letters
                    kept.setdefault(raw.upper().rstrip(".") + ".", set()).add(a.id)
                elif form in STOPS:  # a stop word kept as an abbreviation
                    kept.setdefault(raw, set()).add(a.id)
                if not raw.isascii():
                    folded[fold(raw)] += 1
    print("  articles holding each word kept that a stop list or the tokenizer lost before:")
    for raw, ids in sorted(kept.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:30]:
        print(f"    {raw:8s} {len(ids):5d}")
    print(f"  words with accents folded: {sum(folded.values()):,} occurrences of {len(folded):,} forms")


if __name__ == "__main__":
    main()
