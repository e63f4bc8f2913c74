"""The action plan and its CSV export for a French spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

import aipd
from aipd import cli
from aipd.action_plan import action_plan_csv
from aipd.assess import Assessment
from aipd.model import ActionItem, Decisions, Evaluation, Measure, Monitoring, ProcessingOperation
from aipd.vocabulary import DecisionEffect, MeasureStatus
from content_cases import builtin_registry, operation

#: The facts the risk levels read, known: the plan then holds only the declared rows.
KNOWN = {
    "monitoring": Monitoring(systematic=False),
    "decisions": Decisions(access_to_rights=False, effect=DecisionEffect.NONE),
    "evaluation": Evaluation(scoring=False),
}


def _op() -> ProcessingOperation:
    return operation(
        **KNOWN,
        measures=(
            Measure(id="builtin:access_control"),
            Measure(
                id="builtin:backup",
                status=MeasureStatus.PLANNED,
                owner="DSI; équipe « infra »",
                due=dt.date(2025, 6, 30),
            ),
            Measure(id="builtin:logging", status=MeasureStatus.CONSIDERED),
        ),
        actions=(
            ActionItem(
                action='Réunir le "comité"\nde pilotage', owner='=HYPERLINK("x")', due=dt.date(2025, 3, 1)
            ),
        ),
    )


def _assess(op: ProcessingOperation) -> Assessment:
    return aipd.assess(op, registry=builtin_registry())


def test_plan_lists_measures_not_in_place_and_actions_by_due_date() -> None:
    """Implemented measures are left out; rows are sorted by due date, undated last."""
    plan = _assess(_op()).action_plan
    assert plan is not None
    # The declared rows first; what the analysis leaves to do (unknown facts here) follows them.
    declared = [r for r in plan if r.kind in ("measure", "action")]
    assert [r.id for r in declared] == [None, "builtin:backup", "builtin:logging"]
    assert plan.rows[: len(declared)] == tuple(declared)
    backup = plan.rows[1]
    assert backup.status is MeasureStatus.PLANNED
    assert set(backup.risks) == {"cnil:disappearance", "cnil:unwanted_modification"}


def test_missing_owners_and_dates_are_listed() -> None:
    """A measure without owner or due date is named among the plan's missing facts."""
    plan = _assess(_op()).action_plan
    assert plan is not None
    assert plan.missing == ("measures[2].owner", "measures[2].due")


def test_csv_has_bom_semicolons_crlf_and_french_headers() -> None:
    """The CSV starts with a BOM, uses ``;`` and CRLF, and has French headers."""
    text = action_plan_csv(_assess(_op()), "fr")
    assert text.startswith("\ufeffMesure ou action;Identifiant;Responsable;Échéance;État;Risques traités\r\n")
    assert text.endswith("\r\n")


def test_csv_parses_back_with_quoting_intact() -> None:
    """Fields with ``;``, quotes and line breaks survive a round trip through the csv module."""
    text = action_plan_csv(_assess(_op()), "fr")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    # header, the three declared rows, then the analysis's « À faire » rows
    assert len(rows) >= 4
    assert [r[4] for r in rows[4:]] == ["À faire"] * (len(rows) - 4)
    assert rows[1][0] == 'Réunir le "comité"\nde pilotage'
    assert rows[2][2] == "DSI; équipe « infra »"
    assert rows[2][3] == "2025-06-30"
    assert rows[2][4] == "Prévue"


def test_csv_neutralises_formulas() -> None:
    """A cell that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    text = action_plan_csv(_assess(_op()), "fr")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert rows[1][2] == '\'=HYPERLINK("x")'


def test_csv_in_english() -> None:
    """English headers and status labels."""
    text = action_plan_csv(_assess(_op()), "en")
    assert text.startswith("\ufeffMeasure or action;Identifier;Owner;Due date;Status;Risks addressed\r\n")
    assert ";Planned;" in text


def test_cli_writes_the_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``aipd action-plan FILE -o plan.csv`` writes the bytes unchanged (BOM, CRLF)."""
    monkeypatch.setattr(cli, "_load", lambda path, max_bytes: _op())
    monkeypatch.setattr(cli, "_registry", lambda args: builtin_registry())
    out = tmp_path / "plan.csv"
    assert cli.main(["action-plan", "x.yaml", "-o", str(out)]) == cli.EXIT_OK
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfMesure ou action;")
    assert b"\r\n" in data
    assert b"\r\r\n" not in data


def test_cli_never_leaves_a_half_written_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails keeps the previous plan whole and exits 2 (file error), as every output does."""
    from aipd import atomic

    monkeypatch.setattr(cli, "_load", lambda path, max_bytes: _op())
    monkeypatch.setattr(cli, "_registry", lambda args: builtin_registry())
    out = tmp_path / "plan.csv"
    out.write_bytes(b"previous plan")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    assert cli.main(["action-plan", "x.yaml", "-o", str(out)]) == cli.EXIT_INPUT
    assert out.read_bytes() == b"previous plan"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.csv"]


def test_a_measure_said_in_place_with_a_due_date_to_come_is_in_the_plan_as_planned() -> None:
    """« En place » is the default status; a due date after the document's date says otherwise."""
    op = operation(
        **KNOWN,
        updated=dt.date(2026, 11, 2),
        measures=(
            Measure(id="builtin:backup", owner="DSI", due=dt.date(2027, 1, 15)),
            Measure(id="builtin:logging", due=dt.date(2026, 10, 1)),  # due before: done
        ),
    )
    a = _assess(op)
    assert a.action_plan is not None
    [row] = [r for r in a.action_plan.rows if r.kind == "measure"]
    assert (row.id, row.status, row.due) == ("builtin:backup", MeasureStatus.PLANNED, dt.date(2027, 1, 15))
    assert a.risks is not None
    assert a.risks.counted_as_planned == ("builtin:backup",)


def test_the_plan_lists_what_the_analysis_leaves_to_do() -> None:
    """A principle « problème à résoudre » (to correct), the facts the risk levels wait for and a
    level the DPO lowered without a justification are rows of the plan, « À faire », after the
    declared ones; before, the plan held only the declared measures and actions."""
    from aipd.model import Purpose, RiskJudgement
    from aipd.vocabulary import LegalBasis, Level

    op = operation(
        purposes=(Purpose(description="Relances", legal_basis=LegalBasis.LEGITIMATE_INTERESTS),),
        decisions=KNOWN["decisions"],
        evaluation=KNOWN["evaluation"],  # monitoring.systematic left unknown
        risk_judgements=(RiskJudgement(risk="cnil:illegitimate_access", likelihood=Level.NEGLIGIBLE),),
        measures=(Measure(id="builtin:backup", status=MeasureStatus.PLANNED),),
    )
    a = _assess(op)
    plan = a.action_plan
    assert plan is not None
    assert [r.kind for r in plan] == ["measure", "principle", "facts", "facts", "facts"]
    principle, screening, facts, justify = plan.rows[1:]
    assert principle.title.fr.startswith("À corriger — ")
    assert screening.title.fr.startswith(
        "Compléter les faits dont dépend l'examen préalable (AIPD requise ou non) : "
    )
    assert "intérêt légitime" in principle.title.fr
    assert "Observation, surveillance ou contrôle systématique" in facts.title.fr
    assert "cnil:illegitimate_access" in facts.risks
    assert "risk_judgements[0].justification" in justify.title.fr
    assert justify.risks == ("cnil:illegitimate_access",)
    assert {r.status for r in plan.rows[1:]} == {None}
    text = action_plan_csv(a, "fr")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert [r[4] for r in rows[2:]] == ["À faire"] * 4
    assert action_plan_csv(a, "en").count(";To do;") == 4


def test_the_plan_lists_the_facts_the_consultation_waits_for() -> None:
    """A consultation open on a fact the risks do not ask for (whether a Title III processing is
    carried out on behalf of the State) is a row of the plan too."""
    from aipd.model import LegalFramework
    from aipd.vocabulary import LegalRegime

    a = _assess(operation(**KNOWN, legal=LegalFramework(regime=LegalRegime.POLICE_JUSTICE)))
    assert a.action_plan is not None
    row = next(
        r for r in a.action_plan if r.title.fr.startswith("Compléter les faits dont dépend la décision")
    )
    assert "Traitement mis en œuvre pour le compte de l'État" in row.title.fr
    assert row.status is None
