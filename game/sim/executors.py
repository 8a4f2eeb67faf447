"""Running pure simulation tasks on any ``concurrent.futures`` executor, results in task order.

A task is a module-level function and plain, picklable arguments (a ``CampaignRef``, a
policy name, a seed, a block of game indices, maybe a state to continue from) returning
integer counts. Results are consumed in the order the tasks were made, never in the order
they finish, so anything computed from them (merged tallies, an early stop after block k)
is the same for one worker, a process pool or a cluster.

Past one machine a worker may run other code or other content than the machine that asks.
A ``Stamp`` names both (the engine's version with a hash of the rules engine's and the
simulator's sources; a hash of the campaign's rules), and a ``CheckedExecutor`` sends it with
every task: a worker whose stamp differs refuses the task with ``WorkerMismatch`` rather
than answer with other numbers. ``open_executor`` makes the executor a command asked for:
inline, a process pool, a local Dask cluster or a Dask scheduler's (``game.sim.cluster``).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import importlib.resources
import multiprocessing
import socket
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from hashlib import blake2b
from typing import Any, TypeVar

import attrs

from game import __version__
from game.core.model import Campaign

T = TypeVar("T")

# The packages whose code decides a simulated game's numbers.
ENGINE_PACKAGES = ("game.core", "game.sim")
DEFAULT_WINDOW = 8


class ExecutorError(Exception):
    """The executor asked for cannot be used (no such kind, an extra not installed, a
    scheduler out of reach, workers of another version): one message for the player."""


class WorkerMismatch(ExecutorError):
    """A worker runs another engine or has other content than the machine that asked."""


def ordered(
    executor: concurrent.futures.Executor | None,
    fn: Callable[..., T],
    calls: Iterable[tuple[Any, ...]],
    window: int | None = None,
) -> Iterator[T]:
    """Yield ``fn(*args)`` for each call, in order; with an executor at most ``window``
    calls are in flight (default: twice the executor's ``width`` if it has one, else 8).
    Stopping the iteration early cancels the calls not yet started."""
    if executor is None:
        for args in calls:
            yield fn(*args)
        return
    if window is None:
        window = max(DEFAULT_WINDOW, 2 * int(getattr(executor, "width", 0)))
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


@contextlib.contextmanager
def local_executor(
    workers: int, ref: Any = None, initializer: Callable[..., None] | None = None
) -> Iterator[concurrent.futures.Executor | None]:
    """None (run inline) for one worker, else a process pool of ``workers`` whose processes
    run ``initializer(ref)`` first; shut down on leaving, tasks not started cancelled."""
    if workers <= 1:
        yield None
        return
    pool = process_executor(workers, initializer, (ref,) if initializer is not None else ())
    pool.width = workers  # type: ignore[attr-defined]
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# --- what a worker must match ------------------------------------------------------------


@functools.cache
def engine_version() -> str:
    """The game's version and a hash of the sources of the rules engine and the simulator:
    two machines agree on it only if they play every game alike."""
    h = blake2b(digest_size=8)
    for package in ENGINE_PACKAGES:
        files = sorted(
            (f for f in importlib.resources.files(package).iterdir() if f.name.endswith(".py")), key=lambda f: f.name
        )
        for f in files:
            h.update(f"{package}/{f.name}\0".encode())
            h.update(f.read_bytes())
    return f"{__version__}+{h.hexdigest()}"


def campaign_hash(campaign: Campaign) -> str:
    """A hash of the campaign's rules: its own (eras, meters, endings, starts, constraints)
    and every card's (prose left out: a changed sentence changes no count)."""
    h = blake2b(campaign.fingerprint.encode(), digest_size=8)
    for cid in sorted(campaign.cards):
        h.update(f"\0{cid}:{campaign.cards[cid].fingerprint}".encode())
    return h.hexdigest()


@attrs.frozen
class Stamp:
    """What a worker must run to give the same numbers: the engine and the content."""

    engine: str
    content: str

    def differences(self, other: Stamp) -> str:
        """How ``other`` (a worker's) differs from this one, in words ("" when alike)."""
        parts = []
        if other.engine != self.engine:
            parts.append(f"engine {other.engine}, not {self.engine}")
        if other.content != self.content:
            parts.append(f"content {other.content}, not {self.content}")
        return "; ".join(parts)


def stamp_for(campaign: Campaign) -> Stamp:
    """The stamp of this machine's engine and this campaign."""
    return Stamp(engine_version(), campaign_hash(campaign))


def worker_stamp(ref: Any) -> Stamp:
    """The stamp of the worker this runs on, with the campaign ``ref`` loads there."""
    return stamp_for(ref.load())


def checked(stamp: Stamp, fn: Callable[..., T], *args: Any) -> T:
    """Run a task after checking that this worker matches ``stamp`` (the task's first
    argument is its ``CampaignRef``); ``WorkerMismatch`` otherwise."""
    mine = worker_stamp(args[0])
    if mine != stamp:
        raise WorkerMismatch(f"worker {socket.gethostname()} refused the task: it has {stamp.differences(mine)}")
    return fn(*args)


class CheckedExecutor(concurrent.futures.Executor):
    """An executor whose every task first checks its worker's stamp (see ``checked``).

    ``width`` is how many tasks the pool runs at once (``ordered`` keeps about twice that in
    flight)."""

    def __init__(self, inner: concurrent.futures.Executor, stamp: Stamp, width: int = 1) -> None:
        self.inner = inner
        self.stamp = stamp
        self.width = width

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> concurrent.futures.Future[T]:
        """Submit ``checked(stamp, fn, *args)`` to the inner executor."""
        if kwargs:
            raise TypeError("simulation tasks take positional arguments only")
        return self.inner.submit(checked, self.stamp, fn, *args)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Shut the inner executor down (an executor without ``cancel_futures``, such as
        Dask's, cancels what is left when not waiting)."""
        try:
            self.inner.shutdown(wait=wait, cancel_futures=cancel_futures)
        except TypeError:
            self.inner.shutdown(wait=wait and not cancel_futures)


# --- the executor a command asks for -------------------------------------------------------

EXECUTOR_HELP = (
    "where the games run: 'local' (this machine, --workers processes; the default), 'dask' (a local "
    "Dask cluster of --workers processes) or 'dask://HOST:PORT' (a running Dask scheduler); results "
    "are the same on every executor (needs the optional extra: pip install 'divergence[dask]')"
)


def check_kind(text: str) -> str:
    """``--executor``'s value if it names an executor; ExecutorError otherwise."""
    if text in ("local", "dask") or (text.startswith("dask://") and len(text) > len("dask://")):
        return text
    raise ExecutorError(f"--executor must be 'local', 'dask' or 'dask://HOST:PORT', not {text!r}")


class Site:
    """Where a run's games are played, opened once for the whole run (``open_site``): each
    campaign of the run gets its executor from it, so a run over several campaigns starts
    one Dask cluster, not one per campaign."""

    def __init__(self, kind: str, workers: int, initializer: Callable[..., None] | None, client: Any = None) -> None:
        self.kind = kind
        self.workers = workers
        self.initializer = initializer
        self.client = client  # the Dask client, for a Dask site

    def executor(
        self, ref: Any, campaign: Campaign
    ) -> contextlib.AbstractContextManager[concurrent.futures.Executor | None]:
        """The executor for one campaign's tasks, shut down (its tasks cancelled) on leaving:
        None (inline) for 'local' with one worker, a process pool made for the campaign for
        more (its workers load ``ref`` once), or the site's cluster with every worker checked
        against this machine's stamp for the campaign."""
        if self.client is None:
            return local_executor(self.workers, ref, self.initializer)
        from game.sim import cluster

        return cluster.checked_executor(self.client, ref, stamp_for(campaign))


@contextlib.contextmanager
def open_site(kind: str, workers: int, initializer: Callable[..., None] | None = None) -> Iterator[Site]:
    """The site ``kind`` names (``check_kind``): this machine, or a Dask cluster (a local one
    started here for ``--executor dask``, stopped on leaving). ExecutorError when it cannot
    be had."""
    check_kind(kind)
    if kind == "local":
        yield Site(kind, workers, initializer)
        return
    from game.sim import cluster

    with cluster.dask_client(kind, workers) as client:
        yield Site(kind, workers, initializer, client)


@contextlib.contextmanager
def open_executor(
    kind: str, workers: int, ref: Any, campaign: Campaign, initializer: Callable[..., None] | None = None
) -> Iterator[concurrent.futures.Executor | None]:
    """The executor ``kind`` names for one campaign (``Site.executor`` of a site opened for
    it), shut down on leaving. ExecutorError when it cannot be had."""
    with open_site(kind, workers, initializer) as site, site.executor(ref, campaign) as executor:
        yield executor
