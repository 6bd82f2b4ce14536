"""Domain logic of the conflict-event pipeline: plain Python and Polars, importable without Dagster.

Stages, in order: ``landing`` (read files into article records) -> ``raw`` (append-only article log)
-> ``clean`` (main text, metadata, sentences) -> ``extract`` (event mentions) -> ``dedup`` (events)
-> aggregates (SQL views in ``warehouse/``).
"""
