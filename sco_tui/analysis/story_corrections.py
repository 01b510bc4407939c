"""A user's corrections to the stories: merge two stories, move an article out of one.

Corrections name articles, not stories (story ids follow their members, and a refresh may regroup),
so they hold across refreshes: "the stories holding A and B are one" and "X stands alone". They are
applied in the order made, after the machine's grouping; a correction whose articles are gone is
skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sco_tui.analysis.stories import Story, fill_absent, story_id

MERGE = "merge"
MOVE = "move"


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What a story needs of an article once grouped: no text."""

    outlet: str
    date: str | None
    title: str


def merge(a: str, b: str) -> dict[str, object]:
    """The stories holding articles ``a`` and ``b`` become one."""
    return {"op": MERGE, "articles": [a, b]}


def move(article: str) -> dict[str, object]:
    """``article`` leaves its story and stands alone."""
    return {"op": MOVE, "article": article}


def valid(c: object) -> bool:
    if not isinstance(c, dict):
        return False
    if c.get("op") == MERGE:
        pair = c.get("articles")
        return isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
    return c.get("op") == MOVE and isinstance(c.get("article"), str)


def apply(stories: Sequence[Story], corrections: Iterable[Mapping[str, object]],
          info: Mapping[str, ArticleInfo]) -> list[Story]:
    """``stories`` with ``corrections`` applied; untouched stories are returned as they were."""
    groups: list[list[str] | None] = [list(s.articles) for s in stories]
    labels: list[str] = [s.label for s in stories]
    terms: list[list[str]] = [list(s.terms) for s in stories]
    where = {a: k for k, s in enumerate(stories) for a in s.articles}
    changed: set[int] = set()
    moved: set[int] = set()
    for c in corrections:
        if c.get("op") == MERGE:
            a, b = c["articles"]  # type: ignore[misc]
            ka, kb = where.get(a), where.get(b)
            if ka is None or kb is None or ka == kb:
                continue
            big, small = (ka, kb) if len(groups[ka] or ()) >= len(groups[kb] or ()) else (kb, ka)
            groups[big] = (groups[big] or []) + (groups[small] or [])
            for x in groups[small] or ():
                where[x] = big
            groups[small] = None
            terms[big] = list(dict.fromkeys(terms[big] + terms[small]))[:4]
            changed.add(big)
        elif c.get("op") == MOVE:
            x = c["article"]
            k = where.get(x)  # type: ignore[arg-type]
            if k is None or len(groups[k] or ()) < 2:
                continue
            groups[k] = [i for i in groups[k] or () if i != x]
            if labels[k] == info[x].title:  # the label was this article's headline
                labels[k] = info[groups[k][0]].title
            groups.append([x])  # type: ignore[list-item]
            moved.add(len(groups) - 1)
            labels.append(info[x].title)
            terms.append([])
            where[x] = len(groups) - 1
            changed.update({k, len(groups) - 1})
    out: list[Story] = []
    fresh: list[Story] = []
    for k, members in enumerate(groups):
        if members is None:
            continue
        if k not in changed:
            out.append(stories[k])
            continue
        s = _story(members, labels[k], terms[k], info, k in moved and len(members) == 1)
        out.append(s)
        fresh.append(s)
    fill_absent(fresh, [(i.outlet, i.date) for i in info.values()])
    out.sort(key=lambda s: (-len(s.outlets), -len(s.articles), s.first or "", s.id))
    return out


def _story(members: Sequence[str], label: str, terms: list[str], info: Mapping[str, ArticleInfo],
           moved: bool = False) -> Story:
    from collections import Counter

    ordered = sorted(members, key=lambda i: (info[i].date or "", i))
    outlets = Counter(info[i].outlet for i in ordered)
    dates = sorted(d[:10] for i in ordered if (d := info[i].date) and len(d) >= 10)
    sid = story_id(["moved out:" + ordered[0]]) if moved else story_id(ordered)  # the story keeps its id
    return Story(sid, label, list(ordered), dict(outlets.most_common()),
                 dates[0] if dates else None, dates[-1] if dates else None, terms, [], True)
