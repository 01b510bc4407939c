"""Whoosh's segment writer, with its postings kept by term and written a term at a time, the
field lengths read once, and its posting blocks written by ``index.codec``.

Whoosh's writer adds every posting to a pool of (field, term, document, weight, value) tuples that
it sorts at commit (spilling sorted runs to disk past ``limitmb`` and merging them back one tuple
at a time), then hands the postings one by one to its field writer, which looks up each
document's field length (read back from the lengths column one byte at a time) and checks and
appends each posting. Here the pool keeps each term's postings apart, compactly (numbers in arrays,
values in one byte string a term), in the order the documents came, so only the terms are sorted;
the lengths are read as whole columns once per field (``index.scoring.read_lengths``); and each
term's postings go to the block writer a block at a time. The files are the same bytes as
Whoosh's way (a test compares them).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator

from whoosh.writing import SegmentWriter

from sco_tui.index.codec import PackedCodec
from sco_tui.index.scoring import read_lengths


class _ListedLengths:
    """A per-document reader whose ``doc_field_length`` answers from whole columns."""

    def __init__(self, perdoc, doccount: int) -> None:
        self._perdoc = perdoc
        self._doccount = doccount
        self._columns: dict[str, list | None] = {}

    def column(self, fieldname: str) -> list | None:
        """The field's lengths, one per document (None: not a column this reads)."""
        if fieldname not in self._columns:
            self._columns[fieldname] = read_lengths(self._perdoc, fieldname, self._doccount)
        return self._columns[fieldname]

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0):
        column = self.column(fieldname)
        if column is None or docnum >= len(column):
            return self._perdoc.doc_field_length(docnum, fieldname, default)
        return column[docnum]

    def __getattr__(self, name: str):
        return getattr(self._perdoc, name)


class TermPool:
    """The postings of a segment being written, by field and term: document numbers (``I``),
    weights (``d``), the end of each value in the term's joined values (``I``) and those values.
    Documents are added in ascending order (new documents, or segments merged in order), so each
    term's postings are already sorted."""

    def __init__(self) -> None:
        self.fields: dict[str, dict[bytes, tuple[array, array, array, bytearray]]] = {}
        self.fieldnames: set[str] = set()

    def add(self, item: tuple) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        t = terms.get(tbytes)
        if t is None:
            t = terms[tbytes] = (array("I"), array("d"), array("I"), bytearray())
        t[0].append(docnum)
        t[1].append(weight)
        if vbytes:
            t[3].extend(vbytes)
        t[2].append(len(t[3]))

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        """Every posting as Whoosh's pool gives them: sorted by field, term and document."""
        for fieldname in sorted(self.fields):
            terms = self.fields[fieldname]
            for tbytes in sorted(terms):
                ids, weights, ends, data = terms[tbytes]
                start = 0
                for docnum, weight, end in zip(ids, weights, ends, strict=True):
                    yield fieldname, tbytes, docnum, weight, bytes(data[start:end])
                    start = end

    items = iter_postings

    def cleanup(self) -> None:
        self.fields.clear()


def write_pool(fieldwriter, schema, lengths: _ListedLengths | None, pool: TermPool, doccount: int) -> None:
    """``FieldWriter.add_postings`` for a ``TermPool`` and a ``PackedCodec`` field writer: each
    term's postings to the block writer (``codec.BlockWriter.add_postings``) a block at a time, each
    field's lengths read once."""
    for fieldname in sorted(pool.fields):
        terms = pool.fields[fieldname]
        fieldwriter.start_field(fieldname, schema[fieldname])
        if lengths is None:
            column: list = [0] * doccount
        else:
            column = lengths.column(fieldname) or [lengths.doc_field_length(d, fieldname) for d in range(doccount)]
        postwriter = fieldwriter._postwriter
        for tbytes in sorted(terms):
            fieldwriter.start_term(tbytes)
            postwriter.add_postings(*terms[tbytes], column)
            fieldwriter.finish_term()
        fieldwriter.finish_field()


class ListedLengthsWriter(SegmentWriter):
    """``SegmentWriter`` keeping its postings in a ``TermPool`` and writing them with ``write_pool``
    (each field's lengths column read once), with ``PackedCodec`` unless told another codec."""

    def __init__(self, ix, forms: dict[str, str] | None = None, **kwargs) -> None:
        if kwargs.get("codec") is None:
            kwargs["codec"] = PackedCodec()
        super().__init__(ix, **kwargs)
        self.pool = TermPool()
        if forms is not None:
            share_forms(self.schema, forms)


def share_forms(schema, forms: dict[str, str]) -> None:
    """Let the schema's one-pass formats (``index.postings.OnePassCharacters``) take the word forms
    already stemmed from ``forms`` and add the new ones to it: their memo of stems is their
    vocabulary, and a writer's schema is new (unpickled) each time, so each writer after the first
    stemmed every word again (0.4 s of a sample build's 6 s per process, in four segments). Every
    one-pass format stems alike (``analysis.stemmer``), so title and body share one memo; what
    ``vocabulary.collect`` adds from it is already there."""
    for name in schema.names():
        fmt = schema[name].format
        if hasattr(fmt, "vocabulary"):
            fmt.vocabulary = forms

    def per_document_reader(self):
        perdoc = super().per_document_reader()
        return _ListedLengths(perdoc, self.docnum)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        if isinstance(self.codec, PackedCodec):
            write_pool(self.fieldwriter, self.schema, lengths, self.pool, self.docnum)
        else:  # another codec's field writer: Whoosh's way
            self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if lengths is not None:
            lengths.close()
