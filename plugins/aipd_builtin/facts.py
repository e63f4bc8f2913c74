"""The facts the built-in rules read, each judged once and in three values.

Several rules rest on the same fact: "large scale" is WP248 criterion 5 and a
condition of GDPR art. 35(3)(b) and (c) and of CNIL list 2018-327 item 14 (where
(b) and item 14 count the persons whose data of the kinds they name are
processed, :func:`mandatory_large_scale_of_data`);
"evaluation or scoring" is WP248 criterion 1 and takes a processing out of a
CNIL exemption. Each fact is judged here, by one function returning an
:class:`~aipd.catalogue.Outcome` (met, not met, or unknown with the model paths
still needed) whose rationale quotes the facts that decided it. The rule
modules (:mod:`aipd_builtin.wp248`, :mod:`aipd_builtin.gdpr`,
:mod:`aipd_builtin.cnil_lists`) combine them with :func:`all_of`,
:func:`any_of` and :func:`negate`, three-valued (Kleene) logic: a combination
is unknown only when the known parts do not already decide it.

``None`` in the model means "not known yet"; a helper answers "unknown" when
the fact that would decide is ``None``, never "not met".
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from aipd import consistency
from aipd.catalogue import FindingStatus, Outcome
from aipd.i18n import Text, t
from aipd.model import ProcessingOperation
from aipd.settings import Settings
from aipd.vocabulary import (
    AIArea,
    AIOutput,
    AITechnique,
    DataKind,
    DecisionEffect,
    Domain,
    Frequency,
    Status,
    SubjectKind,
    Vocabulary,
    Vulnerability,
)

R = TypeVar("R")

__all__ = [
    "IMPLIED_BY_READING",
    "IMPLIED_VULNERABILITY",
    "NEW_AI_TECHNIQUES",
    "PRACTICE_DOMAINS",
    "RECITAL_91_DOMAINS",
    "SENSITIVE_KINDS",
    "SPECIAL_CATEGORY_KINDS",
    "SPECIAL_OR_OFFENCE_KINDS",
    "Flag",
    "ai_component",
    "all_of",
    "any_of",
    "automated_decision",
    "biometric_identification",
    "data_of_kinds",
    "entirely_of_type",
    "evaluation_scoring",
    "external_sources",
    "flag",
    "fmt_int",
    "has_domain",
    "individual_practice",
    "innovative_use",
    "large_scale",
    "mandatory_large_scale",
    "mandatory_large_scale_of_data",
    "matching_combining",
    "negate",
    "no_stated_value",
    "prevents_right",
    "profiling",
    "public_area",
    "reworded",
    "sensitive_data",
    "special_or_offence_data",
    "systematic_extensive_evaluation",
    "systematic_monitoring",
    "vulnerable_subjects",
    "when",
]

#: Recital 91: processing "of personal data from patients or clients by an individual
#: physician, other health care professional or lawyer" is not large scale.
RECITAL_91_DOMAINS = (Domain.INDIVIDUAL_HEALTH_PROFESSIONAL, Domain.INDIVIDUAL_LAWYER)

#: Kinds of persons WP248 III.B.a criterion 7 (and recital 75) names as vulnerable,
#: so that declaring the kind is enough: children, employees, patients, the elderly,
#: asylum seekers (the guidelines' examples); protected adults, recipients of social aid
#: (precarity) and job applicants, read by this library (:data:`IMPLIED_BY_READING`).
IMPLIED_VULNERABILITY: dict[SubjectKind, Vulnerability] = {
    SubjectKind.CHILDREN: Vulnerability.CHILD,
    SubjectKind.AGENTS: Vulnerability.EMPLOYEE,
    SubjectKind.PATIENTS: Vulnerability.PATIENT,
    SubjectKind.ELDERLY: Vulnerability.ELDERLY,
    SubjectKind.ASYLUM_SEEKERS: Vulnerability.ASYLUM_SEEKER,
    SubjectKind.PROTECTED_ADULTS: Vulnerability.PROTECTED_ADULT,
    SubjectKind.BENEFICIARIES: Vulnerability.PRECARITY,
    SubjectKind.CANDIDATES: Vulnerability.POWER_IMBALANCE,
}

#: Kinds the guidelines do not name, implied by this library's reading, each with its ground.
#: Job applicants: criterion 7 rests on « the increased power imbalance between the data subjects
#: and the data controller » and names employees; an applicant seeks a post from the controller,
#: before any employment contract, and the CNIL's list 2018-327 cites the criterion « personnes
#: vulnérables » for its item 3 (profiles for human resources management), whose example is
#: recruitment helped « notamment grâce à un algorithme de sélection ».
IMPLIED_BY_READING: dict[SubjectKind, Text] = {
    SubjectKind.PROTECTED_ADULTS: t(
        "« segments plus vulnérables de la population » des lignes directrices",
        "the guidelines' 'more vulnerable segments of the population'",
    ),
    SubjectKind.BENEFICIARIES: t(
        "« segments plus vulnérables de la population » des lignes directrices",
        "the guidelines' 'more vulnerable segments of the population'",
    ),
    SubjectKind.CANDIDATES: t(
        "déséquilibre des rapports avec le responsable de traitement, comme pour les employés que les lignes "
        "directrices citent ; la délibération CNIL n° 2018-327 (point 3, recrutement) retient ce critère",
        "power imbalance with the controller, as for the employees the guidelines name; CNIL délibération "
        "2018-327 (item 3, recruitment) cites this criterion",
    ),
}

#: AI techniques the CNIL calls "still new" (fiche IA n° 5: « telles que l'apprentissage
#: profond »): presumed innovative. Rules, statistics, classical machine learning and
#: logic-based approaches, proven for years, are not innovative per se.
NEW_AI_TECHNIQUES = (AITechnique.DEEP_LEARNING, AITechnique.GENERATIVE)

#: Techniques that make a system an AI component for the CNIL exemptions (a learning or
#: inference system), as opposed to fixed rules or classical statistics.
_AI_COMPONENT_TECHNIQUES = (
    AITechnique.MACHINE_LEARNING,
    AITechnique.DEEP_LEARNING,
    AITechnique.GENERATIVE,
    AITechnique.LOGIC_KNOWLEDGE,
)


# --- wording helpers ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)  # a few figures per operation, read by several rules
def fmt_int(n: int) -> Text:
    """A whole number as each language writes it: « 12 000 » and "12,000"."""
    return Text(fr=f"{n:,}".replace(",", "\u00a0"), en=f"{n:,}")


def _pct(share: float) -> Text:
    value = share * 100
    digits = 1 if value < 10 else 0
    number = f"{value:.{digits}f}"
    return Text(fr=number.replace(".", ",") + "\u00a0%", en=number + "%")


def _labels(values: Iterable[Vocabulary]) -> Text:
    """Labels joined in order, each once, in quotes as a DPO reads them."""
    seen: list[Vocabulary] = []
    for v in values:
        if v not in seen:
            seen.append(v)
    return Text(
        fr=", ".join(f"« {v.fr} »" for v in seen),
        en=", ".join(f"'{v.en}'" for v in seen),
    )


#: For other modules of the plug-in: the labels of vocabulary values, quoted, each once.
labels = _labels


#: Data biometric data could come from (AI Act art. 3(34)): facial images, voices, biometric data.
BIOMETRIC_INPUTS = frozenset({DataKind.BIOMETRIC, DataKind.IMAGE, DataKind.VOICE})


def biometric_input_possible(operation: ProcessingOperation) -> bool:
    """True unless the declared data hold nothing biometric data could come from (no data declared:
    possible). The AI Act's biometric practices and the systemic AI risk ask their facts only then."""
    return not operation.data or not BIOMETRIC_INPUTS.isdisjoint(operation.data_kinds)


_ELIDING = frozenset("aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÉÈÊÎÔÛŒÆ")


def de(phrase: str) -> str:
    """« de » before a French noun phrase, contracted as French writes it: « du », « des », « d' ».

    Rules quote a type of processing after « relève de » or « Pas de »: « de les éthylotests »
    or « de un fichier » in a document a DPO signs reads as a machine's. A phrase starting with
    « h » keeps « de » (h aspiré or muet cannot be told from the spelling).
    """
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    if phrase.startswith("les "):
        return "des " + phrase[4:]
    if phrase[:1] in _ELIDING:
        return "d'" + phrase
    return "de " + phrase


def _quote(value: str) -> Text:
    return Text(fr=f"« {value} »", en=f"'{value}'")


def _join(parts: Sequence[Outcome]) -> Text:
    """The parts' rationales, one after the other (a single part's rationale is returned as it is:
    the same two strings, without a new text; combinations run several times per rule)."""
    if len(parts) == 1:
        return parts[0].rationale
    rationales = [p.rationale for p in parts]
    return Text(" ".join([r.fr for r in rationales]), " ".join([r.en for r in rationales]))


def _missing(parts: Iterable[Outcome]) -> tuple[str, ...]:
    out: list[str] = []
    for p in parts:
        for m in p.missing:
            if m not in out:
                out.append(m)
    return tuple(out)


# The combinations below build their outcomes with Outcome's public constructors, as a vendor's
# rules do: the built-in plug-ins use nothing of aipd's that a vendor cannot.
_MET, _NOT_MET, _UNKNOWN = FindingStatus.MET, FindingStatus.NOT_MET, FindingStatus.UNKNOWN


# --- three-valued combinations -------------------------------------------------------------------


def all_of(*parts: Outcome) -> Outcome:
    """Met when every part is met; not met as soon as one is not met; else unknown."""
    statuses = [p.status for p in parts]
    if _NOT_MET in statuses:
        return Outcome.not_met(_join([p for p in parts if p.status is _NOT_MET]))
    if _UNKNOWN in statuses:
        return Outcome.unknown(_join(parts), _missing([p for p in parts if p.status is _UNKNOWN]))
    return Outcome.met(_join(parts))


def any_of(*parts: Outcome) -> Outcome:
    """Met as soon as one part is met; not met when every part is not met; else unknown."""
    statuses = [p.status for p in parts]
    if _MET in statuses:
        return Outcome.met(_join([p for p in parts if p.status is _MET]))
    if _UNKNOWN in statuses:
        return Outcome.unknown(_join(parts), _missing([p for p in parts if p.status is _UNKNOWN]))
    return Outcome.not_met(_join(parts))


def when(guard: Outcome, *conditions: Outcome) -> Outcome:
    """Like :func:`all_of`, but the conditions' missing facts are asked only once ``guard`` holds.

    For rules of the form "if the processing does X, then Y must hold": while
    X is unknown, asking for the facts of Y would be noise (the text authorising
    the NIR, before knowing whether the NIR is used).
    """
    if guard.status is not _UNKNOWN:
        return all_of(guard, *conditions)
    failed = [c for c in conditions if c.status is _NOT_MET]
    if failed:  # what all_of(*conditions) answers
        return Outcome.not_met(_join(failed))
    return Outcome.unknown(_join([guard, *conditions]), guard.missing)


def negate(part: Outcome) -> Outcome:
    """Met when ``part`` is not met and the reverse; unknown stays unknown. The facts quoted stay."""
    status = part.status
    if status is _MET:
        return Outcome.not_met(part.rationale)
    if status is _NOT_MET:
        return Outcome.met(part.rationale)
    return part


def reworded(outcome: Outcome, *, before: Text | None = None, after: Text | None = None) -> Outcome:
    """``outcome`` with words added before or after its rationale; status and missing facts unchanged."""
    rationale = outcome.rationale
    if before is not None:
        rationale = before + rationale
    if after is not None:
        rationale = rationale + after
    return Outcome(status=outcome.status, rationale=rationale, missing=outcome.missing)


# --- facts shared by the rules of one screening ---------------------------------------------------


def per_operation(fn: Callable[[ProcessingOperation], R]) -> Callable[[ProcessingOperation], R]:
    """Remember ``fn``'s result for the last operation it saw (by identity).

    For a fact many rules of one screening ask (qualification of the AI system,
    components outside an exempt type, the declared fields as words): operations
    are frozen and ``fn`` is pure, so the same object always gets the same result.
    The last pair is stored as one tuple, so threads never see an operation with
    another's result.
    """
    last: list[tuple[ProcessingOperation, R] | None] = [None]

    @functools.wraps(fn)
    def remembered(operation: ProcessingOperation) -> R:
        entry = last[0]
        if entry is not None and entry[0] is operation:
            return entry[1]
        outcome = fn(operation)
        last[0] = (operation, outcome)
        return outcome

    return remembered


def per_screening(
    fn: Callable[[ProcessingOperation, Settings], R],
) -> Callable[[ProcessingOperation, Settings], R]:
    """Remember ``fn``'s result for the last operation and settings it saw (both by identity).

    :func:`per_operation` for a fact that also reads the settings (the large-scale thresholds):
    several rules of one screening ask it of the same pair. Stored as one tuple, like it.
    """
    last: list[tuple[ProcessingOperation, Settings, R] | None] = [None]

    @functools.wraps(fn)
    def remembered_pair(operation: ProcessingOperation, settings: Settings) -> R:
        entry = last[0]
        if entry is not None and entry[0] is operation and entry[1] is settings:
            return entry[2]
        outcome = fn(operation, settings)
        last[0] = (operation, settings, outcome)
        return outcome

    return remembered_pair


@per_operation
def _domain_labels(operation: ProcessingOperation) -> Text:
    """The declared fields as words (quoted by every rule on a field that does not match)."""
    return _labels(operation.domains)


# --- facts about the kind of processing ---------------------------------------------------------


#: The answer of :func:`has_domain` when no field is declared, by the words of the type of processing:
#: it depends on them alone, and a register without a « domaine » column asks it of every row, a dozen
#: times (the CNIL list items). Bounded: a plug-in could word its types at run time.
class _Answers(dict[tuple[object, ...], Outcome]):
    """Answers kept by everything that decides them, bounded: the keys come from the input and from
    plug-ins (a register's rows, types worded at run time), so the store is emptied when full."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def answer(self, key: tuple[object, ...], make: Callable[..., Outcome], *args: object) -> Outcome:
        outcome = self.get(key)
        if outcome is None:
            if len(self) >= self.limit:
                self.clear()
            outcome = self[key] = make(*args)
        return outcome


_NO_DOMAINS = _Answers(512)
#: Every store of answers kept across operations, emptied by :func:`clear`.
_STORES: list[_Answers] = [_NO_DOMAINS]


def clear() -> None:
    """Forget the answers and words kept across operations (for tests comparing warm and cold runs)."""
    for store in _STORES:
        store.clear()
    fmt_int.cache_clear()
    _persons_sentence.cache_clear()


def _no_domains(what: Text) -> Outcome:
    return _NO_DOMAINS.answer((what.fr, what.en), _no_domains_answer, what)


def _no_domains_answer(what: Text) -> Outcome:
    return Outcome.unknown(
        t(
            f"Les domaines du traitement ne sont pas déclarés : impossible de dire s'il relève {de(what.fr)}.",
            f"The fields of the processing are not declared: cannot tell whether it is {what.en}.",
        ),
        ("domains",),
    )


#: The answers of :func:`has_domain` when fields are declared, by those fields, the fields wanted
#: and the words of the type: they depend on nothing else, and some twenty rules ask per assessment
#: (the CNIL lists' items), again for every register row declaring the same fields. Bounded, like
#: ``_NO_DOMAINS``: the fields and words come from the input and from plug-ins.
_DOMAIN_ANSWERS = _Answers(1024)
_STORES.append(_DOMAIN_ANSWERS)


def has_domain(operation: ProcessingOperation, wanted: Iterable[Domain], what: Text) -> Outcome:
    """Met when one of the declared domains is in ``wanted``; unknown when none is declared."""
    domains = operation.domains
    if not domains:
        return _no_domains(what)
    wanted_set = frozenset(wanted)
    key = (domains, wanted_set, what.fr, what.en)
    return _DOMAIN_ANSWERS.answer(key, _domain_answer, domains, wanted_set, what)


def _domain_answer(domains: Sequence[Domain], wanted: frozenset[Domain], what: Text) -> Outcome:
    found = [d for d in domains if d in wanted]
    if found:
        labels = _labels(found)
        return Outcome.met(t(f"Domaine déclaré : {labels.fr}.", f"Field declared: {labels.en}."))
    labels = _labels(domains)
    return Outcome.not_met(
        t(
            f"Le traitement ne relève pas {de(what.fr)} (domaines déclarés : {labels.fr}).",
            f"The processing is not {what.en} (fields declared: {labels.en}).",
        )
    )


def entirely_of_type(
    operation: ProcessingOperation, core: Iterable[Domain], accessory: Iterable[Domain], what: Text
) -> Outcome:
    """Met when the processing is entirely of one type: a ``core`` domain, nothing outside ``core | accessory``.

    An exemption covers a type of processing, not a processing that also does
    something else: a component outside the type takes it out of the exemption.
    """
    core_set = frozenset(core)
    in_type = has_domain(operation, core_set, what)
    if in_type.status is not FindingStatus.MET:
        return in_type
    allowed = core_set | frozenset(accessory)
    outside = [d for d in operation.domains if d not in allowed]
    if outside:
        labels = _labels(outside)
        return Outcome.not_met(
            t(
                f"Le traitement relève {de(what.fr)}, mais aussi d'autres domaines ({labels.fr}) : la dispense "
                "ne vaut que pour un traitement entièrement de ce type.",
                f"The processing is {what.en}, but also covers other fields ({labels.en}): the exemption only "
                "covers a processing entirely of that type.",
            )
        )
    labels = _domain_labels(operation)
    return Outcome.met(
        t(
            f"Le traitement relève entièrement {de(what.fr)} (domaines déclarés : {labels.fr}).",
            f"The processing is entirely {what.en} (fields declared: {labels.en}).",
        )
    )


def data_of_kinds(operation: ProcessingOperation, kinds: Iterable[DataKind], what: Text) -> Outcome:
    """Met when data of one of ``kinds`` are processed; unknown when no data category is declared.

    Biometric data are also processed when the AI system identifies or verifies persons from them,
    declared as a data category or not; unknown when it works on images, voices or biometric data
    without saying (:func:`_ai_biometric`).
    """
    wanted = frozenset(kinds)
    if DataKind.BIOMETRIC in wanted and operation.ai_system is not None:
        return _with_ai_biometric(operation, _declared_kinds(operation, wanted, what))
    return _declared_kinds(operation, wanted, what)


_NO_DATA = Outcome.unknown(
    t("Les catégories de données ne sont pas déclarées.", "The data categories are not declared."), ("data",)
)


@per_operation
def _kinds(operation: ProcessingOperation) -> tuple[DataKind, ...]:
    """The kinds of the declared data categories, in order, repeats included."""
    return tuple(d.kind for d in operation.data)


#: The answers of :func:`_declared_kinds`, by the kinds declared, the kinds wanted and the words of
#: the data asked for: they depend on nothing else, and about a dozen rules ask per assessment.
#: Bounded: the words come from plug-ins, the kinds from the input.
_KIND_ANSWERS = _Answers(1024)
_STORES.append(_KIND_ANSWERS)


def _declared_kinds(operation: ProcessingOperation, wanted: frozenset[DataKind], what: Text) -> Outcome:
    """:func:`data_of_kinds` on the declared data categories alone."""
    if not operation.data:
        return _NO_DATA
    kinds = _kinds(operation)
    return _KIND_ANSWERS.answer((kinds, wanted, what.fr, what.en), _kind_answer, kinds, wanted, what)


def _kind_answer(kinds: tuple[DataKind, ...], wanted: frozenset[DataKind], what: Text) -> Outcome:
    found = [k for k in kinds if k in wanted]
    if found:
        labels = _labels(found)
        return Outcome.met(t(f"Données traitées : {labels.fr}.", f"Data processed: {labels.en}."))
    labels = _labels(kinds)
    return Outcome.not_met(
        t(
            f"Pas {de(what.fr)} parmi les données déclarées ({labels.fr}).",
            f"No {what.en} among the data declared ({labels.en}).",
        )
    )


def no_stated_value(operation: ProcessingOperation, *, path: str, what: Text, consequence: Text) -> Outcome:
    """A condition the controller must state (a basis, an authorising text) is not stated.

    On a draft this is unknown: the fact is still to come. On a record whose
    status is ``validated`` nothing more is coming, so the condition is not
    shown: the blocking issue is met, and the rationale says what to state.
    """
    if operation.status is Status.VALIDATED:
        return Outcome.met(
            t(
                f"Le traitement est validé sans que soit indiqué {what.fr} : {consequence.fr}",
                f"The processing is validated without {what.en} being stated: {consequence.en}",
            )
        )
    return Outcome.unknown(
        t(
            f"Reste à indiquer {what.fr} : {consequence.fr}",
            f"{what.en[0].upper()}{what.en[1:]} is not stated yet: {consequence.en}",
        ),
        [path],
    )


def flag(value: bool | None, *, path: str, yes: Text, no: Text, unknown: Text) -> Outcome:
    """A yes/no fact of the model: met, not met, or unknown (with its path) when ``None``.

    For answers written from the operation's facts; when the three answers are constant, a
    :class:`Flag` built once where the rule is defined gives the same outcomes.
    """
    if value:
        return Outcome.met(yes)
    if value is False:
        return Outcome.not_met(no)
    return Outcome.unknown(unknown, [path])


class Flag:
    """A yes/no fact of the model with its three constant answers, built once (a module constant).

    ``Flag(path=..., yes=..., no=..., unknown=...).judge(value)`` is
    ``flag(value, path=..., yes=..., no=..., unknown=...)``: the three outcomes are built here
    rather than at every call (outcomes and texts are frozen, so they can be shared), since a
    rule otherwise builds three texts to use one.
    """

    __slots__ = ("_met", "_not_met", "_unknown", "path")

    def __init__(self, *, path: str, yes: Text, no: Text, unknown: Text) -> None:
        self.path = path
        self._met = Outcome.met(yes)
        self._not_met = Outcome.not_met(no)
        self._unknown = Outcome.unknown(unknown, [path])

    def judge(self, value: bool | None) -> Outcome:
        """Met when ``value`` is true, not met when it is ``False``, unknown (with the path) when ``None``."""
        if value:
            return self._met
        if value is False:
            return self._not_met
        return self._unknown


# --- WP248 criteria and the facts they share with other rules -----------------------------------


def evaluation_scoring(operation: ProcessingOperation) -> Outcome:
    """WP248 criterion 1: evaluation or scoring of persons, profiling and predicting included."""
    ev, ai = operation.evaluation, operation.ai_system
    signs: list[Text] = []
    if ev.scoring:
        signs.append(
            t("évaluation ou notation de personnes déclarée", "evaluation or scoring of persons declared")
        )
    if ev.profiling:
        signs.append(t("profilage déclaré", "profiling declared"))
    if ai is not None and ai.profiling:
        signs.append(
            t(
                f"le système d'IA « {ai.name} » profile des personnes",
                f"AI system '{ai.name}' profiles persons",
            )
        )
    if ai is not None and AIOutput.SCORE in ai.outputs:
        signs.append(
            t(
                f"le système d'IA « {ai.name} » produit des scores ou classements de personnes",
                f"AI system '{ai.name}' outputs scores or rankings of persons",
            )
        )
    aspects = (
        t(f" (aspects évalués : {_labels(ev.aspects).fr})", f" (aspects evaluated: {_labels(ev.aspects).en})")
        if ev.aspects
        else t("", "")
    )
    if signs:
        return Outcome.met(
            t(
                "Évaluation ou notation de personnes : " + " ; ".join(s.fr for s in signs) + aspects.fr + ".",
                "Evaluation or scoring of persons: " + "; ".join(s.en for s in signs) + aspects.en + ".",
            )
        )
    contradicting = consistency.scoring_denied_with_signs(ev)
    if contradicting:
        # "No scoring" with aspects evaluated or a systematic and extensive evaluation declared:
        # the favourable side of a contradiction is never read (aipd.consistency).
        return Outcome.unknown(
            t(
                "Faits contradictoires : le traitement est dit n'évaluer ni noter personne "
                f"(evaluation.scoring), mais {', '.join(contradicting)} est renseigné{aspects.fr} ; le critère "
                "reste à trancher.",
                "Contradictory facts: the processing is said to evaluate or score no one (evaluation.scoring), "
                f"yet {', '.join(contradicting)} is given{aspects.en}; the criterion remains to be settled.",
            ),
            ["evaluation.scoring", *contradicting],
        )
    if ev.scoring is False:
        return Outcome.not_met(
            t(
                "Le traitement n'évalue ni ne note de personnes, profilage et prédiction compris.",
                "The processing does not evaluate or score persons, profiling and predicting included.",
            )
        )
    return Outcome.unknown(
        t(
            "On ne sait pas si le traitement évalue ou note des personnes (profilage et prédiction compris)"
            + aspects.fr
            + ".",
            "Whether the processing evaluates or scores persons (profiling and predicting included) is not known"
            + aspects.en
            + ".",
        ),
        ["evaluation.scoring"],
    )


@per_operation  # asked by several rules of one assessment
def profiling(operation: ProcessingOperation) -> Outcome:
    """Profiling (GDPR art. 4(4)) by the processing or its AI system."""
    ev, ai = operation.evaluation, operation.ai_system
    if ev.profiling or (ai is not None and ai.profiling):
        who = t(" par le système d'IA", " by the AI system") if not ev.profiling else t("", "")
        return Outcome.met(t(f"Profilage de personnes{who.fr}.", f"Profiling of persons{who.en}."))
    if ev.profiling is False:
        return Outcome.not_met(t("Aucun profilage de personnes.", "No profiling of persons."))
    return Outcome.unknown(
        t(
            "On ne sait pas si le traitement profile des personnes.",
            "Whether the processing profiles persons is not known.",
        ),
        ["evaluation.profiling"],
    )


_EXTERNAL_SOURCES = Flag(
    path="evaluation.external_sources",
    yes=t(
        "Le profilage utilise des données de sources externes.",
        "The profiling uses data from external sources.",
    ),
    no=t(
        "Le profilage n'utilise pas de données de sources externes.",
        "The profiling uses no external data.",
    ),
    unknown=t(
        "On ne sait pas si le profilage utilise des données de sources externes.",
        "Whether the profiling uses data from external sources is not known.",
    ),
)


def external_sources(operation: ProcessingOperation) -> Outcome:
    """Profiling fed by data from external sources (CNIL list 2018-327 item 10)."""
    return _EXTERNAL_SOURCES.judge(operation.evaluation.external_sources)


_SYSTEMATIC_EXTENSIVE = Flag(
    path="evaluation.systematic_extensive",
    yes=t(
        "Évaluation systématique et approfondie d'aspects personnels.",
        "Systematic and extensive evaluation of personal aspects.",
    ),
    no=t(
        "Pas d'évaluation systématique et approfondie d'aspects personnels.",
        "No systematic and extensive evaluation of personal aspects.",
    ),
    unknown=t(
        "On ne sait pas si l'évaluation d'aspects personnels est systématique et approfondie.",
        "Whether the evaluation of personal aspects is systematic and extensive is not known.",
    ),
)


def systematic_extensive_evaluation(operation: ProcessingOperation) -> Outcome:
    """GDPR art. 35(3)(a): a systematic and extensive evaluation of personal aspects."""
    return _SYSTEMATIC_EXTENSIVE.judge(operation.evaluation.systematic_extensive)


def automated_decision(operation: ProcessingOperation) -> Outcome:
    """WP248 criterion 2: decisions based on the processing, with legal or similarly significant effects."""
    d = operation.decisions
    solely_yet_not_automated = consistency.solely_automated_not_automated(d)
    contradicting = [
        pair
        for pair, found in (
            (
                ("decisions.automated", "decisions.human_involvement"),
                # With no notable effect, neither reading meets the criterion: it stays not met.
                solely_yet_not_automated and d.effect is not DecisionEffect.NONE,
            ),
            (("decisions.effect", "decisions.access_to_rights"), consistency.access_without_effect(d)),
        )
        if found
    ]
    if contradicting:
        # Never read the favourable side of a contradiction (aipd.consistency): ask both facts again.
        paths = [p for pair in contradicting for p in pair]
        return Outcome.unknown(
            t(
                f"Faits contradictoires ({' ; '.join(' et '.join(pair) for pair in contradicting)}) : on ne "
                "sait pas si des décisions produisant des effets juridiques ou similaires sont prises sur la "
                "base du traitement.",
                f"Contradictory facts ({'; '.join(' and '.join(pair) for pair in contradicting)}): whether "
                "decisions with legal or similarly significant effects are based on the processing is not known.",
            ),
            paths,
        )
    # « automated: false » contradicted by a solely automated decision is not a reason to give: with
    # no notable effect the criterion is not met on either reading, and the effect says why.
    if d.automated is False and not solely_yet_not_automated:
        return Outcome.not_met(
            t(
                "Aucune décision n'est prise sur la base du traitement automatisé.",
                "No decision is taken on the basis of the automated processing.",
            )
        )
    if d.effect is DecisionEffect.NONE:
        return Outcome.not_met(
            t(
                "Les décisions prises n'ont ni effet juridique ni effet significatif similaire sur les personnes.",
                "The decisions taken have no legal or similarly significant effect on the persons.",
            )
        )
    if d.automated and d.effect is not None:
        human = (
            t(
                f" ; intervention humaine : « {d.human_involvement.fr} »",
                f"; human involvement: '{d.human_involvement.en}'",
            )
            if d.human_involvement is not None
            else t("", "")
        )
        return Outcome.met(
            t(
                f"Des décisions sont prises sur la base du traitement automatisé (effet : « {d.effect.fr} »{human.fr}).",
                f"Decisions are taken on the basis of the automated processing (effect: '{d.effect.en}'{human.en}).",
            )
        )
    missing = [
        p for p, v in (("decisions.automated", d.automated), ("decisions.effect", d.effect)) if v is None
    ]
    return Outcome.unknown(
        t(
            "On ne sait pas si des décisions produisant des effets juridiques ou similaires sont prises sur la base du traitement.",
            "Whether decisions with legal or similarly significant effects are based on the processing is not known.",
        ),
        missing,
    )


def systematic_monitoring(operation: ProcessingOperation) -> Outcome:
    """WP248 criterion 3: observing, monitoring or controlling persons systematically."""
    m = operation.monitoring
    details: list[Text] = []
    if m.public_area:
        details.append(t("d'une zone accessible au public", "of a publicly accessible area"))
    if m.agents:
        details.append(t("de l'activité des agents", "of staff activity"))
    if m.constant:
        details.append(t("constante", "constant"))
    detail = (
        t(" (" + ", ".join(d.fr for d in details) + ")", " (" + ", ".join(d.en for d in details) + ")")
        if details
        else t("", "")
    )
    if consistency.constant_not_systematic(m):
        return Outcome.unknown(
            t(
                "Faits contradictoires : la surveillance est dite non systématique (monitoring.systematic) mais "
                f"constante (monitoring.constant){detail.fr} ; le critère reste à trancher.",
                "Contradictory facts: the monitoring is said not to be systematic (monitoring.systematic) yet "
                f"constant (monitoring.constant){detail.en}; the criterion remains to be settled.",
            ),
            ["monitoring.systematic", "monitoring.constant"],
        )
    return flag(
        m.systematic,
        path="monitoring.systematic",
        yes=t(
            f"Observation, surveillance ou contrôle systématique des personnes{detail.fr}.",
            f"Systematic observation, monitoring or control of persons{detail.en}.",
        ),
        no=t(
            f"Pas de surveillance systématique des personnes déclarée{detail.fr}.",
            f"No systematic monitoring of persons declared{detail.en}.",
        ),
        unknown=t(
            f"On ne sait pas si le traitement surveille les personnes de manière systématique{detail.fr}.",
            f"Whether the processing monitors persons systematically is not known{detail.en}.",
        ),
    )


_PUBLIC_AREA = Flag(
    path="monitoring.public_area",
    yes=t(
        "La surveillance porte sur une zone accessible au public.",
        "A publicly accessible area is monitored.",
    ),
    no=t("Aucune zone accessible au public n'est surveillée.", "No publicly accessible area is monitored."),
    unknown=t(
        "On ne sait pas si une zone accessible au public est surveillée.",
        "Whether a publicly accessible area is monitored is not known.",
    ),
)


def public_area(operation: ProcessingOperation) -> Outcome:
    """GDPR art. 35(3)(c): the monitoring covers a publicly accessible area."""
    return _PUBLIC_AREA.judge(operation.monitoring.public_area)


#: Special categories of data (GDPR art. 9(1)).
SPECIAL_CATEGORY_KINDS = frozenset(k for k in DataKind if k.is_special_category)
#: Special categories and offence data (GDPR arts. 9(1) and 10; art. 35(3)(b)).
SPECIAL_OR_OFFENCE_KINDS = SPECIAL_CATEGORY_KINDS | {DataKind.OFFENCES}
#: WP248 criterion 4: the above and data of a highly personal nature.
SENSITIVE_KINDS = SPECIAL_OR_OFFENCE_KINDS | {k for k in DataKind if k.is_highly_personal}


def sensitive_data(operation: ProcessingOperation) -> Outcome:
    """WP248 criterion 4: special categories, offence data, or data of a highly personal nature."""
    return data_of_kinds(
        operation,
        SENSITIVE_KINDS,
        t(
            "données sensibles (art. 9 et 10 du RGPD) ni de données à caractère hautement personnel",
            "sensitive data (GDPR arts. 9 and 10) or data of a highly personal nature",
        ),
    )


_SPECIAL_OR_OFFENCE_WORDS = t(
    "catégories particulières de données (art. 9.1) ni de données d'infraction (art. 10)",
    "special categories of data (art. 9(1)) or offence data (art. 10)",
)


def special_or_offence_data(operation: ProcessingOperation) -> Outcome:
    """GDPR art. 35(3)(b): special categories (art. 9(1)) or criminal convictions and offences (art. 10)."""
    return data_of_kinds(operation, SPECIAL_OR_OFFENCE_KINDS, _SPECIAL_OR_OFFENCE_WORDS)


@per_operation  # asked by several rules of one assessment
def _ai_biometric(operation: ProcessingOperation) -> Outcome | None:
    """What the AI system's own facts say of biometric data, or None when they say nothing.

    For the GDPR (art. 9(1)) and the CNIL's list (2018-327 item 11, whose examples are a fingerprint
    check of a patient's identity and hand-contour access to a school canteen), verifying who a
    person is from their biometric data is processing them "to identify a person uniquely", unlike
    the AI Act, which separates verification from identification (art. 3(35)-(36)). A system that
    works on images, voices or biometric data without saying whether it identifies persons leaves
    the fact unknown, never "no biometrics".
    """
    ai = operation.ai_system
    if ai is None:
        return None
    if ai.biometric_identification or AIArea.REMOTE_BIOMETRIC_IDENTIFICATION in ai.areas:
        return Outcome.met(
            t(
                f"Le système d'IA « {ai.name} » identifie des personnes par leurs données biométriques "
                "(art. 9.1 du RGPD).",
                f"AI system '{ai.name}' identifies persons from biometric data (GDPR art. 9(1)).",
            )
        )
    if ai.biometric_verification_only:
        return Outcome.met(
            t(
                f"Le système d'IA « {ai.name} » vérifie l'identité de personnes par leurs données biométriques : "
                "au sens de l'art. 9.1 du RGPD, ces données servent à identifier une personne de manière unique.",
                f"AI system '{ai.name}' verifies persons' identity from biometric data: under GDPR art. 9(1), "
                "these data serve to identify a person uniquely.",
            )
        )
    if ai.biometric_identification is None and biometric_input_possible(operation):
        return Outcome.unknown(
            t(
                f"Le système d'IA « {ai.name} » traite des images, des voix ou des données biométriques : on ne "
                "sait pas s'il identifie ou authentifie des personnes par leurs données biométriques.",
                f"AI system '{ai.name}' processes images, voices or biometric data: whether it identifies or "
                "authenticates persons from biometric data is not known.",
            ),
            ["ai_system.biometric_identification"],
        )
    return None


def _with_ai_biometric(operation: ProcessingOperation, declared: Outcome) -> Outcome:
    """``declared`` (the data categories) completed by the AI system's biometric facts."""
    if declared.status is FindingStatus.MET:
        return declared
    ai = _ai_biometric(operation)
    if ai is None or ai.status is FindingStatus.NOT_MET:
        return declared
    if ai.status is FindingStatus.MET:
        return ai
    return any_of(declared, ai)


def biometric_identification(operation: ProcessingOperation) -> Outcome:
    """Biometric data to identify a person uniquely (art. 9(1)), in the data or by the AI system."""
    return data_of_kinds(
        operation,
        [DataKind.BIOMETRIC],
        t(
            "données biométriques aux fins d'identifier une personne de manière unique",
            "biometric data for unique identification",
        ),
    )


def ai_component(operation: ProcessingOperation) -> Outcome:
    """An AI system that learns or infers (machine learning, deep learning, generative, logic-based)."""
    ai = operation.ai_system
    if ai is None:
        return Outcome.not_met(t("Aucun système d'IA.", "No AI system."))
    if not ai.techniques:
        return Outcome.unknown(
            t(
                f"Les techniques du système « {ai.name} » ne sont pas indiquées.",
                f"The techniques of system '{ai.name}' are not stated.",
            ),
            ["ai_system.techniques"],
        )
    labels = _labels(ai.techniques)
    if any(tq in _AI_COMPONENT_TECHNIQUES for tq in ai.techniques):
        return Outcome.met(
            t(
                f"Système d'IA « {ai.name} » ({labels.fr}).",
                f"AI system '{ai.name}' ({labels.en}).",
            )
        )
    return Outcome.not_met(
        t(
            f"Le système « {ai.name} » n'emploie que des règles fixes ou des statistiques classiques ({labels.fr}).",
            f"System '{ai.name}' uses only fixed rules or classical statistics ({labels.en}).",
        )
    )


#: Fields that belong to an individual professional's own practice besides the profession itself
#: (care of their patients, billing), as délibération 2019-118 items 6 and 7 read them.
PRACTICE_DOMAINS = frozenset({*RECITAL_91_DOMAINS, Domain.HEALTH_CARE, Domain.TAXATION_BILLING})


def individual_practice(operation: ProcessingOperation) -> Domain | None:
    """The profession of recital 91 whose own practice the processing is, or None.

    Recital 91 speaks of the data « from patients or clients by an individual physician, other
    health care professional or lawyer »: the controller is that professional, and the
    processing is their practice. A public body (a commune running a health centre) is not an
    individual professional, and a processing that also covers another field (statistics, a
    warehouse) is not only a practice: neither is set aside from "large scale" by the recital.
    """
    found = next((d for d in operation.domains if d in RECITAL_91_DOMAINS), None)
    if found is None or operation.controller.kind.is_public_law_body:
        return None
    if any(d not in PRACTICE_DOMAINS for d in operation.domains):
        return None
    return found


def _recital_91_outcome(operation: ProcessingOperation) -> Outcome | None:
    """Not met under recital 91 when the processing is an individual physician's or lawyer's practice."""
    d = individual_practice(operation)
    if d is None:
        return None
    return Outcome.not_met(
        t(
            f"Traitement d'un professionnel exerçant à titre individuel (« {d.fr} ») : "
            "le considérant 91 du RGPD exclut qu'il soit à grande échelle.",
            f"Processing by an individual professional ('{d.en}'): recital 91 GDPR rules out large scale.",
        )
    )


@functools.lru_cache(maxsize=1024)  # the same two figures, put into words by each large-scale rule
def _persons_sentence(persons: int, population: int | None) -> Text:
    n = fmt_int(persons)
    if population and persons <= population:
        share = _pct(persons / population)
        return t(
            f"{n.fr} personnes concernées, soit {share.fr} de la population de référence ({fmt_int(population).fr})",
            f"{n.en} persons concerned, {share.en} of the relevant population ({fmt_int(population).en})",
        )
    if population:
        return t(
            f"{n.fr} personnes concernées (population de référence : {fmt_int(population).fr})",
            f"{n.en} persons concerned (relevant population: {fmt_int(population).en})",
        )
    return t(f"{n.fr} personnes concernées", f"{n.en} persons concerned")


@per_screening  # criterion 5, and art. 35(3) where the share of the population counts
def large_scale(operation: ProcessingOperation, settings: Settings) -> Outcome:
    """WP248 criterion 5, with the factors of WP248 and WP243 and the thresholds of :class:`Settings`.

    1. Recital 91: an individual physician, health professional or lawyer is not large scale.
    2. Number of persons: at least ``settings.large_scale_persons``.
    3. Proportion of the relevant population: at least ``settings.large_scale_share``,
       with at least ``settings.large_scale_min_persons`` persons.
    4. The other factors together (volume of data or range of data items, permanence,
       geographical extent), with at least ``settings.large_scale_min_persons`` persons.
    """
    individual = _recital_91_outcome(operation)
    if individual is not None:
        return individual
    persons = operation.persons
    if persons is None:
        return _persons_unknown(operation, settings)
    return _judge_large_scale(
        operation, settings, persons, _persons_sentence(persons, operation.scale.relevant_population)
    )


def _persons_unknown(operation: ProcessingOperation, settings: Settings) -> Outcome:
    """The total is not known; the categories whose count is known may already reach the threshold
    (a category added without its count must not turn a met criterion into an unknown one)."""
    known = [s.count for s in operation.data_subjects if s.count is not None]
    floor = sum(known)
    if known and floor >= settings.large_scale_persons:
        n, threshold = fmt_int(floor), fmt_int(settings.large_scale_persons)
        return Outcome.met(
            t(
                f"Au moins {n.fr} personnes concernées (les catégories dont le nombre est connu ; seuil "
                f"retenu : {threshold.fr} personnes).",
                f"At least {n.en} persons concerned (the categories whose number is known; threshold used: "
                f"{threshold.en} persons).",
            )
        )
    return Outcome.unknown(
        t(
            "Le nombre de personnes concernées n'est pas connu.",
            "The number of persons concerned is not known.",
        ),
        ["scale.persons"],
    )


def _judge_large_scale(
    operation: ProcessingOperation, settings: Settings, persons: int, sentence: Text
) -> Outcome:
    """Criterion 5's factors 2 to 4 for ``persons``, the figure ``sentence`` states."""
    population = operation.scale.relevant_population
    threshold = fmt_int(settings.large_scale_persons)
    if persons >= settings.large_scale_persons:
        return Outcome.met(
            t(
                f"{sentence.fr} (seuil retenu : {threshold.fr} personnes).",
                f"{sentence.en} (threshold used: {threshold.en} persons).",
            )
        )
    minimum = fmt_int(settings.large_scale_min_persons)
    if persons < settings.large_scale_min_persons:
        return Outcome.not_met(
            t(
                f"{sentence.fr} : moins que le seuil retenu ({threshold.fr} personnes) et que le minimum "
                f"de {minimum.fr} personnes retenu pour les autres facteurs.",
                f"{sentence.en}: below the threshold used ({threshold.en} persons) and the minimum of "
                f"{minimum.en} persons used for the other factors.",
            )
        )
    head = t(
        f"{sentence.fr}, en deçà du seuil retenu ({threshold.fr} personnes). ",
        f"{sentence.en}, below the threshold used ({threshold.en} persons). ",
    )
    return reworded(
        any_of(_share_factor(persons, population, settings), _other_factors(operation, settings)), before=head
    )


def _share_factor(persons: int, population: int | None, settings: Settings) -> Outcome:
    wanted = _pct(settings.large_scale_share)
    if population is None:
        return Outcome.unknown(
            t(
                f"Population de référence inconnue : impossible de calculer la proportion (seuil retenu : {wanted.fr}).",
                f"Relevant population unknown: the proportion cannot be computed (threshold used: {wanted.en}).",
            ),
            ["scale.relevant_population"],
        )
    share = persons / population if population else 0.0
    got = _pct(share)
    if share >= settings.large_scale_share:
        return Outcome.met(
            t(
                f"Proportion de la population de référence : {got.fr} (seuil retenu : {wanted.fr}, "
                f"avec au moins {fmt_int(settings.large_scale_min_persons).fr} personnes).",
                f"Share of the relevant population: {got.en} (threshold used: {wanted.en}, "
                f"with at least {fmt_int(settings.large_scale_min_persons).en} persons).",
            )
        )
    return Outcome.not_met(
        t(
            f"Proportion de la population de référence : {got.fr}, sous le seuil retenu ({wanted.fr}).",
            f"Share of the relevant population: {got.en}, below the threshold used ({wanted.en}).",
        )
    )


def _records_factor(records: int | None, settings: Settings) -> Outcome:
    """WP248 criterion 5 (b), the volume of data: records a year against ``large_scale_records``."""
    records_min = fmt_int(settings.large_scale_records)
    if records is None:
        return Outcome.unknown(t("Volume annuel inconnu.", "Yearly volume unknown."), ["scale.records"])
    if records >= settings.large_scale_records:
        return Outcome.met(
            t(
                f"Volume : {fmt_int(records).fr} enregistrements par an (seuil retenu : {records_min.fr}).",
                f"Volume: {fmt_int(records).en} records a year (threshold used: {records_min.en}).",
            )
        )
    return Outcome.not_met(
        t(
            f"Volume : {fmt_int(records).fr} enregistrements par an, sous le seuil retenu ({records_min.fr}).",
            f"Volume: {fmt_int(records).en} records a year, below the threshold used ({records_min.en}).",
        )
    )


def _items_factor(items: int | None, settings: Settings) -> Outcome:
    """WP248 criterion 5 (b), « and/or the range of different data items »: ``scale.data_items``
    against ``large_scale_data_items``. Either part of factor (b) is enough."""
    items_min = fmt_int(settings.large_scale_data_items)
    if items is None:
        return Outcome.unknown(
            t(
                "Nombre de types de données collectés inconnu.",
                "Number of different data items collected unknown.",
            ),
            ["scale.data_items"],
        )
    if items >= settings.large_scale_data_items:
        return Outcome.met(
            t(
                f"Variété des données : {fmt_int(items).fr} types de données collectés (seuil retenu : "
                f"{items_min.fr}).",
                f"Range of data: {fmt_int(items).en} different data items collected (threshold used: "
                f"{items_min.en}).",
            )
        )
    return Outcome.not_met(
        t(
            f"Variété des données : {fmt_int(items).fr} types de données collectés, sous le seuil retenu "
            f"({items_min.fr}).",
            f"Range of data: {fmt_int(items).en} different data items collected, below the threshold used "
            f"({items_min.en}).",
        )
    )


def _other_factors(operation: ProcessingOperation, settings: Settings) -> Outcome:
    scale = operation.scale
    volume = any_of(_records_factor(scale.records, settings), _items_factor(scale.data_items, settings))
    duration = (
        t(f" ; durée : « {scale.duration} »", f"; duration: '{scale.duration}'")
        if scale.duration
        else t("", "")
    )
    if scale.frequency is None:
        permanence = Outcome.unknown(
            t(f"Fréquence inconnue{duration.fr}.", f"Frequency unknown{duration.en}."), ["scale.frequency"]
        )
    else:
        sentence = t(
            f"Fréquence : « {scale.frequency.fr} »{duration.fr}.",
            f"Frequency: '{scale.frequency.en}'{duration.en}.",
        )
        permanence = (
            Outcome.met(sentence) if scale.frequency is Frequency.CONTINUOUS else Outcome.not_met(sentence)
        )
    if scale.geographic_extent is None:
        extent = Outcome.unknown(
            t("Étendue géographique inconnue.", "Geographical extent unknown."), ["scale.geographic_extent"]
        )
    else:
        sentence = t(
            f"Étendue géographique : « {scale.geographic_extent.fr} ».",
            f"Geographical extent: '{scale.geographic_extent.en}'.",
        )
        extent = (
            Outcome.met(sentence)
            if scale.geographic_extent in settings.large_scale_extents
            else Outcome.not_met(sentence)
        )
    return all_of(volume, permanence, extent)


@per_screening  # art. 35(3)(b) and (c) and CNIL item 14 (when their data give no figure of their own)
def mandatory_large_scale(operation: ProcessingOperation, settings: Settings) -> Outcome:
    """ "Large scale" of the whole processing where it makes a DPIA mandatory (art. 35(3)(c)).

    By default only the absolute number of persons counts
    (``settings.mandatory_large_scale_absolute``); recital 91 applies as in :func:`large_scale`.
    Art. 35(3)(b) and CNIL 2018-327 item 14 use :func:`mandatory_large_scale_of_data`, which
    falls back on this one.
    """
    if not settings.mandatory_large_scale_absolute:
        return large_scale(operation, settings)
    individual = _recital_91_outcome(operation)
    if individual is not None:
        return individual
    persons = operation.persons
    if persons is None:
        return _persons_unknown(operation, settings)
    return _judge_mandatory(
        settings, persons, _persons_sentence(persons, operation.scale.relevant_population)
    )


def _judge_mandatory(settings: Settings, persons: int, sentence: Text) -> Outcome:
    """The absolute threshold alone, for ``persons``, the figure ``sentence`` states."""
    threshold = fmt_int(settings.large_scale_persons)
    if persons >= settings.large_scale_persons:
        return Outcome.met(
            t(
                f"{sentence.fr} (seuil retenu : {threshold.fr} personnes).",
                f"{sentence.en} (threshold used: {threshold.en} persons).",
            )
        )
    return Outcome.not_met(
        t(
            f"{sentence.fr} : moins que le seuil retenu là où l'AIPD est obligatoire ({threshold.fr} personnes). "
            "Choix de cette bibliothèque, que le texte ne fixe pas (Settings.mandatory_large_scale_absolute) : "
            "là, seul ce nombre compte ; la proportion de la population et les autres facteurs ne comptent "
            "qu'au titre du critère 5 des lignes directrices WP248.",
            f"{sentence.en}: below the threshold used where a DPIA is mandatory ({threshold.en} persons). This "
            "library's choice, which the text does not set (Settings.mandatory_large_scale_absolute): there, "
            "only this figure counts; the share of the population and the other factors count only towards "
            "WP248 criterion 5.",
        )
    )


def mandatory_large_scale_of_data(
    operation: ProcessingOperation, settings: Settings, kinds: Iterable[DataKind], whose: Text
) -> Outcome:
    """ "Large scale" of the processing of some data only, where it makes a DPIA mandatory.

    GDPR art. 35(3)(b) speaks of « traitement à grande échelle de catégories
    particulières de données […] ou de données […] relatives à des condamnations
    pénales et à des infractions », CNIL list 2018-327 item 14 of « traitements de
    données de localisation à large échelle »: the scale is that of the processing
    *of those data*. So the figure is the number of persons whose data of ``kinds``
    are processed (``data[].persons``); ``whose`` words them (« dont des données de
    localisation sont traitées »).

    - Every declared category of ``kinds`` gives ``persons``: their **sum**, capped
      by the number of all persons of the processing (``operation.persons``). Not
      the largest figure: the persons with health data and those with offence data
      may be different people, and the largest figure would then understate. The
      sum counts twice a person found in two categories, an overstatement bounded
      by the cap, and the rationale says the figure is "at most". A category above
      the number of all persons is an inconsistency: :func:`aipd.load` refuses it
      against ``scale.persons``; an operation built otherwise is judged on the
      number of all persons, and the rationale asks to correct the figures.
    - A category of ``kinds`` lacks ``persons``: the number of all persons, as
      :func:`mandatory_large_scale` judges it, and the rationale says that it is
      that number and which ``data[].persons`` would refine it. A missing figure
      never makes the answer less severe: all persons are at least as many as any
      part of them.
    - No category of ``kinds`` is declared: :func:`mandatory_large_scale` as is
      (the rule's other condition, "such data are processed", decides).

    Recital 91 and ``settings.mandatory_large_scale_absolute`` apply as in
    :func:`mandatory_large_scale`. With the latter off, the share of the relevant
    population is that of these persons; volume, permanence and extent stay those
    of the whole processing, the only ones the model holds.
    """
    individual = _recital_91_outcome(operation)
    if individual is not None:
        return individual
    wanted = frozenset(kinds)
    concerned = [(i, d) for i, d in enumerate(operation.data) if d.kind in wanted]
    if not concerned:
        return mandatory_large_scale(operation, settings)
    pending = [f"data[{i}].persons" for i, d in concerned if d.persons is None]
    if pending:
        whole = mandatory_large_scale(operation, settings)
        return reworded(whole, after=_whole_figure_note(operation, whole, pending, whose))
    figures = [(d.kind, d.persons) for _, d in concerned if d.persons is not None]
    declared = sum(n for _, n in figures)
    total = operation.persons
    figure = declared if total is None else min(declared, total)
    if len(figures) == 1:
        kind, n = figures[0]
        head = t(
            f"Personnes {whose.fr} : {fmt_int(n).fr} (« {kind.fr} »)",
            f"Persons {whose.en}: {fmt_int(n).en} ('{kind.en}')",
        )
    else:
        parts = Text(
            fr=" ; ".join(f"« {k.fr} » : {fmt_int(n).fr}" for k, n in figures),
            en="; ".join(f"'{k.en}': {fmt_int(n).en}" for k, n in figures),
        )
        head = t(
            f"Personnes {whose.fr} : au plus {fmt_int(declared).fr} ({parts.fr} ; somme des catégories, qui compte "
            "plusieurs fois une personne présente dans plusieurs d'entre elles)",
            f"Persons {whose.en}: at most {fmt_int(declared).en} ({parts.en}; sum of the categories, which counts "
            "a person found in several of them several times)",
        )
    if total is None:
        tail = t(
            ", le nombre de toutes les personnes du traitement n'étant pas connu",
            ", the number of all persons of the processing not being known",
        )
    elif declared > total:
        tail = t(
            f", ramenées aux {fmt_int(total).fr} personnes concernées par le traitement",
            f", capped at the {fmt_int(total).en} persons concerned by the processing",
        )
    else:
        tail = t(
            f", sur {fmt_int(total).fr} personnes concernées par le traitement",
            f", out of {fmt_int(total).en} persons concerned by the processing",
        )
    sentence = head + tail
    if settings.mandatory_large_scale_absolute:
        outcome = _judge_mandatory(settings, figure, sentence)
    else:
        outcome = _judge_large_scale(operation, settings, figure, sentence)
    above = [k for k, n in figures if total is not None and n > total]
    if above and total is not None:
        labels = _labels(above)
        outcome = reworded(
            outcome,
            after=t(
                f" Incohérence à corriger : le nombre de personnes indiqué pour {labels.fr} dépasse celui du "
                f"traitement entier ({fmt_int(total).fr}), qui est retenu.",
                f" Inconsistency to correct: the number of persons given for {labels.en} exceeds that of the "
                f"whole processing ({fmt_int(total).en}), which is used.",
            ),
        )
    return outcome


def _whole_figure_note(
    operation: ProcessingOperation, whole: Outcome, pending: Sequence[str], whose: Text
) -> Text:
    """What the rationale adds when a category lacks ``persons`` and all persons are counted instead."""
    paths = ", ".join(pending)
    if operation.persons is None:
        return t(
            f" Le nombre de personnes {whose.fr} suffirait aussi, indiqué pour chacune de ces catégories ({paths}).",
            f" The number of persons {whose.en} would also do, given for each of these categories ({paths}).",
        )
    if whole.status is FindingStatus.NOT_MET:
        return t(
            f" Ce nombre est celui de toutes les personnes du traitement ; celles {whose.fr} ne peuvent être "
            "plus nombreuses.",
            f" That figure is the number of all persons of the processing; those {whose.en} cannot be more.",
        )
    return t(
        f" Ce nombre est celui de toutes les personnes du traitement, pas seulement de celles {whose.fr} : "
        f"indiquer le nombre de personnes de chacune de ces catégories ({paths}) permettrait de l'affiner.",
        f" That figure is the number of all persons of the processing, not only of those {whose.en}: giving "
        f"the number of persons of each of these categories ({paths}) would refine it.",
    )


def matching_combining(operation: ProcessingOperation) -> Outcome:
    """WP248 criterion 6: datasets from different purposes or controllers, beyond reasonable expectations."""
    mt = operation.matching
    if consistency.combines_denied_with_datasets(mt):
        listed = " ; ".join(mt.sources)
        return Outcome.unknown(
            t(
                f"Faits contradictoires : aucun croisement n'est déclaré (matching.combines), mais plusieurs jeux "
                f"de données croisés sont listés (matching.sources : {listed}) ; le critère reste à trancher.",
                "Contradictory facts: no matching is declared (matching.combines), yet several combined datasets "
                f"are listed (matching.sources: {'; '.join(mt.sources)}); the criterion remains to be settled.",
            ),
            ["matching.combines", "matching.sources"],
        )
    if mt.combines is False:
        return Outcome.not_met(
            t("Aucun croisement ni combinaison de jeux de données.", "No datasets are matched or combined.")
        )
    if mt.different_purposes_or_controllers is False:
        return Outcome.not_met(
            t(
                "Les jeux de données croisés proviennent de traitements de même finalité et du même responsable.",
                "The datasets combined come from processing with the same purpose and controller.",
            )
        )
    if mt.beyond_expectations is False:
        return Outcome.not_met(
            t(
                "Le croisement n'excède pas les attentes raisonnables des personnes.",
                "The matching does not exceed the persons' reasonable expectations.",
            )
        )
    sources = (
        t(" (" + " ; ".join(mt.sources) + ")", " (" + "; ".join(mt.sources) + ")")
        if mt.sources
        else t("", "")
    )
    if mt.combines and mt.different_purposes_or_controllers and mt.beyond_expectations:
        return Outcome.met(
            t(
                f"Jeux de données croisés{sources.fr}, issus de traitements aux finalités ou responsables différents, "
                "d'une manière qui excède les attentes raisonnables des personnes.",
                f"Datasets combined{sources.en}, from processing for different purposes or by different controllers, "
                "in a way that exceeds the persons' reasonable expectations.",
            )
        )
    missing = [
        p
        for p, v in (
            ("matching.combines", mt.combines),
            ("matching.different_purposes_or_controllers", mt.different_purposes_or_controllers),
            ("matching.beyond_expectations", mt.beyond_expectations),
        )
        if v is None
    ]
    return Outcome.unknown(
        t(
            f"On ne sait pas encore si des jeux de données{sources.fr} sont croisés au-delà des attentes des personnes.",
            f"Whether datasets{sources.en} are combined beyond the persons' expectations is not known yet.",
        ),
        missing,
    )


@per_operation  # asked by several rules of one assessment
def vulnerable_subjects(operation: ProcessingOperation) -> Outcome:
    """WP248 criterion 7: vulnerable persons (recital 75), declared or implied by their kind."""
    subjects = operation.data_subjects
    if not subjects:
        return Outcome.unknown(
            t(
                "Les catégories de personnes concernées ne sont pas déclarées.",
                "The categories of persons concerned are not declared.",
            ),
            ["data_subjects"],
        )
    found: list[Text] = []
    pending: list[int] = []
    for i, s in enumerate(subjects):
        if s.is_vulnerable:
            why = (
                _labels(s.vulnerabilities)
                if s.vulnerabilities
                else t("déclarées vulnérables", "declared vulnerable")
            )
            found.append(t(f"« {s.kind.fr} » ({why.fr})", f"'{s.kind.en}' ({why.en})"))
        elif s.kind in IMPLIED_BY_READING:
            v, why = IMPLIED_VULNERABILITY[s.kind], IMPLIED_BY_READING[s.kind]
            found.append(
                t(
                    f"« {s.kind.fr} » ({v.fr.lower()} ; lecture de cette bibliothèque : {why.fr})",
                    f"'{s.kind.en}' ({v.en.lower()}; this library's reading: {why.en})",
                )
            )
        elif s.kind in IMPLIED_VULNERABILITY:
            v = IMPLIED_VULNERABILITY[s.kind]
            found.append(
                t(
                    f"« {s.kind.fr} » (vulnérabilité reconnue par les lignes directrices : {v.fr.lower()})",
                    f"'{s.kind.en}' (vulnerability the guidelines recognise: {v.en.lower()})",
                )
            )
        elif s.vulnerable is None:
            pending.append(i)
    if found:
        return Outcome.met(
            t(
                "Personnes vulnérables concernées : " + " ; ".join(f.fr for f in found) + ".",
                "Vulnerable persons concerned: " + "; ".join(f.en for f in found) + ".",
            )
        )
    if pending:
        labels = _labels(subjects[i].kind for i in pending)
        return Outcome.unknown(
            t(
                f"On ne sait pas si ces personnes sont vulnérables : {labels.fr}.",
                f"Whether these persons are vulnerable is not known: {labels.en}.",
            ),
            [f"data_subjects[{i}].vulnerable" for i in pending],
        )
    labels = _labels(s.kind for s in subjects)
    return Outcome.not_met(
        t(
            f"Aucune catégorie de personnes vulnérables ({labels.fr}).",
            f"No category of vulnerable persons ({labels.en}).",
        )
    )


def innovative_use(operation: ProcessingOperation) -> Outcome:
    """WP248 criterion 8, with the CNIL's AI nuance (fiche IA n° 5): AI is not innovative per se."""
    tech, ai = operation.technology, operation.ai_system
    why = (
        t(f" ({_quote(tech.justification).fr})", f" ({_quote(tech.justification).en})")
        if tech.justification
        else t("", "")
    )
    if tech.innovative:
        return Outcome.met(
            t(
                f"Usage innovant ou nouvelle solution technologique ou organisationnelle déclaré{why.fr}.",
                f"Innovative use or new technological or organisational solution declared{why.en}.",
            )
        )
    if tech.innovative is False:
        return Outcome.not_met(
            t(
                f"La solution n'est pas innovante au regard de l'état des connaissances{why.fr}.",
                f"The solution is not innovative in the state of the art{why.en}.",
            )
        )
    if ai is not None and ai.techniques:
        labels = _labels(ai.techniques)
        new = [tq for tq in ai.techniques if tq in NEW_AI_TECHNIQUES]
        if new:
            new_labels = _labels(new)
            return Outcome.met(
                t(
                    f"Le système d'IA « {ai.name} » emploie {new_labels.fr} : techniques encore nouvelles, "
                    "présumées innovantes (CNIL, fiche IA n° 5). Indiquez technology.innovative pour écarter "
                    "cette présomption.",
                    f"AI system '{ai.name}' uses {new_labels.en}: still-new techniques, presumed innovative "
                    "(CNIL, AI sheet 5). Set technology.innovative to rebut the presumption.",
                )
            )
        # The AI settles only its own part: the rest of the solution may still be new, so
        # the criterion stays open until technology.innovative says (an AI system added to
        # a processing must never make the criterion less severe than without it).
        return Outcome.unknown(
            t(
                f"Le système d'IA « {ai.name} » n'emploie que des techniques éprouvées ({labels.fr}) : l'IA "
                "n'est pas un usage innovant en soi (CNIL, fiche IA n° 5). On ne sait pas si une autre "
                "composante de la solution est nouvelle (technology.innovative).",
                f"AI system '{ai.name}' uses only proven techniques ({labels.en}): AI is not innovative per se "
                "(CNIL, AI sheet 5). Whether another component of the solution is new is not known "
                "(technology.innovative).",
            ),
            ["technology.innovative"],
        )
    missing = ["technology.innovative"]
    if ai is not None:
        missing.append("ai_system.techniques")
    return Outcome.unknown(
        t(
            "On ne sait pas si la solution est innovante au regard de l'état des connaissances.",
            "Whether the solution is innovative in the state of the art is not known.",
        ),
        missing,
    )


_ACCESS_TO_RIGHTS = Flag(
    path="decisions.access_to_rights",
    yes=t(
        "Le traitement autorise, modifie ou refuse l'accès à un droit, un service ou un contrat.",
        "The processing allows, changes or refuses access to a right, a service or a contract.",
    ),
    no=t(
        "Le traitement ne conditionne l'accès à aucun droit, service ni contrat.",
        "The processing does not condition access to any right, service or contract.",
    ),
    unknown=t(
        "On ne sait pas si le traitement conditionne l'accès à un droit, un service ou un contrat.",
        "Whether the processing conditions access to a right, a service or a contract is not known.",
    ),
)


def prevents_right(operation: ProcessingOperation) -> Outcome:
    """WP248 criterion 9: the processing allows, changes or refuses access to a right, service or contract."""
    if Domain.CONTRACT_EXCLUSION in operation.domains:
        return Outcome.met(
            t(
                f"Domaine déclaré : « {Domain.CONTRACT_EXCLUSION.fr} ».",
                f"Field declared: '{Domain.CONTRACT_EXCLUSION.en}'.",
            )
        )
    return _ACCESS_TO_RIGHTS.judge(operation.decisions.access_to_rights)
