"""Text decoded twice: UTF-8 read as Windows-1252 ("Ã¢â‚¬â„¢" for "’"), repaired with ftfy.

Scraped news carries it (0.9% of the AllSides sample, in titles the list shows first). ftfy fixes
only what decodes back to plausible text; curly quotes, ligatures and widths are left as they are.
A cheap test for the byte patterns comes first, so clean text never loads ftfy.
"""

from __future__ import annotations

import re

#: A UTF-8 lead byte read as Windows-1252 or Latin-1 (Ã Â â Å Æ Ð Ñ) followed by a continuation byte
#: read the same way: how every double-decoded character begins.
_SUSPECT = re.compile("[ÃÂâÅÆÐÑ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                      "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def repaired(text: str) -> tuple[str, bool]:
    """``text`` with double-decoded characters fixed, and whether anything was."""
    if not _SUSPECT.search(text):
        return text, False
    from ftfy import fix_encoding

    fixed = fix_encoding(text)
    return fixed, fixed != text
