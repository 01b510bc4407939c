"""What an article is: frozen records with content hashes, and the corpus that holds them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Removed:
    """A block that cleaning took out of the raw text, and why."""

    text: str
    reason: str
    line: int  # 1-based line of the raw text where the block starts (0 when unknown)


@dataclass(frozen=True, slots=True)
class Known:
    """A metadata value with a note of how it is known (``how`` is for people, not code)."""

    value: str | None
    how: str


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned article. ``body`` is what every search and analysis reads."""

    id: str
    title: str
    body: str
    outlet: Known
    date: Known
    url: str | None = None
    authors: tuple[str, ...] = ()
    source: str = ""
    removed: tuple[Removed, ...] = ()
    notes: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    lines: tuple[int, ...] = ()  # the raw line each paragraph of ``body`` came from

    def paragraphs(self) -> list[tuple[int, str]]:
        """``(raw line, text)`` of each body paragraph (line 0 when unknown)."""
        parts = self.body.split("\n\n") if self.body else []
        lines = self.lines if len(self.lines) == len(parts) else (0,) * len(parts)
        return list(zip(lines, parts, strict=True))

    @property
    def outlet_name(self) -> str:
        """The outlet, or an honest "Unattributed" when nothing says who published it."""
        return self.outlet.value or "Unattributed"

    @property
    def words(self) -> int:
        return len(self.body.split())

    @property
    def content_hash(self) -> str:
        """A hash of everything the index stores for this article."""
        h = hashlib.blake2b(digest_size=12)
        for part in (self.id, self.title, self.body, self.outlet_name, self.date.value or "",
                     self.url or "", "\x1f".join(self.authors), self.source):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x1e")
        return h.hexdigest()

    @property
    def text_hash(self) -> str:
        """A hash of the story text alone, for spotting the same article twice (the title when there
        is no story text, so two articles without one are not taken for copies of each other)."""
        norm = " ".join((self.body or "\x1d" + self.title).lower().split())
        return hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()

    def as_dict(self) -> dict[str, object]:
        """The article's list entry, as ``sco-tui list --json`` shows it."""
        return {
            "id": self.id,
            "outlet": self.outlet_name,
            "title": self.title,
            "date": self.date.value,
            "url": self.url,
            "words": self.words,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the input that could not be read as given; ``source`` says where."""

    source: str
    message: str

    @classmethod
    def renamed(cls, source: str, old: str, new: str) -> Problem:
        """An article read under a new id, because another one had its id first: kept, not skipped."""
        return cls(source, f"id {old!r} is used twice{_KEPT_AS}{new!r}")

    @property
    def skipped(self) -> bool:
        """Whether what ``source`` names was left out (everything but a renamed article)."""
        return _KEPT_AS not in self.message

    def __str__(self) -> str:
        """One line, whatever the file name holds (a newline, a lone surrogate) and whatever the message."""
        return _one_line(f"{self.source}: {self.message}")


_KEPT_AS = "; read as "


def _one_line(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii")
                   for c in text)


@dataclass(frozen=True, slots=True)
class Corpus:
    """The articles read from the inputs, plus what could not be read."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...] = ()
    inputs: tuple[str, ...] = ()
    _by_id: Mapping[str, Article] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {a.id: a for a in self.articles})

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def get(self, article_id: str) -> Article | None:
        return self._by_id.get(article_id)

    def outlets(self) -> dict[str, int]:
        """Article counts per outlet, largest first."""
        counts: dict[str, int] = {}
        for a in self.articles:
            counts[a.outlet_name] = counts.get(a.outlet_name, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower())))
