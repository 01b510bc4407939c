"""Facts told as nouns and the verbs that tell facts, from a small table derived from WordNet 3.0.

* ``event_phrases``: a possessive phrase headed by a noun that names an act, event, process or state ("Belarus’s full
  membership", "the bill’s passage", "Xi’s visit to Moscow") states a fact as a noun; as a unit of its own it can align
  with a clause that states the fact with a verb ("Belarus will formally join the SCO"). The nouns and the verbs they
  derive from ("passage" -> pass) come from ``data/wordnet_words.tsv`` (``tools/wordnet_tables.py`` made it).
* ``predicate``: a clause's main verb and what follows it (its object), found without a tagger: the first verb form
  after a modal or auxiliary, else the first word the table knows as a verb in a finite form (past, third person)
  that does not follow a determiner. Two clauses on one subject that say different things of it differ here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

#: An owner and "’s": a name of up to four words, or "the"/"its" and a word ("the bill’s").
_OWNER = re.compile(r"(?:\b[A-Z][\w.-]*\s){0,3}\b[A-Z][\w.-]*[’']s\s|\b(?:[Tt]he|[Ii]ts)\s[a-z][\w-]*[’']s\s")
_PREPOSITIONS = frozenset("to of from in with against for on into over at".split())
_MODALS = frozenset("will would can could shall should may might must wo ca".split())
_AUX = frozenset("is are was were be been being has have had do does did".split())
_NEGATION = frozenset("not n't never also still just already now soon then reportedly likely".split())
_DETERMINERS = frozenset("a an the this that these those his her its their our my your some any no every each".split())
_WORD = re.compile(r"[\w’'-]+")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """``(events, verbs)``: event noun -> the verbs it derives from; verb form -> its lemma (lemmas map to
    themselves; irregular forms to their lemma)."""
    events: dict[str, tuple[str, ...]] = {}
    verbs: dict[str, str] = {}
    text = files("sco_tui.analysis").joinpath("data", "wordnet_words.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        kind, word, related = [*line.split("\t"), "", ""][:3]
        if kind == "event":
            events[word] = tuple(related.split())
        elif kind == "verb":
            verbs[word] = related or word
    return events, verbs


def event_verbs(noun: str) -> tuple[str, ...] | None:
    """The verbs an event noun derives from (``()`` for an event noun without one), ``None`` for other nouns."""
    return _tables()[0].get(noun)


def verb_lemma(word: str) -> str | None:
    """The lemma of a verb form ("joined" -> join, "took" -> take, "says" -> say), ``None`` when not a verb."""
    verbs = _tables()[1]
    w = word.lower().replace("’", "'")
    if w in verbs:
        return verbs[w]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
                         ("ing", "e"), ("d", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            base = w[: -len(suffix)] + repl
            if base in verbs:
                return verbs[base]
            if suffix in ("ed", "ing") and len(base) > 2 and base[-1] == base[-2] and base[:-1] in verbs:
                return verbs[base[:-1]]  # "stopped" -> stop
    return None


def event_phrases(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The possessive event phrases of a text, verbatim, each with the verbs its head derives from: an owner and
    "’s", up to two modifiers, a head noun that names an act, event, process or state, and a complement of a
    preposition and a name when one follows ("Xi’s visit to Moscow")."""
    out = []
    for m in _OWNER.finditer(text):
        after = list(_WORD.finditer(text, m.end()))[:6]
        for k, w in enumerate(after[:3]):
            word = w.group(0)
            if not word.islower() or (k and text[after[k - 1].end():w.start()].strip()):
                break  # a name, a number or punctuation ends the phrase
            verbs = event_verbs(word)
            if verbs is None:
                continue
            end = w.end()
            rest = after[k + 1:]
            if rest and rest[0].group(0) in _PREPOSITIONS and not text[end:rest[0].start()].strip():
                names = []
                for x in rest[1:]:
                    gap = text[(names[-1] if names else rest[0]).end():x.start()]
                    if gap.strip() or not (x.group(0)[0].isupper() or (not names and x.group(0) == "the")):
                        break
                    names.append(x)
                if names and names[-1].group(0)[0].isupper():
                    end = names[-1].end()
            out.append((text[m.start():end], verbs))
            break
    return out


#: Verbs of saying and thinking whose object is usually a clause ("said Tuesday that …"): the predicate is the reported
#: clause's. Verbs that as often take a plain object ("announced the wind-down", "confirmed the report") are not here.
REPORTING = frozenset("say tell add acknowledge claim argue insist write believe think suggest warn explain declare "
                      "maintain contend assert".split())


def predicate(text: str) -> tuple[str, list[str]] | None:
    """``(verb lemma, the words from the verb to the clause's end)`` of a clause's main verb (``_predicate``); for a
    verb of saying or knowing ("said that Canada and Mexico would be excluded") the reported clause's, when it has
    one."""
    found = _predicate(text)
    if found is None or found[0] not in REPORTING:
        return found
    rest = found[1][1:]
    if rest and rest[0].lower() in ("that", "on", "in", "to", "of"):
        rest = rest[1:]
    inner = _predicate(" ".join(rest)) if rest else None
    return inner if inner is not None else found


def predicates(text: str) -> list[tuple[str, list[str]]]:
    """Every predicate a clause states: its main verb's (``predicate``) and that of each relative clause set between
    commas ("Chaffetz, who started the letter with Graham, told Fox …" states both)."""
    found = [p for p in (predicate(text), *(predicate(m.group(0).strip(", ")) for m in _RELATIVE.finditer(text)))
             if p is not None]
    return list({(lemma, tuple(words)): (lemma, words) for lemma, words in found}.values())


_RELATIVE = re.compile(r",\s+(?:who|which|whose|where)\b[^,;]*,")


def _predicate(text: str) -> tuple[str, list[str]] | None:
    """``(verb lemma, the words from the verb to the clause's end)`` of a clause's main verb, ``None`` when none is
    found. The verb: the first verb form after a modal or auxiliary ("will move forward", "has denied", "won't
    testify"), else the first finite verb form the table knows (a past or third-person form, not after a determiner);
    a clause opening with a relative word ("who accused …, racked up …") has its main verb after the comma."""
    text = _RELATIVE.sub(",", text)  # "Ford, who accused Kavanaugh, racked up …": the relative clause is an aside
    words = _WORD.findall(text)
    lowered = [w.lower().replace("’", "'") for w in words]
    start = 0
    if lowered and lowered[0] in ("who", "which", "that", "whose"):
        comma = text.find(",")
        if comma > 0:
            start = len(_WORD.findall(text[:comma]))
    for k in range(start, len(lowered)):
        w = lowered[k]
        if w in _MODALS or w in _AUX or w.endswith("n't"):
            for j in range(k + 1, min(len(lowered), k + 4)):
                nxt = lowered[j]
                if nxt in _NEGATION or nxt in _AUX or nxt in _MODALS or nxt.endswith("ly"):
                    continue
                lemma = verb_lemma(nxt)
                if lemma:
                    return lemma, words[j:]
                break
            if w in _AUX and w not in ("do", "does", "did"):
                return "be" if w in ("is", "are", "was", "were", "be", "been", "being") else "have", words[k:]
            continue
        if k > start and lowered[k - 1] in _DETERMINERS:
            continue
        irregular = w in _tables()[1] and _tables()[1][w] != w  # "took", "met"
        if (w.endswith(("ed", "s")) or irregular) and not words[k][0].isupper():
            lemma = verb_lemma(w)
            if lemma and not w.endswith("'s"):
                return lemma, words[k:]
    return None




def verb_lemmas(text: str) -> frozenset[str]:
    """The lemmas of the words of a text that can be verb forms (lenient: "report" counts), not after "’s", a
    determiner, or a determiner and a word that is no verb (there they are nouns: "the partisan divide")."""
    words = _WORD.findall(text)
    out = set()
    for k, w in enumerate(words):
        if w[0].isupper() and k:
            continue
        low = w.lower()
        before = [x.lower() for x in words[max(0, k - 2):k]]
        if before and (before[-1] in _DETERMINERS or before[-1].endswith(("’s", "'s"))):
            continue  # "the divide", "Clinton’s win": a noun
        if len(before) == 2 and before[0] in _DETERMINERS and not verb_lemma(before[1]):
            continue  # "the partisan divide"
        lemma = verb_lemma(low)
        if lemma and lemma not in _AUX_LEMMAS:
            out.add(lemma)
    return frozenset(out)


_AUX_LEMMAS = frozenset("be have do will would can could shall should may might must".split())


__all__ = ["REPORTING", "event_phrases", "event_verbs", "predicate", "predicates", "verb_lemma", "verb_lemmas"]
