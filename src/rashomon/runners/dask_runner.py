"""The Dask runner: the same ``process_batch`` mapped on a Dask cluster.

With a scheduler address (or the path of a ``dask scheduler --scheduler-file``
JSON file) it joins an existing cluster (SLURM via dask-jobqueue,
Kubernetes via the Dask operator, see docs/scaling.md); without one it starts a
``LocalCluster`` of single-threaded worker processes. A worker plugin loads the
spaCy model once per worker; ``process_batch`` then finds it in the process cache.
Workers must have rashomon installed; use one thread per worker (``--nthreads 1``).
"""

from __future__ import annotations

import logging
import os
from typing import Any

import dask
from distributed import Client, LocalCluster, wait
from distributed.diagnostics.plugin import WorkerPlugin

from rashomon.errors import UsageError
from rashomon.pipeline import Options
from rashomon.runners.base import Batch, BatchFn, Runner

logger = logging.getLogger(__name__)


class LoadModel(WorkerPlugin):
    """Loads the analyser when a worker starts (or joins later), once per process."""

    idempotent = True

    def __init__(self, frames: str | None = None) -> None:
        self.frames = frames
        self.name = f"rashomon-load-model-{frames or 'default'}"

    def setup(self, worker: Any) -> None:
        """Called by Dask on each worker."""
        from rashomon.pipeline import get_analyzer

        get_analyzer(self.frames)


def _quiet_dask() -> None:
    """Keep Dask's INFO chatter (scheduler, nanny) out of our output unless debugging."""
    if logging.getLogger("rashomon").getEffectiveLevel() > logging.DEBUG:
        dask_logger = logging.getLogger("distributed")
        dask_logger.setLevel(max(dask_logger.getEffectiveLevel(), logging.WARNING))


def _pid() -> int:
    return os.getpid()


class DaskRunner(Runner):
    """Maps batches with ``distributed.Client.submit``; one task per batch of articles."""

    def __init__(self, jobs: int | None = None, scheduler: str | None = None, *,
                 connect_timeout: float = 30.0) -> None:
        self._cluster: Any = None
        _quiet_dask()
        try:
            if scheduler and os.path.isfile(scheduler):  # a --scheduler-file JSON
                self._client = Client(scheduler_file=scheduler, timeout=connect_timeout)
            elif scheduler:
                self._client = Client(scheduler, timeout=connect_timeout)
            else:
                n = max(1, jobs or os.cpu_count() or 1)
                # the statistical profiler costs ~6% of a CPU-bound task (measured)
                with dask.config.set({"distributed.worker.profile.enabled": False}):
                    self._cluster = LocalCluster(n_workers=n, threads_per_worker=1,
                                                 processes=True, dashboard_address=None)
                self._client = Client(self._cluster)
        except OSError as exc:
            raise UsageError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
        self._plugins: set[str | None] = set()
        threads = self._client.nthreads()
        self.workers = max(1, sum(threads.values()))
        logger.info("dask: %d workers, %d threads (%s)", len(threads), self.workers,
                    scheduler or "LocalCluster")

    @property
    def client(self) -> Any:
        """The ``distributed.Client`` (for dashboards and diagnostics)."""
        return self._client

    def prepare(self, options: Options) -> None:
        """Register the model-loading plugin (runs setup on every current worker)."""
        if options.analyze and options.frames not in self._plugins:
            self._client.register_plugin(LoadModel(options.frames))
            self._plugins.add(options.frames)

    def worker_pids(self) -> list[int]:
        """Pids of the worker processes (meaningful for a LocalCluster on this host)."""
        return sorted(self._client.run(_pid).values())

    def _submit(self, fn: BatchFn, batch: Batch, options: Options) -> Any:
        self.prepare(options)
        return self._client.submit(fn, batch, options, pure=False)

    def _wait_first(self, pending: set[Any]) -> tuple[set[Any], set[Any]]:
        done, not_done = wait(list(pending), return_when="FIRST_COMPLETED")
        return set(done), set(not_done)

    def _result(self, future: Any) -> Any:
        try:
            return future.result()
        finally:
            future.release()

    def close(self) -> None:
        """Close the client, and the LocalCluster when this runner started one."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
