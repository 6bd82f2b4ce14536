"""``python -m pipeline ...``: the command users type (README, Makefile); the command line is ``app.cli``.

This is an entry-point shim, the one place besides ``pipeline/bench.py`` where ``pipeline/`` may reach into
``app/``: every command runs a Dagster job, and the domain layer never imports Dagster, so the commands live
in ``app/``. The command users know keeps working, and ``tests/test_layering.py`` allows this file by name.
"""

if __name__ == "__main__":
    from app.cli import as_command

    as_command()
