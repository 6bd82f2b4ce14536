"""Landing folder: turn the files users drop into article records, or into quarantine entries with a reason.

A *batch* is one top-level entry of the landing folder: a file, or a folder dropped at once (all files below
it). Supported files: ``*.txt`` (plain text), ``*.html``/``*.htm`` (a web page), ``*.jsonl``/``*.json`` (one
article per record, with optional ``id``, ``url``, ``outlet``, ``title``, ``published_at`` and ``text`` or
``html``; a record ``{"id": ..., "retract": true}`` retracts an article), ``*.retract`` tombstone files
(one article id, URL or file name per line), and any of these compressed as ``*.gz`` or collected in a
``*.zip`` (each member an input, named ``archive.zip/member``). Text may be UTF-8 or UTF-16/32 with a
byte-order mark.

Article identity (``article_key``): a record with an ``id`` is ``source/id``, where the source is its
``outlet`` (case and spacing ignored) or, without one, the *feed name* of its file (the file name without
extensions and without a trailing date or sequence number: ``wire-2026-11-01.jsonl`` and
``wire-2026-11-02.jsonl`` are the feed ``wire``); so two outlets that both number their records "1" never
collide. A record without an ``id`` is keyed by its canonical URL (see ``canonical_url``), and one with
neither by its file path (and line number).

Guarantee: every file and every record either becomes an ``ArticleRecord``, a ``Retraction`` or a
``QuarantineRecord``, in file order; nothing is dropped silently and nothing here raises on bad input (an
unexpected error costs the one file or record it happened in, quarantined with the error). Symbolic links
that lead out of the landing folder are never followed: they are quarantined without their content.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

TEXT_SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".json": "jsonl"}
TOMBSTONE_SUFFIX = ".retract"
ARCHIVE_SUFFIXES = {".gz", ".zip"}
SUPPORTED_SUFFIXES = set(TEXT_SUFFIXES) | {TOMBSTONE_SUFFIX} | ARCHIVE_SUFFIXES

# Bigger files are almost always exports or mistakes; they would also stall a batch. The limit applies to
# the decompressed size of archive members too (a small .gz can inflate to gigabytes).
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_RECORD_CHARS = 2_000_000
MAX_ARCHIVE_MEMBERS = 10_000
QUARANTINE_PREVIEW_CHARS = 64 * 1024
STRING_FIELDS = ("id", "url", "outlet", "title", "text", "html")

OUTSIDE_LINK = "symbolic link to a location outside the landing folder: not followed, content not read"


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
    source: str | None = None  # the outlet or feed an ``id`` belongs to (None for files and URL keys)

    @property
    def content_hash(self) -> str:
        """Identity of this version: the content and its metadata, not the file name it came in."""
        payload = json.dumps(
            [self.content, self.url, self.outlet, self.title, self.published_at_raw], ensure_ascii=False
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Retraction:
    """A request to withdraw an article (all its versions) from every projection.

    ``article_key`` is what the request names: an id, a URL, a file name or a full article key; the raw
    stage resolves it against the articles it knows (see ``pipeline.raw``)."""

    article_key: str
    source_path: str
    record_index: int
    source: str | None = None  # the record's outlet, when it gives one: the id is that outlet's
    feed: str | None = None  # the feed name of the file the request came in (a hint, not a rule)
    url: str | None = None


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
    """Everything read from one landing batch: articles and retractions in file order, and quarantine."""

    items: list[ArticleRecord | Retraction] = field(default_factory=list)
    quarantined: list[QuarantineRecord] = field(default_factory=list)

    @property
    def articles(self) -> list[ArticleRecord]:
        return [i for i in self.items if isinstance(i, ArticleRecord)]

    @property
    def retractions(self) -> list[Retraction]:
        return [i for i in self.items if isinstance(i, Retraction)]


# --- identity ---------------------------------------------------------------------------------------

_FEED_SUFFIX = re.compile(r"[-_. ]*\d[\d\-_.:T]*$")
_TRACKING_PARAMETER = re.compile(r"^(?:utm_\w*|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid)$", re.I)


def normalize_source(name: str) -> str:
    """An outlet or feed name as identity: case and spacing do not make another source."""
    return " ".join(name.split()).casefold()


def feed_name(rel: str) -> str:
    """The feed a landing file belongs to: its name without extensions and without a trailing date or
    sequence number (``wire-2026-11-01.jsonl`` -> ``wire``); a file named only by a date takes its
    folder's name."""
    parts = rel.split("/")
    for part in reversed(parts):
        stem = part
        while True:
            head, dot, ext = stem.rpartition(".")
            if not dot or not head or f".{ext.lower()}" not in SUPPORTED_SUFFIXES:
                break
            stem = head
        name = _FEED_SUFFIX.sub("", stem).strip()
        if name:
            return normalize_source(name)
    return normalize_source(parts[-1])


def canonical_url(url: str | None) -> str | None:
    """The same page whatever way its address is written: host (lower case, without ``www.``), port when
    not the default, path without a trailing slash, and the query without tracking parameters; the scheme
    and the fragment do not count."""
    if not isinstance(url, str) or not url.strip():
        return None
    url = url.strip()
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        return url
    if not host:
        return url
    host = re.sub(r"^www\d*\.", "", host)
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = "&".join(
        sorted(p for p in parts.query.split("&") if p and not _TRACKING_PARAMETER.match(p.split("=")[0]))
    )
    return netloc + parts.path.rstrip("/") + (f"?{query}" if query else "")


def article_key(record_id: str | None, url: str | None, source: str | None, fallback: str) -> str:
    """``source/id``; else the canonical URL; else ``fallback`` (the file path, with the line number)."""
    if record_id:
        return f"{source}/{record_id}"
    return canonical_url(url) or fallback


# --- the files of a batch -----------------------------------------------------------------------------


def list_batches(landing: Path) -> list[str]:
    """Batch ids (top-level file or folder names) currently in the landing folder, sorted."""
    if not landing.is_dir():
        return []
    return sorted(p.name for p in landing.iterdir() if not p.name.startswith(".") and _is_batch(p))


def _is_batch(path: Path) -> bool:
    if path.is_symlink():  # read (and quarantined if it leads outside) rather than silently skipped
        return path.suffix.lower() in SUPPORTED_SUFFIXES or path.is_dir()
    return path.is_dir() or path.suffix.lower() in SUPPORTED_SUFFIXES


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):  # outside, unreadable, or a loop of links
        return False
    return True


def batch_entries(landing: Path, batch_id: str) -> list[tuple[Path, str | None]]:
    """The files of one batch in a stable order, each with the reason it cannot be read (None when it can).

    Symbolic links are followed only while they stay inside the landing folder, and never into folders
    (a link to a folder could loop, or bring the same files twice)."""
    root = landing.resolve()
    top = landing / batch_id
    if top.is_symlink() and not _inside(top, root):
        return [(top, OUTSIDE_LINK)]
    if top.is_dir() and not top.is_symlink():
        entries: list[tuple[Path, str | None]] = []
        for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
            here = Path(dirpath)
            for name in sorted(dirnames):
                if name.startswith(".") or not (here / name).is_symlink():
                    continue
                inside = _inside(here / name, root)
                entries.append(
                    (here / name, "symbolic link to a folder: not followed" if inside else OUTSIDE_LINK)
                )
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not (here / d).is_symlink())
            for name in filenames:
                if not name.startswith("."):
                    entries.append((here / name, _file_problem(here / name, root)))
        return sorted(entries, key=lambda e: e[0])
    if top.is_dir():
        return [(top, "symbolic link to a folder: not followed")]
    if top.exists() or top.is_symlink():
        return [(top, _file_problem(top, root))]
    return []


def _file_problem(path: Path, root: Path) -> str | None:
    if path.is_symlink():
        if not _inside(path, root):
            return OUTSIDE_LINK
        if not path.exists():
            return "broken symbolic link"
    try:
        mode = path.stat().st_mode
    except OSError as err:
        return f"cannot be read: {err.strerror or err}"
    if not stat.S_ISREG(mode):  # a pipe or a device would block or never end
        return "not a regular file (a pipe, socket or device): not read"
    return None


def batch_files(landing: Path, batch_id: str) -> list[Path]:
    """The readable files of one batch, in a stable order."""
    return [path for path, problem in batch_entries(landing, batch_id) if problem is None]


def read_batch(landing: Path, batch_id: str) -> Batch:
    """Read every file of a batch; bad files and records go to quarantine, the rest proceeds."""
    batch = Batch()
    for path, problem in batch_entries(landing, batch_id):
        rel = path.relative_to(landing).as_posix()
        if problem:
            _quarantine(batch, rel, 0, problem, b"")
            continue
        try:
            _read_file(path, rel, batch)
        except Exception as err:  # a reader bug or an I/O error costs this file, not the batch
            _quarantine(batch, rel, 0, f"could not be read: {type(err).__name__}: {err}", b"")
    return batch


def _safe_text(text: str) -> str:
    """Text DuckDB can store: lone surrogates (from JSON escapes such as "\\ud800") become escapes."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _quarantine(batch: Batch, rel: str, index: int, reason: str, raw: bytes | str) -> None:
    size = len(raw.encode("utf-8", "replace")) if isinstance(raw, str) else len(raw)
    text = raw if isinstance(raw, str) else raw[: QUARANTINE_PREVIEW_CHARS * 4].decode("utf-8", "replace")
    batch.quarantined.append(
        QuarantineRecord(rel, index, _safe_text(reason), _safe_text(text[:QUARANTINE_PREVIEW_CHARS]), size)
    )


def _read_file(path: Path, rel: str, batch: Batch) -> None:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
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
    if suffix == ".gz":
        _read_gzip(path, rel, batch)
    elif suffix == ".zip":
        _read_zip(path, rel, batch)
    else:
        _read_bytes(path.read_bytes(), rel, path.name, batch)


def _read_gzip(path: Path, rel: str, batch: Batch) -> None:
    inner = path.name[: -len(".gz")]
    if Path(inner).suffix.lower() not in set(TEXT_SUFFIXES) | {TOMBSTONE_SUFFIX}:
        reason = f"compressed file of unsupported type '{Path(inner).suffix or '(none)'}'"
        _quarantine(
            batch, rel, 0, reason + (" (tar archives are not read)" if inner.endswith(".tar") else ""), b""
        )
        return
    try:
        with gzip.open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as err:
        _quarantine(batch, rel, 0, f"not a readable gzip file: {err}", b"")
        return
    if len(data) > MAX_FILE_BYTES:
        _quarantine(batch, rel, 0, f"decompressed size over the limit of {MAX_FILE_BYTES:,} bytes", b"")
        return
    if not data:
        _quarantine(batch, rel, 0, "empty file (after decompression)", b"")
        return
    _read_bytes(data, rel, inner, batch)


def _read_zip(path: Path, rel: str, batch: Batch) -> None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        _quarantine(batch, rel, 0, f"not a readable zip archive: {err}", b"")
        return
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_ARCHIVE_MEMBERS:
            _quarantine(
                batch, rel, 0, f"zip archive of {len(members):,} files (limit {MAX_ARCHIVE_MEMBERS:,})", b""
            )
            return
        if not members:
            _quarantine(batch, rel, 0, "empty zip archive", b"")
            return
        for member in sorted(members, key=lambda m: m.filename):
            name = member.filename.rsplit("/", 1)[-1]
            if name.startswith(".") or member.filename.startswith("__MACOSX/"):
                continue  # hidden files and macOS resource forks, as in folders
            member_rel = f"{rel}/{member.filename.lstrip('/')}"
            suffix = Path(name).suffix.lower()
            if stat.S_ISLNK(member.external_attr >> 16):
                _quarantine(batch, member_rel, 0, "symbolic link inside a zip archive: not followed", b"")
            elif suffix in ARCHIVE_SUFFIXES:
                _quarantine(batch, member_rel, 0, "archive inside an archive: not read", b"")
            elif suffix not in set(TEXT_SUFFIXES) | {TOMBSTONE_SUFFIX}:
                _quarantine(batch, member_rel, 0, f"unsupported file type '{suffix or '(none)'}'", b"")
            elif member.file_size > MAX_FILE_BYTES:
                reason = f"file too large: {member.file_size:,} bytes (limit {MAX_FILE_BYTES:,})"
                _quarantine(batch, member_rel, 0, reason, b"")
            elif member.file_size == 0:
                _quarantine(batch, member_rel, 0, "empty file", b"")
            else:
                try:
                    with archive.open(member) as fh:
                        data = fh.read(MAX_FILE_BYTES + 1)
                except (
                    zipfile.BadZipFile,
                    OSError,
                    EOFError,
                    zlib.error,
                    NotImplementedError,
                    RuntimeError,
                ) as err:
                    _quarantine(batch, member_rel, 0, f"zip member cannot be read: {err}", b"")
                    continue
                _read_bytes(data[: MAX_FILE_BYTES + 1], member_rel, name, batch)


def _read_bytes(data: bytes, rel: str, name: str, batch: Batch) -> None:
    """One file's content (from the disk or an archive), by the type its name says."""
    suffix = Path(name).suffix.lower()
    text, problem = decode(data)
    if problem:
        _quarantine(batch, rel, 0, problem, data)
        return
    if not text.strip():
        _quarantine(batch, rel, 0, "file holds only whitespace", data)
        return
    if suffix == TOMBSTONE_SUFFIX:
        for i, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                batch.items.append(Retraction(line.strip(), rel, i))
        return
    kind = TEXT_SUFFIXES[suffix]
    if kind == "jsonl":
        _read_json_records(text, rel, name, batch)
        return
    _add_article(batch, rel, 0, kind, {"id": None, kind if kind == "html" else "text": text}, name, None)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, str | None]:
    """The text of a file (UTF-8, or UTF-16/32 marked by a byte-order mark, as Windows tools write it), or
    a reason why it is not text we can trust."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError as err:
                return "", f"not valid {codec.upper()} after its byte-order mark (offset {err.start})"
    sample = data[:8192]
    if b"\x00" in sample:
        utf16 = _bomless_utf16(sample)
        if utf16:
            return "", (f"{utf16} text without a byte-order mark: re-save it as UTF-8 (or UTF-16 with a BOM)")
        return "", "binary content (NUL bytes): not a text, HTML or JSON file"
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


def _bomless_utf16(sample: bytes) -> str | None:
    """'UTF-16LE'/'UTF-16BE' when NUL bytes sit in every other position, as in mostly-ASCII UTF-16."""
    even, odd = sample[0::2], sample[1::2]
    if len(odd) >= 4 and odd.count(0) > 0.8 * len(odd) and even.count(0) < 0.1 * len(even):
        return "UTF-16LE"
    if len(even) >= 4 and even.count(0) > 0.8 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "UTF-16BE"
    return None


def _read_json_records(text: str, rel: str, file_name: str, batch: Batch) -> None:
    stripped = text.lstrip()
    if file_name.lower().endswith(".json") and stripped.startswith("["):
        try:
            records = json.loads(text)
        except (ValueError, RecursionError) as err:
            _quarantine(batch, rel, 0, f"malformed JSON: {_json_error(err)}", text)
            return
        if not isinstance(records, list):
            _quarantine(batch, rel, 0, "malformed JSON: not an array of records", text)
            return
        for i, record in enumerate(records, start=1):
            _guarded(batch, rel, i, lambda r=record, i=i: _add_json_record(
                batch, rel, i, r, json.dumps(r, ensure_ascii=False), file_name))  # fmt: skip
        return
    lines = text.splitlines()
    if file_name.lower().endswith(".json") and len(lines) > 1 and stripped.startswith("{"):
        try:  # a single pretty-printed object
            record = json.loads(text)
        except (ValueError, RecursionError):
            pass
        else:
            _guarded(batch, rel, 1, lambda: _add_json_record(batch, rel, 1, record, text, file_name))
            return
    for i, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as err:
            _quarantine(batch, rel, i, f"malformed JSON on line {i}: {_json_error(err)}", line)
            continue
        _guarded(
            batch,
            rel,
            i,
            lambda r=record, i=i, line=line: _add_json_record(batch, rel, i, r, line, file_name),
        )


def _json_error(err: Exception) -> str:
    if isinstance(err, RecursionError):
        return "nested too deeply to read (RecursionError)"
    if isinstance(err, json.JSONDecodeError):
        return f"{err.msg} (column {err.colno})" if err.lineno == 1 else f"{err.msg} at line {err.lineno}"
    return str(err)


def _guarded(batch: Batch, rel: str, index: int, read) -> None:
    """Run one record's reader; an unexpected error quarantines that record only."""
    try:
        read()
    except Exception as err:
        _quarantine(batch, rel, index, f"record could not be read: {type(err).__name__}: {err}", b"")


def _add_json_record(batch: Batch, rel: str, index: int, record: object, raw: str, file_name: str) -> None:
    if not isinstance(record, dict):
        _quarantine(batch, rel, index, f"record is a JSON {type(record).__name__}, not an object", raw)
        return
    for name in STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            if name == "id" and isinstance(value, int) and not isinstance(value, bool):
                record = {**record, "id": str(value)}
                continue
            _quarantine(
                batch, rel, index, f"field '{name}' must be a string, got {type(value).__name__}", raw
            )
            return
    published = record.get("published_at")
    if published is not None and not isinstance(published, str):
        _quarantine(batch, rel, index, f"field 'published_at' must be a date string, got {published!r}", raw)
        return
    for name in (*STRING_FIELDS, "published_at"):
        value = record.get(name)
        if isinstance(value, str) and _safe_text(value) != value:
            reason = (
                f"field '{name}' is not valid Unicode: it holds a lone surrogate (an escape such as \\ud800)"
            )
            _quarantine(batch, rel, index, reason, raw)
            return
    record_id = (record.get("id") or "").strip() or None
    outlet = (record.get("outlet") or "").strip() or None
    if record.get("retract") is True:
        url = (record.get("url") or "").strip() or None
        if not record_id and not url:
            _quarantine(batch, rel, index, "retraction names no 'id' or 'url'", raw)
        else:
            batch.items.append(
                Retraction(
                    record_id or url, rel, index,
                    source=normalize_source(outlet) if outlet else None, feed=feed_name(rel), url=url,
                )
            )  # fmt: skip
        return
    if not (record.get("text") or "").strip() and not (record.get("html") or "").strip():
        _quarantine(batch, rel, index, "record has neither 'text' nor 'html' content", raw)
        return
    source = normalize_source(outlet) if outlet else feed_name(rel)
    _add_article(batch, rel, index, "jsonl", {**record, "id": record_id}, f"{file_name}:{index}", raw, source)


def _add_article(
    batch: Batch,
    rel: str,
    index: int,
    fmt: str,
    record: dict,
    fallback_id: str,
    raw: str | None,
    source: str | None = None,
) -> None:
    is_html = not (record.get("text") or "").strip()
    content = record.get("html") if is_html else record.get("text")
    if len(content) > MAX_RECORD_CHARS:
        reason = f"article too long: {len(content):,} characters (limit {MAX_RECORD_CHARS:,})"
        _quarantine(batch, rel, index, reason, raw if raw is not None else content)
        return
    record_id = record.get("id")
    batch.items.append(
        ArticleRecord(
            article_key=article_key(record_id, record.get("url"), source, f"{rel}:{index}" if index else rel),
            source_id=record_id or fallback_id,
            source_path=rel,
            record_index=index,
            format=fmt,
            content=content,
            content_is_html=is_html or fmt == "html",
            url=record.get("url"),
            outlet=record.get("outlet"),
            title=record.get("title"),
            published_at_raw=record.get("published_at"),
            source=source if record_id else None,
        )
    )


# --- batch identity -----------------------------------------------------------------------------------

# Content hashes of files already read, by where the file is and its stat: the sensor asks every 30 seconds.
_hash_cache: dict[tuple, str] = {}


def _file_digest(path: Path) -> str:
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)
    if key not in _hash_cache:
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        if len(_hash_cache) > 100_000:
            _hash_cache.clear()
        _hash_cache[key] = digest.hexdigest()
    return _hash_cache[key]


def batch_signature(landing: Path, batch_id: str) -> tuple[str, int, int]:
    """(signature, file count, bytes) of a batch: a hash of the contents of its files, so it changes when a
    file is added, removed or edited, and not when a file is touched, renamed or the landing folder moves.
    Unreadable entries (links leading out, pipes) count by their name and reason, never their content."""
    parts, total, files = [], 0, 0
    for path, problem in batch_entries(landing, batch_id):
        if problem:
            parts.append(f"{path.relative_to(landing).as_posix()}\x1f{problem}")
            continue
        try:
            parts.append(_file_digest(path))
            total += path.stat().st_size
            files += 1
        except OSError as err:  # vanished or unreadable: the reader will say so
            parts.append(f"{path.relative_to(landing).as_posix()}\x1f{err}")
    digest = hashlib.sha256("\n".join(sorted(parts)).encode("utf-8")).hexdigest()[:16]
    return digest, files, total
