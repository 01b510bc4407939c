"""What the search box suggests: the seeds' own words on the seeds, the query language elsewhere."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def search_hint(paths: Sequence[Path] = (), *, placeholder: bool = False) -> str:
    """The search box's placeholder or the empty hit list's hint, for the corpus at ``paths`` (none: the seeds,
    whose words make good examples; another corpus gets the syntax, since "Belarus" may find nothing there)."""
    if not paths:
        if placeholder:
            return 'Search: Belarus  "special military operation"  outlet:press  Erdogn~'
        return 'Type to search. Try Belarus, "special military operation", outlet:press or Erdogn~.'
    if placeholder:
        return 'Search: words  "a phrase"  outlet:name  date:2024-07  prefix*  fuzzy~  -leave-out'
    return ('Type to search: words (all of them), "a phrase", outlet:name, title:word, date:2024-07, '
            "prefix*, fuzzy~, OR, or -word to leave one out.")
