"""Strict loading, dumping and saving of operation files (aipd.io)."""

from __future__ import annotations

import datetime as dt
import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aipd
import strategies
from aipd import io
from aipd.errors import InputError, Problem
from aipd.model import ProcessingOperation
from aipd.vocabulary import DataKind, LegalBasis, OrganisationKind

MINIMAL = """\
id: cantine
name: Inscriptions à la cantine
controller:
  name: Commune de Test
  kind: commune
"""


def problems(source: Any, **kwargs: Any) -> list[Problem]:
    with pytest.raises(InputError) as info:
        io.load(source, **kwargs)
    assert info.value.problems, "an InputError always carries its problems"
    return list(info.value.problems)


def only(source: Any, **kwargs: Any) -> Problem:
    found = problems(source, **kwargs)
    assert len(found) == 1, [p.format() for p in found]
    return found[0]


def with_lines(*extra: str) -> str:
    return MINIMAL + "".join(line + "\n" for line in extra)


# --- reading the sources ---------------------------------------------------------------------


def test_minimal_file_loads() -> None:
    """A file with only the required fields gives an operation with every other fact unknown."""
    op = io.load(MINIMAL)
    assert op.id == "cantine"
    assert op.controller.kind is OrganisationKind.COMMUNE
    assert op.scale.persons is None
    assert op.ai_system is None


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".YAML"])
def test_yaml_path_as_str_and_pathlike(tmp_path: Path, suffix: str) -> None:
    """A path is accepted as str or os.PathLike, for .yaml and .yml in any case."""
    path = tmp_path / f"op{suffix}"
    path.write_text(MINIMAL, encoding="utf-8")
    assert io.load(path) == io.load(str(path)) == io.load(MINIMAL)


def test_json_file_string_and_mapping_give_the_same_operation(tmp_path: Path) -> None:
    """JSON text, a .json file and a Python mapping are read like YAML."""
    data = yaml.safe_load(MINIMAL)
    path = tmp_path / "op.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    expected = io.load(MINIMAL)
    assert io.load(path) == expected
    assert io.load(json.dumps(data)) == expected
    assert io.load(data) == expected
    assert io.load(MINIMAL.encode("utf-8")) == expected


def test_bom_is_accepted() -> None:
    """A UTF-8 byte-order mark (saved by some Windows editors) is ignored."""
    assert io.load(b"\xef\xbb\xbf" + MINIMAL.encode()) == io.load(MINIMAL)


def test_yaml_flow_mapping_starting_with_brace_is_read_as_yaml() -> None:
    """Text starting with '{' that is not JSON is read as a YAML flow mapping."""
    op = io.load("{id: x, name: n, controller: {name: c, kind: epci}}")
    assert op.controller.kind is OrganisationKind.EPCI


def test_unsupported_extension_is_refused(tmp_path: Path) -> None:
    """Only .yaml, .yml and .json files are read."""
    path = tmp_path / "op.txt"
    path.write_text(MINIMAL, encoding="utf-8")
    p = only(path)
    assert ".txt" in p.message.fr
    assert ".yaml" in p.message.fr
    assert p.source == str(path)


def test_missing_file_raises_oserror(tmp_path: Path) -> None:
    """A missing file is an OSError (the CLI prints it), not an InputError."""
    with pytest.raises(FileNotFoundError):
        io.load(tmp_path / "absent.yaml")


def test_other_source_types_are_a_type_error() -> None:
    """A number or a list is not a source: TypeError, the caller's mistake."""
    with pytest.raises(TypeError, match="chemin"):
        io.load(42)  # type: ignore[arg-type]  # the wrong type is the point of the test


def test_unknown_language_is_refused() -> None:
    """lang is 'fr' or 'en'."""
    with pytest.raises(ValueError, match="langue"):
        io.load(MINIMAL, lang="de")  # type: ignore[arg-type]  # the wrong value is the point


# --- strictness: one test per kind of bad input ---------------------------------------------


def test_duplicate_key_names_both_lines() -> None:
    """A key given twice is refused, naming the field, its line and the first line."""
    p = only(with_lines("name: Autre nom"))
    assert p.path == "$.name"
    assert (p.line, p.column) == (6, 1)
    assert "en double" in p.message.fr
    assert "ligne 2" in p.message.fr
    assert "duplicate" in p.message.en


def test_duplicate_key_in_nested_block() -> None:
    """Duplicates are found at any depth, with the nested path."""
    p = only(MINIMAL + "  kind: epci\n")
    assert p.path == "$.controller.kind"
    assert p.line == 6


def test_unknown_key_suggests_the_close_field() -> None:
    """A misspelt field is refused with a 'did you mean' suggestion."""
    p = only(with_lines("scale:", "  persns: 12"))
    assert p.path == "$.scale.persns"
    assert p.line == 7
    assert "« persons »" in p.message.fr
    assert "did you mean 'persons'" in p.message.en


def test_unknown_key_without_close_match_lists_allowed_fields() -> None:
    """When nothing is close, the message lists the fields allowed there."""
    p = only(with_lines("scale:", "  zzz: 1"))
    assert "champs admis ici" in p.message.fr
    assert "persons" in p.message.fr
    assert "geographic_extent" in p.message.fr


def test_missing_required_field() -> None:
    """A required field that is absent is named with its description."""
    p = only("id: x\nname: n\ncontroller:\n  name: c\n")
    assert p.path == "$.controller.kind"
    assert p.line == 4  # the block that lacks it
    assert "champ obligatoire manquant : kind" in p.message.fr


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "NO", "y"])
def test_yaml11_booleans_are_refused_where_a_boolean_is_expected(word: str) -> None:
    """yes/no/on/off are not booleans: the message says to write true or false."""
    p = only(with_lines("monitoring:", f"  systematic: {word}"))
    assert p.path == "$.monitoring.systematic"
    assert (p.line, p.column) == (7, 15)
    assert "true ou false" in p.message.fr
    assert f"« {word} »" in p.message.fr


def test_true_and_false_are_booleans() -> None:
    """Only true/false (YAML 1.2 spellings) are booleans; null is unknown."""
    op = io.load(with_lines("monitoring:", "  systematic: true", "  public_area: False", "  agents: null"))
    assert op.monitoring.systematic is True
    assert op.monitoring.public_area is False
    assert op.monitoring.agents is None


def test_quoted_boolean_is_refused() -> None:
    """'true' in quotes is text, not a boolean: the message says to remove the quotes."""
    p = only(with_lines("monitoring:", '  systematic: "true"'))
    assert "retirer les guillemets" in p.message.fr


def test_yaml11_words_are_kept_as_text_where_text_is_expected() -> None:
    """NO (Norway), yes, 1.10 and an unquoted date stay the text written in a text field."""
    op = io.load(
        with_lines(
            "version: 1.10",
            "description: yes",
            "register_ref: 2024-01-05",
            "processors:",
            "  - name: Hébergeur",
            "    role: hébergement",
            "    country: NO",
        )
    )
    assert op.version == "1.10"
    assert op.description == "yes"
    assert op.register_ref == "2024-01-05"
    assert op.processors[0].country == "NO"


def test_unquoted_iso_date_is_a_date() -> None:
    """A date field takes YYYY-MM-DD, quoted or not."""
    op = io.load(with_lines("created: 2024-03-31", 'updated: "2024-04-01"'))
    assert op.created == dt.date(2024, 3, 31)
    assert op.updated == dt.date(2024, 4, 1)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2024-02-30", "date inexistante « 2024-02-30 »"),
        ("2024-3-1", "une date AAAA-MM-JJ"),
        ("2024-03-01 10:00:00", "une date AAAA-MM-JJ"),
        ("31/03/2024", "une date AAAA-MM-JJ"),
        ("0000-00-00", "date inexistante"),
    ],
)
def test_invalid_dates_are_refused(written: str, expected: str) -> None:
    """A date that does not exist, has a time, or another layout is refused with the expected layout."""
    p = only(with_lines(f"created: {written}"))
    assert p.path == "$.created"
    assert p.line == 6
    assert expected in p.message.fr


def test_datetime_from_python_is_refused_for_a_date() -> None:
    """A datetime is not a date (it is a subclass in Python): refused."""
    data = {**yaml.safe_load(MINIMAL), "created": dt.datetime(2024, 1, 1, 10, 0)}
    assert only(data).path == "$.created"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ('"12000"', "retirer les guillemets"),
        ("12 000", "sans espace"),
        ("douze", "un nombre entier attendu"),
        ("true", "un nombre entier attendu"),
        ("12.5", "un nombre entier attendu"),
        ("[1]", "une liste"),
    ],
)
def test_wrong_types_for_a_count(written: str, hint: str) -> None:
    """A count must be digits: text, a boolean, a decimal or a list is refused with a hint."""
    p = only(with_lines("data_subjects:", "  - kind: residents", f"    count: {written}"))
    assert p.path == "$.data_subjects[0].count"
    assert (p.line, p.column) == (8, 12)
    assert hint in p.message.fr


@pytest.mark.parametrize("value", [True, False, 12.0, "12"])
def test_bool_float_and_text_are_not_counts_in_json_or_python(value: Any) -> None:
    """True is an int in Python and 12.0 equals 12, yet neither is taken as a count."""
    data = {**yaml.safe_load(MINIMAL), "scale": {"persons": value}}
    assert only(data).path == "$.scale.persons"
    assert only(json.dumps(data)).path == "$.scale.persons"


def test_negative_count_is_refused_at_its_path() -> None:
    """Counts are non-negative; the third subject's count is named by index and line."""
    p = only(
        with_lines(
            "data_subjects:",
            "  - kind: residents",
            "  - kind: agents",
            "  - kind: children",
            "    count: -3",
        )
    )
    assert p.path == "$.data_subjects[2].count"
    assert p.line == 10
    assert "positif ou nul" in p.message.fr
    assert "-3" in p.message.fr


def test_data_category_persons_loads_and_is_dumped_only_when_set() -> None:
    """``data[].persons`` is read as a count and written back only when given."""
    op = io.load(
        with_lines(
            "data:",
            "  - kind: identity",
            "  - kind: health",
            "    persons: 420",
            "scale:",
            "  persons: 9000",
        )
    )
    assert [d.persons for d in op.data] == [None, 420]
    text = io.dump(op)
    assert text.count("persons:") == 2  # the health category's and the scale's, not the identity's
    assert io.load(text) == op
    assert io.load(io.dump(op, format="json")) == op


def test_data_category_persons_is_a_non_negative_count() -> None:
    """A negative or quoted figure for a data category is refused at its path, like any count."""
    negative = only(with_lines("data:", "  - kind: health", "    persons: -1"))
    assert negative.path == "$.data[0].persons"
    assert "positif ou nul" in negative.message.fr
    quoted = only(with_lines("data:", "  - kind: health", '    persons: "420"'))
    assert quoted.path == "$.data[0].persons"
    assert "retirer les guillemets" in quoted.message.fr


def test_data_category_cannot_concern_more_persons_than_the_whole() -> None:
    """A category above scale.persons is refused at its line, in both languages; equal, or no total, is fine."""
    p = only(
        with_lines(
            "data:",
            "  - kind: identity",
            "  - kind: health",
            "    persons: 15000",
            "scale:",
            "  persons: 9000",
        )
    )
    assert p.path == "$.data[1].persons"
    assert p.line == 9
    assert "15000" in p.message.fr
    assert "9000" in p.message.fr
    assert "scale.persons" in p.message.fr
    assert "more than the 9000 persons" in p.message.en
    data = {
        **yaml.safe_load(MINIMAL),
        "data": [{"kind": "health", "persons": 15000}],
        "scale": {"persons": 9000},
    }
    assert only(json.dumps(data)).path == "$.data[0].persons"
    assert io.load(with_lines("data:", "  - kind: health", "    persons: 9000", "scale:", "  persons: 9000"))
    assert io.load(with_lines("data:", "  - kind: health", "    persons: 9000"))


def test_two_judgements_for_one_risk_are_refused() -> None:
    """The analysis reads one judgement per risk: a second one for the same id is located and refused."""
    p = only(
        with_lines(
            "risk_judgements:",
            "  - risk: cnil:illegitimate_access",
            "    severity: maximum",
            "  - risk: cnil:disappearance",
            "  - risk: cnil:illegitimate_access",
            "    severity: limited",
        )
    )
    assert p.path == "$.risk_judgements[2].risk"
    assert p.line == 10
    assert "risk_judgements[0]" in p.message.fr
    assert "cnil:illegitimate_access" in p.message.en
    assert io.load(with_lines("risk_judgements:", "  - risk: cnil:illegitimate_access", "  - risk: ia:bias"))


def test_invalid_enum_value_lists_allowed_values_and_suggests() -> None:
    """A value outside the list is refused with the allowed values and the closest one."""
    p = only(with_lines("data:", "  - kind: helth"))
    assert p.path == "$.data[0].kind"
    assert "vouliez-vous dire « health » ?" in p.message.fr
    for member in DataKind:
        assert member.value in p.message.fr


def test_enum_suggestion_for_case_and_spaces() -> None:
    """'Public task' suggests public_task even when difflib finds nothing closer."""
    p = only(with_lines("purposes:", "  - description: d", "    legal_basis: Public Task"))
    assert "public_task" in p.message.fr
    assert p.path == "$.purposes[0].legal_basis"


@pytest.mark.parametrize(
    ("lines", "path", "words"),
    [
        (("id: Cantine 2024",), "$.id", "identifiant en minuscules"),
        (
            ("controller:", "  name: c", "  kind: commune", '  siren: "12345"'),
            "$.controller.siren",
            "SIREN de 9",
        ),
        (("transfers:", "  - recipient: r", "    country: usa"), "$.transfers[0].country", "code pays ISO"),
        (
            (
                "measures:",
                "  - id: Chiffrement",
            ),
            "$.measures[0].id",
            "identifiant en minuscules",
        ),
    ],
)
def test_pattern_failures_name_the_expected_form(lines: tuple[str, ...], path: str, words: str) -> None:
    """Identifiers, SIREN numbers and country codes are checked against their pattern."""
    base = "name: n\n" if lines[0].startswith("id:") else "id: x\nname: n\n"
    if not any(line.startswith("controller:") for line in lines):
        base += "controller:\n  name: c\n  kind: commune\n"
    p = only(base + "\n".join(lines) + "\n")
    assert p.path == path
    assert p.line is not None
    assert words in p.message.fr


def test_block_expected_but_text_given() -> None:
    """A text where a block of fields is expected is refused."""
    p = only("id: x\nname: n\ncontroller: Commune de Test\n")
    assert p.path == "$.controller"
    assert "un bloc de champs" in p.message.fr


def test_list_expected_but_text_given() -> None:
    """A single value where a list is expected is refused with the list syntax."""
    p = only(with_lines("authors: Jeanne"))
    assert p.path == "$.authors"
    assert "une liste" in p.message.fr


def test_empty_list_item_is_refused() -> None:
    """An empty '- ' line in a list is refused."""
    p = only(with_lines("authors:", "  - Jeanne", "  -"))
    assert p.path == "$.authors[1]"


def test_null_list_and_block_mean_the_default() -> None:
    """'purposes:' or 'monitoring:' left empty mean nothing declared / all unknown."""
    op = io.load(with_lines("purposes:", "monitoring:", "ai_system:"))
    assert op.purposes == ()
    assert op.monitoring == type(op.monitoring)()
    assert op.ai_system is None


def test_null_for_a_required_value_is_refused() -> None:
    """A required field left empty is refused."""
    p = only("id: x\nname:\ncontroller:\n  name: c\n  kind: commune\n")
    assert p.path == "$.name"
    assert "une valeur est attendue" in p.message.fr


def test_non_string_key_is_refused() -> None:
    """Keys are words; a list as a key is refused."""
    assert any("clé invalide" in p.message.fr for p in problems(MINIMAL + "? [a, b]\n: 1\n"))


def test_all_problems_of_a_file_are_reported_in_line_order() -> None:
    """Every problem is collected, not only the first, sorted by line."""
    found = problems(
        "id: Bad Id\n"
        "nme: n\n"
        "controller:\n"
        "  name: c\n"
        "  kind: comune\n"
        "scale:\n"
        "  persons: -1\n"
        "monitoring:\n"
        "  systematic: yes\n"
        "id: dup\n"
    )
    assert [p.path for p in found] == [
        "$.name",  # missing: reported at the start of the block that lacks it (line 1, column 1)
        "$.id",
        "$.nme",
        "$.controller.kind",
        "$.scale.persons",
        "$.monitoring.systematic",
        "$.id",
    ]
    lines = [p.line or 0 for p in found]
    assert lines == sorted(lines)


def test_messages_are_french_by_default_and_english_on_request() -> None:
    """str(error) is French by default, English with lang='en'; each message has both."""
    source = with_lines("scale:", "  persns: 1")
    with pytest.raises(InputError) as fr:
        io.load(source)
    with pytest.raises(InputError) as en:
        io.load(source, lang="en")
    assert "champ inconnu" in str(fr.value)
    assert "unknown field" in str(en.value)
    assert fr.value.problems == en.value.problems


def test_problem_format_has_file_line_column_and_path(tmp_path: Path) -> None:
    """A problem reads 'file:line:column: path: message'."""
    path = tmp_path / "op.yaml"
    path.write_text(with_lines("scale:", "  persons: -1"), encoding="utf-8")
    text = only(path).format()
    assert text.startswith(f"{path}:7:12: $.scale.persons: ")


# --- text normalisation ----------------------------------------------------------------------


def test_escaped_control_characters_are_removed_and_text_is_nfc() -> None:
    """Control characters written as escapes are dropped; decomposed accents are composed."""
    op = io.load(with_lines('description: "Cam\\x01e\\u0301ra\\x0b <&>"'))
    assert op.description == "Caméra <&>"


def test_json_control_escapes_are_removed() -> None:
    """The same cleaning applies to JSON."""
    data = {**yaml.safe_load(MINIMAL), "description": "a\u0007b\r\nc"}
    assert io.load(json.dumps(data)).description == "ab\nc"


def test_raw_control_character_in_yaml_is_refused() -> None:
    """PyYAML refuses a raw control character; the problem names it and its line."""
    p = only(with_lines("description: a\x07b"))
    assert "U+0007" in p.message.fr
    assert p.line == 6


# --- hostile input ---------------------------------------------------------------------------


def test_default_size_limit_is_a_few_megabytes() -> None:
    """The default limit is 5 MiB: far above any real file, far below harm."""
    assert io.MAX_BYTES == 5 * 1024 * 1024


def test_file_over_max_bytes_is_refused_before_reading(tmp_path: Path) -> None:
    """A file larger than max_bytes is refused with its size and the limit."""
    path = tmp_path / "big.yaml"
    path.write_text(MINIMAL + "# " + "x" * 2000 + "\n", encoding="utf-8")
    p = only(path, max_bytes=1000)
    assert "au plus 1000 octets" in p.message.fr
    assert str(path.stat().st_size) in p.message.fr


def test_text_over_max_bytes_is_refused() -> None:
    """The limit applies to text and bytes too."""
    assert "trop volumineuse" in only(MINIMAL, max_bytes=10).message.fr
    assert "trop volumineuse" in only(MINIMAL.encode(), max_bytes=10).message.fr


def test_alias_bomb_is_refused() -> None:
    """'Billion laughs': aliases expanding past MAX_NODES nodes stop the walk."""
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        bomb.append(f"{chr(97 + i)}: &{chr(97 + i)} [{', '.join(['*' + chr(96 + i)] * 10)}]")
    p = only("\n".join(bomb) + "\n")
    assert "alias" in p.message.fr
    assert str(io.MAX_NODES) in p.message.fr


def test_recursive_alias_is_refused() -> None:
    """An alias inside its own anchor would never end: refused as too deep."""
    p = only("id: &a [*a]\n")
    assert "imbrication trop profonde" in p.message.fr


def test_deep_yaml_nesting_is_refused() -> None:
    """Nesting far deeper than the model is refused before Python's recursion limit."""
    p = only("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "imbrication trop profonde" in p.message.fr
    assert p.line == 1


def test_deep_json_nesting_is_refused() -> None:
    """The same for JSON, including past the recursion limit of the json module."""
    assert "imbrication trop profonde" in only('{"a": ' + "[" * 50 + "]" * 50 + "}").message.fr
    assert "imbrication trop profonde" in only('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}").message.fr


def test_deep_python_mapping_is_refused() -> None:
    """A mapping nested deeper than MAX_DEPTH, even self-referencing, is refused."""
    data: dict[str, Any] = {}
    data["a"] = data
    assert "imbrication trop profonde" in only(data).message.fr


def test_nul_bytes_are_refused_as_binary() -> None:
    """Binary content is refused at the first NUL byte, with its line."""
    p = only(MINIMAL.encode() + b"description: a\x00b\n")
    assert "contenu binaire" in p.message.fr
    assert (p.line, p.column) == (6, 15)
    assert "contenu binaire" in only(MINIMAL + "\x00").message.fr


def test_invalid_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    """A Latin-1 file is refused: the message names the byte, its line and UTF-8."""
    path = tmp_path / "latin1.yaml"
    path.write_bytes(MINIMAL.replace("à", "a").encode() + "description: été\n".encode("latin-1"))
    p = only(path)
    assert "UTF-8" in p.message.fr
    assert "0xE9" in p.message.fr
    assert (p.line, p.column) == (6, 14)


def test_utf16_is_refused_with_advice() -> None:
    """UTF-16 (some Windows editors) is named as such."""
    assert "UTF-16" in only(MINIMAL.encode("utf-16")).message.fr


@pytest.mark.parametrize("document", ["- a\n- b\n", "just text\n", "12\n", "", "# only a comment\n", "[]"])
def test_document_that_is_not_a_mapping_is_refused(document: str) -> None:
    """The document must be a block of fields describing the operation."""
    p = only(document)
    assert p.path == "$"
    assert "décrivant le traitement" in p.message.fr


def test_multiple_documents_are_refused() -> None:
    """A second YAML document is refused, at the line where it starts."""
    p = only(MINIMAL + "---\n" + MINIMAL)
    assert "plusieurs documents" in p.message.fr
    assert p.line == 6


@pytest.mark.parametrize(
    "tagged",
    [
        "description: !!python/object/apply:os.system ['echo owned > {marker}']",
        "description: !!python/name:os.system",
        "description: !!str text",
        "description: !custom text",
        "description: ! text",
        "scale: !!map {{persons: 1}}",
    ],
)
def test_yaml_tags_are_refused_and_never_executed(tagged: str, tmp_path: Path) -> None:
    """Explicit tags are refused; nothing is constructed, so nothing runs."""
    marker = tmp_path / "marker"
    p = next(p for p in problems(with_lines(tagged.format(marker=marker))) if "étiquettes" in p.message.fr)
    assert p.line == 6
    assert not marker.exists()


def test_merge_keys_are_refused() -> None:
    """'<<' merge keys are refused rather than silently expanded."""
    p = only(with_lines("monitoring: &m {systematic: true}", "scale:", "  <<: *m"))
    assert "clés de fusion" in p.message.fr


def test_malformed_yaml_gives_line_and_column() -> None:
    """A syntax error is one problem with the parser's position."""
    p = only("id: x\nname: [unclosed\n")
    assert p.message.fr.startswith("YAML mal formé")
    assert p.line is not None


def test_malformed_json_file_gives_line_and_column(tmp_path: Path) -> None:
    """A .json file with a syntax error is reported with line and column."""
    path = tmp_path / "op.json"
    path.write_text('{\n  "id": "x",\n  "name": \n}\n', encoding="utf-8")
    p = only(path)
    assert p.message.fr.startswith("JSON mal formé")
    assert p.line == 4


def test_json_duplicate_keys_are_refused() -> None:
    """Duplicate keys in JSON are caught too (object_pairs_hook)."""
    p = only('{"id": "x", "id": "y", "name": "n", "controller": {"name": "c", "kind": "commune"}}')
    assert p.path == "$.id"
    assert "en double" in p.message.fr


def test_huge_integer_is_refused_cleanly() -> None:
    """More digits than Python converts is a problem, not a crash."""
    assert only(with_lines("scale:", "  persons: " + "9" * 5000)).path == "$.scale.persons"
    assert only('{"id": ' + "9" * 5000 + "}").path == "$"


def test_safe_loader_and_dumper_are_not_patched() -> None:
    """PyYAML's own SafeLoader/SafeDumper keep their YAML 1.1 behaviour after aipd is used."""
    io.load(MINIMAL)
    io.dump(io.load(MINIMAL))
    assert yaml.safe_load("a: yes") == {"a": True}
    assert yaml.safe_dump({"a": "2024-01-01"}) == "a: '2024-01-01'\n"


# --- dumping and saving ----------------------------------------------------------------------


def rich_operation() -> ProcessingOperation:
    return io.load(
        with_lines(
            "description: |",
            "  Première ligne",
            "  seconde ligne <&>",
            "created: 2024-03-31",
            "purposes:",
            "  - description: Sécurité",
            "    legal_basis: public_task",
            "monitoring:",
            "  systematic: true",
        )
    )


def test_dump_keeps_model_order_and_omits_defaults() -> None:
    """Keys come in model order, and fields left at their default are not written."""
    text = io.dump(rich_operation())
    keys = [line.split(":")[0] for line in text.splitlines() if line[:1] not in ("", " ", "-")]
    assert keys == ["id", "name", "controller", "description", "created", "purposes", "monitoring"]
    assert "status" not in text
    assert "scale" not in text
    assert "null" not in text


def test_dump_is_readable_utf8() -> None:
    """Accents are written as such, dates unquoted, multi-line text as a block."""
    text = io.dump(rich_operation())
    assert "Inscriptions à la cantine" in text
    assert "created: 2024-03-31\n" in text
    assert "description: |\n  Première ligne\n  seconde ligne <&>\n" in text


def test_dump_json() -> None:
    """JSON output is UTF-8 text, indented, with the same keys."""
    text = io.dump(rich_operation(), format="json")
    assert json.loads(text)["purposes"] == [{"description": "Sécurité", "legal_basis": "public_task"}]
    assert "Sécurité" in text


def test_dump_unknown_format_is_refused() -> None:
    """Only yaml and json are formats."""
    with pytest.raises(ValueError, match="format"):
        io.dump(rich_operation(), format="xml")  # type: ignore[arg-type]  # the wrong value is the point


@pytest.mark.parametrize("name", ["op.yaml", "op.json"])
def test_save_writes_a_file_that_loads_back(tmp_path: Path, name: str) -> None:
    """save() picks the format from the extension and leaves no temporary file."""
    op = rich_operation()
    target = tmp_path / name
    io.save(op, target)
    assert io.load(target) == op
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_save_keeps_permissions_of_the_replaced_file(tmp_path: Path) -> None:
    """Replacing a file keeps its permission bits."""
    target = tmp_path / "op.yaml"
    target.write_text(MINIMAL, encoding="utf-8")
    target.chmod(0o600)
    io.save(rich_operation(), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_save_failure_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the final rename fails, the previous content stays and the temporary file is removed."""
    target = tmp_path / "op.yaml"
    target.write_text(MINIMAL, encoding="utf-8")

    def fail(self: Path, other: Any) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        io.save(rich_operation(), target)
    assert target.read_text(encoding="utf-8") == MINIMAL
    assert [p.name for p in tmp_path.iterdir()] == ["op.yaml"]


def test_save_refuses_unknown_extension(tmp_path: Path) -> None:
    """save() writes .yaml, .yml or .json only."""
    with pytest.raises(ValueError, match="extension"):
        io.save(rich_operation(), tmp_path / "op.txt")


def test_public_api_exports() -> None:
    """load, dump and save are part of the public API."""
    assert {"load", "dump", "save"} <= set(aipd.__all__)
    assert aipd.load is io.load
    assert aipd.dump is io.dump
    assert aipd.save is io.save


# --- properties ------------------------------------------------------------------------------


def test_every_model_class_has_a_named_strategy() -> None:
    """tests/strategies.py offers one strategy per model class, for every helper to import."""
    from aipd import model

    classes = {getattr(model, name) for name in model.__all__ if attrs.has(getattr(model, name))}
    offered = set()
    for name in strategies.__all__:
        fn: Callable[..., Any] = getattr(strategies, name)
        annotation = str(fn.__annotations__.get("return", ""))
        offered |= {cls for cls in classes if f"model.{cls.__name__}]" in annotation}
    assert offered == classes


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(strategies.operations())
def test_yaml_round_trip(op: ProcessingOperation) -> None:
    """load(dump(op)) == op for any operation, including awkward text."""
    assert io.load(io.dump(op)) == op


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(strategies.operations())
def test_json_round_trip(op: ProcessingOperation) -> None:
    """load(dump(op, format='json')) == op."""
    assert io.load(io.dump(op, format="json")) == op


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(strategies.operations())
def test_mapping_round_trip(op: ProcessingOperation) -> None:
    """The plain data of an operation loads back to it (the path a program takes)."""
    from aipd.convert import unstructure

    assert io.load(unstructure(op)) == op


def _load_or_refuse(source: Any) -> None:
    refused: tuple[Problem, ...] = ()
    try:
        result: object = io.load(source)
    except InputError as exc:
        refused = exc.problems
        result = None
    if result is None:
        assert refused
        assert all(p.message.fr and p.message.en for p in refused)
    else:
        assert isinstance(result, ProcessingOperation)


@settings(max_examples=2000, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_only_raise_input_error(data: bytes) -> None:
    """Arbitrary bytes give an operation or an InputError, never another exception."""
    _load_or_refuse(data)


@settings(max_examples=1000, deadline=None)
@given(
    st.text(max_size=200).filter(
        lambda s: "\n" in s or not s.strip().lower().endswith((".yaml", ".yml", ".json"))
    )
)
def test_random_text_only_raises_input_error(text: str) -> None:
    """Arbitrary text (not a file name) gives an operation or an InputError."""
    _load_or_refuse(text)


_SEED = io.dump(
    io.load(
        with_lines(
            "created: 2024-03-31",
            "purposes:",
            "  - description: Sécurité",
            "    legal_basis: public_task",
            "data_subjects:",
            "  - kind: residents",
            "    count: 12",
            "    vulnerable: true",
            "transfers:",
            "  - recipient: r",
            "    country: US",
            "ai_system:",
            "  name: Vision",
            "  areas: [law_enforcement]",
        )
    )
)
_TOKENS = st.sampled_from(
    [" ", "\n", "  ", "- ", ": ", "{", "}", "[", "]", "&a ", "*a", "!!python/object ", "<<: ", "yes", "-1", "~",
     "\t", "'", '"', "\\", "#", "---\n", "\x00", "\x85", "é", "2024-02-30", "12 000", "%YAML 1.1\n"]
)  # fmt: skip


@st.composite
def mutated_yaml(draw: st.DrawFn) -> str:
    text = _SEED
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if action == "insert":
            text = text[:at] + draw(_TOKENS | st.text(max_size=4)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 12)) :]
        else:
            end = text.find("\n", at)
            line_start = text.rfind("\n", 0, at) + 1
            if end > 0:
                text = text[: end + 1] + text[line_start : end + 1] + text[end + 1 :]
    return text


@settings(max_examples=1000, deadline=None)
@given(mutated_yaml())
def test_mutated_yaml_only_raises_input_error(text: str) -> None:
    """A valid file with random edits gives an operation or an InputError, never a crash."""
    _load_or_refuse(text)
    _load_or_refuse(text.encode("utf-8", "surrogatepass"))


def test_every_example_loads_and_round_trips() -> None:
    """The shipped examples load, and dump back to an equal operation."""
    examples = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))
    for path in examples:
        op = io.load(path)
        assert io.load(io.dump(op)) == op, path.name


def test_typed_values_from_python_are_accepted() -> None:
    """A program may pass enum members, dates and model objects in the mapping."""
    base = io.load(MINIMAL)
    op = io.load(
        {
            "id": "x",
            "name": "n",
            "controller": base.controller,
            "created": dt.date(2024, 1, 2),
            "purposes": [{"description": "d", "legal_basis": LegalBasis.PUBLIC_TASK}],
        }
    )
    assert op.controller is base.controller
    assert op.purposes[0].legal_basis is LegalBasis.PUBLIC_TASK


def test_limits_are_constants_the_caller_can_read() -> None:
    """The limits are documented module constants."""
    assert io.MAX_NODES >= 10_000
    assert 8 <= io.MAX_DEPTH <= 100


def test_saved_file_gets_usual_permissions(tmp_path: Path) -> None:
    """A new file written atomically follows the umask, not the private mode of a temporary file."""
    import os

    from aipd.atomic import write_bytes

    target = tmp_path / "out.bin"
    umask = os.umask(0o022)
    try:
        write_bytes(target, b"x")
    finally:
        os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o640)
    write_bytes(target, b"y")
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.read_bytes() == b"y"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]
