"""Runners map the one pure ``pipeline.process_batch`` over batches of inputs.

``local`` is a process pool on this machine; ``dask`` a Dask cluster (an existing
one by scheduler address, or a LocalCluster). Both yield the same records.
"""

from __future__ import annotations

from rashomon.errors import UsageError
from rashomon.runners.base import Runner

ENGINES = ("local", "dask")


def get_runner(engine: str = "local", jobs: int | None = None,
               scheduler: str | None = None) -> Runner:
    """A runner for ``engine``: "local" (process pool, -j processes) or "dask"."""
    if jobs is not None and jobs < 1:
        raise UsageError("-j/--jobs must be at least 1")
    if engine == "local":
        if scheduler:
            raise UsageError("--scheduler needs --engine dask")
        from rashomon.runners.local import LocalRunner

        return LocalRunner(jobs)
    if engine == "dask":
        from rashomon.runners.dask_runner import DaskRunner

        return DaskRunner(jobs, scheduler)
    raise UsageError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")


__all__ = ["ENGINES", "Runner", "get_runner"]
