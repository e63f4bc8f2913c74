"""A register is a DPO's file: a broken or hostile one is an InputError, never a crash.

YAML registers are lists of operations read item by item with the strict loader (the same checks
and line numbers as an operation file); spreadsheets go through python-calamine, whose own error
types must not escape; random and mutated files of every format end in results or an InputError.
"""

from __future__ import annotations

import functools
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aipd import io as aipd_io
from aipd.errors import InputError, Problem
from aipd.model import ProcessingOperation
from aipd.registers import load_mapping, open_register
from aipd.settings import Settings
from aipd.triage import TriageOutcome, TriageResult, triage
from spreadsheet_cases import write_ods

ROOT = Path(__file__).resolve().parent.parent

ITEM = "- id: {id}\n  name: {name}\n  controller: {{name: Ville, kind: commune}}\n"


def _register(tmp_path: Path, text: str | bytes, name: str = "r.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_yaml_register_items_are_loaded_strictly_with_their_lines(tmp_path: Path) -> None:
    """Each item is checked as an operation file is: a duplicate key, a YAML 1.1 boolean or a tag
    fails that item alone, located by its line in the register; good items carry the operation."""
    text = (
        ITEM.format(id="a", name="Paie")
        + ITEM.format(id="b", name="Cantine")
        + "  name: Cantine bis\n"  # line 7: duplicate key
        + ITEM.format(id="c", name="Badges")
        + "  monitoring: {systematic: yes}\n"  # line 11: yes is not a boolean in YAML 1.2
        + ITEM.format(id="d", name="Vidéo")
        + "  scale: !!python/object:os.system {persons: 3}\n"  # line 15: a tag
    )
    rows = list(open_register(_register(tmp_path, text)))
    assert [r.number for r in rows] == [1, 4, 8, 12]
    assert isinstance(rows[0].data, ProcessingOperation)
    assert not rows[0].problems
    assert rows[0].data.name == "Paie"
    for row, line, said in (
        (rows[1], 7, "en double"),
        (rows[2], 11, "yes"),
        (rows[3], 15, "étiquettes YAML"),
    ):
        assert [p.line for p in row.problems] == [line]
        assert said in row.problems[0].message.fr
    results = list(triage(open_register(_register(tmp_path, text))))
    assert [r.outcome for r in results][1:] == [TriageOutcome.UNREADABLE] * 3
    assert [r.name for r in results] == ["Paie", "Cantine", "Badges", "Vidéo"]  # named even when unreadable


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"\x80- id: a\n", "encodage invalide : octet 0x80"),
        (b"- id: a\n\x00", "octet nul"),
        ("\ufeffid: a\nname: b\n".encode(), "une liste de traitements est attendue"),
        (b"- [unclosed\n", "YAML mal formé"),
        (b"", "une liste de traitements est attendue"),
    ],
)
def test_yaml_register_file_faults_are_input_errors_at_once(
    tmp_path: Path, content: bytes, said: str
) -> None:
    """A register that cannot be read as a whole is an InputError when it is opened, before any
    row: `aipd triage` then writes nothing and exits with code 2."""
    path = _register(tmp_path, content)
    with pytest.raises(InputError) as info:
        open_register(path)
    assert said in str(info.value)
    cli = subprocess.run(
        [sys.executable, "-m", "aipd.cli", "triage", str(path)], capture_output=True, text=True, check=False
    )
    assert cli.returncode == 2
    assert cli.stdout == ""
    assert said in cli.stderr


def test_yaml_register_size_and_alias_expansion_are_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A register over MAX_LIST_BYTES is refused unread; aliases that make many items expand one
    large block stop at MAX_LIST_NODES for the whole list (each item is held to MAX_NODES too)."""
    monkeypatch.setattr(aipd_io, "MAX_LIST_BYTES", 100)
    with pytest.raises(InputError, match="entrée trop volumineuse"):
        open_register(_register(tmp_path, ITEM.format(id="a", name="x" * 200)))
    monkeypatch.undo()
    monkeypatch.setattr(aipd_io, "MAX_LIST_NODES", 500)
    block = "- &big\n  id: a\n  name: n\n  controller: {name: V, kind: commune}\n  purposes:\n" + "".join(
        f"    - description: p{i}\n" for i in range(60)
    )
    text = block + "- *big\n" * 20
    reg = open_register(_register(tmp_path, text))
    with pytest.raises(InputError, match="liste trop volumineuse une fois les alias développés"):
        list(reg)


def _corrupt_sheet(path: Path) -> None:
    """Rewrite a workbook with its first sheet's XML broken (the zip itself stays valid)."""
    with zipfile.ZipFile(path) as src:
        entries = {name: src.read(name) for name in src.namelist()}
    with zipfile.ZipFile(path, "w") as dst:
        for name, data in entries.items():
            dst.writestr(name, data[: len(data) // 2] if name.endswith("sheet1.xml") else data)


def test_a_workbook_with_a_broken_sheet_is_an_input_error(tmp_path: Path) -> None:
    """python-calamine reads a sheet when asked for it and raises its own error types: the reader
    turns them into an InputError naming the file."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["Nom du traitement", "Finalité"])
    book.active.append(["Cantine", "Inscrire"])
    path = tmp_path / "r.xlsx"
    book.save(path)
    _corrupt_sheet(path)
    with pytest.raises(InputError, match="classeur illisible") as info:
        list(triage(open_register(path)))
    assert str(path) in str(info.value)


# --- fuzzing: every format, random and mutated ------------------------------------------------------


def _triage_or_refuse(path: Path) -> None:
    refused: tuple[Problem, ...] = ()
    results: list[TriageResult] = []
    try:
        results = list(triage(open_register(path), settings=Settings()))
    except InputError as exc:
        refused = exc.problems
        assert refused
    assert all(p.message.fr and p.message.en for p in refused)
    assert all(r.outcome in TriageOutcome for r in results)


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(["csv", "txt", "xlsx", "ods", "yaml", "yml"]), st.binary(max_size=1500))
def test_random_bytes_in_any_register_format(
    tmp_path_factory: pytest.TempPathFactory, ext: str, data: bytes
) -> None:
    """Arbitrary bytes under any register extension give rows or an InputError, nothing else."""
    _triage_or_refuse(_register(tmp_path_factory.mktemp("r"), data, f"r.{ext}"))


def _yaml_seed() -> str:
    items = [(ROOT / "examples" / name).read_text(encoding="utf-8") for name in ("inscription-cantine.yaml",)]
    return "".join("- " + item.replace("\n", "\n  ").rstrip() + "\n" for item in items * 2)


_YAML_SEED = _yaml_seed()
_PIECES = st.sampled_from(
    [":", "- ", "\n", "  ", "&a ", "*a", "<<: *a", "!!python/object:os.system ", "yes", "~", "{", "]", "'", "\t",
     "\x85", "é", "2024-13-01", "1e400", "#"]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.integers(0, 10**6), _PIECES | st.text(max_size=3)), min_size=1, max_size=5))
def test_mutated_yaml_register(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[int, str]]
) -> None:
    """A valid YAML register with random insertions gives rows or an InputError."""
    text = _YAML_SEED
    for at, piece in edits:
        at %= len(text) + 1
        text = text[:at] + piece + text[at:]
    _triage_or_refuse(_register(tmp_path_factory.mktemp("r"), text.encode("utf-8", "surrogatepass")))


@functools.cache
def _workbooks() -> dict[str, bytes]:
    """A small valid XLSX and ODS register, made once."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(
        ["Nom du traitement", "Finalité", "Nombre de personnes concernées", "Données sensibles"]
    )
    book.active.append(["Vidéoprotection", "Sécurité", 40000, "Santé"])
    buffer = io.BytesIO()
    book.save(buffer)
    with tempfile.TemporaryDirectory() as folder:
        ods = Path(folder) / "seed.ods"
        write_ods(ods, {"Registre": [["Nom du traitement", "Finalité"], ["Cantine", "Inscrire"]]})
        return {"xlsx": buffer.getvalue(), "ods": ods.read_bytes()}


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.sampled_from(["xlsx", "ods"]),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=6),
    st.none() | st.integers(0, 10**6),
)
def test_mutated_workbook(
    tmp_path_factory: pytest.TempPathFactory, ext: str, flips: list[tuple[int, int]], cut: int | None
) -> None:
    """A valid XLSX or ODS register with bytes changed or cut short gives rows or an InputError."""
    data = bytearray(_workbooks()[ext])
    for at, byte in flips:
        data[at % len(data)] = byte
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    _triage_or_refuse(_register(tmp_path_factory.mktemp("r"), bytes(data), f"r.{ext}"))


# --- the mapping file ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"\x80columns: {}\n", "encodage invalide : octet 0x80"),
        (
            b"columns: {name: Nom}\ncolumns: {name: Titre}\n",
            "clé « columns » en double (déjà présente ligne 1)",
        ),
        (b"columns: !!python/object:os.system {}\n", "étiquettes YAML"),
        (b"columns: [unclosed\n", "YAML mal formé"),
    ],
)
def test_mapping_file_faults_are_input_errors(tmp_path: Path, content: bytes, said: str) -> None:
    """A mapping file is read with the operation file's checks: an encoding error, a duplicate
    key (which YAML would silently resolve to the last one) or a tag is an InputError."""
    path = _register(tmp_path, content, "correspondance.yaml")
    with pytest.raises(InputError) as info:
        load_mapping(path)
    assert said in str(info.value)
    assert str(path) in str(info.value)


def test_mapping_file_words_stay_as_written(tmp_path: Path) -> None:
    """`yes`, `Non` or a date in a mapping file are the register's words, not YAML 1.1 values."""
    text = "values:\n  monitoring.systematic: {yes: 'true', Non: 'false'}\nheader_row: 2\n"
    mapping = load_mapping(_register(tmp_path, text, "correspondance.yaml"))
    assert mapping.values == {"monitoring.systematic": {"yes": "true", "Non": "false"}}
    assert mapping.header_row == 2


def test_missing_mapping_file_is_said_in_french(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="fichier illisible : fichier introuvable"):
        load_mapping(tmp_path / "absent.yaml")


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=600) | st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_random_mapping_files(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    """Arbitrary bytes as a mapping file give a mapping or an InputError, nothing else."""
    path = _register(tmp_path_factory.mktemp("m"), data, "correspondance.yaml")
    refused: tuple[Problem, ...] = ()
    try:
        load_mapping(path)
    except InputError as exc:
        refused = exc.problems
        assert refused
    assert all(p.message.fr and p.message.en for p in refused)
