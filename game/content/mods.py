"""Mods as folders with a manifest, and the order they load in.

A mod is a folder of YAML content with a ``mod.yaml`` manifest::

    id: ordzhonikidze            # the mod's identity (not its folder's name)
    name: "Sergo Lives"
    version: "1.0.0"
    game: ">=0.1"                # the game versions it supports (a PEP 440 specifier)
    requires: {other_mod: ">=1.2"}
    load_after: [some_mod]       # only if present

``resolve`` turns the folders given (``--mod``, then the user mod folder) into a load order:
dependencies first, otherwise the order given. A mod whose manifest is broken, whose
dependency is missing or too old, that needs a newer game, or that sits in a dependency cycle
is left out with an error naming it; the game starts with the others. A folder without a
manifest still loads, named after its folder, with a warning that suggests one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from game import __version__, paths
from game.content import files as files_mod
from game.content.diagnostics import Diagnostic
from game.content.validate import Checker
from game.content.yamlsafe import YamlError
from game.content.yamlsafe import load as load_yaml
from game.core import spec as t

MANIFEST_NAME = files_mod.MANIFEST
MODS_ENV = paths.MODS_ENV
MANIFEST_CAP = 64 * 1024

_ID = t.Str(pattern=r"^[a-z][a-z0-9_]*$", hint="an id (lower-case letters, digits, _)")
_SPEC = t.Str(hint="a version specifier such as >=1.0 or >=0.1,<0.3")
MANIFEST = t.Record(
    "manifest",
    {
        "id": t.Field(_ID, required=True, doc="the mod's identity, recorded in saves (not the folder's name)"),
        "name": t.Field(t.Text(), required=True, doc="the mod's name as players read it"),
        "version": t.Field(t.Str(hint="a version such as 1.0.0"), required=True, doc="the mod's version"),
        "game": t.Field(_SPEC, doc="the game versions the mod supports, e.g. >=0.1"),
        "requires": t.Field(t.MapOf(_ID, _SPEC), doc="mods it needs, with the versions it works with"),
        "load_after": t.Field(t.ListOf(_ID), doc="mods to load before this one when they are present"),
        "description": t.Field(t.Text(), doc="a line or two for `divergence mods`"),
        "author": t.Field(t.Text(), doc="who wrote it"),
    },
    doc="mod.yaml: a mod's identity, version and dependencies.",
)


@attrs.frozen
class Manifest:
    """A mod's identity and needs, read from its ``mod.yaml`` (or made up for a folder without one)."""

    id: str
    name: str
    version: str
    root: Path
    game: str = ""
    requires: tuple[tuple[str, str], ...] = ()
    load_after: tuple[str, ...] = ()
    description: str = ""
    has_manifest: bool = True


@attrs.define
class Resolution:
    """The mods in load order, what was left out and why, and every message about it."""

    order: list[Manifest]
    refused: dict[str, str]  # mod id (or folder) -> why it is not loaded
    diagnostics: list[Diagnostic]


def _folder_id(root: Path) -> str:
    name = "".join(c if c.isalnum() else "_" for c in root.resolve().name.lower()).strip("_") or "mod"
    return name if name[0].isalpha() else f"mod_{name}"


def read_manifest(root: Path) -> tuple[Manifest | None, list[Diagnostic]]:
    """The manifest of a mod folder; None (with errors) when it is broken."""
    path = root / MANIFEST_NAME
    shown = files_mod.display(path)
    if not os.path.lexists(path):
        mid = _folder_id(root)
        warning = Diagnostic(
            files_mod.display(root),
            1,
            1,
            "warning",
            f"this mod has no {MANIFEST_NAME}; it loads as '{mid}' (its folder's name). Add a manifest so saves "
            f'and other mods can name it: id: {mid}, name: "...", version: "1.0.0" (`divergence new-mod` writes one)',
        )
        return Manifest(mid, root.name, "0", root, has_manifest=False), [warning]
    if path.is_symlink():
        return None, [Diagnostic(shown, 1, 1, "error", "the manifest is a symbolic link; it must be a regular file")]
    try:
        doc = load_yaml(files_mod.read_regular(path, MANIFEST_CAP), max_bytes=MANIFEST_CAP)
    except files_mod.UnreadableFile as exc:
        return None, [Diagnostic(shown, 1, 1, "error", str(exc))]
    except YamlError as exc:
        return None, [Diagnostic(shown, exc.line, exc.column, "error", exc.message)]
    checker = Checker(shown)
    if not checker.check(doc, MANIFEST, getattr(doc, "mark", (1, 1)), ""):
        return None, checker.diagnostics
    try:
        Version(doc["version"])
    except InvalidVersion:
        checker.error(doc.value_marks["version"], f"{doc['version']!r} is not a version such as 1.0.0", "version")
    for key, spec in [("game", doc.get("game")), *((f"requires.{k}", v) for k, v in doc.get("requires", {}).items())]:
        if spec is None:
            continue
        try:
            SpecifierSet(spec)
        except InvalidSpecifier:
            checker.error(
                getattr(doc, "mark", (1, 1)), f"{spec!r} is not a version specifier such as >=1.0 [{key}]", key
            )
    if checker.error_count:
        return None, checker.diagnostics
    return (
        Manifest(
            doc["id"],
            doc["name"],
            doc["version"],
            root,
            doc.get("game", ""),
            tuple(sorted(doc.get("requires", {}).items())),
            tuple(doc.get("load_after", ())),
            doc.get("description", ""),
        ),
        checker.diagnostics,
    )


def _ok(version: str, spec: str) -> bool:
    try:
        return not spec or Version(version) in SpecifierSet(spec, prereleases=True)
    except (InvalidVersion, InvalidSpecifier):
        return False


def resolve(roots: Sequence[Path], game_version: str = __version__) -> Resolution:
    """Read each folder's manifest and order the mods; leave out, with a message, what cannot load."""
    diagnostics: list[Diagnostic] = []
    refused: dict[str, str] = {}
    found: dict[str, Manifest] = {}
    seen_roots: dict[Path, str] = {}
    for root in roots:
        real = root.resolve()
        if real in seen_roots:
            diagnostics.append(
                Diagnostic(
                    files_mod.display(root),
                    1,
                    1,
                    "warning",
                    f"this folder is given twice (as mod '{seen_roots[real]}'); it loads once",
                )
            )
            continue
        manifest, diags = read_manifest(root)
        diagnostics.extend(diags)
        if manifest is None:
            refused[files_mod.display(root)] = "its manifest has errors"
            continue
        seen_roots[real] = manifest.id
        if manifest.id in found or manifest.id == "base":
            other = found[manifest.id].root if manifest.id in found else "the base game"
            _refuse(diagnostics, refused, manifest, f"its id '{manifest.id}' is already used by {other}")
            continue
        if manifest.game and not _ok(game_version, manifest.game):
            _refuse(diagnostics, refused, manifest, f"it needs the game at {manifest.game}, and this is {game_version}")
            continue
        found[manifest.id] = manifest
    off = disabled_mods() if any(m.requires for m in found.values()) else set()
    changed = True
    while changed:  # a mod whose dependency is left out is left out too
        changed = False
        for mid, manifest in list(found.items()):
            for dep, spec in manifest.requires:
                have = found.get(dep)
                why = ""
                if have is None:
                    if dep in refused:
                        state = f", which is not loaded: {refused[dep]}"
                    elif dep in off:
                        state = f", which is disabled (`divergence mods enable {dep}`, or the title screen's Mods)"
                    else:
                        state = ", which is not installed"
                    why = f"it needs the mod '{dep}' ({spec or 'any version'}){state}"
                elif not _ok(have.version, spec):
                    why = f"it needs '{dep}' {spec}, and version {have.version} is installed"
                if why:
                    _refuse(diagnostics, refused, manifest, why)
                    del found[mid]
                    changed = True
                    break
    order = _sort(list(found.values()), diagnostics, refused)
    return Resolution(order, refused, diagnostics)


def _refuse(diagnostics: list[Diagnostic], refused: dict[str, str], manifest: Manifest, why: str) -> None:
    refused[manifest.id] = why
    where = manifest.root / MANIFEST_NAME if manifest.has_manifest else manifest.root
    diagnostics.append(Diagnostic(files_mod.display(where), 1, 1, "error", f"mod '{manifest.id}' is not loaded: {why}"))


def _sort(mods: list[Manifest], diagnostics: list[Diagnostic], refused: dict[str, str]) -> list[Manifest]:
    """Dependencies (and present load_after mods) first; otherwise the order given. Cycles are refused."""
    position = {m.id: i for i, m in enumerate(mods)}
    before = {m.id: {d for d, _ in m.requires} | {a for a in m.load_after if a in position} for m in mods}
    order: list[Manifest] = []
    placed: set[str] = set()
    remaining = list(mods)
    while remaining:
        ready = [m for m in remaining if before[m.id] <= placed]
        if not ready:
            cycle = _cycle(before, {m.id for m in remaining})
            for m in remaining:
                why = (
                    f"its dependencies form a cycle ({' -> '.join(cycle)})"
                    if m.id in cycle
                    else "it depends on a mod in a dependency cycle"
                )
                _refuse(diagnostics, refused, m, why)
            break
        first = min(ready, key=lambda m: position[m.id])
        order.append(first)
        placed.add(first.id)
        remaining.remove(first)
    return order


def _cycle(before: dict[str, set[str]], left: set[str]) -> list[str]:
    start = min(left)
    path, node = [start], start
    while True:
        node = min(d for d in before[node] if d in left)
        if node in path:
            return [*path[path.index(node) :], node]
        path.append(node)


# --- the user's mod folder -------------------------------------------------------------------


def user_mods_dir() -> Path:
    """Where installed mods live: $DIVERGENCE_MODS_DIR, else the platform's user data folder."""
    return paths.user_mods_dir()


def _settings_path(folder: Path) -> Path:
    return folder / "mods.json"


def disabled_mods(folder: Path | None = None) -> set[str]:
    """The ids disabled in the user mod folder (``mods.json``); a damaged file disables nothing."""
    path = _settings_path(folder or user_mods_dir())
    try:
        data: Any = json.loads(files_mod.read_regular(path, 64 * 1024).decode("utf-8"))
    except (files_mod.UnreadableFile, UnicodeDecodeError, ValueError, RecursionError):
        return set()
    items = data.get("disabled", []) if isinstance(data, dict) else []
    return {i for i in items if isinstance(i, str)}


def set_enabled(mod_id: str, enabled: bool, folder: Path | None = None) -> None:
    """Enable or disable an installed mod (by its manifest id), written atomically to mods.json."""
    folder = folder or user_mods_dir()
    folder.mkdir(parents=True, exist_ok=True)
    disabled = disabled_mods(folder)
    (disabled.discard if enabled else disabled.add)(mod_id)
    path = _settings_path(folder)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps({"disabled": sorted(disabled)}, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def installed(folder: Path | None = None) -> list[Path]:
    """The mod folders in the user mod folder, sorted by name (links and files are not mods)."""
    folder = folder or user_mods_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))


def user_mod_roots(folder: Path | None = None) -> list[Path]:
    """The enabled installed mods' folders."""
    off = disabled_mods(folder)
    out = []
    for root in installed(folder):
        manifest, _ = read_manifest(root)
        if manifest is not None and manifest.id in off:
            continue
        out.append(root)
    return out
