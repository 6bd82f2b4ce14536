"""``python -m pipeline.bench ...``: the command users type (README, Makefile); the benchmark: ``app.bench``.

This is an entry-point shim, the one place besides ``pipeline/__main__.py`` where ``pipeline/`` may reach
into ``app/``: the benchmark runs the real Dagster job, and the domain layer never imports Dagster, so it
lives in ``app/``. ``app`` is imported only when run as a script, so importing ``pipeline.bench`` by mistake
never pulls in Dagster. ``tests/test_layering.py`` allows this file by name.
"""

import sys

if __name__ == "__main__":
    from app.bench import main

    sys.exit(main())
