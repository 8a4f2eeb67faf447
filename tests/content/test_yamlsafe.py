"""Hostile and tricky YAML: every trap gives a YamlError with a position, nothing hangs or runs."""

from __future__ import annotations

import contextlib
import datetime
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.yamlsafe import YamlError, load


def error_of(data: bytes | str, **caps: int) -> YamlError:
    with pytest.raises(YamlError) as info:
        load(data, **caps)
    return info.value


def test_plain_mapping_with_marks() -> None:
    doc = load(b"a: 1\nb:\n  - x\n  - 'y'\n")
    assert doc == {"a": 1, "b": ["x", "y"]}
    assert doc.key_marks["b"] == (2, 1)
    assert doc["b"].marks == [(3, 5), (4, 5)]


def test_duplicate_keys_are_refused_with_both_lines() -> None:
    err = error_of(b"id: a\ntitle: x\nid: b\n")
    assert (err.line, err.column) == (3, 1)
    assert "duplicate key 'id'" in err.message and "line 1" in err.message


def test_python_object_tags_are_refused() -> None:
    for doc in (
        b"a: !!python/object/apply:os.system ['echo hi']\n",
        b"!!python/name:os.system\n",
        b"a: !!binary aGk=\n",
    ):
        err = error_of(doc)
        assert "not allowed" in err.message


def test_a_custom_tag_on_a_mapping_is_refused() -> None:
    assert "not allowed" in error_of(b"a: !!python/object:collections.OrderedDict {x: 1}\n").message


def test_alias_bomb_is_stopped_by_the_expanded_node_count() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    start = time.perf_counter()
    err = error_of("\n".join(lines).encode())
    assert time.perf_counter() - start < 5  # generous: the point is it does not explode
    assert "alias" in err.message and err.line >= 6


def test_our_nesting_cap_refuses_below_libyaml_own_limit() -> None:
    # 100 levels is far below libyaml's own limit (1000 in libyaml 0.2.6), so our cap is what refuses.
    err = error_of(b"[" * 100 + b"]" * 100)
    assert "nesting deeper than 64" in err.message
    assert (err.line, err.column) == (1, 65)
    err = error_of(b"[" * 10 + b"]" * 10, max_depth=5)
    assert "nesting deeper than 5" in err.message
    err = error_of(b"a:\n" + b"".join(b"  " * i + b"b:\n" for i in range(1, 80)))
    assert "nesting deeper than 64" in err.message and err.line > 1


def test_nesting_within_the_cap_loads() -> None:
    assert load(b"[" * 10 + b"]" * 10, max_depth=11) == [[[[[[[[[[]]]]]]]]]]


def test_absurd_nesting_is_a_clean_error_with_a_position() -> None:
    # 50,000 levels: whichever layer refuses first (our cap or libyaml's own), it is a YamlError
    # with a position, never a crash or a RecursionError.
    err = error_of(b"[" * 50_000 + b"]" * 50_000)
    assert "nesting" in err.message
    assert err.line >= 1 and err.column >= 1


def test_huge_file_is_refused_by_size() -> None:
    err = error_of(b"a: " + b"x" * (5 * 1024 * 1024))
    assert "limit" in err.message


def test_invalid_utf8_names_the_position() -> None:
    err = error_of(b"title: ok\ntext: caf\xe9\n")
    assert (err.line, err.column) == (2, 10)
    assert "UTF-8" in err.message


def test_bad_scalar_that_is_not_a_yaml_error_is_caught() -> None:
    err = error_of(b"date: 2001-13-45\n")
    assert "cannot read the value" in err.message and err.line == 1


def test_yaml_11_coercions_are_remembered_with_their_text() -> None:
    doc = load(b"a: NO\nb: 1:30\nc: 1937-05-22\nd: 'NO'\ne: ~\n")
    assert doc["a"] is False and doc.raw["a"] == "NO"
    assert doc["b"] == 90 and doc.raw["b"] == "1:30"
    assert doc["c"] == datetime.date(1937, 5, 22) and doc.raw["c"] == "1937-05-22"
    assert doc["d"] == "NO" and "d" not in doc.raw
    assert doc["e"] is None


def test_syntax_errors_carry_a_position() -> None:
    err = error_of(b"a: [1, 2\nb: 3\n")
    assert err.message.startswith("YAML syntax")
    assert err.line >= 1


def test_several_documents_are_refused() -> None:
    assert "more than one YAML document" in error_of(b"a: 1\n---\nb: 2\n").message


def test_merge_keys_work_and_explicit_keys_win() -> None:
    doc = load(b"base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n")
    assert doc["c"] == {"x": 1, "y": 3}


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_escape_as_another_exception(data: bytes) -> None:
    try:
        load(data)
    except YamlError as exc:
        assert exc.line >= 1 and exc.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab:-[]{}&*!|>'\"\n #,?%@`", max_size=200))
def test_random_yaml_punctuation_never_escapes_as_another_exception(text: str) -> None:
    with contextlib.suppress(YamlError):
        load(text)


def test_a_pyyaml_without_libyaml_is_one_clear_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from game import cli
    from game.content import yamlsafe

    monkeypatch.setattr(yamlsafe, "_C_LOADER", None)
    with pytest.raises(yamlsafe.LibyamlMissingError) as info:
        load(b"a: 1\n")
    assert "libyaml" in str(info.value) and "pip install" in str(info.value)
    status = cli.main(["validate", "--no-cache"])  # a cached start reads no YAML at all
    err = capsys.readouterr().err
    assert status == 1
    assert "built without libyaml" in err and "Traceback" not in err and "AttributeError" not in err
