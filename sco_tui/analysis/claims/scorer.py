"""The pair scorer (``_Scorer``): two units' score from embedding similarity, weighted word overlap and values
(``combine``), and the tests that tell one fact from one subject (agreement beyond the story's subject, predicates,
facts told as nouns, values too far apart, lists of names), each computed once a pair, with the reasons (``link``)."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import chain

from sco_tui.analysis.claims.embeddings import _embed, _word_vectors
from sco_tui.analysis.claims.model import Link
from sco_tui.analysis.claims.rules import (
    AGREE,
    ANCHOR_BONUS,
    EMBED_WEIGHT,
    EVENT_VERB,
    LISTED,
    NAME_WEIGHT,
    PREDICATE_AGREE,
    PREDICATE_CLOSE,
    PREDICATE_SPAN,
    PREDICATE_WORDS,
    RARE,
    SHARED_OWN,
    SUBJECT_SHARE,
    SUBJECT_UNITS,
)
from sco_tui.analysis.claims.units import _Unit
from sco_tui.analysis.claims.values import _close, _kind
from sco_tui.analysis.claims.words import _clip, _name_stems, _surface
from sco_tui.analysis.lexicon import STOPWORDS
from sco_tui.analysis.text import content_stems, stem

_ITEM = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
_LIST = re.compile(rf"\b{_ITEM}(?:\s*,\s*(?:(?:and|or)\s+)?{_ITEM})+(?:,?\s+(?:and|or)\s+{_ITEM})?")


class _Scorer:
    """Pair scores of units, each computed once; the reasons (``link``) only for pairs that are shown."""

    def __init__(self, units: list[_Unit], vectors=None) -> None:
        self.units = units
        # the story's statistics count its sentences' clauses; a fact told as a noun repeats words of its sentence
        base = [u for u in units if not u.event] or units
        n = len(base)
        df = Counter(chain.from_iterable(u.stems for u in base))
        for s, k in Counter(s for u in units if u.event for s in u.stems).items():
            df.setdefault(s, k)  # the verbs an event noun derives from
        self.df = df
        self.idf = {s: math.log((n + 1) / (k + 0.5)) for s, k in df.items()}
        self.rare = max(2, int(RARE * n))  # a name in more units than this anchors nothing (the story's subject)
        names = set(chain.from_iterable(u.names for u in units))
        weight = {s: w * (NAME_WEIGHT if s in names else 1.0) for s, w in self.idf.items()}  # once a stem, not a unit
        self.weights = [{s: weight[s] for s in u.stems} for u in units]
        self.totals = [math.fsum(w.values()) for w in self.weights]  # exact: the same whatever the set order
        self._arrays: tuple | None = None
        self._stem_list: list[str] = []  # the stem of each id in ``_stem_arrays``
        self.anchor_names = [frozenset(s for s in u.names if df.get(s, 0) <= self.rare) for u in units]
        known = vectors is not None and len(vectors) == len(units)
        self.vectors = vectors if known else _embed([u.text for u in units])
        self.cache: dict[tuple[int, int], float] = {}
        self.sims: dict[tuple[int, int], float] = {}
        self._agreed: dict[tuple[int, int], float] = {}
        self._residual: tuple | None = None
        self._values_cache: dict[tuple[int, int], list[tuple[str, str, bool]]] = {}
        self._events: dict[tuple[int, int], bool] = {}
        self._story: frozenset[str] | None = None
        self._predicates: dict[tuple[int, int], tuple[str, str] | None] = {}
        self._predicate_rows: dict[int, object] = {}
        self._row_stems: list[str] = []  # the stem of each row of the word-vector matrix (``_residuals``)
        self._listed: dict[int, frozenset[str]] = {}
        self._beyond: dict[tuple[int, int], float | None] = {}

    def similarity(self, i: int, j: int) -> float:
        if self.vectors is None:
            return 0.0
        known = self.sims.get((i, j) if i < j else (j, i))
        return float(self.vectors[i] @ self.vectors[j]) if known is None else known

    def overlap(self, i: int, j: int) -> float:
        """IDF-weighted Jaccard of the two units' stems (names weigh more)."""
        wi = self.weights[i]
        both = math.fsum(wi[s] for s in self.units[i].stems & self.units[j].stems)
        either = self.totals[i] + self.totals[j] - both
        return both / either if either else 0.0

    @property
    def total_array(self):
        return self._stem_arrays()[0]

    @property
    def has_values(self):
        return self._stem_arrays()[1]

    @property
    def article_index(self):
        return self._stem_arrays()[2]

    def _stem_arrays(self):
        """Each unit's stems as ids with their weights (rows of a sparse matrix), for ``overlaps``."""
        if self._arrays is None:
            import numpy as np

            units = self.units
            ordered = [sorted(u.stems) for u in units]  # one order whatever the process's hash seed (sums follow it)
            flat = list(chain.from_iterable(ordered))  # C-level loops, not two appends a stem
            self._stem_list = list(dict.fromkeys(flat))  # stem of each id, first seen first
            ids = {st: k for k, st in enumerate(self._stem_list)}
            stems = np.fromiter(map(ids.__getitem__, flat), dtype=np.int64, count=len(flat))
            weight = np.fromiter(chain.from_iterable(map(w.__getitem__, st) for st, w in
                                                     zip(ordered, self.weights, strict=True)),
                                 dtype=np.float64, count=len(flat))
            lengths_a = np.fromiter(map(len, ordered), dtype=np.int64, count=len(units))
            owner = np.repeat(np.arange(len(self.units)), lengths_a)
            known = np.sort(owner * max(1, len(ids)) + stems)
            articles: dict[str, int] = {}
            self._arrays = (np.asarray(self.totals, dtype=np.float64),
                            np.asarray([bool(u.values) for u in self.units], dtype=bool),
                            np.asarray([articles.setdefault(u.article, len(articles)) for u in self.units],
                                       dtype=np.int64),
                            stems, weight, np.cumsum(lengths_a) - lengths_a,
                            lengths_a, known, max(1, len(ids)))
        return self._arrays

    def overlaps(self, left, right):
        """``overlap`` of many pairs at once (two index arrays): the left unit's stems looked up in the right's."""
        import numpy as np

        totals, _, _, stems, weight, start, lengths, known, width = self._stem_arrays()
        size = lengths[left]
        pair = np.repeat(np.arange(len(left)), size)
        at = np.repeat(start[left], size) + np.arange(int(size.sum())) - np.repeat(np.cumsum(size) - size, size)
        wanted = right[pair] * width + stems[at]
        where = np.minimum(np.searchsorted(known, wanted), len(known) - 1)
        both = np.bincount(pair, weights=weight[at] * (known[where] == wanted), minlength=len(left))
        either = totals[left] + totals[right] - both
        return np.divide(both, either, out=np.zeros_like(both), where=either != 0)

    def subject(self) -> frozenset[str]:
        """The story's subject: stems in at least ``SUBJECT_SHARE`` of the articles (two at least) and in three
        clauses or more."""
        return self._residuals()[0]

    def _residuals(self):
        """The subject, and for each unit the rows (in a word-vector matrix) and IDF weights of its other content
        words, one per stem."""
        if self._residual is None:
            import numpy as np

            arts = {u.article for u in self.units}
            need = max(2, math.ceil(SUBJECT_SHARE * len(arts)))
            base = [u for u in self.units if not u.event]
            per_article: dict[str, set[str]] = defaultdict(set)
            for u in base:
                per_article[u.article].update(u.stems)
            spread = Counter(chain.from_iterable(per_article.values()))  # articles a stem is in
            often = max(3, SUBJECT_UNITS * len(base))
            subject = frozenset(s for s, k in spread.items() if k >= need and self.df[s] >= often)
            self._story = frozenset(s for s, k in spread.items() if k >= need)  # ``story_words``
            surface: dict[str, str] = {}  # stem -> its shortest (then first in order) word form: one vector a stem
            per_unit: list[list[str]] = []
            for u in self.units:
                mine: dict[str, None] = {}
                for st, w in u.words:
                    if st in subject:
                        continue
                    mine[st] = None
                    known = surface.get(st)
                    if known is None or (len(w), w) < (len(known), known):
                        surface[st] = w
                per_unit.append(list(mine))
            stems = sorted(surface)
            row = {st: k for k, st in enumerate(stems)}
            matrix = _word_vectors([surface[st] for st in stems])
            flat = list(chain.from_iterable(per_unit))  # one array each, cut into views per unit (not 2 arrays a unit)
            at = np.cumsum([len(mine) for mine in per_unit])[:-1]
            ids = np.fromiter(map(row.__getitem__, flat), dtype=np.int64, count=len(flat))
            idf = np.fromiter(map(self.idf.__getitem__, flat), dtype=np.float64, count=len(flat))
            rows = list(zip(np.split(ids, at), np.split(idf, at), strict=True)) if per_unit else []
            self._residual = (subject, matrix, rows)
            self._row_stems = stems
        return self._residual

    def agreement(self, i: int, j: int) -> float:
        """How well what two units say beyond the story's subject agrees: each of their content words outside the
        subject is matched to the closest such word of the other (cosine of word embeddings; one stem, one vector),
        IDF-weighted, as an F1 of both directions (BERTScore's matching on static vectors). 1.0 when either says
        nothing beyond the subject (nothing to disagree on), or without the model."""
        key = (i, j) if i < j else (j, i)
        found = self._agreed.get(key)
        if found is None:
            _, matrix, rows = self._residuals()
            found = _matched_f1(matrix, *rows[key[0]], *rows[key[1]])
            self._agreed[key] = found
        return found

    def agreements(self, pairs: list[tuple[int, int]]) -> None:
        """``agreement`` of many pairs at once, into the cache: one product per unit against all its partners'
        words."""
        import numpy as np

        _, matrix, rows = self._residuals()
        by: dict[int, list[int]] = defaultdict(list)
        for i, j in pairs:
            key = (i, j) if i < j else (j, i)
            if key not in self._agreed:
                by[key[0]].append(key[1])
        for i, js in by.items():
            ri, wi = rows[i]
            js = list(dict.fromkeys(js))
            full = [j for j in js if len(rows[j][0])]
            if matrix is None or not len(ri) or not full:
                self._agreed.update(((i, j), 1.0) for j in js)
                continue
            self._agreed.update(((i, j), 1.0) for j in js if not len(rows[j][0]))
            sizes = np.fromiter((len(rows[j][0]) for j in full), dtype=np.int64, count=len(full))
            starts = np.cumsum(sizes) - sizes
            cols = np.concatenate([rows[j][0] for j in full])
            weights = np.concatenate([rows[j][1] for j in full])
            sims = (matrix[ri] @ matrix[cols].T).astype(np.float64)
            recall = wi @ np.maximum.reduceat(sims, starts, axis=1) / wi.sum()
            precision = np.add.reduceat(sims.max(axis=0) * weights, starts) / np.add.reduceat(weights, starts)
            total = recall + precision
            f1 = np.divide(2 * recall * precision, total, out=np.zeros_like(total), where=total > 0)
            self._agreed.update(zip(((i, j) for j in full), f1.tolist(), strict=True))

    def agrees(self, i: int, j: int) -> bool:
        """One fact: what they say beyond the subject agrees, and no figure of one in the other's place is too far
        from it to be the same quantity (``conflicting``)."""
        return (self.agreement(i, j) >= AGREE and not self.conflicting(i, j) and self.told_as_event(i, j) is not False
                and not self.other_predicates(i, j) and (self.beyond_list(i, j) or 1.0) >= AGREE)

    def listed(self, k: int) -> frozenset[str]:
        """The name stems of a unit's lists (three names or more in a row, joined by commas and "and"/"or")."""
        found = self._listed.get(k)
        if found is None:
            found = self._listed[k] = frozenset(chain.from_iterable(
                _name_stems(f" {m.group(0)}") for m in _LIST.finditer(self.units[k].text) if m.group(0).count(",") >= 2
                or " and " in m.group(0) or " or " in m.group(0)))
        return found

    def beyond_list(self, i: int, j: int) -> float | None:
        """Two clauses that list the same names (``LISTED`` or more of them: "Members include Iran, India,
        Pakistan, Kazakhstan …" / "The five Central Asian countries of Kazakhstan, Kyrgyzstan, Tajikistan … are
        ex-Soviet republics") state one fact only if what they say of the list agrees: ``agreement`` of their
        words with the shared names set aside too. ``None`` when they share fewer listed names (the list is not
        what they share)."""
        key = (i, j) if i < j else (j, i)
        if key in self._beyond:
            return self._beyond[key]
        shared = self.listed(i) & self.listed(j)
        found = None
        if len(shared) >= LISTED:
            import numpy as np

            _, matrix, rows = self._residuals()
            stems = self._row_stems
            (ri, wi), (rj, wj) = rows[key[0]], rows[key[1]]
            keep_i = np.fromiter((stems[r] not in shared for r in ri), dtype=bool, count=len(ri))
            keep_j = np.fromiter((stems[r] not in shared for r in rj), dtype=bool, count=len(rj))
            # one of them the list alone: nothing said of it to disagree on (1.0)
            found = _matched_f1(matrix, ri[keep_i], wi[keep_i], rj[keep_j], wj[keep_j])
        self._beyond[key] = found
        return found

    def story_words(self) -> frozenset[str]:
        """Stems in at least ``SUBJECT_SHARE`` of the story's articles (two at least), however few of its clauses hold
        them: what the story is about ("Supreme Court nominee Brett Kavanaugh … sexual assault allegations")."""
        if self._story is None:
            self._residuals()
        return self._story

    def other_predicates(self, i: int, j: int) -> tuple[str, str] | None:
        """Same subject, different predicate: when what the two clauses share is (nearly) all the story's words
        (``story_words``: no more than ``SHARED_OWN`` of the shared IDF weight outside them) and each has a main verb
        (``nominal.predicate``), their predicates (the verb and the words after it, up to ``PREDICATE_WORDS`` content
        words, the story's subject set aside) are compared word by word as in ``agreement``; under
        ``PREDICATE_AGREE`` they say different things of one subject. Returns the two predicates, else ``None``."""
        key = (i, j) if i < j else (j, i)
        if key in self._predicates:
            return self._predicates[key]
        self._predicates[key] = found = self._compare_predicates(*key)
        return found

    def _compare_predicates(self, i: int, j: int) -> tuple[str, str] | None:
        u, v = self.units[i], self.units[j]
        shared = u.stems & v.stems
        story = self.story_words()
        own = math.fsum(self.idf[s] for s in shared - story)
        total = math.fsum(self.idf[s] for s in shared)
        if not total or own > SHARED_OWN * total:
            return None
        told_i, told_j = self._predicates_of(i), self._predicates_of(j)
        if not told_i or not told_j:
            return None  # no predicate found, or a verb alone ("stopped"): too little to compare
        if any(_soft_f1(wi, wj, self.idf) >= PREDICATE_AGREE for _, wi, _ in told_i for _, wj, _ in told_j):
            return None  # one predicate of each agrees word by word: one fact
        vi, vj = self._predicate_vectors(i), self._predicate_vectors(j)
        if vi is None or vj is None or float((vi @ vj.T).max()) >= PREDICATE_CLOSE:
            return None  # in other words ("convened in Astana" / "met at a summit in Kazakhstan"): one fact
        return told_i[0][0], told_j[0][0]

    def _predicate_vectors(self, k: int):
        """The sentence embeddings of a unit's predicates (their first words), remembered."""
        if k not in self._predicate_rows:
            spans = [span for _, _, span in self._predicates_of(k)]
            self._predicate_rows[k] = _embed(spans) if spans else None
        return self._predicate_rows[k]

    def _predicates_of(self, k: int) -> list[tuple[str, list[str], str]]:
        """A unit's predicates (``nominal.predicates``), each as shown (the verb and what follows, clipped) with its
        first ``PREDICATE_WORDS`` content words (the subject's words kept: "meet" is the story's word and the verb)
        and its first ``PREDICATE_SPAN`` words as text; those of fewer than two content words are left out."""
        from sco_tui.analysis.nominal import predicates

        out = []
        for _, words in predicates(self.units[k].text):
            content = []
            for w in words:
                low = w.lower().replace("’", "'")
                if low in STOPWORDS or len(low) < 2 or low.isdigit():
                    continue
                content.append(low)
                if len(content) >= PREDICATE_WORDS:
                    break
            if len(content) >= 2:
                out.append((_clip(" ".join(words), 60), content, " ".join(words[:PREDICATE_SPAN])))
        return out

    def told_as_event(self, i: int, j: int) -> bool | None:
        """For a fact told as a noun (``_Unit.event``) against another clause: whether that clause tells it with a verb
        (one the noun derives from; the noun as a verb's object, owned by "his/its/their" or with the phrase's owner
        named; or a verb whose word embedding is within ``EVENT_VERB`` of the noun's); ``None`` when neither is such
        a unit. Two nouns are two mentions, not a stated fact (False)."""
        u, v = self.units[i], self.units[j]
        if not u.event and not v.event:
            return None
        if u.event and v.event:
            return False
        noun, other = (u, v) if u.event else (v, u)
        key = (i, j) if i < j else (j, i)
        found = self._events.get(key)
        if found is None:
            found = self._events[key] = self._tells(noun, other)
        return found

    def _tells(self, noun: _Unit, other: _Unit) -> bool:
        lemmas = _verb_lemmas(other.text)
        if set(noun.derived) & lemmas:
            return True
        owner = set(content_stems(re.split(r"[’']s\s", noun.text, maxsplit=1)[0]))
        if _object_of_verb(noun.event, other.text, bool(owner & other.stems)):
            return True  # the noun as a verb's object: "formalize its membership", "Clinton … won the nomination"
        if not lemmas:
            return False
        words = sorted(lemmas)
        vectors = _word_vectors([noun.event, *words])
        if vectors is None:
            return False
        return float((vectors[1:] @ vectors[0]).max()) >= EVENT_VERB

    def conflicting(self, i: int, j: int) -> bool:
        """Whether the units give values of one kind in the same context, all too far apart to be one quantity, and
        share no value (a close pair or a shared value says they may count the same thing)."""
        u, v = self.units[i], self.units[j]
        if not u.values or not v.values or u.values.keys() & v.values.keys():
            return False
        found = self._different_values(i, j)
        return bool(found) and not any(close for _, _, close in found)

    def differs(self, i: int, j: int) -> list[str]:
        """Values of one kind with the same neighbouring words that differ between the units, close enough to be one
        quantity told differently (``_close``)."""
        return [f"{x} / {y}" for x, y, close in self._different_values(i, j) if close]

    def conflicts(self, i: int, j: int) -> list[str]:
        """Values of one kind with the same neighbouring words too far apart to be one quantity told differently."""
        return [f"{x} / {y}" for x, y, close in self._different_values(i, j) if not close]

    def _different_values(self, i: int, j: int) -> list[tuple[str, str, bool]]:
        """``(x, y, close)`` for each value ``x`` of unit ``i`` and ``y`` of unit ``j`` of one kind and context that
        differ (remembered per pair: ``anchors``, ``differs`` and ``agrees`` all ask)."""
        found = self._values_cache.get((i, j))
        if found is None:
            found = self._values_cache[(i, j)] = self._compare_values(i, j)
        return found

    def _compare_values(self, i: int, j: int) -> list[tuple[str, str, bool]]:
        u, v = self.units[i], self.units[j]
        if not u.values or not v.values:
            return []
        out = []
        for x, near_x in u.values.items():
            for y, near_y in v.values.items():
                if x != y and x not in v.values and y not in u.values and _kind(x) == _kind(y) and near_x & near_y:
                    out.append((x, y, _close(x, y)))
        return out

    def anchors(self, i: int, j: int) -> int:
        """How many rare names and values (same or differing) the units share, up to 2."""
        u, v = self.units[i], self.units[j]
        found = 0  # names already weigh in the overlap; values anchor (same, or one kind differing)
        if u.values and v.values:
            found += len(u.values.keys() & v.values.keys()) + len(self.differs(i, j))
        return min(2, found)

    def score(self, i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        found = self.cache.get(key)
        if found is None:
            weight = EMBED_WEIGHT if self.vectors is not None else 0.0
            found = combine(self.similarity(i, j), self.overlap(i, j), self.anchors(i, j), weight)
            self.cache[key] = found
        return found

    def link(self, i: int, j: int) -> Link:
        """The pair's score and the reasons behind it."""
        if i > j:
            i, j = j, i
        u, v = self.units[i], self.units[j]
        names = sorted(self.anchor_names[i] & self.anchor_names[j], key=lambda s: (-self.idf.get(s, 0.0), s))
        shared = tuple(sorted(u.values.keys() & v.values.keys()) + [_surface(u.text, s) for s in names])
        return Link(u.article, v.article, self.score(i, j), self.similarity(i, j), self.overlap(i, j), shared,
                    tuple(self.differs(i, j)), self.agreement(i, j))

    def pair(self, i: int, j: int) -> tuple[float, Link]:
        return self.score(i, j), self.link(i, j)


def _matched_f1(matrix, ri, wi, rj, wj) -> float:
    """Each word (row of ``matrix``) of one side matched to the closest word of the other, IDF-weighted (``wi``,
    ``wj``), as an F1 of both directions; 1.0 when a side has no words (nothing to disagree on) or no vectors."""
    import numpy as np

    if matrix is None or not len(ri) or not len(rj):
        return 1.0
    sims = (matrix[ri] @ matrix[rj].T).astype(np.float64)
    recall = float(wi @ sims.max(axis=1)) / float(wi.sum())
    precision = float(sims.max(axis=0) @ wj) / float(wj.sum())
    total = recall + precision
    return 2 * recall * precision / total if total > 0 else 0.0


def combine(similarity: float, overlap: float, anchors: int, weight: float = EMBED_WEIGHT,
            bonus: float = ANCHOR_BONUS) -> float:
    """A pair's score from its three signals."""
    return weight * similarity + (1 - weight) * overlap + bonus * min(2, anchors) / 2


def _object_of_verb(noun: str, text: str, owner_named: bool) -> bool:
    """Whether ``text`` has ``noun`` as the object of a verb (a verb form among the three words before it, none of them
    a possessive: "Mueller's Russia investigation" is a mention), owned by "his/her/its/their" or, with the owner
    named elsewhere in the text, by an article."""
    from sco_tui.analysis.nominal import verb_lemma

    for m in re.finditer(rf"(?<![’'-])\b{re.escape(noun)}\b", text):
        before = re.findall(r"[\w’'-]+", text[max(0, m.start() - 80):m.start()])[-3:]
        if any(w.endswith(("’s", "'s")) for w in before):
            continue
        owned = any(w.lower() in ("his", "her", "its", "their") for w in before)
        if (owned or owner_named) and any(w.islower() and w not in _NOT_VERBS and verb_lemma(w) for w in before):
            return True
    return False


_NOT_VERBS = frozenset("his her its their the a an to of in on at for with by from be is are was were has have had do "
                       "does did".split())


@lru_cache(maxsize=65536)
def _verb_lemmas(text: str) -> frozenset[str]:
    from sco_tui.analysis.nominal import verb_lemmas

    return verb_lemmas(text)


def _soft_f1(left: list[str], right: list[str], idf: dict[str, float]) -> float:
    """Each word matched to the closest word of the other by word-embedding cosine, IDF-weighted, F1 of both
    directions (``_Scorer.agreement`` on two word lists); 1.0 without the model (nothing to disagree on)."""
    import numpy as np

    vectors = _word_vectors([*left, *right])
    if vectors is None:
        return 1.0
    sims = (vectors[:len(left)] @ vectors[len(left):].T).astype(np.float64)
    top = max(idf.values(), default=1.0)
    wl = np.asarray([idf.get(stem(w), top) for w in left])
    wr = np.asarray([idf.get(stem(w), top) for w in right])
    recall = float(wl @ sims.max(axis=1)) / float(wl.sum())
    precision = float(sims.max(axis=0) @ wr) / float(wr.sum())
    total = recall + precision
    return 2 * recall * precision / total if total > 0 else 0.0
