"""Entry points that run the pipeline through Dagster: the command line, the benchmark, the evaluation runner.

``pipeline/`` is the domain layer and never imports Dagster or ``assets/``; whatever starts Dagster jobs for a
user lives here, next to ``assets/``. Users still type ``python -m pipeline ...`` and
``python -m pipeline.bench ...``: those two files in ``pipeline/`` only hand over to this package.
"""
