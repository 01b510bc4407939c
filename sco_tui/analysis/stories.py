"""Stories: articles that report the same event, grouped so that "compare" means something on a
corpus of many events.

Each article is a TF-IDF vector of the content stems of its headline and opening sentences (names
count double). Articles are taken in date order and join the most similar story whose dates are
near (a leader-follower pass); candidate stories come from an index of each story's most telling
stems within a date window, so the cost grows with the number of articles, not its square. Adding
articles assigns only the new ones.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sco_tui.analysis.text import content_stems, stem
from sco_tui.corpus.model import Article

STORIES_VERSION = 1
LEAD_WORDS = 150
SIGNATURE = 12  # most telling stems that index an article or a story
THRESHOLD = 0.30  # cosine to a story's centroid to join it
UNDATED_THRESHOLD = 0.40  # stricter when either side has no date
WINDOW_DAYS = 3
STRONG = 0.5  # a story this similar may be up to LONG_WINDOW days away (dates on pages are often off)
LONG_WINDOW_DAYS = 14
MAX_POSTINGS = 300  # a stem shared by more stories than this tells no event apart (undated look-ups)
BACKGROUND_DOCS = 200  # below this many articles, word rarity comes from English at large (wordfreq)
_NAME = re.compile(r"\b[A-Z][a-z’'-]+(?:\s[A-Z][a-z’'-]+)*")


@dataclass(slots=True)
class Features:
    """What grouping needs of one article: weighted stems, surface forms for labels, its day."""

    counts: dict[str, float]
    surface: dict[str, str]
    day: int | None  # days since 1970-01-01

    def as_json(self) -> list[object]:
        return [self.counts, self.surface, self.day]

    @classmethod
    def from_json(cls, data: list[object]) -> Features:
        counts, surface, day = data
        return cls(dict(counts), dict(surface), day)  # type: ignore[arg-type]


def features(article: Article) -> Features:
    opening = " ".join(article.body.split()[:LEAD_WORDS])  # the lead: no sentence splitting needed
    lead = [article.title, opening]
    text = " ".join(lead)
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for word in re.findall(r"[\w’'-]+", text):
        low = word.lower()
        stems = content_stems(low)
        if stems:
            counts[stems[0]] += 1.0
            surface.setdefault(stems[0], low)
    for m in _NAME.finditer(" ".join(lead[1:])):
        key = stem(m.group(0).split()[-1].lower())
        if key in counts:
            counts[key] += 1.0  # names tell events apart: count them twice
            surface[key] = m.group(0).split()[-1]
    return Features(dict(counts), surface, _day(article.date.value))


def _day(value: str | None) -> int | None:
    if not value or len(value) < 10:
        return None
    try:
        return (date.fromisoformat(value[:10]) - date(1970, 1, 1)).days
    except ValueError:
        return None


@dataclass(slots=True)
class Story:
    id: str
    label: str
    articles: list[str]
    outlets: dict[str, int]
    first: str | None  # ISO dates
    last: str | None
    terms: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "label": self.label, "articles": self.articles, "outlets": self.outlets,
                "first": self.first, "last": self.last, "terms": self.terms}


class _Group:
    def __init__(self, first: str, day: int | None) -> None:
        self.members: list[str] = [first]
        self.centroid: Counter[str] = Counter()
        self.days: list[int] = [day] if day is not None else []

    def distance(self, day: int | None) -> int:
        """Days between ``day`` and this story's dates (0 when either is undated)."""
        if day is None or not self.days:
            return 0
        return min(abs(day - d) for d in (min(self.days), max(self.days)))


def group_stories(articles: list[Article], cached: Mapping[str, Features] | None = None
                  ) -> tuple[list[Story], dict[str, Features]]:
    """Stories over ``articles`` (biggest first), and the features used (by content hash, to cache)."""
    cached = cached or {}
    feats: dict[str, Features] = {}
    by_hash: dict[str, Features] = {}
    for a in articles:
        f = cached.get(a.content_hash) or features(a)
        feats[a.id] = f
        by_hash[a.content_hash] = f
    idf = _idf(feats)
    vectors = {aid: _vector(f, idf) for aid, f in feats.items()}
    order = sorted(articles, key=lambda a: (feats[a.id].day is None, feats[a.id].day or 0, a.id))
    groups: list[_Group] = []
    # blocking: stories by (stem, week) for dated articles; a capped stem-only index for the undated
    by_week: dict[tuple[str, int], set[int]] = defaultdict(set)
    by_stem: dict[str, set[int]] = defaultdict(set)
    for a in order:
        f, v = feats[a.id], vectors[a.id]
        signature = sorted(v, key=lambda s: -v[s])[:SIGNATURE]
        hits: Counter[int] = Counter()
        for s in signature:
            if f.day is not None:
                week = f.day // 7
                for w in range(week - LONG_WINDOW_DAYS // 7 - 1, week + LONG_WINDOW_DAYS // 7 + 2):
                    hits.update(by_week.get((s, w), ()))
                hits.update(g for g in by_stem.get(s, ()) if not groups[g].days)
            elif len(by_stem.get(s, ())) <= MAX_POSTINGS:
                hits.update(by_stem.get(s, ()))
        best, best_sim = None, 0.0
        for g, shared in hits.items():
            days = groups[g].distance(f.day)
            if shared < 2 or days > LONG_WINDOW_DAYS:
                continue
            sim = _cosine(v, groups[g].centroid)
            limit = THRESHOLD if f.day is not None and groups[g].days else UNDATED_THRESHOLD
            if days > WINDOW_DAYS:
                limit = max(limit, STRONG)
            if sim >= limit and sim > best_sim:
                best, best_sim = g, sim
        if best is None:
            groups.append(_Group(a.id, f.day))
            best = len(groups) - 1
        else:
            groups[best].members.append(a.id)
            if f.day is not None:
                groups[best].days.append(f.day)
        g = groups[best]
        g.centroid.update(v)
        for s in sorted(g.centroid, key=lambda s: -g.centroid[s])[:SIGNATURE]:
            by_stem[s].add(best)
            for d in {min(g.days) // 7, max(g.days) // 7} if g.days else ():
                by_week[(s, d)].add(best)
    by_id = {a.id: a for a in articles}
    stories = [_story(g, by_id, feats) for g in groups]
    stories.sort(key=lambda s: (-len(s.outlets), -len(s.articles), s.first or "", s.id))
    return stories, by_hash


def _idf(feats: Mapping[str, Features]) -> dict[str, float]:
    """How telling each stem is: rare in the corpus and, for a small corpus, rare in English too
    (five articles on one event share their names, which would otherwise count for nothing)."""
    n = len(feats) or 1
    df = Counter(s for f in feats.values() for s in f.counts)
    idf = {s: math.log((n + 1) / (k + 0.5)) for s, k in df.items()}
    lam = BACKGROUND_DOCS / (BACKGROUND_DOCS + n)
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # optional resource: the corpus alone then
        return idf
    surface: dict[str, str] = {}
    for f in feats.values():
        for s, w in f.surface.items():
            surface.setdefault(s, w)
    for s in idf:
        rarity = max(0.0, 8.0 - zipf_frequency(surface.get(s, s), "en", wordlist="small"))  # zipf 8 = "the"; 0 = unseen
        idf[s] = lam * rarity + (1 - lam) * idf[s]
    return idf


def _vector(f: Features, idf: Mapping[str, float]) -> dict[str, float]:
    v = {s: (1 + math.log(c)) * idf[s] for s, c in f.counts.items()}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {s: x / norm for s, x in v.items()}


def _cosine(v: Mapping[str, float], centroid: Mapping[str, float]) -> float:
    norm = math.sqrt(sum(x * x for x in centroid.values())) or 1.0
    return sum(x * centroid.get(s, 0.0) for s, x in v.items()) / norm


def _story(g: _Group, by_id: Mapping[str, Article], feats: Mapping[str, Features]) -> Story:
    members = [by_id[i] for i in g.members]
    outlets = Counter(a.outlet_name for a in members)
    dates = sorted(a.date.value[:10] for a in members if a.date.value and len(a.date.value) >= 10)
    top = [s for s, _ in g.centroid.most_common(4)]
    surface: dict[str, str] = {}
    for i in g.members:
        for s, w in feats[i].surface.items():
            surface.setdefault(s, w)
    words = [surface.get(s, s) for s in top]
    sid = "s" + hashlib.blake2b(min(g.members).encode(), digest_size=4).hexdigest()
    return Story(sid, " · ".join(words), sorted(g.members, key=lambda i: (by_id[i].date.value or "", i)),
                 dict(outlets.most_common()), dates[0] if dates else None, dates[-1] if dates else None, words)
