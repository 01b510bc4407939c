"""Counts in words: "1 article", "2 articles", "1 story"."""

from __future__ import annotations

_IRREGULAR = {"story": "stories", "is": "are", "was": "were", "this": "these"}


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, plural unless ``n`` is one (``plural`` when it is not the noun plus "s")."""
    word = noun if n == 1 else plural or _IRREGULAR.get(noun) or f"{noun}s"
    return f"{n:,} {word}"
