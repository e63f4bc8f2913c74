"""The example third-party plug-in (plugins/example-vendor, distribution acme-aipd) works through its entry point.

CI installs it before the tests (``pip install ./plugins/example-vendor``); when it
is missing these tests fail and say so, they are never skipped.
"""

from __future__ import annotations

from importlib import metadata
from types import ModuleType
from typing import Any

import pytest

from aipd.assess import assess
from aipd.catalogue import Criterion, Effect, FindingStatus, Outcome, Source
from aipd.hookspecs import hookimpl
from aipd.i18n import t
from aipd.model import AISystem, Controller, Monitoring, ProcessingOperation, Scale, SupportingAsset
from aipd.registry import Registry
from aipd.settings import Settings
from aipd.vocabulary import AssetKind, OrganisationKind

INSTALL_HINT = (
    "the example plug-in is not installed: run `pip install ./plugins/example-vendor` "
    "(CI installs it before pytest)"
)


@pytest.fixture(scope="module")
def acme() -> ModuleType:
    """The plug-in module the installed ``acme`` entry point names; fails (never skips) when absent."""
    eps = [ep for ep in metadata.entry_points(group="aipd") if ep.name == "acme"]
    if not eps:
        pytest.fail(INSTALL_HINT)
    module = eps[0].load()
    assert isinstance(module, ModuleType)
    return module


def camera_operation(**kw: Any) -> ProcessingOperation:
    base: dict[str, Any] = {
        "id": "lapi-entrees-de-ville",
        "name": "Lecture des plaques aux entrées de ville",
        "controller": Controller(name="Commune de Test", kind=OrganisationKind.COMMUNE),
        "assets": (
            SupportingAsset(kind=AssetKind.HARDWARE, name="Caméras PlateSight", provider="ACME-Vision"),
            SupportingAsset(kind=AssetKind.SOFTWARE, name="Logiciel de supervision", provider="Autre SA"),
        ),
    }
    return ProcessingOperation(**(base | kw))


class Wp248Stand:
    """A stand-in for the built-in WP248 criterion 3, so the plug-in is tested on its own."""

    __version__ = "0.0"

    def __init__(self, status: FindingStatus) -> None:
        self.status = status

    @hookimpl
    def aipd_criteria(self) -> list[Criterion]:
        def test(_op: ProcessingOperation, _s: Settings) -> Outcome:
            return Outcome(status=self.status, rationale=t("stand-in", "stand-in"))

        return [
            Criterion(
                id="wp248:systematic_monitoring",
                title=t("Surveillance systématique", "Systematic monitoring"),
                source=Source(citation=t("WP248, critère 3", "WP248, criterion 3")),
                effect=Effect.COUNTS,
                test=test,
            )
        ]


def alone(acme: ModuleType, status: FindingStatus = FindingStatus.NOT_MET) -> Registry:
    return Registry(
        builtins=False, entry_points=False, plugins=[("acme", acme), ("wp248", Wp248Stand(status))]
    )


def test_installed_distribution_is_registered_with_its_version(acme: ModuleType) -> None:
    """The installed entry point loads as plug-in "acme" with the distribution's name and version."""
    import acme_aipd

    info = {p.name: p for p in Registry().plugins}["acme"]
    assert info.distribution == "acme-aipd"
    assert info.version == acme_aipd.__version__ == metadata.version("acme-aipd")
    assert not info.builtin


def test_criterion_in_a_default_assessment_when_installed(acme: ModuleType) -> None:
    """With the plug-in installed, an assessment shows acme:lpr_camera met, made by acme and its version."""
    result = assess(camera_operation())
    finding = {f.id: f for f in result.findings}["acme:lpr_camera"]
    assert finding.status is FindingStatus.MET
    assert finding.plugin.label() == f"acme {metadata.version('acme-aipd')}"
    assert "Caméras PlateSight" in finding.rationale.fr
    assert "wp248:systematic_monitoring" in result.verdict.criteria_met


def test_criterion_absent_when_blocked_or_entry_points_off(acme: ModuleType) -> None:
    """Blocking acme, or loading no entry points, leaves every acme:* value out."""
    op = camera_operation()
    for result in (
        assess(op, settings=Settings(blocked_plugins={"acme"})),
        assess(op, registry=Registry(entry_points=False)),
        assess(op, registry=Registry(blocked=["acme"])),
    ):
        assert not [f.id for f in result.findings if f.id.startswith("acme:")]
        assert "acme" not in {p.name for p in result.plugins}
    blocked = assess(op, settings=Settings(blocked_plugins={"acme"}))
    assert [p.name for p in blocked.blocked_plugins] == ["acme"]


def test_camera_counts_as_criterion_3_without_adding_a_tenth(acme: ModuleType) -> None:
    """The camera meets WP248 criterion 3 when the built-in one is not met, and is never counted twice."""
    op = camera_operation()
    counted = assess(op, registry=alone(acme, FindingStatus.NOT_MET)).verdict.criteria_met
    assert counted == ("wp248:systematic_monitoring",)
    both = assess(op, registry=alone(acme, FindingStatus.MET)).verdict.criteria_met
    assert both == ("wp248:systematic_monitoring",)


def test_not_met_without_an_acme_device(acme: ModuleType) -> None:
    """Without an Acme Vision device the criterion is not met, and the rationale says what was read."""
    op = camera_operation(assets=())
    finding = {f.id: f for f in assess(op, registry=alone(acme)).findings}["acme:lpr_camera"]
    assert finding.status is FindingStatus.NOT_MET
    assert "provider" in finding.rationale.en


def test_ai_system_provider_counts_too(acme: ModuleType) -> None:
    """An AI system provided by Acme Vision is an Acme device too."""
    op = camera_operation(assets=(), ai_system=AISystem(name="PlateSight OCR", provider="Acme Vision"))
    finding = {f.id: f for f in assess(op, registry=alone(acme)).findings}["acme:lpr_camera"]
    assert finding.status is FindingStatus.MET
    assert "PlateSight OCR" in finding.rationale.en


def test_with_a_second_criterion_a_dpia_is_required(acme: ModuleType) -> None:
    """Camera plus large scale: two WP248 criteria, so the default assessment requires a DPIA."""
    op = camera_operation(
        scale=Scale(persons=60_000, relevant_population=60_000),
        monitoring=Monitoring(systematic=True, public_area=True, constant=True),
    )
    result = assess(op)
    assert result.verdict.requirement.value == "required"


def test_risk_and_measure_are_in_the_catalogue_with_sources(acme: ModuleType) -> None:
    """The plug-in contributes its risk and measure, bilingual, sourced, and the measure reduces the risk."""
    cat = alone(acme).catalogue()
    risk = next(r for r in cat.risks if r.id == "acme:plate_misreading")
    measure = cat.measure("acme:human_plate_check")
    assert measure is not None
    assert measure.reduces == ("acme:plate_misreading",)
    assert risk.measures == ("acme:human_plate_check",)
    assert cat.origin(risk.id).name == "acme"
    for value in (risk.title, risk.description, risk.source.citation, measure.title):
        assert value.fr
        assert value.en != value.fr
    assert risk.applies(camera_operation(), Settings()).status is FindingStatus.MET
    assert risk.applies(camera_operation(assets=()), Settings()).status is FindingStatus.NOT_MET
    criterion = next(c for c in cat.criteria if c.id == "acme:lpr_camera")
    assert criterion.source.reliability == "recalled"
    assert criterion.source.url
