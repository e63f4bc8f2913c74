"""The stable JSON of an assessment and of the catalogue: documented keys, sorted, one language, deterministic."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from aipd.assess import assess
from aipd.catalogue import Criterion, Effect, FindingStatus, MeasureType, Outcome, RiskType, Source
from aipd.hookspecs import hookimpl
from aipd.i18n import t
from aipd.model import Controller, ProcessingOperation
from aipd.registry import Registry
from aipd.report import (
    ASSESSMENT_KEYS,
    CATALOGUE_KEYS,
    FINDING_KEYS,
    assessment_to_data,
    catalogue_to_data,
)
from aipd.settings import Settings
from aipd.vocabulary import MeasureFamily, OrganisationKind

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def operation() -> ProcessingOperation:
    return ProcessingOperation(
        id="demo", name="Démo", controller=Controller(name="Ville de Test", kind=OrganisationKind.COMMUNE)
    )


def rule(cid: str, effect: Effect, status: FindingStatus) -> Criterion:
    def test(_op: ProcessingOperation, _s: Settings) -> Outcome:
        if status is FindingStatus.UNKNOWN:
            return Outcome.unknown(t("nombre inconnu", "number unknown"), missing=("scale.persons",))
        return Outcome(status=status, rationale=t(f"motif {cid}", f"reason {cid}"))

    return Criterion(
        id=cid,
        title=t(f"Titre {cid}", f"Title {cid}"),
        source=Source(
            citation=t(f"Texte, art. {cid}", f"Text, art. {cid}"),
            url="https://example.org",
            reliability="secondary",
        ),
        effect=effect,
        test=test,
    )


class Demo:
    __version__ = "2.0"

    @hookimpl
    def aipd_criteria(self) -> list[Criterion]:
        return [
            rule("demo:watch", Effect.COUNTS, FindingStatus.MET),
            rule("demo:scale", Effect.COUNTS, FindingStatus.UNKNOWN),
            rule("demo:ban", Effect.BLOCKS, FindingStatus.MET),
        ]

    @hookimpl
    def aipd_risks(self) -> list[RiskType]:
        return [
            RiskType(
                id="demo:risk",
                title=t("Risque", "Risk"),
                description=t("d", "d"),
                source=Source(citation=t("Source du risque", "Risk source")),
                applies=lambda _o, _s: Outcome.met(t("oui", "yes")),
                measures=("demo:measure",),
            )
        ]

    @hookimpl
    def aipd_measures(self) -> list[MeasureType]:
        return [
            MeasureType(
                id="demo:measure",
                title=t("Mesure", "Measure"),
                family=MeasureFamily.SECURITY,
                description=t("d", "d"),
                reduces=("demo:risk",),
            )
        ]


def registry() -> Registry:
    return Registry(builtins=False, entry_points=False, plugins=[("demo", Demo())])


def data(lang: str = "fr") -> dict[str, Any]:
    return assessment_to_data(assess(operation(), registry=registry()), lang)  # type: ignore[arg-type]  # tests pass both languages


def test_assessment_keys_are_the_documented_ones() -> None:
    """Top-level and finding keys are exactly those listed, in that order."""
    d = data()
    assert tuple(d) == ASSESSMENT_KEYS
    for f in d["findings"]:
        assert tuple(f) == FINDING_KEYS
    assert d["format"] == "aipd-assessment"
    assert d["format_version"] == 1


def test_assessment_values() -> None:
    """Verdict, blocking ids, findings with plug-in and source, missing facts with who needs them."""
    d = data()
    assert d["blocking"] == ["demo:ban"]
    assert [f["id"] for f in d["findings"]] == ["demo:ban", "demo:scale", "demo:watch"]
    watch = d["findings"][2]
    assert watch["status"] == "met"
    assert watch["plugin"] == {"name": "demo", "version": "2.0"}
    assert watch["source"] == {
        "citation": "Texte, art. demo:watch",
        "url": "https://example.org",
        "reliability": "secondary",
    }
    assert d["verdict"]["requirement"] == "incomplete"
    assert d["verdict"]["criteria_met"] == ["demo:watch"]
    assert d["missing_facts"] == [
        {
            "path": "scale.persons",
            "label": "Échelle › Nombre de personnes concernées",
            "needed_by": ["demo:scale"],
        }
    ]
    assert d["plugins"] == [{"name": "demo", "version": "2.0", "distribution": None, "builtin": False}]
    assert d["settings"]["large_scale_persons"] == Settings().large_scale_persons


def test_one_language_per_output() -> None:
    """French by default, English on request, for the library's labels and the plug-ins' texts alike."""
    fr, en = data("fr"), data("en")
    assert fr["findings"][2]["title"] == "Titre demo:watch"
    assert en["findings"][2]["title"] == "Title demo:watch"
    assert en["verdict"]["requirement_label"] != fr["verdict"]["requirement_label"]
    assert en["missing_facts"][0]["label"] == "Scale › Number of persons concerned"


def test_json_is_deterministic() -> None:
    """The same input gives the same JSON text."""
    assert json.dumps(data(), ensure_ascii=False) == json.dumps(data(), ensure_ascii=False)


def test_catalogue_lists_each_plugin_with_its_values_and_sources() -> None:
    """The catalogue data groups criteria, risks and measures under the plug-in that contributed them."""
    cat = catalogue_to_data(registry().catalogue(), "en")
    assert tuple(cat) == CATALOGUE_KEYS
    [demo] = cat["plugins"]
    assert demo["name"] == "demo"
    assert demo["version"] == "2.0"
    assert [c["id"] for c in demo["criteria"]] == ["demo:ban", "demo:scale", "demo:watch"]
    assert demo["risks"][0]["source"]["citation"] == "Risk source"
    assert demo["measures"][0]["reduces"] == ["demo:risk"]
    blocked = catalogue_to_data(
        Registry(builtins=False, entry_points=False, plugins=[("demo", Demo())], blocked=["demo"]).catalogue()
    )
    assert blocked["plugins"] == []
    assert blocked["blocked_plugins"] == [
        {"name": "demo", "version": "2.0", "distribution": None, "builtin": False}
    ]


def test_every_key_is_documented_in_docs_cli() -> None:
    """docs/cli.md documents every key of the JSON outputs (the format cannot drift from its documentation)."""
    documented = set(
        re.findall(r"^\| `([a-z_.\[\]]+)`", DOCS.read_text(encoding="utf-8"), flags=re.MULTILINE)
    )
    for key in ASSESSMENT_KEYS + CATALOGUE_KEYS:
        assert key in documented, key
    for key in FINDING_KEYS:
        assert f"findings[].{key}" in documented, key
