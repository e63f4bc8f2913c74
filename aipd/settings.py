"""Thresholds the texts leave open, made explicit and configurable.

WP248 gives no number for "large scale" and the CNIL method computes no risk
level: where aipd has to draw a line, the line lives here, with its source or
the words "this library's choice", so a DPO can see it and change it.
"""

from __future__ import annotations

from typing import Literal

import attrs

from aipd.i18n import DEFAULT_LANG, Lang
from aipd.vocabulary import GeographicExtent, Level


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
    #: WP248 III.B.a criterion 5 (b)–(d) (the WP243 factors: volume, duration or
    #: permanence, geographical extent): below the thresholds on persons, a processing
    #: concerning at least ``large_scale_min_persons`` persons is large scale when all three
    #: other factors point the same way: at least ``large_scale_records`` records a year (or
    #: ``large_scale_data_items`` different data items), continuous (permanent) processing, and an
    #: extent in ``large_scale_extents``.
    #: No text sets these figures: this library's choice.
    large_scale_records: int = 1_000_000
    #: WP248 III.B.a criterion 5 (b) reads « the volume of data and/or the range of different data
    #: items being processed »: the volume factor holds with ``large_scale_records`` records a year
    #: **or** with at least this many different data items (``scale.data_items``). No text sets a
    #: figure: this library's choice.
    large_scale_data_items: int = 50
    large_scale_extents: frozenset[GeographicExtent] = attrs.field(
        default=frozenset(
            {
                GeographicExtent.INTERMUNICIPAL,
                GeographicExtent.DEPARTMENT,
                GeographicExtent.REGION,
                GeographicExtent.NATIONAL,
                GeographicExtent.INTERNATIONAL,
            }
        ),
        converter=frozenset,
    )
    #: GDPR art. 35(3)(b) and (c) and CNIL list 2018-327 item 14 make a DPIA mandatory
    #: for processing "on a large scale" without weighing other factors; for them aipd
    #: requires the absolute figure ``large_scale_persons`` (the share and the combined
    #: factors above make WP248 criterion 5 count, but do not alone make a DPIA
    #: mandatory). This library's choice; set to False to apply criterion 5 as a whole.
    mandatory_large_scale_absolute: bool = True
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
        if (
            self.large_scale_persons < 1
            or self.large_scale_min_persons < 0
            or self.large_scale_records < 1
            or self.large_scale_data_items < 1
        ):
            raise ValueError("les seuils de large échelle doivent être positifs")
