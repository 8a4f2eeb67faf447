"""A small type language describing content: one description feeds the validator, the JSON
Schema and the modding reference, so the three cannot disagree.

Types are plain frozen attrs objects; they hold no behaviour beyond a short human name.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs


@attrs.frozen
class Str:
    """A short string (an id, a name)."""

    pattern: str | None = None
    hint: str = "a string"


@attrs.frozen
class Text:
    """Prose for the reader; may be long."""

    hint: str = "text"


@attrs.frozen
class Int:
    """An integer, optionally bounded."""

    min: int | None = None
    max: int | None = None
    hint: str = "an integer"


@attrs.frozen
class Num:
    """A number (int or float), optionally bounded."""

    min: float | None = None
    max: float | None = None
    hint: str = "a number"


@attrs.frozen
class Bool:
    """true or false."""

    hint: str = "true or false"


@attrs.frozen
class Date:
    """A month written as a quoted ``"YYYY-MM"``."""

    hint: str = 'a date "YYYY-MM"'


@attrs.frozen
class Ref:
    """A reference to a named thing; ``role`` says whether it is read or written (flags)."""

    kind: str  # meter | flag | card | character | ending | policy | campaign
    role: str = "read"  # read | write
    hint: str = ""


@attrs.frozen
class Enum:
    """One of a fixed set of words."""

    values: tuple[str, ...]
    hint: str = ""


@attrs.frozen
class ListOf:
    """A list of items of one type."""

    item: Type
    min_items: int = 0


@attrs.frozen
class OneOrList:
    """A single item or a list of them."""

    item: Type


@attrs.frozen
class MapOf:
    """A mapping from keys of one type to values of another."""

    key: Type
    value: Type
    min_items: int = 0


@attrs.frozen
class OneOf:
    """Either of several types, told apart by the value's shape (a number or a mapping)."""

    options: tuple[Type, ...]


@attrs.frozen
class Field:
    """A named field of a record."""

    type: Type
    required: bool = False
    doc: str = ""


@attrs.frozen
class Record:
    """A mapping with known fields; unknown keys are errors."""

    name: str
    fields: Mapping[str, Field]
    doc: str = ""
    one_of_required: tuple[tuple[str, ...], ...] = ()


@attrs.frozen
class Anything:
    """Any value; checked elsewhere (a patch's values are checked against the type at their path)."""

    hint: str = "any value"


@attrs.frozen
class Condition:
    """A condition from the registry of operations."""


@attrs.frozen
class Effect:
    """An effect from the registry of operations."""


Type = (
    Str
    | Text
    | Int
    | Num
    | Bool
    | Date
    | Ref
    | Enum
    | ListOf
    | OneOrList
    | MapOf
    | Record
    | OneOf
    | Condition
    | Effect
    | Anything
)


def describe(t: Type) -> str:
    """A short human description of a type, for error messages and the reference."""
    if isinstance(t, (Str, Text, Int, Num, Bool, Date, Anything)):
        return t.hint
    if isinstance(t, Ref):
        return t.hint or f"a {t.kind} id"
    if isinstance(t, Enum):
        return t.hint or "one of " + ", ".join(t.values)
    if isinstance(t, ListOf):
        return f"a list of {describe(t.item)}"
    if isinstance(t, OneOrList):
        return f"{describe(t.item)} or a list of them"
    if isinstance(t, MapOf):
        return f"a mapping of {describe(t.key)} to {describe(t.value)}"
    if isinstance(t, Record):
        return f"a {t.name} mapping"
    if isinstance(t, OneOf):
        return " or ".join(describe(o) for o in t.options)
    if isinstance(t, Condition):
        return "a condition"
    return "an effect"
