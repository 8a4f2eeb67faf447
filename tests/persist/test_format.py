"""The file format: checksum, strict structure, migrations from format 1, newer formats refused."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from game.content.loader import Content
from game.core.commands import Choose
from game.core.dates import parse_month
from game.core.engine import Engine
from game.core.model import Campaign
from game.persist.digest import HASH_VERSION
from game.persist.document import FORMAT_VERSION, checksum_of, dumps, to_document
from game.persist.errors import SaveError
from game.persist.migrate import MIGRATIONS
from game.persist.reader import read_document
from game.persist.recorder import Recorder, record
from game.persist.replay import replay_save

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "saves"


def as_v1(doc: dict[str, Any]) -> dict[str, Any]:
    """Write a document with version-2 step hashes the way format 1 did (flat commands, month
    numbers, one snapshot, no game id, no drawn list)."""
    assert doc["hash_version"] == 2
    dropped = ("commands", "keyframes", "start", "checksum", "game_id", "ironman", "hash_version")
    out = {k: v for k, v in doc.items() if k not in dropped}
    out["format_version"] = 1
    out["commands"] = [
        {
            "turn": s["turn"],
            "month": parse_month(s["date"]),
            "answered": s["card"],
            "card_hash": s["card_hash"],
            "type": s["command"]["type"],
            "args": {k: v for k, v in s["command"].items() if k != "type"},
            "after": s["state"],
        }
        for s in doc["commands"]
    ]
    out["snapshot"] = {k: v for k, v in doc["keyframes"][-1]["state"].items() if k != "drawn"}
    out["checksum"] = checksum_of(out)
    return out


def saved(
    content: Content, campaign: Campaign, decisions: int = 40, hash_version: int = HASH_VERSION
) -> dict[str, Any]:
    engine = Engine(campaign, 3)
    Recorder(engine, hash_version=hash_version).attach(engine)
    rnd = random.Random(3)
    while not engine.is_over and len(engine.commands) < decisions:
        engine.apply(Choose(rnd.choice(engine.choices())))
    return to_document(record(engine).to_save(engine, content, "game"))


def encode(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc).encode()


def test_every_old_version_has_a_migration_and_a_golden_save() -> None:
    assert sorted(MIGRATIONS) == list(range(1, FORMAT_VERSION))
    assert HASH_VERSION == FORMAT_VERSION, "a new format writes step hashes of its own version"
    goldens = {json.loads(p.read_bytes())["format_version"] for p in GOLDEN.glob("*.json")}
    # format 1 was never written by real code (tests/fixtures/saves/README.md): as_v1 stands in
    assert goldens == set(range(2, FORMAT_VERSION + 1)), "write a golden save of every format (never regenerate)"


def test_a_format_1_save_loads_through_the_migration_and_replays(saga_content: Content, saga: Campaign) -> None:
    doc = saved(saga_content, saga, hash_version=2)
    v1 = as_v1(doc)
    assert "snapshot" in v1 and "keyframes" not in v1 and isinstance(v1["commands"][0]["month"], int)
    save = read_document(encode(v1))
    assert save.format_version == FORMAT_VERSION and save.hash_version == 2
    assert [s.date for s in save.commands] == [s["date"] for s in doc["commands"]]
    assert [s.command for s in save.commands] == [s.command for s in read_document(encode(doc)).commands]
    assert replay_save(saga_content, save).divergence is None
    # once migrated, it is written in the current format
    assert json.loads(dumps(save))["format_version"] == FORMAT_VERSION


def test_a_format_1_save_with_a_bad_command_is_refused_clearly(saga_content: Content, saga: Campaign) -> None:
    v1 = as_v1(saved(saga_content, saga, hash_version=2))
    v1["commands"][2]["month"] = "March"
    v1["checksum"] = checksum_of(v1)
    with pytest.raises(SaveError, match="command 3 is malformed"):
        read_document(encode(v1))


def test_a_newer_format_is_refused_as_such_in_one_sentence(saga_content: Content, saga: Campaign) -> None:
    doc = saved(saga_content, saga)
    doc["format_version"] = FORMAT_VERSION + 1
    doc["game_version"] = "9.1"
    doc["brand_new_key"] = {"the": "future"}  # a newer format may hold anything: not read at all
    doc["checksum"] = "not even checked"
    with pytest.raises(SaveError) as info:
        read_document(encode(doc))
    message = str(info.value)
    assert message == (
        f"this save was written by a newer version of Divergence 9.1 (save format {FORMAT_VERSION + 1}, and this "
        f"game reads formats up to {FORMAT_VERSION}): update the game to load it"
    )
    assert ". " not in message and "\n" not in message  # one sentence


def test_step_hashes_of_an_unknown_version_are_refused(saga_content: Content, saga: Campaign) -> None:
    doc = saved(saga_content, saga)
    doc["hash_version"] = FORMAT_VERSION + 1
    doc["checksum"] = checksum_of(doc)
    with pytest.raises(SaveError, match="state hashes are of a version"):
        read_document(encode(doc))


def test_a_hand_edit_breaks_the_checksum(saga_content: Content, saga: Campaign) -> None:
    doc = saved(saga_content, saga)
    doc["seed"] += 1
    with pytest.raises(SaveError, match="checksum"):
        read_document(encode(doc))


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("seed",), "twelve", "seed"),
        (("commands", 0, "turn"), True, "turn"),
        (("commands", 0, "command", "type"), "explode", "command"),
        (("keyframes", -1, "state", "meters"), [1, 2], "meters"),
        (("content", "extra"), 1, "extra"),
    ],
)
def test_structure_errors_name_the_field(
    saga_content: Content, saga: Campaign, path: tuple[Any, ...], value: Any, field: str
) -> None:
    doc = saved(saga_content, saga, 10)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    doc["checksum"] = checksum_of(doc)
    with pytest.raises(SaveError, match="not a valid save") as info:
        read_document(encode(doc))
    assert field in str(info.value)


def test_keyframes_out_of_order_are_refused(saga_content: Content, saga: Campaign) -> None:
    doc = saved(saga_content, saga, 120)
    assert len(doc["keyframes"]) == 3
    doc["keyframes"][0], doc["keyframes"][1] = doc["keyframes"][1], doc["keyframes"][0]
    doc["checksum"] = checksum_of(doc)
    with pytest.raises(SaveError, match="out of order"):
        read_document(encode(doc))


def test_a_save_converted_to_yaml_still_loads(saga_content: Content, saga: Campaign) -> None:
    import yaml

    doc = saved(saga_content, saga, 20)
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    assert not text.lstrip().startswith("{")
    save = read_document(text.encode())
    assert replay_save(saga_content, save).divergence is None
