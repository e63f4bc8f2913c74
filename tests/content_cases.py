"""Operations built in Python for the tests of the AIPD content (risks, principles, plan, consultation)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from aipd.model import (
    Controller,
    DataCategory,
    DpoContact,
    Measure,
    ProcessingOperation,
    Purpose,
    Retention,
    SubjectCategory,
    SupportingAsset,
)
from aipd.registry import Catalogue, Registry
from aipd.vocabulary import AssetKind, DataKind, Hosting, LegalBasis, OrganisationKind, SubjectKind

_BUILTINS: list[Catalogue] = []


def builtin_catalogue() -> Catalogue:
    """The built-in plug-ins only (no entry points), built once."""
    if not _BUILTINS:
        _BUILTINS.append(Registry(entry_points=False).catalogue())
    return _BUILTINS[0]


def builtin_registry() -> Registry:
    return Registry(entry_points=False)


def operation(**overrides: Any) -> ProcessingOperation:
    """An ordinary processing: a commune's users, identity data, one EU-hosted software, no measure."""
    base: dict[str, Any] = {
        "id": "cas",
        "name": "Gestion des inscriptions à la médiathèque",
        "controller": Controller(
            name="Commune de Test",
            kind=OrganisationKind.COMMUNE,
            dpo=DpoContact(name="DPO mutualisé", email="dpo@example.fr"),
        ),
        "purposes": (
            Purpose(
                description="Gérer les prêts",
                legal_basis=LegalBasis.PUBLIC_TASK,
                legal_text="CGCT, art. L. 2121-29",
            ),
        ),
        "data": (
            DataCategory(
                kind=DataKind.IDENTITY,
                description="Nom, prénom, adresse",
                retention=Retention(active="1 an après le dernier prêt", justification="Règlement intérieur"),
            ),
        ),
        "data_subjects": (SubjectCategory(kind=SubjectKind.USERS, count=800, vulnerable=False),),
        "assets": (
            SupportingAsset(
                kind=AssetKind.SOFTWARE,
                name="Logiciel de prêt",
                hosting=Hosting.PROVIDER_EU,
                internet_facing=False,
            ),
        ),
        "created": dt.date(2025, 1, 10),
    }
    return ProcessingOperation(**(base | overrides))


def measures(*ids: str, status: Any = None) -> tuple[Measure, ...]:
    """Declared measures with these ids (implemented unless a status is given)."""
    if status is None:
        return tuple(Measure(id=i) for i in ids)
    return tuple(Measure(id=i, status=status) for i in ids)
