"""Messages the app's thread workers post back to the UI thread (``post_message`` is thread-safe)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from sco_tui.corpus.model import Corpus
from sco_tui.index.api import SearchResult, SyncReport


@dataclass
class CorpusLoaded(Message):
    corpus: Corpus


@dataclass
class IndexProgress(Message):
    done: int
    total: int


@dataclass
class IndexReady(Message):
    report: SyncReport


@dataclass
class SearchDone(Message):
    text: str
    result: SearchResult | None
    error: str | None = None
    asked: tuple | None = None  # what was searched: (text, outlet, story's articles, limit)


@dataclass
class ArticleSpans(Message):
    """Where the current query matches in one article (for the reader)."""

    article_id: str
    query: str
    spans: tuple[tuple[int, int], ...]
