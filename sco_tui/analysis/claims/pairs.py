"""Which pairs of units are one fact's candidates: blocking by embedding neighbours and shared rare words, scored as
arrays (``candidates``), then the ratio test that keeps a pair only when, both ways, it clearly leads the best rival
sentence of the other article (``distinct``)."""

from __future__ import annotations

from collections import defaultdict

from sco_tui.analysis.claims.model import Apart
from sco_tui.analysis.claims.rules import (
    ANCHOR_BONUS,
    EMBED_WEIGHT,
    FLOOR,
    MARGIN,
    NEIGHBOUR_FLOOR,
    NEIGHBOURS,
    PART_WORDS,
    PER_UNIT,
    THRESHOLD,
)
from sco_tui.analysis.claims.scorer import _Scorer
from sco_tui.analysis.claims.words import _clip


def candidates(scorer: _Scorer, floor: float = FLOOR) -> list[tuple[float, int, int]]:
    """Cross-article unit pairs worth scoring, those scoring at least ``floor``, best first.

    Blocking: each unit's ``NEIGHBOURS`` nearest embeddings, and the ``PER_UNIT`` units sharing most of
    its rarer stems, names and values (an inverted index); a pair is scored only when its similarity
    plus the most word overlap its sizes allow could reach ``floor``. Everything runs on arrays of pairs;
    the scores land in the scorer's cache, the same numbers ``_Scorer.score`` gives one pair at a time.
    """
    import numpy as np

    units = scorer.units
    n = len(units)
    if n < 2:
        return []
    found = [_shared_word_pairs(scorer)]
    if scorer.vectors is not None:
        from sco_tui.analysis.similarity import neighbour_pairs

        rows, cols, _ = neighbour_pairs(scorer.vectors, NEIGHBOURS, floor=NEIGHBOUR_FLOOR,
                                        groups=[u.article for u in units])
        found.append((np.minimum(rows, cols), np.maximum(rows, cols)))
    keys = np.unique(np.concatenate([i * n + j for i, j in found]))
    if not len(keys):
        return []
    left, right = keys // n, keys % n
    weight = EMBED_WEIGHT if scorer.vectors is not None else 0.0
    if scorer.vectors is not None:
        from sco_tui.analysis.similarity import pair_cosines

        sims = pair_cosines(scorer.vectors, left, right).astype(np.float64)
    else:
        sims = np.zeros(len(keys))
    totals = scorer.total_array
    small, big = np.minimum(totals[left], totals[right]), np.maximum(totals[left], totals[right])
    most = np.divide(small, big, out=np.zeros_like(small), where=big > 0)
    # even the most overlap these two sizes allow, and full anchors, stay under the floor: not scored
    worth = np.flatnonzero(weight * sims + (1 - weight) * most + ANCHOR_BONUS >= floor)
    left, right, sims = left[worth], right[worth], sims[worth]
    overlap = scorer.overlaps(left, right)
    anchors = np.zeros(len(left))
    has = scorer.has_values
    for k in np.flatnonzero(has[left] & has[right]).tolist():
        anchors[k] = scorer.anchors(int(left[k]), int(right[k]))
    scores = weight * sims + (1 - weight) * overlap + ANCHOR_BONUS * np.minimum(2, anchors) / 2
    pairs = list(zip(left.tolist(), right.tolist(), strict=True))
    scorer.sims.update(zip(pairs, sims.tolist(), strict=True))
    scorer.cache.update(zip(pairs, scores.tolist(), strict=True))
    keep = np.flatnonzero(scores >= floor)
    order = keep[np.lexsort((right[keep], left[keep], scores[keep]))[::-1]]  # best first, as sorted(reverse=True)
    return list(zip(scores[order].tolist(), left[order].tolist(), right[order].tolist(), strict=True))


def _shared_word_pairs(scorer: _Scorer):
    """For each unit, the ``PER_UNIT`` later units of other articles sharing the most (at least two) of its rarer
    stems and its values (ties: the earlier unit), as two arrays ``(i, j)`` with ``i < j``."""
    import numpy as np

    units = scorer.units
    n = len(units)
    common = max(5, int(0.01 * n))
    # the rarer stems from the scorer's stem arrays (ids as there), then the values (ids after the stems')
    _, _, article, stems, _, _, lengths, _, width = scorer._stem_arrays()
    df = np.fromiter(map(scorer.df.__getitem__, scorer._stem_list), dtype=np.int64, count=len(scorer._stem_list))
    rare = df[stems] <= common if len(stems) else np.zeros(0, dtype=bool)
    values: dict[str, int] = {}
    value_token = [width + values.setdefault(v, len(values)) for u in units for v in u.values]
    value_unit = [i for i, u in enumerate(units) for _ in u.values]
    token_a = np.concatenate([stems[rare], np.asarray(value_token, dtype=np.int64)])
    unit_a = np.concatenate([np.repeat(np.arange(n), lengths)[rare], np.asarray(value_unit, dtype=np.int64)])
    none = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    if not len(token_a):
        return none
    order = np.lexsort((unit_a, token_a))
    token_a, unit_a = token_a[order], unit_a[order]
    starts = np.flatnonzero(np.r_[True, token_a[1:] != token_a[:-1]])
    sizes = np.diff(np.r_[starts, len(token_a)])
    after = np.repeat(starts + sizes, sizes) - np.arange(len(token_a)) - 1  # postings after each in its list
    first = np.repeat(np.arange(len(token_a)), after)
    second = first + 1 + np.arange(len(first)) - np.repeat(np.cumsum(after) - after, after)
    left, right = unit_a[first], unit_a[second]
    across = article[left] != article[right]  # pairs within an article dropped before the sort, not after
    keys, counts = np.unique(left[across] * n + right[across], return_counts=True)
    i, j = keys // n, keys % n
    ok = counts >= 2
    i, j, counts = i[ok], j[ok], counts[ok]
    order = np.lexsort((j, -counts, i))
    i, j = i[order], j[order]
    rank = np.arange(len(i)) - np.searchsorted(i, i, side="left")
    return i[rank < PER_UNIT], j[rank < PER_UNIT]


def distinct(scorer: _Scorer, pairs: list[tuple[float, int, int]], margin: float | None = None
             ) -> tuple[list[tuple[float, int, int]], dict[int, list[Apart]]]:
    """The pairs whose clauses are each other's clear best match in the other article, and the others.

    A within-story null: a clause about the story's subject ("Kavanaugh", "Chauvin") scores well with
    many sentences of another article that state different facts about it. A pair counts as one fact
    only when, in both directions, it leads the best *other* sentence of that article (one that does not
    restate the matched sentence) by at least ``margin`` (a ratio test, as in Lowe 2004).
    """
    margin = MARGIN if margin is None else margin
    units = scorer.units
    article = [u.article for u in units]
    sentence = [u.evidence.sentence for u in units]
    by: dict[tuple[int, str], list[tuple[float, int]]] = defaultdict(list)
    for s, i, j in pairs:
        by[(i, article[j])].append((s, j))
        by[(j, article[i])].append((s, i))
    none = (0.0, -1)
    rivals: dict[tuple[int, int], tuple[float, int]] = {}
    for (i, _), found in by.items():
        if len(found) == 1:  # the only match in that article: no rival (most pairs)
            rivals[(i, found[0][1])] = none
            continue
        found.sort(reverse=True)
        for s, j in found:
            rival = none
            mine = sentence[j]
            for s2, j2 in found:
                if sentence[j2] == mine or units[j2].event:
                    continue  # a fact told as a noun is a mention in a sentence stating something else: no rival
                if _other_part(scorer, i, j, j2):
                    continue  # it matches another part of a sentence stating several facts
                if s - s2 >= margin or scorer.score(j, j2) < THRESHOLD:  # a restatement of j is no rival
                    rival = (s2, j2)
                    break
            rivals[(i, j)] = rival
    kept, apart = [], defaultdict(list)
    clipped: dict[int, str] = {}
    for s, i, j in pairs:
        worst, other = rivals[(i, j)], rivals[(j, i)]
        if other[0] > worst[0]:  # the higher rival score (the first on a tie, as max)
            worst = other
        if s - worst[0] >= margin:
            kept.append((s, i, j))
        else:
            r = worst[1]
            text = clipped.get(r)
            if text is None:
                text = clipped[r] = _clip(units[r].text)
            why = (f"score {s:.2f}, but {article[r]}'s sentence “{text}” scores {worst[0]:.2f} too "
                   f"(a pair must lead by {margin}): they share the story's subject, not one fact")
            apart[i].append(Apart(article[i], article[j], s, why))
            apart[j].append(Apart(article[j], article[i], s, why))
    return kept, apart


def _other_part(scorer: _Scorer, i: int, j: int, j2: int) -> bool:
    """Whether ``j`` and ``j2`` (two sentences of one article) match different parts of ``i``: each shares with it
    ``PART_WORDS`` or more words beyond the story's subject (``_Scorer.subject``), and none of them are the same
    ("… includes members such as Iran, India …, with observer states … like Turkey, Saudi Arabia and Egypt" matches
    "Members include Iran, India …" and "Observer states … include Turkiye, Saudi Arabia and Egypt": two facts,
    no rivals)."""
    story = scorer.subject()
    stems = scorer.units[i].stems
    mine = (stems & scorer.units[j].stems) - story
    if len(mine) < PART_WORDS:
        return False
    theirs = (stems & scorer.units[j2].stems) - story
    return len(theirs) >= PART_WORDS and mine.isdisjoint(theirs)
