"""Story text that arrives as HTML inside a record (a CMS or news API export): its text, paragraph by paragraph.

A page is read by ``html.extract`` (trafilatura finds the article among the page's furniture); a record's
body is already the article, so every paragraph, list item and heading of it is kept, and only scripts,
styles and embedded objects are dropped.
"""

from __future__ import annotations

import re
from itertools import islice

#: tags that show a body is markup: two or more of them (a story that mentions "<p>" once is still text)
_TAG = re.compile(r"</(?:p|div|li|h[1-6]|blockquote|span|a|em|strong|b|i|figure|figcaption|ul|ol|td|tr|section"
                  r"|article)\s*>|<br\s*/?>|<p(?:\s[^<>]{0,200})?>", re.IGNORECASE)
#: elements that end a paragraph
_BLOCKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption",
                     "ul", "ol", "table", "tr", "section", "article", "header", "footer", "pre", "dd", "dt"})
_DROPPED = ("script", "style", "noscript", "iframe", "object", "embed", "template", "svg", "form", "button")


def looks_like_html(text: str) -> bool:
    """Whether a record's text is HTML markup rather than plain text."""
    return next(islice(_TAG.finditer(text), 1, None), None) is not None


def html_text(markup: str) -> str:
    """The text of an HTML fragment, one paragraph a line; entities decoded, scripts and styles dropped."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return _stripped(markup)
    etree.strip_elements(root, *_DROPPED, etree.Comment, with_tail=False)
    lines: list[str] = []
    current: list[str] = []

    def end_line() -> None:
        line = " ".join("".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    for event, el in etree.iterwalk(root, events=("start", "end")):  # no recursion: nesting can be deep
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS or tag == "br":
                end_line()
            if el.text:
                current.append(el.text)
        else:
            if tag in _BLOCKS:
                end_line()
            if el.tail and el is not root:
                current.append(el.tail)
    end_line()
    return "\n\n".join(lines) or _stripped(markup)


def _stripped(markup: str) -> str:
    """The text between the tags, for what the parser gave up on (nesting deeper than libxml2 goes)."""
    import html

    text = re.sub(r"<(script|style)\b.*?</\1\s*>|<[^<>]*>", " ", markup, flags=re.IGNORECASE | re.DOTALL)
    return " ".join(html.unescape(text).split())
