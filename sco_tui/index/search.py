"""Queries in Whoosh's language -> hits with highlighted snippets, counts per outlet, suggestions.

Snippets come from character offsets stored in the index ("pinpoint" highlighting), so no hit's
text is analysed again. Prefixes, wildcards and fuzzy terms expand over the vocabulary of word
forms the index saw (``index.vocabulary``) to the stems it holds, prefixes to their most common
stems only; while the user is still typing a word it is searched as a prefix from three letters on.
Words, prefixes, wildcards, fuzzy terms, phrases and AND/OR/NOT of them, filtered or not, are
scored with numpy (``index.union``, reading the posting blocks through ``index.blocks``); other
queries (date ranges) walk their matches with Whoosh's matchers.
Both give the same hits and scores. The snippets' character offsets come from the blocks holding
the shown hits (those the scoring read when it did).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Collection
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

# the neutral results every backend gives, the query text's normalisation and the snippet windows
# are the seam's (index/api, query, snippets); named here too for the callers that import them from here
from sco_tui.index.api import Hit, QueryError, SearchResult, Snippet
from sco_tui.index.query import DATE_VALUE, LIVE_PREFIX_MIN, check_field_values, live_text, normalise
from sco_tui.index.schema import QUERY_FIELDS
from sco_tui.index.snippets import SNIPPET_CHARS, SNIPPETS, snippets

if TYPE_CHECKING:
    from whoosh.query import Query
    from whoosh.searching import Searcher

__all__ = ["LIVE_PREFIX_MIN", "SNIPPETS", "SNIPPET_CHARS", "Hit", "QueryError", "SearchResult", "Snippet",
           "live_text", "normalise", "parse", "search", "snippets", "suggest"]

PREFIX_TERMS = 48  # a prefix expands to at most this many terms, the most common first
# What one query may ask for (issue #12: a pasted 100,000-character text, 500 ORed words or 300
# fuzzy terms took minutes). Beyond these a query fails at once with a one-line reason.
MAX_QUERY_CHARS = 2000
MAX_CLAUSES = 50  # words, phrases, prefixes, wildcards and fuzzy terms after parsing
MAX_EXPANDING = 5  # prefixes, wildcards and fuzzy terms: each stands for many words
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_FIELD_REF = re.compile(r'(?<![\w"])(\w+):')
_WORD = re.compile(r"[^\W_][\w'-]*")


def parse(text: str, schema, *, live: bool = False) -> tuple[Query, str]:
    """Parse a user's query; raise QueryError with a clear reason when it cannot be searched."""
    from whoosh import qparser
    from whoosh import query as wq

    from sco_tui.index.analysis import nothing_left, query_words

    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long: {len(text):,} characters (at most {MAX_QUERY_CHARS:,})")
    norm = normalise(text)
    searched = normalise(live_text(text)) if live else norm
    if not live:
        check_field_values(text)
    for name in _FIELD_REF.findall(re.sub(r'"[^"]*"', " ", searched)):
        if name not in QUERY_FIELDS:
            known = ", ".join(f"{k}:" for k in QUERY_FIELDS)
            raise QueryError(f"unknown field '{name}:' (fields: {known})")
    searched = _date_spans(query_words(searched))
    parser = qparser.MultifieldParser(["title", "body"], _with_exact(schema))
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.remove_plugin_class(qparser.BoostPlugin)
    try:
        q = parser.parse(searched)
    except Exception as exc:  # noqa: BLE001 - Whoosh's parser raises assorted internal errors
        raise QueryError(f"cannot parse {text!r}: {exc}") from None
    if isinstance(q, type(wq.NullQuery)) or q is wq.NullQuery:
        if _WORD.search(searched):
            raise QueryError(nothing_left(text))
        raise QueryError("type some words to search for")
    from sco_tui.index.exact import resolve

    q = resolve(q, searched)
    _check_size(q)
    return q, norm


_SCHEMAS: dict[int, tuple[object, object]] = {}


def _with_exact(schema):
    """The schema with ``exact`` parsed as the body is (its words stemmed), for ``index.exact`` to
    narrow to the forms typed; made once per schema."""
    from whoosh.fields import Schema

    kept = _SCHEMAS.get(id(schema))
    if kept is None or kept[0] is not schema:
        if len(_SCHEMAS) > 8:  # each opened index brings its own schema object: keep the latest few
            _SCHEMAS.clear()
        fields = {name: schema[name] for name in schema.names()}
        kept = _SCHEMAS[id(schema)] = (schema, Schema(**fields, exact=schema["body"]))
    return kept[1]


_DATE_TERM = re.compile(rf"(?<![\w\"])date:(?P<op>[<>]=?)?(?P<date>{DATE_VALUE.pattern})(?![\w\-:*?~\]}}])")


def _date_spans(text: str) -> str:
    """``date:2024`` (or 2024-07, 2024-07-03) matches every date within it, and ``date:>=2024-07``,
    ``>``, ``<``, ``<=`` compare: each becomes a range over the ISO strings the index holds ("~" sorts
    after every character of a date, so ``V~`` ends V's span)."""
    def span(m: re.Match[str]) -> str:
        d = m["date"]
        return {None: f"date:[{d} TO {d}~]", ">=": f"date:[{d} TO]", ">": f"date:{{{d}~ TO]",
                "<": f"date:[TO {d}}}", "<=": f"date:[TO {d}~]"}[m["op"]]

    parts = text.split('"')
    parts[::2] = [_DATE_TERM.sub(span, p) for p in parts[::2]]
    return '"'.join(parts)


def _check_size(q: Query) -> None:
    """Refuse a query that would expand past what answers within a couple of seconds."""
    leaves = list(q.leaves()) if q.children() else [q]
    # A word is parsed once per field it searches (title, body): count what the user typed.
    typed = {(type(leaf).__name__, str(getattr(leaf, "text", None) or getattr(leaf, "words", ""))) for leaf in leaves}
    if len(typed) > MAX_CLAUSES:
        raise QueryError(f"query too large: {len(typed)} words and phrases (at most {MAX_CLAUSES})")
    expanding = sum(name in ("Prefix", "Wildcard", "FuzzyTerm") for name, _ in typed)
    if expanding > MAX_EXPANDING:
        raise QueryError(f"query too large: {expanding} prefix, wildcard or fuzzy terms (at most {MAX_EXPANDING})")


def prefix_terms(length: int) -> int:
    """How many words a prefix of ``length`` letters may stand for: the vaguer the prefix, the
    fewer (its most common completions), so that no keystroke scores half the corpus."""
    return {1: 4, 2: 6, 3: 12, 4: 16, 5: 24}.get(length, PREFIX_TERMS)


def _negations_over_every(q: Query) -> Query:
    """Every ``NOT x`` as "every article, less x": Whoosh's own matcher for a NOT counts a deleted
    document (an article replaced since the index was built) when the last match of ``x`` sits just
    before it. Used only on an index with deletions; the same articles match, each with the same score."""
    from whoosh import query as wq

    if isinstance(q, wq.Not):
        return wq.AndNot(wq.Every(), _negations_over_every(q.query))
    children = q.children()
    if not children:
        return q
    return q.apply(_negations_over_every)


def _expand(searcher: Searcher, q: Query, raw: str = "") -> Query:
    """Replace prefixes, wildcards and fuzzy terms with the terms they stand for.

    On the body they expand over the vocabulary of surface forms the index saw (``immig*`` ->
    immigration, immigrants, ...) and are searched as those forms' stems, the most common first;
    on the title, over its own (stemmed) terms. The parser stems what it parses ("oper?tion" ->
    "oper?t"), so each is matched again as the user typed it (``raw``)."""
    from whoosh import query as wq

    from sco_tui.index.analysis import fold
    from sco_tui.index.vocabulary import of_searcher

    # what the user typed: words with *, ? or ~ first, then plain words from the last (the one being
    # typed is searched as a prefix while live)
    special = re.findall(r"[\w'?*~/-]*[?*~][\w'?*~/-]*", raw)
    plain = [w for w in re.findall(r"[^\W_][\w'-]*", raw) if w not in _OPERATORS and w not in special]
    typed = [fold(w) for w in special] + [fold(w) + "*" for w in reversed(plain)]  # as the vocabulary has them
    reader = searcher.reader()

    def as_typed(node: Query, kind: str) -> str:
        """The word the user typed for this node (its stemmed text when it cannot be told)."""
        text = node.text
        for word in typed:
            if kind == "prefix" and word.endswith("*") and "?" not in word and "*" not in word[:-1]:
                bare = word[:-1]
            elif kind == "wildcard" and not word.endswith("~") and ("?" in word or "*" in word[:-1]):
                bare = word
            elif kind == "fuzzy" and "~" in word:
                bare = word.split("~", 1)[0]
            else:
                continue
            head, stemmed_head = re.split(r"[?*]", bare)[0], re.split(r"[?*]", text)[0]
            if bare == text or _stem(head) == stemmed_head or head == stemmed_head:
                return bare
        return text

    def field_terms(fieldname: str, stems: list[str], cap: int | None, boost: float) -> Query:
        kept = []
        for stem in stems:
            if reader.doc_frequency(fieldname, stem):
                kept.append(wq.Term(fieldname, stem))
                if cap is not None and len(kept) >= cap:
                    break
        return _union(kept, boost)

    def visit(node: Query) -> Query:
        if isinstance(node, wq.Prefix | wq.Wildcard):
            kind = "prefix" if isinstance(node, wq.Prefix) else "wildcard"
            if node.fieldname == "body":
                vocab = of_searcher(searcher)
                pattern = as_typed(node, kind)
                forms = vocab.with_prefix(pattern) if kind == "prefix" else vocab.matching(pattern)
                return field_terms("body", vocab.ranked(forms), prefix_terms(len(re.split(r"[?*]", pattern)[0]) or 1),
                                  node.boost)
            if kind == "prefix":
                candidates = reader.expand_prefix(node.fieldname, node.text)
            else:
                candidates = (t for _f, t in wq.Wildcard(node.fieldname, node.text).expanded_terms(reader))
            terms = [(reader.doc_frequency(node.fieldname, t), t) for t in _decoded(candidates)]
            terms.sort(key=lambda ft: -ft[0])
            return _union([wq.Term(node.fieldname, t) for _, t in terms[:prefix_terms(len(node.text))]], node.boost)
        if isinstance(node, wq.FuzzyTerm):
            # The first letter is kept (as Whoosh's own default does): far fewer terms to measure.
            maxdist, prefixlength = min(2, node.maxdist), max(1, node.prefixlength)
            if node.fieldname in ("body", "title"):
                # the stems near the stemmed word (as Whoosh's FuzzyTerm on the stemmed field) and the
                # stems of the forms near the word as typed
                vocab = of_searcher(searcher)
                word = as_typed(node, "fuzzy")
                near = [vocab.forms[f] for f, _d in vocab.within(word, maxdist, prefixlength)]
                near += [s for s, _d in vocab.within(node.text, maxdist, prefixlength, stems=True)]
                return field_terms(node.fieldname, sorted(set(near)), None, node.boost)
            return wq.FuzzyTerm(node.fieldname, node.text, boost=node.boost, maxdist=maxdist,
                                prefixlength=prefixlength)
        return node.apply(visit) if node.children() else node

    return visit(q)


def _union(terms: list, boost: float) -> Query:
    """The terms a prefix, wildcard or fuzzy term stands for, ORed; their scores are summed in an
    array, block by block (several times faster than Whoosh's binary tree of union matchers on a
    prefix that matches most articles)."""
    from whoosh import query as wq

    if not terms:
        return wq.NullQuery
    union = wq.Or(terms, boost=boost)
    union.matcher_type = wq.Or.ARRAY_MATCHER
    return union


_STEMMER = None


def _stem(word: str) -> str:
    """A word's stem as the index has it (folded, then Snowball English: ``index.analysis``)."""
    global _STEMMER
    from sco_tui.index.analysis import fold, stemmer

    if _STEMMER is None:
        _STEMMER = stemmer()
    return _STEMMER(fold(word))


def _decoded(items) -> list[str]:
    return [t.decode("utf-8") if isinstance(t, bytes) else t for t in items]


def search(searcher: Searcher, text: str, *, limit: int = 20, live: bool = False,
           only_ids: Collection[str] | None = None, outlet: str | None = None) -> SearchResult:
    """Run a query; ``live`` treats the word being typed as incomplete."""
    from whoosh import query as wq
    from whoosh.scoring import BM25F

    from sco_tui.index import union

    q, norm = parse(text, searcher.schema, live=live)
    q = _expand(searcher, q, normalise(text))
    if searcher.reader().has_deletions():
        q = _negations_over_every(q)
    filters = []
    if only_ids is not None:
        filters.append(wq.Or([wq.Term("id", i) for i in only_ids]) if only_ids else wq.NullQuery)
    if outlet:
        filters.append(wq.Term("outlet_key", outlet))
    filt = wq.And(filters) if len(filters) > 1 else (filters[0] if filters else None)
    outlet_of, names = outlet_column(searcher)
    fast = None
    found: union.Found = {}
    if type(searcher.weighting) is BM25F and union.ENABLED:
        allowed = _allowed(searcher, filt) if filt is not None else None
        fast = union.search(searcher, q, limit, outlet_of, len(names), searcher.weighting, found, allowed)
    if fast is not None:  # words, prefixes, phrases... and AND/OR/NOT of them: scored with numpy, the same numbers
        top, total, counts = fast
        docterms: dict[int, list[tuple[str, bytes]]] = {}
    else:
        top, total, counts, docterms = _walk(searcher, q, filt, limit, outlet_of, len(names))
    pairs = ((names[i], n) for i, n in enumerate(counts) if n)
    by_outlet = dict(sorted(pairs, key=lambda kv: (-kv[1], kv[0].lower())))
    hits = _hits(searcher, top, _matched_terms(q, top, docterms), *_phrase_terms(q), found=found)
    # no "did you mean" for a word still being typed, unless nothing starts with it either
    finished = _finished_words(text) if live and total else norm
    suggestion = suggest(searcher, finished) if finished and (total == 0 or _has_unknown_word(searcher, finished)) \
        else None
    if suggestion and live and finished != norm:
        suggestion = suggestion + norm[len(finished):]
    return SearchResult(query=norm, total=total, hits=hits, by_outlet=by_outlet, suggestion=suggestion)


def _allowed(searcher: Searcher, filt):
    """The documents a filter lets through, as a boolean array over every document number: the set
    Whoosh's ``FilterCollector`` keeps (``Searcher.docs_for_query``)."""
    import numpy as np

    allowed = np.zeros(searcher.doc_count_all(), dtype=bool)
    allowed[np.fromiter(searcher.docs_for_query(filt), dtype=np.int64)] = True
    return allowed


def _walk(searcher: Searcher, q: Query, filt, limit: int, outlet_of: array, outlets: int):
    """Whoosh's way: one walk of the matches that scores, keeps the top and counts outlets."""
    from whoosh import collectors
    from whoosh.scoring import BM25F

    from sco_tui.index.counting import OutletCountingCollector
    from sco_tui.index.scoring import LengthsBM25F

    counter = OutletCountingCollector(limit, outlet_of, outlets)
    collector = collectors.FilterCollector(counter, filt) if filt is not None else counter
    context = searcher.context(needs_current=True)
    if type(searcher.weighting) is BM25F:  # the default: the same scores, field lengths read once
        weighting = LengthsBM25F(B=searcher.weighting.B, K1=searcher.weighting.K1)
        weighting._field_B = dict(searcher.weighting._field_B)
        context = searcher.context(needs_current=True, weighting=weighting)
    searcher.search_with_collector(q, collector, context)
    return _ranked(collector.results(), limit), counter.total, counter.counts, counter.docterms


def _matched_terms(q: Query, top: list[tuple[int, float]], seen: dict[int, list[tuple[str, bytes]]],
                   ) -> dict[int, list[tuple[str, bytes]]]:
    """The body terms of the query each top hit may hold: those its matchers were seen on, and every
    term of an expanded union (whose array matcher says nothing of the current document). ``_hits``
    keeps only those the document's postings hold."""
    terms = sorted({(f, t.encode("utf-8") if isinstance(t, str) else t) for f, t in q.iter_all_terms() if f == "body"})
    return {docnum: sorted(set(seen.get(docnum, ())) | set(terms)) for docnum, _score in top}


def _ranked(results, limit: int) -> list[tuple[int, float]]:
    return [(hit.docnum, hit.score) for hit in results[:limit]]


_COLUMNS: WeakKeyDictionary = WeakKeyDictionary()


def outlet_column(searcher: Searcher) -> tuple[array, list[str]]:
    """The outlet of every document number (an index into the names), read once per searcher."""
    cached = _COLUMNS.get(searcher)
    if cached is None:
        names: dict[str, int] = {}
        reader = searcher.reader()  # an index of no article has no columns to read
        column = reader.column_reader("outlet_key") if reader.doc_count_all() else ()
        outlet_of = array("I", (names.setdefault(_text(v), len(names)) for v in column))
        cached = _COLUMNS[searcher] = (outlet_of, list(names))
    return cached


def _text(value: object) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _phrase_terms(q) -> tuple[list[tuple[str, list[bytes]]], set[tuple[str, bytes]], dict[tuple[str, bytes], set[str]]]:
    """The query's phrases on the text fields (field, words), the terms it also asks for on their
    own (a word that only occurs inside a phrase is highlighted only where the phrase is), and the
    forms ``exact:`` asks for of a term (highlighted alone, unless the term is asked for as such)."""
    from whoosh import query as wq

    from sco_tui.index.exact import ExactTerm

    phrases: list[tuple[str, list[bytes]]] = []
    alone: set[tuple[str, bytes]] = set()
    exact: dict[tuple[str, bytes], set[str]] = {}

    def visit(node) -> None:
        if isinstance(node, wq.Phrase):
            if node.fieldname == "body":
                phrases.append((node.fieldname, [w.encode("utf-8") if isinstance(w, str) else w
                                                 for w in node.words]))
            return
        if isinstance(node, wq.Term):
            text = node.text.encode("utf-8") if isinstance(node.text, str) else node.text
            if isinstance(node, ExactTerm):
                exact.setdefault((node.fieldname, text), set()).add(node.form)
            else:
                alone.add((node.fieldname, text))
            return
        for child in node.children():
            visit(child)

    visit(q)
    return phrases, alone, {key: forms for key, forms in exact.items() if key not in alone}


def _phrase_spans(positions: dict[bytes, list[tuple[int, int, int]]], words: list[bytes]) -> set[tuple[int, int]]:
    """Spans from the first word to the last wherever the words stand one after another."""
    if not words or any(w not in positions for w in words):
        return set()
    at = [{pos: (s, e) for pos, s, e in positions[w]} for w in words]
    return {(at[0][p][0], at[-1][p + len(words) - 1][1]) for p in at[0]
            if all(p + k in at[k] for k in range(1, len(words)))}


def _hits(searcher: Searcher, top: list[tuple[int, float]], matched: dict[int, list[tuple[str, bytes]]],
          phrases: list[tuple[str, list[bytes]]] = (), alone: set[tuple[str, bytes]] | None = None,
          exact: dict[tuple[str, bytes], set[str]] | None = None, found: dict | None = None) -> tuple[Hit, ...]:
    """Hits with snippets, from the character offsets stored in the index: for each matched term,
    the postings blocks holding the top hits (those the scoring read: ``found``), never a
    re-analysis of the text. A term of a phrase marks only the phrase's occurrences, unless the
    query also asks for it alone."""
    from sco_tui.index.exact import is_form

    in_phrase = {(f, w) for f, words in phrases for w in words}
    wanted: dict[tuple[str, bytes], list[int]] = {}
    for docnum, _score in top:
        for fieldname, btext in matched.get(docnum, ()):
            if fieldname == "body":
                wanted.setdefault((fieldname, btext), []).append(docnum)
    spans: dict[int, set[tuple[int, int]]] = {docnum: set() for docnum, _ in top}
    positions: dict[int, dict[tuple[str, bytes], list[tuple[int, int, int]]]] = {d: {} for d, _ in top}
    stored = {docnum: searcher.stored_fields(docnum) for docnum, _ in top}
    for (fieldname, btext), docnums in wanted.items():
        forms = (exact or {}).get((fieldname, btext))
        for docnum, found_chars in _characters(searcher, fieldname, btext, sorted(docnums), found):
            if forms is not None:  # exact: only the forms typed
                body = stored[docnum].get(fieldname, "")
                found_chars = [c for c in found_chars if any(is_form(body, c[1:], f) for f in forms)]
            if (fieldname, btext) in in_phrase:
                positions[docnum][(fieldname, btext)] = found_chars
            if (fieldname, btext) not in in_phrase or (alone is not None and (fieldname, btext) in alone):
                spans[docnum].update((s, e) for _pos, s, e in found_chars)
    for docnum in spans:
        for fieldname, words in phrases:
            by_word = {w: positions[docnum][(f, w)] for (f, w) in positions[docnum] if f == fieldname}
            spans[docnum] |= _phrase_spans(by_word, words)
    out = []
    for docnum, score in top:
        fields = stored[docnum]
        body_spans = sorted(spans[docnum])
        out.append(Hit(id=fields["id"], outlet=fields.get("outlet", ""), title=fields.get("title", ""),
                       date=fields.get("date") or None, score=float(score),
                       snippets=snippets(fields.get("body", ""), body_spans), spans=tuple(body_spans)))
    return tuple(out)


def _characters(searcher: Searcher, fieldname: str, btext: bytes, docnums: list[int], found: dict | None,
                ) -> list[tuple[int, list[tuple[int, int, int]]]]:
    """(docnum, [(position, start, end), ...]) of the term in each of ``docnums`` (ascending) that
    holds it: from the postings the scoring read (``found``) or the blocks holding the documents,
    else Whoosh's matcher."""
    from sco_tui.index import blocks

    text = btext.decode("utf-8")
    fmt = searcher.schema[fieldname].format
    out = []
    by_segment = searcher.leaf_searchers()
    for sub, offset in by_segment:
        reader = sub.reader()
        here = [d for d in docnums if offset <= d < offset + reader.doc_count_all()]
        if not here or (fieldname, text) not in reader:
            continue
        p = (found or {}).get((offset, fieldname, text)) or blocks.read(reader, fieldname, text, scored=False)
        if p is None:
            break
        for d in here:
            value = p.value(d - offset)
            if value is not None:
                out.append((d, fmt.decode_characters(value)))
    else:
        return out
    out = []  # postings this does not know: Whoosh's way
    m = searcher.postings(fieldname, btext)
    for docnum in docnums:
        if not m.is_active():
            break
        m.skip_to(docnum)
        if m.is_active() and m.id() == docnum:
            out.append((docnum, list(m.value_as("characters"))))
    return out


def _finished_words(text: str) -> str:
    """The query without the word being typed (the last one, unless a space follows it)."""
    text = normalise(text) if text[-1:].isspace() else normalise(text.rpartition(" ")[0])
    return text


def _query_words(text: str) -> list[str]:
    plain = re.sub(r"\b(?:date|id):\S*|\b\w+:", " ", text)  # dates and ids are not spelled
    return [m[0] for m in _WORD.finditer(plain)
            if m[0] not in _OPERATORS and len(m[0]) >= 3 and plain[m.end():m.end() + 1] not in ("~", "*")]


def _has_unknown_word(searcher: Searcher, text: str) -> bool:
    reader = searcher.reader()
    return any(reader.doc_frequency("body", _stem(w)) == 0 for w in _query_words(text))


def suggest(searcher: Searcher, text: str) -> str | None:
    """'Did you mean': the query with each word unknown to the index replaced by its likeliest
    known spelling (closest first, then most common; same first letter; 1 edit for short words)."""
    from sco_tui.index.analysis import fold

    reader = searcher.reader()
    out = text
    changed = False
    for word in _query_words(text):
        low = fold(word)
        if reader.doc_frequency("body", _stem(low)) > 0:
            continue
        best = correction(searcher, low)
        if best:
            out = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", best, out, count=1)
            changed = True
    return out if changed else None


def correction(searcher: Searcher, word: str) -> str | None:
    """The word form of the index nearest to ``word``, or None when nothing is near enough."""
    from sco_tui.index.vocabulary import of_searcher

    reader = searcher.reader()
    vocab = of_searcher(searcher)
    maxdist = 1 if len(word) < 6 else 2
    prefix = 1 if len(word) < 6 else 2  # typos seldom touch the first letters; far fewer terms to measure
    candidates = []
    for cand, dist in vocab.within(word, maxdist, prefix):
        if len(cand) < 3 or cand == word:
            continue
        df = reader.doc_frequency("body", vocab.forms[cand])
        if df:
            candidates.append((dist, -df, cand))
    return min(candidates)[2] if candidates else None
