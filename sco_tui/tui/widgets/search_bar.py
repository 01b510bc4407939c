"""The search input: search as you type, with up/down to recall earlier queries."""

from __future__ import annotations

from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

from sco_tui.tui.frame_hold import FrameHold


class SearchBar(Input):
    """An Input whose up/down keys walk the saved query history."""

    # An Input sets its virtual size (the text's width) on every key; declared with layout=True, each
    # key laid out the whole screen and redrew every scrollbar in it. The box is one line whatever it
    # holds, and scrolls its text by itself: its own repaint is enough.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("up", "history(-1)", "Earlier query", show=False, id="search.history_back",
                tooltip="Recall the previous query from your history"),
        Binding("down", "history(1)", "Later query", show=False, id="search.history_forward",
                tooltip="Recall the next query from your history"),
    ]

    def __init__(self, history: list[str], hold: FrameHold | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.history = history
        self.hold = hold  # the frame is held from a change of the text to its hits (see tui.frame_hold)
        self._pos: int | None = None
        self._draft = ""

    def watch_value(self, _value: str) -> None:
        if self.hold is not None and self.is_mounted:
            self.hold.begin()  # before the box's own repaint can reach the screen

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        if self._pos is None:
            self._draft = self.value
            pos = len(self.history) if step < 0 else None
        else:
            pos = self._pos
        if pos is None:
            return
        pos += step
        if pos < 0:
            pos = 0
        if pos >= len(self.history):
            self._pos = None
            self.value = self._draft
        else:
            self._pos = pos
            self.value = self.history[pos]
        self.cursor_position = len(self.value)

    def reset_history_position(self) -> None:
        self._pos = None
