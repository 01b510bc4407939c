"""The common query shapes scored with numpy: a word, a prefix, a wildcard or a fuzzy term on the
title and the body (an OR of terms in each field, the two fields ORed).

Whoosh walks the matches of such a query one document at a time in Python (~20 µs each); a prefix
such as ``pres*`` matches most of a 37,500-article corpus. Here each term's postings are read
block by block, BM25F is computed for all of them at once with the very operations of Whoosh's
``bm25`` (so every score is Whoosh's to the last bit), summed in the order Whoosh's matchers sum
them, and the top hits are ranked as Whoosh's ``TopCollector`` ranks them (score, then document
number). A query of any other shape, a filter, deleted documents or a postings format this does
not know: ``None``, and the caller walks the matches as before. Tests hold both ways equal.
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING

ENABLED = True  # False: every query walks its matches the Whoosh way (tests compare the two)

if TYPE_CHECKING:
    import numpy as np
    from whoosh.query import Query
    from whoosh.searching import Searcher


def _groups(q: Query) -> list[list[tuple[str, str]]] | None:
    """The query as at most two ORs of terms (each a list of (field, text)), or None when it has
    another shape. Two groups add commutatively; the terms of one group add in order, as Whoosh's
    array union does."""
    from whoosh import query as wq

    def terms(node) -> list[tuple[str, str]] | None:
        if isinstance(node, wq.Term) and node.boost == 1.0:
            return [(node.fieldname, node.text)]
        if (type(node) is wq.Or and node.boost == 1.0 and node.matcher_type == wq.Or.ARRAY_MATCHER
                and all(type(c) is wq.Term and c.boost == 1.0 for c in node.subqueries)):
            return [(c.fieldname, c.text) for c in node.subqueries]
        return None

    if type(q) is wq.Or and q.boost == 1.0:
        children = [c for c in q.subqueries if c is not wq.NullQuery]
        if len(children) > 2:
            return None
        groups = [terms(c) for c in children]
        return None if any(g is None for g in groups) else groups  # type: ignore[misc]
    one = terms(q)
    return [one] if one is not None else None


def _postings(reader, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray] | None:
    """Document numbers and weights of a term in a segment, block by block."""
    import numpy as np

    m = reader.postings(fieldname, text)
    if not hasattr(m, "_read_data") or getattr(m, "_byteids", True):
        return None
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    while m.is_active():
        if m._data is None:
            m._read_data()
        deltas, w = m._data[0], m._data[1]
        n = m._blocklength
        block = np.cumsum(np.asarray(deltas, dtype=np.int64))
        if len(block) != n:
            return None
        ids.append(block)
        if w is None:
            weights.append(np.ones(n, dtype=np.float64))
        elif isinstance(w, float):
            weights.append(np.full(n, np.float64(np.float32(w))))
        else:
            weights.append(np.asarray(array("f", w) if not isinstance(w, array) else w, dtype=np.float32)
                           .astype(np.float64))
        m._next_block()
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(ids), np.concatenate(weights)


def search(searcher: Searcher, q: Query, limit: int, outlet_of, outlets: int, weighting,
           ) -> tuple[list[tuple[int, float]], int, list[int]] | None:
    """(top (docnum, score), total, matches per outlet) of ``q``, or None when it is not a shape
    this knows (the caller then walks the matches)."""
    groups = _groups(q)
    if not groups:
        return None
    import numpy as np
    from whoosh.scoring import BM25FScorer

    from sco_tui.index.scoring import lengths_array

    tops: list[tuple[float, int]] = []
    total = 0
    counts = np.zeros(outlets, dtype=np.int64)
    outlet_column = np.frombuffer(outlet_of, dtype=np.uint32) if len(outlet_of) else np.zeros(0, dtype=np.uint32)
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if reader.has_deletions():
            return None
        n = reader.doc_count_all()
        matched = np.zeros(n, dtype=bool)
        scores = np.zeros(n, dtype=np.float64)
        for group in groups:
            acc = np.zeros(n, dtype=np.float64)
            hit = np.zeros(n, dtype=bool)
            for fieldname, text in group:
                if (fieldname, text) not in reader:
                    continue
                scorer = weighting.scorer(sub, fieldname, text)
                if type(scorer) is not BM25FScorer:
                    return None
                lengths = lengths_array(reader, fieldname)
                found = _postings(reader, fieldname, text)
                if lengths is None or found is None:
                    return None
                ids, tf = found
                idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
                # whoosh.scoring.bm25, the same operations in the same order
                s = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * lengths[ids] / avgfl)))
                acc[ids] += s  # one posting per document and term: no two writes to one place
                hit[ids] = True
            scores = np.where(matched & hit, scores + acc, np.where(hit, acc, scores))
            matched |= hit
        docs = np.flatnonzero(matched)
        total += len(docs)
        if len(docs):
            counts += np.bincount(outlet_column[docs + offset], minlength=outlets)[:outlets]
            s = scores[docs]
            if len(docs) > limit:
                keep = np.argpartition(-s, limit - 1)[:limit]
                cut = s[keep].min()
                keep = np.flatnonzero(s >= cut)  # every tie at the cut stays: ranked below
                docs, s = docs[keep], s[keep]
            tops.extend((float(score), int(d) + offset) for score, d in zip(s, docs, strict=True))
    tops.sort(key=lambda sd: (-sd[0], sd[1]))
    return [(d, score) for score, d in tops[:limit]], total, [int(c) for c in counts]
