"""Screening, pure: rules → findings → verdict.

Runs every criterion and list item of the catalogue against an operation,
records who contributed each finding, and derives the verdict with its reason
(GDPR art. 35(1), (3), (4), (5); WP248 rev.01 III.B.a). A rule that raises is
a :class:`aipd.PluginError` naming its plug-in: a broken rule never quietly
counts as "not met".
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from aipd._purity import MAX_RATIONALE, Watch, bad_character
from aipd.catalogue import Criterion, Effect, FindingStatus, Outcome, Source, Test, effect_text
from aipd.consistency import contradictions
from aipd.errors import PluginError
from aipd.i18n import Text, format_number, t
from aipd.model import ProcessingOperation
from aipd.registry import Catalogue, PluginInfo
from aipd.settings import Settings
from aipd.vocabulary import Vocabulary

__all__ = [
    "Finding",
    "Notice",
    "Reason",
    "Requirement",
    "Screening",
    "Verdict",
    "run_rules",
    "run_test",
    "screen",
    "screen_unsettled",
]


class Requirement(Vocabulary):
    """Is a DPIA (AIPD) required?"""

    REQUIRED = "required", "AIPD requise", "DPIA required"
    NOT_REQUIRED = "not_required", "AIPD non requise", "DPIA not required"
    INCOMPLETE = "incomplete", "Incomplet : des faits manquent pour conclure", "Incomplete: facts are missing"

    @property
    def severity(self) -> int:
        """Order used by the monotonicity guarantee: not required < incomplete < required."""
        return {"not_required": 0, "incomplete": 1, "required": 2}[self.value]


class Reason(Vocabulary):
    """Why the verdict is what it is."""

    MANDATORY_RULE = (
        "mandatory_rule",
        "Un cas où l'AIPD est obligatoire est rempli",
        "A case where a DPIA is mandatory is met",
    )
    PRESUMED_REQUIRED = (
        "presumed_required",
        "Un cas où l'AIPD est présumée nécessaire est rempli (présomption posée par la source que la règle "
        "cite, avec sa fiabilité)",
        "A case where a DPIA is presumed necessary is met (a presumption set by the source the rule cites, "
        "with its reliability)",
    )
    REQUIRED_LIST = (
        "required_list",
        "Le traitement figure sur une liste de types de traitements pour lesquels une AIPD est requise",
        "The processing is on a list of types for which a DPIA is required",
    )
    TWO_CRITERIA = (
        "two_criteria",
        "Au moins deux critères des lignes directrices WP248 sont remplis : l'AIPD est requise en principe "
        "(WP248 III.B.a ; ne pas la faire suppose de justifier et documenter pourquoi le risque n'est pas élevé, "
        "avec l'avis du DPD)",
        "At least two WP248 criteria are met: a DPIA is required in principle (WP248 III.B.a; not carrying "
        "one out requires justifying and documenting why the risk is not high, with the DPO's view)",
    )
    SINGLE_CRITERION = (
        "single_criterion",
        "Un seul critère est rempli : l'AIPD relève de l'appréciation du responsable de traitement",
        "A single criterion is met: a DPIA is at the controller's judgement",
    )
    EXEMPTION = (
        "exemption",
        "Le traitement relève d'un cas de dispense d'AIPD",
        "The processing falls under a DPIA exemption",
    )
    NO_HIGH_RISK = (
        "no_high_risk",
        "Aucun critère n'est rempli : le traitement n'est pas susceptible d'engendrer un risque élevé",
        "No criterion is met: the processing is not likely to result in a high risk",
    )
    MISSING_FACTS = (
        "missing_facts",
        "Des faits manquent pour conclure",
        "Facts are missing to conclude",
    )


@attrs.frozen(kw_only=True, slots=False)
class Finding:
    """One rule checked against the operation: met or not, why, and where the rule comes from."""

    # Not slotted: screening builds one per rule per operation (80 per assessment, 800 000 in a
    # triage of 10 000 rows), and filling an instance dictionary from one prepared per rule costs
    # a third of setting fourteen slots one by one (see _new_finding). Reading a field costs the same.

    id: str
    kind: Literal["criterion", "list_item"]
    group: str
    title: Text
    effect: Effect
    status: FindingStatus
    rationale: Text
    missing: tuple[str, ...]
    source: Source
    plugin: PluginInfo
    counts_as: str | None = None
    number: int | None = None
    conditions: Text | None = None
    #: An exemption that sets aside art. 35(1) to (7) (GDPR art. 35(10)), so it prevails
    #: over a mandatory case (see :attr:`aipd.catalogue.Criterion.overrides_mandatory`).
    overrides_mandatory: bool = False
    #: A ``REQUIRES`` rule whose source presumes a DPIA necessary rather than making it mandatory
    #: (see :attr:`aipd.catalogue.Criterion.presumption`).
    presumption: bool = False

    @property
    def effect_text(self) -> Text:
        """What the rule does, as a reader sees it (« présumée nécessaire » for a presumption)."""
        return effect_text(self.effect, self.presumption)

    @property
    def met(self) -> bool:
        return self.status is FindingStatus.MET

    @property
    def unknown(self) -> bool:
        return self.status is FindingStatus.UNKNOWN


@attrs.frozen(kw_only=True)
class Notice:
    """A warning a DPO must act on, with a stable code and the findings it is about (for the code
    ``contradictory_facts``, the model paths of the facts that contradict each other)."""

    code: str
    message: Text
    related: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Verdict:
    """The answer to "is a DPIA required?", with its reason and the findings that decided it."""

    requirement: Requirement
    reason: Reason
    explanation: Text
    decisive: tuple[str, ...]
    criteria_met: tuple[str, ...]
    criteria_unknown: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Screening:
    """Findings, verdict, blocking issues, notices and missing facts of one operation."""

    findings: tuple[Finding, ...]
    verdict: Verdict
    blocking: tuple[Finding, ...]
    notices: tuple[Notice, ...]
    missing_facts: tuple[str, ...]


def run_test(
    rule_id: str,
    test: Test,
    *,
    operation: ProcessingOperation,
    settings: Settings,
    plugin: PluginInfo,
    watch: Watch | None = None,
) -> Outcome:
    """Run a plug-in's pure test (a rule's ``test``, a risk's ``applies``) and check its result.

    Any fault, including an attempt to change the frozen operation, is a
    :class:`aipd.PluginError` naming ``plugin``: a broken test never reads as "not met".
    So is any ``BaseException`` but ``KeyboardInterrupt`` (``SystemExit`` included: a test
    that calls ``sys.exit(0)`` ended ``aipd assess`` with success and no output).
    A test of a plug-in that is not aipd's is watched: if the operation or the settings
    differ after it (``object.__setattr__`` goes round the freeze), that is a PluginError
    too. ``watch`` lets a stage that runs several tests record the state once.
    """
    if not plugin.builtin:
        watch = watch or Watch(operation, settings)
        watch.before()
    try:
        outcome = test(operation, settings)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # SystemExit too: a plug-in must not end the host, silently
        raise _test_failure(rule_id, plugin, exc) from exc
    if not plugin.builtin:
        if watch is not None and watch.changed():
            raise _changed(rule_id, plugin)
        return _foreign_outcome(rule_id, plugin, outcome)
    if not isinstance(outcome, Outcome):
        raise _not_an_outcome(rule_id, plugin, outcome)
    return outcome


def _test_failure(rule_id: str, plugin: PluginInfo, exc: BaseException) -> PluginError:
    if isinstance(exc, attrs.exceptions.FrozenInstanceError):
        # The operation and its parts are frozen so that no rule can change what
        # the next rule sees; a rule that tries is a plug-in bug, said as such.
        return PluginError(
            plugin.name,
            plugin.version,
            t(
                f"le test de la règle « {rule_id} » a tenté de modifier le traitement "
                "(un test doit être pur et ne rien modifier)",
                f"the test of rule '{rule_id}' tried to change the operation "
                "(a test must be pure and change nothing)",
            ),
        )
    return PluginError(
        plugin.name,
        plugin.version,
        t(
            f"le test de la règle « {rule_id} » a levé {type(exc).__name__}: {exc}",
            f"the test of rule '{rule_id}' raised {type(exc).__name__}: {exc}",
        ),
    )


def _changed(rule_id: str, plugin: PluginInfo) -> PluginError:
    return PluginError(
        plugin.name,
        plugin.version,
        t(
            f"le test de la règle « {rule_id} » a modifié le traitement ou les paramètres qu'il a reçus "
            "(en contournant leur gel, par object.__setattr__ : un test doit être pur et ne rien modifier)",
            f"the test of rule '{rule_id}' changed the operation or the settings it was given "
            "(going round their freeze, with object.__setattr__: a test must be pure and change nothing)",
        ),
    )


def _foreign_outcome(rule_id: str, plugin: PluginInfo, value: object) -> Outcome:
    """The outcome of a plug-in's test, read once and checked whole.

    ``Outcome``'s constructors check their fields, but ``object.__setattr__`` goes round them
    (a status set to the string ``"met"`` read as not met where the code asks ``is MET``), and a
    subclass can answer differently at each read. A plug-in that is not aipd's gets its outcome
    rebuilt from one read of each field, checked as the constructor checks it, its texts free of
    characters a document cannot hold (see :func:`aipd._purity.bad_character`).
    """
    if not isinstance(value, Outcome):
        raise _not_an_outcome(rule_id, plugin, value)
    status, rationale, missing = value.status, value.rationale, value.missing
    try:
        outcome = Outcome(status=status, rationale=rationale, missing=missing)
        texts = (rationale.fr, rationale.en, *outcome.missing)
        for text in texts:
            if text.__class__ is not str:
                raise TypeError(f"texte attendu, reçu {type(text).__name__} (expected a string)")
    except (TypeError, ValueError, AttributeError) as exc:
        raise PluginError(
            plugin.name,
            plugin.version,
            t(
                f"le test de la règle « {rule_id} » a renvoyé un Outcome mal formé : {exc}",
                f"the test of rule '{rule_id}' returned a malformed Outcome: {exc}",
            ),
        ) from exc
    if len(rationale.fr) > MAX_RATIONALE or len(rationale.en) > MAX_RATIONALE:
        size = max(len(rationale.fr), len(rationale.en))
        raise PluginError(
            plugin.name,
            plugin.version,
            t(
                f"le test de la règle « {rule_id} » a renvoyé une justification de {format_number(size, 'fr')} "
                f"caractères, au plus {format_number(MAX_RATIONALE, 'fr')} sont admis",
                f"the test of rule '{rule_id}' returned a rationale of {size:,} characters, at most "
                f"{MAX_RATIONALE:,} are allowed",
            ),
        )
    for text in texts:
        bad = bad_character(text, catalogue=False)
        if bad is not None:
            raise PluginError(
                plugin.name,
                plugin.version,
                t(
                    f"le test de la règle « {rule_id} » a renvoyé un texte qui contient le caractère de "
                    f"contrôle {bad}, qu'un document ne peut pas contenir",
                    f"the test of rule '{rule_id}' returned a text holding the control character {bad}, "
                    "which a document cannot hold",
                ),
            )
    return outcome


def _not_an_outcome(rule_id: str, plugin: PluginInfo, value: object) -> PluginError:
    return PluginError(
        plugin.name,
        plugin.version,
        t(
            f"le test de la règle « {rule_id} » doit renvoyer un Outcome, reçu {type(value).__name__}",
            f"the test of rule '{rule_id}' must return an Outcome, got {type(value).__name__}",
        ),
    )


# Findings are built by filling their instance dictionary, not through Finding.__init__:
# binding fourteen keyword arguments is most of what a finding costs, and screening builds one
# per rule per operation. Finding has no validator, converter or default factory, so the result
# is what __init__ would build (same fields, in the same order); _rule_fields checks that every
# field is set, so a field added later cannot be forgotten.
_Factory: type = type(attrs.Factory(list))  # the class of attrs' default factories
_OUTCOME_FIELDS = ("status", "rationale", "missing")
_FIELD_NAMES = tuple(a.name for a in attrs.fields(Finding))
#: The fields before the outcome's, and after (so that the dictionary is in __init__'s order).
_HEAD = _FIELD_NAMES[: _FIELD_NAMES.index("status")]
_TAIL = _FIELD_NAMES[_FIELD_NAMES.index("missing") + 1 :]
if (*_HEAD, *_OUTCOME_FIELDS, *_TAIL) != _FIELD_NAMES:
    raise RuntimeError("Finding's status, rationale and missing must follow each other, in that order")
_new = object.__new__


def _new_finding(head: dict[str, object], tail: dict[str, object], outcome: Outcome) -> Finding:
    """The finding of a rule whose other fields are ``head`` and ``tail``, and of ``outcome``."""
    finding: Finding = _new(Finding)
    fields = finding.__dict__
    fields.update(head)
    fields["status"] = outcome.status
    fields["rationale"] = outcome.rationale
    fields["missing"] = outcome.missing
    fields.update(tail)
    return finding


#: Per rule: outcomes its test returned, by their identity, each with the finding built from it
#: (at most :data:`_HELD`, emptied when full). A rule whose answers are kept across operations (the
#: built-in plug-ins keep theirs, one object per distinct answer) returns the same frozen outcome for
#: operations alike, and its finding is then the same too. The entry holds the outcome itself and
#: the lookup checks that it is the very object returned: held, it cannot be collected, so no other
#: object can take its identity while the entry lives. A mapping, not the last few outcomes: a
#: register's rows cycle through more distinct answers of a rule than a short list holds (a dozen
#: for the CNIL lists' items on the benchmark register), which rebuilt their finding at every row.
#: Bound: more than the distinct answers a rule gives in turn on the benchmark register (12); a rule
#: answering anew at every row (the number of persons) fills its mapping and empties it every
#: :data:`_HELD` rows. Not more: every held finding stays alive (≈ 1 KB with its outcome) and is
#: walked by the cyclic garbage collector, so 64 per rule made a cold assessment dearer (callgrind,
#: cameras-augmentees: 9.58 M instructions before, 10.00 M at 64, 9.52 M at 16).
_HeldFindings = dict[int, tuple[Outcome, Finding]]
_HELD = 16
_RuleFields = tuple[str, Test, PluginInfo, bool, dict[str, object], dict[str, object], _HeldFindings]


def _rule_fields(catalogue: Catalogue) -> tuple[_RuleFields, ...]:
    """Each rule's test, its plug-in, whether its plug-in is another's than aipd's (so watched), and the
    fields its finding copies from it (:data:`_HEAD`, :data:`_TAIL`), in id order."""
    fields = attrs.fields(Finding)
    checked = [a.name for a in fields if a.validator or a.converter or isinstance(a.default, _Factory)]
    if checked:
        raise RuntimeError(f"Finding fields that __init__ must build, not screening: {checked}")
    defaults = {a.name: a.default for a in fields if a.default is not attrs.NOTHING}
    out: list[_RuleFields] = []
    for rule, plugin in catalogue.rules:  # already in id order
        static: dict[str, object] = {
            **defaults,
            "id": rule.id,
            "title": rule.title,
            "effect": rule.effect,
            "source": rule.source,
            "plugin": plugin,
        }
        if isinstance(rule, Criterion):
            static.update(
                kind="criterion",
                group=rule.group,
                counts_as=rule.counts_as,
                overrides_mandatory=rule.overrides_mandatory,
                presumption=rule.presumption,
            )
        else:
            static.update(
                kind="list_item", group=rule.reference_list.id, number=rule.number, conditions=rule.conditions
            )
        unset = {*_HEAD, *_TAIL} - static.keys()
        if unset:
            raise RuntimeError(f"Finding fields not set by screening: {sorted(unset)}")
        head = {name: static[name] for name in _HEAD}
        out.append(
            (rule.id, rule.test, plugin, not plugin.builtin, head, {name: static[name] for name in _TAIL}, {})
        )
    return tuple(out)


def _foreign(catalogue: Catalogue) -> bool:
    """Whether a rule of ``catalogue`` comes from a plug-in that is not aipd's."""
    return any(not plugin.builtin for _, plugin in catalogue.rules)


def _findings(operation: ProcessingOperation, catalogue: Catalogue, settings: Settings) -> list[Finding]:
    findings: list[Finding] = []
    # Built-in rules are aipd's and are not watched: without other plug-ins, this costs nothing.
    watch = Watch(operation, settings) if catalogue.derived("screening.foreign", _foreign) else None
    for rule_id, test, plugin, foreign, head, tail, held in catalogue.derived(
        "screening.rule_fields", _rule_fields
    ):
        # run_test's checks, inline: this loop runs 80 times per assessment.
        if foreign and watch is not None:
            watch.before()
        try:
            o = test(operation, settings)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            raise _test_failure(rule_id, plugin, exc) from exc
        if foreign and watch is not None:
            if watch.changed():
                raise _changed(rule_id, plugin)
            o = _foreign_outcome(rule_id, plugin, o)
        elif not isinstance(o, Outcome):
            raise _not_an_outcome(rule_id, plugin, o)
        pair = held.get(id(o))
        if pair is not None and pair[0] is o:
            finding = pair[1]
        else:
            finding = _new_finding(head, tail, o)
            if len(held) >= _HELD:
                held.clear()
            # One tuple stored whole: a thread never reads an outcome with another's finding.
            held[id(o)] = (o, finding)
        findings.append(finding)
    return findings


def _ids(findings: Iterable[Finding]) -> tuple[str, ...]:
    return tuple(f.id for f in findings)


def _titles(findings: Iterable[Finding]) -> Text:
    fs = list(findings)
    return Text(
        fr="; ".join(f"{f.title.fr} ({f.id})" for f in fs),
        en="; ".join(f"{f.title.en} ({f.id})" for f in fs),
    )


_Groups = dict[tuple[Effect, FindingStatus], list[Finding]]


def _groups(findings: list[Finding]) -> _Groups:
    """The findings by effect and status, each group in the findings' order (one pass)."""
    groups: _Groups = {}
    for f in findings:
        groups.setdefault((f.effect, f.status), []).append(f)
    return groups


def _decide(groups: _Groups) -> tuple[Verdict, list[Notice]]:
    notices: list[Notice] = []
    requires_met = groups.get((Effect.REQUIRES, FindingStatus.MET), [])
    requires_unknown = groups.get((Effect.REQUIRES, FindingStatus.UNKNOWN), [])
    exempts_met = groups.get((Effect.EXEMPTS, FindingStatus.MET), [])
    exempts_unknown = groups.get((Effect.EXEMPTS, FindingStatus.UNKNOWN), [])
    counted = groups.get((Effect.COUNTS, FindingStatus.MET), [])
    counting_unknown = groups.get((Effect.COUNTS, FindingStatus.UNKNOWN), [])
    met_keys = sorted({f.counts_as or f.id for f in counted})
    unknown_keys = sorted({f.counts_as or f.id for f in counting_unknown} - set(met_keys))
    n = len(met_keys)

    def verdict(req: Requirement, reason: Reason, explanation: Text, decisive: Iterable[Finding]) -> Verdict:
        return Verdict(
            requirement=req,
            reason=reason,
            explanation=explanation,
            decisive=_ids(decisive),
            criteria_met=tuple(met_keys),
            criteria_unknown=tuple(unknown_keys),
        )

    # GDPR art. 35(10): where it applies, "paragraphs 1 to 7 shall not apply", so such an
    # exemption prevails over the mandatory cases of art. 35(3) and the art. 35(4) list too.
    overriding_met = [f for f in exempts_met if f.overrides_mandatory]
    overriding_unknown = [f for f in exempts_unknown if f.overrides_mandatory]
    if overriding_met:
        if requires_met:
            notices.append(
                Notice(
                    code="mandatory_set_aside",
                    message=t(
                        "Un cas où l'AIPD serait obligatoire est rempli, mais l'article 35.10 du RGPD écarte "
                        "les paragraphes 1 à 7 de l'article 35 : l'analyse d'impact générale faite lors de "
                        "l'adoption du texte en tient lieu. Vérifiez que ce texte encadre bien ce traitement.",
                        "A case where a DPIA would be mandatory is met, but GDPR art. 35(10) sets aside "
                        "paragraphs 1 to 7 of art. 35: the general impact assessment made when the text was "
                        "adopted stands in for it. Check that the text does govern this processing.",
                    ),
                    related=_ids(overriding_met + requires_met),
                )
            )
        return (
            verdict(Requirement.NOT_REQUIRED, Reason.EXEMPTION, _titles(overriding_met), overriding_met),
            notices,
        )

    if requires_met and overriding_unknown:
        # The mandatory case holds unless art. 35(10) applies, which the facts do not settle.
        return (
            verdict(
                Requirement.INCOMPLETE,
                Reason.MISSING_FACTS,
                t("À trancher : ", "To settle: ") + _titles(overriding_unknown),
                overriding_unknown,
            ),
            notices,
        )

    if requires_met:
        # A presumption (Criterion.presumption) requires the DPIA as a mandatory case does, but the
        # reason says "presumed necessary" when nothing stronger is met: the words follow the source.
        mandatory = [f for f in requires_met if not f.presumption]
        if not mandatory:
            reason = Reason.PRESUMED_REQUIRED
        elif all(f.kind == "list_item" for f in mandatory):
            reason = Reason.REQUIRED_LIST
        else:
            reason = Reason.MANDATORY_RULE
        if exempts_met:
            case = (
                t("obligatoire", "mandatory") if mandatory else t("présumée nécessaire", "presumed necessary")
            )
            notices.append(
                Notice(
                    code="exemption_overridden",
                    message=t(
                        "Un cas de dispense est rempli, mais il ne s'applique pas : le traitement relève aussi "
                        f"d'un cas où l'AIPD est {case.fr}.",
                        "An exemption matches, but it does not apply: the processing also falls under a case "
                        f"where a DPIA is {case.en}.",
                    ),
                    related=_ids(exempts_met + requires_met),
                )
            )
        return verdict(Requirement.REQUIRED, reason, _titles(requires_met), requires_met), notices

    if exempts_met and not requires_unknown:
        if n >= 2:
            notices.append(
                Notice(
                    code="exempt_despite_criteria",
                    message=t(
                        f"{n} critères WP248 sont remplis, mais le traitement relève d'un cas de dispense : "
                        "documentez pourquoi il n'est pas susceptible d'engendrer un risque élevé, et recueillez "
                        "l'avis du DPD. Les autres obligations du RGPD (dont l'article 32) restent applicables.",
                        f"{n} WP248 criteria are met, but the processing falls under an exemption: document why it "
                        "is not likely to result in a high risk, and record the DPO's view. Every other GDPR "
                        "obligation (art. 32 included) still applies.",
                    ),
                    related=_ids(exempts_met + counted),
                )
            )
        return verdict(Requirement.NOT_REQUIRED, Reason.EXEMPTION, _titles(exempts_met), exempts_met), notices

    if n >= 2 and (exempts_met or exempts_unknown):
        # Two criteria only presume a high risk; an exemption (CNIL list, art. 35(10)) sets the
        # presumption aside. Whether it applies here, or whether a mandatory case overrides it,
        # turns on facts still missing: either answer would be a guess.
        pending = requires_unknown + exempts_unknown
        return (
            verdict(
                Requirement.INCOMPLETE,
                Reason.MISSING_FACTS,
                t("À trancher : ", "To settle: ") + _titles(pending),
                pending,
            ),
            notices,
        )

    if n >= 2:
        if requires_unknown:
            notices.append(
                Notice(
                    code="facts_pending",
                    message=t(
                        "D'autres règles (cas obligatoires ou de dispense) restent à trancher faute de faits ; "
                        "complétez-les pour fonder la décision.",
                        "Other rules (mandatory or exemption cases) cannot be settled for lack of facts; "
                        "complete them to ground the decision.",
                    ),
                    related=_ids(requires_unknown),
                )
            )
        return (
            verdict(
                Requirement.REQUIRED,
                Reason.TWO_CRITERIA,
                t(f"{n} critères remplis : ", f"{n} criteria met: ") + _titles(counted),
                counted,
            ),
            notices,
        )

    if requires_unknown or n + len(unknown_keys) >= 2:
        pending = requires_unknown + counting_unknown
        return (
            verdict(
                Requirement.INCOMPLETE,
                Reason.MISSING_FACTS,
                t("À trancher : ", "To settle: ") + _titles(pending),
                pending,
            ),
            notices,
        )

    if exempts_unknown:
        notices.append(
            Notice(
                code="exemption_unsettled",
                message=t(
                    "Un cas de dispense pourrait s'appliquer ; il ne change pas la conclusion.",
                    "An exemption might apply; it does not change the conclusion.",
                ),
                related=_ids(exempts_unknown),
            )
        )
    if n == 1:
        notices.append(
            Notice(
                code="single_criterion",
                message=t(
                    "Un seul critère est rempli. Les lignes directrices WP248 admettent qu'un traitement ne "
                    "remplissant qu'un critère exige une AIPD : appréciez le risque et consignez votre décision.",
                    "Only one criterion is met. The WP248 guidelines allow that a processing meeting a single "
                    "criterion may require a DPIA: judge the risk and record your decision.",
                ),
                related=_ids(counted),
            )
        )
        return verdict(Requirement.NOT_REQUIRED, Reason.SINGLE_CRITERION, _titles(counted), counted), notices
    if counting_unknown:
        # One criterion at most may still be met (two would have made the verdict incomplete): the
        # answer stays "not required", but met it would call for the controller's judgement
        # (single_criterion), so the missing facts are said, not left silent.
        notices.append(
            Notice(
                code="criterion_unsettled",
                message=t(
                    "Aucun critère n'est rempli d'après les faits connus, mais un critère reste à trancher "
                    "faute de faits. S'il était rempli, les lignes directrices WP248 admettent qu'un traitement "
                    "ne remplissant qu'un critère exige une AIPD : complétez les faits avant de conclure.",
                    "No criterion is met on the known facts, but one criterion cannot be settled for lack of "
                    "facts. If it were met, the WP248 guidelines allow that a processing meeting a single "
                    "criterion may require a DPIA: complete the facts before concluding.",
                ),
                related=_ids(counting_unknown),
            )
        )
        explanation = t("Aucun critère rempli ; à trancher : ", "No criterion met; to settle: ") + _titles(
            counting_unknown
        )
    else:
        explanation = t("Aucun critère rempli.", "No criterion met.")
    return (
        verdict(Requirement.NOT_REQUIRED, Reason.NO_HIGH_RISK, explanation, ()),
        notices,
    )


def screen(operation: ProcessingOperation, catalogue: Catalogue, settings: Settings) -> Screening:
    """Check every rule of ``catalogue`` against ``operation`` and decide.

    Facts that contradict each other (:func:`aipd.consistency.contradictions`) add a notice
    ``contradictory_facts`` naming both fields: a warning, not an error; the rules that read
    them never take the favourable side.
    """
    return _decided(operation, catalogue, _findings(operation, catalogue, settings))


def _decided(operation: ProcessingOperation, catalogue: Catalogue, findings: list[Finding]) -> Screening:
    """:func:`screen` of ``operation`` whose findings for ``catalogue``'s rules are ``findings``, in
    its order (:func:`run_rules`): a caller that ran the rules already decides without running them again."""
    screening = _screening_in(catalogue, findings)
    found = contradictions(operation)
    if not found:
        return screening
    notices = (
        *screening.notices,
        *(Notice(code="contradictory_facts", message=c.message, related=c.fields) for c in found),
    )
    return attrs.evolve(screening, notices=tuple(sorted(notices, key=lambda n: (n.code, n.related))))


def run_rules(
    operation: ProcessingOperation, catalogue: Catalogue, settings: Settings
) -> tuple[Finding, ...]:
    """Check every rule of ``catalogue`` against ``operation``, without deciding (see :func:`screen_unsettled`)."""
    return tuple(_findings(operation, catalogue, settings))


def screen_unsettled(
    answers: Sequence[tuple[Text, Sequence[Finding]]],
    *,
    fact: str,
    what: Text,
) -> Screening:
    """The screening of an operation one of whose facts is not known, where the model needs a value.

    ``answers`` are the findings of the same operation with each value ``fact`` (a model
    path, ``what`` in words) may take (:func:`run_rules`, or a :class:`Screening`'s), each
    with the value's label. A rule that answers the same for all of them keeps its finding
    (the first's); one whose answer turns on the fact is unknown, missing ``fact``, its
    rationale giving each answer: the verdict is the one the unknown fact gives. Except a
    blocking issue met for some value: it is met, its rationale saying for which. A blocking
    issue does not change the verdict, and one that holds if the fact is what the source
    leaves open must not be hidden among the unknowns.
    """
    if not answers:
        raise ValueError("screen_unsettled needs the findings of at least one value")
    labels = tuple(label for label, _ in answers)
    columns = [tuple(found) for _, found in answers]
    findings = list(columns[0])
    if any(len(column) != len(findings) for column in columns):
        raise ValueError("screen_unsettled needs the findings of the same rules for each value")
    # The rules whose finding is another object for some value, found in C: screening gives one
    # object per kept answer, so most rules have the same finding for every value, kept as it is.
    turning = sorted(
        {
            i
            for column in columns[1:]
            for i in itertools.compress(range(len(findings)), map(operator.is_not, columns[0], column))
        }
    )
    # Everything but the findings that decides a settled finding (see _settled_finding).
    context = (fact, what.fr, what.en, *(part for label in labels for part in (label.fr, label.en)))
    for i in turning:
        each_value = tuple(column[i] for column in columns)
        first = each_value[0]
        status = first.status
        if all(f.status is status for f in each_value) and (
            status is not FindingStatus.UNKNOWN or all(f.missing == first.missing for f in each_value)
        ):
            continue  # the same answer for every value: the first's finding
        findings[i] = _settled(each_value, labels, fact, what, context)
    return _screening(findings)


#: The verdict and the notices (sorted) of findings, by what they read of them (:func:`_screening`).
_DECIDED: dict[tuple[tuple[object, ...], ...], tuple[Verdict, tuple[Notice, ...]]] = {}
#: At most this many kept (emptied when full): a register's rows share a few dozen.
_DECIDED_LIMIT = 512
_NOT_MET, _UNKNOWN = FindingStatus.NOT_MET, FindingStatus.UNKNOWN
_BLOCKS = Effect.BLOCKS


#: Settled findings (:func:`screen_unsettled`), by what decides them: the labels, the fact and its
#: wording, and each finding's class and fields, by identity (the entry holds them, so no other object
#: takes their place while it is kept). A rule's finding is rebuilt when screening no longer holds
#: it, but from the same kept answer (its rationale and missing facts the same objects): a register
#: without the kind of body settles the same few rules from the same answers on every row. Bounded:
#: emptied when full.
_SETTLED: dict[tuple[object, ...], tuple[tuple[tuple[object, ...], ...], Finding]] = {}
_SETTLED_LIMIT = 1024


def _settled(
    each_value: tuple[Finding, ...],
    labels: tuple[Text, ...],
    fact: str,
    what: Text,
    context: tuple[str, ...],
) -> Finding:
    """:func:`_settled_finding`, kept in :data:`_SETTLED`."""
    key: list[object] = [context]
    parts = []
    for f in each_value:
        fields = f.__dict__
        values = tuple(fields.values())
        key += (f.__class__, tuple(fields), *map(id, values))
        parts.append(values)
    whole = tuple(key)
    held = _SETTLED.get(whole)
    if held is not None:
        return held[1]
    settled = _settled_finding(each_value, labels, fact, what)
    if len(_SETTLED) >= _SETTLED_LIMIT:
        _SETTLED.clear()
    # One tuple, written whole: a thread never reads the parts of one key with another's finding.
    _SETTLED[whole] = (tuple(parts), settled)
    return settled


def _settled_finding(
    each_value: tuple[Finding, ...], labels: tuple[Text, ...], fact: str, what: Text
) -> Finding:
    """One rule's findings for each value of ``fact`` made one (see :func:`screen_unsettled`)."""
    first = each_value[0]
    if all(f.status is first.status for f in each_value):
        if first.status is FindingStatus.UNKNOWN and any(f.missing != first.missing for f in each_value):
            first = attrs.evolve(
                first, missing=tuple(dict.fromkeys(m for f in each_value for m in f.missing))
            )
        return first
    statuses = {f.status for f in each_value}
    each = list(zip(labels, each_value, strict=True))
    if first.effect is Effect.BLOCKS and FindingStatus.MET in statuses:
        met = [(label, f) for label, f in each if f.met]
        values = Text(" ou ".join(f"« {x.fr} »" for x, _ in met), " or ".join(f"'{x.en}'" for x, _ in met))
        condition = Text(
            f"Si {what.fr} (fait non indiqué) est {values.fr} : ",
            f"If {what.en} (not given) is {values.en}: ",
        )
        return attrs.evolve(met[0][1], rationale=condition + met[0][1].rationale)
    return attrs.evolve(
        first,
        status=FindingStatus.UNKNOWN,
        rationale=Text(
            f"Dépend de {what.fr} (fait non indiqué) : "
            + " ; ".join(f"« {label.fr} » : {f.rationale.fr}" for label, f in each),
            f"Depends on {what.en} (not given): "
            + "; ".join(f"'{label.en}': {f.rationale.en}" for label, f in each),
        ),
        missing=tuple(dict.fromkeys([fact, *(m for _, f in each for m in f.missing)])),
    )


def _screening(findings: list[Finding]) -> Screening:
    """The verdict, blocking issues, notices and missing facts of ``findings``.

    The verdict and the notices read nothing of a finding not met, and of the others only their id,
    status, effect, kind, how they count (``counts_as``, ``overrides_mandatory``, ``presumption``)
    and title, never their rationale or missing facts: they are kept under the tuple of those values
    (``_DECIDED``), so that register rows alike (or a row screened for each kind of body, then
    settled) decide once. The blocking issues and the missing facts are each screening's own. A
    finding whose status, effect or title is not exactly of its class (built by hand) is decided
    plainly, as is a key that cannot be hashed.
    """
    read: list[tuple[object, ...]] = []
    blocking: list[Finding] = []
    missing: set[str] = set()
    for f in findings:
        status = f.status
        if status.__class__ is not FindingStatus:
            return _screening_plain(findings)
        if status is _NOT_MET:
            continue
        effect, title = f.effect, f.title
        if effect.__class__ is not Effect or title.__class__ is not Text:
            return _screening_plain(findings)
        read.append(
            (
                f.id,
                status,
                effect,
                f.kind,
                f.counts_as,
                f.overrides_mandatory,
                f.presumption,
                title.fr,
                title.en,
            )
        )
        if status is _UNKNOWN:
            missing.update(f.missing)
        elif effect is _BLOCKS:
            blocking.append(f)
    key = tuple(read)
    try:
        decided = _DECIDED.get(key)
    except TypeError:  # a field of a finding built by hand that cannot be hashed
        return _screening_plain(findings)
    if decided is None:
        screening = _screening_plain(findings)
        if len(_DECIDED) >= _DECIDED_LIMIT:
            _DECIDED.clear()
        _DECIDED[key] = (screening.verdict, screening.notices)  # one tuple stored whole
        return screening
    return Screening(
        findings=tuple(findings),
        verdict=decided[0],
        blocking=tuple(blocking),
        notices=decided[1],
        missing_facts=tuple(sorted(missing)),
    )


def _screening_plain(findings: list[Finding]) -> Screening:
    """:func:`_screening`, every part worked out from the findings."""
    groups = _groups(findings)
    verdict, notices = _decide(groups)
    blocking = groups.get((Effect.BLOCKS, FindingStatus.MET), [])
    notices.extend(
        _possible_blocking(f.id, f.title) for f in groups.get((Effect.BLOCKS, FindingStatus.UNKNOWN), ())
    )
    missing = sorted(
        {
            m
            for (_, status), group in groups.items()
            if status is FindingStatus.UNKNOWN
            for f in group
            for m in f.missing
        }
    )
    return Screening(
        findings=tuple(findings),
        verdict=verdict,
        blocking=tuple(blocking),
        notices=tuple(sorted(notices, key=lambda n: (n.code, n.related))),
        missing_facts=tuple(missing),
    )


#: What :func:`_screening` works out from the findings' statuses alone, for one catalogue: the verdict,
#: the notices (sorted) and where the blocking issues and the unknown findings are.
_Decision = tuple[Verdict, tuple[Notice, ...], tuple[int, ...], tuple[int, ...]]
#: Decisions kept per catalogue, at most this many (emptied when full).
_DECISIONS = 256


def _no_decisions(_catalogue: Catalogue) -> dict[tuple[FindingStatus, ...], _Decision]:
    return {}


def _screening_in(catalogue: Catalogue, findings: list[Finding]) -> Screening:
    """:func:`_screening` of the findings of ``catalogue``'s rules, in its order (:func:`_findings`).

    The verdict and the notices read, of each finding, its status and what its rule gives it (id,
    title, kind, effect, how it counts; not its rationale or missing facts): for one catalogue,
    they are those of the findings' statuses, kept in the catalogue under the tuple of the statuses
    (bounded: a register's rows share a few dozen). The blocking issues and the missing facts are
    read from each operation's own findings, at the positions kept.
    """
    statuses = tuple([f.status for f in findings])
    decisions = catalogue.derived("screening.decisions", _no_decisions)
    decision = decisions.get(statuses)
    if decision is None:
        screening = _screening_plain(findings)
        decision = (
            screening.verdict,
            screening.notices,
            tuple(
                [
                    i
                    for i, f in enumerate(findings)
                    if f.effect is Effect.BLOCKS and f.status is FindingStatus.MET
                ]
            ),
            tuple([i for i, f in enumerate(findings) if f.status is FindingStatus.UNKNOWN]),
        )
        if len(decisions) >= _DECISIONS:
            decisions.clear()
        decisions[statuses] = decision  # one tuple stored whole, as the held findings
        return screening
    verdict, notices, blocking_at, unknown_at = decision
    return Screening(
        findings=tuple(findings),
        verdict=verdict,
        blocking=tuple([findings[i] for i in blocking_at]),
        notices=notices,
        missing_facts=tuple(sorted({m for i in unknown_at for m in findings[i].missing})),
    )


#: The notices « possible blocking issue », by the rule's id and title: built once, not for every
#: operation a register row leaves short of facts (notices are frozen). Bounded: the rules come
#: from plug-ins.
_POSSIBLE_BLOCKING: dict[tuple[str, str, str], Notice] = {}


def _possible_blocking(rule_id: str, title: Text) -> Notice:
    key = (rule_id, title.fr, title.en)
    notice = _POSSIBLE_BLOCKING.get(key)
    if notice is None:
        if len(_POSSIBLE_BLOCKING) >= 1024:
            _POSSIBLE_BLOCKING.clear()
        notice = _POSSIBLE_BLOCKING[key] = Notice(
            code="possible_blocking_issue",
            message=t(
                f"Point bloquant possible, faute de faits : {title.fr}.",
                f"Possible blocking issue, for lack of facts: {title.en}.",
            ),
            related=(rule_id,),
        )
    return notice
