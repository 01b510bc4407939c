"""Whoosh's segment writer, with the field lengths read once when it writes the postings.

At commit Whoosh writes every posting with its document's field length, which it reads back from
the lengths column one byte at a time (~10% of a build's CPU). The same column, read whole once per
field (``index.scoring.read_lengths``), gives the same numbers: the postings are the same bytes.
"""

from __future__ import annotations

from whoosh.writing import SegmentWriter

from sco_tui.index.scoring import read_lengths


class _ListedLengths:
    """A per-document reader whose ``doc_field_length`` answers from whole columns."""

    def __init__(self, perdoc, doccount: int) -> None:
        self._perdoc = perdoc
        self._doccount = doccount
        self._columns: dict[str, list | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0):
        if fieldname not in self._columns:
            self._columns[fieldname] = read_lengths(self._perdoc, fieldname, self._doccount)
        column = self._columns[fieldname]
        if column is None or docnum >= len(column):
            return self._perdoc.doc_field_length(docnum, fieldname, default)
        return column[docnum]

    def __getattr__(self, name: str):
        return getattr(self._perdoc, name)


class ListedLengthsWriter(SegmentWriter):
    """``SegmentWriter`` whose commit reads each field's lengths column once."""

    def per_document_reader(self):
        perdoc = super().per_document_reader()
        return _ListedLengths(perdoc, self.docnum)
