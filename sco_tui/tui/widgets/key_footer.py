"""The footer: Textual's, recomposed only when the keys it shows change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's ``Footer`` rebuilds every key it shows (removes them, mounts and styles new ones)
    each time the screen says its bindings may have changed: three times before the explorer's
    first list was drawn (the first focus, the screen's resume, a refresh), and on every focus
    change after. This one rebuilds only when the shown keys, their state or their tooltips differ
    from those it shows."""

    _shown: tuple | None = None  # what the keys on screen were built from; None: nothing built yet

    def compose(self) -> ComposeResult:
        keys = list(super().compose())  # nothing until the screen's bindings are known
        self._shown = self._keys() if keys else None
        for key in keys:  # as compact as they will be once mounted: mounting them restyles none of them again
            key.set_class(self.compact, "-compact", update=False)
        yield from keys

    async def recompose(self) -> None:
        if self._shown is not None and self.is_attached and self._keys() == self._shown:
            return
        await super().recompose()

    def _keys(self) -> tuple:
        """What the footer shows is built from: each shown binding (and the palette's), enabled or
        not, with its tooltip."""
        app = self.app
        palette = app.COMMAND_PALETTE_BINDING
        return (self.show_command_palette, app.ENABLE_COMMAND_PALETTE,
                tuple((key, active.binding, app.get_key_display(active.binding), active.enabled, active.tooltip)
                      for key, active in self.screen.active_bindings.items()
                      if active.binding.show or key == palette))
