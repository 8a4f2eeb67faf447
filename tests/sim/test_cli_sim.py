"""`divergence simulate` and `divergence calibrate`: outputs, exit statuses, bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"


def divergence(*args: str, content: Path = MINI) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DIVERGENCE_CONTENT": str(content)},
    )


def mini_with_constraint(tmp_path: Path, constraint: str) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    text = (root / "campaign.yaml").read_text()
    head, _sep, rest = text.partition("  constraints:\n")
    _old, chars, tail = rest.partition("characters:")
    (root / "campaign.yaml").write_text(head + "  constraints:\n" + constraint + chars + tail)
    return root


def test_help_lists_the_policies() -> None:
    result = divergence("simulate", "--help")
    assert result.returncode == 0
    for name in ("random", "historical", "cautious", "bold", "mixed"):
        assert f"\n  {name} " in result.stdout


def test_simulate_text_report() -> None:
    result = divergence("simulate", "mini", "--runs", "200", "--policy", "historical", "--workers", "1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Campaign mini: 200 games, policy historical" in out
    assert "caught" in out and "Endings never reached: burned, won" in out
    assert "Median length:" in out and "Cards never fired:" in out and "Options never available" in out


def test_simulate_json_is_identical_whatever_the_workers() -> None:
    one = divergence("simulate", "mini", "--runs", "300", "--workers", "1", "--seed", "9", "--json")
    two = divergence("simulate", "mini", "--runs", "300", "--workers", "2", "--seed", "9", "--json")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert one.stdout == two.stdout
    data = json.loads(one.stdout)
    assert data["games"] == 300 and sum(e["count"] for e in data["endings"]) == 300


def test_simulate_csv() -> None:
    result = divergence("simulate", "mini", "--runs", "50", "--csv", "--workers", "1")
    assert result.returncode == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["section", "key", "count", "rate", "low", "high"]
    assert sum(int(r[2]) for r in rows if r[0] == "ending") == 50


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--runs", "0"], "--runs must be between 1 and 1,000,000"),
        (["--runs", "-5"], "--runs must be between"),
        (["--runs", "99999999999"], "--runs must be between"),
        (["--runs", "lots"], "--runs must be a whole number"),
        (["--workers", "0"], "--workers must be between"),
        (["--policy", "reckless"], "invalid choice: 'reckless'"),
    ],
)
def test_simulate_bad_arguments_exit_2(args: list[str], message: str) -> None:
    result = divergence("simulate", "mini", *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_unknown_campaign_exits_2() -> None:
    for command in ("simulate", "calibrate"):
        result = divergence(command, "stalin_wins")
        assert result.returncode == 2
        assert "unknown campaign 'stalin_wins'; known: mini" in result.stderr and "Traceback" not in result.stderr


def test_calibrate_prints_claims_and_passes() -> None:
    result = divergence("calibrate", "--max-games", "600", "--workers", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "mini.history" in result.stdout and "claim:    As history, the hero is caught." in result.stdout
    assert "source:   tests" in result.stdout and "Wilson" in result.stdout
    assert "1 constraints: 1 passed, 0 failed" in result.stdout


def test_calibrate_failure_exits_1(tmp_path: Path) -> None:
    root = mini_with_constraint(
        tmp_path,
        '    - {id: rare, claim: "Rarely caught", source: tests, policy: historical,\n'
        "       measure: {ending_in: [caught]}, expect: {at_most: 0.1}}\n",
    )
    result = divergence("calibrate", "mini", "--workers", "1", "--json", content=root)
    assert result.returncode == 1, result.stderr
    (row,) = json.loads(result.stdout)
    assert row["verdict"] == "fail" and row["low"] > 0.1


@pytest.mark.parametrize(
    ("expect", "message"),
    [("{between: [0.5, 0.2]}", "low <= high"), ("{at_least: 1.5}", "1.5"), ("{at_most: -1}", "-1")],
)
def test_impossible_expectation_exits_2(tmp_path: Path, expect: str, message: str) -> None:
    root = mini_with_constraint(
        tmp_path,
        f"    - {{id: odd, claim: x, source: tests, policy: random, measure: {{ending_in: [won]}}, expect: {expect}}}\n",
    )
    for args in (("calibrate",), ("calibrate", "mini")):
        result = divergence(*args, content=root)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "cannot be simulated" in result.stderr and message in result.stderr
        assert "Traceback" not in result.stderr


def test_unknown_constraint_exits_2() -> None:
    result = divergence("calibrate", "mini", "--constraint", "nope")
    assert result.returncode == 2 and "campaign mini has no constraint nope; known: history" in result.stderr
    result = divergence("calibrate", "--constraint", "nope")
    assert result.returncode == 2 and "no campaign has a constraint nope" in result.stderr


def test_progress_bar_draws_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli.simulation import Progress

    bar = Progress("mini/random", enabled=True)
    bar(500, 1000)
    bar(1000, 1000)
    bar.close()
    err = capsys.readouterr().err
    assert "1,000/1,000 games" in err and "#" * 30 in err and err.endswith("\n")
    quiet = Progress("x", enabled=False)
    quiet(1, 2)
    quiet.close()
    assert capsys.readouterr().err == ""


def test_simulate_does_not_depend_on_the_hash_seed() -> None:
    outputs = []
    for hash_seed, workers in (("1", "1"), ("2", "2")):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "game",
                "simulate",
                "mini",
                "--runs",
                "150",
                "--policy",
                "mixed",
                "--json",
                "--workers",
                workers,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "DIVERGENCE_CONTENT": str(MINI), "PYTHONHASHSEED": hash_seed},
        )
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
