"""The installed mods as a frontend shows them: a small typed API over the user mod folder.

A title screen (through ``GameSession``) and ``divergence mods`` both need the same three
things: the mods installed, with their place in the load order and why any of them will not
load; and a way to enable or disable one. The rules (manifests, dependencies, order) stay in
:mod:`game.content.mods`; this module only joins them into records a screen can draw, so no
frontend re-implements "which mods load, in what order".

Enabling or disabling writes ``mods.json`` in the user mod folder; it takes effect the next
time content is loaded (a new game, or F5).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from game import __version__
from game.content import files as files_mod
from game.content import mods as mods_mod
from game.content.diagnostics import Diagnostic


class UnknownMod(ValueError):
    """No installed mod has the id asked for (the message lists the ids that are installed)."""


@attrs.frozen
class InstalledMod:
    """One folder of the user mod folder, as a list of mods shows it.

    ``position`` is the mod's 1-based place in the resolved load order (the base game is 0),
    or None when it does not load (disabled, or refused: see ``errors``). ``errors`` and
    ``warnings`` are complete ``path:line:col: ...`` lines, ready to print.
    """

    id: str
    name: str
    version: str
    root: Path
    enabled: bool
    position: int | None
    description: str = ""
    origin: str = "user"  # user: in the user mod folder (can be enabled/disabled) | given: a --mod folder
    has_manifest: bool = True
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def loads(self) -> bool:
        """True when the mod is enabled and in the load order."""
        return self.position is not None


def _under(diag: Diagnostic, root: Path) -> bool:
    """True when the diagnostic names a file in (or the folder of) the mod at ``root``."""
    shown = files_mod.display(root)
    return diag.path == shown or diag.path.startswith(shown.rstrip(os.sep) + os.sep)


def list_installed(
    folder: Path | None = None,
    extra: Iterable[Diagnostic] = (),
    game_version: str = __version__,
    given: Sequence[Path] = (),
) -> list[InstalledMod]:
    """The ``given`` mod folders (``--mod``: always enabled, they load first and can satisfy
    dependencies), then every mod in the user mod folder (sorted by folder name), each with
    its load position, enabled state and the errors and warnings naming its files.

    ``extra`` adds diagnostics from elsewhere (for example ``Content.diagnostics`` of a load),
    attributed to a mod when they name one of its files; without it only the manifests and the
    order are checked, which is quick enough for a title screen.
    """
    folder = folder or mods_mod.user_mods_dir()
    off = mods_mod.disabled_mods(folder)
    given = list(given)
    user = [r for r in mods_mod.installed(folder) if r not in given]
    roots = [*given, *user]
    manifests = {root: mods_mod.read_manifest(root)[0] for root in roots}
    enabled_roots = [*given, *(r for r in user if (m := manifests[r]) is None or m.id not in off)]
    resolution = mods_mod.resolve(enabled_roots, game_version)
    position = {m.root: i for i, m in enumerate(resolution.order, start=1)}
    diagnostics = [*resolution.diagnostics, *extra]
    out = []
    for root in roots:
        manifest = manifests[root]
        # a disabled mod is not resolved, so only its manifest's own messages are shown
        mine = [d for d in diagnostics if _under(d, root)] if root in enabled_roots else mods_mod.read_manifest(root)[1]
        out.append(
            InstalledMod(
                id=manifest.id if manifest else root.name,
                name=manifest.name if manifest else root.name,
                version=manifest.version if manifest else "?",
                root=root,
                enabled=root in given or manifest is None or manifest.id not in off,
                position=position.get(root),
                description=manifest.description if manifest else "",
                has_manifest=manifest.has_manifest if manifest else True,
                errors=tuple(str(d) for d in mine if d.is_error),
                warnings=tuple(str(d) for d in mine if not d.is_error),
                origin="given" if root in given else "user",
            )
        )
    return out


def _ids(folder: Path) -> dict[str, Path]:
    ids = {}
    for root in mods_mod.installed(folder):
        manifest, _ = mods_mod.read_manifest(root)
        if manifest is not None:
            ids[manifest.id] = root
    return ids


def set_enabled(mod_id: str, enabled: bool, folder: Path | None = None) -> InstalledMod:
    """Enable or disable the installed mod ``mod_id``; returns its new record.

    Raises :class:`UnknownMod` when no installed mod has that id (the message names the
    installed ones and the folder), so a frontend can show it as it is.
    """
    folder = folder or mods_mod.user_mods_dir()
    ids = _ids(folder)
    if mod_id not in ids:
        known = ", ".join(sorted(ids)) or "none"
        raise UnknownMod(f"no installed mod has the id {mod_id!r} (installed: {known}; folder: {folder})")
    mods_mod.set_enabled(mod_id, enabled, folder)
    return next(m for m in list_installed(folder) if m.root == ids[mod_id])


def enable(mod_id: str, folder: Path | None = None) -> InstalledMod:
    """Enable an installed mod (it loads from the next content load on)."""
    return set_enabled(mod_id, True, folder)


def disable(mod_id: str, folder: Path | None = None) -> InstalledMod:
    """Disable an installed mod (it is skipped from the next content load on)."""
    return set_enabled(mod_id, False, folder)


__all__ = ["InstalledMod", "UnknownMod", "disable", "enable", "list_installed", "set_enabled"]
