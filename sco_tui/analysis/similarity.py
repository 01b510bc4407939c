"""Paraphrase-robust sentence similarity: WordLlama's static token embeddings, loaded offline.

WordLlama 0.4 (MIT, https://github.com/dleemiller/WordLlama) ships a 32,000 x 256 token-embedding
matrix (the "l2_supercat" model, 16 MB) and its Llama-2 tokenizer inside its wheel. A sentence is the
mean of its tokens' vectors, L2-normalised, exactly as WordLlama's own ``embed`` pools them; cosine
similarity of two such vectors is their dot product. Paraphrases of one fact score about 0.6-0.9,
unrelated news sentences about 0.0-0.3.

Nothing here touches the network: the files are read from the installed package with
``tokenizers.Tokenizer.from_file`` and ``safetensors``; WordLlama's own loader (which looks for the
tokenizer in a folder the wheel does not have, then downloads from Hugging Face) and its package
``__init__`` (which calls ``logging.basicConfig`` and imports ``requests``) are never imported.
The model loads lazily, once per process, under a lock; ``embed`` is safe to call from threads.

Public API (stable): ``embed``, ``cosine``, ``pair_cosines``, ``neighbours``, ``neighbour_pairs``, ``load``,
``parts``, ``MODEL``, ``DIM``, ``ModelUnavailable``.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported lazily, with the model
    import numpy as np

MODEL = "wordllama-0.4 l2_supercat 256"
DIM = 256
_WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
_TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
_CHUNK = 64  # texts summed per gather
_OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}


class ModelUnavailable(RuntimeError):
    """The embedding files are missing or damaged; the message says which file and why."""


class _Model:
    def __init__(self, tokenizer, matrix: np.ndarray) -> None:
        self.tokenizer = tokenizer
        self.matrix = matrix


_model: _Model | None = None
_lock = threading.Lock()


def package_dir() -> Path:
    """Where the WordLlama package's files are installed (found without importing the package)."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable("the wordllama package is not installed (pip install 'wordllama==0.4.0.post1')")
    return Path(next(iter(spec.submodule_search_locations)))


def _read() -> _Model:
    for key, value in _OFFLINE.items():
        os.environ.setdefault(key, value)
    import numpy as np
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    root = package_dir()
    weights, vocab = root / _WEIGHTS, root / _TOKENIZER
    for f in (weights, vocab):
        if not f.is_file():
            raise ModelUnavailable(f"embedding file missing: {f}")
    try:
        tokenizer = Tokenizer.from_file(str(vocab))
        tensors = load_file(str(weights))
    except Exception as e:  # the files exist but do not parse: say which, never trust them
        raise ModelUnavailable(f"embedding files in {root} are damaged: {e}") from e
    matrix = tensors.get("embedding.weight")
    if matrix is None or matrix.ndim != 2 or matrix.shape[1] != DIM or tokenizer.get_vocab_size() > matrix.shape[0]:
        raise ModelUnavailable(f"unexpected embedding matrix in {weights}")
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return _Model(tokenizer, np.ascontiguousarray(matrix, dtype=np.float32))  # widened once (32 MB), not per call


def load() -> None:
    """Load the model now (it otherwise loads on first use); raises ``ModelUnavailable``."""
    global _model
    if _model is not None:
        return
    with _lock:
        if _model is None:
            _model = _read()


def parts():
    """The loaded tokenizer and token matrix (float32, one row per token id), for callers that pool
    tokens themselves (stories pools each distinct word once); loads the model first."""
    load()
    assert _model is not None
    return _model.tokenizer, _model.matrix


def loaded() -> bool:
    """Whether the model is in memory (a caller can warm it up off the UI thread)."""
    return _model is not None


def embed(texts: Sequence[str]) -> np.ndarray:
    """One L2-normalised ``DIM``-vector per text (float32, shape ``(len(texts), DIM)``).

    A text with no tokens gets a zero row, so its cosine with anything is 0.
    """
    import numpy as np

    load()
    assert _model is not None
    texts = [t if isinstance(t, str) else str(t) for t in texts]
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
    tokenizer = _model.tokenizer
    encode = getattr(tokenizer, "encode_batch_fast", tokenizer.encode_batch)  # the same ids, no offsets
    encodings = encode(texts, add_special_tokens=False)
    lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
    rows = np.flatnonzero(lengths)
    if not len(rows):
        return out
    ids = np.fromiter(chain.from_iterable(e.ids for e in encodings), dtype=np.int64, count=int(lengths.sum()))
    np.clip(ids, 0, _model.matrix.shape[0] - 1, out=ids)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    for lo in range(0, len(rows), _CHUNK):  # a few texts at a time: the gathered rows stay in cache (~8x faster)
        part = rows[lo:lo + _CHUNK]
        first, last = starts[part[0]], ends[part[-1]]
        out[part] = np.add.reduceat(_model.matrix[ids[first:last]], starts[part] - first, axis=0)  # mean's direction
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


def cosine(a: np.ndarray, b: np.ndarray | None = None) -> np.ndarray:
    """Cosine matrix of two sets of ``embed`` rows (``a`` against itself when ``b`` is None)."""
    return a @ (a if b is None else b).T


_PAIRS = 2048  # pairs gathered at a time by ``pair_cosines``


def pair_cosines(vectors: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The dot product of rows ``left[k]`` and ``right[k]`` for each ``k`` (float32, the same numbers as
    ``np.einsum("ij,ij->i", vectors[left], vectors[right])``), gathered ``_PAIRS`` pairs at a time: the two
    gathered blocks stay in cache instead of two arrays of every pair's rows (~25x faster at 10^5 pairs)."""
    import numpy as np

    out = np.empty(len(left), dtype=vectors.dtype)
    for lo in range(0, len(left), _PAIRS):
        out[lo:lo + _PAIRS] = np.einsum("ij,ij->i", vectors[left[lo:lo + _PAIRS]], vectors[right[lo:lo + _PAIRS]])
    return out


def neighbours(vectors: np.ndarray, k: int, floor: float = 0.0, block: int = 2048,
               groups: Sequence[object] | None = None) -> list[list[tuple[int, float]]]:
    """For each row, its ``k`` most similar other rows scoring at least ``floor``, best first.

    ``groups`` (one label per row), when given, keeps rows of the same label from being each other's
    neighbours (sentences of one article, say). ``neighbour_pairs`` does the work; this lists them by row.
    """
    n = len(vectors)
    out: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    rows, cols, sims = neighbour_pairs(vectors, k, floor, block, groups)
    for r, c, v in zip(rows.tolist(), cols.tolist(), sims.tolist(), strict=True):
        out[r].append((c, v))
    return out


#: Cut-offs tried, highest first, before sorting a row's entries: a row with ``k`` entries at or above one of
#: them needs no entry below it (the same top ``k``, far fewer entries to sort).
_STEPS = (0.9, 0.8, 0.7, 0.6, 0.5, 0.4)


def neighbour_pairs(vectors: np.ndarray, k: int, floor: float = 0.0, block: int = 2048,
                    groups: Sequence[object] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``neighbours`` as three arrays (row, neighbour, cosine), by row and best first within a row.

    Computed by blocks of rows (memory stays about ``block x n`` plus the entries at or above ``floor``: a high
    ``floor`` keeps them few): the product of two blocks serves both (the matrix is symmetric, so half the
    products); then each row keeps only entries at or above the highest of ``_STEPS`` it has ``k`` entries at,
    and those are sorted best first. Rows of one label that sit together (an article's sentences) are masked
    by slices.
    """
    import numpy as np

    n = len(vectors)
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
    if n < 2 or k <= 0:
        return empty
    k = min(k, n - 1)
    floor = max(floor, -1.0)
    labels = runs = None
    if groups is not None:
        _, labels = np.unique(np.asarray([str(g) for g in groups]), return_inverse=True)
        cut = np.flatnonzero(np.diff(labels)) + 1
        starts_, ends_ = np.concatenate([[0], cut]), np.concatenate([cut, [n]])
        if len(np.unique(labels[starts_])) == len(starts_):  # each label in one run: mask by slices
            runs = list(zip(starts_.tolist(), ends_.tolist(), strict=True))
    starts = list(range(0, n, block))
    pending: dict[int, list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = {lo: [] for lo in starts}
    found_r, found_c, found_v = [], [], []
    for lo in starts:
        found = pending.pop(lo)
        for hi in starts[starts.index(lo):]:
            sims = vectors[lo:lo + block] @ vectors[hi:hi + block].T
            if hi == lo:
                np.fill_diagonal(sims, -np.inf)
            if runs is not None:
                for a, b in runs:
                    if a < lo + len(sims) and b > lo and a < hi + sims.shape[1] and b > hi:
                        sims[max(a, lo) - lo:min(b, lo + len(sims)) - lo,
                             max(a, hi) - hi:min(b, hi + sims.shape[1]) - hi] = -np.inf
            elif labels is not None:
                sims[labels[lo:lo + block, None] == labels[None, hi:hi + block]] = -np.inf
            at = np.flatnonzero(sims >= floor)  # -inf (itself, its group) never passes; flat: ~4x faster than nonzero
            r, c = np.divmod(at, sims.shape[1])
            v = sims.ravel()[at]
            found.append((r + lo, c + hi, v))
            if hi != lo:
                pending[hi].append((c + hi, r + lo, v))
        r = np.concatenate([f[0] for f in found])
        c = np.concatenate([f[1] for f in found])
        v = np.concatenate([f[2] for f in found])
        cutoff = np.full(n, floor, dtype=np.float64)
        for step in reversed(_STEPS):  # lowest first: a higher step that still holds k overrides it
            if step > floor:
                enough = np.bincount(r[v >= step], minlength=n) >= k
                cutoff[enough] = step
        keep = v >= cutoff[r]
        r, c, v = r[keep], c[keep], v[keep]
        # by row, best first (ties keep column order: the blocks are in column order and the sort is stable)
        order = np.argsort(r + (1.0 - v.astype(np.float64)) / 2.01, kind="stable")
        r, c, v = r[order], c[order], v[order]
        rank = np.arange(len(r)) - np.searchsorted(r, r, side="left")  # each entry's rank in its row
        keep = rank < k
        found_r.append(r[keep])
        found_c.append(c[keep])
        found_v.append(v[keep])
    return np.concatenate(found_r), np.concatenate(found_c), np.concatenate(found_v)
