"""rashomon batch / load / export from the command line."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
from click.testing import CliRunner

from rashomon.cli import main


def invoke(*args):
    res = CliRunner().invoke(main, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res


def test_batch_load_export_round_trip(tmp_path, samples_dir):
    corpus, outlets = samples_dir / "corpus", samples_dir / "outlets.yaml"
    out, db = tmp_path / "shards", tmp_path / "b.db"
    invoke("batch", corpus, "--out", out, "-j", "1", "--chunk-size", "10", "--no-analyze",
           "--outlets", outlets)
    manifest = json.loads((out / "manifest.json").read_text())
    n_pages = len(list(corpus.glob("*.html")))
    assert sum(pq.read_table(p).num_rows for p in (out / "articles").glob("*.parquet")) == n_pages
    assert manifest
    rerun = invoke("batch", corpus, "--out", out, "-j", "1", "--chunk-size", "10",
                   "--no-analyze", "--outlets", outlets)
    assert "skipped" in rerun.output
    invoke("load", out, "--db", db)
    invoke("load", out, "--db", db)  # idempotent
    listed = json.loads(invoke("articles", "--db", db, "--format", "json", "--limit", "500").stdout)
    assert len(listed) == n_pages
    invoke("export", "--db", db, "--format", "csv", "--out", tmp_path / "csv", "--tables",
           "articles")
    with open(tmp_path / "csv" / "articles.csv", newline="", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == n_pages
    invoke("export", "--db", db, "--format", "gkg", "--out", tmp_path / "x.tsv")
    rows = (tmp_path / "x.tsv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == n_pages and all(r.count("\t") >= 10 for r in rows)


def test_batch_usage_errors(tmp_path):
    res = CliRunner().invoke(main, ["batch", str(tmp_path), "--out", str(tmp_path / "o"),
                                    "--engine", "spark"])
    assert res.exit_code == 2
    res = CliRunner().invoke(main, ["load", str(tmp_path / "missing"), "--db",
                                    str(tmp_path / "x.db")])
    assert res.exit_code == 2
