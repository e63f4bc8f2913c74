"""Validation (CNIL method, part 4), pure: the opinions and the decision, and what is missing.

GDPR art. 35(2) requires the controller to seek the DPO's advice; art. 35(9)
to seek the views of data subjects or their representatives where
appropriate, so either their views or the reason they were not sought are
recorded; the controller then decides. This module keeps what
``operation.validation`` says and lists what a DPO still has to add.

Under Title III of the loi Informatique et Libertés (the law-enforcement
directive), the GDPR does not apply (GDPR art. 2(2)(d)): the same steps are
kept as the CNIL method's part 4 asks, and cited as such, not as art. 35.
"""

from __future__ import annotations

import attrs

from aipd.catalogue import Source
from aipd.i18n import Text, t
from aipd.model import ProcessingOperation, Validation
from aipd.vocabulary import DecisionOutcome, LegalRegime

__all__ = ["ValidationReview", "review_validation"]

SOURCE = Source(
    citation=t(
        "RGPD, art. 35.2 (avis du DPD) et 35.9 (avis des personnes concernées) ; méthode PIA de la CNIL, partie 4",
        "GDPR art. 35(2) (DPO's advice) and 35(9) (data subjects' views); CNIL PIA method, part 4",
    ),
    url="https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679",
    reliability="recalled",
)
#: Title III: the GDPR's arts. 35(2), 35(9) and 37 do not govern the processing (GDPR art. 2(2)(d));
#: the law-enforcement directive has the controller designate a DPO (art. 32).
TITLE_III_SOURCE = Source(
    citation=t(
        "Méthode PIA de la CNIL, partie 4 ; directive (UE) 2016/680, art. 32 (désignation du DPD) ; le RGPD, "
        "dont l'art. 35.2 et 35.9, ne s'applique pas aux traitements du titre III de la loi Informatique et "
        "Libertés (RGPD, art. 2.2.d)",
        "CNIL PIA method, part 4; Directive (EU) 2016/680, art. 32 (designation of the DPO); the GDPR, "
        "arts. 35(2) and 35(9) included, does not apply to processing under Title III of the loi Informatique "
        "et Libertés (GDPR art. 2(2)(d))",
    ),
    url="https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016L0680",
    reliability="recalled",
)


@attrs.frozen(kw_only=True)
class ValidationReview:
    """The validation as declared, whether each step is done, and the facts still missing."""

    validation: Validation
    dpo_opinion_given: bool
    data_subjects_addressed: bool
    decided: bool
    missing: tuple[Text, ...]
    missing_facts: tuple[str, ...]
    source: Source = SOURCE

    @property
    def complete(self) -> bool:
        return not self.missing_facts


def review_validation(op: ProcessingOperation) -> ValidationReview:
    """Say which validation steps the operation records and which are still to do."""
    v = op.validation
    title_iii = op.legal.regime is LegalRegime.POLICE_JUSTICE
    missing: list[Text] = []
    facts: list[str] = []
    dpo = bool(v.dpo_opinion)
    if not dpo:
        missing.append(
            t("l'avis du DPD", "the DPO's opinion")
            if title_iii
            else t("l'avis du DPD (art. 35.2)", "the DPO's opinion (art. 35(2))")
        )
        facts.append("validation.dpo_opinion")
    elif v.dpo_opinion_date is None:
        missing.append(t("la date de l'avis du DPD", "the date of the DPO's opinion"))
        facts.append("validation.dpo_opinion_date")
    if op.controller.dpo is None:
        missing.append(
            t(
                "le DPD désigné (directive (UE) 2016/680, art. 32)",
                "the designated DPO (Directive (EU) 2016/680, art. 32)",
            )
            if title_iii
            else t("le DPD désigné (art. 37)", "the designated DPO (art. 37)")
        )
        facts.append("controller.dpo")
    persons = bool(v.data_subjects_views or v.data_subjects_not_sought)
    if not persons:
        where = t("", "") if title_iii else t(" (art. 35.9)", " (art. 35(9))")
        missing.append(
            t(
                "l'avis des personnes concernées ou de leurs représentants, ou la raison pour laquelle il n'a "
                "pas été recueilli",
                "the views of data subjects or their representatives, or why they were not sought",
            )
            + where
        )
        facts.append("validation.data_subjects_views")
    decided = v.decision is not DecisionOutcome.PENDING
    if not decided:
        missing.append(t("la décision du responsable de traitement", "the controller's decision"))
        facts.append("validation.decision")
    else:
        if v.decision_date is None:
            missing.append(t("la date de la décision", "the date of the decision"))
            facts.append("validation.decision_date")
        if not v.signatory:
            missing.append(t("le signataire de la décision", "the signatory of the decision"))
            facts.append("validation.signatory")
    return ValidationReview(
        validation=v,
        dpo_opinion_given=dpo,
        data_subjects_addressed=persons,
        decided=decided,
        missing=tuple(missing),
        missing_facts=tuple(facts),
        source=TITLE_III_SOURCE if title_iii else SOURCE,
    )
