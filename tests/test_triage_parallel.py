"""The parallel triage (``jobs`` above 1): the same results as one process, in order, whatever rows.

A table register's records (row number and cells) go to the processes, which read them with the
register's reader and send back their results pickled as the arguments that build them: the
calling process reads the file and writes the results, nothing else.
"""

from __future__ import annotations

import csv
import os
import pickle
import types
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aipd import registers
from aipd.registers import RegisterMapping, open_register
from aipd.triage import TriageOutcome, _chunks, _pack, triage

HEADERS = [
    "N° de référence",
    "Nom du traitement",
    "Finalité principale",
    "Base légale",
    "Catégories de données",
    "Données sensibles",
    "Catégories de personnes concernées",
    "Nombre de personnes concernées",
    "Date de création",
    "monitoring.systematic",
    "Nature de l'organisme",
    "Domaine",
    "Système d'IA",
]
VALUES = [
    ["", "R-1", "=1+1", "?"],
    ["", "Vidéoprotection des bâtiments", "Cantine scolaire", "Paie des agents", "CCAS aides", "Badgeuse"],
    ["", "?", "Gestion du service", "Lutte contre la fraude ; statistiques"],
    ["", "?", "Mission d'intérêt public", "Obligation légale ; Consentement", "xyz"],
    ["", "État civil", "État civil ; ?", "Voir fiche : données de santé", "bizarre", "Néant"],
    ["", "", "Non", "Santé", "NIR", "?", "Situation familiale", "truc"],
    ["", "Agents", "Usagers ; ?", "Enfants\nParents d'élèves", "Personnes handicapées", "xyz"],
    ["", "12 000", "12,000", "1.5", "abc", "12000.0", "?", "1\u202f500 habitants", "40000"],
    ["", "01/02/2020", "2020-13-01", "hier"],
    ["", "oui", "non", "peut-être", "?"],
    ["", "commune", "Mairie", "xyz", "?"],
    ["", "", "Vidéosurveillance ; Gestion du personnel", "?", "xyz"],
    ["", "", "", "oui", "non", "Reconnaissance faciale"],
]


def write_messy_register(path: Path, rows: int) -> None:
    """A register of unknown values, empty cells, « ? », numbers with spaces or commas, bad dates,
    blank lines: row i's cells depend on i only (a different pace per column)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(HEADERS)
        for i in range(rows):
            if i % 50 == 7:
                w.writerow([""] * len(HEADERS))  # a blank line: no result
                continue
            w.writerow([values[(i * (c + 3) // 2) % len(values)] for c, values in enumerate(VALUES)])


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("parallel") / "registre.csv"
    write_messy_register(path, 700)  # three chunks and more
    return path


def test_a_table_register_triaged_in_processes_gives_the_sequential_results(messy: Path) -> None:
    """Same results, same order, same problems with their row numbers, blank lines left out."""
    one = list(triage(open_register(messy)))
    two = list(triage(open_register(messy), jobs=2))
    assert two == one
    outcomes = {r.outcome for r in one}
    assert TriageOutcome.UNREADABLE in outcomes
    assert TriageOutcome.REQUIRED in outcomes
    assert any(r.problems and r.problems[0].line == r.row for r in one)
    assert 650 < len(one) < 700  # the blank lines give none


def test_the_calling_process_does_not_read_the_rows(messy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows of a table are read in the processes: the calling process, which reads the file,
    writes the results and counts them, converts none (it converted every row, the serial part)."""
    read_here: list[int] = []
    original = registers._RowReader.read
    parent = os.getpid()

    def spy(self: registers._RowReader, number: int, cells: list[object], **kwargs: object) -> object:
        if os.getpid() == parent:
            read_here.append(number)
        return original(self, number, cells, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(registers._RowReader, "read", spy)
    results = list(triage(open_register(messy), jobs=2))
    assert read_here == []
    assert len(results) == len(list(triage(open_register(messy)))) > 650
    assert read_here  # the spy sees the rows read in this process


def test_a_reader_that_cannot_be_pickled_reads_its_rows_here(messy: Path) -> None:
    """A mapping built by hand may hold what pickle refuses: the rows are then read in the calling
    process and sent converted, with the same results."""
    mapping = RegisterMapping(defaults=types.MappingProxyType({"controller.kind": "commune"}))
    with pytest.raises(TypeError):
        pickle.dumps(mapping)
    one = list(triage(open_register(messy, mapping=mapping)))
    assert list(triage(open_register(messy, mapping=mapping), jobs=2)) == one


def test_results_pickled_as_their_arguments_come_back_equal(messy: Path) -> None:
    """Texts, problems, domain hints, AI Act classes, outcomes: every field comes back as it was."""
    results = list(triage(open_register(messy)))
    assert any(r.domain_hints for r in results)
    assert any(r.ai_act_class for r in results)
    assert pickle.loads(_pack(results)) == results


def test_the_stages_are_bound_when_first_needed_not_on_import() -> None:
    """``import aipd`` does not load the screening; a process that only counts results (the calling
    process of a parallel triage, which triages no row itself) still has what the summary needs."""
    import subprocess
    import sys

    code = (
        "import sys, aipd\n"
        "loaded = 'aipd.screening' in sys.modules\n"
        "from aipd.triage import TriageOutcome, TriageResult, TriageSummary, priority\n"
        "r = TriageResult(row=3, source=None, id=None, name=None, register_ref=None,"
        " outcome=TriageOutcome.REQUIRED)\n"
        "s = TriageSummary()\n"
        "s.add(r)\n"
        "print(loaded, priority(r), [x.row for x in s.first])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False (1, 1, 0, 0, 3) [3]"


@given(st.integers(0, 3000), st.one_of(st.none(), st.integers(-5, 4000)), st.integers(1, 8))
def test_chunks_keep_every_row_in_order_and_share_a_small_register(
    n: int, total: int | None, jobs: int
) -> None:
    """The chunks hold every row once, in order, at most 256 each; with the register's size known,
    the first chunk is at most half of a process's share (300 rows on two processes: the first of
    256 rows left one process to triage nearly all of them while the other waited)."""
    chunks = list(_chunks(iter(range(n)), total, jobs))
    assert [i for c in chunks for i in c] == list(range(n))
    assert all(1 <= len(c) <= 256 for c in chunks)
    if total is not None and chunks:
        assert len(chunks[0]) <= max(16, total // (2 * jobs))
