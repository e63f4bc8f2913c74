"""Reading the CNIL model's layout: one « fiche de registre » per sheet (docs/registers.md)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from aipd.cli import EXIT_FINDING, main
from aipd.errors import InputError
from aipd.registers import RegisterMapping, load_mapping, open_register
from aipd.triage import TriageOutcome, triage
from spreadsheet_cases import write_ods

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("python_calamine")

Sheet = list[list[Any]]

# The CNIL model's first sheet: the organisation, then the list of activities (a small table).
LIST_SHEET: Sheet = [
    ["Nom de l'organisme", "Commune de Lorvalle"],
    [],
    ["Liste des traitements"],
    ["Nom / sigle", "N° de référence", "Date de création", "Finalité principale"],
    ["Cantine scolaire", "T1", "01/09/2023", "Inscrire à la cantine"],
    ["Paie des agents", "T2", "01/01/2020", "Payer les agents"],
]

# A fiche laid out as the model does: a title, section headings in column A, labels in B, values in C.
CANTEEN: Sheet = [
    ["Fiche de registre"],
    ["Description du traitement"],
    [None, "Nom / sigle", "Cantine scolaire"],
    [None, "N° de référence", "T1"],
    [None, "Date de création", "01/09/2023"],
    [],
    ["Acteurs"],
    [None, "Responsable du traitement"],
    [None, "Nom", "Mme la maire"],
    ["Finalités"],
    [None, "Finalité principale", "Inscrire les enfants à la cantine"],
    [None, "Sous-finalité 1", "Facturer les familles"],
    [None, "Sous-finalité 2", "Adapter les repas aux régimes"],
    [None, "Base légale", "Mission d'intérêt public"],
    ["Données"],
    [None, "Catégories de données personnelles", "État civil, identité", "Vie personnelle"],
    [None, None, "Informations d'ordre économique et financier"],
    [None, "Données sensibles"],
    [None, "Catégorie", "Oui / Non", "Description"],
    [None, "Données de santé", "Oui", "allergies alimentaires"],
    [None, "Numéro de sécurité sociale (NIR)", "Non"],
    [None, "Opinions politiques", None, "à voir"],
    [None, "Données biométriques", None],
    [None, "Catégories de personnes concernées"],
    [None, "Enfants", "X"],
    [None, "Parents", "x"],
    [None, "Agents", None],
    [None, "Destinataires", "Service scolaire"],
    [None, "Destinataires", "Prestataire de restauration"],
    [None, "Nombre de personnes concernées", 450],
    [None, "Transferts hors UE", "Non"],
]

PAYROLL: Sheet = [
    ["Nom du traitement", "Paie des agents"],
    ["Référence", "T2"],
    ["Finalité", "Payer les agents"],
    ["Catégories de personnes", "Agents"],
    ["Données sensibles", "Non"],
]


def _xlsx(path: Path, sheets: dict[str, Sheet], hidden: tuple[str, ...] = ()) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def _model(tmp_path: Path) -> Path:
    return _xlsx(tmp_path / "registre.xlsx", {"Registre": LIST_SHEET, "Cantine": CANTEEN, "Paie": PAYROLL})


def test_fiche_workbook_detected_one_record_per_sheet(tmp_path: Path) -> None:
    """Sheets after the first laid out as fiches are read one record each; the list sheet is not read."""
    reg = open_register(_model(tmp_path))
    assert reg.layout == "fiches"
    assert reg.total == 2
    assert any("fiches" in n.fr and "« Registre »" in n.fr for n in reg.notes)
    assert ("Nom / sigle", "name") in reg.columns
    rows = list(reg)
    assert [(r.number, r.source) for r in rows] == [
        (2, f"{tmp_path / 'registre.xlsx'} [Cantine]"),
        (3, f"{tmp_path / 'registre.xlsx'} [Paie]"),
    ]
    canteen = rows[0].data
    assert canteen["name"] == "Cantine scolaire"  # the first « Nom » label with a value wins
    assert canteen["register_ref"] == "T1"
    assert canteen["id"] == "registre-t1"
    assert canteen["created"] == "2023-09-01"
    assert canteen["scale"] == {"persons": 450}
    assert "transfers" not in canteen
    payroll = rows[1].data
    assert payroll["name"] == "Paie des agents"
    assert payroll["data_subjects"] == [{"kind": "agents", "description": "Agents"}]
    assert "data" not in payroll  # « Données sensibles : Non » declares none
    assert rows[1].assumed == ("controller.name", "controller.kind")


def test_list_fields_several_cells_numbered_labels_and_lines_below(tmp_path: Path) -> None:
    """A list field takes the cells right of its label, its label repeated (or numbered), and the lines
    below whose label cell is empty; a single field keeps its first value."""
    data = next(iter(open_register(_model(tmp_path)))).data
    assert [p["description"] for p in data["purposes"]] == [
        "Inscrire les enfants à la cantine",
        "Facturer les familles",
        "Adapter les repas aux régimes",
    ]
    assert {p["legal_basis"] for p in data["purposes"]} == {"public_task"}
    kinds = [d["kind"] for d in data["data"]]
    assert kinds[:3] == ["identity", "personal_life", "financial"]
    assert data["recipients"] == [{"name": "Service scolaire"}, {"name": "Prestataire de restauration"}]


def test_sensitive_data_check_list_oui_non_and_crosses(tmp_path: Path) -> None:
    """Under a list label, a line « category | Oui » (or a cross) is a value, « Non » or an empty answer
    is not; a line with text but no answer is left unknown and says so."""
    row = next(iter(open_register(_model(tmp_path))))
    kinds = [d["kind"] for d in row.data["data"]]
    assert "health" in kinds
    assert "nir" not in kinds
    assert "political_opinions" not in kinds
    assert "biometric" not in kinds
    assert [s["kind"] for s in row.data["data_subjects"]] == ["children", "parents"]
    assert [n.fr for n in row.notes] == [
        "ligne 22 : « Opinions politiques » sous « Données sensibles » n'est cochée ni « Oui » ni « Non » : "
        "laissée inconnue"
    ]
    assert row.partial == ("data",)


#: The yes/no facts a fiche answers « non » so that only its data decide (no CNIL list item, one criterion).
SETTLED_FACTS = [
    "decisions.access_to_rights", "decisions.automated", "evaluation.profiling", "evaluation.scoring",
    "evaluation.systematic_extensive", "matching.combines", "monitoring.systematic", "monitoring.agents",
    "monitoring.constant", "technology.innovative",
]  # fmt: skip


def _absences(answer: str, *, columns: bool = False) -> Sheet:
    """A fiche whose only open question is its check-list line « Données de santé » answered ``answer``
    (in a single « Oui / Non » column, or in the « Non » column of a « Oui » | « Non » pair)."""
    check: Sheet = (
        [[None, "Catégorie", "Oui", "Non"], [None, "Données de santé", None, answer]]
        if columns
        else [
            [None, "Catégorie", "Oui / Non", "Description"],
            [None, "Données de santé", answer, "certificats"],
        ]
    )
    return [
        ["Fiche de registre"],
        [None, "Nom / sigle", "Absences des agents"],
        [None, "Responsable du traitement", "Commune de Lorvalle"],
        [None, "Nature de l'organisme", "commune"],
        [None, "Finalité principale", "Gérer les absences"],
        [None, "Base légale", "Consentement"],
        [None, "Domaine", "Urbanisme"],
        [None, "Catégories de données personnelles", "État civil, identité"],
        [None, "Données sensibles"],
        *check,
        [None, "Catégories de personnes concernées", "Agents"],
        [None, "Nombre de personnes concernées", 300],
        *([None, path, "non"] for path in SETTLED_FACTS),
    ]


@pytest.mark.parametrize("answer", ["Non renseigné", "Non communiqué", "Non connu", "?", "NC", "à vérifier"])
@pytest.mark.parametrize("columns", [False, True])
def test_a_check_list_line_not_answered_leaves_what_it_names_unknown(
    tmp_path: Path, answer: str, columns: bool
) -> None:
    """« Données de santé | Non renseigné » was read as « Non » (its first word), « ? » or « NC » dropped
    with a note: the health data vanished and the row read « AIPD non requise ». Whether there are
    health data is not known: the row is incomplete, the data among the missing facts."""
    path = tmp_path / "r.xlsx"
    _xlsx(
        path,
        {
            "Liste": LIST_SHEET,
            "Non": _absences("Non", columns=columns),
            "Autre": _absences(answer, columns=columns),
        },
    )
    said_no, unknown = list(triage(open_register(path)))
    assert said_no.outcome is TriageOutcome.NOT_REQUIRED
    assert unknown.outcome is TriageOutcome.INCOMPLETE
    assert "data" in unknown.missing_facts
    assert any("laissée inconnue" in n.fr for n in unknown.notes)


def test_check_list_with_one_column_for_oui_and_one_for_non(tmp_path: Path) -> None:
    """A check list with a « Oui » column and a « Non » column reads the cross's column; a bare « Oui »
    beside « Données sensibles » is a sensitive category not named (filed as highly personal, with a note),
    a bare « Néant » beside a list label is no value."""
    fiche: Sheet = [
        ["Nom du traitement", "Accueil de loisirs"],
        ["Finalité", "Inscrire"],
        ["Catégories de personnes concernées", "Enfants"],
        ["Catégories de données", None, None],
        ["Catégorie", "Oui", "Non"],
        ["Données de localisation", "X", None],
        ["Données de connexion", None, "X"],
    ]
    bare: Sheet = [
        ["Nom du traitement", "Médiathèque"],
        ["Finalité", "Prêter des livres"],
        ["Base légale", "Néant"],
        ["Données sensibles", "Oui"],
    ]
    reg = open_register(_xlsx(tmp_path / "r.xlsx", {"Liste": LIST_SHEET, "ALSH": fiche, "Médiathèque": bare}))
    first, second = list(reg)
    assert [d["kind"] for d in first.data["data"]] == ["location"]
    assert [d["kind"] for d in second.data["data"]] == ["other_highly_personal"]
    assert [n.fr for n in second.notes] == [
        "donnée sensible non reconnue « Oui » : classée « autres données à caractère hautement personnel »"
    ]  # « Néant » beside « Base légale » gives nothing, not an unrecognised basis


def test_unreadable_fiche_reported_with_its_sheet_others_go_on(tmp_path: Path) -> None:
    """A sheet the library cannot read, a fiche with a bad value and a sheet without labels are each
    reported with the sheet's name and the reason; the other fiches are triaged."""
    bad_value: Sheet = [
        ["Nom du traitement", "Vidéoprotection"],
        ["Finalité", "Protéger les bâtiments"],
        ["Nombre de personnes concernées", "beaucoup"],
    ]
    path = _xlsx(
        tmp_path / "r.xlsx",
        {
            "Registre": LIST_SHEET,
            "Cantine": CANTEEN,
            "Cassée": PAYROLL,
            "Vidéo": bad_value,
            "Notes": [["Registre relu en janvier"]],
            "Paie": PAYROLL,
        },
    )
    _break_sheet(path, 3)
    results = list(triage(open_register(path)))
    by_sheet = {r.source.rsplit("[", 1)[-1].rstrip("]"): r for r in results if r.source}
    assert list(by_sheet) == ["Cantine", "Cassée", "Vidéo", "Notes", "Paie"]
    assert [r.row for r in results] == [2, 3, 4, 5, 6]
    broken = by_sheet["Cassée"]
    assert broken.outcome is TriageOutcome.UNREADABLE
    assert "feuille illisible" in broken.problems[0].message.fr
    video = by_sheet["Vidéo"]
    assert video.outcome is TriageOutcome.UNREADABLE
    assert video.problems[0].format() == (
        f"{path} [Vidéo]:3: « Nombre de personnes concernées »: nombre entier attendu, lu « beaucoup »"
    )
    assert "aucun libellé" in by_sheet["Notes"].problems[0].message.fr
    assert by_sheet["Cantine"].outcome is not TriageOutcome.UNREADABLE
    assert by_sheet["Paie"].outcome is not TriageOutcome.UNREADABLE


def _break_sheet(path: Path, number: int) -> None:
    """Make sheet ``number`` of an XLSX unreadable: its first cell points at a shared string that does
    not exist (openpyxl writes strings inline)."""
    broken = path.with_suffix(".tmp")
    cell = re.compile(rb'<c r="A1" t="inlineStr"><is><t>[^<]*</t></is></c>')
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == f"xl/worksheets/sheet{number}.xml":
                data, count = cell.subn(b'<c r="A1" t="s"><v>999</v></c>', data)
                assert count == 1
            dst.writestr(item, data)
    broken.replace(path)


def test_mapping_layout_forces_table_or_fiches_and_names_labels(tmp_path: Path) -> None:
    """``layout: table`` reads the first sheet's list as a table; ``layout: fiches`` reads fiches auto-
    detection would not take; ``columns`` names a label of the register's own wording."""
    path = _model(tmp_path)
    table = open_register(path, mapping=load_mapping({"layout": "table"}))
    assert table.layout == "table"
    assert [r.data["name"] for r in table] == ["Cantine scolaire", "Paie des agents"]

    sparse = {
        "Liste": LIST_SHEET,
        "Cimetière": [["Libellé de l'activité", "Concessions"], ["Finalité", "Gérer"]],
    }
    other = _xlsx(tmp_path / "o.xlsx", sparse)
    assert open_register(other).layout == "table"  # two labels only: not recognised as a fiche
    mapping = load_mapping({"layout": "fiches", "columns": {"name": "Libellé de l'activité"}})
    rows = list(open_register(other, mapping=mapping))
    assert [(r.number, r.data["name"], r.data["purposes"]) for r in rows] == [
        (2, "Concessions", [{"description": "Gérer"}])
    ]
    assert rows[0].data["id"] == "feuille-cimetiere"
    alone = _xlsx(tmp_path / "seule.xlsx", {"Cimetière": sparse["Cimetière"]})
    assert [(r.number, r.data["name"]) for r in open_register(alone, mapping=mapping)] == [(1, "Concessions")]


def test_mapping_layout_values_checked() -> None:
    """An unknown layout, or a table's sheet or header row with ``layout: fiches``, is refused."""
    with pytest.raises(InputError, match="mise en page inconnue"):
        load_mapping({"layout": "colonnes"})
    with pytest.raises(InputError, match="layout: fiches"):
        load_mapping({"layout": "fiches", "sheet": "Registre"})
    assert load_mapping({}).layout == "auto"


def test_mapping_values_and_defaults_apply_to_fiches(tmp_path: Path) -> None:
    """A fiche goes through the row pipeline: the mapping's values and defaults apply as for a table row."""
    mapping = RegisterMapping(
        values={"data_subjects": {"Enfants": "Mineurs"}},
        defaults={"controller.name": "Commune de Lorvalle", "controller.kind": "commune"},
    )
    row = next(iter(open_register(_model(tmp_path), mapping=mapping)))
    assert row.data["controller"] == {"name": "Commune de Lorvalle", "kind": "commune"}
    assert row.assumed == ()
    assert row.data["data_subjects"][0] == {"kind": "children", "description": "Mineurs"}


def test_ods_fiches(tmp_path: Path) -> None:
    """An ODS workbook in the fiche layout is read like an XLSX one."""
    path = write_ods(tmp_path / "registre.ods", {"Registre": LIST_SHEET, "Cantine": CANTEEN, "Paie": PAYROLL})
    reg = open_register(path)
    assert reg.layout == "fiches"
    rows = list(reg)
    assert [r.data["name"] for r in rows] == ["Cantine scolaire", "Paie des agents"]
    assert rows[0].data["scale"] == {"persons": 450}
    assert "health" in [d["kind"] for d in rows[0].data["data"]]


def test_blank_and_hidden_sheets_skipped_first_sheet_read_when_a_fiche(tmp_path: Path) -> None:
    """A blank fiche or sheet is skipped like a blank row, a hidden sheet is not read, and a workbook of
    fiches only (no list sheet) reads its first sheet too."""
    blank: Sheet = [["Nom du traitement"], ["Finalité"], ["Catégories de données"], ["Données sensibles"]]
    path = _xlsx(
        tmp_path / "r.xlsx",
        {"Paie": PAYROLL, "Vierge": blank, "Vide": [], "Listes": [["Oui"], ["Non"]], "Cantine": CANTEEN},
        hidden=("Listes",),
    )
    reg = open_register(path)
    assert reg.total == 4
    assert [r.number for r in reg] == [1, 5]


def test_flat_workbooks_stay_tables(tmp_path: Path) -> None:
    """A table on the first sheet, with a second table or a legend after it, is still read as a table."""
    table: Sheet = [
        ["Nom du traitement", "Finalité", "Catégories de personnes concernées"],
        ["Cantine", "Inscrire", "Enfants"],
        ["Paie", "Payer", "Agents"],
    ]
    legend: Sheet = [["Légende"], ["Oui : traitement actif"], ["Non : traitement arrêté"]]
    for second in (table, legend):
        reg = open_register(_xlsx(tmp_path / "t.xlsx", {"Registre": table, "Autre": second}))
        assert reg.layout == "table"
        assert [r.data["name"] for r in reg] == ["Cantine", "Paie"]


def test_cli_triage_of_a_fiche_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``aipd triage`` reads a fiche workbook with no new argument; the note says how it was read."""
    path = _xlsx(
        tmp_path / "r.xlsx",
        {"Registre": LIST_SHEET, "Cantine": CANTEEN, "Vide de sens": [["Registre relu en janvier"]]},
    )
    out = tmp_path / "tri.csv"
    assert main(["triage", str(path), "-o", str(out)]) == EXIT_FINDING
    assert "classeur lu en fiches" in capsys.readouterr().err
    text = out.read_text(encoding="utf-8-sig")
    assert "Cantine scolaire" in text
    assert "[Vide de sens]" in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    # The Source column names each fiche's sheet, so a DPO finds it in the workbook.
    source = rows[0].index("Source (fichier [feuille])")
    assert [r[source] for r in rows[1:]] == [f"{path} [Cantine]", f"{path} [Vide de sens]"]
