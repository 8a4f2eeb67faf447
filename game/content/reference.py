"""The operation and field reference of docs/MODDING.md, generated from the registry.

``python -m game.content.reference`` rewrites the part of docs/MODDING.md between the
markers; a test fails when the file is stale, so the reference cannot drift from the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from game.content import schema
from game.core import ops
from game.core import spec as t
from game.core.state import STATUSES

BEGIN = "<!-- BEGIN GENERATED REFERENCE: python -m game.content.reference -->"
END = "<!-- END GENERATED REFERENCE -->"
DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "MODDING.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _record_table(rec: t.Record) -> list[str]:
    lines = [f"### `{rec.name}`", ""]
    if rec.doc:
        lines += [rec.doc, ""]
    lines += ["| key | type | required | meaning |", "|---|---|---|---|"]
    for key, f in rec.fields.items():
        lines.append(f"| `{key}` | {_cell(t.describe(f.type))} | {'yes' if f.required else ''} | {_cell(f.doc)} |")
    for group in rec.one_of_required:
        lines += ["", "At least one of " + ", ".join(f"`{k}`" for k in group) + " must be given."]
    return [*lines, ""]


def _operation(op: ops.Operation) -> list[str]:
    lines = [f"#### `{op.name}`", "", op.doc, "", f"- value: {t.describe(op.value)}"]
    for key, f in op.extras.items():
        req = "required" if f.required else "optional"
        lines.append(f"- `{key}` ({req}): {t.describe(f.type)} — {f.doc}")
    if op.need_one_extra:
        lines.append("- give at least one of " + ", ".join(f"`{k}`" for k in op.need_one_extra))
    lines += ["", "```yaml", op.example, "```", ""]
    return lines


def generate() -> str:
    """The generated reference, as Markdown."""
    lines = [
        BEGIN,
        "",
        "## Reference (generated from the code)",
        "",
        "### Conditions",
        "",
        "A condition is a mapping with exactly one of these operations (plus its own keys).",
        "",
    ]
    for op in ops.CONDITIONS.values():
        lines += _operation(op)
    lines += ["### Effects", "", "An effect is a mapping with exactly one of these keys; effects run in order.", ""]
    for op in ops.EFFECTS.values():
        lines += _operation(op)
    lines += [
        "### Character statuses",
        "",
        ", ".join(f"`{s}`" for s in STATUSES),
        "",
        "### Simulated players (constraint `policy`)",
        "",
        ", ".join(f"`{p}`" for p in schema.POLICIES),
        "",
        "### Fields",
        "",
    ]
    for rec in schema.RECORDS:
        lines += _record_table(rec)
    lines += [END, ""]
    return "\n".join(lines)


def updated(document: str) -> str:
    """The document with its generated part replaced (appended if the markers are missing)."""
    block = generate()
    if BEGIN in document and END in document:
        head = document.split(BEGIN, 1)[0]
        tail = document.split(END, 1)[1].lstrip("\n")
        return head + block + ("\n" + tail if tail else "")
    return document.rstrip("\n") + "\n\n" + block


def main() -> int:
    """Rewrite docs/MODDING.md's reference in place."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DOC_PATH
    text = path.read_text(encoding="utf-8") if path.exists() else "# Modding Divergence\n"
    path.write_text(updated(text), encoding="utf-8")
    print(f"updated {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
