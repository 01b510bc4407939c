"""What a cue is, what each kind weighs and how a sentence's cues add up to a score.

Weights are set by a stated principle, not fitted to any annotated corpus. Each kind sits in one of
three tiers of *specificity* (how rarely its words have a neutral use):

* 0.5 — a word or pattern whose only job is to judge or to hide a source (a loaded word, a label,
  "critics say"): one is enough to look twice;
* 0.4 — a cue that changes how sure or how relevant the reader takes the sentence to be but has
  neutral uses too (a forecast, a factive or assertive verb, scare quotes, background): two of them,
  or one with a weak cue, make the sentence worth a second look;
* 0.25 / 0.2 — cues common in neutral prose (intensifiers, hedges) or resting on article-level
  evidence (only this outlet carries it; one voice dominates): they add up but never flag alone.

The two article-level cues (``CONTEXT_KINDS``) say where a sentence stands, not how it frames: they
count only alongside speculation or missing attribution in the sentence itself (a forecast no other
outlet carries is selection; a scare quote is not made stronger by being unshared, and background is
already defined as unshared, so neither counts twice).

A sentence's score is ``1 - prod(1 - w_i)`` (independent pieces of evidence), each kind counted with
diminishing returns for repeats; it is flagged at ``THRESHOLD`` = 0.5, i.e. one top-tier cue or two
corroborating lesser ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sco_tui.analysis.evidence import Evidence

THRESHOLD = 0.5
LEXICAL = "lexical"
INFORMATIONAL = "informational"

#: kind -> (family, weight)
KINDS: dict[str, tuple[str, float]] = {
    "loaded": (LEXICAL, 0.5),
    "label": (LEXICAL, 0.5),
    "scare_quote": (LEXICAL, 0.4),
    "factive": (LEXICAL, 0.4),
    "assertive": (LEXICAL, 0.4),
    "intensifier": (LEXICAL, 0.25),
    "hedge": (LEXICAL, 0.25),
    "unattributed": (INFORMATIONAL, 0.5),
    "speculation": (INFORMATIONAL, 0.4),
    "background": (INFORMATIONAL, 0.4),
    "unique": (INFORMATIONAL, 0.2),
    "one_sided": (INFORMATIONAL, 0.2),
}
CONTEXT_KINDS = frozenset({"unique", "one_sided"})
QUOTED_FACTOR = 0.5  # a lexical cue inside someone's quoted words is the speaker's word, half the outlet's
REPEAT_STEP = 0.5  # each repeat of a kind in one sentence adds half a cue, up to MAX_REPEATS
MAX_REPEATS = 3


@dataclass(frozen=True, slots=True)
class Cue:
    """One reason to look twice at a sentence: the words that triggered it and why they matter."""

    kind: str
    words: tuple[str, ...]
    why: str
    spans: tuple[tuple[int, int], ...] = ()  # character spans of ``words`` in the article body
    weight: float = 0.0

    @property
    def family(self) -> str:
        return KINDS[self.kind][0]

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "family": self.family, "words": list(self.words), "why": self.why,
                "weight": round(self.weight, 3), "spans": [list(s) for s in self.spans]}


@dataclass(slots=True)
class SentenceCues:
    """A sentence with at least one cue, its score (0-1) and whether a reader should look twice."""

    article: str
    evidence: Evidence
    cues: list[Cue] = field(default_factory=list)
    score: float = 0.0
    flagged: bool = False

    def family_score(self, family: str) -> float:
        return combine(c for c in self.cues if c.family == family)

    def as_dict(self) -> dict[str, object]:
        e = self.evidence
        return {"article": self.article,
                "sentence": {"index": e.sentence, "start": e.start, "end": e.end, "text": e.text},
                "cues": [c.as_dict() for c in self.cues], "score": round(self.score, 3), "flagged": self.flagged,
                "family_scores": {f: round(self.family_score(f), 3) for f in (LEXICAL, INFORMATIONAL)}}


def combine(cues) -> float:
    """``1 - prod(1 - w)`` over kinds; repeats of a kind count ``REPEAT_STEP`` each, up to ``MAX_REPEATS``;
    context cues only beside an informational cue of the sentence's own."""
    cues = list(cues)
    own_informational = any(c.family == INFORMATIONAL and c.kind not in CONTEXT_KINDS | {"background"} for c in cues)
    by_kind: dict[str, list[float]] = {}
    for c in cues:
        if c.kind in CONTEXT_KINDS and not own_informational:
            continue
        by_kind.setdefault(c.kind, []).append(c.weight)
    keep = 1.0
    for weights in by_kind.values():
        weights.sort(reverse=True)
        for i, w in enumerate(weights[:MAX_REPEATS]):
            keep *= (1 - w) ** (1.0 if i == 0 else REPEAT_STEP)
    return 1 - keep


def scored(article: str, evidence: Evidence, cues: list[Cue]) -> SentenceCues:
    score = combine(cues)
    return SentenceCues(article, evidence, cues, score, score >= THRESHOLD - 1e-9)
