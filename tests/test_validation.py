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
