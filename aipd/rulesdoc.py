"""The tables of screening rules in ``docs/concepts.md``, generated from the catalogue so they cannot drift.

:func:`rules_markdown` renders every criterion and list item of the built-in
plug-ins (id, title, effect, source, reliability, and a list item's
conditions) in one language; ``docs/concepts.md`` holds one generated block per
language between markers, and a test compares each with a fresh build. Run
``python -m aipd.rulesdoc`` from the repository root to rewrite the blocks.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from aipd.catalogue import Criterion, ListItem, Source, effect_text
from aipd.i18n import LANGS, Lang
from aipd.registry import Catalogue, Registry

__all__ = ["BEGIN", "END", "builtin_catalogue", "main", "rules_markdown", "update"]

BEGIN = "<!-- BEGIN generated rules:{lang} (python -m aipd.rulesdoc) -->"
END = "<!-- END generated rules:{lang} -->"

_RELIABILITY = {
    "fr": {"verified": "vérifiée", "secondary": "sources secondaires", "recalled": "de mémoire, à vérifier"},
    "en": {"verified": "verified", "secondary": "secondary sources", "recalled": "recalled, to be checked"},
}
_HEAD = {
    "fr": ("Identifiant", "Règle", "Effet", "Source", "Fiabilité"),
    "en": ("Id", "Rule", "Effect", "Source", "Reliability"),
}
_CONDITIONS = {"fr": "Conditions :", "en": "Conditions:"}


def builtin_catalogue() -> Catalogue:
    """The catalogue of the built-in plug-ins only, whatever else is installed."""
    return Registry(entry_points=False).catalogue()


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _source(source: Source, lang: Lang) -> str:
    citation = _cell(source.citation.get(lang))
    return f"[{citation}]({source.url})" if source.url else citation


def _row(rule: Criterion | ListItem, lang: Lang) -> str:
    title = _cell(rule.title.get(lang))
    if isinstance(rule, ListItem):
        title += f"<br>*{_CONDITIONS[lang]}* {_cell(rule.conditions.get(lang))}"
    presumption = isinstance(rule, Criterion) and rule.presumption
    effect = _cell(effect_text(rule.effect, presumption).get(lang))
    reliability = _RELIABILITY[lang][rule.source.reliability]
    return f"| `{rule.id}` | {title} | {effect} | {_source(rule.source, lang)} | {reliability} |"


def _table(rules: Sequence[Criterion | ListItem], lang: Lang) -> list[str]:
    head = _HEAD[lang]
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head), *(_row(r, lang) for r in rules)]


def rules_markdown(catalogue: Catalogue, lang: Lang) -> str:
    """Markdown tables of the catalogue's criteria (by group) and list items (by list), in ``lang``."""
    out: list[str] = []
    groups: dict[str, list[Criterion | ListItem]] = {}
    for c in catalogue.criteria:
        groups.setdefault(c.group, []).append(c)
    for group in sorted(groups):
        out += [f"#### `{group}`", "", *_table(groups[group], lang), ""]
    lists: dict[str, list[ListItem]] = {}
    for item in catalogue.list_items:
        lists.setdefault(item.reference_list.id, []).append(item)
    for list_id in sorted(lists):
        items = sorted(lists[list_id], key=lambda i: i.number)
        ref = items[0].reference_list
        out += [
            f"#### `{list_id}` — {_cell(ref.title.get(lang))}",
            "",
            _source(ref.source, lang),
            "",
            *_table(items, lang),
            "",
        ]
    return "\n".join(out).rstrip() + "\n"


def _constant(value: str) -> Callable[[re.Match[str]], str]:
    def replace(_match: re.Match[str]) -> str:
        return value

    return replace


def update(text: str, catalogue: Catalogue) -> str:
    """``text`` with each language's generated block replaced by a fresh build."""
    for lang in LANGS:
        begin, end = BEGIN.format(lang=lang), END.format(lang=lang)
        pattern = re.compile(re.escape(begin) + r"\n.*?" + re.escape(end), re.DOTALL)
        if not pattern.search(text):
            raise ValueError(f"markers for {lang!r} not found: {begin} … {end}")
        block = f"{begin}\n\n{rules_markdown(catalogue, lang)}\n{end}"
        # A function, not the block itself, so backslashes in the tables are not read as escapes.
        text = pattern.sub(_constant(block), text)
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the generated blocks of ``docs/concepts.md`` under the given root (default: current folder)."""
    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(args[0]) if args else Path()
    path = root / "docs" / "concepts.md"
    path.write_text(update(path.read_text(encoding="utf-8"), builtin_catalogue()), encoding="utf-8")
    print(f"écrit / written: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
