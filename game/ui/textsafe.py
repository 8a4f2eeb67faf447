"""Text from strangers made safe to show, and numbers typed by a player read strictly.

Card text comes from mods and chronicles come from saves: both are untrusted. Every string a
frontend writes to a terminal, or puts into an HTML or Markdown chronicle, passes through one
of the functions here, so no escape sequence from a mod can retitle the window, clear the
screen, hide text or forge a hyperlink, and no tag can reach a page.

The numbers players type (a choice, a save's number in a menu, a seed) are ASCII digits only:
``str.isdigit`` accepts ``²`` and ``①``, which ``int`` refuses, and ``int`` refuses more than
4,300 digits, so both are checked here before any conversion.
"""

from __future__ import annotations

import html
import re

# ESC sequences as terminals parse them: CSI (ESC [ ... final), OSC/DCS/APC/PM/SOS (ESC ] ...
# up to BEL or ESC \), and two-character escapes. Their C1 forms (U+009B, U+009D ...) too.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI
    r"|(?:\x1b[\]PX^_]|[\x90\x9d\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]?"  # other escapes (ESC c resets the terminal, ESC ( B ...)
)
# Other controls: C0 except tab and newline, DEL, C1, and the line and paragraph separators
# (which editors and terminals disagree about), the bidirectional overrides and isolates
# (which make text read differently from what it is).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"
MAX_CHOICE_DIGITS = 6
MAX_SEED_DIGITS = 18


def printable(text: str) -> str:
    """``text`` with every terminal escape sequence removed and every other control character
    replaced by U+FFFD (tab and newline kept): safe to write to any terminal."""
    if text.isprintable():
        return text
    return _CONTROLS.sub(REPLACEMENT, _ESCAPES.sub("", text))


def one_line(text: str) -> str:
    """``printable`` text on one line (names, ids and file names in menus and messages)."""
    return printable(text).replace("\n", " ").replace("\t", " ")


def html_text(text: str) -> str:
    """Text for an HTML page: printable, with ``& < > " '`` escaped."""
    return html.escape(printable(text), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|~])")
_MD_LINE_START = re.compile(r"^(#|[-+=](?=\s|$))")
_MD_NUMBERED = re.compile(r"^(\d+)([.)])")


def markdown_text(text: str) -> str:
    """Text for one Markdown paragraph: printable, on one line, every character Markdown could
    read as markup backslash-escaped and ``& < >`` written as entities (so no HTML passes)."""
    flat = " ".join(printable(text).split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    flat = _MD_SPECIAL.sub(r"\\\1", flat)
    flat = _MD_NUMBERED.sub(r"\1\\\2", flat)
    return _MD_LINE_START.sub(r"\\\1", flat)


def css_class(text: str, known: frozenset[str]) -> str:
    """A class name for an HTML attribute: one of ``known``, else ``other``."""
    return text if text in known else "other"


def _ascii_number(text: str, max_digits: int) -> int | None:
    text = text.strip()
    if not text or len(text) > max_digits or not (text.isascii() and text.isdigit()):
        return None
    return int(text)


def parse_choice(text: str, count: int) -> int | None:
    """The number 1..``count`` a player typed, or None (for anything else: ``²``, ``①``,
    5,000 digits, ``-1``, ``1.5``)."""
    number = _ascii_number(text, MAX_CHOICE_DIGITS)
    return number if number is not None and 1 <= number <= count else None


def parse_seed(text: str) -> int | None:
    """A seed a player typed (ASCII digits, at most 18 of them), or None."""
    return _ascii_number(text, MAX_SEED_DIGITS)
