"""The nine WP248 rev.01 criteria: met, not met and unknown, with the facts quoted and the source named."""

from __future__ import annotations

from typing import Any

import pytest

from aipd.catalogue import Effect, FindingStatus
from aipd.model import (
    AISystem,
    Controller,
    DataCategory,
    ProcessingOperation,
    Scale,
    SubjectCategory,
    Technology,
    Transfer,
)
from aipd.settings import Settings
from aipd.vocabulary import (
    AIOutput,
    AITechnique,
    DataKind,
    DecisionEffect,
    Domain,
    Frequency,
    GeographicExtent,
    OrganisationKind,
    SubjectKind,
    Vulnerability,
)
from aipd_builtin import wp248
from rule_cases import evolve, quiet, run

MET, NOT_MET, UNKNOWN = FindingStatus.MET, FindingStatus.NOT_MET, FindingStatus.UNKNOWN
NBSP = "\u00a0"

IDS = (
    "wp248:evaluation_scoring",
    "wp248:automated_decision",
    "wp248:systematic_monitoring",
    "wp248:sensitive_data",
    "wp248:large_scale",
    "wp248:matching_combining",
    "wp248:vulnerable_subjects",
    "wp248:innovative_use",
    "wp248:prevents_right",
)


def test_nine_counted_criteria_in_the_order_of_the_guidelines() -> None:
    """Exactly nine criteria, counted, in group wp248, each citing III.B.a and its number."""
    assert tuple(c.id for c in wp248.CRITERIA) == IDS
    for number, c in enumerate(wp248.CRITERIA, start=1):
        assert c.effect is Effect.COUNTS
        assert c.group == "wp248"
        assert c.counts_as is None
        assert f"III.B.a, critère {number} " in c.source.citation.fr
        assert f"III.B.a, criterion {number} " in c.source.citation.en
        assert c.source.url is not None


def test_citations_name_the_provisions_the_guidelines_cite() -> None:
    """Each criterion cites the GDPR provisions WP248 III.B.a names for it, and none it does not: criterion 8
    rests on art. 35(1) and recitals 89 and 91; criterion 6 cites no GDPR provision (art. 35(1) was added)."""
    cited = {c.id: c.source.citation for c in wp248.CRITERIA}
    expected = {
        "wp248:evaluation_scoring": "RGPD, considérants 71 et 91",
        "wp248:automated_decision": "RGPD, art. 35.3.a",
        "wp248:systematic_monitoring": "RGPD, art. 35.3.c",
        "wp248:sensitive_data": "RGPD, art. 9 et 10",
        "wp248:large_scale": "RGPD, considérant 91",
        "wp248:vulnerable_subjects": "RGPD, considérant 75",
        "wp248:innovative_use": "RGPD, art. 35.1 et considérants 89 et 91",
        "wp248:prevents_right": "RGPD, art. 22 et considérant 91",
    }
    for rule_id, gdpr in expected.items():
        assert cited[rule_id].fr.endswith(gdpr), rule_id
    assert "RGPD" not in cited["wp248:matching_combining"].fr
    assert "GDPR" not in cited["wp248:matching_combining"].en
    assert cited["wp248:innovative_use"].en.endswith("GDPR, art. 35(1) and recitals 89 and 91")


def test_reliability_follows_the_reference_markers() -> None:
    """Criteria 1 to 3 were read in a reproduction; 4 to 9 are marked recalled."""
    reliability = {c.id: c.source.reliability for c in wp248.CRITERIA}
    assert [reliability[i] for i in IDS[:3]] == ["verified"] * 3
    assert {reliability[i] for i in IDS[3:]} == {"recalled"}


def test_no_tenth_criterion_for_transfers_outside_the_eu() -> None:
    """A transfer outside the EU meets no criterion, and the module says why there is no tenth."""
    op = quiet(transfers=(Transfer(recipient="Fournisseur", country="US"),))
    assert all(run(i, op).status is NOT_MET for i in IDS)
    assert "tenth" in (wp248.__doc__ or "")
    assert not [c for c in wp248.CRITERIA if "transfer" in c.id]


CASES: list[tuple[str, str, dict[str, Any], FindingStatus, tuple[str, ...]]] = [
    # (criterion, case, changes to quiet(): {"part.field": value} or {"field": value}, status, missing)
    ("evaluation_scoring", "scoring", {"evaluation.scoring": True}, MET, ()),
    ("evaluation_scoring", "profiling", {"evaluation.profiling": True}, MET, ()),
    ("evaluation_scoring", "none", {}, NOT_MET, ()),
    ("evaluation_scoring", "unknown", {"evaluation.scoring": None}, UNKNOWN, ("evaluation.scoring",)),
    (
        "automated_decision",
        "legal effect",
        {"decisions.automated": True, "decisions.effect": DecisionEffect.LEGAL},
        MET,
        (),
    ),
    ("automated_decision", "no effect", {"decisions.automated": True}, NOT_MET, ()),
    ("automated_decision", "not automated", {"decisions.effect": DecisionEffect.LEGAL}, NOT_MET, ()),
    (
        "automated_decision",
        "effect unknown",
        {"decisions.automated": True, "decisions.effect": None},
        UNKNOWN,
        ("decisions.effect",),
    ),
    ("systematic_monitoring", "systematic", {"monitoring.systematic": True}, MET, ()),
    ("systematic_monitoring", "not systematic", {"monitoring.agents": True}, NOT_MET, ()),
    (
        "systematic_monitoring",
        "unknown",
        {"monitoring.systematic": None},
        UNKNOWN,
        ("monitoring.systematic",),
    ),
    ("sensitive_data", "health", {"data": (DataCategory(kind=DataKind.HEALTH),)}, MET, ()),
    ("sensitive_data", "offences", {"data": (DataCategory(kind=DataKind.OFFENCES),)}, MET, ()),
    ("sensitive_data", "location", {"data": (DataCategory(kind=DataKind.LOCATION),)}, MET, ()),
    ("sensitive_data", "identity", {}, NOT_MET, ()),
    ("sensitive_data", "undeclared", {"data": ()}, UNKNOWN, ("data",)),
    ("large_scale", "many persons", {"scale.persons": 60_000}, MET, ()),
    ("large_scale", "few persons", {}, NOT_MET, ()),
    (
        "large_scale",
        "persons unknown",
        {"scale.persons": None, "data_subjects": ()},
        UNKNOWN,
        ("scale.persons",),
    ),
    (
        "matching_combining",
        "beyond expectations",
        {
            "matching.combines": True,
            "matching.different_purposes_or_controllers": True,
            "matching.beyond_expectations": True,
        },
        MET,
        (),
    ),
    (
        "matching_combining",
        "expected",
        {"matching.combines": True, "matching.different_purposes_or_controllers": True},
        NOT_MET,
        (),
    ),
    (
        "matching_combining",
        "no matching",
        {"matching.different_purposes_or_controllers": None, "matching.beyond_expectations": None},
        NOT_MET,
        (),
    ),
    (
        "matching_combining",
        "unknown",
        {
            "matching.combines": True,
            "matching.different_purposes_or_controllers": None,
            "matching.beyond_expectations": None,
        },
        UNKNOWN,
        ("matching.different_purposes_or_controllers", "matching.beyond_expectations"),
    ),
    (
        "vulnerable_subjects",
        "declared",
        {
            "data_subjects": (
                SubjectCategory(kind=SubjectKind.USERS, vulnerabilities=(Vulnerability.DISABILITY,)),
            )
        },
        MET,
        (),
    ),
    (
        "vulnerable_subjects",
        "children",
        {"data_subjects": (SubjectCategory(kind=SubjectKind.CHILDREN),)},
        MET,
        (),
    ),
    (
        "vulnerable_subjects",
        "agents",
        {"data_subjects": (SubjectCategory(kind=SubjectKind.AGENTS, vulnerable=False),)},
        MET,
        (),
    ),
    ("vulnerable_subjects", "users", {}, NOT_MET, ()),
    (
        "vulnerable_subjects",
        "not said",
        {"data_subjects": (SubjectCategory(kind=SubjectKind.RESIDENTS),)},
        UNKNOWN,
        ("data_subjects[0].vulnerable",),
    ),
    ("vulnerable_subjects", "undeclared", {"data_subjects": ()}, UNKNOWN, ("data_subjects",)),
    ("innovative_use", "declared", {"technology.innovative": True}, MET, ()),
    ("innovative_use", "declared not", {}, NOT_MET, ()),
    ("innovative_use", "unknown", {"technology.innovative": None}, UNKNOWN, ("technology.innovative",)),
    ("prevents_right", "access to rights", {"decisions.access_to_rights": True}, MET, ()),
    ("prevents_right", "contract exclusion", {"domains": (Domain.CONTRACT_EXCLUSION,)}, MET, ()),
    ("prevents_right", "none", {}, NOT_MET, ()),
    (
        "prevents_right",
        "unknown",
        {"decisions.access_to_rights": None},
        UNKNOWN,
        ("decisions.access_to_rights",),
    ),
]


def build(changes: dict[str, Any]) -> ProcessingOperation:
    op = quiet(**{k: v for k, v in changes.items() if "." not in k})
    for key, value in changes.items():
        if "." in key:
            part, field = key.split(".")
            op = evolve(op, part, **{field: value})
    return op


@pytest.mark.parametrize(
    ("key", "changes", "status", "missing"),
    [pytest.param(k, c, s, m, id=f"{k}-{case}") for k, case, c, s, m in CASES],
)
def test_criterion_outcome(
    key: str, changes: dict[str, Any], status: FindingStatus, missing: tuple[str, ...]
) -> None:
    """Each criterion is met, not met or unknown as its deciding facts say, naming the facts still needed."""
    outcome = run(f"wp248:{key}", build(changes))
    assert outcome.status is status
    assert outcome.missing == missing


def test_every_criterion_has_each_outcome() -> None:
    """The cases above cover met, not met and unknown for all nine criteria."""
    seen = {(k, s) for k, _, _, s, _ in CASES}
    assert seen == {(i.split(":")[1], s) for i in IDS for s in (MET, NOT_MET, UNKNOWN)}


# --- large scale ------------------------------------------------------------------------------


def scaled(**scale: Any) -> ProcessingOperation:
    return quiet(scale=Scale(**scale))


def test_large_scale_quotes_persons_share_and_threshold() -> None:
    """The rationale quotes the persons, their share and the threshold used, in each language."""
    outcome = run("wp248:large_scale", scaled(persons=12_000, relevant_population=34_286))
    assert outcome.status is MET
    assert (
        f"12{NBSP}000 personnes concernées, soit 35{NBSP}% de la population de référence"
        in outcome.rationale.fr
    )
    assert f"(seuil retenu : 5{NBSP}000 personnes)" in outcome.rationale.fr
    assert "12,000 persons concerned, 35% of the relevant population" in outcome.rationale.en


def test_large_scale_met_by_the_known_categories_whatever_the_others_count() -> None:
    """The total is unknown when a category's count is, but 6 000 known persons already reach the
    threshold: adding a category without its count never turns the criterion into an unknown
    (found by the property that meeting a criterion never lowers the verdict)."""
    counted = quiet(scale=Scale(), data_subjects=(SubjectCategory(kind=SubjectKind.RESIDENTS, count=6_000),))
    more = quiet(
        scale=Scale(),
        data_subjects=(*counted.data_subjects, SubjectCategory(kind=SubjectKind.CHILDREN)),
    )
    assert more.persons is None
    for rule in ("wp248:large_scale", "gdpr:art35-3-c"):
        before, after = run(rule, counted), run(rule, more)
        assert not (before.status is MET and after.status is not MET), rule
    outcome = run("wp248:large_scale", more)
    assert outcome.status is MET
    assert f"Au moins 6{NBSP}000 personnes" in outcome.rationale.fr
    few = quiet(
        scale=Scale(),
        data_subjects=(
            SubjectCategory(kind=SubjectKind.RESIDENTS, count=40),
            SubjectCategory(kind=SubjectKind.CHILDREN),
        ),
    )
    assert run("wp248:large_scale", few).missing == ("scale.persons",)


def test_large_scale_by_share_of_the_population() -> None:
    """Below the absolute figure, a large share of the relevant population is large scale."""
    assert run("wp248:large_scale", scaled(persons=3_000, relevant_population=9_000)).status is MET
    assert (
        run(
            "wp248:large_scale", scaled(persons=3_000, relevant_population=90_000, records=10, data_items=8)
        ).status
        is NOT_MET
    )


def test_large_scale_share_needs_a_minimum_of_persons() -> None:
    """All 400 agents of a body are not large scale: the share rule needs 1,000 persons."""
    outcome = run("wp248:large_scale", scaled(persons=400, relevant_population=400))
    assert outcome.status is NOT_MET
    assert f"1{NBSP}000" in outcome.rationale.fr


def test_large_scale_by_volume_permanence_and_extent_together() -> None:
    """The WP243 factors together make it large scale; one of them missing does not."""
    wide = {
        "persons": 2_000,
        "relevant_population": 500_000,
        "records": 2_000_000,
        "frequency": Frequency.CONTINUOUS,
        "geographic_extent": GeographicExtent.DEPARTMENT,
    }
    assert run("wp248:large_scale", scaled(**wide)).status is MET
    assert run("wp248:large_scale", scaled(**(wide | {"frequency": Frequency.ONE_OFF}))).status is NOT_MET
    assert (
        run("wp248:large_scale", scaled(**(wide | {"geographic_extent": GeographicExtent.SITE}))).status
        is NOT_MET
    )
    pending = run("wp248:large_scale", scaled(**(wide | {"records": None})))
    assert pending.status is UNKNOWN
    assert pending.missing == ("scale.records", "scale.data_items")


def test_large_scale_volume_factor_reads_the_range_of_data_items() -> None:
    """WP248 criterion 5 (b) is « the volume of data and/or the range of different data items »: a
    wide range of data items meets the volume factor even with few records; few items and few records
    do not; few records with the number of items unknown leave the criterion unknown, never not met."""
    wide = {
        "persons": 2_000,
        "relevant_population": 500_000,
        "records": 2_000,
        "frequency": Frequency.CONTINUOUS,
        "geographic_extent": GeographicExtent.DEPARTMENT,
    }
    many = run("wp248:large_scale", scaled(**(wide | {"data_items": 80})))
    assert many.status is MET
    assert "80 types de données collectés (seuil retenu : 50)" in many.rationale.fr
    assert "80 different data items" in many.rationale.en
    assert run("wp248:large_scale", scaled(**(wide | {"data_items": 12}))).status is NOT_MET
    unknown = run("wp248:large_scale", scaled(**wide))
    assert unknown.status is UNKNOWN
    assert unknown.missing == ("scale.data_items",)
    assert (
        run(
            "wp248:large_scale", scaled(**(wide | {"data_items": 80})), Settings(large_scale_data_items=100)
        ).status
        is NOT_MET
    )


def test_large_scale_unknown_population_is_asked_for() -> None:
    """2,000 persons without a relevant population: the share cannot be computed, so it is asked for."""
    outcome = run("wp248:large_scale", scaled(persons=2_000, records=10, data_items=8))
    assert outcome.status is UNKNOWN
    assert outcome.missing == ("scale.relevant_population",)


def test_large_scale_persons_from_subject_counts() -> None:
    """Without scale.persons, the sum of the categories' counts is used."""
    op = quiet(
        scale=Scale(),
        data_subjects=(
            SubjectCategory(kind=SubjectKind.USERS, count=4_000, vulnerable=False),
            SubjectCategory(kind=SubjectKind.PARENTS, count=2_000, vulnerable=False),
        ),
    )
    assert run("wp248:large_scale", op).status is MET


def test_large_scale_thresholds_come_from_settings() -> None:
    """Raising the threshold in Settings changes the outcome and the figure quoted."""
    op = scaled(persons=6_000, relevant_population=1_000_000, records=10, data_items=8)
    assert run("wp248:large_scale", op).status is MET
    outcome = run("wp248:large_scale", op, Settings(large_scale_persons=10_000))
    assert outcome.status is NOT_MET
    assert f"10{NBSP}000" in outcome.rationale.fr


@pytest.mark.parametrize("domain", [Domain.INDIVIDUAL_HEALTH_PROFESSIONAL, Domain.INDIVIDUAL_LAWYER])
def test_recital_91_individual_professional_is_never_large_scale(domain: Domain) -> None:
    """An individual physician or lawyer is not large scale, whatever the figures (recital 91)."""
    practice = Controller(name="Cabinet", kind=OrganisationKind.OTHER, agents=2)
    outcome = run(
        "wp248:large_scale", quiet(domains=(domain,), scale=Scale(persons=80_000), controller=practice)
    )
    assert outcome.status is NOT_MET
    assert "considérant 91" in outcome.rationale.fr


# --- innovative use: the CNIL's AI nuance -------------------------------------------------------


def with_ai(*techniques: AITechnique, innovative: bool | None = None) -> ProcessingOperation:
    return quiet(
        technology=Technology(innovative=innovative),
        ai_system=AISystem(name="Assistant", techniques=techniques),
    )


@pytest.mark.parametrize("technique", [AITechnique.DEEP_LEARNING, AITechnique.GENERATIVE])
def test_new_ai_techniques_are_presumed_innovative(technique: AITechnique) -> None:
    """Deep learning and generative AI are presumed innovative, citing the CNIL's AI sheet."""
    outcome = run("wp248:innovative_use", with_ai(AITechnique.RULES, technique))
    assert outcome.status is MET
    assert "fiche IA n° 5" in outcome.rationale.fr


@pytest.mark.parametrize(
    "technique",
    [AITechnique.RULES, AITechnique.STATISTICS, AITechnique.MACHINE_LEARNING, AITechnique.LOGIC_KNOWLEDGE],
)
def test_proven_ai_techniques_are_not_innovative_per_se(technique: AITechnique) -> None:
    """Rules, statistics and classical machine learning are not innovative in themselves, but the rest of
    the solution may be: the criterion stays open, as it is without the AI (adding one never lowers it)."""
    outcome = run("wp248:innovative_use", with_ai(technique))
    assert outcome.status is UNKNOWN
    assert outcome.missing == ("technology.innovative",)
    assert "pas un usage innovant en soi" in outcome.rationale.fr
    without_ai = run("wp248:innovative_use", quiet(technology=Technology(innovative=None)))
    assert without_ai.status is UNKNOWN
    assert run("wp248:innovative_use", with_ai(technique, innovative=False)).status is NOT_MET


def test_explicit_innovative_fact_prevails_over_the_presumption() -> None:
    """technology.innovative decides both ways, whatever the techniques."""
    assert run("wp248:innovative_use", with_ai(AITechnique.DEEP_LEARNING, innovative=False)).status is NOT_MET
    assert run("wp248:innovative_use", with_ai(AITechnique.RULES, innovative=True)).status is MET


def test_ai_without_techniques_asks_for_them() -> None:
    """An AI system with no technique stated leaves the criterion unknown, asking for both facts."""
    outcome = run("wp248:innovative_use", with_ai())
    assert outcome.status is UNKNOWN
    assert outcome.missing == ("technology.innovative", "ai_system.techniques")


# --- rationales quote the facts ------------------------------------------------------------------


def test_evaluation_quotes_ai_scores_and_aspects() -> None:
    """An AI system producing scores meets criterion 1 even when evaluation.scoring is unknown."""
    op = evolve(
        quiet(ai_system=AISystem(name="Score", outputs=(AIOutput.SCORE,))), "evaluation", scoring=None
    )
    outcome = run("wp248:evaluation_scoring", op)
    assert outcome.status is MET
    assert "« Score »" in outcome.rationale.fr


def test_vulnerable_rationale_names_the_categories() -> None:
    """The rationale names the vulnerable categories and why."""
    op = quiet(data_subjects=(SubjectCategory(kind=SubjectKind.AGENTS, count=40),))
    outcome = run("wp248:vulnerable_subjects", op)
    assert "« Agents, salariés »" in outcome.rationale.fr
    assert "employees (subordination)" in outcome.rationale.en


def test_job_applicants_are_vulnerable_by_power_imbalance() -> None:
    """Job applicants meet criterion 7 on their kind alone (power imbalance, as employees; CNIL list
    2018-327 item 3 cites the criterion for recruitment), and the rationale says it is this library's
    reading, with its ground."""
    op = quiet(data_subjects=(SubjectCategory(kind=SubjectKind.CANDIDATES, count=900),))
    outcome = run("wp248:vulnerable_subjects", op)
    assert outcome.status is MET
    assert "lecture de cette bibliothèque" in outcome.rationale.fr
    assert "2018-327" in outcome.rationale.fr
    assert "this library's reading" in outcome.rationale.en


def test_sensitive_rationale_lists_the_data() -> None:
    """The rationale lists the sensitive categories found, in each language."""
    op = quiet(data=(DataCategory(kind=DataKind.IDENTITY), DataCategory(kind=DataKind.HEALTH)))
    outcome = run("wp248:sensitive_data", op)
    assert "« Données de santé (art. 9) »" in outcome.rationale.fr
    assert "'Health data (art. 9)'" in outcome.rationale.en


def test_sensitive_data_include_an_ai_systems_biometric_data() -> None:
    """Criterion 4 counts the biometric data an AI system identifies or verifies persons from (art. 9(1)),
    and is unknown, asking the fact, when a system working on images does not say."""
    images = (DataCategory(kind=DataKind.IMAGE),)
    verifying = AISystem(
        name="Badge facial", biometric_identification=False, biometric_verification_only=True
    )
    assert run("wp248:sensitive_data", quiet(data=images, ai_system=verifying)).status is MET
    silent = AISystem(name="Analyse vidéo", techniques=(AITechnique.MACHINE_LEARNING,))
    outcome = run("wp248:sensitive_data", quiet(data=images, ai_system=silent))
    assert outcome.status is UNKNOWN
    assert outcome.missing == ("ai_system.biometric_identification",)


def test_descriptions_separate_the_guidelines_examples_from_aipd_readings() -> None:
    """Criteria 4 and 7 go beyond the guidelines' examples (social situation, NIR; protected adults, social
    aid recipients): the description says which are the library's reading, so a DPO does not quote them
    as WP248's own."""
    by_id = {c.id: c for c in wp248.CRITERIA}
    for rule_id in ("wp248:sensitive_data", "wp248:vulnerable_subjects"):
        description = by_id[rule_id].description
        assert description is not None
        assert "exemples des lignes directrices" in description.fr
        assert "lecture de cette bibliothèque" in description.fr
        assert "this library's reading" in description.en
