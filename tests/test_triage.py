"""Triage of a register: outcomes, unreadable rows, order, summary, outputs and the CLI's exit codes."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import attrs
import pytest

import aipd
from aipd.cli import EXIT_FINDING, EXIT_INPUT, EXIT_OK, main
from aipd.triage import TriageOutcome, TriageSummary, priority, summarise, triage
from aipd.triage_report import COLUMNS, summary_markdown, write_csv

CONTROLLER = {"name": "Commune de Lorvalle", "kind": "commune"}

CAMERAS = {
    "id": "cameras",
    "name": "Vidéoprotection",
    "controller": CONTROLLER,
    "data": [{"kind": "image"}],
    "scale": {"persons": 40000},
    "monitoring": {"systematic": True, "public_area": True},
}
PAYROLL = {"id": "paie", "name": "Paie", "controller": CONTROLLER, "data": [{"kind": "identity"}]}


def test_rows_triaged_in_order_with_unreadable_reported() -> None:
    """Each row gives a result in input order; a row the loader refuses is unreadable with its problems."""
    bad = {"id": "x", "name": "X", "controller": CONTROLLER, "scale": {"persons": "many"}}
    results = list(triage([CAMERAS, bad, PAYROLL]))
    assert [r.row for r in results] == [1, 2, 3]
    assert results[0].outcome is TriageOutcome.REQUIRED
    assert results[0].criteria_met == ("wp248:large_scale", "wp248:systematic_monitoring")
    assert results[0].mandatory == ("gdpr:art35-3-c",)
    assert results[1].outcome is TriageOutcome.UNREADABLE
    assert results[1].problems
    assert results[1].problems[0].line == 2
    assert results[2].outcome is not TriageOutcome.UNREADABLE


def test_triage_is_public_api() -> None:
    """aipd.triage is exported."""
    assert aipd.triage is triage


def test_parallel_keeps_input_order() -> None:
    """With jobs=2 the results come in the input order and equal the sequential ones."""
    rows = [CAMERAS, PAYROLL] * 20
    assert list(triage(rows, jobs=2)) == list(triage(rows))


def test_summary_ranks_required_and_counts() -> None:
    """The summary counts outcomes and lists required AIPDs by the documented priority."""
    results = list(
        triage([PAYROLL, CAMERAS, {**CAMERAS, "id": "c2", "data": [{"kind": "image"}, {"kind": "health"}]}])
    )
    summary = summarise(results)
    assert summary.rows == 3
    assert summary.counts[TriageOutcome.REQUIRED] == 2
    first = summary.first
    assert first == sorted(first, key=priority)
    assert first[0].row == 3  # more criteria met than row 2
    md = summary_markdown(summary, source="r.csv")
    assert "AIPD à engager en premier" in md
    assert "| 1 | 3 |" in md


#: Health data of agents, at large scale, kind of processing unknown: two WP248 criteria and more,
#: but a CNIL exemption might apply, so the verdict waits on facts.
PRESUMED = {
    "id": "dossiers",
    "name": "Dossiers des agents",
    "controller": CONTROLLER,
    "data": [{"kind": "health"}, {"kind": "identity"}],
    "data_subjects": [{"kind": "agents"}],
}


def test_summary_lists_incomplete_rows_that_presume_a_dpia() -> None:
    """A row that meets two WP248 criteria but waits on an exemption's facts is « incomplet », not
    « requis »: the summary must not say « Aucune AIPD requise » and leave it there. It says how many
    such rows there are and lists them, best first, with the facts to complete."""
    results = list(triage([PAYROLL, PRESUMED]))
    assert results[1].outcome is TriageOutcome.INCOMPLETE
    assert len(results[1].criteria_met) >= 2
    summary = summarise(results)
    assert summary.presumed_count == 1
    assert [r.row for r in summary.presumed_first] == [2]
    md = summary_markdown(summary, source="r.csv")
    assert "Aucune AIPD requise d'après les faits du registre." not in md
    assert "1 traitement(s) en remplissent probablement les conditions" in md
    assert "## AIPD probables, faits à compléter (1)" in md
    assert "| 1 | 2 | Dossiers des agents |" in md
    english = summary_markdown(summary, source="r.csv", lang="en")
    assert "## Probable DPIAs, facts to complete (1)" in english


def test_summary_top_n_is_bounded() -> None:
    """The summary keeps at most top_n results, whatever the register's size."""
    summary = TriageSummary(top_n=3)
    for r in triage([CAMERAS] * 10):
        summary.add(r)
    assert [r.row for r in summary.first] == [1, 2, 3]


def test_csv_output_reread() -> None:
    """The CSV has a BOM, ``;``, French headers, and one line per result."""
    out = io.StringIO()
    write_csv(triage([CAMERAS, PAYROLL]), out)
    text = out.getvalue()
    assert text.startswith("\ufeffLigne;")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == [c.fr for c in COLUMNS]
    assert rows[1][3] == "Vidéoprotection"
    assert rows[1][4] == "AIPD requise"


REGISTER = (
    "Nom du traitement;Catégories de données personnelles;Nombre de personnes concernées;"
    "monitoring.systematic;monitoring.public_area\n"
    "Vidéoprotection;Image;40000;oui;oui\n"
    "Cantine;Santé;beaucoup;;\n"
)


def test_cli_triage_exit_code_and_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """aipd triage writes CSV and summary, and exits 1 when a row could not be read."""
    reg = tmp_path / "r.csv"
    reg.write_text(REGISTER, encoding="utf-8")
    out, summary = tmp_path / "o.csv", tmp_path / "s.md"
    code = main(["triage", str(reg), "-o", str(out), "--summary", str(summary)])
    assert code == EXIT_FINDING
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rows[1:]] == ["2", "3"]
    assert rows[1][4] == "AIPD requise"
    assert rows[2][4] == "Ligne illisible"
    assert "beaucoup" in rows[2][13]
    # The Source column: the file (and the sheet, for a workbook).
    source = rows[0].index("Source (fichier [feuille])")
    assert [r[source] for r in rows[1:]] == [str(reg), str(reg)]
    assert "Lignes illisibles (1)" in summary.read_text(encoding="utf-8")
    assert (
        "2 traitement(s) triés, 1 ligne(s) illisible(s) : 1 AIPD requise(s), 0 probable(s)"
        in capsys.readouterr().err
    )
    reg.write_text(REGISTER.splitlines()[0] + "\n" + REGISTER.splitlines()[1] + "\n", encoding="utf-8")
    assert main(["triage", str(reg), "-o", str(out)]) == EXIT_OK
    assert main(["triage", str(tmp_path / "none.csv")]) == EXIT_INPUT


def _spy_on_jobs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ``jobs`` of each call of ``aipd.triage.triage``, on a machine of two CPUs."""
    import importlib

    triage_module = importlib.import_module("aipd.triage")  # aipd.triage is the function, by design
    used: list[int] = []
    real_triage = triage_module.triage

    def spy(*args: object, jobs: int = 1, **kwargs: object) -> object:
        used.append(jobs)
        return real_triage(*args, jobs=jobs, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(triage_module, "triage", spy)
    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    return used


def _large_register(path: Path) -> Path:
    """:data:`REGISTER`'s rows repeated up to the size from which ``--jobs auto`` starts processes."""
    from aipd.cli import AUTO_JOBS_MIN_ROWS

    header, *rows = REGISTER.splitlines(keepends=True)
    path.write_text(header + "".join(rows * (AUTO_JOBS_MIN_ROWS // len(rows) + 1)), encoding="utf-8")
    return path


def test_cli_triage_jobs_auto_gives_the_sequential_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--jobs auto uses one process per available CPU (two here) on a large register and writes what
    --jobs 1 writes."""
    used = _spy_on_jobs(monkeypatch)
    reg = _large_register(tmp_path / "r.csv")
    one, auto = tmp_path / "one.csv", tmp_path / "auto.csv"
    assert main(["triage", str(reg), "-o", str(one), "--jobs", "1"]) == EXIT_FINDING
    assert main(["triage", str(reg), "-o", str(auto), "--jobs", "auto"]) == EXIT_FINDING
    assert used == [1, 2]
    assert auto.read_bytes() == one.read_bytes()


def test_cli_triage_default_is_auto_with_one_process_for_a_small_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --jobs: one process per CPU for a large register, one for a small one (starting the
    processes would cost what they save), and --jobs 2 forces two even then."""
    used = _spy_on_jobs(monkeypatch)
    small = tmp_path / "small.csv"
    small.write_text(REGISTER, encoding="utf-8")
    large = _large_register(tmp_path / "large.csv")
    assert main(["triage", str(small), "-o", str(tmp_path / "a.csv")]) == EXIT_FINDING
    assert main(["triage", str(large), "-o", str(tmp_path / "b.csv")]) == EXIT_FINDING
    assert main(["triage", str(small), "-o", str(tmp_path / "c.csv"), "--jobs", "2"]) == EXIT_FINDING
    assert used == [1, 2, 2]


@pytest.mark.parametrize("value", ["0", "-1", "deux", ""])
def test_cli_triage_refuses_a_bad_jobs_value(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--jobs takes 1 or more, or auto; anything else is an input error naming the option, nothing triaged."""
    reg = tmp_path / "r.csv"
    reg.write_text(REGISTER, encoding="utf-8")
    out = tmp_path / "o.csv"
    assert main(["triage", str(reg), "-o", str(out), "--jobs", value]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "--jobs" in err
    assert "« auto »" in err
    assert not out.exists()


def test_cli_triage_xlsx_output_reread(tmp_path: Path) -> None:
    """The XLSX output opens and holds the header and one line per row."""
    calamine = pytest.importorskip("python_calamine")
    reg = tmp_path / "r.csv"
    reg.write_text(REGISTER, encoding="utf-8")
    out = tmp_path / "o.xlsx"
    main(["triage", str(reg), "-o", str(out)])
    sheet = calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert sheet[0][0] == "Ligne"
    assert len(sheet) == 3
    assert sheet[1][3] == "Vidéoprotection"


def test_docx_summary_matches_markdown_and_is_deterministic(tmp_path: Path) -> None:
    """The DOCX summary holds the Markdown summary's headings and ranking table, byte-identical on rerun."""
    from docx import Document

    from aipd.triage_report import summary_docx

    summary = summarise(triage([PAYROLL, CAMERAS]))
    data = summary_docx(summary, source="r.csv")
    assert data == summary_docx(summary, source="r.csv")
    path = tmp_path / "s.docx"
    path.write_bytes(data)
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert "AIPD à engager en premier" in texts
    ranking = doc.tables[1]
    assert [c.text for c in ranking.rows[1].cells][:3] == ["1", "2", "Vidéoprotection"]


def test_cli_summary_docx(tmp_path: Path) -> None:
    """aipd triage --summary x.docx writes a DOCX; another extension is refused."""
    reg = tmp_path / "r.csv"
    reg.write_text(REGISTER.splitlines()[0] + "\n" + REGISTER.splitlines()[1] + "\n", encoding="utf-8")
    out = tmp_path / "s.docx"
    assert main(["triage", str(reg), "-o", str(tmp_path / "o.csv"), "--summary", str(out)]) == EXIT_OK
    assert out.read_bytes()[:2] == b"PK"
    assert main(["triage", str(reg), "--summary", str(tmp_path / "s.pdf")]) == EXIT_INPUT


def test_progress_silent_when_not_a_terminal() -> None:
    """The progress bar writes nothing to a stream that is not a terminal, and draws on one that is."""
    from aipd.triage_report import Progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    pipe, tty = io.StringIO(), Tty()
    for stream in (pipe, tty):
        progress = Progress(200, stream, enabled=stream.isatty())
        for r in triage([PAYROLL] * 4):
            progress(r)
        progress.close()
    assert pipe.getvalue() == ""
    assert "4/200" in tty.getvalue()


def test_screening_an_unsettled_fact_keeps_the_answers_that_do_not_turn_on_it() -> None:
    """``screen_unsettled``: a rule answering alike for every value keeps its finding; one whose answer
    turns on the fact is unknown and names it, but a blocking issue met for one value is met, saying
    for which; with one value, it is the plain screening."""
    from aipd.i18n import t
    from aipd.registry import default_registry
    from aipd.screening import screen, screen_unsettled
    from aipd.settings import Settings

    catalogue, settings = default_registry().catalogue(), Settings()
    purposes = [{"description": "Payer", "legal_basis": "legitimate_interests"}]
    school = {**PAYROLL, "domains": ["school_services"], "purposes": purposes}
    commune = screen(aipd.load(school), catalogue, settings)
    other = screen(aipd.load({**school, "controller": {**CONTROLLER, "kind": "other"}}), catalogue, settings)
    what = t("la nature de l'organisme", "the kind of body")
    assert (
        screen_unsettled(
            [(t("Commune", "Municipality"), commune.findings)], fact="controller.kind", what=what
        )
        == commune
    )
    both = screen_unsettled(
        [(t("Autre", "Other"), other.findings), (t("Commune", "Municipality"), commune.findings)],
        fact="controller.kind",
        what=what,
    )
    by_id = {f.id: f for f in both.findings}
    # the legitimate interest is closed to a commune only: a blocking issue that holds for one value is met
    assert by_id["gdpr:no-legal-basis"].met
    assert by_id["gdpr:no-legal-basis"].rationale.fr.startswith(
        "Si la nature de l'organisme (fait non indiqué) est « Commune » : "
    )
    # the school services exemption is closed to « autre » only: unknown, the kind missing
    assert by_id["cnil-2019-118:10"].unknown
    assert "controller.kind" in by_id["cnil-2019-118:10"].missing
    assert by_id["wp248:sensitive_data"] == {f.id: f for f in commune.findings}["wp248:sensitive_data"]


def test_a_register_without_the_kind_is_screened_again_only_where_the_kind_decides(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rules are pure: a row none of whose rules reads the kind answers alike for every kind, and is
    screened once (the register's row speed); a row on a legitimate interest is screened per kind."""
    import aipd.screening
    from aipd.registers import RegisterRow

    calls: list[int] = []
    unsettled = aipd.screening.screen_unsettled

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return unsettled(*args, **kwargs)  # type: ignore[arg-type]  # passed through as received

    monkeypatch.setattr(aipd.screening, "screen_unsettled", counted)
    other = {**PAYROLL, "controller": {**CONTROLLER, "kind": "other"}, "domains": ["urban_planning"]}
    ordinary = RegisterRow(number=1, source=None, data=other, assumed=("controller.kind",))
    (result,) = triage([ordinary])
    assert calls == []
    assert "controller.kind" in result.missing_facts  # assumed, to confirm
    purposes = [{"description": "Payer", "legal_basis": "legitimate_interests"}]
    interest = RegisterRow(
        number=2, source=None, data={**other, "purposes": purposes}, assumed=("controller.kind",)
    )
    (result,) = triage([interest])
    assert calls == [1]
    assert result.blocking == ("gdpr:no-legal-basis",)


@pytest.mark.parametrize(
    "name",
    [
        "**URGENT** <img src=x onerror=alert(1)>",
        "[a](javascript:alert(1)) `code` a | b",
        "Caméras\u2028- puce forgée",
        "Caméras\u2028| 9 | 9 | ligne forgée |",
        "_x_ ~~y~~ \\ &amp; # titre",
    ],
)
def test_summary_shows_a_processing_name_as_written(tmp_path: Path, name: str) -> None:
    """A register's processing name holding Markdown or HTML is text in the Markdown summary (no bold, image,
    link, code, extra cell) and in the DOCX built from it (no extra bullet or row, backticks kept). Before,
    only ``|`` and ``\\`` were escaped, the DOCX dropped the name's backticks, and a U+2028 in the name
    split the Markdown line the DOCX was read from into a bullet or a table row of its own."""
    import html
    import re

    import markdown  # a dependency of mkdocs (test extra)
    from docx import Document

    from aipd.triage_report import summary_docx

    summary = summarise(triage([{**CAMERAS, "name": name}]))
    md = summary_markdown(summary, source="r.csv")
    rendered = markdown.markdown(md, extensions=["tables"])
    assert set(re.findall(r"<([a-z0-9]+)", rendered)) <= {
        "h1", "h2", "p", "table", "thead", "tbody", "tr", "th", "td", "code",
    }  # fmt: skip
    assert all(re.fullmatch(r"[a-z0-9_.]+", c) for c in re.findall(r"<code>(.*?)</code>", rendered))
    (row,) = [r for r in rendered.split("<tr>") if name in html.unescape(r)]  # shown whole, in one row
    assert row.count("<td") == 5
    path = tmp_path / "s.docx"
    path.write_bytes(summary_docx(summary, source="r.csv"))
    doc = Document(str(path))
    ranking = doc.tables[1]
    assert len(ranking.rows) == 2
    assert ranking.rows[1].cells[2].text == name
    assert not [p for p in doc.paragraphs if p.style.name == "List Bullet"]


def test_xlsx_output_writes_a_name_starting_with_equals_as_text(tmp_path: Path) -> None:
    """A register row named ``=HYPERLINK("http://…", "clic")`` is that text in the XLSX triage, not a
    formula (openpyxl stores a text starting with "=" as one: a live link in the DPO's spreadsheet)."""
    openpyxl = pytest.importorskip("openpyxl")
    from aipd.triage_report import write_xlsx

    name = '=HYPERLINK("http://example.invalid", "clic")'
    out = tmp_path / "o.xlsx"
    write_xlsx(triage([{**CAMERAS, "name": name}]), out)
    with zipfile.ZipFile(out) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    row = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))[1]
    assert name in row


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_output_writes_a_formula_start_as_text(start: str) -> None:
    """A register row whose name or reference starts with a character that makes a spreadsheet run the
    cell as a formula (``=HYPERLINK(…)``, ``+``, ``-``, ``@``, a tab, a carriage return: OWASP's CSV
    injection) is written with an apostrophe before it; read back by the csv module, the guard shows."""
    name = start + 'HYPERLINK("http://example.invalid";"clic")'
    out = io.StringIO()
    write_csv(triage([{**CAMERAS, "name": name, "register_ref": start + "1+1"}]), out)
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"), newline=""), delimiter=";"))
    header = rows[0]
    row = rows[1]
    # The model boundary turns a carriage return into a line feed, which no spreadsheet runs.
    written = name if start != "\r" else "\n" + name[1:]
    expected = "'" + written if start != "\r" else written
    assert row[header.index("Traitement")] == expected
    assert row[header.index("Référence")] == ("'" + start + "1+1" if start != "\r" else "\n1+1")
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_csv_output_keeps_other_cells_as_written() -> None:
    """A value holding ``=`` further on is unchanged, and the row number (the only numeric column)
    stays a bare number: the guard is for text that starts a formula, nothing else."""
    out = io.StringIO()
    write_csv(triage([{**CAMERAS, "name": "Tri = priorité -5", "register_ref": "T-5"}, PAYROLL]), out)
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"), newline=""), delimiter=";"))
    assert rows[1][:4] == ["1", "T-5", "cameras", "Tri = priorité -5"]
    assert [r[0] for r in rows[1:]] == ["1", "2"]


def test_cli_csv_output_guards_a_hostile_register(tmp_path: Path) -> None:
    """From a CSV register to the CSV triage: a processing named ``=HYPERLINK(…)`` comes out as text
    (the apostrophe before it), its reference ``@SUM(A1)`` too."""
    reg = tmp_path / "r.csv"
    reg.write_text(
        "N° de référence;Nom du traitement;Catégories de données personnelles\n"
        '@SUM(A1);"=HYPERLINK(""http://example.invalid"";""clic"")";Identité\n',
        encoding="utf-8",
    )
    out = tmp_path / "o.csv"
    main(["triage", str(reg), "-o", str(out)])
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
    assert rows[1][1] == "'@SUM(A1)"
    assert rows[1][3] == '\'=HYPERLINK("http://example.invalid";"clic")'


#: A police municipale file of offences under Title III (police-justice): loi Informatique et Libertés
#: art. 90 makes the DPIA mandatory, which is no case of GDPR art. 35(3).
TITLE_III = {
    "id": "pm",
    "name": "Main courante de la police municipale",
    "controller": CONTROLLER,
    "legal": {"regime": "police_justice"},
    "data": [{"kind": "health"}],
}


def _column(rows: list[list[str]], header: str, row: int = 1) -> str:
    return rows[row][rows[0].index(header)]


def test_csv_rules_column_names_each_rule_with_its_effect_and_source() -> None:
    """The column of the rules that make a DPIA required is named for what it holds: besides the GDPR
    art. 35(3) cases, loi Informatique et Libertés art. 90 and the CNIL's presumption for a high-risk AI
    system (« présumée nécessaire », not « obligatoire »), each with its source; it used to say « Cas
    obligatoires (art. 35.3 RGPD) » over all three."""
    from aipd.io import load

    ccas = load(Path(__file__).parent.parent / "examples" / "detection-fraude-ccas.yaml")
    results = list(triage([ccas, TITLE_III]))
    assert results[0].mandatory == ("ai-act:high-risk-dpia-presumption", "gdpr:art35-3-a")
    assert "lil:art90" in results[1].mandatory
    out = io.StringIO()
    write_csv(results, out)
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"), newline=""), delimiter=";"))
    header = "Règles rendant l'AIPD requise, hors listes de la CNIL (effet — source)"
    assert "35.3" not in header
    ai, gdpr = _column(rows, header).split(" | ")
    assert ai.startswith("ai-act:high-risk-dpia-presumption : Rend l'AIPD présumée nécessaire")
    assert "obligatoire" not in ai
    assert "CNIL, fiche pratique IA n° 5" in ai
    assert ai.endswith("(à vérifier)")
    assert gdpr == "gdpr:art35-3-a : Rend l'AIPD obligatoire — RGPD, art. 35.3.a"
    art90 = next(x for x in _column(rows, header, 2).split(" | ") if x.startswith("lil:art90"))
    assert art90 == (
        "lil:art90 : Rend l'AIPD obligatoire — Loi n° 78-17 du 6 janvier 1978, art. 90, premier alinéa"
    )
    out = io.StringIO()
    write_csv(results, out, lang="en")
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"), newline=""), delimiter=";"))
    ai = _column(rows, "Rules making a DPIA required, besides the CNIL lists (effect — source)")
    assert "Makes a DPIA presumed necessary" in ai
    assert ai.split(" | ")[0].endswith("(to be checked)")


def test_rules_column_keeps_every_rule_in_the_rank() -> None:
    """Naming the column for what it holds takes nothing from the ranking: a presumption and art. 90
    count with the mandatory cases and the CNIL list items, as before."""
    from aipd.io import load

    ccas = load(Path(__file__).parent.parent / "examples" / "detection-fraude-ccas.yaml")
    for result in triage([ccas, TITLE_III]):
        assert result.outcome is TriageOutcome.REQUIRED
        assert priority(result)[2] == -(
            len(result.mandatory) + len(result.list_items) - len(result.list_exemptions)
        )
        assert len(result.mandatory_sources) == len(result.mandatory)


def test_an_exemption_item_does_not_raise_a_required_row_in_the_order() -> None:
    """Two rows required for the same rule: the one that also falls under an exempt type (délibération
    2019-118) is no more urgent than the other; counting the exemption item put it first."""
    import attrs

    from aipd.triage import TriageResult

    base = TriageResult(
        row=1,
        source=None,
        id=None,
        name=None,
        register_ref=None,
        outcome=TriageOutcome.REQUIRED,
        mandatory=("gdpr:art35-3-c",),
        list_items=("cnil-2018-327:3",),
    )
    exempt_too = attrs.evolve(
        base,
        row=2,
        list_items=("cnil-2018-327:3", "cnil-2019-118:10"),
        list_exemptions=("cnil-2019-118:10",),
    )
    assert sorted([exempt_too, base], key=priority) == [base, exempt_too]


def test_summary_names_the_rules_the_rank_counts() -> None:
    """The summary's order and its probable-DPIA table say which rules they count (art. 35(3), art. 90,
    a presumption), in French and English, not « cas obligatoires (art. 35.3 RGPD) » alone."""
    summary = summarise(triage([TITLE_III, PRESUMED]))
    md = summary_markdown(summary, source="r.csv")
    assert "cas obligatoires (art. 35.3 RGPD)" not in md
    assert "art. 90 de la loi Informatique et Libertés" in md
    assert "présomption d'une source citée" in md
    assert "| Règles et critères WP248 remplis |" in md
    en = summary_markdown(summary, source="r.csv", lang="en")
    assert "loi Informatique et Libertés art. 90" in en
    assert "| Rules and WP248 criteria met |" in en


def test_csv_and_summary_suggest_the_domains_the_names_say() -> None:
    """Rows without domains (the CNIL model has no such column) get the domains their name or purpose
    suggests, with the words, in the last column and in a line of the summary, marked as suggestions
    the screening does not use; a row whose domains are given gets none for them."""
    cantine = {
        "id": "c",
        "name": "Cantine scolaire",
        "controller": CONTROLLER,
        "data": [{"kind": "identity"}],
    }
    video = {**CAMERAS, "id": "v", "name": "Vidéoprotection"}
    given = {**CAMERAS, "domains": ["video_protection"]}
    results = list(triage([cantine, video, given, PAYROLL]))
    assert [len(r.domain_hints) for r in results] == [1, 1, 0, 1]
    out = io.StringIO()
    write_csv(results, out)
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"), newline=""), delimiter=";"))
    header = "Domaines suggérés par le nom ou la finalité (à vérifier, non utilisés par l'examen)"
    assert rows[0][-1] == header
    assert [r[-1] for r in rows[1:]] == [
        "Affaires scolaires, périscolaires et petite enfance (« Cantine », « scolaire »)",
        "Vidéoprotection (« Vidéoprotection »)",
        "",
        "Gestion du personnel (« Paie »)",
    ]
    summary = summarise(results)
    assert summary.hinted == 3
    md = summary_markdown(summary, source="r.csv")
    line = next(x for x in md.split("\n") if x.startswith("Domaines suggérés"))
    assert "de 3 traitement(s)" in line
    assert "aucune dispense de la liste de la CNIL (délibération 2019-118)" in line
    assert line.endswith(
        "Affaires scolaires, périscolaires et petite enfance : 1 ; Gestion du personnel : 1 ; Vidéoprotection : 1."
    )
    en = summary_markdown(summary, source="r.csv", lang="en")
    assert "Domains suggested by the name or purpose of 3 processing(s)" in en
    assert "Staff management: 1" in en
    assert "Domaines suggérés" not in summary_markdown(summarise(results[2:3]), source="r.csv")


def test_an_exemption_list_item_is_no_reason_to_start_a_dpia() -> None:
    """A school-canteen file that also monitors a public area on a large scale meets the CNIL exemption
    type (délibération 2019-118, item 10) and GDPR art. 35(3)(c), which prevails: the table says the
    exemption does not apply, and the summary's « Pourquoi » names art. 35(3)(c), not the exemption."""
    from aipd.io import load

    canteen = load(Path(__file__).parent.parent / "examples" / "inscription-cantine.yaml")
    watched = attrs.evolve(
        canteen,
        scale=attrs.evolve(canteen.scale, persons=200_000),
        monitoring=attrs.evolve(canteen.monitoring, systematic=True, public_area=True),
    )
    exempt, required = triage([canteen, watched])
    assert exempt.outcome is TriageOutcome.EXEMPT
    assert required.outcome is TriageOutcome.REQUIRED
    assert required.list_exemptions == ("cnil-2019-118:10",)
    out = io.StringIO()
    write_csv([exempt, required], out)
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"), newline=""), delimiter=";"))
    lists = rows[0].index("Listes de la CNIL")
    assert rows[1][lists].endswith(" (type dispensé d'AIPD)")
    assert rows[2][lists].endswith("(type dispensé d'AIPD, mais la dispense ne s'applique pas : une règle rendant "
                                   "l'AIPD requise prévaut)")  # fmt: skip
    md = summary_markdown(summarise([exempt, required]), source="r.csv")
    line = next(x for x in md.split("\n") if x.startswith("| 1 | 2 |"))
    assert "gdpr:art35-3-c" in line
    assert "cnil-2019-118" not in line
