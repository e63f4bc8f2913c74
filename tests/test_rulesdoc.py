"""docs/concepts.md: the tables of built-in rules are generated from the catalogue and cannot drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from aipd.rulesdoc import BEGIN, END, builtin_catalogue, main, rules_markdown, update

ROOT = Path(__file__).resolve().parent.parent
CONCEPTS = ROOT / "docs" / "concepts.md"


def test_concepts_tables_match_the_catalogue() -> None:
    """docs/concepts.md is exactly what the generator builds (run python -m aipd.rulesdoc)."""
    text = CONCEPTS.read_text(encoding="utf-8")
    assert update(text, builtin_catalogue()) == text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_rule_is_in_the_tables_with_source_and_reliability(lang: str) -> None:
    """Each criterion and list item appears once, with its source's address."""
    catalogue = builtin_catalogue()
    table = rules_markdown(catalogue, lang)  # type: ignore[arg-type]  # parametrised literal
    for rule in (*catalogue.criteria, *catalogue.list_items):
        assert table.count(f"| `{rule.id}` |") == 1
        if rule.source.url:
            assert rule.source.url in table
    assert ("de mémoire, à vérifier" if lang == "fr" else "recalled, to be checked") in table


def test_update_refuses_a_file_without_markers() -> None:
    """A concepts file without the markers is an error, not a silent no-op."""
    with pytest.raises(ValueError, match="markers"):
        update("# nothing here\n", builtin_catalogue())


def test_main_rewrites_a_drifted_block(tmp_path: Path) -> None:
    """python -m aipd.rulesdoc ROOT replaces stale tables under ROOT."""
    (tmp_path / "docs").mkdir()
    stale = "\n".join(
        f"{BEGIN.format(lang=lang)}\n| stale |\n{END.format(lang=lang)}" for lang in ("fr", "en")
    )
    target = tmp_path / "docs" / "concepts.md"
    target.write_text(stale, encoding="utf-8")
    assert main([str(tmp_path)]) == 0
    written = target.read_text(encoding="utf-8")
    assert "| stale |" not in written
    assert "`wp248:large_scale`" in written
