"""The documentation site builds with mkdocs --strict: no broken link or anchor, no page left out of the nav."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

ROOT = Path(__file__).resolve().parent.parent


def _nav_pages(items: list[object]) -> list[str]:
    pages: list[str] = []
    for item in items:
        for value in item.values() if isinstance(item, dict) else [item]:
            pages += _nav_pages(value) if isinstance(value, list) else [str(value)]
    return pages


def test_site_builds_strictly(tmp_path: Path) -> None:
    """mkdocs build --strict succeeds into a temporary folder (any warning aborts the build)."""
    config = load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "site"))
    build(config)  # raises mkdocs.exceptions.Abort on the first warning in strict mode
    assert (tmp_path / "site" / "index.html").exists()
    assert (tmp_path / "site" / "api" / "index.html").exists()


def test_every_page_is_in_the_nav() -> None:
    """Every Markdown page of docs/ is in the nav of mkdocs.yml, and every nav entry exists."""
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    listed = set(_nav_pages(nav))
    present = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert present == listed


def test_strict_build_fails_on_a_broken_link(tmp_path: Path) -> None:
    """The strict build is not vacuous: a page linking to a missing page aborts it."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    index = tmp_path / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n[lien cassé](absente.md)\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "site"))
    with pytest.raises(Abort, match="strict"):
        build(config)
