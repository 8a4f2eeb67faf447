"""The content cache (issue 11 item 8): an unchanged start skips YAML and validation, a changed
file invalidates only itself, a damaged entry is ignored and rebuilt, and the cache never
changes what loads."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content import cache as cache_mod
from game.content import loader
from game.content.cache import ContentCache
from game.content.loader import Content, Source, load_content

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
EXAMPLE = ROOT / "mods" / "ordzhonikidze"


def snapshot(content: Content) -> Any:
    """Everything a load produced that a player, a modder or a save can see."""
    cards = {
        cid: [
            (c.id, c.fingerprint, c.changes, c.origin, c.title, c.text, tuple(o.id for o in c.options), c.lo, c.hi)
            for c in sorted(camp.cards.values(), key=lambda c: c.id)
        ]
        for cid, camp in content.campaigns.items()
    }
    return (
        [str(d) for d in content.diagnostics],
        cards,
        {k: repr(v) for k, v in content.characters.items()},
        content.files,
        content.source_hashes,
        content.broken_campaigns,
        {k: [str(c) for c in v] for k, v in content.changes.items()},
        content.ids,
        {cid: (sorted(c.endings), c.meters) for cid, c in content.campaigns.items()},
    )


@pytest.fixture
def store(tmp_path: Path) -> ContentCache:
    return ContentCache(tmp_path / "cache")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files actually parsed and checked (cache misses), by name."""
    seen: list[str] = []
    real = loader.read_file

    def counting(shown: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(shown)
        return real(shown, *args, **kwargs)

    monkeypatch.setattr(loader, "read_file", counting)
    return seen


def test_an_unchanged_start_reads_no_file_and_loads_the_same(store: ContentCache, reads: list[str]) -> None:
    first = load_content(mods=[Source("ordzhonikidze", EXAMPLE, "1.0")], cache=store)
    assert len(reads) == len(first.files) > 20
    reads.clear()
    second = load_content(mods=[Source("ordzhonikidze", EXAMPLE, "1.0")], cache=store)
    assert reads == []
    assert snapshot(second) == snapshot(first)
    assert snapshot(second) == snapshot(load_content(mods=[Source("ordzhonikidze", EXAMPLE, "1.0")], cache=None))
    assert any(c.changes for c in second.campaigns["bukharin"].cards.values())  # the mod's patches, kept


def test_a_changed_file_invalidates_only_itself(tmp_path: Path, store: ContentCache, reads: list[str]) -> None:
    mod = tmp_path / "mod"
    shutil.copytree(EXAMPLE, mod)
    load_content(mods=[Source("ordzhonikidze", mod)], cache=store)
    card_file = next(p for p in sorted(mod.rglob("*.yaml")) if p.name != "mod.yaml" and "cards" in p.parts)
    card_file.write_text(card_file.read_text().replace("title:", "title: ", 1))
    reads.clear()
    content = load_content(mods=[Source("ordzhonikidze", mod)], cache=store)
    assert [Path(r).name for r in reads] == [card_file.name]
    assert snapshot(content) == snapshot(load_content(mods=[Source("ordzhonikidze", mod)], cache=None))


def _damage(kind: str, path: Path) -> None:
    text = path.read_bytes()
    if kind == "truncated":
        path.write_bytes(text[: len(text) // 2])
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "garbage":
        path.write_bytes(b"\x00\xff not json at all")
    elif kind == "flipped":  # one byte of the payload changed: the digest no longer matches
        i = len(text) - 10
        path.write_bytes(text[:i] + bytes([text[i] ^ 1]) + text[i + 1 :])
    elif kind == "object":  # the right header, a payload that is a JSON object
        head = json.loads(text.partition(b"\n")[0])
        body = b'{"units": []}'
        path.write_bytes(_header(head[1], body) + body)
    elif kind == "wrong shape":  # the right header and digest, a value of the wrong type inside
        head = json.loads(text.partition(b"\n")[0])
        payload = json.loads(text.partition(b"\n")[2])
        payload[2][0][4] = "not a line number"
        body = json.dumps(payload).encode()
        path.write_bytes(_header(head[1], body) + body)
    elif kind == "marks out of range":
        head = json.loads(text.partition(b"\n")[0])
        payload = json.loads(text.partition(b"\n")[2])
        payload[0], payload[1] = payload[0][:3], payload[1][:3]
        body = json.dumps(payload).encode()
        path.write_bytes(_header(head[1], body) + body)
    elif kind == "folder":
        path.unlink()
        path.mkdir()
    elif kind == "symlink":
        target = path.with_suffix(".elsewhere")
        path.rename(target)
        path.symlink_to(target)
    elif kind == "fifo":
        path.unlink()
        os.mkfifo(path)
    else:
        raise AssertionError(kind)


def _header(key: str, body: bytes) -> bytes:
    import hashlib

    return json.dumps([cache_mod.FORMAT, key, hashlib.sha256(body).hexdigest(), len(body)]).encode() + b"\n"


@pytest.mark.parametrize(
    "kind",
    [
        "truncated",
        "empty",
        "garbage",
        "flipped",
        "object",
        "wrong shape",
        "marks out of range",
        "folder",
        "symlink",
        "fifo",
    ],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(kind: str, store: ContentCache, reads: list[str]) -> None:
    clean = snapshot(load_content([MINI], cache=None))
    load_content([MINI], cache=store)
    _forget_starts(store)
    entries = _file_entries(store)
    assert entries
    victim = entries[0]
    _damage(kind, victim)
    reads.clear()
    content = load_content([MINI], cache=store)
    assert snapshot(content) == clean
    assert len(reads) == 1  # only the damaged entry's file was read again
    if kind not in ("folder", "symlink", "fifo"):  # those are left alone, never written through
        reads.clear()
        _forget_starts(store)
        assert snapshot(load_content([MINI], cache=store)) == clean
        assert reads == []  # ... and its entry was rebuilt


def _file_entries(store: ContentCache) -> list[Path]:
    """The per-file entries (not the start entries or the file index)."""
    return sorted(p for p in store.folder.glob("*.json") if not p.name.startswith("start-") and p.name != "files.json")


def _forget_starts(store: ContentCache) -> None:
    for path in store.folder.glob("start-*.json"):
        path.unlink()


# --- the start cache: a whole unchanged start, compiled from one entry --------------------------


@pytest.fixture
def file_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every content file opened (the cache's own files are not counted)."""
    seen: list[str] = []
    real = loader.files_mod.read_regular

    def counting(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path.suffix == ".yaml":
            seen.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(loader.files_mod, "read_regular", counting)
    return seen


def _settle(root: Path) -> None:
    """Date every file of a folder three seconds back, so the file index trusts its stat."""
    for path in root.rglob("*"):
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 3_000_000_000))


def test_an_unchanged_start_opens_no_content_file(tmp_path: Path, store: ContentCache, file_reads: list[str]) -> None:
    mod = tmp_path / "mod"
    shutil.copytree(EXAMPLE, mod)
    _settle(mod)
    first = load_content(mods=[Source("ordzhonikidze", mod, "1.0")], cache=store)
    assert file_reads and list(store.folder.glob("start-*.json"))
    file_reads.clear()
    second = load_content(mods=[Source("ordzhonikidze", mod, "1.0")], cache=store)
    shipped = {str(p) for p in loader.default_content_dir().rglob("*.yaml")}
    assert not [r for r in file_reads if r not in shipped]  # the mod's settled files: known by their stat
    assert (
        snapshot(second)
        == snapshot(first)
        == snapshot(load_content(mods=[Source("ordzhonikidze", mod, "1.0")], cache=None))
    )
    assert any(c.changes for c in second.campaigns["bukharin"].cards.values())


def test_a_file_changed_since_the_start_was_kept_is_seen(tmp_path: Path, store: ContentCache) -> None:
    mod = tmp_path / "mod"
    shutil.copytree(EXAMPLE, mod)
    _settle(mod)
    load_content(mods=[Source("ordzhonikidze", mod)], cache=store)
    card_file = next(p for p in sorted(mod.rglob("*.yaml")) if p.name != "mod.yaml" and "cards" in p.parts)
    card_file.write_text(card_file.read_text().replace('title: "', 'title: "Changed: ', 1))
    content = load_content(mods=[Source("ordzhonikidze", mod)], cache=store)
    assert snapshot(content) == snapshot(load_content(mods=[Source("ordzhonikidze", mod)], cache=None))
    assert any(c.title.startswith("Changed: ") for camp in content.campaigns.values() for c in camp.cards.values())


def _tamper(kind: str, path: Path) -> None:
    from game.content import loadcache

    raw = path.read_bytes()
    key = json.loads(raw.partition(b"\n")[0])[1]
    payload = loadcache.decode(raw, key)
    if kind == "card not a mapping":
        payload["campaigns"][0][3][0][0] = ["not", "a", "card"]
    elif kind == "missing part":
        del payload["ids"]
    elif kind == "bad origin":
        payload["campaigns"][0][2][1] = "line"
    elif kind == "fingerprint a number":
        payload["campaigns"][0][3][0][2] = 7
    elif kind == "card missing its kind":
        del payload["campaigns"][0][3][0][0]["kind"]
    elif kind == "unknown tag":
        payload["files"] = {"\x00m": "nonsense"}
    else:
        raise AssertionError(kind)
    path.write_bytes(loadcache.encode(key, payload))


@pytest.mark.parametrize(
    "kind",
    [
        "truncated", "empty", "garbage", "flipped", "folder", "symlink", "fifo",
        "card not a mapping", "missing part", "bad origin", "fingerprint a number", "card missing its kind", "unknown tag",
    ],
)  # fmt: skip
def test_a_damaged_start_entry_is_ignored_and_rebuilt(kind: str, store: ContentCache) -> None:
    clean = snapshot(load_content([MINI], cache=None))
    load_content([MINI], cache=store)
    (entry,) = store.folder.glob("start-*.json")
    if kind in ("truncated", "empty", "garbage", "flipped", "folder", "symlink", "fifo"):
        _damage(kind, entry)
    else:
        _tamper(kind, entry)
    assert snapshot(load_content([MINI], cache=store)) == clean
    if kind not in ("folder", "symlink", "fifo"):
        assert snapshot(load_content([MINI], cache=store)) == clean  # from the entry written again
        (again,) = store.folder.glob("start-*.json")
        from game.content import loadcache

        raw = again.read_bytes()
        assert loadcache.decode(raw, json.loads(raw.partition(b"\n")[0])[1])["ids"]


def test_a_damaged_file_index_costs_only_a_read(tmp_path: Path, store: ContentCache) -> None:
    mod = tmp_path / "mod"
    shutil.copytree(EXAMPLE, mod)
    _settle(mod)
    load_content(mods=[Source("ordzhonikidze", mod)], cache=store)
    index = store.folder / "files.json"
    assert index.is_file()
    for damage in (b"\x00garbage", b'{"format": 1, "files": {"x": 5}}', b"[]"):
        index.write_bytes(damage)
        content = load_content(mods=[Source("ordzhonikidze", mod)], cache=store)
        assert snapshot(content) == snapshot(load_content(mods=[Source("ordzhonikidze", mod)], cache=None))


def test_only_the_last_few_starts_are_kept(tmp_path: Path, store: ContentCache) -> None:
    from game.content import loadcache

    mod = tmp_path / "mod"
    mod.mkdir()
    for n in range(loadcache.KEEP + 3):
        (mod / "chars.yaml").write_text(f"characters:\n  - {{id: person_{n}, name: P{n}}}\n")
        load_content([MINI], mods=[Source("m", mod)], cache=store)
    assert len(list(store.folder.glob("start-*.json"))) == loadcache.KEEP


def test_an_unwritable_cache_costs_only_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    content = load_content([MINI], cache=ContentCache(blocker / "cache"))
    assert snapshot(content) == snapshot(load_content([MINI], cache=None))


def test_the_environment_chooses_the_folder_or_bypasses_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIVERGENCE_CACHE_DIR", str(tmp_path / "c"))
    load_content([MINI])
    assert list((tmp_path / "c").glob("*.json"))
    monkeypatch.setenv("DIVERGENCE_CACHE_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("DIVERGENCE_NO_CACHE", "1")
    load_content([MINI])
    assert not (tmp_path / "d").exists()


def test_no_cache_on_the_command_line_writes_and_reads_no_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.cli import main

    monkeypatch.setenv("DIVERGENCE_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("DIVERGENCE_CONTENT", str(MINI))
    assert main(["validate", "--no-cache"]) == 0
    assert not (tmp_path / "c").exists()
    assert "DIVERGENCE_NO_CACHE" not in os.environ  # the bypass lasts for that command only
    assert main(["validate"]) == 0
    assert list((tmp_path / "c").glob("*.json"))


def test_every_command_that_loads_content_takes_no_cache() -> None:
    from game.cli.main import build_parser

    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    without = {
        name for name, p in sub.choices.items() if "--no-cache" not in {o for a in p._actions for o in a.option_strings}
    }
    assert without == {"paths", "new-mod"}


# --- the property: cached load == uncached load, whatever the files say ---------------------

PIECES = [
    # clean cards, with flow and block styles, aliases and merge keys
    '  - id: mini.p{n}\n    kind: event\n    campaign: mini\n    title: "Piece {n}"\n'
    '    options: [{{id: a, text: "A", effects: [{{add: {{heat: 1}}}}]}}]\n',
    "  - &base{n}\n    id: mini.q{n}\n    kind: action\n    campaign: mini\n    title: Q{n}\n"
    '    options:\n      - id: go\n        text: "Go"\n        effects: [{{set_flag: f{n}}}]\n',
    "  - <<: *base{m}\n    id: mini.r{n}\n",
    # errors: unknown key, wrong type, YAML 1.1 coercion, duplicate key, bad reference
    "  - id: mini.e{n}\n    kind: event\n    campaign: mini\n    titel: oops\n    options: [{{id: a, text: A}}]\n",
    "  - id: mini.w{n}\n    kind: event\n    campaign: mini\n    title: W\n    weight: lots\n    options: [{{id: a, text: A}}]\n",
    "  - id: mini.y{n}\n    kind: event\n    campaign: mini\n    title: NO\n    once: yes\n    options: [{{id: a, text: 1937-05-22}}]\n",
    "  - id: mini.d{n}\n    kind: event\n    kind: action\n    campaign: mini\n    title: D\n    options: [{{id: a, text: A}}]\n",
    "  - id: mini.x{n}\n    kind: event\n    campaign: mini\n    title: X\n    when: {{flag: never_set_{n}}}\n"
    "    options: [{{id: a, text: A, effects: [{{add: {{nometer: 1}}}}]}}]\n",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    files=st.lists(st.lists(st.sampled_from(range(len(PIECES))), min_size=1, max_size=6), min_size=1, max_size=4),
    patch=st.booleans(),
)
def test_cached_load_equals_uncached_load(
    tmp_path_factory: pytest.TempPathFactory, files: list[list[int]], patch: bool
) -> None:
    root = tmp_path_factory.mktemp("mod")
    for f, pieces in enumerate(files):
        body = "".join(PIECES[p].format(n=f"{f}_{i}", m=f"{f}_{max(0, i - 1)}") for i, p in enumerate(pieces))
        if patch:
            body += 'patches:\n  - card: mini.letter\n    set: {title: "Patched"}\n'
        (root / f"f{f}.yaml").write_text("cards:\n" + body)
    store = ContentCache(tmp_path_factory.mktemp("cache"))
    sources = [Source("m", root, "1.0")]
    uncached = snapshot(load_content([MINI], mods=sources, cache=None))
    first = snapshot(load_content([MINI], mods=sources, cache=store))  # fills the cache
    second = snapshot(load_content([MINI], mods=sources, cache=store))  # served from it
    assert first == uncached
    assert second == uncached
