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
    """A mapping that remembers where it and each of its keys and values stand."""

    __slots__ = ("key_marks", "mark", "merged", "raw", "value_marks")

    def __init__(self, mark: tuple[int, int]) -> None:
        super().__init__()
        self.mark = mark
        self.merged: set[Any] = set()
        self.key_marks: dict[Any, tuple[int, int]] = {}
        self.value_marks: dict[Any, tuple[int, int]] = {}
        self.raw: dict[Any, str] = {}


class MList(list):  # type: ignore[type-arg]
    """A list that remembers where it and each item stand."""

    __slots__ = ("mark", "marks", "raw")

    def __init__(self, mark: tuple[int, int]) -> None:
        super().__init__()
        self.mark = mark
        self.marks: list[tuple[int, int]] = []
        self.raw: dict[int, str] = {}


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

    Raises YamlError (with line and column) for anything unsafe or malformed.
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
    try:
        return _compose(text, max_depth, max_nodes)
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlError(f"YAML syntax: {exc.problem or exc.context}", line, col) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML syntax: {exc}") from None
    except (ValueError, TypeError, RecursionError, MemoryError) as exc:
        raise YamlError(f"cannot read the file: {exc}") from None


def _compose(text: str, max_depth: int, max_nodes: int) -> Any:
    if _C_LOADER is None:
        raise LibyamlMissingError()
    loader = _C_LOADER(text)
    try:
        return _walk(loader, max_depth, max_nodes)
    finally:
        loader.dispose()


def _walk(loader: Any, max_depth: int, max_nodes: int) -> Any:
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
                raise YamlError(f"duplicate key {value!r} (first at line {container.key_marks[value][0]})", *mark)
            top[1] = value
            top[2] = mark
            return
        key = top[1]
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
