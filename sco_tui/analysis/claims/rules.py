"""The numbers claims are aligned by, each with how it was set (the method: the package's docstring).

They stand together rather than beside the code that reads them: one threshold is read in several modules (the
scorer, the candidate search, the claim assembly, and the explanations each claim and the comparison's note quote:
``THRESHOLD``, ``FLOOR``, ``AGREE``, ``MARGIN``), the calibrations refer to one another (``SUBJECT_UNITS`` is
``RARE``; ``NEIGHBOUR_FLOOR`` follows from the weights and ``FLOOR``), and a reader checking how the method is tuned
finds every number on one page.
"""

from __future__ import annotations

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
