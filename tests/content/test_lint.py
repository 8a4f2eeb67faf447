"""Static checks in `divergence validate` (issue 11 item 4): each is shown failing on a broken
copy of the content and silent on the shipped mini campaign."""

from __future__ import annotations

from pathlib import Path

from game.content.loader import Content, Source, load_content

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def with_mod(tmp_path: Path, text: str) -> Content:
    root = tmp_path / "lintmod"
    root.mkdir()
    (root / "mod.yaml").write_text('id: lintmod\nname: "Lint"\nversion: "1.0"\n')
    (root / "content.yaml").write_text(text)
    return load_content([MINI], mods=[Source("lintmod", root)])


def found(content: Content, needle: str) -> list[str]:
    return [str(d) for d in content.diagnostics if needle in d.message]


CARD = """cards:
  - id: mini.lint
    kind: action
    campaign: mini
    title: "Lint"
    when: {{date: {{from: "1936-01", to: "1936-12"}}}}
    options:
{options}
"""


def test_the_mini_campaign_is_clean() -> None:
    content = load_content([MINI])
    assert [str(d) for d in content.diagnostics if d.severity != "note"] == []


def test_a_flag_set_but_never_read_is_a_note(tmp_path: Path) -> None:
    content = with_mod(tmp_path, CARD.format(options="      - {id: a, text: A, effects: [{set_flag: lonely}]}"))
    (note,) = found(content, "flag 'lonely' is set but never read")
    assert "content.yaml:8:47:" in note and ": note:" in note


def test_requirements_that_can_never_hold(tmp_path: Path) -> None:
    content = with_mod(
        tmp_path,
        CARD.format(
            options="      - {id: a, text: A, requires: {meter: heat, gt: 100}}\n"
            "      - {id: b, text: B, requires: {all: [{flag: x}, {meter: luck, lt: -10}]}}\n"
            "      - {id: c, text: C, requires: {any: [{meter: heat, gt: 100}, {flag: y}]}}"
        ),
    )
    assert found(content, "option 'a' can never be chosen: meter 'heat' stays within [0, 100], so gt 100")
    assert found(content, "option 'b' can never be chosen: meter 'luck' stays within [-10, 10], so lt -10")
    assert not found(content, "option 'c' can never")  # one branch of any: can still hold


def test_outcome_chances_summing_past_one(tmp_path: Path) -> None:
    content = with_mod(
        tmp_path,
        CARD.format(
            options="      - id: a\n        text: A\n        outcomes:\n"
            "          - {chance: {base: 0.7, source: s}, text: x}\n"
            "          - {chance: {base: 0.6, source: s}, text: y}"
        ),
    )
    assert found(content, "the chances of these outcomes sum to 1.3, past 1")


def test_an_ending_nothing_leads_to(tmp_path: Path) -> None:
    text = """patches:
  - campaign: mini
    append:
      endings:
        - {id: orphan, title: "Orphan", kind: survival, text: "Nobody gets here."}
        - {id: reached, title: "Reached", kind: survival, text: "A card ends here."}
""" + CARD.format(options="      - {id: a, text: A, effects: [{end: reached}]}")
    content = with_mod(tmp_path, text)
    assert found(content, "nothing leads to the ending 'orphan'")
    assert not found(content, "nothing leads to the ending 'reached'")
    assert not found(content, "nothing leads to the ending 'outlived'")  # the default ending


def test_an_option_that_leaves_no_trace(tmp_path: Path) -> None:
    content = with_mod(
        tmp_path,
        CARD.format(
            options="      - {id: idle, text: Idle}\n"
            "      - {id: acts, text: Acts, effects: [{add: {heat: 1}}]}\n"
            "      - id: gambles\n        text: Gambles\n        outcomes:\n"
            "          - {chance: {base: 0.5, source: s}, text: Won, effects: [{add: {heat: 2}}]}\n"
            "          - {otherwise: true, text: Lost}"
        ),
    )
    (warning,) = found(content, "leaves no trace")
    assert "content.yaml:8:9: warning: option 'idle' has no effects and no outcomes" in warning


def test_an_option_a_patch_adds_is_reported_in_the_patch(tmp_path: Path) -> None:
    shipped = load_content([MINI])
    card = next(c for c in shipped.campaigns["mini"].cards.values() if c.options and c.origin.path.endswith(".yaml"))
    content = with_mod(
        tmp_path,
        f"patches:\n  - card: {card.id}\n    append:\n      options: {{id: shrug, text: Shrug}}\n",
    )
    (warning,) = found(content, "option 'shrug' has no effects")
    assert "lintmod/content.yaml:4:16: warning:" in warning
    assert not [d for d in content.diagnostics if "leaves no trace" in d.message and "shrug" not in d.message]
