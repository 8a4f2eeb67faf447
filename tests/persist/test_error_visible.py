"""A save's refusal message is one visible line whatever its keys hold (found by the save fuzzer:
an extra key "\\n" in a keyframe put a raw newline into the message)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.persist.document import checksum_of
from game.persist.errors import SaveError
from game.persist.reader import read_document

GOLDEN = sorted((Path(__file__).parent.parent / "fixtures" / "saves").glob("*v3*.json"))


@pytest.mark.parametrize("key", ["\n", "\x1b[31m", "a\u2028b", "\x00", "\u200e"])
def test_a_bad_key_in_a_keyframe_is_named_in_one_visible_line(key: str) -> None:
    doc = json.loads(GOLDEN[0].read_text(encoding="utf-8"))
    doc["keyframes"] = [{key: 1}]
    doc["checksum"] = checksum_of(doc)
    with pytest.raises(SaveError) as refused:
        read_document(json.dumps(doc).encode())
    message = str(refused.value)
    assert message.startswith("not a valid save")
    assert message.isprintable(), repr(message)
