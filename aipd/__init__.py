"""aipd: does this processing need an AIPD (DPIA), and the AIPD itself.

The public API, small and stable (changes are recorded in CHANGELOG.md)::

    import aipd
    op = aipd.load("examples/cameras-augmentees.yaml")
    result = aipd.assess(op)
    result.verdict.requirement        # Requirement.REQUIRED
"""

from __future__ import annotations

from aipd._version import __version__
from aipd.assess import Assessment, assess
from aipd.catalogue import (
    Criterion,
    Effect,
    FindingStatus,
    ListItem,
    MeasureType,
    Outcome,
    ReferenceList,
    RiskType,
    Source,
)
from aipd.errors import AipdError, InputError, PluginError, Problem, TemplateError
from aipd.hookspecs import hookimpl
from aipd.i18n import Text
from aipd.io import dump, load, save
from aipd.model import AISystem, ProcessingOperation
from aipd.pia import PiaImport, export_pia, import_pia
from aipd.registry import PluginInfo, Registry
from aipd.render import render_docx
from aipd.screening import Finding, Notice, Requirement, Verdict
from aipd.settings import Settings
from aipd.triage import TriageOutcome, TriageResult, triage

__all__ = [
    "AISystem",
    "AipdError",
    "Assessment",
    "Criterion",
    "Effect",
    "Finding",
    "FindingStatus",
    "InputError",
    "ListItem",
    "MeasureType",
    "Notice",
    "Outcome",
    "PiaImport",
    "PluginError",
    "PluginInfo",
    "Problem",
    "ProcessingOperation",
    "ReferenceList",
    "Registry",
    "Requirement",
    "RiskType",
    "Settings",
    "Source",
    "TemplateError",
    "Text",
    "TriageOutcome",
    "TriageResult",
    "Verdict",
    "__version__",
    "assess",
    "dump",
    "export_pia",
    "hookimpl",
    "import_pia",
    "load",
    "render_docx",
    "save",
    "triage",
]
