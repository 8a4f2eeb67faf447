"""Checks content values against the schema and the operation registry.

``Checker`` walks one file's values (as read by ``yamlsafe``, with marks) against a record
of ``game.content.schema``, reporting every problem with its line and column, and collects
the references it meets (meters, flags, cards, characters, endings) for the cross-file check
that ``game.content.loader`` runs once everything is read.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

import attrs

from game.content.diagnostics import Diagnostic, did_you_mean
from game.content.yamlsafe import MDict, MList
from game.core import ops
from game.core import spec as t
from game.core.dates import parse_month

Mark = tuple[int, int]
_PATTERNS: dict[str, re.Pattern[str]] = {}


@attrs.define
class Reference:
    """A name used somewhere that must be defined somewhere (checked after loading)."""

    kind: str
    name: str
    role: str
    path: str
    mark: Mark
    field: str
    scope: str  # the campaign the reference lives in ("" when global)
    unit: str = ""  # the card or campaign whose validity depends on it


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "the boolean " + str(value).lower()
    if value is None:
        return "nothing (null)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"the text {value!r}"


class Checker:
    """Validates values from one file; accumulates diagnostics and references."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.references: list[Reference] = []
        self.scope = ""
        self.unit = ""

    # --- reporting ----------------------------------------------------------------------

    def error(self, mark: Mark, message: str, field: str = "") -> None:
        """Record an error at a mark."""
        self.diagnostics.append(Diagnostic(self.path, mark[0], mark[1], "error", message, field))

    def warning(self, mark: Mark, message: str, field: str = "") -> None:
        """Record a warning at a mark."""
        self.diagnostics.append(Diagnostic(self.path, mark[0], mark[1], "warning", message, field))

    @property
    def error_count(self) -> int:
        """How many errors so far (used to tell whether a unit is clean)."""
        return sum(1 for d in self.diagnostics if d.is_error)

    # --- the walk -----------------------------------------------------------------------

    def check(self, value: Any, typ: t.Type, mark: Mark, field: str, raw: str | None = None) -> bool:
        """Check a value against a type; return True when it is well-formed."""
        if isinstance(typ, t.Record):
            return self._record(value, typ, mark, field)
        if isinstance(typ, t.Anything):
            return True
        if isinstance(typ, t.Condition):
            return self._operation(value, ops.CONDITIONS, "condition", mark, field)
        if isinstance(typ, t.Effect):
            return self._operation(value, ops.EFFECTS, "effect", mark, field)
        if isinstance(typ, t.ListOf):
            if not isinstance(value, list):
                self.error(mark, f"expected {t.describe(typ)}, got {_kind_of(value)}", field)
                return False
            if len(value) < typ.min_items:
                self.error(mark, f"needs at least {typ.min_items} item(s)", field)
                return False
            ok = True
            marks = getattr(value, "marks", None)
            raws = getattr(value, "raw", {})
            for i, item in enumerate(value):
                ok &= self.check(item, typ.item, marks[i] if marks else mark, f"{field}[{i}]", raws.get(i))
            return ok
        if isinstance(typ, t.OneOrList):
            if isinstance(value, list):
                return self.check(value, t.ListOf(typ.item, 1), mark, field)
            return self.check(value, typ.item, mark, field, raw)
        if isinstance(typ, t.MapOf):
            if not isinstance(value, dict):
                self.error(mark, f"expected {t.describe(typ)}, got {_kind_of(value)}", field)
                return False
            if len(value) < typ.min_items:
                self.error(mark, f"needs at least {typ.min_items} entr{'y' if typ.min_items == 1 else 'ies'}", field)
                return False
            ok = True
            for key, item in value.items():
                kmark = value.key_marks.get(key, mark) if isinstance(value, MDict) else mark
                vmark = value.value_marks.get(key, mark) if isinstance(value, MDict) else mark
                ok &= self.check(key, typ.key, kmark, f"{field}.{key}")
                ok &= self.check(item, typ.value, vmark, f"{field}.{key}", _raw(value, key))
            return ok
        if isinstance(typ, t.OneOf):
            for option in typ.options:
                if isinstance(option, t.Record) == isinstance(value, dict):
                    return self.check(value, option, mark, field, raw)
            self.error(mark, f"expected {t.describe(typ)}, got {_kind_of(value)}", field)
            return False
        return self._scalar(value, typ, mark, field, raw)

    def _scalar(self, value: Any, typ: t.Type, mark: Mark, field: str, raw: str | None) -> bool:
        if isinstance(typ, (t.Str, t.Text, t.Ref, t.Enum, t.Date)):
            if not isinstance(value, str):
                self._not_text(value, typ, mark, field, raw)
                return False
            if isinstance(typ, t.Str) and typ.pattern:
                pattern = _PATTERNS.setdefault(typ.pattern, re.compile(typ.pattern))
                if not pattern.match(value):
                    self.error(mark, f"{value!r} is not {typ.hint}", field)
                    return False
            if isinstance(typ, t.Text) and not value.strip():
                self.error(mark, "is empty", field)
                return False
            if isinstance(typ, t.Enum) and value not in typ.values:
                self.error(
                    mark, f"{value!r} is not one of {', '.join(typ.values)}{did_you_mean(value, typ.values)}", field
                )
                return False
            if isinstance(typ, t.Date):
                try:
                    parse_month(value)
                except ValueError as exc:
                    self.error(mark, str(exc), field)
                    return False
            if isinstance(typ, t.Ref):
                self.references.append(
                    Reference(typ.kind, value, typ.role, self.path, mark, field, self.scope, self.unit)
                )
            return True
        if isinstance(typ, t.Bool):
            if not isinstance(value, bool):
                self.error(mark, f"expected true or false, got {_kind_of(value)}", field)
                return False
            return True
        if isinstance(typ, (t.Int, t.Num)):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                hint = f" (YAML read `{raw}` as {_kind_of(value)})" if raw is not None else ""
                self.error(mark, f"expected {typ.hint}, got {_kind_of(value)}{hint}", field)
                return False
            if raw is not None and ":" in raw:
                self.error(
                    mark, f"YAML 1.1 reads `{raw}` as the base-60 number {value}; write the number you mean", field
                )
                return False
            if isinstance(typ, t.Int) and not isinstance(value, int):
                self.error(mark, f"expected an integer, got {value}", field)
                return False
            if value != value or value in (float("inf"), float("-inf")):
                self.error(mark, f"expected a finite number, got {value}", field)
                return False
            if typ.min is not None and value < typ.min:
                self.error(mark, f"{value} is below the minimum {typ.min}", field)
                return False
            if typ.max is not None and value > typ.max:
                self.error(mark, f"{value} is above the maximum {typ.max}", field)
                return False
            return True
        raise TypeError(f"unknown type {typ!r}")  # a bug in the schema, not in content

    def _not_text(self, value: Any, typ: t.Type, mark: Mark, field: str, raw: str | None) -> None:
        want = t.describe(typ)
        if isinstance(typ, t.Date) and isinstance(value, datetime.date):
            self.error(mark, f'YAML read {raw or value} as a date; write the month in quotes as "YYYY-MM"', field)
        elif isinstance(typ, t.Date) and isinstance(value, int):
            self.error(mark, f'expected {want}, got the number {value}; write "{value}-01" in quotes', field)
        elif raw is not None:
            self.error(
                mark,
                f'YAML 1.1 read `{raw}` as {_kind_of(value)}, but {want} was meant; put it in quotes: "{raw}"',
                field,
            )
        else:
            self.error(mark, f"expected {want}, got {_kind_of(value)}", field)

    def _record(self, value: Any, rec: t.Record, mark: Mark, field: str) -> bool:
        if not isinstance(value, dict):
            self.error(mark, f"expected {t.describe(rec)}, got {_kind_of(value)}", field)
            return False
        ok = True
        for key, item in value.items():
            kmark = _key_mark(value, key, mark)
            sub = f"{field}.{key}" if field else str(key)
            spec = rec.fields.get(key) if isinstance(key, str) else None
            if spec is None:
                self.error(kmark, f"unknown key '{key}' in {rec.name}{did_you_mean(str(key), rec.fields)}", sub)
                ok = False
                continue
            ok &= self.check(item, spec.type, _value_mark(value, key, mark), sub, _raw(value, key))
        for key, spec in rec.fields.items():
            if spec.required and key not in value:
                self.error(mark, f"{rec.name} is missing the required key '{key}'", f"{field}.{key}" if field else key)
                ok = False
        for group in rec.one_of_required:
            if not any(k in value for k in group):
                self.error(mark, f"{rec.name} needs one of: {', '.join(group)}", field)
                ok = False
        return ok

    def _operation(self, value: Any, table: Mapping[str, ops.Operation], what: str, mark: Mark, field: str) -> bool:
        if not isinstance(value, dict) or not value:
            self.error(
                mark, f"expected {what} (a mapping such as {{{next(iter(table))}: ...}}), got {_kind_of(value)}", field
            )
            return False
        heads = [k for k in value if k in table]
        if not heads:
            key = next(iter(value))
            extras_any = {x for op in table.values() for x in op.extras}
            hint = did_you_mean(str(key), list(table))
            if key in extras_any:
                hint = f"; '{key}' goes beside an operation such as meter"
            self.error(_key_mark(value, key, mark), f"unknown {what} '{key}'{hint}", f"{field}.{key}")
            return False
        if len(heads) > 1:
            joiner = "wrap them in all: [...]" if what == "condition" else "give each its own list item"
            self.error(mark, f"one {what} per mapping, found {', '.join(heads)}; {joiner}", field)
            return False
        head = heads[0]
        op = table[head]
        if op.extras and isinstance(value[head], dict) and not isinstance(op.value, t.Record):
            self.error(
                _value_mark(value, head, mark),
                f"'{head}' takes {t.describe(op.value)}, with its other keys ({', '.join(op.extras)}) "
                f"beside it in the same mapping, as in {op.example}",
                f"{field}.{head}",
            )
            return False
        ok = self.check(value[head], op.value, _value_mark(value, head, mark), f"{field}.{head}", _raw(value, head))
        for key, item in value.items():
            if key == head:
                continue
            spec = op.extras.get(key)
            if spec is None:
                allowed = f" (it takes {', '.join(op.extras)})" if op.extras else " (it takes no other keys)"
                self.error(
                    _key_mark(value, key, mark),
                    f"unknown key '{key}' beside {what} '{head}'{allowed}{did_you_mean(str(key), op.extras)}",
                    f"{field}.{key}",
                )
                ok = False
                continue
            ok &= self.check(item, spec.type, _value_mark(value, key, mark), f"{field}.{key}", _raw(value, key))
        for key, spec in op.extras.items():
            if spec.required and key not in value:
                self.error(mark, f"{what} '{head}' needs '{key}'", field)
                ok = False
        if op.need_one_extra and not any(k in value for k in op.need_one_extra):
            self.error(mark, f"{what} '{head}' needs one of {', '.join(op.need_one_extra)}", field)
            ok = False
        if head == "chose" and ok:
            choice = value[head]
            self.references.append(
                Reference(
                    "option",
                    f"{choice['card']}#{choice['option']}",
                    "read",
                    self.path,
                    _value_mark(value, head, mark),
                    f"{field}.chose",
                    self.scope,
                    self.unit,
                )
            )
        if head == "date" and ok and isinstance(value[head], dict):
            w = value[head]
            if "from" in w and "to" in w and parse_month(w["from"]) > parse_month(w["to"]):
                self.error(mark, f"date window ends ({w['to']}) before it starts ({w['from']})", f"{field}.date")
                ok = False
        return ok


def _key_mark(value: Any, key: Any, default: Mark) -> Mark:
    return value.key_marks.get(key, default) if isinstance(value, MDict) else default


def _value_mark(value: Any, key: Any, default: Mark) -> Mark:
    return value.value_marks.get(key, default) if isinstance(value, MDict) else default


def _raw(value: Any, key: Any) -> str | None:
    return value.raw.get(key) if isinstance(value, (MDict, MList)) else None


def mark_of(value: Any, default: Mark = (1, 1)) -> Mark:
    """The mark of a container read by yamlsafe (or the default)."""
    return getattr(value, "mark", default)
