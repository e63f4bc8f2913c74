"""Necessity and proportionality, principle by principle (CNIL method, part 2)."""

from __future__ import annotations

import datetime as dt

from aipd.model import (
    Controller,
    DataCategory,
    LegalFramework,
    Measure,
    Processor,
    Purpose,
    Retention,
    Transfer,
)
from aipd.principles import Principles, PrincipleStatus, assess_principles
from aipd.vocabulary import (
    DataKind,
    FinalFate,
    LegalBasis,
    LegalRegime,
    MeasureStatus,
    OrganisationKind,
    Safeguard,
)
from content_cases import measures, operation


def _by_id(p: Principles) -> dict[str, object]:
    return {c.id: c for c in p.all}


def _status(op: object, pid: str) -> PrincipleStatus:
    check = _by_id(assess_principles(op))[pid]  # type: ignore[arg-type]
    return check.status  # type: ignore[attr-defined, no-any-return]


def test_the_methods_twelve_principles_in_order() -> None:
    """Part 2.1 has five principles and part 2.2 seven, in the method's order."""
    p = assess_principles(operation())
    assert [c.id for c in p.proportionality] == [
        "purposes",
        "lawfulness",
        "minimisation",
        "accuracy",
        "retention",
    ]
    assert [c.id for c in p.rights] == [
        "information",
        "consent",
        "access_portability",
        "rectification_erasure",
        "restriction_objection",
        "processors",
        "transfers",
    ]
    assert all(c.source.citation.fr for c in p.all)


def test_public_task_without_its_text_is_to_complete() -> None:
    """A public-task basis needs the text that grounds the task (art. 6(3))."""
    op = operation(purposes=(Purpose(description="x", legal_basis=LegalBasis.PUBLIC_TASK),))
    check = _by_id(assess_principles(op))["lawfulness"]
    assert check.status is PrincipleStatus.TO_COMPLETE  # type: ignore[attr-defined]
    assert "purposes[0].legal_text" in check.missing_facts  # type: ignore[attr-defined]


def test_legitimate_interest_of_a_public_body_is_a_problem() -> None:
    """A commune cannot rely on legitimate interests for its tasks (art. 6(1), last subparagraph)."""
    op = operation(purposes=(Purpose(description="x", legal_basis=LegalBasis.LEGITIMATE_INTERESTS),))
    assert op.controller.kind is OrganisationKind.COMMUNE
    assert _status(op, "lawfulness") is PrincipleStatus.PROBLEM


def test_legitimate_interests_basis_needs_the_interest_pursued() -> None:
    """Art. 35(7)(a): with the basis of art. 6(1)(f), the legitimate interest pursued is asked for,
    naming the fact; once given, lawfulness is justified (a body not governed by public law)."""
    controller = Controller(name="Délégataire", kind=OrganisationKind.PRIVATE_PUBLIC_SERVICE)
    op = operation(
        controller=controller,
        purposes=(Purpose(description="x", legal_basis=LegalBasis.LEGITIMATE_INTERESTS),),
    )
    check = _by_id(assess_principles(op))["lawfulness"]
    assert check.status is PrincipleStatus.TO_COMPLETE  # type: ignore[attr-defined]
    assert check.missing_facts == ("purposes[0].legitimate_interest",)  # type: ignore[attr-defined]
    given = operation(
        controller=controller,
        purposes=(
            Purpose(
                description="x",
                legal_basis=LegalBasis.LEGITIMATE_INTERESTS,
                legitimate_interest="Sécurité des usagers du service délégué",
            ),
        ),
    )
    assert _status(given, "lawfulness") is PrincipleStatus.JUSTIFIED


def test_special_categories_need_an_article_9_exception() -> None:
    """Health data without an art. 9(2) exception: to complete, naming the fact."""
    op = operation(data=(DataCategory(kind=DataKind.HEALTH, description="Allergies"),))
    check = _by_id(assess_principles(op))["lawfulness"]
    assert "legal.article9_exception" in check.missing_facts  # type: ignore[attr-defined]


def test_title_iii_lawfulness_asks_article_88_not_article_9() -> None:
    """Under Title III, health data call for art. 88's absolute necessity and safeguards, not a GDPR
    art. 9(2) exception, and the section cites the loi's arts. 87 and 88 and the directive."""
    op = operation(
        legal=LegalFramework(regime=LegalRegime.POLICE_JUSTICE),
        data=(DataCategory(kind=DataKind.HEALTH, description="Blessures constatées"),),
    )
    check = _by_id(assess_principles(op))["lawfulness"]
    assert "legal.article88_justification" in check.missing_facts  # type: ignore[attr-defined]
    assert "legal.article9_exception" not in check.missing_facts  # type: ignore[attr-defined]
    assert "88" in check.source.citation.fr  # type: ignore[attr-defined]
    assert "2016/680" in check.source.citation.fr  # type: ignore[attr-defined]


def test_title_iii_purpose_on_consent_is_a_problem() -> None:
    """Consent does not ground a Title III processing (directive 2016/680, recital 35)."""
    op = operation(
        legal=LegalFramework(regime=LegalRegime.POLICE_JUSTICE),
        purposes=(Purpose(description="x", legal_basis=LegalBasis.CONSENT, legal_text="Art. L. 511-1 CSI"),),
    )
    assert _status(op, "lawfulness") is PrincipleStatus.PROBLEM


def test_lawful_ordinary_case_is_justified() -> None:
    """Purposes with a basis and its text: lawfulness is justified."""
    assert _status(operation(), "lawfulness") is PrincipleStatus.JUSTIFIED


def test_retention_needs_period_fate_and_justification() -> None:
    """A period without final fate is to complete; nothing declared names the period as missing."""
    assert _status(operation(), "retention") is PrincipleStatus.TO_COMPLETE
    op = operation(data=(DataCategory(kind=DataKind.IDENTITY),))
    check = _by_id(assess_principles(op))["retention"]
    assert check.missing_facts == ("data[0].retention.active",)  # type: ignore[attr-defined]
    full = operation(
        data=(
            DataCategory(
                kind=DataKind.IDENTITY,
                description="Nom",
                retention=Retention(
                    active="1 an", final_fate=FinalFate.DELETION, justification="Référentiel"
                ),
            ),
        )
    )
    assert _status(full, "retention") is PrincipleStatus.JUSTIFIED


def test_minimisation_depends_on_the_measure_being_in_place() -> None:
    """Minimisation is justified with the measure in place, to complete while only planned."""
    assert (
        _status(operation(measures=measures("builtin:minimisation")), "minimisation")
        is PrincipleStatus.JUSTIFIED
    )
    planned = operation(measures=measures("builtin:minimisation", status=MeasureStatus.PLANNED))
    assert _status(planned, "minimisation") is PrincipleStatus.TO_COMPLETE
    # « En place » by default, but due after the document's date: not in place yet.
    late = operation(
        updated=dt.date(2026, 11, 2), measures=(Measure(id="builtin:minimisation", due=dt.date(2027, 1, 1)),)
    )
    assert _status(late, "minimisation") is PrincipleStatus.TO_COMPLETE


def test_consent_is_not_applicable_without_a_consent_basis() -> None:
    """No purpose relies on consent: the consent principle is not applicable."""
    assert _status(operation(), "consent") is PrincipleStatus.NOT_APPLICABLE
    op = operation(purposes=(Purpose(description="Conseils", legal_basis=LegalBasis.CONSENT),))
    assert _status(op, "consent") is PrincipleStatus.TO_COMPLETE
    # A purpose whose basis is unknown may rest on consent: to complete, not « sans objet ».
    unknown = operation(purposes=(*operation().purposes, Purpose(description="Lettre d'information")))
    check = _by_id(assess_principles(unknown))["consent"]
    assert check.status is PrincipleStatus.TO_COMPLETE  # type: ignore[attr-defined]
    assert check.missing_facts == ("purposes[1].legal_basis",)  # type: ignore[attr-defined]


def test_processor_without_contract_is_a_problem() -> None:
    """A processor with no art. 28 contract is a problem; an unknown contract is to complete."""
    no = operation(processors=(Processor(name="P", role="r", contract_art28=False),))
    unknown = operation(processors=(Processor(name="P", role="r"),))
    assert _status(no, "processors") is PrincipleStatus.PROBLEM
    assert _status(unknown, "processors") is PrincipleStatus.TO_COMPLETE
    assert _status(operation(), "processors") is PrincipleStatus.NOT_APPLICABLE


def test_transfers() -> None:
    """No safeguard is a problem; a processor outside the EU without a declared transfer is to complete."""
    bad = operation(transfers=(Transfer(recipient="X", country="US", safeguard=Safeguard.NONE),))
    ok = operation(transfers=(Transfer(recipient="X", country="US", safeguard=Safeguard.ADEQUACY),))
    hidden = operation(processors=(Processor(name="P", role="r", country="US", contract_art28=True),))
    assert _status(bad, "transfers") is PrincipleStatus.PROBLEM
    assert _status(ok, "transfers") is PrincipleStatus.JUSTIFIED
    assert _status(hidden, "transfers") is PrincipleStatus.TO_COMPLETE
    assert _status(operation(), "transfers") is PrincipleStatus.NOT_APPLICABLE
    # Where a processor works is not known: a transfer cannot be ruled out.
    nowhere = operation(processors=(Processor(name="P", role="r", contract_art28=True),))
    check = _by_id(assess_principles(nowhere))["transfers"]
    assert check.status is PrincipleStatus.TO_COMPLETE  # type: ignore[attr-defined]
    assert check.missing_facts == ("processors[0].country",)  # type: ignore[attr-defined]


def test_objection_follows_the_legal_basis() -> None:
    """Legal obligation: no right to object, said in words; public task: the right applies."""
    legal = operation(
        purposes=(Purpose(description="x", legal_basis=LegalBasis.LEGAL_OBLIGATION, legal_text="L."),)
    )
    check = _by_id(assess_principles(legal))["restriction_objection"]
    assert any("pas de droit d'opposition" in e.fr for e in check.established)  # type: ignore[attr-defined]


def test_assessment_text_names_status_and_gaps() -> None:
    """The paragraph for the document starts with the status and lists what to add."""
    check = _by_id(assess_principles(operation()))["information"]
    text = check.assessment.fr  # type: ignore[attr-defined]
    assert text.startswith("À compléter.")
    assert "Mentions d'information (mesure à décrire)" in text


def test_title_iii_source_replaces_only_the_source_as_evolve_would() -> None:
    """Under Title III the GDPR articles are rewritten (aipd.principles._title_iii), each check
    rebuilt field by field for speed: it must be exactly what attrs.evolve would build."""
    import attrs

    from aipd.principles import _title_iii, _with_source
    from aipd.vocabulary import LegalRegime

    op = operation()
    op = attrs.evolve(op, legal=attrs.evolve(op.legal, regime=LegalRegime.POLICE_JUSTICE))
    gdpr = assess_principles(attrs.evolve(op, legal=attrs.evolve(op.legal, regime=None)))
    for check in (*gdpr.proportionality, *gdpr.rights):
        source = _title_iii(check.source)
        rebuilt = _with_source(check, source)
        assert rebuilt == attrs.evolve(check, source=source)
        assert attrs.asdict(rebuilt, recurse=False) == attrs.asdict(
            attrs.evolve(check, source=source), recurse=False
        )
    police = assess_principles(op)
    assert not any(
        c.source.citation.fr.startswith("RGPD, ") for c in (*police.proportionality, *police.rights)
    )
    assert any("titre III" in c.source.citation.fr for c in police.rights)
