"""The AI Act: the rules of ``builtin.ai_act`` and the analysis of :mod:`aipd.ai_act`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from tests.strategies import operations

import aipd
from aipd.ai_act import AIActClass, FRIAStatus, classify
from aipd.catalogue import Effect, FindingStatus
from aipd.model import (
    AISystem,
    Controller,
    DataCategory,
    Decisions,
    LegalFramework,
    Measure,
    Monitoring,
    ProcessingOperation,
    Purpose,
    Retention,
    Scale,
    SubjectCategory,
)
from aipd.registry import Registry
from aipd.screening import Reason, Screening, screen
from aipd.settings import Settings
from aipd.vocabulary import (
    AIArea,
    AIOutput,
    AIRole,
    AITechnique,
    Art63Condition,
    DataKind,
    DecisionEffect,
    Domain,
    FinalFate,
    Frequency,
    HumanInvolvement,
    OrganisationKind,
    Status,
    SubjectKind,
)
from aipd_builtin.ai_act import CRITERIA, JO_2024_END

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CATALOGUE = Registry(entry_points=False).catalogue()
RULES = {c.id: c for c in CRITERIA}

#: A plain deployed system with every art. 5, art. 50 and biometric fact answered "no".
BASE_AI = AISystem(
    name="Système",
    description="Propose une orientation des demandes",
    techniques=(AITechnique.MACHINE_LEARNING,),
    role=AIRole.DEPLOYER,
    infers_outputs=True,
    autonomy=True,
    outputs=(AIOutput.RECOMMENDATION,),
    profiling=False,
    social_scoring=False,
    score_used_in_unrelated_context=False,
    crime_prediction_by_profiling=False,
    manipulative_techniques=False,
    exploits_vulnerabilities=False,
    facial_scraping=False,
    biometric_identification=False,
    biometric_verification_only=False,
    remote=False,
    real_time=False,
    publicly_accessible_space=False,
    law_enforcement=False,
    biometric_categorisation=False,
    infers_sensitive_attributes=False,
    infers_protected_attributes=False,
    emotion_recognition=False,
    workplace_or_education=False,
    medical_or_safety_reason=False,
    interacts_with_persons=False,
    generates_synthetic_content=False,
    deep_fake=False,
    public_interest_text=False,
    editorial_review=False,
    trained_on_own_data=False,
    training_data_scraped=False,
)
BASE = ProcessingOperation(
    id="test-ia",
    name="Traitement de test",
    controller=Controller(name="Ville de Test", kind=OrganisationKind.COMMUNE, agents=120),
    ai_system=BASE_AI,
    data=(DataCategory(kind=DataKind.IDENTITY),),
    data_subjects=(SubjectCategory(kind=SubjectKind.RESIDENTS),),
    updated=dt.date(2026, 3, 1),
)


def with_ai(op: ProcessingOperation = BASE, **facts: object) -> ProcessingOperation:
    assert op.ai_system is not None
    return attrs.evolve(op, ai_system=attrs.evolve(op.ai_system, **facts))


def status(op: ProcessingOperation, rule_id: str) -> FindingStatus:
    return RULES[rule_id].test(op, Settings()).status


def screened(op: ProcessingOperation) -> Screening:
    return screen(op, CATALOGUE, Settings())


def analysed(op: ProcessingOperation) -> aipd.Assessment:
    return aipd.assess(op, registry=Registry(entry_points=False))


def ai_class(op: ProcessingOperation) -> AIActClass:
    return classify(op, screened(op).findings).ai_class


ART5 = {
    "a": {"manipulative_techniques": True},
    "b": {"exploits_vulnerabilities": True},
    "c": {"social_scoring": True, "score_used_in_unrelated_context": True},
    "d": {"crime_prediction_by_profiling": True},
    "e": {"facial_scraping": True},
    "f": {"emotion_recognition": True, "workplace_or_education": True},
    "g": {"biometric_categorisation": True, "infers_sensitive_attributes": True},
    "h": {
        "biometric_identification": True,
        "remote": True,
        "real_time": True,
        "publicly_accessible_space": True,
        "law_enforcement": True,
    },
}


# --- the catalogue ------------------------------------------------------------------------------


def test_rules_are_registered_with_their_effects() -> None:
    """The built-in registry carries every AI Act rule with the effect the text gives it."""
    ids = {c.id for c in CATALOGUE.criteria}
    assert {f"ai-act:art5-1-{x}" for x in "abcdefgh"} <= ids
    assert {f"ai-act:annex-iii-{a.annex_iii_point}" for a in AIArea} <= ids
    assert all(RULES[f"ai-act:art5-1-{x}"].effect is Effect.BLOCKS for x in "abcdefgh")
    assert RULES["ai-act:high-risk-dpia-presumption"].effect is Effect.REQUIRES
    assert RULES["ai-act:high-risk-dpia-presumption"].source.reliability == "secondary"
    assert RULES["fr:jo2024-experiment-ended"].effect is Effect.BLOCKS
    assert RULES["fr:jo2024-experiment-ended"].group == "fr-law"
    assert CATALOGUE.origin("ai-act:ai-system").name == "builtin.ai_act"


def test_without_ai_system_no_rule_is_met_or_unknown() -> None:
    """An operation without an AI system meets no AI Act rule and leaves none unknown."""
    op = attrs.evolve(BASE, ai_system=None)
    assert {status(op, i) for i in RULES} == {FindingStatus.NOT_MET}
    assert analysed(op).ai_act is None


# --- art. 3(1) ------------------------------------------------------------------------------------


def test_rules_written_by_people_are_not_an_ai_system() -> None:
    """A system of human-written rules is not an AI system (recital 12), and no AI Act rule applies."""
    op = with_ai(techniques=(AITechnique.RULES,), infers_outputs=None, **ART5["c"])
    assert status(op, "ai-act:ai-system") is FindingStatus.NOT_MET
    assert status(op, "ai-act:art5-1-c") is FindingStatus.NOT_MET
    assert ai_class(op) is AIActClass.NOT_AI_SYSTEM


def test_no_autonomy_is_not_an_ai_system() -> None:
    """A system without any autonomy is not an AI system (art. 3(1))."""
    assert status(with_ai(autonomy=False), "ai-act:ai-system") is FindingStatus.NOT_MET


def test_unknown_qualification_keeps_a_met_rule_unknown() -> None:
    """While art. 3(1) is unsettled, a prohibition the facts would meet is unknown, asking for the definition."""
    op = with_ai(techniques=(), infers_outputs=None, autonomy=None, manipulative_techniques=True)
    outcome = RULES["ai-act:art5-1-a"].test(op, Settings())
    assert outcome.status is FindingStatus.UNKNOWN
    assert {"ai_system.infers_outputs", "ai_system.autonomy"} <= set(outcome.missing)
    assert status(with_ai(techniques=(), infers_outputs=None, autonomy=None), "ai-act:art5-1-a") is (
        FindingStatus.NOT_MET
    )


@pytest.mark.parametrize(
    ("facts", "expected", "article"),
    [
        ({"areas": (AIArea.RECRUITMENT,)}, AIActClass.HIGH_RISK, "annexe III, point 4 a"),
        ({"manipulative_techniques": True}, AIActClass.PROHIBITED, "art. 5.1 (a)"),
        ({"interacts_with_persons": True}, AIActClass.TRANSPARENCY, "art. 50 (1)"),
        ({}, AIActClass.MINIMAL_RISK, "art. 95"),
    ],
)
def test_unknown_qualification_points_to_the_class_the_known_facts_give(
    facts: dict[str, object], expected: AIActClass, article: str
) -> None:
    """While art. 3(1) is open, the provisional class and article are those the other facts give.

    Before, every rule being unknown, a declared recruitment system read « unknown (the known facts
    point to: minimal risk) » with art. 95 as its article.
    """
    op = with_ai(autonomy=None, **facts)
    result = classify(op, screened(op).findings)
    assert result.ai_class is AIActClass.UNKNOWN
    assert result.provisional_class is expected
    assert article in result.article.fr
    assert "ai_system.autonomy" in result.missing_facts


# --- art. 5 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("letter", sorted(ART5))
def test_each_prohibited_practice_is_met_by_its_facts(letter: str) -> None:
    """Each art. 5(1) point is met by its own facts, blocks, and makes the system prohibited."""
    op = with_ai(**ART5[letter])
    if letter in "efgh":
        op = attrs.evolve(op, data=(DataCategory(kind=DataKind.IMAGE),))
    met = {i for i in RULES if i.startswith("ai-act:art5-1-") and status(op, i) is FindingStatus.MET}
    assert met == {f"ai-act:art5-1-{letter}"}
    assert f"ai-act:art5-1-{letter}" in {f.id for f in screened(op).blocking}
    result = classify(op, screened(op).findings)
    assert result.ai_class is AIActClass.PROHIBITED
    assert result.prohibited == (f"ai-act:art5-1-{letter}",)
    assert "ai-act:art5" in {d.id for d in result.duties}
    assert result.fria.due is False


@pytest.mark.parametrize("letter", sorted(ART5))
def test_each_prohibited_practice_is_not_met_without_its_facts(letter: str) -> None:
    """With every fact answered "no", no art. 5(1) point is met."""
    assert status(BASE, f"ai-act:art5-1-{letter}") is FindingStatus.NOT_MET


@pytest.mark.parametrize("letter", sorted(ART5))
def test_each_prohibited_practice_is_unknown_without_facts(letter: str) -> None:
    """With its facts unknown (and image data, so nothing rules biometrics out), each point is unknown."""
    blank = dict.fromkeys(ART5[letter])
    op = attrs.evolve(with_ai(**blank), data=(DataCategory(kind=DataKind.IMAGE),))
    if letter in "cd":
        op = attrs.evolve(op, ai_system=attrs.evolve(op.ai_system, profiling=None))
    outcome = RULES[f"ai-act:art5-1-{letter}"].test(op, Settings())
    assert outcome.status is FindingStatus.UNKNOWN
    assert outcome.missing


def test_biometric_categorisation_prohibition_names_both_exclusions() -> None:
    """Art. 5(1)(g) names two exclusions: lawful dataset labelling, and law-enforcement categorisation.

    Before, the rationale named only the first, so a police use read as prohibited with no word of it.
    """
    op = attrs.evolve(with_ai(**ART5["g"]), data=(DataCategory(kind=DataKind.IMAGE),))
    outcome = RULES["ai-act:art5-1-g"].test(op, Settings())
    assert outcome.status is FindingStatus.MET
    assert "domaine répressif" in outcome.rationale.fr
    assert "law enforcement" in outcome.rationale.en


def test_social_scoring_without_detrimental_treatment_is_allowed() -> None:
    """Art. 5(1)(c) needs the score to lead to detrimental or disproportionate treatment."""
    op = with_ai(social_scoring=True, score_used_in_unrelated_context=False)
    assert status(op, "ai-act:art5-1-c") is FindingStatus.NOT_MET


def test_social_scoring_is_not_limited_to_public_authorities() -> None:
    """Art. 5(1)(c) binds a private body as much as a public one."""
    op = attrs.evolve(
        with_ai(**ART5["c"]), controller=Controller(name="Société", kind=OrganisationKind.OTHER)
    )
    assert status(op, "ai-act:art5-1-c") is FindingStatus.MET
    assert "public" in RULES["ai-act:art5-1-c"].description.en  # type: ignore[union-attr]  # set


def test_emotion_recognition_for_medical_or_safety_reasons_is_not_prohibited() -> None:
    """Art. 5(1)(f) does not cover emotion recognition put in place for medical or safety reasons."""
    op = with_ai(emotion_recognition=True, workplace_or_education=True, medical_or_safety_reason=True)
    assert status(op, "ai-act:art5-1-f") is FindingStatus.NOT_MET


def test_emotion_recognition_outside_work_and_education_is_not_prohibited() -> None:
    """Art. 5(1)(f) only covers workplaces and education institutions."""
    op = with_ai(emotion_recognition=True, workplace_or_education=False)
    assert status(op, "ai-act:art5-1-f") is FindingStatus.NOT_MET


def test_biometric_verification_is_not_remote_identification() -> None:
    """Verifying a claimed identity is neither art. 5(1)(h) nor Annex III 1(a)."""
    op = with_ai(
        **ART5["h"], biometric_verification_only=True, areas=(AIArea.REMOTE_BIOMETRIC_IDENTIFICATION,)
    )
    assert status(op, "ai-act:art5-1-h") is FindingStatus.NOT_MET
    assert status(op, "ai-act:annex-iii-1-a") is FindingStatus.NOT_MET


def test_remote_identification_outside_law_enforcement_is_high_risk_not_prohibited() -> None:
    """Outside law enforcement, real-time remote identification is Annex III 1(a), not art. 5(1)(h)."""
    facts = {**ART5["h"], "law_enforcement": False}
    op = with_ai(**facts, areas=(AIArea.REMOTE_BIOMETRIC_IDENTIFICATION,))
    assert status(op, "ai-act:art5-1-h") is FindingStatus.NOT_MET
    assert ai_class(op) is AIActClass.HIGH_RISK


def test_biometric_practices_are_ruled_out_without_biometric_inputs() -> None:
    """Without image, voice or biometric data, the biometric prohibitions are not met even if unstated."""
    blank = {
        "facial_scraping": None,
        "emotion_recognition": None,
        "biometric_categorisation": None,
        "biometric_identification": None,
    }
    op = with_ai(**blank)
    for letter in "efgh":
        assert status(op, f"ai-act:art5-1-{letter}") is FindingStatus.NOT_MET


def test_law_enforcement_is_read_from_the_police_justice_regime() -> None:
    """Processing under the police-justice directive is for law enforcement (art. 5(1)(h))."""
    facts = {**ART5["h"], "law_enforcement": None}
    op = attrs.evolve(with_ai(**facts), legal=LegalFramework(regime=aipd.model.LegalRegime.POLICE_JUSTICE))
    assert status(op, "ai-act:art5-1-h") is FindingStatus.MET


# --- Annex III and art. 6(3) ----------------------------------------------------------------------


@pytest.mark.parametrize("area", list(AIArea))
def test_each_annex_iii_point_makes_the_system_high_risk(area: AIArea) -> None:
    """An area of Annex III declared without art. 6(3) makes the system high-risk on that point."""
    op = with_ai(areas=(area,))
    rule_id = f"ai-act:annex-iii-{area.annex_iii_point}"
    assert status(op, rule_id) is FindingStatus.MET
    assert status(BASE, rule_id) is FindingStatus.NOT_MET
    result = classify(op, screened(op).findings)
    assert result.ai_class is AIActClass.HIGH_RISK
    assert result.annex_iii == (rule_id,)
    assert screened(op).verdict.requirement is aipd.Requirement.REQUIRED
    assert "ai-act:high-risk-dpia-presumption" in screened(op).verdict.decisive


@pytest.mark.parametrize(
    ("facts", "rule_id"),
    [
        ({"emotion_recognition": True}, "ai-act:annex-iii-1-c"),
        ({"biometric_identification": True, "remote": True}, "ai-act:annex-iii-1-a"),
        ({"biometric_categorisation": True, "infers_sensitive_attributes": True}, "ai-act:annex-iii-1-b"),
    ],
)
def test_biometric_annex_iii_points_follow_the_systems_facts_even_with_no_area_declared(
    facts: dict[str, object], rule_id: str
) -> None:
    """``areas`` defaults to empty: a use the AI system's own facts describe is still an Annex III use."""
    op = with_ai(**facts)
    assert op.ai_system is not None
    assert op.ai_system.areas == ()
    outcome = RULES[rule_id].test(op, Settings())
    assert outcome.status is FindingStatus.MET
    assert "ai_system.areas" in outcome.rationale.fr
    assert ai_class(op) in (AIActClass.HIGH_RISK, AIActClass.PROHIBITED)


def test_biometric_facts_half_known_leave_the_annex_iii_point_open() -> None:
    """Identification with ``remote`` unknown, categorisation with the attributes unknown: asked, not denied."""
    rbi = RULES["ai-act:annex-iii-1-a"].test(with_ai(biometric_identification=True, remote=None), Settings())
    assert (rbi.status, rbi.missing) == (FindingStatus.UNKNOWN, ("ai_system.remote",))
    cat = RULES["ai-act:annex-iii-1-b"].test(
        with_ai(biometric_categorisation=True, infers_sensitive_attributes=None), Settings()
    )
    assert (cat.status, cat.missing) == (FindingStatus.UNKNOWN, ("ai_system.infers_sensitive_attributes",))
    # Verification only stays excluded from 1(a), whatever the other facts say.
    only = with_ai(biometric_identification=True, remote=True, biometric_verification_only=True)
    assert status(only, "ai-act:annex-iii-1-a") is FindingStatus.NOT_MET


def test_categorisation_by_other_protected_attributes_is_high_risk_not_prohibited() -> None:
    """Annex III 1(b) covers sensitive or protected attributes beyond the art. 5(1)(g) list.

    Before, a categorisation that inferred none of the 5(1)(g) attributes was not 1(b), though the
    5(1)(g) rationale said « la catégorisation reste à haut risque » : a camera sorting persons by
    health or disability came out « transparency » with no FRIA.
    """
    op = attrs.evolve(
        with_ai(biometric_categorisation=True, infers_protected_attributes=True),
        data=(DataCategory(kind=DataKind.IMAGE),),
    )
    assert status(op, "ai-act:art5-1-g") is FindingStatus.NOT_MET
    assert status(op, "ai-act:annex-iii-1-b") is FindingStatus.MET
    result = classify(op, screened(op).findings)
    assert (result.ai_class, result.annex_iii) == (AIActClass.HIGH_RISK, ("ai-act:annex-iii-1-b",))
    assert result.fria.due is True
    # The other attributes unknown: the point is asked, not denied.
    open_ = with_ai(op, infers_protected_attributes=None)
    outcome = RULES["ai-act:annex-iii-1-b"].test(open_, Settings())
    assert (outcome.status, outcome.missing) == (
        FindingStatus.UNKNOWN,
        ("ai_system.infers_protected_attributes",),
    )
    # Neither kind of attribute: not 1(b) (art. 50(3) still applies).
    assert (
        status(with_ai(op, infers_protected_attributes=False), "ai-act:annex-iii-1-b")
        is FindingStatus.NOT_MET
    )


@pytest.mark.parametrize(
    ("facts", "rule_id", "asked"),
    [
        ({"emotion_recognition": None}, "ai-act:annex-iii-1-c", ("ai_system.emotion_recognition",)),
        (
            {"biometric_identification": None, "remote": None},
            "ai-act:annex-iii-1-a",
            ("ai_system.biometric_identification", "ai_system.remote"),
        ),
        (
            {"biometric_categorisation": None, "infers_sensitive_attributes": None},
            "ai-act:annex-iii-1-b",
            ("ai_system.biometric_categorisation", "ai_system.infers_sensitive_attributes"),
        ),
    ],
)
def test_a_biometric_use_left_blank_leaves_its_annex_iii_point_open(
    facts: dict[str, object], rule_id: str, asked: tuple[str, ...]
) -> None:
    """With images processed and the biometric fact unknown, the Annex III 1 point is asked, not denied.

    The prohibitions that read the same fact are settled "no" by other facts here (not at work, not
    for law enforcement): before, nothing asked the fact, and a kiosk whose emotion recognition was
    left blank came out « transparency » (or « minimal risk ») with no FRIA.
    """
    op = attrs.evolve(
        with_ai(interacts_with_persons=True, **facts), data=(DataCategory(kind=DataKind.IMAGE),)
    )
    outcome = RULES[rule_id].test(op, Settings())
    assert (outcome.status, outcome.missing) == (FindingStatus.UNKNOWN, asked)
    result = classify(op, screened(op).findings)
    assert result.ai_class is AIActClass.UNKNOWN
    assert result.fria.due is None
    assert set(asked) <= set(result.missing_facts)
    assert status(op, "ai-act:high-risk-dpia-presumption") is FindingStatus.UNKNOWN
    # Nothing biometric data could come from: the point is not met.
    assert status(attrs.evolve(op, data=(DataCategory(kind=DataKind.IDENTITY),)), rule_id) is (
        FindingStatus.NOT_MET
    )


@pytest.mark.parametrize(
    ("domain", "rule_id"),
    [
        (Domain.RECRUITMENT, "ai-act:annex-iii-4-a"),
        (Domain.HR_MANAGEMENT, "ai-act:annex-iii-4-b"),
        (Domain.SOCIAL_AID, "ai-act:annex-iii-5-a"),
        (Domain.SOCIAL_HOUSING, "ai-act:annex-iii-5-a"),
        (Domain.SOCIAL_SUPPORT, "ai-act:annex-iii-5-a"),
        (Domain.SCHOOL_SERVICES, "ai-act:annex-iii-3-a"),
    ],
)
def test_a_processing_in_an_annex_iii_field_asks_for_the_area_when_none_is_declared(
    domain: Domain, rule_id: str
) -> None:
    """An AI system in a recruitment, staff, social or school processing with no area: the point is asked.

    Social housing and social support (before: not asked, so a housing-allocation score came out
    « minimal risk ») are public assistance services (Annex III 5(a), recital 58); school services
    assign pupils to schools (3(a)).
    """
    op = attrs.evolve(BASE, domains=(domain,))
    outcome = RULES[rule_id].test(op, Settings())
    assert (outcome.status, outcome.missing) == (FindingStatus.UNKNOWN, ("ai_system.areas",))
    assert ai_class(op) is AIActClass.UNKNOWN
    # Once the DPO lists any area, the list is taken as given.
    listed = with_ai(op, areas=(AIArea.ELECTIONS,))
    assert status(listed, rule_id) is FindingStatus.NOT_MET


def test_art6_3_derogation_without_profiling_rules_out_high_risk() -> None:
    """Art. 6(3): a preparatory task without profiling is not high-risk, and the provider documents it."""
    op = with_ai(areas=(AIArea.PUBLIC_BENEFITS,), art6_3_conditions=(Art63Condition.PREPARATORY_TASK,))
    assert status(op, "ai-act:annex-iii-5-a") is FindingStatus.NOT_MET
    result = classify(op, screened(op).findings)
    assert result.ai_class is AIActClass.MINIMAL_RISK
    assert any("6.4" in n.fr for n in result.notes)
    assert status(op, "ai-act:high-risk-dpia-presumption") is FindingStatus.NOT_MET


def test_a_system_not_found_high_risk_is_told_annex_i_was_not_examined() -> None:
    """Art. 6(1) (Annex I products) has no fact in the model: the analysis says so, not a silent « minimal ».

    Before, a system found minimal-risk carried no word that art. 6(1) had not been examined.
    """
    minimal = classify(BASE, screened(BASE).findings)
    assert minimal.ai_class is AIActClass.MINIMAL_RISK
    assert any("6.1" in n.fr and "annexe I" in n.fr for n in minimal.notes)
    assert any("6(1)" in n.en for n in minimal.notes)
    high = with_ai(areas=(AIArea.RECRUITMENT,))
    assert not any("6.1" in n.fr for n in classify(high, screened(high).findings).notes)


def test_point_2_alone_does_not_close_the_fria_while_another_point_is_open() -> None:
    """Art. 27(1) excludes point 2 only: with another Annex III point still open, the FRIA is unknown.

    Before, a critical-infrastructure system whose emotion recognition was left blank read « FRIA not
    due: only point 2 applies », and the class, high-risk through point 2, asked for nothing more.
    """
    op = attrs.evolve(
        with_ai(areas=(AIArea.CRITICAL_INFRASTRUCTURE,), emotion_recognition=None),
        data=(DataCategory(kind=DataKind.IMAGE),),
    )
    result = classify(op, screened(op).findings)
    assert result.annex_iii == ("ai-act:annex-iii-2",)
    assert result.fria.due is None
    assert "ai_system.emotion_recognition" in result.fria.missing_facts
    assert "ai_system.emotion_recognition" in result.missing_facts
    settled = with_ai(op, emotion_recognition=False)
    assert classify(settled, screened(settled).findings).fria.due is False


def test_art6_3_derogation_never_covers_profiling() -> None:
    """Art. 6(3), last subparagraph: an Annex III system that profiles persons is always high-risk."""
    op = with_ai(
        areas=(AIArea.PUBLIC_BENEFITS,),
        art6_3_conditions=(Art63Condition.PREPARATORY_TASK,),
        profiling=True,
    )
    assert status(op, "ai-act:annex-iii-5-a") is FindingStatus.MET


def test_art6_3_derogation_with_profiling_unknown_is_unknown() -> None:
    """With art. 6(3) invoked and profiling unknown, the point is unknown and asks for profiling."""
    op = with_ai(
        areas=(AIArea.PUBLIC_BENEFITS,),
        art6_3_conditions=(Art63Condition.NARROW_PROCEDURAL_TASK,),
        profiling=None,
    )
    outcome = RULES["ai-act:annex-iii-5-a"].test(op, Settings())
    assert outcome.status is FindingStatus.UNKNOWN
    assert outcome.missing == ("ai_system.profiling",)
    assert classify(op, screened(op).findings).fria.due is None


# --- art. 50 ----------------------------------------------------------------------------------------

ART50 = {
    "ai-act:art50-1": {"interacts_with_persons": True},
    "ai-act:art50-2": {"generates_synthetic_content": True},
    "ai-act:art50-3": {"emotion_recognition": True},
    "ai-act:art50-4-deep-fake": {"deep_fake": True},
    "ai-act:art50-4-public-text": {"public_interest_text": True, "editorial_review": False},
}


@pytest.mark.parametrize("rule_id", sorted(ART50))
def test_each_transparency_paragraph_applies_on_its_facts(rule_id: str) -> None:
    """Each art. 50 paragraph is met by its facts, not otherwise, and gives the transparency class."""
    op = attrs.evolve(with_ai(**ART50[rule_id]), data=(DataCategory(kind=DataKind.IMAGE),))
    assert status(op, rule_id) is FindingStatus.MET
    assert status(BASE, rule_id) is FindingStatus.NOT_MET
    result = classify(op, screened(op).findings)
    # Emotion recognition is also Annex III 1(c): high-risk, its art. 50(3) duty kept.
    expected = AIActClass.HIGH_RISK if rule_id == "ai-act:art50-3" else AIActClass.TRANSPARENCY
    assert result.ai_class is expected
    assert rule_id in result.transparency
    assert rule_id.replace("art50-", "duty-art50-") in {d.id for d in result.duties}


def test_biometric_categorisation_brings_art50_3() -> None:
    """Art. 50(3) also covers biometric categorisation."""
    op = attrs.evolve(with_ai(biometric_categorisation=True), data=(DataCategory(kind=DataKind.IMAGE),))
    assert status(op, "ai-act:art50-3") is FindingStatus.MET


def test_editorial_review_lifts_the_disclosure_of_public_text() -> None:
    """Art. 50(4): published text under human review and editorial responsibility needs no disclosure."""
    op = with_ai(public_interest_text=True, editorial_review=True)
    assert status(op, "ai-act:art50-4-public-text") is FindingStatus.NOT_MET


# --- FRIA (art. 27) -------------------------------------------------------------------------------


def fria_due(op: ProcessingOperation) -> bool | None:
    return classify(op, screened(op).findings).fria.due


def test_fria_due_for_a_public_body_deploying_an_annex_iii_system() -> None:
    """A commune deploying an Annex III system (not point 2) owes a FRIA, listed among its duties."""
    op = with_ai(areas=(AIArea.RECRUITMENT,))
    result = classify(op, screened(op).findings)
    assert result.fria.due is True
    assert "ai-act:art27" in {d.id for d in result.duties}
    assert [e.letter for e in result.fria.elements] == list("abcdef")


def test_fria_not_due_for_critical_infrastructure() -> None:
    """Annex III point 2 (critical infrastructure) is excepted from the FRIA."""
    assert fria_due(with_ai(areas=(AIArea.CRITICAL_INFRASTRUCTURE,))) is False


def test_fria_not_due_for_a_private_body_without_public_service() -> None:
    """A private body without a public service owes no FRIA for an ordinary Annex III point."""
    op = attrs.evolve(
        with_ai(areas=(AIArea.RECRUITMENT,)),
        controller=Controller(name="Société", kind=OrganisationKind.OTHER),
    )
    assert fria_due(op) is False


def test_fria_due_for_a_private_body_providing_a_public_service() -> None:
    """A private body providing a public service owes a FRIA like a public body."""
    op = attrs.evolve(
        with_ai(areas=(AIArea.EDUCATION_ACCESS,)),
        controller=Controller(name="Délégataire", kind=OrganisationKind.PRIVATE_PUBLIC_SERVICE),
    )
    assert fria_due(op) is True


def test_fria_due_for_any_deployer_of_points_5_b_and_5_c() -> None:
    """Points 5(b) and 5(c) bring a FRIA for every deployer, private ones included."""
    private = Controller(name="Société", kind=OrganisationKind.OTHER)
    for area in (AIArea.CREDITWORTHINESS, AIArea.INSURANCE_PRICING):
        assert fria_due(attrs.evolve(with_ai(areas=(area,)), controller=private)) is True


def test_fria_is_the_deployers_duty() -> None:
    """A body that is only the provider owes no FRIA, but the provider's duties."""
    op = with_ai(areas=(AIArea.RECRUITMENT,), role=AIRole.PROVIDER)
    result = classify(op, screened(op).findings)
    assert result.fria.due is False
    assert "ai-act:art16" in {d.id for d in result.duties}
    assert "ai-act:art26-1" not in {d.id for d in result.duties}


def test_fria_content_is_filled_from_the_dpia() -> None:
    """Art. 27(4): the FRIA elements reuse the DPIA's facts and list what is still missing."""
    op = attrs.evolve(
        with_ai(
            areas=(AIArea.PUBLIC_BENEFITS,),
            human_oversight="Un agent instructeur valide chaque proposition",
            provider_instructions=True,
        ),
        purposes=(Purpose(description="Instruire les demandes d'aide"),),
        scale=Scale(frequency=Frequency.CONTINUOUS, duration="Permanent"),
        data_subjects=(SubjectCategory(kind=SubjectKind.BENEFICIARIES, count=800),),
        measures=(Measure(id="builtin:incident_management"),),
    )
    fria = classify(op, screened(op).findings).fria
    by_letter = {e.letter: e for e in fria.elements}
    assert by_letter["a"].status is FRIAStatus.FILLED
    assert by_letter["b"].status is FRIAStatus.FILLED
    assert by_letter["c"].status is FRIAStatus.FILLED
    assert by_letter["d"].status is FRIAStatus.PARTIAL
    assert by_letter["e"].status is FRIAStatus.FILLED
    assert by_letter["f"].status is FRIAStatus.PARTIAL
    assert fria.missing_facts == ("measures",)
    assert "800" in by_letter["c"].content[0].fr


# --- role, duties, dates -------------------------------------------------------------------------


def test_public_system_in_service_before_august_2026_has_until_2030() -> None:
    """Art. 111(2): a public authority's high-risk system in service before 2 Aug 2026 complies by 2 Aug 2030."""
    op = with_ai(areas=(AIArea.PUBLIC_BENEFITS,), in_service_since=dt.date(2025, 9, 1))
    result = classify(op, screened(op).findings)
    dates = {d.id: d.applies_from for d in result.duties}
    assert dates["ai-act:art26-1"] == dt.date(2030, 8, 2)
    assert dates["ai-act:art4"] == dt.date(2025, 2, 2)
    assert "ai-act:2030-08-02" in {d.id for d in result.deadlines}


def test_new_system_gets_the_general_date() -> None:
    """A high-risk system put into service after 2 Aug 2026 follows the general date."""
    op = with_ai(areas=(AIArea.PUBLIC_BENEFITS,), in_service_since=dt.date(2026, 9, 1))
    dates = {d.id: d.applies_from for d in classify(op, screened(op).findings).duties}
    assert dates["ai-act:art26-1"] == dt.date(2026, 8, 2)


def test_in_force_compares_with_the_operations_date_never_the_clock() -> None:
    """Whether a duty is in force depends on the operation's date; unknown without one."""
    op = with_ai(areas=(AIArea.RECRUITMENT,), in_service_since=dt.date(2026, 9, 1))
    early = {d.id: d.in_force for d in classify(op, screened(op).findings).duties}
    assert early["ai-act:art4"] is True
    assert early["ai-act:art26-1"] is False
    late = attrs.evolve(op, updated=dt.date(2027, 1, 1))
    assert {d.id: d.in_force for d in classify(late, screened(late).findings).duties}[
        "ai-act:art26-1"
    ] is True
    undated = attrs.evolve(op, updated=None, created=None)
    assert {d.in_force for d in classify(undated, screened(undated).findings).duties} == {None}


def test_omnibus_dates_are_marked_as_reported() -> None:
    """The Digital Omnibus postponements are listed apart, marked reported, with a secondary source."""
    op = with_ai(areas=(AIArea.RECRUITMENT,))
    omnibus = [d for d in classify(op, screened(op).findings).deadlines if d.id.startswith("omnibus:")]
    assert omnibus
    assert all(d.reported and d.source.reliability == "secondary" for d in omnibus)


def test_a_generative_system_is_told_of_the_reported_new_prohibition() -> None:
    """Digital Omnibus: a new art. 5 prohibition (intimate imagery, child abuse material) from 2 December 2026.

    Reported by secondary sources (legal reference D.1, D.6); before, a generative system's dates did not
    mention it, though it would apply days after today's assessments.
    """
    op = with_ai(techniques=(AITechnique.GENERATIVE,), generates_synthetic_content=True)
    found = {d.id: d for d in classify(op, screened(op).findings).deadlines}
    new = found["omnibus:2026-12-02-art5"]
    assert (new.date, new.reported, new.source.reliability) == (dt.date(2026, 12, 2), True, "secondary")
    assert "omnibus:2026-12-02-art5" not in {d.id for d in classify(BASE, screened(BASE).findings).deadlines}


def test_deployer_duties_include_dpia_information_and_registration() -> None:
    """Art. 26(9), 26(11), 49(3) and 4 appear for a public deployer of a high-risk system."""
    op = with_ai(areas=(AIArea.PUBLIC_BENEFITS,))
    ids = {d.id for d in classify(op, screened(op).findings).duties}
    assert {"ai-act:art4", "ai-act:art26-9", "ai-act:art26-11", "ai-act:art49-3", "ai-act:art27"} <= ids


def test_duties_are_sorted_by_date_then_natural_id() -> None:
    """Duties come in date order, art. 26(2) before art. 26(11)."""
    op = with_ai(areas=(AIArea.PUBLIC_BENEFITS,), in_service_since=dt.date(2026, 9, 1))
    ids = [d.id for d in classify(op, screened(op).findings).duties]
    assert ids.index("ai-act:art26-2") < ids.index("ai-act:art26-11")
    assert ids[0] == "ai-act:art4"


def test_unknown_facts_give_an_unknown_class_with_the_facts_needed() -> None:
    """Unanswered prohibitions leave the class unknown, with the provisional class and the facts to give."""
    op = with_ai(manipulative_techniques=None, exploits_vulnerabilities=None)
    result = classify(op, screened(op).findings)
    assert result.ai_class is AIActClass.UNKNOWN
    assert result.provisional_class is AIActClass.MINIMAL_RISK
    assert {"ai_system.manipulative_techniques", "ai_system.exploits_vulnerabilities"} <= set(
        result.missing_facts
    )


def test_without_the_plugin_the_class_is_unknown() -> None:
    """When builtin.ai_act is blocked, classify says so rather than guessing."""
    result = classify(BASE, ())
    assert result.ai_class is AIActClass.UNKNOWN
    assert result.notes


# --- the cases that must come out right --------------------------------------------------------------

CAMERAS = attrs.evolve(
    with_ai(
        name="Détection d'événements",
        techniques=(AITechnique.DEEP_LEARNING,),
        outputs=(AIOutput.ALERT,),
        publicly_accessible_space=True,
    ),
    domains=(Domain.VIDEO_PROTECTION, Domain.PUBLIC_SAFETY_EVENTS),
    data=(DataCategory(kind=DataKind.IMAGE),),
    data_subjects=(SubjectCategory(kind=SubjectKind.GENERAL_PUBLIC),),
    monitoring=Monitoring(systematic=True, public_area=True),
    legal=LegalFramework(specific_law="Loi n° 2023-380 du 19 mai 2023, art. 10 ; décret n° 2023-828"),
    updated=dt.date(2024, 7, 15),
)


def test_augmented_cameras_during_the_experiment_have_a_legal_basis() -> None:
    """Event detection under loi 2023-380 art. 10 before 31 March 2025: no blocking issue, not high-risk."""
    assert status(CAMERAS, "fr:jo2024-experiment-ended") is FindingStatus.NOT_MET
    assert ai_class(CAMERAS) is AIActClass.MINIMAL_RISK
    assert not screened(CAMERAS).blocking


@pytest.mark.parametrize(
    "facts",
    [
        {"biometric_identification": True, "remote": True, "real_time": False},
        {"emotion_recognition": True},
        {"biometric_categorisation": True},
    ],
)
def test_the_experiment_never_covers_a_biometric_use(facts: dict[str, object]) -> None:
    """Loi 2023-380 art. 10, II excludes biometrics: during the experiment, a biometric use has no basis.

    Before, post-remote identification or emotion recognition relying on the experiment had no
    blocking issue until 31 March 2025.
    """
    op = with_ai(CAMERAS, **facts)
    outcome = RULES["fr:jo2024-experiment-ended"].test(op, Settings())
    assert outcome.status is FindingStatus.MET
    assert "10, II" in outcome.rationale.fr
    assert "fr:jo2024-experiment-ended" in {f.id for f in screened(op).blocking}


def test_augmented_cameras_after_the_experiment_have_no_legal_basis() -> None:
    """The same system after 31 March 2025 is blocked: no legal basis, with the censure cited."""
    after = attrs.evolve(CAMERAS, updated=JO_2024_END + dt.timedelta(days=1))
    outcome = RULES["fr:jo2024-experiment-ended"].test(after, Settings())
    assert outcome.status is FindingStatus.MET
    assert "2025-878 DC" in outcome.rationale.fr
    assert "fr:jo2024-experiment-ended" in {f.id for f in screened(after).blocking}
    on_last_day = attrs.evolve(CAMERAS, updated=JO_2024_END)
    assert status(on_last_day, "fr:jo2024-experiment-ended") is FindingStatus.NOT_MET


def test_augmented_cameras_without_a_date_are_unknown() -> None:
    """Without the operation's date, the experiment's end cannot be judged: unknown, asking for the date."""
    undated = attrs.evolve(CAMERAS, updated=None, created=None)
    outcome = RULES["fr:jo2024-experiment-ended"].test(undated, Settings())
    assert outcome.status is FindingStatus.UNKNOWN
    assert outcome.missing == ("updated",)


def test_vidéoprotection_law_alone_is_no_basis_for_algorithms() -> None:
    """The CSI's vidéoprotection regime authorises filming, not algorithmic analysis: blocked."""
    op = attrs.evolve(
        CAMERAS, legal=LegalFramework(specific_law="Code de la sécurité intérieure, art. L. 252-1")
    )
    assert status(op, "fr:jo2024-experiment-ended") is FindingStatus.MET


def test_augmented_cameras_with_no_text_are_unknown_on_a_draft_and_blocked_once_validated() -> None:
    """No text stated: still to come on a draft, blocking on a validated record."""
    op = attrs.evolve(CAMERAS, legal=LegalFramework(), updated=dt.date(2026, 1, 1))
    assert status(op, "fr:jo2024-experiment-ended") is FindingStatus.UNKNOWN
    assert (
        status(attrs.evolve(op, status=Status.VALIDATED), "fr:jo2024-experiment-ended") is FindingStatus.MET
    )


def test_another_text_is_not_judged_but_flagged() -> None:
    """A text aipd does not know is not blocked; the rationale asks to check it and recalls the end date."""
    op = attrs.evolve(
        CAMERAS, legal=LegalFramework(specific_law="Loi n° 2026-123, art. 35"), updated=dt.date(2026, 5, 1)
    )
    outcome = RULES["fr:jo2024-experiment-ended"].test(op, Settings())
    assert outcome.status is FindingStatus.NOT_MET
    assert "31 mars 2025" in outcome.rationale.fr


def test_real_time_remote_biometric_identification_by_a_municipality_is_prohibited() -> None:
    """A commune's real-time facial recognition in the street for its police is prohibited (art. 5(1)(h))."""
    op = attrs.evolve(
        with_ai(**ART5["h"], areas=(AIArea.REMOTE_BIOMETRIC_IDENTIFICATION,)),
        domains=(Domain.MUNICIPAL_POLICE,),
        data=(DataCategory(kind=DataKind.BIOMETRIC),),
    )
    result = classify(op, screened(op).findings)
    assert result.ai_class is AIActClass.PROHIBITED
    assert result.prohibited == ("ai-act:art5-1-h",)
    rationale = RULES["ai-act:art5-1-h"].test(op, Settings()).rationale.fr
    assert "art. 5.5" in rationale
    assert "2023-380" in rationale


def test_emotion_recognition_in_a_school_is_prohibited() -> None:
    """Emotion recognition of pupils in a school, with no medical or safety reason, is prohibited."""
    op = attrs.evolve(
        with_ai(emotion_recognition=True, workplace_or_education=True, medical_or_safety_reason=False),
        domains=(Domain.SCHOOL_SERVICES,),
        data=(DataCategory(kind=DataKind.IMAGE),),
        data_subjects=(SubjectCategory(kind=SubjectKind.CHILDREN),),
    )
    assert ai_class(op) is AIActClass.PROHIBITED
    assert "ai-act:art5-1-f" in {f.id for f in screened(op).blocking}


def test_fraud_scoring_of_social_aid_recipients_is_high_risk_with_a_fria() -> None:
    """A CCAS scoring aid recipients for fraud is Annex III 5(a): high-risk, FRIA due, DPIA required."""
    op = attrs.evolve(
        with_ai(areas=(AIArea.PUBLIC_BENEFITS,), outputs=(AIOutput.SCORE,), profiling=True),
        controller=Controller(name="CCAS de Test", kind=OrganisationKind.CCAS, agents=25),
        domains=(Domain.SOCIAL_AID, Domain.FRAUD_DETECTION),
        data=(DataCategory(kind=DataKind.SOCIAL_SITUATION), DataCategory(kind=DataKind.FINANCIAL)),
        data_subjects=(SubjectCategory(kind=SubjectKind.BENEFICIARIES),),
        decisions=Decisions(
            automated=True,
            effect=DecisionEffect.LEGAL,
            human_involvement=HumanInvolvement.AID,
            administrative_decisions=True,
        ),
    )
    a = analysed(op)
    assert a.ai_act is not None
    assert a.ai_act.ai_class is AIActClass.HIGH_RISK
    assert a.ai_act.annex_iii == ("ai-act:annex-iii-5-a",)
    assert a.ai_act.fria.due is True
    assert a.verdict.requirement is aipd.Requirement.REQUIRED
    assert a.algorithmic_decisions is not None
    assert a.algorithmic_decisions.rule("crpa:l311-3-1").applies is True
    assert a.algorithmic_decisions.rule("crpa:l312-1-3").applies is False  # 25 agents


def test_town_website_chatbot_has_art50_1_duties() -> None:
    """A town website's chatbot: art. 50(1) (and 50(2) when generative), the provider's duty to check."""
    op = with_ai(
        techniques=(AITechnique.GENERATIVE,),
        outputs=(AIOutput.GENERATED_CONTENT,),
        interacts_with_persons=True,
        generates_synthetic_content=None,
    )
    result = classify(op, screened(op).findings)
    assert result.ai_class is AIActClass.TRANSPARENCY
    assert result.transparency == ("ai-act:art50-1", "ai-act:art50-2")
    duty = next(d for d in result.duties if d.id == "ai-act:duty-art50-1")
    assert duty.addressee == "provider"
    assert duty.detail is not None
    assert result.fria.due is False


TRAFFIC = attrs.evolve(
    with_ai(
        name="Capteurs de comptage",
        techniques=(AITechnique.DEEP_LEARNING,),
        outputs=(AIOutput.STATISTICS,),
        publicly_accessible_space=True,
    ),
    domains=(Domain.TRAFFIC_MOBILITY,),
    data=(
        DataCategory(
            kind=DataKind.IMAGE,
            retention=Retention(active="moins d'une seconde", final_fate=FinalFate.DELETION),
        ),
    ),
    monitoring=Monitoring(systematic=True, public_area=True),
    decisions=Decisions(automated=False),
    updated=dt.date(2026, 2, 1),
)


def test_anonymous_traffic_counting_is_not_high_risk_and_needs_no_specific_law() -> None:
    """Counting with images deleted at once and statistics only: not high-risk, no legal-basis block."""
    outcome = RULES["fr:jo2024-experiment-ended"].test(TRAFFIC, Settings())
    assert outcome.status is FindingStatus.NOT_MET
    assert "19 juillet 2022" in outcome.rationale.fr
    assert status(TRAFFIC, "ai-act:annex-iii-2") is FindingStatus.NOT_MET
    assert ai_class(TRAFFIC) is AIActClass.MINIMAL_RISK


@pytest.mark.parametrize(
    "change",
    [
        {"ai_system": attrs.evolve(TRAFFIC.ai_system, outputs=(AIOutput.STATISTICS, AIOutput.ALERT))},
        {"data": (DataCategory(kind=DataKind.IMAGE, retention=Retention(final_fate=FinalFate.ARCHIVES)),)},
        {"decisions": Decisions(automated=True)},
    ],
    ids=["alerts", "images-kept", "decisions"],
)
def test_traffic_counting_outside_the_statistical_conditions_needs_a_law(change: dict[str, object]) -> None:
    """Each broken CNIL condition (statistics only, images not kept, no decision) brings back the law."""
    op = attrs.evolve(TRAFFIC, status=Status.VALIDATED, **change)  # type: ignore[arg-type]  # attrs fields
    assert status(op, "fr:jo2024-experiment-ended") is FindingStatus.MET


def test_traffic_counting_with_image_fate_unknown_is_unknown() -> None:
    """When the fate of the source images is not stated, the statistical exception is not settled."""
    op = attrs.evolve(TRAFFIC, data=(DataCategory(kind=DataKind.IMAGE),), status=Status.VALIDATED)
    outcome = RULES["fr:jo2024-experiment-ended"].test(op, Settings())
    assert outcome.status is FindingStatus.UNKNOWN
    assert "data[0].retention.final_fate" in outcome.missing


def test_traffic_counting_with_decisions_unknown_is_unknown() -> None:
    """An unknown ``decisions.automated`` is not « no decision »: the statistical exception stays open."""
    op = attrs.evolve(TRAFFIC, decisions=Decisions(automated=None), status=Status.VALIDATED)
    outcome = RULES["fr:jo2024-experiment-ended"].test(op, Settings())
    assert outcome.status is FindingStatus.UNKNOWN
    assert "decisions.automated" in outcome.missing


# --- properties -------------------------------------------------------------------------------------


@hsettings(max_examples=60, deadline=None)
@given(operations())
def test_classify_is_total_and_deterministic(op: ProcessingOperation) -> None:
    """For any operation, the AI Act rules and classify run, agree with each other, and repeat exactly."""
    findings = screened(op).findings
    for f in findings:
        if f.group in ("ai-act", "fr-law") and f.status is FindingStatus.UNKNOWN:
            assert f.missing, f.id
    if op.ai_system is None:
        return
    first, second = classify(op, findings), classify(op, findings)
    assert first == second
    assert (first.ai_class is AIActClass.PROHIBITED) == bool(first.prohibited)
    if first.ai_class is AIActClass.HIGH_RISK:
        assert first.annex_iii
    if first.ai_class is AIActClass.UNKNOWN:
        assert first.provisional_class is not None or first.notes


#: The yes/no facts of the AI system (``None`` = not known yet).
_AI_FLAGS = tuple(f.name for f in attrs.fields(AISystem) if f.type == "bool | None")
_SEVERE = (AIActClass.PROHIBITED, AIActClass.HIGH_RISK)
#: Systems drawn around BASE_AI: each fact mostly "no", sometimes unknown or "yes", so that
#: classes other than "unknown" come out often enough for the property to bite.
_DRAWN_AI = st.fixed_dictionaries(
    {name: st.sampled_from((False, False, False, None, True)) for name in _AI_FLAGS}
).map(lambda flags: attrs.evolve(BASE_AI, **{**flags, "infers_outputs": True, "autonomy": True}))


@hsettings(max_examples=300, deadline=None)
@given(_DRAWN_AI, st.sampled_from(_AI_FLAGS), st.booleans())
def test_a_blank_ai_fact_never_reads_milder_than_its_answer(ai: AISystem, name: str, answer: bool) -> None:
    """Left blank, a fact whose answer makes the system prohibited or high-risk keeps the class open.

    With images processed and no area declared (the system's own facts decide), the class with the
    fact unknown is then unknown, or already as severe, and the FRIA that the answer makes due is not
    « not due »: an unknown fact never gives the milder answer.
    """
    op = attrs.evolve(BASE, ai_system=ai, data=(DataCategory(kind=DataKind.IMAGE),))
    blank_op = with_ai(op, **{name: None})
    answered_op = with_ai(op, **{name: answer})
    blank = classify(blank_op, screened(blank_op).findings)
    answered = classify(answered_op, screened(answered_op).findings)
    if answered.ai_class in _SEVERE:
        assert blank.ai_class in (AIActClass.UNKNOWN, *_SEVERE), (name, blank.ai_class, answered.ai_class)
    if answered.fria.due is True and blank.ai_class is not AIActClass.PROHIBITED:
        assert blank.fria.due is not False, (name, blank.fria.reason.en)


# --- the examples ---------------------------------------------------------------------------------


def _example(name: str) -> aipd.Assessment:
    path = EXAMPLES / f"{name}.yaml"
    if not path.exists():
        pytest.skip(f"{path.name} absent")
    return analysed(aipd.load(path))


def test_example_fraud_detection_is_high_risk_5a() -> None:
    """The CCAS fraud-detection example is Annex III 5(a), with a FRIA."""
    a = _example("detection-fraude-ccas")
    assert a.ai_act is not None
    assert "ai-act:annex-iii-5-a" in a.ai_act.annex_iii
    assert a.ai_act.fria.due is True


def test_example_chatbot_has_transparency_duties() -> None:
    """The town chatbot example brings art. 50(1)."""
    a = _example("chatbot-site-ville")
    assert a.ai_act is not None
    assert "ai-act:art50-1" in a.ai_act.transparency
    assert a.ai_act.ai_class is AIActClass.TRANSPARENCY


def test_example_cameras_are_judged_on_the_experiment() -> None:
    """The augmented-cameras example is judged against the end of the JO 2024 experiment."""
    a = _example("cameras-augmentees")
    finding = next(f for f in a.findings if f.id == "fr:jo2024-experiment-ended")
    when = a.operation.updated or a.operation.created
    if when is not None and when > JO_2024_END and finding.status is FindingStatus.MET:
        assert finding in a.blocking
    assert finding.status is not FindingStatus.UNKNOWN or finding.missing


def test_example_traffic_counting_is_not_high_risk() -> None:
    """The traffic-counting example is not high-risk."""
    a = _example("comptage-trafic")
    assert a.ai_act is not None
    assert not a.ai_act.annex_iii


def test_high_risk_presumption_is_worded_as_a_presumption_not_a_mandatory_case() -> None:
    """A high-risk system whose only met DPIA rule is the CNIL's presumption (known from a secondary
    source): the DPIA stays required, but the reason says « présumée nécessaire », not « obligatoire »,
    and so does the finding's effect; the rationale says the AI Act (art. 26(9)) does not create the duty."""
    op = with_ai(areas=(AIArea.RECRUITMENT,))
    result = screened(op)
    assert result.verdict.requirement is aipd.Requirement.REQUIRED
    assert result.verdict.reason is Reason.PRESUMED_REQUIRED
    assert "présumée nécessaire" in result.verdict.reason.fr
    assert "obligatoire" not in result.verdict.reason.fr
    assert result.verdict.decisive == ("ai-act:high-risk-dpia-presumption",)
    finding = {f.id: f for f in result.findings}["ai-act:high-risk-dpia-presumption"]
    assert "présumée nécessaire" in finding.effect_text.fr
    assert "26.9" in finding.rationale.fr
    assert "art. 35" in finding.rationale.fr
    assert RULES["ai-act:high-risk-dpia-presumption"].presumption is True


def test_a_mandatory_case_beside_the_presumption_keeps_the_mandatory_reason() -> None:
    """With a case of GDPR art. 35(3)(a) met too, the reason stays « un cas où l'AIPD est obligatoire »."""
    op = with_ai(areas=(AIArea.RECRUITMENT,))
    op = attrs.evolve(
        op,
        evaluation=attrs.evolve(op.evaluation, scoring=True, systematic_extensive=True),
        decisions=attrs.evolve(op.decisions, automated=True, effect=DecisionEffect.LEGAL),
    )
    result = screened(op)
    assert result.verdict.reason is Reason.MANDATORY_RULE
    assert "gdpr:art35-3-a" in result.verdict.decisive


def test_presumption_only_for_requires_rules() -> None:
    """Only a rule that requires a DPIA can be a presumption."""
    with pytest.raises(ValueError, match="REQUIRES"):
        aipd.Criterion(
            id="acme:x",
            title=aipd.Text("x", "x"),
            source=RULES["ai-act:high-risk-dpia-presumption"].source,
            effect=Effect.COUNTS,
            test=lambda op, s: None,  # type: ignore[arg-type,return-value]
            presumption=True,
        )


# --- words built once: the duties' article and title, the FRIA elements' titles ----------------


@given(st.lists(st.tuples(st.text(max_size=6), st.text(max_size=6)), max_size=8))
def test_a_duty_s_words_are_the_text_of_its_pair(pairs: list[tuple[str, str]]) -> None:
    # Kept between classifications: each pair must give its own words, never another pair's.
    from aipd.ai_act import _words
    from aipd.i18n import Text

    for fr, en in pairs * 2:
        assert _words(fr, en) == Text(fr, en)


@pytest.mark.parametrize("name", ["detection-fraude-ccas", "tri-candidatures"])
def test_fria_elements_keep_their_letter_s_title_across_classifications(name: str) -> None:
    # The titles are shared constants: each element keeps the title of its letter of art. 27(1).
    op = aipd.load(Path(__file__).resolve().parent.parent / "examples" / f"{name}.yaml")
    first, second = (classify(o, screened(o).findings) for o in (op, attrs.evolve(op)))
    assert [e.letter for e in first.fria.elements] == list("abcdef")
    assert first.fria == second.fria
    openings = (
        "Description des processus",
        "Période et fréquence",
        "Catégories de personnes",
        "Risques spécifiques de préjudice",
        "Mesures de contrôle humain",
        "Mesures à prendre si",
    )
    for element, opening in zip(first.fria.elements, openings, strict=True):
        assert element.title.fr.startswith(opening), element.letter
