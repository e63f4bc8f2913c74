"""Generated reference pages (API, command options, changelog, hooks, YAML) match the code."""

from __future__ import annotations

from pathlib import Path

import pytest

import aipd
from aipd import docgen

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("rel", sorted(docgen.DOCUMENTS))
def test_generated_page_is_up_to_date(rel: str) -> None:
    """Each generated page is exactly a fresh build (run python -m aipd.docgen to rewrite them)."""
    assert (ROOT / rel).read_text(encoding="utf-8") == docgen.DOCUMENTS[rel](), f"{rel} is stale"


def test_api_page_documents_every_public_name() -> None:
    """docs/api.md has a section, with a signature or a value, for every name in aipd.__all__."""
    page = docgen.api_reference()
    for name in aipd.__all__:
        assert f"## `{name}`" in page


def test_cli_page_has_every_command() -> None:
    """docs/cli-reference.md shows the --help of every sub-command the parser knows."""
    from aipd.cli import build_parser

    page = docgen.cli_reference()
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]  # argparse keeps sub-parsers here
    assert commands
    for name in commands:
        assert f"## `aipd {name}`" in page
        assert f"usage: aipd {name}" in page


def test_check_reports_a_stale_page(tmp_path: Path) -> None:
    """python -m aipd.docgen check exits 1 when a page differs, 0 once rewritten."""
    assert docgen.main([str(tmp_path)]) == 0
    assert docgen.main(["check", str(tmp_path)]) == 0
    (tmp_path / "docs" / "api.md").write_text("ancien\n", encoding="utf-8")
    assert docgen.main(["check", str(tmp_path)]) == 1


def test_defaults_are_printed_in_a_stable_order() -> None:
    """A set default is printed sorted, so the page does not change with hash randomisation."""
    from aipd.vocabulary import Level

    shown = docgen._default(frozenset({Level.MAXIMUM, Level.LIMITED}))
    assert shown == "frozenset({Level.LIMITED, Level.MAXIMUM})"
