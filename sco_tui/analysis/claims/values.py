"""Values in a clause (years, numbers, percentages, days of a month), each with the stems next to it, and whether two
values of one kind can be one quantity told differently (``_close``)."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from sco_tui.analysis.claims.rules import DAYS, RATIO, YEARS
from sco_tui.analysis.lexicon import CALENDAR
from sco_tui.analysis.text import content_stems

_VALUE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d[\d,]*(?:\.\d+)?%?|\b(?:January|February|March|April|May|June|July|"
                    r"August|September|October|November|December)\s+\d{1,2}\b")


def _values(text: str) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    if not _DIGIT.search(text):  # every value has a digit: most clauses end here, without the longer pattern
        return out
    found = list(_VALUE.finditer(text))
    if not found:
        return out
    words = list(_WORD.finditer(text))
    ends = [w.end() for w in words]
    for m in found:
        value = m.group(0).rstrip(",.")
        at = bisect_right(ends, m.start())  # the word holding the value's first character
        at = at if at < len(words) and words[at].start() <= m.start() else 0
        near = " ".join(w.group(0) for w in words[max(0, at - 3): at + 4])
        out[value] = frozenset(x for x in content_stems(near) if x not in CALENDAR)
    return out


_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\S+")


@lru_cache(maxsize=65536)
def _close(x: str, y: str) -> bool:
    """Whether two values of one kind can be one quantity told differently: years at most ``YEARS`` apart, the same
    month's days at most ``DAYS`` apart, numbers within a ratio of ``RATIO`` (rounding, an estimate, a later count)."""
    kind = _kind(x)
    if kind == "year":
        return abs(int(x) - int(y)) <= YEARS
    if kind == "date":
        (mx, dx), (my, dy) = x.split(), y.split()
        return mx == my and abs(int(dx) - int(dy)) <= DAYS
    a, b = _number(x), _number(y)
    if a is None or b is None:
        return True
    lo, hi = sorted((abs(a), abs(b)))
    return hi == 0 or (lo > 0 and hi / lo <= RATIO)


def _number(value: str) -> float | None:
    try:
        return float(value.rstrip("%").replace(",", ""))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _kind(value: str) -> str:
    if re.fullmatch(r"(?:1[89]|20)\d\d", value):
        return "year"
    return "percent" if value.endswith("%") else "date" if value[0].isalpha() else "number"
