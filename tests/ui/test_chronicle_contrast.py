"""The HTML chronicle is readable: every text colour of its style sheet against the background
it is drawn on has a WCAG 2 contrast ratio of at least 4.5:1 (level AA for body text)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Campaign
from game.ui.chronicle_export import CSS, chronicle_html

AA = 4.5


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of ``#rgb`` or ``#rrggbb``."""
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = []
    for i in (0, 2, 4):
        c = int(h[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def rules(css: str) -> dict[str, dict[str, str]]:
    """Selector -> its declarations (each selector of a group separately)."""
    out: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        decls = dict((k.strip(), v.strip()) for k, v in (d.split(":", 1) for d in body.split(";") if ":" in d))
        for sel in selectors.split(","):
            out.setdefault(" ".join(sel.split()), {}).update(decls)
    return out


def background(decls: dict[str, str]) -> str | None:
    for key in ("background", "background-color"):
        found = re.search(r"#[0-9a-fA-F]{3,6}\b", decls.get(key, ""))
        if found:
            return found.group(0)
    return None


class _Nesting(HTMLParser):
    """Which classes appear inside each element that has a class or is a header."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[set[str]] = []
        self.inside: dict[str, set[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {"." + c for c in (dict(attrs).get("class") or "").split()} | {tag}
        for outer in self.stack:
            for o in outer:
                self.inside.setdefault(o, set()).update(names)
        if tag not in ("br", "i", "meta", "line", "rect", "text", "polyline", "circle", "path"):
            self.stack.append(names)

    def handle_endtag(self, tag: str) -> None:
        if self.stack and tag in self.stack[-1]:
            self.stack.pop()


def nesting(html: str) -> dict[str, set[str]]:
    parser = _Nesting()
    parser.feed(html)
    return parser.inside


def pairs(css: str, inside: dict[str, set[str]]) -> list[tuple[str, str, str]]:
    """(where, text colour, background) for every text colour, in every box with its own
    background it is drawn in: a rule's own box, the box its selector sits in, the page; a
    class's colour is also checked inside each box with a background that really holds that
    class in a rendered page (``inside``), unless the box overrides it."""
    table = rules(css)
    boxes = {sel: bg for sel, d in table.items() if (bg := background(d)) and " " not in sel and sel != "body"}
    page = background(table["body"]) or "#ffffff"
    out = []
    for sel, decls in table.items():
        colour = re.search(r"#[0-9a-fA-F]{3,6}\b", decls.get("color", ""))
        if not colour:
            continue
        own = background(decls)
        outer = sel.split(" ")[0]
        bg = own or boxes.get(outer) or page
        out.append((sel, colour.group(0), bg))
        if " " not in sel and sel.startswith(".") and own is None:
            for box, box_bg in boxes.items():
                held = sel in inside.get(box, set())
                if held and box != sel and f"{box} {sel}" not in table and box_bg != bg:
                    out.append((f"{box} {sel}", colour.group(0), box_bg))
    return out


def test_the_contrast_formula_matches_wcag_examples() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48  # the classic just-failing grey
    assert contrast("#123456", "#123456") == 1.0


def page(campaign: Campaign) -> str:
    """A finished game's chronicle page (with its ending box)."""
    engine = Engine(campaign, 3)
    while not engine.is_over:
        engine.apply(Choose(engine.choices()[0]))
    return chronicle_html(engine.view(), mattered=["a decision that mattered"])


def test_every_text_colour_of_the_chronicle_is_readable_on_its_background(mini: Campaign) -> None:
    found = pairs(CSS, nesting(page(mini)))
    assert len(found) >= 8, found
    low = [(where, fg, bg, round(contrast(fg, bg), 2)) for where, fg, bg in found if contrast(fg, bg) < AA]
    assert not low, f"below {AA}:1: {low}"


def test_the_check_catches_dark_grey_on_the_dark_ending_box(mini: Campaign) -> None:
    """The review's case (D20): the history line inside the ending box, dark grey on near-black."""
    broken = CSS.replace(".ending .history{color:#d9cdb2}", "")
    assert broken != CSS
    low = [where for where, fg, bg in pairs(broken, nesting(page(mini))) if contrast(fg, bg) < AA]
    assert ".ending .history" in low
