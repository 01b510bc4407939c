"""``exact:word`` on the embedded index: the documents where the word stands as typed, not any form
of its stem.

The index keeps one, stemmed, copy of the body (an unstemmed copy cost +60% build time), so
``exact:running`` is searched as the stem ``run`` and then narrowed: each posting of the stem holds
the character span of every occurrence, and the length of a span tells the form it is whenever no
other form of the stem the index saw (``index.vocabulary``) has the same length; otherwise, or for
a word outside ASCII (whose lower case may change its length), the occurrence is compared with the
stored text. The score is the stem's (BM25F over all its forms in the document), as before; only
the occurrences of the typed form are highlighted. Phrases under ``exact:`` still match stems.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from whoosh import query as wq
from whoosh.matching.wrappers import FilterMatcher

if TYPE_CHECKING:
    from whoosh.searching import Searcher


class ExactTerm(wq.Term):
    """A body term (a stem) that matches only the documents holding ``form`` (lower case) itself."""

    def __init__(self, fieldname: str, text: str, form: str, boost: float = 1.0) -> None:
        super().__init__(fieldname, text, boost=boost)
        self.form = form

    def __eq__(self, other) -> bool:
        return super().__eq__(other) and getattr(other, "form", None) == self.form

    def __hash__(self) -> int:
        return super().__hash__() ^ hash(self.form)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.fieldname!r}, {self.text!r}, form={self.form!r})"

    def __unicode__(self) -> str:
        return f"exact:{self.form}"

    __str__ = __unicode__

    def matcher(self, searcher: Searcher, context=None):
        m = super().matcher(searcher, context)
        if not m.is_active():
            return m
        return FilterMatcher(m, documents(searcher, self.fieldname, self.text, self.form))


# segment reader -> (field, stem, form) -> its documents, the latest few (each keystroke after an
# ``exact:`` word asks again for the same); a segment's answer never changes
_LATELY: WeakKeyDictionary = WeakKeyDictionary()
LATELY = 16


def documents(searcher: Searcher, fieldname: str, stem: str, form: str) -> frozenset[int]:
    """The documents of a segment (its own numbers) where ``form`` stands as a word of ``fieldname``."""
    kept = _LATELY.setdefault(searcher.reader(), {})
    key = (fieldname, stem, form)
    found = kept.pop(key, None)
    if found is None:
        found = frozenset(_documents(searcher, fieldname, stem, form))
    kept[key] = found  # the newest last
    while len(kept) > LATELY:
        del kept[next(iter(kept))]
    return found


def _documents(searcher: Searcher, fieldname: str, stem: str, form: str) -> set[int]:
    from sco_tui.index import blocks, union
    from sco_tui.index.vocabulary import of_searcher

    reader = searcher.reader()
    top = searcher.get_parent() if searcher.has_parent() else searcher
    vocab = of_searcher(top)
    others = {f for f in vocab.forms_of(stem) if f != form}
    by_length = form.isascii() and not any(len(f) == len(form) for f in others)
    fmt = searcher.schema[fieldname].format
    found: set[int] = set()
    unsure: dict[int, list[tuple[int, int]]] = {}
    p = blocks.read(reader, fieldname, stem) if getattr(fmt, "packed", False) else None
    if p is not None:  # every occurrence's length at once; spans only where the length does not tell
        import numpy as np

        values = p.values(np.arange(len(p.ids)))
        which, length = union.lengths(values)
        holding = np.unique(which[length == len(form)]).tolist()
        if by_length:
            found.update(p.ids[holding].tolist())
        else:
            for i in holding:
                unsure[int(p.ids[i])] = [(s, e) for _pos, s, e in fmt.decode_characters(values[i])
                                         if e - s == len(form)]
    else:  # postings this does not read: Whoosh's matcher
        m = reader.postings(fieldname, stem)
        while m.is_active():
            spans = [(s, e) for _pos, s, e in fmt.decode_characters(m.value()) if e - s == len(form)]
            if spans:
                if by_length:
                    found.add(m.id())
                else:
                    unsure[m.id()] = spans
            m.next()
    for docnum, spans in unsure.items():
        text = reader.stored_fields(docnum).get(fieldname, "")
        if any(text[s:e].lower() == form for s, e in spans):
            found.add(docnum)
    return found


def is_form(text: str, span: tuple[int, int], form: str) -> bool:
    """Whether the occurrence at ``span`` of ``text`` is ``form`` (lower case)."""
    return text[span[0]:span[1]].lower() == form


def resolve(q: wq.Query, typed: str, fieldname: str = "exact") -> wq.Query:
    """The parsed query with its ``exact:`` leaves on the body: a word becomes an ``ExactTerm`` of
    the form typed (``typed[startchar:endchar]``, what the parser read); a phrase, prefix, wildcard
    or fuzzy term searches the body as before."""
    def visit(node: wq.Query) -> wq.Query:
        if not node.is_leaf():
            return node.apply(visit)
        if getattr(node, "fieldname", None) != fieldname:
            return node
        if type(node) is wq.Term and getattr(node, "startchar", None) is not None:
            form = typed[node.startchar:node.endchar].lower()
            return ExactTerm("body", node.text, form, boost=node.boost)
        node = node.copy()
        node.fieldname = "body"
        return node

    return visit(q)
