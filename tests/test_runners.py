"""Runners: the local pool and Dask map the same process_batch and give the same records."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from rashomon.errors import UsageError
from rashomon.models import Article, Failure, RawDocument
from rashomon.pipeline import Options
from rashomon.runners import get_runner
from rashomon.runners.dask_runner import DaskRunner
from rashomon.runners.local import LocalRunner

ROOT = Path(__file__).resolve().parent.parent


def load_corpus_writer():
    """scripts/make_synthetic_corpus.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "make_synthetic_corpus", ROOT / "scripts" / "make_synthetic_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_synthetic_corpus", module)
    spec.loader.exec_module(module)
    return module


def synthetic_docs(n: int, max_words: int = 300) -> list[RawDocument]:
    """n short synthetic news pages as RawDocuments."""
    corpus = load_corpus_writer().make_corpus(n, seed=3, min_words=120, max_words=max_words)
    return [RawDocument(source=name, html=page) for name, page in corpus]


@pytest.fixture(scope="module")
def sample_docs() -> tuple[list[RawDocument], Options]:
    """The sample corpus (samples/corpus) when present, else 8 synthetic pages."""
    corpus = ROOT / "samples" / "corpus"
    pages = sorted(p for p in corpus.glob("*") if p.suffix in (".html", ".htm"))
    if pages:
        outlets = next((str(p) for p in (ROOT / "samples" / "outlets.yaml",) if p.exists()),
                       None)
        docs = [RawDocument(source=str(p), html=p.read_text(encoding="utf-8")) for p in pages]
        return docs, Options(outlets=outlets)
    return synthetic_docs(8), Options()


def records(results: list[list[Article | Failure]]) -> list[str]:
    """Every result as canonical JSON, sorted (order-free comparison)."""
    out = []
    for batch in results:
        for r in batch:
            data = r.to_dict() if isinstance(r, Article) else vars(r)
            out.append(json.dumps(data, sort_keys=True, default=str))
    return sorted(out)


def test_dask_runner_gives_the_local_runners_records(sample_docs) -> None:
    docs, options = sample_docs
    batches = [docs[i:i + 3] for i in range(0, len(docs), 3)]
    with get_runner("local", jobs=1) as local:
        expected = list(local.map_batches(batches, options))
    with get_runner("dask", jobs=2) as dask:
        assert dask.workers == 2
        got = [results for _key, results in dask.map_tagged(enumerate(batches), options)]
    assert sum(isinstance(r, Article) for b in expected for r in b) == len(docs)
    assert any(a.analyzed or a.errors for b in expected for a in b)
    assert records(got) == records(expected)


def test_local_pool_keeps_input_order_and_uses_every_worker() -> None:
    docs = synthetic_docs(10, max_words=150)
    batches = [docs[i:i + 2] for i in range(0, len(docs), 2)]
    options = Options(analyze=False)
    with LocalRunner(2) as runner:
        runner.prepare(options)
        assert len(runner.worker_pids()) == 2
        results = list(runner.map_batches(batches, options))
    assert [[r.source for r in b] for b in results] == [[d.source for d in b] for b in batches]
    articles = [r for b in results for r in b]
    assert all(isinstance(a, Article) and len(a.text.split()) > 80 for a in articles)


def test_failures_pass_through_the_runner() -> None:
    bad = Failure("gone.html", "could not read", "ingest")
    docs = [*synthetic_docs(2, max_words=150), bad]
    with get_runner("local", jobs=1) as runner:
        (results,) = runner.map_batches([docs], Options(analyze=False))
    assert results[-1] == bad
    assert [type(r) for r in results[:2]] == [Article, Article]


def test_inputs_are_read_lazily() -> None:
    docs = synthetic_docs(12, max_words=150)
    pulled = 0

    def batches():
        nonlocal pulled
        for i in range(0, len(docs), 1):
            pulled += 1
            yield docs[i:i + 1]

    with LocalRunner(2) as runner:
        stream = runner.map_batches(batches(), Options(analyze=False))
        next(stream)
        assert pulled <= runner.max_in_flight + 1
        assert len(list(stream)) == len(docs) - 1


@pytest.mark.parametrize(("engine", "jobs", "scheduler"), [
    ("spark", None, None), ("local", 0, None), ("local", 2, "tcp://127.0.0.1:8786")])
def test_bad_runner_arguments_are_usage_errors(engine: str, jobs: int | None,
                                               scheduler: str | None) -> None:
    with pytest.raises(UsageError):
        get_runner(engine, jobs, scheduler)


def test_unreachable_scheduler_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="cannot reach"):
        DaskRunner(scheduler="tcp://127.0.0.1:9", connect_timeout=1)
