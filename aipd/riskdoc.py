"""The measures table of docs/risks.md, generated from the catalogue so it cannot drift.

Run ``python -m aipd.riskdoc [ROOT]`` from the repository root to rewrite the
tables between the ``<!-- measures:fr:start -->`` / ``end`` markers (and the
English ones); a test compares them with a fresh build.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from aipd.catalogue import MeasureType
from aipd.i18n import Lang, check_lang
from aipd.vocabulary import MeasureFamily

__all__ = ["main", "measures_table"]

_HEAD = {
    "fr": ("Identifiant", "Mesure", "Famille", "Risques traités", "Agit sur"),
    "en": ("Identifier", "Measure", "Family", "Risks addressed", "Lowers"),
}
_AXIS = {
    "fr": {"likelihood": "vraisemblance", "severity": "gravité", "both": "gravité et vraisemblance"},
    "en": {"likelihood": "likelihood", "severity": "severity", "both": "severity and likelihood"},
}
_FAMILY_ORDER = {f: i for i, f in enumerate(MeasureFamily)}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def measures_table(measures: Iterable[MeasureType], lang: Lang) -> str:
    """The built-in (``builtin:``) measures as a Markdown table, by CNIL family then id."""
    lang = check_lang(lang)
    rows = sorted(
        (m for m in measures if m.id.startswith("builtin:")),
        key=lambda m: (_FAMILY_ORDER[m.family], m.id),
    )
    head = _HEAD[lang]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for m in rows:
        risks = ", ".join(f"`{r}`" for r in m.reduces) or "—"
        lines.append(
            "| "
            + " | ".join(
                [f"`{m.id}`", _cell(m.title.get(lang)), m.family.label(lang), risks, _AXIS[lang][m.lowers]]
            )
            + " |"
        )
    return "\n".join(lines) + "\n"


def _replacer(table: str) -> Callable[[re.Match[str]], str]:
    def replace(m: re.Match[str]) -> str:
        return m.group(1) + table + m.group(2)

    return replace


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the measures tables of ``docs/risks.md`` under ROOT (default: the current folder)."""
    from aipd.registry import Registry

    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(args[0]) if args else Path()
    path = root / "docs" / "risks.md"
    text = path.read_text(encoding="utf-8")
    measures = Registry(entry_points=False).catalogue().measures
    for lang in ("fr", "en"):
        pattern = re.compile(rf"(<!-- measures:{lang}:start -->\n).*?(<!-- measures:{lang}:end -->)", re.S)
        table = measures_table(measures, check_lang(lang))
        # A function replacement, so backslashes in the table are not read as escapes.
        text = pattern.sub(_replacer(table), text)
    path.write_text(text, encoding="utf-8")
    print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
