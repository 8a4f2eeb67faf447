"""``divergence diff``: where two games of one seed part, what followed in each, their
forecasts; saves that cannot be compared give one message and exit 2."""

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

SHARED = 5  # decisions both games take alike


def _save(content: Content, path: Path, seed: int, picks: list[int], campaign: str = "tukhachevsky") -> Path:
    """A game of ``seed`` choosing the ``picks[i]``-th choice (modulo the choices) at decision i."""
    engine = Engine(content.campaigns[campaign], seed)
    recorder = record(engine)
    for pick in picks:
        if engine.is_over:
            break
        choices = engine.choices()
        engine.apply(Choose(choices[pick % len(choices)]))
    path.write_bytes(dumps(recorder.to_save(engine, content, path.stem)))
    return path


def _first_with_a_choice(content: Content, seed: int) -> int:
    """The first decision after SHARED with more than one choice (so the games can part there)."""
    engine = Engine(content.campaigns["tukhachevsky"], seed)
    for i in range(60):
        if i >= SHARED and len(engine.choices()) > 1:
            return i
        engine.apply(Choose(engine.choices()[0]))
    raise AssertionError("no decision with a choice")


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, shipped: Content) -> tuple[Path, Path, int]:
    folder = tmp_path_factory.mktemp("diff")
    part = _first_with_a_choice(shipped, 21)
    a = _save(shipped, folder / "cautious.json", 21, [0] * (part + 4))
    b = _save(shipped, folder / "other.json", 21, [0] * part + [1] + [0] * 3)
    return a, b, part


def test_diff_finds_the_parting_and_shows_both_games_from_there(
    pair: tuple[Path, Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, part = pair
    assert main(["diff", str(a), str(b), "--runs", "60", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["parting"]["decision"] == part + 1 and not data["identical"]
    left, right = data["a"], data["b"]
    assert left["name"] == "cautious" and right["name"] == "other"
    assert left["choice"] != right["choice"] and left["choice_title"] and right["choice_title"]
    # both chronicles start at the parting decision, each with its own answer (here: the hand,
    # each game playing another action card)
    assert data["parting"]["title"] == "The turn's action"
    assert left["chronicle"] and right["chronicle"]
    assert left["chronicle"][0]["title"] == left["choice_title"]
    assert right["chronicle"][0]["title"] == right["choice_title"]
    # the forecasts at the parting are on the same seeds, one per choice
    for side in (left, right):
        assert side["at_parting"] is not None and abs(sum(e["p"] for e in side["at_parting"]) - 1) < 1e-6
    assert main(["diff", str(a), str(b), "--runs", "60"]) == 0
    text = capsys.readouterr().out
    assert f"The games part at decision {part + 1}" in text and " | " in text
    assert left["choice_title"][:20] in text and right["choice_title"][:20] in text


def test_a_save_compared_with_itself_is_the_same_game(
    pair: tuple[Path, Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    a, _b, _part = pair
    assert main(["diff", str(a), str(a)]) == 0
    assert "the same game" in capsys.readouterr().out


def _rewrite(path: Path, out: Path, **changes: object) -> Path:
    doc = json.loads(path.read_bytes())
    doc.update(changes)
    doc["checksum"] = checksum_of(doc)
    out.write_text(json.dumps(doc))
    return out


def test_saves_that_cannot_be_compared_give_one_message_and_exit_2(
    pair: tuple[Path, Path, int], shipped: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, _b, _part = pair
    before = a.read_bytes()
    cases = {
        "different seeds": _save(shipped, tmp_path / "seed22.json", 22, [0, 0, 0]),
        "different campaigns": _save(shipped, tmp_path / "bukharin.json", 21, [0, 0], campaign="bukharin"),
        "different game versions": _rewrite(a, tmp_path / "old.json", game_version="0.0.1"),
    }
    for words, other in cases.items():
        assert main(["diff", str(a), str(other)]) == 2
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err and err.count("\n") == 1, err
    assert main(["diff", str(a), str(tmp_path / "missing.json")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert a.read_bytes() == before
