"""Every fact the DPO declares reaches the AIPD document, in its part of the CNIL method.

The operation of :func:`strategies.filled_operation` fills every field of every class of
:mod:`aipd.model` with a value found nowhere else; a field added to the model is filled without
touching the tests, and the tests below fail until the document shows it (or the allow-list says
why it has no place there).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import typing
from typing import Any

import attrs
import docx
import pytest
from hypothesis import HealthCheck, given, settings

from aipd import model
from aipd.assess import Assessment, assess
from aipd.i18n import Lang, format_date, format_number, typography
from aipd.render.docx import build_document
from aipd.vocabulary import (
    AssetKind,
    DataKind,
    FinalFate,
    LegalBasis,
    MeasureStatus,
    OrganisationKind,
    Safeguard,
    Vocabulary,
)
from content_cases import builtin_registry
from content_cases import operation as ordinary_operation
from strategies import Filled, filled_operation, partly_filled_operations

#: Fields deliberately not shown in the document, each with why (path without list indexes).
#: Empty: every field the DPO can declare has its place. A field added here must say where a
#: reader finds the fact instead.
NOT_SHOWN: dict[str, str] = {}

#: Yes/no facts and vocabulary values whose change leaves the document as it is, each with why.
SAME_DOCUMENT: dict[str, str] = {
    # A category with reasons of vulnerability is vulnerable whatever the flag says (never understate:
    # ``SubjectCategory.is_vulnerable``); the flag shows alone when no reason is given (test below).
    "data_subjects.vulnerable": "subsumed by the reasons given",
}

#: The parts of the model the document shows as question-and-answer tables, one row per field.
FACT_TABLES = ("monitoring", "evaluation", "decisions", "matching", "technology", "ai_system")

_YES = {"fr": "Oui", "en": "Yes"}


def _lines(data: bytes) -> list[str]:
    """The document's paragraphs and table rows (cells joined by « | »), in body order."""
    d = docx.Document(io.BytesIO(data))
    tables, paragraphs = iter(d.tables), iter(d.paragraphs)
    lines: list[str] = []
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(next(paragraphs).text)
        elif tag == "tbl":
            lines += [" | ".join(c.text for c in r.cells) for r in next(tables).rows]
    return lines


def _render(op: model.ProcessingOperation, lang: Lang = "fr") -> list[str]:
    return _lines(build_document(_assess(op), lang=lang))


def _assess(op: model.ProcessingOperation) -> Assessment:
    return assess(op, registry=builtin_registry())


def _without_digest(lines: list[str]) -> list[str]:
    """The document's text but the input's digest, which changes with any field."""
    return [x for x in lines if "SHA-256" not in x]


def _general(path: str) -> str:
    return re.sub(r"\[\d+\]", "", path)


def _shown(value: Any, lang: Lang) -> str:
    """How a declared value reads in the document."""
    if isinstance(value, Vocabulary):
        return typography(str(value.label(lang)), lang)
    if isinstance(value, dt.date):
        return str(format_date(value, lang))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(format_number(value, lang))
    return str(value)


@functools.cache
def _filled() -> Filled:
    return filled_operation()


@functools.cache
def _filled_lines(lang: Lang) -> tuple[str, ...]:
    return tuple(_render(_filled().operation, lang))


def test_the_allow_lists_name_real_fields() -> None:
    """An allow-list entry names a field the filled operation has (no stale entry hides a new field)."""
    paths = {_general(p) for p in _filled().values}
    assert set(NOT_SHOWN) <= paths
    assert set(SAME_DOCUMENT) <= paths


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_declared_value_is_in_the_document(lang: Lang) -> None:
    """Each text, number, date and vocabulary value of a fully filled operation appears in the document
    (yes/no facts are checked by the next tests)."""
    body = "\n".join(_filled_lines(lang))
    missing = [
        f"{path} = {_shown(value, lang)!r}"
        for path, value in _filled().values.items()
        if not isinstance(value, bool) and _general(path) not in NOT_SHOWN and _shown(value, lang) not in body
    ]
    assert not missing, "declared but not in the document:\n" + "\n".join(missing)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_fact_tables_have_one_answered_row_per_field(lang: Lang) -> None:
    """Monitoring, evaluation, decisions, matching, technology and the AI system: each field is a row
    « label | answer » with the declared answer (« Oui » for a yes)."""
    lines = _filled_lines(lang)
    wrong = []
    for part in FACT_TABLES:
        obj = getattr(_filled().operation, part)
        for a in attrs.fields(type(obj)):
            label = typography(a.metadata["doc"].get(lang), lang)
            value = getattr(obj, a.name)
            values = value if isinstance(value, tuple) else (value,)
            expected = [_YES[lang] if v is True else _shown(v, lang) for v in values]
            rows = [x for x in lines if x.startswith(f"{label} | ")]
            if not any(all(e in row for e in expected) for row in rows):
                wrong.append(f"{part}.{a.name}: {expected} not in {rows}")
    assert not wrong, "\n".join(wrong)


def _other_value(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, tuple):
        return ()
    members = list(type(value))
    return members[(members.index(value) + 1) % len(members)]


def _replace(obj: Any, path: str, value: Any) -> Any:
    head, _, rest = path.partition(".")
    name, _, index = head.partition("[")
    current = getattr(obj, name)
    if index:
        i = int(index.rstrip("]"))
        item = _replace(current[i], rest, value) if rest else value
        return attrs.evolve(obj, **{name: (*current[:i], item, *current[i + 1 :])})
    return attrs.evolve(obj, **{name: _replace(current, rest, value) if rest else value})


def test_every_yes_no_fact_and_vocabulary_value_changes_the_document() -> None:
    """Outside the fact tables, answering a yes/no fact the other way, or picking another value of a
    vocabulary, changes what the document says (the input's digest aside): the answer is shown, not
    only used. The AI system is left out here (its facts are a fact table) to keep the test fast."""
    filled = filled_operation(lambda path: path != "ai_system")
    base = _without_digest(_render(filled.operation))
    leaves: dict[str, Any] = {}
    for path, value in filled.values.items():
        general = _general(path)
        if general.split(".")[0] in FACT_TABLES or general in SAME_DOCUMENT:
            continue
        if isinstance(value, bool | Vocabulary):
            leaves[path] = value
    # a list of vocabulary values (domains, sources, reasons of vulnerability) is changed as a whole
    for path in [p for p in leaves if p.endswith("[0]")]:
        leaves[path[:-3]] = (leaves.pop(path),)
    unchanged = [
        path
        for path, value in leaves.items()
        if _without_digest(_render(_replace(filled.operation, path, _other_value(value)))) == base
    ]
    assert not unchanged, f"the document does not show: {unchanged}"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partly_filled_operations())
def test_any_declared_value_is_in_the_document_whatever_else_is_unknown(filled: Filled) -> None:
    """Whichever optional facts are left unknown, every value that is declared still shows: no text is
    shown only when another one is known (a justification without its period, a reference without its
    safeguard, a reason not sought beside the views collected)."""
    body = "\n".join(_render(filled.operation))
    missing = [
        path
        for path, value in filled.values.items()
        if not isinstance(value, bool | Vocabulary)
        and _general(path) not in NOT_SHOWN
        and _shown(value, "fr") not in body
    ]
    assert not missing


# --- where each fact shows, and « À compléter » when the law asks for a missing one ---------------


def _row(lines: list[str], start: str) -> str:
    found = [x for x in lines if x.startswith(start)]
    assert found, f"no line starts with {start!r}"
    return found[0]


def _table_rows(lines: list[str], header: str) -> list[str]:
    """The rows of the table whose header row starts with ``header``, header excluded."""
    i = next(i for i, x in enumerate(lines) if x.startswith(header))
    rows = []
    for x in lines[i + 1 :]:
        if " | " not in x:
            break
        rows.append(x)
    return rows


def _legitimate(interest: str | None) -> model.ProcessingOperation:
    return ordinary_operation(
        controller=model.Controller(name="Délégataire", kind=OrganisationKind.PRIVATE_PUBLIC_SERVICE),
        purposes=(
            model.Purpose(
                description="Prospecter les usagers",
                legal_basis=LegalBasis.LEGITIMATE_INTERESTS,
                legitimate_interest=interest,
            ),
        ),
    )


@pytest.mark.parametrize(
    ("lang", "todo", "said"),
    [
        (
            "fr",
            "[À compléter\u00a0: Intérêt légitime poursuivi]",
            "Intérêt légitime poursuivi\u00a0: Faire connaître",
        ),
        (
            "en",
            "[To be completed: Legitimate interest pursued]",
            "Legitimate interest pursued: Faire connaître",
        ),
    ],
)
def test_legitimate_interest_pursued_is_under_the_basis_and_to_complete_when_missing(
    lang: Lang, todo: str, said: str
) -> None:
    """Art. 35(7)(a): with the basis of art. 6(1)(f), the purposes table gives the interest pursued, or
    « À compléter » when it is not declared; the basis-and-interest cell says nothing when the basis is
    another one."""
    lines = _render(_legitimate(None), lang)
    row = _table_rows(lines, {"fr": "Finalité | ", "en": "Purpose | "}[lang])
    assert todo in "\n".join(row)
    lines = _render(_legitimate("Faire connaître les services"), lang)
    assert said in "\n".join(_table_rows(lines, {"fr": "Finalité | ", "en": "Purpose | "}[lang]))
    other = _render(ordinary_operation(), lang)
    assert "ntérêt légitime" not in "\n".join(other)
    assert "egitimate interest" not in "\n".join(other)


def _retention(**kw: Any) -> model.ProcessingOperation:
    return ordinary_operation(
        data=(model.DataCategory(kind=DataKind.IDENTITY, description="Nom", retention=model.Retention(**kw)),)
    )


def test_retention_periods_are_named_and_justified() -> None:
    """The retention cell names each period (active, intermediate archive, final fate) and gives what
    justifies them; once the active period is known, a missing final fate or justification is
    « À compléter », as part 2 asks; a justification without its period still shows."""
    lines = _render(
        _retention(
            active="1 an", intermediate="5 ans", final_fate=FinalFate.ARCHIVES, justification="Règlement"
        )
    )
    cell = "\n".join(_table_rows(lines, "Catégorie de données | "))
    assert (
        "Base active\u00a0: 1 an\u00a0; archivage intermédiaire\u00a0: 5 ans\u00a0; sort final\u00a0: Versement"
        in cell
    )
    assert "Justification des durées\u00a0: Règlement" in cell
    cell = "\n".join(_table_rows(_render(_retention(active="1 an")), "Catégorie de données | "))
    assert "[À compléter\u00a0: sort final]" in cell
    assert "[À compléter\u00a0: Justification des durées]" in cell
    cell = "\n".join(_table_rows(_render(_retention(justification="Règlement")), "Catégorie de données | "))
    assert "[À compléter\u00a0: Base active]" in cell
    assert "Justification des durées\u00a0: Règlement" in cell


def test_subjects_show_their_reference_population_and_why_they_are_vulnerable() -> None:
    """The subjects table gives the population a count is compared with, and the reasons of vulnerability
    beside « Oui »; the flag alone reads « Oui » or « Non »."""
    op = ordinary_operation(
        data_subjects=(
            model.SubjectCategory(
                kind=model.SubjectKind.USERS,
                count=800,
                relevant_population=12000,
                vulnerabilities=(model.Vulnerability.CHILD,),
            ),
            model.SubjectCategory(kind=model.SubjectKind.AGENTS, vulnerable=False),
            model.SubjectCategory(kind=model.SubjectKind.ELECTED, vulnerable=True),
        )
    )
    rows = "\n".join(_table_rows(_render(op), "Personnes concernées | "))
    assert "sur une population de référence de 12\u202f000" in rows
    assert "| Oui\u00a0: Enfants" in rows
    assert "Agents, salariés |  | [À compléter\u00a0: Nombre] | Non" in rows.replace(
        "[À compléter\u00a0: Précisions]", ""
    )
    assert "Élus |  | [À compléter\u00a0: Nombre] | Oui" in rows.replace(
        "[À compléter\u00a0: Précisions]", ""
    )


def test_assets_show_their_description_and_exposure() -> None:
    """Each support shows its description and whether it is reachable from the internet: « À compléter »
    for a digital support the risks need it for, « non renseigné, sans incidence » for a paper file."""
    op = ordinary_operation(
        assets=(
            model.SupportingAsset(
                kind=AssetKind.SOFTWARE, name="Logiciel", description="Version 5, serveur communal"
            ),
            model.SupportingAsset(kind=AssetKind.PAPER, name="Dossiers papier"),
            model.SupportingAsset(kind=AssetKind.NETWORK, name="Réseau", internet_facing=True),
        )
    )
    rows = _table_rows(_render(op), "Type de support | ")
    assert any("Version 5, serveur communal" in r for r in rows)
    assert _row(rows, "Logiciels | Logiciel").endswith("[À compléter\u00a0: Joignable depuis internet]")
    assert _row(rows, "Supports papier | ").endswith("Non renseigné (sans incidence sur les conclusions)")
    assert _row(rows, "Réseaux | ").endswith("| Oui")


def test_measures_in_place_show_who_answers_for_them_and_off_catalogue_ones_are_marked() -> None:
    """A measure in place gives its owner and date in the measures table (those not in place give them
    in the action plan, not twice); a measure no plug-in contributes is marked with its id, its effect
    on the levels not counted."""
    op = ordinary_operation(
        measures=(
            model.Measure(id="builtin:encryption", owner="DSI", due=dt.date(2024, 6, 1)),
            model.Measure(id="builtin:backup", owner="Prestataire", status=MeasureStatus.PLANNED),
            model.Measure(id="ville:charte", title="Charte informatique"),
        )
    )
    lines = _render(op)
    rows = _table_rows(lines, "Mesure | ")
    assert "Responsable\u00a0: DSI\u00a0; Échéance\u00a0: 1er juin 2024" in "\n".join(rows)
    assert "Prestataire" not in "\n".join(rows)
    assert "Prestataire" in "\n".join(_table_rows(lines, "Action | "))
    assert (
        "Charte informatique\nHors catalogue (ville:charte)\u00a0: son effet sur les niveaux n'est pas compté"
        in ("\n".join(rows))
    )


def test_views_collected_and_why_others_were_not_sought_are_both_shown() -> None:
    """Art. 35(9): views collected from some persons and the reason others were not asked both show."""
    op = ordinary_operation(
        validation=model.Validation(
            data_subjects_views="Avis du comité technique",
            data_subjects_not_sought="Usagers non consultés : X",
        )
    )
    body = "\n".join(_render(op))
    assert "Avis du comité technique" in body
    assert "Avis non recueilli\u00a0: Usagers non consultés : X" in body


def test_transfer_gives_the_reference_of_its_safeguard() -> None:
    """The transfers list gives the reference of the safeguard beside the safeguard (GDPR Chapter V)."""
    op = ordinary_operation(
        transfers=(
            model.Transfer(
                recipient="Hébergeur",
                country="US",
                safeguard=Safeguard.SCC,
                documentation="Clauses de la décision 2021/914 signées le 3 mars 2025",
            ),
        )
    )
    body = "\n".join(_render(op))
    assert "référence de la garantie\u00a0: Clauses de la décision 2021/914 signées le 3 mars 2025" in body


def test_cover_gives_the_creation_date_and_the_dpo_designation_and_the_annex_the_identifier() -> None:
    """The cover gives the date the analysis was created beside its last update, the DPO's CNIL
    designation number; the traceability annex the operation's identifier."""
    op = ordinary_operation(
        created=dt.date(2025, 1, 10),
        updated=dt.date(2025, 3, 2),
        controller=model.Controller(
            name="Commune",
            kind=OrganisationKind.COMMUNE,
            siren="213100001",
            agents=120,
            dpo=model.DpoContact(name="DPO", cnil_designation="DPO-1234"),
        ),
    )
    lines = _render(op)
    assert "Date | 2 mars 2025" in lines
    assert "Date de création | 10 janvier 2025" in lines
    assert _row(lines, "Délégué à la protection des données (DPD) | ").endswith(
        "désignation auprès de la CNIL n° DPO-1234"
    )
    assert "Identifiant du traitement | cas" in lines
    overview = _row(lines, "Responsable de traitement\u00a0: Commune")
    assert "SIREN 213100001" in overview
    assert "Effectif\u00a0: 120 agents" in overview
    # created only: it is the document's date, said once
    lines = _render(attrs.evolve(op, updated=None))
    assert "Date | 10 janvier 2025" in lines
    assert not any(x.startswith("Date de création") for x in lines)


def test_legal_framework_facts_are_in_the_overview() -> None:
    """The overview gives the specific text and whether it was adopted with a general impact assessment,
    whether the processing is carried out on behalf of the State, and a DPIA already covering a similar
    processing; the data part the bases for offence data and the NIR."""
    legal = model.LegalFramework(
        specific_law="Loi n° 2023-380, art. 10",
        specific_law_impact_assessed=False,
        on_behalf_of_state=False,
        covered_by_dpia="AIPD vidéoprotection 2022",
        offence_data_basis="Art. L. 511-1 du code de la sécurité intérieure",
        nir_decree="Décret n° 2019-341",
    )
    body = "\n".join(_render(ordinary_operation(legal=legal)))
    assert (
        "Ce texte n'a pas fait l'objet d'une analyse d'impact générale lors de son adoption (article 35.10"
        in body
    )
    assert "n'est pas mis en œuvre pour le compte de l'État" in body
    assert "AIPD existante couvrant un traitement très similaire" in body
    assert "AIPD vidéoprotection 2022" in body
    assert "Art. L. 511-1 du code de la sécurité intérieure" in body
    assert "Décret n° 2019-341" in body


def test_scale_gives_volume_and_data_items() -> None:
    """The scale sentence gives the yearly volume of records and the number of data items (WP248, criterion 5)."""
    op = ordinary_operation(scale=model.Scale(persons=800, records=12000, data_items=14))
    line = _row(_render(op), "Échelle\u00a0: ")
    assert "volume\u00a0: 12\u202f000 enregistrements par an" in line
    assert "14 champs ou types de données" in line


def test_fact_table_classes_are_those_of_the_model() -> None:
    """The fact tables named here are nested parts of the operation (a renamed part fails here first)."""
    hints = typing.get_type_hints(model.ProcessingOperation)
    assert all(part in hints for part in FACT_TABLES)


def test_every_free_text_is_shown_as_written() -> None:
    """Each free text of a fully filled operation, with French punctuation in it, shows as the DPO wrote
    it, wherever aipd's sentences quote it: the document's typography is never applied inside."""
    piece = "Motif : a ; b ? « c »"
    filled = filled_operation(lambda path: path != "ai_system")
    op = filled.operation
    texts = {}
    for path, value in filled.values.items():
        if isinstance(value, str) and value.startswith("Mk"):
            texts[path] = f"{value} {piece}"
            op = _replace(op, path, texts[path])
    body = "\n".join(_render(op))
    assert [path for path, text in texts.items() if text not in body] == []
    assert typography(piece, "fr") not in body
