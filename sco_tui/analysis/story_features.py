"""What story grouping reads of each article, computed for a whole corpus at once.

An article's lead (headline and first words) is split once into whitespace chunks. Every distinct
chunk of the corpus is analysed once: its content stems (for the lexical view) and the sum of its
WordLlama token vectors (for the embedding). An article's embedding is then the sum of its chunks'
sums: exactly WordLlama's pooling of the text (the mean's direction is the sum's), because the Llama
tokenizer never joins two words into one token, but with each distinct word tokenised once instead
of every occurrence, and the pooling done as a padded gather and sum (``np.add.reduceat`` along
rows is several times slower on this shape).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain, pairwise
from typing import TYPE_CHECKING

from sco_tui.analysis.text import stem, tokens
from sco_tui.corpus.model import Article

if TYPE_CHECKING:
    import numpy as np

LEAD_WORDS = 60  # the headline and the lede tell the event; later paragraphs drift to background
LEDE_WORDS = 45  # what is embedded besides the headline
TITLE_CHUNKS = 48  # a headline longer than this many words is embedded by its first words
BATCH = 512  # articles pooled at a time (the gathered vectors, ~25 MB, stay in reusable memory)
_OPEN = "\"'“‘([«"
_NAME = re.compile(r"[A-Z][a-z]")
_END = re.compile(r"[.,;:!?\"”’)»]$")


@dataclass(slots=True)
class Features:
    """What grouping needs of one article: weighted stems, surface forms, its day, its embedding."""

    counts: dict[str, float]
    surface: dict[str, str]
    day: int | None  # days since 1970-01-01
    vector: np.ndarray | None = None  # float32, unit length (cached apart from the rest)
    names: frozenset[str] = frozenset()  # the stems written as names in the lede ("Sanders", "Mueller")

    def as_json(self) -> list[object]:
        return [self.counts, self.surface, self.day, sorted(self.names)]

    @classmethod
    def from_json(cls, data: Sequence[object], vector: np.ndarray | None = None) -> Features:
        counts, surface, day, names = data
        return cls(dict(counts), dict(surface), day, vector, frozenset(names))  # type: ignore[arg-type]


def lead(article: Article, words: int = LEAD_WORDS) -> str:
    """The first ``words`` words of the body (split from a prefix: bodies run to thousands of words)."""
    return " ".join(article.body[:words * 20].split()[:words])


def day_of(value: str | None) -> int | None:
    """Days since 1970-01-01 of an ISO date (None when there is none)."""
    if not value or len(value) < 10:
        return None
    try:
        return (date.fromisoformat(value[:10]) - date(1970, 1, 1)).days
    except ValueError:
        return None


class _Chunks:
    """The distinct chunks seen so far, numbered; then, for each, what it says to the lexical view."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.words: list[str] = []

    def number(self, texts: Sequence[list[str]]) -> list[list[int]]:
        """Each text's chunks as numbers (new chunks numbered as they come)."""
        ids = self.ids
        for c in dict.fromkeys(chain.from_iterable(texts)):  # (the loop runs over distinct chunks only)
            if c not in ids:
                ids[c] = len(ids)
        self.words = list(ids)
        get = ids.__getitem__
        return [list(map(get, t)) for t in texts]

    def analyse(self) -> tuple[list[tuple[tuple[str, str], ...]], list[str | None], list[bool]]:
        """Per chunk: its (stem, word) pairs; its name's stem if it is capitalised like a name
        ("Moore", not "FBI" or a dateline's "WASHINGTON"); whether it ends a phrase."""
        from sco_tui.analysis.lexicon import STOPWORDS

        by_word: dict[str, str] = {}
        pairs: list[tuple[tuple[str, str], ...]] = []
        names: list[str | None] = []
        ends: list[bool] = []
        for chunk in self.words:
            got = []
            for w in tokens(chunk):
                if w in STOPWORDS or len(w) < 2 or w.isdigit():
                    continue
                s = by_word.get(w)
                if s is None:
                    s = by_word[w] = stem(w)
                got.append((s, w))
            pairs.append(tuple(got))
            bare = chunk.lstrip(_OPEN)
            names.append(got[-1][0] if got and _NAME.match(bare) else None)
            ends.append(bool(_END.search(bare)))
        return pairs, names, ends


def compute(articles: Sequence[Article], embed: bool = True) -> list[Features]:
    """Features of every article: lexical counts (names counted twice) and, when ``embed``, the unit
    embedding of headline and lede (their two unit vectors, averaged)."""
    if not articles:
        return []
    chunks = _Chunks()
    titles = chunks.number([a.title.split() for a in articles])
    leads = chunks.number([a.body[:LEAD_WORDS * 20].split()[:LEAD_WORDS] for a in articles])  # (as ``lead``)
    pairs, names, ends = chunks.analyse()
    out = _lexical(pairs, names, [t + body for t, body in zip(titles, leads, strict=True)],
                   _name_ends(names, ends, leads), [day_of(a.date.value) for a in articles])
    if embed and out:
        vectors = _pool(chunks.words, titles, leads)
        for f, v in zip(out, vectors, strict=True):
            f.vector = v
    return out


def _name_ends(names: Sequence[str | None], ends: Sequence[bool], leads: Sequence[list[int]]) -> list[list[int]]:
    """For each lead, the chunks that end a name: a chunk capitalised like a name whose next chunk is
    not one, or that ends a phrase, or ends the lead ("Senate Majority Leader Mitch McConnell": one
    name, "McConnell"). Found for all leads at once."""
    import numpy as np

    lengths = np.fromiter(map(len, leads), dtype=np.int64, count=len(leads))
    flat = np.fromiter(chain.from_iterable(leads), dtype=np.int64, count=int(lengths.sum()))
    is_name = np.fromiter((n is not None for n in names), dtype=bool, count=len(names))[flat]
    ends_phrase = np.fromiter(ends, dtype=bool, count=len(ends))[flat]
    nxt = np.zeros(len(flat), dtype=bool)
    nxt[:-1] = is_name[1:]
    stops = np.cumsum(lengths)
    nxt[stops[lengths > 0] - 1] = False  # the last chunk of a lead has no next
    at = np.flatnonzero(is_name & (~nxt | ends_phrase))
    cut = np.searchsorted(at, stops).tolist()
    chunk = flat[at].tolist()
    return [chunk[a:b] for a, b in zip([0, *cut[:-1]], cut, strict=True)]


def _lexical(pairs: Sequence[tuple[tuple[str, str], ...]], names: Sequence[str | None], texts: Sequence[list[int]],
             hits: Sequence[list[int]], days: Sequence[int | None]) -> list[Features]:
    """Each text's stems counted (a name's stem once more where a name ends: ``hits``), each as first
    written (a name's capitalised), in order of first use: counted for all texts at once, as numbers
    of (text, stem) sorted once, the dictionaries built from the sorted runs."""
    import numpy as np

    pair_no: dict[tuple[str, str], int] = {}
    stem_no: dict[str, int] = {}
    rows = [[pair_no.setdefault(p, len(pair_no)) for p in got] for got in pairs]  # each chunk's pairs, numbered
    plist = list(pair_no)
    stem_of = np.fromiter((stem_no.setdefault(st, len(stem_no)) for st, _ in plist), dtype=np.int64, count=len(plist))
    stems = list(stem_no)
    width = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    row_flat = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=int(width.sum()))
    row_start = np.concatenate(([0], np.cumsum(width)[:-1]))
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    chunks = np.fromiter(chain.from_iterable(texts), dtype=np.int64, count=int(lengths.sum()))
    n_pairs = width[chunks]  # each chunk occurrence's pairs, in order:
    total = int(n_pairs.sum())
    offset = np.arange(total) - np.repeat(np.cumsum(n_pairs) - n_pairs, n_pairs)
    seq = row_flat[np.repeat(row_start[chunks], n_pairs) + offset]
    text_of = np.repeat(np.repeat(np.arange(len(texts)), lengths), n_pairs)
    key = text_of * len(stems) + stem_of[seq]
    uniq, first, count = np.unique(key, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")  # by text, then by first use
    uniq, first, count = uniq[order], first[order], count[order].astype(np.float64)
    name_text = np.repeat(np.arange(len(texts)), np.fromiter(map(len, hits), dtype=np.int64, count=len(hits)))
    name_stem = np.fromiter((stem_no[names[k]] for k in chain.from_iterable(hits)), dtype=np.int64,
                            count=len(name_text))
    by_key = np.argsort(uniq)  # (to find a name's entry)
    at = by_key[np.searchsorted(uniq[by_key], name_text * len(stems) + name_stem)]
    np.add.at(count, at, 1.0)
    stem_list = [stems[t] for t in (uniq % len(stems)).tolist()]
    surface = [plist[p][1] for p in seq[first].tolist()]
    for e, k in zip(at.tolist(), chain.from_iterable(hits), strict=True):  # a name's stem written as the name
        if surface[e].islower():
            s = names[k]
            surface[e] = next(w for t, w in reversed(pairs[k]) if t == s).capitalize()
    cut = np.searchsorted(uniq // len(stems), np.arange(len(texts) + 1)).tolist()
    counts = count.tolist()
    at_list = at.tolist()
    named_cut = np.cumsum(np.fromiter(map(len, hits), dtype=np.int64, count=len(hits))).tolist()
    out = []
    lo = 0
    for n, (a, b) in enumerate(pairwise(cut)):
        hi = named_cut[n]
        out.append(Features(dict(zip(stem_list[a:b], counts[a:b], strict=True)),
                            dict(zip(stem_list[a:b], surface[a:b], strict=True)), days[n],
                            names=frozenset(stem_list[e] for e in at_list[lo:hi])))
        lo = hi
    return out


def _model():
    """WordLlama's tokenizer and token matrix, as ``analysis.similarity`` loaded them."""
    from sco_tui.analysis import similarity

    return similarity.parts()


def _pool(words: list[str], titles: list[list[int]], leads: list[list[int]]) -> np.ndarray:
    """Unit vectors: for each article, (unit(headline) + unit(lede)) normalised."""
    import numpy as np

    tokenizer, matrix = _model()
    sums = np.zeros((len(words) + 1, matrix.shape[1]), dtype=np.float32)  # the last row pads
    encode = getattr(tokenizer, "encode_batch_fast", tokenizer.encode_batch)  # (no offsets: tokenizers >= 0.20)
    tokens = [e.ids for e in encode(words, add_special_tokens=False)]
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    ids = np.fromiter(chain.from_iterable(tokens), dtype=np.int64, count=int(lengths.sum()))
    np.clip(ids, 0, matrix.shape[0] - 1, out=ids)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    for n in np.unique(lengths):  # chunks of n tokens together: one gather, one sum
        if n == 0:
            continue
        rows = np.flatnonzero(lengths == n)
        take = ids[starts[rows][:, None] + np.arange(n)]
        sums[rows] = matrix[take].sum(axis=1)
    lede = [body[:LEDE_WORDS] for body in leads]
    out = _unit(_sum_rows(sums, [t[:TITLE_CHUNKS] for t in titles])) + _unit(_sum_rows(sums, lede))
    return _unit(out)


def _sum_rows(sums: np.ndarray, rows: list[list[int]]) -> np.ndarray:
    """``sums[row].sum(axis=0)`` for every row of chunk numbers: rows of like length padded together."""
    import numpy as np

    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    flat = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=int(lengths.sum()))
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    order = np.argsort(lengths, kind="stable")
    out = np.zeros((len(rows), sums.shape[1]), dtype=np.float32)
    for lo in range(0, len(rows), BATCH):
        block = order[lo:lo + BATCH]
        width = int(lengths[block].max(initial=0))
        if width == 0:
            continue
        at = starts[block][:, None] + np.arange(width)
        index = np.where(np.arange(width) < lengths[block][:, None], flat[np.minimum(at, len(flat) - 1)],
                         len(sums) - 1)  # past a row's end: the zero row
        out[block] = sums[index].sum(axis=1)
    return out


def _unit(m: np.ndarray) -> np.ndarray:
    import numpy as np

    norms = np.linalg.norm(m, axis=1, keepdims=True)
    np.divide(m, norms, out=m, where=norms > 0)
    return m
