"""Assessments built in Python for the document tests (no YAML loader needed).

A small plug-in contributes one rule of each kind, so the screening table,
the blocking issue and the missing facts all appear in the document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from aipd.assess import Assessment, assess
from aipd.catalogue import Criterion, Effect, Outcome, Source
from aipd.hookspecs import hookimpl
from aipd.i18n import t
from aipd.model import (
    AISystem,
    Controller,
    DataCategory,
    DpoContact,
    Measure,
    ProcessingOperation,
    Processor,
    Purpose,
    Retention,
    RiskJudgement,
    SubjectCategory,
)
from aipd.registry import Registry
from aipd.settings import Settings
from aipd.vocabulary import (
    DataKind,
    LegalBasis,
    Level,
    MeasureFamily,
    MeasureStatus,
    OrganisationKind,
    SubjectKind,
)

SOURCE = Source(citation=t("Lignes directrices de test, point 1", "Test guidelines, point 1"))


def _met(_op: ProcessingOperation, _s: Settings) -> Outcome:
    return Outcome.met(t("Le fait déclaré remplit la règle.", "The declared fact meets the rule."))


def _not_met(_op: ProcessingOperation, _s: Settings) -> Outcome:
    return Outcome.not_met(
        t("Le fait déclaré ne remplit pas la règle.", "The declared fact does not meet the rule.")
    )


def _unknown(_op: ProcessingOperation, _s: Settings) -> Outcome:
    return Outcome.unknown(
        t("Le nombre de personnes manque.", "The number of persons is missing."), ("scale.persons",)
    )


class CasePlugin:
    """Contributes a met, an unmet and an unknown criterion, and optionally a blocking one."""

    __version__ = "2.0"

    def __init__(self, *, blocking: bool = False, template_dirs: Iterable[Path] = ()) -> None:
        self.blocking = blocking
        self.template_dirs = tuple(template_dirs)

    @hookimpl
    def aipd_criteria(self) -> Iterable[Criterion]:
        out = [
            Criterion(
                id="case:met",
                title=t("Critère rempli", "Criterion met"),
                source=SOURCE,
                effect=Effect.COUNTS,
                test=_met,
            ),
            Criterion(
                id="case:met2",
                title=t("Second critère", "Second criterion"),
                source=SOURCE,
                effect=Effect.COUNTS,
                test=_met,
            ),
            Criterion(
                id="case:not_met",
                title=t("Critère non rempli", "Criterion not met"),
                source=SOURCE,
                effect=Effect.COUNTS,
                test=_not_met,
            ),
            Criterion(
                id="case:unknown",
                title=t("Critère inconnu", "Unknown criterion"),
                source=SOURCE,
                effect=Effect.INFORMS,
                test=_unknown,
            ),
        ]
        if self.blocking:
            out.append(
                Criterion(
                    id="case:prohibited",
                    title=t("Pratique interdite", "Prohibited practice"),
                    source=SOURCE,
                    effect=Effect.BLOCKS,
                    test=_met,
                )
            )
        return out

    @hookimpl
    def aipd_template_dirs(self) -> Iterable[Path]:
        return self.template_dirs


def registry(**kw: Any) -> Registry:
    return Registry(builtins=False, entry_points=False, plugins=[("case", CasePlugin(**kw))])


def operation(**overrides: Any) -> ProcessingOperation:
    """A realistic operation with risk levels, measures and an AI system."""
    base: dict[str, Any] = {
        "id": "cas-video",
        "name": "Vidéoprotection des équipements sportifs",
        "controller": Controller(
            name="Commune de Test-sur-Loire",
            kind=OrganisationKind.COMMUNE,
            representative="Le maire",
            dpo=DpoContact(name="Service DPO mutualisé", email="dpo@example.fr"),
        ),
        "description": "Caméras aux abords de trois gymnases.",
        "version": "1.1",
        "created": dt.date(2024, 3, 1),
        "updated": dt.date(2024, 5, 27),
        "authors": ("Direction des sports", "DPO"),
        "purposes": (Purpose(description="Protéger les équipements", legal_basis=LegalBasis.PUBLIC_TASK),),
        "processors": (Processor(name="Vidéo SAS", role="Maintenance", country="FR", contract_art28=True),),
        "data": (DataCategory(kind=DataKind.IMAGE, retention=Retention(active="15 jours")),),
        "data_subjects": (SubjectCategory(kind=SubjectKind.GENERAL_PUBLIC, count=12000),),
        "measures": (
            Measure(
                id="case:encryption", title="Chiffrement des enregistrements", family=MeasureFamily.SECURITY
            ),
            Measure(
                id="case:signs",
                title="Panneaux d'information",
                family=MeasureFamily.RIGHTS,
                status=MeasureStatus.PLANNED,
                owner="Services techniques",
                due=dt.date(2024, 9, 1),
            ),
        ),
        "risk_judgements": (
            RiskJudgement(
                risk="cnil:illegitimate_access",
                severity=Level.SIGNIFICANT,
                likelihood=Level.LIMITED,
                residual_severity=Level.SIGNIFICANT,
                residual_likelihood=Level.NEGLIGIBLE,
                justification="Images de personnes identifiables.",
            ),
            RiskJudgement(
                risk="cnil:disappearance",
                severity=Level.LIMITED,
                likelihood=Level.LIMITED,
                residual_severity=Level.NEGLIGIBLE,
                residual_likelihood=Level.NEGLIGIBLE,
            ),
        ),
        "ai_system": AISystem(name="Détecteur d'intrusion", provider="Vidéo SAS"),
    }
    return ProcessingOperation(**(base | overrides))


def assessment(*, blocking: bool = False, **overrides: Any) -> Assessment:
    return assess(operation(**overrides), registry=registry(blocking=blocking))


def minimal_assessment(**overrides: Any) -> Assessment:
    """Almost nothing known: every gap must show as « À compléter »."""
    base: dict[str, Any] = {
        "id": "vide",
        "name": "Traitement à décrire",
        "controller": Controller(name="Commune", kind=OrganisationKind.COMMUNE),
    }
    return assess(ProcessingOperation(**(base | overrides)), registry=registry())
