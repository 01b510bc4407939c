"""HTML pages -> main text and metadata, through trafilatura (imported only when a page is read)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PageText:
    text: str
    title: str | None
    sitename: str | None
    date: str | None
    url: str | None
    author: str | None


def extract(html: str) -> PageText | None:
    """The article text of a page with its metadata, or None when no article text is found."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=False, deduplicate=False,
    )
    if doc is None:
        return None
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    text = get("text") or ""
    return PageText(text=text, title=get("title"), sitename=get("sitename"), date=get("date"),
                    url=get("url"), author=get("author"))
