"""A corpus and its index together: what the CLI and the app both open."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sco_tui.corpus.load import fingerprint, load_corpus
from sco_tui.corpus.model import Article, Corpus
from sco_tui.index.api import SearchResult, SyncReport
from sco_tui.index.store import IndexStore, Progress

if TYPE_CHECKING:
    from sco_tui.index.search import Searcher  # Whoosh's, named through its backend module

# Search (its query parser, analysers and Whoosh) is imported when first used, after the list is on
# screen: a relaunch lists the articles from their cache with this module's imports alone.


#: Inputs from this size on are cleaned and indexed at once by ``Library.build`` (smaller ones take
#: longer to fork for than to read).
STREAM_BYTES = 4 << 20


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class Library:
    """The articles of some inputs (the seeds when none) and a Whoosh index kept in step with them."""

    def __init__(self, paths: Sequence[Path] | None = None, fields: Mapping[str, str] | None = None) -> None:
        self.paths = list(paths or [])
        self.fields = dict(fields or {})
        self.key, self.fingerprint = fingerprint(self.paths, self.fields)
        self.store = IndexStore.for_key(self.key)
        self._corpus: Corpus | None = None
        self._searcher: Searcher | None = None
        self._generation: Path | None = None
        self._lock = threading.RLock()

    @property
    def notices(self) -> list[str]:
        return self.store.notices

    def corpus(self, progress: Callable[[int, str], None] | None = None, workers: int = 2) -> Corpus:
        """The articles, read once: from the article cache when the inputs are unchanged (only
        stat-ed) and the cache is intact, else read, cleaned (large inputs by ``workers``
        processes, see ``load_corpus``) and cached for the next time. Articles from the cache hold
        what a list shows; their bodies are read from the cache when asked for."""
        if self.cached() is None:
            from sco_tui.index.articles import load_articles, save_articles

            corpus = load_corpus(self.paths, self.fields, progress, workers=workers)
            # where nothing can be saved the store has said so once already: no second line
            if self.store.writable:
                if (notice := save_articles(self.store.root, self.fingerprint, corpus)) is not None:
                    self.notices.append(notice)
                else:  # hold the list only, as a relaunch does: the bodies stay on disk
                    corpus = load_articles(self.store.root, self.fingerprint, self._recover)[0] or corpus
            self._corpus = corpus
        return self._corpus

    def cached(self) -> Corpus | None:
        """The articles from the article cache when it is for exactly these inputs and intact (its
        list verified, bodies checked as they are read), else None: never reads an input. Asked again
        after None, it looks again (another process may have cached them meanwhile)."""
        if self._corpus is None:
            from sco_tui.index.articles import load_articles

            corpus, why = load_articles(self.store.root, self.fingerprint, self._recover)
            if why and why not in self.notices:
                self.notices.append(why)
            self._corpus = corpus
        return self._corpus

    def adopt(self, listing) -> bool:
        """Take the article list ``workspace.listing.cached_list`` read from this library's cache
        before it was made (the app's first frame), when the inputs are still as they were then;
        a body that fails its check is then read again from the inputs here."""
        if self._corpus is not None or listing.fingerprint != self.fingerprint:
            return False
        self._corpus = listing.corpus
        listing.recover = self._recover
        return True

    def read_elsewhere(self) -> bool:
        """Whether a launch that finds no article cache should leave reading the inputs to the
        indexing process (``sco_tui.workspace.worker``): the inputs are large enough that reading
        them here would keep the screen waiting, and the cache can be written for this process to
        read after. Small inputs are read here at once."""
        from sco_tui.corpus.load import input_files

        return self.store.writable and sum(_size(f) for f in input_files(self.paths)[0]) >= STREAM_BYTES

    def indexed_article(self, article_id: str) -> Article | None:
        """An article as the index stores it (title, outlet, date, body; nothing of what cleaning
        removed), for showing a hit before the articles are read; None when it is not indexed."""
        from sco_tui.corpus.model import Known

        with self._lock:
            searcher = self.searcher()
            fields = searcher.document(id=article_id) if searcher is not None else None
        if not fields:
            return None
        how = "as indexed (the articles are still being read)"
        return Article(id=article_id, title=str(fields.get("title") or ""), body=str(fields.get("body") or ""),
                       outlet=Known(fields.get("outlet") or None, how), date=Known(fields.get("date") or None, how),
                       url=fields.get("url") or None)

    def _recover(self) -> dict[str, Article]:
        """A cached body failed its check: read the inputs again, rewrite the cache, and answer from
        what was read (kept in memory for this session)."""
        from sco_tui.index.articles import save_articles

        self.notices.append("article cache damaged (checksum mismatch); reading the inputs again")
        corpus = load_corpus(self.paths, self.fields)
        if self.store.writable:
            save_articles(self.store.root, self.fingerprint, corpus)
        return {a.id: a for a in corpus}

    def is_current(self) -> bool:
        return self.store.is_current(self.fingerprint)

    def ensure_index(self, progress: Progress | None = None,
                     should_stop: Callable[[], bool] | None = None, parallel: bool = False) -> SyncReport:
        """Build or refresh the index. Does nothing, not even read the articles, when it is current.
        ``parallel``: see ``IndexStore.sync`` (for callers that run no other threads)."""
        if self.is_current():
            return SyncReport(total=-1, notices=list(self.notices))
        report = self.store.sync(self.corpus(), self.fingerprint, progress, should_stop=should_stop,
                                 parallel=parallel)
        self.refresh()
        return report

    def build(self, progress: Progress | None = None, early: int = 0, nice: int = 0,
              read: Callable[[int, str], None] | None = None, parallel: bool = True, growth: int | None = None,
              on_cached: Callable[[], None] | None = None,
              on_read: Callable[[list[Article]], None] | None = None,
              on_indexed: Callable[[int], None] | None = None) -> SyncReport:
        """``ensure_index(progress, parallel=True)`` for callers that run no other threads, faster
        from nothing: when there is neither an index nor an article cache to use and the inputs
        are large, two forked processes clean and index the articles at once (see
        ``IndexStore.build_streamed``; ``early``, ``nice``, ``growth`` are its), and the cleaned
        articles are cached after. ``progress(done, 0)`` while the total is not known yet; ``read(n, id)`` as
        ``corpus`` reads, when the articles are read first; ``parallel``: otherwise, index with the
        forked writers (one commit at the end) or in growing commits that search sees as they land.
        ``on_cached()``: once the cleaned articles are in the article cache (another process can list
        them from there), before the indexing ends; ``on_read(articles)``: the articles read since the
        last call, in input order, as a build that cleans and indexes at once reads them, and
        ``on_indexed(n)`` after each commit: search sees ``n`` of them."""
        if self.is_current():
            return SyncReport(total=-1, notices=list(self.notices))
        if not self._streams():
            self.corpus(read, workers=2)
            if on_cached is not None:
                on_cached()
            return self.ensure_index(progress, parallel=parallel)
        from sco_tui.corpus.load import Source
        from sco_tui.index.articles import load_articles, save_articles

        source = Source(self.paths, self.fields)
        saved: list[str | None] = []

        def save() -> None:  # while the processes finish their segments
            saved.append(save_articles(self.store.root, self.fingerprint, source.corpus()))
            if saved[0] is None and on_cached is not None:
                on_cached()

        listed = 0

        def relay(done: int, total: int) -> None:  # after each batch the gate took
            nonlocal listed
            if on_read is not None and len(source.articles) > listed:
                on_read(source.articles[listed:])
                listed = len(source.articles)
            if progress is not None:
                progress(done, total)

        try:
            report = self.store.build_streamed(source, self.fingerprint, relay, early=early, nice=nice,
                                               read_all=save, growth=growth, on_commit=on_indexed)
        except OSError:  # the disk filled: read everything, and index as a small corpus is (in memory if need be)
            self.corpus(read, workers=2)
            if on_cached is not None:
                on_cached()
            return self.ensure_index(progress, parallel=parallel)
        if report.total < 0:  # another process built it meanwhile
            return report
        corpus = source.corpus()
        if saved and (notice := saved[0]) is not None:
            self.notices.append(notice)
            report.notices.append(notice)
        else:
            corpus = load_articles(self.store.root, self.fingerprint, self._recover)[0] or corpus
        self._corpus = corpus
        self.refresh()
        return report

    def _streams(self) -> bool:
        """Whether ``build`` cleans and indexes at once: a full build is due (no index to update, or
        only what a build of that kind committed early before it was cut off: it commits the rest at
        its end), nothing is cached to read instead, and the inputs are large enough to pay for two
        processes."""
        from sco_tui.corpus.load import input_files
        from sco_tui.index.articles import load_articles
        from sco_tui.index.store import _can_fork

        if self._corpus is not None or not self.store.writable or not _can_fork():
            return False
        if sum(_size(f) for f in input_files(self.paths)[0]) < STREAM_BYTES:
            return False
        if load_articles(self.store.root, self.fingerprint)[0] is not None:
            return False
        if self.store.check()[0] is None:  # an index to update, unless a build cut off left it
            manifest = self.store.manifest() or {}
            return manifest.get("complete") is False and manifest.get("fingerprint") == self.fingerprint
        return True

    def warm(self) -> None:
        """Open the searcher and touch what the first search needs, off the UI thread."""
        from sco_tui.index.search import QueryError

        with contextlib.suppress(QueryError):
            self.search("warm", limit=1)

    def warm_vocabulary(self) -> None:
        """Read the index's vocabulary of word forms (what prefixes, wildcards, fuzzy terms and "did
        you mean" expand from), off the UI thread: else the first of them after launch reads it,
        ~0.1 s on the full set. A search asked for meanwhile waits for it (one at a time)."""
        from sco_tui.index.vocabulary import of_searcher

        with self._lock:
            searcher = self.searcher()
            if searcher is not None:
                of_searcher(searcher)

    def searcher(self) -> Searcher | None:
        """A searcher on what is committed so far (None before the first commit)."""
        with self._lock:
            generation = self.store.current_dir()
            if self._searcher is not None and generation != self._generation:
                self._searcher.close()  # rebuilt elsewhere (another process): open the new one
                self._searcher = None
            if self._searcher is None:
                ix = self.store.open()
                if ix is None:
                    return None
                self._searcher = ix.searcher()
                self._generation = generation
            else:
                self._searcher = self._searcher.refresh()
            return self._searcher

    def is_empty(self) -> bool:
        """Whether the committed index holds no article (a corpus of nothing readable)."""
        searcher = self.searcher()
        return searcher is not None and searcher.doc_count_all() == 0

    def refresh(self) -> None:
        """Drop the searcher so that the next search sees the newest commit (or a swapped index)."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def search(self, text: str, *, limit: int = 20, live: bool = False,
               only_ids: Collection[str] | None = None, outlet: str | None = None) -> SearchResult:
        from sco_tui.index.search import search

        with self._lock:  # one search at a time: a Whoosh searcher is not for concurrent use
            searcher = self.searcher()
            if searcher is None:
                return SearchResult(query=text, total=0, hits=(), by_outlet={},
                                    notices=("the index is not built yet",))
            return search(searcher, text, limit=limit, live=live, only_ids=only_ids, outlet=outlet)

    def stories(self):
        """Stories of the corpus with the user's corrections, cached beside the index: an unchanged
        corpus answers from the cache without reading an article; new articles reuse the cached
        features of the old ones. See ``sco_tui.workspace.story_store``."""
        from sco_tui.workspace.story_store import StoryStore

        return StoryStore(self.store.root, self.notices).stories(self.fingerprint, self.corpus)

    def story_store(self):
        """Where this corpus's stories and their corrections are kept."""
        from sco_tui.workspace.story_store import StoryStore

        return StoryStore(self.store.root, self.notices)

    def close(self) -> None:
        self.refresh()
