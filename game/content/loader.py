"""Content folders -> validated, compiled campaigns.

Reads every YAML file of the base content and of each mod (in load order), checks each file
against the schema, then checks references across files, then compiles the campaigns. A
broken card or file is reported and left out; the rest of the content still loads, so one
bad file never makes the game unplayable.
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, cast

import attrs

from game.content import fastcheck, fastyaml, lint, loadcache, schema, yamlsafe
from game.content import files as files_mod
from game.content import patches as patches_mod
from game.content.cache import ContentCache, code_fingerprint, default_cache
from game.content.diagnostics import Diagnostic, did_you_mean
from game.content.validate import Checker, Reference, mark_of
from game.content.yamlsafe import MAX_FILE_BYTES, YamlError, load_document
from game.core import spec as t
from game.core.compile import compile_campaign, compile_character
from game.core.model import Campaign, Character, Origin
from game.core.ops import describe_window
from game.data import content_dir as shipped_content_dir

CONTENT_ENV = "DIVERGENCE_CONTENT"
YAML_SUFFIXES = files_mod.YAML_SUFFIXES
MAX_FILES = files_mod.DEFAULT_BUDGET.files


class _Default:
    """The marker of "the default cache" (None already means "no cache")."""


DEFAULT = _Default()


def default_content_dir() -> Path:
    """The shipped content folder (package data ``game.data.content``, or $DIVERGENCE_CONTENT)."""
    env = os.environ.get(CONTENT_ENV)
    if env:
        return Path(env)
    return shipped_content_dir()


@attrs.frozen
class Source:
    """A folder of content: the base game or a mod."""

    id: str
    root: Path
    version: str = ""


@attrs.frozen
class Work:
    """An entry of the bibliography."""

    id: str
    author: str
    title: str
    year: int | None = None
    note: str = ""
    short: str = ""  # how a note cites it in a few words


@attrs.define
class Content:
    """Everything loaded: compiled campaigns, characters, fingerprints and diagnostics."""

    campaigns: dict[str, Campaign]
    characters: dict[str, Character]
    diagnostics: list[Diagnostic]
    files: dict[str, str]  # display path -> sha256 of the bytes
    sources: list[Source]
    source_hashes: dict[str, str]  # source id -> hash of its files
    broken_campaigns: dict[str, str] = attrs.Factory(dict)  # campaign id -> why it did not load
    changes: dict[str, list[patches_mod.Change]] = attrs.Factory(dict)  # card/campaign id -> what mods changed
    ids: dict[str, list[str]] = attrs.Factory(dict)  # kind (meter, flag, card, ...) -> every id defined
    works: dict[str, Work] = attrs.Factory(dict)  # the bibliography
    # source tag -> its works as (citation, short citation)
    citations: dict[str, tuple[tuple[str, str], ...]] = attrs.Factory(dict)
    left_out: list[tuple[str, str]] = attrs.Factory(list)  # (kind, id) of each definition left out for errors

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that are errors."""
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The diagnostics that are warnings."""
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def notes(self) -> list[Diagnostic]:
        """The diagnostics that are notes (worth knowing, never a reason to fail)."""
        return [d for d in self.diagnostics if d.severity == "note"]


@attrs.define
class _Unit:
    """A definition found in a file, with where it is and whether it is sound."""

    kind: str  # campaign | card | character
    id: str
    data: Any
    origin: Origin
    ok: bool = True

    @property
    def key(self) -> str:
        """Unique among the units of a load (two definitions of one id have different keys)."""
        return unit_key(self.kind, self.id, self.origin)


def unit_key(kind: str, uid: str, origin: Origin) -> str:
    """The key a unit's references carry, so an error in one definition spoils only that one."""
    return f"{kind}:{uid}@{origin.path}:{origin.line}:{origin.column}"


def discover(root: Path) -> list[Path]:
    """YAML files under a folder, sorted by relative path (never file-system order).

    Symbolic links that lead outside the folder, named pipes, devices and sockets are left
    out (``files.scan`` says why, and ``load_content`` reports it).
    """
    return files_mod.scan(root).files


def _display(path: Path) -> str:
    return files_mod.display(path)


def load_content(
    paths: Sequence[Path] | None = None,
    mods: Sequence[Source] = (),
    max_bytes: int = MAX_FILE_BYTES,
    budget: files_mod.Budget = files_mod.DEFAULT_BUDGET,
    cache: ContentCache | _Default | None = DEFAULT,
    fast: bool = True,
) -> Content:
    """Load the base content (or the given files/folders) and the mods, in order.

    Each mod has a ``budget`` of files, bytes and cards; a mod past it is left out whole, with
    an error naming it, never cut short without a word. Each file's reading and checking is
    taken from ``cache`` when its entry is there (by default the user's content cache, unless
    bypassed; None reads every file), which never changes what loads.

    The cyclic garbage collector is paused while loading: the load builds millions of small
    acyclic objects that all stay alive, and each collection would walk them all again (a
    third of the time of a large load); the collector's state is restored afterwards.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        store = default_cache() if isinstance(cache, _Default) else cache
        return _load(paths, mods, max_bytes, budget, store, fast)
    finally:
        if paused:
            gc.enable()


def _load(
    paths: Sequence[Path] | None,
    mods: Sequence[Source],
    max_bytes: int,
    budget: files_mod.Budget,
    store: ContentCache | None,
    fast: bool = True,
) -> Content:
    base = [Source("base", default_content_dir())] if paths is None else []
    sources = [*base, *mods] if paths is None else [*(Source("base", p) for p in paths), *mods]
    units: list[_Unit] = []
    diagnostics: list[Diagnostic] = []
    references: list[Reference] = []
    files: dict[str, str] = {}
    source_hashes: dict[str, str] = {}
    plan: list[tuple[Source, Path]] = []
    for source in [*base, *(Source("base", p) for p in paths or ()), *mods]:
        if not source.root.is_dir():
            plan.append((source, source.root))
            continue
        found_files = files_mod.scan(source.root, _budget_of(source, budget))
        diagnostics.extend(found_files.problems)
        plan.extend((source, path) for path in found_files.files)
    index = loadcache.FileIndex(store.folder) if store is not None else None
    reads = _read_all(plan, max_bytes, budget, index)
    starts = loadcache.StartCache(store.folder) if store is not None else None
    start_key = ""
    if starts is not None:
        start_key = starts.key(
            [
                loadcache.FORMAT,
                code_fingerprint(),
                max_bytes,
                attrs.astuple(budget),
                [(s.id, s.version) for s in sources],
                [str(d) for d in diagnostics],
                [(r.source.id, r.shown, r.digest, r.error) for r in reads],
            ]
        )
        payload = starts.get(start_key)
        if payload is not None:
            try:
                content = _from_start(payload, sources)
            except Exception:
                content = None
            if content is not None:
                if index is not None:
                    index.save()
                return content
    per_source: dict[str, list[str]] = {}
    source_units: dict[str, list[_Unit]] = {}
    source_paths: dict[str, set[str]] = {}
    roots = {source.id: source.root for source, _ in reversed(plan)}
    refused: set[str] = set()
    stale = False  # a file changed between its hash and its read: the start is not kept
    for r in reads:
        source, shown = r.source, r.shown
        if r.error is _OVER_BUDGET:
            diagnostics.append(
                Diagnostic(
                    _display(source.root),
                    1,
                    1,
                    "error",
                    f"{_source_name(source)} holds more than {budget.bytes:,} bytes of content (the budget of a mod; "
                    f"passed at {shown}); none of it is loaded",
                )
            )
            refused.add(source.id)
            continue
        if r.error is not None:
            diagnostics.append(Diagnostic(shown, 1, 1, "error", r.error))
            continue
        digest, data = r.digest, r.data
        if data is None:  # known by its stat: read now, as the cache did not have the start
            try:
                data = files_mod.read_regular(r.path, max_bytes)
            except files_mod.UnreadableFile as exc:
                diagnostics.append(Diagnostic(shown, 1, 1, "error", str(exc)))
                stale = True
                continue
            digest = hashlib.sha256(data).hexdigest()
            stale = stale or digest != r.digest
        files[shown] = digest
        per_source.setdefault(source.id, []).append(digest)
        source_paths.setdefault(source.id, set()).add(shown)
        found, diags, refs = _read_cached(store, shown, data, digest, source.id, max_bytes, fast)
        source_units.setdefault(source.id, []).extend(found)
        diagnostics.extend(diags)
        references.extend(refs)
    for sid, found in source_units.items():
        cards = sum(1 for u in found if u.kind == "card")
        if sid != "base" and cards > budget.cards and sid not in refused:
            diagnostics.append(
                Diagnostic(
                    _display(roots[sid]),
                    1,
                    1,
                    "error",
                    f"{_source_name_id(sid)} has {cards:,} cards, more than the budget of {budget.cards:,}; "
                    "none of them is loaded",
                )
            )
            refused.add(sid)
    for sid, found in source_units.items():
        if sid in refused:
            continue
        units.extend(found)
    if refused:
        gone = {path for sid in refused for path in source_paths.get(sid, ())}
        references = [r for r in references if r.path not in gone]
    for sid, digests in per_source.items():
        source_hashes[sid] = hashlib.sha256("".join(digests).encode()).hexdigest()[:16]
    kept: list[Any] = []
    content = link(sources, units, diagnostics, references, files, source_hashes, kept)
    if starts is not None and not stale and kept:
        starts.put(start_key, _start_payload(content, *kept))
    if index is not None:
        index.save()
    return content


class _OverBudget(str):
    """The marker of the file at which a mod passed its byte budget."""


_OVER_BUDGET = _OverBudget("over the byte budget")


@attrs.define
class _Read:
    """One file of a load: its hash and bytes (None when its hash came from the file index),
    or why it was not read."""

    source: Source
    path: Path
    shown: str
    digest: str = ""
    data: bytes | None = None
    error: str | None = None


def _read_all(plan: Sequence[tuple[Source, Path]], max_bytes: int, budget: files_mod.Budget, index: Any) -> list[_Read]:
    """Every file's hash, in load order: from the file index when its stat is as recorded, else
    by reading it. A mod is read up to the file that passes its byte budget (marked), no further."""
    reads: list[_Read] = []
    spent: dict[str, int] = {}
    over: set[str] = set()
    for source, path in plan:
        if source.id in over:
            continue
        shown = _display(path)
        known = index.digest(path) if index is not None else None
        if known is not None:
            digest, size = known
            data = None
        else:
            before = index.stat(path) if index is not None else None
            try:
                data = files_mod.read_regular(path, max_bytes)
            except files_mod.UnreadableFile as exc:
                reads.append(_Read(source, path, shown, error=str(exc)))
                continue
            size = len(data)
            digest = hashlib.sha256(data).hexdigest()
            if index is not None:
                index.record(path, digest, before)
        spent[source.id] = spent.get(source.id, 0) + size
        if spent[source.id] > _budget_of(source, budget).bytes:
            reads.append(_Read(source, path, shown, error=_OVER_BUDGET))
            over.add(source.id)
            continue
        reads.append(_Read(source, path, shown, digest, data))
    return reads


def _read_cached(
    store: ContentCache | None,
    shown: str,
    data: bytes,
    digest: str,
    source_id: str,
    max_bytes: int,
    fast: bool = True,
) -> tuple[list[_Unit], list[Diagnostic], list[Reference]]:
    """``read_file``, or its stored result when the cache has this very file."""
    if store is None:
        return read_file(shown, data, source_id, max_bytes, fast)
    key = store.key(shown, digest, source_id, max_bytes)
    hit = store.get(key)
    if hit is not None:
        rows, diags, refs = hit
        return [_Unit(kind, uid, value, origin, ok) for kind, uid, value, origin, ok in rows], diags, refs
    units, diags, refs = read_file(shown, data, source_id, max_bytes, fast)
    store.put(key, [(u.kind, u.id, u.data, u.origin, u.ok) for u in units], diags, refs)
    return units, diags, refs


_UNLIMITED = files_mod.Budget(files=10**9, bytes=10**15, cards=10**9)


def _budget_of(source: Source, budget: files_mod.Budget) -> files_mod.Budget:
    """Mods have the budget; the base content (and files named to `validate`) has none."""
    return _UNLIMITED if source.id == "base" else budget


def _source_name(source: Source) -> str:
    return _source_name_id(source.id)


def _source_name_id(sid: str) -> str:
    return "the base content" if sid == "base" else f"mod '{sid}'"


def _check(checker: Checker, fast: bool, value: Any, typ: t.Record, field: str, mark: tuple[int, int]) -> bool:
    """``checker.check``; on the fast path the compiled validator first, and the checker only
    when that finds a problem (its references are dropped, so the checker's are the ones kept)."""
    if fast:
        sink = fastcheck.Sink(checker.path, checker.references)
        sink.scope, sink.unit = checker.scope, checker.unit
        kept = len(checker.references)
        if fastcheck.validator(typ)(value, mark, field, None, sink):
            return True
        del checker.references[kept:]
    return checker.check(value, typ, mark, field)


def read_file(
    shown: str, data: bytes, source_id: str = "base", max_bytes: int = MAX_FILE_BYTES, fast: bool = True
) -> tuple[list[_Unit], list[Diagnostic], list[Reference]]:
    """Parse and check one file; return its definitions, diagnostics and references.

    ``fast`` (the default) reads with ``fastyaml`` and validates with ``fastcheck`` where they
    can; either hands over to the reference (``yamlsafe``, ``Checker``) for anything they do
    not handle, so the result is the same with ``fast=False``."""
    doc: Any
    built, doc = fastyaml.compose(data, max_bytes) if fast else (False, None)
    problems: list[YamlError] = []
    if not built:
        try:
            doc, problems = load_document(data, max_bytes=max_bytes)
        except YamlError as exc:
            return [], [Diagnostic(shown, exc.line, exc.column, "error", exc.message)], []
    checker = Checker(shown)
    for problem in problems:
        checker.error((problem.line, problem.column), problem.message)
    lost = _left_out_items(data, problems)
    units: list[_Unit] = []
    if doc is None:
        checker.warning((1, 1), "file is empty")
        return [], checker.diagnostics, []
    if not isinstance(doc, dict):
        checker.error(mark_of(doc), "a content file is a mapping with `campaign`, `cards` or `characters` at the top")
        return [], checker.diagnostics, []
    doc = cast(Any, doc)  # an MDict, with key_marks and value_marks
    for key in doc:
        if key not in schema.CONTENT_FILE.fields:
            checker.error(
                doc.key_marks.get(key, (1, 1)),
                f"unknown top-level key '{key}'{did_you_mean(str(key), schema.CONTENT_FILE.fields)}",
                str(key),
            )
    if "campaign" in doc:
        camp = doc["campaign"]
        cid = camp.get("id", "") if isinstance(camp, dict) else ""
        mark = doc.value_marks["campaign"]
        checker.scope, checker.unit = (
            str(cid),
            unit_key("campaign", str(cid), Origin(shown, mark[0], mark[1], source_id)),
        )
        before = checker.error_count
        if _check(checker, fast, camp, schema.CAMPAIGN, "campaign", mark):
            _check_campaign(checker, camp)
        units.append(
            _Unit("campaign", str(cid), camp, Origin(shown, mark[0], mark[1], source_id), checker.error_count == before)
        )
    for key, unit_schema, kind in (
        ("cards", schema.CARD, "card"),
        ("characters", schema.CHARACTER, "character"),
        ("works", schema.WORK, "work"),
        ("sources", schema.SOURCE, "source"),
    ):
        if key not in doc:
            continue
        items = doc[key]
        gone = lost.get(doc.key_marks.get(key, (0, 0))[0], [])
        if items is None and gone:
            continue  # every item held a syntax error, each reported at its place
        if not isinstance(items, list):
            checker.error(doc.value_marks[key], f"`{key}` must be a list", key)
            continue
        for n, item in enumerate(items):
            mark = items.marks[n] if hasattr(items, "marks") else (1, 1)
            i = n + bisect.bisect_left(gone, mark[0])  # its place in the file as written
            uid = item.get("id", "") if isinstance(item, dict) else ""
            checker.scope = str(item.get("campaign", "")) if isinstance(item, dict) and kind == "card" else ""
            checker.unit = unit_key(kind, str(uid), Origin(shown, mark[0], mark[1], source_id))
            before = checker.error_count
            if _check(checker, fast, item, unit_schema, f"{key}[{i}]", mark) and kind == "card":
                _check_card(checker, item, f"{key}[{i}]")
            units.append(
                _Unit(
                    kind,
                    str(uid),
                    item,
                    Origin(shown, mark[0], mark[1], source_id),
                    checker.error_count == before and bool(uid),
                )
            )
    if "patches" in doc:
        gone = lost.get(doc.key_marks.get("patches", (0, 0))[0], [])
        if doc["patches"] is not None or not gone:
            units.extend(_read_patches(checker, doc, shown, source_id, gone))
    if problems:
        _spoil(units, [p.line for p in problems if p.spoils])
    return units, checker.diagnostics, checker.references


def _read_patches(checker: Checker, doc: Any, shown: str, source_id: str, gone: Sequence[int] = ()) -> list[_Unit]:
    """Check each patch against the schema and each of its values against the type at its path
    (``gone``: the first lines of patches left out for syntax errors, so each index is the
    patch's place in the file)."""
    items = doc["patches"]
    if not isinstance(items, list):
        checker.error(doc.value_marks["patches"], "`patches` must be a list", "patches")
        return []
    found = []
    for n, item in enumerate(items):
        mark = items.marks[n] if hasattr(items, "marks") else (1, 1)
        field = f"patches[{n + bisect.bisect_left(gone, mark[0])}]"
        kind = "card" if isinstance(item, dict) and "card" in item else "campaign"
        target = str(item.get(kind, "")) if isinstance(item, dict) else ""
        origin = Origin(shown, mark[0], mark[1], source_id)
        checker.unit = unit_key("patch", target, origin)
        checker.scope = target.split(".")[0] if kind == "card" else target  # corrected in link
        before = checker.error_count
        if checker.check(item, schema.PATCH, mark, field):
            if "card" in item and "campaign" in item:
                checker.error(mark, "a patch changes one card or one campaign: give `card` or `campaign`", field)
            for action in patches_mod.ACTIONS:
                if action not in item:
                    continue
                entries = item[action]
                paths = list(entries) if action == "remove" else list(entries.items())
                for j, entry in enumerate(paths):
                    path, value = (entry, None) if action == "remove" else entry
                    if action == "remove":
                        pmark = entries.marks[j] if hasattr(entries, "marks") else mark
                    else:
                        pmark = entries.key_marks.get(path, mark)
                    try:
                        typ = patches_mod.value_type(kind, action, path)
                    except patches_mod.PatchError as exc:
                        checker.error(pmark, str(exc), f"{field}.{action}.{path}")
                        continue
                    if action != "remove":
                        vmark = entries.value_marks.get(path, pmark)
                        checker.check(value, typ, vmark, f"{field}.{action}.{path}", entries.raw.get(path))
        found.append(_Unit("patch", target, item, origin, checker.error_count == before and bool(target)))
    return found


def _left_out_items(data: bytes, problems: Sequence[YamlError]) -> dict[int, list[int]]:
    """The list items the reader left out to read past syntax errors, so a field path can
    still name an item by its place in the file: for each top-level key (by its 1-based line),
    the sorted first lines of its items left out.

    ``yamlsafe`` blanks the top-level piece holding each syntax error (returned as a problem
    that spoils nothing) and reads the file again; the pieces are found here the same way,
    from the file as written.
    """
    syntax = [p for p in problems if not p.spoils]
    if not syntax:
        return {}
    text = data.decode("utf-8", "replace").removeprefix("\ufeff")
    lines = text.split("\n")
    pieces = yamlsafe._pieces(lines)
    heads = [i for i, line in enumerate(lines) if yamlsafe._TOP_KEY.match(line)]
    found: dict[int, list[int]] = {}
    for error in syntax:
        piece = yamlsafe._piece_of(pieces, error.opened or error.line) or yamlsafe._piece_of(pieces, error.line)
        if piece is None or not yamlsafe._ITEM.match(lines[piece[0]]):
            continue  # a whole section: no list lost an item
        head = max((h for h in heads if h < piece[0]), default=None)
        if head is not None:
            found.setdefault(head + 1, []).append(piece[0] + 1)
    return {k: sorted(set(v)) for k, v in found.items()}


def _spoil(units: list[_Unit], lines: list[int]) -> None:
    """Mark as broken each unit a problem line falls in (it starts at or before the line and
    the next unit starts after it), so a duplicate key drops only its own card."""
    ordered = sorted(units, key=lambda u: (u.origin.line, u.origin.column))
    for line in lines:
        owner = None
        for unit in ordered:
            if unit.origin.line > line:
                break
            owner = unit
        if owner is not None:
            owner.ok = False


def _check_card(c: Checker, card: Any, field: str) -> None:
    mark = mark_of(card)
    if card["kind"] == "world":
        if "options" in card:
            c.error(
                card.key_marks["options"],
                "world cards fire by themselves and have no options; put effects and outcomes on the card",
                f"{field}.options",
            )
    else:
        if "options" not in card:
            c.error(mark, f"{card['kind']} cards need options", f"{field}.options")
        for key in ("effects", "outcomes"):
            if key in card:
                c.error(
                    card.key_marks[key],
                    f"`{key}` on the card is for world cards; put it on an option",
                    f"{field}.{key}",
                )
    seen: dict[str, tuple[int, int]] = {}
    historical = 0
    for i, opt in enumerate(card.get("options", ())):
        omark = card["options"].marks[i]
        if opt["id"] in seen:
            c.error(
                omark,
                f"option id '{opt['id']}' is used twice on this card (first at line {seen[opt['id']][0]})",
                f"{field}.options[{i}].id",
            )
        seen[opt["id"]] = omark
        historical += bool(opt.get("historical"))
        _check_outcomes(c, opt.get("outcomes"), f"{field}.options[{i}].outcomes")
    if historical > 1:
        c.error(mark, "more than one option is marked historical: true", f"{field}.options")
    _check_outcomes(c, card.get("outcomes"), f"{field}.outcomes")
    _check_weight(c, card.get("weight"), mark_of(card), f"{field}.weight")


def _check_weight(c: Checker, weight: Any, mark: tuple[int, int], field: str) -> None:
    if isinstance(weight, dict):
        for j, m in enumerate(weight.get("modifiers", ())):
            if "add" in m and abs(m["add"]) > 1000:
                c.error(mark_of(m, mark), "weight modifier add is out of range", f"{field}.modifiers[{j}].add")


def _check_outcomes(c: Checker, outcomes: Any, field: str) -> None:
    if not outcomes:
        return
    for i, out in enumerate(outcomes):
        omark = outcomes.marks[i]
        last = i == len(outcomes) - 1
        if out.get("otherwise") and "chance" in out:
            c.error(omark, "an outcome has either a chance or otherwise: true, not both", f"{field}[{i}]")
        if out.get("otherwise") is False:
            c.error(omark, "otherwise: false means nothing; leave it out and give a chance", f"{field}[{i}].otherwise")
        if out.get("otherwise") and not last:
            c.error(omark, "the otherwise branch must be the last outcome", f"{field}[{i}]")
        chance = out.get("chance")
        if isinstance(chance, dict):
            if not str(chance.get("source", "")).strip():
                c.warning(
                    mark_of(chance, omark),
                    "this chance has no source: name the historical claim it follows",
                    f"{field}[{i}].chance.source",
                )
            for j, m in enumerate(chance.get("modifiers", ())):
                if "add" in m and not -1 <= m["add"] <= 1:
                    c.error(
                        mark_of(m, omark),
                        f"a chance modifier adds {m['add']}; keep it within [-1, 1]",
                        f"{field}[{i}].chance.modifiers[{j}].add",
                    )


def _check_campaign(c: Checker, camp: Any) -> None:
    from game.core.dates import parse_month

    eras = camp["eras"]
    prev_end = None
    for i, era in enumerate(eras):
        lo, hi = parse_month(era["from"]), parse_month(era["to"])
        emark = eras.marks[i]
        if lo > hi:
            c.error(emark, f"era ends ({era['to']}) before it starts ({era['from']})", f"campaign.eras[{i}]")
        if prev_end is not None and lo != prev_end + 1:
            c.error(emark, "eras must follow one another without gaps or overlaps", f"campaign.eras[{i}].from")
        prev_end = hi
    if "start" in camp:
        start = parse_month(camp["start"])
        if not parse_month(eras[0]["from"]) <= start <= parse_month(eras[-1]["to"]):
            c.error(camp.value_marks["start"], "start lies outside the eras", "campaign.start")
    for mid, meter in camp["meters"].items():
        lo, hi = meter.get("min", 0), meter.get("max", 100)
        if not lo <= meter["start"] <= hi:
            c.error(
                camp["meters"].value_marks[mid],
                f"meter start {meter['start']} is outside [{lo}, {hi}]",
                f"campaign.meters.{mid}.start",
            )
    per = camp.get("events_per_turn")
    if per is not None and per and abs(sum(per.values()) - 1.0) > 1e-6:
        c.error(
            camp.value_marks["events_per_turn"],
            f"events_per_turn probabilities sum to {sum(per.values()):g}, not 1",
            "campaign.events_per_turn",
        )
    for key in ("endings", "constraints", "starts", "milestones"):
        seen: set[str] = set()
        for i, item in enumerate(camp.get(key, ())):
            if item["id"] in seen:
                c.error(camp[key].marks[i], f"{key[:-1]} id '{item['id']}' is used twice", f"campaign.{key}[{i}].id")
            seen.add(item["id"])
    con_ids = {con["id"] for con in camp.get("constraints", ())}
    all_constraints = [
        (camp["constraints"], i, f"campaign.constraints[{i}]") for i in range(len(camp.get("constraints", ())))
    ]
    for si, st in enumerate(camp.get("starts", ())):
        smark = camp["starts"].marks[si]
        date = parse_month(st["date"])
        if not parse_month(eras[0]["from"]) <= date <= parse_month(eras[-1]["to"]):
            c.error(smark, f"start '{st['id']}' is dated {st['date']}, outside the eras", f"campaign.starts[{si}].date")
        for mid, value in st.get("meters", {}).items():
            meter = camp["meters"].get(mid)
            if meter is not None and not meter.get("min", 0) <= value <= meter.get("max", 100):
                c.error(
                    smark,
                    f"start value {value} of meter '{mid}' is outside its bounds",
                    f"campaign.starts[{si}].meters.{mid}",
                )
        for ci, con in enumerate(st.get("constraints", ())):
            field = f"campaign.starts[{si}].constraints[{ci}]"
            if con["id"] in con_ids:
                c.error(st["constraints"].marks[ci], f"constraint id '{con['id']}' is used twice", field + ".id")
            con_ids.add(con["id"])
            all_constraints.append((st["constraints"], ci, field))
    all_constraints += [
        (camp["milestones"], i, f"campaign.milestones[{i}]") for i in range(len(camp.get("milestones", ())))
    ]
    for items, i, cfield in all_constraints:
        con = items[i]
        between = con["expect"].get("between") if "expect" in con else None
        cmark = items.marks[i]
        if between is not None and (len(between) != 2 or between[0] > between[1]):
            c.error(cmark, "expect.between needs [low, high] with low <= high", cfield + ".expect.between")
        measure = con["measure"]
        if ("status" in measure) != ("character" in measure):
            c.error(cmark, "measure needs `character` and `status` together", cfield + ".measure")
        if "meter" in measure and "between" not in measure:
            c.error(cmark, "measure `meter` needs `between: [low, high]`", cfield + ".measure")
        mb = measure.get("between")
        if mb is not None and (len(mb) != 2 or mb[0] > mb[1]):  # a range no value lies in: unmeasurable
            c.error(
                cmark,
                "measure.between needs [low, high] with low <= high",
                cfield + ".measure.between",
            )


def _keys(value: Any) -> set[str]:
    """The text keys of a mapping, or nothing for a value of the wrong type (already reported)."""
    if not isinstance(value, dict):
        return set()
    return {k for k in value if isinstance(k, str)}


def _ids(value: Any) -> set[str]:
    """The text ids of a list of mappings, skipping items of the wrong type (already reported)."""
    if not isinstance(value, list):
        return set()
    return {i["id"] for i in value if isinstance(i, dict) and isinstance(i.get("id"), str)}


def _in_constraint(ref: Reference) -> bool:
    """Whether a flag reference sits where a flag nobody sets makes a constraint unmeasurable:
    in its measure, or in its ``given`` outside any ``not``/``any`` (where it could never hold)."""
    field = ref.field
    if not (field.startswith(("campaign.constraints", "campaign.milestones")) or ".constraints[" in field):
        return False
    return ".measure." in field or not any(part in field for part in (".not", ".any"))


def link(
    sources: Sequence[Source],
    units: list[_Unit],
    diagnostics: list[Diagnostic],
    references: list[Reference],
    files: dict[str, str],
    source_hashes: dict[str, str],
    keep: list[Any] | None = None,
) -> Content:
    """Check references across files, apply the mods' patches, compile every sound campaign
    (``keep``, when given, receives what the compiler was given: see ``_start_payload``)."""
    campaigns: dict[str, _Unit] = {}
    cards: dict[str, _Unit] = {}
    characters: dict[str, _Unit] = {}
    works: dict[str, _Unit] = {}
    source_tags: dict[str, _Unit] = {}
    tables = {"campaign": campaigns, "card": cards, "character": characters, "work": works, "source": source_tags}
    changes: dict[str, list[patches_mod.Change]] = {}
    replaced: set[str] = set()
    for unit in units:
        if not unit.id or unit.kind == "patch":
            continue
        table = tables[unit.kind]
        wants_replace = isinstance(unit.data, dict) and unit.data.get("replace") is True
        if unit.id in table:
            first = table[unit.id]
            if wants_replace and unit.ok:
                replaced.add(first.key)
                table[unit.id] = unit
                change = patches_mod.Change(unit.id, "*", "replace", unit.origin.mod, _where(unit.origin))
                _note_change(changes, change, unit.origin, diagnostics)
                continue
            if not wants_replace:
                diagnostics.append(
                    Diagnostic(
                        unit.origin.path,
                        unit.origin.line,
                        unit.origin.column,
                        "error",
                        f"{unit.kind} id '{unit.id}' is already defined at {_where(first.origin)}"
                        f"{'' if first.origin.mod == unit.origin.mod else f' (by {_source_name_id(first.origin.mod)})'}"
                        f"; reusing an id is an error: to change that {unit.kind}, write a patch "
                        f"(patches: [{{{'card' if unit.kind == 'card' else unit.kind}: {unit.id}, set: {{...}}}}]), "
                        "or add `replace: true` to replace it whole; this definition is left out",
                        "id",
                    )
                )
            unit.ok = False
            continue
        if wants_replace:
            diagnostics.append(
                Diagnostic(
                    unit.origin.path,
                    unit.origin.line,
                    unit.origin.column,
                    "warning",
                    f"`replace: true`, but no earlier definition of {unit.kind} '{unit.id}' exists; it is simply added",
                    "replace",
                )
            )
        table[unit.id] = unit
    bad_units = {u.key for u in units if not u.ok} | replaced
    patch_units = [u for u in units if u.kind == "patch" and u.ok]
    patch_keys = {u.key for u in patch_units}
    originals = {
        (kind, uid): patches_mod.clone(tables[kind][uid].data)
        for kind, uid in {("card" if "card" in u.data else "campaign", u.id) for u in patch_units}
        if uid in tables[kind]
    }
    patch_diags: list[Diagnostic] = []  # kept over the rounds: a patch left out in a later round says why
    for _attempt in range(3):
        for (kind, uid), data in originals.items():
            tables[kind][uid].data = patches_mod.clone(data)
        round_changes = {k: list(v) for k, v in changes.items()}
        patch_bad = _apply_patches(
            [u for u in patch_units if u.key not in bad_units], tables, round_changes, patch_diags
        )
        scopes = _patch_scopes(patch_units, tables)
        for ref in references:
            if ref.unit in scopes:
                ref.scope = scopes[ref.unit]
        ref_diags, ref_bad = _check_references(references, campaigns, cards, characters)
        newly_bad = (ref_bad | patch_bad) & patch_keys - bad_units
        if not newly_bad:
            break
        bad_units |= newly_bad
    diagnostics.extend(dict.fromkeys(d for d in patch_diags if d.is_error))
    diagnostics.extend(d for d in dict.fromkeys(patch_diags) if not d.is_error and d not in diagnostics)
    diagnostics.extend(ref_diags)
    bad_units |= ref_bad | patch_bad
    changes = round_changes
    content = _compile(
        sources, campaigns, cards, characters, bad_units, changes, diagnostics, files, source_hashes, keep
    )
    content.diagnostics.extend(_bibliography(content, works, source_tags, bad_units))
    content.left_out = [
        (u.kind, u.id) for u in units if u.kind != "patch" and u.id and u.key in bad_units and u.key not in replaced
    ]
    content.diagnostics.extend(_lint(campaigns, cards, references, bad_units, content, originals))
    content.diagnostics.sort(key=lambda d: (d.path, d.line, d.column, d.message))
    content.ids = {
        "campaign": sorted(content.campaigns),
        "card": sorted(c for camp in content.campaigns.values() for c in camp.cards),
        "character": sorted(content.characters),
        "meter": sorted({m for camp in content.campaigns.values() for m in camp.meters}),
        "ending": sorted({e for camp in content.campaigns.values() for e in camp.endings}),
        "flag": sorted({r.name for r in references if r.kind == "flag" and r.role == "write"}),
    }
    return content


def _check_references(
    references: list[Reference],
    campaigns: dict[str, _Unit],
    cards: dict[str, _Unit],
    characters: dict[str, _Unit],
) -> tuple[list[Diagnostic], set[str]]:
    """Every reference checked against the definitions: the diagnostics and the units spoiled."""
    diagnostics: list[Diagnostic] = []
    bad_units: set[str] = set()
    written_flags: dict[str, set[str]] = {}
    for ref in references:
        if ref.kind == "flag" and ref.role == "write":
            written_flags.setdefault(ref.scope, set()).add(ref.name)

    def fail(ref: Reference, message: str) -> None:
        diagnostics.append(Diagnostic(ref.path, ref.mark[0], ref.mark[1], "error", message, ref.field))
        bad_units.add(ref.unit)

    for ref in references:
        camp = campaigns.get(ref.scope)
        cdata = camp.data if camp else None
        if ref.kind == "campaign":
            if ref.name not in campaigns:
                fail(ref, f"unknown campaign '{ref.name}'{did_you_mean(ref.name, campaigns)}")
        elif ref.kind == "card":
            target = cards.get(ref.name)
            if target is None:
                fail(ref, f"unknown card '{ref.name}'{did_you_mean(ref.name, cards)}")
            elif ref.field.endswith("schedule.card") and target.data.get("campaign") != ref.scope:
                fail(ref, f"card '{ref.name}' belongs to campaign '{target.data.get('campaign')}', not '{ref.scope}'")
        elif ref.kind == "character":
            if ref.name not in characters:
                fail(ref, f"unknown character '{ref.name}'{did_you_mean(ref.name, characters)}")
            elif (
                cdata is not None
                and ref.field.split(".")[-1] != "actor"
                and not ref.field.startswith("campaign.player")
            ):
                cast = _keys(cdata.get("cast")) | {p for p in [cdata.get("player")] if isinstance(p, str)}
                if ref.name not in cast:
                    fail(
                        ref,
                        f"character '{ref.name}' is not in the cast of campaign '{ref.scope}'; add it under campaign.cast",
                    )
        elif ref.kind in ("meter", "ending") and cdata is not None:
            names = _keys(cdata.get("meters")) if ref.kind == "meter" else _ids(cdata.get("endings"))
            if ref.name not in names:
                fail(
                    ref,
                    f"unknown {ref.kind} '{ref.name}' in campaign '{ref.scope}'{did_you_mean(ref.name, [str(n) for n in names])}",
                )
        elif ref.kind == "flag" and ref.role == "read":
            if ref.name not in written_flags.get(ref.scope, set()) and _in_constraint(ref):
                # A constraint on a flag nobody sets cannot be measured (issue 4): an error.
                fail(
                    ref,
                    f"constraint reads flag '{ref.name}', which no card of campaign '{ref.scope}' sets, "
                    f"so it cannot be measured{did_you_mean(ref.name, written_flags.get(ref.scope, set()))}",
                )
            elif ref.name not in written_flags.get(ref.scope, set()):
                diagnostics.append(
                    Diagnostic(
                        ref.path,
                        ref.mark[0],
                        ref.mark[1],
                        "warning",
                        f"flag '{ref.name}' is read but never set in campaign '{ref.scope}'"
                        f"{did_you_mean(ref.name, written_flags.get(ref.scope, set()))}",
                        ref.field,
                    )
                )
        elif ref.kind == "option":
            card_id, option_id = ref.name.split("#", 1)
            target = cards.get(card_id)
            if target is not None and option_id not in _ids(target.data.get("options")):
                ids = sorted(_ids(target.data.get("options")))
                fail(ref, f"card '{card_id}' has no option '{option_id}'{did_you_mean(option_id, ids)}")
    return diagnostics, bad_units


# A campaign as the compiler is given it: id, data, origin, and its deck of (card data, origin).
_Plan = tuple[str, dict[str, Any], Origin, list[tuple[Any, Origin]]]


def _compile(
    sources: Sequence[Source],
    campaigns: dict[str, _Unit],
    cards: dict[str, _Unit],
    characters: dict[str, _Unit],
    bad_units: set[str],
    changes: dict[str, list[patches_mod.Change]],
    diagnostics: list[Diagnostic],
    files: dict[str, str],
    source_hashes: dict[str, str],
    keep: list[Any] | None = None,
) -> Content:
    plans: list[_Plan] = []
    broken: dict[str, str] = {}
    for cid, unit in sorted(campaigns.items()):
        if unit.key in bad_units:
            broken[cid] = f"campaign {cid} has errors (see {_where(unit.origin)})"
            continue
        deck = [
            (u.data, u.origin)
            for u in sorted(cards.values(), key=lambda u: u.id)
            if u.data.get("campaign") == cid and u.key not in bad_units
        ]
        data = dict(unit.data)
        cast = dict(data.get("cast") or {})
        cast.setdefault(data["player"], {})
        data["cast"] = cast
        plans.append((cid, data, unit.origin, deck))
    compiled = _build_campaigns(plans, changes)
    for campaign in compiled.values():
        diagnostics.extend(_unreachable_windows(campaign))
    char_data = [(cid, u.data) for cid, u in sorted(characters.items()) if u.key not in bad_units]
    chars = {cid: compile_character(data) for cid, data in char_data}
    diagnostics.sort(key=lambda d: (d.path, d.line, d.column, d.message))
    if keep is not None:
        keep.extend([plans, char_data])
    return Content(compiled, chars, diagnostics, files, list(sources), source_hashes, broken, changes)


def _build_campaigns(
    plans: Sequence[_Plan],
    changes: dict[str, list[patches_mod.Change]],
    fingerprints: dict[str, str] | None = None,
) -> dict[str, Campaign]:
    """Compile the campaigns; each card changed by a mod says so (``Card.changes``)."""
    compiled: dict[str, Campaign] = {}
    for cid, data, origin, deck in plans:
        campaign = compile_campaign(data, deck, origin, fingerprints)
        for card_id in list(campaign.cards):
            if card_id in changes:
                card = campaign.cards[card_id]
                campaign.cards[card_id] = attrs.evolve(card, changes=tuple(str(c) for c in changes[card_id]))  # type: ignore[index]
        compiled[cid] = campaign
    return compiled


# --- the start cache (game.content.loadcache) ------------------------------------------------


def _origin_row(o: Origin) -> list[Any]:
    return [o.path, o.line, o.column, o.mod]


def _origin(row: Any) -> Origin:
    path, line, column, mod = row
    if not (type(path) is str and type(line) is int and type(column) is int and type(mod) is str):
        raise loadcache.Corrupt
    return Origin(path, line, column, mod)


def _start_payload(content: Content, plans: list[_Plan], char_data: list[tuple[str, Any]]) -> dict[str, Any]:
    """What a start with the same files needs to rebuild ``content`` without reading them:
    the compiler's input (with each card's rules fingerprint) and every other part."""
    return {
        "campaigns": [
            [
                cid,
                data,
                _origin_row(origin),
                [[card, _origin_row(o), content.campaigns[cid].cards[card["id"]].fingerprint] for card, o in deck],
            ]
            for cid, data, origin, deck in plans
        ],
        "characters": [[cid, data] for cid, data in char_data],
        "diagnostics": [[d.path, d.line, d.column, d.severity, d.message, d.field] for d in content.diagnostics],
        "files": content.files,
        "source_hashes": content.source_hashes,
        "broken": content.broken_campaigns,
        "changes": {k: [[c.target, c.field, c.action, c.mod, c.where] for c in v] for k, v in content.changes.items()},
        "ids": content.ids,
        "works": {k: [w.id, w.author, w.title, w.year, w.note, w.short] for k, w in content.works.items()},
        "citations": {k: [list(pair) for pair in v] for k, v in content.citations.items()},
        "left_out": [list(pair) for pair in content.left_out],
    }


def _from_start(payload: Any, sources: Sequence[Source]) -> Content:
    """The content of a start entry (raising on any damage: the caller then loads in full)."""
    plans: list[_Plan] = []
    fingerprints: dict[str, str] = {}
    for cid, data, origin, deck in payload["campaigns"]:
        cards = []
        for card, o, fingerprint in deck:
            if type(fingerprint) is not str or type(card) is not dict:
                raise loadcache.Corrupt
            fingerprints[card["id"]] = fingerprint
            cards.append((card, _origin(o)))
        if type(cid) is not str or type(data) is not dict:
            raise loadcache.Corrupt
        plans.append((cid, data, _origin(origin), cards))
    changes = {str(k): [patches_mod.Change(*(str(x) for x in row)) for row in v] for k, v in payload["changes"].items()}
    compiled = _build_campaigns(plans, changes, fingerprints)
    chars = {str(cid): compile_character(data) for cid, data in payload["characters"]}
    diagnostics = [
        Diagnostic(str(p), int(line), int(col), str(sev), str(msg), str(field))
        for p, line, col, sev, msg, field in payload["diagnostics"]
    ]
    content = Content(
        compiled,
        chars,
        diagnostics,
        {str(k): str(v) for k, v in payload["files"].items()},
        list(sources),
        {str(k): str(v) for k, v in payload["source_hashes"].items()},
        {str(k): str(v) for k, v in payload["broken"].items()},
        changes,
    )
    content.ids = {str(k): [str(x) for x in v] for k, v in payload["ids"].items()}
    content.works = {
        str(k): Work(str(i), str(a), str(t), y if y is None else int(y), str(n), str(s))
        for k, (i, a, t, y, n, s) in payload["works"].items()
    }
    content.citations = {str(k): tuple((str(c), str(s)) for c, s in v) for k, v in payload["citations"].items()}
    content.left_out = [(str(kind), str(uid)) for kind, uid in payload["left_out"]]
    for campaign in content.campaigns.values():
        campaign.citations = content.citations
    return content


def citation(work: Work) -> str:
    """A work as a reader's citation: ``Robert Conquest, The Great Terror (1968)``."""
    year = f" ({work.year})" if work.year else ""
    return f"{work.author}, {work.title}{year}"


def _bibliography(
    content: Content, works: dict[str, _Unit], tags: dict[str, _Unit], bad_units: set[str]
) -> list[Diagnostic]:
    """The bibliography into the content: each work, and each source tag read as the citations
    of its works (``Content.citations``, handed to every campaign for the View); a tag citing
    an unknown work is an error at the tag."""
    found = []
    for wid, unit in sorted(works.items()):
        if unit.key not in bad_units:
            d = unit.data
            year = d.get("year")
            short = str(d.get("short") or (f"{d['author']} {year}" if year else d["author"]))
            content.works[wid] = Work(wid, str(d["author"]), str(d["title"]), year, str(d.get("note", "")), short)
    for tag, unit in sorted(tags.items()):
        if unit.key in bad_units:
            continue
        cited = []
        for i, wid in enumerate(unit.data["works"]):
            work = content.works.get(wid)
            if work is None:
                marks = unit.data["works"].marks if hasattr(unit.data["works"], "marks") else None
                line, column = marks[i] if marks else (unit.origin.line, unit.origin.column)
                hint = did_you_mean(str(wid), content.works)
                found.append(
                    Diagnostic(unit.origin.path, line, column, "error", f"unknown work '{wid}'{hint}", "works")
                )
                continue
            cited.append((citation(work), work.short))
        if cited:
            content.citations[tag] = tuple(cited)
    for campaign in content.campaigns.values():
        campaign.citations = content.citations
    return found


def _lint(
    campaigns: dict[str, _Unit],
    cards: dict[str, _Unit],
    references: list[Reference],
    bad_units: set[str],
    content: Content,
    originals: dict[tuple[str, str], Any],
) -> list[Diagnostic]:
    """The static checks of ``game.content.lint`` over what compiled (``originals``: patched
    definitions as they were written, so a patch's own items are reported in the patch's file)."""
    found = lint.unread_flags(r for r in references if r.unit not in bad_units and r.scope in content.campaigns)
    found += lint.undescribed_flags(
        (r for r in references if r.unit not in bad_units and r.scope in content.campaigns),
        {cid: set(campaigns[cid].data.get("flags") or {}) for cid in content.campaigns},
    )
    for cid in content.campaigns:
        unit = campaigns[cid]
        found += lint.unreachable_endings(unit.origin.path, unit.data, references)
        meters = unit.data.get("meters") or {}
        for card_id in content.campaigns[cid].cards:
            u = cards.get(card_id)
            if u is None:
                continue  # the lie-low card the compiler makes
            found += lint.dead_conditions(u.origin.path, u.data, meters)
            found += lint.chance_sums(u.origin.path, u.data)
            found += lint.traceless_options(
                u.origin.path,
                u.data,
                _patched_option_files(originals.get(("card", card_id)), u.data, content.changes.get(card_id, [])),
            )
    return found


def _patched_option_files(original: Any, data: Any, changes: list[patches_mod.Change]) -> dict[str, str]:
    """The file of each option of a patched card that a patch wrote whole (appended, or
    replaced by ``options[id]``), by option id: its marks are in that patch's file."""
    if original is None:
        return {}
    written = {str(o.get("id")) for o in original.get("options") or () if isinstance(o, dict)}
    ids = [str(o.get("id")) for o in data.get("options") or () if isinstance(o, dict)]
    files: dict[str, str] = {}
    for change in changes:
        where = change.where.rsplit(":", 2)[0]
        if change.field == "options":
            files.update((oid, where) for oid in ids if oid not in written)
        elif change.field.startswith("options[") and change.field.endswith("]") and change.action == "replace":
            files[change.field[len("options[") : -1]] = where
    return files


def _where(origin: Origin) -> str:
    return f"{origin.path}:{origin.line}:{origin.column}"


def _patch_scopes(patch_units: list[_Unit], tables: dict[str, dict[str, _Unit]]) -> dict[str, str]:
    """The campaign each patch's references live in: its target's campaign."""
    scopes = {}
    for u in patch_units:
        if "card" in u.data:
            target = tables["card"].get(u.id)
            if target is not None and isinstance(target.data.get("campaign"), str):
                scopes[u.key] = target.data["campaign"]
        else:
            scopes[u.key] = u.id
    return scopes


def _note_change(
    changes: dict[str, list[patches_mod.Change]],
    change: patches_mod.Change,
    origin: Origin,
    diagnostics: list[Diagnostic],
) -> None:
    """Record a change; report a conflict when another mod already changed the same field."""
    for earlier in changes.get(change.target, ()):
        if earlier.mod != change.mod and (
            "*" in (earlier.field, change.field) or patches_mod.overlaps(earlier.field, change.field)
        ):
            diagnostics.append(
                Diagnostic(
                    origin.path,
                    origin.line,
                    origin.column,
                    "warning",
                    f"conflict: {_source_name_id(change.mod)} changes {change.field if change.field != '*' else 'the whole of'} "
                    f"'{change.target}', which {_source_name_id(earlier.mod)} also changes ({earlier.action} "
                    f"{earlier.field} at {earlier.where}); {change.mod} loads later, so its change is the one that holds",
                    "conflict",
                )
            )
            break
    changes.setdefault(change.target, []).append(change)


def _apply_patches(
    patch_units: list[_Unit],
    tables: dict[str, dict[str, _Unit]],
    changes: dict[str, list[patches_mod.Change]],
    diagnostics: list[Diagnostic],
) -> set[str]:
    """Apply each patch, in load order, to a copy of its target; keep the copy only if it all applied."""
    bad: set[str] = set()
    for u in patch_units:
        kind = "card" if "card" in u.data else "campaign"
        target = tables[kind].get(u.id)
        if target is None:
            bad.add(u.key)  # the unknown target is reported by the reference check
            continue
        trial = patches_mod.clone(target.data)
        try:
            done = patches_mod.apply(trial, kind, u.data)
        except patches_mod.PatchError as exc:
            o = u.origin
            diagnostics.append(
                Diagnostic(
                    o.path, o.line, o.column, "error", f"patch of {kind} '{u.id}': {exc}; not applied", "patches"
                )
            )
            bad.add(u.key)
            continue
        if kind == "card":
            checker = Checker(u.origin.path)
            _check_card(checker, trial, f"patched {u.id}")
            if checker.error_count:
                diagnostics.extend(
                    attrs.evolve(d, message=f"after the patch of card '{u.id}': {d.message}; not applied")
                    for d in checker.diagnostics
                    if d.is_error
                )
                bad.add(u.key)
                continue
        target.data = trial
        for action, path in done:
            _note_change(
                changes,
                patches_mod.Change(u.id, path, action, u.origin.mod, _where(u.origin)),
                u.origin,
                diagnostics,
            )
    return bad


def _unreachable_windows(campaign: Campaign) -> list[Diagnostic]:
    """Warn about cards whose date window misses the campaign: they could never be drawn."""
    found = []
    for card in campaign.cards.values():
        if card.hi < campaign.start or card.lo > campaign.end:
            o = card.origin
            message = (
                f"card '{card.id}' is dated outside the campaign ({describe_window(card.lo, card.hi)}), so it is "
                "never drawn; for a card that only comes by `schedule`, give it weight: 0"
            )
            found.append(Diagnostic(o.path, o.line, o.column, "warning", message, "when"))
    return found


def load_paths(paths: Iterable[Path]) -> Content:
    """Load exactly these files or folders (used by `divergence validate PATH`)."""
    return load_content(list(paths))
