"""Reference documents generated from the code, so they cannot drift from it.

``docs/hooks.md`` is built from the docstrings of :mod:`aipd.hookspecs` by
:func:`hooks_markdown`; a test compares the file with a fresh build. Run
``python -m aipd.docgen`` from the repository root to rewrite the files.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from aipd import hookspecs

__all__ = ["hook_functions", "hooks_markdown", "main", "rst_to_markdown"]

_ROLE = re.compile(r":(?:class|func|meth|mod|data|attr|exc):`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")


def hook_functions() -> list[Callable[..., Any]]:
    """The hook specifications, in the order the module defines them."""
    marker = f"{hookspecs.PROJECT}_spec"
    hooks = [
        fn
        for name, fn in vars(hookspecs).items()
        if name.startswith(f"{hookspecs.PROJECT}_") and callable(fn) and hasattr(fn, marker)
    ]
    return sorted(hooks, key=lambda fn: inspect.getsourcelines(fn)[1])


def rst_to_markdown(text: str) -> str:
    """The reST of a docstring as Markdown: roles and literals as code, ``::`` blocks fenced."""
    out: list[str] = []
    lines = inspect.cleandoc(text).splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.rstrip().endswith("::"):
            head = line.rstrip()[:-2].rstrip()
            out.append(_inline(head) + ":" if head else "")
            i += 1
            while i < len(lines) and not lines[i].strip():
                i += 1
            block: list[str] = []
            while i < len(lines) and (not lines[i].strip() or lines[i].startswith(" ")):
                block.append(lines[i])
                i += 1
            while block and not block[-1].strip():
                block.pop()
            indent = min(len(b) - len(b.lstrip()) for b in block if b.strip()) if block else 0
            out += ["", "```", *(b[indent:] for b in block), "```", ""]
            continue
        out.append(_inline(line))
        i += 1
    return "\n".join(out).strip() + "\n"


def _inline(line: str) -> str:
    return _ROLE.sub(r"`\1`", _LITERAL.sub(r"`\1`", line))


def hooks_markdown() -> str:
    """``docs/hooks.md``: the hook contract, from :mod:`aipd.hookspecs`."""
    parts = [
        "# Hooks d'extension — plug-in hooks",
        "",
        "<!-- Généré depuis aipd/hookspecs.py par `python -m aipd.docgen` : ne pas modifier à la main. -->",
        "<!-- Generated from aipd/hookspecs.py by `python -m aipd.docgen`: do not edit by hand. -->",
        "",
        "Référence des hooks qu'une extension implémente, tirée des docstrings de `aipd/hookspecs.py` "
        "(en anglais, comme le code). Pour un exemple complet, voir "
        "[Écrire une extension](writing-a-plugin.md).",
        "",
        "Reference of the hooks a plug-in implements, taken from the docstrings of "
        "`aipd/hookspecs.py`. For a complete example, see [Writing a plug-in](writing-a-plugin.md).",
        "",
        "## The contract",
        "",
        rst_to_markdown(hookspecs.__doc__ or "").rstrip(),
        "",
        "## Hooks",
        "",
    ]
    for fn in hook_functions():
        options = getattr(fn, f"{hookspecs.PROJECT}_spec")
        # Annotations are strings (postponed evaluation): print them as written, unquoted.
        signature = f"def {fn.__name__}{inspect.signature(fn)}".replace("'", "")
        parts += [f"### `{fn.__name__}`", "", "```python", "@aipd.hookimpl", signature, "```", ""]
        flags = [name for name in ("firstresult", "historic") if options.get(name)]
        if flags:
            parts += [f"Options: {', '.join(flags)}.", ""]
        parts += [rst_to_markdown(fn.__doc__ or "").rstrip(), ""]
    return "\n".join(parts).rstrip() + "\n"


#: The generated documents: path under the repository root, and its builder.
DOCUMENTS: dict[str, Callable[[], str]] = {"docs/hooks.md": hooks_markdown}


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite every generated document under the given root (default: the current folder)."""
    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(args[0]) if args else Path()
    for rel, build in DOCUMENTS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(build(), encoding="utf-8")
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
