"""Static word embeddings from wordllama, loaded once per process from the files inside its wheel.

wordllama ships one weights file (256 dimensions, Matryoshka-trained, so a prefix is a smaller embedding) and
its tokenizer in the package; its loader would look for the tokenizer in a folder the wheel does not have and
then try the network, so the package folder is passed as the cache and downloads are disabled. Only the
first ``LOADED_DIM`` dimensions, the most any feature reads, are kept in memory (16 MB per process, not 32):
the embedding is an average of token vectors, so its prefix is the average of their prefixes.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

FULL_DIM = 256  # of the weights file
LOADED_DIM = 128  # kept in memory: the widest prefix a feature reads


@lru_cache(maxsize=1)
def _model():
    import wordllama

    folder = Path(wordllama.__file__).parent
    return wordllama.WordLlama.load(
        dim=FULL_DIM, trunc_dim=LOADED_DIM, cache_dir=folder, disable_download=True
    )


@lru_cache(maxsize=4096)
def embed(text: str, dim: int = LOADED_DIM) -> np.ndarray:
    """The first ``dim`` dimensions (at most ``LOADED_DIM``) of a text's embedding (a sentence or a word),
    unit length; zeros for an empty text."""
    if dim > LOADED_DIM:
        raise ValueError(f"only the first {LOADED_DIM} dimensions are loaded, not {dim}")
    if not text.strip():
        return np.zeros(dim, dtype=np.float32)
    vector = np.asarray(_model().embed([text])[0][:dim], dtype=np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector
