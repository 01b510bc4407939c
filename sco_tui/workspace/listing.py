"""Articles as a list shows them: read from the article cache with light imports (a relaunch lists
them before anything heavier loads), or passed from the indexing process to the app while it reads them.

From cold the app lists the articles before any cache holds them: the indexing process sends each
batch it has read as rows (id, title, outlet, date, words), and the app lists ``ListedArticle``s
until the article cache is written. A listed article has no body: the app opens it as the index
stores it once it is indexed (``Library.indexed_article``), and in full once the cache is there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sco_tui.corpus.model import Article, Corpus, Known

#: How a listed article's outlet and date are known, until the cache gives their full account.
HOW = "as read by the indexing process"


class ListedArticle(Article):
    """What a list shows of an article that is read but not yet cached (``body`` is empty)."""

    __slots__ = ("_words",)

    @property
    def words(self) -> int:
        return self._words

    @classmethod
    def of(cls, row: list[Any]) -> ListedArticle:
        """The article a ``row`` describes (see ``rows``); raises ValueError on a malformed row."""
        try:
            id_, title, outlet, date, url, words = row
        except (TypeError, ValueError) as exc:
            raise ValueError(f"not an article row: {row!r:.80}") from exc
        if not isinstance(id_, str) or not isinstance(title, str) or not isinstance(words, int):
            raise ValueError(f"not an article row: {row!r:.80}")
        self = object.__new__(cls)
        put = object.__setattr__
        for name, value in (("id", id_), ("title", title), ("body", ""), ("outlet", Known(outlet, HOW)),
                            ("date", Known(date, HOW)), ("url", url), ("authors", ()), ("source", ""),
                            ("removed", ()), ("notes", ()), ("extra", ()), ("lines", ()), ("_words", words)):
            put(self, name, value)
        return self


def rows(articles: Iterable[Article]) -> list[list[Any]]:
    """The rows ``ListedArticle.of`` reads back: plain JSON values."""
    return [[a.id, a.title, a.outlet.value, a.date.value, a.url, a.words] for a in articles]


class CachedList:
    """The article list of a relaunch, read from the article cache with light imports alone
    (``cached_list``), before the ``Library`` that owns that cache is made: the app shows it in
    its first frame and makes the library after. Bodies are read from the cache on demand, as
    ever; one that fails its check is read again from the inputs by the library once it has
    taken this list (``Library.adopt``)."""

    def __init__(self, paths: Sequence[Path], fields: Mapping[str, str], fingerprint: dict) -> None:
        self.paths, self.fields = list(paths), dict(fields)
        self.fingerprint = fingerprint
        self.corpus = Corpus(())  # the list, once read
        self.recover: Callable[[], Mapping[str, Article]] | None = None  # set by the library that adopts it

    def _recover(self) -> Mapping[str, Article]:
        if self.recover is None:
            self.library()  # a body was read before any library took the list: one takes it now
        assert self.recover is not None
        return self.recover()

    def library(self):
        """The ``Library`` of these inputs, holding this list when the inputs are still as they were
        when it was read (else it reads them again when asked)."""
        from sco_tui.workspace.library import Library

        library = Library(self.paths, self.fields)
        library.adopt(self)
        return library


def cached_list(paths: Sequence[Path] = (), fields: Mapping[str, str] | None = None) -> CachedList | None:
    """The cached article list of these inputs when the cache is for exactly them and intact (as
    ``Library.cached`` checks), else None: the caller then opens a ``Library``, which says why
    (a damaged cache, an unwritable folder) and reads the inputs. Never reads an input; imports
    only what fingerprints the inputs and reads the cache (no cleaning, no index)."""
    from sco_tui.corpus.inputs import fingerprint
    from sco_tui.index.articles import load_articles
    from sco_tui.index.cache_dir import cache_root, corpus_folder

    fields = dict(fields or {})
    key, stamp = fingerprint(paths, fields)
    base, notice, writable = cache_root()
    if notice or not writable:
        return None
    listing = CachedList(paths, fields, stamp)
    corpus, _why = load_articles(corpus_folder(base, key), stamp, listing._recover)
    if corpus is None:
        return None
    listing.corpus = corpus
    return listing
