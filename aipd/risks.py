"""The CNIL risk model, pure: risks → proposed levels → retained levels → acceptability.

For each risk of the catalogue that concerns the operation (the CNIL method's
three feared events and the risks plug-ins add), this module gathers the
impacts, threats and risk sources, the measures that address it (declared on
the operation, or only in the catalogue), and proposes a **severity**
(gravité) and a **likelihood** (vraisemblance) on the CNIL's four-level scale,
each with its reasons in words. The DPO's own levels
(``operation.risk_judgements``) override the proposal; both are kept.

Readings this library adopts (docs/risks.md explains them):

- **initial** levels are those *with the measures already in place*
  (``status: implemented``), as the PIA tool's answers 3.x.5 and 3.x.6;
  **residual** levels are those once the action plan's *planned* measures are in
  place too. A measure only *considered* (« envisagée ») lowers nothing until it
  is planned: a consultation decision must not rest on a measure nobody has
  committed to;
- a risk is **high** when its severity or its likelihood reaches
  ``Settings.high_risk_level`` (Importante by default; ``Settings.high_risk_axes``
  can require both). A residual high risk is what leads to prior consultation
  in the authorities' reading of GDPR art. 36(1);
- the levels come from a small set of rules over the facts, listed in
  :data:`SEVERITY_RULES` and :func:`_likelihood`; they are a starting point a DPO
  checks, never a score: the CNIL method computes nothing and neither does the
  PIA tool.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

import attrs

from aipd._purity import Watch
from aipd.catalogue import FEARED_EVENTS, FindingStatus, RiskType, Source
from aipd.i18n import Text, t
from aipd.model import EEA_COUNTRIES, ProcessingOperation, RiskJudgement
from aipd.registry import Catalogue, PluginInfo
from aipd.screening import run_test
from aipd.settings import Settings
from aipd.vocabulary import (
    AssetKind,
    DataKind,
    DecisionEffect,
    Hosting,
    Level,
    MeasureFamily,
    MeasureStatus,
    Safeguard,
    SubjectKind,
    Vocabulary,
    Vulnerability,
)

__all__ = [
    "ACCESS",
    "DIGITAL_ASSETS",
    "DISAPPEARANCE",
    "MODIFICATION",
    "Acceptability",
    "AssessedRisk",
    "Estimate",
    "LevelEstimate",
    "NotApplicableRisk",
    "RiskAnalysis",
    "RiskMeasure",
    "analyse_risks",
    "could_be_high",
    "is_high",
]

ACCESS, MODIFICATION, DISAPPEARANCE = FEARED_EVENTS
#: The method's order (PIA items 3.2, 3.3, 3.4); other risks follow, sorted by id.
FEARED_ORDER = (ACCESS, MODIFICATION, DISAPPEARANCE)

Axis = Literal["severity", "likelihood"]

#: The feared events' titles, for when no loaded plug-in describes them.
FEARED_TITLES: dict[str, Text] = {
    ACCESS: t("Accès illégitime à des données", "Illegitimate access to data"),
    MODIFICATION: t("Modification non désirée de données", "Unwanted modification of data"),
    DISAPPEARANCE: t("Disparition de données", "Disappearance of data"),
}

PIA_SCALE = Source(
    citation=t(
        "CNIL, méthode PIA (2018) et base de connaissances de l'outil PIA : définitions et échelles de la "
        "gravité et de la vraisemblance",
        "CNIL, PIA method (2018) and PIA tool knowledge base: definitions and scales of severity and "
        "likelihood",
    ),
    url="https://www.cnil.fr/fr/outil-pia-telechargez-et-installez-le-logiciel-de-la-cnil",
    reliability="verified",
)

#: Where the acceptability rule comes from: the tool plots levels and draws no line; the
#: CNIL applies art. 36(1) to residual risks that stay high (legal-reference F, [R]).
ACCEPTABILITY_SOURCE = Source(
    citation=t(
        "RGPD, art. 36.1, tel que la CNIL et le CEPD l'appliquent (risque résiduel élevé) ; l'outil PIA "
        "ne fixe aucun seuil : seuil choisi par cette bibliothèque, paramétrable",
        "GDPR art. 36(1) as the CNIL and the EDPB apply it (residual high risk); the PIA tool sets no "
        "threshold: a threshold chosen by this library, configurable",
    ),
    reliability="recalled",
)


class Acceptability(Vocabulary):
    """What the retained levels say about a risk (this library's rule, docs/risks.md)."""

    ACCEPTABLE = (
        "acceptable",
        "Acceptable : le risque n'est élevé ni avant ni après le plan d'action",
        "Acceptable: the risk is high neither before nor after the action plan",
    )
    TO_REDUCE = (
        "to_reduce",
        "À réduire : acceptable une fois les mesures prévues mises en place",
        "To be reduced: acceptable once the planned measures are in place",
    )
    HIGH = (
        "high",
        "Élevé : le risque reste élevé après les mesures prévues",
        "High: the risk stays high after the planned measures",
    )


def is_high(severity: Level, likelihood: Level, settings: Settings) -> bool:
    """The acceptability line: severity or likelihood (or both, per settings) at the high level or above."""
    threshold = settings.high_risk_level.rank
    if settings.high_risk_axes == "both":
        return min(severity.rank, likelihood.rank) >= threshold
    return max(severity.rank, likelihood.rank) >= threshold


def zone(severity: int, likelihood: int, *, level: int = 3, axes: str = "either") -> str:
    """The colour zone of a cell of the risk map (ranks 1–4), on the same line as :func:`is_high`.

    ``level`` and ``axes`` are ``Settings.high_risk_level`` (its rank) and
    ``Settings.high_risk_axes``: a cell is ``"high"`` exactly when a risk placed there
    is high for acceptability and prior consultation, so maps and text agree;
    ``"medium"`` one level below that line, ``"low"`` elsewhere.
    """
    reached = min(severity, likelihood) if axes == "both" else max(severity, likelihood)
    if reached >= level:
        return "high"
    if reached >= level - 1:
        return "medium"
    return "low"


# --- values ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class LevelEstimate:
    """One proposed level and the facts behind it, in the order they were applied."""

    level: Level
    reasons: tuple[Text, ...]


@attrs.frozen(kw_only=True)
class Estimate:
    """A proposed position on the CNIL map: severity and likelihood."""

    severity: LevelEstimate
    likelihood: LevelEstimate


@attrs.frozen(kw_only=True)
class RiskMeasure:
    """A measure that addresses a risk, and what the operation declares about it.

    ``status`` is ``None`` when the catalogue names the measure but the
    operation does not declare it (a measure to consider); ``in_catalogue`` is
    False for a measure the operation declares under its own id, whose effect
    aipd cannot know and does not count.
    """

    id: str
    title: Text
    status: MeasureStatus | None
    lowers: Literal["likelihood", "severity", "both"] | None
    in_catalogue: bool = True
    #: The catalogue's family of the measure (``None`` for a measure no plug-in contributes).
    family: MeasureFamily | None = None
    #: Why a declared measure lowers no level here (its ``MeasureType.applies`` is not met: the
    #: facts give it nothing to act on, or contradict it); ``None`` when it counts.
    not_counted: Text | None = None

    @property
    def label(self) -> Text:
        """The title with its state, as a DPO reads it in the list of measures."""
        if self.status is None:
            state = t("non déclarée", "not declared")
        else:
            state = t(self.status.fr.lower(), self.status.en.lower())
        if self.not_counted is not None:
            state = state + t(", non comptée : ", ", not counted: ") + self.not_counted
        return Text(f"{self.title.fr} ({state.fr})", f"{self.title.en} ({state.en})")


@attrs.frozen(kw_only=True)
class AssessedRisk:
    """One risk analysed for one operation: the proposal, the DPO's judgement and the retained levels.

    ``severity``/``likelihood`` and ``residual_*`` are the **retained** levels
    (the DPO's where given, else the proposal); ``proposed_initial`` and
    ``proposed_residual`` keep aipd's proposal with its reasons, and
    ``judgement`` the DPO's override, so both can be shown.
    """

    id: str
    title: Text
    description: Text | None
    source: Source | None
    plugin: PluginInfo | None
    feared_event: bool
    in_catalogue: bool
    applies: bool | None
    rationale: Text | None
    missing: tuple[str, ...]
    impacts: tuple[Text, ...]
    threats: tuple[Text, ...]
    risk_sources: tuple[Text, ...]
    addressed_by: tuple[RiskMeasure, ...]
    proposed_initial: Estimate | None
    proposed_residual: Estimate | None
    judgement: RiskJudgement | None
    severity: Level | None
    likelihood: Level | None
    residual_severity: Level | None
    residual_likelihood: Level | None
    acceptability: Acceptability | None
    notes: tuple[Text, ...] = ()
    #: The retained levels below aipd's proposal (``severity``, ``residual_likelihood``…): the
    #: DPO's own, or a residual the DPO's lower initial level brought down. Each is named in
    #: ``notes``; without the DPO's ``justification`` the prior consultation does not rest on it.
    lowered: tuple[str, ...] = ()

    @property
    def lowered_unjustified(self) -> bool:
        """True when a retained level is below the proposal and the DPO gave no justification."""
        return bool(self.lowered) and not (self.judgement is not None and self.judgement.justification)

    @property
    def high(self) -> bool | None:
        """True when the residual risk is high (None when its levels are unknown)."""
        if self.acceptability is None:
            return None
        return self.acceptability is Acceptability.HIGH

    @property
    def measures(self) -> tuple[Text, ...]:
        """The measures that address the risk, with their state, for display."""
        return tuple(m.label for m in self.addressed_by)

    @property
    def overridden(self) -> tuple[str, ...]:
        """The levels the DPO set (``severity``, ``residual_likelihood``…)."""
        j = self.judgement
        if j is None:
            return ()
        names = ("severity", "likelihood", "residual_severity", "residual_likelihood")
        return tuple(n for n in names if getattr(j, n) is not None)

    @property
    def justification(self) -> Text | None:
        """Why the retained levels: the DPO's words when given, else the proposal's reasons."""
        if self.judgement is not None and self.judgement.justification:
            j = self.judgement.justification
            return Text(j, j)
        if self.proposed_initial is None or self.proposed_residual is None:
            return None
        return _explain(self.proposed_initial, self.proposed_residual)

    @property
    def proposal_reasons(self) -> Text | None:
        """aipd's proposed levels with their reasons, whatever the DPO retained (``None`` without a
        proposal): shown beside the DPO's words, so a reader sees what a judgement departs from."""
        if self.proposed_initial is None or self.proposed_residual is None:
            return None
        return _explain(self.proposed_initial, self.proposed_residual)

    @property
    def position(self) -> dict[str, Any]:
        """The risk on the 4×4 map as plain data: ranks 1–4, ``None`` when unknown."""

        def point(s: Level | None, lik: Level | None) -> dict[str, int] | None:
            if s is None or lik is None:
                return None
            return {"severity": s.rank, "likelihood": lik.rank}

        return {
            "risk": self.id,
            "initial": point(self.severity, self.likelihood),
            "residual": point(self.residual_severity, self.residual_likelihood),
        }


@attrs.frozen(kw_only=True)
class NotApplicableRisk:
    """A risk of the catalogue that does not concern the operation, and why."""

    id: str
    title: Text
    rationale: Text
    plugin: PluginInfo


@attrs.frozen(kw_only=True)
class RiskAnalysis:
    """Every risk of the operation, in the method's order; iterating gives the analysed risks.

    ``unknown_measures`` lists measure ids the operation declares that no
    plug-in contributes: they are shown but lower nothing.
    """

    risks: tuple[AssessedRisk, ...]
    not_applicable: tuple[NotApplicableRisk, ...]
    unknown_measures: tuple[str, ...]
    high_risk_level: Level
    high_risk_axes: Literal["either", "both"]
    source: Source = ACCEPTABILITY_SOURCE
    #: The measures the operation declares that a plug-in contributes, by id, with the
    #: catalogue's title and family, so outputs name them as the catalogue does.
    declared_measures: tuple[RiskMeasure, ...] = ()
    #: Measures declared « En place » with a due date after the document's date, or in an undated
    #: document: counted as planned (they lower the residual levels, not the initial ones; see
    #: :meth:`ProcessingOperation.counted_status`).
    counted_as_planned: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[AssessedRisk]:
        return iter(self.risks)

    def __len__(self) -> int:
        return len(self.risks)

    def get(self, risk_id: str) -> AssessedRisk | None:
        """The analysed risk with this id, if any."""
        for r in self.risks:
            if r.id == risk_id:
                return r
        return None

    @property
    def high(self) -> tuple[AssessedRisk, ...]:
        """The risks that stay high after the planned measures."""
        return tuple(r for r in self.risks if r.high)

    @property
    def high_initial(self) -> tuple[AssessedRisk, ...]:
        """The risks high with the measures in place only (before the action plan)."""
        return tuple(
            r
            for r in self.risks
            if r.severity is not None
            and r.likelihood is not None
            and _is_high_levels(r.severity, r.likelihood, self.high_risk_level, self.high_risk_axes)
        )

    def risk_map(self) -> dict[str, Any]:
        """The 4×4 grid as plain data for a renderer.

        ``points`` gives each risk's initial and residual position;
        ``initial``/``residual`` give, per cell ``"severity,likelihood"``, the
        ids placed there, in the analysis order.
        """
        points = [r.position for r in self.risks]
        cells: dict[str, dict[str, list[str]]] = {"initial": {}, "residual": {}}
        for p in points:
            for stage in ("initial", "residual"):
                at = p[stage]
                if at is not None:
                    cells[stage].setdefault(f"{at['severity']},{at['likelihood']}", []).append(p["risk"])
        return {"points": points, "initial": cells["initial"], "residual": cells["residual"]}


def _is_high_levels(s: Level, lik: Level, level: Level, axes: str) -> bool:
    if axes == "both":
        return min(s.rank, lik.rank) >= level.rank
    return max(s.rank, lik.rank) >= level.rank


def _explain(initial: Estimate, residual: Estimate) -> Text:
    def part(label: Text, e: LevelEstimate) -> Text:
        reasons_fr = " ; ".join(r.fr for r in e.reasons)
        reasons_en = "; ".join(r.en for r in e.reasons)
        return Text(
            f"{label.fr} proposée « {e.level.fr} » : {reasons_fr}.",
            f"{label.en} proposed '{e.level.en}': {reasons_en}.",
        )

    pieces = [
        part(t("Gravité initiale", "Initial severity"), initial.severity),
        part(t("Vraisemblance initiale", "Initial likelihood"), initial.likelihood),
    ]
    if residual.severity.level is not initial.severity.level:
        pieces.append(part(t("Gravité résiduelle", "Residual severity"), residual.severity))
    if residual.likelihood.level is not initial.likelihood.level:
        pieces.append(part(t("Vraisemblance résiduelle", "Residual likelihood"), residual.likelihood))
    if len(pieces) == 2:
        pieces.append(
            t(
                "Les mesures prévues ne changent pas ces niveaux.",
                "The planned measures do not change these levels.",
            )
        )
    return Text(" ".join(p.fr for p in pieces), " ".join(p.en for p in pieces))


# --- facts the rules read ------------------------------------------------------------------------

#: Vulnerabilities that make the consequences of an incident harder to overcome
#: (GDPR recital 75; WP248 III.B.a criterion 7). Subordination (staff) and a power
#: imbalance weigh on the persons' freedom to object, not on the harm an incident
#: does them, so they do not raise severity here.
_HARM_VULNERABILITIES = frozenset(
    {
        Vulnerability.CHILD,
        Vulnerability.PATIENT,
        Vulnerability.ELDERLY,
        Vulnerability.PRECARITY,
        Vulnerability.ASYLUM_SEEKER,
        Vulnerability.PROTECTED_ADULT,
        Vulnerability.DISABILITY,
        Vulnerability.MENTAL_ILLNESS,
    }
)
_VULNERABLE_KINDS = frozenset(
    {
        SubjectKind.CHILDREN,
        SubjectKind.PATIENTS,
        SubjectKind.ELDERLY,
        SubjectKind.ASYLUM_SEEKERS,
        SubjectKind.PROTECTED_ADULTS,
        SubjectKind.BENEFICIARIES,
    }
)
_SUBORDINATION = frozenset({Vulnerability.EMPLOYEE, Vulnerability.POWER_IMBALANCE})
#: The supports that are hosted somewhere and may be reachable from the internet (not paper,
#: people or premises): their hosting and exposure are facts the likelihood reads.
DIGITAL_ASSETS = frozenset({AssetKind.SOFTWARE, AssetKind.NETWORK, AssetKind.HARDWARE})


@attrs.frozen(kw_only=True)
class _Facts:
    """What the rules read, computed once per operation."""

    highly_personal: tuple[DataKind, ...]
    special: tuple[DataKind, ...]
    offences: bool
    irreplaceable: tuple[DataKind, ...]
    health: bool
    monitoring: bool | None
    #: The processing evaluates or scores persons (evaluation.scoring); None when not known.
    scoring: bool | None
    rights_effect: bool | None
    #: Paths of the unknown facts that could ground decisions on persons (when rights_effect is None).
    rights_unknown: tuple[str, ...]
    vulnerable: tuple[SubjectKind, ...]
    vulnerable_unknown: tuple[str, ...]
    large_scale: bool | None
    non_eu: tuple[str, ...]
    #: Paths of unknown facts that could make the data leave the EU (a processor's country, a hosting).
    non_eu_unknown: tuple[str, ...]
    internet_facing: tuple[str, ...]
    internet_unknown: bool
    paper: tuple[str, ...]
    no_contract: tuple[str, ...]
    #: Paths of processors' art. 28 contracts not known to be signed.
    contract_unknown: tuple[str, ...]
    no_assets: bool
    #: No data category declared: what the data are is unknown (the feared events ask for ``data``).
    no_data: bool = False


def _facts(op: ProcessingOperation, settings: Settings) -> _Facts:
    kinds = op.data_kinds
    vulnerable: list[SubjectKind] = []
    # No category declared is not "nobody vulnerable": the screening asks for them too.
    unknown: list[str] = [] if op.data_subjects else ["data_subjects"]
    for i, s in enumerate(op.data_subjects):
        reasons = set(s.vulnerabilities)
        harm = reasons & _HARM_VULNERABILITIES or s.kind in _VULNERABLE_KINDS
        # Flagged vulnerable without a reason: the DPO's word counts; with subordination only, it does not.
        flagged = s.vulnerable is True and not (reasons and reasons <= _SUBORDINATION)
        if harm or flagged:
            if s.kind not in vulnerable:
                vulnerable.append(s.kind)
        elif s.is_vulnerable is None:
            unknown.append(f"data_subjects[{i}].vulnerable")
    d = op.decisions
    effect = (
        None if d.effect is None else d.effect in (DecisionEffect.LEGAL, DecisionEffect.SIMILARLY_SIGNIFICANT)
    )
    # Each fact alone grounds decisions on persons: « no » only once all three are known harmless.
    grounds = {
        "decisions.access_to_rights": d.access_to_rights,
        "decisions.effect": effect,
        "evaluation.scoring": op.evaluation.scoring,
    }
    rights: bool | None = True
    rights_unknown: tuple[str, ...] = ()
    if not any(grounds.values()):
        rights_unknown = tuple(path for path, known in grounds.items() if known is None)
        rights = None if rights_unknown else False
    persons = op.persons
    non_eu = [a.name for a in op.assets if a.hosting is Hosting.PROVIDER_NON_EU]
    non_eu += [p.name for p in op.processors if p.country is not None and p.country not in EEA_COUNTRIES]
    non_eu += [
        tr.recipient for tr in op.transfers if tr.safeguard in (None, Safeguard.NONE, Safeguard.DEROGATION)
    ]
    # Unknown, a country or a hosting may be outside the EU: asked for, and tried by could_be_high.
    non_eu_unknown = [
        f"assets[{i}].hosting"
        for i, a in enumerate(op.assets)
        if a.hosting is None and a.kind in DIGITAL_ASSETS
    ]
    non_eu_unknown += [f"processors[{i}].country" for i, p in enumerate(op.processors) if p.country is None]
    return _Facts(
        highly_personal=tuple(k for k in sorted(kinds) if k.is_highly_personal),
        special=op.special_categories,
        offences=DataKind.OFFENCES in kinds,
        irreplaceable=tuple(k for k in (DataKind.BIOMETRIC, DataKind.GENETIC) if k in kinds),
        health=DataKind.HEALTH in kinds,
        monitoring=op.monitoring.systematic,
        scoring=op.evaluation.scoring,
        rights_effect=rights,
        rights_unknown=rights_unknown,
        vulnerable=tuple(vulnerable),
        vulnerable_unknown=tuple(unknown),
        large_scale=None if persons is None else persons >= settings.large_scale_persons,
        non_eu=tuple(sorted(set(non_eu))),
        non_eu_unknown=tuple(non_eu_unknown),
        internet_facing=tuple(a.name for a in op.assets if a.internet_facing),
        internet_unknown=any(a.internet_facing is None and a.kind in DIGITAL_ASSETS for a in op.assets),
        paper=tuple(a.name for a in op.assets if a.kind is AssetKind.PAPER),
        no_contract=tuple(p.name for p in op.processors if p.contract_art28 is False),
        contract_unknown=tuple(
            f"processors[{i}].contract_art28" for i, p in enumerate(op.processors) if p.contract_art28 is None
        ),
        no_assets=not op.assets,
        no_data=not op.data,
    )


def _labels(kinds: Iterable[DataKind]) -> Text:
    ks = list(kinds)
    return Text(", ".join(k.fr for k in ks), ", ".join(k.en for k in ks))


# --- severity --------------------------------------------------------------------------------------

Events = frozenset[str]
_A = frozenset({ACCESS})
_M = frozenset({MODIFICATION})
_D = frozenset({DISAPPEARANCE})


@attrs.frozen
class _SeverityRule:
    """A fact that sets a floor to the severity of some feared events."""

    events: Events
    floor: int
    applies: Callable[[_Facts], bool]
    reason: Callable[[_Facts], Text]


#: The severity rules, each a floor the facts justify; the proposal is the highest
#: floor, then persons' vulnerability, then the measures that limit the harm. The
#: examples in the reasons are those of the CNIL's scale (PIA knowledge base).
SEVERITY_RULES: tuple[_SeverityRule, ...] = (
    _SeverityRule(
        _A,
        2,
        lambda f: True,
        lambda f: t(
            "des données identifiantes divulguées exposent à des désagréments réels mais surmontables "
            "(sollicitations, hameçonnage)",
            "identifying data disclosed expose persons to real but surmountable inconvenience "
            "(unsolicited contact, phishing)",
        ),
    ),
    _SeverityRule(
        _M,
        2,
        lambda f: True,
        lambda f: t(
            "une donnée fausse peut entraîner une facture erronée ou un service refusé, surmontables avec "
            "quelques difficultés",
            "wrong data may cause a wrong bill or a refused service, overcome with some difficulty",
        ),
    ),
    _SeverityRule(
        _D,
        1,
        lambda f: True,
        lambda f: t(
            "des données perdues obligent surtout à refaire des démarches",
            "lost data mainly mean steps to redo",
        ),
    ),
    _SeverityRule(
        _A,
        3,
        lambda f: bool(f.highly_personal),
        lambda f: t(
            f"données à caractère hautement personnel ({_labels(f.highly_personal).fr}) : leur divulgation "
            "peut causer un préjudice financier, une stigmatisation ou une discrimination (WP248, critère 4)",
            f"highly personal data ({_labels(f.highly_personal).en}): their disclosure can cause financial "
            "harm, stigma or discrimination (WP248, criterion 4)",
        ),
    ),
    _SeverityRule(
        _A,
        3,
        lambda f: bool(f.special) or f.offences,
        lambda f: t(
            "catégories particulières de données ou données d'infraction (art. 9 et 10 du RGPD) : "
            "conséquences significatives et difficiles à surmonter si elles sont divulguées",
            "special categories or offence data (GDPR arts. 9 and 10): significant consequences, hard to "
            "overcome, if disclosed",
        ),
    ),
    _SeverityRule(
        _A,
        4,
        lambda f: bool(f.irreplaceable),
        lambda f: t(
            f"données {_labels(f.irreplaceable).fr.lower()} : elles ne peuvent pas être changées, une "
            "divulgation est irrémédiable",
            f"{_labels(f.irreplaceable).en.lower()} data cannot be changed: a disclosure is irreversible",
        ),
    ),
    _SeverityRule(
        _A,
        3,
        lambda f: bool(f.scoring),
        lambda f: t(
            "évaluation ou notation de personnes (WP248, critère 1) : un classement ou une note divulgués "
            "peuvent stigmatiser les personnes ou nuire à leur réputation ou à leur emploi, conséquences "
            "significatives et difficiles à surmonter (échelle de gravité de la CNIL : perte d'emploi)",
            "evaluation or scoring of persons (WP248, criterion 1): a ranking or score disclosed can stigmatise "
            "persons or harm their reputation or employment, significant consequences hard to overcome (the "
            "CNIL's severity scale: loss of employment)",
        ),
    ),
    _SeverityRule(
        _A,
        3,
        lambda f: bool(f.monitoring),
        lambda f: t(
            "surveillance systématique : les données retracent, dans la durée, les faits et gestes des personnes "
            "surveillées",
            "systematic monitoring: the data trace, over time, what the monitored persons do",
        ),
    ),
    _SeverityRule(
        _M,
        3,
        lambda f: bool(f.rights_effect),
        lambda f: t(
            "les données fondent des décisions sur les personnes (droit, prestation, notation) : une donnée "
            "altérée peut faire perdre un droit ou une aide",
            "the data ground decisions about persons (a right, a benefit, a score): altered data can cost "
            "a right or an aid",
        ),
    ),
    _SeverityRule(
        _D,
        2,
        lambda f: bool(f.rights_effect),
        lambda f: t(
            "les données fondent l'accès à un droit ou à une prestation : leur perte le retarde",
            "the data ground access to a right or benefit: losing them delays it",
        ),
    ),
    _SeverityRule(
        _M,
        3,
        lambda f: f.offences,
        lambda f: t(
            "données d'infraction (art. 10 du RGPD) : une donnée altérée peut imputer une infraction à tort "
            "et exposer à une poursuite ou à une sanction (l'échelle de la CNIL range la sanction pénale "
            "parmi les conséquences maximales)",
            "offence data (GDPR art. 10): altered data can wrongly attribute an offence and expose to "
            "prosecution or a sanction (the CNIL's scale lists a criminal sanction among maximal "
            "consequences)",
        ),
    ),
    _SeverityRule(
        _M | _D,
        3,
        lambda f: f.health,
        lambda f: t(
            "données de santé servant à une prise en charge : une donnée fausse ou perdue peut nuire à la "
            "santé ou à la sécurité de la personne",
            "health data used for care: wrong or lost data can harm the person's health or safety",
        ),
    ),
)


def _severity_base(risk_id: str, feared: bool, f: _Facts) -> tuple[int, tuple[Text, ...]]:
    """The severity the facts support before any measure, with its reasons (shared by both estimates)."""
    events = frozenset({risk_id}) if feared else frozenset(FEARED_ORDER)
    reasons: list[Text] = []
    level = 1
    harm_rule = False
    for rule in SEVERITY_RULES:
        if rule.events & events and rule.applies(f):
            if rule.floor > level:
                level = rule.floor
            if rule.floor >= 3 and rule.events & _M & events:
                harm_rule = True
            reasons.append(rule.reason(f))
    if not feared:
        reasons.insert(
            0,
            t(
                "risque ajouté par une extension : la gravité proposée est la plus haute que les faits "
                "justifient pour l'un des trois événements redoutés",
                "risk added by a plug-in: the proposed severity is the highest the facts support for any "
                "of the three feared events",
            ),
        )
    if f.vulnerable:
        # Vulnerable persons overcome consequences less easily (recital 75); the raise
        # reaches Maximale only where wrong data acted upon can harm health or cost a
        # vital aid (the CNIL's examples of maximal severity), never for a disclosure or a
        # loss, which the persons can still have remedied.
        cap = 4 if harm_rule else 3
        # The cap bounds the raise, never the floor another fact set (biometric data stay Maximale).
        raised = max(level, min(cap, level + 1))
        who = ", ".join(k.fr.lower() for k in f.vulnerable)
        who_en = ", ".join(k.en.lower() for k in f.vulnerable)
        if raised > level:
            reasons.append(
                t(
                    f"personnes vulnérables ({who}) : elles surmontent plus difficilement les conséquences "
                    "(considérant 75 ; WP248, critère 7), un niveau de plus",
                    f"vulnerable persons ({who_en}): they overcome the consequences less easily (recital 75; "
                    "WP248, criterion 7), one level up",
                )
            )
        level = raised
    return level, tuple(reasons)


def _severity(base: tuple[int, tuple[Text, ...]], lowering: list[RiskMeasure]) -> LevelEstimate:
    level, reasons = base[0], list(base[1])
    if lowering:
        names = ", ".join(m.title.fr for m in lowering)
        names_en = ", ".join(m.title.en for m in lowering)
        lowered = max(1, level - 1)
        if lowered < level:
            reasons.append(
                t(
                    f"mesures qui limitent les conséquences ({names}) : un niveau de moins (elles ne changent "
                    "pas la nature des données, d'où un niveau au plus)",
                    f"measures that limit the consequences ({names_en}): one level down (they do not change "
                    "the nature of the data, hence one level at most)",
                )
            )
        level = lowered
    return LevelEstimate(level=Level.from_rank(level), reasons=tuple(reasons))


# --- likelihood ------------------------------------------------------------------------------------


def _likelihood_base(risk_id: str, feared: bool, f: _Facts) -> tuple[int, tuple[Text, ...]]:
    """Start at « Importante » (possible for the risk sources) and add exposures.

    Exposures are the supports' weak points the facts show (non-EU hosting, the
    internet, paper, a large file, a processor without contract). Measures come
    after, in :func:`_likelihood`.
    """
    level = 3
    reasons: list[Text] = [
        t(
            "sans mesure particulière, il semble possible aux sources de risques de réaliser la menace "
            "sur des supports ordinaires",
            "without specific measures, it seems possible for the risk sources to carry out the threat on "
            "ordinary supports",
        )
    ]
    access = feared is False or risk_id == ACCESS
    exposures: list[Text] = []
    if access and f.non_eu:
        names = ", ".join(f.non_eu)
        exposures.append(
            t(
                f"données confiées hors de l'Union ou à un prestataire soumis à un droit non européen "
                f"({names}) : source externe supplémentaire",
                f"data entrusted outside the EU or to a provider under non-EU law ({names}): an additional "
                "external source",
            )
        )
    if access and f.large_scale:
        exposures.append(
            t(
                "fichier de grande taille : une cible plus attractive",
                "a large file: a more attractive target",
            )
        )
    if (access or risk_id == MODIFICATION) and f.internet_facing:
        names = ", ".join(f.internet_facing)
        exposures.append(
            t(
                f"supports joignables depuis internet ({names})",
                f"supports reachable from the internet ({names})",
            )
        )
    if (access or risk_id == DISAPPEARANCE) and f.paper:
        names = ", ".join(f.paper)
        exposures.append(
            t(
                f"supports papier ({names}) : lus, copiés ou perdus sans laisser de trace",
                f"paper supports ({names}): read, copied or lost without a trace",
            )
        )
    if access and f.no_contract:
        names = ", ".join(f.no_contract)
        exposures.append(
            t(
                f"sous-traitant sans contrat conforme à l'article 28 ({names})",
                f"processor without an article 28 contract ({names})",
            )
        )
    for e in exposures:
        if level < 4:
            level += 1
            reasons.append(t(f"{e.fr}, un niveau de plus", f"{e.en}, one level up"))
        else:
            reasons.append(e)
    return level, tuple(reasons)


def _likelihood(base: tuple[int, tuple[Text, ...]], lowering: list[RiskMeasure]) -> LevelEstimate:
    """Subtract the measures that make the event harder, by tiers.

    One measure lowers one level, two or three lower two, four or more lower
    three (never below « Négligeable »).
    """
    level, reasons = base[0], list(base[1])
    n = len(lowering)
    step = 3 if n >= 4 else 2 if n >= 2 else 1 if n >= 1 else 0
    if step:
        names = ", ".join(m.title.fr for m in lowering)
        names_en = ", ".join(m.title.en for m in lowering)
        lowered = max(1, level - step)
        down = level - lowered
        reasons.append(
            t(
                # Inline rather than count(): this runs for every estimate of every risk.
                f"{n} {'mesure qui rend' if n == 1 else 'mesures qui rendent'} la menace plus difficile à "
                f"réaliser ({names}) : {down} {'niveau' if down == 1 else 'niveaux'} de moins",
                f"{n} {'measure that makes' if n == 1 else 'measures that make'} the threat harder to carry out "
                f"({names_en}): {down} {'level' if down == 1 else 'levels'} down",
            )
        )
        level = lowered
    else:
        reasons.append(
            t(
                "aucune mesure déclarée ne rend la menace plus difficile à réaliser",
                "no declared measure makes the threat harder to carry out",
            )
        )
    return LevelEstimate(level=Level.from_rank(level), reasons=tuple(reasons))


# --- measures -------------------------------------------------------------------------------------

_STATUS_ORDER = {MeasureStatus.IMPLEMENTED: 0, MeasureStatus.PLANNED: 1, MeasureStatus.CONSIDERED: 2}


def _declared(op: ProcessingOperation) -> dict[str, MeasureStatus]:
    """Declared measure ids and their most advanced counted status (a measure declared twice counts
    once; see :meth:`ProcessingOperation.counted_status`)."""
    out: dict[str, MeasureStatus] = {}
    for m in op.measures:
        status = op.counted_status(m)
        prev = out.get(m.id)
        if prev is None or _STATUS_ORDER[status] < _STATUS_ORDER[prev]:
            out[m.id] = status
    return out


def _proposed_measures(catalogue: Catalogue) -> dict[str, tuple[RiskMeasure, ...]]:
    """For each risk id, the catalogue's measures addressing it, undeclared, in id order."""
    by_id = catalogue.measures_by_id
    out: dict[str, tuple[RiskMeasure, ...]] = {}
    for risk in catalogue.risks:
        ids = sorted({*risk.measures, *catalogue.reducers.get(risk.id, ())} & by_id.keys())
        out[risk.id] = tuple(
            RiskMeasure(id=mid, title=by_id[mid].title, status=None, lowers=by_id[mid].lowers) for mid in ids
        )
    return out


def _stated(
    catalogue: Catalogue, declared: dict[str, MeasureStatus], idle: dict[str, Text]
) -> dict[str, RiskMeasure]:
    """The declared catalogue measures as the risks list them, each built once per analysis (a
    measure addresses several risks: CCAS's access control and logging, four)."""
    by_id = catalogue.measures_by_id
    return {
        mid: RiskMeasure(
            id=mid, title=by_id[mid].title, status=status, lowers=by_id[mid].lowers, not_counted=idle.get(mid)
        )
        for mid, status in declared.items()
        if mid in by_id
    }


def _addressing(
    risk: RiskType, catalogue: Catalogue, stated: dict[str, RiskMeasure]
) -> tuple[RiskMeasure, ...]:
    proposed = catalogue.derived("risks.proposed_measures", _proposed_measures)[risk.id]
    if not stated:
        return proposed
    # Declared first (implemented, planned, considered), then the catalogue's other ideas, by id.
    ordered = sorted(
        (stated[m.id] for m in proposed if m.id in stated),
        key=lambda m: (_STATUS_ORDER[m.status], m.id),  # type: ignore[index]  # declared: never None
    )
    return (*ordered, *(m for m in proposed if m.id not in stated))


def _lowering(
    measures: Iterable[RiskMeasure], axis: Axis, statuses: frozenset[MeasureStatus]
) -> list[RiskMeasure]:
    return [
        m
        for m in measures
        if m.status in statuses
        and m.not_counted is None
        and m.lowers is not None
        and m.lowers in (axis, "both")
    ]


def _idle_measures(
    op: ProcessingOperation,
    catalogue: Catalogue,
    declared: dict[str, MeasureStatus],
    settings: Settings,
    watch: Watch,
) -> dict[str, Text]:
    """The declared catalogue measures whose ``applies`` is not met, with the reason: they lower no
    level (a measure ticked for a support, a contract or a system the processing does not have)."""
    idle: dict[str, Text] = {}
    for mid in declared:
        m = catalogue.measures_by_id.get(mid)
        if m is None or m.applies is None:
            continue
        outcome = run_test(
            mid, m.applies, operation=op, settings=settings, plugin=catalogue.origin(mid), watch=watch
        )
        if outcome.status is FindingStatus.NOT_MET:
            idle[mid] = outcome.rationale
    return idle


_INITIAL = frozenset({MeasureStatus.IMPLEMENTED})
_RESIDUAL = frozenset({MeasureStatus.IMPLEMENTED, MeasureStatus.PLANNED})


_Base = tuple[int, tuple[Text, ...]]


class _Estimates:
    """The proposed estimates of one set of facts, each level worked out once for all the risks.

    Risks share them: every risk a plug-in adds is judged against all three feared events (one
    base for all of them, whatever the id), and risks whose counted measures lowering an axis are
    the same get the same level on it (the AI risks often have none, or the same two). A lowering
    measure is keyed by its id: within one analysis (one catalogue) an id has one title, the only
    thing the reasons quote of it. Lives for one analysis, never across operations.
    """

    __slots__ = ("_bases", "_facts", "_levels")

    def __init__(self, facts: _Facts) -> None:
        self._facts = facts
        self._bases: dict[str | None, tuple[_Base, _Base]] = {}
        self._levels: dict[tuple[object, ...], LevelEstimate] = {}

    def __call__(
        self, risk_id: str, feared: bool, measures: tuple[RiskMeasure, ...]
    ) -> tuple[Estimate, Estimate]:
        """The proposed initial (implemented measures) and residual (implemented and planned) estimates."""
        key = risk_id if feared else None
        base = self._bases.get(key)
        if base is None:
            f = self._facts
            base = self._bases[key] = (
                _severity_base(risk_id, feared, f),
                _likelihood_base(risk_id, feared, f),
            )
        initial = self._estimate(key, base, measures, _INITIAL)
        # Only planned measures tell the residual estimate from the initial one.
        if not any(m.status is MeasureStatus.PLANNED for m in measures):
            return initial, initial
        return initial, self._estimate(key, base, measures, _RESIDUAL)

    def _estimate(
        self,
        key: str | None,
        base: tuple[_Base, _Base],
        measures: tuple[RiskMeasure, ...],
        statuses: frozenset[MeasureStatus],
    ) -> Estimate:
        levels = self._levels
        lowering = _lowering(measures, "severity", statuses)
        at = (key, "severity", *[m.id for m in lowering])
        severity = levels.get(at)
        if severity is None:
            severity = levels[at] = _severity(base[0], lowering)
        lowering = _lowering(measures, "likelihood", statuses)
        at = (key, "likelihood", *[m.id for m in lowering])
        likelihood = levels.get(at)
        if likelihood is None:
            likelihood = levels[at] = _likelihood(base[1], lowering)
        return Estimate(severity=severity, likelihood=likelihood)


def _missing(risk_id: str, feared: bool, f: _Facts) -> list[str]:
    access = not feared or risk_id == ACCESS
    # No data category declared: what they are decides the severity (asked by every risk, and tried
    # as biometric, health or offence data by could_be_high).
    out = ["data"] if f.no_data else []
    out += f.vulnerable_unknown
    if f.no_assets:
        out.append("assets")
    elif f.internet_unknown and (access or risk_id == MODIFICATION):
        out.append("assets[].internet_facing")
    if access:
        out += f.non_eu_unknown
        out += f.contract_unknown
        if f.large_scale is None:
            out.append("scale.persons")
    if not feared or risk_id != ACCESS:
        out += f.rights_unknown
    if f.monitoring is None and (not feared or risk_id == ACCESS):
        out.append("monitoring.systematic")
    if f.scoring is None and access and "evaluation.scoring" not in out:
        out.append("evaluation.scoring")
    return out


# --- the analysis -------------------------------------------------------------------------------


def _texts(values: Iterable[str]) -> tuple[Text, ...]:
    # The DPO writes in one language; the same words are shown in both.
    return tuple(Text(v, v) for v in values)


def _order(risk_id: str) -> tuple[int, str]:
    return (FEARED_ORDER.index(risk_id), "") if risk_id in FEARED_ORDER else (len(FEARED_ORDER), risk_id)


def _lowered(retained: Level, proposed: Level, proposed_residual: Level) -> Level:
    reduction = proposed.rank - proposed_residual.rank
    return Level.from_rank(min(retained.rank, max(proposed_residual.rank, retained.rank - reduction)))


def could_be_high(
    op: ProcessingOperation, risks: Iterable[AssessedRisk], settings: Settings
) -> tuple[AssessedRisk, ...]:
    """The risks among ``risks`` that would stay high after the planned measures if the facts they
    miss (``missing``) turned out unfavourable: systematic monitoring, an effect on rights, large
    scale, vulnerable persons, an asset reachable from the Internet, data hosted or processed
    outside the EU, a processor without an art. 28 contract, supports not declared (they may be
    paper, or software outside the EU), data categories not declared (they may be biometric,
    health or offence data). A "no" built on unknown facts is not a "no" (the consultation then
    waits on them)."""
    candidates = [r for r in risks if r.missing and r.proposed_initial is not None]
    if not candidates:
        return ()
    f = _facts(op, settings)
    # Unknown data may be biometric, health or offence data; unknown supports may be paper, or
    # software hosted outside the EU and reachable from the Internet.
    no_data = f.no_data
    worst = attrs.evolve(
        f,
        highly_personal=f.highly_personal or ((DataKind.LOCATION,) if no_data else ()),
        special=f.special or ((DataKind.HEALTH,) if no_data else ()),
        offences=f.offences or no_data,
        irreplaceable=f.irreplaceable or ((DataKind.BIOMETRIC,) if no_data else ()),
        health=f.health or no_data,
        monitoring=True if f.monitoring is None else f.monitoring,
        scoring=True if f.scoring is None else f.scoring,
        rights_effect=True if f.rights_effect is None else f.rights_effect,
        large_scale=True if f.large_scale is None else f.large_scale,
        vulnerable=f.vulnerable or ((SubjectKind.OTHER,) if f.vulnerable_unknown else ()),
        internet_facing=f.internet_facing or (("?",) if f.internet_unknown or f.no_assets else ()),
        non_eu=f.non_eu or (("?",) if f.non_eu_unknown or f.no_assets else ()),
        paper=f.paper or (("?",) if f.no_assets else ()),
        no_contract=f.no_contract or (("?",) if f.contract_unknown else ()),
    )
    estimates = _Estimates(worst)
    found = []
    for risk in candidates:
        initial, residual = estimates(risk.id, risk.feared_event, risk.addressed_by)
        j = risk.judgement
        _, _, rsev, rlik, _ = _retain(initial, residual, j)
        if j is not None and not j.justification:
            # Levels written without a word do not settle what the missing facts leave open: they
            # may raise the worst case, never lower it.
            _, _, psev, plik, _ = _retain(initial, residual, None)
            rsev = max(rsev, psev, key=lambda lv: lv.rank)
            rlik = max(rlik, plik, key=lambda lv: lv.rank)
        if is_high(rsev, rlik, settings):
            found.append(risk)
    return tuple(found)


def _retain(
    proposed: Estimate, residual: Estimate, j: RiskJudgement | None
) -> tuple[Level, Level, Level, Level, list[Text]]:
    notes: list[Text] = []
    sev = j.severity if j is not None and j.severity is not None else proposed.severity.level
    lik = j.likelihood if j is not None and j.likelihood is not None else proposed.likelihood.level
    rsev_given = j.residual_severity if j is not None else None
    rlik_given = j.residual_likelihood if j is not None else None
    # Without a residual level from the DPO, the measures lower the retained initial level as much
    # as they lower the proposed one, never below the proposed residual (a DPO who lowered the
    # initial level lowers the residual with it) nor above the retained initial level (measures
    # never raise a risk). A DPO who raised the initial level thus raises the residual too.
    rsev = rsev_given or _lowered(sev, proposed.severity.level, residual.severity.level)
    rlik = rlik_given or _lowered(lik, proposed.likelihood.level, residual.likelihood.level)
    if (rsev_given and rsev_given.rank > sev.rank) or (rlik_given and rlik_given.rank > lik.rank):
        notes.append(
            t(
                "Le niveau résiduel retenu dépasse le niveau initial : à vérifier (les mesures ne devraient "
                "pas augmenter un risque).",
                "The residual level retained exceeds the initial one: to check (measures should not raise "
                "a risk).",
            )
        )
    return sev, lik, rsev, rlik, notes


_AXIS_LABELS: dict[str, Text] = {
    "severity": t("gravité initiale", "initial severity"),
    "likelihood": t("vraisemblance initiale", "initial likelihood"),
    "residual_severity": t("gravité résiduelle", "residual severity"),
    "residual_likelihood": t("vraisemblance résiduelle", "residual likelihood"),
}


def _below_proposal(
    initial: Estimate, residual: Estimate, retained: tuple[Level, Level, Level, Level], path: str | None
) -> tuple[tuple[str, ...], Text | None]:
    """The retained levels below the proposal, and the note that names them (the CNIL method
    asks that every level be justified: a lowered one is never silent)."""
    proposed = (
        initial.severity.level,
        initial.likelihood.level,
        residual.severity.level,
        residual.likelihood.level,
    )
    lowered = [
        (name, kept, prop)
        for name, kept, prop in zip(_AXIS_LABELS, retained, proposed, strict=True)
        if kept.rank < prop.rank
    ]
    if not lowered:
        return (), None
    fr = " ; ".join(f"{_AXIS_LABELS[n].fr} « {k.fr} » au lieu de « {p.fr} »" for n, k, p in lowered)
    en = "; ".join(f"{_AXIS_LABELS[n].en} '{k.en}' instead of '{p.en}'" for n, k, p in lowered)
    note = t(
        f"Le DPD retient des niveaux plus bas que ceux que proposent les faits et les mesures déclarées : {fr}.",
        f"The DPO retains levels lower than those the facts and declared measures support: {en}.",
    )
    if path is not None:
        note = note + t(
            f" Justification du DPD à fournir ({path}) : un niveau abaissé doit être motivé, et la "
            "consultation préalable ne peut pas reposer sur lui tant qu'il ne l'est pas.",
            f" The DPO's justification is to be given ({path}): a lowered level must be reasoned, and the "
            "prior consultation cannot rest on it until it is.",
        )
    return tuple(n for n, _, _ in lowered), note


def analyse_risks(op: ProcessingOperation, catalogue: Catalogue, settings: Settings) -> RiskAnalysis:
    """Analyse every risk of ``catalogue`` for ``op`` (pure; a risk's ``applies`` that fails is a PluginError)."""
    by_id = catalogue.measures_by_id
    declared = _declared(op)
    facts = _facts(op, settings)
    judged = {j.risk: j for j in op.risk_judgements}
    judged_at = {j.risk: i for i, j in enumerate(op.risk_judgements)}
    watch = Watch(op, settings)  # a plug-in's applies that changes them is named (see run_test)
    idle = _idle_measures(op, catalogue, declared, settings, watch)
    stated = _stated(catalogue, declared, idle)
    estimates = _Estimates(facts)
    assessed: list[AssessedRisk] = []
    skipped: list[NotApplicableRisk] = []
    for risk in catalogue.risks:
        plugin = catalogue.origin(risk.id)
        outcome = run_test(risk.id, risk.applies, operation=op, settings=settings, plugin=plugin, watch=watch)
        j = judged.get(risk.id)
        if outcome.status is FindingStatus.NOT_MET and j is None:
            skipped.append(
                NotApplicableRisk(id=risk.id, title=risk.title, rationale=outcome.rationale, plugin=plugin)
            )
            continue
        measures = _addressing(risk, catalogue, stated)
        initial, residual = estimates(risk.id, risk.feared_event, measures)
        sev, lik, rsev, rlik, notes = _retain(initial, residual, j)
        planned = any(m.status is MeasureStatus.PLANNED and m.not_counted is None for m in measures)
        if not planned and (rsev.rank < sev.rank or rlik.rank < lik.rank):
            # Only the DPO's own residual level can be below the initial one here: said, since the
            # action plan holds nothing that would bring it down.
            notes.append(
                t(
                    "Le niveau résiduel retenu est plus bas que le niveau initial retenu, alors qu'aucune mesure "
                    "prévue ne traite ce risque : à vérifier (le plan d'action ne contient rien qui l'abaisse).",
                    "The residual level retained is lower than the initial one retained, while no planned "
                    "measure addresses this risk: to check (the action plan holds nothing that lowers it).",
                )
            )
        for m in measures:
            if m.not_counted is not None and m.status is not None:
                notes.append(
                    t(
                        f"Mesure déclarée non comptée, « {m.title.fr} » : {m.not_counted.fr}.",
                        f"Declared measure not counted, '{m.title.en}': {m.not_counted.en}.",
                    )
                )
        unjustified = j is not None and not j.justification
        lowered, lowered_note = _below_proposal(
            initial,
            residual,
            (sev, lik, rsev, rlik),
            f"risk_judgements[{judged_at[risk.id]}].justification" if unjustified else None,
        )
        if lowered_note is not None:
            notes.append(lowered_note)
        if outcome.status is FindingStatus.NOT_MET:
            notes.append(
                t(
                    "Le DPD a retenu ce risque alors que sa condition d'application n'est pas remplie.",
                    "The DPO retained this risk although its condition of application is not met.",
                )
            )
        assessed.append(
            AssessedRisk(
                id=risk.id,
                title=risk.title,
                description=risk.description,
                source=risk.source,
                plugin=plugin,
                feared_event=risk.feared_event,
                in_catalogue=True,
                applies=None
                if outcome.status is FindingStatus.UNKNOWN
                else outcome.status is FindingStatus.MET,
                rationale=outcome.rationale,
                missing=tuple(
                    dict.fromkeys([*outcome.missing, *_missing(risk.id, risk.feared_event, facts)])
                ),
                impacts=risk.impacts + _texts(j.impacts if j else ()),
                threats=risk.threats + _texts(j.threats if j else ()),
                risk_sources=risk.risk_sources + _texts(j.sources if j else ()),
                addressed_by=measures,
                proposed_initial=initial,
                proposed_residual=residual,
                judgement=j,
                severity=sev,
                likelihood=lik,
                residual_severity=rsev,
                residual_likelihood=rlik,
                acceptability=_acceptability(sev, lik, rsev, rlik, settings),
                notes=tuple(notes),
                lowered=lowered,
            )
        )
    known = {r.id for r in catalogue.risks}
    # The method always studies its three feared events (the PIA tool hard-codes them): when
    # no loaded plug-in describes one, it is still listed, with the DPO's levels or none.
    unjudged = [RiskJudgement(risk=rid) for rid in FEARED_ORDER if rid not in known and rid not in judged]
    for j in (*op.risk_judgements, *unjudged):
        if j.risk in known:
            continue
        # A risk the DPO added under an id no plug-in contributes: kept as the DPO wrote it.
        feared = j.risk in FEARED_ORDER
        sev_j, lik_j = j.severity, j.likelihood
        rsev_j, rlik_j = j.residual_severity, j.residual_likelihood
        dpo_acceptability = None
        if sev_j is not None and lik_j is not None and rsev_j is not None and rlik_j is not None:
            dpo_acceptability = _acceptability(sev_j, lik_j, rsev_j, rlik_j, settings)
        assessed.append(
            AssessedRisk(
                id=j.risk,
                title=FEARED_TITLES.get(j.risk, Text(j.risk, j.risk)),
                description=None,
                source=None,
                plugin=None,
                feared_event=feared,
                in_catalogue=False,
                applies=True if feared or j in op.risk_judgements else None,
                rationale=(
                    t("Événement redouté de la méthode de la CNIL.", "Feared event of the CNIL method.")
                    if feared
                    else t("Risque retenu par le DPD.", "Risk retained by the DPO.")
                ),
                missing=(),
                impacts=_texts(j.impacts),
                threats=_texts(j.threats),
                risk_sources=_texts(j.sources),
                addressed_by=(),
                proposed_initial=None,
                proposed_residual=None,
                judgement=j,
                severity=sev_j,
                likelihood=lik_j,
                residual_severity=rsev_j,
                residual_likelihood=rlik_j,
                acceptability=dpo_acceptability,
                notes=(
                    t(
                        f"Aucune extension chargée ne décrit le risque « {j.risk} » : aipd ne propose pas "
                        "de niveaux (faute de frappe, ou extension bloquée ?).",
                        f"No loaded plug-in describes the risk '{j.risk}': aipd proposes no levels "
                        "(a typo, or a blocked plug-in?).",
                    ),
                ),
            )
        )
    return RiskAnalysis(
        risks=tuple(sorted(assessed, key=lambda r: _order(r.id))),
        not_applicable=tuple(skipped),
        unknown_measures=tuple(sorted(mid for mid in declared if mid not in by_id)),
        high_risk_level=settings.high_risk_level,
        high_risk_axes=settings.high_risk_axes,
        declared_measures=tuple(
            RiskMeasure(
                id=mid,
                title=by_id[mid].title,
                status=status,
                lowers=by_id[mid].lowers,
                family=by_id[mid].family,
                not_counted=idle.get(mid),
            )
            for mid, status in sorted(declared.items())
            if mid in by_id
        ),
        counted_as_planned=tuple(sorted({m.id for m in op.measures if op.in_place_later(m)})),
    )


def _acceptability(sev: Level, lik: Level, rsev: Level, rlik: Level, settings: Settings) -> Acceptability:
    if is_high(rsev, rlik, settings):
        return Acceptability.HIGH
    if is_high(sev, lik, settings):
        return Acceptability.TO_REDUCE
    return Acceptability.ACCEPTABLE
