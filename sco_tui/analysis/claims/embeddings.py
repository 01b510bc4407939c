"""Embeddings of units and of single words (through ``similarity``; ``None`` without the model), remembered across
calls; ``prepare_claims`` makes them ahead, ``clear_caches`` forgets all the claims step remembers."""

from __future__ import annotations

import threading
from collections import OrderedDict

from sco_tui.analysis.claims.units import _article_units
from sco_tui.analysis.claims.words import _CONTENT, _NAMES, _surfaces
from sco_tui.corpus.model import Article

_VECTORS: OrderedDict[tuple[str, str], object] = OrderedDict()  # (article id, body) -> its units' embeddings
_VECTORS_LOCK = threading.Lock()


def _vectors(articles: list[Article]):
    """The embeddings of the articles' units in ``_units`` order (``None`` without the model); the articles
    not seen before are embedded in one batch, and each article's rows are remembered."""
    keys = [(a.id, a.body) for a in articles]
    with _VECTORS_LOCK:
        known = {k: _VECTORS[k] for k in keys if k in _VECTORS}
    missing = list(dict.fromkeys(k for k in keys if k not in known))
    if missing:
        texts = [[u.text for u in _article_units(*k)] for k in missing]
        flat = _embed([t for ts in texts for t in ts])
        if flat is None:
            return None
        at = 0
        for k, ts in zip(missing, texts, strict=True):
            known[k] = flat[at:at + len(ts)]
            at += len(ts)
        with _VECTORS_LOCK:
            _VECTORS.update((k, known[k]) for k in missing)
            while len(_VECTORS) > 1024:
                _VECTORS.popitem(last=False)
    if not keys:
        return None
    import numpy as np

    return np.concatenate([known[k] for k in keys])


def prepare_claims(articles: list[Article]) -> None:
    """Make and remember the articles' units and embeddings ahead of ``find_claims`` (which then reuses them):
    work a caller can do while it waits for something else."""
    _vectors(articles)


def clear_caches() -> None:
    """Forget remembered units and embeddings (benchmarks time a cold start with it)."""
    _article_units.cache_clear()
    _CONTENT.clear()
    _NAMES.clear()
    _surfaces.cache_clear()
    with _VECTORS_LOCK:
        _VECTORS.clear()
    with _WORDS_LOCK:
        _WORDS.clear()


def _embed(texts: list[str]):
    from sco_tui.analysis import similarity

    try:
        return similarity.embed(texts)
    except similarity.ModelUnavailable:
        return None  # the lexical signals alone: fewer paraphrases found, nothing wrong merged


_WORDS: dict[str, object] = {}  # word -> its embedding row (the vocabulary of news text is bounded)
_WORDS_LOCK = threading.Lock()


def _word_vectors(words: list[str]):
    """One embedding row per word (``None`` without the model), remembered across calls."""
    import numpy as np

    with _WORDS_LOCK:
        missing = [w for w in dict.fromkeys(words) if w not in _WORDS]
    if missing:
        found = _embed(missing)
        if found is None:
            return None
        with _WORDS_LOCK:
            if len(_WORDS) > 400_000:
                _WORDS.clear()
            _WORDS.update(zip(missing, found, strict=True))
    if not words:
        return np.zeros((0, 1), dtype=np.float32)
    with _WORDS_LOCK:
        return np.stack([_WORDS[w] for w in words])
