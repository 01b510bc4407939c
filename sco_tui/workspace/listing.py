"""Articles as a list shows them, passed from the indexing process to the app while it reads them.

From cold the app lists the articles before any cache holds them: the indexing process sends each
batch it has read as rows (id, title, outlet, date, words), and the app lists ``ListedArticle``s
until the article cache is written. A listed article has no body: the app opens it as the index
stores it once it is indexed (``Library.indexed_article``), and in full once the cache is there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sco_tui.corpus.model import Article, Known

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
