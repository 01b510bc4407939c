"""Generate ``sco_tui/analysis/data/wordnet_words.tsv`` from Princeton WordNet 3.0 (Debian ``wordnet-base``).

Two small tables the claims step needs, shipped as package data so nothing is read or downloaded at run time:

* ``event``: nouns that name an act, event, process or state (lexicographer files noun.act, noun.event,
  noun.process, noun.state) in one of their senses tagged in SemCor (the first sense when none is), and in at least
  a third of their SemCor-tagged uses ("membership" 9 of 19; not "capital" 0 of 22, "government" 7 of 108), with the
  verbs
  WordNet links them to as derivationally related forms sharing their first three letters ("passage" -> pass,
  "visit" -> visit: a derivation, not a synonym; "membership" has none), and nouns of noun.communication derived
  from a verb so ("resignation" -> resign, "announcement" -> announce). A possessive
  phrase headed by one ("Belarus's full membership", "the bill's passage") states a fact as a noun.
* ``verb``: verbs with a sense tagged in SemCor, and the irregular forms of those verbs (``verb.exc``), to find a
  clause's main verb without a tagger.

    apt-get install wordnet-base
    python tools/wordnet_tables.py [/usr/share/wordnet]

WordNet 3.0 licence (kept with the derived table): Copyright 2006 by Princeton University. All rights reserved.
Permission to use, copy, modify and distribute this software and database and its documentation for any purpose and
without fee or royalty is hereby granted, provided that you agree to comply with the following copyright notice and
statements, including the disclaimer, and that the same appear on ALL copies of the software, database and
documentation, including modifications that you make for internal use or for distribution. THIS SOFTWARE AND DATABASE
IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. The name of
Princeton University or Princeton may not be used in advertising or publicity pertaining to distribution of the
software and/or database. Title to copyright in this software, database and any associated documentation shall at all
times remain with Princeton University and LICENSEE agrees to preserve same.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "sco_tui" / "analysis" / "data" / "wordnet_words.tsv"
EVENTIVE = {"04", "11", "22", "26"}  # noun.act, noun.event, noun.process, noun.state
COMMUNICATION = "10"  # noun.communication
SHARE = 1 / 3  # a noun names an act, event, process or state in at least this share of its SemCor-tagged uses
HEADER = """# Derived from Princeton WordNet 3.0 by tools/wordnet_tables.py (see that script for the method).
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND DATABASE IS PROVIDED
# "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT
# NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS FOR ANY
# PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD
# PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. The name of Princeton University or Princeton may not be used
# in advertising or publicity pertaining to distribution of the software and/or database. Title to copyright in this
# software, database and any associated documentation shall at all times remain with Princeton University.
# Rows: kind<TAB>word<TAB>related (event: derived verbs, space-separated; verb: the lemma of an irregular form)
"""


def _index(path: Path) -> dict[str, list[str]]:
    """lemma -> its synset offsets in SemCor-tagged senses (the first sense when none is tagged)."""
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        f = line.split()
        lemma, n_ptr = f[0], int(f[3])
        sense_cnt, tagged = int(f[4 + n_ptr]), int(f[5 + n_ptr])
        offsets = f[6 + n_ptr:6 + n_ptr + sense_cnt]
        if "_" not in lemma and lemma.isalpha():
            out[lemma] = offsets[:tagged] if tagged else offsets[:1]
    return out


def _data(path: Path) -> dict[str, tuple[str, list[str], list[tuple[str, str]]]]:
    """offset -> (lexicographer file, words, (pointer symbol, target offset) of verb targets)."""
    out = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        f = line.split(" | ")[0].split()
        offset, lexfile, count = f[0], f[1], int(f[3], 16)
        words = [f[4 + 2 * k].lower() for k in range(count)]
        at = 4 + 2 * count
        n_ptr = int(f[at])
        ptrs = [(f[at + 1 + 4 * k], f[at + 2 + 4 * k], f[at + 3 + 4 * k]) for k in range(n_ptr)]
        out[offset] = (lexfile, words, [(sym, off) for sym, off, pos in ptrs if pos == "v"])
    return out


def main(root: Path) -> None:
    nouns, verbs = _index(root / "index.noun"), _index(root / "index.verb")
    noun_data, verb_data = _data(root / "data.noun"), _data(root / "data.verb")
    tags: dict[str, list[tuple[str, int]]] = {}  # noun -> (lexicographer file, SemCor count) of each tagged sense
    for line in (root / "cntlist.rev").read_text(encoding="latin-1").splitlines():
        key, _, count = line.split()
        lemma, _, rest = key.partition("%")
        kind, lexfile = rest.split(":")[:2]
        if kind == "1" and int(count):
            tags.setdefault(lemma, []).append((lexfile, int(count)))
    rows: list[str] = []
    for noun, offsets in sorted(nouns.items()):
        def derived_from(synsets: list[str], noun: str = noun) -> list[str]:
            return sorted({w for o in synsets for sym, v in noun_data[o][2] if sym == "+"
                           for w in verb_data[v][1] if w.isalpha() and w in verbs and w[:3] == noun[:3]})

        eventive = [o for o in offsets if noun_data[o][0] in EVENTIVE]
        derived = derived_from(eventive)
        kinds = set(EVENTIVE)
        saying = derived_from([o for o in offsets if noun_data[o][0] == COMMUNICATION])
        if saying:  # an act of saying named by a noun derived from its verb ("resignation", "announcement")
            kinds.add(COMMUNICATION)
            derived = sorted({*derived, *saying})
        if not eventive and not saying:
            continue
        uses = tags.get(noun)
        if uses and sum(k for lexfile, k in uses if lexfile in kinds) < SHARE * sum(k for _, k in uses):
            continue  # mostly a thing, a place or a group in use ("capital", "government")
        rows.append(f"event\t{noun}\t{' '.join(derived)}")
    for verb in sorted(verbs):
        rows.append(f"verb\t{verb}\t")
    for line in (root / "verb.exc").read_text(encoding="latin-1").splitlines():
        form, *lemmas = line.split()
        lemma = next((x for x in lemmas if x in verbs), None)
        if lemma and form.isalpha() and form != lemma:
            rows.append(f"verb\t{form}\t{lemma}")
    OUT.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} rows")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/wordnet"))
