"""Assessment and catalogue → plain data, in one language: the stable JSON of ``aipd``.

``aipd assess --format json`` prints :func:`assessment_to_data`, ``aipd plugins
--format json`` prints :func:`catalogue_to_data`; municipal software can read
either without importing aipd. The keys are documented in ``docs/cli.md`` and
listed in :data:`ASSESSMENT_KEYS`, :data:`FINDING_KEYS` and :data:`CATALOGUE_KEYS`,
which a test compares with the output. Adding a key keeps ``format_version``;
renaming or removing one raises it.

Every list is sorted by a stable id and every text is in the chosen language,
so the same input gives the same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from aipd._version import __version__
from aipd.algorithmic_decisions import FORBIDDEN_SOURCE
from aipd.catalogue import Criterion, ListItem, MeasureType, RiskType, Source
from aipd.convert import unstructure
from aipd.i18n import Lang, Text
from aipd.registry import Catalogue, PluginInfo
from aipd.render.context import fact_label
from aipd.screening import Finding

if TYPE_CHECKING:
    from aipd.assess import Assessment

__all__ = [
    "ASSESSMENT_FORMAT",
    "ASSESSMENT_KEYS",
    "CATALOGUE_FORMAT",
    "CATALOGUE_KEYS",
    "FINDING_KEYS",
    "FORMAT_VERSION",
    "assessment_to_data",
    "catalogue_to_data",
]

ASSESSMENT_FORMAT = "aipd-assessment"
CATALOGUE_FORMAT = "aipd-catalogue"
FORMAT_VERSION = 1

#: Top-level keys of :func:`assessment_to_data`, in the order they are documented.
ASSESSMENT_KEYS = (
    "format",
    "format_version",
    "lang",
    "aipd_version",
    "operation",
    "input_digest",
    "date",
    "blocking",
    "forbidden_decisions",
    "verdict",
    "findings",
    "notices",
    "missing_facts",
    "plugins",
    "blocked_plugins",
    "settings",
)

#: Keys of each finding.
FINDING_KEYS = (
    "id",
    "kind",
    "group",
    "number",
    "title",
    "effect",
    "effect_label",
    "status",
    "status_label",
    "rationale",
    "missing",
    "counts_as",
    "conditions",
    "source",
    "plugin",
)

#: Top-level keys of :func:`catalogue_to_data`.
CATALOGUE_KEYS = ("format", "format_version", "lang", "aipd_version", "plugins", "blocked_plugins")


def _text(value: Text | None, lang: Lang) -> str | None:
    return None if value is None else value.get(lang)


def source_to_data(source: Source | None, lang: Lang) -> dict[str, Any] | None:
    """A legal source: citation in ``lang``, link, and how reliably its wording was read."""
    if source is None:
        return None
    return {"citation": source.citation.get(lang), "url": source.url, "reliability": source.reliability}


def plugin_to_data(info: PluginInfo) -> dict[str, Any]:
    """Who contributed: name, version, distribution, built-in or not."""
    return {
        "name": info.name,
        "version": info.version,
        "distribution": info.distribution,
        "builtin": info.builtin,
    }


def finding_to_data(f: Finding, lang: Lang) -> dict[str, Any]:
    """One rule checked against the operation (keys: :data:`FINDING_KEYS`)."""
    return {
        "id": f.id,
        "kind": f.kind,
        "group": f.group,
        "number": f.number,
        "title": f.title.get(lang),
        "effect": f.effect.value,
        "effect_label": f.effect_text.get(lang),
        "status": f.status.value,
        "status_label": f.status.label(lang),
        "rationale": f.rationale.get(lang),
        "missing": list(f.missing),
        "counts_as": f.counts_as,
        "conditions": _text(f.conditions, lang),
        "source": source_to_data(f.source, lang),
        "plugin": {"name": f.plugin.name, "version": f.plugin.version},
    }


def _settings(assessment: Assessment) -> dict[str, Any]:
    # Every threshold, defaults included: a reader must see the lines that were drawn.
    s = assessment.settings
    return {a.name: unstructure(getattr(s, a.name)) for a in attrs.fields(type(s))}


def assessment_to_data(assessment: Assessment, lang: Lang = "fr") -> dict[str, Any]:
    """The assessment as plain JSON-ready data in ``lang`` (keys: :data:`ASSESSMENT_KEYS`)."""
    op = assessment.operation
    v = assessment.verdict
    needed_by: dict[str, list[str]] = {}
    for f in assessment.findings:
        if f.unknown:
            for path in f.missing:
                needed_by.setdefault(path, []).append(f.id)
    return {
        "format": ASSESSMENT_FORMAT,
        "format_version": FORMAT_VERSION,
        "lang": lang,
        "aipd_version": assessment.aipd_version,
        "operation": {
            "id": op.id,
            "name": op.name,
            "version": op.version,
            "controller": op.controller.name,
        },
        "input_digest": assessment.input_digest,
        "date": assessment.date.isoformat() if assessment.date else None,
        "blocking": [f.id for f in assessment.blocking],
        "forbidden_decisions": _forbidden_decisions(assessment, lang),
        "verdict": {
            "requirement": v.requirement.value,
            "requirement_label": v.requirement.label(lang),
            "reason": v.reason.value,
            "reason_label": v.reason.label(lang),
            "explanation": v.explanation.get(lang),
            "decisive": list(v.decisive),
            "criteria_met": list(v.criteria_met),
            "criteria_unknown": list(v.criteria_unknown),
        },
        "findings": [finding_to_data(f, lang) for f in assessment.findings],
        "notices": [
            {"code": n.code, "message": n.message.get(lang), "related": list(n.related)}
            for n in assessment.notices
        ],
        "missing_facts": [
            {"path": path, "label": fact_label(path, lang), "needed_by": sorted(needed_by.get(path, []))}
            for path in assessment.missing_facts
        ],
        "plugins": [plugin_to_data(p) for p in assessment.plugins],
        "blocked_plugins": [plugin_to_data(p) for p in assessment.blocked_plugins],
        "settings": _settings(assessment),
    }


def _forbidden_decisions(assessment: Assessment, lang: Lang) -> dict[str, Any] | None:
    """Whether solely automated decisions are forbidden here: a blocking issue that is not a rule's finding.

    ``forbidden`` is True (the processing cannot go ahead as it stands), False, or None (facts missing).
    """
    decisions = assessment.algorithmic_decisions
    if decisions is None:
        return None
    return {
        "forbidden": decisions.forbidden,
        "problems": [p.get(lang) for p in decisions.problems],
        "source": source_to_data(FORBIDDEN_SOURCE, lang),
    }


def _criterion(c: Criterion, lang: Lang) -> dict[str, Any]:
    return {
        "id": c.id,
        "title": c.title.get(lang),
        "effect": c.effect.value,
        "group": c.group,
        "counts_as": c.counts_as,
        "description": _text(c.description, lang),
        "source": source_to_data(c.source, lang),
    }


def _list_item(i: ListItem, lang: Lang) -> dict[str, Any]:
    return {
        "id": i.id,
        "list": i.reference_list.id,
        "number": i.number,
        "title": i.title.get(lang),
        "effect": i.effect.value,
        "conditions": i.conditions.get(lang),
        "source": source_to_data(i.source, lang),
    }


def _risk(r: RiskType, lang: Lang) -> dict[str, Any]:
    return {
        "id": r.id,
        "title": r.title.get(lang),
        "description": r.description.get(lang),
        "feared_event": r.feared_event,
        "measures": list(r.measures),
        "source": source_to_data(r.source, lang),
    }


def _measure(m: MeasureType, lang: Lang) -> dict[str, Any]:
    return {
        "id": m.id,
        "title": m.title.get(lang),
        "family": m.family.value,
        "reduces": list(m.reduces),
        "lowers": m.lowers,
        "source": source_to_data(m.source, lang),
    }


def catalogue_to_data(catalogue: Catalogue, lang: Lang = "fr") -> dict[str, Any]:
    """Each loaded plug-in with what it contributes, sorted by name then id (keys: :data:`CATALOGUE_KEYS`)."""

    def mine(values: tuple[Any, ...], name: str) -> list[Any]:
        return [v for v in values if catalogue.origin(v.id).name == name]

    plugins = []
    for p in catalogue.plugins:
        plugins.append(
            plugin_to_data(p)
            | {
                "criteria": [_criterion(c, lang) for c in mine(catalogue.criteria, p.name)],
                "list_items": [_list_item(i, lang) for i in mine(catalogue.list_items, p.name)],
                "risks": [_risk(r, lang) for r in mine(catalogue.risks, p.name)],
                "measures": [_measure(m, lang) for m in mine(catalogue.measures, p.name)],
            }
        )
    return {
        "format": CATALOGUE_FORMAT,
        "format_version": FORMAT_VERSION,
        "lang": lang,
        "aipd_version": __version__,
        "plugins": plugins,
        "blocked_plugins": [plugin_to_data(p) for p in catalogue.blocked],
    }
