"""Reading registers: header matching, encodings, mapping file, spreadsheets, row problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aipd.errors import InputError
from aipd.registers import load_mapping, normalise_header, open_register
from spreadsheet_cases import write_ods

HEADER = "N° de référence;Nom du traitement;Finalité(s);Catégories de données personnelles;Catégories de personnes concernées;Nombre de personnes concernées\n"


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_header_matching_tolerates_accents_case_spacing_punctuation() -> None:
    """Headers that differ only by accents, case, spacing, punctuation or a plural match."""
    assert normalise_header("Catégories de données personnelles") == normalise_header(
        "CATEGORIE  DES donnees-personnelles"
    )
    assert normalise_header("Finalité(s)") == normalise_header("finalites")


@given(st.text(st.characters(max_codepoint=127)))
def test_header_key_of_ascii_text_is_the_decomposed_key(label: str) -> None:
    """An ASCII text's key skips the Unicode decomposition pass: it is the key the pass gives (the same
    text with a combining accent, which the pass removes, goes through it)."""
    assert normalise_header(label) == normalise_header(label + "\u0301")


def test_csv_semicolon_with_bom_rows_and_fields(tmp_path: Path) -> None:
    """A UTF-8 CSV with BOM and ``;`` gives one mapping per row, numbered as the file's lines."""
    path = _write(
        tmp_path, "r.csv", "\ufeff" + HEADER + "7;Paie des agents;Payer les agents;État civil;Agents;120\n"
    )
    reg = open_register(path)
    rows = list(reg)
    assert [r.number for r in rows] == [2]
    data = rows[0].data
    assert data["name"] == "Paie des agents"
    assert data["register_ref"] == "7"
    assert data["scale"] == {"persons": 120}
    assert data["data"] == [{"kind": "identity", "description": "État civil"}]
    assert data["data_subjects"][0]["kind"] == "agents"
    assert rows[0].assumed == ("controller.name", "controller.kind")
    # UTF-8: no encoding note; the notes say that no AI system is assumed, and the kind of body unknown
    assert [n.fr.split(" :")[0] for n in reg.notes] == [
        "le registre n'a pas de colonne « Système d'IA »",
        "le registre n'a pas de colonne « Nature de l'organisme »",
    ]


def test_csv_comma_and_cp1252_fallback_is_noted(tmp_path: Path) -> None:
    """A comma-separated Windows-1252 file is read, with a note about the encoding."""
    text = "Nom du traitement,Finalité,Données sensibles\nÉtat civil des électeurs,Tenir la liste,Santé\n"
    reg = open_register(_write(tmp_path, "r.csv", text, "cp1252"))
    rows = list(reg)
    assert rows[0].data["name"] == "État civil des électeurs"
    assert rows[0].data["data"][0]["kind"] == "health"
    assert any("Windows-1252" in n.fr for n in reg.notes)


def test_bad_cell_fails_its_row_only(tmp_path: Path) -> None:
    """A number that cannot be read is a problem of its row, with the row number; the next row is fine."""
    text = HEADER + "1;Cantine;Inscrire;Santé;Enfants;beaucoup\n2;Paie;Payer;NIR;Agents;50\n"
    rows = list(open_register(_write(tmp_path, "r.csv", text)))
    assert rows[0].problems
    assert rows[0].problems[0].line == 2
    assert "beaucoup" in rows[0].problems[0].message.fr
    assert not rows[1].problems


def test_no_recognisable_header_is_an_input_error(tmp_path: Path) -> None:
    """A table without known headers is refused as a whole, pointing to the mapping file."""
    with pytest.raises(InputError, match="correspondance"):
        open_register(_write(tmp_path, "r.csv", "a;b;c\n1;2;3\n"))


def test_mapping_file_columns_values_defaults(tmp_path: Path) -> None:
    """A mapping file names other headers, translates values and sets defaults for every row."""
    mapping = _write(
        tmp_path,
        "m.yaml",
        "columns:\n  name: Libellé\n  data: Infos\n  monitoring.systematic: Surveillé\n"
        "values:\n  data:\n    Dossier médical: health\n  monitoring.systematic:\n    toujours: oui\n"
        "defaults:\n  controller.kind: commune\n  controller.name: Commune de Lorvalle\n",
    )
    path = _write(tmp_path, "r.csv", "Libellé;Infos;Surveillé\nSuivi santé;Dossier médical;toujours\n")
    rows = list(open_register(path, mapping=load_mapping(mapping)))
    data = rows[0].data
    assert data["controller"] == {"kind": "commune", "name": "Commune de Lorvalle"}
    assert data["data"][0]["kind"] == "health"
    assert data["monitoring"] == {"systematic": True}
    assert rows[0].assumed == ()


def test_mapping_file_unknown_field_refused(tmp_path: Path) -> None:
    """A mapping file naming a field aipd does not know is refused."""
    with pytest.raises(InputError, match="champ inconnu"):
        load_mapping({"columns": {"nom_du_truc": "X"}})


def test_yaml_register_rows_with_line_numbers(tmp_path: Path) -> None:
    """A YAML list of operations gives one row per item, numbered by its line."""
    text = "- id: a\n  name: A\n  controller: {name: C, kind: commune}\n- just text\n"
    rows = list(open_register(_write(tmp_path, "r.yaml", text)))
    assert [r.number for r in rows] == [1, 4]
    assert rows[1].problems


def test_xlsx_and_ods_inputs(tmp_path: Path) -> None:
    """XLSX and ODS registers are read through python-calamine, title rows above the header skipped."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Registre des activités de traitement"])
    sheet.append(["Nom du traitement", "Finalité", "Nombre de personnes concernées", "Date de création"])
    sheet.append(["Vidéoprotection", "Sécurité", 40000, "12/03/2024"])
    xlsx = tmp_path / "r.xlsx"
    book.save(xlsx)
    rows = list(open_register(xlsx))
    assert rows[0].number == 3
    assert rows[0].data["scale"] == {"persons": 40000}
    assert rows[0].data["created"] == "2024-03-12"

    ods = tmp_path / "r.ods"
    write_ods(ods, {"Registre": [["Nom du traitement", "Finalité"], ["Cantine", "Inscrire"]]})
    rows = list(open_register(ods))
    assert rows[0].data["name"] == "Cantine"
    assert rows[0].number == 2


def test_unknown_format_refused(tmp_path: Path) -> None:
    """An extension aipd does not read is refused with the formats it does."""
    with pytest.raises(InputError, match="XLSX"):
        open_register(_write(tmp_path, "r.pdf", "x"))


def test_docs_list_every_recognised_header() -> None:
    """docs/registers.md names every header the reader recognises (no drift)."""
    from aipd.registers import HEADERS

    doc = (Path(__file__).resolve().parent.parent / "docs" / "registers.md").read_text(encoding="utf-8")
    for field, names in HEADERS.items():
        assert f"`{field}`" in doc
        for name in names:
            assert f"« {name} »" in doc


def test_none_words_in_list_columns_are_no_value() -> None:
    """« Non », « Aucun », « Néant » in a data, persons or recipients column mean none, not a category."""
    from aipd.registers import read_csv_text

    text = (
        "Nom du traitement;Catégories de données;Données sensibles;Personnes concernées;Destinataires\n"
        "Paie;État civil;Non;Néant;Aucun\n"
    )
    row = next(iter(read_csv_text(text)))
    assert row.data["data"] == [{"kind": "identity", "description": "État civil"}]
    assert "data_subjects" not in row.data
    assert "recipients" not in row.data
    assert not row.notes


@pytest.mark.parametrize(
    "written", ["213 100 000", "213\u00a0100\u00a0000", "213\u202f100\u202f000", "213100000"]
)
def test_a_siren_written_in_groups_of_three_is_read(tmp_path: Path, written: str) -> None:
    """« 213 100 000 » is how registers write a SIREN: the row is read, not refused as unreadable."""
    path = _write(tmp_path, "r.csv", "Nom du traitement;SIREN\n" + f"Paie;{written}\n")
    (row,) = list(open_register(path))
    assert row.problems == ()
    assert row.data["controller"]["siren"] == "213100000"


def test_a_siren_that_is_not_nine_digits_is_still_refused_with_its_field(tmp_path: Path) -> None:
    from aipd.triage import triage

    path = _write(tmp_path, "r.csv", "Nom du traitement;SIREN\nPaie;213 100 00\n")
    (result,) = list(triage(open_register(path)))
    assert result.problems
    assert "siren" in result.problems[0].path
