"""The search seam: what every backend does, and the backend-neutral results it returns.

The app, the CLI and the analysis see only these types. Each backend (the embedded Whoosh index,
PostgreSQL full-text search) lives in a module of its own and is chosen by ``index.backends``.
Nothing here imports a search engine.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, Protocol

from sco_tui.corpus.model import Corpus

Span = tuple[int, int]  # a [start, end) character range
Progress = Callable[[int, int], None]


class QueryError(ValueError):
    """A query that cannot be searched; the message is one line for the user."""


class BackendError(RuntimeError):
    """The search engine cannot be used (unreachable, refused, gone, too slow, too new): one line for the user."""


@dataclass(frozen=True, slots=True)
class Snippet:
    text: str
    highlights: tuple[Span, ...]  # character spans of matches within ``text``

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "highlights": [list(s) for s in self.highlights]}


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    outlet: str
    title: str
    date: str | None
    score: float
    snippets: tuple[Snippet, ...]
    spans: tuple[Span, ...] = ()  # every match in the article body, for the reader

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "outlet": self.outlet, "title": self.title, "date": self.date,
                "score": round(self.score, 4), "snippets": [s.as_dict() for s in self.snippets]}


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[Hit, ...]
    by_outlet: dict[str, int]  # matches per outlet, most first
    suggestion: str | None = None  # "did you mean"
    notices: tuple[str, ...] = field(default=())  # one line each, e.g. what this engine could not honour

    def as_dict(self) -> dict[str, Any]:
        return {"query": self.query, "total": self.total, "hits": [h.as_dict() for h in self.hits],
                "by_outlet": self.by_outlet, "suggestion": self.suggestion}


@dataclass(slots=True)
class SyncReport:
    """What a refresh did (``total`` -1: nothing to do, the articles were not even read)."""

    added: int = 0
    removed: int = 0
    total: int = 0
    rebuilt: str | None = None  # why the index was built from scratch, when it was
    seconds: float = 0.0
    notices: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.rebuilt)


class Backend(Protocol):
    """A full-text index of one corpus, kept in step with it by content hash."""

    name: str  # "whoosh", "postgres": for messages
    notices: list[str]

    def is_current(self, fingerprint: dict[str, Any]) -> bool:
        """True when the index holds exactly the corpus with this fingerprint, completely."""
        ...

    def sync(self, corpus: Corpus, fingerprint: dict[str, Any], progress: Progress | None = None, *,
             batch: int = 500, should_stop: Callable[[], bool] | None = None) -> SyncReport:
        """Add, replace and delete articles by content hash; each batch is committed (searchable) on its own."""
        ...

    def search(self, text: str, *, limit: int = 20, live: bool = False,
               only_ids: Collection[str] | None = None, outlet: str | None = None) -> SearchResult:
        """Hits (with snippets and body spans), total, per-outlet counts and a suggestion.
        ``live``: the last word is still being typed. Raises QueryError or BackendError."""
        ...

    def spans(self, article_id: str, text: str) -> tuple[Span, ...]:
        """Where the query's terms match in one article's body, for the reader."""
        ...

    def close(self) -> None:
        ...
