"""The reader's fast route (no per-object hook; no integer hook when no digit run is long
enough) refuses exactly what the strict route refuses: a repeated key anywhere, an integer
of too many digits, a non-finite number; and reads every other file to the same save."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.persist import document, migrate
from game.persist.document import SaveFile, checksum_of, dumps, from_document
from game.persist.errors import SaveError
from game.persist.reader import parse, read_document
from tests.fuzz.test_fuzz_saves import mutated

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "fixtures" / "saves" / "v3-saga-fork.json"


def _sealed_text() -> str:
    doc = json.loads(GOLDEN.read_bytes())
    doc["checksum"] = checksum_of(doc)
    return json.dumps(doc, indent=1, ensure_ascii=False)


def _repeat_key_in_object_at(text: str, anchor: str, pair: str) -> str:
    """The text with ``pair`` (``"key": value``) added right after the first ``anchor``."""
    at = text.index(anchor) + len(anchor)
    return text[:at] + pair + ", " + text[at:]


REPEATS = {
    "top level": ('"seed": ', None),
    "in a command": ('"command": {', '"type": "choose"'),
    "in a step": ('"commands": [\n  {', '"card": "saga.other"'),
    "in the final state's meters": ('"meters": {', '"doom": 1'),
    "the checksum itself": ("{", '"checksum": "00"'),
}


@pytest.mark.parametrize("where", sorted(REPEATS))
@pytest.mark.parametrize("escape", [False, True])
def test_a_repeated_key_is_refused_on_the_fast_route(where: str, escape: bool) -> None:
    text = _sealed_text()
    anchor, pair = REPEATS[where]
    if pair is None:  # repeat the seed: the same key twice at the top level
        pair = '"seed": 1'
        anchor = "{"
    bad = _repeat_key_in_object_at(text, anchor, pair)
    if escape:  # a colon written as an escape inside a string must not hide the repeat
        bad = bad.replace('"name": "', '"name": "\\u003a', 1)
    with pytest.raises(SaveError, match="appears twice"):
        read_document(bad.encode())


def test_an_escaped_colon_and_a_literal_backslash_u003a_still_load() -> None:
    doc = json.loads(GOLDEN.read_bytes())
    doc["name"] = "a:b \\u003a"  # a raw colon, and a backslash before u003a that is no escape
    doc["checksum"] = checksum_of(doc)
    text = json.dumps(doc, ensure_ascii=False).replace("a:b", "a\\u003ab", 1)
    assert read_document(text.encode()).name == "a:b \\u003a"


def test_an_integer_of_too_many_digits_is_refused_and_long_digit_runs_in_text_are_not() -> None:
    doc = json.loads(GOLDEN.read_bytes())
    doc["name"] = "9" * 40  # digits in a string: not a number
    doc["checksum"] = checksum_of(doc)
    assert read_document(json.dumps(doc).encode()).name == "9" * 40
    doc["seed"] = int("9" * 19)
    doc["checksum"] = checksum_of(doc)
    with pytest.raises(SaveError, match="19 digits"):
        read_document(json.dumps(doc).encode())


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32), indent=st.sampled_from([None, 0, 1, 4]), sort=st.booleans())
def test_the_fast_route_reads_every_good_layout_as_the_strict_route(seed: int, indent: int | None, sort: bool) -> None:
    doc = json.loads(GOLDEN.read_bytes())
    rnd = random.Random(seed)
    doc["name"] = "".join(rnd.choice('ab:"\\\u2028é{}[],0123456789') for _ in range(rnd.randint(0, 30)))
    doc["checksum"] = checksum_of(doc)
    data = json.dumps(doc, indent=indent, sort_keys=sort, ensure_ascii=rnd.random() < 0.5).encode()
    fast = read_document(data)
    strict = from_document(parse(data))
    assert dumps(fast) == dumps(strict)


@settings(max_examples=60, deadline=None)
@given(doc=mutated())
def test_the_fast_converter_accepts_and_refuses_exactly_what_the_detailed_one_does(doc: dict[str, Any]) -> None:
    version = doc.get("format_version")
    if version in (2, 3) and type(version) is int:
        try:
            doc = migrate.upgrade(doc, version)
        except SaveError:
            return

    def outcome(conv: Any) -> Any:
        try:
            return conv.structure(doc, SaveFile)
        except Exception:
            return "refused"

    assert outcome(document._FAST_CONVERTER) == outcome(document.CONVERTER)
