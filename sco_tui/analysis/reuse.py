"""Text reuse: passages shared near-verbatim between articles (wire copy, press releases), found
through shared 8-word shingles (an index, not an all-pairs scan), with the share of each article
that is reused."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from sco_tui.corpus.model import Article

SHINGLE = 8


@dataclass(slots=True)
class Reuse:
    a: str
    b: str
    passages: list[str] = field(default_factory=list)  # as worded in ``a``
    share_a: float = 0.0  # of a's words, the part found in b
    share_b: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {"a": self.a, "b": self.b, "passages": self.passages, "share": round(max(self.share_a, self.share_b), 3),
                "share_a": round(self.share_a, 3), "share_b": round(self.share_b, 3)}


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).lower().replace("’", "'"), m.start(), m.end()) for m in re.finditer(r"[\w'’-]+", text)]


def find_reuse(articles: list[Article], min_words: int = 12) -> list[Reuse]:
    """Pairs of articles sharing passages of at least ``min_words`` words, most reuse first."""
    words = {a.id: _words(a.body) for a in articles}
    index: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
    for aid, ws in words.items():
        plain = [w for w, _, _ in ws]
        for i, shingle in enumerate(zip(*(plain[k:] for k in range(SHINGLE)), strict=False)):  # runs of SHINGLE words
            index[shingle].append((aid, i))
    hits: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for places in index.values():
        if len(places) < 2 or len(places) > 20:
            continue
        for x, (a, i) in enumerate(places):
            for b, j in places[x + 1:]:
                if a != b:
                    key, pos = ((a, b), (i, j)) if a < b else ((b, a), (j, i))
                    hits[key].add(pos)
    body = {a.id: a.body for a in articles}
    out = []
    for (a, b), positions in hits.items():
        covered_a: set[int] = set()
        covered_b: set[int] = set()
        for i, j in positions:
            covered_a.update(range(i, i + SHINGLE))
            covered_b.update(range(j, j + SHINGLE))
        runs = _runs(sorted(covered_a))
        passages = [body[a][words[a][s][1]:words[a][e][2]] for s, e in runs if e - s + 1 >= min_words]
        if not passages:
            continue
        out.append(Reuse(a, b, passages, len(covered_a) / max(1, len(words[a])),
                         len(covered_b) / max(1, len(words[b]))))
    out.sort(key=lambda r: -max(r.share_a, r.share_b))
    return out


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for p in positions:
        if runs and p == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], p)
        else:
            runs.append((p, p))
    return runs
