"""Prior consultation of the CNIL: each rule with positive and negative cases, and the art. 36(3) file."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import attrs
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from aipd.catalogue import Effect, FindingStatus, Source
from aipd.consultation import Consultation, decide_consultation
from aipd.i18n import t
from aipd.model import (
    Controller,
    DataCategory,
    Decisions,
    Evaluation,
    JointController,
    LegalFramework,
    Measure,
    Monitoring,
    ProcessingOperation,
    Processor,
    RiskJudgement,
    Scale,
    SubjectCategory,
    SupportingAsset,
    Technology,
)
from aipd.registry import PluginInfo
from aipd.risks import analyse_risks
from aipd.screening import Finding, Reason, Requirement, Screening, Verdict
from aipd.settings import Settings
from aipd.vocabulary import (
    AssetKind,
    DataKind,
    DecisionEffect,
    Domain,
    Hosting,
    LegalRegime,
    Level,
    MeasureStatus,
    OrganisationKind,
    SubjectKind,
    Vulnerability,
)
from content_cases import builtin_catalogue, measures, operation

#: Enough measures to bring every feared event's likelihood to Négligeable.
SAFE = (
    "builtin:access_control",
    "builtin:logging",
    "builtin:staff_training",
    "builtin:network_security",
    "builtin:backup",
    "builtin:physical_security",
    "builtin:patch_management",
    "builtin:integrity_check",
)


def _screening(requirement: Requirement = Requirement.REQUIRED) -> Screening:
    verdict = Verdict(
        requirement=requirement,
        reason=Reason.TWO_CRITERIA,
        explanation=t("x", "x"),
        decisive=(),
        criteria_met=(),
        criteria_unknown=(),
    )
    return Screening(findings=(), verdict=verdict, blocking=(), notices=(), missing_facts=())


def _decide(
    op: ProcessingOperation, requirement: Requirement = Requirement.REQUIRED, **kw: Any
) -> Consultation:
    settings = Settings(**kw)
    return decide_consultation(
        op, analyse_risks(op, builtin_catalogue(), settings), _screening(requirement), settings
    )


def _ground(c: Consultation, gid: str) -> Any:
    return next(g for g in c.grounds if g.id == gid)


#: The facts the feared events' levels read, known and favourable (unknown, they could raise a risk).
KNOWN = {
    "monitoring": Monitoring(systematic=False),
    "decisions": Decisions(access_to_rights=False, effect=DecisionEffect.NONE),
    "evaluation": Evaluation(scoring=False),
}


def _safe(**overrides: Any) -> ProcessingOperation:
    return operation(measures=measures(*SAFE), **{**KNOWN, **overrides})


def _police(**legal: Any) -> LegalFramework:
    return LegalFramework(regime=LegalRegime.POLICE_JUSTICE, **legal)


# --- GDPR art. 36(1) -------------------------------------------------------------------------------


def test_gdpr_residual_high_risk_requires_consultation() -> None:
    """No measure at all: residual likelihood stays Importante, so art. 36(1) requires consultation."""
    c = _decide(operation())
    assert c.required is True
    assert _ground(c, "gdpr:36.1").status is FindingStatus.MET
    assert "36.1" in c.label.fr


def test_the_rationale_states_the_line_the_settings_draw() -> None:
    """« ou » by default (either axis), « et » when only risks high on both axes count."""
    either = _ground(_decide(operation()), "gdpr:36.1").rationale
    assert "gravité ou vraisemblance" in either.fr
    assert "severity or likelihood" in either.en
    both = _decide(operation(), high_risk_axes="both", high_risk_level=Level.NEGLIGIBLE)
    rationale = _ground(both, "gdpr:36.1").rationale
    assert "gravité et vraisemblance" in rationale.fr
    assert "severity and likelihood" in rationale.en


def test_gdpr_measures_that_bring_risks_down_mean_no_consultation() -> None:
    """With enough measures in place no residual risk is high: no consultation."""
    c = _decide(_safe())
    assert c.required is False
    assert _ground(c, "gdpr:36.1").status is FindingStatus.NOT_MET


def test_gdpr_literal_reading_is_shown_beside_the_authorities_one() -> None:
    """Risks high before planned measures but not after: not required, and the literal reading is stated."""
    c = _decide(operation(measures=measures(*SAFE, status=MeasureStatus.PLANNED), **KNOWN))
    assert c.required is False
    assert "Lecture littérale" in _ground(c, "gdpr:36.1").rationale.fr
    assert c.high_initial_risks
    assert not c.high_risks


def test_gdpr_no_consultation_when_no_dpia_is_required() -> None:
    """Art. 36(1) presupposes a DPIA: a processing the screening does not require one for, whose risks
    stay below the line, is not sent."""
    c = _decide(_safe(), Requirement.NOT_REQUIRED)
    assert c.required is False
    assert _ground(c, "gdpr:36.1").status is FindingStatus.NOT_MET


def test_high_proposed_levels_without_a_required_dpia_are_for_the_dpo_to_confirm() -> None:
    """Screening says no DPIA, but the proposed levels stay high after measures: not a « no », the
    DPO is to confirm or correct them (art. 35(1): a high risk requires the DPIA, then art. 36)."""
    c = _decide(operation(**KNOWN), Requirement.NOT_REQUIRED)
    g = _ground(c, "gdpr:36.1")
    assert g.status is FindingStatus.UNKNOWN
    assert "au DPD de les confirmer" in g.rationale.fr
    assert "risk_judgements" in g.missing
    assert c.required is None


def test_without_a_required_dpia_an_unknown_fact_that_could_make_a_risk_high_leaves_it_open() -> None:
    """Screening says no DPIA and no level is high on the known facts, but one would be if the
    software turned out reachable from the Internet: the question stays open (the unfavourable
    value leaves it open for the DPO to confirm), never « not required » on an unknown fact."""

    def op(internet: bool | None) -> ProcessingOperation:
        asset = SupportingAsset(
            kind=AssetKind.SOFTWARE, name="Logiciel", hosting=Hosting.PROVIDER_EU, internet_facing=internet
        )
        declared = measures("builtin:access_control", "builtin:business_continuity")
        return operation(assets=(asset,), measures=declared, **KNOWN)

    assert _decide(op(False), Requirement.NOT_REQUIRED).required is False
    assert _decide(op(True), Requirement.NOT_REQUIRED).required is None
    c = _decide(op(None), Requirement.NOT_REQUIRED)
    assert c.required is None
    assert _ground(c, "gdpr:36.1").missing == ("assets[].internet_facing",)


def test_a_dpo_confirmed_residual_high_risk_requires_consultation_whatever_the_screening() -> None:
    """The DPO's own residual levels are high: the processing is likely to result in a high risk
    (art. 35(1)) even if fewer than two criteria are met, and the consultation applies."""
    judged = RiskJudgement(
        risk="cnil:illegitimate_access",
        severity=Level.MAXIMUM,
        likelihood=Level.SIGNIFICANT,
        residual_severity=Level.MAXIMUM,
        residual_likelihood=Level.SIGNIFICANT,
    )
    c = _decide(_safe(risk_judgements=(judged,)), Requirement.NOT_REQUIRED)
    assert _ground(c, "gdpr:36.1").status is FindingStatus.MET
    assert c.required is True


def test_a_level_lowered_without_justification_leaves_the_consultation_open() -> None:
    """No measure: the proposal keeps every feared event high. A DPO who lowers the levels without
    a word does not make the consultation « not required »: it awaits the justification; given, the
    DPO's levels decide."""
    lowered = tuple(
        RiskJudgement(risk=rid, severity=Level.NEGLIGIBLE, likelihood=Level.NEGLIGIBLE)
        for rid in ("cnil:illegitimate_access", "cnil:unwanted_modification", "cnil:disappearance")
    )
    for requirement in (Requirement.REQUIRED, Requirement.NOT_REQUIRED):
        c = _decide(operation(risk_judgements=lowered, **KNOWN), requirement)
        g = _ground(c, "gdpr:36.1")
        assert c.required is None, requirement
        assert g.missing == tuple(f"risk_judgements[{i}].justification" for i in range(3))
        assert "sans les justifier" in g.rationale.fr
        reasoned = tuple(attrs.evolve(j, justification="Données publiques.") for j in lowered)
        assert _decide(operation(risk_judgements=reasoned, **KNOWN), requirement).required is False


def test_an_unjustified_lowering_that_changes_nothing_does_not_hold_the_decision() -> None:
    """A level lowered without a word, on a risk the proposal does not make high, leaves the decision
    to the other facts (the note still asks for the justification)."""
    j = RiskJudgement(risk="cnil:illegitimate_access", severity=Level.NEGLIGIBLE)
    c = _decide(_safe(risk_judgements=(j,)))
    assert c.required is False


def test_unknown_facts_that_could_raise_a_risk_leave_the_consultation_open() -> None:
    """No risk is high on the known facts, but one would be if an unknown fact were unfavourable
    (systematic monitoring): the answer is « incomplete », naming the fact, not « no »."""
    c = _decide(operation(measures=measures(*SAFE)))
    g = _ground(c, "gdpr:36.1")
    assert g.status is FindingStatus.UNKNOWN
    assert "monitoring.systematic" in g.missing
    assert c.required is None
    assert _decide(_safe()).required is False  # the same facts known and favourable


def test_undeclared_persons_leave_the_consultation_open() -> None:
    """No category of persons declared: children would make the disclosure significant, so the
    answer waits on ``data_subjects`` instead of « not required »."""
    children = SubjectCategory(kind=SubjectKind.CHILDREN, vulnerabilities=(Vulnerability.CHILD,))
    assert _decide(_safe(data_subjects=(children,))).required is True
    c = _decide(_safe(data_subjects=()))
    assert c.required is None
    assert "data_subjects" in _ground(c, "gdpr:36.1").missing


def _exposed(**overrides: Any) -> ProcessingOperation:
    """One measure against access, a small file: one exposure more makes access likelihood high."""
    return operation(
        measures=measures("builtin:access_control", "builtin:backup"),
        scale=Scale(persons=800),
        **{**KNOWN, **overrides},
    )


def _processor(**kw: Any) -> dict[str, Any]:
    return {"processors": (Processor(**{"name": "Presta", "role": "Hébergement", **kw}),)}


def _software(hosting: Hosting | None) -> dict[str, Any]:
    return {
        "assets": (
            SupportingAsset(kind=AssetKind.SOFTWARE, name="Logiciel", hosting=hosting, internet_facing=False),
        )
    }


@pytest.mark.parametrize(
    ("path", "favourable", "unknown", "unfavourable"),
    [
        (
            "processors[0].country",
            _processor(country="FR", contract_art28=True),
            _processor(contract_art28=True),
            _processor(country="US", contract_art28=True),
        ),
        (
            "processors[0].contract_art28",
            _processor(country="FR", contract_art28=True),
            _processor(country="FR"),
            _processor(country="FR", contract_art28=False),
        ),
        (
            "assets[0].hosting",
            _software(Hosting.PROVIDER_EU),
            _software(None),
            _software(Hosting.PROVIDER_NON_EU),
        ),
    ],
)
def test_unknown_exposures_leave_the_consultation_open(
    path: str, favourable: dict[str, Any], unknown: dict[str, Any], unfavourable: dict[str, Any]
) -> None:
    """A processor's country or contract, or a hosting, left unknown is not read as safe: when the
    unfavourable value would require consultation, the answer waits on the fact."""
    assert _decide(_exposed(**favourable)).required is False
    assert _decide(_exposed(**unfavourable)).required is True
    c = _decide(_exposed(**unknown))
    assert c.required is None
    assert path in _ground(c, "gdpr:36.1").missing


#: Enough measures to bring every likelihood down, none that limits the harm of a modification.
_NO_HARM_LIMIT = (
    "builtin:access_control",
    "builtin:logging",
    "builtin:network_security",
    "builtin:workstation_security",
    "builtin:integrity_check",
    "builtin:staff_training",
    "builtin:data_quality",
)


@pytest.mark.parametrize(
    ("path", "unknown", "unfavourable"),
    [
        (
            "decisions.effect",
            {"decisions": Decisions(access_to_rights=False)},
            {"decisions": Decisions(access_to_rights=False, effect=DecisionEffect.LEGAL)},
        ),
        (
            "decisions.access_to_rights",
            {"decisions": Decisions(effect=DecisionEffect.NONE)},
            {"decisions": Decisions(effect=DecisionEffect.NONE, access_to_rights=True)},
        ),
        ("evaluation.scoring", {"evaluation": Evaluation()}, {"evaluation": Evaluation(scoring=True)}),
    ],
)
def test_a_decision_fact_left_unknown_leaves_the_consultation_open(
    path: str, unknown: dict[str, Any], unfavourable: dict[str, Any]
) -> None:
    """One decision fact known harmless does not settle the others: when the unknown one would make
    wrong data cost a right (modification Importante, consultation required), the answer waits on it."""

    def op(**facts: Any) -> ProcessingOperation:
        return operation(measures=measures(*_NO_HARM_LIMIT), scale=Scale(persons=800), **{**KNOWN, **facts})

    assert _decide(op()).required is False
    assert _decide(op(**unfavourable)).required is True
    c = _decide(op(**unknown))
    assert c.required is None
    assert path in _ground(c, "gdpr:36.1").missing


def test_a_risk_without_levels_leaves_the_consultation_open() -> None:
    """A DPO's own risk with no levels may be high: the decision waits on its levels."""
    c = _decide(_safe(risk_judgements=(RiskJudgement(risk="ville:reidentification"),)))
    g = _ground(c, "gdpr:36.1")
    assert g.status is FindingStatus.UNKNOWN
    assert "risk_judgements" in g.missing


def test_threshold_setting_changes_the_decision() -> None:
    """With the high level at Maximale, the same risks no longer require consultation."""
    from aipd.vocabulary import Level

    assert _decide(operation(), high_risk_level=Level.MAXIMUM).required is False


# --- loi Informatique et Libertés art. 90 ------------------------------------------------------------


def test_title_iii_residual_high_risk_requires_consultation_under_90_1() -> None:
    """Title III and a residual high risk: art. 90 1°, not art. 36."""
    c = _decide(operation(legal=_police(on_behalf_of_state=False), technology=Technology(innovative=False)))
    assert c.required is True
    assert _ground(c, "lil:90-1").status is FindingStatus.MET
    assert not any(g.id == "gdpr:36.1" for g in c.grounds)


def test_title_iii_without_high_risk_or_new_technology_needs_no_consultation() -> None:
    """Title III, risks brought down, no new technology: no consultation."""
    c = _decide(_safe(legal=_police(on_behalf_of_state=False), technology=Technology(innovative=False)))
    assert c.required is False
    assert _ground(c, "lil:90-2").status is FindingStatus.NOT_MET


def test_title_iii_new_technology_requires_consultation_whatever_the_measures() -> None:
    """Art. 90 2°: a new technology in a high-risk type of processing requires consultation by nature."""
    c = _decide(_safe(legal=_police(on_behalf_of_state=False), technology=Technology(innovative=True)))
    assert c.required is True
    assert _ground(c, "lil:90-2").status is FindingStatus.MET
    assert _ground(c, "lil:90-1").status is FindingStatus.NOT_MET


def test_a_new_technology_in_police_or_video_protection_with_no_regime_leaves_the_decision_open() -> None:
    """Regime not stated for a vidéoprotection processing: art. 90 2° would apply under Title III, so the
    consultation is open, asking for legal.regime, where the GDPR reading alone said « not required »."""
    op = _safe(
        domains=(Domain.VIDEO_PROTECTION,),
        legal=LegalFramework(on_behalf_of_state=False),
        technology=Technology(innovative=True),
    )
    c = _decide(op)
    assert c.required is None
    ground = _ground(c, "lil:90-2")
    assert ground.status is FindingStatus.UNKNOWN
    assert ground.missing == ("legal.regime",)
    gdpr = _decide(attrs.evolve(op, legal=LegalFramework(regime=LegalRegime.GDPR, on_behalf_of_state=False)))
    assert gdpr.required is False
    assert not [g for g in gdpr.grounds if g.id == "lil:90-2"]


def test_title_iii_unknown_technology_leaves_the_decision_open() -> None:
    """Whether the technology is new is unknown: the decision is open and the fact is named."""
    c = _decide(_safe(legal=_police(on_behalf_of_state=False)))
    assert c.required is None
    assert "technology.innovative" in c.missing


def test_title_iii_state_processing_sends_the_dpia_with_the_request() -> None:
    """Title III on behalf of the State: the DPIA goes with the request for an opinion (arts. 90 and 33)."""
    c = _decide(_safe(legal=_police(on_behalf_of_state=True)))
    g = _ground(c, "lil:90-state")
    assert g.status is FindingStatus.MET
    assert g.effect == "formality"
    assert not any(x.id == "lil:90-1" for x in c.grounds)
    # not a prior consultation, but the CNIL is seized: the label must not read « non requise » alone
    assert c.required is False
    assert c.label.fr.startswith("Pas de consultation préalable, mais une formalité auprès de la CNIL (")
    assert "non requise" not in c.label.fr


def test_gdpr_state_processing_is_flagged_to_check() -> None:
    """State processing under the GDPR: arts. 31–32 are pointed out as to check, without deciding."""
    c = _decide(_safe(legal=LegalFramework(on_behalf_of_state=True)))
    assert _ground(c, "lil:31-32").effect == "informs"
    assert c.required is False


# --- loi 2023-380 art. 10 -----------------------------------------------------------------------------


def test_jo_experiment_requires_the_ru_075_declaration() -> None:
    """The JO 2024 experiment names its own formalities; a missing RU-075 declaration is a missing fact."""
    legal = _police(on_behalf_of_state=False, specific_law="Loi n° 2023-380 du 19 mai 2023, art. 10")
    c = _decide(_safe(legal=legal, technology=Technology(innovative=False), created=dt.date(2024, 5, 1)))
    g = _ground(c, "jo2024:art10")
    assert g.status is FindingStatus.MET
    assert "legal.prior_formalities" in g.missing
    declared = _police(
        on_behalf_of_state=False,
        specific_law="Loi n° 2023-380",
        prior_formalities=("Déclaration de conformité au RU-075",),
    )
    c2 = _decide(_safe(legal=declared, technology=Technology(innovative=False), created=dt.date(2024, 5, 1)))
    assert _ground(c2, "jo2024:art10").missing == ()
    assert "plus de base légale" not in _ground(c2, "jo2024:art10").rationale.fr


def test_jo_experiment_after_its_end_has_no_legal_basis() -> None:
    """Dated after 31 March 2025, the experiment's processing is said to lack a legal basis."""
    legal = _police(on_behalf_of_state=False, specific_law="Loi n° 2023-380")
    c = _decide(_safe(legal=legal, technology=Technology(innovative=False), created=dt.date(2025, 6, 1)))
    assert "plus de base légale" in _ground(c, "jo2024:art10").rationale.fr


def test_no_jo_ground_for_other_processing() -> None:
    """Without loi 2023-380 among its texts, no JO ground is listed."""
    assert not any(g.id == "jo2024:art10" for g in _decide(operation()).grounds)


# --- the art. 36(3) file ----------------------------------------------------------------------------------


def test_file_lists_a_to_f() -> None:
    """The file has items (a) to (f); (e) is this document and (f) is given on request."""
    c = _decide(operation())
    assert [f.letter for f in c.file] == ["a", "b", "c", "d", "e", "f"]
    by = {f.letter: f for f in c.file}
    assert by["e"].present is True
    assert by["f"].present is None
    assert by["b"].present is True


def test_file_names_what_is_missing() -> None:
    """No DPO, a joint controller without allocation, no measures: (a), (c) and (d) are missing."""
    op = operation(
        controller=Controller(name="Commune", kind=OrganisationKind.COMMUNE),
        joint_controllers=(JointController(name="EPCI"),),
    )
    by = {f.letter: f for f in _decide(op).file}
    assert by["a"].missing == ("joint_controllers[0].responsibilities",)
    assert by["c"].missing == ("measures",)
    assert by["d"].missing == ("controller.dpo",)


def test_a_dpo_who_raises_the_initial_level_raises_the_residual_with_it() -> None:
    """The DPO raises the initial levels and gives no residual: the measures lower the retained level
    as much as they lower the proposal, no more. The residual used to fall back to aipd's lower
    proposal, hiding the DPO's judgement (and the consultation with it)."""
    raised = RiskJudgement(risk="cnil:illegitimate_access", severity=Level.MAXIMUM, likelihood=Level.MAXIMUM)
    settings = Settings()
    access = next(
        r
        for r in analyse_risks(
            operation(risk_judgements=(raised,), **KNOWN), builtin_catalogue(), settings
        ).risks
        if r.id == "cnil:illegitimate_access"
    )
    assert (access.residual_severity, access.residual_likelihood) == (Level.MAXIMUM, Level.MAXIMUM)
    assert access.high is True
    assert _decide(operation(risk_judgements=(raised,), **KNOWN)).required is True


def test_title_iii_new_technology_with_an_open_screening_leaves_90_2_open() -> None:
    """A new technology whose type may present high risks (screening incomplete): art. 90 2° is open,
    not « no new technology » as the rationale used to say."""
    op = _safe(legal=_police(on_behalf_of_state=False), technology=Technology(innovative=True))
    g = _ground(_decide(op, Requirement.INCOMPLETE), "lil:90-2")
    assert g.status is FindingStatus.UNKNOWN
    assert "technologie nouvelle" in g.rationale.fr
    no_dpia = _ground(_decide(op, Requirement.NOT_REQUIRED), "lil:90-2")
    assert no_dpia.status is FindingStatus.NOT_MET
    assert "aucune AIPD n'est requise" in no_dpia.rationale.fr


def test_a_dpo_residual_likelihood_alone_confirms_the_high_risk() -> None:
    """The DPO may set the residual level on one axis only: a high residual likelihood of theirs
    confirms the high risk as a residual severity does."""
    judged = RiskJudgement(
        risk="cnil:illegitimate_access", likelihood=Level.MAXIMUM, residual_likelihood=Level.MAXIMUM
    )
    c = _decide(_safe(risk_judgements=(judged,)), Requirement.NOT_REQUIRED)
    assert _ground(c, "gdpr:36.1").status is FindingStatus.MET


def test_residual_levels_written_without_a_word_do_not_settle_a_missing_fact() -> None:
    """Systematic monitoring unknown keeps the consultation open; the DPO writing the proposed
    residual levels, without a justification, does not close it; with one, the DPO's levels decide."""
    op = operation(
        decisions=KNOWN["decisions"],
        evaluation=KNOWN["evaluation"],
        measures=measures(
            "builtin:access_control", "builtin:logging", "builtin:backup", "builtin:business_continuity"
        ),
    )
    assert _decide(op).required is None
    same = RiskJudgement(
        risk="cnil:illegitimate_access", residual_severity=Level.LIMITED, residual_likelihood=Level.NEGLIGIBLE
    )
    c = _decide(attrs.evolve(op, risk_judgements=(same,)))
    assert c.required is None
    assert _ground(c, "gdpr:36.1").missing == ("monitoring.systematic",)
    reasoned = attrs.evolve(same, justification="Aucun suivi des personnes : fichier de prêts.")
    assert _decide(attrs.evolve(op, risk_judgements=(reasoned,))).required is False


def test_a_title_iii_processing_not_known_to_be_for_the_state_does_not_read_as_nothing_to_send() -> None:
    """Title III, no high risk, but whether the processing is carried out on behalf of the State is
    unknown: then the DPIA goes to the CNIL with the request for an opinion (art. 90 and 31–33). The
    label says a formality remains to be determined and the explanation why, not a bare « non requise »."""
    known = Technology(innovative=False)
    c = _decide(_safe(legal=_police(), technology=known))
    assert c.required is False
    assert c.label.fr.startswith(
        "Pas de consultation préalable ; une formalité auprès de la CNIL reste à trancher"
    )
    assert "pour le compte de l'État" in c.explanation.fr
    assert "legal.on_behalf_of_state" in c.missing
    settled = _decide(_safe(legal=_police(on_behalf_of_state=False), technology=known))
    assert settled.label.fr == "Consultation préalable de la CNIL non requise"


def test_supports_not_declared_may_be_paper() -> None:
    """No asset declared: the supports may be a paper file (disappearance one level likelier), so a
    disappearance that one measure brings just below the line keeps the consultation open. Declared
    paper makes it required; before, the unknown supports gave « not required »."""
    declared = measures(
        "builtin:access_control",
        "builtin:logging",
        "builtin:eu_hosting",
        "builtin:output_filtering",
        "builtin:integrity_check",
        "builtin:data_quality",
        "builtin:business_continuity",
    )
    paper = SupportingAsset(kind=AssetKind.PAPER, name="Fiches papier")
    assert _decide(operation(assets=(paper,), measures=declared, **KNOWN)).required is True
    c = _decide(operation(assets=(), measures=declared, **KNOWN))
    assert c.required is None
    assert _ground(c, "gdpr:36.1").missing == ("assets",)


def test_data_not_declared_may_be_biometric() -> None:
    """No data category declared: the data may be biometric (a disclosure is « Maximale »), so the
    measures that keep identity data below the line do not make the consultation « not required »."""
    assert _decide(_safe(data=(DataCategory(kind=DataKind.BIOMETRIC),))).required is True
    c = _decide(_safe(data=()))
    assert c.required is None
    assert "data" in _ground(c, "gdpr:36.1").missing


# --- unknown facts are never read as favourable (property) -----------------------------------------

#: The facts the risk levels read, each with its favourable and unfavourable values (``persons`` and
#: ``assets``: whether a category and an asset are declared; unknown, none is).
_FACT_VALUES: dict[str, tuple[Any, Any]] = {
    "persons": (True, True),
    "data": (True, True),
    "vulnerable": (False, True),
    "assets": (True, True),
    "hosting": (Hosting.PROVIDER_EU, Hosting.PROVIDER_NON_EU),
    "internet_facing": (False, True),
    "country": ("FR", "US"),
    "contract_art28": (True, False),
    "access_to_rights": (False, True),
    "effect": (DecisionEffect.NONE, DecisionEffect.LEGAL),
    "scoring": (False, True),
    "systematic": (False, True),
    "count": (800, 1_000_000),
}
_DATA_KINDS = (DataKind.IDENTITY, DataKind.HEALTH, DataKind.LOCATION, DataKind.BIOMETRIC)
#: Measures on each axis of each feared event, few enough that a level often sits at the line.
_MEASURE_IDS = (
    "builtin:access_control",
    "builtin:backup",
    "builtin:business_continuity",
    "builtin:encryption",
    "builtin:human_review",
    "builtin:integrity_check",
    "builtin:logging",
    "builtin:pseudonymisation",
)


def _with_facts(
    facts: dict[str, Any], kinds: list[DataKind], declared: dict[str, MeasureStatus]
) -> ProcessingOperation:
    persons = SubjectCategory(kind=SubjectKind.USERS, vulnerable=facts["vulnerable"])
    asset = SupportingAsset(
        kind=AssetKind.SOFTWARE,
        name="Logiciel",
        hosting=facts["hosting"],
        internet_facing=facts["internet_facing"],
    )
    paper = SupportingAsset(kind=AssetKind.PAPER, name="Dossiers papier")
    return operation(
        data=tuple(DataCategory(kind=k) for k in kinds) if facts["data"] else (),
        data_subjects=(persons,) if facts["persons"] else (),
        assets=(asset, *((paper,) if facts.get("paper") else ())) if facts["assets"] else (),
        processors=(
            Processor(
                name="Presta",
                role="Hébergement",
                country=facts["country"],
                contract_art28=facts["contract_art28"],
            ),
        ),
        decisions=Decisions(access_to_rights=facts["access_to_rights"], effect=facts["effect"]),
        evaluation=Evaluation(scoring=facts["scoring"]),
        monitoring=Monitoring(systematic=facts["systematic"]),
        scale=Scale(persons=facts["count"]),
        measures=tuple(Measure(id=i, status=s) for i, s in sorted(declared.items())),
    )


@hsettings(max_examples=500, deadline=None)
@given(
    # Mostly favourable known facts, so that the unknown one is often what decides.
    known=st.fixed_dictionaries(
        {k: st.sampled_from((fav, fav, fav, unfav)) for k, (fav, unfav) in _FACT_VALUES.items()}
    ),
    unknown=st.lists(st.sampled_from(sorted(_FACT_VALUES)), min_size=1, max_size=2, unique=True),
    kinds=st.lists(st.sampled_from(_DATA_KINDS), min_size=1, max_size=2, unique=True),
    declared=st.dictionaries(
        st.sampled_from(_MEASURE_IDS),
        st.sampled_from([MeasureStatus.IMPLEMENTED, MeasureStatus.PLANNED]),
        max_size=5,
    ),
    axes=st.sampled_from(["either", "both"]),
    level=st.sampled_from([Level.SIGNIFICANT, Level.MAXIMUM]),
    requirement=st.sampled_from([Requirement.REQUIRED, Requirement.INCOMPLETE, Requirement.NOT_REQUIRED]),
)
def test_an_unknown_fact_never_weighs_less_than_its_unfavourable_value(
    known: dict[str, Any],
    unknown: list[str],
    kinds: list[DataKind],
    declared: dict[str, MeasureStatus],
    axes: Literal["either", "both"],
    level: Level,
    requirement: Requirement,
) -> None:
    """Replacing an unknown fact by its unfavourable value never lowers a level, and a consultation
    that the unfavourable value makes required, or leaves open, is never « not required » while the
    fact is unknown (whatever the screening concluded)."""
    facts = known | dict.fromkeys(unknown)
    key = unknown[0]
    worse_facts = facts | {key: _FACT_VALUES[key][1]}
    worse_kinds = kinds
    if key == "persons":
        worse_facts["vulnerable"] = True
    if key == "assets":
        worse_facts |= {"hosting": Hosting.PROVIDER_NON_EU, "internet_facing": True, "paper": True}
    if key == "data":
        worse_kinds = [*kinds, DataKind.BIOMETRIC, DataKind.HEALTH, DataKind.OFFENCES]
    settings = Settings(high_risk_axes=axes, high_risk_level=level)
    ops = (_with_facts(facts, kinds, declared), _with_facts(worse_facts, worse_kinds, declared))
    (op, risks), (worse_op, worse_risks) = ((o, analyse_risks(o, builtin_catalogue(), settings)) for o in ops)
    for r in risks:
        w = worse_risks.get(r.id)
        if w is None:
            continue
        for name in ("severity", "likelihood", "residual_severity", "residual_likelihood"):
            assert getattr(w, name).rank >= getattr(r, name).rank, (key, r.id, name)
    if decide_consultation(worse_op, worse_risks, _screening(requirement), settings).required is not False:
        assert decide_consultation(op, risks, _screening(requirement), settings).required is not False, key


def test_title_iii_state_unknown_says_a_formality_may_be_due() -> None:
    """Title III, no consultation ground met, on_behalf_of_state unknown: no prior consultation either way,
    but the label and the explanation say that the State formality (DPIA sent with the request for an
    opinion, art. 90) is still open, instead of « non requise » alone."""
    c = _decide(_safe(legal=_police(), technology=Technology(innovative=False)))
    assert c.required is False
    assert "formalité auprès de la CNIL reste à trancher" in c.label.fr
    assert "formality with the CNIL is still open" in c.label.en
    assert "art. 90, deuxième alinéa" in c.explanation.fr
    assert "legal.on_behalf_of_state" in c.missing
    known = _decide(_safe(legal=_police(on_behalf_of_state=False), technology=Technology(innovative=False)))
    assert known.label.fr == "Consultation préalable de la CNIL non requise"


def test_art_90_1_names_the_reading_it_applies() -> None:
    """Art. 90 1° literally speaks of the risk absent measures; aipd applies the residual reading, which its
    source names and marks as to be checked, as for GDPR art. 36(1)."""
    c = _decide(operation(legal=_police(on_behalf_of_state=False), technology=Technology(innovative=False)))
    source = _ground(c, "lil:90-1").source
    assert "risque résiduel" in source.citation.fr
    assert "residual" in source.citation.en
    assert source.reliability == "recalled"
    assert c.label.fr.endswith("(loi n° 78-17 du 6 janvier 1978, art. 90, 1°)")


def test_90_2_follows_the_screening_presumption_for_deep_learning() -> None:
    """technology.innovative not given, but WP248 criterion 8 met in the screening (deep learning presumed
    innovative, CNIL AI sheet 5): art. 90 2° is met with the DPIA required, whatever the measures, instead of
    staying open; the rationale quotes the presumption."""
    op = _safe(legal=_police(on_behalf_of_state=False))
    assert op.technology.innovative is None
    settings = Settings()
    criterion = Finding(
        id="wp248:innovative_use",
        kind="criterion",
        group="wp248",
        title=t("Usage innovant", "Innovative use"),
        effect=Effect.COUNTS,
        status=FindingStatus.MET,
        rationale=t("Apprentissage profond, présumé innovant.", "Deep learning, presumed innovative."),
        missing=(),
        source=Source(citation=t("WP248", "WP248"), url=None, reliability="recalled"),
        plugin=PluginInfo(name="builtin.wp248", version="0"),
    )
    screening = attrs.evolve(_screening(), findings=(criterion,))
    c = decide_consultation(op, analyse_risks(op, builtin_catalogue(), settings), screening, settings)
    ground = _ground(c, "lil:90-2")
    assert ground.status is FindingStatus.MET
    assert "présumé innovant" in ground.rationale.fr
    assert c.required is True
    # Without the finding (criterion not met), the fact is still asked.
    assert _ground(_decide(op), "lil:90-2").status is FindingStatus.UNKNOWN


_LEVELS = st.sampled_from([None, Level.NEGLIGIBLE, Level.LIMITED, Level.SIGNIFICANT, Level.MAXIMUM])


@hsettings(max_examples=300, deadline=None)
@given(
    # Mostly favourable known facts and an unknown one, so that the unknown fact often decides.
    known=st.fixed_dictionaries(
        {k: st.sampled_from((fav, fav, fav, unfav)) for k, (fav, unfav) in _FACT_VALUES.items()}
    ),
    unknown=st.lists(st.sampled_from(sorted(_FACT_VALUES)), min_size=1, max_size=2, unique=True),
    kinds=st.lists(st.sampled_from(_DATA_KINDS), min_size=1, max_size=2, unique=True),
    declared=st.dictionaries(
        st.sampled_from(_MEASURE_IDS),
        st.sampled_from([MeasureStatus.IMPLEMENTED, MeasureStatus.PLANNED]),
        min_size=2,
        max_size=6,
    ),
    risk=st.sampled_from(["cnil:illegitimate_access", "cnil:unwanted_modification", "cnil:disappearance"]),
    levels=st.tuples(_LEVELS, _LEVELS, _LEVELS, _LEVELS),
    requirement=st.sampled_from([Requirement.REQUIRED, Requirement.INCOMPLETE, Requirement.NOT_REQUIRED]),
)
def test_levels_written_without_a_justification_never_close_the_consultation(
    known: dict[str, Any],
    unknown: list[str],
    kinds: list[DataKind],
    declared: dict[str, MeasureStatus],
    risk: str,
    levels: tuple[Level | None, Level | None, Level | None, Level | None],
    requirement: Requirement,
) -> None:
    """A DPO's levels without a justification may raise a risk, never settle the consultation: when
    the proposal leaves it required or open, such a judgement never makes it « not required »."""
    op = _with_facts(known | dict.fromkeys(unknown), kinds, declared)
    sev, lik, rsev, rlik = levels
    judged = attrs.evolve(
        op,
        risk_judgements=(
            RiskJudgement(
                risk=risk, severity=sev, likelihood=lik, residual_severity=rsev, residual_likelihood=rlik
            ),
        ),
    )
    settings = Settings()
    screening = _screening(requirement)

    def decide(o: ProcessingOperation) -> bool | None:
        return decide_consultation(
            o, analyse_risks(o, builtin_catalogue(), settings), screening, settings
        ).required

    if decide(op) is not False:
        assert decide(judged) is not False


def test_the_label_names_each_text_once() -> None:
    """Art. 90 1° and 2° both met: the label read « (Loi n° 78-17 du 6 janvier 1978, art. 90, 1°, Loi n° 78-17
    du 6 janvier 1978, art. 90, 2°) » on the cover page; it names the law once, in lower case in the sentence."""
    from pathlib import Path

    import aipd

    example = Path(__file__).resolve().parent.parent / "examples" / "cameras-augmentees.yaml"
    c = aipd.assess(aipd.load(example)).consultation
    assert c is not None
    assert c.label.fr == (
        "Consultation préalable de la CNIL requise (loi n° 78-17 du 6 janvier 1978, art. 90, 1° et 2°)"
    )
    assert (
        c.label.en
        == "Prior consultation of the CNIL required (loi 78-17 of 6 January 1978, art. 90, 1° and 2°)"
    )


def test_the_file_counts_in_words_not_with_brackets() -> None:
    """The art. 36(3) file read « 2 finalité(s), 5 support(s) », « 13 mesure(s) déclarée(s) »."""
    from pathlib import Path

    import aipd

    example = Path(__file__).resolve().parent.parent / "examples" / "detection-fraude-ccas.yaml"
    c = aipd.assess(aipd.load(example)).consultation
    assert c is not None
    by = {f.letter: f for f in c.file}
    assert by["b"].detail.fr == "2 finalités, 5 supports"
    assert by["b"].detail.en == "2 purposes, 5 supporting assets"
    assert by["c"].detail.fr == "13 mesures déclarées"
    assert "(s)" not in by["c"].detail.en
