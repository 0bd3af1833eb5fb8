"""Batch runs to Parquet shards: manifest, resume after kill -9, loading into a store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from rashomon.batch import MANIFEST, SHARD_TABLES, load_shards, read_manifest, run_batch
from rashomon.errors import UsageError
from rashomon.pipeline import Options

ROOT = Path(__file__).resolve().parent.parent
EXTRACT_ONLY = Options(analyze=False)


def write_pages(folder: Path, n: int, seed: int = 5) -> list[Path]:
    """n short synthetic news pages (scripts/make_synthetic_corpus.py) in ``folder``."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from make_synthetic_corpus import make_corpus
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, page in make_corpus(n, seed=seed, min_words=120, max_words=260):
        path = folder / name
        path.write_text(page, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def pages(tmp_path: Path) -> list[Path]:
    return write_pages(tmp_path / "pages", 10)


def sql(query: str) -> list[tuple]:
    return duckdb.sql(query).fetchall()


def test_batch_writes_one_file_per_table_per_shard_and_a_manifest(tmp_path, pages) -> None:
    out = tmp_path / "out"
    summary = run_batch([str(pages[0].parent)], out, jobs=1, chunk_size=3, options=EXTRACT_ONLY)
    assert (summary.shards, summary.written, summary.articles, summary.failures) == (4, 4, 10, 0)
    manifest = read_manifest(out)
    assert manifest is not None and manifest["complete"] and manifest["total_items"] == 10
    assert sorted(manifest["shards"]) == [f"shard-0000{k}" for k in range(4)]
    assert [manifest["shards"][s]["start"] for s in sorted(manifest["shards"])] == [0, 3, 6, 9]
    for table in SHARD_TABLES:
        assert sorted(p.name for p in (out / table).iterdir()) == [
            f"shard-0000{k}.parquet" for k in range(4)]
    rows = sql(f"SELECT count(*), count(DISTINCT id), count(DISTINCT source) "
               f"FROM read_parquet('{out}/articles/*.parquet')")
    assert rows == [(10, 10, 10)]
    # empty item tables still have their full schema, so globs over them work
    columns = [r[0] for r in sql(f"DESCRIBE SELECT * FROM read_parquet('{out}/quotes/*.parquet')")]
    assert columns[:4] == ["article_id", "idx", "speaker", "speaker_actor"]


def test_dask_engine_writes_the_same_shards_as_local(tmp_path, pages) -> None:
    folder = str(pages[0].parent)
    run_batch([folder], tmp_path / "local", jobs=1, chunk_size=3, options=EXTRACT_ONLY)
    summary = run_batch([folder], tmp_path / "dask", engine="dask", jobs=2, chunk_size=3,
                        options=EXTRACT_ONLY)
    assert (summary.written, summary.articles) == (4, 10)
    query = "SELECT id, source, text, words FROM read_parquet('{}/articles/*.parquet') ORDER BY id"
    assert sql(query.format(tmp_path / "dask")) == sql(query.format(tmp_path / "local"))
    local, dask = read_manifest(tmp_path / "local"), read_manifest(tmp_path / "dask")
    assert local is not None and dask is not None
    assert {k: v["sources_sha1"] for k, v in dask["shards"].items()} == \
        {k: v["sources_sha1"] for k, v in local["shards"].items()}


def test_rerun_skips_finished_shards_and_rewrites_nothing(tmp_path, pages) -> None:
    out = tmp_path / "out"
    run_batch([str(pages[0].parent)], out, jobs=1, chunk_size=4, options=EXTRACT_ONLY)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    again = run_batch([str(pages[0].parent)], out, jobs=1, chunk_size=4, options=EXTRACT_ONLY)
    assert (again.written, again.skipped, again.articles) == (0, 3, 0)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == before


def test_unfinished_shard_files_are_replaced_on_rerun(tmp_path, pages) -> None:
    """A crash after a shard's files landed but before the manifest listed it."""
    out = tmp_path / "out"
    run_batch([str(pages[0].parent)], out, jobs=1, chunk_size=4, options=EXTRACT_ONLY)
    manifest = json.loads((out / MANIFEST).read_text())
    del manifest["shards"]["shard-00002"]
    manifest["complete"] = False
    (out / MANIFEST).write_text(json.dumps(manifest))
    (out / "articles" / "shard-00001.parquet.tmp").write_bytes(b"half a file")
    summary = run_batch([str(pages[0].parent)], out, jobs=1, chunk_size=4, options=EXTRACT_ONLY)
    assert (summary.written, summary.skipped, summary.articles) == (1, 2, 2)
    assert not list(out.rglob("*.tmp"))
    assert sql(f"SELECT count(*), count(DISTINCT id) "
               f"FROM read_parquet('{out}/articles/*.parquet')") == [(10, 10)]


def test_rerun_with_other_arguments_is_refused(tmp_path, pages) -> None:
    out = tmp_path / "out"
    run_batch([str(pages[0].parent)], out, jobs=1, chunk_size=4, options=EXTRACT_ONLY)
    with pytest.raises(UsageError, match="chunk size"):
        run_batch([str(pages[0].parent)], out, jobs=1, chunk_size=5, options=EXTRACT_ONLY)
    with pytest.raises(UsageError, match="options"):
        run_batch([str(pages[0].parent)], out, jobs=1, chunk_size=4, options=Options())


def test_changed_inputs_under_a_finished_shard_are_refused(tmp_path, pages) -> None:
    out = tmp_path / "out"
    run_batch([str(pages[0].parent)], out, jobs=1, chunk_size=4, options=EXTRACT_ONLY)
    (pages[0].parent / "page-00000b.html").write_text(pages[0].read_text(), encoding="utf-8")
    with pytest.raises(UsageError, match="changed"):
        run_batch([str(pages[0].parent)], out, jobs=1, chunk_size=4, options=EXTRACT_ONLY)


def test_progress_reports_items_done_and_the_total_once_known(tmp_path, pages) -> None:
    calls: list[tuple[int, int | None]] = []
    run_batch([str(pages[0].parent)], tmp_path / "out", jobs=1, chunk_size=4,
              options=EXTRACT_ONLY, progress=lambda done, total: calls.append((done, total)))
    dones = [done for done, _ in calls]
    assert dones[:3] == [4, 8, 10] and set(dones[3:]) <= {10}
    assert calls[-1] == (10, 10)
    assert all(total in (None, 10) for _, total in calls)


KILLED_RUN = textwrap.dedent("""
    import sys, time
    import rashomon.ingest as ingest
    from rashomon.batch import run_batch
    from rashomon.pipeline import Options

    real = ingest.iter_inputs

    def slow(inputs, allow_private=False):  # a slow source, so the kill lands midway
        for item in real(inputs, allow_private=allow_private):
            time.sleep(0.15)
            yield item

    ingest.iter_inputs = slow
    run_batch([sys.argv[1]], sys.argv[2], jobs=1, chunk_size=2, options=Options(analyze=False))
""")


def test_batch_killed_midway_resumes_complete_and_duplicate_free(tmp_path: Path) -> None:
    pages = write_pages(tmp_path / "pages", 16, seed=11)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path])}
    proc = subprocess.Popen([sys.executable, "-c", KILLED_RUN, str(pages[0].parent), str(out)],
                            env=env)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            manifest = read_manifest(out) if (out / MANIFEST).exists() else None
            if manifest and manifest["shards"]:
                break
            assert proc.poll() is None, "the batch ended before it could be killed"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    partial = read_manifest(out)
    assert partial is not None and not partial["complete"]
    assert 1 <= len(partial["shards"]) < 8

    summary = run_batch([str(pages[0].parent)], out, jobs=1, chunk_size=2, options=EXTRACT_ONLY)
    assert summary.skipped == len(partial["shards"])
    assert summary.written + summary.skipped == 8
    manifest = read_manifest(out)
    assert manifest is not None and manifest["complete"] and len(manifest["shards"]) == 8
    rows = sql(f"SELECT count(*), count(DISTINCT id), count(DISTINCT source) "
               f"FROM read_parquet('{out}/articles/*.parquet')")
    assert rows == [(16, 16, 16)]
    sources = {r[0] for r in sql(f"SELECT source FROM read_parquet('{out}/articles/*.parquet')")}
    assert sources == {str(p) for p in pages}
    assert not list(out.rglob("*.tmp"))


def test_load_shards_twice_stores_each_article_once(tmp_path, pages) -> None:
    from rashomon.store import open_store

    out = tmp_path / "out"
    run_batch([str(pages[0].parent)], out, jobs=1, chunk_size=4, options=EXTRACT_ONLY)
    with open_store(tmp_path / "news.db") as store:
        first = load_shards(out, store)
        second = load_shards(out, store)
        stored = list(store.iter_articles())
    assert (first.shards, first.articles) == (3, 10)
    assert first.stored + first.copies == 10 and first.duplicates == 0
    assert (second.stored, second.copies, second.duplicates) == (0, 0, 10)
    assert len(stored) == 10 and len({a.id for a in stored}) == 10
    original = {a.source: a.text for a in stored}
    assert original[str(pages[3])] == shard_text(out, str(pages[3]))


def shard_text(out: Path, source: str) -> str:
    """The text a shard holds for one source (to check the round trip into the store)."""
    safe = source.replace("'", "''")
    return sql(f"SELECT text FROM read_parquet('{out}/articles/*.parquet') "
               f"WHERE source = '{safe}'")[0][0]


def test_load_refuses_a_directory_without_manifest(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="manifest"):
        load_shards(tmp_path, store=None)
