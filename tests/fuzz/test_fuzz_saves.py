"""Fuzzing the save loader: mutations of a real save (a golden file), resealed with a
recomputed checksum, so every check behind the checksum is exercised. Each must be refused
with a SaveError, or accepted only if the state it leads to is one the campaign's rules allow
(issue 9 item 8). Any other exception is a failure, as is an impossible state accepted.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hypothesis import event, given
from hypothesis import strategies as st

from game.content.loader import Content, load_content
from game.core.commands import Choose
from game.persist.document import checksum_of, dumps
from game.persist.errors import SaveError
from game.persist.reader import read_document
from game.persist.recorder import record
from game.persist.replay import from_snapshot, replay_save, state_problem
from tests.fuzz.budget import fuzz

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "fixtures" / "saves" / "v3-saga-debug-ironman.json"
OLD = ROOT / "tests" / "fixtures" / "saves" / "v2-saga-fork.json"
CONTENT: Content = load_content([ROOT / "tests" / "persist" / "fixtures" / "saga"])
LONG = ROOT / "tests" / "fixtures" / "saves" / "v3-saga-ended.json"  # 556 decisions, 11 intermediate keyframes
DOCS = [json.loads(GOLDEN.read_bytes()), json.loads(OLD.read_bytes())]
LONG_DOC = json.loads(LONG.read_bytes())

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from([0, 1, -1, 2**31, 2**63, 10**17]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["", "1937-13", "0000-00", "9999-12", "free", "dead", "event", "over", "hand", "choose"]),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a document (keys of dicts, indexes of lists), the root excluded."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((*prefix, key))
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for i, item in enumerate(value[:6]):  # the first few entries of long logs are enough
            found.append((*prefix, i))
            found.extend(_paths(item, (*prefix, i)))
    return found


PATHS = [[p for p in _paths(doc) if p[0] != "checksum"] for doc in DOCS]


# the paths into the long save's intermediate keyframes (the last one is the final snapshot)
KEYFRAME_PATHS = [
    p for p in _paths(LONG_DOC) if p[0] == "keyframes" and len(p) > 2 and p[1] < len(LONG_DOC["keyframes"]) - 1
]


@st.composite
def mutated(
    draw: st.DrawFn, docs: list[dict[str, Any]] = DOCS, paths: list[list[tuple[Any, ...]]] = PATHS
) -> dict[str, Any]:
    which = draw(st.sampled_from(range(len(docs))))
    doc = copy.deepcopy(docs[which])
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(paths[which]))
        parent: Any = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            last = path[-1]
            kind = draw(st.sampled_from(["replace", "delete", "nudge", "duplicate"]))
            if kind == "delete":
                del parent[last]
            elif kind == "nudge" and isinstance(parent[last], int) and not isinstance(parent[last], bool):
                parent[last] += draw(st.sampled_from([-1, 1, -1000, 1000, 10**9]))
            elif kind == "duplicate" and isinstance(parent, list):
                parent.insert(last, copy.deepcopy(parent[last]))
            else:
                parent[last] = draw(_values)
        except (KeyError, IndexError, TypeError):  # an earlier mutation removed this path
            continue
    if isinstance(doc, dict):
        doc["checksum"] = checksum_of(doc) if _sealable(doc) else "x"
    return doc


def _sealable(doc: dict[str, Any]) -> bool:
    try:
        checksum_of(doc)
    except (TypeError, ValueError):
        return False
    return True


def _check_possible(state: Any, campaign: Any) -> None:
    problem = state_problem(campaign, state)
    assert not problem, f"an impossible state was accepted: it {problem}"


@fuzz(150)
@given(doc=mutated())
def test_a_resealed_mutated_save_is_refused_cleanly_or_leads_to_a_possible_state(doc: dict[str, Any]) -> None:
    _load_and_play(doc)


@fuzz(15)
@given(doc=mutated([LONG_DOC], [KEYFRAME_PATHS]))
def test_a_resealed_save_with_mutated_middle_keyframes_is_refused_or_possible(doc: dict[str, Any]) -> None:
    _load_and_play(doc)


def _load_and_play(doc: dict[str, Any]) -> None:
    """Load a mutated save as the game does; any outcome but a clean refusal or a possible
    state (and, for an accepted game, possible snapshots in its next save) fails."""
    data = json.dumps(doc, ensure_ascii=False).encode()
    try:
        save = read_document(data)
        outcome = replay_save(CONTENT, save)
    except SaveError as exc:
        assert str(exc) and "\n" not in str(exc).strip()
        event("refused on load")
        return
    campaign = CONTENT.campaigns[save.campaign]
    if outcome.divergence is None:
        event("accepted: replays")
        _check_possible(outcome.engine.state, campaign)
        engine = outcome.engine
        if not engine.is_over:  # an accepted game plays on and saves again
            engine.apply(Choose(engine.choices()[0]))
        again = read_document(dumps(record(engine).to_save(engine, CONTENT, "again")))
        for kf in again.keyframes:  # every snapshot carried into the next save is possible
            _check_possible(kf.state, campaign)
        assert replay_save(CONTENT, again).divergence is None
        return
    assert outcome.divergence.message()  # the player is told where it diverges
    try:
        engine = from_snapshot(CONTENT, save)  # the "continue from the stored state" choice
    except SaveError:
        event("diverges; its snapshot refused")
        return
    event("diverges; continued from its snapshot")
    _check_possible(engine.state, campaign)
    if not engine.is_over:
        engine.apply(Choose(engine.choices()[0]))
