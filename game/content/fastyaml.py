"""The fast path of reading a content file: the same tree as ``yamlsafe``, built with less work.

``yamlsafe.load_document`` is the reference: it handles everything a stranger's file can hold
(anchors, aliases, merge keys, tags, duplicate keys, syntax errors and their recovery, line
separators) and says what is wrong. Most files hold none of that, and for them this module
builds the very same ``MDict``/``MList`` tree (the same values, marks and remembered raw text)
from libyaml's events in one tight loop: marks are gathered per container in two flat lists
of ints while it is open, then packed into the file's two arrays of machine ints, unpacked
only if something asks for them; keys are interned;
the common scalars are resolved inline.

Whenever the file holds anything the tight loop does not handle, or anything at all goes
wrong, ``compose`` returns ``None`` and the caller reads the file with the reference path, so
every message still comes from there. ``tests/content/test_fast_load.py`` compares the two
trees, marks included, on the shipped content and on mutated files.
"""

from __future__ import annotations

import array
from sys import intern
from typing import Any

import yaml

from game.content import yamlsafe
from game.content.yamlsafe import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, MDict, MList

_ScalarEvent = yaml.events.ScalarEvent
_MappingStart = yaml.events.MappingStartEvent
_SequenceStart = yaml.events.SequenceStartEvent
_MappingEnd = yaml.events.MappingEndEvent
_SequenceEnd = yaml.events.SequenceEndEvent
_DocumentStart = yaml.events.DocumentStartEvent
_DocumentEnd = yaml.events.DocumentEndEvent
_StreamStart = yaml.events.StreamStartEvent
_StreamEnd = yaml.events.StreamEndEvent


class FastDict(MDict):
    """An ``MDict`` made without running ``__init__``: its lazy fields default on the class,
    and its marks arrive packed."""

    _km = _vm = _raw = _merged = None


class FastList(MList):
    """An ``MList`` made without running ``__init__`` (see ``FastDict``)."""

    _marks = _raw = None


class _Bail(Exception):
    """The file holds something only the reference path handles."""


# The first characters of YAML 1.1's implicit types (PyYAML's resolvers); a plain scalar that
# starts with any other character is text. Of these, the letters and '~' begin only the
# words of booleans and null, every one of which is in ``_PLAIN``: any other plain scalar
# starting with one of them is text too.
_WORDS_ONLY = frozenset("yYnNtTfFoO~")
_MAYBE_TYPED = frozenset("yYnNtTfFoO~-+0123456789.<=!&*")
BOOL_AND_NULL_WORDS = [
    "yes",
    "Yes",
    "YES",
    "no",
    "No",
    "NO",
    "true",
    "True",
    "TRUE",
    "false",
    "False",
    "FALSE",
    "on",
    "On",
    "ON",
    "off",
    "Off",
    "OFF",
    "null",
    "Null",
    "NULL",
    "~",
]


def _plain_table() -> dict[str, tuple[Any, bool]]:
    """The plain words and numbers content uses most, resolved once by the reference code."""
    words = [*BOOL_AND_NULL_WORDS, ""]
    words += [str(i) for i in range(-100, 1001)]
    words += [f"{i / 100:.2f}" for i in range(0, 101)] + [f"{i / 10:.1f}" for i in range(-20, 21)]
    words += [f"-{i / 100:.2f}" for i in range(1, 101)]
    table = {}
    mark = yaml.Mark("", 0, 0, 0, None, None)  # type: ignore[arg-type]
    for word in words:
        event = yaml.ScalarEvent(None, None, (True, False), word, mark, mark, None)
        table[word] = yamlsafe._scalar(event)
    return table


_PLAIN = _plain_table()


def compose(
    data: bytes, max_bytes: int = MAX_FILE_BYTES, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES
) -> tuple[bool, Any]:
    """``(True, document)`` built as ``yamlsafe.load_document`` would with no problems, or
    ``(False, None)`` when the file must be read by the reference path."""
    if len(data) > max_bytes or yamlsafe._C_LOADER is None:
        return False, None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False, None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x85" in text or "\u2028" in text or "\u2029" in text or yamlsafe._FORBIDDEN.search(text):
        return False, None
    loader = yamlsafe._C_LOADER(text)
    try:
        return True, _build(loader.get_event, max_depth, max_nodes)
    except (_Bail, yaml.YAMLError, yamlsafe.YamlError, ValueError, TypeError, RecursionError, MemoryError):
        return False, None
    finally:
        loader.dispose()


def _build(get_event: Any, max_depth: int, max_nodes: int) -> Any:
    """The tree from the events; raises _Bail for anything the reference path must handle."""
    plain = _PLAIN
    maybe_typed = _MAYBE_TYPED
    words_only = _WORDS_ONLY
    scalar_of = yamlsafe._scalar
    scalar_cls, map_start, seq_start = _ScalarEvent, _MappingStart, _SequenceStart
    map_end, seq_end = _MappingEnd, _SequenceEnd
    stack: list[tuple[Any, ...]] = []
    new_dict, new_list = dict.__new__, list.__new__
    # every container's marks, packed end to end as machine ints (a container's own lists of
    # them live only while it is open)
    all_lines, all_cols = array.array("q"), array.array("q")
    # the open container and its state, kept in locals: the container, whether it is a
    # mapping, the key waiting for its value (None: none) and the key's mark, the marks so far
    top: Any = None
    is_dict = False
    key: Any = None
    has_key = False
    kline = kcol = 0
    lines: list[int] = []
    cols: list[int] = []
    root: Any = None
    have_root = False
    nodes = 0
    documents = 0
    while True:
        event = get_event()
        if event is None:
            break
        cls = event.__class__
        if cls is scalar_cls:
            if event.anchor is not None:
                raise _Bail
            value = event.value
            raw = None
            if event.tag is None:
                if not event.style and (not value or value[0] in maybe_typed):
                    hit = plain.get(value)
                    if hit is not None:
                        value, coerced = hit
                    elif value[0] in words_only:
                        coerced = False  # starts like true/null/... but is none of those words: text
                    else:
                        value, coerced = scalar_of(event)
                    if coerced:
                        raw = event.value
                        if not isinstance(value, (bool, type(None))):
                            raise _Bail  # dates and base-60 numbers: rare, left to the reference
            else:
                value, coerced = scalar_of(event)
                if coerced:
                    raise _Bail
            nodes += 1
            start = event.start_mark
            if top is None:
                root, have_root = value, True
            elif is_dict:
                if has_key:
                    top[key] = value
                    lines.append(kline)
                    lines.append(start.line + 1)
                    cols.append(kcol)
                    cols.append(start.column + 1)
                    if raw is not None:
                        top.raw[key] = raw
                    has_key = False
                else:
                    if value in top or value == "<<":
                        raise _Bail  # a duplicate key or a merge
                    key, has_key = intern(value) if value.__class__ is str else value, True
                    kline, kcol = start.line + 1, start.column + 1
            else:
                if raw is not None:
                    top.raw[len(top)] = raw
                top.append(value)
                lines.append(start.line + 1)
                cols.append(start.column + 1)
        elif cls is map_start or cls is seq_start:
            if event.anchor is not None or event.tag is not None or len(stack) >= max_depth:
                raise _Bail
            if is_dict and not has_key:
                raise _Bail  # a mapping as a key
            nodes += 1
            start = event.start_mark
            mark = (start.line + 1, start.column + 1)
            stack.append((top, is_dict, key, has_key, kline, kcol, lines, cols))
            top = new_dict(FastDict) if cls is map_start else new_list(FastList)
            top.mark = mark
            is_dict = cls is map_start
            has_key = False
            lines, cols = [], []
        elif cls is map_end or cls is seq_end:
            done = top
            done._pk = (all_lines, all_cols, len(all_lines))  # its marks move to the file's two arrays
            all_lines.extend(lines)
            all_cols.extend(cols)
            top, is_dict, key, has_key, kline, kcol, lines, cols = stack.pop()
            mark = done.mark
            if top is None:
                root, have_root = done, True
            elif is_dict:
                top[key] = done
                lines.append(kline)
                lines.append(mark[0])
                cols.append(kcol)
                cols.append(mark[1])
                has_key = False
            else:
                top.append(done)
                lines.append(mark[0])
                cols.append(mark[1])
        elif cls is _DocumentStart:
            documents += 1
            if documents > 1:
                raise _Bail
        elif cls is not _DocumentEnd and cls is not _StreamStart and cls is not _StreamEnd:
            raise _Bail  # an alias
    if nodes > max_nodes:
        raise _Bail
    return root if have_root else None
