"""Safe YAML reading for untrusted content: the C event parser and an iterative composer.

PyYAML's own ``safe_load`` is not enough for files from strangers: it shares aliases (an
alias bomb loads in a millisecond and explodes in whatever walks it), its C composer
recurses and can crash the process on deep nesting, it silently keeps the last of two
duplicate keys, and some bad scalars raise errors that are not ``YAMLError``. This module
reads the event stream from libyaml and builds plain Python values itself, iteratively, with:

- caps on file size, nesting depth and the number of nodes after alias expansion;
- duplicate keys rejected, any tag that is not a plain YAML type refused;
- every mapping and list remembering the line and column of each of its entries, so the
  validator can say ``file:line:column``;
- plain scalars that YAML 1.1 turns into booleans, dates or sexagesimal numbers remembered
  with their original text, so the validator can say "``NO`` was read as false".
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 2_000_000

_ALLOWED_TAGS = {
    None,
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

# libyaml's C parser: the composer walks its events. A PyYAML built without libyaml has no
# CSafeLoader; that is reported once, clearly, by ``LibyamlMissingError`` rather than as an
# AttributeError deep in a load.
_C_LOADER: Any = getattr(yaml, "CSafeLoader", None)

_CONSTRUCTOR = SafeConstructor()
_RESOLVER = Resolver()
_BUILDERS = {
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
    "tag:yaml.org,2002:null": _CONSTRUCTOR.construct_yaml_null,
    "tag:yaml.org,2002:timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}
# First characters after which a plain scalar can only be a string (the common case).
_ONLY_STRING_START = set("abcdeghijklmpqrsuvwxzABCDEGHIJKLMPQRSUVWXZ\"'(")


class LibyamlMissingError(RuntimeError):
    """This PyYAML was built without libyaml, whose C parser the content loader needs."""

    def __init__(self) -> None:
        super().__init__(
            "this PyYAML was built without libyaml (yaml.CSafeLoader is missing), and the content "
            "loader needs its C parser; reinstall it from a wheel: pip install --force-reinstall --only-binary "
            ":all: pyyaml"
        )


class YamlError(Exception):
    """A file that could not be read as safe YAML; carries a 1-based line and column."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class MDict(dict):  # type: ignore[type-arg]
    """A mapping that remembers where it and each of its keys and values stand.

    ``key_marks``, ``value_marks``, ``raw`` and ``merged`` are made on first use: most
    mappings never need them once checked, and a mapping rebuilt from the content cache keeps
    its marks packed (``pack``) until something asks for one.
    """

    __slots__ = ("_km", "_merged", "_pk", "_raw", "_vm", "mark")

    def __init__(self, mark: tuple[int, int]) -> None:
        super().__init__()
        self.mark = mark
        self._km: dict[Any, tuple[int, int]] | None = None
        self._vm: dict[Any, tuple[int, int]] | None = None
        self._raw: dict[Any, str] | None = None
        self._merged: set[Any] | None = None
        self._pk: tuple[Sequence[int], Sequence[int], int] | None = None

    def _unpack(self) -> None:
        km: dict[Any, tuple[int, int]] = {}
        vm: dict[Any, tuple[int, int]] = {}
        if self._pk is not None:
            lines, cols, at = self._pk
            for key in self:
                km[key] = (lines[at], cols[at])
                vm[key] = (lines[at + 1], cols[at + 1])
                at += 2
            self._pk = None
        self._km, self._vm = km, vm

    @property
    def key_marks(self) -> dict[Any, tuple[int, int]]:
        """Where each key stands (line, column)."""
        if self._km is None:
            self._unpack()
        return self._km  # type: ignore[return-value]

    @key_marks.setter
    def key_marks(self, value: dict[Any, tuple[int, int]]) -> None:
        if self._vm is None:
            self._unpack()
        self._km = value

    @property
    def value_marks(self) -> dict[Any, tuple[int, int]]:
        """Where each value stands (line, column)."""
        if self._vm is None:
            self._unpack()
        return self._vm  # type: ignore[return-value]

    @value_marks.setter
    def value_marks(self, value: dict[Any, tuple[int, int]]) -> None:
        if self._km is None:
            self._unpack()
        self._vm = value

    @property
    def raw(self) -> dict[Any, str]:
        """The original text of values YAML 1.1 coerced (``NO`` -> False), by key."""
        if self._raw is None:
            self._raw = {}
        return self._raw

    @raw.setter
    def raw(self, value: dict[Any, str]) -> None:
        self._raw = value

    @property
    def merged(self) -> set[Any]:
        """The keys that came from a ``<<`` merge (a later explicit key may replace them)."""
        if self._merged is None:
            self._merged = set()
        return self._merged

    @merged.setter
    def merged(self, value: set[Any]) -> None:
        self._merged = value

    def pack_marks(self, lines: Sequence[int], cols: Sequence[int], at: int) -> None:
        """Take the marks of the keys and values, in key order, from ``lines``/``cols`` at ``at``
        (two a key: the key's, then the value's); unpacked when first asked for."""
        self._km = self._vm = None
        self._pk = (lines, cols, at)


class MList(list):  # type: ignore[type-arg]
    """A list that remembers where it and each item stand (``marks`` and ``raw`` made on first use)."""

    __slots__ = ("_marks", "_pk", "_raw", "mark")

    def __init__(self, mark: tuple[int, int]) -> None:
        super().__init__()
        self.mark = mark
        self._marks: list[tuple[int, int]] | None = None
        self._raw: dict[int, str] | None = None
        self._pk: tuple[Sequence[int], Sequence[int], int] | None = None

    @property
    def marks(self) -> list[tuple[int, int]]:
        """Where each item stands (line, column), in order."""
        if self._marks is None:
            marks: list[tuple[int, int]] = []
            if self._pk is not None:
                lines, cols, at = self._pk
                marks = list(zip(lines[at : at + len(self)], cols[at : at + len(self)], strict=True))
                self._pk = None
            self._marks = marks
        return self._marks

    @marks.setter
    def marks(self, value: list[tuple[int, int]]) -> None:
        self._pk = None
        self._marks = value

    @property
    def raw(self) -> dict[int, str]:
        """The original text of items YAML 1.1 coerced, by index."""
        if self._raw is None:
            self._raw = {}
        return self._raw

    @raw.setter
    def raw(self, value: dict[int, str]) -> None:
        self._raw = value

    def pack_marks(self, lines: Sequence[int], cols: Sequence[int], at: int) -> None:
        """Take the marks of the items from ``lines``/``cols`` at ``at``; unpacked when asked for."""
        self._marks = None
        self._pk = (lines, cols, at)


def _mark(event: Any) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _scalar(event: Any) -> tuple[Any, bool]:
    """The value of a scalar event and whether YAML 1.1 turned plain text into a non-string."""
    value = event.value
    tag = event.tag
    if tag not in _ALLOWED_TAGS:
        raise YamlError(
            f"YAML tag {tag!r} is not allowed in content (only plain strings, numbers, booleans, lists and mappings)",
            *_mark(event),
        )
    if tag in (None, "!") and event.style:  # quoted or block scalar: always a string
        return value, False
    if tag in ("!", "tag:yaml.org,2002:str"):
        return value, False
    if tag is None:
        if value and value[0] in _ONLY_STRING_START:
            return value, False
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
        if tag == "tag:yaml.org,2002:str":
            return value, False
    builder = _BUILDERS.get(tag)
    if builder is None:
        return value, False
    node = yaml.ScalarNode(tag, value)
    try:
        result = builder(node)
    except Exception as exc:  # bad timestamps and numbers raise ValueError and friends
        raise YamlError(f"cannot read the value {value!r}: {exc}", *_mark(event)) from None
    coerced = event.tag is None and (
        isinstance(result, (bool, datetime.date))
        or result is None
        or (":" in value and isinstance(result, (int, float)))
    )
    return result, coerced


def load(
    data: bytes | str, max_bytes: int = MAX_FILE_BYTES, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES
) -> Any:
    """Parse one YAML document from untrusted bytes into plain values with marks.

    Raises YamlError (with line and column) for anything unsafe or malformed, including the
    first problem the parser could read past (a duplicate key).
    """
    doc, problems = load_document(data, max_bytes, max_depth, max_nodes)
    if problems:
        raise problems[0]
    return doc


def load_document(
    data: bytes | str, max_bytes: int = MAX_FILE_BYTES, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES
) -> tuple[Any, list[YamlError]]:
    """Like ``load``, but problems the parser can read past are returned, not raised.

    A duplicate key is such a problem: the first value is kept, the later one left out, and
    the rest of the file is still read, so the validator can report the file's other errors
    too. Anything the parser cannot go on after (a syntax error, an unsafe tag, a cap passed)
    is raised as YamlError.
    """
    if isinstance(data, bytes):
        if len(data) > max_bytes:
            raise YamlError(f"file is {len(data):,} bytes, more than the limit of {max_bytes:,}")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            before = data[: exc.start]
            line = before.count(b"\n") + 1
            column = exc.start - (before.rfind(b"\n") + 1) + 1
            raise YamlError("file is not valid UTF-8 text", line, column) from None
    else:
        text = data
        if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
            raise YamlError(f"file is more than the limit of {max_bytes:,} bytes")
    if text.startswith("\ufeff"):
        text = text[1:]
    _refuse_control_characters(text)
    text, restore = _protect_line_separators(text)
    problems: list[YamlError] = []
    try:
        return _compose(text, max_depth, max_nodes, problems, restore), problems
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML syntax: {exc}") from None
    except (ValueError, TypeError, RecursionError, MemoryError) as exc:
        raise YamlError(f"cannot read the file: {exc}") from None


# Characters YAML does not allow in a stream (C0 and C1 controls other than tab and line
# breaks, surrogates, U+FFFE/U+FFFF). libyaml refuses them too, but reports a byte offset at
# 1:1; found here first, they are reported at their own line and column.
_FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# YAML 1.1 (libyaml) counts NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks, editors
# do not: every later position would be off by one line per such character. They are swapped
# for private-use stand-ins while parsing and put back in every scalar.
_SEPARATORS = ("\x85", "\u2028", "\u2029")


def _refuse_control_characters(text: str) -> None:
    found = _FORBIDDEN.search(text)
    if found is None:
        return
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    code = ord(found.group())
    raise YamlError(
        f"the control character U+{code:04X} is not allowed in a content file; write it as an escape "
        f'inside double quotes ("\\x{code:02x}") if you really mean it, or delete it',
        line,
        column,
    )


def _protect_line_separators(text: str) -> tuple[str, dict[str, str] | None]:
    if not any(sep in text for sep in _SEPARATORS):
        return text, None
    restore: dict[str, str] = {}
    candidate = 0xF0000  # plane 15, private use: stand-ins that are not in the text
    for sep in _SEPARATORS:
        while chr(candidate) in text:
            candidate += 1
        restore[chr(candidate)] = sep
        text = text.replace(sep, chr(candidate))
        candidate += 1
    return text, restore


def _restored(value: str, restore: dict[str, str]) -> str:
    for stand_in, sep in restore.items():
        value = value.replace(stand_in, sep)
    return value


_HINTS = {
    "mapping values are not allowed": "; text that contains ': ' must be in quotes",
    "found character '\\t'": "; indent with spaces, not tabs",
    "found a tab character": "; indent with spaces, not tabs",
    "did not find expected '-' indicator": "; every item of a list starts with '- ' at the same indentation",
    "did not find expected key": "; check the indentation of this line and the one before",
}


def _syntax_error(exc: yaml.MarkedYAMLError) -> YamlError:
    """A libyaml error as ours: its position, what was open when it went wrong, and a hint."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = str(exc.problem or exc.context)
    message = f"YAML syntax: {problem}"
    ctx = exc.context_mark
    if exc.context and ctx is not None and (ctx.line, ctx.column) != (line - 1, col - 1):
        message += f" ({exc.context} opened at line {ctx.line + 1}, column {ctx.column + 1})"
    for needle, hint in _HINTS.items():
        if needle in problem:
            message += hint
            break
    return YamlError(message, line, col)


def _compose(
    text: str, max_depth: int, max_nodes: int, problems: list[YamlError], restore: dict[str, str] | None
) -> Any:
    if _C_LOADER is None:
        raise LibyamlMissingError()
    loader = _C_LOADER(text)
    try:
        return _walk(loader, max_depth, max_nodes, problems, restore)
    finally:
        loader.dispose()


def _walk(
    loader: Any, max_depth: int, max_nodes: int, problems: list[YamlError], restore: dict[str, str] | None
) -> Any:
    # A stack of open containers: [container, pending_key, key_mark, sizes_start].
    stack: list[list[Any]] = []
    anchors: dict[str, tuple[Any, int]] = {}
    anchor_open: list[tuple[str, int]] = []  # (anchor, node count at open) for containers
    nodes = 0
    root: Any = None
    documents = 0
    have_root = False

    def attach(value: Any, mark: tuple[int, int], raw: str | None) -> None:
        nonlocal root, have_root
        if not stack:
            root, have_root = value, True
            return
        top = stack[-1]
        container = top[0]
        if isinstance(container, MList):
            if raw is not None:
                container.raw[len(container)] = raw
            container.append(value)
            container.marks.append(mark)
            return
        if top[1] is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise YamlError("a mapping key must be a plain value, not a list or mapping", *mark)
            if value in container and value not in container.merged:
                problems.append(
                    YamlError(f"duplicate key {value!r} (first at line {container.key_marks[value][0]})", *mark)
                )
                top[1] = _DROP  # the later value is read and left out
                return
            top[1] = value
            top[2] = mark
            return
        key = top[1]
        if key is _DROP:
            top[1] = _NO_KEY
            return
        if key == "<<" and raw is None and top[3]:
            _merge(container, value, mark)
        else:
            container.merged.discard(key)
            container[key] = value
            container.key_marks[key] = top[2]
            container.value_marks[key] = mark
            if raw is not None:
                container.raw[key] = raw
        top[1] = _NO_KEY

    while True:
        event = loader.get_event()
        if event is None:
            break
        kind = type(event).__name__
        if kind == "ScalarEvent":
            nodes += 1
            value, coerced = _scalar(event)
            if restore is not None and isinstance(value, str):
                value = _restored(value, restore)
            is_merge_key = (
                bool(stack)
                and isinstance(stack[-1][0], MDict)
                and stack[-1][1] is _NO_KEY
                and value == "<<"
                and not event.style
            )
            if stack and isinstance(stack[-1][0], MDict) and stack[-1][1] is _NO_KEY:
                stack[-1][3] = is_merge_key
            if event.anchor:
                anchors[event.anchor] = (value, 1)
            attach(value, _mark(event), event.value if coerced else None)
        elif kind in ("MappingStartEvent", "SequenceStartEvent"):
            nodes += 1
            if event.tag not in _ALLOWED_TAGS:
                raise YamlError(f"YAML tag {event.tag!r} is not allowed in content", *_mark(event))
            if len(stack) >= max_depth:
                raise YamlError(f"nesting deeper than {max_depth} levels", *_mark(event))
            container: Any = MDict(_mark(event)) if kind == "MappingStartEvent" else MList(_mark(event))
            stack.append([container, _NO_KEY, None, False])
            if event.anchor:
                anchor_open.append((event.anchor, nodes))
            else:
                anchor_open.append(("", nodes))
        elif kind in ("MappingEndEvent", "SequenceEndEvent"):
            top = stack.pop()
            anchor, start = anchor_open.pop()
            if anchor:
                anchors[anchor] = (top[0], nodes - start + 1)
            attach(top[0], top[0].mark, None)
        elif kind == "AliasEvent":
            if event.anchor not in anchors:
                raise YamlError(f"alias *{event.anchor} refers to no anchor defined before it", *_mark(event))
            value, size = anchors[event.anchor]
            nodes += size
            if (
                stack
                and isinstance(stack[-1][0], MDict)
                and stack[-1][1] is not _NO_KEY
                and stack[-1][1] == "<<"
                and stack[-1][3]
            ):
                _merge(stack[-1][0], value, _mark(event))
                stack[-1][1] = _NO_KEY
            else:
                attach(value, _mark(event), None)
        elif kind == "DocumentStartEvent":
            documents += 1
            if documents > 1:
                raise YamlError("more than one YAML document in the file ('---'); put everything in one", *_mark(event))
        if nodes > max_nodes:
            raise YamlError(f"more than {max_nodes:,} nodes once aliases are expanded (an alias bomb?)", *_mark(event))
    return root if have_root else None


def _merge(target: MDict, value: Any, mark: tuple[int, int]) -> None:
    sources = value if isinstance(value, list) else [value]
    for source in sources:
        if not isinstance(source, dict):
            raise YamlError("a merge key '<<' needs a mapping or a list of mappings", *mark)
        for k, v in source.items():
            if k not in target:
                target.merged.add(k)
                target[k] = v
                target.key_marks[k] = mark
                target.value_marks[k] = getattr(source, "value_marks", {}).get(k, mark)


class _NoKey:
    __slots__ = ()


_NO_KEY = _NoKey()
_DROP = _NoKey()  # the key of a duplicate entry, whose value is read and left out
