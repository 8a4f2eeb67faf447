"""The text frontend's menu rows (the load list, the characters) are wrapped to its width with
a hanging indent: no line runs past the terminal's edge to break mid-word there, and every
word of a row is printed whole."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from game.ui.services import CampaignInfo, SaveInfo, Services
from game.ui.text.app import TextUI

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz'·:,", min_size=1, max_size=12)


def services_with(saves: list[SaveInfo]) -> Services:
    def new_game(_key: str, _seed: int) -> object:
        raise AssertionError("no game is started here")

    campaigns = [CampaignInfo("c", "The Red Bonaparte", "Mikhail Tukhachevsky", "")]
    return Services(campaigns, new_game, list_saves=lambda: saves)  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
# widths from 50: a save name (37 characters) always fits beside its number
@given(st.integers(50, 110), st.lists(st.lists(WORD, min_size=1, max_size=30), min_size=1, max_size=4))
def test_load_list_rows_fit_the_width_and_keep_every_word(width: int, rows: list[list[str]]) -> None:
    saves = [SaveInfo(f"autosave-tukhachevsky-406cd4e1-{i:06d}", f"/s/{i}", " ".join(ws)) for i, ws in enumerate(rows)]
    out = io.StringIO()
    ui = TextUI(services_with(saves), io.StringIO("b\n"), out, color=False, width=width)
    assert ui.load_menu() is False
    lines = out.getvalue().splitlines()
    assert all(len(line) <= width for line in lines), "\n".join(lines)
    for i, save in enumerate(saves, 1):
        start = next(k for k, line in enumerate(lines) if line.startswith(f"  {i:>2}  {save.name}"))
        body = [lines[start][6:]]
        for line in lines[start + 1 :]:
            if not line.startswith(" " * 6):  # the next row, or the keys under the list
                break
            body.append(line[6:])
        assert " ".join(body).split() == [save.name, *save.summary.split()]  # every word whole


def test_the_row_the_lead_saw_is_wrapped_under_its_text() -> None:
    summary = "The Red Bonaparte · May 1937, turn 11, 21 decisions, ended: Gamarnik's way"
    saves = [SaveInfo("autosave-tukhachevsky-406cd4e1-000012", "/s/12", summary)]
    out = io.StringIO()
    TextUI(services_with(saves), io.StringIO("b\n"), out, color=False, width=70).load_menu()
    lines = out.getvalue().splitlines()
    first = next(k for k, line in enumerate(lines) if "000012" in line)
    assert lines[first + 1].startswith("      ") and not lines[first + 1].startswith("       ")
    assert "Gamarnik's" in out.getvalue() and all(len(line) <= 70 for line in lines)
