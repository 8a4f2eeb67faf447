"""The fast path of loading (``fastyaml`` + ``fastcheck``) gives exactly what the reference path
(``yamlsafe`` + ``Checker``) gives: the same trees with the same marks, the same verdicts and
references, the same compiled content and the same messages, on the shipped content and on
mutated files (issue 11, fast starts)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content import fastcheck, fastyaml, schema, yamlsafe
from game.content.loader import Content, default_content_dir, load_content
from game.content.validate import Checker
from game.content.yamlsafe import MDict, MList

SHIPPED = sorted(default_content_dir().rglob("*.yaml"))
FIXTURES = sorted((Path(__file__).resolve().parents[1] / "fixtures").rglob("*.yaml"))


def same_tree(a: Any, b: Any, path: str = "$") -> None:
    """Two trees are the same: values, container kinds, marks, raw text and merged keys."""
    if isinstance(b, MDict):
        assert isinstance(a, MDict), path
        assert list(a) == list(b), path
        assert (a.mark, a.key_marks, a.value_marks) == (b.mark, b.key_marks, b.value_marks), path
        assert (dict(a.raw), set(a.merged)) == (dict(b.raw), set(b.merged)), path
        for k in b:
            same_tree(a[k], b[k], f"{path}.{k}")
    elif isinstance(b, MList):
        assert isinstance(a, MList), path
        assert (len(a), a.mark, a.marks, dict(a.raw)) == (len(b), b.mark, b.marks, dict(b.raw)), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same_tree(x, y, f"{path}[{i}]")
    else:
        assert type(a) is type(b) and (a == b or (a != a and b != b)), (path, a, b)


def canon(value: Any) -> Any:
    """Compiled content as plain data; compiled closures and indexes are named by their kind
    only (the data they are compiled from is kept beside them and compared)."""
    if attrs.has(type(value)):
        return {f.name: canon(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, dict):
        return {repr(k): canon(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canon(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    return type(value).__name__


def content_of(content: Content) -> Any:
    return {
        "campaigns": canon(content.campaigns),
        "characters": canon(content.characters),
        "diagnostics": [str(d) for d in content.diagnostics],
        "files": content.files,
        "broken": content.broken_campaigns,
        "changes": canon(content.changes),
        "ids": content.ids,
        "works": canon(content.works),
        "citations": canon(content.citations),
        "left_out": content.left_out,
    }


@pytest.mark.parametrize("path", SHIPPED + FIXTURES, ids=lambda p: p.name)
def test_the_fast_tree_is_the_reference_tree(path: Path) -> None:
    data = path.read_bytes()
    built, doc = fastyaml.compose(data)
    try:
        ref, problems = yamlsafe.load_document(data)
    except yamlsafe.YamlError:
        assert not built
        return
    if built:
        assert not problems
        same_tree(doc, ref)
    else:  # only what the fast path leaves to the reference
        assert problems or any(s in data for s in (b"&", b"*", b"<<", b"!"))


def test_most_shipped_files_take_the_fast_path() -> None:
    fast = [p for p in SHIPPED if fastyaml.compose(p.read_bytes())[0]]
    assert len(fast) >= len(SHIPPED) - 3, [p.name for p in SHIPPED if p not in fast]


def test_the_shipped_content_loads_the_same_on_both_paths() -> None:
    fast = load_content(cache=None, fast=True)
    reference = load_content(cache=None, fast=False)
    assert fast.campaigns and content_of(fast) == content_of(reference)


# --- mutated files -----------------------------------------------------------------------

TOKENS = [
    "yes", "No", "off", "~", "null", "", "1:30", "2020-01-01", "0x1F", "010", "0o7", "1_000", "+5", "-3", "1e3",
    "1.5e+3", ".inf", "-.nan", "'quoted'", '"dq"', "&anchor x", "*anchor", "!!str x", "!!python/object:os.system x",
    "<<", "{a: 1}", "[1, 2]", "{", "]", "- x", "a: b: c", "\t", "true", "nometer", "0.35", "1.5", "-0.5", "100",
    "1000", "f1", "t", "y", "n", "'2020-01'", '"1936-03"', "1936-13", "bukharin.paris_1936", "Ölig",
]  # fmt: skip

CARD_FILES = [p for p in SHIPPED if "cards" in p.parts]


@st.composite
def mutation(draw: st.DrawFn) -> tuple[Path, str]:
    path = draw(st.sampled_from(CARD_FILES))
    lines = path.read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["value", "value", "value", "delete", "duplicate", "indent", "key"]))
        line = lines[i]
        if how == "value" and ": " in line:
            head = line.split(": ", 1)[0]
            lines[i] = f"{head}: {draw(st.sampled_from(TOKENS))}"
        elif how == "delete":
            del lines[i]
        elif how == "duplicate":
            lines.insert(i, line)
        elif how == "indent":
            lines[i] = " " * draw(st.integers(0, 3)) + line
        elif how == "key" and ":" in line:
            indent = len(line) - len(line.lstrip())
            lines[i] = (
                " " * indent
                + draw(st.sampled_from(["titel", "weight", "once", "when", "<<", "id"]))
                + ":"
                + line.split(":", 1)[1]
            )
    return path, "\n".join(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation())
def test_a_mutated_file_reads_the_same_on_both_paths(case: tuple[Path, str]) -> None:
    _, text = case
    data = text.encode("utf-8")
    built, doc = fastyaml.compose(data)
    if not built:
        return
    ref, problems = yamlsafe.load_document(data)
    assert not problems
    same_tree(doc, ref)


def _verdicts(doc: Any) -> list[tuple[bool, list[Any], bool, list[Any]]]:
    found = []
    cards = doc.get("cards") if isinstance(doc, dict) else None
    for i, item in enumerate(cards if isinstance(cards, list) else []):
        checker = Checker("f.yaml")
        checker.scope, checker.unit = "s", "u"
        ref_ok = checker.check(item, schema.CARD, getattr(item, "mark", (1, 1)), f"cards[{i}]")
        refs: list[Any] = []
        sink = fastcheck.Sink("f.yaml", refs)
        sink.scope, sink.unit = "s", "u"
        fast_ok = fastcheck.validator(schema.CARD)(item, getattr(item, "mark", (1, 1)), f"cards[{i}]", None, sink)
        found.append((fast_ok, refs, ref_ok and not checker.diagnostics, checker.references))
    return found


@settings(max_examples=40, deadline=None)
@given(mutation())
def test_the_compiled_validator_agrees_with_the_checker(case: tuple[Path, str]) -> None:
    _, text = case
    try:
        doc, _ = yamlsafe.load_document(text.encode("utf-8"))
    except yamlsafe.YamlError:
        return
    for fast_ok, fast_refs, ref_ok, ref_refs in _verdicts(doc):
        assert fast_ok == ref_ok
        if fast_ok:
            assert fast_refs == ref_refs


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation())
def test_a_mutated_campaign_loads_the_same_on_both_paths(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[Path, str]
) -> None:
    path, text = case
    root = tmp_path_factory.mktemp("content")
    shutil.copytree(default_content_dir(), root, dirs_exist_ok=True)
    (root / path.relative_to(default_content_dir())).write_text(text, encoding="utf-8")
    fast = load_content([root], cache=None, fast=True)
    reference = load_content([root], cache=None, fast=False)
    assert content_of(fast) == content_of(reference)


NUMBERS = ["1.5", "-0.5", "1000", "-1000", "0", "101", "2", "-2", "0.99", "1", "x", "yes", "", "1:30", "[]", "{}"]
NUMBERS += ['""', "' '", '{from: "1937-01", to: "1936-01"}', '"1936-13"', "{flag: x}", "[{add: {nerve: 1}}]"]


def _cards(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8").split("\ncards:\n", 1)[-1]
    return ["  - id:" + block for block in text.split("  - id:")[1:]]


def test_every_field_of_sample_cards_changed_gets_the_checkers_verdict() -> None:
    """Each scalar of a few shipped cards (a world card, events with chances and conditions),
    replaced in turn by each of a set of numbers and words: the same verdict and references."""
    blocks = [b for p in CARD_FILES[:3] for b in _cards(p)[:2]]
    checked = disagreed = 0
    for block in blocks:
        lines = block.split("\n")
        for i, line in enumerate(lines):
            if ": " not in line or line.rstrip().endswith((">", "|")):
                continue
            head = line.split(": ", 1)[0]
            for token in NUMBERS:
                text = "cards:\n" + "\n".join([*lines[:i], f"{head}: {token}", *lines[i + 1 :]])
                try:
                    doc, _ = yamlsafe.load_document(text.encode("utf-8"))
                except yamlsafe.YamlError:
                    continue
                for fast_ok, fast_refs, ref_ok, ref_refs in _verdicts(doc):
                    checked += 1
                    disagreed += fast_ok != ref_ok or (fast_ok and fast_refs != ref_refs)
    assert checked > 500 and disagreed == 0


def test_a_broken_copy_of_the_fast_path_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison can fail: a fast builder that drops the raw text of a coerced value differs."""
    data = b"cards:\n  - {id: x.y, once: yes, weight: 3}\n"
    built, doc = fastyaml.compose(data)
    assert built
    ref, _ = yamlsafe.load_document(data)
    same_tree(doc, ref)
    doc["cards"][0].raw.clear()
    with pytest.raises(AssertionError):
        same_tree(doc, ref)
