"""The document shows what the analysis concluded: AI Act, FRIA, consultation, risks, map, principles, plan."""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest

import aipd
from aipd.model import DataCategory
from aipd.render.context import build_context
from aipd.render.docx import build_document
from aipd.vocabulary import DataKind

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CAMERAS = "cameras-augmentees"
CCAS = "detection-fraude-ccas"


@functools.cache
def _assessment(name: str) -> aipd.Assessment:
    return aipd.assess(aipd.load(EXAMPLES / f"{name}.yaml"))


@functools.cache
def _doc(name: str, lang: str = "fr") -> Any:
    return docx.Document(io.BytesIO(build_document(_assessment(name), lang=lang)))  # type: ignore[arg-type]


def _outline(d: Any) -> list[tuple[int, str]]:
    return [(int(p.style.name[-1]), p.text) for p in d.paragraphs if p.style.name.startswith("Heading ")]


def _texts(d: Any) -> str:
    return "\n".join(p.text for p in d.paragraphs)


def _table(d: Any, caption: str) -> list[list[str]]:
    """The rows of the table whose caption (the paragraph after it) starts with ``caption``."""
    body = list(d.element.body.iterchildren())
    tables = iter(d.tables)
    for i, el in enumerate(body):
        if el.tag.endswith("}tbl"):
            table = next(tables)
            following = "".join(t.text or "" for t in body[i + 1].iter() if t.tag.endswith("}t"))
            if following.startswith(caption):
                return [[c.text for c in r.cells] for r in table.rows]
    raise AssertionError(f"no table captioned {caption!r}")


def test_outline_has_the_ai_act_annex_fria_algorithmic_and_consultation_annexes() -> None:
    """The CCAS example (high-risk AI) has annexes 2 to 4 with their sub-sections, in the method's order."""
    h = _outline(_doc(CCAS))
    titles = [t for _, t in h]
    expected = [
        "Synthèse",
        "Règlement sur l'intelligence artificielle (AI Act)",
        "Consultation préalable de la CNIL",
        "Annexe 2. Système d'intelligence artificielle (AI Act)",
        "Obligations et dates d'application",
        "Analyse d'impact sur les droits fondamentaux (AI Act, art. 27)",
        "Annexe 3. Décisions fondées sur un traitement algorithmique",
        "Annexe 4. Consultation préalable de la CNIL et dossier (RGPD, art. 36.3)",
        "Projet de lettre d'accompagnement",
        "Annexe 5. Traçabilité",
    ]
    positions = [titles.index(t) for t in expected]
    assert positions == sorted(positions)


def test_summary_states_the_ai_act_class_and_the_consultation_text() -> None:
    """The summary names the AI Act class and, for a GDPR processing, consultation under art. 36."""
    text = _texts(_doc(CCAS))
    summary = text.split("1. Contexte")[1]  # [0] ends in the table of contents
    assert "Classe au regard du règlement (UE) 2024/1689\u00a0: Système à haut risque" in summary
    assert "Consultation préalable de la CNIL requise (RGPD, art. 36.1)" in summary
    assert "Texte applicable\u00a0: article 36 du RGPD" in summary


def test_police_justice_consultation_names_article_90() -> None:
    """The augmented cameras (Title III) are consulted on art. 90 LIL, in the summary and the cover letter."""
    ctx = build_context(_assessment(CAMERAS), lang="fr")
    assert ctx["consultation"]["text"] == "lil"
    text = _texts(_doc(CAMERAS))
    assert "Texte applicable\u00a0: article 90 de la loi Informatique et Libertés" in text
    letter = text.split("Projet de lettre d'accompagnement")[-1]
    assert "En application de l'article 90 de la loi n° 78-17 du 6 janvier 1978" in letter
    assert "36 du règlement (UE) 2016/679" not in letter


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_police_justice_sensitive_data_ask_article_88_not_article_9(lang: str) -> None:
    """Under Title III the document asks for art. 88's absolute necessity and safeguards for art. 6 I
    data, not for a GDPR art. 9(2) exception, which does not apply there."""
    op = aipd.load(EXAMPLES / f"{CAMERAS}.yaml")
    op = attrs.evolve(op, data=(*op.data, DataCategory(kind=DataKind.HEALTH)))
    text = _texts(docx.Document(io.BytesIO(build_document(aipd.assess(op), lang=lang))))  # type: ignore[arg-type]
    assert "article 88" in text
    assert "9.2" not in text
    assert "9(2)" not in text


@pytest.mark.parametrize(
    ("lang", "heading", "analogy"),
    [
        (
            "fr",
            "Annexe 4. Consultation préalable de la CNIL et dossier (loi Informatique et Libertés, art. 90)",
            "l'article 36.3 du RGPD ne s'applique pas aux traitements du titre III (article 2.2.d du RGPD)",
        ),
        (
            "en",
            "Annex 4. Prior consultation of the CNIL and file (loi Informatique et Libertés, art. 90)",
            "GDPR article 36(3) does not apply to Title III processing (GDPR article 2(2)(d))",
        ),
    ],
)
def test_title_iii_consultation_file_does_not_rest_on_gdpr_article_36(
    lang: str, heading: str, analogy: str
) -> None:
    """Cameras (Title III, GDPR art. 2(2)(d)): the annex, its file table and the letter do not present GDPR
    art. 36(3) as the text that lists the file; they follow it by analogy and say so."""
    d = _doc(CAMERAS, lang)
    text = _texts(d)
    assert heading in [t for _, t in _outline(d)]
    assert analogy in text
    letter = text.split("Projet de lettre d'accompagnement" if lang == "fr" else "Draft covering letter")[-1]
    assert "qu'énumère l'article 36.3" not in letter
    assert "listed in GDPR article 36(3)" not in letter
    assert "service des consultations" not in letter
    caption = (
        "Éléments du dossier de consultation (sur le modèle"
        if lang == "fr"
        else "Elements of the consultation file (modelled"
    )
    assert len(_table(d, caption)) == 7
    # a GDPR processing keeps art. 36(3) as the file's text
    gdpr = _texts(_doc(CCAS, lang))
    assert (
        "les éléments qu'énumère l'article 36.3 du RGPD" if lang == "fr" else "listed in GDPR article 36(3)"
    ) in gdpr


@pytest.mark.parametrize(
    ("lang", "controller", "processor", "where"),
    [
        (
            "fr",
            "Responsable de traitement\u00a0: Centre communal d'action sociale de Villemarne",
            "Sous-traitant\u00a0: Datalys Social SAS — Fournisseur et hébergeur du modèle de score",
            ("Voir la partie 1.1", "Voir les parties 1.1", "Voir les parties 2"),
        ),
        (
            "en",
            "Controller: Centre communal d'action sociale de Villemarne",
            "Processor: Datalys Social SAS — Fournisseur et hébergeur du modèle de score",
            ("See part 1.1", "See parts 1.1", "See parts 2"),
        ),
    ],
)
def test_consultation_file_states_each_actors_role_and_where_to_read(
    lang: str, controller: str, processor: str, where: tuple[str, str, str]
) -> None:
    """Art. 36(3)(a) asks for the respective responsibilities: who is controller, who is processor doing
    what, not a bare list of names; (a) to (c) point to the parts of the document that set them out."""
    caption = "Éléments du dossier de consultation" if lang == "fr" else "Elements of the consultation file"
    rows = _table(_doc(CCAS, lang), caption)[1:]
    assert controller in rows[0][1]
    assert processor in rows[0][1]
    for row, pointer in zip(rows[:3], where, strict=True):
        assert pointer in row[1]


@pytest.mark.parametrize(
    ("lang", "service", "count"),
    [
        ("fr", "Mise en service\u00a0: 4 janvier 2027", "nombre estimé\u00a0: 6\u202f900"),
        ("en", "Put into service: 4 January 2027", "estimated number: 6,900"),
    ],
)
def test_fria_elements_write_dates_and_numbers_as_the_document_does(
    lang: str, service: str, count: str
) -> None:
    """The FRIA table said « En service depuis le 2027-01-04 » (an ISO date, and « depuis » for a date to come)
    and « 6900 » where the rest of the document writes « 4 janvier 2027 » and « 6 900 »."""
    caption = (
        "Éléments de l'analyse d'impact sur les droits fondamentaux"
        if lang == "fr"
        else "Elements of the fundamental rights impact assessment"
    )
    rows = _table(_doc(CCAS, lang), caption)[1:]
    assert service in rows[1][1]
    assert "2027-01-04" not in rows[1][1]
    assert count in rows[2][1]


@pytest.mark.parametrize(
    ("lang", "letter", "instead"),
    [
        ("fr", "Projet de lettre d'accompagnement", "aucun projet de lettre de consultation n'est joint"),
        ("en", "Draft covering letter", "no draft consultation letter is attached"),
    ],
)
def test_no_consultation_letter_when_consultation_is_not_required(
    lang: str, letter: str, instead: str
) -> None:
    """Badges: consultation not required, so no draft letter « j'ai l'honneur de vous consulter » to sign; a
    processing that must consult (CCAS) keeps it."""
    assert _assessment("badges-temps-travail").consultation.required is False
    d = _doc("badges-temps-travail", lang)
    assert letter not in [t for _, t in _outline(d)]
    text = _texts(d)
    assert instead in text
    assert "j'ai l'honneur de vous consulter" not in text
    assert "I hereby consult you" not in text
    assert letter in [t for _, t in _outline(_doc(CCAS, lang))]


@pytest.mark.parametrize(
    ("lang", "one"),
    [
        ("fr", "un risque qui demeure élevé après les mesures envisagées (repère B de sa partie 3)"),
        ("en", "a risk that remains high after the planned measures (mark B of its part 3)"),
    ],
)
def test_the_letter_agrees_with_a_single_high_risk(lang: str, one: str) -> None:
    """One risk left high (canteen, B): the letter says « un risque … (repère B) », not « des risques … repères »."""
    assert one in _texts(_doc("inscription-cantine", lang))


@pytest.mark.parametrize(
    ("name", "said"),
    [
        (CAMERAS, "la CNIL se prononce dans les délais prévus à l'article 34 de cette loi"),
        (CCAS, "huit semaines, prolongeable de six semaines, article 36.2"),
    ],
)
def test_decision_part_says_the_processing_waits_for_the_consultation(name: str, said: str) -> None:
    """The cameras were « validé » while consultation was required: part 4.4 now says the processing may start
    only after consulting the CNIL (art. 36(1) GDPR, art. 90 LIL), with the text's time limit."""
    part = _texts(_doc(name)).split("4.4 Décision du responsable de traitement")[-1].split("Annexe 1.")[0]
    assert "le traitement ne peut être mis en œuvre qu'après l'avoir consultée" in part
    assert said in part
    badges = _texts(_doc("badges-temps-travail")).split("4.4 Décision du responsable de traitement")[-1]
    assert "ne peut être mis en œuvre qu'après l'avoir consultée" not in badges


@pytest.mark.parametrize(
    ("lang", "box", "settle"),
    [
        ("fr", "Incomplet\u00a0: des faits manquent pour conclure.", "À trancher\u00a0: "),
        ("en", "Incomplete: facts are missing.", "To settle: "),
    ],
)
def test_an_incomplete_verdict_is_said_once(lang: str, box: str, settle: str) -> None:
    """Water meters (incomplete): the box read « Incomplet : des faits manquent pour conclure. Des faits manquent
    pour conclure. » and the next paragraph « À trancher : À trancher : … »."""
    d = _doc("compteurs-eau", lang)
    boxes = [p.text for p in d.paragraphs if p.style.name == "AIPD Box"]
    assert boxes[0] == box
    paragraph = next(p.text for p in d.paragraphs if settle in p.text)
    assert paragraph.count(settle) == 1


@pytest.mark.parametrize(
    ("name", "lang", "said"),
    [
        ("compteurs-eau", "fr", "Aucune obligation n'en découle."),
        ("cameras-augmentees", "fr", "Une obligation en découle, datée en annexe 2."),
        (CCAS, "fr", "12 obligations en découlent, datées en annexe 2."),
        ("compteurs-eau", "en", "No obligation follows."),
        (CCAS, "en", "12 obligations follow, with their dates in annex 2."),
    ],
)
def test_the_ai_act_summary_counts_duties_in_words_and_keeps_its_paragraphs(
    name: str, lang: str, said: str
) -> None:
    """« 0 obligation(s) en découle(nt) » is now said in words; the FRIA sentence stays a paragraph of its own."""
    d = _doc(name, lang)
    [paragraph] = [p.text for p in d.paragraphs if said in p.text]
    assert paragraph.endswith(said)


@pytest.mark.parametrize(
    ("lang", "row"),
    [
        ("fr", "Sans objet\u00a0: aucune date de l'AI Act ne s'applique"),
        ("en", "Not applicable: no AI Act date applies"),
    ],
)
def test_no_ai_act_date_to_complete_for_what_is_not_an_ai_system(lang: str, row: str) -> None:
    """Water meters' fixed rules are not an AI system: the dates table said « À compléter » three times, a
    fact nobody can supply."""
    caption = "Dates d'application de l'AI Act" if lang == "fr" else "Dates of application of the AI Act"
    [_, only] = _table(_doc("compteurs-eau", lang), caption)
    assert row in only[1]
    assert not any(cell.startswith(("[À compléter", "[To be completed")) for cell in only)


def test_gdpr_consultation_letter_names_article_36() -> None:
    """The CCAS cover letter cites art. 36 GDPR and the high residual risks by their marks."""
    ctx = build_context(_assessment(CCAS), lang="fr")
    assert ctx["consultation"]["text"] == "gdpr"
    letter = _texts(_doc(CCAS)).split("Projet de lettre d'accompagnement")[-1]
    assert "En application de l'article 36 du règlement (UE) 2016/679" in letter
    assert f"repères {', '.join(ctx['consultation']['high_risks'])}" in letter


def test_consultation_file_lists_a_to_f_present_or_to_complete() -> None:
    """The art. 36(3) file has six rows (a)-(f), each present, on request, or « À compléter »."""
    rows = _table(_doc(CCAS), "Éléments du dossier de consultation")
    letters = [r[0][:2] for r in rows[1:]]
    assert letters == ["a)", "b)", "c)", "d)", "e)", "f)"]
    assert all(r[2] in ("Présent", "Sur demande") or r[2].startswith("[À compléter") for r in rows[1:])


def test_fria_table_when_due_and_not_when_not_due() -> None:
    """The FRIA (a)-(f) table appears for the CCAS (due); the cameras' annex says it is not due."""
    rows = _table(_doc(CCAS), "Éléments de l'analyse d'impact sur les droits fondamentaux")
    assert [r[0][:2] for r in rows[1:]] == ["a)", "b)", "c)", "d)", "e)", "f)"]
    missing = [r for r in rows[1:] if "[À compléter" in r[1]]
    assert missing, "the CCAS FRIA has elements still to complete (d, f)"
    cams = _texts(_doc(CAMERAS))
    assert "Analyse d'impact sur les droits fondamentaux non due." in cams
    with pytest.raises(AssertionError):
        _table(_doc(CAMERAS), "Éléments de l'analyse d'impact sur les droits fondamentaux")


def test_ai_act_duties_carry_their_dates() -> None:
    """Every duty of the CCAS system is a row with its article and its date of application."""
    ctx = build_context(_assessment(CCAS), lang="fr")
    rows = _table(_doc(CCAS), "Obligations de l'AI Act pour l'organisme")
    assert len(rows) - 1 == len(ctx["ai_act"]["duties"])
    assert all(re.search(r"\d{4}$", r[3]) for r in rows[1:])
    assert any(r[0] == "art. 27" for r in rows[1:])


def test_algorithmic_rules_that_apply_are_shown() -> None:
    """CRPA L. 311-3-1 and L. 312-1-3 apply to the CCAS score; the table says so with their sources."""
    rows = _table(_doc(CCAS), "Règles sur les décisions algorithmiques examinées")
    by_source = {r[4].split(" (")[0]: r[1] for r in rows[1:]}
    assert any("L. 311-3-1" in s and v == "Rempli" for s, v in by_source.items())
    assert any("L. 312-1-3" in s and v == "Rempli" for s, v in by_source.items())
    assert any("art. 22" in s for s in by_source)


@pytest.mark.parametrize("name", [CAMERAS, CCAS])
def test_each_risk_has_proposed_and_retained_levels_and_acceptability(name: str) -> None:
    """Each risk of part 3 has a levels table (proposed and retained, initial and residual) and its acceptability."""
    ctx = build_context(_assessment(name), lang="fr")
    d = _doc(name)
    text = _texts(d)
    for risk in ctx["risks"]:
        rows = _table(d, f"Gravité et vraisemblance du risque {risk['letter']}")
        assert rows[0][1:] == ["Initial proposé", "Initial retenu", "Résiduel proposé", "Résiduel retenu"]
        assert rows[1][2].startswith(f"{risk['severity']['rank']} — ")
        assert rows[2][4].startswith(f"{risk['residual_likelihood']['rank']} — ")
        assert f"{risk['acceptability']}." in text


def test_dpo_overrides_are_shown_as_such_with_the_justification() -> None:
    """A level the DPO set is marked « retenu par le DPD », next to aipd's proposal, with the DPO's words."""
    a = _assessment(CAMERAS)
    overridden = [r for r in a.risks or () if r.overridden]
    assert overridden, "the cameras example has DPO judgements"
    ctx = build_context(a, lang="fr")
    letter = {r["id"]: r["letter"] for r in ctx["risks"]}[overridden[0].id]
    rows = _table(_doc(CAMERAS), f"Gravité et vraisemblance du risque {letter}")
    assert "retenu par le DPD" in rows[1][2]
    judgement = overridden[0].judgement
    assert judgement is not None
    assert judgement.justification
    assert judgement.justification in _texts(_doc(CAMERAS))
    # aipd's proposal and its reasons stay beside the DPO's words: what the judgement departs from.
    assert (
        "Niveaux proposés par aipd\u00a0: Gravité initiale proposée «\u00a0Limitée\u00a0»\u00a0: des données identifiantes"
        in _texts(_doc(CAMERAS))
    )


@pytest.mark.parametrize("name", [CAMERAS, CCAS])
def test_maps_mark_initial_and_residual_positions(name: str) -> None:
    """The map before measures holds each risk's letter at its initial cell, the map after its primed letter."""
    ctx = build_context(_assessment(name), lang="fr")
    d = _doc(name)
    before = _table(d, "Cartographie des risques avant mesures")
    after = _table(d, "Cartographie des risques après mesures")
    for risk in ctx["risks"]:
        row = 5 - risk["severity"]["rank"]  # severity 4 is the first row under the header
        assert risk["letter"] in before[row][risk["likelihood"]["rank"]].split(", ")
        rrow = 5 - risk["residual_severity"]["rank"]
        assert risk["letter"] + "′" in after[rrow][risk["residual_likelihood"]["rank"]].split(", ")


def test_measures_and_action_plan_use_catalogue_titles_and_risks() -> None:
    """Catalogue measures are named by their title, not their id; the plan gives the risks each addresses."""
    d = _doc(CCAS)
    measures = _table(d, "Mesures existantes ou prévues")
    assert not any(r[0].startswith("builtin:") for r in measures[1:])
    assert "Gestion des habilitations et contrôle d'accès" in [r[0] for r in measures]
    plan = _table(d, "Plan d'action")
    rows = {r[0]: r[1] for r in plan[1:]}
    assert rows["Évaluation des erreurs et des biais"] == "B, E"


def test_principles_table_has_every_principle_with_status_and_article() -> None:
    """Part 2 lists each principle of the analysis with its status, article and what is missing."""
    a = _assessment(CCAS)
    assert a.principles is not None
    d = _doc(CCAS)
    rows = _table(d, "Nécessité et proportionnalité") + _table(d, "Mesures protectrices des droits")
    body = [r for r in rows if r[0] != "Principe"]
    assert len(body) == len(a.principles.all)
    for row, check in zip(body, a.principles.all, strict=True):
        assert row[0].startswith(check.title.fr)
        assert "RGPD, art." in row[0]
        assert row[1] == check.status.fr
        if check.missing:
            assert row[3].startswith("[À compléter")


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", [CAMERAS, CCAS])
def test_no_table_cell_is_blank(name: str, lang: str) -> None:
    """Missing facts appear as « À compléter » items, never as an empty cell."""
    d = _doc(name, lang)
    for table in d.tables:
        for row in table.rows[1:]:
            for cell in row.cells:
                assert cell.text.strip()


def test_english_document_has_the_same_analysis_sections() -> None:
    """The English document carries the same annexes and tables, in English."""
    h = [t for _, t in _outline(_doc(CCAS, "en"))]
    assert "Annex 3. Decisions based on algorithmic processing" in h
    assert "Annex 4. Prior consultation of the CNIL and file (GDPR, art. 36(3))" in h
    rows = _table(_doc(CCAS, "en"), "Elements of the fundamental rights impact assessment")
    assert len(rows) == 7
    letter = _texts(_doc(CAMERAS, "en")).split("Draft covering letter")[-1]
    assert "Under article 90 of loi n° 78-17 of 6 January 1978" in letter


def test_each_recipient_is_its_own_bullet() -> None:
    """Recipients are one bullet each (a line ending in a Jinja tag once ran them together)."""
    a = _assessment(CCAS)
    d = _doc(CCAS)
    paragraphs = d.paragraphs
    start = next(
        i
        for i, p in enumerate(paragraphs)
        if p.text == "Destinataires et transferts" and p.style.name == "Heading 3"
    )
    bullets = []
    for p in paragraphs[start + 1 :]:
        if p.style.name != "List Bullet":
            break
        bullets.append(p.text)
    assert len(bullets) == len(a.operation.recipients)


def test_the_controller_and_the_domains_are_separate_paragraphs() -> None:
    """Part 1.1: the controller's paragraph ended in a block tag, which swallowed the blank line, so the
    domains and the regime were run into it."""
    d = _doc(CCAS)
    controller = next(p.text for p in d.paragraphs if p.text.startswith("Responsable de traitement"))
    assert "Domaines" not in controller
    assert any(p.text.startswith("Domaines\u00a0: ") for p in d.paragraphs)


@pytest.mark.parametrize(
    ("lang", "gdpr_rules", "principle_note"),
    [
        (
            "fr",
            (
                "(article 35.7.b du RGPD)",
                "(article 36.1 du RGPD\u00a0;",
                "(article 9 du RGPD)",
                "(chapitre V du RGPD)",
                "(article 35 du RGPD",
            ),
            "au titre III de la loi Informatique et Libertés, article correspondant à vérifier",
        ),
        (
            "en",
            (
                "(GDPR article 35(7)(b))",
                "(GDPR article 36(1);",
                "(GDPR article 9)",
                "(GDPR Chapter V)",
                "(GDPR article 35",
            ),
            "under Title III of the loi Informatique et Libertés, the corresponding article is to be checked",
        ),
    ],
)
def test_title_iii_document_does_not_cite_gdpr_articles_as_its_rules(
    lang: str, gdpr_rules: tuple[str, ...], principle_note: str
) -> None:
    """Cameras (Title III, GDPR art. 2(2)(d)): part 2's introduction and principle table, and the map legend,
    cited GDPR arts. 35(7)(b), 5, 12-21, 28, 44-49 and 36(1) as the rules; a GDPR processing keeps them."""
    d = _doc(CAMERAS, lang)
    text = _texts(d)
    for rule in gdpr_rules:
        assert rule not in text
    caption = "Nécessité et proportionnalité" if lang == "fr" else "Necessity and proportionality"
    rows = _table(d, caption)[1:]
    assert sum(principle_note in r[0] for r in rows) == len(rows) - 1  # lawfulness cites LIL art. 87
    gdpr = _texts(_doc(CCAS, lang))
    assert gdpr_rules[0] in gdpr
    assert gdpr_rules[1] in gdpr


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_summary_does_not_announce_a_letter_the_annex_leaves_out(lang: str) -> None:
    """Badges: consultation not required, so the summary no longer says the draft letter is in annex 4."""
    summary = _texts(_doc("badges-temps-travail", lang)).split(
        "1. Contexte" if lang == "fr" else "1. Context"
    )[1]
    assert "projet de lettre" not in summary
    assert "draft cover letter" not in summary


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_model_path_in_the_consultation_rationale(lang: str) -> None:
    """Traffic counting: the open consultation said « (faits : assets[].internet_facing) »; the fact is named by
    its label in the list that follows, never by its path."""
    d = _doc("comptage-trafic", lang)
    text = _texts(d) + "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
    assert "internet_facing" not in text
    assert ("Joignable depuis internet" if lang == "fr" else "Reachable from the internet") in text


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "fr",
            "Aucun des risques estimés ne reste élevé après les mesures\u00a0; [À compléter\u00a0: niveaux résiduels",
        ),
        ("en", "None of the risks rated remains high after measures; [To be completed: residual levels"),
    ],
)
def test_a_risk_without_levels_is_never_summed_up_as_not_high(lang: str, said: str) -> None:
    """Badges plus a DPO's own risk without levels: the summary said « Aucun risque ne reste élevé après les
    mesures » and the consultation « non requise »; the unrated risk leaves both open."""
    import attrs

    from aipd.model import RiskJudgement

    op = aipd.load(EXAMPLES / "badges-temps-travail.yaml")
    own = RiskJudgement(risk="commune:reidentification", impacts=("Réidentification des agents",))
    a = aipd.assess(attrs.evolve(op, risk_judgements=(*op.risk_judgements, own)))
    assert a.consultation is not None
    assert a.consultation.required is None
    assert "risk_judgements" in a.consultation.missing
    text = _texts(docx.Document(io.BytesIO(build_document(a, lang=lang))))  # type: ignore[arg-type]
    assert said in text
    assert ("Aucun risque ne reste élevé" if lang == "fr" else "No risk remains high") not in text


@pytest.mark.parametrize(
    ("lang", "open_words", "settled"),
    [
        (
            "fr",
            "Aucun risque ne reste élevé après les mesures d'après les faits connus\u00a0; des faits manquants",
            "Aucun risque ne reste élevé après les mesures.",
        ),
        (
            "en",
            "No risk remains high after measures on the known facts; missing facts could make some high",
            "No risk remains high after measures.",
        ),
    ],
)
def test_the_map_sentence_says_when_missing_facts_keep_the_consultation_open(
    lang: str, open_words: str, settled: str
) -> None:
    """Chatbot: every rated risk is below the line, but the consultation is open on a missing fact
    (internet exposure). The map said « Aucun risque ne reste élevé » flatly, beside an open consultation;
    badges, where the consultation is settled, keeps the plain sentence."""
    assert open_words in _texts(_doc("chatbot-site-ville", lang))
    badges = _texts(_doc("badges-temps-travail", lang))
    assert settled in badges
    assert open_words not in badges


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", ["tri-candidatures", "detection-fraude-ccas", "inscription-cantine"])
def test_counts_take_their_plural_in_words(name: str, lang: str) -> None:
    """« 1 mesure(s) qui rendent la menace… : 1 niveau(x) de moins », « point(s) 4 a », « 3 finalité(s)
    décrite(s) » read as a machine's in the document a DPO signs: each count takes its number's form."""
    d = _doc(name, lang)
    text = _texts(d) + "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
    assert not re.search(r"\w\((?:s|x|ies)\)", text), re.findall(r".{30}\w\((?:s|x|ies)\).{10}", text)[:3]
