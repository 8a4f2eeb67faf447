"""Mods as folders with manifests; their order; what cannot load is named (issue 11 items 1, 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import cli
from game.cli import wiring
from game.content import mods


def make(tmp_path: Path, folder: str, manifest: str | None) -> Path:
    root = tmp_path / folder
    root.mkdir()
    if manifest is not None:
        (root / "mod.yaml").write_text(manifest)
    (root / "cards.yaml").write_text("characters: []\n")
    return root


def manifest(mid: str, version: str = "1.0.0", extra: str = "") -> str:
    return f'id: {mid}\nname: "{mid}"\nversion: "{version}"\n{extra}'


def messages(resolution: mods.Resolution) -> list[str]:
    return [str(d) for d in resolution.diagnostics]


def test_identity_is_the_manifest_id_and_dependencies_load_first(tmp_path: Path) -> None:
    a = make(tmp_path, "folder_a", manifest("alpha", extra='requires: {beta: ">=1.0"}\n'))
    b = make(tmp_path, "folder_b", manifest("beta", "1.2.0"))
    c = make(tmp_path, "folder_c", manifest("gamma", extra="load_after: [alpha, missing]\n"))
    res = mods.resolve([c, a, b])
    assert [m.id for m in res.order] == ["beta", "alpha", "gamma"]
    assert res.refused == {}


def test_no_manifest_loads_with_a_warning_suggesting_one(tmp_path: Path) -> None:
    root = make(tmp_path, "My-Mod", None)
    res = mods.resolve([root])
    assert [m.id for m in res.order] == ["my_mod"]
    (warning,) = messages(res)
    assert "warning" in warning and "no mod.yaml" in warning and "id: my_mod" in warning


def test_cycles_missing_and_too_new_are_errors_naming_the_mod_and_the_rest_load(tmp_path: Path) -> None:
    roots = [
        make(tmp_path, "a", manifest("a", extra='requires: {b: ""}\n')),
        make(tmp_path, "b", manifest("b", extra='requires: {a: ""}\n')),
        make(tmp_path, "c", manifest("c", extra='requires: {nowhere: ">=1"}\n')),
        make(tmp_path, "d", manifest("d", extra='requires: {e: ">=2.0"}\n')),
        make(tmp_path, "e", manifest("e", "1.5")),
        make(tmp_path, "f", manifest("f", extra='game: ">=99"\n')),
        make(tmp_path, "g", manifest("g", extra='requires: {f: ""}\n')),
        make(tmp_path, "ok", manifest("ok")),
    ]
    res = mods.resolve(roots, game_version="0.1.0")
    assert [m.id for m in res.order] == ["e", "ok"]
    text = "\n".join(messages(res))
    assert "mod 'a' is not loaded: its dependencies form a cycle (a -> b -> a)" in text
    assert "mod 'c' is not loaded: it needs the mod 'nowhere' (>=1), which is not installed" in text
    assert "mod 'd' is not loaded: it needs 'e' >=2.0, and version 1.5 is installed" in text
    assert "mod 'f' is not loaded: it needs the game at >=99, and this is 0.1.0" in text
    assert "mod 'g' is not loaded: it needs the mod 'f'" in text


def test_a_manifest_with_a_python_tag_is_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    root = make(tmp_path, "evil", f"!!python/object/apply:os.system ['touch {marker}']\n")
    res = mods.resolve([root, make(tmp_path, "fine", manifest("fine"))])
    assert [m.id for m in res.order] == ["fine"]
    assert any("evil/mod.yaml:1:1: error: YAML tag" in m for m in messages(res)), messages(res)
    assert not marker.exists()


def test_two_folders_with_one_id_and_one_folder_twice(tmp_path: Path) -> None:
    a = make(tmp_path, "a", manifest("same"))
    b = make(tmp_path, "b", manifest("same"))
    res = mods.resolve([a, a, b])
    assert [m.root for m in res.order] == [a]
    text = "\n".join(messages(res))
    assert "given twice" in text and "its id 'same' is already used by" in text


def test_enable_disable_and_the_user_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(mods.MODS_ENV, str(tmp_path / "user"))
    monkeypatch.delenv("DIVERGENCE_NO_USER_MODS", raising=False)
    assert cli.main(["new-mod", "Sergo Lives"]) == 0
    root = tmp_path / "user" / "sergo_lives"
    assert [s.id for s in wiring.mod_sources([])] == ["sergo_lives"]
    assert cli.main(["mods", "disable", "sergo_lives"]) == 0
    assert wiring.mod_sources([]) == []
    assert cli.main(["mods", "enable", "sergo_lives"]) == 0
    assert [s.root for s in wiring.mod_sources([])] == [root]
    assert cli.main(["validate", "--strict", str(root)]) == 0  # the scaffold is a working mod


def test_saves_record_mod_versions_in_order_and_loading_says_what_changed(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from game.content.loader import Source, load_content
    from game.persist.document import ContentStamp
    from game.persist.recorder import content_stamp
    from game.persist.replay import mod_changes

    a = make(tmp_path, "a", manifest("a", "1.0"))
    b = make(tmp_path, "b", manifest("b", "1.0"))
    mini = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
    then = load_content([mini], mods=[Source("a", a, "1.0"), Source("b", b, "1.0")])
    stamp = content_stamp(then, then.campaigns["mini"])
    assert [(m.id, m.version) for m in stamp.mods] == [("base", ""), ("a", "1.0"), ("b", "1.0")]
    save = SimpleNamespace(content=ContentStamp(stamp.mods, stamp.cards))
    assert mod_changes(then, save) == []  # type: ignore[arg-type]
    (b / "cards.yaml").write_text("characters: []\n# edited\n")
    now = load_content([mini], mods=[Source("b", b, "1.0"), Source("a", a, "2.0")])
    notes = mod_changes(now, save)  # type: ignore[arg-type]
    assert "mod a was 1.0 when this game was saved and is 2.0 now" in notes
    assert "mod b's files have changed since this game was saved" in notes
    assert any("another order" in n for n in notes)
