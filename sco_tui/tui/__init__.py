"""The Textual app. Nothing outside this package imports textual, so this runs before textual loads.

Textual draws at most ``TEXTUAL_FPS`` frames a second (60 by default) and a change waits for the
next tick of that clock: up to 17 ms between the hits arriving and their frame. 120 halves that
wait; frames are still drawn only when something changed. A value the user sets is kept.

Python's young garbage collections are held back while Textual and the app load and the first
frame is drawn (``idle_gc.hold_young_collections``; the app releases them once it is drawn).
"""

import os

from sco_tui.tui.idle_gc import hold_young_collections

os.environ.setdefault("TEXTUAL_FPS", "120")
hold_young_collections()
