"""Rules on algorithmic decisions: CRPA L. 311-3-1 and L. 312-1-3, GDPR art. 22, LIL art. 47."""

from __future__ import annotations

import attrs
import pytest
from tests.test_ai_act import BASE

import aipd
from aipd.algorithmic_decisions import PUBLICATION_THRESHOLD, analyse_decisions
from aipd.model import Controller, DataCategory, Decisions, ProcessingOperation
from aipd.registry import Registry
from aipd.vocabulary import DataKind, DecisionEffect, HumanInvolvement, OrganisationKind

AUTOMATED = attrs.evolve(
    BASE,
    ai_system=None,
    decisions=Decisions(
        automated=True,
        effect=DecisionEffect.LEGAL,
        human_involvement=HumanInvolvement.NONE,
        administrative_decisions=True,
        administrative_appeals=False,
    ),
)


def decisions(op: ProcessingOperation = AUTOMATED, **changes: object) -> ProcessingOperation:
    return attrs.evolve(op, decisions=attrs.evolve(op.decisions, **changes))


def test_administrative_decision_by_algorithm_needs_mention_and_explanation() -> None:
    """CRPA L. 311-3-1 applies to an administration's individual decisions based on an algorithm."""
    rule = analyse_decisions(decisions(human_involvement=HumanInvolvement.AID)).rule("crpa:l311-3-1")
    assert rule.applies is True
    assert len(rule.duties) == 2
    assert "R. 311-3-1-2" in rule.duties[1].fr


def test_a_private_body_is_not_an_administration() -> None:
    """The CRPA rules do not bind a body that is not an administration."""
    op = attrs.evolve(AUTOMATED, controller=Controller(name="Société", kind=OrganisationKind.OTHER))
    result = analyse_decisions(op)
    assert result.rule("crpa:l311-3-1").applies is False
    assert result.rule("crpa:l312-1-3").applies is False


@pytest.mark.parametrize(
    ("agents", "expected"), [(PUBLICATION_THRESHOLD - 1, False), (PUBLICATION_THRESHOLD, True), (400, True)]
)
def test_publication_of_algorithm_rules_depends_on_headcount(agents: int, expected: bool) -> None:
    """CRPA L. 312-1-3: administrations with 50 agents or more publish the rules of their algorithms."""
    op = attrs.evolve(AUTOMATED, controller=attrs.evolve(AUTOMATED.controller, agents=agents))
    assert analyse_decisions(op).rule("crpa:l312-1-3").applies is expected


def test_publication_unknown_without_headcount() -> None:
    """Without the headcount, the publication duty is unknown and asks for controller.agents."""
    op = attrs.evolve(AUTOMATED, controller=attrs.evolve(AUTOMATED.controller, agents=None))
    rule = analyse_decisions(op).rule("crpa:l312-1-3")
    assert rule.applies is None
    assert rule.missing == ("controller.agents",)


def test_solely_automated_administrative_decision_within_art47_is_allowed() -> None:
    """Art. 47 LIL allows solely automated individual administrative decisions without sensitive data."""
    result = analyse_decisions(AUTOMATED)
    assert result.rule("gdpr:art22").applies is True
    assert result.rule("lil:art47").applies is True
    assert result.forbidden is False
    assert not result.problems


def test_solely_automated_decision_on_sensitive_data_is_forbidden() -> None:
    """No special-category data in a solely automated administrative decision (art. 47, 2°)."""
    op = attrs.evolve(AUTOMATED, data=(DataCategory(kind=DataKind.HEALTH),))
    result = analyse_decisions(op)
    assert result.forbidden is True
    assert result.problems


def test_decisions_on_administrative_appeals_are_never_solely_automated() -> None:
    """A decision on an administrative appeal may never rest on automated processing alone."""
    result = analyse_decisions(decisions(administrative_appeals=True))
    assert result.forbidden is True
    assert "recours administratif" in result.problems[0].fr


def test_solely_automated_non_administrative_decision_needs_another_exception() -> None:
    """Outside administrative decisions, only another art. 22(2) exception could allow it: undecided."""
    result = analyse_decisions(decisions(administrative_decisions=False))
    assert result.forbidden is None
    assert result.problems


def test_meaningful_human_review_takes_the_decision_out_of_art22() -> None:
    """With human review of each decision, art. 22 does not apply; CRPA L. 311-3-1 still does."""
    result = analyse_decisions(decisions(human_involvement=HumanInvolvement.REVIEW))
    assert result.rule("gdpr:art22").applies is False
    assert result.forbidden is False
    assert result.rule("crpa:l311-3-1").applies is True


def test_no_decision_yet_solely_automated_is_unknown_not_no_duty() -> None:
    """`automated: false` with human involvement "none": contradictory facts, so art. 22 is unknown
    and nothing is read as "not forbidden"."""
    result = analyse_decisions(decisions(automated=False))
    assert result.rule("gdpr:art22").applies is None
    assert result.forbidden is None
    assert "decisions.human_involvement" in result.missing_facts


def test_unknown_effect_leaves_art22_unknown() -> None:
    """When the decisions' effect is unknown, art. 22 is unknown and asks for it."""
    result = analyse_decisions(decisions(effect=None))
    assert result.rule("gdpr:art22").applies is None
    assert "decisions.effect" in result.missing_facts
    assert result.forbidden is None


def test_no_decision_no_duty() -> None:
    """Without decisions based on the processing, no rule applies and nothing is forbidden."""
    # human_involvement "none" (solely automated) would contradict automated=False (aipd.consistency).
    result = analyse_decisions(decisions(automated=False, human_involvement=None))
    assert {r.applies for r in result.rules} == {False}
    assert result.forbidden is False
    assert all(not r.duties for r in result.rules if r.id != "lil:art47")


def test_rules_are_sorted_and_sourced() -> None:
    """Rules come sorted by id, each with its source marked as recalled."""
    result = analyse_decisions(AUTOMATED)
    assert [r.id for r in result.rules] == sorted(r.id for r in result.rules)
    assert {r.source.reliability for r in result.rules} == {"recalled"}


def test_assess_fills_the_analysis() -> None:
    """assess() fills algorithmic_decisions, and ai_act only when there is an AI system."""
    a = aipd.assess(AUTOMATED, registry=Registry(entry_points=False))
    assert a.algorithmic_decisions == analyse_decisions(AUTOMATED)
    assert a.ai_act is None
