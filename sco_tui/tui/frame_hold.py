"""One frame for a keystroke and its hits: the screen is not drawn between a key in the search box
and the hits for the new text, for at most ``MOST`` seconds.

Textual draws on a fixed beat (``TEXTUAL_FPS``, 120 a second here: see ``sco_tui.tui``). A key
whose search ended just after a beat was drawn twice: the new text in the box alone at that beat,
and its hits at the next one, a whole beat later. After a pause in typing the first key drew at
once, and Textual then put the next beat one to two beats away, so hits found in 2 ms waited up to
17 ms. Held, the box and its hits are drawn together as soon as the hits are there (at once when a
beat went by meanwhile): one frame less per key, and no frame of text whose hits are not shown yet.
A search slower than ``MOST`` gives the text first, so typing never feels late: its hits follow.

The hold is Textual's own ``App.batch_update``, kept open from the key to the answer.
"""

from __future__ import annotations

from contextlib import ExitStack

from textual.app import App
from textual.timer import Timer

MOST = 0.034  # seconds (two frames at 60 a second) at most before the typed text is drawn anyway


class FrameHold:
    """Holds the app's drawing from ``begin`` to ``release`` (or ``MOST`` seconds)."""

    def __init__(self, app: App) -> None:
        self._app = app
        self._held: ExitStack | None = None
        self._timer: Timer | None = None

    def begin(self) -> None:
        """Hold the next frame (a no-op while held: the first key's deadline stands)."""
        if self._held is not None or not self._app.is_running:
            return
        stack = ExitStack()
        stack.enter_context(self._app.batch_update())
        self._held = stack
        self._timer = self._app.set_timer(MOST, self._expire, name="frame hold")

    def _expire(self) -> None:
        self._timer = None  # it has fired: nothing to stop
        self.release()

    def release(self) -> None:
        """Draw again: what changed meanwhile goes into the next frame."""
        held, self._held = self._held, None
        if held is None:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        held.close()
        if self._app.is_running:
            self._app.screen.check_idle()  # the screen had gone idle held: it looks at what is dirty again
