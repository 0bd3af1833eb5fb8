"""Resumable batch analysis to Parquet shards, and loading of shards into a store.

``run_batch`` reads the inputs in order, cuts them into chunks of ``chunk_size``
items (chunk k becomes ``shard-0000k``: ids depend only on the ordered inputs),
maps ``process_batch`` over the chunks with a runner, and writes each finished
chunk as one Parquet file per table::

    OUT/manifest.json
    OUT/articles/shard-00000.parquet   (+ a lossless JSON ``record`` column)
    OUT/quotes/shard-00000.parquet     actors, claims, times, events, frames, failures

Files are written to a temporary name and renamed into place; a shard counts as
finished only once ``manifest.json`` (also replaced atomically) lists it. A rerun
after a crash or ``kill -9`` deletes stray files of unfinished shards, skips the
finished ones (checking that their inputs are unchanged) and writes the rest.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from rashomon.errors import RashomonError, UsageError
from rashomon.export import ITEM_TABLES, records_to_tables
from rashomon.models import Article, Failure, RawDocument
from rashomon.pipeline import Options, process_batch

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1
SHARD_TABLES = ("articles", *ITEM_TABLES, "failures")

Progress = Callable[[int, int | None], None]


@dataclass
class BatchSummary:
    """What one ``run_batch`` call did (counts cover this run, not earlier ones)."""

    out_dir: Path
    shards: int = 0  # shards the inputs make in all
    written: int = 0  # shards written by this run
    skipped: int = 0  # shards already finished by an earlier run
    articles: int = 0
    failures: int = 0
    seconds: float = 0.0
    complete: bool = False

    @property
    def articles_per_second(self) -> float:
        """Articles (and failures) processed per second of this run."""
        return (self.articles + self.failures) / self.seconds if self.seconds else 0.0


@dataclass
class LoadSummary:
    """What ``load_shards`` did: shards read and what the store said of each article."""

    shards: int = 0
    articles: int = 0
    stored: int = 0
    duplicates: int = 0
    copies: int = 0
    failures: int = 0  # input failures recorded in the shards
    errors: list[Failure] = field(default_factory=list)  # articles the store refused


# --------------------------------------------------------------------------- files


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace_durably(tmp: Path, final: Path) -> None:
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, final)


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON to ``path`` via a temporary file, fsync and rename (never half-written)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    _replace_durably(tmp, path)
    _fsync_dir(path.parent)


def shard_path(out_dir: Path, table: str, shard: str) -> Path:
    """Where ``table``'s file of ``shard`` lives."""
    return Path(out_dir) / table / f"{shard}.parquet"


def _write_table(table: pa.Table, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp, compression="zstd")
    _replace_durably(tmp, path)


@contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on OUT so two batch runs never write the same shards."""
    with open(out_dir / ".lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(f"another batch run is writing to {out_dir}") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# --------------------------------------------------------------------------- manifest


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    """The manifest of a batch directory, or None when there is none yet."""
    path = Path(out_dir) / MANIFEST
    if not path.exists():
        return None
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path} is not a readable batch manifest: {exc}") from exc
    if data.get("version") != MANIFEST_VERSION:
        raise UsageError(f"{path}: unsupported manifest version {data.get('version')!r}")
    return data


def _new_manifest(inputs: Sequence[str], chunk_size: int, options: Options) -> dict[str, Any]:
    return {"version": MANIFEST_VERSION, "inputs": list(inputs), "chunk_size": chunk_size,
            "options": asdict(options), "tables": list(SHARD_TABLES), "complete": False,
            "total_items": None, "shards": {}}


def _check_resumable(manifest: dict[str, Any], fresh: dict[str, Any], out_dir: Path) -> None:
    for key in ("inputs", "chunk_size", "options"):
        if manifest.get(key) != fresh[key]:
            raise UsageError(
                f"{out_dir} holds a batch run with other {key.replace('_', ' ')} "
                f"({manifest.get(key)!r}); use a new --out directory or the same arguments")


def _clean_strays(out_dir: Path, finished: set[str]) -> None:
    """Delete temporary files and files of shards the manifest does not list."""
    for table in SHARD_TABLES:
        folder = out_dir / table
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            stray = path.name.endswith(".tmp") or (
                path.suffix == ".parquet" and path.stem not in finished)
            if stray:
                logger.info("removing unfinished shard file %s", path)
                path.unlink()


# --------------------------------------------------------------------------- chunks


@dataclass
class _Chunk:
    shard: str
    start: int
    items: list[RawDocument | Failure]

    @property
    def sources(self) -> list[str]:
        return [item.source for item in self.items]

    def digest(self) -> str:
        return hashlib.sha1("\n".join(self.sources).encode("utf-8")).hexdigest()

    def entry(self, tables: dict[str, pa.Table], seconds: float) -> dict[str, Any]:
        return {"start": self.start, "end": self.start + len(self.items),
                "first": self.sources[0], "last": self.sources[-1],
                "sources_sha1": self.digest(), "articles": tables["articles"].num_rows,
                "failures": tables["failures"].num_rows,
                "items": {kind: tables[kind].num_rows for kind in ITEM_TABLES},
                "seconds": round(seconds, 3),
                "finished": datetime.now(UTC).isoformat(timespec="seconds")}


def shard_name(index: int) -> str:
    """The id of the index-th chunk: ``shard-00000``, ``shard-00001``, ..."""
    return f"shard-{index:05d}"


def _chunks(items: Iterator[RawDocument | Failure], size: int) -> Iterator[_Chunk]:
    buffer: list[RawDocument | Failure] = []
    start = index = 0
    for item in items:
        buffer.append(item)
        if len(buffer) >= size:
            yield _Chunk(shard_name(index), start, buffer)
            start, index, buffer = start + len(buffer), index + 1, []
    if buffer:
        yield _Chunk(shard_name(index), start, buffer)


# --------------------------------------------------------------------------- run


def process_to_tables(batch: list[RawDocument | Failure],
                      options: Options) -> dict[str, pa.Table]:
    """The worker side of a batch run: ``process_batch``, then the shard's Arrow tables.

    Converting in the workers keeps the coordinator (one process for the whole
    cluster) down to writing files, and compact tables travel back instead of objects.
    """
    return records_to_tables(process_batch(batch, options), with_record=True)


class _BatchRun:
    """State of one run: the manifest, the chunks in flight, the counters."""

    def __init__(self, out_dir: Path, manifest: dict[str, Any], summary: BatchSummary,
                 progress: Progress | None) -> None:
        self.out_dir, self.manifest, self.summary = out_dir, manifest, summary
        self.progress = progress
        self.in_flight: dict[str, tuple[_Chunk, float]] = {}
        self.total_new: int | None = None
        self.done = 0
        self.reported: tuple[int, int | None] | None = None

    def pending(self, items: Iterator[RawDocument | Failure],
                chunk_size: int) -> Iterator[tuple[str, list[RawDocument | Failure]]]:
        """Chunks still to do, as (shard id, items); finished shards are checked and skipped."""
        new_items = total = 0
        for chunk in _chunks(items, chunk_size):
            total += len(chunk.items)
            self.summary.shards += 1
            entry = self.manifest["shards"].get(chunk.shard)
            if entry is not None:
                if entry["sources_sha1"] != chunk.digest():
                    raise UsageError(
                        f"the inputs of {chunk.shard} changed since it was written "
                        f"(first input now {chunk.sources[0]}); use a new --out directory")
                self.summary.skipped += 1
                continue
            new_items += len(chunk.items)
            self.in_flight[chunk.shard] = (chunk, time.perf_counter())
            yield chunk.shard, chunk.items
        self.total_new = new_items
        self.manifest["total_items"] = total

    def finish(self, shard: str, tables: dict[str, pa.Table]) -> None:
        """Write one finished chunk's tables, then record it in the manifest."""
        chunk, started = self.in_flight.pop(shard)
        got = tables["articles"].num_rows + tables["failures"].num_rows
        if got != len(chunk.items):
            raise RashomonError(f"{shard}: {len(chunk.items)} inputs but {got} results came back")
        for table in SHARD_TABLES:
            _write_table(tables[table], shard_path(self.out_dir, table, shard))
        entry = chunk.entry(tables, time.perf_counter() - started)
        self.manifest["shards"][shard] = entry
        write_json_atomic(self.out_dir / MANIFEST, self.manifest)
        self.summary.written += 1
        self.summary.articles += entry["articles"]
        self.summary.failures += entry["failures"]
        self.done += got
        self.report()

    def report(self, final: bool = False) -> None:
        """Tell the progress callback; at the end, again if the total came in late."""
        if self.progress is None or (final and self.reported == (self.done, self.total_new)):
            return
        self.reported = (self.done, self.total_new)
        self.progress(self.done, self.total_new)


def run_batch(inputs: list[str], out_dir: Path | str, *, engine: str = "local",
              jobs: int | None = None, scheduler: str | None = None, chunk_size: int = 64,
              options: Options | None = None, allow_private: bool = False,
              progress: Progress | None = None) -> BatchSummary:
    """Analyse ``inputs`` into Parquet shards under ``out_dir``; resumes an earlier run.

    ``progress(done, total)`` is called after each shard with the items (articles
    and failures) this run has finished, and the number it has to do once the
    inputs have all been read (None until then).
    """
    from rashomon.ingest import iter_inputs
    from rashomon.runners import get_runner

    if chunk_size < 1:
        raise UsageError("--chunk-size must be at least 1")
    options = options or Options()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for table in SHARD_TABLES:
        (out / table).mkdir(exist_ok=True)
    started = time.perf_counter()
    summary = BatchSummary(out_dir=out)
    with _locked(out):
        fresh = _new_manifest(inputs, chunk_size, options)
        manifest = read_manifest(out) or fresh
        _check_resumable(manifest, fresh, out)
        _clean_strays(out, set(manifest["shards"]))
        run = _BatchRun(out, manifest, summary, progress)
        items = iter_inputs(list(inputs), allow_private=allow_private)
        with get_runner(engine, jobs, scheduler) as runner:
            runner.prepare(options)
            chunks = run.pending(items, chunk_size)
            for shard, tables in runner.map_tagged(chunks, options, fn=process_to_tables):
                run.finish(shard, tables)
        run.report(final=True)
        manifest["complete"] = True
        write_json_atomic(out / MANIFEST, manifest)
    summary.complete = True
    summary.seconds = time.perf_counter() - started
    logger.info("batch %s: %d shards written, %d skipped, %d articles, %d failures in %.1fs",
                out, summary.written, summary.skipped, summary.articles, summary.failures,
                summary.seconds)
    return summary


# --------------------------------------------------------------------------- load


def finished_shards(out_dir: Path | str) -> list[str]:
    """Ids of the shards the manifest lists as finished, in input order."""
    manifest = read_manifest(Path(out_dir))
    if manifest is None:
        raise UsageError(f"{out_dir} has no {MANIFEST}: not a batch output directory")
    return sorted(manifest["shards"])


def read_shard_articles(out_dir: Path | str, shard: str) -> Iterator[Article]:
    """The articles of one finished shard, rebuilt exactly from their JSON records."""
    table = pq.read_table(shard_path(Path(out_dir), "articles", shard), columns=["record"])
    for record in table.column("record").to_pylist():
        yield Article.from_dict(json.loads(record))


def read_shard_failures(out_dir: Path | str, shard: str) -> list[Failure]:
    """The inputs of one finished shard that could not be processed."""
    table = pq.read_table(shard_path(Path(out_dir), "failures", shard))
    return [Failure(**row) for row in table.to_pylist()]


def load_shards(out_dir: Path | str, store: Any,
                progress: Progress | None = None) -> LoadSummary:
    """Add every article of the finished shards to ``store`` (through ``add_article``,
    so deduplication applies and loading twice adds nothing new)."""
    shards = finished_shards(out_dir)
    summary = LoadSummary()
    for shard in shards:
        for article in read_shard_articles(out_dir, shard):
            _load_one(store, article, summary)
        summary.failures += len(read_shard_failures(out_dir, shard))
        summary.shards += 1
        if progress is not None:
            progress(summary.articles, None)
    logger.info("loaded %d shards from %s: %d stored, %d duplicates, %d copies",
                summary.shards, out_dir, summary.stored, summary.duplicates, summary.copies)
    return summary


def _load_one(store: Any, article: Article, summary: LoadSummary) -> None:
    summary.articles += 1
    try:
        result = store.add_article(article)
    except RashomonError as exc:
        summary.errors.append(Failure(article.source, str(exc), "store"))
        return
    if result.status == "duplicate":
        summary.duplicates += 1
    elif result.status == "copy":
        summary.copies += 1
    else:
        summary.stored += 1
