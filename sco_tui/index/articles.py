"""The cleaned articles of a corpus, cached beside its index so that a relaunch reads no input and
holds no body it does not show.

Reading and cleaning 37.5k articles takes ~45 s of CPU and their bodies ~600 MB in memory; this
cache lists them in well under a second and reads a body only when something asks for it. Three files:

- the header: format version, the corpus fingerprint (every input's size and mtime), a BLAKE2 digest
  of the list file and the size of the bodies file;
- the list file: one JSON line per article with what a list shows (id, title, outlet, date, url,
  authors, source, notes, extra fields, word count, content hash) and where its body is: offset,
  length and a BLAKE2 digest of those bytes; a last line with the problems and inputs;
- the bodies file (``articles.jsonl``): one JSON line per article with its body, what cleaning
  removed and the raw line of each paragraph.

The cache is trusted only when the fingerprint matches the inputs as they are now (an unchanged
input is only stat-ed), the list's digest matches every byte of it and the bodies file has the
recorded size; a body is served only when its bytes match the digest the list recorded. A cache
that fails any of these is read again from the inputs, with one notice. Plain JSON, never pickle:
a cache file can be damaged or replaced, and loading it runs no code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sco_tui.corpus.model import Article, Corpus, Known, Problem, Removed

ARTICLES_FILE = "articles.jsonl"  # the bodies
LIST_FILE = "articles.list.jsonl"
HEADER_FILE = "articles.head.json"
FORMAT = 3
KEPT = 256  # parsed bodies kept at hand: a comparison or a reader reads the same few many times
_DIGEST = 10  # bytes of BLAKE2 per body


class CacheDamaged(Exception):
    """A body's bytes no longer match the digest the verified list recorded, and the inputs could
    not give the article back."""


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=_DIGEST).hexdigest()


class BodyStore:
    """Reads bodies from the bodies file by offset, each checked against its recorded digest.

    The file stays open: a cache rewritten meanwhile (by another process) replaces the file, and
    this one keeps reading the one it verified. When a body fails its check, ``recover`` (given by
    the owner) reads the inputs again and rewrites the cache; its articles answer from then on."""

    def __init__(self, path: Path, recover: Callable[[], Mapping[str, Article]] | None = None) -> None:
        self.file = open(path, "rb")  # noqa: SIM115 (closed by the finalizer or close())
        self._finalizer = weakref.finalize(self, self.file.close)
        self.lock = threading.Lock()
        self.kept: OrderedDict[int, tuple[str, tuple[Removed, ...], tuple[int, ...]]] = OrderedDict()
        self.recover = recover
        self.replacement: Mapping[str, Article] | None = None

    def close(self) -> None:
        self._finalizer()

    def record(self, article: CachedArticle) -> tuple[str, tuple[Removed, ...], tuple[int, ...]]:
        """``(body, removed, lines)`` of ``article``."""
        with self.lock:
            if self.replacement is None:
                if (hit := self.kept.get(article._at)) is not None:
                    self.kept.move_to_end(article._at)
                    return hit
                data = self._read(article._at, article._size)
                if len(data) == article._size and _digest(data) == article._digest:
                    body, removed, lines = json.loads(data)
                    record = (body, tuple(Removed(t, r, ln) for t, r, ln in removed), tuple(lines))
                    self.kept[article._at] = record
                    if len(self.kept) > KEPT:
                        self.kept.popitem(last=False)
                    return record
                self.replacement = self._recover()
            fresh = self.replacement.get(article.id)
        if fresh is None:
            raise CacheDamaged(f"article cache damaged and article {article.id} is no longer in the inputs")
        return fresh.body, fresh.removed, fresh.lines

    def _read(self, at: int, size: int) -> bytes:
        if hasattr(os, "pread"):  # no shared file position: safe in a forked child too
            return os.pread(self.file.fileno(), size, at)
        self.file.seek(at)
        return self.file.read(size)

    def _recover(self) -> Mapping[str, Article]:
        if self.recover is None:
            raise CacheDamaged("article cache damaged (checksum mismatch)")
        return self.recover()


class CachedArticle(Article):
    """An article from the cache: what a list shows is held, the body is read when asked for.

    It behaves as an ``Article`` (equal to the same article read from the inputs); copies and
    ``dataclasses.replace`` give a plain ``Article`` with the body in memory."""

    __slots__ = ("_at", "_digest", "_hash", "_size", "_store", "_words")

    def __new__(cls, *args: Any, **kwargs: Any) -> Article:  # type: ignore[misc]
        return Article(*args, **kwargs)  # dataclasses.replace() and friends: a plain article

    @classmethod
    def _make(cls, store: BodyStore, row: list[Any]) -> CachedArticle:
        (id_, title, outlet, date, url, authors, source, notes, extra, words, content_hash, at, size, digest) = row
        self = object.__new__(cls)
        put = object.__setattr__
        for name, value in (("id", id_), ("title", title), ("url", url), ("source", source),
                            ("outlet", Known(_intern(outlet[0]), _intern(outlet[1]))),
                            ("date", Known(date[0], _intern(date[1]))), ("authors", tuple(authors)),
                            ("notes", tuple(notes)), ("extra", tuple((_intern(k), _intern(v)) for k, v in extra)),
                            ("_store", store), ("_at", int(at)), ("_size", int(size)), ("_digest", str(digest)),
                            ("_words", int(words)), ("_hash", str(content_hash))):
            put(self, name, value)
        return self

    @property
    def body(self) -> str:  # type: ignore[override]
        return self._store.record(self)[0]

    @property
    def removed(self) -> tuple[Removed, ...]:  # type: ignore[override]
        return self._store.record(self)[1]

    @property
    def lines(self) -> tuple[int, ...]:  # type: ignore[override]
        return self._store.record(self)[2]

    @property
    def words(self) -> int:
        return self._words

    @property
    def content_hash(self) -> str:
        return self._hash

    def full(self) -> Article:
        """This article with its body in memory."""
        return Article(**{name: getattr(self, name) for name in _FIELDS})

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Article):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in _FIELDS)

    __hash__ = Article.__hash__

    def __reduce__(self) -> tuple[Any, ...]:
        return (Article, tuple(getattr(self, n) for n in _FIELDS))


_FIELDS = ("id", "title", "body", "outlet", "date", "url", "authors", "source", "removed", "notes", "extra", "lines")


def _intern(value: str | None) -> str | None:
    return sys.intern(value) if isinstance(value, str) and len(value) < 80 else value


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


def save_articles(folder: Path, fingerprint: dict[str, Any], corpus: Corpus) -> str | None:
    """Write the cache atomically; a notice (not an error) when the folder cannot take it."""
    pid = os.getpid()
    final = {name: folder / name for name in (ARTICLES_FILE, LIST_FILE, HEADER_FILE)}
    tmp = {name: folder / f".{name}.{pid}.tmp" for name in final}
    try:
        digest = hashlib.blake2b(digest_size=20)
        at = 0
        with open(tmp[ARTICLES_FILE], "wb") as bodies, open(tmp[LIST_FILE], "wb") as listing:
            for a in corpus.articles:
                record = _dump([a.body, [[r.text, r.reason, r.line] for r in a.removed], list(a.lines)])
                bodies.write(record + b"\n")
                head = _dump([a.id, a.title, [a.outlet.value, a.outlet.how], [a.date.value, a.date.how], a.url,
                              list(a.authors), a.source, list(a.notes), [list(kv) for kv in a.extra], a.words,
                              a.content_hash, at, len(record), _digest(record)]) + b"\n"
                digest.update(head)
                listing.write(head)
                at += len(record) + 1
            tail = _dump({"problems": [[p.source, p.message] for p in corpus.problems],
                          "inputs": list(corpus.inputs)}) + b"\n"
            digest.update(tail)
            listing.write(tail)
        tmp[HEADER_FILE].write_text(json.dumps({"format": FORMAT, "fingerprint": fingerprint,
                                                "digest": digest.hexdigest(), "articles": len(corpus.articles),
                                                "bodies_size": at}), encoding="utf-8")
        for name in (ARTICLES_FILE, LIST_FILE, HEADER_FILE):  # the header last: until then the old one
            os.replace(tmp[name], final[name])  # names digests and sizes the new files do not match
    except OSError as exc:
        for leftover in tmp.values():
            with contextlib.suppress(OSError):  # a read-only folder refuses even this (EROFS)
                leftover.unlink(missing_ok=True)
        return f"could not cache the cleaned articles in {folder}: {exc.strerror or exc}"
    return None


def load_articles(folder: Path, fingerprint: dict[str, Any],
                  recover: Callable[[], Mapping[str, Article]] | None = None) -> tuple[Corpus | None, str | None]:
    """The cached corpus when it is for exactly these inputs and intact; else None and, when a
    cache was there but could not be trusted, why. The list is returned only when the digest of
    every byte of it matched; bodies are read (and checked) on demand. ``recover``: what a body
    that fails its check falls back to (the inputs read again)."""
    try:
        header = json.loads((folder / HEADER_FILE).read_bytes())
        if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("fingerprint") != fingerprint:
            return None, None  # another version or changed inputs: simply out of date
        data = (folder / LIST_FILE).read_bytes()
        if hashlib.blake2b(data, digest_size=20).hexdigest() != header.get("digest") \
                or (folder / ARTICLES_FILE).stat().st_size != header.get("bodies_size"):
            return None, "article cache damaged (checksum mismatch); reading the inputs again"
        store = BodyStore(folder / ARTICLES_FILE, recover)
        rows = data.split(b"\n")
        count = header["articles"]
        if len(rows) != count + 2 or rows[-1]:
            raise ValueError("wrong number of lines")
        articles = tuple(CachedArticle._make(store, json.loads(row)) for row in rows[:count])
        tail = json.loads(rows[count])
        return Corpus(articles=articles, problems=tuple(Problem(s, m) for s, m in tail["problems"]),
                      inputs=tuple(tail["inputs"])), None
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"article cache unreadable ({exc.strerror or type(exc).__name__}); reading the inputs again"
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        return None, f"article cache damaged ({type(exc).__name__}); reading the inputs again"
