"""The reader's framing lens, as a person uses it: Pilot key presses on the real seeds."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from sco_tui.tui.app import ScoApp, create_app
from sco_tui.tui.screens.help import HelpScreen
from sco_tui.tui.widgets.reader import Paragraph, Reader

PRESS_TV = "004_c8b71dc69254530b"


async def settle(app: ScoApp, pilot) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def plain(renderable) -> str:
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(renderable)
    return console.export_text()


def styled(reader: Reader, word: str, attribute: str) -> bool:
    """Whether some painted paragraph gives ``word`` a style with ``attribute`` set."""
    for para in reader.query(Paragraph):
        text = para.content
        assert isinstance(text, Text)
        at = text.plain.find(word)
        if at < 0:
            continue
        for span in text.spans:
            style = span.style
            if span.start <= at and at + len(word) <= span.end and not isinstance(style, str) \
                    and getattr(style, attribute):
                return True
    return False


async def test_framing_lens_underlines_cues_and_explains_the_sentence_under_the_cursor() -> None:
    app = create_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        app.open_article(PRESS_TV)
        await settle(app, pilot)
        reader = app.query_one(Reader)
        reader.focus()
        await pilot.pause()
        assert "f" in {b.binding.key for b in app.active_bindings.values() if b.binding.show}  # in the footer
        assert not styled(reader, "hegemony", "underline")
        await pilot.press("f")
        await settle(app, pilot)
        assert reader.lens and reader.cue_article == PRESS_TV and reader.cue_rows
        assert styled(reader, "hegemony", "underline")  # cue words underlined
        assert styled(reader, "special military operation", "bgcolor")  # its sentence shaded
        assert not styled(reader, "Turkmenistan is not a member", "underline")
        seen = []
        for _ in range(len(reader.cue_rows)):
            await pilot.press("right_square_bracket")
            seen.append(plain(reader.cue_detail()))
        smo = next(d for d in seen if "special military operation" in d)
        assert "Look twice" in smo and "loaded" in smo and "judges while it describes" in smo
        assert "scare quote" in smo and "lexical" in smo
        shown = plain(app.query_one("#reader-cues").content)
        assert "score" in shown  # the panel below the text shows the cursor's cues
        await pilot.press("left_square_bracket")
        assert reader.cue_cursor == len(reader.cue_rows) - 2
        await pilot.press("f")
        await pilot.pause()
        assert not reader.lens and not styled(reader, "hegemony", "underline")


async def test_framing_lens_follows_the_article_and_is_in_the_help() -> None:
    app = create_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        app.open_article(PRESS_TV)
        await settle(app, pilot)
        reader = app.query_one(Reader)
        reader.focus()
        await pilot.press("f")
        await settle(app, pilot)
        app.open_article("001_a947daa3add8d49a")
        await settle(app, pilot)
        assert reader.cue_article == "001_a947daa3add8d49a"
        assert any("may" in w for r in reader.cue_rows for c in r.cues for w in c.words)
        app.action_help()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        helped = " ".join(plain(w.content) for w in app.screen.query("Static") if hasattr(w, "content"))
        assert "Framing" in helped and "Next cue" in helped and "Prev cue" in helped
