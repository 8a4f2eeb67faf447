"""Fuzzing the content loader through its public API (``load_content``) with mutations of the
shipped files: wrong-typed, missing, duplicated or odd values in the YAML tree, and raw text
damage (random unicode and control characters inserted, spans cut, the file truncated).
Whatever a modder writes, the loader gives diagnostics with a file, line and column and never
raises; content it accepts without errors plays (issue 9 item 8)."""

from __future__ import annotations

import copy
import random
import shutil
from pathlib import Path
from typing import Any

import yaml
from hypothesis import event, given
from hypothesis import strategies as st

from game.content.loader import load_content
from game.core.commands import Choose
from game.core.engine import Engine
from game.data import content_dir
from tests.fuzz.budget import fuzz

SHIPPED = Path(content_dir())
CAMPAIGNS = sorted(p.name for p in (SHIPPED / "campaigns").iterdir() if (p / "campaign.yaml").is_file())
FILES = sorted(
    str(p.relative_to(SHIPPED)) for c in CAMPAIGNS for p in sorted((SHIPPED / "campaigns" / c).rglob("*.yaml"))
)
_TREES: dict[str, Any] = {}

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=10),
    st.sampled_from(["", "1937-13", "1936-01", "free", "dead", "event", "world", "action", "x" * 300]),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=5,
)
_junk = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list(":-[]{}&*!|>'\"%@`#,?\t\n\r\x00\x1b\u2028\ufeff")),
    ),
    max_size=12,
)


def _tree(rel: str) -> Any:
    if rel not in _TREES:
        _TREES[rel] = yaml.load((SHIPPED / rel).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return _TREES[rel]


def _nodes(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((*prefix, key))
            found.extend(_nodes(item, (*prefix, key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found.append((*prefix, i))
            found.extend(_nodes(item, (*prefix, i)))
    return found


@st.composite
def damaged(draw: st.DrawFn, rel: str) -> str:
    """The text of a shipped file after one to three mutations."""
    text = (SHIPPED / rel).read_text(encoding="utf-8")
    if draw(st.booleans()):  # in the tree: keep it YAML, break the meaning
        tree = copy.deepcopy(_tree(rel))
        nodes = _nodes(tree)
        for _ in range(draw(st.integers(min_value=1, max_value=3))):
            path = draw(st.sampled_from(nodes))
            parent: Any = tree
            try:
                for key in path[:-1]:
                    parent = parent[key]
                kind = draw(st.sampled_from(["replace", "delete", "duplicate"]))
                if kind == "delete":
                    del parent[path[-1]]
                elif kind == "duplicate" and isinstance(parent, list):
                    parent.insert(path[-1], copy.deepcopy(parent[path[-1]]))
                else:
                    parent[path[-1]] = draw(_values)
            except (KeyError, IndexError, TypeError):
                continue
        return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):  # raw damage to the text
        at = draw(st.integers(min_value=0, max_value=len(text)))
        kind = draw(st.sampled_from(["insert", "cut", "truncate"]))
        if kind == "insert":
            text = text[:at] + draw(_junk) + text[at:]
        elif kind == "cut":
            text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=200)) :]
        else:
            text = text[:at]
    return text


def _check(content: Any, folder: Path) -> None:
    for d in content.diagnostics:
        assert d.line >= 1 and d.column >= 1, str(d)
        assert d.path and d.message and "Traceback" not in d.message, str(d)
    if content.errors:
        event("refused with diagnostics")
        return
    event("accepted: plays")
    for campaign in content.campaigns.values():  # accepted content plays
        engine = Engine(campaign, 7)
        rnd = random.Random(7)
        for _ in range(25):
            if engine.is_over:
                break
            engine.apply(Choose(rnd.choice(engine.choices())))
        engine.view()


def _copy(folder: Path, campaign: str, files: list[str]) -> list[Path]:
    target = folder / "content"
    if target.exists():
        shutil.rmtree(target)
    for rel in ["characters.yaml", *files]:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SHIPPED / rel, target / rel)
    return [target / "characters.yaml", target / "campaigns" / campaign]


@fuzz(40)
@given(data=st.data())
def test_one_damaged_file_with_its_campaign_file_never_crashes_the_loader(
    tmp_path_factory: Any, data: st.DataObject
) -> None:
    rel = data.draw(st.sampled_from(FILES))
    campaign = rel.split("/")[1]
    folder = tmp_path_factory.mktemp("fuzz")
    files = sorted({f"campaigns/{campaign}/campaign.yaml", rel})
    paths = _copy(folder, campaign, files)
    (folder / "content" / rel).write_text(data.draw(damaged(rel)), encoding="utf-8")
    _check(load_content(paths), folder)


@fuzz(6)
@given(data=st.data())
def test_a_whole_shipped_campaign_with_one_damaged_file_never_crashes_the_loader(
    tmp_path_factory: Any, data: st.DataObject
) -> None:
    rel = data.draw(st.sampled_from(FILES))
    campaign = rel.split("/")[1]
    folder = tmp_path_factory.mktemp("fuzz")
    paths = _copy(folder, campaign, [f for f in FILES if f.split("/")[1] == campaign])
    (folder / "content" / rel).write_text(data.draw(damaged(rel)), encoding="utf-8")
    _check(load_content(paths), folder)
