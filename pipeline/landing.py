"""Landing folder: turn the files users drop into article records, or into quarantine entries with a reason.

A *batch* is one top-level entry of the landing folder: a file, or a folder dropped at once (all files below
it). Supported files: ``*.txt`` (plain text), ``*.html``/``*.htm`` (a web page), ``*.jsonl``/``*.json`` (one
article per record, with optional ``id``, ``url``, ``outlet``, ``title``, ``published_at`` and ``text`` or
``html``; a record ``{"id": ..., "retract": true}`` retracts an article) and ``*.retract`` tombstone files
(one article key per line). Guarantee: every file and every record either becomes an ``ArticleRecord`` or a
``QuarantineRecord``; nothing is dropped silently and nothing here raises on bad input.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".json": "jsonl"}
TOMBSTONE_SUFFIX = ".retract"
SUPPORTED_SUFFIXES = set(TEXT_SUFFIXES) | {TOMBSTONE_SUFFIX}

# Bigger files are almost always exports or mistakes; they would also stall a batch.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_RECORD_CHARS = 2_000_000
QUARANTINE_PREVIEW_CHARS = 64 * 1024
STRING_FIELDS = ("id", "url", "outlet", "title", "text", "html")


@dataclass(frozen=True)
class ArticleRecord:
    """One article version as received, before any cleaning."""

    article_key: str
    source_id: str
    source_path: str
    record_index: int
    format: str
    content: str
    content_is_html: bool
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published_at_raw: str | None = None

    @property
    def content_hash(self) -> str:
        """Identity of this version: the content and its metadata, not the file name it came in."""
        payload = json.dumps(
            [self.content, self.url, self.outlet, self.title, self.published_at_raw], ensure_ascii=False
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Retraction:
    """A request to withdraw an article (all its versions) from every projection."""

    article_key: str
    source_path: str
    record_index: int


@dataclass(frozen=True)
class QuarantineRecord:
    """Input that could not become an article, and why."""

    source_path: str
    record_index: int
    reason: str
    raw_content: str
    content_bytes: int


@dataclass
class Batch:
    """Everything read from one landing batch."""

    articles: list[ArticleRecord]
    retractions: list[Retraction]
    quarantined: list[QuarantineRecord]


def list_batches(landing: Path) -> list[str]:
    """Batch ids (top-level file or folder names) currently in the landing folder, sorted."""
    if not landing.is_dir():
        return []
    return sorted(p.name for p in landing.iterdir() if not p.name.startswith(".") and _is_batch(p))


def _is_batch(path: Path) -> bool:
    return path.is_dir() or path.suffix.lower() in SUPPORTED_SUFFIXES


def batch_files(landing: Path, batch_id: str) -> list[Path]:
    """The files of one batch, in a stable order."""
    root = landing / batch_id
    if root.is_dir():
        return sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [root] if root.is_file() else []


def read_batch(landing: Path, batch_id: str) -> Batch:
    """Read every file of a batch; bad files and records go to quarantine, the rest proceeds."""
    batch = Batch([], [], [])
    for path in batch_files(landing, batch_id):
        _read_file(path, path.relative_to(landing).as_posix(), batch)
    return batch


def _quarantine(batch: Batch, rel: str, index: int, reason: str, raw: bytes | str) -> None:
    size = len(raw.encode("utf-8", "replace")) if isinstance(raw, str) else len(raw)
    text = raw if isinstance(raw, str) else raw[: QUARANTINE_PREVIEW_CHARS * 4].decode("utf-8", "replace")
    batch.quarantined.append(QuarantineRecord(rel, index, reason, text[:QUARANTINE_PREVIEW_CHARS], size))


def _read_file(path: Path, rel: str, batch: Batch) -> None:
    kind = TEXT_SUFFIXES.get(path.suffix.lower())
    if kind is None and path.suffix.lower() != TOMBSTONE_SUFFIX:
        _quarantine(batch, rel, 0, f"unsupported file type '{path.suffix or '(none)'}'", b"")
        return
    size = path.stat().st_size
    if size == 0:
        _quarantine(batch, rel, 0, "empty file", b"")
        return
    if size > MAX_FILE_BYTES:
        with path.open("rb") as fh:
            head = fh.read(QUARANTINE_PREVIEW_CHARS)
        _quarantine(batch, rel, 0, f"file too large: {size:,} bytes (limit {MAX_FILE_BYTES:,})", head)
        return
    data = path.read_bytes()
    text, problem = decode(data)
    if problem:
        _quarantine(batch, rel, 0, problem, data)
        return
    if not text.strip():
        _quarantine(batch, rel, 0, "file holds only whitespace", data)
        return
    if path.suffix.lower() == TOMBSTONE_SUFFIX:
        for i, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                batch.retractions.append(Retraction(line.strip(), rel, i))
        return
    if kind == "jsonl":
        _read_json_records(text, rel, path.name, batch)
        return
    _add_article(batch, rel, 0, kind, {"id": None, kind if kind == "html" else "text": text}, path.name)


def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 text of a file, or a reason why it is not text we can trust."""
    if b"\x00" in data[:8192]:
        return "", "binary content (NUL bytes): not a text, HTML or JSON file"
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if sample and controls / len(sample) > 0.05:
        return "", f"binary content ({controls} control bytes in the first {len(sample)})"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        return "", (
            f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "probably Latin-1/Windows-1252: re-save the file as UTF-8"
        )


def _read_json_records(text: str, rel: str, file_name: str, batch: Batch) -> None:
    stripped = text.lstrip()
    if rel.lower().endswith(".json") and stripped.startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as err:
            _quarantine(batch, rel, 0, f"malformed JSON: {err.msg} at line {err.lineno}", text)
            return
        for i, record in enumerate(records, start=1):
            _add_json_record(batch, rel, i, record, json.dumps(record, ensure_ascii=False), file_name)
        return
    lines = text.splitlines()
    if rel.lower().endswith(".json") and len(lines) > 1 and stripped.startswith("{"):
        try:  # a single pretty-printed object
            record = json.loads(text)
        except json.JSONDecodeError:
            pass
        else:
            _add_json_record(batch, rel, 1, record, text, file_name)
            return
    for i, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            _quarantine(batch, rel, i, f"malformed JSON on line {i}: {err.msg} (column {err.colno})", line)
            continue
        _add_json_record(batch, rel, i, record, line, file_name)


def _add_json_record(batch: Batch, rel: str, index: int, record: object, raw: str, file_name: str) -> None:
    if not isinstance(record, dict):
        _quarantine(batch, rel, index, f"record is a JSON {type(record).__name__}, not an object", raw)
        return
    for field in STRING_FIELDS:
        value = record.get(field)
        if value is not None and not isinstance(value, str):
            if field == "id" and isinstance(value, int) and not isinstance(value, bool):
                record = {**record, "id": str(value)}
                continue
            _quarantine(
                batch, rel, index, f"field '{field}' must be a string, got {type(value).__name__}", raw
            )
            return
    published = record.get("published_at")
    if published is not None and not isinstance(published, str):
        _quarantine(batch, rel, index, f"field 'published_at' must be a date string, got {published!r}", raw)
        return
    if record.get("retract") is True:
        key = record.get("id") or record.get("url")
        if not key:
            _quarantine(batch, rel, index, "retraction names no 'id' or 'url'", raw)
        else:
            batch.retractions.append(Retraction(key, rel, index))
        return
    if not (record.get("text") or "").strip() and not (record.get("html") or "").strip():
        _quarantine(batch, rel, index, "record has neither 'text' nor 'html' content", raw)
        return
    _add_article(batch, rel, index, "jsonl", record, f"{file_name}:{index}", raw)


def _add_article(
    batch: Batch, rel: str, index: int, fmt: str, record: dict, fallback_id: str, raw: str | None = None
) -> None:
    is_html = not (record.get("text") or "").strip()
    content = record.get("html") if is_html else record.get("text")
    if len(content) > MAX_RECORD_CHARS:
        reason = f"article too long: {len(content):,} characters (limit {MAX_RECORD_CHARS:,})"
        _quarantine(batch, rel, index, reason, raw if raw is not None else content)
        return
    source_id = record.get("id") or fallback_id
    batch.articles.append(
        ArticleRecord(
            article_key=record.get("id") or record.get("url") or (f"{rel}:{index}" if index else rel),
            source_id=source_id,
            source_path=rel,
            record_index=index,
            format=fmt,
            content=content,
            content_is_html=is_html or fmt == "html",
            url=record.get("url"),
            outlet=record.get("outlet"),
            title=record.get("title"),
            published_at_raw=record.get("published_at"),
        )
    )


def batch_signature(landing: Path, batch_id: str) -> tuple[str, int, int]:
    """(signature, file count, bytes) of a batch: changes when a file is added, removed or edited."""
    parts, total = [], 0
    files = batch_files(landing, batch_id)
    for path in files:
        stat = path.stat()
        total += stat.st_size
        parts.append(f"{path.relative_to(landing).as_posix()}:{stat.st_size}:{stat.st_mtime_ns}")
    digest = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]
    return digest, len(files), total
