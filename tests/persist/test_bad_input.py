"""Bad saves through the real commands: one clear message, exit status 1, no traceback, no file changed."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from game import cli
from game.persist import atomic
from game.persist.document import FORMAT_VERSION, checksum_of, to_document
from game.persist.recorder import record
from tests.persist.conftest import SAGA, load_saga, play


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A saves folder with one good save, the test campaign as the game's content."""
    monkeypatch.setenv("DIVERGENCE_CONTENT", str(SAGA))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    saves = tmp_path / "saves"
    saves.mkdir()
    content = load_saga()
    engine = play(content.campaigns["saga"], 4, 60)
    doc = to_document(record(engine).to_save(engine, content, "good"))
    (saves / "good.json").write_text(json.dumps(doc, indent=1))
    return saves


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = cli.main(argv)
    return status, capsys.readouterr().err


def good_doc(saves: Path) -> dict[str, Any]:
    return json.loads((saves / "good.json").read_text())


def resealed(doc: dict[str, Any]) -> bytes:
    doc["checksum"] = checksum_of(doc)
    return json.dumps(doc).encode()


def _truncated(saves: Path) -> bytes:
    data = (saves / "good.json").read_bytes()
    return data[: len(data) // 2]


def _unknown_campaign(saves: Path) -> bytes:
    doc = good_doc(saves)
    doc["campaign"] = "atlantis"
    return resealed(doc)


def _unknown_card(saves: Path) -> bytes:
    doc = good_doc(saves)
    doc["commands"][5]["card"] = "saga.unicorn"
    return resealed(doc)


def _unknown_option(saves: Path) -> bytes:
    doc = good_doc(saves)
    doc["commands"][5]["command"]["option"] = "fly_away"
    return resealed(doc)


def _missing_mod(saves: Path) -> bytes:
    doc = good_doc(saves)
    doc["content"]["mods"].append({"id": "red_army_mod", "hash": "0123"})
    return resealed(doc)


def _future(saves: Path) -> bytes:
    doc = good_doc(saves)
    doc["format_version"] = FORMAT_VERSION + 5
    return resealed(doc)


def _hand_edited(saves: Path) -> bytes:
    return (saves / "good.json").read_bytes().replace(b'"seed": 4', b'"seed": 5')


CASES: dict[str, tuple[Any, str]] = {
    "empty": (lambda s: b"", "empty"),
    "truncated": (_truncated, "truncated"),
    "random bytes": (lambda s: bytes(range(256)) * 40, "not UTF-8"),
    "invalid utf-8": (lambda s: b'{"format": "divergence-save", "name": "\xff\xfe"}', "not UTF-8"),
    "python tag": (lambda s: b"format: !!python/object/apply:os.system ['echo pwned']\n", "tag"),
    "alias bomb": (
        lambda s: (
            b'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
            + b"".join(
                b"%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n" % ((c, c) + (c - 1,) * 9)
                for c in range(ord("b"), ord("k"))
            )
        ),
        "alias bomb",
    ),
    "not a save": (lambda s: b"cards:\n  - id: x\n    kind: event\n", "not a Divergence save"),
    "json list": (lambda s: b"[1, 2, 3]", "not a Divergence save"),
    "wrong checksum": (_hand_edited, "checksum"),
    "future version": (_future, "newer version"),
    "unknown campaign": (_unknown_campaign, "atlantis"),
    "unknown card": (_unknown_card, "saga.unicorn"),
    "unknown option": (_unknown_option, "fly_away"),
    "missing mods": (_missing_mod, "red_army_mod"),
}


@pytest.mark.parametrize("command", ["load", "replay"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_save(case: str, command: str, env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, expected = CASES[case]
    bad = env / "bad.json"
    bad.write_bytes(make(env))
    before = snapshot(env)
    extra = ["--on-change", "stop"] if command == "load" else []
    status, err = run([command, str(bad), "--ui", "text", "--saves", str(env), *extra], capsys)
    assert status == 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("divergence: ") and expected in lines[0], lines[0]
    assert "Traceback" not in err
    assert snapshot(env) == before


def test_a_100_mb_file_is_refused_without_reading_it(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = env / "big.json"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    status, err = run(["load", str(big), "--ui", "text"], capsys)
    assert status == 1 and "more than a save can be" in err and err.count("\n") == 1
    assert big.stat().st_size == 100 * 1024 * 1024


def test_a_folder_is_not_a_save(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(["load", str(env), "--ui", "text"], capsys)
    assert status == 1 and "is a folder" in err and err.count("\n") == 1


def test_a_missing_save_is_named(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(["load", "nowhere", "--ui", "text", "--saves", str(env)], capsys)
    assert status == 1 and "no such save file" in err


def test_a_read_only_saves_folder_refuses_the_fork_and_changes_nothing(
    env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ro = tmp_path / "readonly"
    ro.mkdir()
    real = atomic.tempfile.mkstemp

    def refuse(*args: Any, **kwargs: Any) -> Any:  # what a read-only folder does (root ignores chmod)
        if Path(kwargs.get("dir", "")) == ro:
            raise PermissionError(13, "Permission denied")
        return real(*args, **kwargs)

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    os.chmod(ro, 0o555)
    try:
        status, err = run(
            ["replay", str(env / "good.json"), "--to", "5", "--fork", "--ui", "text", "--saves", str(ro)], capsys
        )
    finally:
        os.chmod(ro, 0o755)
    assert status == 1
    assert err.count("\n") == 1 and "Permission denied" in err and "cannot fork" in err
    assert list(ro.iterdir()) == []
