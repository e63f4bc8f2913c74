"""Notebook display: blocking issues and verdict first, French by default, text escaped."""

from pathlib import Path

import attrs
import pytest

import aipd
from aipd import model as m
from aipd.catalogue import Criterion, Effect, Outcome, Source
from aipd.i18n import t
from aipd.vocabulary import DataKind, DecisionEffect, HumanInvolvement, OrganisationKind


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


def _cameras(lang: str = "fr") -> aipd.Assessment:
    op = aipd.load("examples/cameras-augmentees.yaml")
    return aipd.assess(op, settings=aipd.Settings(lang=lang))  # type: ignore[arg-type]  # lang literal


def test_risk_map_html_places_each_risk_before_and_after_measures() -> None:
    """The risk map shows each risk's initial (○) and residual (●) cell, shades the high zone, and names its source."""
    a = _cameras()
    assert a.risks is not None
    html = a.risk_map()._repr_html_()
    assert "Cartographie des risques" in html
    for index, r in enumerate(a.risks, start=1):
        assert r.id in html
        assert f"○{index}" in html
        assert f"●{index}" in html
    assert "#f8d7da" in html  # the high-risk zone
    assert "36.1" in html  # the acceptability line names its source
    assert "Risk map" in a.risk_map("en")._repr_html_()


def test_risk_map_markdown_lists_retained_levels() -> None:
    """The Markdown risk table gives severity / likelihood before and after, in French by default."""
    a = _cameras()
    md = a.risk_map()._repr_markdown_()
    assert "| `cnil:illegitimate_access`" in md
    assert "Importante / Limitée" in md


def test_consultation_follows_verdict_and_risks_follow_findings() -> None:
    """The assessment HTML reads: verdict, then the CNIL consultation decision, then rules, then risks."""
    a = _cameras()
    html = a._repr_html_()
    assert (
        html.index("Verdict")
        < html.index("Consultation préalable de la CNIL")
        < html.index("Règles examinées")
    )
    assert html.index("Règles examinées") < html.index("Cartographie des risques")
    md = a._repr_markdown_()
    assert md.index("Verdict") < md.index("Consultation préalable de la CNIL")


def test_risk_map_without_risks_says_so() -> None:
    """An assessment built without a risk analysis refuses a risk map instead of drawing an empty one."""
    a = attrs.evolve(_assessment(), risks=None)
    with pytest.raises(ValueError, match="no risk analysis"):
        a.risk_map()


def test_ai_act_class_shown_after_the_verdict() -> None:
    """An assessment with an AI system shows its AI Act class and the FRIA after the verdict."""
    result = aipd.assess(aipd.load(Path(__file__).parent.parent / "examples" / "detection-fraude-ccas.yaml"))
    html = result._repr_html_()
    assert html.index("Verdict") < html.index("AI Act") < html.index("Consultation")
    assert "Haut risque" in html or "haut risque" in html
    assert "art. 27" in html
    md = result._repr_markdown_()
    assert md.index("Verdict") < md.index("AI Act")


def test_forbidden_automated_decisions_are_a_blocking_issue_before_the_verdict() -> None:
    """Solely automated decisions on health data (art. 47 LIL) show among the blocking issues, HTML and Markdown.

    Before, the notebook display went from the operation's name to the verdict: the problem was only in
    ``Assessment.algorithmic_decisions``.
    """
    op = m.ProcessingOperation(
        id="x",
        name="Attribution automatique",
        controller=m.Controller(name="Ville", kind=OrganisationKind.COMMUNE),
        data=(m.DataCategory(kind=DataKind.HEALTH),),
        decisions=m.Decisions(
            automated=True,
            effect=DecisionEffect.LEGAL,
            human_involvement=HumanInvolvement.NONE,
            administrative_decisions=True,
            administrative_appeals=False,
        ),
    )
    a = aipd.assess(op, registry=aipd.Registry(entry_points=False))
    assert a.algorithmic_decisions is not None
    assert a.algorithmic_decisions.forbidden is True
    html = a._repr_html_()
    assert html.index("Points bloquants") < html.index("Verdict")
    assert "art. 47" in html[: html.index("Verdict")]
    md = a._repr_markdown_()
    assert md.index("Points bloquants") < md.index("Verdict")


_MARKUP = (
    "<img src=x onerror=alert(1)>",
    "**x**",
    "[a](javascript:alert(1))",
    "# titre",
    "1. liste",
    "- puce",
    "`code`",
    "a | b",
    "_x_ ~~y~~ \\",
    "&amp; <b>gras</b>",
    "ligne\n\n! alerte",
)


class _Quoting:
    """A rule whose rationale quotes the operation's name (a plug-in's text holding the user's)."""

    @aipd.hookimpl
    def aipd_criteria(self) -> list[Criterion]:
        return [
            Criterion(
                id="quote:name",
                title=t("Cite le nom", "Quotes the name"),
                source=Source(citation=t("Source", "Source")),
                effect=Effect.BLOCKS,
                test=lambda op, s: Outcome.met(t(f"nom : {op.name}", f"name: {op.name}")),
            )
        ]


@pytest.mark.parametrize("name", _MARKUP)
def test_markdown_shows_a_name_as_written(name: str) -> None:
    """The Markdown display (operation card, assessment, findings table) shows a name holding Markdown or
    HTML as written: rendered, it makes no image, link, emphasis, heading, nested list, code or extra
    table cell. Before, ``_repr_markdown_`` escaped only ``|`` and ``\\``: an ``<img onerror>`` ran in a
    notebook that renders raw HTML."""
    import html
    import re

    import markdown  # a dependency of mkdocs (test extra)

    op = m.ProcessingOperation(
        id="x", name=name, description=name, controller=m.Controller(name=name, kind=OrganisationKind.COMMUNE)
    )
    a = aipd.assess(
        op, registry=aipd.Registry(builtins=False, entry_points=False, plugins=[("q", _Quoting())])
    )
    written = " ".join(name.split())  # line breaks become spaces in a list item or a cell
    for md in (op._repr_markdown_(), a._repr_markdown_()):
        rendered = markdown.markdown(md, extensions=["tables"])
        tags = set(re.findall(r"<([a-z0-9]+)", rendered))
        assert tags <= {
            "h3",
            "p",
            "br",
            "ul",
            "li",
            "strong",
            "code",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
        }
        assert rendered.count("<li>") == md.count("\n- ") + md.startswith("- ")
        assert all(re.fullmatch(r"[a-z0-9_.:-]+", c) for c in re.findall(r"<code>(.*?)</code>", rendered))
        text = html.unescape(re.sub(r"<[^>]+>", "", rendered))
        assert written in " ".join(text.split())
    table = a.table()._repr_markdown_()
    rendered = markdown.markdown(table, extensions=["tables"])
    assert rendered.count("<td") == 4 * len(a.findings)
