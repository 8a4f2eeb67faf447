"""Untrusted mod folders: only regular files inside the folder are read, every read is bounded,
a mod has a budget, and nothing is dropped without a message naming it (issue 9 items 2-3,
modding review D1, D2, D5, D6, D12, D15)."""

from __future__ import annotations

import os
import signal
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.content.files import Budget, UnreadableFile, read_regular
from game.content.loader import Source, load_content

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"

CARD = (
    "  - {{id: mini.m{i}, kind: action, campaign: mini, title: T, options: [{{id: a, text: A}}], "
    'when: {{date: {{from: "1936-01", to: "1936-12"}}}}}}\n'
)


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A read that blocks (a FIFO) fails the test instead of hanging the suite."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def boom(*_: object) -> None:
        raise TimeoutError("the loader blocked")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def mod(tmp_path: Path, name: str = "m") -> Path:
    root = tmp_path / name
    root.mkdir()
    (root / "good.yaml").write_text("cards:\n" + CARD.format(i=0))
    return root


def load(root: Path, budget: Budget | None = None) -> tuple[list[str], set[str]]:
    content = load_content([MINI], mods=[Source("m", root)], budget=budget or Budget())
    return [str(d) for d in content.errors], set(content.campaigns["mini"].cards)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_among_the_files_is_refused_by_name_without_blocking(tmp_path: Path) -> None:
    root = mod(tmp_path)
    os.mkfifo(root / "cards.yaml")
    errors, cards = load(root)
    assert any("cards.yaml" in e and "named pipe" in e for e in errors), errors
    assert "mini.m0" in cards  # the rest of the mod still loads


def test_a_device_is_never_read(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="character device"):
        read_regular(Path("/dev/zero"), 1024)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no unix sockets here")
def test_a_socket_among_the_files_is_refused_by_name(tmp_path: Path) -> None:
    root = mod(tmp_path)
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(root / "s.yaml"))
        errors, cards = load(root)
    finally:
        sock.close()
    assert any("s.yaml" in e and "socket" in e for e in errors), errors
    assert "mini.m0" in cards


def test_symlinks_out_of_the_folder_are_refused_with_a_message(tmp_path: Path) -> None:
    root = mod(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.yaml").write_text("cards:\n" + CARD.format(i=9))
    (root / "linked.yaml").symlink_to(outside / "x.yaml")
    (root / "dir").symlink_to(outside)
    (root / "zero.yaml").symlink_to("/dev/zero")
    errors, cards = load(root)
    for name in ("linked.yaml", "dir", "zero.yaml"):
        assert any(f"{name}:" in e and "outside the mod's folder" in e for e in errors), (name, errors)
    assert "mini.m9" not in cards and "mini.m0" in cards


def test_a_link_inside_the_folder_is_read_once(tmp_path: Path) -> None:
    root = mod(tmp_path)
    (root / "alias.yaml").symlink_to(root / "good.yaml")
    errors, cards = load(root)
    assert errors == [] and "mini.m0" in cards


def test_a_file_that_lies_about_its_size_is_read_only_to_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a" * 5000)
    with pytest.raises(UnreadableFile, match="more than the limit of 1,000"):
        read_regular(path, 1000)
    assert read_regular(path, 5000) == b"a" * 5000


def test_more_files_than_the_budget_is_an_error_not_a_silent_cut(tmp_path: Path) -> None:
    root = tmp_path / "many"
    root.mkdir()
    for i in range(12):
        (root / f"c{i:02d}.yaml").write_text("cards:\n" + CARD.format(i=i))
    errors, cards = load(root, Budget(files=10))
    assert any("more than 10 content files" in e for e in errors), errors
    assert not any(c.startswith("mini.m") for c in cards)  # refused whole, not its first ten
    errors, cards = load(root, Budget(files=12))
    assert errors == [] and {f"mini.m{i}" for i in range(12)} <= cards


def test_a_mod_past_its_byte_or_card_budget_is_refused_with_its_name(tmp_path: Path) -> None:
    root = tmp_path / "fat"
    root.mkdir()
    (root / "cards.yaml").write_text("cards:\n" + "".join(CARD.format(i=i) for i in range(30)))
    errors, cards = load(root, Budget(cards=20))
    assert any("mod 'm' has 30 cards, more than the budget of 20" in e for e in errors), errors
    assert "mini.m0" not in cards and "mini.letter" in cards  # the base content still loads
    errors, cards = load(root, Budget(bytes=1000))
    assert any("mod 'm' holds more than 1,000 bytes" in e for e in errors), errors
    assert "mini.m0" not in cards


def test_a_duplicate_key_no_longer_hides_the_files_other_errors(tmp_path: Path) -> None:
    root = tmp_path / "dup"
    root.mkdir()
    (root / "cards.yaml").write_text(
        "cards:\n"
        "  - id: mini.d1\n    kind: action\n    campaign: mini\n    title: A\n    title: B\n"
        "    options: [{id: a, text: A}]\n"
        "  - id: mini.d2\n    kind: action\n    campaign: mini\n    title: C\n    optons: []\n" + CARD.format(i=5)
    )
    errors, cards = load(root)
    assert any("cards.yaml:6:5:" in e and "duplicate key 'title'" in e for e in errors), errors
    assert any("cards.yaml:12:5:" in e and "unknown key 'optons'" in e for e in errors), errors
    assert "mini.d1" not in cards and "mini.d2" not in cards and "mini.m5" in cards


def test_a_control_character_is_reported_at_its_own_line_and_column(tmp_path: Path) -> None:
    root = tmp_path / "ctl"
    root.mkdir()
    (root / "cards.yaml").write_text('cards:\n  - id: mini.x\n    title: "ab\x1bcd"\n')
    errors, _ = load(root)
    assert len(errors) == 1 and "cards.yaml:3:15: error: the control character U+001B" in errors[0], errors
    assert "\n" not in errors[0]


def test_line_separators_do_not_shift_later_positions(tmp_path: Path) -> None:
    root = tmp_path / "ls"
    root.mkdir()
    (root / "cards.yaml").write_text(
        "cards:\n"
        '  - id: mini.ls\n    kind: action\n    campaign: mini\n    title: "one\u2028two\u2029three\x85four"\n'
        "    options: [{id: a, text: A}]\n    bogus_key: 1\n"
    )
    content = load_content([MINI], mods=[Source("m", root)])
    errors = [str(d) for d in content.errors]
    assert len(errors) == 1 and "cards.yaml:7:5: error: unknown key 'bogus_key'" in errors[0], errors
    (root / "cards.yaml").write_text((root / "cards.yaml").read_text().replace("    bogus_key: 1\n", ""))
    content = load_content([MINI], mods=[Source("m", root)])
    assert content.campaigns["mini"].cards["mini.ls"].title == "one\u2028two\u2029three\x85four"


def test_an_unclosed_quote_names_where_it_opened(tmp_path: Path) -> None:
    root = tmp_path / "q"
    root.mkdir()
    (root / "cards.yaml").write_text('cards:\n  - id: mini.q\n    title: "open\n    kind: action\n')
    errors, _ = load(root)
    assert any("opened at line 3, column 12" in e for e in errors), errors


WRONG_TYPES = {
    "ending id a list": ("endings:\n    - {id: [caught], title: C, kind: death, text: T}\n", "endings"),
    "meters an int": ("meters: 5\n", "meters"),
    "endings strings": ("endings: [caught, burned]\n", "endings"),
    "cast a list of lists": ("cast: [[hero]]\n", "cast"),
    "player a list": ("player: [hero]\n", "player"),
}


@pytest.mark.parametrize("case", sorted(WRONG_TYPES))
def test_wrong_typed_campaign_fields_are_errors_not_crashes(tmp_path: Path, case: str) -> None:
    """Modding D3 of the hardening review: `loader.link` assumed the types the schema checks."""
    replacement, key = WRONG_TYPES[case]
    root = tmp_path / "mini"
    root.mkdir()
    lines = (MINI / "campaign.yaml").read_text().splitlines(keepends=True)
    out, skipping = [], False
    for line in lines:
        if line.startswith(f"  {key}:"):
            out.append("  " + replacement)
            skipping = True
            continue
        if skipping and line.startswith("    "):
            continue
        skipping = False
        out.append(line)
    (root / "campaign.yaml").write_text("".join(out))
    (root / "cards.yaml").write_text((MINI / "cards.yaml").read_text())
    content = load_content([root])
    assert "mini" not in content.campaigns
    assert any(f".{key}" in d.field or key in d.message for d in content.errors), content.errors[:5]


def test_an_option_id_of_the_wrong_type_is_an_error_not_a_crash(tmp_path: Path) -> None:
    root = tmp_path / "opt"
    root.mkdir()
    (root / "cards.yaml").write_text(
        "cards:\n  - {id: mini.o, kind: action, campaign: mini, title: T, options: [{id: [a], text: A}]}\n"
        "  - {id: mini.p, kind: action, campaign: mini, title: T, options: [{id: a, text: A, "
        "requires: {chose: {card: mini.o, option: a}}}]}\n"
    )
    errors, _ = load(root)
    assert any("[cards[0].options[0].id]" in e for e in errors), errors
