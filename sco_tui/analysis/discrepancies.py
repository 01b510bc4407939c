"""Discrepancies: the same fact with a different number, year, date, weekday or count.

Whole-sentence similarity misses them ("The SCO, established in 2001" against "Since its
establishment in 2002, the SCO"), so values are paired directly: two values of the same kind in
different articles are about the same thing when the words around them overlap (stems, at least
two, the word after a count the same). Different facts that merely share words rarely meet all of it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sco_tui.analysis.evidence import Evidence
from sco_tui.analysis.lexicon import CALENDAR, STOPWORDS
from sco_tui.analysis.text import content_stems, sentences, stem
from sco_tui.corpus.model import Article

CONTEXT = 7  # words either side
NEAR = 3
MIN_SHARED = 2
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20, "hundred": 100}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
VALUE = re.compile(
    r"(?P<year>\b(?:1[89]|20)\d\d\b)"
    r"|(?P<weekday>\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"|(?P<count>\b(?:\d[\d,]*(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")\b(?:-(?:member|day|year|month|week))?)",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Value:
    article: str
    kind: str  # year | weekday | count
    value: str
    context: frozenset[str]
    near: frozenset[str]  # stems within three words: what the value is a value of
    unit: str  # the word after a count ("times", "partners"), or ""
    evidence: Evidence
    day: str | None = None  # the article's date: weekdays compare only within the same day


@dataclass(slots=True)
class Discrepancy:
    kind: str
    values: dict[str, list[str]] = field(default_factory=dict)  # value -> article ids
    evidence: dict[str, Evidence] = field(default_factory=dict)  # article id -> sentence
    claim: str = ""  # the shared context, in words

    @property
    def majority(self) -> str | None:
        """The value most articles give, when one does."""
        counts = sorted(((len(v), k) for k, v in self.values.items()), reverse=True)
        return counts[0][1] if len(counts) > 1 and counts[0][0] > counts[1][0] else None

    def as_dict(self) -> dict[str, object]:
        return {"claim": self.claim, "kind": self.kind, "values": self.values, "majority": self.majority,
                "evidence": {a: e.as_dict() for a, e in self.evidence.items()}}


def _values(article: Article) -> list[Value]:
    out = []
    for s in sentences(article.body):
        words: list[re.Match[str]] | None = None
        for m in VALUE.finditer(s.text):
            if words is None:  # only sentences with a value are cut into words
                words = list(re.finditer(r"\S+", s.text))
                ends = [w.end() for w in words]
            kind = m.lastgroup or "count"
            raw = m.group(0)
            if kind == "count":
                number = raw.split("-")[0].lower().replace(",", "")
                value = str(_NUMBER_WORDS.get(number, number))
            else:
                value = raw.capitalize() if kind == "weekday" else raw
            at = bisect_right(ends, m.start())  # the word holding the value's first character
            at = at if at < len(words) and words[at].start() <= m.start() else 0
            around = " ".join(w.group(0) for w in words[max(0, at - CONTEXT): at + CONTEXT + 1])
            close = " ".join(w.group(0) for w in words[max(0, at - NEAR): at + NEAR + 1])
            skip = {stem(raw.lower()), *CALENDAR}
            context = frozenset(x for x in content_stems(around) if x not in skip and not x.isdigit())
            near = frozenset(x for x in content_stems(close) if x not in skip and not x.isdigit())
            unit = ""
            if kind == "count":
                follows = re.match(r"\s+([a-z][a-z-]+)", s.text[m.end():])  # "40 times", not "19, the"
                unit = stem(follows.group(1)) if follows and follows.group(1) not in STOPWORDS else ""
                if "-" in raw:
                    unit = raw.split("-", 1)[1].lower()
                if not unit or unit in ("year", "old"):
                    continue  # a bare number ("No. 1", "14 of 45") or an age: nothing says what it counts
            out.append(Value(article.id, kind, value, context, near - {unit}, unit, Evidence.of(article.id, s),
                             (article.date.value or "")[:10] or None))
    return out


def find_discrepancies(articles: list[Article]) -> list[Discrepancy]:
    """Facts that articles give with different values, each value with the articles that give it."""
    import numpy as np

    values = [v for a in articles for v in _values(a)]
    lists: dict[tuple[str, str], list[int]] = defaultdict(list)  # blocking: (kind, context stem) -> values
    for i, v in enumerate(values):
        for x in sorted(v.context):
            lists[(v.kind, x)].append(i)
    index = {key: np.array(found, dtype=np.int64) for key, found in lists.items()}
    numbered = {a.id: k for k, a in enumerate(articles)}
    article_of = np.array([numbered[v.article] for v in values], dtype=np.int64)
    found: list[Discrepancy] = []
    used: set[int] = set()
    for i, v in enumerate(values):
        if i in used:
            continue
        group = [i]
        # later values of other articles sharing MIN_SHARED context stems with this one, in order (counted in
        # numpy: a book-length article puts thousands of values in one block)
        near = np.concatenate([index[(v.kind, x)] for x in v.context]) if v.context else np.empty(0, np.int64)
        near = near[(near > i) & (article_of[near] != article_of[i])]
        candidates, shared = np.unique(near, return_counts=True)
        for j in candidates[shared >= MIN_SHARED].tolist():
            w = values[j]
            if j in used or w.kind != v.kind or any(values[k].article == w.article for k in group):
                continue
            if v.kind == "count" and w.unit != v.unit:
                continue
            if v.kind == "weekday" and not (v.day and v.day == w.day):
                continue  # "Monday" names a day only relative to the article's own date
            if not v.near & w.near:
                continue  # what sits right next to the value differs: a different fact
            if len(v.context & w.context) >= MIN_SHARED + (0 if v.kind == "year" else 1):
                group.append(j)
        distinct = {values[k].value for k in group}
        if len(group) > 1 and len(distinct) > 1:
            used.update(group)
            d = Discrepancy(v.kind)
            for k in group:
                d.values.setdefault(values[k].value, []).append(values[k].article)
                d.evidence[values[k].article] = values[k].evidence
            shared = Counter(x for k in group for x in sorted(values[k].context))  # sorted: the same words every run
            d.claim = " ".join(x for x, n in shared.most_common(6) if n > 1)
            found.append(d)
        elif len(group) > 1:
            used.update(group)  # agreement: these values are settled
    return found
