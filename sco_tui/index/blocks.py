"""A term's postings read straight from the W3 posting blocks, documents and weights only.

Each block of up to 128 postings is one zlib-compressed pickle of (document number deltas, weights,
values) (``index.codec``: protocol 3, values as plain bytes; Whoosh's own writer uses protocol 2);
the values (every position and character span of the term in each document, ``index.postings``)
are most of its bytes. Whoosh's matcher reads a block header through a chain of small file reads
(~30 µs) and decompresses and unpickles the whole block even when only the document numbers and
weights are wanted, as when scoring. Here a header is one ``loads`` of a slice of the memory map,
and a block is decompressed only as far as its numbers and weights reach; the values of a posting
are decoded only when asked for (a phrase's candidates, the hits shown), one block at a time. The
numbers are Whoosh's own (a test compares them block by block); anything this does not recognise
returns None and the caller takes Whoosh's way.
"""

from __future__ import annotations

import io
import pickle
import re
import struct
import zlib
from array import array
from bisect import bisect_left
from itertools import accumulate

_INT = struct.Struct("!i")
_HEAD = 160  # bytes enough for a block's length and pickled info tuple
# The start of a block's pickle: protocol 2 or 3, then the tuple of document number deltas (small ints),
# then the weights (a tuple of floats, None, or one float for all), each tuple maybe memoised.
_INTS = rb"(?:K.|M..|J....)"
_FLOATS = rb"G.{8}"
_MEMO = rb"(?:q.|r....)?"
_START = re.compile(rb"\x80[\x02\x03](?:\((?:" + _INTS + rb")*t|(?:" + _INTS + rb"){1,3}[\x85\x86\x87]|\))" + _MEMO
                    + rb"(?:\((?:" + _FLOATS + rb")*t|(?:" + _FLOATS + rb"){1,3}[\x85\x86\x87]|\)|N|" + _FLOATS + rb")"
                    + _MEMO, re.DOTALL)


class Postings:
    """One term's postings in one segment: its blocks, and with ``scored`` ``ids`` (document numbers
    in the segment, ascending) and ``weights`` as numpy arrays; a posting's value on demand."""

    __slots__ = ("_blocks", "_buf", "_decoded", "_firsts", "_maxids", "ids", "weights")

    def __init__(self, buf, blocks: list[tuple[int, int, int, bool]], ids=None, weights=None, firsts=None) -> None:
        self._buf = buf
        self._blocks = blocks  # (max document number, data offset, data length, compressed)
        self._maxids = [b[0] for b in blocks]
        self._firsts = firsts  # with ids: the index of each block's first posting
        self._decoded: dict[int, tuple[list[int], tuple, bool]] = {}
        self.ids = ids
        self.weights = weights

    def unread(self) -> Postings:
        """The same postings with no block decoded: what one search decodes (its hits' values) is
        not kept by a copy another search reads."""
        return Postings(self._buf, self._blocks, self.ids, self.weights, self._firsts)

    def values(self, at) -> list[bytes]:
        """The encoded values of the postings at indices ``at`` (ascending; needs ``ids``), each
        block they fall in decoded once."""
        import numpy as np

        if not len(at):
            return []
        block = np.searchsorted(self._firsts, at, side="right") - 1
        cuts = np.flatnonzero(np.diff(block)) + 1
        out: list[bytes] = []
        for part in np.split(np.asarray(at), cuts):
            k = int(block[len(out)])
            _ids, values, sliced = self._block(k)
            picked = map(values.__getitem__, (part - int(self._firsts[k])).tolist())
            out.extend([v.start.encode("latin-1") for v in picked] if sliced else picked)
        return out

    def _block(self, k: int) -> tuple[list[int], tuple, bool]:
        """Block ``k`` decoded whole: its document numbers and values."""
        found = self._decoded.get(k)
        if found is None:
            _maxid, offset, length, compressed = self._blocks[k]
            data = bytes(self._buf[offset:offset + length])
            found = self._decoded[k] = decode(zlib.decompress(data) if compressed else data)
        return found


    def value(self, docnum: int) -> bytes | None:
        """The encoded value (positions and characters) of the posting of ``docnum``, or None."""
        if self.ids is not None:  # no block to decode for a document the term is not in
            i = int(self.ids.searchsorted(docnum))
            if i == len(self.ids) or self.ids[i] != docnum:
                return None
        k = bisect_left(self._maxids, docnum)
        if k == len(self._maxids):
            return None
        ids, values, sliced = self._block(k)
        i = bisect_left(ids, docnum)
        if i == len(ids) or ids[i] != docnum:
            return None
        return values[i].start.encode("latin-1") if sliced else values[i]


_ENCODE = b"c_codecs\nencode\n"  # how protocol 2 pickles bytes: _codecs.encode(latin-1 text, "latin1")
_SLICE = b"c__builtin__\nslice\n"


def decode(raw: bytes) -> tuple[list[int], tuple, bool]:
    """A block's document numbers, its values, and whether they are held as slices. Protocol 3
    pickles values as bytes; protocol 2 (Whoosh's own writer) pickles each as a call of
    ``_codecs.encode(text, "latin1")``, a good part of the unpickling time: the call is swapped for
    ``slice``, which only holds its arguments, and a text is encoded when its value is read."""
    if raw[1:2] != b"\x02":
        deltas, _w, values = pickle.loads(raw)
        return list(accumulate(deltas)), values, False
    swapped = raw.replace(_ENCODE, _SLICE, 1)  # the first: the pickle's one GLOBAL, before every value
    deltas, _w, values = pickle.loads(swapped)
    return list(accumulate(deltas)), values, len(swapped) != len(raw)




def read(reader, fieldname: str, text: str, scored: bool = True) -> Postings | None:
    """The postings of ``text`` in a segment (with ``scored``, their document numbers and weights
    too), or None when they are not W3 blocks this knows."""
    import numpy as np
    from whoosh.matching.wrappers import FilterMatcher

    m = reader.postings(fieldname, text)
    if type(m) is FilterMatcher:  # a segment with deleted documents: they are read too (callers leave them out)
        m = m.child
    buf = getattr(getattr(m, "_postfile", None), "_buf", None)
    if buf is None or not hasattr(m, "_baseoffset") or getattr(m, "_byteids", True) or m.format.fixed_value_size():
        return None
    pos = m._baseoffset
    ids: list[int] = []
    weights: list[float] = []
    counts: list[int] = []
    blocks: list[tuple[int, int, int, bool]] = []
    while True:
        head = bytes(buf[pos:pos + _HEAD])
        length = _INT.unpack_from(head)[0]
        last = length < 0
        length = abs(length)
        f = io.BytesIO(head)
        f.seek(_INT.size)
        try:
            n, maxid, _maxw, compression, _mn, _mx = pickle.load(f)
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return None
        data_at = pos + f.tell()
        end = pos + _INT.size + length
        blocks.append((maxid, data_at, end - data_at, bool(compression)))
        if scored:
            data = buf[data_at:end]
            # the numbers and weights take at most 5 and 9 bytes a posting in the pickle
            want = 16 + 14 * n
            raw = zlib.decompressobj().decompress(data, want) if compression else bytes(data[:want])
            found = _START.match(raw)
            if found is None:
                return None
            try:
                deltas, w = pickle.loads(found.group(0) + b"\x86.")
            except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
                return None
            if len(deltas) != n or (isinstance(w, tuple) and len(w) != n):
                return None
            ids.extend(deltas)
            counts.append(n)
            weights.extend((1.0,) * n if w is None else (w,) * n if isinstance(w, float) else w)
        if last:
            break
        pos = end
    if not scored:
        return Postings(buf, blocks)
    # each block's deltas start from 0 (Whoosh's delta_decode, block by block): one running sum,
    # less the sum at the end of the block before
    summed = np.cumsum(np.asarray(ids, dtype=np.int64))
    ends = np.cumsum(counts) - 1
    before = np.concatenate(([0], summed[ends[:-1]])) if counts else np.zeros(0, dtype=np.int64)
    docs = summed - np.repeat(before, counts)
    # weights as Whoosh's matcher has them (a float32 array), as float64 for the scoring
    return Postings(buf, blocks, docs, np.asarray(array("f", weights), dtype=np.float32).astype(np.float64),
                    np.concatenate(([0], np.cumsum(counts)[:-1])) if counts else np.zeros(0, dtype=np.int64))
