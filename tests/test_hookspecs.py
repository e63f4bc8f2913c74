"""Meta-tests of the hook contract: every hook documented, in docs/hooks.md, tested, with its facade method."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from aipd import hookspecs
from aipd.docgen import hook_functions, hooks_markdown, main, rst_to_markdown
from aipd.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
HOOK_NAMES = [fn.__name__ for fn in hook_functions()]


def test_the_hooks_are_found() -> None:
    """The generator sees every aipd_* specification of hookspecs, in definition order."""
    declared = [n for n in vars(hookspecs) if n.startswith("aipd_")]
    assert declared == HOOK_NAMES
    assert HOOK_NAMES[0] == "aipd_criteria"


@pytest.mark.parametrize("name", HOOK_NAMES)
def test_every_hook_has_a_docstring(name: str) -> None:
    """Each hook has a docstring of a summary line and a body explaining it."""
    doc = inspect.getdoc(getattr(hookspecs, name)) or ""
    summary, _, body = doc.partition("\n\n")
    assert summary.strip()
    assert len(body.split()) >= 20


@pytest.mark.parametrize("name", HOOK_NAMES)
def test_every_hook_is_in_docs_hooks(name: str) -> None:
    """docs/hooks.md has a section for each hook."""
    assert f"### `{name}`" in (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", HOOK_NAMES)
def test_every_hook_is_exercised_by_a_test(name: str) -> None:
    """At least one other test module implements each hook (so each is called in the test suite)."""
    pattern = re.compile(rf"def {name}\(")
    users = [
        p.name
        for p in sorted((ROOT / "tests").glob("test_*.py"))
        if p.name != Path(__file__).name and pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert users, f"no test implements {name}"


@pytest.mark.parametrize("name", HOOK_NAMES)
def test_every_hook_has_its_facade_method(name: str) -> None:
    """Registry has one typed method per hook, named after it without the prefix."""
    method = getattr(Registry, name.removeprefix("aipd_"), None)
    assert callable(method)
    assert name in (method.__doc__ or "")


def test_hook_arguments_are_named_only() -> None:
    """Hooks take no positional-only or variadic arguments: pluggy passes them by keyword."""
    for fn in hook_functions():
        for param in inspect.signature(fn).parameters.values():
            assert param.kind in (param.POSITIONAL_OR_KEYWORD, param.KEYWORD_ONLY), (fn.__name__, param)


def test_docs_hooks_is_up_to_date() -> None:
    """docs/hooks.md is exactly what the generator builds from the docstrings (run python -m aipd.docgen)."""
    assert (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8") == hooks_markdown()


def test_generator_writes_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """python -m aipd.docgen ROOT writes docs/hooks.md under ROOT."""
    assert main([str(tmp_path)]) == 0
    assert (tmp_path / "docs" / "hooks.md").read_text(encoding="utf-8") == hooks_markdown()
    assert "hooks.md" in capsys.readouterr().out


def test_rst_to_markdown() -> None:
    """Roles and double back-quotes become code; a ``::`` block becomes a fenced block."""
    text = """Summary with :class:`aipd.Registry` and ``x``.

    Example::

        a = 1
          b = 2

    After.
    """
    assert rst_to_markdown(text) == (
        "Summary with `aipd.Registry` and `x`.\n\nExample:\n\n```\na = 1\n  b = 2\n```\n\nAfter.\n"
    )


def test_the_criteria_hook_names_every_built_in_family() -> None:
    """The hook reference lists what the built-in plug-ins contribute through ``aipd_criteria``: every
    namespace of a built-in criterion (``lil:``, ``fr:`` included) is named in its docstring."""
    doc = inspect.getdoc(hookspecs.aipd_criteria) or ""
    namespaces = {c.id.split(":")[0] for c in Registry(entry_points=False).criteria()}
    assert {"wp248", "gdpr", "ai-act", "lil", "fr"} <= namespaces
    assert sorted(ns for ns in namespaces if f"``{ns}:" not in doc) == []
