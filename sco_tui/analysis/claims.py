"""Claims: sentences aligned across articles into facts told in each outlet's own words, and from
them what only one outlet carries and what most carry that one leaves out.

Sentences are compared on their content stems (Snowball), names and numbers weighing more, with
IDF weights; candidate pairs come from an inverted index of the rarer stems (a blocking step: no
all-pairs loop), and pairs are merged greedily, best first, so that a claim holds at most one
sentence per article.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sco_tui.analysis.evidence import Evidence
from sco_tui.analysis.text import content_stems, sentences, stem
from sco_tui.corpus.model import Article

THRESHOLD = 0.27  # weighted Jaccard of two sentences' stems to call them one claim
MIN_WORDS = 6
NAME_WEIGHT = 1.5
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w’'-]+|\b\d[\d,.]*\b")


@dataclass(slots=True)
class Claim:
    id: str
    text: str  # the sentence most like the others
    sentences: dict[str, Evidence] = field(default_factory=dict)

    @property
    def articles(self) -> list[str]:
        return list(self.sentences)

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "text": self.text, "articles": {a: e.text for a, e in self.sentences.items()},
                "evidence": {a: e.as_dict() for a, e in self.sentences.items()}}


@dataclass(frozen=True, slots=True)
class _Unit:
    article: str
    evidence: Evidence
    stems: frozenset[str]
    names: frozenset[str]


def _units(articles: list[Article]) -> list[_Unit]:
    units = []
    for a in articles:
        for s in sentences(a.body):
            if len(s.text.split()) < MIN_WORDS:
                continue
            stems = frozenset(content_stems(s.text))
            names = frozenset(stem(m.group(0).lower()) for m in _NAME.finditer(s.text))
            if len(stems) >= 3:
                units.append(_Unit(a.id, Evidence.of(a.id, s), stems, names))
    return units


def find_claims(articles: list[Article], threshold: float = THRESHOLD) -> list[Claim]:
    """Claims, the most widely carried first; a sentence belongs to one claim at most."""
    units = _units(articles)
    n = len(units)
    df = Counter(s for u in units for s in u.stems)
    idf = {s: math.log((n + 1) / (k + 0.5)) for s, k in df.items()}
    common = max(6, int(0.04 * n))  # blocking uses the rarer stems only: candidate lists stay short
    index: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        for s in u.stems:
            if df[s] <= common:
                index[s].append(i)

    def weight(i: int, s: str) -> float:
        return idf[s] * (NAME_WEIGHT if s in units[i].names else 1.0)

    pairs = []
    for i, u in enumerate(units):
        shared: Counter[int] = Counter()
        for s in u.stems:
            for j in index.get(s, ()):
                if j > i and units[j].article != u.article:
                    shared[j] += 1
        for j, k in shared.items():
            if k < 2:
                continue
            both = u.stems & units[j].stems
            either = u.stems | units[j].stems
            sim = sum(weight(i, s) for s in both) / sum(weight(i, s) for s in either)
            if sim >= threshold:
                pairs.append((sim, i, j))
    pairs.sort(reverse=True)
    parent = list(range(n))
    members: dict[int, set[str]] = {i: {u.article} for i, u in enumerate(units)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in pairs:
        ri, rj = root(i), root(j)
        if ri != rj and not members[ri] & members[rj]:
            parent[rj] = ri
            members[ri] |= members.pop(rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[root(i)].append(i)
    order = {a.id: k for k, a in enumerate(articles)}
    claims = []
    for group in groups.values():
        group.sort(key=lambda i: order[units[i].article])
        best = max(group, key=lambda i: sum(len(units[i].stems & units[j].stems) for j in group))
        claims.append(Claim("", units[best].evidence.text, {units[i].article: units[i].evidence for i in group}))
    claims.sort(key=lambda c: (-len(c.sentences), min(order[a] for a in c.sentences),
                               min(e.sentence for e in c.sentences.values())))
    for k, c in enumerate(claims, 1):
        c.id = f"c{k}"
    return claims


def coverage(claims: list[Claim], article_ids: list[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """``(unique, omitted)``: per article, the claims only it carries, and the claims most articles
    carry that it leaves out."""
    n = len(article_ids)
    most = max(2, n // 2 + 1)
    unique: dict[str, list[str]] = {a: [] for a in article_ids}
    omitted: dict[str, list[str]] = {a: [] for a in article_ids}
    for c in claims:
        carriers = set(c.sentences)
        if len(carriers) == 1:
            unique[next(iter(carriers))].append(c.id)
        elif len(carriers) >= most:
            for a in article_ids:
                if a not in carriers:
                    omitted[a].append(c.id)
    return unique, omitted
