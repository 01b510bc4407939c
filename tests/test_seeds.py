"""The bundled seeds: shipped unchanged, cleaned right, attributed honestly, searchable."""

from __future__ import annotations

import pytest
from conftest import SHARED, ids

from sco_tui.corpus.load import load_corpus
from sco_tui.corpus.seeds import seeds_dir

SEED_IDS = ["000_6f0f72e896a6eae1", "001_a947daa3add8d49a", "002_074d0d399cf2dab1",
            "003_625b4c25c277fb8f", "004_c8b71dc69254530b"]


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="shared seeds not beside the repo")
def test_seeds_ship_byte_for_byte() -> None:
    shipped = sorted(p.name for p in seeds_dir().glob("*.txt"))
    original = sorted(p.name for p in (SHARED / "seeds").glob("*.txt"))
    assert shipped == original
    for name in original:
        assert (seeds_dir() / name).read_bytes() == (SHARED / "seeds" / name).read_bytes()


def test_list_with_no_arguments_is_the_seeds(cli) -> None:
    articles = cli.json("list")
    assert [a["id"] for a in articles] == SEED_IDS
    assert set(articles[0]) == {"id", "outlet", "title", "date", "url", "words", "source"}
    by_id = {a["id"]: a for a in articles}
    assert by_id["004_c8b71dc69254530b"]["outlet"] == "Press TV"
    assert by_id["003_625b4c25c277fb8f"]["outlet"] == "Asian Lite News"
    assert by_id["000_6f0f72e896a6eae1"]["outlet"] == "Unattributed"
    assert by_id["000_6f0f72e896a6eae1"]["title"] == "Russia and China Strengthen Alliances at SCO Summit in Kazakhstan"
    assert all(a["words"] > 200 for a in articles)


def test_outlets_come_from_the_text_without_metadata(seed_copy) -> None:
    corpus = load_corpus([seed_copy])
    outlets = {a.id[:3]: a.outlet for a in corpus}
    assert outlets["003"].value == "Asian Lite News"
    assert "reports Asian Lite News" in outlets["003"].how
    assert outlets["004"].value == "Press TV"
    assert "website can also be accessed" in outlets["004"].how
    # 002 quotes The Associated Press and links The Japan Times: neither published it.
    for unknown in ("000", "001", "002"):
        assert outlets[unknown].value is None
        assert outlets[unknown].how.startswith("unattributed")


SEARCH_FACTS = [
    ("Belarus", ["000", "001", "002", "003", "004"]),
    ('"special military operation"', ["004"]),
    ("Kashmir", ["001", "003"]),
    ("Gould-Davies", ["002"]),
    ("Guterres", ["000", "003"]),
    ("Atif", []),
    ("Erdogn~", ["000", "002", "003", "004"]),
    ("outlet:press", ["004"]),
    ("“special military operation”", ["004"]),
]


@pytest.mark.parametrize(("query", "expected"), SEARCH_FACTS)
def test_seed_search_facts(cli, query: str, expected: list[str]) -> None:
    result = cli.json("search", query)
    assert ids(result["hits"]) == expected
    assert result["total"] == len(expected)
    assert sum(result["by_outlet"].values()) == len(expected)


def test_search_result_shape_and_highlights(cli) -> None:
    result = cli.json("search", "Kashmir")
    assert set(result) == {"query", "total", "hits", "by_outlet", "suggestion"}
    assert result["by_outlet"] == {"Asian Lite News": 1, "Unattributed": 1}
    for hit in result["hits"]:
        assert set(hit) >= {"id", "outlet", "title", "score", "snippets"}
        snippet = hit["snippets"][0]
        start, end = snippet["highlights"][0]
        assert snippet["text"][start:end] == "Kashmir"


def test_stemming_and_fuzzy_reach_word_forms(cli) -> None:
    assert ids(cli.json("search", "invade")["hits"]) == []  # no seed uses the verb
    assert ids(cli.json("search", "invasions")["hits"]) == ["000", "001", "002", "003"]
    # a prefix is searched on the unstemmed text: "operat*" finds "operation" (stem "oper")
    assert ids(cli.json("search", "operat*")["hits"]) == ["004"]
    # a wildcard is matched as typed, though the parser stems its letters ("oper?tion" -> "oper?t")
    assert ids(cli.json("search", "oper?tion")["hits"]) == ["004"]


def test_did_you_mean(cli) -> None:
    result = cli.json("search", "Kashmri")
    assert result["total"] == 0
    assert result["suggestion"] == "kashmir"
    assert cli.json("search", "Atif")["suggestion"] is None  # nothing near enough: no wild guess


def test_show_gives_text_sentences_and_removed(cli) -> None:
    data = cli.json("show", "000_6f0f72e896a6eae1")
    assert "Atif Aslam" not in data["text"]
    assert "Leave a Reply" not in data["text"]
    assert data["text"].rstrip().endswith("evolving role in global affairs.")
    assert data["text"].count("Russia and China Strengthen Alliances") == 0  # the title is not repeated
    reasons = {r["text"][:20]: r["reason"] for r in data["removed"]}
    assert reasons["Leave a Reply"] == "comment form"
    assert any("Atif Aslam" in r["text"] for r in data["removed"])
    sentences = data["sentences"]
    assert len(sentences) == 12
    assert sentences[0]["text"].startswith("Russian President Vladimir Putin and Chinese leader Xi Jinping convened")
    for s in sentences:
        assert data["text"][s["start"]:s["end"]] == s["text"]
