"""Whoosh's BM25F with each segment's field lengths read once into a list.

Scoring a match asks for the document's field length; Whoosh reads it from the lengths column one
byte at a time through three layers of calls (~8 µs, a third of the time a match costs on a prefix
that matches most articles). Here the column is read whole, once per segment and field, and the
same numbers go into the same formula: the scores are Whoosh's to the last bit (a test compares).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from whoosh.scoring import BM25F, BM25FScorer

_LENGTHS: WeakKeyDictionary = WeakKeyDictionary()


def _lengths(reader, fieldname: str) -> list | None:
    """The length of ``fieldname`` in every document of a segment, as ``doc_field_length`` gives it."""
    per_reader = _LENGTHS.setdefault(reader, {})
    if fieldname not in per_reader:
        per_reader[fieldname] = read_lengths(getattr(reader, "_perdoc", None), fieldname, reader.doc_count_all())
    return per_reader[fieldname]


def read_lengths(perdoc, fieldname: str, doccount: int) -> list | None:
    """The lengths column of a segment's per-document reader read whole (None: not a W3 column)."""
    lengths = None
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
        from whoosh.util.numeric import byte_to_length

        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is not None and getattr(column, "_fixedlen", None) == 1:
            raw = bytes(column._dbfile.get(column._basepos, column._count))
            table = [None] + [byte_to_length(b) for b in range(1, 256)]  # 0: no length (Whoosh returns None)
            lengths = [table[b] for b in raw] + [None] * (doccount - len(raw))
    except (AttributeError, ImportError, TypeError):  # another Whoosh inside: its own way
        lengths = None
    return lengths


class LengthsBM25F(BM25F):
    """``BM25F`` whose scorers read document lengths from a list (see the module's docstring)."""

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if type(scorer) is BM25FScorer:
            lengths = _lengths(searcher.reader(), fieldname)
            if lengths is not None:
                scorer.dfl = lengths.__getitem__
        return scorer


_ARRAYS: WeakKeyDictionary = WeakKeyDictionary()


def lengths_array(reader, fieldname: str):
    """The same lengths as a numpy array (0 where Whoosh has none), or None."""
    per_reader = _ARRAYS.setdefault(reader, {})
    if fieldname not in per_reader:
        import numpy as np

        lengths = _lengths(reader, fieldname)
        per_reader[fieldname] = None if lengths is None else np.array([n or 0 for n in lengths], dtype=np.float64)
    return per_reader[fieldname]
