"""Operations for the screening-rule tests: one where every fact is known and nothing is met.

Tests start from :func:`quiet` and change only the facts a rule reads, so a
test shows the one fact that decides; :func:`unknown_everything` is the other
end, a bare operation where every fact is ``None``.
"""

from __future__ import annotations

from typing import Any

import attrs

from aipd.catalogue import Criterion, FindingStatus, ListItem, Outcome
from aipd.model import (
    Controller,
    DataCategory,
    Decisions,
    Evaluation,
    LegalFramework,
    Matching,
    Monitoring,
    ProcessingOperation,
    Purpose,
    Scale,
    SubjectCategory,
    Technology,
)
from aipd.registry import Registry
from aipd.settings import Settings
from aipd.vocabulary import (
    DataKind,
    DecisionEffect,
    Domain,
    Frequency,
    GeographicExtent,
    LegalBasis,
    OrganisationKind,
    SubjectKind,
)
from aipd_builtin import cnil_lists, gdpr, wp248

RULES: dict[str, Criterion | ListItem] = {
    r.id: r for r in (*wp248.CRITERIA, *gdpr.CRITERIA, *cnil_lists.ITEMS)
}


def registry() -> Registry:
    """The three screening plug-ins alone, as the host registers them."""
    return Registry(
        builtins=False,
        entry_points=False,
        plugins=[("builtin.wp248", wp248), ("builtin.gdpr", gdpr), ("builtin.cnil_lists", cnil_lists)],
    )


def quiet(**overrides: Any) -> ProcessingOperation:
    """A processing where every fact the rules read is known, and no rule is met."""
    base: dict[str, Any] = {
        "id": "cas-de-test",
        "name": "Cas de test",
        "controller": Controller(name="Commune de Test", kind=OrganisationKind.COMMUNE, agents=120),
        "domains": (Domain.CITIZEN_INFORMATION,),
        "purposes": (
            Purpose(
                description="Informer les usagers",
                legal_basis=LegalBasis.PUBLIC_TASK,
                legal_text="Art. L. 2121-29 CGCT",
            ),
        ),
        "legal": LegalFramework(on_behalf_of_state=False),
        "data": (DataCategory(kind=DataKind.IDENTITY),),
        "data_subjects": (SubjectCategory(kind=SubjectKind.USERS, count=300, vulnerable=False),),
        "scale": Scale(
            persons=300,
            relevant_population=10_000,
            records=2_000,
            data_items=8,
            frequency=Frequency.PERIODIC,
            geographic_extent=GeographicExtent.MUNICIPALITY,
        ),
        "monitoring": Monitoring(systematic=False, public_area=False, agents=False, constant=False),
        "evaluation": Evaluation(
            scoring=False, profiling=False, systematic_extensive=False, external_sources=False
        ),
        "decisions": Decisions(automated=False, effect=DecisionEffect.NONE, access_to_rights=False),
        "matching": Matching(
            combines=False, different_purposes_or_controllers=False, beyond_expectations=False
        ),
        "technology": Technology(innovative=False),
    }
    return ProcessingOperation(**(base | overrides))


def unknown_everything(**overrides: Any) -> ProcessingOperation:
    """A bare processing: no domain, data, persons or fact declared."""
    base: dict[str, Any] = {
        "id": "cas-vide",
        "name": "Cas vide",
        "controller": Controller(name="Commune de Test", kind=OrganisationKind.COMMUNE),
    }
    return ProcessingOperation(**(base | overrides))


def evolve(op: ProcessingOperation, part: str, **changes: Any) -> ProcessingOperation:
    """The operation with some fields of one of its nested parts changed."""
    return attrs.evolve(op, **{part: attrs.evolve(getattr(op, part), **changes)})


def run(rule_id: str, op: ProcessingOperation, settings: Settings | None = None) -> Outcome:
    """The outcome of one built-in rule, checked for bilingual wording on the way."""
    outcome = RULES[rule_id].test(op, settings or Settings())
    assert outcome.rationale.fr.strip()
    assert outcome.rationale.en.strip()
    assert (outcome.status is FindingStatus.UNKNOWN) == bool(outcome.missing)
    return outcome
