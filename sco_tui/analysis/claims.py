"""Claims: facts told in each outlet's own words, aligned across articles, and from them what only
one outlet carries and what most carry that one leaves out.

Method (each claim keeps the reasons it was formed, so a screen can show them):

* Units are sentences and their clauses: a sentence is cut at semicolons and at a comma before a relative or linking
  word ("…, who …", "…, with …", "…, while …") when both sides are long enough to state something.
  A sentence with two facts gives two units and can so join two claims.
* Two units of different articles are compared on three signals: the cosine of their WordLlama
  embeddings (``similarity``: survives paraphrase), the IDF-weighted overlap of their content stems
  (names count more) and anchors: values they share, or values of the same kind with the same
  neighbouring words that differ (2001 against 2002: one fact, told differently). Shared names are
  shown as reasons but add nothing beyond the overlap: an extra bonus for them merged different facts
  about the same person.
  ``score = EMBED_WEIGHT * cosine + (1 - EMBED_WEIGHT) * overlap + ANCHOR_BONUS * min(anchors, 2) / 2``.
* Candidate pairs come from the embeddings' nearest neighbours and an inverted index of names,
  values and rarer stems (blocking: no all-pairs loop over words).
* Units are grouped best pair first with average linkage under two conditions: every pair in a
  claim scores at least ``FLOOR`` and the pairs average at least ``THRESHOLD``; a claim holds at most
  one unit per article (a claim of more than ``CORE`` members is judged by the ``CORE`` that formed it,
  which keeps big stories fast). There is no chaining through a hub: a sentence that says two things does not
  join two different facts into one claim.
* A unit then also joins every other claim whose members it matches on the same terms, so a
  sentence carries every fact it states (many-to-many).
* A within-story null (``distinct``): a clause about the story's subject scores well with many sentences
  of another article that state other facts about that subject. A pair seeds a claim only when, both ways,
  it leads the best rival sentence of the other article (one that does not restate the matched one) by
  ``MARGIN``; the pairs kept apart are recorded on the claim (``alignment.apart``) with the rival.
* One fact, not one subject (``_Scorer.agreement``): two sentences on one subject often score well while stating
  different facts ("could end DACA" / "rescinds DACA"; "nine Germans killed" / "six Germans wounded"). The words
  of the story's subject (in most of its articles and in a tenth of its clauses or more) are set aside and what
  remains of each clause is matched word by word to the other's (``_Scorer.agreement``); every pair of a claim
  agrees at least ``AGREE``. The pairs split so are recorded with the reason (``alignment.apart``), and each
  link shows its agreement.
* One quantity, not two (``_Scorer.conflicting``): values of one kind in the same context (neighbouring words) that
  differ are one quantity told differently, a discrepancy the claim shows ("2001 / 2002", "700,000 / 690,000"), only
  when close (numbers within a ratio of ``RATIO``, years ``YEARS`` apart, days of a month ``DAYS``); when every such
  pair is far apart and no value is shared ("more than 80 people killed" / "at least 7 people killed"), they count
  different things: no anchor, and the pair is kept apart with that reason. Set on the judged pairs of draws A–E:
  7 aligned pairs had differing values, 6 of them wrong, and the one right one (700,000 / 690,000) is close.
* Facts told as nouns (``_event_units``, ``_Scorer.told_as_event``): a possessive phrase headed by a noun that names an
  act, event, process or state ("Belarus’s full membership", "Moore’s denial", "Xi’s visit to Moscow"; the nouns come
  from a table derived from WordNet 3.0, ``nominal``) is a unit of its own, with the verbs its noun derives from among
  its words. It may join a claim only with a clause that tells the fact with a verb: one its noun derives from
  ("denied"), the noun as a verb's object ("formalize its membership"), or a verb whose word embedding is within
  ``EVENT_VERB`` of the noun ("join" / "membership" 0.48). Two such phrases are two mentions, not a stated fact. They
  are no rivals in ``distinct`` and do not count in the story's statistics (subject, IDF).
* Same subject, different predicate (``_Scorer.other_predicates``): when what two clauses share is (nearly) all the
  story's words (in ``SUBJECT_SHARE`` of its articles; at most ``SHARED_OWN`` of the shared IDF weight outside them),
  their predicates (main verb and object, ``nominal.predicate``; a verb of saying gives way to the clause it reports)
  must agree at least ``PREDICATE_AGREE`` word by word as in ``agreement``, or their sentence embeddings be at least
  ``PREDICATE_CLOSE`` close (closer than chance): "Kavanaugh … will get first look at the FBI report" and
  "Kavanaugh … won't testify until …" are kept apart, with both predicates as the reason.
* Coverage: an article whose clause scores above ``FLOOR`` against a claim's member but did not join it
  carries the claim in other words or in part (``alignment.partly``): it is not listed as leaving it out.

``THRESHOLD`` is the lowest score at which, on same-event groups of the AllSides sample, pairs
between articles of *different* events (same topic) stay under 10% of the pairs found between
articles of the same event: an estimated false discovery rate of at most 10%
(``benchmarks/alignment.py`` measures it).
"""

from __future__ import annotations

import math
import re
import threading
from bisect import bisect_right
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from sco_tui.analysis.evidence import Evidence
from sco_tui.analysis.lexicon import CALENDAR, STOPWORDS
from sco_tui.analysis.text import content_stems, sentences, stem, tokens
from sco_tui.corpus.model import Article

EMBED_WEIGHT = 0.6
ANCHOR_BONUS = 0.1
#: A claim's pairs average at least this: the 99th percentile of a clause's best score against an article
#: of a different event on the same topic (0.420 on the sample's 39 stories of 2+ outlets; benchmarks/alignment.py).
THRESHOLD = 0.42
#: No pair in a claim scores under this: the 95th percentile of the same (0.330).
FLOOR = 0.33
NEIGHBOURS = 12  # embedding neighbours looked at per unit
#: Embedding neighbours under this cosine are not looked at: such a pair reaches FLOOR only with an overlap the
#: word index finds (0.4 * overlap + ANCHOR_BONUS >= FLOOR - 0.6 * 0.3 needs shared rare words).
NEIGHBOUR_FLOOR = 0.3
PER_UNIT = 20  # units sharing the most rare words with a unit, looked at per unit
CORE = 8  # a claim is judged by its first members (those that formed it) when it grows past this
MIN_WORDS = 5
RARE = 0.1  # share of units a name may appear in and still count as an anchor
NAME_WEIGHT = 1.5
METHOD = "embeddings+lexical"
#: A pair must lead each clause's best rival sentence in the other article by this much (``distinct``). Set on 30
#: hand-judged shared claims of 29 full-set stories (Floyd, Kavanaugh and others; not the seeds), pairwise:
#: 0.05 splits 27% of the wrongly merged pairs and 5% of the right ones (0.08: 45% and 11%, and a seed fact
#: falls apart; 0.03: 15% and 5%).
MARGIN = 0.05
#: Two clauses are one fact only when what they say beyond the story's subject agrees at least this much
#: (``_Scorer.agreement``: their content words outside the subject, each matched to the closest such word of the other
#: by the cosine of word embeddings, IDF-weighted, F1 of both directions). Set on 123 pairs the alignment made, judged
#: by hand (full-set stories of 3+ outlets, never the seeds; ``benchmarks/claims_judged.json``), one pair at a time:
#: 0.30 keeps 87% of the right pairs and 53% of the wrong ones (0.25: 94% and 70%; 0.35: 84% and 40%). Through the
#: whole alignment (``claims_precision.py --check``) precision goes 57% -> 67%. 0.35 would split a little more wrong
#: than right, but recall on facts most outlets share comes first here.
AGREE = 0.3
#: A word in at least this share of a story's articles and in at least ``SUBJECT_UNITS`` of its clauses (the share at
#: which a name stops anchoring, ``RARE``) is the story's subject, not what a clause says about it.
SUBJECT_SHARE = 0.75
SUBJECT_UNITS = RARE
#: Two differing values of one kind are one quantity told differently (a discrepancy to show, ``Link.differs``) when
#: close: numbers within this ratio, years and days of a month this far apart. Further apart they are different
#: quantities ("more than 80 people killed" / "at least 7 people killed"; "52%" / "12%"): not one fact.
RATIO = 1.5
YEARS = 2
DAYS = 3
#: Same subject, different predicate (``_Scorer.other_predicates``): the gate applies when no more than this share of
#: the IDF weight two clauses share lies outside the story's words; then their predicates (verb and object, the first
#: ``PREDICATE_WORDS`` content words from the main verb) must agree at least ``PREDICATE_AGREE``.
SHARED_OWN = 0.1
PREDICATE_WORDS = 6
PREDICATE_AGREE = 0.3
#: ... and the sentence embeddings of the predicates (their first ``PREDICATE_SPAN`` words) must be at least this close:
#: the 99th percentile of the cosine between predicates of clauses of different stories (0.259; the sample's stories of
#: 2+ outlets, 3,938 pairs). Under it, what the two say of their subject is no closer than chance.
PREDICATE_SPAN = 12
PREDICATE_CLOSE = 0.26
#: A verb tells the fact an event noun names when their word embeddings are at least this close ("membership" / "join"
#: 0.48, "denial" / "deny" 0.66). A clause of a different event (the AllSides sample's stories of 2+ outlets: 300 event
#: nouns, each against 8 verbs of a clause of another story) has a verb this close in 2.3% of cases (0.30: 3.7%).
EVENT_VERB = 0.35
#: words beyond the story's subject that two sentences must each share with a third to match different parts of it
PART_WORDS = 3
#: two clauses sharing this many names of a list ("Iran, India, Pakistan …") must agree on what they say of it
LISTED = 3
_ITEM = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
_LIST = re.compile(rf"\b{_ITEM}(?:\s*,\s*(?:(?:and|or)\s+)?{_ITEM})+(?:,?\s+(?:and|or)\s+{_ITEM})?")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w’'-]+|\b[A-Z]{2,}\b")
_CLAUSE = re.compile(r";\s+|,\s+(?=(?:who|which|whose|while|whereas|although|though|but|with|amid|after|"
                     r"where|when|including|despite|because|as well as)\b)")
_ASIDE = re.compile(r"(?P<subject>(?:[A-Z][\w’'-]*\s?){1,4}|The\s+(?:[A-Z][\w’'-]*\s?){1,3}),\s+"
                    r"(?P<aside>(?:a|an|the|[a-z]+ed|[a-z]+en|once|now|long|home to)\s[^,;“”\"]+?),\s+"
                    r"(?P<rest>[a-z].*)$", re.DOTALL)
_LEAD = re.compile(r"(?P<lead>(?:[A-Z][a-z]+ed|Since|Ahead of|After|Before|During|Amid|Despite|Following|In|On|At|"
                   r"While|With|Under|As)\s[^,;“”\"]+?),\s+(?P<rest>(?:the\s|its\s|his\s|her\s|their\s|he\s|she\s|"
                   r"they\s|it\s|[A-Z]).*)$", re.DOTALL)
#: A closing attribution ("…,” the Russian president said.") says who, not what: a unit leaves it out.
_ATTRIBUTION = re.compile(r"[,;]?[”\"]?,?\s+(?:[^,.;]{0,60}\s)?(?:said|says|told\s[^,.;]{0,40}|added|stated|noted|"
                          r"wrote|according to\s[^,.;]{0,60})\.?$")
_LINKING = frozenset("who which whose while whereas although though but with amid after where when and or".split())
_REPORTING = re.compile(r"\b(?:said|says|told|added|according)\b")
_VALUE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d[\d,]*(?:\.\d+)?%?|\b(?:January|February|March|April|May|June|July|"
                    r"August|September|October|November|December)\s+\d{1,2}\b")


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
        parts.append(f"what they say beyond the story's subject agrees {min(agree):.2f} or more (at least {AGREE} "
                     "counts)")
        if self.shared:
            parts.append("they share " + ", ".join(self.shared[:5]))
        differs = sorted({" / ".join(sorted(d.split(" / "))) for link in self.links for d in link.differs})
        if differs:
            parts.append("the figures differ: " + ", ".join(differs[:3]))
        if self.overlaps:
            parts.append("it holds the same sentences as " + ", ".join(
                f"{k} ({n})" for k, n in sorted(self.overlaps.items(), key=lambda kn: (-kn[1], kn[0]))[:3])
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


@dataclass(slots=True)
class _Unit:
    article: str
    evidence: Evidence
    text: str
    stems: frozenset[str]
    names: frozenset[str]
    values: dict[str, frozenset[str]]  # value -> stems next to it
    words: tuple[tuple[str, str], ...] = ()  # (stem, word) of each content word, in order
    event: str = ""  # a fact told as a noun ("Belarus’s full membership"): its head noun (``_event_units``)
    derived: tuple[str, ...] = ()  # the verbs that head noun derives from ("passage" -> pass)


def clauses(text: str) -> list[str]:
    """A sentence cut into the clauses that can each state a fact (the sentence itself when it is one).

    An opening phrase ("Established in 2001 by Russia and China, the SCO …") is a fact of the words after
    it, when it carries a value of its own (a year, number or date: the fact a discrepancy needs); any other
    opening phrase stays with its clause, which is also a unit without it ("In his dissent, Kavanaugh wrote …");
    an aside between commas after a short subject ("The SCO, established in 2001 by China and Russia,
    includes …"; "Belarus, a close ally of Russia, is set to …") becomes a fact of that subject; a closing
    attribution ("…,” the president said.") is left out.
    """
    text = _unattributed(text.strip()).strip("“”\" ") or text
    lead = _LEAD.match(text)
    if lead and len(lead.group("lead").split()) >= 3 and len(lead.group("rest").split()) >= 4:
        if not _VALUE.search(lead.group("lead")):
            return [text, *clauses(lead.group("rest"))]  # the clause without its opening phrase, and with it
        head = _undangled(lead.group("rest").split()[:3])
        return [f"{lead.group('lead')} {head}", *clauses(lead.group("rest"))]
    aside = _ASIDE.match(text)
    if aside:
        subject, phrase, rest = aside.group("subject", "aside", "rest")
        first = subject.split()[0].lower()
        if (first == "the" or first not in STOPWORDS) and len(phrase.split()) >= 3 and len(rest.split()) >= 3 \
                and rest.split()[0] not in _LINKING and not _REPORTING.search(phrase):
            return [f"{subject} {phrase}", *clauses(f"{subject} {rest}")]
    parts = [p for p in _CLAUSE.split(text) if p]
    out: list[str] = []
    for p in parts:
        if out and (len(p.split()) < MIN_WORDS or len(out[-1].split()) < MIN_WORDS):
            out[-1] = f"{out[-1]}, {p}"
        else:
            out.append(p)
    return out


def _unattributed(text: str) -> str:
    """``text`` without a closing attribution; only its last ``_TAIL`` characters can hold one (the pattern's
    longest match), so only they are searched."""
    end = text[-80:]
    if "told" not in end and "according to" not in end and not text.rstrip(".").endswith(_SAID):
        return text  # none of the pattern's words where it could match: the search (backtracking) is skipped
    if len(text) <= _TAIL:
        return _ATTRIBUTION.sub("", text)
    return text[:-_TAIL] + _ATTRIBUTION.sub("", text[-_TAIL:])


_TAIL = 400
_SAID = ("said", "says", "added", "stated", "noted", "wrote")


def _undangled(words: list[str]) -> str:
    """Words with the function words that would dangle at their end dropped ("he described their" -> "he
    described")."""
    while len(words) > 1 and words[-1].lower().strip("“”\"',") in DANGLING:
        words = words[:-1]
    return " ".join(words)


def standalone(part: str, sentence: str) -> bool:
    """Whether a clause can state a fact on its own and so be a unit: the whole sentence can; a clause
    cut from it cannot (it stays in its sentence's unit only) when it is a short remainder (under ``MIN_WORDS``
    words), ends on a word that needs
    more (a determiner, preposition, complementiser or auxiliary: "… Kavanaugh wrote the"), or is a list or
    phrase tacked on with "with"/"including"/"like" that has no verb of its own ("with observer states like
    Turkey, Saudi Arabia and Egypt"), is a name alone, or a half of a sentence whose subject is in the other
    half ("but has not heard back …")."""
    words = _WORDS_OF.findall(part)
    if words and all(w[0].isupper() or w.lower() in STOPWORDS for w in words) and not _headline(words):
        return False  # a name, title or byline alone ("Senate Republican Leader Mitch McConnell"), even as a sentence
    if part == sentence:
        return True
    if len(words) < MIN_WORDS or words[-1].lower() in DANGLING or words[-1].lower() in _REPORTED:
        return False  # "… Mr. Romney said:": what was said is elsewhere
    first = words[0].lower()
    if first in _TACKED and not any(w.lower() in _AUXILIARY or _VERB_FORM.search(w) for w in words[1:]):
        return False
    if first in _JOINING:  # "but has not heard back …": the subject is in the other half
        nxt = next((w.lower() for w in words[1:] if w.lower() not in _ADVERBS), "")
        if nxt in _AUXILIARY or _VERB_FORM.search(nxt):
            return False
    return True


_WORDS_OF = re.compile(r"[\w’'-]+")
#: words that join a headline's parts and never a name's: "Putin and Xi to Meet at … Summit in Kazakhstan"
_HEADLINE_JOINS = frozenset(
    "to at in on for with as after over amid from into against will is are says say said".split())


def _headline(words: list[str]) -> bool:
    """Whether words in title case are a headline (a clause: six words or more, two kinds of joining words
    among them) rather than a name, title or byline."""
    return len(words) >= 6 and len({w.lower() for w in words} & _HEADLINE_JOINS) >= 2
#: Words a clause cannot end on and still say something whole.
DANGLING = frozenset("""the a an this that these those its his her their our my your whose of to in on at for with by
from as into about than whether if and or but nor is are was were be been being has have had do does did will
would can could shall should may might must not""".split())
_TACKED = frozenset("with including like such amid despite after".split())
_REPORTED = frozenset("said says told added wrote writes stated noted asked explained argued".split())
_JOINING = frozenset("but and or while whereas although though yet".split())
_ADVERBS = frozenset("also still not never rather then later now even only already just".split())
_AUXILIARY = frozenset("is are was were be been being has have had do does did will would can could shall should may "
                       "might must".split())
_VERB_FORM = re.compile(r"^[a-z]{2,}(?:ed|ing)$")


def _values(text: str) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    if not _DIGIT.search(text):  # every value has a digit: most clauses end here, without the longer pattern
        return out
    found = list(_VALUE.finditer(text))
    if not found:
        return out
    words = list(_WORD.finditer(text))
    ends = [w.end() for w in words]
    for m in found:
        value = m.group(0).rstrip(",.")
        at = bisect_right(ends, m.start())  # the word holding the value's first character
        at = at if at < len(words) and words[at].start() <= m.start() else 0
        near = " ".join(w.group(0) for w in words[max(0, at - 3): at + 4])
        out[value] = frozenset(x for x in content_stems(near) if x not in CALENDAR)
    return out


_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\S+")


@lru_cache(maxsize=65536)
def _close(x: str, y: str) -> bool:
    """Whether two values of one kind can be one quantity told differently: years at most ``YEARS`` apart, the same
    month's days at most ``DAYS`` apart, numbers within a ratio of ``RATIO`` (rounding, an estimate, a later count)."""
    kind = _kind(x)
    if kind == "year":
        return abs(int(x) - int(y)) <= YEARS
    if kind == "date":
        (mx, dx), (my, dy) = x.split(), y.split()
        return mx == my and abs(int(dx) - int(dy)) <= DAYS
    a, b = _number(x), _number(y)
    if a is None or b is None:
        return True
    lo, hi = sorted((abs(a), abs(b)))
    return hi == 0 or (lo > 0 and hi / lo <= RATIO)


def _number(value: str) -> float | None:
    try:
        return float(value.rstrip("%").replace(",", ""))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _kind(value: str) -> str:
    if re.fullmatch(r"(?:1[89]|20)\d\d", value):
        return "year"
    return "percent" if value.endswith("%") else "date" if value[0].isalpha() else "number"


def _units(articles: list[Article]) -> list[_Unit]:
    return [u for a in articles for u in _article_units(a.id, a.body)]


@lru_cache(maxsize=1024)
def _article_units(article_id: str, body: str) -> tuple[_Unit, ...]:
    """One article's units, remembered."""
    units = []
    for s in sentences(body):
        if len(s.text.split()) < MIN_WORDS:
            continue
        evidence = Evidence.of(article_id, s)
        parts = clauses(s.text)
        if len(parts) > 1:  # the whole sentence and the clauses that stand alone (a fragment stays in its sentence)
            parts = list(dict.fromkeys([s.text, *(p for p in parts if standalone(p, s.text))]))
        parts = [p for p in parts if p != s.text or standalone(p, p)]  # a sentence that is a name alone says nothing
        derived = _event_units(s.text, parts)
        for part in [*parts, *derived]:
            words = _content_words(part)
            words += tuple((stem(v), v) for v in derived.get(part, ()) if stem(v) not in {st for st, _ in words})
            stems = frozenset(st for st, _ in words)
            values = _values(part)
            if len(stems) < (2 if values else 3):
                continue
            names = frozenset(_name_stems(part))
            event = derived.get(part)
            units.append(_Unit(article_id, evidence, part, stems, names, values, words,
                               *((_head(part), event) if event is not None else ())))
    return tuple(units)


def _event_units(sentence: str, parts: list[str]) -> dict[str, tuple[str, ...]]:
    """A sentence's facts told as nouns (``nominal.event_phrases``: "Belarus’s full membership", "Xi’s visit to
    Moscow"), each a unit of its own with the verbs its noun derives from (matched as words of the unit: "passage"
    meets "passed"), so that it can align with a clause telling the fact with a verb."""
    from sco_tui.analysis.nominal import event_phrases

    if "’s " not in sentence and "'s " not in sentence:
        return {}
    return {phrase: verbs for phrase, verbs in event_phrases(sentence) if phrase not in parts}


def _head(phrase: str) -> str:
    """The head noun of an event phrase: its last lower-case word before a preposition ("visit" of "Xi’s visit to
    Moscow")."""
    words = re.findall(r"[\w’'-]+", phrase)
    head = ""
    for w in words[1:]:
        if not w.islower():
            continue
        if head and w in _PREPOSITIONS_AFTER:
            break
        head = w
    return head


_PREPOSITIONS_AFTER = frozenset("to of from in with against for on into over at the".split())


_CONTENT: dict[str, str | None] = {}  # token -> its stem when it carries content, else None (remembered)


def _content_words(text: str) -> tuple[tuple[str, str], ...]:
    """``(stem, word)`` of each content word of ``text`` (no stop words, one-letter words or numbers), in order;
    each token's verdict and stem remembered (the same as ``content_stems``, a dict look-up a word)."""
    out = []
    memo = _CONTENT
    for w in tokens(text):
        st = memo.get(w, _UNSEEN)
        if st is _UNSEEN:
            if len(memo) > 400_000:
                memo.clear()
            st = memo[w] = stem(w) if w not in STOPWORDS and len(w) > 1 and not w.isdigit() else None
        if st is not None:
            out.append((st, w))
    return tuple(out)


_UNSEEN = object()
_NAMES: dict[str, str | None] = {}  # a capitalised word -> its stem, None for a stop word (remembered)


def _name_stems(text: str) -> list[str]:
    """The stems of the capitalised words of ``text`` (``_NAME``) that are not stop words, each word's stem
    remembered."""
    out = []
    memo = _NAMES
    for m in _NAME.finditer(text):
        word = m.group(0)
        st = memo.get(word, _UNSEEN)
        if st is _UNSEEN:
            if len(memo) > 400_000:
                memo.clear()
            low = word.lower()
            st = memo[word] = None if low in STOPWORDS else stem(low)
        if st is not None:
            out.append(st)
    return out


_VECTORS: OrderedDict[tuple[str, str], object] = OrderedDict()  # (article id, body) -> its units' embeddings
_VECTORS_LOCK = threading.Lock()


def _vectors(articles: list[Article]):
    """The embeddings of the articles' units in ``_units`` order (``None`` without the model); the articles
    not seen before are embedded in one batch, and each article's rows are remembered."""
    keys = [(a.id, a.body) for a in articles]
    with _VECTORS_LOCK:
        known = {k: _VECTORS[k] for k in keys if k in _VECTORS}
    missing = list(dict.fromkeys(k for k in keys if k not in known))
    if missing:
        texts = [[u.text for u in _article_units(*k)] for k in missing]
        flat = _embed([t for ts in texts for t in ts])
        if flat is None:
            return None
        at = 0
        for k, ts in zip(missing, texts, strict=True):
            known[k] = flat[at:at + len(ts)]
            at += len(ts)
        with _VECTORS_LOCK:
            _VECTORS.update((k, known[k]) for k in missing)
            while len(_VECTORS) > 1024:
                _VECTORS.popitem(last=False)
    if not keys:
        return None
    import numpy as np

    return np.concatenate([known[k] for k in keys])


def prepare_claims(articles: list[Article]) -> None:
    """Make and remember the articles' units and embeddings ahead of ``find_claims`` (which then reuses them):
    work a caller can do while it waits for something else."""
    _vectors(articles)


def clear_caches() -> None:
    """Forget remembered units and embeddings (benchmarks time a cold start with it)."""
    _article_units.cache_clear()
    _CONTENT.clear()
    _NAMES.clear()
    _surfaces.cache_clear()
    with _VECTORS_LOCK:
        _VECTORS.clear()
    with _WORDS_LOCK:
        _WORDS.clear()


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
            import numpy as np

            _, matrix, rows = self._residuals()
            (ri, wi), (rj, wj) = rows[key[0]], rows[key[1]]
            if matrix is None or not len(ri) or not len(rj):
                found = 1.0
            else:
                sims = (matrix[ri] @ matrix[rj].T).astype(np.float64)
                recall = float(wi @ sims.max(axis=1)) / float(wi.sum())
                precision = float(sims.max(axis=0) @ wj) / float(wj.sum())
                total = recall + precision
                found = 2 * recall * precision / total if total > 0 else 0.0
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
            ri, wi, rj, wj = ri[keep_i], wi[keep_i], rj[keep_j], wj[keep_j]
            if matrix is None or not len(ri) or not len(rj):
                found = 1.0  # one of them is the list alone: nothing said of it to disagree on
            else:
                sims = (matrix[ri] @ matrix[rj].T).astype(np.float64)
                recall = float(wi @ sims.max(axis=1)) / float(wi.sum())
                precision = float(sims.max(axis=0) @ wj) / float(wj.sum())
                total = recall + precision
                found = 2 * recall * precision / total if total > 0 else 0.0
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


def _clip(text: str, most: int = 80) -> str:
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"


def _surface(text: str, s: str) -> str:
    """The first word of ``text`` whose stem is ``s`` (``s`` when none is)."""
    return _surfaces(text).get(s, s)


@lru_cache(maxsize=4096)
def _surfaces(text: str) -> dict[str, str]:
    """Each stem of ``text``'s words -> its first word (remembered: a claim's links ask for many stems of one text)."""
    out: dict[str, str] = {}
    for w in _WORDS_OF.findall(text):
        out.setdefault(stem(w.lower()), w)
    return out


def _embed(texts: list[str]):
    from sco_tui.analysis import similarity

    try:
        return similarity.embed(texts)
    except similarity.ModelUnavailable:
        return None  # the lexical signals alone: fewer paraphrases found, nothing wrong merged


_WORDS: dict[str, object] = {}  # word -> its embedding row (the vocabulary of news text is bounded)
_WORDS_LOCK = threading.Lock()


def _word_vectors(words: list[str]):
    """One embedding row per word (``None`` without the model), remembered across calls."""
    import numpy as np

    with _WORDS_LOCK:
        missing = [w for w in dict.fromkeys(words) if w not in _WORDS]
    if missing:
        found = _embed(missing)
        if found is None:
            return None
        with _WORDS_LOCK:
            if len(_WORDS) > 400_000:
                _WORDS.clear()
            _WORDS.update(zip(missing, found, strict=True))
    if not words:
        return np.zeros((0, 1), dtype=np.float32)
    with _WORDS_LOCK:
        return np.stack([_WORDS[w] for w in words])


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


def _joins(scorer: _Scorer, unit: int, members: list[int], threshold: float) -> bool:
    scores = [scorer.score(unit, m) for m in members[:CORE]]
    if min(scores) < FLOOR or sum(scores) / len(scores) < threshold:
        return False
    scorer.agreements([(unit, m) for m in members[:CORE]])
    return all(scorer.agrees(unit, m) for m in members[:CORE])


def _two_facts(scorer: _Scorer, s: float, i: int, j: int, apart: dict[int, list[Apart]]) -> None:
    """Record that a pair scoring ``s`` was kept apart because what it says beyond the subject disagrees."""
    units = scorer.units
    common = sorted((units[i].stems & units[j].stems) & scorer.subject(), key=lambda x: (-scorer.idf.get(x, 0.0), x))
    about = ", ".join(_surface(units[i].text, x) for x in common[:4]) or "the story"
    predicates = scorer.other_predicates(i, j)
    if predicates:
        why = (f"score {s:.2f}, but they share little beyond the story's words ({about}) and say different things of "
               f"it: “{predicates[0]}” / “{predicates[1]}” (verb and object agree under {PREDICATE_AGREE}): one "
               "subject, different predicates")
    elif scorer.told_as_event(i, j) is False:
        noun = units[i] if units[i].event else units[j]
        why = (f"score {s:.2f}, but “{_clip(noun.text)}” names a fact as a noun and the other "
               + ("does so too (two mentions, not a stated fact)" if units[i].event and units[j].event else
                  f"has no verb telling it (none derived from “{noun.event}” or within {EVENT_VERB} of it)")
               + ": different facts")
    elif (beyond := scorer.beyond_list(i, j)) is not None and beyond < AGREE:
        listed = sorted(scorer.listed(i) & scorer.listed(j), key=lambda x: (-scorer.idf.get(x, 0.0), x))
        names = ", ".join(_surface(units[i].text, x) for x in listed[:4]) + (", …" if len(listed) > 4 else "")
        why = (f"score {s:.2f}, but what they share is a list of names ({names}) and what they say of it agrees only "
               f"{beyond:.2f} (at least {AGREE} counts): one list, different facts")
    elif scorer.conflicting(i, j):
        why = (f"score {s:.2f}, but their figures are too far apart to be one quantity told differently "
               f"({', '.join(scorer.conflicts(i, j)[:3])}; within a ratio of {RATIO} counts): different facts")
    else:
        why = (f"score {s:.2f}, but beyond the story's subject ({about}) what they say agrees only "
               f"{scorer.agreement(i, j):.2f} (at least {AGREE} counts): one subject, different facts")
    apart[i].append(Apart(units[i].article, units[j].article, s, why))
    apart[j].append(Apart(units[j].article, units[i].article, s, why))


def find_claims(articles: list[Article], threshold: float = THRESHOLD) -> list[Claim]:
    """Claims, the most widely carried first; a sentence joins every claim it carries."""
    units = _units(articles)
    scorer = _Scorer(units, _vectors(articles))
    found = candidates(scorer)
    pairs, apart = distinct(scorer, found)
    cluster: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    arts: dict[int, set[str]] = {}  # a cluster's articles (clusters of one unit: looked up when needed)
    owner = list(range(len(units)))
    for sc, i, j in pairs:
        ci, cj = owner[i], owner[j]
        if ci == cj:
            continue
        a, b = cluster[ci], cluster[cj]
        arts_a = arts.get(ci) or {units[ci].article}
        arts_b = arts.get(cj) or {units[cj].article}
        if not arts_a.isdisjoint(arts_b):
            continue
        scores = [scorer.score(x, y) for x in a[:CORE] for y in b[:CORE]]
        if min(scores) < FLOOR or sum(scores) / len(scores) < threshold:
            continue  # average linkage between the two groups, and no pair below the floor
        if not scorer.agrees(i, j):  # one fact, not one subject (checked only for pairs that would merge: fast)
            _two_facts(scorer, sc, i, j, apart)
            continue
        scorer.agreements([(x, y) for x in a[:CORE] for y in b[:CORE]])
        if not all(scorer.agrees(x, y) for x in a[:CORE] for y in b[:CORE]):
            continue
        a.extend(b)
        for k in b:
            owner[k] = ci
        arts[ci] = arts_a | arts_b
        arts.pop(cj, None)
        del cluster[cj]
    # many-to-many: a unit also joins every other claim it matches as well as the members match each other
    extra: dict[int, list[int]] = defaultdict(list)
    partners: dict[int, set[int]] = defaultdict(set)
    for _, i, j in pairs:
        partners[i].add(owner[j])
        partners[j].add(owner[i])
    for i in range(len(units)):
        for c in partners[i]:
            if owner[i] == c or len(cluster[c]) < 2 or units[i].article in arts[c]:
                continue
            if _joins(scorer, i, cluster[c], threshold):
                extra[c].append(i)
                arts[c].add(units[i].article)
    order = {a.id: k for k, a in enumerate(articles)}
    claims: list[Claim] = []
    close: dict[int, list[tuple[float, int]]] = defaultdict(list)  # every pair above the floor, kept or not
    for sc, i, j in found:
        close[i].append((sc, j))
        close[j].append((sc, i))
    restated = {c: _restatements(scorer, members + extra.get(c, []), close, threshold)
                for c, members in cluster.items() if len(members) + len(extra.get(c, ())) > 1}
    told_again = {r for found_in in restated.values() for rs in found_in.values() for r, _, _ in rs}
    for c, members in cluster.items():
        if len(members) == 1 and c not in extra and members[0] in told_again:
            continue  # a clause another claim holds as its article telling that claim again is not unique
        claim = _claim(scorer, members + extra.get(c, []), order)
        claim.restated = {a: [Restated(units[r].evidence, units[r].text, mean, own) for r, mean, own in rs]
                          for a, rs in restated.get(c, {}).items()}
        if len(claim.sentences) >= _most(len(articles)):  # a claim some may leave out: who carries it in part
            claim.near = _near(scorer, members + extra.get(c, []), close)
        claim.apart = sorted((x for m in members for x in apart.get(m, ()) if x.b not in claim.sentences),
                             key=lambda x: -x.score)[:3]  # the closest calls
        claims.append(claim)
    claims = _drop_repeats(_merge_same_sentence_singletons(claims))
    claims.sort(key=lambda c: (-len(c.sentences), min(order[a] for a in c.sentences),
                               min(e.sentence for e in c.sentences.values())))
    for k, c in enumerate(claims, 1):
        c.id = f"c{k}"
    _mark_overlaps(claims)
    return claims


def _restatements(scorer: _Scorer, members: list[int], close: dict[int, list[tuple[float, int]]],
                  threshold: float) -> dict[str, list[tuple[int, float, float]]]:
    """Other sentences of the claim's articles that state it again (a lede told again in the body): a clause
    joins as its article's members would, on average at least ``threshold`` against the other articles'
    members with none under ``FLOOR`` and agreeing with each (``_joins``), and scores ``FLOOR`` or more against
    its own article's member (it restates that sentence, at least in part). Per article, ``(unit, mean, own)``
    for the best clause of each such sentence, in sentence order."""
    units = scorer.units
    mine = {units[m].article: m for m in members}
    held = {(units[m].article, units[m].evidence.sentence) for m in members}
    best: dict[tuple[str, int], tuple[int, float, float]] = {}
    for j in sorted({j for m in members for _, j in close.get(m, ())}):
        u = units[j]
        key = (u.article, u.evidence.sentence)
        own = mine.get(u.article)
        if own is None or key in held:
            continue
        others = [m for m in members if units[m].article != u.article]
        own_score = scorer.score(j, own)
        if own_score < FLOOR or not _joins(scorer, j, others, threshold):
            continue
        mean = sum(scorer.score(j, m) for m in others[:CORE]) / len(others[:CORE])
        if key not in best or mean > best[key][1]:
            best[key] = (j, mean, own_score)
    out: dict[str, list[tuple[int, float, float]]] = defaultdict(list)
    for (article, _), found in sorted(best.items()):
        out[article].append(found)
    return dict(out)


def _claim(scorer: _Scorer, members: list[int], order: dict[str, int]) -> Claim:
    units = scorer.units
    members = sorted(members, key=lambda k: (order[units[k].article], units[k].evidence.sentence))
    links = [scorer.link(x, y) for k, x in enumerate(members) for y in members[k + 1:]]
    best = max(members, key=lambda x: sum(scorer.score(x, y) for y in members if y != x))
    score = sum(link.score for link in links) / len(links) if links else 1.0
    return Claim("", units[best].evidence.text, {units[k].article: units[k].evidence for k in members},
                 {units[k].article: units[k].text for k in members}, links, score)


def _near(scorer: _Scorer, members: list[int], close: dict[int, list[tuple[float, int]]]) -> dict[str, Near]:
    """Articles outside the claim with a clause that scores above the floor against the claim (on average
    over its members) without joining it: they carry it in other words or in part, so they do not leave it
    out."""
    units = scorer.units
    inside = {units[m].article for m in members}
    core = members[:CORE]
    out: dict[str, Near] = {}
    for j in {j for m in members for _, j in close.get(m, ()) if units[j].article not in inside}:
        scores = [scorer.score(j, m) for m in core]
        mean = sum(scores) / len(scores)
        article = units[j].article
        if mean >= FLOOR and (article not in out or mean > out[article].score):
            best = max(core, key=lambda m: scorer.score(j, m))
            out[article] = Near(units[j].evidence, units[j].text, mean, units[best].article)
    return out


def _mark_overlaps(claims: list[Claim]) -> None:
    """A sentence is in several claims rightly when it states several facts, that is through different clauses.
    Two shared claims that hold two or more of the same sentences otherwise (through the same clause, or either
    through the whole sentence, which carries all its facts) may be one fact aligned twice, or one of them
    may hold a sentence it should not: each records the other (``overlaps``) so the screen says so."""
    def whole(c: Claim, a: str) -> bool:
        return c.clauses[a] == c.sentences[a].text or len(clauses(c.sentences[a].text)) < 2

    holders: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for c in claims:
        if len(c.sentences) > 1:
            for a, e in c.sentences.items():
                holders[(a, e.sentence)].append(c)
    count: dict[tuple[str, str], int] = Counter()
    for (a, _), held in holders.items():
        for k, x in enumerate(held):
            for y in held[k + 1:]:
                if whole(x, a) or whole(y, a) or x.clauses[a] == y.clauses[a]:
                    count[(x.id, y.id)] += 1
    by_id = {c.id: c for c in claims}
    for (x, y), n in count.items():
        if n >= 2:
            by_id[x].overlaps[y] = n
            by_id[y].overlaps[x] = n


def _drop_repeats(claims: list[Claim]) -> list[Claim]:
    """A claim whose very clauses another (larger or better-scored) claim already aligns tells nothing new."""
    keep: list[Claim] = []
    holding: dict[tuple[str, str], set[int]] = defaultdict(set)  # (article, clause) -> the kept claims with it
    for c in sorted(claims, key=lambda c: (-len(c.sentences), -c.score)):
        mine = set(c.clauses.items())
        if len(mine) > 1:
            # a kept claim holding all of ``mine`` is among those holding each of its clauses (no pass over all kept)
            held = set.intersection(*(holding.get(x, set()) for x in mine))
            if held:
                continue
        for x in mine:
            holding[x].add(len(keep))
        keep.append(c)
    return keep


def _merge_same_sentence_singletons(claims: list[Claim]) -> list[Claim]:
    """Clauses of one sentence that matched nothing make one unique claim, not one per clause."""
    out: list[Claim] = []
    alone: dict[tuple[str, int], Claim] = {}
    for c in claims:
        if len(c.sentences) > 1:
            out.append(c)
            continue
        [(article, evidence)] = c.sentences.items()
        key = (article, evidence.sentence)
        if key in alone:
            alone[key].clauses[article] = c.clauses[article] if c.clauses[article] == evidence.text else \
                f"{alone[key].clauses[article]} | {c.clauses[article]}"
            continue
        alone[key] = c
        out.append(c)
    return out


def claims_note() -> str:
    """How claims were aligned, in a sentence for the comparison's notes."""
    from sco_tui.analysis import similarity

    how = (f"embedding cosine ({similarity.MODEL}, offline)" if similarity.loaded()
           else "word overlap only (the embedding model could not be loaded)")
    return (f"Claims: clauses aligned across articles on {how}, IDF-weighted word overlap and shared names and "
            f"values; a claim's pairs average at least {THRESHOLD} and none is under {FLOOR} (average linkage, no "
            "chaining), thresholds set where chance matches between different events stay under 1 in 100; "
            f"a pair must also beat the best other sentence of the other article by {MARGIN} (what they share is "
            "then more than the story's subject); a sentence joins every claim it states; an outlet with a "
            "sentence close to a claim carries it in other words or in part and is not said to leave it out.")


def _most(n: int) -> int:
    """How many of ``n`` articles carry a claim that the others are said to leave out."""
    return max(2, n // 2 + 1)


def coverage(claims: list[Claim], article_ids: list[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """``(unique, omitted)``: per article, the claims only it carries, and the claims most articles
    carry that it leaves out."""
    most = _most(len(article_ids))
    unique: dict[str, list[str]] = {a: [] for a in article_ids}
    omitted: dict[str, list[str]] = {a: [] for a in article_ids}
    for c in claims:
        carriers = set(c.sentences)
        if len(carriers) == 1:
            unique[next(iter(carriers))].append(c.id)
        elif len(carriers) >= most:
            for a in article_ids:
                if a not in carriers and a not in c.near:  # a clause close to it: carried in other words or in part
                    omitted[a].append(c.id)
    return unique, omitted


def aligned_share(claims: list[Claim], articles: list[Article]) -> float:
    """Share of the articles' sentences (of ``MIN_WORDS`` words or more) that some claim aligns with
    another article's sentence."""
    total = sum(1 for a in articles for s in sentences(a.body) if len(s.text.split()) >= MIN_WORDS)
    aligned = {(a, e.sentence) for c in claims if len(c.sentences) > 1 for a, evs in c.carried.items() for e in evs}
    return len(aligned) / total if total else 0.0


__all__ = ["Claim", "Link", "Restated", "aligned_share", "claims_note", "clauses", "coverage", "find_claims",
           "prepare_claims"]
