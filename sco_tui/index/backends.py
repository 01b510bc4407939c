"""Which search backend a corpus uses: the embedded Whoosh index (default) or a PostgreSQL database.

``open_backend(None, key)`` is the Whoosh index in the user cache; ``open_backend(url, key)`` is
PostgreSQL at ``url`` (``SCO_TUI_DATABASE_URL`` when the caller passes ``database_url()``). Each
engine is imported only here, when it is chosen.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from typing import Any

from sco_tui.index.api import Backend, BackendError, Progress, SearchResult, Span, SyncReport
from sco_tui.index.database_url import ENV, database_url  # noqa: F401 (re-exported: the public path)
from sco_tui.index.query import parse


def open_backend(url: str | None, key: str) -> Backend:
    """The backend of the corpus ``key``: PostgreSQL at ``url``, or Whoosh when ``url`` is None."""
    if not url:
        return WhooshBackend(key)
    try:
        from sco_tui.index.postgres import PostgresBackend
    except ImportError:
        raise BackendError("--database needs psycopg: pip install 'sco-tui[postgres]'") from None
    return PostgresBackend(url, key)


class WhooshBackend:
    """The embedded index in the user cache (``index.store``), behind the backend protocol."""

    name = "whoosh"

    def __init__(self, key: str) -> None:
        from sco_tui.index.store import IndexStore

        self.store = IndexStore.for_key(key)
        self.notices = self.store.notices
        self._searcher = None
        self._generation = None
        self._lock = threading.RLock()

    def is_current(self, fingerprint: dict[str, Any]) -> bool:
        return self.store.is_current(fingerprint)

    def sync(self, corpus, fingerprint: dict[str, Any], progress: Progress | None = None, *,
             batch: int = 500, should_stop: Callable[[], bool] | None = None) -> SyncReport:
        report = self.store.sync(corpus, fingerprint, progress, batch=batch, should_stop=should_stop)
        self._drop()
        return SyncReport(added=report.added, removed=report.removed, total=report.total, rebuilt=report.rebuilt,
                          seconds=report.seconds, notices=list(report.notices))

    def _search_with(self):
        generation = self.store.current_dir()
        if self._searcher is not None and generation != self._generation:
            self._drop()
        if self._searcher is None:
            ix = self.store.open()
            if ix is None:
                return None
            self._searcher, self._generation = ix.searcher(), generation
        else:
            self._searcher = self._searcher.refresh()
        return self._searcher

    def search(self, text: str, *, limit: int = 20, live: bool = False,
               only_ids: Collection[str] | None = None, outlet: str | None = None) -> SearchResult:
        from sco_tui.index import search as whoosh_search

        parse(text, live=live)  # the same errors, in the same words, on every backend
        with self._lock:
            searcher = self._search_with()
            if searcher is None:
                return SearchResult(query=text, total=0, hits=(), by_outlet={}, notices=("the index is not built yet",))
            try:
                r = whoosh_search.search(searcher, text, limit=limit, live=live, only_ids=only_ids, outlet=outlet)
            except whoosh_search.QueryError as exc:
                from sco_tui.index.api import QueryError

                raise QueryError(str(exc)) from None
        return r

    def spans(self, article_id: str, text: str) -> tuple[Span, ...]:
        result = self.search(text, limit=1, only_ids=[article_id])
        return result.hits[0].spans if result.hits else ()

    def _drop(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def close(self) -> None:
        self._drop()
