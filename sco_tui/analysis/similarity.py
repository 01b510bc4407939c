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

Public API (stable): ``embed``, ``cosine``, ``neighbours``, ``load``, ``MODEL``, ``DIM``,
``ModelUnavailable``.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported lazily, with the model
    import numpy as np

MODEL = "wordllama-0.4 l2_supercat 256"
DIM = 256
_WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
_TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
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
    return _Model(tokenizer, np.ascontiguousarray(matrix))  # float16 as shipped; rows are widened when used


def load() -> None:
    """Load the model now (it otherwise loads on first use); raises ``ModelUnavailable``."""
    global _model
    if _model is not None:
        return
    with _lock:
        if _model is None:
            _model = _read()


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
    encodings = _model.tokenizer.encode_batch(texts, add_special_tokens=False)
    lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
    if not lengths.any():
        return out
    ids = np.fromiter((i for e in encodings for i in e.ids), dtype=np.int64, count=int(lengths.sum()))
    np.clip(ids, 0, _model.matrix.shape[0] - 1, out=ids)
    vectors = _model.matrix[ids].astype(np.float32)
    nonempty = lengths > 0
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))[nonempty]
    out[nonempty] = np.add.reduceat(vectors, starts, axis=0)  # the mean's direction is the sum's
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


def cosine(a: np.ndarray, b: np.ndarray | None = None) -> np.ndarray:
    """Cosine matrix of two sets of ``embed`` rows (``a`` against itself when ``b`` is None)."""
    return a @ (a if b is None else b).T


def neighbours(vectors: np.ndarray, k: int, floor: float = 0.0, block: int = 2048) -> list[list[tuple[int, float]]]:
    """For each row, its ``k`` most similar other rows scoring at least ``floor``, best first.

    Computed block by block (memory stays ``block x n``); the work is one matrix product, fast for
    the tens of thousands of sentences a comparison holds.
    """
    import numpy as np

    n = len(vectors)
    out: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    if n < 2 or k <= 0:
        return out
    k = min(k, n - 1)
    for lo in range(0, n, block):
        sims = vectors[lo:lo + block] @ vectors.T
        rows = np.arange(sims.shape[0])
        sims[rows, rows + lo] = -np.inf
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < n else np.argsort(-sims, axis=1)
        for r in range(sims.shape[0]):
            picked = sorted(((int(j), float(sims[r, j])) for j in top[r] if sims[r, j] >= floor),
                            key=lambda p: -p[1])
            out[lo + r] = picked
    return out
