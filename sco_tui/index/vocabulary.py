"""Every word form the index has seen, with its stem: what prefixes, wildcards, fuzzy terms and
"did you mean" expand from.

The index holds stems only (one analysed copy of each text). A user types surface forms
(``immig*``, ``putn~``, ``Kashmr``), so those are matched against this list of forms and searched
as the stems the forms have. It is kept in the index's folder (``vocabulary.json``, checksummed
with the other index files) and written at every commit; fuzzy matching runs on rapidfuzz's
Levenshtein distance over the forms that share the fixed first letters.
"""

from __future__ import annotations

import json
import os
import re
from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path
from weakref import WeakKeyDictionary

FILE = "vocabulary.json"
VERSION = 1


class Vocabulary:
    """Sorted surface forms and their stems."""

    def __init__(self, forms: dict[str, str], documents: dict[str, int] | None = None) -> None:
        self.forms = forms
        self.documents = documents or {}  # stem -> texts it occurs in, as counted when indexed
        self.words = sorted(forms)
        self._stems: list[str] | None = None
        self._forms_of: dict[str, list[str]] | None = None

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: str) -> bool:
        return word in self.forms

    def stem(self, word: str) -> str | None:
        return self.forms.get(word)

    @property
    def stems(self) -> list[str]:
        """The distinct stems, sorted."""
        if self._stems is None:
            self._stems = sorted(set(self.forms.values()))
        return self._stems

    def forms_of(self, stem: str) -> list[str]:
        """The forms whose stem is ``stem`` (an index of them is made at the first call)."""
        if self._forms_of is None:
            inverse: dict[str, list[str]] = {}
            for form, s in self.forms.items():
                inverse.setdefault(s, []).append(form)
            self._forms_of = inverse
        return self._forms_of.get(stem, [])

    def ranked(self, forms: Iterable[str]) -> list[str]:
        """The distinct stems of ``forms``, the most common first (then alphabetical)."""
        documents = self.documents
        stems = {self.forms[f] for f in forms}
        return sorted(stems, key=lambda s: (-documents.get(s, 0), s))

    def with_prefix(self, prefix: str) -> list[str]:
        """The forms that start with ``prefix``."""
        return _with_prefix(self.words, prefix)

    def matching(self, pattern: str) -> list[str]:
        """The forms a wildcard pattern (``?`` one character, ``*`` any) matches whole."""
        head = re.split(r"[?*]", pattern, maxsplit=1)[0]
        rx = re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern) + r"\Z",
                        re.DOTALL)
        return [w for w in _with_prefix(self.words, head) if rx.match(w)]

    def within(self, word: str, maxdist: int, prefixlength: int = 1, stems: bool = False) -> list[tuple[str, int]]:
        """The forms (or, with ``stems``, the stems) at most ``maxdist`` edits from ``word`` whose first
        ``prefixlength`` letters are the same as its, with their distances."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        pool = _with_prefix(self.stems if stems else self.words, word[:prefixlength])
        if not pool:
            return []
        found = process.extract(word, pool, scorer=Levenshtein.distance, score_cutoff=maxdist, limit=None)
        return [(cand, int(dist)) for cand, dist, _i in found]


def _with_prefix(ordered: list[str], prefix: str) -> list[str]:
    lo = bisect_left(ordered, prefix)
    hi = bisect_left(ordered, prefix + "\U0010ffff", lo)
    return ordered[lo:hi]


EMPTY = Vocabulary({})


def encode(forms: dict[str, str], documents: dict[str, int]) -> bytes:
    words = sorted(forms)
    stems = sorted(documents)
    return json.dumps({"version": VERSION, "words": "\n".join(words), "stems": "\n".join(forms[w] for w in words),
                       "counted": "\n".join(stems), "counts": [documents[s] for s in stems]},
                      ensure_ascii=False).encode("utf-8")


def decode(data: bytes) -> tuple[dict[str, str], dict[str, int]] | None:
    """The forms and stem counts in a vocabulary file, or None when it is not one."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(raw, dict) or raw.get("version") != VERSION:
        return None
    if not all(isinstance(raw.get(k), str) for k in ("words", "stems", "counted")) or not isinstance(raw.get("counts"),
                                                                                                      list):
        return None
    words, stems = _lines(raw["words"]), _lines(raw["stems"])
    counted, counts = _lines(raw["counted"]), raw["counts"]
    if len(words) != len(stems) or len(counted) != len(counts):
        return None
    return dict(zip(words, stems, strict=True)), dict(zip(counted, counts, strict=True))


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


def read(storage) -> tuple[dict[str, str], dict[str, int]]:
    """The forms and stem counts saved in a Whoosh storage (none when there is no file yet, or it is damaged:
    the index files around it are checksummed, so damage is caught when the index is opened)."""
    folder = getattr(storage, "folder", None)  # a RamStorage has an empty one
    if folder:
        try:
            data = (Path(folder) / FILE).read_bytes()
        except OSError:
            return {}, {}
    else:  # in memory
        if not storage.file_exists(FILE):
            return {}, {}
        f = storage.open_file(FILE)
        try:
            data = bytes(f.read())
        finally:
            f.close()
    return decode(data) or ({}, {})


def write(storage, forms: dict[str, str], documents: dict[str, int]) -> None:
    """Save the forms into a Whoosh storage, replacing the file whole: a searcher reading it
    meanwhile sees the old one or the new one."""
    data = encode(forms, documents)
    folder = getattr(storage, "folder", None)  # a RamStorage has an empty one
    if folder:
        tmp = Path(folder) / f".{FILE}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, Path(folder) / FILE)
        return
    f = storage.create_file(FILE)
    try:
        f.write(data)
    finally:
        f.close()


def collect(schema, forms: dict[str, str], documents: dict[str, int]) -> None:
    """Add what the schema's one-pass formats saw while a writer indexed with them."""
    for name in schema.names():
        fmt = schema[name].format
        if not hasattr(fmt, "vocabulary"):
            continue
        forms.update(fmt.vocabulary)
        for stem, n in fmt.documents.items():
            documents[stem] = documents.get(stem, 0) + n
        fmt.vocabulary, fmt.documents = {}, {}  # collected once


_LOADED: WeakKeyDictionary = WeakKeyDictionary()


def of_searcher(searcher) -> Vocabulary:
    """The vocabulary of the index a searcher reads, loaded once per searcher."""
    cached = _LOADED.get(searcher)
    if cached is None:
        ix = getattr(searcher, "_ix", None)  # Whoosh keeps the index a searcher came from here
        forms, documents = read(ix.storage) if ix is not None else ({}, {})
        cached = _LOADED[searcher] = Vocabulary(forms, documents)
    return cached
