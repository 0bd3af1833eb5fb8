"""The local runner: a process pool on this machine, one spaCy model per process."""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from rashomon.errors import AnalysisError
from rashomon.pipeline import Options
from rashomon.runners.base import Batch, BatchFn, Results, Runner

logger = logging.getLogger(__name__)

#: Numeric libraries get one thread per worker: the pool is the parallelism.
_THREAD_LIMITS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _init_worker(analyze: bool, frames: str | None = None) -> None:
    """Pool initializer: cap library threads, then load the model once for this process."""
    for name in _THREAD_LIMITS:
        os.environ.setdefault(name, "1")
    if analyze:
        from rashomon.pipeline import get_analyzer

        try:
            get_analyzer(frames)
        except Exception:
            logger.exception("worker %d could not load the analysis pipeline", os.getpid())
            raise


def _ready(pause: float) -> int:
    """A no-op task that proves a worker finished its initializer; returns its pid."""
    time.sleep(pause)
    return os.getpid()


class LocalRunner(Runner):
    """``ProcessPoolExecutor`` of ``jobs`` processes; ``jobs=1`` runs in this process.

    Workers are started with ``spawn`` (no fork of a process that may hold threads)
    and load the model in their initializer, so each process loads it exactly once.
    """

    def __init__(self, jobs: int | None = None, *, in_process: bool | None = None) -> None:
        self.workers = max(1, jobs or os.cpu_count() or 1)
        self.in_process = self.workers == 1 if in_process is None else in_process
        self._pool: ProcessPoolExecutor | None = None
        self._loaded: tuple[bool, str | None] | None = None  # what the initializer loads
        self._pids: list[int] = []

    def _executor(self, options: Options) -> ProcessPoolExecutor:
        wanted = (options.analyze, options.frames)
        if self._pool is None or (options.analyze and self._loaded != wanted):
            self.close()
            self._loaded = wanted
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker, initargs=wanted)
        return self._pool

    def prepare(self, options: Options) -> None:
        """Start every worker process and wait until each has loaded the model."""
        if self.in_process:
            _init_worker(options.analyze, options.frames)
            return
        pool = self._executor(options)
        pids: set[int] = set()
        try:
            for _ in range(20):
                pids |= set(pool.map(_ready, [0.2] * self.workers))
                if len(pids) >= self.workers:
                    break
        except BrokenProcessPool as exc:
            self.close()
            raise AnalysisError("the worker processes could not start: loading the analysis "
                                "pipeline failed (see the worker's error above)") from exc
        self._pids = sorted(pids)

    def worker_pids(self) -> list[int]:
        """Pids of the pool processes (this process when running in-process)."""
        if self.in_process:
            return [os.getpid()]
        if self._pool is not None and not self._pids:
            self._pids = sorted(self._pool.map(_ready, [0.05] * self.workers))
        return list(self._pids)

    @property
    def max_in_flight(self) -> int:
        """In-process, one batch at a time (it runs on submission)."""
        return 1 if self.in_process else 2 * self.workers

    def _submit(self, fn: BatchFn, batch: Batch, options: Options) -> Future[Results]:
        if not self.in_process:
            return self._executor(options).submit(fn, batch, options)
        future: Future[Results] = Future()
        try:
            future.set_result(fn(batch, options))
        except BaseException as exc:  # noqa: BLE001 - re-raised by _result, as a pool would
            future.set_exception(exc)
        return future

    def _wait_first(self, pending: set[Any]) -> tuple[set[Any], set[Any]]:
        done, not_done = wait(pending, return_when=FIRST_COMPLETED)
        return set(done), set(not_done)

    def _result(self, future: Any) -> Any:
        return future.result()

    def close(self) -> None:
        """Shut the pool down (waits for running batches)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            self._pids = []
