"""Where the built-in rules come from: the texts, their official addresses, and how each was read.

The reliability of each source follows the markers of the project's legal
reference: ``verified`` when the wording was read in an official copy or a
faithful reproduction, ``secondary`` when only secondary sources carry it,
``recalled`` when it could not be re-read. Outputs show it, so a DPO knows
what to check before quoting.
"""

from __future__ import annotations

from aipd.catalogue import Reliability, Source
from aipd.i18n import Text, t

__all__ = [
    "CNIL_AI_SHEET_URL",
    "CNIL_EXEMPT_LIST_URL",
    "CNIL_REQUIRED_LIST_URL",
    "GDPR_URL",
    "LIL_URL",
    "WP248_URL",
    "source",
    "wp248",
]

WP248_URL = "https://www.cnil.fr/sites/default/files/atoms/files/wp248_rev.01_fr.pdf"
GDPR_URL = "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679"
LIL_URL = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000886460"
CNIL_REQUIRED_LIST_URL = (
    "https://www.cnil.fr/sites/default/files/atoms/files/liste-traitements-aipd-requise.pdf"
)
CNIL_EXEMPT_LIST_URL = (
    "https://www.cnil.fr/sites/default/files/atoms/files/liste-traitements-aipd-non-requise.pdf"
)
CNIL_AI_SHEET_URL = "https://www.cnil.fr/fr/realiser-une-analyse-dimpact-si-necessaire"


def source(citation: Text, *, url: str | None, reliability: Reliability) -> Source:
    """A :class:`~aipd.catalogue.Source`, keyword-only so each rule says how its text was read."""
    return Source(citation=citation, url=url, reliability=reliability)


def wp248(criterion: int, name: Text, gdpr: Text | None, reliability: Reliability) -> Source:
    """WP248 rev.01, section III.B.a, criterion ``criterion``, with the GDPR provisions the guidelines
    cite for it (``None`` where they cite none: only those the text names, never one added)."""
    gdpr_fr = f" ; RGPD, {gdpr.fr}" if gdpr is not None else ""
    gdpr_en = f"; GDPR, {gdpr.en}" if gdpr is not None else ""
    return source(
        t(
            f"Lignes directrices WP248 rév.01 du G29 (approuvées par le CEPD), section III.B.a, "
            f"critère {criterion} « {name.fr} »{gdpr_fr}",
            f"Article 29 WP guidelines WP248 rev.01 (endorsed by the EDPB), section III.B.a, "
            f"criterion {criterion} '{name.en}'{gdpr_en}",
        ),
        url=WP248_URL,
        reliability=reliability,
    )
