"""The forecast: agrees with plain simulation, is the same for any executor, stops early in
seed-block order, counts milestones, and the CLI refuses bad input with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.content.loader import Content
from game.core.commands import Choose
from game.core.engine import Engine
from game.persist.document import checksum_of, dumps
from game.persist.recorder import record
from game.sim.executors import process_executor
from game.sim.forecast import forecast, narrow_enough
from game.sim.runner import CampaignRef, remember, simulate

FATE = Path(__file__).resolve().parents[1] / "fixtures" / "fate"


def ref_of(content: Content, cid: str) -> CampaignRef:
    ref = CampaignRef(cid, paths=(str(FATE),))
    remember(ref, content.campaigns[cid])
    return ref


def test_a_forecast_from_the_start_agrees_with_plain_simulation(fate_content: Content) -> None:
    campaign = fate_content.campaigns["fate"]
    ref = ref_of(fate_content, "fate")
    start = Engine(campaign, 12345).state
    fc = forecast(ref, campaign, start, "random", runs=1500, seed=1, precision=None)
    tally = simulate(ref, 1500, "random", seed=2)
    simulated = tally.endings.get("fallen", 0) / tally.games
    fallen = fc.ending("fallen")
    assert fc.runs == 1500
    # half the players go, and the road is watched 90% of the time: 0.45
    assert fallen.low <= 0.45 <= fallen.high
    assert abs(fallen.p - simulated) < 0.06
    assert fc.milestones[0].id == "crossed" and 0.4 < fc.milestones[0].p < 0.6


def test_a_forecast_from_a_decided_state_is_certain(fate_content: Content) -> None:
    """After going and being seen, the hero falls in every continuation; after staying, never."""
    campaign = fate_content.campaigns["fate"]
    ref = ref_of(fate_content, "fate")
    engine = Engine(campaign, 3)
    while engine.current_card() is None or engine.current_card().id != "fate.crossroads":
        engine.apply(Choose(engine.choices()[0]))
    stay = engine.fork()
    stay.apply(Choose("stay"))
    assert forecast(ref, campaign, stay.state, "random", runs=200).probability("fallen") == 0.0
    go = forecast(ref, campaign, engine.state, "random", runs=400, forced="go", precision=None)
    assert 0.85 < go.probability("fallen") < 0.95


def test_the_same_seed_gives_the_same_forecast_for_one_and_two_workers(fate_content: Content) -> None:
    campaign = fate_content.campaigns["fate"]
    ref = ref_of(fate_content, "fate")
    state = Engine(campaign, 9).state
    one = forecast(ref, campaign, state, "random", runs=800, seed=4, precision=0.05, block=40)
    with process_executor(2) as pool:
        two = forecast(ref, campaign, state, "random", runs=800, seed=4, precision=0.05, block=40, executor=pool)
    assert one == two
    assert one.stopped_early and one.runs < 800 and narrow_enough(one, 0.05)
    assert forecast(ref, campaign, state, "random", runs=800, seed=5, precision=0.05, block=40) != one


def test_progress_reports_narrowing_intervals(fate_content: Content) -> None:
    campaign = fate_content.campaigns["fate"]
    ref = ref_of(fate_content, "fate")
    seen = []
    forecast(ref, campaign, Engine(campaign, 1).state, "random", runs=300, precision=None, progress=seen.append)
    assert [f.runs for f in seen] == list(range(50, 301, 50))
    widths = [f.ending("fallen").half_width for f in seen]
    assert widths[-1] < widths[0]
    assert seen[-1].finished and not seen[0].finished


# --- the command line ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory, shipped: Content) -> Path:
    campaign = shipped.campaigns["tukhachevsky"]
    engine = Engine(campaign, 21)
    recorder = record(engine)
    for _ in range(6):
        engine.apply(Choose(engine.choices()[0]))
    path = tmp_path_factory.mktemp("saves") / "mid.json"
    path.write_bytes(dumps(recorder.to_save(engine, shipped, "mid")))
    return path


def test_forecast_cli_prints_json_with_every_ending(saved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forecast", str(saved), "--runs", "100", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["runs"] == 100 and data["decision"] == 6 and data["campaign"] == "tukhachevsky"
    assert sum(e["hits"] for e in data["endings"]) == 100
    assert data["player_model"] == "if you play on like a cautious player"
    assert main(["forecast", str(saved), "--runs", "100", "--at", "2"]) == 0
    assert "from decision 2 of 6" in capsys.readouterr().out


def _rewrite(path: Path, out: Path, **changes: object) -> Path:
    doc = json.loads(path.read_bytes())
    doc.update(changes)
    doc["checksum"] = checksum_of(doc)
    out.write_text(json.dumps(doc))
    return out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--at", "7"], "outside this game"),
        (["--at", "-1"], "--at must be between"),
    ],
)
def test_forecast_cli_refuses_a_decision_outside_the_game(
    saved: Path, args: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = saved.read_bytes()
    with pytest.raises(SystemExit) if args[1] == "-1" else _nothing():
        assert main(["forecast", str(saved), *args]) == 2
    assert words in capsys.readouterr().err
    assert saved.read_bytes() == before


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False


def test_forecast_cli_refuses_another_campaigns_or_versions_save(
    saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = _rewrite(saved, tmp_path / "other.json", campaign="nowhere")
    assert main(["forecast", str(other)]) == 2
    err = capsys.readouterr().err
    assert "nowhere" in err and err.count("\n") == 1
    newer = _rewrite(saved, tmp_path / "newer.json", format_version=99)
    assert main(["forecast", str(newer)]) == 2
    assert "newer.json" in capsys.readouterr().err
    assert main(["forecast", str(tmp_path / "missing.json")]) == 2


def test_forecast_cli_from_a_campaigns_start_without_a_save(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forecast", "--as", "bukharin", "--start", "troika", "--runs", "60", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["campaign"] == "bukharin" and data["start"] == "troika" and data["runs"] == 60
    assert sum(e["hits"] for e in data["endings"]) == 60
    milestones = {m["id"]: m for m in data["milestones"]}
    assert milestones["outlives_stalin"]["hits"] == 60  # the 1953 start begins with Stalin dying
    assert milestones["dead_1939"]["hits"] == 0
    assert main(["forecast", "--as", "bukharin", "--runs", "60", "--json"]) == 0
    plea = json.loads(capsys.readouterr().out)
    assert plea["start"] == "last_plea"
    assert {m["id"]: m for m in plea["milestones"]}["dead_1939"]["hits"] > 45  # the odds of 1937


@pytest.mark.parametrize(
    "args",
    [
        ["--as", "bukharin", "--start", "nope"],
        ["--as", "nobody"],
        [],
        ["--as", "bukharin", "--at", "3"],
    ],
)
def test_forecast_cli_refuses_a_bad_start(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forecast", *args, "--runs", "10"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_forecast_cli_refuses_a_save_with_a_start(saved: Path) -> None:
    assert main(["forecast", str(saved), "--start", "troika", "--runs", "10"]) == 2
