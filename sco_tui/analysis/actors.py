"""Actors: people, countries and organisations each article names, with name variants merged
("Recep Tayyip Erdogan", "Erdogan", "the Turkish president"), counted per article, with where
each first appears and whether it is in the headline or lede.

No model: capitalised runs of words, split at titles ("Turkish President | Recep Tayyip Erdogan"),
classified by a few word lists, and merged by shared name tokens, acronyms and roles. A run that
cannot be classified is kept as "other" rather than guessed.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sco_tui.analysis.evidence import Evidence
from sco_tui.analysis.lexicon import (
    CALENDAR,
    COUNTRIES,
    DEMONYMS,
    OPENERS,
    ORG_WORDS,
    STOPWORDS,
    SUBJECT_VERBS,
    TITLES,
)
from sco_tui.analysis.text import TITLES as ABBREVIATED
from sco_tui.analysis.text import Sentence, sentences
from sco_tui.corpus.model import Article

TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w’'-]*[^\W_]|[^\W\d_]")
_CONTRACTION = re.compile(r"[’'](m|re|ve|ll|d|t)$", re.IGNORECASE)  # "I'm", "We're": pronouns, not names
CONNECTORS = frozenset("of for de al bin ibn van von zu la du del da di dos".split())
_ROLE = re.compile(r"\bthe\s+((?:[A-Z][\w-]+|[a-z]+)\s+)?(president|prime minister|foreign minister|chancellor|"
                   r"secretary-general|premier|king|leader|spokesperson|spokesman|spokeswoman)\b", re.IGNORECASE)
LEDE_SENTENCES = 2
# titles the shared list lacks, seen before names in the sample ("Goya Foods CEO Robert Unanue", "Gen. Mark Milley")
_TITLES = TITLES | frozenset("ceo cfo coo founder co-founder attorney sheriff gen col lt sgt capt adm rev sir lord sec "
                             "auditor treasurer comptroller clerk counsel solicitor administrator assistant "
                             "dame cardinal bishop archbishop rabbi imam commissioner superintendent coach "
                             "congressman congresswoman councilman councilwoman assemblyman assemblywoman "
                             "anchor correspondent columnist commentator".split())
#: title words that qualify a head title ("Foreign Minister", "Vice President", "Secretary of State") but are none
#: alone: "Fellow Fox newsian", "Veterans of Foreign Affairs" hold no title
_QUALIFIERS = frozenset("state foreign defense defence interior finance vice deputy prime fellow".split())
#: words that end organisations' names, besides the shared list ("Exxon Mobil Corp.", "Congressional Black Caucus")
_ORG_WORDS = ORG_WORDS | frozenset("corp co llc plc lp caucus coalition society club academy bureau conference "
                                   "convention networks airlines studios agencies commission centers centres "
                                   "institutes councils committees departments dept".split())
_SUFFIXES = frozenset("jr sr ii iii iv".split())
_LEGAL_FORMS = frozenset("inc corp co llc ltd plc lp ag sa gmbh".split())
#: two dotted initials name places ("D.C.", "N.Y.", "L.A."), except these bodies
_DOTTED_BODIES = frozenset({"U.N.", "E.U."})
_JOINERS = ("and", "&", "the", "on")  # "Belt and Road", "Procter & Gamble", "Meet the Press", "Committee on Ethics"
_NAME_STARTS = frozenset("new first second times two three".split())  # function words that open names
_PARTY_WORDS = frozenset("democratic republican democrat conservative liberal progressive libertarian".split())


@dataclass(frozen=True, slots=True)
class Mention:
    article: str
    sentence: int  # -1 for the headline
    start: int
    end: int
    surface: str
    kind: str  # person | country | organisation | other
    role: str = ""  # "turkish president" when the text gives one
    spoke: bool = False  # the subject of a speech verb here ("Biden said"): a speaker, so a person or a body


@dataclass(slots=True)
class Actor:
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    mentions: dict[str, int] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)  # first sentence index per article (-1: headline)
    prominent: dict[str, bool] = field(default_factory=dict)  # in the headline or lede
    evidence: list[Evidence] = field(default_factory=list)
    # article -> (sentence, start, end, role) of every mention: where pronouns and roles can find it
    spans: dict[str, list[tuple[int, int, int, str]]] = field(default_factory=dict)

    @property
    def articles(self) -> int:
        return len(self.mentions)

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "kind": self.kind, "aliases": self.aliases, "mentions": self.mentions,
                "first": self.first, "prominent": self.prominent,
                "evidence": [e.as_dict() for e in self.evidence]}


@functools.lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """A key for matching names: no accents, lower case, one spelling of -isation (remembered: names recur)."""
    if text.isascii():
        return _ISATION.sub("ization", text.casefold())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return _ISATION.sub("ization", text.replace("’", "'"))


_ISATION = re.compile(r"isation")


@functools.lru_cache(maxsize=50_000)
def _sentence_runs(text: str) -> tuple[tuple[tuple[int, int, str], ...], ...]:
    """The capitalised runs of one sentence, computed once for the counts and once for the mentions."""
    return tuple(tuple(run) for run in _runs(text))


def _runs(text: str) -> Iterable[list[tuple[int, int, str]]]:
    toks = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    run: list[tuple[int, int, str]] = []
    for i, (s, e, t) in enumerate(toks):
        gap = text[run[-1][1]:s] if run else ""
        initial = bool(run) and len(run[-1][2]) == 1 and run[-1][2].isupper()  # "Lynn A. Westmoreland"
        abbreviated = bool(run) and run[-1][2] in ("St", "Ft", "Mt")  # "St. Louis", "Ft. Worth"
        adjacent = bool(run) and (gap in (" ", "\xa0") or (gap == ". " and (initial or abbreviated)))
        cap = t[0].isupper()
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        joins = (t in CONNECTORS and run and adjacent and nxt is not None and nxt[2][0].isupper()
                 and text[e:nxt[0]] == " ")
        if (cap and (not run or adjacent)) or joins:
            run.append((s, e, t))
        else:
            if run:
                yield run
            run = [(s, e, t)] if cap else []
        if run and re.search(r"[’']s$", run[-1][2]):  # a possessive ends the name
            s2, e2, t2 = run[-1]
            run[-1] = (s2, e2 - 2, t2[:-2])
            yield run
            run = []
    if run:
        yield run


def _classify(run: list[tuple[int, int, str]], text: str, common: set[str], sentence_start: int,
              keep: frozenset[str] = frozenset(), counts: Counter[str] | None = None) -> Mention | None:
    """One capitalised run -> a mention (or None when it is not a name). `keep`: names the article writes
    mid-sentence, so a sentence-initial "New York" keeps its "New" although "new" is a common word; `counts`:
    ``run_counts`` of the texts compared (a surname written alone there names a person)."""
    run = _unglued(run)
    while run and ((run[0][2].lower() in STOPWORDS and not _name_start(run, sentence_start, text, keep))
                   or run[0][2].lower() in OPENERS or _CONTRACTION.search(run[0][2])
                   or (run[0][0] == sentence_start and run[0][2].lower() in common
                       and fold(text[run[0][0]:run[-1][1]]) not in keep
                       and not _name_start(run, sentence_start, text, keep)
                       and not _head_title(run[0][2]))):  # "Secretary of Commerce John Bryson was …" keeps its title
        run = run[1:]
    if (len(run) > 2 and run[0][0] == sentence_start and run[1][2] == "of" and _everyday(run[0][2])
            and not _head_title(run[0][2]) and not _org_word(run[0][2].lower())):
        run = run[2:]  # "Millions of Bangladeshis", "Most of Europe": an everyday word and "of" open the sentence
    if (len(run) == 1 and run[0][0] == sentence_start and fold(run[0][2]) not in keep and _everyday(run[0][2])
            and not re.match(r"\s+(?:also\s+)?(?:said|says|told|tells|added|wrote)\b", text[run[0][1]:run[0][1] + 16])):
        return None  # "Sure, …", "Nobody believes …", "Alas, …": an everyday word that opens a sentence
    if (len(run) == 1 and run[0][0] == sentence_start and fold(run[0][2]) not in keep
            and _adverb_or_gerund(run[0][2], text[run[0][1]:run[0][1] + 16])):
        return None  # "Ironically, …", "Rioting is …", "Remembering the …": no name opens the sentence
    whole = text[run[0][0]:run[-1][1]] if run else ""
    if run and fold(whole) in COUNTRIES:
        return Mention("", 0, run[0][0], run[-1][1], COUNTRIES[fold(whole)], "country")
    is_org = any(_org_word(t.lower()) for _, _, t in run)
    while (run and not is_org and len(run) > 1 and run[1][2].lower() not in TITLES
           and (run[0][2].lower() in DEMONYMS or (run[0][2].lower() in _PARTY_WORDS and len(run) > 2))):
        run = run[1:]  # "Chinese Xi Jinping" names Xi, "Libertarian Gary Johnson" Gary Johnson; "Asian Lite News" stays
    while run and run[-1][2].lower() in CONNECTORS:
        run = run[:-1]
    while run and run[0][2] in CONNECTORS:
        run = run[1:]  # "of Fort Lee" after a dropped title: the name is "Fort Lee"
    while len(run) > 1 and (run[-1][2].lower() in CALENDAR or (
            (run[-1][2].lower() in ("gov", "sen", "rep")
             or (run[-1][2] in ABBREVIATED and text[run[-1][1]:run[-1][1] + 1] == "."))
            and not any(t in ORG_WORDS for _, _, t in run))):
        run = run[:-1]  # "Bill Cassidy Friday", "New York Gov. Andrew Cuomo", "Homeland Security Sec. Tom Ridge"'
    if not run:
        return None
    words = [t for _, _, t in run]
    lowered = [w.lower() for w in words]
    start, end = run[0][0], run[-1][1]
    surface = text[start:end]
    if (len(words) == 1 and lowered[0] in _TITLES and counts is not None and counts[f"_ {lowered[0]}"]
            and not re.match(r"\.|\s+[A-Z]", text[end:end + 2])):
        return Mention("", 0, start, end, surface, "other")  # "Judge told …" after "Mark Judge": his surname
    if all(w in DEMONYMS or w in CALENDAR or w in _TITLES or w in _PARTY_WORDS or (w[-1:] == "s" and w[:-1] in _TITLES)
           for w in lowered):
        return None  # "Western", "Thursday", "Central Asian", "Democratic", "Senators": not actors
    if any(_head_title(w) for w in lowered) and all(
            _head_title(w) or w in COUNTRIES or w in DEMONYMS or w in _QUALIFIERS for w in lowered):
        return None  # "U.S. Ambassador", "Chinese Foreign Minister": a title, no one named
    if (2 <= len(words) <= 3 and lowered[-1] in _PARTY_WORDS and not any(_org_word(w) for w in lowered)):
        return None  # "Michigan Republican", "Florida-based Democratic": a description, not a name
    envoy = _ENVOY.search(text[max(0, start - 60):start])
    if envoy and len(run) >= 3:
        found = _envoy(run, text, envoy.group(0))
        if found is not None:
            return found  # "Ambassador to the United Nations Nikki Haley", "Ambassador to the Vatican Habib al Sadr"
    if len(words) == 1 and len(words[0]) == 1:
        return None  # a stray initial: "C" of "R-N.C."
    if len(words) == 1 and "-" in words[0]:
        head, _, tail = words[0].partition("-")
        if tail.lower() in ("led", "based", "backed", "born", "owned", "run", "made"):
            end, surface = start + len(head), head  # "US-led" names the US
        elif fold(head) in COUNTRIES:
            return Mention("", 0, start, start + len(head), COUNTRIES[fold(head)], "country")
        else:
            return None
    if fold(surface) in COUNTRIES:
        return Mention("", 0, start, end, COUNTRIES[fold(surface)], "country")
    heads = [i for i, w in enumerate(words) if _head_title(w)]
    k = heads[-1] if heads else -1  # "House Speaker Nancy Pelosi": the person after the title, not the House
    if 0 <= k < len(words) - 1 and not (len(words) == 2 and words[1].isupper()):
        if run[k + 1][2] in ("of", "for") and k + 2 < len(run):
            return _titled_of(run, k, text, counts)  # "Secretary of Commerce John Bryson", "Mayor of Fort Lee"
        if not any(_org_word(w) for w in lowered[k + 1:]):
            name_start = run[k + 1][0]
            role = " ".join(lowered[: k + 1])
            end = _before_of(run[k + 1:], end)
            return Mention("", 0, name_start, end, text[name_start:end], "person", role)
    dotted_place = re.fullmatch(r"(?:[A-Z]\.){2}", words[0]) is not None and words[0] not in _DOTTED_BODIES
    if any(_org_word(w) for w in lowered) or (len(words) == 1 and words[0].isupper() and len(words[0]) >= 2
                                               and not dotted_place):
        return Mention("", 0, start, end, surface, "organisation")  # "D.C.", "N.Y." are places: "other" below
    if all(w in _TITLES for w in lowered):
        return None
    before = text[max(0, start - 40):start].split()
    title = before[-1].lower().strip(",.") if before else ""
    if title and (_head_title(title) or (title.endswith("s") and _head_title(title[:-1]))) and not (
            len(words) == 1 and lowered[0].removesuffix("s") in _PARTY_WORDS):  # "Sens. Roy Blunt", not "President
        # Republicans voted for" or "state IDs"
        role_words = [w.lower() for w in before[-3:] if w[:1].isalpha()]
        end = _before_of(run, end)  # "Rep. Mike Pompeo of Kansas" names Mike Pompeo
        return Mention("", 0, start, end, text[start:end], "person", " ".join(role_words))
    if fold(surface) in COUNTRIES:
        return Mention("", 0, start, end, COUNTRIES[fold(surface)], "country")
    after = text[end:end + 30]
    verb = re.match(r",?\s*([a-z]+)(?:\s+([a-z]+))?", after)  # "Patti Masten, said", "Lee also said"
    spoke = bool(verb and (verb.group(1) in SUBJECT_VERBS or verb.group(2) in SUBJECT_VERBS)) or bool(
        re.search(r"\b(?:said|says|added|wrote)\s+$", text[max(0, start - 12):start])  # "told CNN.": CNN listened
        and re.match(r"\s*(?:[,.;]|$)", after))
    # "Nigel Gould-Davies, a senior fellow…", "Carl Goldman, 66, …", "Andrew Gillum, Tallahassee's former mayor"
    described = bool(re.match(r", (?:a|an|the|who|whose|\d{1,3},|[A-Z][\w.-]*(?: [A-Z][\w.-]*)?[’']s [a-zA-Z]) ",
                              after)) or _role_after(text[end:end + 60])
    if _PLACED.search(text[max(0, start - 16):start]):
        # "in the Isle of Wight, an island", "lawmakers on Capitol Hill announced", "which the Washington Examiner
        # highlighted": a place or a thing with "the", not a person speaking
        spoke = described = False
    kind = "person" if (spoke or described) and 2 <= len(words) <= 4 else "other"
    if kind == "person" and len(run) >= 3 and run[1][2] in ("of", "from") and _surname(run[0][2], counts, keep):
        end = run[0][1]  # "Shivakoti of Columbia said": the surname, not the place after it
        surface = text[start:end]
    return Mention("", 0, start, end, surface, kind, spoke=spoke)


#: a place, or a name with "the" before it: "in the …", "at …", "the …" (people's names take no "the")
_PLACED = re.compile(r"(?:\b(?:in|at|on|near|from|to|into|across|outside|inside|through)\s+(?:the\s+)?|\bthe\s+)$")
#: "U.S. Ambassador to the United Nations …", "Envoy to Russia …": the title's place or body, then the name
_ENVOY = re.compile(r"\b(?:[Aa]mbassadors?|[Ee]nvoys?|[Rr]epresentatives?|[Dd]elegates?|[Aa]dvis[eo]rs?)\s+to\s+"
                    r"(?:the\s+)?$")


def _envoy(run: Run, text: str, title: str) -> Mention | None:
    """The person after "Ambassador to the <place or body>": the run's words after the longest opening that is a
    country, holds a body's word or is the title's whole domain, when two or three name words are left."""
    for i in range(len(run) - 2, 0, -1):
        head = fold(text[run[0][0]:run[i - 1][1]])
        rest = run[i:]
        if not (head in COUNTRIES or any(_org_word(t.lower()) for _, _, t in run[:i])):
            continue
        if 2 <= len(rest) <= 3 and all(t[0].isupper() or t in CONNECTORS for _, _, t in rest):
            role = f"{' '.join(title.lower().split())} {head}"
            return Mention("", 0, rest[0][0], rest[-1][1], text[rest[0][0]:rest[-1][1]], "person", role)
    return None


def _head_title(word: str) -> bool:
    """A title that heads a role ("Secretary", "Sen."), not a word that only qualifies one ("Foreign", "Fellow")."""
    w = word.lower().rstrip(".").removesuffix("-elect")  # "President-elect Joe Biden"
    if "-" in w and w not in _TITLES and w.rpartition("-")[2] in _TITLES:
        w = w.rpartition("-")[2]  # "Vice-President Mike Pence"
    if w not in _TITLES and w.endswith("s") and w[:-1] in _TITLES:
        w = w[:-1]  # "Vice Presidents Joe Biden and …"
    return w in _TITLES and w not in _QUALIFIERS


def _org_word(word: str) -> bool:
    """A word that ends an organisation's name, alone or as part of a hyphenated word ("Agency-Energy")."""
    return word in _ORG_WORDS or ("-" in word and any(p in _ORG_WORDS for p in word.split("-")))


def _titled_of(run: Run, k: int, text: str, counts: Counter[str] | None) -> Mention | None:
    """A title followed by "of"/"for" (``run[k]`` the title): "Secretary of Commerce John Bryson" names John
    Bryson, a secretary of commerce; "CEO of Exxon Mobil Corp" and "Mayor of Fort Lee" name no person, only the
    body or place the title belongs to. The name is the last two words (three with an initial or a suffix), taken
    when the texts also write its last word alone ("Bryson said") or when words are left for the domain; never a
    name holding a title, a body's word, a country, a people or a day."""
    rest = run[k + 2:]
    lowered = [t.lower().rstrip(".") for _, _, t in rest]
    size = 3 if len(rest) >= 3 and (len(rest[-2][2]) == 1 or lowered[-1] in _SUFFIXES) else 2
    name, domain = rest[-size:], rest[:-size]
    whole = text[rest[0][0]:rest[-1][1]]
    plausible = len(rest) >= size and not any(
        w in _TITLES or _org_word(w) or w in COUNTRIES or w in DEMONYMS or w in CALENDAR for w in lowered[-size:])
    if len(rest) == 2 and plausible and counts is not None and counts[fold(rest[-1][2])] > 0:
        name, domain = rest[-1:], rest[:-1]  # "Secretary of Commerce Bryson", Bryson written alone elsewhere
    elif not plausible or not domain or (counts is not None and counts[fold(name[-1][2])] == 0 and len(rest) < 3):
        if fold(whole) in COUNTRIES:
            return Mention("", 0, rest[0][0], rest[-1][1], COUNTRIES[fold(whole)], "country")
        if len(rest) == 1 and (lowered[0] in _QUALIFIERS or _everyday(lowered[0])):
            return None  # "Secretary of State", "Minister of Finance": a title alone
        kind = "organisation" if any(_org_word(w) for w in lowered) else "other"
        return Mention("", 0, rest[0][0], rest[-1][1], whole, kind)
    role = " ".join(t.lower() for _, _, t in run[:k + 2] + domain)
    return Mention("", 0, name[0][0], name[-1][1], text[name[0][0]:name[-1][1]], "person", role)


def _name_start(run: Run, sentence_start: int, text: str, keep: frozenset[str]) -> bool:
    """Whether a function word opens a name: "New York", "First Amendment", "Times Square" mid-sentence (or
    written so mid-sentence elsewhere), not "The" or "This"."""
    return (len(run) > 1 and run[0][2].lower() in _NAME_STARTS
            and (run[0][0] != sentence_start or run[0][2] == "New" or fold(text[run[0][0]:run[-1][1]]) in keep))


def _unglued(run: Run) -> Run:
    """Cut a run where a link's text was glued to the name before it (The Hill: "Trump Donald John TrumpTrump
    taps …", "Charles Schumer Charles (Chuck) Ellis SchumerOvernight …"): at a repeated word, or after the word
    a glued token repeats."""
    seen: dict[str, int] = {}
    for i, (_, _, t) in enumerate(run):
        low = t.lower()
        if low in seen and low not in CONNECTORS and low not in _JOINERS:
            return run[:i]
        glued = re.match(r"([A-Z][a-z’'-]+)[A-Z]", t)
        if glued and glued.group(1).lower() in seen:
            return run[:seen[glued.group(1).lower()] + 1]
        seen.setdefault(low, i)
    return run


def _before_of(run: list[tuple[int, int, str]], end: int) -> int:
    """Where a person's name ends before "of Georgia" / "for Texas" (a place or body, not the name)."""
    for i in range(1, len(run) - 1):
        if run[i][2] in ("of", "for"):
            return run[i - 1][1]
    return end


#: a person's role right after the name, with no article: "Christopher Laxton, executive director of …", "John
#: Rowe, former CEO of …", "Tamara Kanetzka, professor of …"
_ROLE_AFTER = re.compile(r", (?:(?:former|then|acting|interim|deputy|senior|chief|executive|managing|associate|"
                         r"assistant|vice|co)[\s-]+){0,3}([a-z]+|CEO|CFO|COO)(?: officer)?,? (?:of|at|for|to|with)\s")


def _role_after(after: str) -> bool:
    m = _ROLE_AFTER.match(after)
    return m is not None and (m.group(1).lower() in _TITLES or m.group(1).lower() in ("executive", "editor",
                                                                                      "economist", "lawyer"))


def _surname(word: str, counts: Counter[str] | None, keep: frozenset[str]) -> bool:
    """A word that can be a surname standing for a person: not an everyday word ("Gang", "Socialists") and written
    alone somewhere in the texts compared ("Shivakoti, the epidemiologist at Columbia, agreed")."""
    if _everyday(word) or (word.endswith("s") and _everyday(word[:-1])):
        return False
    return counts is None or counts[fold(word)] > 0 or fold(word) in keep


def _adverb_or_gerund(word: str, after: str) -> bool:
    """A capitalised word that opens a sentence as an adverb before a comma ("Ironically,", "Consequently,") or as a
    verb's -ing form ("Rioting is", "Remembering the"): the word without its ending is a common English word, and
    no speech verb follows (a name would speak: "Manning said")."""
    from wordfreq import zipf_frequency

    low = word.lower()
    if re.match(r"\s+(?:also\s+)?(?:said|says|told|tells|added|wrote|was|is|has|had)\b", after):
        return False
    if low.endswith("ly") and len(low) > 5 and after.startswith(","):
        stems = [low[:-2], low[:-4] if low.endswith("ically") else ""]
        return any(s and zipf_frequency(s, "en") >= 2.8 for s in stems)
    if low.endswith("ing") and len(low) > 5 and re.match(r"\s+[a-z]", after):
        stem = low[:-3]
        stems = [stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""]
        return any(s and zipf_frequency(s, "en") >= 3.5 for s in stems)
    return False


def _everyday(word: str) -> bool:
    """A word so common in English that, capitalised only at a sentence's start, it is not a name."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") >= 4.0


Run = list[tuple[int, int, str]]


def _joined(text: str, runs: list[Run], counts: Counter[str]) -> list[Run]:
    """Join runs that only ever occur together across "and", "&", "the", "on": "the Belt and Road", "Meet the
    Press", "Procter & Gamble". A side the texts also write alone ("Trump and Biden", "Moscow and Beijing"),
    countries, two plurals ("Democrats and Republicans") or two full names stay apart."""
    out: list[Run] = []
    for run in runs:
        if out:
            prev = out[-1]
            gap = text[prev[-1][1]:run[0][0]]
            joiner = gap.strip()
            a, b = fold(text[prev[0][0]:prev[-1][1]]), fold(text[run[0][0]:run[-1][1]])
            marked = (joiner == "&" or (joiner == "and" and text[:prev[0][0]].endswith(("the ", "The ", "’s ", "'s ")))
                      or (joiner in ("the", "on") and len(prev) == 1))
            if (joiner in _ORG_JOINERS and gap == f" {joiner} " and _org_tail(prev, run)
                    and (text[:prev[0][0]].endswith(("the ", "The ", "a ", "A ", "former ")) or prev[0][2] == "The"
                         or _head_title(run[-1][2])
                         or any(_head_title(t) for _, _, t in run[1:-1]))  # a body's title before a name
                    and counts[a] == counts[f"{a} {joiner} >"] and counts[b] == counts[f"< {joiner} {b}"]):
                out[-1] = [*prev, (prev[-1][1] + 1, prev[-1][1] + 1 + len(joiner), joiner), *run]
                continue  # "House Ways and Means Committee", "National Right to Life Committee"
            if (joiner in _JOINERS and gap == f" {joiner} " and marked
                    and counts[a] == counts[f"{a} {joiner} >"] and counts[b] == counts[f"< {joiner} {b}"]
                    and not (len(prev) >= 2 and len(run) >= 2) and not (a.endswith("s") and b.endswith("s"))
                    and not any(x in COUNTRIES or x in DEMONYMS or x in ORG_WORDS for x in (a, b))
                    and not any(t.lower().rstrip(".") in _TITLES for _, _, t in prev + run)):
                out[-1] = [*prev, (prev[-1][1] + 1, prev[-1][1] + 1 + len(joiner), joiner), *run]
                continue
        out.append(run)
    return out


_ORG_JOINERS = ("and", "to", "&")


def _org_tail(left: Run, right: Run) -> bool:
    """Whether two runs around "and"/"to" after "the" may be one organisation's name ("the House Ways and Means
    Committee", also before a title and a name: "House Ways and Means Committee Chairman Dave Camp"): the right
    one holds a word that names a body ("Means Committee", not "Senate" alone), last or before a title, and starts
    no new name ("The Associated Press"); the left does not end on one (two bodies are two actors) and is no
    plural word ("the Marines and Army"); no title, country or people in the name. That neither side stands alone
    in the texts is the caller's test."""
    body = next((j for j, (_, _, t) in enumerate(right) if t.lower() in ORG_WORDS
                 and (j == len(right) - 1 or _head_title(right[j + 1][2]))), -1)
    words = [t.lower() for _, _, t in left + right[:body + 1]]
    return (body >= 1 and right[0][2] != "The"
            and not (len(left) == 1 and left[0][2].endswith("s"))
            and left[-1][2].lower() not in ORG_WORDS
            and not any(_head_title(w) or w in DEMONYMS for w in words)
            and not any(w in COUNTRIES for w in (words[1:] if any(_org_word(t.lower()) for _, _, t in left)
                                                 else words)))  # "U.S. Department of Health and Human Services"


def _surname_title(run: Run, text: str) -> bool:
    """Whether a two-word run is a given name and a surname that is also a title word ("Mark Judge", "Martin
    King"): the title is last, written in full (not "Sen." before a name), after a word that is no title, body,
    country, people or party ("Texas Sen", "House Speaker" are roles)."""
    if len(run) != 2 or run[-1][2] in ABBREVIATED or text[run[-1][1]:run[-1][1] + 1] == ".":
        return False
    first, last = run[0][2], run[-1][2].lower()
    low = first.lower()
    return (last in _TITLES and last not in _QUALIFIERS and first[0].isupper() and not first.isupper()
            and low not in _TITLES
            and not _org_word(low) and fold(first) not in COUNTRIES and low not in DEMONYMS
            and low not in _PARTY_WORDS and low not in STOPWORDS)


def run_counts(articles: Iterable[Article]) -> Counter[str]:
    """How often each capitalised run occurs, and how often it stands left ("belt and >") or right ("< and road")
    of a joining word, over all the articles compared: what `_joined` needs to tell a name from two names."""
    counts: Counter[str] = Counter()
    for article in articles:
        for s in sentences(article.body):
            runs = [list(r) for r in _sentence_runs(s.text)]
            for run in runs:
                counts[fold(s.text[run[0][0]:run[-1][1]])] += 1
                if _surname_title(run, s.text):
                    counts[f"_ {fold(run[-1][2])}"] += 1  # a surname ("Mark Judge"): "_ judge"
            for x, y in itertools.pairwise(runs):
                joiner = s.text[x[-1][1]:y[0][0]].strip()
                if joiner in _JOINERS or joiner in _ORG_JOINERS:
                    counts[f"{fold(s.text[x[0][0]:x[-1][1]])} {joiner} >"] += 1
                    counts[f"< {joiner} {fold(s.text[y[0][0]:y[-1][1]])}"] += 1
    return counts


def mentions(article: Article, common: set[str], counts: Counter[str] | None = None) -> list[Mention]:
    """Every name mention in an article's headline and sentences."""
    out: list[Mention] = []
    sents = [s for s in sentences(article.body) if not _headline_case(s.text)]  # a Title Case standfirst: skip
    runs = {s.index: [list(r) for r in _sentence_runs(s.text)] for s in sents}
    counts = counts if counts is not None else run_counts([article])
    opened = {s.index: re.match(r"[\s“”\"'‘’]*", s.text).end() for s in sents}  # a quote's opening word
    keep = frozenset(fold(s.text[run[0][0]:run[-1][1]]) for s in sents for run in runs[s.index]
                     if run[0][0] > opened[s.index])
    for s in sents:
        index, text, offset = s.index, s.text, s.start
        for run in _joined(text, runs[index], counts):
            opening = re.match(r"[\s“”\"'‘’(\[…—–-]*", text)  # “Imagine …, (Especially …, … Crumbling …
            m = _classify(run, text, common, opening.end() if run[0][0] == opening.end() else 0, keep, counts)
            if m is not None:
                out.append(Mention(article.id, index, m.start + offset, m.end + offset, m.surface, m.kind, m.role,
                                   m.spoke))
    return out


def _headline_case(text: str) -> bool:
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    ends = text.rstrip("”\"’')")
    return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) > 0.6 and not ends.endswith(".")


def common_words(articles: Iterable[Article]) -> set[str]:
    """Words that appear in lower case somewhere: a capital at a sentence's start does not make them names."""
    words: set[str] = set(STOPWORDS)
    for a in articles:
        words.update(w for w in re.findall(r"\b[a-z][a-z’'-]+\b", a.body))
    return words


def find_actors(articles: list[Article]) -> list[Actor]:
    """Actors across the articles, most widely covered first."""
    common = common_words(articles)
    counts = run_counts(articles)
    all_mentions = _cased([m for a in articles for m in mentions(a, common, counts)])
    groups = _merge(all_mentions, articles)
    by_id = {a.id: a for a in articles}
    actors = [_actor(ms, by_id, _person(ms, by_id)) for ms in groups]
    title_words = frozenset(w for a in articles for w in re.findall(r"\w+", a.title.lower()))
    for actor in actors:
        _mark_headlines(actor, articles, title_words)
    actors.sort(key=lambda a: (-a.articles, -sum(a.mentions.values()), a.name))
    return actors


def _merge(ms: list[Mention], articles: list[Article]) -> list[list[Mention]]:
    """Group mentions that name the same actor."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    spoke = {fold(m.surface) for m in ms if m.spoke}
    for m in ms:
        key = fold(m.surface)
        groups[key].append(m)
        kinds[key][m.kind] += 1

    def kind_of(key: str) -> str:
        k = kinds[key]
        for kind in ("country", "organisation", "person"):
            if k[kind]:
                return kind
        return "other"

    parent = {key: key for key in groups}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    # acronyms: "Shanghai Cooperation Organisation (SCO)" and initials
    long_forms = [k for k in groups if len(k.split()) >= 2 and kind_of(k) == "organisation"]
    for key in groups:
        if key.upper() == key.upper() and key.isalpha() and len(key) <= 6 and kind_of(key) == "organisation":
            initials = [lf for lf in long_forms
                        if "".join(w[0] for w in lf.split() if w not in CONNECTORS and w != "the") == key]
            if len(set(map(root, initials))) == 1:
                parent[root(key)] = root(initials[0])
    # bodies: "Serco" joins "Serco Inc." (a company's name without its legal form)
    for key in list(groups):
        words = key.split()
        if len(words) >= 2 and words[-1].rstrip(".") in _LEGAL_FORMS and kind_of(key) == "organisation":
            short = " ".join(words[:-1]).rstrip(",")
            if short in groups and kind_of(short) in ("other", "organisation") and root(short) != root(key):
                parent[root(short)] = root(key)
    # people: a surname or given name alone joins the one full name that contains it
    persons = [k for k in groups if kind_of(k) == "person" and len(k.split()) >= 2]
    names = [k for k in groups if kind_of(k) == "other" and 2 <= len(k.split()) <= 3
             and not any(w in CONNECTORS or w in _JOINERS for w in k.split())]  # "Joe Biden" with no title in sight
    suffix = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
    person_words = [(p, set(p.split())) for p in persons]
    with_word: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)  # a word -> the full names holding it
    for p, words in person_words:
        for w in words:
            with_word[w].append((p, words))
    for key in persons:  # "Trump Jr" joins "Donald Trump Jr"; "Donald Trump" does not (Jr. is not his)
        tokens = set(key.split())
        owners = {root(p) for p, words in with_word[next(iter(tokens))] if p != key and tokens < words
                  and tokens & suffix == words & suffix}
        if len(owners) == 1:
            parent[root(key)] = owners.pop()
    for key in groups:
        if kind_of(key) in ("country", "organisation") or key in persons or key in names:
            continue
        tokens = set(key.split())
        owners = {root(p) for p, words in with_word.get(next(iter(tokens)), ()) if tokens <= words} if tokens \
            else {root(p) for p in persons}
        if not owners and len(tokens) == 1 and key in spoke:
            owners = {root(n) for n in names if n.split()[-1] == key}  # "Biden said" joins "Joe Biden"
        if len(owners) == 1:
            parent[root(key)] = owners.pop()
    # roles: "the Russian president" -> the person the text introduced as "Russian President …"
    roles: dict[str, set[str]] = defaultdict(set)
    for m in ms:
        if m.role:
            roles[m.role].add(root(fold(m.surface)))
    merged: dict[str, list[Mention]] = defaultdict(list)
    for key, items in groups.items():
        merged[root(key)].extend(items)
    role_mentions = _role_mentions(articles, roles)
    for target, items in role_mentions.items():
        merged[target].extend(items)
    return list(merged.values())


def _role_mentions(articles: list[Article], roles: dict[str, set[str]]) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = defaultdict(list)
    for a in articles:
        for s in sentences(a.body):
            for m in _ROLE.finditer(s.text):
                qualifier = (m.group(1) or "").strip().lower()
                role = f"{qualifier} {m.group(2).lower()}".strip()
                owners = roles.get(role, set())
                if qualifier and len(owners) == 1:
                    target = next(iter(owners))
                    out[target].append(Mention(a.id, s.index, s.start + m.start(), s.start + m.end(),
                                               m.group(0), "person", role))
    return out


def _cased(ms: list[Mention]) -> list[Mention]:
    """A name written in capitals ("STOLTENBERG:" in a transcript) is no acronym when the texts also write it in
    lower case ("Stoltenberg"): its mentions take the other mentions' kind instead of "organisation"."""
    written: dict[str, Counter[str]] = defaultdict(Counter)
    for m in ms:
        if not m.surface.isupper():
            written[fold(m.surface)][m.kind] += 1
    out = []
    for m in ms:
        other = written.get(fold(m.surface)) if m.surface.isupper() and m.kind == "organisation" else None
        out.append(dataclasses.replace(m, kind=other.most_common(1)[0][0]) if other else m)
    return out


#: he, she and their forms after a name, before any other name: the text treats the name as a person
_GENDERED = re.compile(r"\b(?:he|him|his|himself|she|her|herself)\b", re.IGNORECASE)
_NEXT_NAME = re.compile(r"(?<![.!?“\"]\s)(?<![.!?]”\s)\b[A-Z][a-z]|\n")


def _person(ms: list[Mention], by_id: dict[str, Article]) -> bool:
    """Whether mentions no word list types ("other") name a person by what the text says of them: the name speaks
    ("Biden said") and is also written in full ("Joe Biden"), or "he"/"she" follows it before any other name
    ("Premi’s phone back to him", "Gillum was too inebriated …, though he was") for at least a quarter of its
    mentions; never after "in", "at", "the" (a place or a thing)."""
    if any(m.kind != "other" for m in ms) or any(_org_word(w) for m in ms[:1] for w in fold(m.surface).split()):
        return False
    last = max((m.surface for m in ms), key=lambda w: len(w.split())).split()[-1]
    if (last.endswith("s") and (_everyday(last[:-1]) or last[:-1].lower() in _PARTY_WORDS)) or (
            len(ms[0].surface.split()) == 1 and re.search(r"[a-z](?:ing|ly|ed)$", last)):
        return False  # "Experts said … his career", "Moderate Republicans": a group; "Acknowledging …, she": no name
    if any(m.spoke and len(m.surface.split()) == 1 for m in ms) and any(len(m.surface.split()) >= 2 for m in ms):
        return True  # "Biden said" and "Joe Biden"
    seen = gendered = 0
    for m in ms[:8]:
        if m.sentence < 0:
            continue
        body = by_id[m.article].body
        if _PLACED.search(body[max(0, m.start - 16):m.start]):
            return False
        seen += 1
        gendered += _subject_then_pronoun(body, sentences(body), m)
    return gendered >= 1 and gendered * 4 >= seen


def _subject_then_pronoun(body: str, sents: tuple[Sentence, ...], m: Mention) -> bool:
    """The mention opens its sentence (past a conjunction or a title) and "he"/"she" follows in that sentence or
    opens the next, no other name, no speech verb and no "that" between: "Gillum was too inebriated …, though he
    was later …"; not "Millions of Bangladeshis, he told me" (an aside) nor "Fire Rescue stated that he …"."""
    s = sents[m.sentence]
    lead = body[s.start:m.start]
    if not re.fullmatch(r"[“\"]?\s*(?:(?:But|And|Yet|Still|Then|So|Now)\s+)?(?:[A-Z][\w.’'-]*\s+){0,2}", lead):
        return False
    window = body[m.end:s.end]
    if m.sentence + 1 < len(sents):
        window += " " + sents[m.sentence + 1].text[:4]
    stop = _NEXT_NAME.search(window)
    window = window[:stop.start()] if stop else window
    found = _GENDERED.search(window)
    if found is None or re.match(r",\s+(?:he|she)\b", window):
        return False
    return not re.search(rf"\b(?:that|{'|'.join(SUBJECT_VERBS)})\b", window[:found.start()])


def _actor(ms: list[Mention], by_id: dict[str, Article], person: bool = False) -> Actor:
    """The actor these mentions name (``person``: typed a person by what the text says of them)."""
    kinds = Counter(m.kind for m in ms)
    kind = next((k for k in ("country", "organisation", "person") if kinds[k]), "person" if person else "other")
    surfaces = Counter(m.surface for m in ms if not m.surface.lower().startswith("the "))
    if kind == "person" and surfaces and not person:
        name = max(surfaces, key=lambda s: (len(s.split()), surfaces[s]))
    else:
        name = max(surfaces or Counter(m.surface for m in ms), key=lambda s: (surfaces[s], len(s)))
    actor = Actor(name=name, kind=kind, aliases=sorted({m.surface for m in ms} - {name}))
    for m in sorted(ms, key=lambda m: (m.article, m.sentence, m.start)):
        actor.spans.setdefault(m.article, []).append((m.sentence, m.start, m.end, m.role))
        actor.mentions[m.article] = actor.mentions.get(m.article, 0) + 1
        if m.article not in actor.first:
            actor.first[m.article] = m.sentence
            actor.prominent[m.article] = m.sentence < LEDE_SENTENCES
            actor.evidence.append(_evidence(by_id[m.article], m))
        elif m.sentence < LEDE_SENTENCES:
            actor.prominent[m.article] = True
    return actor


@functools.lru_cache(maxsize=4096)
def _title_words(title: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", title.lower()))


def _mark_headlines(actor: Actor, articles: list[Article], title_words: frozenset[str] | None = None) -> None:
    """An actor named in a headline (in any of its forms) is prominent there, even if the text never names it.
    `title_words`: every word of the titles, lower case, to skip the actors no title can name."""
    forms = {actor.name, *actor.aliases}
    forms |= {f.split()[-1] for f in forms if actor.kind == "person" and not f.lower().startswith("the ")}
    if title_words is not None and not any(w in title_words for f in forms for w in re.findall(r"\w+", f.lower())):
        return
    firsts = {words[0] for f in forms if (words := re.findall(r"\w+", f.lower()))}
    # a title a form matches holds the form's first word: only those titles are searched (and none: no pattern)
    articles = [a for a in articles if not firsts or firsts & _title_words(a.title)]
    if not articles:
        return
    pattern = re.compile(r"\b(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\b",
                         re.IGNORECASE if actor.kind != "other" else 0)
    for a in articles:
        if pattern.search(a.title):
            actor.prominent[a.id] = True
            actor.first[a.id] = -1
            actor.mentions[a.id] = actor.mentions.get(a.id, 0) + 1
            actor.evidence = [e for e in actor.evidence if e.article != a.id]
            actor.evidence.append(Evidence(a.id, -1, -1, -1, a.title))


def _evidence(article: Article, m: Mention) -> Evidence:
    if m.sentence < 0:
        return Evidence(article.id, -1, -1, -1, article.title)
    s: Sentence = sentences(article.body)[m.sentence]
    return Evidence.of(article.id, s)
