"""The `divergence` command: exit statuses and messages, never a traceback for bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"


def divergence(
    *args: str, stdin: str = "", cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        input=stdin,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_validate_clean_content_exits_0() -> None:
    result = divergence("validate", env={"DIVERGENCE_CONTENT": str(MINI)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stderr


def test_validate_reports_errors_and_exits_1(tmp_path: Path) -> None:
    mod = tmp_path / "my_mod"
    mod.mkdir()
    (mod / "cards.yaml").write_text(
        "cards:\n  - id: mini.x\n    kind: event\n    campaign: mini\n    title: X\n    options: [{id: a, text: NO}]\n"
    )
    (mod / "bomb.yaml").write_bytes(b"[" * 60_000)
    result = divergence("validate", str(mod), env={"DIVERGENCE_CONTENT": str(MINI)})
    assert result.returncode == 1
    assert "cards.yaml:6:" in result.stdout and "`NO`" in result.stdout
    assert "bomb.yaml:1:" in result.stdout and "nesting" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_a_missing_path_is_a_usage_error() -> None:
    result = divergence("validate", "no/such/place")
    assert result.returncode == 2
    assert "no such file" in result.stderr and "Traceback" not in result.stderr


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    mod = tmp_path / "m"
    mod.mkdir()
    (mod / "c.yaml").write_text(
        "cards:\n  - {id: mini.y, kind: action, campaign: mini, title: Y, when: {flag: never_set}, options: [{id: a, text: A}]}\n"
    )
    ok = divergence("validate", str(mod), env={"DIVERGENCE_CONTENT": str(MINI)})
    strict = divergence("validate", "--strict", str(mod), env={"DIVERGENCE_CONTENT": str(MINI)})
    assert ok.returncode == 0 and strict.returncode == 1
    assert "warning: flag 'never_set' is read but never set" in strict.stdout


def test_unknown_campaign_is_a_clear_message() -> None:
    result = divergence("play", "--as", "trotsky", "--ui", "text", env={"DIVERGENCE_CONTENT": str(MINI)})
    assert result.returncode == 2
    assert "unknown campaign 'trotsky'" in result.stderr and "Traceback" not in result.stderr


def test_schema_is_json() -> None:
    import json

    result = divergence("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["$schema"].startswith("http://json-schema.org/draft-07")


def test_options_without_a_command_are_the_play_commands(tmp_path: Path) -> None:
    saves = tmp_path / "my saves"
    result = divergence(
        "--ui",
        "text",
        "--as",
        "mini",
        "--seed",
        "7",
        "--saves",
        str(saves),
        stdin="q\n",
        cwd=tmp_path,
        env={"DIVERGENCE_CONTENT": str(MINI), "DIVERGENCE_NO_FORECAST": "1"},
    )
    assert "invalid choice" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    assert saves.is_dir()


def test_the_programs_own_options_still_answer() -> None:
    version = divergence("--version")
    assert version.returncode == 0 and version.stdout.startswith("divergence ")
    unknown = divergence("--no-such-option")
    assert unknown.returncode == 2 and "unrecognized arguments: --no-such-option" in unknown.stderr
