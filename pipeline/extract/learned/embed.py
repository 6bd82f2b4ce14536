"""Static word embeddings from wordllama, loaded once per process from the files inside its wheel.

wordllama ships one weights file (256 dimensions, Matryoshka-trained, so a prefix is a smaller embedding) and
its tokenizer in the package; its loader would look for the tokenizer in a folder the wheel does not have and
then try the network, so the package folder is passed as the cache and downloads are disabled.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

FULL_DIM = 256


@lru_cache(maxsize=1)
def _model():
    import wordllama

    folder = Path(wordllama.__file__).parent
    return wordllama.WordLlama.load(dim=FULL_DIM, cache_dir=folder, disable_download=True)


@lru_cache(maxsize=4096)
def embed(text: str, dim: int = FULL_DIM) -> np.ndarray:
    """The first ``dim`` dimensions of a text's embedding (a sentence or a word), unit length; zeros for an
    empty text."""
    if not text.strip():
        return np.zeros(dim, dtype=np.float32)
    vector = np.asarray(_model().embed([text])[0][:dim], dtype=np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector
