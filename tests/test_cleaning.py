"""Cleaning: page furniture out, every story sentence in, and a record of what went."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE, needs_sample

from sco_tui.corpus.clean import Cleaned, clean
from sco_tui.corpus.load import load_corpus
from sco_tui.corpus.seeds import seeds_dir


def seed_text(prefix: str) -> str:
    return next(seeds_dir().glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_story_paragraph_is_kept(prefix: str) -> None:
    raw = seed_text(prefix)
    cleaned = clean(raw)
    removed = {r.text for r in cleaned.removed}
    kept = set(cleaned.body.split("\n\n"))
    for line in (ln.strip() for ln in raw.splitlines()):
        if line and line.endswith((".", "”", '"')) and len(line.split()) >= 12 and not line.endswith("…"):
            # a full sentence-paragraph is story unless it is a caption or a comment-form notice
            assert line in kept or line in removed
            if line in removed:
                reason = next(r.reason for r in cleaned.removed if r.text == line)
                assert reason in {"photo caption or credit", "comment form"}, (line, reason)


FURNITURE = {
    "000": ["Leave a Reply", "Your email address will not be published", "US Centcom Commander",
            "Punjab Text Book Board", "Atif Aslam", "Turkish CGS discusses"],
    "001": ["Related Articles", "Latest Articles", "Most Popular", "Monday, July 15, 2024"],
    "002": ["Breaking News", "Read more: North Korea", "The Japan Times"],
    "003": ["-Top News EU News Europe", "ALSO READ:", "Leave a Reply"],
    "004": ["News \u00a0 / \u00a0 Russia", "website can also be accessed", "www.presstv.co.uk", "SHARE THIS ARTICLE",
            "Press TV News Roku", "(Photo by Sputnik)"],
}


@pytest.mark.parametrize(("prefix", "pieces"), FURNITURE.items())
def test_furniture_is_removed_and_recorded(prefix: str, pieces: list[str]) -> None:
    cleaned = clean(seed_text(prefix))
    for piece in pieces:
        assert piece not in cleaned.body, piece
        assert any(piece in r.text for r in cleaned.removed), piece
    # the headline is the title, once, and never repeated in the body
    assert cleaned.title
    assert cleaned.title not in cleaned.body


def test_removed_lines_point_back_to_the_raw_text() -> None:
    raw = seed_text("004").splitlines()
    for r in clean("\n".join(raw)).removed:
        assert raw[r.line - 1].strip() == r.text


@needs_sample
def test_cleaning_generalises_to_other_outlets() -> None:
    rows = [json.loads(line) for line in SAMPLE.open(encoding="utf-8")]
    with_ads = [r for r in rows if "\nAdvertisement\n" in r["content_original"]][:50]
    assert with_ads
    for r in with_ads:
        cleaned = clean(r["content_original"], title=r["title"])
        assert "\n\nAdvertisement\n\n" not in f"\n\n{cleaned.body}\n\n"
        # nearly all of the text is kept: cleaning takes lines of furniture, not the story
        assert len(cleaned.body) > 0.85 * len(r["content_original"]) - 400
    copyright_rows = [r for r in rows if "Click here for reprint permission" in r["content_original"]][:20]
    for r in copyright_rows:
        assert "reprint permission" not in clean(r["content_original"], title=r["title"]).body


@needs_sample
def test_sample_imports_with_no_options() -> None:
    corpus = load_corpus([SAMPLE])
    assert len(corpus) == 2000
    assert not corpus.problems
    first = corpus.articles[0]
    assert first.id == "1GLe2ySNGGtnezXR"  # the record's own ID field
    assert first.outlet_name == "Guest Writer - Right"
    assert first.outlet.how == "record field 'source'"
    assert first.date.value == "2016-08-10"
    assert dict(first.extra)["bias_text"] == "right"
    assert len(corpus.outlets()) >= 150
    dated = [a.date.value for a in corpus if a.date.value]
    assert all(len(d) == 10 and d[4] == "-" for d in dated)
    assert len(dated) >= 1700


def test_a_one_line_text_is_its_own_story(tmp_path) -> None:
    """A file of one sentence is a story, not a headline over nothing; two such files are not copies."""
    (tmp_path / "note.txt").write_bytes("Caf\xe9 au lait in Astana. The summit was held.\n".encode("latin-1"))
    (tmp_path / "other.txt").write_text("Leaders met in Astana on Thursday.\n", encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert not corpus.problems
    by_id = {a.id: a for a in corpus}
    assert by_id["note"].body == "Café au lait in Astana. The summit was held."
    assert by_id["other"].body == "Leaders met in Astana on Thursday."
    assert by_id["other"].title == "Leaders met in Astana on Thursday."


@pytest.mark.parametrize(("raw", "iso", "note"), [
    ("04/07/2024", "2024-04-07", "could be 7 April 2024 or 4 July 2024: read month first"),
    ("04.07.2024", "2024-07-04", "could be 4 July 2024 or 7 April 2024: read day first"),  # dots: European
    ("13/07/2024", "2024-07-13", None),  # one reading only
    ("07/07/2024", "2024-07-07", None),
    ("2024-07-04", "2024-07-04", None),
    ("July 4, 2024", "2024-07-04", None),
])
def test_a_date_that_reads_two_ways_says_so(tmp_path, raw: str, iso: str, note: str | None) -> None:
    """A numeric date with day and month both 12 or less is read in one stated order, with a note."""
    (tmp_path / "a.md").write_text(f"---\ndate: {raw}\n---\nLeaders met in Astana on Thursday.\n", encoding="utf-8")
    article = load_corpus([tmp_path]).articles[0]
    assert article.date.value == iso
    notes = [n for n in article.notes if "could be" in n]
    assert notes == [] if note is None else (len(notes) == 1 and note in notes[0])


def test_a_cut_export_loses_its_mark_and_says_so() -> None:
    """News API exports end a cut text with "[+2000 chars]": not the story's words, but worth knowing."""
    cleaned = clean("Leaders gathered in Astana for talks about security and trade… [+2140 chars]", title="Talks")
    assert cleaned.body == "Leaders gathered in Astana for talks about security and trade…"
    assert [r.reason for r in cleaned.removed] == [
        "the source's mark of a cut text: 2140 more characters were not exported"]


@needs_sample
def test_text_decoded_twice_is_repaired_with_a_note(tmp_path) -> None:
    """Scraped news carries mojibake ("WeÃ¢â‚¬â„¢re"); the sample's own cases read as written, curly
    quotes and all, and nothing else in the sample changes."""
    rows = [json.loads(line) for line in SAMPLE.open(encoding="utf-8")]
    broken = [r for r in rows if "Ã¢â‚¬" in r["title"] + r["content_original"]]
    assert len(broken) >= 10
    sample = tmp_path / "part.jsonl"
    clean_rows = [r for r in rows if r not in broken][:40]
    sample.write_text("".join(json.dumps(r) + "\n" for r in broken + clean_rows), encoding="utf-8")
    corpus = load_corpus([sample])
    by_id = {a.id: a for a in corpus}
    for r in broken:
        a = by_id[r["ID"]]
        assert "Ã¢â‚¬" not in a.title + a.body
        assert any("decoded twice" in n for n in a.notes)
    assert any("’" in by_id[r["ID"]].title + by_id[r["ID"]].body for r in broken)
    for r in clean_rows:
        a = by_id[r["ID"]]
        assert not any("decoded twice" in n for n in a.notes)
        assert a.body == clean(r["content_original"], title=r["title"]).body


@needs_sample
def test_photo_captions_that_end_in_a_credit_are_removed_and_reported() -> None:
    """Captions carry a credit at their end ("Photograph: Name/Reuters", "(Name/Reuters)", "Name/Getty Images");
    a sentence that merely names a poll or a ratio with a slash stays story."""
    rows = [json.loads(line) for line in SAMPLE.open(encoding="utf-8")]
    raw_lines = [(r, ln.strip()) for r in rows for ln in r["content_original"].splitlines() if ln.strip()]
    shapes = {
        "Photograph: ": lambda ln: "Photograph: " in ln[-60:] and "/" in ln[-40:],
        "(…/Reuters)": lambda ln: ln.endswith("/Reuters)"),
        "/Getty Images": lambda ln: ln.endswith("/Getty Images"),
    }
    cleaned_rows: dict[str, Cleaned] = {}
    for shape, test in shapes.items():
        captions = [(r, ln) for r, ln in raw_lines if test(ln) and len(ln.split()) <= 50]
        assert len(captions) >= 5, shape
        for r, ln in captions:
            cleaned = cleaned_rows.get(r["ID"]) or cleaned_rows.setdefault(r["ID"], clean(r["content_original"],
                                                                                          title=r["title"]))
            assert ln not in cleaned.body.split("\n\n"), ln
            reasons = {x.reason for x in cleaned.removed if x.text == ln}
            # above the headline a credit line may be taken for navigation first; either way it is reported
            assert reasons & {"photo caption or credit", "section breadcrumb"}, (ln, reasons)
    poll = [(r, ln) for r, ln in raw_lines if "News/Washington Post poll" in ln]
    assert poll
    for r, ln in poll:
        assert ln in clean(r["content_original"], title=r["title"]).body.split("\n\n")


@needs_sample
def test_video_player_captions_are_removed_and_reported() -> None:
    """A video player's caption line ("JUST WATCHED <title> Replay More Videos ... MUST WATCH <title> 01:29") is page
    furniture: it was aligned as if an outlet stated its title; a sentence that mentions watching stays."""
    rows = [json.loads(line) for line in SAMPLE.open(encoding="utf-8")]
    players = [(r, ln.strip()) for r in rows for ln in r["content_original"].splitlines()
               if ln.strip().startswith("JUST WATCHED")]
    assert len(players) >= 20
    for r, ln in players[:40]:
        cleaned = clean(r["content_original"], title=r["title"])
        assert "Replay More Videos" not in cleaned.body
        assert {x.reason for x in cleaned.removed if x.text == ln} == {"video player"}
    story = "Millions of viewers just watched the debate, and many said they would watch it again."
    assert story in clean(f"{story}\n\nThe second paragraph of the story follows here.", title="Debate night").body
