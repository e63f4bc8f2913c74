"""Contradictory facts: a warning naming both fields, and a screening that never reads the favourable side."""

from __future__ import annotations

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import strategies
from aipd.catalogue import FindingStatus
from aipd.consistency import contradictions
from aipd.model import AISystem, SubjectCategory
from aipd.screening import screen
from aipd.settings import Settings
from aipd.summary import summary
from aipd.vocabulary import (
    AITechnique,
    DecisionEffect,
    EvaluationAspect,
    HumanInvolvement,
    SubjectKind,
    Vulnerability,
)
from aipd_builtin import ai_act
from rule_cases import evolve, quiet, registry, run

MET, NOT_MET, UNKNOWN = FindingStatus.MET, FindingStatus.NOT_MET, FindingStatus.UNKNOWN


def _notices(op: object) -> list[tuple[str, ...]]:
    result = screen(op, registry().catalogue(), Settings())  # type: ignore[arg-type]
    return [n.related for n in result.notices if n.code == "contradictory_facts"]


def test_no_scoring_with_aspects_is_unknown_and_warned() -> None:
    """`evaluation.scoring: false` with aspects evaluated: criterion 1 unknown (not "not met"), and a
    warning naming both fields in French and English."""
    op = evolve(quiet(), "evaluation", aspects=(EvaluationAspect.ECONOMIC_SITUATION,))
    outcome = run("wp248:evaluation_scoring", op)
    assert outcome.status is UNKNOWN
    assert set(outcome.missing) == {"evaluation.scoring", "evaluation.aspects"}
    (found,) = contradictions(op)
    assert found.fields == ("evaluation.scoring", "evaluation.aspects")
    assert "evaluation.scoring" in found.message.fr
    assert "evaluation.aspects" in found.message.fr
    assert "evaluation.aspects" in found.message.en
    assert "Faits contradictoires" in found.message.fr
    assert "Contradictory facts" in found.message.en
    assert _notices(op) == [("evaluation.scoring", "evaluation.aspects")]


def test_no_scoring_with_a_systematic_extensive_evaluation_is_unknown() -> None:
    """An art. 35(3)(a) evaluation declared while scoring is denied: criterion 1 unknown."""
    op = evolve(quiet(), "evaluation", systematic_extensive=True)
    assert run("wp248:evaluation_scoring", op).status is UNKNOWN
    assert _notices(op) == [("evaluation.scoring", "evaluation.systematic_extensive")]


def test_no_scoring_with_profiling_keeps_the_unfavourable_reading() -> None:
    """Profiling declared while scoring is denied: criterion 1 met, and the contradiction warned."""
    op = evolve(quiet(), "evaluation", profiling=True)
    assert run("wp248:evaluation_scoring", op).status is MET
    assert _notices(op) == [("evaluation.scoring", "evaluation.profiling")]


def test_solely_automated_decisions_said_not_automated_are_unknown() -> None:
    """`decisions.automated: false` with human involvement "none" (solely automated): criterion 2 and
    art. 35(3)(a) are not read as "not met"."""
    op = evolve(quiet(), "decisions", human_involvement=HumanInvolvement.NONE, effect=DecisionEffect.LEGAL)
    outcome = run("wp248:automated_decision", op)
    assert outcome.status is UNKNOWN
    assert "decisions.human_involvement" in outcome.missing
    assert _notices(op) == [("decisions.automated", "decisions.human_involvement")]


def test_solely_automated_decisions_said_not_automated_without_effect_are_not_met_by_their_effect() -> None:
    """The same contradiction on decisions without notable effect: criterion 2 is not met on either
    reading, and the rationale gives the effect, not the contradicted « no automated decision »."""
    op = evolve(quiet(), "decisions", human_involvement=HumanInvolvement.NONE, effect=DecisionEffect.NONE)
    outcome = run("wp248:automated_decision", op)
    assert outcome.status is NOT_MET
    assert outcome.rationale.fr.startswith("Les décisions prises n'ont ni effet juridique")
    assert _notices(op) == [("decisions.automated", "decisions.human_involvement")]


def test_access_to_a_right_with_no_effect_is_unknown() -> None:
    """Decisions with "no notable effect" that refuse access to a right: criterion 2 unknown."""
    op = evolve(quiet(), "decisions", automated=True, access_to_rights=True)
    assert run("wp248:automated_decision", op).status is UNKNOWN
    assert ("decisions.effect", "decisions.access_to_rights") in _notices(op)


def test_constant_monitoring_said_not_systematic_is_unknown() -> None:
    """Constant monitoring declared not systematic: criterion 3 unknown."""
    op = evolve(quiet(), "monitoring", constant=True)
    assert run("wp248:systematic_monitoring", op).status is UNKNOWN
    assert _notices(op) == [("monitoring.systematic", "monitoring.constant")]


def test_datasets_listed_while_matching_denied_is_unknown() -> None:
    """Two datasets listed as combined while no matching is declared: criterion 6 unknown."""
    op = evolve(quiet(), "matching", sources=("Fichier CAF", "Fichier DGFiP"))
    assert run("wp248:matching_combining", op).status is UNKNOWN
    assert _notices(op) == [("matching.combines", "matching.sources")]


def test_persons_said_not_vulnerable_with_reasons_stay_vulnerable_and_warned() -> None:
    """`vulnerable: false` with reasons given: vulnerable (the unfavourable reading), and warned."""
    subjects = (
        SubjectCategory(
            kind=SubjectKind.USERS, count=300, vulnerable=False, vulnerabilities=(Vulnerability.CHILD,)
        ),
    )
    op = quiet(data_subjects=subjects)
    assert run("wp248:vulnerable_subjects", op).status is MET
    assert _notices(op) == [("data_subjects[0].vulnerable", "data_subjects[0].vulnerabilities")]


def test_ai_system_said_not_to_infer_but_learning_is_not_ruled_out() -> None:
    """A system "that does not infer" but uses machine learning: the AI Act qualification is unknown,
    never "not an AI system"."""
    ai = AISystem(
        name="Outil", techniques=(AITechnique.MACHINE_LEARNING,), infers_outputs=False, autonomy=True
    )
    op = quiet(ai_system=ai)
    outcome = ai_act.qualification(op)
    assert outcome.status is UNKNOWN
    assert set(outcome.missing) == {"ai_system.infers_outputs", "ai_system.techniques"}
    assert ("ai_system.infers_outputs", "ai_system.techniques") in [c.fields for c in contradictions(op)]


def test_check_summary_prints_the_warning() -> None:
    """`aipd check` (the summary) prints each contradiction as a warning, in each language."""
    op = evolve(quiet(), "monitoring", constant=True)
    assert "Avertissement" in summary(op, "fr")
    assert "monitoring.constant" in summary(op, "fr")
    assert "Warning: Contradictory facts" in summary(op, "en")
    assert "Avertissement" not in summary(quiet(), "fr")


@given(
    aspects=st.lists(st.sampled_from(EvaluationAspect), max_size=3, unique=True),
    systematic_extensive=st.sampled_from([None, False, True]),
    profiling=st.sampled_from([None, False, True]),
)
def test_denied_scoring_is_never_not_met_while_something_says_otherwise(
    aspects: list[EvaluationAspect], systematic_extensive: bool | None, profiling: bool | None
) -> None:
    """Whatever the other evaluation facts, "no scoring" is read as not met only when nothing
    contradicts it; otherwise met or unknown, with the warning."""
    op = evolve(
        quiet(),
        "evaluation",
        aspects=tuple(aspects),
        systematic_extensive=systematic_extensive,
        profiling=profiling,
    )
    status = run("wp248:evaluation_scoring", op).status
    contradicted = bool(aspects) or bool(systematic_extensive) or bool(profiling)
    assert (status is NOT_MET) is (not contradicted)
    assert bool(contradictions(op)) is contradicted


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.operations())
def test_a_contradiction_never_leaves_its_rule_not_met(op: object) -> None:
    """For any operation: a contradiction on the facts of criteria 1, 2, 3 or 6 leaves that criterion
    met or unknown, never "not met"."""
    rules = {
        "evaluation.scoring": "wp248:evaluation_scoring",
        "decisions.automated": "wp248:automated_decision",
        "decisions.effect": "wp248:automated_decision",
        "monitoring.systematic": "wp248:systematic_monitoring",
        "matching.combines": "wp248:matching_combining",
    }
    for c in contradictions(op):  # type: ignore[arg-type]
        rule = rules.get(c.fields[0])
        if rule is None:
            continue
        outcome = run(rule, op)  # type: ignore[arg-type]
        if c.fields == ("decisions.automated", "decisions.human_involvement") and (
            op.decisions.effect is DecisionEffect.NONE  # type: ignore[attr-defined]
        ):
            # Decisions without notable effect: criterion 2 is not met on either reading of the
            # contradiction, and the rationale rests on the effect, not on the contradicted fact.
            assert outcome.status is NOT_MET
            assert "effet" in outcome.rationale.fr
            continue
        assert outcome.status is not NOT_MET, c.fields
