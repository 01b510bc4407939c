"""Stories: the same event grouped across outlets, on the seeds and on the real sample."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLE, needs_sample

from sco_tui.analysis.stories import group_stories
from sco_tui.corpus.load import load_corpus
from sco_tui.index.library import Library


def test_the_seeds_are_one_story() -> None:
    stories, _ = group_stories(list(load_corpus()))
    [story] = stories
    assert len(story.articles) == 5
    assert set(story.outlets) == {"Unattributed", "Asian Lite News", "Press TV"}
    assert {"Putin", "Kazakhstan"} & set(story.terms)
    assert (story.first, story.last) == ("2024-07-03", "2024-07-15")


def test_cli_stories_and_compare_a_story(cli) -> None:
    [story] = cli.json("stories")
    assert len(story["articles"]) == 5
    data = cli.json("compare", "--story", story["id"])
    assert len(data["articles"]) == 5
    rc, _, err = cli("compare", "--story", "nope")
    assert rc == 2 and "no story with id 'nope'" in err


def test_stories_are_cached_and_refreshed(seed_copy: Path) -> None:
    lib = Library([seed_copy])
    first = lib.stories()
    cache = json.loads((lib.store.root / "stories.json").read_text())
    assert len(cache["features"]) == 5 and cache["fingerprint"] == lib.fingerprint
    other = seed_copy / "zz_other.txt"
    other.write_text("Flood warning in Lagos\n\nHeavy rains flooded Lagos on Monday and the state government "
                     "ordered residents of low-lying Ikorodu and Lekki districts to leave their homes.\n",
                     encoding="utf-8")
    lib2 = Library([seed_copy])
    second = lib2.stories()
    assert len(second) == 2 and second[0].articles == first[0].articles  # the new article is its own story
    cache = json.loads((lib2.store.root / "stories.json").read_text())
    assert len(cache["features"]) == 6


def test_cached_features_give_the_same_stories() -> None:
    articles = list(load_corpus())
    cold, feats = group_stories(articles)
    warm, _ = group_stories(articles, {h: f for h, f in list(feats.items())[:3]})
    assert [s.as_dict() for s in warm] == [s.as_dict() for s in cold]


@needs_sample
def test_sample_stories_group_real_events() -> None:
    corpus = load_corpus([SAMPLE])
    stories, _ = group_stories(list(corpus))
    assert len(stories) in range(1501, 2000)  # mostly one article per event: the sample is random
    daca = next(s for s in stories if any("DACA" in corpus.get(i).title for i in s.articles) and len(s.articles) > 2)
    titles = [corpus.get(i).title for i in daca.articles]
    assert len(daca.outlets) >= 3 and all(any(w in t for w in ("DACA", "Daca", "Dreamer")) for t in titles[1:])
    for s in stories:
        if s.first and s.last and len(s.articles) > 1:
            from datetime import date

            assert (date.fromisoformat(s.last) - date.fromisoformat(s.first)).days <= 14 * len(s.articles)
