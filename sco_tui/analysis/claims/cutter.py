"""Cutting a sentence into the clauses that can each state a fact (``clauses``: opening phrases, asides, closing
attributions) and whether a clause can stand alone as a unit (``standalone``: fragments, names alone, headlines)."""

from __future__ import annotations

import re

from sco_tui.analysis.claims.rules import MIN_WORDS
from sco_tui.analysis.claims.values import _VALUE
from sco_tui.analysis.claims.words import _WORDS_OF
from sco_tui.analysis.lexicon import STOPWORDS

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
