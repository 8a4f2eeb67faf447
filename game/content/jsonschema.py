"""JSON Schema (draft 7) of content files, generated from the schema and the registry.

Editors' YAML language servers read draft 7; pointing one at this file gives modders
completion and inline errors for every field, condition and effect.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from game.content import schema
from game.core import ops
from game.core import spec as t

DATE_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class _Builder:
    def __init__(self, ids: Mapping[str, Sequence[str]] | None = None) -> None:
        self.definitions: dict[str, Any] = {}
        self.ids = ids or {}

    def of(self, typ: t.Type) -> dict[str, Any]:
        if isinstance(typ, t.Str):
            out: dict[str, Any] = {"type": "string"}
            if typ.pattern:
                out["pattern"] = typ.pattern
            return out
        if isinstance(typ, t.Text):
            return {"type": "string", "minLength": 1}
        if isinstance(typ, (t.Int, t.Num)):
            out = {"type": "integer" if isinstance(typ, t.Int) else "number"}
            if typ.min is not None:
                out["minimum"] = typ.min
            if typ.max is not None:
                out["maximum"] = typ.max
            return out
        if isinstance(typ, t.Bool):
            return {"type": "boolean"}
        if isinstance(typ, t.Date):
            return {"type": "string", "pattern": DATE_PATTERN}
        if isinstance(typ, t.Ref):
            known = self.ids.get(typ.kind)
            if known and typ.role == "read":  # completion, and a squiggle under a typo
                return {"type": "string", "enum": sorted(known), "description": f"a {typ.kind} id"}
            if known:  # a flag being set may be new: offer the known ones without refusing others
                return {"type": "string", "examples": sorted(known), "description": f"a {typ.kind} id"}
            return {"type": "string", "description": f"a {typ.kind} id"}
        if isinstance(typ, t.Enum):
            return {"enum": list(typ.values)}
        if isinstance(typ, t.ListOf):
            out = {"type": "array", "items": self.of(typ.item)}
            if typ.min_items:
                out["minItems"] = typ.min_items
            return out
        if isinstance(typ, t.OneOrList):
            item = self.of(typ.item)
            return {"anyOf": [item, {"type": "array", "items": item, "minItems": 1}]}
        if isinstance(typ, t.MapOf):
            out = {"type": "object", "additionalProperties": self.of(typ.value)}
            if isinstance(typ.key, t.Str) and typ.key.pattern:
                out["propertyNames"] = {"pattern": typ.key.pattern}
            elif isinstance(typ.key, t.Int):
                out["propertyNames"] = {"pattern": r"^\d+$"}
            if typ.min_items:
                out["minProperties"] = typ.min_items
            return out
        if isinstance(typ, t.OneOf):
            return {"anyOf": [self.of(o) for o in typ.options]}
        if isinstance(typ, t.Record):
            return self.record(typ)
        if isinstance(typ, t.Condition):
            return {"$ref": "#/definitions/condition"}
        if isinstance(typ, t.Anything):
            return {"description": typ.hint}
        return {"$ref": "#/definitions/effect"}

    def record(self, rec: t.Record) -> dict[str, Any]:
        name = rec.name.replace(" ", "_")
        if name not in self.definitions:
            self.definitions[name] = {}  # placeholder against recursion
            body: dict[str, Any] = {
                "type": "object",
                "properties": {k: {**self.of(f.type), "description": f.doc} for k, f in rec.fields.items()},
                "additionalProperties": False,
            }
            required = [k for k, f in rec.fields.items() if f.required]
            if required:
                body["required"] = required
            if rec.one_of_required:
                body["allOf"] = [{"anyOf": [{"required": [k]} for k in group]} for group in rec.one_of_required]
            if rec.doc:
                body["description"] = rec.doc
            self.definitions[name] = body
        return {"$ref": f"#/definitions/{name}"}

    def operations(self, table: dict[str, ops.Operation]) -> dict[str, Any]:
        variants = []
        for op in table.values():
            props = {op.name: {**self.of(op.value), "description": op.doc}}
            for k, f in op.extras.items():
                props[k] = {**self.of(f.type), "description": f.doc}
            variant: dict[str, Any] = {
                "type": "object",
                "properties": props,
                "required": [op.name] + [k for k, f in op.extras.items() if f.required],
                "additionalProperties": False,
            }
            if op.need_one_extra:
                variant["anyOf"] = [{"required": [k]} for k in op.need_one_extra]
            variants.append(variant)
        return {"oneOf": variants}


def content_schema(ids: Mapping[str, Sequence[str]] | None = None) -> dict[str, Any]:
    """The JSON Schema of a content file; with ``ids`` (kind -> known ids, as ``Content.ids``
    gives), references to meters, flags, cards, characters and endings list the ids."""
    builder = _Builder(ids)
    builder.definitions["condition"] = {}
    builder.definitions["effect"] = {}
    builder.definitions["condition"] = builder.operations(ops.CONDITIONS)
    builder.definitions["effect"] = builder.operations(ops.EFFECTS)
    root = builder.record(schema.CONTENT_FILE)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://divergence.invalid/content.schema.json",
        "title": "Divergence content file",
        **root,
        "definitions": builder.definitions,
    }
