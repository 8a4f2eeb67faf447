"""Compiled conditions agree with the plain meaning of their data on any state.

The compiler takes shortcuts for speed (an ``all``/``any`` tests its flags and meter
comparisons inline, the cheap ones first; ``not`` of a flag is one lookup). A small
interpreter here reads the same data the slow, obvious way; for random nested conditions
and random states the two must agree.
"""

from __future__ import annotations

import operator
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from game.core import ops
from game.core.dates import parse_month
from game.core.state import CharacterState, GameState

FLAGS = ("a", "b", "c", "d")
METERS = ("heat", "luck")
PEOPLE = ("hero", "foe")
STATUSES = ("free", "arrested", "dead")
CMP = {"gte": operator.ge, "gt": operator.gt, "lte": operator.le, "lt": operator.lt, "eq": operator.eq}
ENV = ops.Env(meters={m: (0, 100) for m in METERS})


def meaning(data: dict[str, Any], s: GameState) -> bool:
    """What the condition says, read directly."""
    if "all" in data:
        return all(meaning(c, s) for c in data["all"])
    if "any" in data:
        return any(meaning(c, s) for c in data["any"])
    if "not" in data:
        return not meaning(data["not"], s)
    if "flag" in data:
        return data["flag"] in s.flags
    if "meter" in data:
        return all(CMP[k](s.meters[data["meter"]], v) for k, v in data.items() if k != "meter")
    if "character" in data:
        wanted = data["status"] if isinstance(data["status"], list) else [data["status"]]
        return s.characters[data["character"]].status in wanted
    if "fired" in data:
        return data["fired"] in s.fired
    if "date" in data:
        w = data["date"]
        return parse_month(w.get("from", "0001-01")) <= s.date <= parse_month(w.get("to", "9999-12"))
    raise AssertionError(data)


leaf = st.one_of(
    st.builds(lambda f: {"flag": f}, st.sampled_from(FLAGS)),
    st.builds(lambda f: {"not": {"flag": f}}, st.sampled_from(FLAGS)),
    st.builds(
        lambda m, tests: {"meter": m, **tests},
        st.sampled_from(METERS),
        st.dictionaries(st.sampled_from(list(CMP)), st.integers(0, 100), min_size=1, max_size=3),
    ),
    st.builds(
        lambda who, status: {"character": who, "status": status},
        st.sampled_from(PEOPLE),
        st.one_of(st.sampled_from(STATUSES), st.lists(st.sampled_from(STATUSES), min_size=1, max_size=2)),
    ),
    st.builds(lambda f: {"fired": f}, st.sampled_from(FLAGS)),
    st.builds(lambda lo: {"date": {"from": f"{1936 + lo}-01"}}, st.integers(0, 3)),
)
conditions = st.recursive(
    leaf,
    lambda inner: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=1, max_size=5)),
        st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=1, max_size=5)),
        st.builds(lambda x: {"not": x}, inner),
    ),
    max_leaves=12,
)
states = st.builds(
    lambda flags, meters, people, fired, year: GameState(
        campaign="t",
        seed=0,
        turn=1,
        date=parse_month(f"{year}-06"),
        meters=meters,
        flags=dict.fromkeys(flags, 1),
        characters={p: CharacterState(x) for p, x in people.items()},
        fired=dict.fromkeys(fired, 1),
    ),
    st.lists(st.sampled_from(FLAGS), unique=True),
    st.fixed_dictionaries({m: st.integers(0, 100) for m in METERS}),
    st.fixed_dictionaries({p: st.sampled_from(STATUSES) for p in PEOPLE}),
    st.lists(st.sampled_from(FLAGS), unique=True),
    st.integers(1935, 1940),
)


@settings(max_examples=400, deadline=None)
@given(conditions, st.lists(states, min_size=1, max_size=4))
def test_compiled_condition_means_what_its_data_says(data: dict[str, Any], samples: list[GameState]) -> None:
    check = ops.compile_condition(data, ENV)
    for s in samples:
        assert check(s) == meaning(data, s), data


@settings(max_examples=400, deadline=None)
@given(conditions, st.lists(states, min_size=1, max_size=4))
def test_the_flags_a_condition_needs_are_set_whenever_it_holds(data: dict[str, Any], samples: list[GameState]) -> None:
    """``ops.required_flags`` is the engine's gate: a condition is skipped while one of
    them is unset, so each must be set in every state where the condition is true."""
    needs = ops.required_flags(data)
    for s in samples:
        if meaning(data, s):
            assert needs <= s.flags.keys(), (data, sorted(needs))


def test_the_flags_a_condition_needs_are_found_through_all_and_any() -> None:
    """Not vacuous: flags under all are all needed, under any only those every branch needs."""
    assert ops.required_flags({"flag": "a"}) == {"a"}
    assert ops.required_flags({"all": [{"flag": "a"}, {"meter": "heat", "gt": 1}, {"flag": "b"}]}) == {"a", "b"}
    assert ops.required_flags({"any": [{"all": [{"flag": "a"}, {"flag": "b"}]}, {"flag": "a"}]}) == {"a"}
    assert ops.required_flags({"any": [{"flag": "a"}, {"flag": "b"}]}) == set()
    assert ops.required_flags({"not": {"flag": "a"}}) == set()
    assert ops.required_flags(None) == set()


@settings(max_examples=400, deadline=None)
@given(conditions, st.lists(states, min_size=1, max_size=4), st.data())
def test_a_condition_less_its_needed_flags_means_the_same_once_they_are_set(
    data: dict[str, Any], samples: list[GameState], draw: st.DataObject
) -> None:
    """The engine calls ``without_flags(condition, needs)`` after seeing ``needs`` set (any
    subset of the required flags may be taken out): with them set it means the same."""
    needs = ops.required_flags(data)
    taken = frozenset(draw.draw(st.sets(st.sampled_from(sorted(needs)))) if needs else ())
    rest = ops.without_flags(data, taken)
    check = ops.compile_condition(rest, ENV) if rest else None
    for s in samples:
        s.flags.update(dict.fromkeys(taken, 1))
        assert (check is None or check(s)) == meaning(data, s), (data, sorted(taken), rest)


def test_without_flags_takes_out_only_top_level_tests_of_the_flags() -> None:
    both = {"all": [{"flag": "a"}, {"not": {"flag": "b"}}, {"flag": "c"}]}
    assert ops.without_flags(both, frozenset({"a"})) == {"all": [{"not": {"flag": "b"}}, {"flag": "c"}]}
    assert ops.without_flags(both, frozenset({"a", "c"})) == {"not": {"flag": "b"}}
    assert ops.without_flags({"flag": "a"}, frozenset({"a"})) is None
    assert ops.without_flags({"any": [{"flag": "a"}]}, frozenset({"a"})) == {"any": [{"flag": "a"}]}


@settings(max_examples=400, deadline=None)
@given(conditions, st.lists(states, min_size=1, max_size=4))
def test_the_flags_that_bar_a_condition_are_unset_whenever_it_holds(
    data: dict[str, Any], samples: list[GameState]
) -> None:
    """``ops.barring_flags`` is the engine's other gate: a condition is skipped while one of
    them is set, so none may be set in a state where the condition is true."""
    bars = ops.barring_flags(data)
    for s in samples:
        if meaning(data, s):
            assert not bars & s.flags.keys(), (data, sorted(bars))


def test_the_flags_that_bar_a_condition_are_found_through_all_and_any() -> None:
    """Not vacuous: ``not flag`` under all bars, under any only what every branch bars."""
    assert ops.barring_flags({"not": {"flag": "a"}}) == {"a"}
    assert ops.barring_flags({"all": [{"not": {"flag": "a"}}, {"flag": "b"}, {"not": {"flag": "c"}}]}) == {"a", "c"}
    assert ops.barring_flags(
        {"any": [{"all": [{"not": {"flag": "a"}}, {"not": {"flag": "b"}}]}, {"not": {"flag": "a"}}]}
    ) == {"a"}
    assert ops.barring_flags({"any": [{"not": {"flag": "a"}}, {"not": {"flag": "b"}}]}) == set()
    assert ops.barring_flags({"not": {"all": [{"flag": "a"}]}}) == set()
    assert ops.barring_flags({"flag": "a"}) == set()
    assert ops.barring_flags(None) == set()


@settings(max_examples=400, deadline=None)
@given(conditions, st.lists(states, min_size=1, max_size=4), st.data())
def test_a_condition_less_its_gates_means_the_same_once_they_are_seen(
    data: dict[str, Any], samples: list[GameState], draw: st.DataObject
) -> None:
    """The engine calls ``without_flags(condition, needs, bars)`` after seeing ``needs`` set
    and ``bars`` unset (any subsets may be taken out): in such a state it means the same."""
    needs, bars = ops.required_flags(data), ops.barring_flags(data)
    taken = frozenset(draw.draw(st.sets(st.sampled_from(sorted(needs)))) if needs else ())
    # A flag both needed and barring (``all: [a, not a]``) leaves no state to see: the gates
    # refuse such a card whether the flag is set or not, so only the rest may be taken as unset.
    free_bars = sorted(bars - taken)
    unset = frozenset(draw.draw(st.sets(st.sampled_from(free_bars))) if free_bars else ())
    rest = ops.without_flags(data, taken, unset)
    check = ops.compile_condition(rest, ENV) if rest else None
    for s in samples:
        s.flags.update(dict.fromkeys(taken, 1))
        for name in unset:
            s.flags.pop(name, None)
        assert (check is None or check(s)) == meaning(data, s), (data, sorted(taken), sorted(unset), rest)


def test_without_flags_takes_out_top_level_tests_of_unset_flags() -> None:
    both = {"all": [{"flag": "a"}, {"not": {"flag": "b"}}, {"not": {"flag": "c"}}]}
    assert ops.without_flags(both, frozenset(), frozenset({"b"})) == {"all": [{"flag": "a"}, {"not": {"flag": "c"}}]}
    assert ops.without_flags(both, frozenset({"a"}), frozenset({"b", "c"})) is None
    assert ops.without_flags({"not": {"flag": "b"}}, frozenset(), frozenset({"b"})) is None
    assert ops.without_flags({"any": [{"not": {"flag": "b"}}]}, frozenset(), frozenset({"b"})) == {
        "any": [{"not": {"flag": "b"}}]
    }
