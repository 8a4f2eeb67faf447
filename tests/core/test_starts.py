"""Several starts per campaign, epilogue fragments, the ambitious policy and game records."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.content.loader import Content, load_content
from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Campaign
from game.persist.document import dumps
from game.persist.reader import read_document
from game.persist.recorder import record
from game.persist.replay import replay_save
from game.sim.calibrate import calibrate
from game.sim.policies import get_policy
from game.sim.runner import CampaignRef, play, remember, simulate

ROOT = Path(__file__).resolve().parents[2]
STARTS = ROOT / "tests" / "fixtures" / "starts"


@pytest.fixture(scope="module")
def content() -> Content:
    loaded = load_content([STARTS])
    assert not loaded.errors, [str(d) for d in loaded.errors]
    return loaded


@pytest.fixture(scope="module")
def two(content: Content) -> Campaign:
    return content.campaigns["twostart"]


def test_the_first_start_is_the_default(two: Campaign) -> None:
    engine = Engine(two, 1)
    assert engine.state.start == "early"
    assert engine.state.date == two.get_start("early").date
    assert engine.state.meters == {"heat": 20, "favour": 10}
    assert "survived_early" not in engine.state.flags
    assert engine.view().intro == "The early door."
    assert engine.view().start_title == "The Early Door"


def test_a_later_start_has_its_own_date_state_and_intro(two: Campaign) -> None:
    engine = Engine(two, 1, start="late")
    s = engine.state
    assert (s.start, s.date) == ("late", two.get_start("late").date)
    assert s.meters == {"heat": 60, "favour": 10}
    assert s.flags == {"survived_early": 0}
    assert s.characters["friend"].status == "imprisoned"
    assert s.characters["hero"].status == "free"
    assert engine.view().intro.startswith("The late door")


def test_an_unknown_start_names_the_known_ones(two: Campaign) -> None:
    with pytest.raises(KeyError, match="early, late"):
        Engine(two, 1, start="middle")


def test_a_save_records_its_start_and_replays_from_it(content: Content, two: Campaign) -> None:
    engine = Engine(two, 5, start="late")
    record(engine)
    while not engine.is_over and len(engine.commands) < 4:
        engine.apply(Choose(engine.choices()[0]))
    text = dumps(record(engine).to_save(engine, content, "g"))
    outcome = replay_save(content, read_document(text))
    assert outcome.divergence is None
    assert outcome.engine.state.start == "late"
    assert outcome.engine.state.flags == engine.state.flags


def test_epilogue_fragments_follow_the_final_state(two: Campaign) -> None:
    ending = two.endings["caught"]
    early = Engine(two, 1)
    late = Engine(two, 1, start="late")
    assert ending.epilogue(early.state) == "The hero is caught.\n\nHe never saw the storm pass."
    assert ending.epilogue(late.state) == "The hero is caught.\n\nHe had come through the storm once."


def test_the_view_and_the_chronicle_carry_the_fragments(two: Campaign) -> None:
    for seed in range(200):
        engine = play(two, get_policy("random"), seed, start="late")
        if engine.state.ending == "crowned":
            assert engine.view().ending is not None
            assert engine.view().ending.text.endswith("His friend was not there to see it.")
            assert engine.state.chronicle[-1].text.endswith("His friend was not there to see it.")
            return
    pytest.fail("no random game from the late start was crowned")


def test_constraints_belong_to_their_start(two: Campaign) -> None:
    by_start = {c.id: c.start for c in two.constraints}
    assert by_start == {"early_not_survived": "early", "late_survived": "late", "late_friend_jailed": "late"}
    ref = CampaignRef("twostart", paths=(str(STARTS),))
    remember(ref, two)
    results = {r.id: r for r in calibrate(ref, two, max_games=200, first_batch=100)}
    assert all(r.verdict == "pass" for r in results.values()), results
    assert results["late_survived"].start == "late"
    only_late = calibrate(ref, two, max_games=200, first_batch=100, start="late")
    assert [r.id for r in only_late] == ["late_survived", "late_friend_jailed"]


def test_a_start_constraint_measured_on_the_wrong_start_fails(two: Campaign) -> None:
    # the same claim measured on the early start's games (as if starts were ignored) is false
    import attrs

    broken = attrs.evolve(
        two,
        constraints=tuple(
            attrs.evolve(c, start="early") if c.id == "late_friend_jailed" else c for c in two.constraints
        ),
    )
    ref = CampaignRef("twostart-broken", paths=(str(STARTS),))
    remember(ref, broken)
    (result,) = calibrate(ref, broken, max_games=200, first_batch=100, ids=["late_friend_jailed"])
    assert result.verdict == "fail"


def test_ambitious_is_deterministic_and_plays_towards_the_goal(two: Campaign) -> None:
    ambitious, cautious = get_policy("ambitious"), get_policy("cautious")
    a = [play(two, ambitious, seed).state.ending for seed in range(30)]
    again = [play(two, ambitious, seed).state.ending for seed in range(30)]
    assert a == again
    c = [play(two, cautious, seed).state.ending for seed in range(30)]
    assert a.count("crowned") > c.count("crowned") + 5, (a, c)


def test_game_records_say_when_things_happened(two: Campaign) -> None:
    ref = CampaignRef("twostart", paths=(str(STARTS),), start="late")
    remember(ref, two)
    lines: list[dict[str, object]] = []
    tally = simulate(ref, 12, "random", seed=3, records=lines.extend, chunk=5)
    assert len(lines) == tally.games == 12
    assert [r["seed"] for r in lines] == [3 * 1_000_000 + i for i in range(12)]
    for rec in lines:
        assert rec["start"] == "late"
        assert rec["flags"]["survived_early"] == "1937-01"
        assert rec["ending"] in two.endings
        choices = rec["choices"]
        assert all(len(c) == 3 for c in choices)
        if rec["ending"] == "caught":
            assert rec["characters"]["hero"][-1][1] == "dead"
    early = CampaignRef("twostart", paths=(str(STARTS),))
    got: list[dict[str, object]] = []
    simulate(early, 3, "random", records=got.extend)
    assert all(r["flags"].get("survived_early") == "1936-03" for r in got if r["end"] >= "1936-03")


def _divergence(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DIVERGENCE_CONTENT": str(STARTS)},
    )


def test_cli_simulate_start_and_games_file(tmp_path: Path) -> None:
    out = tmp_path / "games.jsonl"
    done = _divergence("simulate", "twostart", "--start", "late", "--runs", "7", "--games", str(out), "--json", "-q")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["start"] == "late"
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 7 and {r["start"] for r in rows} == {"late"}
    bad = _divergence("simulate", "twostart", "--start", "middle", "--runs", "2")
    assert bad.returncode == 2 and "starts: early, late" in bad.stderr and "Traceback" not in bad.stderr
    cal = _divergence("calibrate", "twostart", "--start", "late", "--max-games", "100")
    assert cal.returncode == 0, cal.stdout + cal.stderr
    assert "late_survived" in cal.stdout and "early_not_survived" not in cal.stdout
    play = _divergence("play", "--as", "twostart", "--start", "middle", "--ui", "text")
    assert play.returncode == 2 and "starts: early, late" in play.stderr


def test_cli_play_offers_and_plays_a_later_start() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "game", "play", "--as", "twostart", "--start", "late", "--seed", "4", "--ui", "text"],
        cwd=ROOT,
        input="q\n" * 5,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DIVERGENCE_CONTENT": str(STARTS)},
    )
    assert "The late door" in done.stdout, done.stdout[-2000:] + done.stderr[-2000:]


def test_title_screen_lists_each_start(content: Content) -> None:
    from game.cli.wiring import campaign_infos

    infos = campaign_infos(content)
    assert [i.id for i in infos] == ["twostart:early", "twostart:late"]
    assert "The Late Door" in infos[1].title and infos[1].summary == "After the storm."
