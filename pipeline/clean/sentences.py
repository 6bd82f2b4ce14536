"""Sentence splitting of a clean body with spaCy's rule-based sentencizer.

Guarantees: sentences are in order, never cross a line break (so never a paragraph boundary), are
stripped of surrounding whitespace, are never empty, and ``body[char_start:char_end] == text``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import spacy
from spacy.language import Language

# spaCy refuses texts over nlp.max_length, so a pathological one-line "paragraph" is cut into slices at
# whitespace first. Its tokenizer also takes quadratic time on one very long "word" ("((((...", a
# minified script), so such a run is passed through as a sentence of its own. Both only happen on junk.
_MAX_SLICE_CHARS = 100_000
_LONG_RUN = re.compile(r"\S{200,}")
_BATCH_SIZE = 64
_LINE = re.compile(r"[^\n]+")


@functools.cache
def sentencizer() -> Language:
    """The shared blank English pipeline with a sentencizer, built once per process."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _cut(offset: int, text: str) -> Iterator[tuple[int, str]]:
    while len(text) > _MAX_SLICE_CHARS:
        cut = text.rfind(" ", 0, _MAX_SLICE_CHARS)
        cut = cut if cut > 0 else _MAX_SLICE_CHARS
        yield offset, text[:cut]
        offset, text = offset + cut, text[cut:]
    yield offset, text


def _slices(body: str) -> Iterator[tuple[int, str, bool]]:
    """(offset, text, needs_splitting) for each piece of each line of ``body``."""
    for line in _LINE.finditer(body):
        position = line.start()
        for run in _LONG_RUN.finditer(body, line.start(), line.end()):
            if run.start() > position:
                yield from ((o, t, True) for o, t in _cut(position, body[position : run.start()]))
            yield run.start(), run.group(0), False
            position = run.end()
        if position < line.end():
            yield from ((o, t, True) for o, t in _cut(position, body[position : line.end()]))


def split_sentences(body: str) -> list[tuple[int, int, str]]:
    """(char_start, char_end, text) of every sentence in ``body``."""
    slices = list(_slices(body))
    to_split = [text for _, text, needs_splitting in slices if needs_splitting]
    docs = iter(sentencizer().pipe(to_split, batch_size=_BATCH_SIZE))
    spans: list[tuple[int, int, str]] = []
    for offset, text, needs_splitting in slices:
        pieces = ((s.start_char, s.text) for s in next(docs).sents) if needs_splitting else [(0, text)]
        for start_char, raw in pieces:
            stripped = raw.strip()
            if stripped:
                start = offset + start_char + (len(raw) - len(raw.lstrip()))
                spans.append((start, start + len(stripped), stripped))
    return spans
