"""What every runner shares: a bounded map of one pure batch function over batches.

A runner keeps at most ``max_in_flight`` batches submitted at a time, so an input
stream of any length is read lazily and memory stays flat. Subclasses only say
how to submit a call and how to wait for the first finished one.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any, Self, TypeVar

from rashomon.models import Article, Failure, RawDocument
from rashomon.pipeline import Options, process_batch

logger = logging.getLogger(__name__)

Batch = list[RawDocument | Failure]
Results = list[Article | Failure]
BatchFn = Callable[[Batch, Options], Any]  # process_batch, or a wrapper of it
K = TypeVar("K", bound=Hashable)


class Runner(ABC):
    """Maps ``process_batch`` over batches on some pool of worker processes."""

    #: how many batches run at once (worker processes, or Dask worker threads)
    workers: int = 1

    @property
    def max_in_flight(self) -> int:
        """Batches submitted but not yet collected: enough to keep every worker busy."""
        return max(1, 2 * self.workers)

    @abstractmethod
    def _submit(self, fn: BatchFn, batch: Batch, options: Options) -> Any:
        """Start ``fn(batch, options)`` and return a future."""

    @abstractmethod
    def _wait_first(self, pending: set[Any]) -> tuple[set[Any], set[Any]]:
        """Block until at least one future is done: (done, not done)."""

    @abstractmethod
    def _result(self, future: Any) -> Any:
        """The finished future's value (raises the worker's exception)."""

    def prepare(self, options: Options) -> None:
        """Load what the workers need (the spaCy model) before timing starts."""

    def worker_pids(self) -> list[int]:
        """Process ids of the worker processes (for memory sampling); may be empty."""
        return []

    def close(self) -> None:
        """Stop the workers."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map_tagged(self, tagged: Iterable[tuple[K, Batch]], options: Options | None = None,
                   fn: BatchFn = process_batch) -> Iterator[tuple[K, Any]]:
        """Run ``fn`` on each (key, batch); yield (key, results) as batches finish.

        Results come in completion order, tagged with the batch's key; the input
        iterable is read lazily, never more than ``max_in_flight`` ahead.
        """
        options = options or Options()
        pending: dict[Any, K] = {}
        source = iter(tagged)
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.max_in_flight:
                try:
                    key, batch = next(source)
                except StopIteration:
                    exhausted = True
                    break
                pending[self._submit(fn, batch, options)] = key
            if not pending:
                return
            done, _ = self._wait_first(set(pending))
            for future in done:
                key = pending.pop(future)
                yield key, self._result(future)

    def map_batches(self, batches: Iterable[Batch], options: Options | None = None,
                    fn: BatchFn = process_batch) -> Iterator[Any]:
        """Run ``fn`` on each batch; yield the results in input order.

        Finished batches waiting behind a slow one count as in flight, so a slow
        batch never lets the input run ahead by more than ``max_in_flight``.
        """
        options = options or Options()
        queue: deque[Any] = deque()
        source = iter(batches)
        exhausted = False
        while True:
            while not exhausted and len(queue) < self.max_in_flight:
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                    break
                queue.append(self._submit(fn, batch, options))
            if not queue:
                return
            yield self._result(queue.popleft())
