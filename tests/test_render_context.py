"""The document's context: plain data, in the chosen language, unknowns kept as None."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from aipd.render.context import build_context, fact_label, format_date, format_number
from render_cases import assessment, minimal_assessment


def _plain_only(value: Any, path: str = "$") -> None:
    if value is None or isinstance(value, str | int | float | bool):
        return
    if isinstance(value, dict):
        for k, v in value.items():
            assert isinstance(k, str), path
            _plain_only(v, f"{path}.{k}")
        return
    if isinstance(value, list):
        for i, v in enumerate(value):
            _plain_only(v, f"{path}[{i}]")
        return
    raise AssertionError(f"{path}: {type(value).__name__} is not plain data")


def test_dates_are_written_as_a_dpo_writes_them() -> None:
    """French dates use month names and « 1er »; English ones the English months."""
    assert format_date(dt.date(2024, 5, 1), "fr") == "1er mai 2024"
    assert format_date(dt.date(2024, 5, 27), "fr") == "27 mai 2024"
    assert format_date(dt.date(2024, 5, 1), "en") == "1 May 2024"
    assert format_date(None, "fr") is None


def test_numbers_use_the_language_thousands_separator() -> None:
    """French groups digits with a narrow no-break space, English with a comma."""
    assert format_number(120000, "fr") == "120\u202f000"
    assert format_number(120000, "en") == "120,000"
    assert format_number(None, "en") is None


def test_fact_paths_become_the_model_documented_labels() -> None:
    """A missing fact is named by its field's documentation, nested paths included."""
    assert fact_label("scale.persons", "fr") == "Échelle › Nombre de personnes concernées"
    assert fact_label("scale.persons", "en") == "Scale › Number of persons concerned"
    assert fact_label("data_subjects[0].count", "en").endswith("Estimated number of persons")
    assert fact_label("no.such.path", "fr") == "no.such.path"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_context_is_plain_data(lang: str) -> None:
    """No model object reaches the templates: only strings, numbers, booleans, lists, dicts."""
    _plain_only(build_context(assessment(blocking=True), lang=lang))  # type: ignore[arg-type]


def test_context_picks_the_language_of_labels_and_plugin_texts() -> None:
    """Vocabulary labels and plug-in texts come in the document's language."""
    fr = build_context(assessment(), lang="fr")
    en = build_context(assessment(), lang="en")
    assert fr["verdict"]["label"] == "AIPD requise"
    assert en["verdict"]["label"] == "DPIA required"
    assert fr["criteria"][0]["source"]["citation"].startswith("Lignes directrices")
    assert en["criteria"][0]["source"]["citation"].startswith("Test guidelines")
    assert fr["doc"]["date"] == "27 mai 2024"
    assert en["doc"]["date"] == "27 May 2024"


def test_findings_keep_status_rationale_source_and_plugin() -> None:
    """Every rule checked is in the context, met or not, with who contributed it."""
    ctx = build_context(assessment(), lang="fr")
    by_id = {f["id"]: f for f in ctx["findings"]}
    assert set(by_id) == {"case:met", "case:met2", "case:not_met", "case:unknown"}
    assert by_id["case:not_met"]["status"] == "not_met"
    assert by_id["case:unknown"]["missing"][0]["path"] == "scale.persons"
    assert by_id["case:met"]["plugin"] == "case 2.0"


def test_risks_get_letters_and_map_positions() -> None:
    """Each risk has a letter; the map marks initial positions with it and residual ones with a prime."""
    ctx = build_context(assessment(), lang="fr")
    letters = {r["id"]: r["letter"] for r in ctx["risks"]}
    assert letters["cnil:illegitimate_access"] == "A"
    assert ctx["risk_map"]["initial"]["3,2"] == ["A"]
    assert ctx["risk_map"]["residual"]["3,1"] == ["A′"]
    assert ctx["high_residual"] == ["A"]


def test_unknown_risk_levels_stay_unknown() -> None:
    """Without judgements the CNIL feared events are listed with no level, never a guessed one."""
    ctx = build_context(minimal_assessment(), lang="fr")
    assert [r["id"] for r in ctx["risks"]][:3] == [
        "cnil:illegitimate_access",
        "cnil:unwanted_modification",
        "cnil:disappearance",
    ]
    assert all(r["severity"] is None for r in ctx["risks"])
    assert ctx["risk_map"]["placed"] is False
    assert ctx["residual_complete"] is False


def test_user_text_cannot_forge_a_to_complete_marker() -> None:
    """The private-use delimiters of « À compléter » items are removed from user text."""
    ctx = build_context(minimal_assessment(description="a\ue000b\ue001c"), lang="fr")
    assert ctx["operation"]["description"] == "abc"


def test_rejects_an_unknown_language() -> None:
    """Only fr and en are supported."""
    with pytest.raises(ValueError, match="langue"):
        build_context(minimal_assessment(), lang="de")  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_analysis_parts_are_plain_data(lang: str) -> None:
    """The AI Act, FRIA, algorithmic rules, consultation, principles and plan reach the templates as plain data."""
    from pathlib import Path

    import aipd

    example = Path(__file__).resolve().parent.parent / "examples" / "detection-fraude-ccas.yaml"
    ctx = build_context(aipd.assess(aipd.load(example)), lang=lang)  # type: ignore[arg-type]
    _plain_only(ctx)
    for key in ("ai_act", "algorithmic", "consultation", "principles", "validation_review"):
        assert ctx[key] is not None, key
    assert ctx["ai_act"]["class_code"] == "high_risk"
    assert ctx["ai_act"]["fria"]["due"] is True
    assert [e["letter"] for e in ctx["ai_act"]["fria"]["elements"]] == list("abcdef")
    risk = ctx["risks"][0]
    assert set(risk["proposed"]) == {"severity", "likelihood", "residual_severity", "residual_likelihood"}
    assert risk["acceptability_code"] in ("acceptable", "to_reduce", "high")


CAMERAS = Path(__file__).resolve().parent.parent / "examples" / "cameras-augmentees.yaml"


def _ai_row(context: dict[str, Any], field: str) -> dict[str, Any]:
    return next(r for r in context["ai_system_rows"] if r["field"] == field)


def test_an_empty_list_no_analysis_asks_for_is_none_declared() -> None:
    """Cameras: no Annex III area declared is an answer (« Néant »), not a fact to complete."""
    import aipd

    result = aipd.assess(aipd.load(CAMERAS))
    context = build_context(result, lang="fr")
    assert _ai_row(context, "areas")["none"] is True
    assert _ai_row(context, "techniques")["none"] is False  # declared: [deep_learning]


def test_an_empty_list_an_analysis_still_needs_stays_to_complete() -> None:
    """No technique and no word on inference: art. 3(1) asks for ai_system.techniques, so it is unknown."""
    import attrs

    import aipd

    op = aipd.load(CAMERAS)
    assert op.ai_system is not None
    vague = attrs.evolve(op, ai_system=attrs.evolve(op.ai_system, techniques=(), infers_outputs=None))
    result = aipd.assess(vague)
    assert "ai_system.techniques" in result.missing_facts
    context = build_context(result, lang="fr")
    assert _ai_row(context, "techniques")["none"] is False
    assert _ai_row(context, "areas")["none"] is True


def test_the_document_says_neant_for_a_list_declared_empty(tmp_path: Path) -> None:
    """In the DOCX, the AI system's table reads « Néant » for its areas, never « À compléter »."""
    import docx

    import aipd
    from aipd.model import AISystem

    label = attrs_doc(AISystem, "areas")
    out = tmp_path / "cameras.docx"
    aipd.render_docx(aipd.assess(aipd.load(CAMERAS)), out)
    cells = [[c.text for c in row.cells] for t in docx.Document(str(out)).tables for row in t.rows]
    assert [label, "Néant"] in cells
    moot = [
        row
        for row in cells
        if len(row) == 2 and row[1] == "Non renseigné (sans incidence sur les conclusions)"
    ]
    assert moot, "an unknown yes/no fact no analysis needs reads as moot"


def attrs_doc(cls: type, name: str) -> str:
    import attrs

    doc = attrs.fields_dict(cls)[name].metadata["doc"]
    return str(doc.fr)


def test_an_unknown_yes_no_fact_no_analysis_needs_is_moot_not_to_complete() -> None:
    """Cameras: the exception of art. 5(1)(f) is unknown but moot (no emotion recognition at work)."""
    import aipd

    result = aipd.assess(aipd.load(CAMERAS))
    context = build_context(result, lang="fr")
    exception = [r for r in context["ai_system_rows"] if r["value"] is None and r["moot"]]
    assert exception, "an unknown, unneeded yes/no fact of the AI system is moot"
    for row in exception:
        assert f"ai_system.{row['field']}" not in result.missing_facts
    asked = [r for r in context["ai_system_rows"] if f"ai_system.{r['field']}" in result.missing_facts]
    assert all(not r["moot"] for r in asked)


def test_an_unknown_yes_no_fact_an_analysis_needs_stays_to_complete() -> None:
    """Facts the screening asks for are never moot: the minimal case asks for nearly everything."""
    context = build_context(minimal_assessment(), lang="fr")
    rows = [
        r
        for part in ("monitoring", "evaluation", "decisions", "matching", "technology")
        for r in context[part]
    ]
    asked = set(minimal_assessment().missing_facts)
    for part in ("monitoring", "evaluation", "decisions", "matching", "technology"):
        for r in context[part]:
            if f"{part}.{r['field']}" in asked:
                assert r["moot"] is False
    assert any(not r["moot"] and r["value"] is None for r in rows)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [("fr", "c'est son article 90 qui impose l'AIPD"), ("en", "its article 90 is what requires the DPIA")],
)
def test_the_synthesis_names_article_90_under_title_iii_only(
    tmp_path: Path, lang: str, sentence: str
) -> None:
    """Police-justice processing (cameras): the DPIA rests on LIL art. 90; a GDPR one (canteen) does not say so."""
    import docx

    import aipd

    def text_of(example: Path) -> str:
        out = tmp_path / f"{example.stem}-{lang}.docx"
        aipd.render_docx(aipd.assess(aipd.load(example)), out, lang=lang)
        return "\n".join(p.text for p in docx.Document(str(out)).paragraphs)

    assert sentence in text_of(CAMERAS)
    assert sentence not in text_of(CAMERAS.parent / "inscription-cantine.yaml")


def test_a_data_category_shows_how_many_persons_it_concerns(tmp_path: Path) -> None:
    """CCAS: health data of 640 persons, said in the document's data table and in the notebook."""
    import docx

    import aipd

    op = aipd.load(CAMERAS.parent / "detection-fraude-ccas.yaml")
    assert any(d.persons == 640 for d in op.data)
    out = tmp_path / "ccas.docx"
    aipd.render_docx(aipd.assess(op), out)
    firsts = [row.cells[0].text for t in docx.Document(str(out)).tables for row in t.rows]
    assert any(text.endswith("(640 personnes)") for text in firsts)
    assert "(640)" in op._repr_markdown_()


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("fr", "Prévue (déclarée en place, mais son échéance suit la date du document)"),
        ("en", "Planned (declared in place, but its due date comes after the document's date)"),
    ],
)
def test_a_measure_in_place_with_a_due_date_to_come_shows_as_planned(
    tmp_path: Path, lang: str, label: str
) -> None:
    """The measures table and the action plan say why a measure declared in place counts as planned."""
    import docx

    import aipd
    from aipd.model import Measure

    late = Measure(id="builtin:backup", owner="DSI", due=dt.date(2027, 1, 15))
    a = assessment(updated=dt.date(2026, 11, 2), measures=(late,))
    ctx = build_context(a, lang=lang)  # type: ignore[arg-type]
    [row] = [m for m in ctx["measures"] if m["id"] == "builtin:backup"]
    assert (row["status"], row["status_label"]) == ("planned", label)
    # the one measure of the plan; the rows the analysis adds (facts to complete) are not measures
    assert [r["id"] for r in ctx["action_plan"] if r["kind"] == "measure"] == ["builtin:backup"]
    out = tmp_path / "late.docx"
    aipd.render_docx(a, out, lang=lang)  # type: ignore[arg-type]
    cells = {c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells}
    assert label in cells


@pytest.mark.parametrize(
    ("lang", "title_iii", "gdpr"),
    [
        (
            "fr",
            "(méthode de la CNIL, partie 4\u00a0; l'article 35.2 du RGPD ne régit pas les traitements du titre III",
            "données (article 35.2 du RGPD).",
        ),
        (
            "en",
            "(CNIL method, part 4; GDPR article 35(2) does not govern processing under Title III",
            "officer (GDPR article 35(2)).",
        ),
    ],
)
def test_validation_cites_gdpr_article_35_only_under_the_gdpr(
    tmp_path: Path, lang: str, title_iii: str, gdpr: str
) -> None:
    """Cameras are under Title III (the GDPR does not apply, art. 2(2)(d)); the canteen is under the GDPR."""
    import docx

    import aipd

    def text_of(example: Path) -> str:
        out = tmp_path / f"{example.stem}-{lang}.docx"
        aipd.render_docx(aipd.assess(aipd.load(example)), out, lang=lang)
        return "\n".join(p.text for p in docx.Document(str(out)).paragraphs)

    cameras, canteen = text_of(CAMERAS), text_of(CAMERAS.parent / "inscription-cantine.yaml")
    assert title_iii in cameras
    assert gdpr not in cameras
    assert gdpr in canteen
    assert title_iii not in canteen


def test_an_undated_document_says_why_a_dated_measure_counts_as_planned() -> None:
    from aipd.model import Measure

    a = assessment(
        created=None, updated=None, measures=(Measure(id="builtin:backup", due=dt.date(2020, 1, 1)),)
    )
    [row] = [m for m in build_context(a, lang="fr")["measures"] if m["id"] == "builtin:backup"]
    assert row["status_label"] == "Prévue (déclarée en place avec une échéance, dans un document sans date)"
