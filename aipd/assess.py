"""``assess(operation) -> Assessment``: the one entry point of the analysis.

Builds the catalogue from the plug-ins (or takes the one given), screens the
operation, and freezes everything the outputs need, including provenance:
which plug-ins and which versions produced it, and a digest of the input.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from aipd._version import __version__

if TYPE_CHECKING:  # the analysis stages are imported when assess() first runs: ``import aipd`` stays fast
    from aipd.action_plan import ActionPlan
    from aipd.ai_act import AIActAssessment
    from aipd.algorithmic_decisions import AlgorithmicDecisions
    from aipd.consultation import Consultation
    from aipd.display import FindingsTable, RiskMap
    from aipd.i18n import Lang
    from aipd.model import ProcessingOperation
    from aipd.principles import Principles
    from aipd.registry import PluginInfo, Registry
    from aipd.risks import RiskAnalysis
    from aipd.screening import Finding, Notice, Screening, Verdict
    from aipd.settings import Settings
    from aipd.validation import ValidationReview

__all__ = ["Assessment", "assess"]


@attrs.frozen(kw_only=True)
class Assessment:
    """Everything aipd concluded about one operation, frozen and reproducible."""

    operation: ProcessingOperation
    settings: Settings
    screening: Screening
    plugins: tuple[PluginInfo, ...]
    aipd_version: str
    date: dt.date | None
    #: Installed plug-ins left out by name (``Settings.blocked_plugins``, ``--block``), so an
    #: output says what was not consulted.
    blocked_plugins: tuple[PluginInfo, ...] = ()
    #: The content of the AIPD (GDPR art. 35(7)(b)–(d)), computed after screening by
    #: :func:`assess`; ``None`` only for an assessment built by hand without them.
    #: Risks in the CNIL method's order (:mod:`aipd.risks`), iterable.
    risks: RiskAnalysis | None = None
    #: Necessity and proportionality, principle by principle (:mod:`aipd.principles`).
    principles: Principles | None = None
    #: Measures not yet in place and other actions (:mod:`aipd.action_plan`).
    action_plan: ActionPlan | None = None
    #: DPO's opinion, data subjects' views, controller's decision (:mod:`aipd.validation`).
    validation: ValidationReview | None = None
    #: Prior consultation of the CNIL and the art. 36(3) file (:mod:`aipd.consultation`).
    consultation: Consultation | None = None
    #: AI Act class, duties, dates and FRIA (:mod:`aipd.ai_act`); ``None`` without an AI system.
    ai_act: AIActAssessment | None = None
    #: Rules on algorithmic decisions: CRPA L. 311-3-1 and L. 312-1-3, GDPR art. 22, LIL art. 47
    #: (:mod:`aipd.algorithmic_decisions`).
    algorithmic_decisions: AlgorithmicDecisions | None = None
    # Filled by ``input_digest`` on first read: out of __init__ and of comparisons, so
    # ``attrs.evolve`` with another operation never carries a stale digest over.
    _digest: str | None = attrs.field(default=None, init=False, eq=False, repr=False)

    @property
    def input_digest(self) -> str:
        """SHA-256 of the operation's canonical JSON, printed in the traceability annex.

        Computed when first read (screening and triage do not need it) and kept: the
        operation is frozen, so the digest cannot go stale.
        """
        value = self._digest
        if value is None:
            from aipd.convert import digest

            value = digest(self.operation)
            object.__setattr__(self, "_digest", value)
        return value

    @property
    def verdict(self) -> Verdict:
        return self.screening.verdict

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.screening.findings

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return self.screening.blocking

    @property
    def decisions_forbidden(self) -> bool:
        """Solely automated decisions the GDPR (art. 22) and the loi Informatique et Libertés (art. 47)
        forbid here: a blocking issue that is not a rule's finding (:mod:`aipd.algorithmic_decisions`)."""
        return self.algorithmic_decisions is not None and self.algorithmic_decisions.forbidden is True

    @property
    def notices(self) -> tuple[Notice, ...]:
        return self.screening.notices

    @property
    def missing_facts(self) -> tuple[str, ...]:
        return self.screening.missing_facts

    def table(self, lang: Lang | None = None) -> FindingsTable:
        """The findings as a table that displays in a notebook."""
        from aipd.display import FindingsTable

        return FindingsTable(self.findings, lang or self.settings.lang)

    def risk_map(self, lang: Lang | None = None) -> RiskMap:
        """The risks on the CNIL's 4×4 map, with a table, that display in a notebook.

        Raises ``ValueError`` for an assessment built by hand without risks.
        """
        from aipd.display import RiskMap

        if self.risks is None:
            raise ValueError("this assessment has no risk analysis (it was not built by aipd.assess)")
        return RiskMap(self.risks, lang or self.settings.lang)

    # IPython display protocol; the presentation code lives in aipd.display.

    def _repr_html_(self) -> str:
        from aipd.display import assessment_html

        return assessment_html(self)

    def _repr_markdown_(self) -> str:
        from aipd.display import assessment_markdown

        return assessment_markdown(self)


def assess(
    operation: ProcessingOperation,
    *,
    settings: Settings | None = None,
    registry: Registry | None = None,
) -> Assessment:
    """Screen ``operation`` with the installed plug-ins and return the assessment.

    ``settings`` sets thresholds and language; ``registry`` chooses the plug-ins
    (by default the built-in ones and every installed ``aipd`` entry point,
    minus ``settings.blocked_plugins``). Raises :class:`aipd.PluginError` when a
    plug-in fails: an assessment is never produced with a rule silently missing.
    """
    from aipd.action_plan import action_plan
    from aipd.ai_act import classify
    from aipd.algorithmic_decisions import analyse_decisions
    from aipd.consultation import decide_consultation
    from aipd.principles import assess_principles
    from aipd.registry import default_registry
    from aipd.risks import analyse_risks
    from aipd.screening import screen
    from aipd.settings import Settings
    from aipd.validation import review_validation

    settings = settings or Settings()
    registry = registry or default_registry(settings.blocked_plugins)
    catalogue = registry.catalogue()
    screening = screen(operation, catalogue, settings)
    risks = analyse_risks(operation, catalogue, settings)
    principles = assess_principles(operation)
    consultation = decide_consultation(operation, risks, screening, settings)
    return Assessment(
        operation=operation,
        settings=settings,
        screening=screening,
        plugins=catalogue.plugins,
        aipd_version=__version__,
        date=operation.reference_date,
        blocked_plugins=catalogue.blocked,
        risks=risks,
        principles=principles,
        action_plan=action_plan(
            operation, catalogue, risks, principles, screening=screening, consultation=consultation
        ),
        validation=review_validation(operation),
        consultation=consultation,
        ai_act=(classify(operation, screening.findings) if operation.ai_system is not None else None),
        algorithmic_decisions=analyse_decisions(operation),
    )
