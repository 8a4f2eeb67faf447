"""Simulation on a Dask cluster (the optional extra ``divergence[dask]``).

``--executor dask`` starts a local cluster of ``--workers`` processes on this machine (over
loopback); ``--executor dask://HOST:PORT`` connects to a running scheduler whose workers have
the same version of the game and the same content installed (see docs/CALIBRATION.md).
Either way the tasks are the same pure tasks as on a process pool, their results merged in
task order, so the numbers are identical to ``--workers 1``. Before any task runs, every
worker is asked for its stamp (``game.sim.executors.Stamp``) and the cluster is refused if
one differs; every task checks its worker's stamp again (a worker may join later).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
from collections.abc import Iterator
from typing import Any

from game.sim.executors import CheckedExecutor, ExecutorError, Stamp, WorkerMismatch, worker_stamp

CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler before giving up
INSTALL_HINT = "pip install 'divergence[dask]'"


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ExecutorError(f"the Dask executor needs the optional extra; install it with: {INSTALL_HINT}") from None
    return distributed


@contextlib.contextmanager
def dask_executor(kind: str, workers: int, ref: Any, stamp: Stamp) -> Iterator[concurrent.futures.Executor]:
    """A checked executor on the cluster ``kind`` names ('dask' or 'dask://HOST:PORT')."""
    with dask_client(kind, workers) as client, checked_executor(client, ref, stamp) as executor:
        yield executor


@contextlib.contextmanager
def dask_client(kind: str, workers: int) -> Iterator[Any]:
    """A client of the cluster ``kind`` names: a local cluster of ``workers`` processes
    started for it ('dask'), or a running scheduler ('dask://HOST:PORT'); closed (and the
    local cluster stopped) on leaving. One client serves a whole run, campaign after
    campaign (``checked_executor``)."""
    distributed = _distributed()
    with contextlib.ExitStack() as stack:
        if kind == "dask":
            try:
                cluster = stack.enter_context(
                    distributed.LocalCluster(
                        n_workers=max(1, workers),
                        threads_per_worker=1,
                        processes=True,
                        host="127.0.0.1",
                        dashboard_address=":0",  # any free port: never a clash with a dashboard already running
                        silence_logs=logging.ERROR,
                    )
                )
            except (OSError, RuntimeError, TimeoutError) as exc:
                raise ExecutorError(f"could not start a local Dask cluster: {exc}") from None
            address = cluster.scheduler_address
        else:
            address = "tcp://" + kind.removeprefix("dask://")
        try:
            client = stack.enter_context(distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False))
        except (OSError, TimeoutError) as exc:
            raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        yield client


@contextlib.contextmanager
def checked_executor(client: Any, ref: Any, stamp: Stamp) -> Iterator[concurrent.futures.Executor]:
    """An executor on the client's cluster for one campaign: every worker is first checked
    against ``stamp`` (and every task again); its tasks not yet done are cancelled on leaving,
    the cluster left running for the next campaign."""
    check_workers(client, ref, stamp)
    width = max(1, sum(client.nthreads().values()))
    executor = CheckedExecutor(client.get_executor(pure=False), stamp, width)
    try:
        yield executor
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


def check_workers(client: Any, ref: Any, stamp: Stamp) -> None:
    """Refuse a cluster with no worker, or with a worker whose engine or content differs."""
    if not client.nthreads():
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError):
            raise ExecutorError(f"the Dask scheduler has no worker (waited {CONNECT_TIMEOUT:g} s)") from None
    try:
        found = client.run(worker_stamp, ref)
    except Exception as exc:  # a worker that cannot even load the campaign
        raise WorkerMismatch(f"a Dask worker could not load campaign {ref.campaign!r}: {exc}") from None
    wrong = {address: theirs for address, theirs in found.items() if theirs != stamp}
    if wrong:
        lines = [f"  {address}: {stamp.differences(theirs)}" for address, theirs in sorted(wrong.items())]
        raise WorkerMismatch(
            f"{len(wrong)} of {len(found)} Dask workers run another engine or content than this machine "
            "(install the same version of the game and the same mods on every worker):\n" + "\n".join(lines)
        )
