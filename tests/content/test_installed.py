"""The typed API a title screen uses to list, enable and disable installed mods (issue 11 item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content import installed


def make(folder: Path, name: str, manifest: str | None) -> Path:
    root = folder / name
    root.mkdir(parents=True)
    if manifest is not None:
        (root / "mod.yaml").write_text(manifest)
    (root / "cards.yaml").write_text("characters: []\n")
    return root


def manifest(mid: str, extra: str = "") -> str:
    return f'id: {mid}\nname: "The {mid} mod"\nversion: "1.0.0"\n{extra}'


def test_lists_every_installed_mod_with_order_state_and_errors(tmp_path: Path) -> None:
    make(tmp_path, "a_dep", manifest("zeta", 'requires: {alpha: ">=1"}\n'))
    make(tmp_path, "b", manifest("alpha"))
    make(tmp_path, "c_broken", "id: [not, an, id]\n")
    make(tmp_path, "d_bare", None)
    make(tmp_path, "e_lonely", manifest("lonely", 'requires: {nowhere: ""}\n'))
    mods = {m.root.name: m for m in installed.list_installed(tmp_path)}
    assert sorted(mods) == ["a_dep", "b", "c_broken", "d_bare", "e_lonely"]
    # dependencies first, then the folder order
    assert (mods["b"].position, mods["a_dep"].position, mods["d_bare"].position) == (1, 2, 3)
    assert mods["a_dep"].id == "zeta" and mods["b"].name == "The alpha mod" and mods["b"].loads
    assert mods["c_broken"].position is None and not mods["c_broken"].loads
    assert any("c_broken/mod.yaml" in e and "error" in e for e in mods["c_broken"].errors), mods["c_broken"]
    assert mods["e_lonely"].position is None
    assert any("mod 'lonely' is not loaded: it needs the mod 'nowhere'" in e for e in mods["e_lonely"].errors)
    assert not mods["d_bare"].has_manifest and any("no mod.yaml" in w for w in mods["d_bare"].warnings)
    assert mods["b"].errors == () and mods["b"].warnings == ()
    assert all(m.enabled for m in mods.values())


def test_enable_and_disable_change_the_order_and_persist(tmp_path: Path) -> None:
    make(tmp_path, "one", manifest("one"))
    make(tmp_path, "two", manifest("two"))
    record = installed.disable("one", tmp_path)
    assert (record.id, record.enabled, record.position) == ("one", False, None)
    mods = {m.id: m for m in installed.list_installed(tmp_path)}
    assert mods["two"].position == 1 and not mods["one"].enabled
    assert (tmp_path / "mods.json").is_file()
    record = installed.enable("one", tmp_path)
    assert (record.enabled, record.position) == (True, 1)
    assert {m.id: m.position for m in installed.list_installed(tmp_path)} == {"one": 1, "two": 2}


def test_a_disabled_dependency_leaves_its_dependant_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIVERGENCE_MODS_DIR", str(tmp_path))
    make(tmp_path, "base_mod", manifest("base_mod"))
    make(tmp_path, "child", manifest("child", 'requires: {base_mod: ""}\n'))
    installed.disable("base_mod", tmp_path)
    mods = {m.id: m for m in installed.list_installed(tmp_path)}
    assert mods["child"].enabled and mods["child"].position is None
    assert any("needs the mod 'base_mod' (any version), which is disabled" in e for e in mods["child"].errors)


def test_unknown_ids_are_a_clear_error_naming_the_installed_ones(tmp_path: Path) -> None:
    make(tmp_path, "one", manifest("one"))
    with pytest.raises(installed.UnknownMod, match=r"'nope' \(installed: one; folder: "):
        installed.enable("nope", tmp_path)
    assert not (tmp_path / "mods.json").exists()


def test_extra_diagnostics_are_given_to_the_mod_whose_file_they_name(tmp_path: Path) -> None:
    from game.content.diagnostics import Diagnostic
    from game.content.files import display

    root = make(tmp_path, "one", manifest("one"))
    other = make(tmp_path, "one_more", manifest("one_more"))
    extra = [Diagnostic(display(root / "cards.yaml"), 3, 4, "error", "boom")]
    mods = {m.id: m for m in installed.list_installed(tmp_path, extra=extra)}
    assert mods["one"].errors == (f"{display(root / 'cards.yaml')}:3:4: error: boom",)
    assert mods["one_more"].errors == () and other.is_dir()


def test_an_empty_or_missing_folder_lists_nothing(tmp_path: Path) -> None:
    assert installed.list_installed(tmp_path / "absent") == []


def test_given_folders_come_first_and_satisfy_dependencies(tmp_path: Path) -> None:
    user = tmp_path / "user"
    make(user, "child", manifest("child", 'requires: {lib: ">=1"}\n'))
    lib = make(tmp_path / "elsewhere", "lib", manifest("lib"))
    mods = {m.id: m for m in installed.list_installed(user, given=[lib])}
    assert (mods["lib"].origin, mods["lib"].position, mods["lib"].enabled) == ("given", 1, True)
    assert (mods["child"].origin, mods["child"].position) == ("user", 2)
    without = {m.id: m for m in installed.list_installed(user)}
    assert without["child"].position is None and "lib" not in without
