"""docs/MODDING.md's tutorial works as written: new-mod, the card, the promised error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game import cli

DOC = Path(__file__).resolve().parents[2] / "docs" / "MODDING.md"
MODELINE = "# yaml-language-server: $schema=../divergence.schema.json\n"


def test_the_tutorial_gives_the_error_it_promises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = DOC.read_text(encoding="utf-8")
    card = text.split("```yaml\n" + MODELINE, 1)[1].split("```", 1)[0]
    promised = text.split("$ divergence validate my_mod\n", 1)[1].split("\n", 1)[0]
    monkeypatch.chdir(tmp_path)
    assert cli.main(["new-mod", "My Mod", "--dir", "."]) == 0
    assert cli.main(["validate", "--strict", "my_mod"]) == 0  # the scaffold works as it is
    (tmp_path / "my_mod" / "cards" / "first.yaml").write_text(MODELINE + card)
    capsys.readouterr()
    assert cli.main(["validate", "my_mod"]) == 1
    assert capsys.readouterr().out.splitlines() == [promised.replace("/", os.sep)]
    fixed = card.replace("- meter: {meter: suspicion, lt: 80}", "- {meter: suspicion, lt: 80}")
    (tmp_path / "my_mod" / "cards" / "first.yaml").write_text(MODELINE + fixed)
    assert cli.main(["validate", "my_mod"]) == 0
