"""Precompiled validators: ``Checker.check``'s verdict, without its generic walk.

``Checker`` (``game.content.validate``) is the reference: it walks a value against a type of
the schema, reporting every problem with its position, and collects the references it meets.
Most content is sound, and for sound content only the verdict and the references matter. This
module compiles each type of the schema once into a closure that answers "is it sound?" and
appends the very references ``Checker`` would (same order, names, marks and fields); it builds
a field path only where a reference can be met below, and looks up a mark only where a
reference needs one.

When a validator says "not sound", the caller throws its references away and runs ``Checker``
on the same value, so every message still comes from the reference.
``tests/content/test_fast_load.py`` holds the two to the same verdicts and references.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from game.content.validate import Reference
from game.content.yamlsafe import MDict
from game.core import ops
from game.core import spec as t
from game.core.dates import parse_month


class Sink:
    """Where the references found go, and what each carries: the file, the campaign and unit."""

    __slots__ = ("path", "refs", "scope", "unit")

    def __init__(self, path: str, refs: list[Reference]) -> None:
        self.path = path
        self.refs = refs
        self.scope = ""
        self.unit = ""


# A validator: (value, mark, field, raw, sink) -> sound. ``mark`` is only read by validators
# that may append a reference for a scalar (``needs_mark``), ``field`` only by those that may
# append any reference (``needs_field``); others get None and "".
Check = Callable[[Any, Any, str, Any, Sink], bool]
_INF = (float("inf"), float("-inf"))


# The simple scalar types a record checks inline, without a call (0: call ``check``).
_CALL, _TEXT, _STR, _BOOL, _ENUM = range(5)


class _Compiled:
    __slots__ = ("arg", "check", "inline", "needs_field", "needs_mark", "wants_raw")

    def __init__(
        self,
        check: Check,
        needs_field: bool,
        needs_mark: bool,
        wants_raw: bool = False,
        inline: int = _CALL,
        arg: Any = None,
    ) -> None:
        self.check = check
        self.needs_field = needs_field
        self.needs_mark = needs_mark
        self.wants_raw = wants_raw
        self.inline = inline  # a record checks these types itself (the same test as ``check``)
        self.arg = arg


_CACHE: dict[int, _Compiled] = {}
_OPERATIONS: dict[int, _Compiled] = {}
_KEEP: list[Any] = []  # the types compiled, kept alive so their ids stay theirs


def validator(typ: t.Type) -> Check:
    """The compiled validator of a type of the schema."""
    return _compile(typ).check


def _compile(typ: t.Type) -> _Compiled:
    found = _CACHE.get(id(typ))
    if found is None:
        found = _build(typ)
        _CACHE[id(typ)] = found
        _KEEP.append(typ)
    return found


def _build(typ: t.Type) -> _Compiled:
    if isinstance(typ, t.Record):
        return _record(typ)
    if isinstance(typ, t.Anything):
        return _Compiled(lambda v, m, f, r, s: True, False, False)
    if isinstance(typ, t.Condition):
        return _operation(ops.CONDITIONS)
    if isinstance(typ, t.Effect):
        return _operation(ops.EFFECTS)
    if isinstance(typ, t.ListOf):
        return _list(typ.item, typ.min_items)
    if isinstance(typ, t.OneOrList):
        as_list = _list(typ.item, 1)
        one = _compile(typ.item)

        def one_or_list(v: Any, m: Any, f: str, r: Any, s: Sink) -> bool:
            if isinstance(v, list):
                return as_list.check(v, m, f, None, s)
            return one.check(v, m, f, r, s)

        return _Compiled(one_or_list, one.needs_field, one.needs_mark, one.wants_raw)
    if isinstance(typ, t.MapOf):
        return _map(typ)
    if isinstance(typ, t.OneOf):
        options = [(isinstance(o, t.Record), _compile(o)) for o in typ.options]

        def one_of(v: Any, m: Any, f: str, r: Any, s: Sink) -> bool:
            is_map = isinstance(v, dict)
            for is_record, option in options:
                if is_record == is_map:
                    return option.check(v, m, f, r, s)
            return False

        return _Compiled(
            one_of,
            any(o.needs_field for _, o in options),
            any(o.needs_mark for _, o in options),
            any(o.wants_raw for _, o in options),
        )
    return _scalar(typ)


def _scalar(typ: t.Type) -> _Compiled:
    if isinstance(typ, t.Str):
        if not typ.pattern:
            return _Compiled(lambda v, m, f, r, s: isinstance(v, str), False, False, inline=_STR)
        match = re.compile(typ.pattern).match
        return _Compiled(lambda v, m, f, r, s: isinstance(v, str) and match(v) is not None, False, False)
    if isinstance(typ, t.Text):
        return _Compiled(lambda v, m, f, r, s: isinstance(v, str) and bool(v.strip()), False, False, inline=_TEXT)
    if isinstance(typ, t.Enum):
        values = frozenset(typ.values)
        return _Compiled(
            lambda v, m, f, r, s: isinstance(v, str) and v in values, False, False, inline=_ENUM, arg=values
        )
    if isinstance(typ, t.Date):

        def date(v: Any, m: Any, f: str, r: Any, s: Sink) -> bool:
            if not isinstance(v, str):
                return False
            try:
                parse_month(v)
            except ValueError:
                return False
            return True

        return _Compiled(date, False, False)
    if isinstance(typ, t.Ref):
        kind, role = typ.kind, typ.role

        def ref(v: Any, m: Any, f: str, r: Any, s: Sink) -> bool:
            if not isinstance(v, str):
                return False
            s.refs.append(Reference(kind, v, role, s.path, m, f, s.scope, s.unit))
            return True

        return _Compiled(ref, True, True)
    if isinstance(typ, t.Bool):
        return _Compiled(lambda v, m, f, r, s: isinstance(v, bool), False, False, inline=_BOOL)
    if isinstance(typ, (t.Int, t.Num)):
        lo, hi, whole = typ.min, typ.max, isinstance(typ, t.Int)

        def number(v: Any, m: Any, f: str, r: Any, s: Sink) -> bool:
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                return False
            if r is not None and ":" in r:
                return False
            if whole and not isinstance(v, int):
                return False
            if v != v or v in _INF:
                return False
            return not ((lo is not None and v < lo) or (hi is not None and v > hi))

        return _Compiled(number, False, False, True)
    raise TypeError(f"unknown type {typ!r}")  # a bug in the schema, not in content


def _list(item_type: t.Type, min_items: int) -> _Compiled:
    item = _compile(item_type)
    check, needs_field, needs_mark, wants_raw = item.check, item.needs_field, item.needs_mark, item.wants_raw

    def list_of(v: Any, m: Any, f: str, r: Any, s: Sink) -> bool:
        if not isinstance(v, list) or len(v) < min_items:
            return False
        marks = getattr(v, "marks", None) if needs_mark else None
        raws = getattr(v, "_raw", None) if wants_raw else None
        for i, x in enumerate(v):
            if not check(
                x,
                (marks[i] if marks else m) if needs_mark else None,
                f"{f}[{i}]" if needs_field else "",
                raws.get(i) if raws else None,
                s,
            ):
                return False
        return True

    return _Compiled(list_of, needs_field, False)


def _map(typ: t.MapOf) -> _Compiled:
    key, value, min_items = _compile(typ.key), _compile(typ.value), typ.min_items
    needs_field = key.needs_field or value.needs_field

    def map_of(v: Any, m: Any, f: str, r: Any, s: Sink) -> bool:
        if not isinstance(v, dict) or len(v) < min_items:
            return False
        raws = getattr(v, "_raw", None)
        marked = v if isinstance(v, MDict) else None
        kmarks = (marked.key_marks if marked is not None else {}) if key.needs_mark else None
        vmarks = (marked.value_marks if marked is not None else {}) if value.needs_mark else None
        for k, x in v.items():
            sub = f"{f}.{k}" if needs_field else ""
            if not key.check(k, kmarks.get(k, m) if kmarks is not None else None, sub, None, s):
                return False
            if not value.check(
                x,
                vmarks.get(k, m) if vmarks is not None else None,
                sub,
                raws.get(k) if value.wants_raw and raws else None,
                s,
            ):
                return False
        return True

    return _Compiled(map_of, needs_field, False)


def _value_mark(v: Any, i: int, k: Any, m: Any) -> Any:
    """The mark of the value of ``k``, the ``i``-th key of ``v``: read straight from the packed
    marks of a tree built by ``fastyaml`` (no unpacking), else from ``value_marks``."""
    packed = getattr(v, "_pk", None)
    if packed is not None:
        lines, cols, at = packed
        at += 2 * i + 1
        return (lines[at], cols[at])
    return v.value_marks.get(k, m) if isinstance(v, MDict) else m


def _record(rec: t.Record) -> _Compiled:
    fields = {k: _compile(spec.type) for k, spec in rec.fields.items()}
    table = {k: (c.inline, c.arg, c.check, c.needs_mark, c.needs_field, c.wants_raw) for k, c in fields.items()}
    required = tuple(k for k, spec in rec.fields.items() if spec.required)
    groups = rec.one_of_required
    needs_field = any(c.needs_field for c in fields.values())

    def record(v: Any, m: Any, f: str, r: Any, s: Sink) -> bool:
        if not isinstance(v, dict):
            return False
        raws = getattr(v, "_raw", None)
        i = -1
        for k, x in v.items():
            i += 1
            spec = table.get(k)
            if spec is None:
                return False
            inline, arg, check, needs_mark, needs_sub, wants_raw = spec
            if inline:
                if inline == _TEXT:
                    if not isinstance(x, str) or not x.strip():
                        return False
                elif inline == _STR:
                    if not isinstance(x, str):
                        return False
                elif inline == _BOOL:
                    if not isinstance(x, bool):
                        return False
                elif not isinstance(x, str) or x not in arg:
                    return False
                continue
            if not check(
                x,
                _value_mark(v, i, k, m) if needs_mark else None,
                (f"{f}.{k}" if f else k) if needs_sub else "",
                raws.get(k) if wants_raw and raws else None,
                s,
            ):
                return False
        for k in required:
            if k not in v:
                return False
        for group in groups:
            if not any(k in v for k in group):
                return False
        return True

    return _Compiled(record, needs_field, False)


def _operation(table: Mapping[str, ops.Operation]) -> _Compiled:
    """Conditions and effects: one head from the registry, its value and its extras.

    The registry is recursive (``all: [conditions]``), so the validator is registered before
    its heads are compiled, and finds itself through ``_OPERATIONS``."""
    found = _OPERATIONS.get(id(table))
    if found is not None:
        return found
    heads: dict[str, tuple[Any, ...]] = {}

    def operation(v: Any, m: Any, f: str, r: Any, s: Sink) -> bool:
        if not isinstance(v, dict) or not v:
            return False
        head = None
        at = 0
        for i, k in enumerate(v):
            if k in heads:
                if head is not None:
                    return False
                head, at = k, i
        if head is None:
            return False
        check, needs_mark, wants_raw, extras, required, need_one, bare_value = heads[head]
        item = v[head]
        if bare_value and isinstance(item, dict):
            return False
        raws = getattr(v, "_raw", None)
        if not check(
            item,
            _value_mark(v, at, head, m) if needs_mark else None,
            f"{f}.{head}",
            raws.get(head) if wants_raw and raws else None,
            s,
        ):
            return False
        if len(v) > 1:
            i = -1
            for k, x in v.items():
                i += 1
                if k == head:
                    continue
                spec = extras.get(k)
                if spec is None:
                    return False
                echeck, e_mark, e_raw = spec
                if not echeck(
                    x,
                    _value_mark(v, i, k, m) if e_mark else None,
                    f"{f}.{k}",
                    raws.get(k) if e_raw and raws else None,
                    s,
                ):
                    return False
        for k in required:
            if k not in v:
                return False
        if need_one and not any(k in v for k in need_one):
            return False
        if head == "chose":
            s.refs.append(
                Reference(
                    "option",
                    f"{item['card']}#{item['option']}",
                    "read",
                    s.path,
                    _value_mark(v, at, head, m),
                    f"{f}.chose",
                    s.scope,
                    s.unit,
                )
            )
        elif head == "date" and isinstance(item, dict) and "from" in item and "to" in item:
            return parse_month(item["from"]) <= parse_month(item["to"])
        return True

    compiled = _Compiled(operation, True, False)
    _OPERATIONS[id(table)] = compiled
    for name, op in table.items():
        value = _compile(op.value)
        extras = {
            k: (c.check, c.needs_mark, c.wants_raw) for k, c in ((k, _compile(f.type)) for k, f in op.extras.items())
        }
        required = tuple(k for k, spec in op.extras.items() if spec.required)
        heads[name] = (
            value.check,
            value.needs_mark,
            value.wants_raw,
            extras,
            required,
            op.need_one_extra,
            bool(op.extras) and not isinstance(op.value, t.Record),
        )
    return compiled
