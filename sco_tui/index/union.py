"""Queries scored with numpy: words, ``exact:`` words, phrases, and the prefixes, wildcards and fuzzy
terms ``search._expand`` turns into ORs of words, combined with AND, OR, NOT, ANDNOT, ANDMAYBE and
REQUIRE as the query parser combines them (``health car`` while typing: both fields of ``health``
ANDed with both fields' completions of ``car``), with or without a filter (an outlet, a story).

Whoosh walks the matches of such a query one document at a time in Python (~20 µs each, through a
tree of matchers); a prefix such as ``pres*`` matches most of a 37,500-article corpus, and a phrase
of two common words reads the positions of every document holding both through a tree of span
matchers. Here each term's postings are read block by block (``index.blocks``: numbers and weights
only), BM25F is computed for all of them at once with the very operations of Whoosh's ``bm25`` (so
every score is Whoosh's to the last bit), and each node of the query is one operation on arrays over
the segment's documents: matched or not, and the score. The scores are summed as Whoosh's matchers
sum them: its trees of ANDs and ORs are built the way Whoosh builds them (``make_weighted_tree``
over each subquery's ``estimate_size``), since the grouping of a sum changes its last bit; an
expanded prefix adds its words in order into one array as Whoosh's ``ArrayUnionMatcher`` does; a
NOT matches every other document with a score of 1.0, as Whoosh's ``InverseMatcher``. The top hits
are ranked as Whoosh's ``TopCollector`` ranks them (score, then document number). A phrase
intersects its words' document numbers first and reads positions only for the documents holding
them all. A node of any other kind (a date range, a phrase on a field without packed character
spans) is walked by Whoosh's matcher for that node alone; deleted documents (articles replaced
since the build) are left out of every term, as Whoosh's reader leaves them out; a postings format
this does not know: ``None``, and the caller walks
the matches as before. Tests hold both ways equal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sco_tui.index import blocks

ENABLED = True  # False: every query walks its matches the Whoosh way (tests compare the two)

if TYPE_CHECKING:
    import numpy as np
    from whoosh.query import Query
    from whoosh.searching import Searcher

#: The postings read for a query: (document offset of the segment, field, term) -> postings
Found = dict[tuple[int, str, str], blocks.Postings]


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


class _Unknown(Exception):
    """A query node this does not score as Whoosh's matchers do: the caller walks the matches."""


def native(q: Query, schema) -> bool:
    """Whether ``search`` has arrays of its own for ``q`` itself: a term, an ``exact:`` term, a phrase on a
    field with packed character spans, AND, OR, NOT, ANDNOT, ANDMAYBE, REQUIRE (the trees the query
    parser and ``search._expand`` make). Any other node (a date range, a phrase on the outlet) is
    walked with Whoosh's own matcher, that node alone: its matches and scores are Whoosh's."""
    from whoosh import query as wq

    from sco_tui.index.exact import ExactTerm

    kind = type(q)
    if q is wq.NullQuery or kind in (wq.And, wq.Not, wq.AndNot, wq.AndMaybe, wq.Require):
        return True
    if kind is wq.Every:
        return q.fieldname in (None, "", "*")
    if kind is wq.Term or kind is ExactTerm:
        return not getattr(q, "minquality", None)
    if kind is wq.Phrase:
        return (q.slop == 1 and bool(q.words) and all(isinstance(w, str) for w in q.words)
                and (q.fieldname not in schema or getattr(schema[q.fieldname].format, "packed", False)))
    if kind is wq.Or:
        return (q.matcher_type in (wq.Or.AUTO_MATCHER, wq.Or.DEFAULT_MATCHER, wq.Or.ARRAY_MATCHER)
                and not (q.scale and q.matcher_type != wq.Or.ARRAY_MATCHER))
    return False


Dense = tuple  # (matched: bool array, score: float64 array, 0.0 where not matched), one segment's documents


def _weighted(items: list[tuple[int, Dense | None]], combine) -> Dense | None:
    """Whoosh's ``make_weighted_tree``: the two lightest first, their sum put back after any of the same
    weight (ties keep their order: Whoosh's matchers compare equal). Only the grouping changes a sum."""
    from bisect import bisect_right

    ls = sorted(items, key=lambda wd: wd[0])
    while len(ls) > 1:
        (wa, a), (wb, b) = ls.pop(0), ls.pop(0)
        w = wa + wb
        ls.insert(bisect_right([x[0] for x in ls], w), (w, combine(a, b)))
    return ls[0][1]


def _either(a: Dense | None, b: Dense | None) -> Dense | None:
    """Whoosh's ``UnionMatcher``: the score of whichever matches, their sum where both do."""
    if a is None or b is None:
        return a if b is None else b
    return a[0] | b[0], a[1] + b[1]  # 0.0 where one does not match: x + 0.0 is x


def _either_sparse(a, b):
    """``_either`` of (documents, scores) pairs: each sum made as Whoosh's ``UnionMatcher`` makes it."""
    import numpy as np

    if a is None or b is None:
        return a if b is None else b
    ids = np.union1d(a[0], b[0])
    scores = np.zeros(len(ids), dtype=np.float64)
    scores[np.searchsorted(ids, a[0])] += a[1]  # 0.0 + x is x
    scores[np.searchsorted(ids, b[0])] += b[1]
    return ids, scores


def _both(a: Dense | None, b: Dense | None) -> Dense | None:
    """Whoosh's ``IntersectionMatcher``: the documents both match, the sum of their scores."""
    if a is None or b is None:
        return None
    hit = a[0] & b[0]
    return hit, (a[1] + b[1]) * hit


RECENT_POSTINGS = 1_000_000  # postings of the terms scored lately kept per segment (~24 bytes each)


class _Recent:
    """The terms of one segment scored lately, the least recently used dropped past
    ``RECENT_POSTINGS`` postings: while a second word is typed, the first one's postings (and the
    completions the new letter keeps) are not read and scored again on every keystroke. Kept with
    the statistics they were scored with (a commit changes idf and the average length)."""

    def __init__(self) -> None:
        from collections import OrderedDict

        self._terms: OrderedDict[tuple[str, str], tuple] = OrderedDict()
        self._postings = 0

    def get(self, fieldname: str, text: str) -> tuple | None:
        kept = self._terms.get((fieldname, text))
        if kept is not None:
            self._terms.move_to_end((fieldname, text))
        return kept

    def put(self, fieldname: str, text: str, entry: tuple) -> None:
        old = self._terms.pop((fieldname, text), None)
        if old is not None:
            self._postings -= len(old[0].ids)
        self._terms[(fieldname, text)] = entry
        self._postings += len(entry[0].ids)
        while self._postings > RECENT_POSTINGS and len(self._terms) > 1:
            _key, dropped = self._terms.popitem(last=False)
            self._postings -= len(dropped[0].ids)


# segment reader -> its terms scored lately; a closed searcher's readers take theirs with them
_RECENT: WeakKeyDictionary = WeakKeyDictionary()


class _Segment:
    """One segment's documents scored for a query tree, node by node, as dense arrays."""

    def __init__(self, sub, offset: int, weighting, found: Found) -> None:
        self.sub, self.offset, self.weighting, self.found = sub, offset, weighting, found
        self.reader = sub.reader()
        self.schema = sub.schema
        self.n = self.reader.doc_count_all()
        self.deleted = None  # the articles replaced or removed since the segment was written
        if self.reader.has_deletions():
            import numpy as np

            self.deleted = np.zeros(self.n, dtype=bool)
            self.deleted[np.fromiter(self.reader.deleted_docs_set, dtype=np.int64)] = True

    def scored(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """A term's documents and BM25F scores in this segment: from the terms scored lately
        (``_RECENT``) when its statistics are the same, else read from its blocks."""
        from whoosh.scoring import BM25F, BM25FScorer

        from sco_tui.index.scoring import lengths_array

        key = (self.offset, fieldname, text)
        w = self.weighting
        if type(w) is BM25F and self.schema[fieldname].scorable:  # BM25FScorer's numbers, without its set-up
            parent = self.sub.get_parent()
            stats = (parent.idf(fieldname, text), parent.avg_field_length(fieldname) or 1,
                     w._field_B.get(fieldname, w.B), w.K1)
        else:
            scorer = w.scorer(self.sub, fieldname, text)
            if type(scorer) is not BM25FScorer:
                raise _Unknown
            stats = (scorer.idf, scorer.avgfl, scorer.B, scorer.K1)
        recent = _RECENT.setdefault(self.reader, _Recent())
        kept = recent.get(fieldname, text)
        if kept is not None and kept[1] == stats:
            self.found.setdefault(key, kept[0].unread())
            return kept[0].ids, kept[2]
        lengths = lengths_array(self.reader, fieldname)
        p = kept[0] if kept is not None else blocks.read(self.reader, fieldname, text)
        if lengths is None or p is None or p.ids is None:
            raise _Unknown
        self.found.setdefault(key, p.unread())
        ids, tf = p.ids, p.weights
        idf, avgfl, b, k1 = stats
        # whoosh.scoring.bm25, the same operations in the same order
        scores = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * lengths[ids] / avgfl)))
        ids.flags.writeable = scores.flags.writeable = False  # shared by later searches: never changed
        recent.put(fieldname, text, (p.unread(), stats, scores))
        return ids, scores

    def has(self, fieldname: str, text: str) -> bool:
        if fieldname not in self.schema:
            return False
        try:
            btext = self.schema[fieldname].to_bytes(text)
        except ValueError:
            return False
        return (fieldname, btext) in self.reader

    def leaf(self, q) -> tuple[np.ndarray, np.ndarray] | None:
        """A term's, ``exact:`` term's or phrase's documents (ascending) and scores, boost applied;
        None where Whoosh makes no matcher (a word missing from the segment)."""
        import numpy as np
        from whoosh import query as wq

        from sco_tui.index import exact

        if type(q) is wq.Phrase:
            if q.fieldname not in self.schema or any(not self.has(q.fieldname, w) for w in q.words):
                return None
            parts = [self.scored(q.fieldname, w) for w in q.words]
            ids, s = _phrase([self.found[(self.offset, q.fieldname, w)] for w in q.words], [p[1] for p in parts])
        else:
            if not self.has(q.fieldname, q.text):
                return None
            ids, s = self.scored(q.fieldname, q.text)
        if self.deleted is not None:  # Whoosh's reader filters them out of every term's postings
            live = ~self.deleted[ids]
            ids, s = ids[live], s[live]
        if type(q) is exact.ExactTerm:
            holding = np.isin(ids, np.fromiter(exact.documents(self.sub, q.fieldname, q.text, q.form),
                                               dtype=np.int64))
            ids, s = ids[holding], s[holding]
        return ids, (s * q.boost if q.boost != 1.0 else s)

    def dense(self, ids: np.ndarray, s: np.ndarray) -> Dense:
        import numpy as np

        hit = np.zeros(self.n, dtype=bool)
        hit[ids] = True
        score = np.zeros(self.n, dtype=np.float64)
        score[ids] = s
        return hit, score

    def node(self, q) -> Dense | None:
        """What Whoosh's matcher for ``q`` on this segment matches and scores (None: nothing)."""
        import numpy as np
        from whoosh import query as wq

        if q is wq.NullQuery:
            return None
        if not native(q, self.schema):
            return self.walked(q)
        kind = type(q)
        if kind is wq.Or or kind is wq.And:
            subs = q.subqueries
            if not subs:
                return None
            if len(subs) == 1:  # Whoosh: the one subquery's matcher, the boost left out
                return self.node(subs[0])
            if kind is wq.Or:
                array = q.matcher_type == wq.Or.ARRAY_MATCHER or (
                    q.matcher_type == wq.Or.AUTO_MATCHER and len(subs) >= wq.Or.TOO_MANY_CLAUSES)
                if array:  # PreloadedOr: an array the scores are added into, subquery by subquery
                    return self.preloaded(subs, q.boost)
                out = _weighted([(c.estimate_size(self.reader), self.node(c)) for c in subs], _either)
            else:
                out = _weighted([(0 - c.estimate_size(self.reader), self.node(c)) for c in subs], _both)
            if out is not None and q.boost != 1.0:
                out = out[0], out[1] * q.boost
            return out
        if kind is wq.Not:  # InverseMatcher: every document the subquery does not match, scored 1.0
            child = self.node(q.query)
            hit = np.ones(self.n, dtype=bool) if child is None else ~child[0]
            if self.deleted is not None:
                hit &= ~self.deleted
            return hit, hit.astype(np.float64)
        if kind is wq.Every and q.fieldname in (None, "", "*"):  # ListMatcher of every live document
            hit = np.ones(self.n, dtype=bool) if self.deleted is None else ~self.deleted
            return hit, hit * float(q.boost)
        if kind is wq.AndNot or kind is wq.AndMaybe or kind is wq.Require:
            a, b = self.node(q.a), self.node(q.b)
            if a is None or b is None:
                return None if a is None or kind is wq.Require else a
            if kind is wq.AndNot:
                return a[0] & ~b[0], a[1] * ~b[0]
            if kind is wq.Require:
                hit = a[0] & b[0]
                return hit, a[1] * hit
            return a[0], (a[1] + b[1]) * a[0]  # AndMaybe: b's score added where a matches
        found = self.leaf(q)
        return None if found is None else self.dense(*found)

    def walked(self, q) -> Dense | None:
        """A node this has no arrays for, as Whoosh's own matcher for it (and it alone) on this
        segment matches and scores: walked one match at a time, as the whole query was before. A
        range of terms (``date:2018``: a term per day) is an OR of its terms, each walked alone."""
        from whoosh import query as wq

        if isinstance(q, wq.MultiTerm) and type(q).matcher is wq.MultiTerm.matcher:
            found = self.terms_of(q)
        else:
            found = self.walk(q)
        return None if found is None else self.dense(*found)

    def walk(self, q) -> tuple[np.ndarray, np.ndarray] | None:
        """The documents (ascending) and scores of Whoosh's matcher for ``q`` on this segment."""
        import numpy as np
        from whoosh.query import QueryError

        try:
            m = q.matcher(self.sub, self.sub.context(needs_current=True, weighting=self.weighting))
        except QueryError as exc:  # the walk of the whole query raises it again, to the user
            raise _Unknown from exc
        ids: list[int] = []
        scores: list[float] = []
        while m.is_active():
            ids.append(m.id())
            scores.append(m.score())
            m.next()
        if not ids:
            return None
        return np.array(ids, dtype=np.int64), np.array(scores, dtype=np.float64)

    def terms_of(self, q) -> tuple[np.ndarray, np.ndarray] | None:
        """Whoosh's ``MultiTerm.matcher``: one term, or an OR of the segment's terms in the range with
        the range's boost; the terms walked one by one and added as Whoosh's union tree adds them
        (an ``ArrayUnionMatcher`` past ``Or.TOO_MANY_CLAUSES`` terms)."""
        import numpy as np
        from whoosh import query as wq

        terms = [wq.Term(q.field(), word) for _field, word in q.expanded_terms(self.reader) if word]
        if not terms:
            return None
        if len(terms) == 1:
            return self.walk(terms[0])
        if len(terms) >= wq.Or.TOO_MANY_CLAUSES:  # an array union: 1.0 each if the range scores constantly
            acc = np.zeros(self.n, dtype=np.float64)
            for t in terms:
                found = self.walk(t)
                if found is not None:
                    if q.constantscore:
                        acc[found[0]] = 1
                    else:
                        acc[found[0]] += found[1] * q.boost
            ids = np.flatnonzero(acc > 0)
            return ids, acc[ids]
        out = _weighted([(t.estimate_size(self.reader), self.walk(t)) for t in terms], _either_sparse)
        if out is not None and q.boost != 1.0:
            out = out[0], out[1] * q.boost
        return out

    def preloaded(self, subs, boost: float) -> Dense:
        """Whoosh's ``ArrayUnionMatcher``: each subquery's scores times the boost added into an array
        in turn; a document matches where the sum is above 0."""
        import numpy as np
        from whoosh import query as wq

        from sco_tui.index.exact import ExactTerm

        acc = np.zeros(self.n, dtype=np.float64)
        for c in subs:
            if type(c) in (wq.Term, ExactTerm, wq.Phrase):
                found = self.leaf(c)
                if found is not None:
                    ids, s = found
                    acc[ids] += s * boost  # one posting per document: no two writes to one place
            else:
                d = self.node(c)
                if d is not None:
                    acc += d[1] * boost
        return acc > 0, acc


def search(searcher: Searcher, q: Query, limit: int, outlet_of, outlets: int, weighting,
           found: Found | None = None, allowed: np.ndarray | None = None,
           ) -> tuple[list[tuple[int, float]], int, list[int]] | None:
    """(top (docnum, score), total, matches per outlet) of ``q`` among the ``allowed`` documents (a
    boolean array over all of them; None: every one), or None when a segment holds postings this
    cannot read (the caller then walks the matches). The postings read
    go into ``found``, for the snippets of the hits shown."""
    import numpy as np

    found = {} if found is None else found
    tops: list[tuple[float, int]] = []
    total = 0
    counts = np.zeros(outlets, dtype=np.int64)
    outlet_column = np.frombuffer(outlet_of, dtype=np.uint32) if len(outlet_of) else np.zeros(0, dtype=np.uint32)
    for sub, offset in searcher.leaf_searchers():
        segment = _Segment(sub, offset, weighting, found)
        try:
            matched = segment.node(q)
        except _Unknown:
            return None
        if matched is None:
            continue
        hit, scores = matched
        if allowed is not None:
            hit = hit & allowed[offset:offset + segment.n]
        docs = np.flatnonzero(hit)
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
