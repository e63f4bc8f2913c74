"""The AIPD document: outline in the CNIL order, Word features, the risk map, determinism, safety."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aipd
from aipd import atomic as atomic_module
from aipd.i18n import typography
from aipd.model import ActionItem, DataCategory, Decisions, DpoContact, RiskJudgement
from aipd.registry import Registry
from aipd.render import docx as render_module
from aipd.render import render_docx
from aipd.render.docx import build_document, zone
from aipd.vocabulary import DataKind, DecisionEffect, HumanInvolvement
from render_cases import assessment, minimal_assessment, registry

HEADINGS_FR = [
    "Synthèse",
    "1. Contexte",
    "2. Principes fondamentaux",
    "3. Risques",
    "4. Validation",
    "Annexe 1. Examen préalable\u00a0: critères et listes vérifiés",
    "Annexe 2. Système d'intelligence artificielle (AI Act)",
    "Annexe 3. Décisions fondées sur un traitement algorithmique",
    "Annexe 4. Consultation préalable de la CNIL et dossier (RGPD, art. 36.3)",
    "Annexe 5. Traçabilité",
]


def _doc(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def _render(a: aipd.Assessment, lang: str = "fr", **kw: Any) -> bytes:
    return build_document(a, lang=lang, **kw)  # type: ignore[arg-type]


def _headings(d: Any, level: int) -> list[str]:
    return [p.text for p in d.paragraphs if p.style.name == f"Heading {level}"]


def _table(d: Any, caption: str) -> Any:
    for table in d.tables:
        cap = table._tbl.tblPr.find(qn("w:tblCaption"))
        if cap is not None and cap.get(qn("w:val")) == caption:
            return table
    raise AssertionError(f"no table captioned {caption!r}")


def test_outline_follows_the_cnil_method() -> None:
    """Level-1 headings: synthèse, parts 1 to 4, then the five annexes, in that order."""
    d = _doc(_render(assessment()))
    assert _headings(d, 1) == HEADINGS_FR
    h2 = _headings(d, 2)
    assert h2.index("1.1 Vue d'ensemble") < h2.index("1.2 Données, processus et supports")
    assert "3.3 Vue d'ensemble des risques" in h2
    assert "4.2 Avis du délégué à la protection des données" in h2


def test_english_outline() -> None:
    """The English document has the same outline in English."""
    d = _doc(_render(assessment(), "en"))
    assert _headings(d, 1)[:5] == [
        "Summary",
        "1. Context",
        "2. Fundamental principles",
        "3. Risks",
        "4. Validation",
    ]


def test_summary_puts_blocking_issues_first() -> None:
    """A blocking issue is the first thing after the summary heading, as an alert."""
    d = _doc(_render(assessment(blocking=True)))
    paras = [p for p in d.paragraphs if p.text.strip()]
    start = next(i for i, p in enumerate(paras) if p.text == "Synthèse" and p.style.name == "Heading 1")
    assert paras[start + 1].text == "Points bloquants"
    assert paras[start + 2].style.name == "AIPD Alert"
    assert "Pratique interdite" in paras[start + 2].text


def test_no_blocking_section_without_blocking_issue() -> None:
    """The blocking section appears only when there is one."""
    assert "Points bloquants" not in _headings(_doc(_render(assessment())), 2)


@pytest.mark.parametrize(
    ("lang", "heading", "words"), [("fr", "Synthèse", "Point bloquant"), ("en", "Summary", "Blocking issue")]
)
def test_summary_says_forbidden_automated_decisions_first(lang: str, heading: str, words: str) -> None:
    """Solely automated decisions art. 47 LIL forbids are a blocking issue of the summary, not only of annex 3.

    An individual administrative decision taken by algorithm alone on health data (art. 47, 2°) cannot go
    ahead; before, the summary showed only the verdict and the alert sat in annex 3.
    """
    base = assessment().operation
    op = attrs.evolve(
        base,
        data=(*base.data, DataCategory(kind=DataKind.HEALTH)),
        decisions=Decisions(
            automated=True,
            effect=DecisionEffect.LEGAL,
            human_involvement=HumanInvolvement.NONE,
            administrative_decisions=True,
            administrative_appeals=False,
        ),
    )
    a = aipd.assess(op, registry=Registry(entry_points=False))
    assert a.algorithmic_decisions is not None
    assert a.algorithmic_decisions.forbidden is True
    paras = [p for p in _doc(_render(a, lang)).paragraphs if p.text.strip()]
    start = next(i for i, p in enumerate(paras) if p.text == heading and p.style.name == "Heading 1")
    assert paras[start + 2].style.name == "AIPD Alert"
    assert words in paras[start + 2].text
    assert "47" in paras[start + 3].text


def test_summary_names_the_high_risk_deployer_duties_next_to_the_fria() -> None:
    """A public deployer of a high-risk system reads its art. 26 duties in the summary, not only in annex 2.

    Before, the summary gave the FRIA and a count of obligations (« 12 obligation(s) »), without naming
    the article the deployer's own duties come from.
    """
    root = Path(__file__).resolve().parent.parent
    high = aipd.assess(aipd.load(root / "examples" / "tri-candidatures.yaml"))
    paras = _doc(_render(high)).paragraphs
    start = next(
        i
        for i, p in enumerate(paras)
        if p.style.name == "Heading 2" and p.text == "Règlement sur l'intelligence artificielle (AI Act)"
    )
    summary = " ".join(p.text for p in paras[start : start + 8])
    assert "obligations de l'article 26 (art. 26.1, art. 26.2" in summary
    assert "à compter du 2 août 2026" in summary
    chatbot = aipd.assess(aipd.load(root / "examples" / "chatbot-site-ville.yaml"))
    assert not any("article 26" in t for t in (p.text for p in _doc(_render(chatbot)).paragraphs))


def test_word_features_toc_fields_language_properties() -> None:
    """TOC field refreshed on opening, page numbers in the footer, language and core properties set."""
    a = assessment()
    data = _render(a)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        document = z.read("word/document.xml").decode()
        settings_xml = z.read("word/settings.xml").decode()
        footers = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
        styles = z.read("word/styles.xml").decode()
    assert 'TOC \\o "1-2" \\h \\z \\u' in document
    assert '<w:updateFields w:val="true"/>' in settings_xml
    assert "PAGE" in footers
    assert "NUMPAGES" in footers
    assert 'w:val="fr-FR"' in styles
    assert "en-GB" not in styles
    d = _doc(data)
    props = d.core_properties
    assert props.title == "AIPD — Vidéoprotection des équipements sportifs"
    assert props.language == "fr-FR"
    assert props.created == dt.datetime(2024, 5, 27, 0, 0, tzinfo=dt.UTC)
    assert props.revision == 1
    en = _doc(_render(a, "en"))
    assert en.core_properties.language == "en-GB"


def test_toc_cache_lists_the_headings() -> None:
    """Before Word refreshes it, the TOC already lists the headings (for readers and converters)."""
    d = _doc(_render(assessment()))
    toc = [p.text for p in d.paragraphs if p.style.name.startswith("toc ")]
    assert toc[:2] == ["Synthèse", "Une AIPD est-elle requise\u00a0?"]
    assert "Annexe 5. Traçabilité" in toc


def test_every_table_repeats_its_header_row_and_has_alt_text() -> None:
    """Long tables repeat their header on each page; each table has a caption for screen readers."""
    d = _doc(_render(assessment()))
    assert len(d.tables) > 10
    for table in d.tables:
        tr_pr = table.rows[0]._tr.trPr
        assert tr_pr is not None
        assert tr_pr.find(qn("w:tblHeader")) is not None
        assert table._tbl.tblPr.find(qn("w:tblDescription")) is not None


def test_risk_map_is_a_native_shaded_table() -> None:
    """4×4 map: severity rows from 4 to 1, likelihood columns 1 to 4, letters in cells, CNIL colours."""
    d = _doc(_render(assessment()))
    table = _table(d, "Cartographie des risques avant mesures")
    assert len(table.rows) == 5
    assert len(table.columns) == 5
    assert table.cell(0, 1).text.startswith("Vraisemblance 1")
    assert table.cell(1, 0).text.startswith("Gravité 4")
    assert table.cell(4, 0).text.startswith("Gravité 1")
    # risk A: severity 3 (row 2), likelihood 2 (column 2); risk C: severity 2, likelihood 2
    assert table.cell(2, 2).text == "A"
    assert table.cell(3, 2).text == "C"
    residual = _table(d, "Cartographie des risques après mesures (risques résiduels)")
    assert residual.cell(2, 1).text == "A′"
    assert residual.cell(4, 1).text == "C′"
    fill = table.cell(1, 4)._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
    assert fill == render_module.MAP_COLOURS["high"]
    assert table.cell(4, 1)._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == render_module.MAP_COLOURS["low"]


def test_map_zones_follow_the_acceptability_line() -> None:
    """Red exactly where aipd.risks.is_high says high, for every setting; orange one level below; green the rest."""
    from aipd.risks import is_high
    from aipd.settings import Settings
    from aipd.vocabulary import Level

    # The default line: severity or likelihood at « Importante » or above.
    assert zone(3, 1) == "high"
    assert zone(1, 4) == "high"
    assert zone(2, 2) == "medium"
    assert zone(1, 1) == "low"
    # "both": only the top-right corner is red.
    assert zone(4, 1, axes="both") == "low"
    assert zone(4, 2, axes="both") == "medium"
    assert zone(3, 3, axes="both") == "high"
    for level in (1, 2, 3, 4):
        for axes in ("either", "both"):
            line = Settings(high_risk_level=Level.from_rank(level), high_risk_axes=axes)
            for sev in range(1, 5):
                for lik in range(1, 5):
                    red = zone(sev, lik, level=level, axes=axes) == "high"
                    assert red == is_high(Level.from_rank(sev), Level.from_rank(lik), line), (
                        level,
                        axes,
                        sev,
                        lik,
                    )


def test_map_colours_follow_the_settings_line() -> None:
    """With axes="both", a cell high on one axis only is not red in the document."""
    from aipd.settings import Settings
    from render_cases import operation

    a = aipd.assess(operation(), settings=Settings(high_risk_axes="both"), registry=registry())
    d = _doc(_render(a))
    table = _table(d, "Cartographie des risques avant mesures")

    def fill(row: int, col: int) -> str:
        return str(table.cell(row, col)._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")))

    # Row 1 is severity 4; columns are likelihood 1 to 4. Red under the default line, here
    # (severity 4, likelihood 1) is high on one axis only: green; likelihood 2 one level below.
    assert fill(1, 1) == render_module.MAP_COLOURS["low"]
    assert fill(1, 2) == render_module.MAP_COLOURS["medium"]
    assert fill(1, 3) == render_module.MAP_COLOURS["high"]
    assert "gravité et vraisemblance au niveau" in "\n".join(p.text for p in d.paragraphs)


def test_screening_table_lists_every_rule_met_or_not() -> None:
    """Annex 1 lists each criterion with its status, rationale, source and plug-in."""
    d = _doc(_render(assessment()))
    table = _table(d, "Critères examinés (lignes directrices WP248, RGPD, AI Act et extensions)")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert [r[0] for r in rows] == [
        "Critère rempli (case:met)",
        "Second critère (case:met2)",
        "Critère non rempli (case:not_met)",
        "Critère inconnu (case:unknown)",
    ]
    assert rows[2][1] == "Non rempli"
    assert "Échelle › Nombre de personnes concernées" in rows[3][2]
    assert all(r[4] == "case 2.0" for r in rows)


def test_missing_facts_are_marked_never_blank() -> None:
    """Unknown facts show as highlighted « À compléter » runs; no table cell is left empty."""
    d = _doc(_render(minimal_assessment()))
    todo_runs = [r for p in d.paragraphs for r in p.runs if r.style.name == "AIPD To Complete"]
    assert len(todo_runs) > 10
    assert all(r.text.startswith("[À compléter") for r in todo_runs)
    for table in d.tables:
        caption = table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val"))
        if caption.startswith("Cartographie"):
            continue
        for row in table.rows:
            for cell in row.cells:
                assert cell.text.strip(), f"empty cell in {caption!r}"


def test_traceability_annex() -> None:
    """Annex 5 gives the aipd version, the input digest, the date and the plug-ins."""
    a = assessment()
    table = _table(_doc(_render(a)), "Éléments de traçabilité")
    text = "\n".join(c.text for r in table.rows for c in r.cells)
    assert f"aipd {aipd.__version__}" in text
    assert a.input_digest in text
    assert "27 mai 2024" in text
    assert "case 2.0" in text


def test_same_input_gives_the_same_bytes() -> None:
    """Two renders of the same assessment are byte-identical (no clock, canonical ZIP)."""
    a = assessment()
    assert _render(a) == _render(a)
    assert _render(a, "en") == _render(assessment(), "en")


def test_zip_is_canonical() -> None:
    """Entries sorted, dated 1980-01-01, with fixed permissions."""
    with zipfile.ZipFile(io.BytesIO(_render(assessment()))) as z:
        infos = z.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr for i in infos} == {0o644 << 16}


def test_undated_assessment_uses_a_fixed_date_not_the_clock() -> None:
    """Without a date the core properties get a fixed date, so output stays reproducible."""
    d = _doc(_render(minimal_assessment()))
    assert d.core_properties.created == dt.datetime(2000, 1, 1, 0, 0, tzinfo=dt.UTC)


HOSTILE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
    min_size=1,
    max_size=200,
).filter(lambda s: s.strip() != "")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=HOSTILE, description=HOSTILE, author=HOSTILE)
def test_any_text_gives_a_document_that_opens(name: str, description: str, author: str) -> None:
    """Control characters, emoji, markup characters, right-to-left text: the document reopens."""
    a = minimal_assessment(name=name, description=description, authors=(author, "<&>\u202e\u05d0\u05d1 🚀"))
    d = _doc(_render(a))
    assert any(p.style.name == "Title" for p in d.paragraphs)


def test_hundred_thousand_character_field() -> None:
    """A 100 000-character description renders and reopens intact."""
    long = ("é<&>" * 25_000)[:100_000]
    d = _doc(_render(minimal_assessment(description=long)))
    assert any(long in p.text for p in d.paragraphs)


def test_render_docx_writes_the_file_and_is_exported(tmp_path: Path) -> None:
    """aipd.render_docx writes a document that python-docx opens, and returns its path."""
    out = aipd.render_docx(assessment(), tmp_path / "aipd.docx", registry=registry())
    assert out == tmp_path / "aipd.docx"
    assert _headings(docx.Document(str(out)), 1)[0] == "Synthèse"


def test_failed_render_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while building leaves the previous document untouched and no temporary file."""
    out = tmp_path / "aipd.docx"
    out.write_bytes(b"previous")

    def boom(_doc: object) -> bytes:
        raise RuntimeError("disk full")

    monkeypatch.setattr(render_module, "package_bytes", boom)
    with pytest.raises(RuntimeError):
        render_docx(assessment(), out, registry=registry())
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["aipd.docx"]


def test_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while writing removes the temporary file and keeps the previous document."""
    out = tmp_path / "aipd.docx"
    out.write_bytes(b"previous")

    def fail(_fd: int) -> None:
        raise OSError("I/O error")

    monkeypatch.setattr(atomic_module.os, "fsync", fail)
    with pytest.raises(OSError, match="I/O error"):
        render_docx(assessment(), out, registry=registry())
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["aipd.docx"]


def test_letterhead_reference_is_kept_and_missing_styles_are_supplied(tmp_path: Path) -> None:
    """A collectivité's plain reference keeps its header; styles it lacks come from the built-in one."""
    ref = docx.Document()
    ref.sections[0].header.paragraphs[0].text = "Mairie de Test — Direction générale"
    ref_path = tmp_path / "lettre.docx"
    ref.save(str(ref_path))
    d = _doc(_render(assessment(), template=ref_path))
    assert d.sections[0].header.paragraphs[0].text == "Mairie de Test — Direction générale"
    assert _headings(d, 1)[0] == "Synthèse"
    assert "AIPD Table" in {s.name for s in d.styles}


def test_unreadable_reference_is_a_template_error(tmp_path: Path) -> None:
    """A reference that is not a DOCX is reported as a TemplateError naming it."""
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(aipd.TemplateError, match=r"bad\.docx"):
        _render(assessment(), template=bad)


_HOSTILE_PIECES = (
    "<b>&amp;</b> & <",
    "🚀👩\u200d👩\u200d👧",
    "\u202eRTL\u202c \u200f\u05d0\u05d1\u200e",
    "{{ x }}",
    "{% if %}",
    "{# c #}",
    "Motif : a ; b ? « c »",
    "x" * 10_000,
)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_hostile_text_in_every_free_text_field_is_shown_verbatim(lang: str) -> None:
    """Markup, emoji, bidirectional marks, Jinja-looking text, French punctuation and a 10 000-character word
    in the name, description, authors, purposes, measures, processors, controller, validation and action
    plan fields:
    the document reopens and shows each field as written (only XML-forbidden controls are dropped, by the
    model), identically on a second render."""
    import attrs

    hostile = " | ".join(_HOSTILE_PIECES)
    op = assessment().operation
    op = attrs.evolve(
        op,
        name="N " + hostile,
        description="D " + hostile + "\x01\x1b",
        authors=("A " + hostile,),
        purposes=tuple(
            attrs.evolve(p, description="P " + hostile, legal_text="T " + hostile) for p in op.purposes
        ),
        measures=tuple(
            attrs.evolve(m, title="M " + hostile, description="MD " + hostile, owner="O " + hostile)
            for m in op.measures
        ),
        processors=tuple(attrs.evolve(p, name="S " + hostile, role="R " + hostile) for p in op.processors),
        controller=attrs.evolve(
            op.controller,
            name="C " + hostile,
            representative="Rep " + hostile,
            dpo=DpoContact(name="DN " + hostile, email="dpd@example.fr", phone="DP " + hostile),
        ),
        validation=attrs.evolve(
            op.validation, dpo_opinion="DPO " + hostile, data_subjects_views="V " + hostile
        ),
        actions=(ActionItem(action="AC " + hostile, owner="AO " + hostile),),
        legal=attrs.evolve(op.legal, covered_by_dpia="CD " + hostile),
        risk_judgements=(RiskJudgement(risk="cnil:illegitimate_access", threats=("TH " + hostile,)),),
    )
    a = aipd.assess(op, registry=registry())
    data = _render(a, lang)
    assert data == _render(a, lang)
    d = _doc(data)
    body = "\n".join(
        [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
    )
    for prefix in (
        "N",
        "D",
        "A",
        "P",
        "T",
        "M",
        "MD",
        "O",
        "S",
        "R",
        "C",
        "Rep",
        "DPO",
        "V",
        "AC",
        "AO",
        "DN",
        "DP",
    ):
        assert f"{prefix} {hostile}" in body, prefix
    # Shown as written wherever it is shown, even quoted in aipd's sentences: nowhere retypeset (the
    # consultation file, the action plan, the principles, the screening rationales, the risks)
    assert typography("Motif : a ; b ? « c »", "fr") not in body
    assert "\x01" not in body


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "Risque élevé, axes pris en compte\u00a0: gravité ou vraisemblance (high_risk_axes)"),
        ("en", "High risk, axes taken into account: severity or likelihood (high_risk_axes)"),
    ],
)
def test_traceability_settings_are_in_the_documents_language(lang: str, said: str) -> None:
    """The settings read « high_risk_axes = either », « mandatory_large_scale_absolute = True »,
    « blocked_plugins = [] »: Python in a French document. Each is now labelled and valued in the document's
    language, its identifier kept in brackets so the result can be reproduced."""
    d = _doc(_render(assessment(), lang))
    [cell] = [
        r.cells[1].text for t in d.tables for r in t.rows if r.cells[0].text in ("Paramètres", "Settings")
    ]
    assert said in cell
    for python in ("= either", "True", "[]", "= "):
        assert python not in cell
    assert ("5\u202f000 (large_scale_persons)" if lang == "fr" else "5,000 (large_scale_persons)") in cell
