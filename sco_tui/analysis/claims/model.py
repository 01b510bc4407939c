"""What the claims step finds: ``Claim`` (one fact in each outlet's words, with its sentences and why) and the reasons
it carries: ``Link`` (why two sentences are in one claim), ``Apart`` (a close pair kept apart), ``Near`` (a clause
close to a claim that did not join it), ``Restated`` (another sentence of an article stating the claim again)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sco_tui.analysis.claims.rules import AGREE, FLOOR, METHOD, THRESHOLD
from sco_tui.analysis.evidence import Evidence


@dataclass(slots=True)
class Link:
    """Why two articles' sentences are in one claim."""

    a: str
    b: str
    score: float
    similarity: float  # embedding cosine
    overlap: float  # weighted stem overlap
    shared: tuple[str, ...]  # names and values both carry
    differs: tuple[str, ...] = ()  # values of one kind that differ ("2001 / 2002")
    agreement: float = 1.0  # how well what they say beyond the story's subject agrees (``_Scorer.agreement``)

    def as_dict(self) -> dict[str, object]:
        return {"articles": [self.a, self.b], "score": round(self.score, 3), "similarity": round(self.similarity, 3),
                "overlap": round(self.overlap, 3), "shared": list(self.shared), "differs": list(self.differs),
                "agreement": round(self.agreement, 3)}


@dataclass(slots=True)
class Apart:
    """A pair that scored above the floor but was kept apart, and why."""

    a: str
    b: str
    score: float
    why: str

    def as_dict(self) -> dict[str, object]:
        return {"articles": [self.a, self.b], "score": round(self.score, 3), "why": self.why}


@dataclass(slots=True)
class Near:
    """An article's clause close to a claim (above the floor) that did not join it."""

    evidence: Evidence
    clause: str
    score: float
    to: str  # the article of the member it is close to

    def as_dict(self) -> dict[str, object]:
        return {"sentence": self.evidence.text, "clause": self.clause, "score": round(self.score, 3), "to": self.to,
                "why": f"carried in other words or in part: scores {self.score:.2f} against the claim's sentences "
                       f"(closest: {self.to}'s), above the floor {FLOOR} but under the threshold {THRESHOLD} or "
                       "not one fact with every one of them"}


@dataclass(slots=True)
class Restated:
    """Another sentence of an article already in a claim that states the claim again, and why it counts."""

    evidence: Evidence
    clause: str
    score: float  # its average score against the claim's sentences from the other articles
    own: float  # its score against its article's sentence in the claim

    def as_dict(self) -> dict[str, object]:
        return {"sentence": self.evidence.sentence, "clause": self.clause, "score": round(self.score, 3),
                "why": f"states it again: scores {self.score:.2f} on average against the other outlets' sentences "
                       f"(at least {THRESHOLD}, none under {FLOOR}, what it says agreeing with each) and "
                       f"{self.own:.2f} against this outlet's own sentence in the claim (at least {FLOOR})"}


@dataclass(slots=True)
class Claim:
    id: str
    text: str  # the sentence most like the others
    sentences: dict[str, Evidence] = field(default_factory=dict)
    clauses: dict[str, str] = field(default_factory=dict)  # article id -> the part of the sentence that matched
    links: list[Link] = field(default_factory=list)
    score: float = 1.0  # average score of the pairs (1.0 for a claim of one article)
    #: article -> its clause close to the claim but not in it (for claims most articles carry: those others
    #: could be said to leave out)
    near: dict[str, Near] = field(default_factory=dict)
    apart: list[Apart] = field(default_factory=list)  # pairs above the floor kept apart by ``distinct``
    #: claim id -> how many of the same sentences both hold other than through different clauses (``_mark_overlaps``)
    overlaps: dict[str, int] = field(default_factory=dict)
    #: claim id -> that claim's text, for saying which claim it is where ids are not shown
    overlap_texts: dict[str, str] = field(default_factory=dict)
    #: article -> its other sentences that state the claim again (a lede told again in the body), each with why
    restated: dict[str, list[Restated]] = field(default_factory=dict)

    @property
    def articles(self) -> list[str]:
        return list(self.sentences)

    @property
    def carried(self) -> dict[str, tuple[Evidence, ...]]:
        """Each article's sentences stating the claim: the one it rests on, then those that state it again."""
        return {a: (e, *(r.evidence for r in self.restated.get(a, ()))) for a, e in self.sentences.items()}

    @property
    def shared(self) -> list[str]:
        """Names and values that at least two of its sentences share."""
        seen = Counter(x for link in self.links for x in link.shared)
        return [x for x, _ in seen.most_common()]

    @property
    def why(self) -> str:
        """Why these sentences are one claim, in a line a screen can show (articles named by id)."""
        return self.reason()

    def reason(self, name: Callable[[str], str] = str) -> str:
        """``why``, with each article named by ``name`` (a screen names outlets)."""
        n = len(self.sentences)
        if n < 2:
            return "only this outlet states it"
        sims = [link.similarity for link in self.links]
        lo, hi = min(sims), max(sims)
        closeness = f"{lo:.2f}" if len(sims) == 1 or f"{lo:.2f}" == f"{hi:.2f}" else f"{lo:.2f}–{hi:.2f}"
        parts = [f"{n} outlets state it in like words: match {self.score:.2f}, where {THRESHOLD} or more counts as "
                 f"one fact (closeness of meaning {closeness}, plus the words, names and numbers they share)"]
        agree = [link.agreement for link in self.links]
        if min(agree) >= 0.995:
            parts.append("beyond the story's subject they say nothing that could disagree")
        else:
            parts.append(f"what they say beyond the story's subject agrees {min(agree):.2f} or more (at least {AGREE} "
                         "counts)")
        if self.shared:
            parts.append("they share " + ", ".join(self.shared[:5]))
        differs = sorted({" / ".join(sorted(d.split(" / "))) for link in self.links for d in link.differs})
        if differs:
            parts.append("the figures differ: " + ", ".join(differs[:3]))
        if self.overlaps:
            parts.append("it holds the same sentences as " + ", ".join(
                f"the claim “{self.overlap_texts[k]}” ({k}, {n} sentences)" if k in self.overlap_texts else f"{k} ({n})"
                for k, n in sorted(self.overlaps.items(), key=lambda kn: (-kn[1], kn[0]))[:3])
                + ", not through different clauses: perhaps one fact aligned twice, or a sentence in one of them "
                  "that says something else")
        if self.restated:
            parts.append("stated again in another sentence by " + ", ".join(
                f"{name(a)} (sentence {r.evidence.sentence + 1}, match {r.score:.2f})"
                for a, rs in self.restated.items() for r in rs[:2]))
        if self.near:
            nearest = sorted(self.near.items(), key=lambda an: -an[1].score)[:3]
            parts.append("also in part or in other words in " + ", ".join(
                f"{name(a)} (match {near.score:.2f})" for a, near in nearest))
        return "; ".join(parts)

    def as_dict(self) -> dict[str, object]:
        carried = self.carried
        return {"id": self.id, "text": self.text,
                "articles": {a: evs[0].text if len(evs) == 1 else [e.text for e in evs] for a, evs in carried.items()},
                "evidence": {a: evs[0].as_dict() if len(evs) == 1 else [e.as_dict() for e in evs]
                             for a, evs in carried.items()},
                "alignment": {"method": METHOD, "why": self.why, "score": round(self.score, 3), "threshold": THRESHOLD,
                              "shared": self.shared, "clauses": self.clauses,
                              "links": [link.as_dict() for link in self.links],
                              "partly": {a: n.as_dict() for a, n in self.near.items()},
                              "apart": [x.as_dict() for x in self.apart], "overlaps": self.overlaps,
                              "restated": {a: [r.as_dict() for r in rs] for a, rs in self.restated.items()}}}
