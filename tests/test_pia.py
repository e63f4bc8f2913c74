"""The CNIL PIA tool's file: the importer's rules, the round trip, edits made in the tool, junk references."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests import strategies

import aipd
from aipd.cli import EXIT_OK, main
from aipd.errors import InputError
from aipd.i18n import Lang
from aipd.model import Measure, RiskJudgement
from aipd.pia import KNOWN_QUESTIONS, export_pia, html_to_text, import_pia
from aipd.vocabulary import Level, MeasureStatus

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
ALLOWED_TAGS = {"p", "ul", "li", "strong", "br"}


def _exported(name: str = "cameras-augmentees.yaml") -> tuple[aipd.ProcessingOperation, dict[str, Any]]:
    op = aipd.load(EXAMPLES / name)
    return op, json.loads(json.dumps(export_pia(aipd.assess(op))))


@pytest.mark.parametrize(
    "name", ["cameras-augmentees.yaml", "tri-candidatures.yaml", "chatbot-site-ville.yaml"]
)
def test_export_follows_every_rule_of_the_format(name: str) -> None:
    """Five keys, arrays, answer data with text/gauge/list, known ids, ISO dates, exact measure titles, safe HTML."""
    op, d = _exported(name)
    assert list(d) == ["pia", "answers", "measures", "evaluations", "comments"]
    assert all(isinstance(d[k], list) for k in ("answers", "measures", "evaluations", "comments"))
    assert d["pia"]["name"] == op.name
    assert isinstance(d["pia"]["status"], int)
    stamps = [d["pia"]["created_at"], d["pia"]["updated_at"]]
    for a in d["answers"]:
        assert set(a["data"]) == {"text", "gauge", "list"}
        assert isinstance(a["reference_to"], int)
        assert a["reference_to"] in KNOWN_QUESTIONS
        assert a["data"]["gauge"] is None or 1 <= a["data"]["gauge"] <= 4
        assert all(isinstance(x, str) for x in a["data"]["list"])
        stamps.append(a["created_at"])
        for tag in re.findall(r"</?([a-zA-Z0-9]+)", a["data"]["text"] or ""):
            assert tag in ALLOWED_TAGS
    refs = {a["reference_to"] for a in d["answers"]}
    assert {111, 112, 113, 121, 122, 123} <= refs
    assert set(range(211, 216)) | set(range(221, 228)) <= refs
    assert {300 + i * 10 + r for i in (2, 3, 4) for r in range(1, 7)} <= refs
    titles = [m["title"] for m in d["measures"]]
    assert len(set(titles)) == len(titles)
    assert [m["id"] for m in d["measures"]] == list(range(1, len(titles) + 1))
    for a in d["answers"]:
        if a["reference_to"] in (324, 334, 344):
            assert set(a["data"]["list"]) <= set(titles)
    for e in d["evaluations"]:
        assert re.fullmatch(r"3\.[234]|3\.1\.\d+", e["reference_to"])
        if e["reference_to"].startswith("3.1."):
            assert int(e["reference_to"][4:]) in {m["id"] for m in d["measures"]}
            assert e["gauges"] == {"x": 0, "y": 0}
        stamps.append(e["created_at"])
    for c in d["comments"]:
        assert c["reference_to"] in KNOWN_QUESTIONS
        assert c["for_measure"] is False
    assert all(ISO.match(s) for s in stamps)
    assert d["pia"]["updated_at"].startswith((op.updated or op.created).isoformat())  # type: ignore[union-attr]


def test_export_is_deterministic_and_escapes_html() -> None:
    """Two exports are equal; a description with markup is escaped."""
    op = aipd.load(EXAMPLES / "cameras-augmentees.yaml")
    op = attrs.evolve(op, description="<script>alert(1)</script> & co")
    a, b = export_pia(aipd.assess(op)), export_pia(aipd.assess(op))
    assert a == b
    q111 = next(x for x in a["answers"] if x["reference_to"] == 111)["data"]["text"]
    assert "<script>" not in q111
    assert "&lt;script&gt;" in q111
    assert html_to_text(q111).startswith("<script>alert(1)</script> & co")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_export_carries_legitimate_interest_retention_and_transfer_reference(lang: Lang) -> None:
    """What the DOCX shows of the purposes, the retention periods and the transfers is in the PIA file
    too: the legitimate interest pursued (art. 35(7)(a)), every period with its justification (art. 5(1)(e))
    and the reference of a transfer's safeguard (Chapter V); before, only the active period was exported."""
    from aipd.model import Retention, Transfer
    from aipd.vocabulary import FinalFate, LegalBasis, Safeguard

    op = aipd.load(EXAMPLES / "cameras-augmentees.yaml")
    purpose = attrs.evolve(
        op.purposes[0], legal_basis=LegalBasis.LEGITIMATE_INTERESTS, legitimate_interest="Sécurité des agents"
    )
    retention = Retention(
        active="30 jours",
        intermediate="1 an",
        final_fate=FinalFate.DELETION,
        justification="Durée du recours contentieux",
    )
    data = (attrs.evolve(op.data[0], retention=retention), *op.data[1:])
    transfer = Transfer(
        recipient="Éditeur",
        country="US",
        safeguard=Safeguard.SCC,
        documentation="Clauses signées le 2 mai 2025",
    )
    op = attrs.evolve(op, purposes=(purpose, *op.purposes[1:]), data=data, transfers=(transfer,))
    answers = {
        a["reference_to"]: html_to_text(a["data"]["text"])
        for a in export_pia(aipd.assess(op), lang=lang)["answers"]
    }
    assert "Sécurité des agents" in answers[111]
    for text in ("30 jours", "1 an", FinalFate.DELETION.label(lang), "Durée du recours contentieux"):
        assert text in answers[122]
    assert "Clauses signées le 2 mai 2025" in answers[122]


def test_export_without_date_is_refused() -> None:
    """The file's dates come from the operation: without one, export says so."""
    op = attrs.evolve(aipd.load(EXAMPLES / "cameras-augmentees.yaml"), created=None, updated=None)
    with pytest.raises(InputError, match="date"):
        export_pia(aipd.assess(op))


def test_extra_risks_carried_in_comments() -> None:
    """Each risk beyond the three feared events is one readable comment tagged with its id."""
    op, d = _exported("tri-candidatures.yaml")
    risks = [r.id for r in aipd.assess(op).risks or () if not r.id.startswith("cnil:")]
    tagged = [c["description"] for c in d["comments"] if c["description"].startswith("[aipd:risk ")]
    assert risks
    assert [t.split("]")[0][len("[aipd:risk ") :] for t in tagged] == risks


@pytest.mark.parametrize(("lang", "words"), [("fr", "(640 personnes)"), ("en", "(640 persons)")])
def test_data_category_persons_in_the_data_answer(lang: Lang, words: str) -> None:
    """Question 121 (data) says how many persons a category concerns when the operation gives it."""
    d = export_pia(aipd.assess(aipd.load(EXAMPLES / "detection-fraude-ccas.yaml")), lang=lang)
    answer = next(a for a in d["answers"] if a["reference_to"] == 121)
    text = html_to_text(answer["data"]["text"]) or ""
    line = next(x for x in text.splitlines() if words in x)
    assert line.startswith("Données de santé" if lang == "fr" else "Health data")


def test_round_trip_examples() -> None:
    """Every example survives YAML → PIA JSON → model unchanged."""
    for path in sorted(EXAMPLES.glob("*.yaml")):
        op = aipd.load(path)
        if op.created is None and op.updated is None:
            continue
        back = import_pia(json.dumps(export_pia(aipd.assess(op))))
        assert back.operation == op, path.name
        assert back.from_copy
        assert back.unknown_references == ()


def test_a_measure_in_place_with_a_due_date_to_come_is_exported_as_the_analysis_counts_it() -> None:
    """« En place » with a due date after the document's date counts as planned: the tool shows it
    planned, with its due date and owner in the action plan, and the round trip keeps the declaration."""
    op = aipd.load(EXAMPLES / "cameras-augmentees.yaml")
    late = Measure(id="builtin:encryption", owner="DSI", due=dt.date(2099, 1, 1))
    op = attrs.evolve(op, measures=(*op.measures, late))
    exported = export_pia(aipd.assess(op))
    n = len(op.measures)
    [content] = [m["content"] for m in exported["measures"] if m["id"] == n]
    assert "Prévue [builtin:encryption]" in content
    [plan] = [e for e in exported["evaluations"] if e["reference_to"] == f"3.1.{n}"]
    assert (plan["action_plan_comment"], plan["person_in_charge"]) == ("Prévue", "DSI")
    assert plan["estimated_implementation_date"].startswith("2099-01-01")
    assert import_pia(exported).operation == op


def test_a_gauge_the_dpo_lowered_without_justification_says_so_in_the_tool() -> None:
    """A level the DPO set below the proposal without a word: answer 3.2.5's text says so before the
    proposal's reasons, which argue for the higher level; the round trip keeps the judgement."""
    op = aipd.load(EXAMPLES / "detection-fraude-ccas.yaml")
    low = RiskJudgement(risk="cnil:illegitimate_access", severity=Level.NEGLIGIBLE)
    op = attrs.evolve(op, risk_judgements=(*op.risk_judgements, low))
    exported = export_pia(aipd.assess(op))
    by_ref = {a["reference_to"]: a["data"] for a in exported["answers"]}
    assert by_ref[325]["gauge"] == 1
    assert (html_to_text(by_ref[325]["text"]) or "").startswith(
        "Niveau retenu par le DPD, plus bas que celui que propose aipd"
    )
    assert "plus bas" not in (html_to_text(by_ref[326]["text"]) or "")
    assert import_pia(exported).operation == op


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.operations(created=st.dates()))
def test_round_trip_property(op: aipd.ProcessingOperation) -> None:
    """Any operation with a date comes back equal from its PIA file."""
    back = import_pia(export_pia(aipd.assess(op)))
    assert back.operation == op


def test_edits_made_in_the_tool_become_judgements() -> None:
    """A gauge, a residual level and an added impact changed in the tool come back as the DPO's judgement."""
    _op, d = _exported()
    for a in d["answers"]:
        if a["reference_to"] == 345:
            a["data"]["gauge"] = 4
        if a["reference_to"] == 341:
            a["data"]["list"].append("Perte des preuves")
    for e in d["evaluations"]:
        if e["reference_to"] == "3.4":
            e["gauges"] = {"x": 2, "y": 1}
    d["pia"]["dpo_opinion"] = "Avis favorable."
    back = import_pia(d)
    j = {x.risk: x for x in back.risk_judgements}["cnil:disappearance"]
    assert j.severity is Level.MAXIMUM
    assert (j.residual_severity, j.residual_likelihood) == (Level.LIMITED, Level.NEGLIGIBLE)
    assert j.impacts[-1] == "Perte des preuves"
    assert back.operation.validation.dpo_opinion == "Avis favorable."


def test_junk_references_tolerated_and_reported() -> None:
    """References the format does not define are skipped and listed, the rest is read."""
    _, d = _exported()
    d["evaluations"].append({"reference_to": "3.1.[object Object]", "status": 2})
    d["answers"].append({"reference_to": "abc", "data": {"text": "x", "gauge": None, "list": []}})
    d["comments"].append({"reference_to": 999, "for_measure": False, "description": "?"})
    back = import_pia(d)
    assert back.unknown_references == (
        "answers[36]: 'abc'",
        "evaluations[4]: '3.1.[object Object]'",
        f"comments[{len(d['comments']) - 1}]: 999",
    )


def test_file_made_in_the_tool_alone() -> None:
    """Without aipd's copy, the operation is built from the file: name without (IMPORT), measures, gauges."""
    _, d = _exported()
    d = copy.deepcopy(d)
    d["comments"] = [c for c in d["comments"] if not c["description"].startswith("[aipd:data]")]
    d["pia"]["name"] = "(IMPORT) " + d["pia"]["name"]
    back = import_pia(d)
    assert not back.from_copy
    assert not back.operation.name.startswith("(IMPORT)")
    assert back.operation.measures[0].id == "builtin:access_control"
    assert back.texts[111]
    assert any("autre" in n.fr for n in back.notes)


def test_not_a_pia_file() -> None:
    """A JSON without a pia object is refused, as the tool does."""
    with pytest.raises(InputError, match="PIA"):
        import_pia({"answers": []})


def test_cli_export_and_import(tmp_path: Path) -> None:
    """aipd export --format pia and aipd import-pia write their files; the YAML loads back equal."""
    out, back = tmp_path / "p.json", tmp_path / "b.yaml"
    src = EXAMPLES / "cameras-augmentees.yaml"
    assert main(["export", "--format", "pia", str(src), "-o", str(out)]) == EXIT_OK
    assert main(["import-pia", str(out), "-o", str(back)]) == EXIT_OK
    assert aipd.load(back) == aipd.load(src)


def test_edit_of_a_duplicated_judgement_lands_on_the_one_the_analysis_reads() -> None:
    """With two judgements for a risk (an operation built in code), the DPO's gauges apply to the last, the
    one the analysis and the file show; the earlier one is dropped with a note giving its levels."""
    op = aipd.load(EXAMPLES / "cameras-augmentees.yaml")
    current = op.risk_judgements[0]
    older = RiskJudgement(risk=current.risk, severity=Level.LIMITED, likelihood=Level.LIMITED)
    d = json.loads(json.dumps(export_pia(aipd.assess(attrs.evolve(op, risk_judgements=(older, current))))))
    for a in d["answers"]:
        if a["reference_to"] == 325:
            assert a["data"]["gauge"] == current.severity.rank  # type: ignore[union-attr]
            a["data"]["gauge"] = 4
    for e in d["evaluations"]:
        if e["reference_to"] == "3.2":
            e["gauges"] = {"x": 4, "y": 1}
    back = import_pia(d)
    assert [j.risk for j in back.operation.risk_judgements] == [current.risk]
    j = back.operation.risk_judgements[0]
    assert (j.severity, j.residual_severity, j.justification) == (
        Level.MAXIMUM,
        Level.MAXIMUM,
        current.justification,
    )
    risk = next(r for r in aipd.assess(back.operation).risks or () if r.id == current.risk)
    assert (risk.severity, risk.residual_severity) == (Level.MAXIMUM, Level.MAXIMUM)
    note = next(n for n in back.notes if current.risk in n.fr)
    assert "gravité Limitée" in note.fr
    assert "severity Limited" in note.en
    assert aipd.load(aipd.dump(back.operation)) == back.operation


def _tool_file(
    answers: Sequence[Mapping[str, Any]],
    evaluations: Sequence[Mapping[str, Any]] = (),
    measures: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """A PIA file as the CNIL tool writes it (no aipd copy), dated 2025-03-01."""
    stamp = "2025-03-01T00:00:00.000Z"
    names = ("author_name", "evaluator_name", "validator_name", "dpos_names", "dpo_opinion", "people_names")
    pia: dict[str, Any] = {
        "name": "Fichier des usagers",
        "category": "Commune de Test",
        "status": 0,
        **dict.fromkeys(names, ""),
        "dpo_status": None,
        "concerned_people_searched_opinion": None,
        "concerned_people_searched_content": "",
        "concerned_people_status": None,
        "concerned_people_opinion": "",
        "rejection_reason": "",
        "applied_adjustments": "",
        "created_at": stamp,
        "updated_at": stamp,
    }
    return {
        "pia": pia,
        "answers": [{**a, "created_at": stamp} for a in answers],
        "measures": [{"placeholder": "", "created_at": stamp, **m} for m in measures],
        "evaluations": [
            {
                "evaluation_comment": "",
                "action_plan_comment": "",
                "gauges": {"x": 0, "y": 0},
                "estimated_implementation_date": None,
                "person_in_charge": "",
                "global_status": 1,
                "created_at": stamp,
                **e,
            }
            for e in evaluations
        ],
        "comments": [],
    }


def _gauge(ref: int, level: int | None) -> dict[str, Any]:
    return {"reference_to": ref, "data": {"text": None, "gauge": level, "list": []}}


def test_tool_file_gauges_are_all_the_dpos_even_when_equal_to_the_proposal() -> None:
    """In a file made in the tool, every gauge and residual level is kept as the DPO's judgement, so measures
    added later in aipd do not silently lower them."""
    answers = [_gauge(325, 2), _gauge(326, 2), _gauge(335, 2), _gauge(336, 2), _gauge(345, 3), _gauge(346, 2)]
    d = _tool_file(answers, [{"reference_to": "3.2", "status": 2, "gauges": {"x": 2, "y": 2}}])
    back = import_pia(d)
    levels = {
        j.risk: (j.severity, j.likelihood, j.residual_severity, j.residual_likelihood)
        for j in back.operation.risk_judgements
    }
    L, S = Level.LIMITED, Level.SIGNIFICANT
    assert levels == {
        "cnil:illegitimate_access": (L, L, L, L),
        "cnil:unwanted_modification": (L, L, None, None),
        "cnil:disappearance": (S, L, None, None),
    }
    later = attrs.evolve(
        back.operation,
        measures=(Measure(id="builtin:encryption"), Measure(id="builtin:access_control")),
    )
    risk = next(r for r in aipd.assess(later).risks or () if r.id == "cnil:illegitimate_access")
    assert (risk.severity, risk.likelihood, risk.residual_severity, risk.residual_likelihood) == (L, L, L, L)


def test_gauge_cleared_in_the_tool_keeps_the_level_with_a_note() -> None:
    """A gauge emptied in the tool does not fall back silently to a lower proposal: the level stays, noted."""
    op, d = _exported()
    for a in d["answers"]:
        if a["reference_to"] == 325:
            a["data"]["gauge"] = 0
    back = import_pia(d)
    assert back.operation.risk_judgements == op.risk_judgements
    assert any("325" in n.fr and "effacée" in n.fr for n in back.notes)


def _risk_levels(op: aipd.ProcessingOperation, risk_id: str) -> tuple[Level | None, ...]:
    r = next(x for x in aipd.assess(op).risks or () if x.id == risk_id)
    return (r.severity, r.likelihood, r.residual_severity, r.residual_likelihood)


def test_measure_deleted_in_the_tool_is_removed_with_a_note() -> None:
    """A measure deleted in the tool (from measures and answers 3x4) leaves the operation, said in a note, and no
    longer lowers a risk."""
    op, d = _exported("compteurs-eau.yaml")
    gone = next(m for m in d["measures"] if m["content"].endswith("[builtin:encryption]</p>"))
    d["measures"].remove(gone)
    for a in d["answers"]:
        if a["reference_to"] in (324, 334, 344):
            a["data"]["list"] = [x for x in a["data"]["list"] if x != gone["title"]]
    back = import_pia(d)
    assert back.operation.measures == tuple(m for m in op.measures if m.id != "builtin:encryption")
    note = next(n for n in back.notes if "builtin:encryption" in n.fr)
    assert "supprimée" in note.fr
    assert "deleted" in note.en
    before = _risk_levels(op, "cnil:illegitimate_access")[1]
    after = _risk_levels(back.operation, "cnil:illegitimate_access")[1]
    assert before is not None
    assert after is not None
    assert after.rank > before.rank  # encryption no longer lowers the likelihood


def test_measure_renamed_in_the_tool_is_the_same_measure() -> None:
    """A title edited in the tool keeps the measure (found by the id aipd wrote in its content), with the new title."""
    op, d = _exported("compteurs-eau.yaml")
    m = next(m for m in d["measures"] if m["content"].endswith("[builtin:encryption]</p>"))
    m["title"] = "Chiffrement AES-256 des index"
    back = import_pia(d)
    assert [x.id for x in back.operation.measures] == [x.id for x in op.measures]
    assert next(x for x in back.operation.measures if x.id == "builtin:encryption").title == m["title"]
    assert back.notes == ()


def test_tool_file_measure_to_fix_is_planned_with_its_due_date_and_owner() -> None:
    """A measure the tool's evaluator says « à corriger », with an action plan, a date and a person in charge,
    comes in planned, with that due date and owner, in the action plan; the comments are in the notes."""
    title = "Chiffrement des enregistrements"
    d = _tool_file(
        [{"reference_to": 324, "data": {"text": None, "gauge": None, "list": [title]}}],
        [
            {
                "reference_to": "3.1.7",
                "status": 1,
                "evaluation_comment": "Pas encore déployé",
                "action_plan_comment": "Déployer le chiffrement",
                "estimated_implementation_date": "2026-12-31T00:00:00.000Z",
                "person_in_charge": "DSI",
            }
        ],
        [{"id": 7, "title": title, "content": "<p>Chiffrement AES des disques</p>"}],
    )
    back = import_pia(d)
    (m,) = back.operation.measures
    assert (m.status, m.due, m.owner) == (MeasureStatus.PLANNED, dt.date(2026, 12, 31), "DSI")
    assert m.description == "Chiffrement AES des disques"
    rows = aipd.assess(back.operation).action_plan.rows  # type: ignore[union-attr]
    # The measure and, after it, only what the analysis leaves to do (facts the tool file lacks).
    assert [(r.id, r.status) for r in rows if r.kind != "facts"] == [(m.id, MeasureStatus.PLANNED)]
    note = next(n for n in back.notes if title in n.fr)
    assert "à corriger" in note.fr
    assert "Déployer le chiffrement" in note.fr
    assert "counted as planned" in note.en


def test_measure_status_and_evaluation_edited_in_the_tool() -> None:
    """In a file aipd exported, a content changed from « En place » to « Prévue », or an evaluation « à corriger »
    with a date and a person in charge, makes the measure planned with that due date and owner."""
    op, d = _exported("compteurs-eau.yaml")
    enc = next(m for m in d["measures"] if m["content"].endswith("[builtin:encryption]</p>"))
    enc["content"] = enc["content"].replace("En place [builtin:encryption]", "Prévue [builtin:encryption]")
    implemented = [
        m.id for m in op.measures if m.status is MeasureStatus.IMPLEMENTED and m.id != "builtin:encryption"
    ]
    other = next(m for m in d["measures"] if m["content"].endswith(f"[{implemented[0]}]</p>"))
    d["evaluations"].append(
        {
            **next(e for e in d["evaluations"] if e["reference_to"].startswith("3.1.")),
            "reference_to": f"3.1.{other['id']}",
            "status": 1,
            "action_plan_comment": "Revoir",
            "estimated_implementation_date": "2026-06-30T00:00:00.000Z",
            "person_in_charge": "DSI",
        }
    )
    back = import_pia(d)
    got = {m.id: m for m in back.operation.measures}
    assert got["builtin:encryption"].status is MeasureStatus.PLANNED
    assert (got[implemented[0]].status, got[implemented[0]].due, got[implemented[0]].owner) == (
        MeasureStatus.PLANNED,
        dt.date(2026, 6, 30),
        "DSI",
    )
    unchanged = {m.id: m for m in op.measures if m.id not in ("builtin:encryption", implemented[0])}
    assert {k: v for k, v in got.items() if k in unchanged} == unchanged
    assert any("Prévue" in n.fr and "En place" in n.fr for n in back.notes)
    rows = {r.id for r in aipd.assess(back.operation).action_plan.rows}  # type: ignore[union-attr]
    assert {"builtin:encryption", implemented[0]} <= rows


def test_evaluator_verdicts_to_fix_become_notes_and_actions() -> None:
    """« À corriger » on a risk (3.3) or a principle (2.1.215, 2.2.221) comes back as a note and an action of the
    plan with the evaluator's action plan, date and person; the risk keeps aipd's levels; nothing is added twice."""
    op, d = _exported("compteurs-eau.yaml")
    ev33 = next(e for e in d["evaluations"] if e["reference_to"] == "3.3")
    assert ev33["status"] == 3
    ev33.update(
        status=1,
        evaluation_comment="Sauvegardes non testées",
        action_plan_comment="Tester la restauration",
        person_in_charge="DSI",
        estimated_implementation_date="2026-03-31T00:00:00.000Z",
    )
    for ref in ("2.1.215", "2.2.221"):
        d["evaluations"].append(
            {**ev33, "reference_to": ref, "action_plan_comment": "", "gauges": {"x": 0, "y": 0}}
        )
    back = import_pia(d)
    assert back.operation.actions[: len(op.actions)] == op.actions
    new = back.operation.actions[len(op.actions) :]
    assert [a.action for a in new] == [
        "Durées de conservation (PIA 2.1.215) : Sauvegardes non testées",
        "Information des personnes (PIA 2.2.221) : Sauvegardes non testées",
        "Modification non désirée de données (PIA 3.3) : Tester la restauration",
    ]
    assert {(a.owner, a.due, a.status) for a in new} == {("DSI", dt.date(2026, 3, 31), MeasureStatus.PLANNED)}
    note = next(n for n in back.notes if "3.3" in n.fr)
    assert "à corriger" in note.fr
    assert "acceptable" in note.fr  # aipd's verdict, for comparison
    assert "Tester la restauration" in note.en
    assert back.operation.risk_judgements == op.risk_judgements
    rows = aipd.assess(back.operation).action_plan.rows  # type: ignore[union-attr]
    assert len(rows) == len(aipd.assess(op).action_plan.rows) + 3  # type: ignore[union-attr]
    d2 = json.loads(json.dumps(export_pia(aipd.assess(back.operation))))
    d2["evaluations"] += [e for e in d["evaluations"] if e["reference_to"].startswith("2.")]
    assert import_pia(d2).operation.actions == back.operation.actions


def test_tool_file_verdict_to_fix_becomes_an_action() -> None:
    """In a file made in the tool, a principle judged « à corriger » becomes an action and a note."""
    d = _tool_file(
        [],
        [
            {
                "reference_to": "2.1.215",
                "status": 1,
                "evaluation_comment": "Durée non justifiée",
                "person_in_charge": "DGS",
            }
        ],
    )
    back = import_pia(d)
    assert [(a.action, a.owner) for a in back.operation.actions] == [
        ("Durées de conservation (PIA 2.1.215) : Durée non justifiée", "DGS")
    ]
    assert any("2.1.215" in n.fr and "à corriger" in n.fr for n in back.notes)


def test_measure_taken_out_of_a_risk_list_in_the_tool_is_said() -> None:
    """A measure taken out of answer 324 only (still a measure) goes on lowering that risk in aipd, which counts
    measures by type: the import says so; one put in a risk's list that aipd does not count for it is said too."""
    op, d = _exported("compteurs-eau.yaml")
    enc = next(m for m in d["measures"] if m["content"].endswith("[builtin:encryption]</p>"))
    lists = {
        a["reference_to"]: a["data"]["list"] for a in d["answers"] if a["reference_to"] in (324, 334, 344)
    }
    assert enc["title"] in lists[324]
    lists[324].remove(enc["title"])
    extra = next(m["title"] for m in d["measures"] if m["title"] not in lists[344])
    lists[344].append(extra)
    back = import_pia(d)
    assert back.operation == op
    taken, added = back.notes
    assert enc["title"] in taken.fr
    assert "324" in taken.fr
    assert "compte toujours" in taken.fr
    assert extra in added.fr
    assert "344" in added.en
    assert "does not count" in added.en
