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

Where it lives: ``rules`` (the numbers above, with how each was set), ``cutter`` (sentences into clauses),
``values`` and ``words`` (a clause's values, content words and names), ``units`` (what is aligned),
``embeddings`` (units and words embedded, remembered), ``scorer`` (a pair's score and the one-fact tests), ``pairs``
(candidate pairs and the ratio test), ``align`` (``find_claims``), ``model`` (the result types) and ``carriers``
(coverage). This module hands their names on: ``from sco_tui.analysis.claims import find_claims``.
"""

from __future__ import annotations

# Handed on besides ``__all__`` (noqa: F401): the numbers (``rules``) and the inner steps that tests and benchmarks
# reach as ``claims.X``. A test that patches a step patches it in the module that calls it (``claims.align``).
from sco_tui.analysis.claims.align import _two_facts, claims_note, find_claims  # noqa: F401
from sco_tui.analysis.claims.carriers import aligned_share, coverage
from sco_tui.analysis.claims.cutter import clauses, standalone  # noqa: F401
from sco_tui.analysis.claims.embeddings import _vectors, clear_caches, prepare_claims  # noqa: F401
from sco_tui.analysis.claims.model import Apart, Claim, Link, Near, Restated  # noqa: F401
from sco_tui.analysis.claims.pairs import _other_part, _shared_word_pairs, candidates, distinct  # noqa: F401
from sco_tui.analysis.claims.rules import (  # noqa: F401
    AGREE,
    ANCHOR_BONUS,
    CORE,
    DAYS,
    EMBED_WEIGHT,
    EVENT_VERB,
    FLOOR,
    LISTED,
    MARGIN,
    METHOD,
    MIN_WORDS,
    NAME_WEIGHT,
    NEIGHBOUR_FLOOR,
    NEIGHBOURS,
    PART_WORDS,
    PER_UNIT,
    PREDICATE_AGREE,
    PREDICATE_CLOSE,
    PREDICATE_SPAN,
    PREDICATE_WORDS,
    RARE,
    RATIO,
    SHARED_OWN,
    SUBJECT_SHARE,
    SUBJECT_UNITS,
    THRESHOLD,
    YEARS,
)
from sco_tui.analysis.claims.scorer import _object_of_verb, _Scorer, combine  # noqa: F401
from sco_tui.analysis.claims.units import _article_units, _Unit, _units  # noqa: F401
from sco_tui.analysis.claims.values import _close  # noqa: F401
from sco_tui.analysis.claims.words import _NAME, _content_words, _name_stems, _surface  # noqa: F401

__all__ = ["Claim", "Link", "Restated", "aligned_share", "claims_note", "clauses", "coverage", "find_claims",
           "prepare_claims"]
