"""The common query shapes scored with numpy: a word, a prefix, a wildcard, a fuzzy term or a
phrase on the title and the body (an OR of terms, or a phrase, in each field, the two fields ORed).

Whoosh walks the matches of such a query one document at a time in Python (~20 µs each); a prefix
such as ``pres*`` matches most of a 37,500-article corpus, and a phrase of two common words reads
the positions of every document holding both through a tree of span matchers. Here each term's
postings are read block by block (``index.blocks``: numbers and weights only), BM25F is computed
for all of them at once with the very operations of Whoosh's ``bm25`` (so every score is Whoosh's
to the last bit), summed in the order Whoosh's matchers sum them, and the top hits are ranked as
Whoosh's ``TopCollector`` ranks them (score, then document number). A phrase intersects its words'
document numbers first and reads positions only for the documents holding them all. A query of
any other shape, a filter, deleted documents or a postings format this does not know: ``None``,
and the caller walks the matches as before. Tests hold both ways equal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sco_tui.index import blocks

ENABLED = True  # False: every query walks its matches the Whoosh way (tests compare the two)

if TYPE_CHECKING:
    import numpy as np
    from whoosh.query import Query
    from whoosh.searching import Searcher

Leaf = tuple  # ("term", field, text), ("phrase", field, (word, ...)) or ("exact", field, (stem, form))
#: The postings read for a query: (document offset of the segment, field, term) -> postings
Found = dict[tuple[int, str, str], blocks.Postings]


def _groups(q: Query) -> list[list[Leaf]] | None:
    """The query as at most two ORs of terms or phrases, or None when it has another shape. Two
    groups add commutatively; the terms of one group add in order, as Whoosh's array union does."""
    from whoosh import query as wq

    from sco_tui.index.exact import ExactTerm

    def leaves(node) -> list[Leaf] | None:
        if type(node) is wq.Term and node.boost == 1.0:
            return [("term", node.fieldname, node.text)]
        if type(node) is ExactTerm and node.boost == 1.0:  # the stem's scores, in the documents holding the form
            return [("exact", node.fieldname, (node.text, node.form))]
        if (type(node) is wq.Phrase and node.boost == 1.0 and node.slop == 1 and node.words
                and all(isinstance(w, str) for w in node.words)):
            return [("phrase", node.fieldname, tuple(node.words))]
        if (type(node) is wq.Or and node.boost == 1.0 and node.matcher_type == wq.Or.ARRAY_MATCHER
                and all(type(c) is wq.Term and c.boost == 1.0 for c in node.subqueries)):
            return [("term", c.fieldname, c.text) for c in node.subqueries]
        return None

    if type(q) is wq.Or and q.boost == 1.0:
        children = [c for c in q.subqueries if c is not wq.NullQuery]
        if len(children) > 2:
            return None
        groups = [leaves(c) for c in children]
        return None if any(g is None for g in groups) else groups  # type: ignore[misc]
    one = leaves(q)
    return [one] if one is not None else None


def _tree_sum(parts: list[np.ndarray]) -> np.ndarray:
    """Scores added as Whoosh's binary tree of intersection matchers adds them (``make_binary_tree``):
    the first half's sum plus the second half's."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    return _tree_sum(parts[:half]) + _tree_sum(parts[half:])


def positions(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """The positions in packed values (``index.postings``) as (which value, position) arrays."""
    from sco_tui.index.postings import positions as packed_positions

    return packed_positions(values)


def lengths(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """The character length of every occurrence in packed values, as (which value, length)."""
    from sco_tui.index.postings import triples

    which, t = triples(values)
    return which, t[:, 2]


def _common(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The numbers in both ascending arrays of distinct numbers, ascending."""
    if not len(a) or not len(b):
        return a[:0]
    at = b.searchsorted(a)
    at[at == len(b)] = 0
    return a[b[at] == a]


def _phrase(found: list[blocks.Postings], scores: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The documents where the words (their postings ``found``, in phrase order) stand one after
    another, and their scores: Whoosh's ``SpanNear2`` with slop 1, the words' scores summed in its
    tree of intersections. The postings are intersected first; then, rarest word first, the
    positions of the documents still in the running are read and matched all at once."""
    import numpy as np

    docs = found[0].ids
    for p in found[1:]:
        docs = _common(docs, p.ids)
    if len(found) > 1 and len(docs):
        alive = np.arange(len(docs))  # candidates still in the running
        starts = None  # (candidate << 32) + start of the phrase, for each start still possible
        for k in sorted(range(len(found)), key=lambda k: len(found[k].ids)):
            at = np.searchsorted(found[k].ids, docs[alive])
            which, pos = positions(found[k].values(at))
            ok = pos >= k  # the phrase starts in the text
            # ascending and distinct: the values come in document order, a value's positions ascend
            keys = (alive[which[ok]] << 32) + (pos[ok] - k)
            starts = keys if starts is None else _common(starts, keys)
            alive = starts >> 32
            alive = alive[np.concatenate(([True], alive[1:] != alive[:-1]))] if len(alive) else alive
            if not len(alive):
                break
        docs = docs[alive]
    if not len(docs):
        return docs, np.zeros(0)
    at = [np.searchsorted(p.ids, docs) for p in found]
    return docs, _tree_sum([s[a] for s, a in zip(scores, at, strict=True)])


def search(searcher: Searcher, q: Query, limit: int, outlet_of, outlets: int, weighting,
           found: Found | None = None) -> tuple[list[tuple[int, float]], int, list[int]] | None:
    """(top (docnum, score), total, matches per outlet) of ``q``, or None when it is not a shape
    this knows (the caller then walks the matches). The postings read go into ``found``, for the
    snippets of the hits shown."""
    groups = _groups(q)
    if not groups:
        return None
    import numpy as np
    from whoosh.scoring import BM25FScorer

    from sco_tui.index import exact

    schema = searcher.schema
    if any(kind == "phrase" and not (fieldname in schema and getattr(schema[fieldname].format, "packed", False))
           for group in groups for kind, fieldname, _text in group):
        return None  # a phrase on a field without packed character spans (outlet): Whoosh's way

    from sco_tui.index.scoring import lengths_array

    found = {} if found is None else found
    tops: list[tuple[float, int]] = []
    total = 0
    counts = np.zeros(outlets, dtype=np.int64)
    outlet_column = np.frombuffer(outlet_of, dtype=np.uint32) if len(outlet_of) else np.zeros(0, dtype=np.uint32)
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if reader.has_deletions():
            return None
        n = reader.doc_count_all()

        def scored(fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray] | None:
            """A term's documents and BM25F scores in this segment (None: not what this knows)."""
            scorer = weighting.scorer(sub, fieldname, text)  # noqa: B023 - used within the loop turn
            if type(scorer) is not BM25FScorer:
                return None
            lengths = lengths_array(reader, fieldname)  # noqa: B023
            p = found.get((offset, fieldname, text)) or blocks.read(reader, fieldname, text)  # noqa: B023
            if lengths is None or p is None:
                return None
            found[(offset, fieldname, text)] = p  # noqa: B023
            ids, tf = p.ids, p.weights
            idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
            # whoosh.scoring.bm25, the same operations in the same order
            return ids, idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * lengths[ids] / avgfl)))

        matched = np.zeros(n, dtype=bool)
        scores = np.zeros(n, dtype=np.float64)
        for group in groups:
            acc = np.zeros(n, dtype=np.float64)
            hit = np.zeros(n, dtype=bool)
            for kind, fieldname, text in group:
                words = text if kind == "phrase" else text[:1] if kind == "exact" else (text,)
                if any((fieldname, w) not in reader for w in words):
                    continue  # Whoosh: no matcher (a phrase: none when one word is missing)
                parts = [scored(fieldname, w) for w in words]
                if any(p is None for p in parts):
                    return None
                if kind == "phrase":
                    ids, s = _phrase([found[(offset, fieldname, w)] for w in words], [p[1] for p in parts])
                elif kind == "exact":
                    ids, s = parts[0]
                    holding = np.isin(ids, np.fromiter(exact.documents(sub, fieldname, *text), dtype=np.int64))
                    ids, s = ids[holding], s[holding]
                else:
                    ids, s = parts[0]
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
