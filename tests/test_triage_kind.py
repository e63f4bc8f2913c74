"""A register row without the kind of body is screened as the texts leave it: for both kinds.

The triage screens such a row once, watching whether a rule reads the kind, and a second time
only when one did (``aipd.triage._screen_unknown_kind``). That shortcut is only right if every
rule that can answer differently for another kind is seen reading it: a rule (or a cache of
answers) that read the kind some other way (hashing the controller, a copy of its fields)
would go unseen, and the row would be screened as « autre » alone, a verdict resting on a
placeholder. This property checks the shortcut against screening both kinds every time.
"""

from __future__ import annotations

import attrs
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings

from aipd.i18n import Text, t
from aipd.model import ProcessingOperation
from aipd.registry import default_registry
from aipd.screening import run_rules, screen_unsettled
from aipd.settings import Settings
from aipd.triage import _screen_unknown_kind
from aipd.vocabulary import OrganisationKind
from strategies import operations

_CATALOGUE = default_registry().catalogue()
_SETTINGS = Settings()


def _both_kinds(op: ProcessingOperation) -> tuple[object, ...]:
    """The reference: the rules run for « autre » and for a commune, always, then settled."""
    other, commune = OrganisationKind.OTHER, OrganisationKind.COMMUNE
    as_commune = attrs.evolve(op, controller=attrs.evolve(op.controller, kind=commune))
    screening = screen_unsettled(
        [
            (Text(other.fr, other.en), run_rules(op, _CATALOGUE, _SETTINGS)),
            (Text(commune.fr, commune.en), run_rules(as_commune, _CATALOGUE, _SETTINGS)),
        ],
        fact="controller.kind",
        what=t("la nature de l'organisme", "the kind of body"),
    )
    return screening.findings, screening.verdict, screening.blocking, screening.missing_facts


@hsettings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(operations())
def test_a_row_without_the_kind_is_screened_as_for_both_kinds(op: ProcessingOperation) -> None:
    placeholder = attrs.evolve(op, controller=attrs.evolve(op.controller, kind=OrganisationKind.OTHER))
    got = _screen_unknown_kind(placeholder, _CATALOGUE, _SETTINGS)
    assert (got.findings, got.verdict, got.blocking, got.missing_facts) == _both_kinds(placeholder)
