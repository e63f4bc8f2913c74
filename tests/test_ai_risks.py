"""The AI-specific risks of ``builtin.ai_risks`` (CNIL AI guidance, fiche n° 5)."""

from __future__ import annotations

import attrs
import pytest
from tests.test_ai_act import BASE, with_ai

from aipd.catalogue import FindingStatus
from aipd.model import DataCategory, Monitoring, ProcessingOperation
from aipd.registry import Registry
from aipd.settings import Settings
from aipd.vocabulary import AIArea, AIOutput, AIRole, AITechnique, DataKind
from aipd_builtin.ai_risks import RISKS

CATALOGUE = Registry(entry_points=False).catalogue()
BY_ID = {r.id: r for r in RISKS}
EXPECTED = {
    "ai:training_data_misuse",
    "ai:automated_discrimination",
    "ai:erroneous_content",
    "ai:automation_bias",
    "ai:attacks",
    "ai:training_data_extraction",
    "ai:scraping_loss_of_control",
    "ai:systemic",
}


def applies(op: ProcessingOperation, risk_id: str) -> FindingStatus:
    return BY_ID[risk_id].applies(op, Settings()).status


def test_the_eight_risks_are_registered() -> None:
    """The built-in registry carries the eight AI risks, contributed by builtin.ai_risks."""
    assert {r.id for r in CATALOGUE.risks if r.id.startswith("ai:")} == EXPECTED
    assert {CATALOGUE.origin(i).name for i in EXPECTED} == {"builtin.ai_risks"}


def test_sources_say_how_each_risk_was_read() -> None:
    """The first four risks were read in a reproduction of the sheet; the others are recalled."""
    verified = {
        "ai:training_data_misuse",
        "ai:automated_discrimination",
        "ai:erroneous_content",
        "ai:automation_bias",
    }
    for r in RISKS:
        assert r.source.reliability == ("verified" if r.id in verified else "recalled"), r.id
        assert r.impacts
        assert r.threats
        assert r.risk_sources


def test_every_measure_named_is_in_the_catalogue() -> None:
    """Each measure a risk names exists in the built-in measures catalogue."""
    ids = {m.id for m in CATALOGUE.measures}
    for r in RISKS:
        assert r.measures
        assert set(r.measures) <= ids, r.id


def test_no_ai_risk_without_an_ai_system() -> None:
    """Without an AI system, no AI risk concerns the operation."""
    op = attrs.evolve(BASE, ai_system=None)
    assert {applies(op, i) for i in EXPECTED} == {FindingStatus.NOT_MET}


@pytest.mark.parametrize(
    ("risk_id", "positive", "negative"),
    [
        ("ai:training_data_misuse", {"trained_on_own_data": True}, {}),
        ("ai:automated_discrimination", {"outputs": (AIOutput.SCORE,)}, {"outputs": (AIOutput.STATISTICS,)}),
        (
            "ai:erroneous_content",
            {"techniques": (AITechnique.GENERATIVE,)},
            {"outputs": (AIOutput.STATISTICS,)},
        ),
        ("ai:automation_bias", {"outputs": (AIOutput.DECISION,)}, {"outputs": (AIOutput.STATISTICS,)}),
        ("ai:attacks", {"outputs": (AIOutput.ALERT,)}, {"techniques": (AITechnique.RULES,)}),
        ("ai:training_data_extraction", {"trained_on_own_data": True}, {}),
        ("ai:scraping_loss_of_control", {"role": AIRole.PROVIDER, "training_data_scraped": True}, {}),
        ("ai:systemic", {"areas": (AIArea.ELECTIONS,)}, {}),
    ],
)
def test_each_risk_applies_on_its_facts(
    risk_id: str, positive: dict[str, object], negative: dict[str, object]
) -> None:
    """Each risk concerns the operation when its facts are there, and not otherwise."""
    assert applies(with_ai(**positive), risk_id) is FindingStatus.MET
    assert applies(with_ai(**negative), risk_id) is FindingStatus.NOT_MET


@pytest.mark.parametrize("technique", [AITechnique.STATISTICS, AITechnique.LOGIC_KNOWLEDGE])
def test_discrimination_concerns_any_ai_model_that_bears_on_persons(technique: AITechnique) -> None:
    """A scoring model fitted by classical statistics, or a knowledge base, can be biased too.

    CNIL AI sheet 5, item 2: « un biais du système d'IA introduit lors du développement ». Before,
    only machine learning, deep learning and generative systems carried the risk.
    """
    op = with_ai(techniques=(technique,), outputs=(AIOutput.SCORE,))
    assert applies(op, "ai:automated_discrimination") is FindingStatus.MET
    rules = with_ai(techniques=(AITechnique.RULES,), outputs=(AIOutput.SCORE,))
    assert applies(rules, "ai:automated_discrimination") is FindingStatus.NOT_MET
    blank = BY_ID["ai:automated_discrimination"].applies(
        with_ai(techniques=(), outputs=(AIOutput.SCORE,)), Settings()
    )
    assert (blank.status, blank.missing) == (FindingStatus.UNKNOWN, ("ai_system.techniques",))


def test_a_mere_deployer_does_not_carry_training_risks() -> None:
    """A deployer that does not train the model leaves the training-side risks to the provider."""
    op = with_ai(role=AIRole.DEPLOYER, trained_on_own_data=False, training_data_scraped=True)
    assert applies(op, "ai:training_data_misuse") is FindingStatus.NOT_MET
    assert applies(op, "ai:scraping_loss_of_control") is FindingStatus.NOT_MET


def test_unknown_facts_leave_the_risk_unknown_with_the_facts_needed() -> None:
    """When the deciding facts are not given, a risk is unknown and names them."""
    op = with_ai(trained_on_own_data=None, role=None)
    outcome = BY_ID["ai:training_data_misuse"].applies(op, Settings())
    assert outcome.status is FindingStatus.UNKNOWN
    assert "ai_system.trained_on_own_data" in outcome.missing
    op = with_ai(outputs=(), profiling=None)
    assert BY_ID["ai:automation_bias"].applies(op, Settings()).missing == ("ai_system.outputs",)


def test_statistical_counting_in_public_space_has_no_systemic_risk() -> None:
    """Aggregated statistics only, even in public space, carry no systemic risk; alerts do."""
    stats = attrs.evolve(with_ai(outputs=(AIOutput.STATISTICS,)), monitoring=Monitoring(public_area=True))
    assert applies(stats, "ai:systemic") is FindingStatus.NOT_MET
    alerts = attrs.evolve(with_ai(outputs=(AIOutput.ALERT,)), monitoring=Monitoring(public_area=True))
    assert applies(alerts, "ai:systemic") is FindingStatus.MET


@pytest.mark.parametrize(
    "area",
    [AIArea.REMOTE_BIOMETRIC_IDENTIFICATION, AIArea.BIOMETRIC_CATEGORISATION, AIArea.EMOTION_RECOGNITION],
)
def test_a_declared_biometric_area_is_a_sign_of_systemic_risk(area: AIArea) -> None:
    """An Annex III point 1 area declared is a biometric use, even with the system's own facts left blank.

    Before, only the facts counted: with them blank and no image among the declared data, the risk was
    « not met » for a system declared as remote biometric identification.
    """
    op = attrs.evolve(
        with_ai(
            areas=(area,),
            biometric_identification=None,
            biometric_categorisation=None,
            emotion_recognition=None,
        ),
        monitoring=Monitoring(public_area=False),
    )
    assert applies(op, "ai:systemic") is FindingStatus.MET


def test_the_systemic_risk_stays_while_a_sign_of_it_is_unknown() -> None:
    """Outside public space, unknown biometrics, social scoring or public text keep the risk open."""
    op = attrs.evolve(
        with_ai(social_scoring=None, emotion_recognition=None),
        monitoring=Monitoring(public_area=False),
        data=(DataCategory(kind=DataKind.IMAGE),),
    )
    outcome = BY_ID["ai:systemic"].applies(op, Settings())
    assert outcome.status is FindingStatus.UNKNOWN
    assert outcome.missing == ("ai_system.emotion_recognition", "ai_system.social_scoring")
    # Without data a biometric use could come from, the biometric facts are not asked.
    no_images = attrs.evolve(op, data=(DataCategory(kind=DataKind.IDENTITY),))
    assert BY_ID["ai:systemic"].applies(no_images, Settings()).missing == ("ai_system.social_scoring",)
    assert op.ai_system is not None
    known = attrs.evolve(
        op, ai_system=attrs.evolve(op.ai_system, social_scoring=False, emotion_recognition=False)
    )
    assert applies(known, "ai:systemic") is FindingStatus.NOT_MET


IMAGES = (DataCategory(kind=DataKind.IMAGE),)


@pytest.mark.parametrize(
    ("risk_id", "op", "asked"),
    [
        (
            "ai:erroneous_content",
            with_ai(
                techniques=(AITechnique.MACHINE_LEARNING,),
                outputs=(AIOutput.SCORE,),
                generates_synthetic_content=None,
            ),
            "ai_system.generates_synthetic_content",
        ),
        (
            "ai:training_data_extraction",
            with_ai(
                techniques=(AITechnique.MACHINE_LEARNING,),
                outputs=(AIOutput.SCORE,),
                generates_synthetic_content=None,
            ),
            "ai_system.generates_synthetic_content",
        ),
        (
            "ai:automation_bias",
            with_ai(outputs=(AIOutput.STATISTICS,), profiling=None),
            "ai_system.profiling",
        ),
        (
            "ai:scraping_loss_of_control",
            attrs.evolve(with_ai(role=AIRole.DEPLOYER, facial_scraping=None), data=IMAGES),
            "ai_system.facial_scraping",
        ),
        (
            "ai:systemic",
            attrs.evolve(with_ai(outputs=(AIOutput.STATISTICS,), emotion_recognition=None), data=IMAGES),
            "ai_system.emotion_recognition",
        ),
    ],
)
def test_a_blank_fact_that_would_bring_the_risk_keeps_it_open(
    risk_id: str, op: ProcessingOperation, asked: str
) -> None:
    """A fact left blank whose "yes" brings the risk keeps it unknown, asking that fact (CNIL AI sheet 5).

    Before: techniques and outputs declared made « generates content » read as no (erroneous content,
    extraction); declared outputs made an unknown profiling read as no (automation bias); facial
    scraping left blank read as no; statistics only took every sign of systemic risk away, even
    emotion recognition left blank.
    """
    outcome = BY_ID[risk_id].applies(op, Settings())
    assert outcome.status is FindingStatus.UNKNOWN
    assert asked in outcome.missing
