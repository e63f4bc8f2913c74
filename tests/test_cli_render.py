"""``aipd render``: writes the DOCX in the chosen language, with a letterhead; template faults exit 3."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest

from aipd import cli
from aipd.registry import Registry
from render_cases import CasePlugin, operation


def use(monkeypatch: pytest.MonkeyPatch, plugin: CasePlugin | None = None) -> None:
    def registry(blocked: Any = ()) -> Registry:
        return Registry(
            builtins=False, entry_points=False, plugins=[("case", plugin or CasePlugin())], blocked=blocked
        )

    monkeypatch.setattr(cli, "default_registry", registry)
    monkeypatch.setattr(cli, "_load", lambda _path, *, max_bytes: operation())


def test_render_writes_a_french_docx(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """aipd render FILE -o OUT writes the AIPD and prints its path."""
    use(monkeypatch)
    out = tmp_path / "aipd.docx"
    assert cli.main(["render", "op.yaml", "-o", str(out)]) == cli.EXIT_OK
    assert capsys.readouterr().out.strip() == str(out)
    headings = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Synthèse"


def test_render_in_english_with_a_letterhead(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """--lang en and --template letterhead.docx give an English document keeping the letterhead."""
    use(monkeypatch)
    ref = docx.Document()
    ref.sections[0].header.paragraphs[0].text = "Ville de Test"
    ref.save(str(tmp_path / "letterhead.docx"))
    out = tmp_path / "dpia.docx"
    code = cli.main(
        ["render", "op.yaml", "-o", str(out), "--lang", "en", "--template", str(tmp_path / "letterhead.docx")]
    )
    assert code == cli.EXIT_OK
    d = docx.Document(str(out))
    assert d.sections[0].header.paragraphs[0].text == "Ville de Test"
    assert next(p.text for p in d.paragraphs if p.style.name == "Heading 1") == "Summary"


def test_broken_plugin_template_exits_3_naming_the_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A plug-in's broken wording template: exit code 3, the message names the file and line, no file left."""
    folder = tmp_path / "wording"
    (folder / "fr").mkdir(parents=True)
    (folder / "fr" / "validation.md.j2").write_text("\n{% macro text_dpo() %}{{ oops( }}{% endmacro %}\n")
    use(monkeypatch, CasePlugin(template_dirs=[folder]))
    out = tmp_path / "aipd.docx"
    assert cli.main(["render", "op.yaml", "-o", str(out)]) == cli.EXIT_PLUGIN
    assert "validation.md.j2:2" in capsys.readouterr().err
    assert not out.exists()


def _faulty(kind: str) -> object:
    import sys

    from aipd.catalogue import Criterion, Effect, Outcome, Source
    from aipd.hookspecs import hookimpl
    from aipd.i18n import t

    def test(op: Any, _s: Any) -> Outcome:
        if kind == "raises":
            raise RuntimeError("evil")
        if kind == "exits":
            sys.exit(0)
        if kind == "mutates":
            object.__setattr__(op, "name", "Autre")
        if kind == "control":
            return Outcome.met(t("oui\x00", "yes"))
        return Outcome.met(t("oui", "yes"))

    class Evil:
        __version__ = "6.6"

        @hookimpl
        def aipd_criteria(self) -> list[Criterion]:
            return [
                Criterion(
                    id="evil:crit",
                    title=t("Critère", "Criterion"),
                    source=Source(citation=t("Source", "Source")),
                    effect=Effect.INFORMS,
                    test=test,
                )
            ]

    return Evil()


@pytest.mark.parametrize("kind", ["raises", "exits", "mutates", "control"])
def test_a_faulty_plugin_exits_3_and_keeps_the_previous_document(
    kind: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``aipd render`` over an existing document with a plug-in whose test raises, calls
    ``sys.exit(0)`` (it exited 0 with nothing written), changes the operation, or returns a NUL
    (it exited 1 on a traceback): exit 3 naming the plug-in, and the previous document intact."""

    def registry(blocked: Any = ()) -> Registry:
        return Registry(entry_points=False, plugins=[("evil", _faulty(kind))], blocked=blocked)

    monkeypatch.setattr(cli, "default_registry", registry)
    monkeypatch.setattr(cli, "_load", lambda _path, *, max_bytes: operation())
    out = tmp_path / "aipd.docx"
    out.write_bytes(b"previous document")
    assert cli.main(["render", "op.yaml", "-o", str(out)]) == cli.EXIT_PLUGIN
    assert "« evil 6.6 »" in capsys.readouterr().err
    assert out.read_bytes() == b"previous document"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aipd.docx"]
