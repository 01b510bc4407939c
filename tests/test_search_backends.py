"""One search suite, run once per backend: the embedded Whoosh index and PostgreSQL (a real server).

Every seed fact, the bad queries, fuzzy terms, prefixes, fields, snippets and per-outlet counts must
come out the same on both; the PostgreSQL runs skip only where no server can be started.
"""

from __future__ import annotations

import os

import pytest
from conftest import ids
from test_seeds import SEARCH_FACTS

from sco_tui.corpus.load import fingerprint, load_corpus
from sco_tui.index.api import QueryError
from sco_tui.index.backends import open_backend

BACKENDS = ["whoosh", "postgres"]
MORE_FACTS = [
    ("Putin AND Xi", ["000", "001", "002", "003", "004"]),
    ("Kashmir OR Guterres", ["000", "001", "003"]),
    ("Belarus NOT Kashmir", ["000", "002", "004"]),
    ("Belarus -Kashmir", ["000", "002", "004"]),  # a leading "-" leaves a word out, as search engines do
    ('Putin -"special military"', ["000", "001", "002", "003"]),
    ("Belarus e-mail", []),  # a hyphen inside a word is kept
    ("summit AND NOT Guterres", ["001", "002", "004"]),
    ("title:Kazakhstan", ["000"]),
    ("body:Kashmir", ["001", "003"]),
    ("exact:Kashmir", ["001", "003"]),
    ("outlet:asian", ["003"]),
    ("outlet:\"press tv\"", ["004"]),
    ("date:2024*", ["001", "004"]),
    ("date:2024", ["001", "004"]),  # a year, a month or a day is every date within it
    ("date:2024-07", ["001", "004"]),
    ("date:2024-07-03", ["004"]),
    ("date:2023", []),
    ("date:>=2024-07-04", ["001"]),
    ("date:>2024-07-03", ["001"]),  # after the whole day
    ("date:<2024-07-15", ["004"]),
    ("date:<=2024-07", ["001", "004"]),  # up to the month's end
    ("Putin date:>2024-07-10", ["001"]),
    ("Kashm*", ["001", "003"]),
    ("Guter*", ["000", "003"]),
    ("Guteres~", ["000", "003"]),
    ("Gutteres~", []),  # two edits from Guterres,
    ("Kashmri~2", ["001", "003"]),
    ('"health ca', []),  # an unclosed phrase is closed
    ('"special military', ["004"]),
    ("Kashmir AND", ["001", "003"]),  # a dangling operator is dropped
    ("OR Kashmir", ["001", "003"]),
    ("(Kashmir OR Guterres) AND Pakistan", ["000", "001", "003"]),
    ("Kashmir AND the", ["001", "003"]),  # a stop word is dropped, not required
    ("Kash\u200bmir", ["001", "003"]),  # a zero-width space pasted with a word is not a break
    ("Kash\u00admir", ["001", "003"]),  # nor is a soft hyphen
    ("Kashmir\x07Pakistan", ["001", "003"]),  # a control character is a space
    ("title: Kazakhstan", ["000"]),  # a space after a field's colon
    ('outlet: "press tv"', ["004"]),
]
BAD = [("xx:yy", "unknown field 'xx:'"), ("the", "nothing to search for"), ("NOT", "type some words"),
       ("", "type some words"), ("outlet:", "outlet: needs something after it"),
       ("Kashmir date:>", "date:> needs something"), ("(title:) Xi", "title: needs something")]


@pytest.fixture(scope="module")
def seeds():
    corpus = load_corpus([])
    return corpus, fingerprint([], {})


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest, seeds, tmp_path_factory: pytest.TempPathFactory):
    corpus, (key, fp) = seeds
    if request.param == "postgres":
        url = request.getfixturevalue("pg_cluster").create_db("suite")
    else:
        url = None
        os.environ["SCO_TUI_CACHE_DIR"] = str(tmp_path_factory.mktemp("whoosh-suite"))
    b = open_backend(url, key)
    report = b.sync(corpus, fp)
    assert report.added == 5 and b.is_current(fp)
    yield b
    b.close()


@pytest.mark.parametrize(("query", "expected"), SEARCH_FACTS + MORE_FACTS)
def test_facts(backend, query: str, expected: list[str]) -> None:
    result = backend.search(query)
    assert ids([h.as_dict() for h in result.hits]) == expected
    assert result.total == len(expected)
    assert sum(result.by_outlet.values()) == result.total
    assert not result.notices


@pytest.mark.parametrize(("query", "message"), BAD)
def test_bad_queries(backend, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        backend.search(query)


def test_per_outlet_counts_and_filters(backend) -> None:
    result = backend.search("Belarus")
    assert result.by_outlet == {"Unattributed": 3, "Asian Lite News": 1, "Press TV": 1}
    assert list(result.by_outlet) == ["Unattributed", "Asian Lite News", "Press TV"]
    assert backend.search("Belarus", outlet="Press TV").total == 1
    only = ["001_a947daa3add8d49a", "004_c8b71dc69254530b"]
    assert {h.id for h in backend.search("Belarus", only_ids=only).hits} == set(only)
    assert backend.search("Belarus", only_ids=[]).total == 0
    assert len(backend.search("Belarus", limit=2).hits) == 2


@pytest.mark.parametrize("query", ["Kashmir", "Guterres", "Erdogn~", "summit", "Gould-Davies",
                                   '"special military operation"', "Kashm*", "cooperat*", "NATO OR Kashmir"])
def test_snippets_mark_the_matched_words(backend, query: str) -> None:
    result = backend.search(query)
    assert result.hits
    for hit in result.hits:
        assert hit.spans and hit.snippets
        for snippet in hit.snippets:
            assert snippet.highlights
            for start, end in snippet.highlights:
                word = snippet.text[start:end]
                assert word and word == word.strip() and "…" not in word


def test_spans_are_the_same_on_every_backend(seeds, backend) -> None:
    """Each backend's body spans equal Whoosh's (the reference) for the words a reader looks for."""
    if backend.name == "whoosh":
        pytest.skip("the reference itself")
    corpus, (key, fp) = seeds
    reference = open_backend(None, key)
    reference.sync(corpus, fp)
    try:
        for query in ["Kashmir", "Guterres", "Belarus", "Erdogn~", "Xi AND Putin", "summit",
                      '"special military operation"', '"military operation" OR military', '"Shanghai Cooperation"']:
            want = {h.id: h.spans for h in reference.search(query).hits}
            got = {h.id: h.spans for h in backend.search(query).hits}
            assert got == want, query
            art = next(iter(want))
            assert backend.spans(art, query) == want[art]
    finally:
        reference.close()


def test_suggestion(backend) -> None:
    result = backend.search("Kashmr")
    assert result.total == 0 and result.suggestion == "kashmir"
    assert backend.search("Guteres summit").suggestion == "guterres summit"
    assert backend.search("Kashmir").suggestion is None


def test_live_typing(backend) -> None:
    assert backend.search("Kash", live=True).total == 2  # the word being typed is a prefix from 3 letters
    assert backend.search("Kashmir Pak", live=True).total == 2
    for word in ("post-Soviet", "US-led", "Russia-Ukraine"):  # a hyphenated word typed to its end: as searched
        assert backend.search(word, live=True).total == backend.search(word).total > 0, word
    assert backend.search("Russia-Ukr", live=True).total == backend.search("Russia-Ukraine").total
    with pytest.raises(QueryError, match="unknown field"):
        backend.search("Kashmir xx:y", live=True)
    for typing in ("Kashmir outlet:", "Kashmir outlet: ", "Kashmir date:>"):  # a field waiting for its value
        assert backend.search(typing, live=True).total == 2
