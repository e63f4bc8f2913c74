"""The CNIL lists: 14 types requiring a DPIA (2018-327) and 12 exempt (2019-118), each recognised or not."""

from __future__ import annotations

import re
from typing import Any

import attrs
import pytest

from aipd.catalogue import Effect, FindingStatus
from aipd.model import (
    AISystem,
    Controller,
    DataCategory,
    LegalFramework,
    ProcessingOperation,
    Scale,
    SubjectCategory,
)
from aipd.settings import Settings
from aipd.vocabulary import (
    AIArea,
    AITechnique,
    DataKind,
    Domain,
    LegalRegime,
    OrganisationKind,
    Status,
    SubjectKind,
)
from aipd_builtin import cnil_lists
from rule_cases import RULES, evolve, quiet, run, unknown_everything

MET, NOT_MET, UNKNOWN = FindingStatus.MET, FindingStatus.NOT_MET, FindingStatus.UNKNOWN

HEALTH = (DataCategory(kind=DataKind.HEALTH),)
PATIENTS = (SubjectCategory(kind=SubjectKind.PATIENTS, count=500),)
CHILDREN = (SubjectCategory(kind=SubjectKind.CHILDREN, count=500),)
#: A private practice (physician, lawyer, clerk, notary): the controller is the professional.
PRACTICE = Controller(name="Cabinet", kind=OrganisationKind.OTHER, agents=2)


def test_lists_and_numbering() -> None:
    """Fourteen required items and twelve exempt ones, numbered in the published order, with their list."""
    required = [i for i in cnil_lists.ITEMS if i.reference_list.id == "cnil-2018-327"]
    exempt = [i for i in cnil_lists.ITEMS if i.reference_list.id == "cnil-2019-118"]
    assert [i.id for i in required] == [f"cnil-2018-327:{n}" for n in range(1, 15)]
    assert [i.id for i in exempt] == [f"cnil-2019-118:{n}" for n in range(1, 13)]
    assert {i.effect for i in required} == {Effect.REQUIRES}
    assert {i.effect for i in exempt} == {Effect.EXEMPTS}
    for item in cnil_lists.ITEMS:
        assert item.id.endswith(f":{item.number}")
        assert f"point {item.number} " in item.source.citation.fr
        assert "ne numérote pas" in item.source.citation.fr
        assert all((item.title.fr, item.title.en, item.conditions.fr, item.conditions.en))


def test_titles_verbatim_and_reliability_markers() -> None:
    """Titles as the délibérations word them; item 11's amendment and items 10–12's order are flagged."""
    by_id = {i.id: i for i in cnil_lists.ITEMS}
    assert by_id["cnil-2018-327:12"].title.fr == "Instruction des demandes et gestion des logements sociaux"
    assert (
        "aux fins d'identifier une personne physique de manière unique" in by_id["cnil-2018-327:11"].title.fr
    )
    assert by_id["cnil-2018-327:11"].source.reliability == "secondary"
    assert "2019-011" in by_id["cnil-2018-327:11"].source.citation.fr
    assert by_id["cnil-2018-327:1"].source.reliability == "verified"
    for n in (10, 11, 12):
        item = by_id[f"cnil-2019-118:{n}"]
        assert item.source.reliability == "recalled"
        assert "ordre des points 10 à 12" in item.source.citation.fr
    assert "moins de 250 personnes" in by_id["cnil-2019-118:1"].title.fr


def constant_staff_monitoring() -> ProcessingOperation:
    return evolve(quiet(), "monitoring", agents=True, constant=True)


def profiled(**evaluation: Any) -> ProcessingOperation:
    return evolve(quiet(), "evaluation", profiling=True, **evaluation)


# (item number, case, operation, status) for the required list.
REQUIRED: list[tuple[int, str, ProcessingOperation, FindingStatus]] = [
    (1, "EHPAD care file", quiet(domains=(Domain.MEDICO_SOCIAL_CARE,), data=HEALTH), MET),
    (1, "health data elsewhere", quiet(domains=(Domain.SOCIAL_AID,), data=HEALTH), NOT_MET),
    (
        1,
        "individual physician",
        quiet(
            domains=(Domain.INDIVIDUAL_HEALTH_PROFESSIONAL, Domain.HEALTH_CARE),
            data=HEALTH,
            controller=PRACTICE,
        ),
        NOT_MET,
    ),
    (
        2,
        "genetic data of patients",
        quiet(data=(DataCategory(kind=DataKind.GENETIC),), data_subjects=PATIENTS),
        MET,
    ),
    (2, "no genetic data", quiet(data=HEALTH, data_subjects=PATIENTS), NOT_MET),
    (
        3,
        "recruitment profiling",
        evolve(quiet(domains=(Domain.RECRUITMENT,)), "evaluation", profiling=True),
        MET,
    ),
    (3, "HR without profiling", quiet(domains=(Domain.HR_MANAGEMENT,)), NOT_MET),
    (4, "constant staff monitoring", constant_staff_monitoring(), MET),
    (4, "occasional staff monitoring", evolve(quiet(), "monitoring", agents=True), NOT_MET),
    (5, "social alerts", quiet(domains=(Domain.SOCIAL_HEALTH_ALERTS,)), MET),
    (5, "other field", quiet(), NOT_MET),
    (6, "whistleblowing", quiet(domains=(Domain.PROFESSIONAL_ALERTS,)), MET),
    (6, "other field", quiet(), NOT_MET),
    (7, "health registry", quiet(domains=(Domain.HEALTH_DATA_WAREHOUSE,), data=HEALTH), MET),
    (7, "registry without health data", quiet(domains=(Domain.HEALTH_DATA_WAREHOUSE,)), NOT_MET),
    (8, "profiling that suspends a benefit", evolve(profiled(), "decisions", access_to_rights=True), MET),
    (8, "profiling without consequence", profiled(), NOT_MET),
    (9, "pooled unpaid bills", quiet(domains=(Domain.POOLED_CONTRACT_BREACHES,)), MET),
    (9, "other field", quiet(), NOT_MET),
    (10, "profiling with external data", profiled(external_sources=True), MET),
    (10, "profiling with own data", profiled(), NOT_MET),
    (
        11,
        "biometric canteen access",
        quiet(data=(DataCategory(kind=DataKind.BIOMETRIC),), data_subjects=CHILDREN),
        MET,
    ),
    (11, "biometrics of adults only", quiet(data=(DataCategory(kind=DataKind.BIOMETRIC),)), NOT_MET),
    (12, "social housing", quiet(domains=(Domain.SOCIAL_HOUSING,)), MET),
    (12, "other field", quiet(), NOT_MET),
    (13, "social support", quiet(domains=(Domain.SOCIAL_SUPPORT,)), MET),
    (13, "other field", quiet(), NOT_MET),
    (
        14,
        "bike-share geolocation",
        quiet(data=(DataCategory(kind=DataKind.LOCATION),), scale=Scale(persons=30_000)),
        MET,
    ),
    (
        14,
        "geolocation of a small fleet",
        quiet(data=(DataCategory(kind=DataKind.LOCATION),), scale=Scale(persons=40)),
        NOT_MET,
    ),
]


@pytest.mark.parametrize(
    ("number", "op", "status"), [pytest.param(n, op, s, id=f"{n}-{case}") for n, case, op, s in REQUIRED]
)
def test_required_item(number: int, op: ProcessingOperation, status: FindingStatus) -> None:
    """Each type requiring a DPIA is recognised from its facts, and not recognised without them."""
    assert run(f"cnil-2018-327:{number}", op).status is status


def test_every_required_item_has_a_positive_and_a_negative_case() -> None:
    """The table above covers each of the 14 items both ways."""
    assert {(n, s) for n, _, _, s in REQUIRED} == {(n, s) for n in range(1, 15) for s in (MET, NOT_MET)}


@pytest.mark.parametrize(
    ("number", "missing"),
    [(5, ("domains",)), (1, ("data",)), (3, ("domains",)), (11, ("data",)), (14, ("data",))],
)
def test_required_item_unknown_asks_first_for_the_guarding_fact(
    number: int, missing: tuple[str, ...]
) -> None:
    """On a bare operation, an item is unknown and asks for the fact that opens it, not for the rest."""
    outcome = run(f"cnil-2018-327:{number}", unknown_everything())
    assert outcome.status is UNKNOWN
    assert outcome.missing == missing


def test_item_13_social_aid_alone_is_for_the_dpo_to_settle_never_not_met() -> None:
    """Instructing and paying social aid: item 13 names « l'accompagnement social ou médico-social »,
    and the CNIL référentiel 2021-028 counts that instruction among the purposes of the bodies that
    support persons: unknown (asking whether the processing also serves the support), not "not met";
    declared as social support too, it is met."""
    aid = run("cnil-2018-327:13", quiet(domains=(Domain.SOCIAL_AID,)))
    assert aid.status is FindingStatus.UNKNOWN
    assert aid.missing == ("domains",)
    assert "2021-028" in aid.rationale.fr
    assert "social_support" in aid.rationale.en
    validated = run("cnil-2018-327:13", quiet(status=Status.VALIDATED, domains=(Domain.SOCIAL_AID,)))
    assert validated.status is FindingStatus.NOT_MET  # the DPO's fields are final: the answer is "no"
    assert "documentée" in validated.rationale.fr
    both = run("cnil-2018-327:13", quiet(domains=(Domain.SOCIAL_AID, Domain.SOCIAL_SUPPORT)))
    assert both.status is FindingStatus.MET
    assert "2021-028" in RULES["cnil-2018-327:13"].source.citation.fr


def test_item_14_counts_the_persons_whose_location_data_are_processed() -> None:
    """« Traitements de données de localisation à large échelle »: 200 geolocated agents among 30,000
    users are not large scale, 8,000 are; without the figure, all 30,000 count and the rationale says so."""

    def located(persons: int | None) -> ProcessingOperation:
        return quiet(
            data=(
                DataCategory(kind=DataKind.IDENTITY),
                DataCategory(kind=DataKind.LOCATION, persons=persons),
            ),
            scale=Scale(persons=30_000),
        )

    few = run("cnil-2018-327:14", located(200))
    assert few.status is NOT_MET
    assert "dont des données de localisation sont traitées : 200" in few.rationale.fr
    assert "out of 30,000 persons concerned by the processing" in few.rationale.en
    assert run("cnil-2018-327:14", located(8_000)).status is MET
    unknown_figure = run("cnil-2018-327:14", located(None))
    assert unknown_figure.status is MET
    assert "(data[1].persons) would refine it" in unknown_figure.rationale.en


def test_item_11_asks_whether_the_persons_are_vulnerable() -> None:
    """Biometric identification with persons of unknown vulnerability: unknown, asking for that fact."""
    op = quiet(
        data=(DataCategory(kind=DataKind.BIOMETRIC),),
        data_subjects=(SubjectCategory(kind=SubjectKind.RESIDENTS),),
    )
    outcome = run("cnil-2018-327:11", op)
    assert outcome.status is UNKNOWN
    assert outcome.missing == ("data_subjects[0].vulnerable",)


def test_item_11_biometric_identification_by_an_ai_system() -> None:
    """An AI system identifying persons biometrically counts, even if the data list omits biometrics."""
    op = quiet(
        ai_system=AISystem(name="Reconnaissance", biometric_identification=True), data_subjects=CHILDREN
    )
    assert run("cnil-2018-327:11", op).status is MET


def test_item_11_an_ai_system_declared_as_remote_biometric_identification() -> None:
    """The Annex III 1(a) area declared says the system identifies persons biometrically, facts left blank.

    Before, only ``biometric_identification`` counted: declared in ``ai_system.areas`` alone, a facial
    recognition system used with pupils was not item 11.
    """
    op = quiet(
        ai_system=AISystem(name="Reconnaissance", areas=(AIArea.REMOTE_BIOMETRIC_IDENTIFICATION,)),
        data_subjects=CHILDREN,
    )
    assert run("cnil-2018-327:11", op).status is MET


def test_item_11_biometric_verification_counts_and_an_unstated_one_is_asked() -> None:
    """Item 11 reads « identifier une personne physique de manière unique » as GDPR art. 9(1) does, and its
    examples are verifications (hand-contour canteen access): an AI system that only verifies identity
    meets it; one that works on images of pupils without saying whether it identifies them is unknown,
    asking ai_system.biometric_identification, never « not met »."""
    images = (DataCategory(kind=DataKind.IMAGE),)
    verifying = AISystem(
        name="Contour de main", biometric_identification=False, biometric_verification_only=True
    )
    assert run("cnil-2018-327:11", quiet(ai_system=verifying, data_subjects=CHILDREN)).status is MET
    silent = AISystem(name="Caméra cantine", techniques=(AITechnique.DEEP_LEARNING,))
    outcome = run("cnil-2018-327:11", quiet(ai_system=silent, data=images, data_subjects=CHILDREN))
    assert outcome.status is UNKNOWN
    assert outcome.missing == ("ai_system.biometric_identification",)
    # Nothing biometric data could come from (identity only): the system's silence is no sign.
    assert run("cnil-2018-327:11", quiet(ai_system=silent, data_subjects=CHILDREN)).status is NOT_MET
    said_no = attrs.evolve(silent, biometric_identification=False)
    assert (
        run("cnil-2018-327:11", quiet(ai_system=said_no, data=images, data_subjects=CHILDREN)).status
        is NOT_MET
    )


# --- the exemption list -------------------------------------------------------------------------


ASSOCIATION = Controller(name="Amicale des donneurs de sang", kind=OrganisationKind.OTHER, agents=3)


def exempt_case(*domains: Domain, **kw: Any) -> ProcessingOperation:
    return quiet(domains=domains, **kw)


EXEMPT: list[tuple[int, str, ProcessingOperation, FindingStatus]] = [
    (1, "HR of 120 agents", exempt_case(Domain.HR_MANAGEMENT), MET),
    (1, "HR of 250 agents", evolve(exempt_case(Domain.HR_MANAGEMENT), "controller", agents=250), NOT_MET),
    (
        1,
        "HR with profiling",
        evolve(exempt_case(Domain.HR_MANAGEMENT), "evaluation", profiling=True),
        NOT_MET,
    ),
    (2, "suppliers", exempt_case(Domain.SUPPLIER_RELATIONS), MET),
    (
        2,
        "suppliers and fraud detection",
        exempt_case(Domain.SUPPLIER_RELATIONS, Domain.FRAUD_DETECTION),
        NOT_MET,
    ),
    (3, "electoral roll", exempt_case(Domain.ELECTORAL_ROLL), MET),
    (3, "civil status", exempt_case(Domain.CIVIL_STATUS), NOT_MET),
    (4, "works council", exempt_case(Domain.WORKS_COUNCIL), MET),
    (
        4,
        "works council with a scoring AI",
        exempt_case(
            Domain.WORKS_COUNCIL, ai_system=AISystem(name="Tri", techniques=(AITechnique.MACHINE_LEARNING,))
        ),
        NOT_MET,
    ),
    (
        5,
        "an association's members and donors",
        exempt_case(Domain.MEMBERS_DONORS, controller=ASSOCIATION),
        MET,
    ),
    (
        5,
        "members' health data",
        exempt_case(Domain.MEMBERS_DONORS, data=HEALTH, controller=ASSOCIATION),
        NOT_MET,
    ),
    (5, "a commune's members and donors", exempt_case(Domain.MEMBERS_DONORS), NOT_MET),
    (
        6,
        "individual physician",
        exempt_case(
            Domain.INDIVIDUAL_HEALTH_PROFESSIONAL, Domain.HEALTH_CARE, data=HEALTH, controller=PRACTICE
        ),
        MET,
    ),
    (6, "health care establishment", exempt_case(Domain.HEALTH_CARE, data=HEALTH), NOT_MET),
    (7, "individual lawyer", exempt_case(Domain.INDIVIDUAL_LAWYER, controller=PRACTICE), MET),
    (7, "lawyer and recruitment", exempt_case(Domain.INDIVIDUAL_LAWYER, Domain.RECRUITMENT), NOT_MET),
    (8, "commercial court clerk", exempt_case(Domain.COMMERCIAL_COURT_CLERK, controller=PRACTICE), MET),
    (8, "other field", exempt_case(Domain.OTHER), NOT_MET),
    (9, "notary", exempt_case(Domain.NOTARY, controller=PRACTICE), MET),
    (
        9,
        "notary with biometric signature",
        exempt_case(Domain.NOTARY, data=(DataCategory(kind=DataKind.BIOMETRIC),)),
        NOT_MET,
    ),
    (
        10,
        "school canteen and billing",
        exempt_case(Domain.SCHOOL_SERVICES, Domain.TAXATION_BILLING, data=HEALTH, data_subjects=CHILDREN),
        MET,
    ),
    (
        10,
        "school canteen with biometric access",
        exempt_case(Domain.SCHOOL_SERVICES, data=(DataCategory(kind=DataKind.BIOMETRIC),)),
        NOT_MET,
    ),
    (
        10,
        "school services with profiling",
        evolve(exempt_case(Domain.SCHOOL_SERVICES), "evaluation", scoring=True),
        NOT_MET,
    ),
    (
        10,
        "school services with an AI",
        exempt_case(
            Domain.SCHOOL_SERVICES,
            ai_system=AISystem(name="Orientation", techniques=(AITechnique.GENERATIVE,)),
        ),
        NOT_MET,
    ),
    (
        10,
        "school services of a private company",
        evolve(exempt_case(Domain.SCHOOL_SERVICES), "controller", kind=OrganisationKind.OTHER),
        NOT_MET,
    ),
    (
        11,
        "badges of 400 agents",
        evolve(exempt_case(Domain.ACCESS_CONTROL_WORKING_TIME), "controller", agents=400),
        MET,
    ),
    (
        11,
        "badges with fingerprints",
        exempt_case(Domain.ACCESS_CONTROL_WORKING_TIME, data=(DataCategory(kind=DataKind.BIOMETRIC),)),
        NOT_MET,
    ),
    (
        11,
        "badges with geolocation",
        exempt_case(Domain.ACCESS_CONTROL_WORKING_TIME, data=(DataCategory(kind=DataKind.LOCATION),)),
        NOT_MET,
    ),
    (12, "breathalysers", exempt_case(Domain.BREATHALYSER), MET),
    (12, "breathalysers and video", exempt_case(Domain.BREATHALYSER, Domain.VIDEO_PROTECTION), NOT_MET),
]


@pytest.mark.parametrize(
    ("number", "op", "status"), [pytest.param(n, op, s, id=f"{n}-{case}") for n, case, op, s in EXEMPT]
)
def test_exempt_item(number: int, op: ProcessingOperation, status: FindingStatus) -> None:
    """Each exempt type is recognised only when the processing is entirely of that type."""
    assert run(f"cnil-2019-118:{number}", op).status is status


def test_every_exempt_item_has_a_positive_and_a_negative_case() -> None:
    """The table above covers each of the 12 items both ways."""
    assert {(n, s) for n, _, _, s in EXEMPT} == {(n, s) for n in range(1, 13) for s in (MET, NOT_MET)}


def test_exemption_unknown_without_domains_asks_only_for_them() -> None:
    """With no domain declared, an exemption is unknown and asks for the domains first."""
    outcome = run("cnil-2019-118:10", unknown_everything())
    assert outcome.status is UNKNOWN
    assert outcome.missing == ("domains",)


def test_exemption_unknown_when_a_condition_is_unknown() -> None:
    """HR management with an unknown headcount, or unknown scoring, is unknown with those facts."""
    op = evolve(exempt_case(Domain.HR_MANAGEMENT), "controller", agents=None)
    assert run("cnil-2019-118:1", op).missing == ("controller.agents",)
    op = evolve(exempt_case(Domain.SCHOOL_SERVICES), "evaluation", scoring=None, profiling=None)
    assert run("cnil-2019-118:10", op).missing == ("evaluation.scoring",)


def test_exemption_rationale_says_what_took_it_away() -> None:
    """A component outside the type is named in the rationale."""
    op = exempt_case(Domain.SCHOOL_SERVICES, data=(DataCategory(kind=DataKind.BIOMETRIC),))
    outcome = run("cnil-2019-118:10", op)
    assert "Composante étrangère au type dispensé" in outcome.rationale.fr
    assert "Component outside the exempt type" in outcome.rationale.en
    op = exempt_case(Domain.SCHOOL_SERVICES, Domain.RECRUITMENT)
    assert "« Recrutement »" in run("cnil-2019-118:10", op).rationale.fr


def test_fixed_rules_are_not_an_ai_component() -> None:
    """A system of fixed rules does not take a processing out of an exemption."""
    op = exempt_case(
        Domain.SCHOOL_SERVICES, ai_system=AISystem(name="Tarifs", techniques=(AITechnique.RULES,))
    )
    assert run("cnil-2019-118:10", op).status is MET


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("les éthylotests (transport)", "des éthylotests (transport)"),
        ("le recrutement", "du recrutement"),
        ("un fichier mutualisé", "d'un fichier mutualisé"),
        ("l'activité notariale", "de l'activité notariale"),
        ("la gestion du fichier électoral", "de la gestion du fichier électoral"),
        ("images", "d'images"),
        ("données de santé", "de données de santé"),
        ("Éligibilité", "d'Éligibilité"),
        ("haute tension", "de haute tension"),
        ("lecture", "de lecture"),
    ],
)
def test_de_contracts_as_french_writes_it(phrase: str, expected: str) -> None:
    from aipd_builtin.facts import de

    assert de(phrase) == expected


_UNCONTRACTED = re.compile(r"\b[Dd]e (?:(?:les?|une?)\b|[aeiouyàâéèêîôûAEIOUYÉÈÊÀ])")


@pytest.mark.parametrize(
    "operation",
    [
        pytest.param(quiet(), id="quiet"),
        pytest.param(unknown_everything(), id="unknown"),
        pytest.param(quiet(domains=(Domain.OTHER,), data=(DataCategory(kind=DataKind.OTHER),)), id="other"),
    ],
)
def test_rationales_contract_de_before_the_type_they_quote(operation: ProcessingOperation) -> None:
    """« ne relève pas de les éthylotests », « Pas de images » read as a machine's French in a signed document."""
    for rule_id, rule in sorted(RULES.items()):
        outcome = rule.test(operation, Settings())
        assert not _UNCONTRACTED.search(outcome.rationale.fr), (rule_id, outcome.rationale.fr)


def test_item_5_is_for_non_profit_bodies_only() -> None:
    """Item 5 names associations, foundations and other non-profit institutions: a commune's or a CCAS's
    members-and-donors file is not exempt; another body's is, the rationale asking to check it is non-profit."""
    for kind in (OrganisationKind.COMMUNE, OrganisationKind.CCAS, OrganisationKind.STATE):
        op = evolve(exempt_case(Domain.MEMBERS_DONORS), "controller", kind=kind)
        outcome = run("cnil-2019-118:5", op)
        assert outcome.status is NOT_MET
        assert "sans but lucratif" in outcome.rationale.fr
    outcome = run("cnil-2019-118:5", exempt_case(Domain.MEMBERS_DONORS, controller=ASSOCIATION))
    assert outcome.status is MET
    assert "à vérifier" in outcome.rationale.fr
    assert "to check" in outcome.rationale.en


POLICE_JUSTICE = LegalFramework(regime=LegalRegime.POLICE_JUSTICE, on_behalf_of_state=False)


@pytest.mark.parametrize(
    ("number", "op"), [pytest.param(n, op, id=f"{n}-{case}") for n, case, op, s in EXEMPT if s is MET]
)
def test_no_exemption_under_title_iii(number: int, op: ProcessingOperation) -> None:
    """The 2019-118 list is the GDPR art. 35(5) list: under Title III of the loi Informatique et Libertés the
    GDPR does not apply and art. 90 has no exemption, so no item is met, and the rationale says why."""
    outcome = run(f"cnil-2019-118:{number}", attrs.evolve(op, legal=POLICE_JUSTICE))
    assert outcome.status is NOT_MET
    assert "titre III" in outcome.rationale.fr
    assert "art. 35.5" in outcome.rationale.fr


@pytest.mark.parametrize(
    ("number", "op", "status"),
    [pytest.param(n, op, s, id=f"{n}-{case}") for n, case, op, s in REQUIRED if s is not NOT_MET],
)
def test_required_type_under_title_iii_keeps_its_status_and_names_art_90(
    number: int, op: ProcessingOperation, status: FindingStatus
) -> None:
    """Under Title III a required type still shows a high risk (never less severe), and the rationale says
    that art. 90 of the loi, not the GDPR art. 35(4) list, makes the DPIA mandatory."""
    outcome = run(f"cnil-2018-327:{number}", attrs.evolve(op, legal=POLICE_JUSTICE))
    assert outcome.status is status
    assert "article 90" in outcome.rationale.fr
    assert "article 90" in outcome.rationale.en
    assert "article 90" not in run(f"cnil-2018-327:{number}", op).rationale.fr


@pytest.mark.parametrize(
    ("number", "domains"),
    [
        (6, (Domain.INDIVIDUAL_HEALTH_PROFESSIONAL, Domain.HEALTH_CARE)),
        (7, (Domain.INDIVIDUAL_LAWYER,)),
        (8, (Domain.COMMERCIAL_COURT_CLERK,)),
        (9, (Domain.NOTARY,)),
    ],
)
def test_professions_items_exclude_public_bodies(number: int, domains: tuple[Domain, ...]) -> None:
    """Items 6 to 9 are a private professional's own processing: a commune declaring the field (a municipal
    health centre as 'individual health professional') is not exempt, and the rationale says why."""
    outcome = run(f"cnil-2019-118:{number}", exempt_case(*domains))
    assert outcome.status is NOT_MET
    assert "personne publique" in outcome.rationale.fr
    assert run(f"cnil-2019-118:{number}", exempt_case(*domains, controller=PRACTICE)).status is MET


def test_item_1_a_commune_health_centre_is_not_an_individual_practice() -> None:
    """A commune's health care declared with the individual-professional field is still care by a health
    establishment for item 1 (recital 91 and items 6 to 9 are for the private professional)."""
    op = quiet(domains=(Domain.INDIVIDUAL_HEALTH_PROFESSIONAL, Domain.HEALTH_CARE), data=HEALTH)
    assert run("cnil-2018-327:1", op).status is MET
