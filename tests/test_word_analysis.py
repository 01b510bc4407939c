"""What a word is, on both backends, through the CLI: accents folded (Erdoğan is Erdogan, decomposed
text too), US / U.S. / WHO found while the pronoun "us" stays a stop word, highlights on the text as
written."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from conftest import needs_sample, sample_part

from sco_tui.index.analysis import fold, query_words, search_text, words

NFD_ERDOGAN = unicodedata.normalize("NFD", "Erdoğan")
NFD_SAO = unicodedata.normalize("NFD", "São")
ARTICLES = {
    "caps.txt": "US troops to leave Syria\n\nThe US said on Monday that its troops would leave by May. "
                "Officials told reporters little.",
    "dotted.txt": "Envoy meets Turkish president\n\nThe U.S. envoy met President Recep Tayyip Erdoğan in Ankara "
                  "on Tuesday.",
    "plain.txt": "Turkey speaks up\n\nPresident Erdogan said the WHO was wrong about the outbreak, and that "
                 "it had misled the world.",
    "nfd.txt": f"A visit to Brazil\n\n{NFD_ERDOGAN} visited {NFD_SAO} Paulo, where officials met with us at noon.",
    "pronoun.txt": "They told us\n\nThey told us about it, and who could blame them? It was late.",
}


def test_words_keep_abbreviations_and_fold_accents() -> None:
    text = "The U.S. and the US told us: WHO said IT was WHAT IS IT? MORE: Erdoğan, Élysée, Łódź, São"
    forms = [f for _p, _s, _e, f in words(text)]
    # "IT was" is kept; "WHAT IS IT" is shouting (stop words there stay stop words), "MORE:" a label
    assert forms == ["us", "us", "told", "who", "said", "it", "erdogan", "elysee", "lodz", "sao"]
    assert [text[s:e] for _p, s, e, f in words(text) if f == "us"] == ["U.S.", "US"]  # the pronoun is not there
    assert fold(NFD_ERDOGAN) == fold("Erdoğan") == "erdogan" and fold("Straße") == "strasse"
    same = search_text(f"U.S. us {NFD_ERDOGAN}/x")
    assert len(same) == len(f"U.S. us {NFD_ERDOGAN}/x") and same.startswith("U\u0300S\u0300    Erdog")
    assert query_words("TRUMP AND THE WALL") == "trump AND the wall" and query_words("US") == "US"
    assert query_words("US AND China") == "US AND China" and query_words("OR Kashmir") == "or Kashmir"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("words")
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(params=["whoosh", "postgres"])
def where(request: pytest.FixtureRequest, cli) -> list[str]:
    """The CLI arguments that pick a backend (the database indexed through the CLI first)."""
    if request.param == "whoosh":
        return []
    url = request.getfixturevalue("pg_url")
    return ["--database", url]


def _search(cli, query: str, folder: Path, where: list[str]) -> dict:
    return cli.json("search", query, folder, *where)


def _marked(result: dict) -> dict[str, list[str]]:
    return {h["title"]: [s["text"][a:b] for s in h["snippets"] for a, b in s["highlights"]] for h in result["hits"]}


def test_us_and_accents_on_every_backend(cli, folder: Path, where: list[str]) -> None:
    titles = {name: text.split("\n")[0] for name, text in ARTICLES.items()}
    for query in ("US", "U.S.", "u.s."):
        result = _search(cli, query, folder, where)
        assert {h["title"] for h in result["hits"]} == {titles["caps.txt"], titles["dotted.txt"]}, query
        assert _marked(result)[titles["dotted.txt"]] == ["U.S."], query
        assert _marked(result)[titles["caps.txt"]] == ["US"], query
    for stop in ("us", "who", "it"):
        rc, _out, err = cli("search", stop, folder, *where)
        assert rc == 2 and "nothing to search for" in err and err.count("\n") == 1, stop
        assert f"such as {stop.upper()}, is searched as an abbreviation" in err
    result = _search(cli, "WHO", folder, where)
    assert {h["title"] for h in result["hits"]} == {titles["plain.txt"]}
    assert _marked(result)[titles["plain.txt"]] == ["WHO"]  # not "who" in the pronoun article
    erdogan = {titles["dotted.txt"], titles["plain.txt"], titles["nfd.txt"]}
    for query in ("Erdoğan", "Erdogan", "erdogan", NFD_ERDOGAN, "ERDOĞAN"):
        result = _search(cli, query, folder, where)
        assert {h["title"] for h in result["hits"]} == erdogan, query
        marked = _marked(result)
        assert marked[titles["dotted.txt"]] == ["Erdoğan"] and marked[titles["plain.txt"]] == ["Erdogan"]
        assert marked[titles["nfd.txt"]] == [NFD_ERDOGAN]  # the decomposed letters, all of them
    for query in ("Sao", "São", NFD_SAO, '"sao paulo"'):
        assert {h["title"] for h in _search(cli, query, folder, where)["hits"]} == {titles["nfd.txt"]}, query
    assert {h["title"] for h in _search(cli, "Erdoğ*", folder, where)["hits"]} == erdogan
    assert _search(cli, "Erdogn~", folder, where)["total"] == 3


def test_a_query_in_capitals_is_not_all_abbreviations(cli, folder: Path, where: list[str]) -> None:
    result = _search(cli, "PRESIDENT ERDOGAN AND THE WORLD", folder, where)
    assert {h["title"] for h in result["hits"]} == {"Turkey speaks up"}  # "the" is not required


@needs_sample
def test_us_on_the_sample(cli, tmp_path: Path, where: list[str]) -> None:
    """On real US news: US and U.S. find the same articles, every one of which writes one of them."""
    part = sample_part(tmp_path, 300)
    if where:
        assert cli("index", part, *where)[0] == 0
    us = cli.json("search", "US", part, *where, "--limit", "400")
    dotted = cli.json("search", "U.S.", part, *where, "--limit", "400")
    assert us["total"] == dotted["total"] > 40
    assert [h["id"] for h in us["hits"]] == [h["id"] for h in dotted["hits"]]
    records = {json.loads(line)["ID"]: json.loads(line) for line in part.read_text(encoding="utf-8").splitlines()}
    for hit in us["hits"]:
        record = records[hit["id"]]
        text = record["title"] + " " + record["content_original"]
        assert any(f == "us" for _p, _s, _e, f in words(text)), hit["id"]
        for snippet in hit["snippets"]:
            for a, b in snippet["highlights"]:
                assert snippet["text"][a:b] in ("US", "U.S.", "U.S"), hit["id"]
    rc, _out, err = cli("search", "us", part, *where)
    assert rc == 2 and "nothing to search for" in err


def test_suggestions_are_folded(cli, folder: Path, where: list[str]) -> None:
    result = _search(cli, "Erdoğn", folder, where)
    assert result["total"] == 0 and result["suggestion"] == "erdogan"


def test_a_database_of_the_previous_schema_is_loaded_again(pg_cluster, pg_url: str, folder: Path, cli) -> None:
    """A version-1 database (no folding, PostgreSQL's stop list) is migrated and its corpus loaded again."""
    import psycopg

    from sco_tui.index.postgres.schema import MIGRATIONS, SCHEMA_VERSION

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE sco_schema (version integer NOT NULL)")
        for statement in MIGRATIONS[1]:
            conn.execute(statement)
        conn.execute("INSERT INTO sco_schema VALUES (1)")
    assert cli("index", folder, "--database", pg_url)[0] == 0
    assert _search(cli, "Erdogan", folder, ["--database", pg_url])["total"] == 3
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT version FROM sco_schema").fetchall() == [(SCHEMA_VERSION,)]


def test_no_unaccent_is_one_line(pg_cluster, pg_url: str, folder: Path, cli) -> None:
    """A role that may not create the unaccent extension gets one line saying what to do."""
    db = pg_url.split("?")[0].rsplit("/", 1)[1]
    pg_cluster.sql("DO $$ BEGIN CREATE ROLE plain_user LOGIN PASSWORD 'pw'; EXCEPTION WHEN duplicate_object THEN "
                   "NULL; END $$")
    pg_cluster.sql(f'REVOKE CREATE ON DATABASE "{db}" FROM PUBLIC; GRANT CONNECT ON DATABASE "{db}" TO plain_user')
    pg_cluster.sql("GRANT CREATE, USAGE ON SCHEMA public TO plain_user", db)
    url = pg_cluster.url(db, user="plain_user", password="pw")
    rc, _out, err = cli("search", "Erdogan", folder, "--database", url)
    assert rc == 2 and "unaccent extension is needed" in err and "CREATE EXTENSION unaccent" in err
    assert err.count("\n") == 1


def test_phrases_across_stop_words_and_abbreviations(cli, folder: Path, where: list[str]) -> None:
    assert _marked(_search(cli, '"said the WHO"', folder, where)) == {"Turkey speaks up": ["said the WHO"]}
    assert _marked(_search(cli, '"US envoy met"', folder, where)) == {
        "Envoy meets Turkish president": ["U.S. envoy met"]}
    lower = _marked(_search(cli, '"said the who"', folder, where))  # "who" in lower case is not WHO: "said" alone
    assert lower and all(marks == ["said"] for marks in lower.values())
