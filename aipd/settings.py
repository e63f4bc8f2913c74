"""Thresholds the texts leave open, made explicit and configurable.

WP248 gives no number for "large scale" and the CNIL method computes no risk
level: where aipd has to draw a line, the line lives here, with its source or
the words "this library's choice", so a DPO can see it and change it.
"""

from __future__ import annotations

from typing import Literal

import attrs

from aipd.i18n import DEFAULT_LANG, Lang
from aipd.vocabulary import Level


@attrs.frozen(kw_only=True)
class Settings:
    """Settings of one assessment; the defaults are documented in docs/concepts.md."""

    lang: Lang = DEFAULT_LANG
    #: WP248 III.B.a criterion 5 (a): number of persons from which the processing is
    #: large scale on its own. No text sets a figure: this library's choice.
    large_scale_persons: int = 5_000
    #: WP248 III.B.a criterion 5 (a), "as a proportion of the relevant population":
    #: share from which the processing is large scale when at least
    #: ``large_scale_min_persons`` persons are concerned. This library's choice.
    large_scale_share: float = 0.2
    large_scale_min_persons: int = 1_000
    #: CNIL method (PIA, part 3): the tool plots levels and computes none. aipd calls a
    #: residual risk high when its severity or its likelihood is at this level or above
    #: (the CNIL's reading of art. 36(1) for prior consultation). This library's choice.
    high_risk_level: Level = Level.SIGNIFICANT
    #: Whether a risk is high when its severity **or** its likelihood reaches
    #: ``high_risk_level`` (``"either"``, the default: the CNIL method asks to reduce a
    #: risk that is high on either axis) or only when **both** do (``"both"``, the
    #: top-right corner of the map). This library's choice, see docs/risks.md.
    high_risk_axes: Literal["either", "both"] = "either"
    #: Plug-ins (by registered name) not to load.
    blocked_plugins: frozenset[str] = attrs.field(default=frozenset(), converter=frozenset)

    def __attrs_post_init__(self) -> None:
        if not 0 < self.large_scale_share <= 1:
            raise ValueError("large_scale_share : une proportion entre 0 et 1 est attendue")
        if self.large_scale_persons < 1 or self.large_scale_min_persons < 0:
            raise ValueError("les seuils de large échelle doivent être positifs")
