"""Loading: a broken file is reported and left out, the rest still plays."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from game.content.loader import discover, load_content
from game.core.commands import Choose
from game.core.engine import Engine

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def copy_mini(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return root


def test_a_broken_file_leaves_the_rest_playable(tmp_path: Path) -> None:
    root = copy_mini(tmp_path)
    (root / "broken.yaml").write_bytes(b"cards:\n  - id: [\n")
    content = load_content([root])
    assert any(d.path.endswith("broken.yaml") for d in content.errors)
    engine = Engine(content.campaigns["mini"], 1)
    while not engine.is_over:
        engine.apply(Choose(engine.choices()[0]))


def test_a_broken_card_is_left_out_and_the_others_load(tmp_path: Path) -> None:
    root = copy_mini(tmp_path)
    (root / "more.yaml").write_text(
        "cards:\n"
        "  - {id: mini.good, kind: action, campaign: mini, title: Good, options: [{id: a, text: A}]}\n"
        "  - {id: mini.bad, kind: action, campaign: mini, title: Bad, options: [{id: a, text: A, effects: [{add: {nope: 1}}]}]}\n"
    )
    content = load_content([root])
    cards = content.campaigns["mini"].cards
    assert "mini.good" in cards and "mini.bad" not in cards
    assert any("unknown meter 'nope'" in d.message for d in content.errors)


def test_hostile_files_never_stop_the_load(tmp_path: Path) -> None:
    root = copy_mini(tmp_path)
    (root / "bomb.yaml").write_text(
        "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
        + "".join(f"a{i}: &a{i} [{', '.join(['*a' if i == 0 else f'*a{i - 1}'] * 10)}]\n" for i in range(8))
    )
    (root / "deep.yaml").write_bytes(b"[" * 100_000)
    (root / "tag.yaml").write_text("cards: !!python/object/apply:os.system ['touch pwned']\n")
    (root / "binary.yaml").write_bytes(os.urandom(2000))
    (root / "huge.yaml").write_bytes(b"a: " + b"x" * (5 * 1024 * 1024))
    content = load_content([root])
    bad = {Path(d.path).name for d in content.errors}
    assert {"bomb.yaml", "deep.yaml", "tag.yaml", "binary.yaml", "huge.yaml"} <= bad
    assert "mini" in content.campaigns
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


def test_discovery_is_sorted_and_skips_links_outside(tmp_path: Path) -> None:
    root = tmp_path / "mod"
    (root / "b").mkdir(parents=True)
    (root / "b" / "z.yaml").write_text("cards: []\n")
    (root / "a.yaml").write_text("cards: []\n")
    (root / "c.yml").write_text("cards: []\n")
    (root / "notes.txt").write_text("x")
    outside = tmp_path / "secret.yaml"
    outside.write_text("cards: []\n")
    (root / "link.yaml").symlink_to(outside)
    names = [p.relative_to(root.resolve()).as_posix() for p in discover(root)]
    assert names == ["a.yaml", "b/z.yaml", "c.yml"]


def test_fingerprints_ignore_text_but_not_rules(tmp_path: Path) -> None:
    root = copy_mini(tmp_path)
    before = load_content([root]).campaigns["mini"].cards["mini.letter"].fingerprint
    path = root / "cards.yaml"
    path.write_text(path.read_text().replace('text: "A letter arrives."', 'text: "A different letter arrives."'))
    assert load_content([root]).campaigns["mini"].cards["mini.letter"].fingerprint == before
    path.write_text(path.read_text().replace("base: 0.5\n", "base: 0.6\n", 1))
    assert load_content([root]).campaigns["mini"].cards["mini.letter"].fingerprint != before
