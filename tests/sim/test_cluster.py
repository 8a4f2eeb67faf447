"""Simulation on a Dask cluster over loopback: the same numbers as one worker, a worker of
another engine or content refused, an unreachable scheduler one message and exit 2.

Skipped only when the optional extra (``divergence[dask]``) is not installed; CI installs it.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from game.cli import main
from game.content.loader import Content
from game.core.engine import Engine
from game.sim import cluster as cluster_mod
from game.sim.executors import (
    CheckedExecutor,
    ExecutorError,
    WorkerMismatch,
    open_executor,
    ordered,
    stamp_for,
)
from game.sim.forecast import forecast
from game.sim.runner import CampaignRef, remember, simulate, simulate_chunk

distributed = pytest.importorskip("distributed")

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A two-worker Dask cluster on 127.0.0.1 for this module; its address as dask://HOST:PORT."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",  # any free port: never a clash with a dashboard already running
        silence_logs=logging.ERROR,
    ) as cluster:
        yield "dask://" + cluster.scheduler_address.removeprefix("tcp://")


def _ref(content: Content, folder: str, cid: str) -> CampaignRef:
    ref = CampaignRef(cid, paths=(str(FIXTURES / folder),))
    remember(ref, content.campaigns[cid])
    return ref


def test_simulate_and_forecast_on_the_cluster_equal_one_worker(
    scheduler: str, mini_content: Content, fate_content: Content
) -> None:
    mini = _ref(mini_content, "mini", "mini")
    fate = _ref(fate_content, "fate", "fate")
    campaign = fate_content.campaigns["fate"]
    state = Engine(campaign, 5).state
    alone = simulate(mini, 700, "random", seed=3, chunk=100)
    alone_fc = forecast(fate, campaign, state, "random", runs=600, seed=2, precision=0.05, block=40)
    with open_executor(scheduler, 1, mini, mini_content.campaigns["mini"]) as pool:
        assert pool is not None
        spread = simulate(mini, 700, "random", seed=3, chunk=100, executor=pool)
    with open_executor(scheduler, 1, fate, campaign) as pool:
        spread_fc = forecast(fate, campaign, state, "random", runs=600, seed=2, precision=0.05, block=40, executor=pool)
    assert spread == alone and spread.games == 700
    assert spread_fc == alone_fc and alone_fc.stopped_early


def test_workers_with_another_engine_or_content_are_refused(scheduler: str, mini_content: Content) -> None:
    ref = _ref(mini_content, "mini", "mini")
    right = stamp_for(mini_content.campaigns["mini"])
    other_content = attrs.evolve(right, content="0123456789abcdef")
    with (
        pytest.raises(WorkerMismatch, match="2 of 2 Dask workers") as refused,
        cluster_mod.dask_executor(scheduler, 1, ref, other_content),
    ):
        pass
    assert "content" in str(refused.value) and right.content in str(refused.value)
    # every task checks again (a worker may join after the first check)
    with distributed.Client(scheduler.replace("dask://", "tcp://"), set_as_default=False) as client:
        pool = CheckedExecutor(client.get_executor(pure=False), attrs.evolve(right, engine="0.0.0+other"))
        with pytest.raises(WorkerMismatch, match=r"has engine .*, not 0\.0\.0\+other"):
            list(ordered(pool, simulate_chunk, [(ref, "random", 0, 0, 10)]))


def test_simulate_cli_on_a_local_dask_cluster_equals_one_worker(capsys: pytest.CaptureFixture[str]) -> None:
    """--executor dask starts its own cluster (one worker process here: starting one is
    slow, and the sameness of the numbers does not depend on how many)."""
    args = ["simulate", "tukhachevsky", "--runs", "120", "--json", "-q", "--workers", "1"]
    assert main(args) == 0
    alone = json.loads(capsys.readouterr().out)
    assert main([*args, "--executor", "dask"]) == 0
    assert json.loads(capsys.readouterr().out) == alone
    assert alone["games"] == 120


def test_calibrate_starts_one_dask_cluster_for_every_campaign_of_the_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A run over two campaigns starts one local cluster (not one per campaign), checks its
    workers for each campaign, and measures what one worker measures."""
    started: list[object] = []

    class Counted(distributed.LocalCluster):  # type: ignore[misc]
        def __init__(self, *args: object, **kwargs: object) -> None:
            started.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(distributed, "LocalCluster", Counted)
    checked: list[str] = []
    real_check = cluster_mod.check_workers

    def check(client: object, ref: CampaignRef, stamp: object) -> None:
        checked.append(ref.campaign)
        real_check(client, ref, stamp)

    monkeypatch.setattr(cluster_mod, "check_workers", check)
    args = ["calibrate", "--constraint", "survival_rarity", "--constraint", "coup_with_stalin_dead"]
    args += ["--max-games", "100", "--json", "-q", "--workers", "1"]
    main(args)
    alone = json.loads(capsys.readouterr().out)
    main([*args, "--executor", "dask"])
    spread = json.loads(capsys.readouterr().out)
    assert len(started) == 1, f"{len(started)} clusters started for one run"
    assert checked == ["bukharin", "tukhachevsky"]  # each campaign's workers checked on the one cluster
    assert spread == alone
    assert {c["id"] for c in alone} == {"survival_rarity", "coup_with_stalin_dead"}


def test_an_unreachable_scheduler_is_one_message_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cluster_mod, "CONNECT_TIMEOUT", 1.0)
    assert main(["simulate", "bukharin", "--runs", "10", "--executor", "dask://127.0.0.1:9", "-q"]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_without_the_extra_the_dask_executor_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, mini_content: Content
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    ref = _ref(mini_content, "mini", "mini")
    with (
        pytest.raises(ExecutorError, match=r"pip install 'divergence\[dask\]'"),
        open_executor("dask", 2, ref, mini_content.campaigns["mini"]),
    ):
        pass
