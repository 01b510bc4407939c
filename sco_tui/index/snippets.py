"""Snippets from an article body and the character spans of its matches: the same for every backend."""

from __future__ import annotations

from sco_tui.index.api import Snippet, Span

SNIPPET_CHARS = 160
SNIPPETS = 3


def snippets(text: str, spans: list[Span], count: int = SNIPPETS, width: int = SNIPPET_CHARS) -> tuple[Snippet, ...]:
    """The ``count`` windows of ``text`` richest in distinct matches, in text order."""
    if not spans:
        return (Snippet(text[:width].replace("\n", " "), ()),) if text else ()
    windows = []
    i = 0
    while i < len(spans):
        start = spans[i][0]
        j = i
        while j + 1 < len(spans) and spans[j + 1][1] - start <= width - 40:
            j += 1
        words = {text[s:e].lower() for s, e in spans[i:j + 1]}
        windows.append((len(words), j - i + 1, -start, i, j))
        i = j + 1
    best = sorted(windows, reverse=True)[:count]
    out = []
    for *_, i, j in sorted(best, key=lambda w: w[3]):
        first, last = spans[i][0], spans[j][1]
        pad = max(0, (width - (last - first)) // 2)
        lo = _word_start(text, max(0, first - pad), first)
        hi = _word_end(text, min(len(text), last + pad), last)
        prefix = "…" if lo > 0 else ""
        suffix = "…" if hi < len(text) else ""
        shift = len(prefix) - lo
        marks = tuple((s + shift, e + shift) for s, e in spans[i:j + 1])
        out.append(Snippet(prefix + text[lo:hi].replace("\n", " ") + suffix, marks))
    return tuple(out)


def _word_start(text: str, lo: int, limit: int) -> int:
    if lo == 0:
        return 0
    sp = text.find(" ", lo, limit)
    return sp + 1 if sp != -1 else lo


def _word_end(text: str, hi: int, limit: int) -> int:
    if hi >= len(text):
        return len(text)
    sp = text.rfind(" ", limit, hi)
    return sp if sp != -1 else hi
