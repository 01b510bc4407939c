"""A Whoosh collector that keeps the top hits and counts every match per outlet in the same walk."""

from __future__ import annotations

from array import array

from whoosh.collectors import TopCollector


class OutletCountingCollector(TopCollector):
    """Scores every match once (no block skipping, no matcher replacement: on overlapping ORs such
    as expanded prefixes they drop real top hits), keeps the best ``limit`` in a heap and adds each
    match to its outlet's count, read from a column of outlet per document number.

    The terms a document matched are recorded (as ``terms=True`` would: the term matchers sitting
    on it) only when it enters the heap, not for every match."""

    def __init__(self, limit: int, outlet_of: array, outlets: int) -> None:
        super().__init__(limit, usequality=False, replace=0)
        self.outlet_of = outlet_of
        self.counts = [0] * outlets
        self.docterms: dict[int, list[tuple[str, bytes]]] = {}
        self._termmatchers: list = []

    def set_subsearcher(self, subsearcher, offset: int) -> None:
        super().set_subsearcher(subsearcher, offset)
        self._termmatchers = list(self.matcher.term_matchers())

    def _collect(self, global_docnum: int, score: float):
        self.counts[self.outlet_of[global_docnum]] += 1
        items = self.items
        if len(items) < self.limit or score > items[0][0]:
            sub = global_docnum - self.offset
            self.docterms[global_docnum] = [tm.term() for tm in self._termmatchers
                                            if tm.is_active() and tm.id() == sub]
        return super()._collect(global_docnum, score)
