"""Outlets with their article counts; choosing one filters the list and the search."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

ALL = "\x00all"


class OutletFacet(OptionList):
    """``All outlets`` first, then each outlet by its number of articles."""

    @dataclass
    class Changed(Message):
        outlet: str | None

    def show(self, counts: dict[str, int]) -> None:
        self.clear_options()
        total = sum(counts.values())
        self.add_options([Option(self._label("All outlets", total), id=ALL),
                          *(Option(self._label(outlet, n), id=outlet) for outlet, n in counts.items())])
        self.highlighted = 0

    @staticmethod
    def _label(name: str, n: int) -> Text:
        return Text.assemble((f"{n:>4} ", "bold"), name)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        outlet = event.option.id
        self.post_message(self.Changed(None if outlet in (None, ALL) else outlet))
