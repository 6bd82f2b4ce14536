"""Dagster layer: thin assets over the domain steps in ``pipeline/``, one module per stage."""
