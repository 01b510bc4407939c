"""Who published an article: from metadata when it says, else from clues in the page text.

A clue is a sentence in which a page names its own publisher ("…reports Asian Lite News",
"Press TV's website can also be accessed at…", "Copyright © 2016 The Washington Times").
Sources an article cites ("told The Associated Press") are not clues. When nothing says, the
answer is "Unattributed", with the file it came from: never a guess dressed as fact.
"""

from __future__ import annotations

import re

from sco_tui.corpus.model import Known

_NAME = r"(?P<name>(?:The\s)?[A-Z][\w&'’.-]*(?:\s(?:of\s|the\s|&\s)?[A-Z][\w&'’.-]*){0,5})"
CLUES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?:…|\.\.\.|^|[.,]\s)\s*reports\s+{_NAME}\s*\.?$"),
    re.compile(rf"^{_NAME}[’']s? website can (?:also )?be accessed at", re.IGNORECASE),
    re.compile(rf"(?:copyright|©)\s*(?:©\s*)?(?:\d{{4}}(?:[-–]\d{{4}})?\s*,?\s*)?{_NAME}", re.IGNORECASE),
    re.compile(rf"(?:originally|first)\s+(?:appeared|published)\s+(?:on|in|by|at)\s+{_NAME}", re.IGNORECASE),
)
_SUFFIX = re.compile(r"[\s,]+(LLC|Inc|Ltd|Limited|Corp|Corporation|plc|GmbH|Co)\.?$", re.IGNORECASE)
_NOT_NAMES = frozenset({"all", "rights", "the", "this", "click", "here"})


def outlet_from_text(text: str) -> Known | None:
    """The publisher a page names for itself, with the line that says so; None when none does."""
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or len(line) > 400:
            continue
        for pattern in CLUES:
            m = pattern.search(line)
            if m is None:
                continue
            name = _SUFFIX.sub("", m["name"]).strip(" .,'’")
            if name and name.lower() not in _NOT_NAMES:
                quote = line if len(line) <= 90 else "…" + line[max(0, m.start() - 20):m.end() + 20] + "…"
                return Known(name, f"page text, line {n}: “{quote}”")
    return None


def attribute(metadata_outlet: str | None, metadata_how: str, text: str, source: str) -> Known:
    """The outlet with how it is known: metadata first, then the page's own words, else unattributed."""
    if metadata_outlet:
        return Known(metadata_outlet.strip(), metadata_how or "metadata")
    unknown = Known(None, f"unattributed: neither metadata nor the text of {source} names a publisher")
    return outlet_from_text(text) or unknown
