"""Notebook display: blocking issues and verdict first, French by default, text escaped."""

import attrs

import aipd
from aipd import model as m
from aipd.catalogue import Criterion, Effect, Outcome, Source
from aipd.i18n import t
from aipd.vocabulary import OrganisationKind


class _Plugin:
    """Two rules: one blocking, one counting."""

    @aipd.hookimpl
    def aipd_criteria(self) -> list[Criterion]:
        src = Source(citation=t("Texte <test> & co", "Text <test> & co"))
        return [
            Criterion(
                id="test:block",
                title=t("Bloquant", "Blocking"),
                source=src,
                effect=Effect.BLOCKS,
                test=lambda op, s: Outcome.met(t("interdit <b>", "forbidden <b>")),
            ),
            Criterion(
                id="test:count",
                title=t("Compté", "Counted"),
                source=src,
                effect=Effect.COUNTS,
                test=lambda op, s: Outcome.unknown(t("à voir", "to see"), ["scale.persons"]),
            ),
        ]


def _assessment(lang: str = "fr") -> aipd.Assessment:
    op = m.ProcessingOperation(
        id="x",
        name="Vidéo <script>alert(1)</script> & co",
        controller=m.Controller(name="Ville", kind=OrganisationKind.COMMUNE),
    )
    registry = aipd.Registry(builtins=False, entry_points=False, plugins=[("test", _Plugin())])
    return aipd.assess(op, registry=registry, settings=aipd.Settings(lang=lang))  # type: ignore[arg-type]  # lang literal


def test_blocking_comes_before_verdict_and_text_is_escaped() -> None:
    """The HTML shows the blocking issue before the verdict and escapes user text."""
    html = _assessment()._repr_html_()
    assert html.index("Points bloquants") < html.index("Verdict")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "scale.persons" in html


def test_english_and_markdown() -> None:
    """The language follows the settings; Markdown has the same order."""
    a = _assessment("en")
    assert "Blocking issues" in a._repr_html_()
    md = a._repr_markdown_()
    assert md.index("Blocking issues") < md.index("Verdict")
    assert "| `test:block`" in a.table()._repr_markdown_()


def test_operation_card_and_evolve() -> None:
    """An operation displays as a card; changing one fact with attrs.evolve shows the new fact."""
    op = _assessment().operation
    assert "Ville" in op._repr_html_()
    assert "inconnu" in op._repr_markdown_()
    op2 = attrs.evolve(op, scale=m.Scale(persons=12000))
    assert "12\u202f000" in op2._repr_markdown_()
