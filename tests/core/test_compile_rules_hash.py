"""``rules_hash`` is fixed by definition (saves record it): blake2b of
``reference_rules_text``, the card less every prose field at any depth as canonical JSON. The
cheaper ``_rules_text`` must give that very text on any card-shaped data, prose keys at odd
depths, tuples and non-str keys included, and on every shipped card."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.loader import load_content
from game.core import compile as comp
from game.core.compile import TEXT_FIELDS, reference_rules_text, rules_hash

KEYS = st.sampled_from([*TEXT_FIELDS, "id", "options", "outcomes", "effects", "when", "if", "all", 'a"text":'])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=False),
    st.text(max_size=6),
    st.sampled_from(['"text":', "text", '\\"title\\":']),
)


def values(depth: int) -> st.SearchStrategy[Any]:
    if depth == 0:
        return SCALARS
    inner = values(depth - 1)
    return st.one_of(
        SCALARS,
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(KEYS, inner, max_size=4),
        st.dictionaries(st.one_of(KEYS, st.integers(0, 3)), inner, max_size=3),
    )


def cards() -> st.SearchStrategy[dict[Any, Any]]:
    item = st.dictionaries(KEYS, values(2), max_size=5)
    return st.fixed_dictionaries(
        {"id": st.text(max_size=4)},
        optional={
            "options": st.lists(st.one_of(item, values(1)), max_size=3),
            "outcomes": st.one_of(st.lists(item, max_size=3), st.lists(item, max_size=2).map(tuple)),
            "when": values(3),
            "text": values(1),
            "title": st.text(max_size=4),
        },
    ).flatmap(lambda base: st.dictionaries(KEYS, values(3), max_size=3).map(lambda extra: {**extra, **base}))


def outcome(fn: Any, card: Any) -> tuple[str, Any]:
    try:
        return "ok", fn(card)
    except Exception as exc:  # both must fail alike
        return "raises", type(exc)


@settings(max_examples=600, deadline=None)
@given(cards())
def test_the_cheap_rules_text_is_the_reference_text(card: dict[Any, Any]) -> None:
    assert outcome(comp._rules_text, card) == outcome(reference_rules_text, card)


@given(cards())
def test_a_prose_field_at_any_depth_leaves_the_hash_alone(card: dict[Any, Any]) -> None:
    with_prose = {**card, "options": [{"id": "x", "text": "a", "effects": [{"when": {"title": 1}}]}]}
    plain = {**card, "options": [{"id": "x", "effects": [{"when": {}}]}]}
    assert outcome(rules_hash, with_prose) == outcome(rules_hash, plain)


def test_every_shipped_card_hashes_as_the_reference_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every card and campaign as the compiler receives it, on both load paths."""
    seen: list[Any] = []
    real = comp.rules_hash

    def recording(card: Any) -> str:
        seen.append(card)
        return real(card)

    monkeypatch.setattr(comp, "rules_hash", recording)
    for fast in (True, False):
        load_content(fast=fast, cache=None)
    assert len(seen) > 200
    for card in seen:
        text = reference_rules_text(card)
        assert comp._rules_text(card) == text
        assert real(card) == hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def test_a_broken_copy_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stripping only the top level (no fallback when prose survives deeper) must differ."""
    card = {"id": "c", "when": {"text": "prose"}, "weight": 2}
    monkeypatch.setattr(comp, "_TEXT_KEY", comp.re.compile("(?!)"))
    assert comp._rules_text(card) != reference_rules_text(card)
