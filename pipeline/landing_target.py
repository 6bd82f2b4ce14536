"""What ``--landing`` names: a landing folder, or one file to load as a batch of its own.

Checked before anything touches the warehouse, so a mistyped path creates nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.landing import SUPPORTED_SUFFIXES, list_batches


class LandingError(ValueError):
    """The landing path cannot be loaded; the message says why (the CLI exits with status 2)."""


@dataclass(frozen=True)
class LandingTarget:
    folder: Path  # the landing folder Dagster's resource points at
    batches: list[str]  # the batches to load from it
    only: list[str] | None  # None: every batch of the folder; else just these (a file given directly)


def resolve_landing(path: Path) -> LandingTarget:
    """A folder loads every batch in it; a supported file loads as one batch; anything else is refused."""
    path = path.expanduser().resolve()
    if path.is_dir():
        return LandingTarget(path, list_batches(path), None)
    if path.is_file():
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
            raise LandingError(f"{path} is not a file the pipeline reads (it reads {kinds} files or folders)")
        return LandingTarget(path.parent, [path.name], [path.name])
    raise LandingError(f"landing folder {path} does not exist")
