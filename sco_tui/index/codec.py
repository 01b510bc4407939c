"""Whoosh's W3 codec with its posting blocks pickled with protocol 3.

Whoosh pickles each block of up to 128 postings (document number deltas, weights, values) with
protocol 2, which writes every value (bytes) as a call of ``_codecs.encode`` on a latin-1 text:
slow to write and slow to read. Protocol 3 writes bytes as they are. Everything else (block
headers, compression, term infos) is Whoosh's, and any Whoosh reader reads the blocks (``loads``
takes every protocol); ``index.blocks`` reads them directly.
"""

from __future__ import annotations

import zlib
from array import array
from pickle import dumps

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3PostingsWriter
from whoosh.util.numeric import length_to_byte
from whoosh.util.numlists import delta_encode

PROTOCOL = 3


class PackedCodec(W3Codec):
    """``W3Codec`` whose postings writer pickles blocks with ``PROTOCOL``."""

    def postings_writer(self, dbfile, byteids: bool = False) -> W3PostingsWriter:
        return BlockWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids, compression=self._compression,
                           inlinelimit=self._inlinelimit)


class BlockWriter(W3PostingsWriter):
    """``W3PostingsWriter._write_block`` with the block's data pickled with ``PROTOCOL``, and
    ``add_postings`` to add a term's postings a block at a time."""

    def add_postings(self, ids: array, weights: array, ends: array, data: bytearray, lengths: list) -> None:
        """What ``add_posting`` of each posting in turn does (document numbers ``ids``, ascending;
        ``weights``; values ``data`` cut at ``ends``; field lengths by document ``lengths``), a
        block at a time: the same blocks and statistics."""
        limit = self._blocklimit
        n = len(ids)
        start = 0
        while start < n:
            if start:  # the block is full and another posting comes: Whoosh writes it first
                self._write_block()
            stop = min(n, start + limit)
            block_ids = ids[start:stop]
            block_weights = weights[start:stop]
            self._ids = block_ids
            self._weights = array("f", block_weights)
            top = max(block_weights)
            self._maxweight = top if top > 0 else 0
            at = ends[start - 1] if start else 0
            values = []
            for end in ends[start:stop]:
                if end > at:
                    values.append(bytes(data[at:end]))
                at = end
            self._values = values
            known = [length for length in map(lengths.__getitem__, block_ids) if length]
            self._minlength = min(known) if known else None
            self._maxlength = max(known) if known else 0
            start = stop

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids = self._ids
        data = (tuple(ids) if self._byteids else tuple(delta_encode(ids)), self._mini_weights(), self._mini_values())
        databytes = dumps(data, PROTOCOL)
        comp = self._compression  # as Whoosh: compressed whatever its size
        if comp:
            databytes = zlib.compress(databytes, comp)
        infobytes = dumps((len(ids), ids[-1], self._maxweight, comp, length_to_byte(self._minlength),
                           length_to_byte(self._maxlength)), 2)
        blocklength = len(infobytes) + len(databytes)
        postfile = self._postfile
        postfile.write_int(-blocklength if last else blocklength)
        postfile.write(infobytes)
        postfile.write(databytes)
        self._blockcount += 1
        self._new_block()

