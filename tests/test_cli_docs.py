"""docs/cli.md explains every sub-command of ``aipd``, in French and in English.

docs/cli-reference.md is generated from the parser, so it cannot miss a command; the prose page is
written by hand, and this test is what makes a new command without an explanation fail.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from aipd import cli

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def commands() -> list[str]:
    """The sub-commands the parser knows, as ``aipd --help`` lists them."""
    parser = cli.build_parser()
    for action in parser._actions:  # argparse keeps the sub-parsers in a private list of actions
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    raise AssertionError("aipd has no sub-commands")


def sections(text: str) -> dict[str, str]:
    """Each ``aipd <command>`` heading of ``text`` -> the text up to the next heading."""
    found: dict[str, str] = {}
    parts = re.split(r"^#{2,3} ", text, flags=re.MULTILINE)
    for part in parts[1:]:
        match = re.match(r"`aipd ([a-z-]+)`", part)
        if match:
            found[match.group(1)] = part
    return found


def undocumented(names: Iterable[str], text: str) -> list[str]:
    """Commands of ``names`` without a section in either language, or whose section does not link
    to the generated options page; each as ``"<command> (<language>)"``."""
    french, sep, english = text.partition("\n## English\n")
    assert sep, "docs/cli.md has no '## English' part"
    missing = []
    for lang, part in (("fr", french), ("en", english)):
        found = sections(part)
        for name in names:
            if name not in found or f"(cli-reference.md#aipd-{name})" not in found[name]:
                missing.append(f"{name} ({lang})")
    return missing


def test_every_command_has_a_section_in_both_languages() -> None:
    """Every sub-command has a heading `aipd <command>` in the French part and in the English part,
    and its section links to its entry in docs/cli-reference.md."""
    names = commands()
    assert {"assess", "check", "render", "triage", "import-pia"} <= set(names)
    assert undocumented(names, DOCS.read_text(encoding="utf-8")) == []


def test_a_new_command_without_docs_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check is not vacuous: a command registered without documentation is reported in both languages."""
    monkeypatch.setitem(cli.COMMANDS, "frobnicate", (lambda args: 0, "test", lambda p: None))
    names = commands()
    assert "frobnicate" in names
    assert undocumented(names, DOCS.read_text(encoding="utf-8")) == ["frobnicate (fr)", "frobnicate (en)"]


def test_a_section_in_one_language_only_is_caught() -> None:
    """A section present in French but missing in English is reported for English only."""
    text = DOCS.read_text(encoding="utf-8")
    head, sep, english = text.partition("\n## English\n")
    english = re.sub(r"^### `aipd check`.*?(?=^### )", "", english, flags=re.MULTILINE | re.DOTALL)
    assert undocumented(commands(), head + sep + english) == ["check (en)"]
