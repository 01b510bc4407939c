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


_WORD = re.compile(r"[\w'’-]+")


def _plain(text: str) -> list[str]:
    """The text's words, lower case, one apostrophe."""
    return [w.lower() for w in _WORD.findall(text.replace("’", "'"))]


def _places(text: str) -> list[tuple[int, int]]:
    """Where each of ``_plain``'s words lies in the text."""
    return [m.span() for m in _WORD.finditer(text)]


def find_reuse(articles: list[Article], min_words: int = 12) -> list[Reuse]:
    """Pairs of articles sharing passages of at least ``min_words`` words, most reuse first.

    Each run of ``SHINGLE`` words is a row of word codes; sorting the rows brings each shingle's places
    together (in reading order); a shingle found in 2 to 20 places (more: boilerplate) pairs its places."""
    import numpy as np

    plain = {a.id: _plain(a.body) for a in articles}
    body = {a.id: a.body for a in articles}
    ids = list(plain)
    every = [w for aid in ids for w in plain[aid]]
    vocabulary = {w: k for k, w in enumerate(dict.fromkeys(every))}
    words = np.fromiter(map(vocabulary.__getitem__, every), dtype=np.int64, count=len(every))
    lengths = np.asarray([len(plain[aid]) for aid in ids], dtype=np.int64)
    counts = np.maximum(0, lengths - SHINGLE + 1)  # shingles per article
    if not counts.sum():
        return []
    owner = np.repeat(np.arange(len(ids)), counts)
    at = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts)  # a shingle's first word, per article
    first = np.repeat(np.cumsum(lengths) - lengths, counts) + at
    rows = words[first[:, None] + np.arange(SHINGLE)]
    order = np.lexsort(rows.T[::-1])  # stable: a shingle's places stay in reading order
    rows = rows[order]
    new = np.r_[True, (rows[1:] != rows[:-1]).any(axis=1)]
    starts = np.flatnonzero(new)
    sizes = np.diff(np.r_[starts, len(order)])
    wanted = np.flatnonzero((sizes >= 2) & (sizes <= 20))
    if not len(wanted):
        return []
    wanted = wanted[np.argsort(order[starts[wanted]], kind="stable")]  # shingles in the order first met
    size = sizes[wanted]
    x = np.arange(int(size.sum())) - np.repeat(np.cumsum(size) - size, size)  # a place's rank in its shingle
    member = np.repeat(starts[wanted], size) + x  # where it lies in ``order``
    later = np.repeat(size, size) - x - 1  # each pair of places, in order: (0, 1), (0, 2) .. (1, 2) ..
    one = np.repeat(np.arange(len(member)), later)
    other = one + 1 + np.arange(len(one)) - np.repeat(np.cumsum(later) - later, later)
    lp, rp = order[member[one]], order[member[other]]
    apart = owner[lp] != owner[rp]
    lp, rp = lp[apart], rp[apart]
    hits: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for ka, kb, i, j in zip(owner[lp].tolist(), owner[rp].tolist(), at[lp].tolist(), at[rp].tolist(), strict=True):
        a, b = ids[ka], ids[kb]
        key, pos = ((a, b), (i, j)) if a < b else ((b, a), (j, i))
        hits[key].add(pos)
    spans: dict[str, list[tuple[int, int]]] = {}
    out = []
    for (a, b), positions in hits.items():
        covered_a: set[int] = set()
        covered_b: set[int] = set()
        for i, j in positions:
            covered_a.update(range(i, i + SHINGLE))
            covered_b.update(range(j, j + SHINGLE))
        runs = [(s, e) for s, e in _runs(sorted(covered_a)) if e - s + 1 >= min_words]
        if not runs:
            continue
        where = spans.get(a) or spans.setdefault(a, _places(body[a]))
        passages = [body[a][where[s][0]:where[e][1]] for s, e in runs]
        out.append(Reuse(a, b, passages, len(covered_a) / max(1, len(plain[a])),
                         len(covered_b) / max(1, len(plain[b]))))
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
