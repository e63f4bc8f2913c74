"""Validation (CNIL method, part 4): the opinions and the decision, and what is missing."""

from __future__ import annotations

import datetime as dt

from aipd.model import Validation
from aipd.validation import review_validation
from aipd.vocabulary import DecisionOutcome
from content_cases import operation


def test_nothing_recorded_lists_each_step() -> None:
    """With no validation facts, the DPO's opinion, the persons' views and the decision are missing."""
    r = review_validation(operation())
    assert r.missing_facts == (
        "validation.dpo_opinion",
        "validation.data_subjects_views",
        "validation.decision",
    )
    assert not r.complete


def test_reason_for_not_seeking_views_is_enough() -> None:
    """Art. 35(9): a reason for not seeking the persons' views answers the point."""
    v = Validation(
        dpo_opinion="Favorable",
        dpo_opinion_date=dt.date(2025, 1, 2),
        data_subjects_not_sought="Traitement interne sans incidence sur les usagers",
        decision=DecisionOutcome.ACCEPTED,
        decision_date=dt.date(2025, 1, 3),
        signatory="Le maire",
    )
    r = review_validation(operation(validation=v))
    assert r.complete
    assert r.data_subjects_addressed
    assert r.dpo_opinion_given
    assert r.decided


def test_a_decision_needs_its_date_and_signatory() -> None:
    """A decision without date or signatory names both as missing."""
    v = Validation(
        dpo_opinion="Favorable", data_subjects_views="Conseil de quartier", decision=DecisionOutcome.REFUSED
    )
    r = review_validation(operation(validation=v))
    assert "validation.decision_date" in r.missing_facts
    assert "validation.signatory" in r.missing_facts
    assert "validation.dpo_opinion_date" in r.missing_facts


def test_title_iii_cites_the_cnil_method_not_gdpr_article_35() -> None:
    """The GDPR does not apply under Title III (art. 2(2)(d)): no step is cited as art. 35(2), 35(9) or 37."""
    from aipd.model import Controller, LegalFramework
    from aipd.validation import SOURCE, TITLE_III_SOURCE
    from aipd.vocabulary import LegalRegime, OrganisationKind

    no_dpo = Controller(name="Commune", kind=OrganisationKind.COMMUNE)  # so the DPO is asked for too
    gdpr = review_validation(operation(controller=no_dpo))
    title_iii = review_validation(
        operation(controller=no_dpo, legal=LegalFramework(regime=LegalRegime.POLICE_JUSTICE))
    )
    assert gdpr.source is SOURCE
    assert title_iii.source is TITLE_III_SOURCE
    assert title_iii.missing_facts == gdpr.missing_facts  # the same steps are asked for
    said = " ".join(m.fr + m.en for m in title_iii.missing)
    assert "35" not in said
    assert "art. 37" not in said
    assert "2016/680, art. 32" in said
    assert "art. 35.2" in " ".join(m.fr for m in gdpr.missing)
    assert "2.2.d" in TITLE_III_SOURCE.citation.fr
