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
_RESOLVER: Any = Resolver()  # Any: its stubs leave resolve() untyped
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

    def __init__(self, message: str, line: int = 1, column: int = 1, opened: int = 0, spoils: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.opened = opened  # for a syntax error: the line where what went wrong was opened (0: none)
        self.spoils = spoils  # returned as a problem: whether the definition holding it is left out


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
        first = _syntax_error(exc)
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML syntax: {exc}") from None
    except (ValueError, TypeError, RecursionError, MemoryError) as exc:
        raise YamlError(f"cannot read the file: {exc}") from None
    return _recover(text, first, max_depth, max_nodes, restore)


MAX_SYNTAX_ERRORS = 20


def _recover(
    text: str, first: YamlError, max_depth: int, max_nodes: int, restore: dict[str, str] | None
) -> tuple[Any, list[YamlError]]:
    """Go on after a syntax error, so it does not hide the file's other errors.

    The top-level list item (a card, a character, a patch) or the top-level section holding
    the error is blanked out, line for line, so every later position stays where it was, and
    the file is read again; up to ``MAX_SYNTAX_ERRORS`` times. Each syntax error is returned as
    a problem (the definition it was in is gone already; none other is spoiled). When the
    error is not inside such a piece, the first error is raised as before.
    """
    lines = text.split("\n")
    pieces = _pieces(lines)
    errors = [first]
    while True:
        error = errors[-1]
        piece = _piece_of(pieces, error.opened or error.line) or _piece_of(pieces, error.line)
        if piece is None or len(errors) > MAX_SYNTAX_ERRORS:
            raise first
        begin, end = piece
        lines[begin:end] = [""] * (end - begin)
        pieces = [p for p in pieces if p != piece]
        problems: list[YamlError] = []
        try:
            doc = _compose("\n".join(lines), max_depth, max_nodes, problems, restore)
        except yaml.MarkedYAMLError as exc:
            errors.append(_syntax_error(exc))
            continue
        except (yaml.YAMLError, ValueError, TypeError, RecursionError, MemoryError):
            raise first from None
        for e in errors:
            e.spoils = False
        return doc, sorted([*errors, *problems], key=lambda e: (e.line, e.column))


_TOP_KEY = re.compile(r"[^\s#\-?:{}\[\]'\"][^:#]*:(\s|$)")
_ITEM = re.compile(r"( *)-(\s|$)")


def _pieces(lines: list[str]) -> list[tuple[int, int]]:
    """The blankable pieces of a file as (first line index, end index): each item of a
    top-level block list (``cards:`` then ``  - ...``), and each other top-level section whole."""
    heads = [i for i, line in enumerate(lines) if _TOP_KEY.match(line)]
    pieces: list[tuple[int, int]] = []
    for n, head in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(lines)
        body = [i for i in range(head + 1, end) if lines[i].strip() and not lines[i].lstrip().startswith("#")]
        rest = lines[head].split(":", 1)[1].split("#", 1)[0].strip()
        first = _ITEM.match(lines[body[0]]) if body and not rest else None
        if first is None:
            pieces.append((head, end))
            continue
        indent = len(first.group(1))
        starts = [i for i in body if _ITEM.match(lines[i]) and len(_ITEM.match(lines[i]).group(1)) == indent]  # type: ignore[union-attr]
        for k, start in enumerate(starts):
            pieces.append((start, starts[k + 1] if k + 1 < len(starts) else end))
    return pieces


def _piece_of(pieces: list[tuple[int, int]], line: int) -> tuple[int, int] | None:
    """The piece holding a 1-based line."""
    for begin, end in pieces:
        if begin < line <= end:
            return begin, end
    return None


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
    return YamlError(message, line, col, opened=ctx.line + 1 if exc.context and ctx is not None else 0)


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


_ScalarEvent = yaml.events.ScalarEvent
_MappingStart = yaml.events.MappingStartEvent
_SequenceStart = yaml.events.SequenceStartEvent
_MappingEnd = yaml.events.MappingEndEvent
_SequenceEnd = yaml.events.SequenceEndEvent
_AliasEvent = yaml.events.AliasEvent
_DocumentStart = yaml.events.DocumentStartEvent


def _walk(
    loader: Any, max_depth: int, max_nodes: int, problems: list[YamlError], restore: dict[str, str] | None
) -> Any:
    """Build the document from libyaml's events, iteratively (the hot loop of every load: the
    common cases, a plain or quoted string and an entry of a mapping or list, are inline)."""
    # A stack of open containers: [container, pending_key, key_mark, key_is_merge].
    stack: list[list[Any]] = []
    anchors: dict[str, tuple[Any, int]] = {}
    anchor_open: list[tuple[str, int]] = []  # (anchor, node count at open) for containers
    nodes = 0
    root: Any = None
    documents = 0
    have_root = False
    no_key = _NO_KEY
    drop = _DROP
    only_string = _ONLY_STRING_START
    get_event = loader.get_event
    top: list[Any] | None = None  # stack[-1]
    is_dict = False  # whether top holds an MDict

    def attach(value: Any, mark: tuple[int, int], raw: str | None) -> None:
        nonlocal root, have_root
        if top is None:
            root, have_root = value, True
            return
        container = top[0]
        if not is_dict:
            if raw is not None:
                container.raw[len(container)] = raw
            container.append(value)
            container._marks.append(mark)
            return
        key = top[1]
        if key is no_key:
            if isinstance(value, (dict, list)):
                raise YamlError("a mapping key must be a plain value, not a list or mapping", *mark)
            merged = container._merged
            if value in container and (merged is None or value not in merged):
                problems.append(YamlError(f"duplicate key {value!r} (first at line {container._km[value][0]})", *mark))
                top[1] = drop  # the later value is read and left out
                return
            top[1] = value
            top[2] = mark
            return
        if key is drop:
            top[1] = no_key
            return
        if key == "<<" and raw is None and top[3]:
            _merge(container, value, mark)
        else:
            merged = container._merged
            if merged is not None:
                merged.discard(key)
            container[key] = value
            container._km[key] = top[2]
            container._vm[key] = mark
            if raw is not None:
                container.raw[key] = raw
        top[1] = no_key

    while True:
        event = get_event()
        if event is None:
            break
        cls = event.__class__
        if cls is _ScalarEvent:
            nodes += 1
            value = event.value
            start = event.start_mark
            mark = (start.line + 1, start.column + 1)
            if event.tag is None and (event.style or (value and value[0] in only_string)):
                raw = None  # a quoted or block scalar, or plain text that can only be a string
            else:
                value, coerced = _scalar(event)
                raw = event.value if coerced else None
            if restore is not None and isinstance(value, str):
                value = _restored(value, restore)
            if is_dict and top[1] is no_key:  # type: ignore[index]
                top[3] = value == "<<" and not event.style  # type: ignore[index]
            if event.anchor:
                anchors[event.anchor] = (value, 1)
            attach(value, mark, raw)
        elif cls is _MappingStart or cls is _SequenceStart:
            nodes += 1
            start = event.start_mark
            mark = (start.line + 1, start.column + 1)
            if event.tag not in _ALLOWED_TAGS:
                raise YamlError(f"YAML tag {event.tag!r} is not allowed in content", *mark)
            if len(stack) >= max_depth:
                raise YamlError(f"nesting deeper than {max_depth} levels", *mark)
            container: MDict | MList
            if cls is _MappingStart:
                container = MDict(mark)
                container._km = {}
                container._vm = {}
            else:
                container = MList(mark)
                container._marks = []
            top = [container, no_key, None, False]
            is_dict = cls is _MappingStart
            stack.append(top)
            anchor_open.append((event.anchor or "", nodes))
        elif cls is _MappingEnd or cls is _SequenceEnd:
            done = stack.pop()
            top = stack[-1] if stack else None
            is_dict = top is not None and top[0].__class__ is MDict
            anchor, begun = anchor_open.pop()
            if anchor:
                anchors[anchor] = (done[0], nodes - begun + 1)
            attach(done[0], done[0].mark, None)
        elif cls is _AliasEvent:
            start = event.start_mark
            mark = (start.line + 1, start.column + 1)
            if event.anchor not in anchors:
                raise YamlError(f"alias *{event.anchor} refers to no anchor defined before it", *mark)
            value, size = anchors[event.anchor]
            nodes += size
            if is_dict and top[1] is not no_key and top[1] == "<<" and top[3]:  # type: ignore[index]
                _merge(top[0], value, mark)  # type: ignore[index]
                top[1] = no_key  # type: ignore[index]
            else:
                attach(value, mark, None)
        elif cls is _DocumentStart:
            documents += 1
            if documents > 1:
                start = event.start_mark
                raise YamlError(
                    "more than one YAML document in the file ('---'); put everything in one",
                    start.line + 1,
                    start.column + 1,
                )
        if nodes > max_nodes:
            start = event.start_mark
            raise YamlError(
                f"more than {max_nodes:,} nodes once aliases are expanded (an alias bomb?)",
                start.line + 1,
                start.column + 1,
            )
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
