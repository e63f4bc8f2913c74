"""The verdict with the built-in rules: WP248's annex table, the order of the rules, and two properties.

Properties: adding a fact that meets a WP248 criterion never lowers the verdict
(``Requirement.severity``) outside an exemption, and ``aipd.assess`` is
deterministic. Operations come from ``tests/strategies.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aipd
from aipd.model import DataCategory, LegalFramework, ProcessingOperation, Purpose, Scale, SubjectCategory
from aipd.registry import Registry
from aipd.screening import Finding, Reason, Requirement
from aipd.vocabulary import (
    Article9Exception,
    DataKind,
    DecisionEffect,
    Domain,
    LegalBasis,
    LegalRegime,
    OrganisationKind,
    Status,
    SubjectKind,
)
from aipd_builtin import gdpr, wp248
from rule_cases import evolve, quiet, registry
from strategies import ai_systems, operations

REGISTRY = registry()


def assess(op: ProcessingOperation, reg: Registry = REGISTRY) -> aipd.Assessment:
    return aipd.assess(op, registry=reg)


def criteria(result: aipd.Assessment) -> set[str]:
    return {c.removeprefix("wp248:") for c in result.verdict.criteria_met}


# --- WP248 rev.01, Annex: the table of examples (legal reference A.3) ----------------------------


def hospital() -> ProcessingOperation:
    return quiet(
        domains=(Domain.HEALTH_CARE,),
        data=(DataCategory(kind=DataKind.GENETIC), DataCategory(kind=DataKind.HEALTH)),
        data_subjects=(SubjectCategory(kind=SubjectKind.PATIENTS, count=250_000),),
        scale=Scale(persons=250_000, relevant_population=1_200_000),
        legal=LegalFramework(article9_exception=Article9Exception.HEALTH_SOCIAL_CARE),
    )


def highway_cameras() -> ProcessingOperation:
    op = quiet(domains=(Domain.TRAFFIC_MOBILITY,), data=(DataCategory(kind=DataKind.IMAGE),))
    op = evolve(op, "monitoring", systematic=True, public_area=True)
    return evolve(op, "technology", innovative=True)


def employee_monitoring() -> ProcessingOperation:
    op = quiet(
        domains=(Domain.AGENT_ASSISTANCE,),
        data_subjects=(SubjectCategory(kind=SubjectKind.AGENTS, count=300),),
    )
    return evolve(op, "monitoring", systematic=True, agents=True)


def social_media_profiles() -> ProcessingOperation:
    op = quiet(
        domains=(Domain.STATISTICS,),
        data=(DataCategory(kind=DataKind.POLITICAL_OPINIONS),),
        scale=Scale(persons=400_000, relevant_population=2_000_000),
        legal=LegalFramework(article9_exception=Article9Exception.MADE_PUBLIC),
    )
    op = evolve(op, "evaluation", scoring=True, profiling=True)
    return evolve(
        op, "matching", combines=True, different_purposes_or_controllers=True, beyond_expectations=True
    )


def credit_rating_database() -> ProcessingOperation:
    op = quiet(
        domains=(Domain.FRAUD_DETECTION,),
        data=(DataCategory(kind=DataKind.FINANCIAL),),
        scale=Scale(persons=2_000, relevant_population=60_000_000, records=5_000, data_items=12),
    )
    op = evolve(op, "evaluation", scoring=True, systematic_extensive=True)
    return evolve(op, "decisions", automated=True, effect=DecisionEffect.LEGAL, access_to_rights=True)


def research_archive() -> ProcessingOperation:
    op = quiet(
        domains=(Domain.STATISTICS,),
        data=(DataCategory(kind=DataKind.HEALTH),),
        data_subjects=(SubjectCategory(kind=SubjectKind.PATIENTS, count=800),),
        legal=LegalFramework(article9_exception=Article9Exception.ARCHIVING_RESEARCH),
    )
    return evolve(op, "decisions", access_to_rights=True)


def individual_physician() -> ProcessingOperation:
    return quiet(
        controller=aipd.model.Controller(name="Dr Martin", kind=OrganisationKind.OTHER, agents=2),
        domains=(Domain.INDIVIDUAL_HEALTH_PROFESSIONAL, Domain.HEALTH_CARE),
        data=(DataCategory(kind=DataKind.IDENTITY), DataCategory(kind=DataKind.HEALTH)),
        data_subjects=(SubjectCategory(kind=SubjectKind.PATIENTS, count=1_800),),
        scale=Scale(persons=1_800, relevant_population=4_000),
        legal=LegalFramework(article9_exception=Article9Exception.HEALTH_SOCIAL_CARE),
    )


def magazine_digest() -> ProcessingOperation:
    return quiet(scale=Scale(persons=200_000, relevant_population=60_000_000))


def vintage_car_parts_shop() -> ProcessingOperation:
    return evolve(quiet(), "evaluation", scoring=True, profiling=True)


ANNEX: list[tuple[str, Callable[[], ProcessingOperation], set[str], bool]] = [
    ("hospital", hospital, {"sensitive_data", "vulnerable_subjects", "large_scale"}, True),
    ("highway-cameras", highway_cameras, {"systematic_monitoring", "innovative_use"}, True),
    ("employee-monitoring", employee_monitoring, {"systematic_monitoring", "vulnerable_subjects"}, True),
    (
        "social-media-profiles",
        social_media_profiles,
        {"evaluation_scoring", "large_scale", "matching_combining", "sensitive_data"},
        True,
    ),
    (
        "credit-rating-database",
        credit_rating_database,
        {"evaluation_scoring", "automated_decision", "prevents_right", "sensitive_data"},
        True,
    ),
    ("research-archive", research_archive, {"sensitive_data", "vulnerable_subjects", "prevents_right"}, True),
    ("individual-physician", individual_physician, {"sensitive_data", "vulnerable_subjects"}, False),
    ("magazine-digest", magazine_digest, {"large_scale"}, False),
    ("vintage-car-parts", vintage_car_parts_shop, {"evaluation_scoring"}, False),
]


@pytest.mark.parametrize(
    ("build", "expected", "required"), [pytest.param(b, c, r, id=name) for name, b, c, r in ANNEX]
)
def test_wp248_annex_example(
    build: Callable[[], ProcessingOperation], expected: set[str], required: bool
) -> None:
    """Each row of the WP248 annex meets the criteria the guidelines list and gets their outcome."""
    result = assess(build())
    assert criteria(result) == expected
    want = Requirement.REQUIRED if required else Requirement.NOT_REQUIRED
    assert result.verdict.requirement is want
    assert not result.missing_facts


def test_annex_row_7_is_decided_by_the_rule_not_the_count() -> None:
    """The physician meets two criteria; the exemption (item 6), not the count, makes the DPIA unneeded."""
    result = assess(individual_physician())
    assert result.verdict.reason is Reason.EXEMPTION
    assert result.verdict.decisive == ("cnil-2019-118:6",)
    assert "exempt_despite_criteria" in {n.code for n in result.notices}
    large = {f.id: f for f in result.findings}["wp248:large_scale"]
    assert "considérant 91" in large.rationale.fr
    without_lists = Registry(builtins=False, entry_points=False, plugins=[("w", wp248), ("g", gdpr)])
    assert assess(individual_physician(), without_lists).verdict.requirement is Requirement.REQUIRED


# --- the verdict rule ---------------------------------------------------------------------------


def test_two_criteria_require_a_dpia() -> None:
    """Two counted criteria and nothing else: required, for two criteria, naming them."""
    result = assess(employee_monitoring())
    assert result.verdict.requirement is Requirement.REQUIRED
    assert result.verdict.reason is Reason.TWO_CRITERIA
    assert "wp248:systematic_monitoring" in result.verdict.explanation.fr
    # WP248 III.B.a: "in most cases" two criteria call for a DPIA, a presumption the reason says as such.
    assert "requise en principe" in result.verdict.reason.fr
    assert "justifier et documenter" in result.verdict.reason.fr
    assert "required in principle" in result.verdict.reason.en


def test_one_criterion_is_not_required_with_a_notice() -> None:
    """One criterion: not required, and the single-criterion notice asks the DPO to judge."""
    result = assess(magazine_digest())
    assert result.verdict.requirement is Requirement.NOT_REQUIRED
    assert result.verdict.reason is Reason.SINGLE_CRITERION
    assert [n.code for n in result.notices] == ["single_criterion"]


def test_nothing_met_is_not_required() -> None:
    """No criterion and no rule: not required, for no high risk."""
    result = assess(quiet())
    assert result.verdict.requirement is Requirement.NOT_REQUIRED
    assert result.verdict.reason is Reason.NO_HIGH_RISK


def test_no_criterion_met_but_one_unknown_says_so() -> None:
    """No criterion met and one unknown: still not required (one criterion at most), but the verdict
    names the unknown criterion and the criterion_unsettled notice asks for its facts, never silent."""
    result = assess(evolve(quiet(), "technology", innovative=None))
    assert result.verdict.requirement is Requirement.NOT_REQUIRED
    assert result.verdict.criteria_unknown == ("wp248:innovative_use",)
    assert "wp248:innovative_use" in result.verdict.explanation.fr
    notice = {n.code: n for n in result.notices}["criterion_unsettled"]
    assert notice.related == ("wp248:innovative_use",)
    assert "technology.innovative" in result.missing_facts
    assert "criterion_unsettled" not in {n.code for n in assess(quiet()).notices}


def test_required_list_beats_an_exemption() -> None:
    """School services with biometric canteen access: item 11 of the required list prevails."""
    op = quiet(
        domains=(Domain.SCHOOL_SERVICES,),
        data=(DataCategory(kind=DataKind.BIOMETRIC),),
        data_subjects=(SubjectCategory(kind=SubjectKind.CHILDREN, count=600),),
        legal=LegalFramework(article9_exception=Article9Exception.EXPLICIT_CONSENT),
    )
    result = assess(op)
    assert result.verdict.requirement is Requirement.REQUIRED
    assert result.verdict.decisive == ("cnil-2018-327:11",)


def test_mandatory_rule_beats_a_met_exemption() -> None:
    """Monitoring a public area on a large scale is mandatory (art. 35(3)(c)) even where an exemption matches."""
    op = quiet(domains=(Domain.ELECTORAL_ROLL,), scale=Scale(persons=40_000, relevant_population=50_000))
    op = evolve(op, "monitoring", systematic=True, public_area=True)
    op = attrs.evolve(
        op, data_subjects=(SubjectCategory(kind=SubjectKind.RESIDENTS, count=40_000, vulnerable=False),)
    )
    result = assess(op)
    assert result.verdict.requirement is Requirement.REQUIRED
    assert result.verdict.decisive == ("gdpr:art35-3-c",)
    assert "exemption_overridden" in {n.code for n in result.notices}


def test_exemption_sets_two_criteria_aside() -> None:
    """School services with children's health data meet two criteria, yet item 10 exempts them."""
    op = quiet(
        domains=(Domain.SCHOOL_SERVICES, Domain.TAXATION_BILLING),
        data=(DataCategory(kind=DataKind.HEALTH),),
        data_subjects=(SubjectCategory(kind=SubjectKind.CHILDREN, count=1_150),),
        scale=Scale(persons=3_050, relevant_population=9_800),
        legal=LegalFramework(article9_exception=Article9Exception.EXPLICIT_CONSENT),
    )
    result = assess(op)
    assert result.verdict.requirement is Requirement.NOT_REQUIRED
    assert result.verdict.decisive == ("cnil-2019-118:10",)
    assert criteria(result) == {"sensitive_data", "vulnerable_subjects", "large_scale"}


def test_article_35_10_prevails_over_a_mandatory_case() -> None:
    """A law adopted with a general impact assessment sets art. 35(3) aside, and says so."""
    op = quiet(
        purposes=(
            Purpose(description="Vidéoprotection", legal_basis=LegalBasis.PUBLIC_TASK, legal_text="Loi n° X"),
        ),
        legal=LegalFramework(specific_law="Loi n° X, art. 10", specific_law_impact_assessed=True),
        scale=Scale(persons=40_000, relevant_population=50_000),
    )
    op = evolve(op, "monitoring", systematic=True, public_area=True)
    result = assess(op)
    assert result.verdict.requirement is Requirement.NOT_REQUIRED
    assert result.verdict.decisive == ("gdpr:art35-10",)
    assert "mandatory_set_aside" in {n.code for n in result.notices}
    unsettled = assess(attrs.evolve(op, legal=attrs.evolve(op.legal, specific_law_impact_assessed=None)))
    assert unsettled.verdict.requirement is Requirement.INCOMPLETE
    assert unsettled.missing_facts == ("legal.specific_law_impact_assessed",)


def test_unknowns_make_it_incomplete_with_the_facts_needed() -> None:
    """One criterion met and others unknown: incomplete, listing the facts to give."""
    op = evolve(evolve(magazine_digest(), "evaluation", scoring=None), "technology", innovative=None)
    result = assess(op)
    assert result.verdict.requirement is Requirement.INCOMPLETE
    assert result.verdict.reason is Reason.MISSING_FACTS
    assert {"evaluation.scoring", "technology.innovative"} <= set(result.missing_facts)


def test_two_criteria_with_an_unsettled_exemption_is_incomplete() -> None:
    """School services with two criteria but unknown scoring: the exemption may apply, so incomplete."""
    op = quiet(
        domains=(Domain.SCHOOL_SERVICES,),
        data=(DataCategory(kind=DataKind.HEALTH),),
        data_subjects=(SubjectCategory(kind=SubjectKind.CHILDREN, count=600),),
        legal=LegalFramework(article9_exception=Article9Exception.EXPLICIT_CONSENT),
    )
    op = evolve(op, "evaluation", scoring=None, profiling=None)
    result = assess(op)
    assert result.verdict.requirement is Requirement.INCOMPLETE
    assert "cnil-2019-118:10" in result.verdict.decisive
    assert "evaluation.scoring" in result.missing_facts


def test_blocking_issue_reported_beside_the_verdict() -> None:
    """A validated record with health data and no art. 9(2) exception: blocking issue, verdict still given."""
    op = hospital()
    op = attrs.evolve(op, status=Status.VALIDATED, legal=LegalFramework())
    result = assess(op)
    assert [f.id for f in result.blocking] == ["gdpr:no-art9-exception"]
    assert result.verdict.requirement is Requirement.REQUIRED


def test_possible_blocking_issue_on_a_draft_is_a_notice() -> None:
    """The same draft gives a possible blocking issue, not a blocking one."""
    result = assess(attrs.evolve(hospital(), legal=LegalFramework()))
    assert not result.blocking
    assert "possible_blocking_issue" in {n.code for n in result.notices}


def test_default_registry_loads_the_screening_plugins() -> None:
    """The default registry registers builtin.wp248, builtin.gdpr and builtin.cnil_lists by name."""
    names = {p.name for p in Registry(entry_points=False).plugins}
    assert {"builtin.wp248", "builtin.gdpr", "builtin.cnil_lists"} <= names
    result = aipd.assess(magazine_digest(), registry=Registry(entry_points=False))
    assert {f.plugin.name for f in result.findings if f.id.startswith("cnil-")} == {"builtin.cnil_lists"}
    assert len([f for f in result.findings if f.group == "wp248"]) == 9


def test_findings_are_what_their_constructor_builds() -> None:
    """Screening fills a finding's dictionary directly (for speed): every field is set, in the order
    __init__ sets them, and nothing else."""
    from pathlib import Path

    from aipd.io import load

    registry = Registry()
    rules = {rule.id: rule for rule, _plugin in registry.catalogue().rules}
    for example in sorted(Path(__file__).parent.parent.joinpath("examples").glob("*.yaml")):
        for finding in aipd.assess(load(example), registry=registry).findings:
            fields = attrs.asdict(finding, recurse=False)  # raises if a field was left unset
            built = Finding(**fields)
            assert built == finding
            assert list(vars(finding).items()) == list(vars(built).items())
            rule = rules[finding.id]
            assert (finding.title, finding.source, finding.effect) == (rule.title, rule.source, rule.effect)


# --- properties ----------------------------------------------------------------------------------


def _add(op: ProcessingOperation, field: str, value: Any) -> ProcessingOperation:
    return attrs.evolve(op, **{field: (*getattr(op, field), value)})


#: Changes that each make one WP248 criterion met, whatever the operation was.
MEETING: dict[str, Callable[[ProcessingOperation], ProcessingOperation]] = {
    "evaluation_scoring": lambda op: evolve(op, "evaluation", scoring=True),
    "automated_decision": lambda op: evolve(op, "decisions", automated=True, effect=DecisionEffect.LEGAL),
    "systematic_monitoring": lambda op: evolve(op, "monitoring", systematic=True),
    "sensitive_data": lambda op: _add(op, "data", DataCategory(kind=DataKind.HEALTH)),
    "large_scale": lambda op: evolve(op, "scale", persons=10**7),
    "matching_combining": lambda op: evolve(
        op, "matching", combines=True, different_purposes_or_controllers=True, beyond_expectations=True
    ),
    "vulnerable_subjects": lambda op: _add(op, "data_subjects", SubjectCategory(kind=SubjectKind.CHILDREN)),
    "innovative_use": lambda op: evolve(op, "technology", innovative=True),
    "prevents_right": lambda op: evolve(op, "decisions", access_to_rights=True),
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(op=operations(), key=st.sampled_from(sorted(MEETING)))
def test_meeting_a_criterion_never_lowers_the_verdict(op: ProcessingOperation, key: str) -> None:
    """Adding a fact that meets a WP248 criterion never lowers the verdict's severity, outside an exemption."""
    before = assess(op).verdict
    changed = MEETING[key](op)
    after = assess(changed).verdict
    if not any(f.id == f"wp248:{key}" and f.met for f in assess(changed).findings):
        return  # the recital 91 case: an individual professional is never large scale
    if after.reason is Reason.EXEMPTION:
        return
    assert after.requirement.severity >= before.requirement.severity
    if before.requirement is Requirement.REQUIRED:
        assert after.requirement is Requirement.REQUIRED


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(op=operations())
def test_assess_is_deterministic(op: ProcessingOperation) -> None:
    """The same operation gives the same findings, verdict, notices and missing facts, with fresh registries too."""
    first = assess(op)
    second = assess(op, registry())
    assert first.screening == second.screening
    assert first.input_digest == second.input_digest


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    persons=st.integers(min_value=0, max_value=10**6),
    subject=st.sampled_from([SubjectKind.CHILDREN, SubjectKind.USERS, SubjectKind.PATIENTS]),
    ai=ai_systems(biometric_identification=st.none(), biometric_verification_only=st.none()),
    regime=st.sampled_from([None, LegalRegime.POLICE_JUSTICE]),
)
def test_an_unstated_biometric_identification_never_reads_as_none(
    persons: int, subject: SubjectKind, ai: Any, regime: LegalRegime | None
) -> None:
    """An AI system on images whose biometric identification is not stated: wherever stating it would make
    the DPIA required, the verdict without it is never « not required » (an unknown fact is never a no)."""
    op = quiet(
        data=(DataCategory(kind=DataKind.IDENTITY), DataCategory(kind=DataKind.IMAGE)),
        data_subjects=(SubjectCategory(kind=subject, count=persons, vulnerable=False),),
        scale=Scale(persons=persons),
        legal=LegalFramework(regime=regime, on_behalf_of_state=False),
        ai_system=ai,
    )
    stated = attrs.evolve(op, ai_system=attrs.evolve(ai, biometric_identification=True))
    if assess(stated).verdict.requirement is Requirement.REQUIRED:
        assert assess(op).verdict.requirement is not Requirement.NOT_REQUIRED
