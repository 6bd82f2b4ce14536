"""The logger of CLI runs: what the assets say (progress, warnings), one short line each; no Dagster events.

Runs started from the UI or ``dg dev`` configure no logger and keep Dagster's console logger; the run's event
log (what the UI shows) records everything either way.
"""

from __future__ import annotations

import logging
import sys

import dagster as dg

# Above CRITICAL: nothing at all (``--quiet``: the summary is printed by the CLI itself).
SILENT = logging.CRITICAL + 10


class _TerminalHandler(logging.Handler):
    def __init__(self, level: int, stream) -> None:
        super().__init__(level)
        self._stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event")
        if event is not None and record.levelno < logging.ERROR:
            return  # Dagster's own bookkeeping (step started, output yielded...): the UI has it
        text = meta.get("orig_message", record.getMessage())
        error = getattr(getattr(event, "event_specific_data", None), "error", None)
        if error is not None:
            text += f" {error.message.strip()}"
        step = meta.get("step_key")
        prefix = "  " + (f"{step}: " if step else "")
        if record.levelno >= logging.WARNING:
            prefix += f"{record.levelname.lower()}: "
        self._stream.write(prefix + text + "\n")
        self._stream.flush()


@dg.logger(
    config_schema={
        "level": dg.Field(str, default_value="INFO", description="INFO, WARNING, ERROR or SILENT"),
    },
    description="One short line per message the assets log (progress, warnings), to stderr.",
)
def terminal_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    name = init_context.logger_config["level"].upper()
    level = SILENT if name == "SILENT" else logging.getLevelName(name)
    log = logging.getLogger(f"conflict_events.terminal.{init_context.run_id}")
    log.handlers = [_TerminalHandler(level, sys.stderr)]
    log.setLevel(level)
    log.propagate = False
    return log


def logger_config(verbosity: str) -> dict:
    """Run config for CLI runs: ``quiet`` (nothing), ``normal`` (progress and warnings), ``verbose``
    (Dagster's full DEBUG event stream on the console as well)."""
    if verbosity == "verbose":
        return {"loggers": {"console": {"config": {"log_level": "DEBUG"}}}}
    return {"loggers": {"terminal": {"config": {"level": "SILENT" if verbosity == "quiet" else "INFO"}}}}
