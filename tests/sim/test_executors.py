"""Simulation on any concurrent.futures executor: the same numbers as inline, tasks checked
against the asking machine's stamp, the content hash blind to prose and not to rules."""

from __future__ import annotations

import concurrent.futures
from pathlib import Path

import attrs
import pytest

from game.content.loader import Content, load_content
from game.sim.calibrate import calibrate
from game.sim.executors import CheckedExecutor, WorkerMismatch, campaign_hash, ordered, stamp_for
from game.sim.runner import CampaignRef, remember, simulate, simulate_chunk

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture
def ref(mini_content: Content) -> CampaignRef:
    found = CampaignRef("mini", paths=(str(MINI),))
    remember(found, mini_content.campaigns["mini"])
    return found


def test_simulate_and_calibrate_on_a_thread_pool_equal_inline(ref: CampaignRef, mini_content: Content) -> None:
    campaign = mini_content.campaigns["mini"]
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        assert simulate(ref, 900, "mixed", seed=4, chunk=70, executor=pool) == simulate(
            ref, 900, "mixed", seed=4, chunk=70
        )
        spread = calibrate(ref, campaign, seed=2, max_games=2000, executor=pool)
    alone = calibrate(ref, campaign, seed=2, max_games=2000)
    assert [attrs.asdict(r) for r in spread] == [attrs.asdict(r) for r in alone]
    assert alone and alone[0].played > 0


def test_ordered_keeps_task_order_and_cancels_what_is_left() -> None:
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = ordered(pool, pow, [(i, 2) for i in range(100)], window=5)
        assert [next(results) for _ in range(10)] == [i * i for i in range(10)]
        results.close()  # stopping early: the calls not started are cancelled, none is left running


def test_a_task_on_a_worker_with_another_stamp_is_refused(ref: CampaignRef, mini_content: Content) -> None:
    right = stamp_for(mini_content.campaigns["mini"])
    with concurrent.futures.ThreadPoolExecutor(2) as inner:
        ok = CheckedExecutor(inner, right, width=2)
        assert simulate(ref, 50, "random", executor=ok) == simulate(ref, 50, "random")
        wrong = CheckedExecutor(inner, attrs.evolve(right, content="ffff"))
        with pytest.raises(WorkerMismatch, match=r"content .*, not ffff"):
            list(ordered(wrong, simulate_chunk, [(ref, "random", 0, 0, 5)]))


def test_the_content_hash_follows_rules_not_prose(tmp_path: Path) -> None:
    def hash_of(old: str, new: str) -> str:
        folder = tmp_path / f"copy{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        for f in MINI.iterdir():
            (folder / f.name).write_text(f.read_text().replace(old, new))
        content = load_content([folder])
        assert not content.errors
        return campaign_hash(content.campaigns["mini"])

    base = hash_of("", "")
    assert hash_of('"A letter arrives."', '"A letter comes."') == base
    assert hash_of("base: 0.1, source", "base: 0.2, source") != base
    assert hash_of("hand_size: 2", "hand_size: 3") != base
