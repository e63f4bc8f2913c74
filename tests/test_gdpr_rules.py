"""GDPR rules: art. 35(3) mandatory cases, art. 35(10), an existing DPIA, and the blocking issues."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import strategies
from aipd.assess import assess
from aipd.catalogue import Effect, FindingStatus
from aipd.model import AISystem, Controller, DataCategory, LegalFramework, ProcessingOperation, Purpose, Scale
from aipd.screening import Reason
from aipd.settings import Settings
from aipd.vocabulary import (
    AITechnique,
    Article9Exception,
    DataKind,
    DecisionEffect,
    Domain,
    LegalBasis,
    LegalRegime,
    OrganisationKind,
    Status,
)
from aipd_builtin import gdpr
from rule_cases import evolve, quiet, registry, run

MET, NOT_MET, UNKNOWN = FindingStatus.MET, FindingStatus.NOT_MET, FindingStatus.UNKNOWN


def test_catalogue_ids_effects_and_sources() -> None:
    """The GDPR rules have their ids, effects and sources, and only art. 35(10) overrides mandatory cases."""
    effects = {c.id: c.effect for c in gdpr.CRITERIA}
    assert effects == {
        "gdpr:art35-3-a": Effect.REQUIRES,
        "gdpr:art35-3-b": Effect.REQUIRES,
        "gdpr:art35-3-c": Effect.REQUIRES,
        "gdpr:art35-10": Effect.EXEMPTS,
        "gdpr:similar-dpia": Effect.INFORMS,
        "gdpr:no-legal-basis": Effect.BLOCKS,
        "gdpr:no-art9-exception": Effect.BLOCKS,
        "gdpr:offence-data-art10": Effect.BLOCKS,
        "gdpr:nir-without-text": Effect.BLOCKS,
        "lil:art90": Effect.REQUIRES,
        "lil:art87": Effect.BLOCKS,
        "lil:art88": Effect.BLOCKS,
    }
    assert [c.id for c in gdpr.CRITERIA if c.overrides_mandatory] == ["gdpr:art35-10"]
    assert {c.group for c in gdpr.CRITERIA} == {"gdpr"}
    cited = {c.id: c.source for c in gdpr.CRITERIA}
    assert "art. 35.3.a" in cited["gdpr:art35-3-a"].citation.fr
    assert cited["gdpr:art35-3-a"].reliability == "verified"
    assert cited["gdpr:art35-10"].reliability == "recalled"
    assert "2019-341" in cited["gdpr:nir-without-text"].citation.fr
    assert "art. 30" in cited["gdpr:nir-without-text"].citation.fr
    assert cited["gdpr:nir-without-text"].reliability == "recalled"


# --- art. 35(3)(a) ----------------------------------------------------------------------------------


def evaluating(
    extensive: bool | None, automated: bool | None, effect: DecisionEffect | None
) -> ProcessingOperation:
    op = evolve(quiet(), "evaluation", scoring=True, profiling=True, systematic_extensive=extensive)
    return evolve(op, "decisions", automated=automated, effect=effect)


def test_35_3_a_met_with_decisions_of_significant_effect() -> None:
    """A systematic, extensive evaluation on which decisions with legal effects are based requires a DPIA."""
    assert run("gdpr:art35-3-a", evaluating(True, True, DecisionEffect.LEGAL)).status is MET


def test_35_3_a_not_met_without_decision_effect_or_extent() -> None:
    """No effect on the persons, or an evaluation that is not extensive: not met."""
    assert run("gdpr:art35-3-a", evaluating(True, True, DecisionEffect.NONE)).status is NOT_MET
    assert run("gdpr:art35-3-a", evaluating(False, None, None)).status is NOT_MET


def test_35_3_a_unknown_names_every_missing_fact() -> None:
    """Unsettled facts are listed, those of the evaluation and of the decisions."""
    outcome = run("gdpr:art35-3-a", evaluating(None, True, None))
    assert outcome.status is UNKNOWN
    assert outcome.missing == ("evaluation.systematic_extensive", "decisions.effect")


# --- art. 35(3)(b) ----------------------------------------------------------------------------------


#: An individual practice: the controller is the professional, not a public body (recital 91).
PRACTICE = Controller(name="Cabinet du Dr Martin", kind=OrganisationKind.OTHER, agents=2)


def special(persons: int | None, kind: DataKind = DataKind.HEALTH, **kw: Any) -> ProcessingOperation:
    return quiet(
        data=(DataCategory(kind=kind),), scale=Scale(persons=persons, relevant_population=40_000), **kw
    )


@pytest.mark.parametrize("kind", [DataKind.HEALTH, DataKind.BIOMETRIC, DataKind.OFFENCES])
def test_35_3_b_met_for_special_or_offence_data_on_a_large_scale(kind: DataKind) -> None:
    """Special categories or offence data of 20,000 persons: mandatory."""
    assert run("gdpr:art35-3-b", special(20_000, kind)).status is MET


def test_35_3_b_not_met_for_ordinary_data_or_small_scale() -> None:
    """Ordinary data, or 3,000 persons (a share of 7.5 %), do not make it mandatory."""
    assert run("gdpr:art35-3-b", special(20_000, DataKind.FINANCIAL)).status is NOT_MET
    assert run("gdpr:art35-3-b", special(3_000)).status is NOT_MET


def test_35_3_b_uses_the_absolute_figure_not_the_share() -> None:
    """31 % of a small commune meets WP248 criterion 5 but not the mandatory case, unless Settings say so."""
    op = quiet(
        data=(DataCategory(kind=DataKind.HEALTH),), scale=Scale(persons=3_050, relevant_population=9_800)
    )
    assert run("wp248:large_scale", op).status is MET
    outcome = run("gdpr:art35-3-b", op)
    assert outcome.status is NOT_MET
    # The absolute figure is the library's choice, not the text's: the rationale says so, and how to change it.
    assert "Choix de cette bibliothèque" in outcome.rationale.fr
    assert "This library's choice" in outcome.rationale.en
    assert "Settings.mandatory_large_scale_absolute" in outcome.rationale.fr
    assert run("gdpr:art35-3-b", op, Settings(mandatory_large_scale_absolute=False)).status is MET


def test_35_3_b_recital_91_and_unknown() -> None:
    """An individual physician's files are not large scale; an unknown number of persons is asked for."""
    physician = special(20_000, domains=(Domain.INDIVIDUAL_HEALTH_PROFESSIONAL,), controller=PRACTICE)
    assert run("gdpr:art35-3-b", physician).status is NOT_MET
    outcome = run(
        "gdpr:art35-3-b", quiet(data=(DataCategory(kind=DataKind.HEALTH),), scale=Scale(), data_subjects=())
    )
    assert outcome.status is UNKNOWN
    assert outcome.missing == ("scale.persons",)


# --- art. 35(3)(b): the persons whose special-category or offence data are processed -----------------


def beneficiaries(*data: DataCategory, persons: int | None = 12_000) -> ProcessingOperation:
    """A CCAS-like processing: identity data of everyone, the categories given, ``persons`` in all."""
    return quiet(
        data=(DataCategory(kind=DataKind.IDENTITY), *data),
        scale=Scale(persons=persons, relevant_population=40_000),
        data_subjects=(),
    )


def test_35_3_b_judged_on_the_persons_whose_special_data_are_processed() -> None:
    """Health data of 300 of 12,000 beneficiaries is not large scale; of 6,000, it is. The figures are quoted."""
    few = run("gdpr:art35-3-b", beneficiaries(DataCategory(kind=DataKind.HEALTH, persons=300)))
    assert few.status is NOT_MET
    assert "300 (« Données de santé (art. 9) »), sur 12\u00a0000 personnes concernées" in few.rationale.fr
    assert "300 ('Health data (art. 9)'), out of 12,000 persons concerned" in few.rationale.en
    assert "5\u00a0000" in few.rationale.fr
    many = run("gdpr:art35-3-b", beneficiaries(DataCategory(kind=DataKind.HEALTH, persons=6_000)))
    assert many.status is MET
    assert "6,000" in many.rationale.en


def test_35_3_b_adds_the_categories_and_caps_the_sum_at_the_whole() -> None:
    """3,000 with health data and 2,500 with offence data may be different people: 5,500 at most, met;
    the same figures in a processing of 4,800 persons count 4,800 at most, not met."""
    data = (
        DataCategory(kind=DataKind.HEALTH, persons=3_000),
        DataCategory(kind=DataKind.OFFENCES, persons=2_500),
    )
    summed = run("gdpr:art35-3-b", beneficiaries(*data))
    assert summed.status is MET
    assert "au plus 5\u00a0500" in summed.rationale.fr
    assert "at most 5,500" in summed.rationale.en
    assert "counts a person found in several of them several times" in summed.rationale.en
    capped = run("gdpr:art35-3-b", beneficiaries(*data, persons=4_800))
    assert capped.status is NOT_MET
    assert "ramenées aux 4\u00a0800 personnes concernées par le traitement" in capped.rationale.fr
    assert "capped at the 4,800 persons" in capped.rationale.en


def test_35_3_b_only_the_special_and_offence_categories_need_a_figure() -> None:
    """Identity and location data without ``persons`` do not send the rule back to all persons."""
    op = beneficiaries(DataCategory(kind=DataKind.LOCATION), DataCategory(kind=DataKind.HEALTH, persons=300))
    assert run("gdpr:art35-3-b", op).status is NOT_MET


def test_35_3_b_falls_back_on_all_persons_and_says_so() -> None:
    """One special category without ``persons``: all 12,000 persons count (met), and the rationale says
    that this is the whole and which figure would refine it."""
    op = beneficiaries(
        DataCategory(kind=DataKind.HEALTH, persons=300), DataCategory(kind=DataKind.RELIGIOUS_BELIEFS)
    )
    outcome = run("gdpr:art35-3-b", op)
    assert outcome.status is MET
    assert "12\u00a0000 personnes concernées" in outcome.rationale.fr
    assert "celui de toutes les personnes du traitement" in outcome.rationale.fr
    assert "(data[2].persons) permettrait de l'affiner" in outcome.rationale.fr
    assert "the number of all persons of the processing" in outcome.rationale.en
    assert "(data[2].persons) would refine it" in outcome.rationale.en
    small = run("gdpr:art35-3-b", beneficiaries(DataCategory(kind=DataKind.HEALTH), persons=3_000))
    assert small.status is NOT_MET
    assert "cannot be more" in small.rationale.en


def test_35_3_b_unknown_stays_unknown_without_any_total() -> None:
    """No total and a category without figure: unknown, asking for scale.persons and naming the other way;
    with every category's figure, the rule is decided without the total."""
    outcome = run("gdpr:art35-3-b", beneficiaries(DataCategory(kind=DataKind.HEALTH), persons=None))
    assert outcome.status is UNKNOWN
    assert outcome.missing == ("scale.persons",)
    assert "data[1].persons" in outcome.rationale.fr
    assert "data[1].persons" in outcome.rationale.en
    known = run(
        "gdpr:art35-3-b", beneficiaries(DataCategory(kind=DataKind.HEALTH, persons=300), persons=None)
    )
    assert known.status is NOT_MET
    assert "n'étant pas connu" in known.rationale.fr
    assert (
        run(
            "gdpr:art35-3-b", beneficiaries(DataCategory(kind=DataKind.HEALTH, persons=6_000), persons=None)
        ).status
        is MET
    )


def test_35_3_b_a_category_above_the_whole_is_flagged_and_capped() -> None:
    """Built in Python (the loader refuses it), 15,000 with health data of 9,000 persons: 9,000 count,
    and the rationale asks to correct the figures."""
    op = beneficiaries(DataCategory(kind=DataKind.HEALTH, persons=15_000), persons=9_000)
    outcome = run("gdpr:art35-3-b", op)
    assert outcome.status is MET
    assert "Incohérence à corriger" in outcome.rationale.fr
    assert "Inconsistency to correct" in outcome.rationale.en
    assert "9,000" in outcome.rationale.en


def test_35_3_b_figures_with_the_share_setting_and_recital_91() -> None:
    """With criterion 5 as a whole, the share is that of these persons; recital 91 still rules out large scale."""
    op = beneficiaries(DataCategory(kind=DataKind.HEALTH, persons=1_500), persons=3_000)
    op = attrs.evolve(op, scale=attrs.evolve(op.scale, relevant_population=5_000))
    assert run("gdpr:art35-3-b", op).status is NOT_MET
    whole = Settings(mandatory_large_scale_absolute=False)
    assert run("gdpr:art35-3-b", op, whole).status is MET
    few = beneficiaries(DataCategory(kind=DataKind.HEALTH, persons=500), persons=3_000)
    few = attrs.evolve(few, scale=attrs.evolve(few.scale, relevant_population=5_000))
    assert run("gdpr:art35-3-b", few, whole).status is NOT_MET
    physician = beneficiaries(DataCategory(kind=DataKind.HEALTH, persons=20_000), persons=20_000)
    physician = attrs.evolve(physician, domains=(Domain.INDIVIDUAL_HEALTH_PROFESSIONAL,), controller=PRACTICE)
    assert run("gdpr:art35-3-b", physician).status is NOT_MET


_RANK = {NOT_MET: 0, UNKNOWN: 1, MET: 2}
_FIGURED_KINDS = [
    DataKind.HEALTH,
    DataKind.OFFENCES,
    DataKind.RELIGIOUS_BELIEFS,
    DataKind.LOCATION,
    DataKind.IDENTITY,
]


def _mostly_known(high: int) -> st.SearchStrategy[int | None]:
    """A figure up to ``high``, unknown about one time in five."""
    return st.integers(-high // 4, high).map(lambda n: None if n < 0 else n)


def _figured_operations() -> st.SearchStrategy[ProcessingOperation]:
    """Operations whose data are special, offence, location or ordinary categories, figures mostly given
    and around the 5,000-person threshold, so that sums, caps and fallbacks all decide some cases."""
    category = strategies.data_categories(kind=st.sampled_from(_FIGURED_KINDS), persons=_mostly_known(8_000))
    return strategies.operations(
        data=st.lists(category, min_size=1, max_size=4).map(tuple),
        scale=strategies.scales(persons=_mostly_known(20_000)),
    )


def _raise(op: ProcessingOperation, target: int, by: int) -> ProcessingOperation | None:
    """``op`` with one known figure raised by ``by`` (target 0: scale.persons, else data[target - 1])."""
    if target == 0:
        if op.scale.persons is None:
            return None
        return evolve(op, "scale", persons=op.scale.persons + by)
    i = (target - 1) % len(op.data)
    d = op.data[i]
    if d.persons is None:
        return None
    data = list(op.data)
    data[i] = attrs.evolve(d, persons=d.persons + by)
    return attrs.evolve(op, data=tuple(data))


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(op=_figured_operations(), target=st.integers(0, 3), by=st.integers(1, 10_000))
def test_raising_a_figure_never_lowers_the_rules_or_the_verdict(
    op: ProcessingOperation, target: int, by: int
) -> None:
    """More persons (in all, or in a category) never makes art. 35(3)(b), item 14 or the verdict less severe."""
    raised = _raise(op, target, by)
    if raised is None:
        return
    for rule in ("gdpr:art35-3-b", "cnil-2018-327:14"):
        assert _RANK[run(rule, raised).status] >= _RANK[run(rule, op).status]
    screening = registry()
    before = assess(op, registry=screening).verdict
    after = assess(raised, registry=screening).verdict
    if after.reason is not Reason.EXEMPTION:
        assert after.requirement.severity >= before.requirement.severity


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(op=_figured_operations())
def test_a_missing_figure_never_lowers_the_rules(op: ProcessingOperation) -> None:
    """Forgetting a category's figure never turns art. 35(3)(b) or item 14 to "not met"; with the number of
    all persons known, it falls back on that number and is never less severe."""
    for i, d in enumerate(op.data):
        if d.persons is None:
            continue
        forgotten = attrs.evolve(op, data=(*op.data[:i], attrs.evolve(d, persons=None), *op.data[i + 1 :]))
        for rule in ("gdpr:art35-3-b", "cnil-2018-327:14"):
            before, after = run(rule, op).status, run(rule, forgotten).status
            assert after is not NOT_MET or before is NOT_MET
            if op.persons is not None:
                assert _RANK[after] >= _RANK[before]


# --- art. 35(3)(c) ----------------------------------------------------------------------------------


def watching(systematic: bool | None, public: bool | None, persons: int) -> ProcessingOperation:
    op = quiet(scale=Scale(persons=persons, relevant_population=50_000))
    return evolve(op, "monitoring", systematic=systematic, public_area=public)


def test_35_3_c_met_for_systematic_monitoring_of_a_public_area_on_a_large_scale() -> None:
    """Cameras over a public square seen by 40,000 persons: mandatory, the facts quoted."""
    outcome = run("gdpr:art35-3-c", watching(True, True, 40_000))
    assert outcome.status is MET
    assert "zone accessible au public" in outcome.rationale.fr


def test_35_3_c_not_met_when_one_condition_fails() -> None:
    """Not public, not systematic, or not large scale: not met."""
    assert run("gdpr:art35-3-c", watching(True, False, 40_000)).status is NOT_MET
    assert run("gdpr:art35-3-c", watching(False, True, 40_000)).status is NOT_MET
    assert run("gdpr:art35-3-c", watching(True, True, 400)).status is NOT_MET


def test_35_3_c_unknown_public_area() -> None:
    """Whether the area is public decides: it is asked for."""
    outcome = run("gdpr:art35-3-c", watching(True, None, 40_000))
    assert outcome.status is UNKNOWN
    assert outcome.missing == ("monitoring.public_area",)


# --- art. 35(10) -------------------------------------------------------------------------------------


def under_law(
    assessed: bool | None, basis: LegalBasis | None = LegalBasis.LEGAL_OBLIGATION
) -> ProcessingOperation:
    return quiet(
        purposes=(Purpose(description="Tenir le registre", legal_basis=basis, legal_text="Loi n° X"),),
        legal=LegalFramework(specific_law="Loi n° X, art. 3", specific_law_impact_assessed=assessed),
    )


def test_35_10_met_for_a_law_adopted_with_an_impact_assessment() -> None:
    """Basis (c), a specific law, a general impact assessment: art. 35(10) applies."""
    outcome = run("gdpr:art35-10", under_law(True))
    assert outcome.status is MET
    assert "Loi n° X, art. 3" in outcome.rationale.fr


def test_35_10_not_met_without_assessment_text_or_with_another_basis() -> None:
    """No assessment, no specific law, or a consent basis: not met."""
    assert run("gdpr:art35-10", under_law(False)).status is NOT_MET
    assert run("gdpr:art35-10", under_law(True, LegalBasis.CONSENT)).status is NOT_MET
    assert run("gdpr:art35-10", quiet()).status is NOT_MET


def test_35_10_unknown_assessment_or_basis() -> None:
    """A named law whose adoption is not documented, or a purpose without basis, is unknown."""
    assert run("gdpr:art35-10", under_law(None)).missing == ("legal.specific_law_impact_assessed",)
    assert run("gdpr:art35-10", under_law(True, None)).missing == ("purposes[0].legal_basis",)


def test_35_10_does_not_set_aside_article_90_under_title_iii() -> None:
    """The GDPR does not apply under Title III (art. 2(2)(d)) and art. 90 has no such exemption:
    a law adopted with an impact assessment leaves a Title III processing of health data required."""
    import aipd

    law = LegalFramework(
        regime=LegalRegime.POLICE_JUSTICE, specific_law="Décret n° X", specific_law_impact_assessed=True
    )
    op = attrs.evolve(health(regime=LegalRegime.POLICE_JUSTICE), legal=law)
    outcome = run("gdpr:art35-10", op)
    assert outcome.status is NOT_MET
    assert "2.2.d" in outcome.rationale.fr
    assert aipd.assess(op).verdict.requirement is aipd.Requirement.REQUIRED


# --- an existing DPIA (WP248 III.B.b) --------------------------------------------------------------


def test_similar_dpia_informs() -> None:
    """An existing DPIA named is shown for information; none named is simply not met."""
    op = quiet(legal=LegalFramework(covered_by_dpia="AIPD vidéoprotection de la commune voisine (2023)"))
    outcome = run("gdpr:similar-dpia", op)
    assert outcome.status is MET
    assert "commune voisine" in outcome.rationale.fr
    assert run("gdpr:similar-dpia", quiet()).status is NOT_MET


# --- blocking issues ---------------------------------------------------------------------------------


def test_no_legal_basis_draft_validated_and_public_authority() -> None:
    """A purpose without basis is unknown on a draft, blocking once validated; legitimate interest blocks a commune."""
    bare = quiet(purposes=(Purpose(description="Envoyer une lettre", legal_basis=None),))
    draft = run("gdpr:no-legal-basis", bare)
    assert draft.status is UNKNOWN
    assert draft.missing == ("purposes[0].legal_basis",)
    assert run("gdpr:no-legal-basis", quiet(status=Status.VALIDATED, purposes=bare.purposes)).status is MET
    li = (Purpose(description="Prospecter", legal_basis=LegalBasis.LEGITIMATE_INTERESTS),)
    outcome = run("gdpr:no-legal-basis", quiet(purposes=li))
    assert outcome.status is MET
    assert "second alinéa" in outcome.rationale.fr
    assert run("gdpr:no-legal-basis", quiet()).status is NOT_MET


def test_no_legal_basis_asks_for_the_text_of_a_public_task() -> None:
    """A public-task basis with no text is unknown, asking for the text (art. 6(3))."""
    op = quiet(purposes=(Purpose(description="Informer", legal_basis=LegalBasis.PUBLIC_TASK),))
    assert run("gdpr:no-legal-basis", op).missing == ("purposes[0].legal_text",)


def test_legitimate_interest_is_allowed_to_a_private_body() -> None:
    """A private body may rely on legitimate interests: not blocking."""
    op = quiet(purposes=(Purpose(description="Prospecter", legal_basis=LegalBasis.LEGITIMATE_INTERESTS),))
    op = evolve(op, "controller", kind=OrganisationKind.OTHER)
    assert run("gdpr:no-legal-basis", op).status is NOT_MET


def health(status: Status = Status.DRAFT, **legal: Any) -> ProcessingOperation:
    return quiet(status=status, data=(DataCategory(kind=DataKind.HEALTH),), legal=LegalFramework(**legal))


def test_art9_exception() -> None:
    """Health data: an exception named is fine; none is unknown on a draft and blocking when validated."""
    assert (
        run("gdpr:no-art9-exception", health(article9_exception=Article9Exception.HEALTH_SOCIAL_CARE)).status
        is NOT_MET
    )
    draft = run("gdpr:no-art9-exception", health())
    assert draft.status is UNKNOWN
    assert draft.missing == ("legal.article9_exception",)
    assert run("gdpr:no-art9-exception", health(Status.VALIDATED)).status is MET
    assert run("gdpr:no-art9-exception", quiet()).status is NOT_MET
    assert run("gdpr:no-art9-exception", health(regime=LegalRegime.POLICE_JUSTICE)).status is NOT_MET


def test_art9_asks_only_for_the_data_while_they_are_unknown() -> None:
    """With no data declared, only the data are asked for, not the exception."""
    outcome = run("gdpr:no-art9-exception", quiet(data=()))
    assert outcome.status is UNKNOWN
    assert outcome.missing == ("data",)


def offences(status: Status = Status.DRAFT, **legal: Any) -> ProcessingOperation:
    return quiet(status=status, data=(DataCategory(kind=DataKind.OFFENCES),), legal=LegalFramework(**legal))


def test_offence_data_art10() -> None:
    """Offence data: the basis named is quoted; none is unknown on a draft, blocking when validated."""
    named = run("gdpr:offence-data-art10", offences(offence_data_basis="Art. L. 511-1 CSI"))
    assert named.status is NOT_MET
    assert "L. 511-1" in named.rationale.fr
    assert run("gdpr:offence-data-art10", offences()).missing == ("legal.offence_data_basis",)
    validated = run("gdpr:offence-data-art10", offences(Status.VALIDATED))
    assert validated.status is MET
    assert "contrôle de l'autorité publique" in validated.rationale.fr
    assert run("gdpr:offence-data-art10", quiet()).status is NOT_MET


def nir(status: Status = Status.DRAFT, **legal: Any) -> ProcessingOperation:
    return quiet(status=status, data=(DataCategory(kind=DataKind.NIR),), legal=LegalFramework(**legal))


def test_nir_without_text() -> None:
    """The NIR: the text named is fine; none is unknown on a draft, blocking when validated, citing the decree."""
    assert run("gdpr:nir-without-text", nir(nir_decree="Décret n° 2019-341, art. 2")).status is NOT_MET
    assert run("gdpr:nir-without-text", nir()).missing == ("legal.nir_decree",)
    validated = run("gdpr:nir-without-text", nir(Status.VALIDATED))
    assert validated.status is MET
    assert "2019-341" in validated.rationale.fr
    assert run("gdpr:nir-without-text", quiet()).status is NOT_MET


# --- loi Informatique et Libertés art. 90 (Title III) ---------------------------------------------


def test_art90_requires_a_dpia_for_title_iii_processing_of_article_6_data() -> None:
    """Police-justice processing of health data: art. 90 names art. 6 I data, so the DPIA is required."""
    outcome = run("lil:art90", health(regime=LegalRegime.POLICE_JUSTICE))
    assert outcome.status is MET
    assert "article 90" in outcome.rationale.fr
    assert "article 6" in outcome.rationale.fr


def test_art90_without_article_6_data_points_to_the_wp248_criteria() -> None:
    """Without sensitive data, art. 90's general clause is judged through the criteria, not presumed."""
    op = quiet(legal=LegalFramework(regime=LegalRegime.POLICE_JUSTICE))
    outcome = run("lil:art90", op)
    assert outcome.status is NOT_MET
    assert "WP248" in outcome.rationale.fr


def test_art90_unknown_data_stay_unknown_and_gdpr_processing_is_out_of_its_scope() -> None:
    """No data declared under Title III: the data are asked for; under the GDPR the rule does not apply."""
    bare = quiet(data=(), legal=LegalFramework(regime=LegalRegime.POLICE_JUSTICE))
    outcome = run("lil:art90", bare)
    assert outcome.status is UNKNOWN
    assert outcome.missing == ("data",)
    assert run("lil:art90", health()).status is NOT_MET


def test_police_or_video_protection_with_no_regime_asks_for_it() -> None:
    """Police municipale with health data and no regime stated: not read as GDPR (where art. 90 would
    not apply), but unknown, asking for legal.regime; a regime stated settles it either way."""
    op = attrs.evolve(
        health(), domains=(Domain.MUNICIPAL_POLICE,), legal=LegalFramework(on_behalf_of_state=False)
    )
    assert op.legal.regime is None
    outcome = run("lil:art90", op)
    assert outcome.status is UNKNOWN
    assert outcome.missing == ("legal.regime",)
    assert "titre III" in outcome.rationale.fr
    stated = attrs.evolve(op, legal=LegalFramework(regime=LegalRegime.GDPR, on_behalf_of_state=False))
    assert run("lil:art90", stated).status is NOT_MET
    assert run("lil:art90", attrs.evolve(op, domains=(Domain.CITIZEN_INFORMATION,))).status is NOT_MET
    # Without art. 6 I data, Title III would not require it either: no need to ask.
    assert run("lil:art90", attrs.evolve(op, data=(DataCategory(kind=DataKind.IDENTITY),))).status is NOT_MET
    # The art. 35(10) exemption holds only under the GDPR: with the regime in doubt it is open too.
    law = LegalFramework(
        specific_law="Décret n° X", specific_law_impact_assessed=True, on_behalf_of_state=False
    )
    exempt = run("gdpr:art35-10", attrs.evolve(op, legal=law))
    assert (exempt.status, exempt.missing[0]) == (UNKNOWN, "legal.regime")


def test_art35_3_cases_keep_their_status_under_title_iii_and_name_article_90() -> None:
    """A regime never makes an assessment less severe: the case stays met, resting on art. 90."""
    gdpr_case = special(20_000)
    police_case = attrs.evolve(gdpr_case, legal=LegalFramework(regime=LegalRegime.POLICE_JUSTICE))
    under_gdpr = run("gdpr:art35-3-b", gdpr_case)
    under_title_iii = run("gdpr:art35-3-b", police_case)
    assert under_gdpr.status is under_title_iii.status is MET
    assert "article 90" not in under_gdpr.rationale.fr
    assert "article 90" in under_title_iii.rationale.fr
    assert "article 90" in under_title_iii.rationale.en


def test_recital_91_is_for_the_individual_practice_only() -> None:
    """Recital 91 sets aside the files of an individual physician or lawyer: not a commune's health centre
    declared with that field, nor a processing that also covers another field. 60,000 patients' health
    data are then a large-scale processing of special categories (art. 35(3)(b)), as the figures say."""
    commune = special(60_000, domains=(Domain.INDIVIDUAL_HEALTH_PROFESSIONAL, Domain.HEALTH_CARE))
    assert commune.controller.kind is OrganisationKind.COMMUNE
    for op in (
        commune,
        special(
            60_000, domains=(Domain.INDIVIDUAL_HEALTH_PROFESSIONAL, Domain.STATISTICS), controller=PRACTICE
        ),
    ):
        outcome = run("gdpr:art35-3-b", op)
        assert outcome.status is MET
        assert "considérant 91" not in outcome.rationale.fr
        assert run("wp248:large_scale", op).status is MET
    practice = special(
        60_000, domains=(Domain.INDIVIDUAL_HEALTH_PROFESSIONAL, Domain.HEALTH_CARE), controller=PRACTICE
    )
    assert run("gdpr:art35-3-b", practice).status is NOT_MET


def test_biometric_data_of_an_ai_system_are_special_categories() -> None:
    """An AI system identifying 20,000 persons from their images processes biometric data (art. 9(1)) even
    if the data list says « images » only: art. 35(3)(b) is met and an art. 9(2) exception is asked; with
    the identification not stated, both are unknown, asking that fact (they read « not met » before)."""
    images = (DataCategory(kind=DataKind.IDENTITY), DataCategory(kind=DataKind.IMAGE))
    identifying = AISystem(
        name="Accueil", techniques=(AITechnique.DEEP_LEARNING,), biometric_identification=True
    )
    op = quiet(data=images, scale=Scale(persons=20_000), ai_system=identifying)
    assert run("gdpr:art35-3-b", op).status is MET
    assert run("gdpr:no-art9-exception", op).missing == ("legal.article9_exception",)
    silent = attrs.evolve(op, ai_system=attrs.evolve(identifying, biometric_identification=None))
    for rule in ("gdpr:art35-3-b", "gdpr:no-art9-exception"):
        outcome = run(rule, silent)
        assert outcome.status is UNKNOWN
        assert outcome.missing == ("ai_system.biometric_identification",)
    title_iii = attrs.evolve(op, legal=LegalFramework(regime=LegalRegime.POLICE_JUSTICE))
    assert run("lil:art90", title_iii).status is MET


def test_what_remains_to_state_reads_in_correct_french() -> None:
    """A basis or exception not stated on a draft is asked in wording that agrees with any noun (« l'exception
    … retenue » is feminine: « n'est pas encore indiqué » was wrong)."""
    op = quiet(data=(DataCategory(kind=DataKind.HEALTH),))
    outcome = run("gdpr:no-art9-exception", op)
    assert outcome.status is UNKNOWN
    assert "Reste à indiquer l'exception de l'art. 9.2 retenue :" in outcome.rationale.fr
    assert "indiqué :" not in outcome.rationale.fr


# --- loi Informatique et Libertés arts. 87 and 88 (Title III) --------------------------------------


def police(status: Status = Status.DRAFT, **overrides: Any) -> ProcessingOperation:
    """A Title III processing of the police municipale (regime stated)."""
    legal = overrides.pop("legal", LegalFramework(regime=LegalRegime.POLICE_JUSTICE))
    return quiet(status=status, domains=(Domain.MUNICIPAL_POLICE,), legal=legal, **overrides)


def test_title_iii_lawfulness_is_article_87_not_gdpr_article_6() -> None:
    """Under Title III a purpose with no text grounding the mission is asked for under art. 87, and a
    validated record without it is blocking, citing art. 87; GDPR art. 6 is not the rule there."""
    bare = (Purpose(description="Constater les infractions", legal_basis=LegalBasis.PUBLIC_TASK),)
    assert run("gdpr:no-legal-basis", police(purposes=bare)).status is NOT_MET
    assert "lil:art87" in run("gdpr:no-legal-basis", police(purposes=bare)).rationale.fr
    draft = run("lil:art87", police(purposes=bare))
    assert draft.status is UNKNOWN
    assert draft.missing == ("purposes[0].legal_text",)
    validated = run("lil:art87", police(Status.VALIDATED, purposes=bare))
    assert validated.status is MET
    assert "art. 87" in validated.rationale.fr
    assert "art. 87" in validated.rationale.en
    grounded = (
        Purpose(description="Constater les infractions", legal_basis=None, legal_text="Art. L. 511-1 CSI"),
    )
    assert run("lil:art87", police(purposes=grounded)).status is NOT_MET
    source = gdpr.CRITERIA[[c.id for c in gdpr.CRITERIA].index("lil:art87")].source
    assert "art. 87" in source.citation.fr
    assert "2016/680" in source.citation.fr
    assert source.reliability == "recalled"


def test_title_iii_purpose_on_consent_or_legitimate_interests_is_blocking() -> None:
    """Consent, contract and legitimate interests do not ground a Title III purpose (art. 87;
    directive 2016/680, art. 8 and recital 35): blocking, whatever the text stated."""
    for basis in (LegalBasis.CONSENT, LegalBasis.CONTRACT, LegalBasis.LEGITIMATE_INTERESTS):
        purposes = (Purpose(description="Vidéo", legal_basis=basis, legal_text="Art. L. 251-2 CSI"),)
        outcome = run("lil:art87", police(purposes=purposes))
        assert outcome.status is MET, basis
        assert "titre III" in outcome.rationale.fr


def test_title_iii_sensitive_data_need_article_88() -> None:
    """Health data under Title III: GDPR art. 9 does not apply, art. 88 does: absolute necessity and
    safeguards asked on a draft, blocking on a validated record, fine once stated."""
    data = (DataCategory(kind=DataKind.HEALTH),)
    assert run("gdpr:no-art9-exception", police(data=data)).status is NOT_MET
    draft = run("lil:art88", police(data=data))
    assert draft.status is UNKNOWN
    assert draft.missing == ("legal.article88_justification",)
    validated = run("lil:art88", police(Status.VALIDATED, data=data))
    assert validated.status is MET
    assert "nécessité absolue" in validated.rationale.fr
    assert "absolutely necessary" in validated.rationale.en
    stated = LegalFramework(
        regime=LegalRegime.POLICE_JUSTICE,
        article88_justification="Nécessité absolue : … ; garanties : … ; texte : décret n° …",
    )
    assert run("lil:art88", police(Status.VALIDATED, data=data, legal=stated)).status is NOT_MET
    assert run("lil:art88", police(Status.VALIDATED)).status is NOT_MET  # no art. 6 I data


def test_title_iii_rules_do_not_apply_under_the_gdpr_and_ask_the_regime_in_doubt() -> None:
    """Under the GDPR arts. 87 and 88 are not the rules; police municipale with no regime stated and
    what Title III would block: unknown, asking for the regime, never a silent "not met"."""
    data = (DataCategory(kind=DataKind.HEALTH),)
    assert run("lil:art88", health(Status.VALIDATED)).status is NOT_MET
    assert run("lil:art87", quiet(status=Status.VALIDATED)).status is NOT_MET
    doubt = police(Status.VALIDATED, data=data, legal=LegalFramework())
    outcome = run("lil:art88", doubt)
    assert outcome.status is UNKNOWN
    assert outcome.missing[0] == "legal.regime"


def test_title_iii_blocking_issue_reaches_the_assessment() -> None:
    """A validated Title III processing of health data without art. 88's conditions is a blocking issue."""
    op = police(Status.VALIDATED, data=(DataCategory(kind=DataKind.HEALTH),))
    result = assess(op, settings=Settings(), registry=registry())
    assert "lil:art88" in [f.id for f in result.blocking]
    assert "gdpr:no-art9-exception" not in [f.id for f in result.blocking]
