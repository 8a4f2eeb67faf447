"""docs/MODDING.md's reference and the JSON Schema come from the registry and stay current."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import yaml

from game.content import reference
from game.content.jsonschema import content_schema
from game.core import ops

ROOT = Path(__file__).resolve().parents[2]


def test_modding_reference_is_current() -> None:
    text = (ROOT / "docs" / "MODDING.md").read_text(encoding="utf-8")
    assert reference.updated(text) == text, "docs/MODDING.md is stale: run `python -m game.content.reference`"


def test_every_operation_is_documented() -> None:
    text = (ROOT / "docs" / "MODDING.md").read_text(encoding="utf-8")
    for name in [*ops.CONDITIONS, *ops.EFFECTS]:
        assert f"#### `{name}`" in text


def test_schema_is_valid_draft7_and_accepts_shipped_content() -> None:
    schema = content_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    files = sorted((ROOT / "content").rglob("*.yaml")) + sorted((ROOT / "tests" / "fixtures" / "mini").glob("*.yaml"))
    assert files
    for path in files:
        errors = [e.message for e in validator.iter_errors(yaml.load(path.read_text(), Loader=yaml.CSafeLoader))]
        assert errors == [], (path, errors[:3])


def test_schema_rejects_what_the_validator_rejects() -> None:
    validator = jsonschema.Draft7Validator(content_schema())
    bad = {"cards": [{"id": "a.b", "kind": "event", "campaign": "x", "title": "T", "titel": "typo"}]}
    assert list(validator.iter_errors(bad))
    bad_condition = {"cards": [{"id": "a.b", "kind": "event", "campaign": "x", "title": "T", "when": {"flagg": "x"}}]}
    assert list(validator.iter_errors(bad_condition))
    good = {
        "cards": [
            {
                "id": "a.b",
                "kind": "event",
                "campaign": "x",
                "title": "T",
                "when": {"meter": "m", "gte": 1},
                "options": [{"id": "o", "text": "t"}],
            }
        ]
    }
    assert not list(validator.iter_errors(good))
