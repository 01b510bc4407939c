"""The hits' own line wrapping: every word kept, no line wider than asked, highlights where the
matches are, wide characters counted as two cells, and the same text Rich would show."""

from __future__ import annotations

import io
from itertools import pairwise

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from sco_tui.index.api import Hit, Snippet
from sco_tui.tui.widgets.hit_lines import INDENT, MATCH_STYLE, Part, TextLines, hit_visual, wrap_offsets

SNIPPET = ("…differences among member states, such as India and Pakistan’s dispute over Kashmir, may pose "
           "challenges to reaching collective agreements. Additionally, an unbreakablelongwordthatoverflowsanyline…")


def lines_of(plain: str, width: int) -> list[str]:
    cuts = [0, *wrap_offsets(plain, width), len(plain)]
    return [plain[a:b] for a, b in pairwise(cuts)]


def test_wrap_keeps_every_character_and_fits_the_width() -> None:
    for width in (8, 13, 20, 35, 80, 400):
        lines = lines_of(SNIPPET, width)
        assert "".join(lines) == SNIPPET
        assert all(cell_len(line.rstrip()) <= width for line in lines), width
        assert all(not line.startswith(" ") for line in lines[1:])
    assert len(lines_of(SNIPPET, 400)) == 1


def test_wrap_breaks_between_words_unless_a_word_is_too_long() -> None:
    lines = lines_of("alpha beta gamma delta", 11)
    assert lines == ["alpha beta ", "gamma delta"]
    assert lines_of("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_wide_characters_take_two_cells() -> None:
    text = "東京 都庁 で 記者会見 が 行われた 東京都知事"
    lines = lines_of(text, 10)
    assert "".join(lines) == text
    assert all(cell_len(line.rstrip()) <= 10 for line in lines)
    assert len(lines) > len(text) // 10  # counted by cells, not characters


def test_a_hit_draws_its_head_snippets_and_a_gap_with_the_match_highlighted() -> None:
    start = SNIPPET.index("Kashmir")
    hit = Hit("001", "Asian Lite News", "Putin and Xi to meet", None, 1.5,
              (Snippet(SNIPPET, ((start, start + 7),)),))
    visual = hit_visual(hit)
    width = 35
    lines = visual.lines(width)
    assert len(lines) == visual.get_height(None, width)
    texts = ["".join(seg.text for seg in segments) for segments, _ in lines]
    assert texts[-1] == ""  # the gap between hits
    head = [t for t in texts[:-1] if not t.startswith(" ")]
    body = texts[len(head):-1]
    assert " ".join(head).split() == "Asian Lite News · Putin and Xi to meet 1.5".split()
    assert body and all(t.startswith(" " * INDENT) for t in body)
    assert " ".join(t.strip() for t in body).replace("  ", " ").startswith("…differences among member states")
    assert all(cells <= width for _, cells in lines)
    marked = "".join(seg.text for segments, _ in lines for seg in segments if seg.style and seg.style.reverse)
    assert marked == "Kashmir" and MATCH_STYLE.reverse


def test_text_lines_print_the_same_text_through_rich() -> None:
    out = Console(width=60, file=io.StringIO(), record=True)
    out.print(TextLines.of(Text("12 hits in 3 outlets\nDid you mean kashmir?")))
    shown = out.export_text()
    assert "12 hits in 3 outlets" in shown and "Did you mean kashmir?" in shown


def test_a_line_too_long_to_wrap_is_cut_with_an_ellipsis_in_its_style() -> None:
    bar = Part.of(Text.assemble(("█████", "bold"), "  12 ", "Washington Free Beacon"), wrap=False)
    visual = TextLines([bar])
    [(segments, cells)] = visual.lines(16)
    assert "".join(s.text for s in segments) == "█████  12 Washi…" and cells == 16
    assert segments[0].style.bold and not segments[-1].style.bold
    [(segments, cells)] = visual.lines(80)
    assert "".join(s.text for s in segments).endswith("Free Beacon") and cells == 32


def test_overlapping_highlights_do_not_repeat_text() -> None:
    hit = Hit("x", "O", "T", None, 1.0, (Snippet("special military operation", ((0, 16), (8, 25))),))
    lines = hit_visual(hit).lines(80)
    body = "".join(seg.text for seg in lines[1][0])
    assert body == "  special military operation"
