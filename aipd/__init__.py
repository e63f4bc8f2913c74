"""aipd: does this processing need an AIPD (DPIA), and the AIPD itself.

The public API, small and stable (changes are recorded in CHANGELOG.md)::

    import aipd
    op = aipd.load("examples/cameras-augmentees.yaml")
    result = aipd.assess(op)
    result.verdict.requirement        # Requirement.REQUIRED
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from aipd._version import __version__

# ``assess`` is both a function and the submodule defining it: importing the submodule eagerly
# binds the name to the function for good (a later ``import aipd.assess`` elsewhere would
# otherwise rebind it to the module). The submodule itself is light: it imports the analysis
# stages when ``assess()`` first runs.
from aipd.assess import Assessment, assess

# ``triage`` is, like ``assess``, both a function and its submodule: bound eagerly for the same
# reason. aipd.triage imports the stages it needs when a triage runs.
from aipd.triage import triage

if TYPE_CHECKING:  # the names below are imported on first use (PEP 562), so ``import aipd`` is fast
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
    from aipd.triage import TriageOutcome, TriageResult

#: Public name -> the module that defines it, imported when the name is first read.
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        (
            "Criterion",
            "Effect",
            "FindingStatus",
            "ListItem",
            "MeasureType",
            "Outcome",
            "ReferenceList",
            "RiskType",
            "Source",
        ),
        "aipd.catalogue",
    ),
    **dict.fromkeys(("AipdError", "InputError", "PluginError", "Problem", "TemplateError"), "aipd.errors"),
    "hookimpl": "aipd.hookspecs",
    "Text": "aipd.i18n",
    **dict.fromkeys(("dump", "load", "save"), "aipd.io"),
    **dict.fromkeys(("AISystem", "ProcessingOperation"), "aipd.model"),
    **dict.fromkeys(("PluginInfo", "Registry"), "aipd.registry"),
    "render_docx": "aipd.render",
    **dict.fromkeys(("Finding", "Notice", "Requirement", "Verdict"), "aipd.screening"),
    "Settings": "aipd.settings",
    **dict.fromkeys(("PiaImport", "export_pia", "import_pia"), "aipd.pia"),
    **dict.fromkeys(("TriageOutcome", "TriageResult"), "aipd.triage"),
}


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use and keep the value (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'aipd' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


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
