"""The title and body postings in one pass over the text, their packed encoding, and the vocabulary
that pass sees.

Whoosh analyses a field through a chain of generators (``index.analysis``: words, stemmer), one
``Token`` object per word and a cache in front of the stemmer that evicts, then pickles the
positions and characters of each word (a list of tuples). ``OnePassCharacters`` gives the same
tokens and renumbered positions as the fields' analyzer (``analysis.analyzer()``) feeding Whoosh's
``Characters`` (a test holds them equal) in one loop with a dict memo of stems, and packs each
posting's occurrences as little-endian integers instead of a pickle (``pack``): cheaper to write,
and a phrase reads the positions of thousands of postings with one ``numpy.frombuffer``
(``triples``) instead of unpickling a tuple per occurrence. The memo is the vocabulary: every
surface form the index saw, with its stem, which prefixes, wildcards, fuzzy terms and "did you
mean" expand from (``sco_tui.index.vocabulary``) instead of a second, unstemmed copy of every body.
Queries are parsed with the same analyzer (the field's).

A packed value holds, for each occurrence in order, three numbers: the position less the one
before, the start character less the end of the one before, and the length (Whoosh's own deltas,
the first from 0). They are unsigned 16-bit numbers when every one fits (any text shorter than
65,536 characters), the value's length then a multiple of 6; otherwise a ``0xff`` byte and signed
32-bit numbers, an odd length.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Iterator

from whoosh.formats import Characters

from sco_tui.index.analysis import words

_WIDE = b"\xff"  # the mark of a value packed as signed 32-bit numbers
_SWAP = sys.byteorder != "little"


def _english() -> tuple[frozenset[str], Callable[[str], str]]:
    from sco_tui.index.analysis import STOPS, stemmer

    return STOPS, stemmer()


def pack(deltas: list[int], narrow: bool = False) -> bytes:
    """The packed value of a flat list of (position, start, length) deltas; ``narrow``: the caller
    knows every one is in 0..65535."""
    if narrow or (min(deltas) >= 0 and max(deltas) < 65536):
        a = array("H", deltas)
        if _SWAP:
            a.byteswap()
        return a.tobytes()
    a = array("i", deltas)
    if _SWAP:
        a.byteswap()
    return _WIDE + a.tobytes()


def unpack(value: bytes) -> array:
    """The flat deltas of one packed value."""
    if len(value) % 2:
        a = array("i")
        a.frombytes(value[1:])
    else:
        a = array("H")
        a.frombytes(value)
    if _SWAP:
        a.byteswap()
    return a


def triples(values: list[bytes]):
    """The deltas of many packed values at once: (which value, an (n, 3) array of position, start
    and length deltas), occurrences in value order."""
    import numpy as np

    if not values:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 3), dtype=np.int64)
    sizes = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    if not (sizes & 1).any():  # all narrow: one buffer
        flat = np.frombuffer(b"".join(values), dtype="<u2").astype(np.int64)
        counts = sizes // 6
    else:
        parts = [np.frombuffer(v, dtype="<u2") if not len(v) % 2 else np.frombuffer(v, dtype="<i4", offset=1)
                 for v in values]
        flat = np.concatenate(parts).astype(np.int64)
        counts = np.fromiter((len(p) // 3 for p in parts), dtype=np.int64, count=len(parts))
    return np.repeat(np.arange(len(values)), counts), flat.reshape(-1, 3)


def positions(values: list[bytes]):
    """The positions in packed values (``decode_positions`` of each) as (which value, position)
    arrays, in value order."""
    import numpy as np

    which, t = triples(values)
    if not len(which):
        return which, which.copy()
    summed = np.cumsum(t[:, 0])
    first = np.flatnonzero(np.concatenate(([True], which[1:] != which[:-1])))  # each value's first occurrence
    before = np.zeros(len(values), dtype=np.int64)
    before[which[first]] = summed[first] - t[first, 0]
    return which, summed - before[which]


class OnePassCharacters(Characters):
    """``Characters`` postings of English text analysed like ``analysis.analyzer()``, in one
    loop, packed (``pack``); ``vocabulary`` maps each lower-case surface form seen since this
    object was made (or unpickled) to its stem, ``documents`` counts the texts each stem occurs in.
    Neither is pickled with the schema."""

    packed = True  # values as ``pack`` writes them (``positions`` and ``triples`` read them)

    def __init__(self, field_boost: float = 1.0, **options) -> None:
        super().__init__(field_boost=field_boost, **options)
        self._ready()

    def _ready(self) -> None:
        self.vocabulary: dict[str, str] = {}
        self.documents: dict[str, int] = {}  # stem -> how many texts it occurs in (ranks prefix expansions)
        self._stops, self._stem = _english()

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("vocabulary", "documents", "_stops", "_stem")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._ready()

    def word_values(self, value, analyzer, **kwargs) -> Iterator[tuple[str, int, float, bytes]]:
        if not isinstance(value, str):  # a pre-split value: Whoosh's own way (encoded by ``encode``)
            yield from super().word_values(value, analyzer, **kwargs)
            return
        memo, stem = self.vocabulary, self._stem
        # stem -> [last position, last end, then the flat deltas]
        seen: dict[str, list[int]] = {}
        for pos, start, end, word in words(value):
            s = memo.get(word)
            if s is None:
                s = memo[word] = stem(word)
            found = seen.get(s)
            if found is None:
                seen[s] = [pos, end, pos, start, end - start]
            else:
                found += (pos - found[0], start - found[1], end - start)
                found[0] = pos
                found[1] = end
        fb = self.field_boost
        narrow = len(value) < 65536  # every delta is below the text's length
        documents = self.documents
        encoded = self._pack
        for w, found in seen.items():
            documents[w] = documents.get(w, 0) + 1
            n = (len(found) - 2) // 3
            yield w, n, n * fb, encoded(found[2:], narrow)

    _pack = staticmethod(pack)  # how a posting's flat deltas become its value

    # -- the packed encoding, for Whoosh's matchers and writers as well ------------------------

    def encode(self, poslist) -> bytes:
        deltas: list[int] = []
        posbase = charbase = 0
        for pos, startchar, endchar in poslist:
            deltas += (pos - posbase, startchar - charbase, endchar - startchar)
            posbase, charbase = pos, endchar
        return pack(deltas)

    def decode_characters(self, valuestring: bytes) -> list[tuple[int, int, int]]:
        a = unpack(valuestring)
        out = []
        position = endchar = 0
        for i in range(0, len(a), 3):
            position += a[i]
            startchar = endchar + a[i + 1]
            endchar = startchar + a[i + 2]
            out.append((position, startchar, endchar))
        return out

    def decode_positions(self, valuestring: bytes) -> list[int]:
        a = unpack(valuestring)
        out = []
        position = 0
        for i in range(0, len(a), 3):
            position += a[i]
            out.append(position)
        return out

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring) // 6 if not len(valuestring) % 2 else (len(valuestring) - 1) // 12

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost

    def decode_position_boosts(self, valuestring: bytes) -> list[tuple[int, float]]:
        return [(pos, 1) for pos in self.decode_positions(valuestring)]
