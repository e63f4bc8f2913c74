"""The CNIL risk model: proposed levels from the facts, measures, overrides, acceptability, map."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import aipd
import strategies
from aipd.catalogue import Outcome, RiskType, Source
from aipd.errors import PluginError
from aipd.hookspecs import hookimpl
from aipd.i18n import t
from aipd.model import (
    AISystem,
    DataCategory,
    Decisions,
    Evaluation,
    Measure,
    ProcessingOperation,
    Processor,
    RiskJudgement,
    SubjectCategory,
    SupportingAsset,
)
from aipd.registry import Registry
from aipd.risks import (
    ACCESS,
    DISAPPEARANCE,
    MODIFICATION,
    Acceptability,
    RiskAnalysis,
    analyse_risks,
)
from aipd.settings import Settings
from aipd.vocabulary import (
    AssetKind,
    DataKind,
    DecisionEffect,
    Hosting,
    Level,
    MeasureStatus,
    SubjectKind,
    Vulnerability,
)
from content_cases import builtin_catalogue, measures, operation

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _analyse(op: ProcessingOperation, settings: Settings | None = None) -> RiskAnalysis:
    return analyse_risks(op, builtin_catalogue(), settings or Settings())


def _risk(op: ProcessingOperation, rid: str, settings: Settings | None = None) -> aipd.risks.AssessedRisk:
    r = _analyse(op, settings).get(rid)
    assert r is not None
    return r


# --- the feared events ---------------------------------------------------------------------------


def test_three_feared_events_in_the_methods_order() -> None:
    """The analysis starts with access, modification, disappearance (PIA items 3.2, 3.3, 3.4)."""
    ids = [r.id for r in _analyse(operation())]
    assert ids[:3] == [ACCESS, MODIFICATION, DISAPPEARANCE]


def test_feared_events_carry_impacts_threats_sources_and_measures() -> None:
    """Each feared event has impacts, threats, risk sources and measures, with a source."""
    for r in list(_analyse(operation()))[:3]:
        assert r.feared_event
        assert r.impacts
        assert r.threats
        assert r.risk_sources
        assert r.addressed_by
        assert r.source is not None
        assert "CNIL" in r.source.citation.fr


def test_non_human_sources_only_where_they_matter() -> None:
    """Disappearance and modification name non-human sources; access names human ones."""
    analysis = _analyse(operation())
    assert any("non humaines" in s.fr for s in analysis.risks[2].risk_sources)
    assert not any("non humaines" in s.fr for s in analysis.risks[0].risk_sources)


def test_without_data_the_events_are_unknown_and_say_why() -> None:
    """No data category: the event's application is unknown and ``data`` is listed as missing."""
    r = _risk(operation(data=()), ACCESS)
    assert r.applies is None
    assert "data" in r.missing


# --- proposed severity -----------------------------------------------------------------------------


def test_ordinary_data_give_limited_access_severity() -> None:
    """Identity data alone: disclosure is an inconvenience overcome with some difficulty (Limitée)."""
    r = _risk(operation(), ACCESS)
    assert r.proposed_initial is not None
    assert r.proposed_initial.severity.level is Level.LIMITED


def test_special_categories_raise_access_severity() -> None:
    """Health data make a disclosure significant (Importante), and the reason cites art. 9."""
    op = operation(data=(DataCategory(kind=DataKind.HEALTH),))
    r = _risk(op, ACCESS)
    assert r.proposed_initial is not None
    assert r.proposed_initial.severity.level is Level.SIGNIFICANT
    assert any("art. 9" in x.fr for x in r.proposed_initial.severity.reasons)


def test_biometric_data_make_a_disclosure_maximal() -> None:
    """Biometric data cannot be changed: a disclosure is irreversible (Maximale)."""
    r = _risk(operation(data=(DataCategory(kind=DataKind.BIOMETRIC),)), ACCESS)
    assert r.severity is Level.MAXIMUM


def test_vulnerable_persons_never_lower_a_maximal_severity() -> None:
    """The raise for vulnerable persons stops at Importante for a disclosure, but biometric data of
    children stay Maximale: the cap bounds the raise, not the level the data already set."""
    op = operation(
        data=(DataCategory(kind=DataKind.BIOMETRIC),),
        data_subjects=(SubjectCategory(kind=SubjectKind.CHILDREN, vulnerabilities=(Vulnerability.CHILD,)),),
    )
    assert _risk(op, ACCESS).severity is Level.MAXIMUM


def test_vulnerable_persons_with_decisions_on_their_rights_reach_maximal_modification() -> None:
    """Altered data that ground scores about vulnerable persons (no health data, no vital aid named) can
    cost them a right or an aid: the raise for vulnerability reaches Maximale for a modification, as
    docs/risks.md says, while a disclosure of the same data stops at Importante."""
    op = operation(
        evaluation=Evaluation(scoring=True),
        data_subjects=(SubjectCategory(kind=SubjectKind.CHILDREN, vulnerabilities=(Vulnerability.CHILD,)),),
    )
    assert _risk(op, MODIFICATION).severity is Level.MAXIMUM
    assert _risk(op, ACCESS).severity is Level.SIGNIFICANT


def test_vulnerable_persons_raise_severity_but_staff_do_not() -> None:
    """Children raise severity one level; staff flagged for subordination only do not."""
    children = operation(
        data_subjects=(SubjectCategory(kind=SubjectKind.CHILDREN, vulnerabilities=(Vulnerability.CHILD,)),)
    )
    staff = operation(
        data_subjects=(
            SubjectCategory(
                kind=SubjectKind.AGENTS, vulnerable=True, vulnerabilities=(Vulnerability.EMPLOYEE,)
            ),
        )
    )
    assert _risk(children, ACCESS).severity is Level.SIGNIFICANT
    assert _risk(staff, ACCESS).severity is Level.LIMITED


def test_unknown_vulnerability_is_a_missing_fact() -> None:
    """A category whose vulnerability is unknown is named among the missing facts."""
    op = operation(data_subjects=(SubjectCategory(kind=SubjectKind.USERS),))
    assert "data_subjects[0].vulnerable" in _risk(op, ACCESS).missing


@pytest.mark.parametrize(
    ("decisions", "evaluation", "asked"),
    [
        (Decisions(access_to_rights=False), Evaluation(scoring=False), ("decisions.effect",)),
        (Decisions(effect=DecisionEffect.NONE), Evaluation(scoring=False), ("decisions.access_to_rights",)),
        (
            Decisions(access_to_rights=False, effect=DecisionEffect.NONE),
            Evaluation(),
            ("evaluation.scoring",),
        ),
        (Decisions(), Evaluation(), ("decisions.access_to_rights", "decisions.effect", "evaluation.scoring")),
    ],
)
def test_one_harmless_decision_fact_does_not_settle_the_effect_on_rights(
    decisions: Decisions, evaluation: Evaluation, asked: tuple[str, ...]
) -> None:
    """Decisions on persons rest on any of three facts: while one is unknown, modification keeps its
    proposal on the known facts and asks for exactly the unknown ones. Disclosure reads only the scoring
    (a ranking or score disclosed), asked while it is unknown."""
    op = operation(decisions=decisions, evaluation=evaluation)
    modification = _risk(op, MODIFICATION)
    rights = ("decisions.access_to_rights", "decisions.effect", "evaluation.scoring")
    assert tuple(m for m in modification.missing if m in rights) == asked
    assert modification.severity is Level.LIMITED
    access = tuple(m for m in _risk(op, ACCESS).missing if m in rights)
    assert access == (("evaluation.scoring",) if evaluation.scoring is None else ())


def test_a_disclosed_evaluation_of_persons_weighs_importante_before_measures() -> None:
    """Candidates ranked by an AI model: their CVs alone are identifying data (« Limitée »), which
    minimisation lowered to « Négligeable »; a ranking or score disclosed can stigmatise or cost a job,
    which the CNIL's scale puts at « Importante ». The evaluation is a floor of its own, with its reason;
    measures that limit the consequences still take one level off it."""
    root = Path(__file__).resolve().parent.parent
    a = aipd.assess(aipd.load(root / "examples" / "tri-candidatures.yaml"))
    assert a.risks is not None
    access = next(r for r in a.risks.risks if r.id == ACCESS)
    assert access.severity is Level.LIMITED  # « Importante », minus one level for data minimisation
    assert access.justification is not None
    assert "évaluation ou notation de personnes (WP248, critère 1)" in access.justification.fr
    assert _risk(operation(evaluation=Evaluation(scoring=True)), ACCESS).severity is Level.SIGNIFICANT
    assert _risk(operation(evaluation=Evaluation(scoring=False)), ACCESS).severity is Level.LIMITED


def test_one_harmful_decision_fact_settles_the_effect_on_rights() -> None:
    """Scoring alone grounds decisions on persons: modification is Importante, the others are not asked."""
    op = operation(decisions=Decisions(), evaluation=Evaluation(scoring=True))
    r = _risk(op, MODIFICATION)
    assert r.severity is Level.SIGNIFICANT
    assert not {"decisions.access_to_rights", "decisions.effect"} & set(r.missing)


def test_undeclared_persons_are_a_missing_fact_not_nobody_vulnerable() -> None:
    """No category of persons declared: every risk asks for ``data_subjects`` (as the screening does),
    rather than reading the empty list as "nobody vulnerable"."""
    for r in list(_analyse(operation(data_subjects=())))[:3]:
        assert "data_subjects" in r.missing, r.id


def test_wrong_health_data_about_children_can_be_maximal() -> None:
    """Wrong health data acted upon for children: harm to health, so modification reaches Maximale."""
    op = operation(
        data=(DataCategory(kind=DataKind.HEALTH),),
        data_subjects=(SubjectCategory(kind=SubjectKind.CHILDREN, vulnerabilities=(Vulnerability.CHILD,)),),
    )
    assert _risk(op, MODIFICATION).severity is Level.MAXIMUM
    assert _risk(op, DISAPPEARANCE).severity is Level.SIGNIFICANT


def test_data_measures_lower_severity_by_one_level_at_most() -> None:
    """Pseudonymisation and encryption together lower access severity by one level, not two."""
    op = operation(
        data=(DataCategory(kind=DataKind.HEALTH),),
        measures=measures("builtin:pseudonymisation", "builtin:encryption", "builtin:minimisation"),
    )
    assert _risk(op, ACCESS).severity is Level.LIMITED


# --- proposed likelihood ------------------------------------------------------------------------------


def test_without_measures_likelihood_is_significant() -> None:
    """No measure declared: it seems possible for the sources to carry out the threat (Importante)."""
    r = _risk(operation(), ACCESS)
    assert r.likelihood is Level.SIGNIFICANT
    assert r.proposed_initial is not None
    assert any("aucune mesure" in x.fr for x in r.proposed_initial.likelihood.reasons)


def test_exposures_raise_likelihood() -> None:
    """Non-EU hosting raises the likelihood of access; paper raises that of disappearance."""
    op = operation(
        assets=(
            SupportingAsset(kind=AssetKind.SOFTWARE, name="SaaS", hosting=Hosting.PROVIDER_NON_EU),
            SupportingAsset(kind=AssetKind.PAPER, name="Dossiers"),
        )
    )
    assert _risk(op, ACCESS).likelihood is Level.MAXIMUM
    assert _risk(op, DISAPPEARANCE).likelihood is Level.MAXIMUM
    assert _risk(op, MODIFICATION).likelihood is Level.SIGNIFICANT


def test_processor_without_contract_raises_access_likelihood() -> None:
    """A processor with no art. 28 contract is one more way in."""
    op = operation(processors=(Processor(name="Presta", role="Hébergement", contract_art28=False),))
    assert _risk(op, ACCESS).likelihood is Level.MAXIMUM


def test_unknown_exposures_are_missing_facts_of_access() -> None:
    """A processor's country or art. 28 contract, or a digital asset's hosting, left unknown is asked
    for (it could be the exposure that raises access likelihood); a paper asset has no hosting."""
    op = operation(
        processors=(Processor(name="Presta", role="Hébergement"),),
        assets=(
            SupportingAsset(kind=AssetKind.SOFTWARE, name="Logiciel", internet_facing=False),
            SupportingAsset(kind=AssetKind.PAPER, name="Dossiers"),
        ),
    )
    asked = ("processors[0].country", "processors[0].contract_art28", "assets[0].hosting")
    access = _risk(op, ACCESS).missing
    assert all(p in access for p in asked)
    assert "assets[1].hosting" not in access
    assert not any(p in _risk(op, DISAPPEARANCE).missing for p in asked)


def test_security_measures_lower_likelihood_by_tiers() -> None:
    """One measure lowers one level, two or three lower two, four lower three, never below Négligeable."""

    def lik(*ids: str) -> Level:
        r = _risk(operation(measures=measures(*ids)), ACCESS)
        assert r.likelihood is not None
        return r.likelihood

    assert lik("builtin:access_control") is Level.LIMITED
    assert lik("builtin:access_control", "builtin:logging") is Level.NEGLIGIBLE
    four = ("builtin:access_control", "builtin:logging", "builtin:staff_training", "builtin:network_security")
    assert lik(*four) is Level.NEGLIGIBLE


# --- initial, residual, and the statuses of measures ---------------------------------------------------


def test_initial_counts_implemented_residual_adds_planned() -> None:
    """A planned measure lowers only the residual level; initial levels use the measures in place."""
    op = operation(measures=measures("builtin:access_control", status=MeasureStatus.PLANNED))
    r = _risk(op, ACCESS)
    assert r.likelihood is Level.SIGNIFICANT
    assert r.residual_likelihood is Level.LIMITED
    assert r.acceptability is Acceptability.TO_REDUCE


def test_considered_measures_lower_nothing() -> None:
    """A measure only considered is not counted, even in the residual level."""
    op = operation(measures=measures("builtin:access_control", status=MeasureStatus.CONSIDERED))
    r = _risk(op, ACCESS)
    assert r.residual_likelihood is Level.SIGNIFICANT
    assert r.acceptability is Acceptability.HIGH


def test_declared_and_catalogue_measures_are_distinguished() -> None:
    """The risk lists declared measures with their status first, then the catalogue's others as not declared."""
    op = operation(measures=measures("builtin:logging"))
    r = _risk(op, ACCESS)
    assert r.addressed_by[0].id == "builtin:logging"
    assert r.addressed_by[0].status is MeasureStatus.IMPLEMENTED
    assert all(m.status is None for m in r.addressed_by[1:])
    assert r.measures[0].fr == "Journalisation et traçabilité (en place)"


def test_unknown_measure_ids_are_listed_and_lower_nothing() -> None:
    """A measure under the body's own id is listed as unknown and changes no level."""
    op = operation(measures=(Measure(id="ville:audit", title="Audit"),))
    analysis = _analyse(op)
    assert analysis.unknown_measures == ("ville:audit",)
    assert analysis.get(ACCESS) == _analyse(operation()).get(ACCESS)


def test_in_place_with_a_due_date_to_come_counts_as_planned() -> None:
    """« En place » is the default status: a measure whose due date follows the document's date is
    not in place yet, so it lowers the residual level only and is listed as counted planned."""
    late = Measure(id="builtin:access_control", due=dt.date(2027, 3, 31))
    op = operation(updated=dt.date(2026, 11, 2), measures=(late,))
    analysis = _analyse(op)
    r = analysis.get(ACCESS)
    assert r is not None
    assert r.likelihood is Level.SIGNIFICANT  # not lowered before the measure is in place
    assert r.residual_likelihood is Level.LIMITED
    assert r.addressed_by[0].status is MeasureStatus.PLANNED
    assert analysis.counted_as_planned == ("builtin:access_control",)
    planned = Measure(id="builtin:access_control", status=MeasureStatus.PLANNED, due=dt.date(2027, 3, 31))
    assert r == _risk(operation(updated=dt.date(2026, 11, 2), measures=(planned,)), ACCESS)


def test_in_place_with_a_due_date_and_no_document_date_counts_as_planned() -> None:
    """Without a document date, a due date cannot be shown to be past: the safe side is « planned »."""
    op = operation(
        created=None, updated=None, measures=(Measure(id="builtin:access_control", due=dt.date(2020, 1, 1)),)
    )
    analysis = _analyse(op)
    assert analysis.counted_as_planned == ("builtin:access_control",)
    r = analysis.get(ACCESS)
    assert r is not None
    assert r.likelihood is Level.SIGNIFICANT
    # No due date at all: « En place » as declared.
    still = _analyse(operation(created=None, measures=measures("builtin:access_control"))).get(ACCESS)
    assert still is not None
    assert still.likelihood is Level.LIMITED


@pytest.mark.parametrize(
    ("due", "updated", "created"),
    [
        (dt.date(2026, 11, 2), dt.date(2026, 11, 2), None),  # due on the document's date: done
        (dt.date(2025, 6, 1), dt.date(2026, 11, 2), None),  # due long ago
        (dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2027, 1, 1)),  # updated wins over created
    ],
)
def test_in_place_with_a_past_due_date_stays_in_place(
    due: dt.date, updated: dt.date | None, created: dt.date | None
) -> None:
    op = operation(
        updated=updated, created=created, measures=(Measure(id="builtin:access_control", due=due),)
    )
    analysis = _analyse(op)
    assert analysis.counted_as_planned == ()
    r = analysis.get(ACCESS)
    assert r is not None
    assert r.likelihood is Level.LIMITED


_IDS = sorted(m.id for m in builtin_catalogue().measures)
_STATUSES = st.sampled_from([MeasureStatus.IMPLEMENTED, MeasureStatus.PLANNED, MeasureStatus.CONSIDERED])


@hsettings(max_examples=150, deadline=None)
@given(
    declared=st.dictionaries(st.sampled_from(_IDS), _STATUSES, max_size=12),
    extra=st.sampled_from(_IDS),
    kinds=st.sets(st.sampled_from(list(DataKind)), min_size=1, max_size=4),
    vulnerable=st.booleans(),
)
def test_one_more_implemented_measure_never_raises_a_level(
    declared: dict[str, MeasureStatus], extra: str, kinds: set[DataKind], vulnerable: bool
) -> None:
    """Declaring one more measure implemented (new or upgraded) never raises an initial or residual level."""
    base = operation(
        data=tuple(DataCategory(kind=k) for k in sorted(kinds)),
        data_subjects=(SubjectCategory(kind=SubjectKind.USERS, vulnerable=vulnerable),),
        measures=tuple(Measure(id=i, status=s) for i, s in sorted(declared.items())),
    )
    more = dict(declared) | {extra: MeasureStatus.IMPLEMENTED}
    after = base.__class__(
        **{**_fields(base), "measures": tuple(Measure(id=i, status=s) for i, s in sorted(more.items()))}
    )
    for before_r, after_r in zip(_analyse(base), _analyse(after), strict=True):
        for name in ("severity", "likelihood", "residual_severity", "residual_likelihood"):
            b, a = getattr(before_r, name), getattr(after_r, name)
            assert a.rank <= b.rank, (before_r.id, name)


@hsettings(max_examples=100, deadline=None)
@given(
    declared=st.dictionaries(st.sampled_from(_IDS), _STATUSES, min_size=1, max_size=10),
    pick=st.integers(min_value=0),
    days_after=st.integers(min_value=1, max_value=3000),
)
def test_a_due_date_to_come_never_lowers_a_level(
    declared: dict[str, MeasureStatus], pick: int, days_after: int
) -> None:
    """Giving a measure a due date after the document's date never lowers any level."""
    reference = dt.date(2026, 11, 2)
    items = sorted(declared.items())
    base = operation(updated=reference, measures=tuple(Measure(id=i, status=s) for i, s in items))
    k = pick % len(items)
    dated = tuple(
        Measure(id=i, status=s, due=reference + dt.timedelta(days=days_after) if n == k else None)
        for n, (i, s) in enumerate(items)
    )
    after = base.__class__(**{**_fields(base), "measures": dated})
    for before_r, after_r in zip(_analyse(base), _analyse(after), strict=True):
        for name in ("severity", "likelihood", "residual_severity", "residual_likelihood"):
            assert getattr(after_r, name).rank >= getattr(before_r, name).rank, (before_r.id, name)


@hsettings(max_examples=150, deadline=None)
@given(
    declared=st.dictionaries(st.sampled_from(_IDS), _STATUSES, min_size=1, max_size=12),
    pick=st.integers(min_value=0),
    kinds=st.sets(st.sampled_from(list(DataKind)), min_size=1, max_size=4),
    paper=st.booleans(),
)
def test_a_measure_planned_instead_of_implemented_never_lowers_a_level(
    declared: dict[str, MeasureStatus], pick: int, kinds: set[DataKind], paper: bool
) -> None:
    """Declaring an implemented measure planned (or considered) never lowers any level, initial or
    residual, nor makes a high residual risk acceptable."""
    items = sorted(declared.items())
    k = pick % len(items)
    assets = (SupportingAsset(kind=AssetKind.PAPER, name="Dossiers"),) if paper else ()

    def op(status: MeasureStatus | None) -> ProcessingOperation:
        return operation(
            data=tuple(DataCategory(kind=kd) for kd in sorted(kinds)),
            assets=(*operation().assets, *assets),
            measures=tuple(
                Measure(id=i, status=status if n == k and status is not None else s)
                for n, (i, s) in enumerate(items)
            ),
        )

    implemented = _analyse(op(MeasureStatus.IMPLEMENTED))
    for later in (MeasureStatus.PLANNED, MeasureStatus.CONSIDERED):
        for before_r, after_r in zip(implemented, _analyse(op(later)), strict=True):
            for name in ("severity", "likelihood", "residual_severity", "residual_likelihood"):
                assert getattr(after_r, name).rank >= getattr(before_r, name).rank, (before_r.id, name, later)
            assert not (before_r.high and not after_r.high), before_r.id


def _fields(op: ProcessingOperation) -> dict[str, object]:
    import attrs

    return {a.name: getattr(op, a.name) for a in attrs.fields(type(op))}


def test_every_risk_asks_for_the_data_when_none_is_declared() -> None:
    """No data category: every risk, a plug-in's too, asks for ``data`` (the data may be biometric),
    so none reads the unknown data as ordinary identity data in silence."""
    analysis = _analyse(operation(data=(), ai_system=AISystem(name="Assistant")))
    assert any(not r.feared_event for r in analysis)
    for r in analysis:
        assert "data" in r.missing, r.id


def test_offence_data_make_a_modification_significant() -> None:
    """An altered offence record can attribute an offence to the wrong person and expose them to a
    sanction (the CNIL's scale lists a criminal sanction among maximal consequences): the
    modification is at least « Importante », not the « Limitée » of a wrong bill."""
    data = (DataCategory(kind=DataKind.IDENTITY), DataCategory(kind=DataKind.OFFENCES))
    r = _risk(operation(data=data), MODIFICATION)
    assert r.proposed_initial is not None
    assert r.proposed_initial.severity.level is Level.SIGNIFICANT
    assert any("imputer une infraction à tort" in x.fr for x in r.proposed_initial.severity.reasons)


# --- measures with nothing to act on ----------------------------------------------------------------------


_PAPER = SupportingAsset(kind=AssetKind.PAPER, name="Dossiers papier")
_SOFTWARE = SupportingAsset(
    kind=AssetKind.SOFTWARE, name="Logiciel", hosting=Hosting.PROVIDER_EU, internet_facing=False
)


@pytest.mark.parametrize(
    ("measure", "idle", "active"),
    [
        # protection of paper documents: no paper support / a paper file
        ("builtin:paper_security", {"assets": (_SOFTWARE,)}, {"assets": (_SOFTWARE, _PAPER)}),
        # an art. 28 contract: no processor, or one declared without a contract / one with a contract
        (
            "builtin:processor_contract",
            {"processors": ()},
            {"processors": (Processor(name="P", role="r", country="FR", contract_art28=True),)},
        ),
        (
            "builtin:processor_contract",
            {"processors": (Processor(name="P", role="r", country="FR", contract_art28=False),)},
            {"processors": (Processor(name="P", role="r", country="FR", contract_art28=True),)},
        ),
        # hosting in the EU, for a software declared hosted outside / inside
        (
            "builtin:eu_hosting",
            {"assets": (attrs.evolve(_SOFTWARE, hosting=Hosting.PROVIDER_NON_EU),)},
            {"assets": (_SOFTWARE,)},
        ),
        # hosting with an EU provider, for data no provider hosts (on premises, no processor)
        (
            "builtin:eu_hosting",
            {"assets": (attrs.evolve(_SOFTWARE, hosting=Hosting.ON_PREMISES),)},
            {"assets": (attrs.evolve(_SOFTWARE, hosting=Hosting.SECNUMCLOUD),)},
        ),
        # the outputs of an AI system, with none declared / one declared
        ("builtin:output_filtering", {}, {"ai_system": AISystem(name="Assistant")}),
    ],
)
def test_a_declared_measure_with_nothing_to_act_on_lowers_nothing(
    measure: str, idle: dict[str, object], active: dict[str, object]
) -> None:
    """A measure ticked for a support, a contract or a system the processing does not have (or that
    the facts contradict) lowers no level, and the risk and the measures table say why; where it has
    something to act on, it counts."""
    none = _analyse(operation(**idle)).get(ACCESS)
    ticked = _analyse(operation(measures=measures(measure), **idle))
    r = ticked.get(ACCESS)
    assert none is not None
    assert r is not None
    assert (r.likelihood, r.severity) == (none.likelihood, none.severity), measure
    assert any("non comptée, « " in n.fr for n in r.notes)
    assert "non comptée" in next(m for m in r.addressed_by if m.id == measure).label.fr
    assert next(d for d in ticked.declared_measures if d.id == measure).not_counted is not None
    counted = _analyse(operation(measures=measures(measure), **active)).get(ACCESS)
    base = _analyse(operation(**active)).get(ACCESS)
    assert counted is not None
    assert base is not None
    assert counted.likelihood.rank < base.likelihood.rank, measure


def test_the_measures_table_says_a_measure_is_not_counted() -> None:
    """The document's measures table gives the reason beside the status."""
    from aipd.render.context import build_context

    a = aipd.assess(operation(measures=measures("builtin:paper_security")))
    row = next(m for m in build_context(a, lang="fr")["measures"] if m["id"] == "builtin:paper_security")
    assert row["status_label"].startswith("En place — non comptée : aucun support papier")


def test_a_measure_applies_that_is_not_a_function_is_refused_at_load() -> None:
    """A measure's ``applies`` that is not a function is a PluginError when the plug-in loads."""

    class Odd:
        @hookimpl
        def aipd_measures(self) -> list[aipd.MeasureType]:
            return [
                aipd.MeasureType(
                    id="odd:m",
                    title=t("M", "M"),
                    family=aipd.vocabulary.MeasureFamily.SECURITY,
                    description=t("d", "d"),
                    applies="paper",  # type: ignore[arg-type]
                )
            ]

    with pytest.raises(PluginError, match="applies"):
        Registry(entry_points=False, plugins=[("odd", Odd())]).catalogue()


def test_a_measure_applies_that_fails_is_a_plugin_error() -> None:
    """A measure's ``applies`` that raises is a PluginError naming the plug-in, never « counts »."""

    class Broken:
        @hookimpl
        def aipd_measures(self) -> list[aipd.MeasureType]:
            def boom(_op: ProcessingOperation, _s: Settings) -> Outcome:
                raise RuntimeError("boom")

            return [
                aipd.MeasureType(
                    id="broken:m",
                    title=t("M", "M"),
                    family=aipd.vocabulary.MeasureFamily.SECURITY,
                    description=t("d", "d"),
                    reduces=(ACCESS,),
                    applies=boom,
                )
            ]

    registry = Registry(entry_points=False, plugins=[("broken", Broken())])
    with pytest.raises(PluginError, match="broken"):
        analyse_risks(operation(measures=measures("broken:m")), registry.catalogue(), Settings())


# --- the DPO's judgements -------------------------------------------------------------------------------


def test_dpo_levels_override_and_the_proposal_is_kept() -> None:
    """Retained levels are the DPO's; the proposal stays available with its reasons."""
    j = RiskJudgement(risk=ACCESS, severity=Level.MAXIMUM, likelihood=Level.LIMITED, justification="Vu.")
    r = _risk(operation(risk_judgements=(j,)), ACCESS)
    assert r.severity is Level.MAXIMUM
    assert r.likelihood is Level.LIMITED
    assert r.proposed_initial is not None
    assert r.proposed_initial.severity.level is Level.LIMITED
    assert r.overridden == ("severity", "likelihood")
    assert r.justification is not None
    assert r.justification.fr == "Vu."


def test_proposed_residual_never_exceeds_the_dpos_initial_level() -> None:
    """When the DPO lowers an initial level, the proposed residual level follows it down."""
    j = RiskJudgement(risk=ACCESS, likelihood=Level.NEGLIGIBLE)
    r = _risk(operation(risk_judgements=(j,)), ACCESS)
    assert r.residual_likelihood is Level.NEGLIGIBLE


def test_residual_above_initial_is_flagged() -> None:
    """A residual level set above the initial one is kept but flagged for checking."""
    j = RiskJudgement(risk=ACCESS, likelihood=Level.LIMITED, residual_likelihood=Level.MAXIMUM)
    r = _risk(operation(risk_judgements=(j,)), ACCESS)
    assert r.residual_likelihood is Level.MAXIMUM
    assert r.notes


def test_a_level_the_dpo_lowers_is_named_and_asks_for_a_justification() -> None:
    """A DPO's level below the proposal is never silent: the risk names every lowered level (the
    residual one it drags down too) and, without a justification, the path to give it."""
    j = RiskJudgement(risk=ACCESS, likelihood=Level.NEGLIGIBLE)
    r = _risk(operation(risk_judgements=(j,)), ACCESS)
    assert r.lowered == ("likelihood", "residual_likelihood")
    assert r.lowered_unjustified
    assert any(
        "« Négligeable » au lieu de « Importante »" in n.fr and "risk_judgements[0].justification" in n.fr
        for n in r.notes
    )
    justified = _risk(
        operation(risk_judgements=(attrs.evolve(j, justification="Coffre hors ligne."),)), ACCESS
    )
    assert justified.lowered == ("likelihood", "residual_likelihood")
    assert not justified.lowered_unjustified
    assert any("au lieu de" in n.fr and "justification" not in n.fr for n in justified.notes)


def test_a_level_the_dpo_raises_or_confirms_is_not_lowered() -> None:
    """Raising or confirming the proposal lowers nothing and asks for nothing."""
    raised = RiskJudgement(risk=ACCESS, severity=Level.MAXIMUM, likelihood=Level.SIGNIFICANT)
    r = _risk(operation(risk_judgements=(raised,)), ACCESS)
    assert r.lowered == ()
    assert not r.lowered_unjustified
    assert not any("au lieu de" in n.fr for n in r.notes)


def test_a_residual_below_the_initial_level_without_planned_measures_is_flagged() -> None:
    """The DPO raises the initial severity and keeps the proposed residual one, with no measure
    planned: the drop from initial to residual rests on nothing in the action plan, and is said."""
    j = RiskJudgement(
        risk=ACCESS, severity=Level.SIGNIFICANT, residual_severity=Level.LIMITED, justification="Données RH."
    )
    r = _risk(operation(measures=measures("builtin:access_control")), ACCESS)
    assert not any("aucune mesure prévue" in n.fr for n in r.notes)
    judged = _risk(operation(measures=measures("builtin:access_control"), risk_judgements=(j,)), ACCESS)
    assert judged.lowered == ()
    assert any("aucune mesure prévue ne traite ce risque" in n.fr for n in judged.notes)
    planned = measures("builtin:access_control") + measures(
        "builtin:encryption", status=MeasureStatus.PLANNED
    )
    with_plan = _risk(operation(measures=planned, risk_judgements=(j,)), ACCESS)
    assert not any("aucune mesure prévue" in n.fr for n in with_plan.notes)


def test_dpo_judgement_dpo_impacts_are_added() -> None:
    """Impacts, threats and sources the DPO writes are added to the catalogue's."""
    j = RiskJudgement(risk=ACCESS, impacts=("Atteinte à la réputation du club",))
    r = _risk(operation(risk_judgements=(j,)), ACCESS)
    assert r.impacts[-1].fr == "Atteinte à la réputation du club"


def test_a_judged_risk_no_plugin_knows_is_kept_without_proposal() -> None:
    """A DPO's risk under an unknown id is listed with the DPO's levels, no proposal, and a note."""
    j = RiskJudgement(
        risk="ville:rumeur",
        severity=Level.LIMITED,
        likelihood=Level.LIMITED,
        residual_severity=Level.LIMITED,
        residual_likelihood=Level.NEGLIGIBLE,
    )
    r = _risk(operation(risk_judgements=(j,)), "ville:rumeur")
    assert not r.in_catalogue
    assert r.proposed_initial is None
    assert r.notes
    assert r.acceptability is Acceptability.ACCEPTABLE


def test_feared_events_stay_listed_when_no_plugin_describes_them() -> None:
    """With the CNIL plug-in blocked, the three events are listed with no level, never a guessed one."""
    catalogue = Registry(entry_points=False, blocked=["builtin.cnil_risks"]).catalogue()
    analysis = analyse_risks(operation(), catalogue, Settings())
    firsts = analysis.risks[:3]
    assert [r.id for r in firsts] == [ACCESS, MODIFICATION, DISAPPEARANCE]
    assert all(r.severity is None and r.acceptability is None and r.high is None for r in firsts)


# --- acceptability and map ------------------------------------------------------------------------------


def test_high_when_either_axis_reaches_the_threshold_by_default() -> None:
    """Default rule: residual severity or likelihood at Importante or above is high."""
    j = RiskJudgement(
        risk=ACCESS,
        severity=Level.SIGNIFICANT,
        likelihood=Level.NEGLIGIBLE,
        residual_severity=Level.SIGNIFICANT,
        residual_likelihood=Level.NEGLIGIBLE,
    )
    op = operation(risk_judgements=(j,))
    assert _risk(op, ACCESS).acceptability is Acceptability.HIGH
    both = Settings(high_risk_axes="both")
    assert _risk(op, ACCESS, both).acceptability is Acceptability.ACCEPTABLE


def test_threshold_is_configurable() -> None:
    """With the threshold at Maximale, a residual Importante risk is acceptable."""
    op = operation()
    assert _risk(op, ACCESS).high is True
    assert _risk(op, ACCESS, Settings(high_risk_level=Level.MAXIMUM)).high is False


def test_map_gives_initial_and_residual_positions() -> None:
    """The map lists each risk's positions as ranks and groups ids by cell."""
    op = operation(measures=measures("builtin:access_control", status=MeasureStatus.PLANNED))
    m = _analyse(op).risk_map()
    access = next(p for p in m["points"] if p["risk"] == ACCESS)
    assert access == {
        "risk": ACCESS,
        "initial": {"severity": 2, "likelihood": 3},
        "residual": {"severity": 2, "likelihood": 2},
    }
    assert ACCESS in m["initial"]["2,3"]
    assert ACCESS in m["residual"]["2,2"]


# --- plug-ins ------------------------------------------------------------------------------------------


class _Broken:
    @hookimpl
    def aipd_risks(self) -> list[RiskType]:
        def boom(op: ProcessingOperation, s: Settings) -> Outcome:
            raise RuntimeError("boom")

        return [
            RiskType(
                id="broken:risk",
                title=t("x", "x"),
                description=t("x", "x"),
                source=Source(citation=t("x", "x")),
                applies=boom,
            )
        ]


class _Narrow:
    @hookimpl
    def aipd_risks(self) -> list[RiskType]:
        return [
            RiskType(
                id="narrow:risk",
                title=t("Risque étroit", "Narrow risk"),
                description=t("x", "x"),
                source=Source(citation=t("x", "x")),
                applies=lambda op, s: Outcome.not_met(t("non", "no")),
            )
        ]


def test_a_failing_applies_is_a_plugin_error() -> None:
    """A risk whose ``applies`` raises is a PluginError naming the plug-in, never a silent skip."""
    reg = Registry(entry_points=False, plugins=[("broken", _Broken())])
    with pytest.raises(PluginError, match="broken"):
        analyse_risks(operation(), reg.catalogue(), Settings())


def test_risks_that_do_not_apply_are_listed_apart() -> None:
    """A plug-in risk that does not concern the operation is kept in ``not_applicable`` with its reason."""
    reg = Registry(entry_points=False, plugins=[("narrow", _Narrow())])
    analysis = analyse_risks(operation(), reg.catalogue(), Settings())
    assert analysis.get("narrow:risk") is None
    assert [n.id for n in analysis.not_applicable if n.id == "narrow:risk"] == ["narrow:risk"]


def test_assess_carries_the_analysis() -> None:
    """``aipd.assess`` fills ``risks`` in the method's order."""
    a = aipd.assess(operation(), registry=Registry(entry_points=False))
    assert a.risks is not None
    assert [r.id for r in a.risks][:3] == [ACCESS, MODIFICATION, DISAPPEARANCE]


# --- the bundled examples ---------------------------------------------------------------------------------

load = getattr(aipd, "load", None)
needs_loader = pytest.mark.skipif(load is None, reason="the YAML loader aipd.load is not in this tree yet")


def _example(name: str) -> RiskAnalysis:
    assert load is not None
    return _analyse(load(EXAMPLES / f"{name}.yaml"))


def _proposed(analysis: RiskAnalysis, rid: str) -> tuple[int, int, int, int]:
    r = analysis.get(rid)
    assert r is not None
    assert r.proposed_initial is not None
    assert r.proposed_residual is not None
    i, res = r.proposed_initial, r.proposed_residual
    return (
        i.severity.level.rank,
        i.likelihood.level.rank,
        res.severity.level.rank,
        res.likelihood.level.rank,
    )


@needs_loader
def test_example_traffic_counting_is_acceptable() -> None:
    """Anonymous counting: images never stored, sealed sensors, contract and encryption.

    A DPO would defend a limited severity (passers-by filmed in public space, but nothing kept
    beyond a second) and a limited likelihood (only the sealed sensor could leak, and the
    transmission is encrypted): acceptable, as the DPO's opinion in the file says.
    """
    a = _example("comptage-trafic")
    assert _proposed(a, ACCESS) == (2, 2, 2, 2)
    assert not a.high


@needs_loader
def test_example_cameras_keep_the_dpos_levels_beside_the_proposal() -> None:
    """Augmented cameras: the DPO judged access Importante/Limitée, then Importante/Négligeable.

    aipd proposes a limited severity once minimisation, encryption and purge are counted, and
    a negligible likelihood (access control, logging, training, contract, encryption). The DPO
    keeps Importante for video of identifiable persons — a defensible stricter reading: both
    are kept, and the retained residual severity makes the risk high under the default rule.
    """
    a = _example("cameras-augmentees")
    r = a.get(ACCESS)
    assert r is not None
    assert _proposed(a, ACCESS) == (2, 1, 2, 1)
    assert (r.severity, r.likelihood, r.residual_severity, r.residual_likelihood) == (
        Level.SIGNIFICANT,
        Level.LIMITED,
        Level.SIGNIFICANT,
        Level.NEGLIGIBLE,
    )
    assert r.high is True


@needs_loader
def test_example_ccas_fraud_score_has_high_residual_risks() -> None:
    """CCAS fraud score on precarious beneficiaries and children.

    A wrong score can lead to suspending an aid of persons in hardship: modification is
    Importante even with human review planned. The social files have no declared backup:
    their loss is Importante for these persons and the likelihood stays Limitée at best.
    A DPO would defend both as high, pending backups and the review of flagged files.
    """
    a = _example("detection-fraude-ccas")
    assert _proposed(a, MODIFICATION)[2] == 3
    assert _proposed(a, DISAPPEARANCE)[2:] == (3, 2)
    assert {r.id for r in a.high} >= {MODIFICATION, DISAPPEARANCE}


@needs_loader
def test_example_canteen_flags_wrong_allergy_data() -> None:
    """Canteen registration: allergies and PAI of children.

    A wrong allergy record can harm a child's health: Maximale before measures, Importante with
    minimisation and information in place. Access stays Limitée (children's health data,
    one level down for minimisation and purge) with a low likelihood (access control, backups,
    training, contract).
    """
    a = _example("inscription-cantine")
    assert _proposed(a, MODIFICATION)[2] == 3
    assert _proposed(a, ACCESS) == (2, 2, 2, 2)


@needs_loader
def test_example_chatbot_is_low() -> None:
    """Town chatbot informing without deciding, hosted in the EU: nothing above Limitée."""
    a = _example("chatbot-site-ville")
    for rid in (ACCESS, MODIFICATION, DISAPPEARANCE):
        assert max(_proposed(a, rid)) <= 2
    assert not a.high


@needs_loader
def test_example_water_meters_access_is_low() -> None:
    """Water meters: identity and consumption data of 41,500 customers, billing kept elsewhere.

    Neither is among WP248's highly personal data: Limitée before measures, and encrypted,
    minimised readings leave little to learn from a leak (Négligeable). The large file raises
    the likelihood, which access control and encryption bring back to Limitée.
    """
    a = _example("compteurs-eau")
    assert _proposed(a, ACCESS) == (1, 2, 1, 2)


@needs_loader
def test_example_agents_assistant_is_acceptable() -> None:
    """Generative assistant on SecNumCloud hosting, with security measures and the DPO's reasoned levels for the two AI risks aipd proposes as high: acceptable."""
    a = _example("assistant-agents")
    assert not a.high


def test_systematic_monitoring_is_not_said_to_reveal_movements() -> None:
    """The CCAS fraud score monitors aid recipients systematically but holds no location data: the severity
    reason said « les données révèlent les déplacements », a fact the DPO would sign and the file contradicts."""
    root = Path(__file__).resolve().parent.parent
    a = aipd.assess(aipd.load(root / "examples" / "detection-fraude-ccas.yaml"))
    assert a.risks is not None
    reasons = " ".join(r.justification.fr for r in a.risks.risks if r.justification is not None)
    assert "surveillance systématique" in reasons
    assert "déplacements" not in reasons


# --- the proposed levels, worked out once per analysis, against their plain definition ---------------

_CATALOGUE_MEASURES = sorted(builtin_catalogue().measures_by_id)


class _PlainEstimates(aipd.risks._Estimates):
    """What the shared estimates stand for: every level of every risk worked out from the facts."""

    def __call__(
        self, risk_id: str, feared: bool, measures: tuple[aipd.risks.RiskMeasure, ...]
    ) -> tuple[aipd.risks.Estimate, aipd.risks.Estimate]:
        f = self._facts
        severity = aipd.risks._severity_base(risk_id, feared, f)
        likelihood = aipd.risks._likelihood_base(risk_id, feared, f)

        def estimate(statuses: frozenset[MeasureStatus]) -> aipd.risks.Estimate:
            return aipd.risks.Estimate(
                severity=aipd.risks._severity(severity, aipd.risks._lowering(measures, "severity", statuses)),
                likelihood=aipd.risks._likelihood(
                    likelihood, aipd.risks._lowering(measures, "likelihood", statuses)
                ),
            )

        return estimate(aipd.risks._INITIAL), estimate(aipd.risks._RESIDUAL)


def _both_ways(op: ProcessingOperation) -> None:
    from unittest import mock

    settings = Settings()
    catalogue = builtin_catalogue()
    shared = analyse_risks(op, catalogue, settings)
    shared_high = aipd.risks.could_be_high(op, shared.risks, settings)
    with mock.patch.object(aipd.risks, "_Estimates", _PlainEstimates):
        plain = analyse_risks(op, catalogue, settings)
        plain_high = aipd.risks.could_be_high(op, plain.risks, settings)
    assert shared == plain
    assert [r.id for r in shared_high] == [r.id for r in plain_high]
    # Each risk lists the declared measures first (implemented, planned, considered), then the
    # catalogue's others by id, each measure with its own status and reason not to count it.
    by_id = catalogue.measures_by_id
    declared = aipd.risks._declared(op)
    idle = {m.id: m.not_counted for m in shared.declared_measures}
    for risk in catalogue.risks:
        assessed = shared.get(risk.id)
        if assessed is None or not assessed.in_catalogue:
            continue
        ids = sorted({*risk.measures, *catalogue.reducers.get(risk.id, ())} & by_id.keys())
        stated = sorted(
            (
                aipd.risks.RiskMeasure(
                    id=i,
                    title=by_id[i].title,
                    status=declared[i],
                    lowers=by_id[i].lowers,
                    not_counted=idle[i],
                )
                for i in ids
                if i in declared
            ),
            key=lambda m: (aipd.risks._STATUS_ORDER[m.status], m.id),  # type: ignore[index]
        )
        others = [
            aipd.risks.RiskMeasure(id=i, title=by_id[i].title, status=None, lowers=by_id[i].lowers)
            for i in ids
            if i not in declared
        ]
        assert assessed.addressed_by == (*stated, *others), risk.id


@given(
    strategies.operations(
        measures=st.lists(strategies.measures(id=st.sampled_from(_CATALOGUE_MEASURES)), max_size=12).map(
            tuple
        )
    )
)
@hsettings(max_examples=60, deadline=None)
def test_shared_estimates_are_those_of_each_risk_worked_out_alone(op: ProcessingOperation) -> None:
    # Risks with the same counted measures on an axis share one level: the key must hold every
    # measure that lowers it (a missing one would give a risk another's level, possibly lower).
    _both_ways(op)


@needs_loader
@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.yaml")))
def test_shared_estimates_of_the_examples_are_those_of_each_risk_alone(name: str) -> None:
    assert load is not None
    _both_ways(load(EXAMPLES / f"{name}.yaml"))
