"""Stories: articles that report the same event, grouped so that "compare" means something on a
corpus of many events.

Two articles tell the same event when their headline and lede say the same thing, however worded,
and name the same people, places and values. Each article therefore carries two views of its lead:
a paraphrase-robust sentence embedding of its headline and of its lede (``analysis.similarity``,
the claims' own similarity) and a TF-IDF vector of the lead's content stems with names counted
twice. A story's score for an article mixes the two cosines against the story's centroids.

Events are separated by time as well as by words: articles are taken in date order and may join
only a story that is still open (its last article at most ``GAP_DAYS`` before, its first at most
``SPAN_DAYS`` before), so an accusation and the hearing weeks later, which share every name, are
two stories. Undated articles join a story only on a stronger match. Corrections a user made
(``analysis.story_corrections``) are applied to the result by the caller.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sco_tui.analysis.text import content_stems, stem
from sco_tui.corpus.model import Article

if TYPE_CHECKING:
    import numpy as np

STORIES_VERSION = 2
LEAD_WORDS = 60  # the headline and the lede tell the event; later paragraphs drift to background
LEDE_WORDS = 45  # what is embedded besides the headline
EMBED_WEIGHT = 0.6  # the score: this much embedding cosine, the rest lexical (TF-IDF) cosine
THRESHOLD = 0.38  # score to join an open story (calibrated on the full AllSides set, see benchmarks/story_proxy.py)
UNDATED_THRESHOLD = 0.55  # an undated article (or story) needs a stronger match: it has no date to agree on
EMBED_FLOOR = 0.25  # stories below this embedding cosine are not scored at all (a cheap pre-filter)
GAP_DAYS = 2  # an article may follow a story's last article by at most this many days
SPAN_DAYS = 4  # and its first by at most this many: a later development is a new story
LATE_DAYS = 14  # up to this many days after its last article, a story takes only a near-copy
LATE_THRESHOLD = 0.65  # (one event's articles score 0.65-0.8 on the seeds; Kavanaugh's accusation and testimony ~0.5)
LATE_FLOOR = 0.6  # (the embedding cosine such a near-copy needs before it is scored at all)
NEAR_DAYS = 1  # "not covered by": outlets that published within this many days of the story's window
CANDIDATES = 8  # an undated article is scored against the stories nearest by embedding
EMBED_BATCH = 2000
BACKGROUND_DOCS = 200  # below this many articles, word rarity comes from English at large (wordfreq)
_NAME = re.compile(r"\b[A-Z][a-z’'-]+(?:\s[A-Z][a-z’'-]+)*")


@dataclass(slots=True)
class Features:
    """What grouping needs of one article: weighted stems, surface forms, its day, its embedding."""

    counts: dict[str, float]
    surface: dict[str, str]
    day: int | None  # days since 1970-01-01
    vector: np.ndarray | None = None  # float32, unit length (cached apart from the rest)

    def as_json(self) -> list[object]:
        return [self.counts, self.surface, self.day]

    @classmethod
    def from_json(cls, data: Sequence[object], vector: np.ndarray | None = None) -> Features:
        counts, surface, day = data
        return cls(dict(counts), dict(surface), day, vector)  # type: ignore[arg-type]


def lead(article: Article, words: int = LEAD_WORDS) -> str:
    """The first ``words`` words of the body (split from a prefix: bodies run to thousands of words)."""
    return " ".join(article.body[:words * 20].split()[:words])


def features(article: Article) -> Features:
    """The lexical view of an article's lead (its embedding is added in batches by ``embed_leads``)."""
    opening = lead(article)
    text = article.title + " " + opening
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for word in re.findall(r"[\w’'-]+", text):
        low = word.lower()
        stems = content_stems(low)
        if stems:
            counts[stems[0]] += 1.0
            surface.setdefault(stems[0], low)
    for m in _NAME.finditer(opening):
        key = stem(m.group(0).split()[-1].lower())
        if key in counts:
            counts[key] += 1.0  # names tell events apart: count them twice
            surface[key] = m.group(0).split()[-1]
    return Features(dict(counts), surface, _day(article.date.value))


def embed_leads(articles: Sequence[Article]) -> np.ndarray:
    """One unit vector per article: its headline's and its lede's embeddings, averaged."""
    import numpy as np

    from sco_tui.analysis.similarity import embed

    heads = embed([a.title for a in articles])
    ledes = embed([lead(a, LEDE_WORDS) for a in articles])
    out = heads + ledes
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


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
    label: str  # the headline of the article nearest the story's centre
    articles: list[str]
    outlets: dict[str, int]
    first: str | None  # ISO dates
    last: str | None
    terms: list[str] = field(default_factory=list)  # the most telling words, as the articles write them
    absent: list[str] = field(default_factory=list)  # outlets that published around these dates but not this
    corrected: bool = False  # a user's merge or move changed this story

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "label": self.label, "articles": self.articles, "outlets": self.outlets,
                "first": self.first, "last": self.last, "terms": self.terms, "absent": self.absent,
                "corrected": self.corrected}


class _Group:
    __slots__ = ("_norm", "first", "last", "lexical", "members", "vector")

    def __init__(self, dim: int) -> None:
        import numpy as np

        self.members: list[int] = []
        self.lexical: Counter[str] = Counter()
        self.vector = np.zeros(dim, dtype=np.float32)
        self.first: int | None = None
        self.last: int | None = None
        self._norm: float | None = None

    def add(self, k: int, lexical: Mapping[str, float], vector: np.ndarray, day: int | None) -> None:
        self.members.append(k)
        self.lexical.update(lexical)
        self._norm = None
        self.vector += vector
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)

    def unit(self) -> np.ndarray:
        n = float((self.vector @ self.vector) ** 0.5)
        return self.vector / n if n > 0 else self.vector

    def lexical_cosine(self, v: Mapping[str, float]) -> float:
        if self._norm is None:
            self._norm = math.sqrt(sum(x * x for x in self.lexical.values())) or 1.0
        c = self.lexical
        return sum(x * c.get(s, 0.0) for s, x in v.items()) / self._norm


def group_stories(articles: list[Article], cached: Mapping[str, Features] | None = None
                  ) -> tuple[list[Story], dict[str, Features]]:
    """Stories over ``articles`` (covered by most outlets first), and the features used (by content
    hash, to cache)."""
    import numpy as np

    cached = cached or {}
    feats: list[Features] = []
    missing: list[int] = []
    for k, a in enumerate(articles):
        f = cached.get(a.content_hash)
        if f is None or f.vector is None:
            f = f or features(a)
            missing.append(k)
        feats.append(f)
    for lo in range(0, len(missing), EMBED_BATCH):  # in batches: embedding gathers every token's vector
        chunk = missing[lo:lo + EMBED_BATCH]
        for k, v in zip(chunk, embed_leads([articles[k] for k in chunk]), strict=True):
            feats[k].vector = v
    by_hash = {a.content_hash: f for a, f in zip(articles, feats, strict=True)}
    if not articles:
        return [], by_hash
    idf = _idf(feats)
    lexical = [_vector(f, idf) for f in feats]
    emb = np.stack([f.vector for f in feats]).astype(np.float32)
    groups = _assign(feats, lexical, emb)
    stories = [build_story([articles[k] for k in g.members], g, lexical, emb) for g in groups]
    fill_absent(stories, [(a.outlet_name, a.date.value) for a in articles])
    stories.sort(key=lambda s: (-len(s.outlets), -len(s.articles), s.first or "", s.id))
    return stories, by_hash


def _assign(feats: Sequence[Features], lexical: Sequence[dict[str, float]], emb: np.ndarray) -> list[_Group]:
    """Leader-follower in date order over open stories; then the undated, against every story."""
    import numpy as np

    dim = emb.shape[1]
    groups: list[_Group] = []
    dated = sorted((f.day, k) for k, f in enumerate(feats) if f.day is not None)
    recent: list[int] = []
    for day, k in dated:
        recent = [g for g in recent if day - groups[g].last <= LATE_DAYS]
        open_ = [g for g in recent if day - groups[g].last <= GAP_DAYS and day - groups[g].first <= SPAN_DAYS]
        best = _best(k, open_, groups, lexical, emb, THRESHOLD)
        if best is None:  # a page's date may be off by days: a near-copy of a recent story still joins it
            shut = set(open_)
            best = _best(k, [g for g in recent if g not in shut], groups, lexical, emb, LATE_THRESHOLD, LATE_FLOOR)
        if best is None:
            groups.append(_Group(dim))
            best = len(groups) - 1
            recent.append(best)
        groups[best].add(k, lexical[k], emb[k], day)
    undated = [k for k, f in enumerate(feats) if f.day is None]
    if not undated:
        return groups
    # the dated stories are scored in blocks (one matrix product); the undated ones made here as we go
    dated_units = np.stack([g.unit() for g in groups]) if groups else np.zeros((0, dim), dtype=np.float32)
    made = np.zeros((len(undated), dim), dtype=np.float32)
    base = len(groups)
    for lo in range(0, len(undated), EMBED_BATCH):
        block = undated[lo:lo + EMBED_BATCH]
        sims_block = emb[block] @ dated_units.T
        for k, sims in zip(block, sims_block, strict=True):
            pool = _top(sims, 0)
            pool += _top(made[:len(groups) - base] @ emb[k], base)
            best = _best(k, pool, groups, lexical, emb, UNDATED_THRESHOLD)
            if best is None:
                groups.append(_Group(dim))
                best = len(groups) - 1
            groups[best].add(k, lexical[k], emb[k], None)
            if best >= base:
                made[best - base] = groups[best].unit()
    return groups


def _top(sims: np.ndarray, offset: int) -> list[int]:
    """The ``CANDIDATES`` highest of ``sims`` that reach ``EMBED_FLOOR``, as story numbers."""
    import numpy as np

    n = len(sims)
    top = np.argpartition(-sims, CANDIDATES - 1)[:CANDIDATES] if n > CANDIDATES else range(n)
    return [int(g) + offset for g in top if sims[g] >= EMBED_FLOOR]


def _best(k: int, pool: Sequence[int], groups: Sequence[_Group], lexical: Sequence[dict[str, float]],
          emb: np.ndarray, threshold: float, floor: float = EMBED_FLOOR) -> int | None:
    """The pooled story scoring highest for article ``k``, if it reaches ``threshold``."""
    import numpy as np

    if not pool:
        return None
    centroids = np.stack([groups[g].vector for g in pool])
    norms = np.linalg.norm(centroids, axis=1)
    sims = centroids @ emb[k] / np.where(norms > 0, norms, 1.0)
    best, best_score = None, threshold
    for g, s in zip(pool, sims.tolist(), strict=True):
        if s < floor:
            continue
        score = EMBED_WEIGHT * s + (1 - EMBED_WEIGHT) * groups[g].lexical_cosine(lexical[k])
        if score >= best_score:
            best, best_score = g, score
    return best


def score(a: Features, b: Features, idf: Mapping[str, float]) -> float:
    """The grouping's similarity of two articles (for explaining and calibrating)."""
    va, vb = _vector(a, idf), _vector(b, idf)
    emb = float(a.vector @ b.vector) if a.vector is not None and b.vector is not None else 0.0
    return EMBED_WEIGHT * emb + (1 - EMBED_WEIGHT) * sum(x * vb.get(s, 0.0) for s, x in va.items())


def _idf(feats: Sequence[Features]) -> dict[str, float]:
    """How telling each stem is: rare in the corpus and, for a small corpus, rare in English too
    (five articles on one event share their names, which would otherwise count for nothing)."""
    n = len(feats) or 1
    df = Counter(s for f in feats for s in f.counts)
    idf = {s: math.log((n + 1) / (k + 0.5)) for s, k in df.items()}
    lam = BACKGROUND_DOCS / (BACKGROUND_DOCS + n)
    if lam < 0.01:
        return idf
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # optional resource: the corpus alone then
        return idf
    surface: dict[str, str] = {}
    for f in feats:
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


def story_id(members: Sequence[str]) -> str:
    return "s" + hashlib.blake2b(min(members).encode(), digest_size=4).hexdigest()


def build_story(members: Sequence[Article], g: _Group, lexical: Sequence[dict[str, float]],
                emb: np.ndarray) -> Story:
    """A story of grouped articles, labelled by the headline of its most central article."""
    centre = g.unit()
    central = max(zip(g.members, members, strict=True),
                  key=lambda p: (float(emb[p[0]] @ centre) + g.lexical_cosine(lexical[p[0]]), p[1].id))[1]
    surface: dict[str, str] = {}
    for a in members:
        for w in re.findall(r"[\w’'-]+", a.title + " " + lead(a, LEDE_WORDS)):
            stems = content_stems(w.lower())
            if stems and (stems[0] not in surface or (w[:1].isupper() and not surface[stems[0]][:1].isupper())):
                surface[stems[0]] = w
    terms = [surface.get(s, s) for s, _ in g.lexical.most_common(4)]
    return make_story(members, label=headline_label(central), terms=terms)


def headline_label(article: Article) -> str:
    title = " ".join(article.title.split())
    return title or " ".join(article.body.split()[:12])


def make_story(members: Sequence[Article], label: str, terms: list[str], corrected: bool = False) -> Story:
    ordered = sorted(members, key=lambda a: (a.date.value or "", a.id))
    outlets = Counter(a.outlet_name for a in ordered)
    dates = sorted(a.date.value[:10] for a in ordered if _day(a.date.value) is not None)
    return Story(story_id([a.id for a in ordered]), label, [a.id for a in ordered], dict(outlets.most_common()),
                 dates[0] if dates else None, dates[-1] if dates else None, terms, [], corrected)


def fill_absent(stories: Sequence[Story], dated: Iterable[tuple[str, str | None]]) -> None:
    """Each story's "not covered by": outlets (of ``dated``, pairs of outlet and date) with an article
    within ``NEAR_DAYS`` of the story's dates. An undated story has no window, so no such list."""
    by_day: dict[int, set[str]] = defaultdict(set)
    for outlet, value in dated:
        d = _day(value)
        if d is not None:
            by_day[d].add(outlet)
    for s in stories:
        first, last = _day(s.first), _day(s.last)
        if first is None or last is None:
            s.absent = []
            continue
        near = set().union(*(by_day.get(d, ()) for d in range(first - NEAR_DAYS, last + NEAR_DAYS + 1)))
        s.absent = sorted(near - set(s.outlets), key=lambda o: (o == "Unattributed", o.lower()))
