"""``exact:word`` on the embedded index matches the word as typed, not every form of its stem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import needs_sample, sample_part

from sco_tui.index import union
from sco_tui.index.search import QueryError, _stem
from sco_tui.workspace.library import Library


def _forms_by_stem(lib: Library) -> tuple[dict[str, str], dict[str, dict[str, set[str]]]]:
    """Every stored body, and for each stem the articles each of its forms stands in (words found
    with a plain regular expression, independently of the index's own analysis)."""
    searcher = lib.searcher()
    bodies = {}
    for docnum in range(searcher.doc_count_all()):
        fields = searcher.stored_fields(docnum)
        bodies[fields["id"]] = fields["body"]
    by_stem: dict[str, dict[str, set[str]]] = {}
    for article, body in bodies.items():
        for word in set(re.findall(r"[^\W\d_]+", body.lower())):
            by_stem.setdefault(_stem(word), {}).setdefault(word, set()).add(article)
    return bodies, by_stem


def _check_forms(lib: Library, by_stem: dict[str, dict[str, set[str]]], most: int) -> int:
    checked = 0
    for forms in by_stem.values():
        if len({frozenset(a) for a in forms.values()}) < 2:
            continue  # every form of the stem stands in the same articles: nothing to tell apart
        for word, articles in forms.items():
            try:
                result = lib.search(f"exact:{word}", limit=1000)
            except QueryError:
                continue  # a stop word
            assert sorted(h.id for h in result.hits) == sorted(articles), word
            assert result.total == len(articles), word
            marked = {s.text[a:b].lower() for h in result.hits for s in h.snippets for a, b in s.highlights}
            assert marked <= {word}, word  # only the form typed is highlighted
            checked += 1
        if checked >= most:
            break
    return checked


def test_exact_matches_the_word_as_typed_on_the_seeds(seed_copy: Path) -> None:
    lib = Library([seed_copy])
    lib.ensure_index()
    _bodies, by_stem = _forms_by_stem(lib)
    # a form standing in fewer articles than its stem: the stem's articles are not all the word's
    assert "alliance" in by_stem.get(_stem("alliances"), {})
    assert _check_forms(lib, by_stem, most=10_000) > 100
    lib.close()


@pytest.mark.parametrize("text", ["exact:addresses", "exact:said putin", "exact:aims OR exact:aimed",
                                  "summit NOT exact:addressing", "alliance exact:alliances", "exact:allianc*",
                                  'exact:"military operation"', "title:summit exact:leaders"])
def test_exact_numpy_and_walk_agree(seed_copy: Path, monkeypatch, text: str) -> None:
    """Inside larger queries too, the same hits, scores, totals, counts and snippets both ways."""
    lib = Library([seed_copy])
    lib.ensure_index()
    fast = [lib.search(text, live=live) for live in (False, True)]
    monkeypatch.setattr(union, "ENABLED", False)
    assert [lib.search(text, live=live) for live in (False, True)] == fast
    lib.close()


def test_a_word_asked_for_plainly_too_is_highlighted_in_every_form(seed_copy: Path) -> None:
    lib = Library([seed_copy])
    lib.ensure_index()
    marked = {s.text[a:b].lower() for h in lib.search("alliance exact:alliance").hits for s in h.snippets
              for a, b in s.highlights}
    assert "alliances" in marked
    lib.close()


@needs_sample
def test_exact_on_sample_articles(tmp_path: Path) -> None:
    lib = Library([sample_part(tmp_path, 150)])
    lib.ensure_index()
    _bodies, by_stem = _forms_by_stem(lib)
    assert _check_forms(lib, by_stem, most=150) >= 150
    lib.close()
