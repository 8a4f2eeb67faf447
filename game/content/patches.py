"""Explicit, field-level patches: how a mod changes a card or campaign defined elsewhere.

A patch names its target (``card:`` or ``campaign:``) and says what it does, by field path::

    patches:
      - card: bukharin.paris_1936
        set: {"options[confide].outcomes[0].chance.base": 0.2}
        append: {options: {id: stay, text: "Stay in Paris"}, when: {flag: met_dan}}
        replace: {"options[decline]": {id: decline, text: "Go home at once"}}
        remove: ["options[confide].outcomes[1]"]

A path is dotted field names; ``[x]`` picks the item of a list whose ``id`` is ``x``, or the
item at index ``x``. Values are checked at read time against the schema type at their path
(``type_at``), so a mistake is reported in the mod's file with its line and column; they are
applied after every definition is read (``apply``), in mod order. Every change is recorded
(field, mod, file:line) so the compiled card knows who changed what, and two mods changing the
same field is reported as a conflict, resolved by the load order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import attrs

from game.content import schema
from game.core import ops
from game.core import spec as t

_SEGMENT = re.compile(r"^([a-z_][a-z0-9_]*)(?:\[([A-Za-z0-9_]+)\])?$")
ACTIONS = ("set", "append", "replace", "remove")


class PatchError(Exception):
    """A patch that cannot be applied or does not fit the schema (the message says why)."""


@attrs.frozen
class Change:
    """One field of one definition changed by one mod."""

    target: str  # card or campaign id
    field: str  # the path, as written
    action: str  # set | append | replace | remove | replace-whole
    mod: str
    where: str  # file:line:column of the patch

    def __str__(self) -> str:
        return f"{self.action} {self.field} by {self.mod} ({self.where})"


def split(path: str) -> list[tuple[str, str | None]]:
    """``options[a].text`` -> [("options", "a"), ("text", None)]."""
    out = []
    for part in path.split("."):
        m = _SEGMENT.match(part)
        if m is None:
            raise PatchError(f"'{path}' is not a field path (such as options[confide].text)")
        out.append((m.group(1), m.group(2)))
    return out


def root_type(kind: str) -> t.Record:
    """The schema record a patch of this kind starts from."""
    return schema.CARD if kind == "card" else schema.CAMPAIGN


def _child(typ: t.Type, name: str, path: str) -> t.Type:
    if isinstance(typ, t.Record):
        if name not in typ.fields:
            from game.content.diagnostics import did_you_mean

            raise PatchError(f"a {typ.name} has no field '{name}'{did_you_mean(name, typ.fields)} (in '{path}')")
        return typ.fields[name].type
    if isinstance(typ, t.MapOf):
        return typ.value
    if isinstance(typ, (t.Condition, t.Effect)):
        table = ops.CONDITIONS if isinstance(typ, t.Condition) else ops.EFFECTS
        if name in table:
            return table[name].value
        raise PatchError(f"'{name}' is not a {'condition' if isinstance(typ, t.Condition) else 'effect'} (in '{path}')")
    if isinstance(typ, t.OneOf):
        for option in typ.options:
            if isinstance(option, t.Record):
                return _child(option, name, path)
    raise PatchError(f"'{name}' cannot be reached in '{path}': {t.describe(typ)} has no fields")


def _item(typ: t.Type, path: str) -> t.Type:
    if isinstance(typ, (t.ListOf, t.OneOrList)):
        return typ.item
    raise PatchError(f"'{path}' picks an item with [...] from {t.describe(typ)}, which is not a list")


def type_at(kind: str, path: str) -> t.Type:
    """The schema type of the value at ``path`` in a card or campaign."""
    typ: t.Type = root_type(kind)
    for name, sel in split(path):
        typ = _child(typ, name, path)
        if sel is not None:
            typ = _item(typ, path)
    return typ


def value_type(kind: str, action: str, path: str) -> t.Type:
    """What a patch's value must be for this action at this path."""
    typ = type_at(kind, path)
    if action == "append":
        if isinstance(typ, (t.ListOf, t.OneOrList)):
            return t.OneOrList(typ.item)
        if isinstance(typ, t.Condition):
            return typ  # added with all: [...]
        if isinstance(typ, t.MapOf):
            return typ  # entries added to the mapping (meters, cast)
        raise PatchError(f"'{path}' is {t.describe(typ)}; only lists, mappings and conditions take append")
    if action == "replace" and not split(path)[-1][1]:
        raise PatchError(f"replace takes the path of an item, such as options[id] or outcomes[0], not '{path}'")
    return typ


# --- applying --------------------------------------------------------------------------------


def _pick(items: Any, sel: str, path: str) -> int:
    if not isinstance(items, list):
        raise PatchError(f"'{path}': the value there is not a list")
    for i, item in enumerate(items):
        if isinstance(item, Mapping) and item.get("id") == sel:
            return i
    if sel.isdecimal() and int(sel) < len(items):
        return int(sel)
    from game.content.diagnostics import did_you_mean

    ids = [str(i.get("id")) for i in items if isinstance(i, Mapping) and "id" in i]
    raise PatchError(
        f"'{path}': no item '{sel}' there"
        + (did_you_mean(sel, ids) or (f" (ids: {', '.join(ids)})" if ids else f" ({len(items)} items)"))
    )


def _walk(data: Any, segments: list[tuple[str, str | None]], path: str) -> tuple[Any, Any]:
    """The container holding the last segment and the key (or index) in it."""
    node = data
    for depth, (name, sel) in enumerate(segments):
        last = depth == len(segments) - 1
        if not isinstance(node, dict):
            raise PatchError(f"'{path}': '{name}' is inside something that is not a mapping")
        if last and sel is None:
            return node, name
        if name not in node:
            raise PatchError(f"'{path}': there is no '{name}' to change")
        child = node[name]
        if sel is None:
            node = child
            continue
        index = _pick(child, sel, path)
        if last:
            return child, index
        node = child[index]
    raise PatchError(f"'{path}' is empty")  # unreachable: split never returns []


def _set(container: Any, key: Any, value: Any, mark: tuple[int, int]) -> None:
    container[key] = value
    if hasattr(container, "value_marks") and not isinstance(key, int):
        container.value_marks[key] = mark
        container.key_marks.setdefault(key, mark)
    elif hasattr(container, "marks") and isinstance(key, int):
        container.marks[key] = mark


def _append(container: Any, key: Any, value: Any, typ: t.Type, mark: tuple[int, int]) -> None:
    current = container[key] if not isinstance(key, int) and key in container else None
    if isinstance(key, int):
        current = container[key]
    if isinstance(typ, t.Condition):
        if current is None:
            _set(container, key, value, mark)
        elif isinstance(current, dict) and list(current) == ["all"] and isinstance(current["all"], list):
            current["all"].append(value)
            if hasattr(current["all"], "marks"):
                current["all"].marks.append(mark)
        else:
            _set(container, key, {"all": [current, value]}, mark)
        return
    if isinstance(typ, t.MapOf):
        if current is None:
            _set(container, key, value, mark)
            return
        for k, v in value.items():
            if k in current:
                raise PatchError(f"'{k}' is already there; use set to change it")
            _set(current, k, v, mark)
        return
    items = value if isinstance(value, list) else [value]
    if current is None:
        _set(container, key, list(items), mark)
        return
    if not isinstance(current, list):
        current = [current]
        _set(container, key, current, mark)
    have = {i.get("id") for i in current if isinstance(i, Mapping)}
    for item in items:
        if isinstance(item, Mapping) and item.get("id") is not None and item.get("id") in have:
            raise PatchError(f"an item with id '{item.get('id')}' is already there; use replace to change it")
        current.append(item)
        if hasattr(current, "marks"):
            current.marks.append(mark)


def apply(data: dict[str, Any], kind: str, patch: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Apply one checked patch to a definition's data in place; return the (action, path) done.

    Raises PatchError (nothing is half-applied for that path) when a path does not exist.
    """
    done = []
    for action in ACTIONS:
        if action not in patch:
            continue
        entries = patch[action]
        marks = getattr(entries, "value_marks", {})
        pairs = [(p, None) for p in entries] if action == "remove" else list(entries.items())
        for path, value in pairs:
            mark = marks.get(path, getattr(patch, "mark", (1, 1)))
            segments = split(path)
            container, key = _walk(data, segments, path)
            if action == "set" or action == "replace":
                _set(container, key, value, mark)
            elif action == "append":
                _append(container, key, value, type_at(kind, path), mark)
            else:
                if isinstance(key, int):
                    del container[key]
                    if hasattr(container, "marks"):
                        del container.marks[key]
                else:
                    spec_type = root_type(kind)
                    if len(segments) == 1 and spec_type.fields.get(key) and spec_type.fields[key].required:
                        raise PatchError(f"'{path}' is required and cannot be removed; set it instead")
                    if key not in container:
                        raise PatchError(f"'{path}': there is nothing there to remove")
                    del container[key]
            done.append((action, path))
    return done


def overlaps(a: str, b: str) -> bool:
    """Whether two paths touch the same field (one is the other or lies inside it)."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".") or a.startswith(b + "[") or b.startswith(a + "[")


def clone(value: Any) -> Any:
    """A deep copy of values read by yamlsafe that keeps every mark (so errors still point home)."""
    from game.content.yamlsafe import MDict, MList

    if isinstance(value, MDict):
        out = MDict(value.mark)
        for k, v in value.items():
            out[k] = clone(v)
        out.key_marks = dict(value.key_marks)
        out.value_marks = dict(value.value_marks)
        out.raw = dict(value.raw)
        out.merged = set(value.merged)
        return out
    if isinstance(value, MList):
        lst = MList(value.mark)
        lst.extend(clone(v) for v in value)
        lst.marks = list(value.marks)
        lst.raw = dict(value.raw)
        return lst
    if isinstance(value, dict):
        return {k: clone(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clone(v) for v in value]
    return value
