"""Running pure simulation tasks on any ``concurrent.futures`` executor, results in task order.

A task is a module-level function and plain, picklable arguments (a ``CampaignRef``, a
policy name, a seed, a block of game indices, maybe a state to continue from) returning
integer counts. Results are consumed in the order the tasks were made, never in the order
they finish, so anything computed from them (merged tallies, an early stop after block k)
is the same for one worker, a process pool or a cluster.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


def ordered(
    executor: concurrent.futures.Executor | None,
    fn: Callable[..., T],
    calls: Iterable[tuple[Any, ...]],
    window: int = 8,
) -> Iterator[T]:
    """Yield ``fn(*args)`` for each call, in order; with an executor at most ``window``
    calls are in flight. Stopping the iteration early cancels the calls not yet started."""
    if executor is None:
        for args in calls:
            yield fn(*args)
        return
    pending: deque[concurrent.futures.Future[T]] = deque()
    todo = iter(calls)
    try:
        for args in todo:
            pending.append(executor.submit(fn, *args))
            if len(pending) >= max(1, window):
                break
        while pending:
            result = pending.popleft().result()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(executor.submit(fn, *nxt))
            yield result
    finally:
        for future in pending:
            future.cancel()


def process_executor(
    workers: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()
) -> concurrent.futures.ProcessPoolExecutor:
    """A process pool of ``workers`` (forked where that is safe, so workers inherit the
    loaded content; spawned on macOS and Windows)."""
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods and sys.platform != "darwin" else "spawn")
    return concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=initializer, initargs=initargs
    )
