"""The learned event filter: a small linear model that reads a kept candidate's parse evidence and static
word embeddings and gives the probability that it reports a specific, real event (``event_filter``).

- ``embed``: wordllama's static embeddings, whose weights ship inside its PyPI wheel (nothing downloaded).
- ``features``: the numbers the model reads for one reading.
- ``event_filter``: the sentence step that applies the trained weights (``data/event_filter.json``).
- ``train``: the training script, reproducible from ../shared and the labels in ``labels/``.
"""
