"""The AI Act, pure: findings of ``builtin.ai_act`` → class, duties, dates and FRIA.

Runs after screening. :func:`classify` reads the findings the built-in
plug-in ``builtin.ai_act`` contributed (``ai-act:*``) and states:

- the **class** of the system under Regulation (EU) 2024/1689: not an AI system
  (art. 3(1)), prohibited (art. 5), high-risk with its Annex III points
  (art. 6(2)), transparency duties (art. 50), minimal risk, or unknown with the
  facts still needed (and the class the known facts point to);
- the body's **role** and the **duties** it brings (art. 4, 5, 26, 27, 49, 50,
  86), each with the date it applies from;
- the **dates**: those of art. 113 and art. 111(2), and, apart and marked as
  reported, the postponements of the Digital Omnibus on AI, which could not be
  verified in the Official Journal;
- the **fundamental rights impact assessment** (FRIA, art. 27): whether it is
  due, and its content (a)–(f) filled from the DPIA's facts where art. 27(4)
  lets the FRIA complement the DPIA, with what is still missing.

Classification does not depend on dates: the class is one question, when its
obligations bite another. The reference date is the operation's own
(``updated``, else ``created``), never the clock.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from aipd.catalogue import FindingStatus, Source, id_sort_key
from aipd.i18n import Text, format_date, format_number, t
from aipd.model import AISystem, ProcessingOperation
from aipd.screening import Finding
from aipd.vocabulary import (
    AIArea,
    AIOutput,
    AIRole,
    AITechnique,
    DecisionEffect,
    OrganisationKind,
    SubjectKind,
    Vocabulary,
)

__all__ = [
    "FRIA",
    "AIActAssessment",
    "AIActClass",
    "AIActDeadline",
    "AIActDuty",
    "FRIAElement",
    "FRIAStatus",
    "classify",
]

AI_ACT_URL = "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32024R1689"

#: Ids of the findings of ``builtin.ai_act`` this module reads.
AI_SYSTEM_ID = "ai-act:ai-system"
PROHIBITED_IDS = tuple(f"ai-act:art5-1-{letter}" for letter in "abcdefgh")
ANNEX_III_PREFIX = "ai-act:annex-iii-"
TRANSPARENCY_IDS = (
    "ai-act:art50-1",
    "ai-act:art50-2",
    "ai-act:art50-3",
    "ai-act:art50-4-deep-fake",
    "ai-act:art50-4-public-text",
)


def _annex_id(area: AIArea) -> str:
    return f"{ANNEX_III_PREFIX}{area.annex_iii_point}"


#: Art. 27(1): no FRIA for point 2 (critical infrastructure); every deployer for points 5(b), (c).
FRIA_EXCLUDED = _annex_id(AIArea.CRITICAL_INFRASTRUCTURE)
FRIA_ANY_DEPLOYER = (_annex_id(AIArea.CREDITWORTHINESS), _annex_id(AIArea.INSURANCE_PRICING))

#: Art. 113: prohibitions and AI literacy; general application (arts. 26, 27, 49, 50).
PROHIBITIONS_DATE = dt.date(2025, 2, 2)
GENERAL_DATE = dt.date(2026, 8, 2)
#: Art. 111(2): high-risk systems used by public authorities, in service before 2 August 2026.
LEGACY_PUBLIC_DATE = dt.date(2030, 8, 2)
#: Digital Omnibus on AI, as reported by secondary sources (not verified in the OJ).
OMNIBUS_ANNEX_III_DATE = dt.date(2027, 12, 2)
OMNIBUS_ART50_2_DATE = dt.date(2026, 12, 2)
#: New art. 5 prohibitions (non-consensual intimate imagery, child sexual abuse material), reported likewise.
OMNIBUS_NEW_PROHIBITIONS_DATE = dt.date(2026, 12, 2)


class AIActClass(Vocabulary):
    """Where the AI Act puts the system."""

    NOT_AI_SYSTEM = "not_ai_system", "Pas un système d'IA (art. 3.1)", "Not an AI system (art. 3(1))"
    PROHIBITED = "prohibited", "Pratique interdite (art. 5)", "Prohibited practice (art. 5)"
    HIGH_RISK = (
        "high_risk",
        "Système à haut risque (art. 6 et annexe III)",
        "High-risk system (art. 6 and Annex III)",
    )
    TRANSPARENCY = (
        "transparency",
        "Obligations de transparence (art. 50)",
        "Transparency obligations (art. 50)",
    )
    MINIMAL_RISK = "minimal_risk", "Risque minimal", "Minimal risk"
    UNKNOWN = "unknown", "Inconnu : des faits manquent", "Unknown: facts are missing"


class FRIAStatus(Vocabulary):
    """How far the DPIA's facts fill an element of the FRIA (art. 27(4))."""

    FILLED = "filled", "Renseigné à partir de l'AIPD", "Filled from the DPIA"
    PARTIAL = "partial", "Partiellement renseigné : à compléter", "Partly filled: to complete"
    MISSING = "missing", "À rédiger", "To write"


Addressee = Literal["provider", "deployer", "provider_and_deployer"]


@attrs.frozen(kw_only=True)
class AIActDuty:
    """One obligation the AI Act puts on the body, with its article and the date it applies from.

    ``in_force`` compares ``applies_from`` with the operation's reference date;
    ``None`` when that date is not known.
    """

    id: str
    article: Text
    title: Text
    addressee: Addressee
    applies_from: dt.date
    in_force: bool | None
    source: Source
    detail: Text | None = None


@attrs.frozen(kw_only=True)
class AIActDeadline:
    """A date of application; ``reported`` when it comes from texts not verified in the OJ."""

    id: str
    date: dt.date
    title: Text
    source: Source
    reported: bool = False


@attrs.frozen(kw_only=True)
class FRIAElement:
    """One element of art. 27(1)(a)–(f), with what the DPIA already says and what is missing."""

    letter: str
    title: Text
    content: tuple[Text, ...]
    status: FRIAStatus
    missing: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class FRIA:
    """The fundamental rights impact assessment (art. 27): due or not, why, and its content."""

    due: bool | None
    reason: Text
    source: Source
    elements: tuple[FRIAElement, ...] = ()
    missing_facts: tuple[str, ...] = ()
    notes: tuple[Text, ...] = ()


@attrs.frozen(kw_only=True)
class AIActAssessment:
    """The AI Act analysis of one operation's AI system."""

    ai_class: AIActClass
    #: The class the known facts point to when ``ai_class`` is unknown (``None`` otherwise).
    provisional_class: AIActClass | None
    article: Text
    rationale: Text
    #: Ids of the findings that decided the class (or keep it open).
    decided_by: tuple[str, ...]
    prohibited: tuple[str, ...]
    annex_iii: tuple[str, ...]
    transparency: tuple[str, ...]
    role: AIRole | None
    duties: tuple[AIActDuty, ...]
    deadlines: tuple[AIActDeadline, ...]
    fria: FRIA
    missing_facts: tuple[str, ...]
    notes: tuple[Text, ...]
    reference_date: dt.date | None


# --- sources ------------------------------------------------------------------------------------


@functools.cache  # a few dozen citations, made again at every classification
def _src(fr: str, en: str, reliability: Literal["verified", "secondary", "recalled"] = "recalled") -> Source:
    return Source(
        citation=t(f"Règlement (UE) 2024/1689 (AI Act), {fr}", f"Regulation (EU) 2024/1689 (AI Act), {en}"),
        url=AI_ACT_URL,
        reliability=reliability,
    )


OMNIBUS_SOURCE = Source(
    citation=t(
        "Omnibus numérique sur l'IA (accord politique du 7 mai 2026, adoption par le Parlement européen le "
        "16 juin 2026 et par le Conseil fin juin 2026), d'après des sources secondaires concordantes ; la "
        "publication au Journal officiel de l'UE n'a pas été vérifiée",
        "Digital Omnibus on AI (political agreement of 7 May 2026, adopted by the European Parliament on "
        "16 June 2026 and by the Council at the end of June 2026), according to concordant secondary sources; "
        "publication in the Official Journal of the EU was not verified",
    ),
    url=None,
    reliability="secondary",
)


# --- helpers ------------------------------------------------------------------------------------


def _join(findings: Sequence[Finding]) -> Text:
    return Text(
        fr=" ".join(dict.fromkeys(f.rationale.fr for f in findings)),
        en=" ".join(dict.fromkeys(f.rationale.en for f in findings)),
    )


def _dedup(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _points(ids: Iterable[str]) -> Text:
    """The Annex III points of ``ids`` as each language writes them (« 1 a, 5 a », "1(a), 5(a)")."""
    pts = [i.removeprefix(ANNEX_III_PREFIX) for i in ids]
    fr = ", ".join(p.replace("-", " ") for p in pts)
    en = ", ".join(p if "-" not in p else f"{p.split('-')[0]}({p.split('-')[1]})" for p in pts)
    return t(fr, en)


def _point_words(ids: Iterable[str]) -> Text:
    """« point 5 a » or « points 1 a, 5 a »: the points of Annex III with the word they take."""
    ids = list(ids)
    points = _points(ids)
    word = "point" if len(ids) == 1 else "points"
    return t(f"{word} {points.fr}", f"{word} {points.en}")


def _met(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.status is FindingStatus.MET]


def _unknown(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.status is FindingStatus.UNKNOWN]


def _in_force(date: dt.date, reference: dt.date | None) -> bool | None:
    return None if reference is None else reference >= date


def _letters(ids: Iterable[str]) -> str:
    return ", ".join(i.removeprefix("ai-act:art5-1-") for i in ids)


def _class_of(
    prohibited: Sequence[Finding], annex: Sequence[Finding], transparency: Sequence[Finding]
) -> tuple[AIActClass, list[Finding], Text]:
    """The class the given findings (taken as met) decide, with them and its article."""
    if prohibited:
        letters = _letters(f.id for f in prohibited)
        return AIActClass.PROHIBITED, list(prohibited), t(f"art. 5.1 ({letters})", f"art. 5(1) ({letters})")
    if annex:
        points = _point_words(f.id for f in annex)
        return (
            AIActClass.HIGH_RISK,
            list(annex),
            t(f"art. 6.2 et annexe III, {points.fr}", f"art. 6(2) and Annex III, {points.en}"),
        )
    if transparency:
        pars = ", ".join(f.id.removeprefix("ai-act:art50-") for f in transparency)
        return AIActClass.TRANSPARENCY, list(transparency), t(f"art. 50 ({pars})", f"art. 50 ({pars})")
    return (
        AIActClass.MINIMAL_RISK,
        [],
        t(
            "aucune obligation propre hors l'art. 4 ; codes de conduite volontaires (art. 95)",
            "no specific obligation beyond art. 4; voluntary codes of conduct (art. 95)",
        ),
    )


# --- classify -----------------------------------------------------------------------------------


def classify(operation: ProcessingOperation, findings: Iterable[Finding]) -> AIActAssessment:
    """The AI Act class, role, duties, dates and FRIA of ``operation``'s AI system."""
    by_id = {f.id: f for f in findings}
    reference = operation.reference_date
    ai = operation.ai_system
    qualification = by_id.get(AI_SYSTEM_ID)
    if ai is None or qualification is None:
        return _without_rules(operation, ai, reference)

    prohibited = [by_id[i] for i in PROHIBITED_IDS if i in by_id]
    annex = sorted((f for f in by_id.values() if f.id.startswith(ANNEX_III_PREFIX)), key=lambda f: f.id)
    transparency = [by_id[i] for i in TRANSPARENCY_IDS if i in by_id]
    prohibited_met, annex_met, transparency_met = _met(prohibited), _met(annex), _met(transparency)

    provisional: AIActClass | None = None
    pending: list[Finding] = []
    if qualification.status is FindingStatus.NOT_MET:
        cls, decisive = AIActClass.NOT_AI_SYSTEM, [qualification]
        article = t("art. 3.1 et considérant 12", "art. 3(1) and recital 12")
    elif prohibited_met:
        cls, decisive, article = _class_of(prohibited_met, annex_met, transparency_met)
    else:
        cls, decisive, article = _class_of([], annex_met, transparency_met)
        pending = _unknown([qualification]) + _unknown(prohibited)
        if cls is not AIActClass.HIGH_RISK:
            pending += _unknown(annex)
        if cls is AIActClass.MINIMAL_RISK:
            pending += _unknown(transparency)
        if pending:
            provisional, cls = cls, AIActClass.UNKNOWN
        if qualification.status is FindingStatus.UNKNOWN:
            # While art. 3(1) is open, every rule its facts meet is unknown, so no rule is met
            # and the class read "minimal risk" even for a declared recruitment system. The
            # class the known facts point to is the one those rules give once it is an AI system.
            open_facts = set(qualification.missing)

            def pointing(found: Sequence[Finding]) -> list[Finding]:
                return [f for f in _unknown(found) if set(f.missing) <= open_facts]

            provisional, _, article = _class_of(pointing(prohibited), pointing(annex), pointing(transparency))
    rationale = (
        _join(decisive)
        if decisive
        else t("Aucune règle de l'AI Act n'est remplie.", "No AI Act rule is met.")
    )
    if pending:
        rationale = rationale + t(" À trancher : ", " To settle: ") + _join(pending)

    role = ai.role
    is_deployer = role in (None, AIRole.DEPLOYER, AIRole.BOTH)
    is_provider = role in (AIRole.PROVIDER, AIRole.BOTH)
    notes: list[Text] = []
    missing: list[str] = [m for f in pending for m in f.missing]
    if role is None:
        missing.append("ai_system.role")
        notes.append(
            t(
                "Le rôle de l'organisme n'est pas indiqué : un organisme qui utilise un système d'IA sous sa propre "
                "autorité en est le déployeur (art. 3.4) ; s'il l'a aussi développé ou le met en service sous son "
                "nom, il en est le fournisseur (art. 3.3). Les obligations du déployeur sont listées.",
                "The body's role is not stated: a body using an AI system under its authority is its deployer "
                "(art. 3(4)); if it also developed it or puts it into service under its name, it is its provider "
                "(art. 3(3)). The deployer's obligations are listed.",
            )
        )
    high_risk_ids = tuple(f.id for f in annex_met)
    declared = {_annex_id(a) for a in ai.areas}
    derogations = [f for f in annex if f.status is FindingStatus.NOT_MET and f.id in declared]
    if derogations and ai.art6_3_conditions:
        notes.append(
            t(
                "Dérogation de l'art. 6.3 invoquée : le fournisseur documente son appréciation avant la mise sur le "
                "marché (art. 6.4) et enregistre le système (art. 49.2) ; l'autorité de surveillance peut la "
                "contester.",
                "Art. 6(3) derogation relied on: the provider documents its assessment before placing on the "
                "market (art. 6(4)) and registers the system (art. 49(2)); the market surveillance authority may "
                "challenge it.",
            )
        )
    if AIActClass.HIGH_RISK not in (cls, provisional) and cls not in (
        AIActClass.NOT_AI_SYSTEM,
        AIActClass.PROHIBITED,
    ):
        # No fact of the model describes Annex I products: say it was not checked, never "not high-risk".
        notes.append(
            t(
                "L'art. 6.1 n'est pas examiné : un système d'IA qui est un produit, ou le composant de sécurité "
                "d'un produit, relevant de la législation de l'annexe I et soumis à une évaluation de la "
                "conformité par un tiers (dispositif médical, machine, ascenseur, jouet…) est aussi à haut "
                "risque, à compter du 2 août 2027 (art. 113.c) ; vérifiez-le auprès du fournisseur.",
                "Art. 6(1) is not examined: an AI system that is a product, or the safety component of a "
                "product, covered by the Annex I legislation and subject to third-party conformity assessment "
                "(medical device, machinery, lift, toy…) is high-risk too, from 2 August 2027 (art. 113(c)); "
                "check it with the provider.",
            )
        )
    duties: list[AIActDuty] = []
    if cls is not AIActClass.NOT_AI_SYSTEM:
        duties += _general_duties(reference)
    if cls is AIActClass.PROHIBITED:
        duties.append(_prohibition_duty(prohibited_met, reference))
    if annex_met and cls is not AIActClass.PROHIBITED:
        hr_date, hr_note = _high_risk_date(operation, ai)
        if hr_note is not None:
            notes.append(hr_note)
        if is_deployer:
            duties += _deployer_duties(operation, ai, high_risk_ids, hr_date, reference)
            notes.append(
                t(
                    "Un déployeur devient fournisseur s'il appose son nom ou sa marque sur le système, le modifie "
                    "substantiellement ou en change la destination (art. 25.1).",
                    "A deployer becomes a provider if it puts its name or trademark on the system, modifies it "
                    "substantially or changes its intended purpose (art. 25(1)).",
                )
            )
        if is_provider:
            duties += _provider_duties(hr_date, reference)
    if cls is not AIActClass.NOT_AI_SYSTEM and cls is not AIActClass.PROHIBITED:
        duties += _transparency_duties(transparency_met, role, reference)
    if ai.in_service_since is None and annex_met:
        missing.append("ai_system.in_service_since")

    fria = _fria(operation, ai, cls, high_risk_ids, _unknown(annex), is_deployer)
    missing += fria.missing_facts
    if fria.due:
        hr_date, _ = _high_risk_date(operation, ai)
        duties.append(_fria_duty(fria, hr_date, reference))
    if cls is not AIActClass.NOT_AI_SYSTEM and cls is not AIActClass.PROHIBITED:
        # Transparency duties come on top of any class: their open facts stay to settle.
        missing += [m for f in _unknown(transparency) for m in f.missing]
    return AIActAssessment(
        ai_class=cls,
        provisional_class=provisional,
        article=article,
        rationale=rationale,
        decided_by=tuple(f.id for f in decisive + pending),
        prohibited=tuple(f.id for f in prohibited_met),
        annex_iii=high_risk_ids,
        transparency=tuple(f.id for f in transparency_met),
        role=role,
        duties=tuple(sorted(duties, key=lambda d: (d.applies_from, id_sort_key(d.id)))),
        deadlines=_deadlines(cls, provisional, operation, bool(transparency_met)),
        fria=fria,
        missing_facts=_dedup(missing),
        notes=tuple(notes),
        reference_date=reference,
    )


def _without_rules(
    operation: ProcessingOperation, ai: AISystem | None, reference: dt.date | None
) -> AIActAssessment:
    if ai is None:
        cls, rationale = (
            AIActClass.NOT_AI_SYSTEM,
            t(
                "Aucun système d'IA n'est déclaré pour ce traitement.",
                "No AI system is declared for this processing.",
            ),
        )
        notes: tuple[Text, ...] = ()
    else:
        cls, rationale = (
            AIActClass.UNKNOWN,
            t(
                "Les règles de l'AI Act (plug-in builtin.ai_act) n'ont pas été consultées.",
                "The AI Act rules (plug-in builtin.ai_act) were not consulted.",
            ),
        )
        notes = (
            t(
                "Le plug-in builtin.ai_act est bloqué ou absent : aucune classification n'est proposée.",
                "Plug-in builtin.ai_act is blocked or missing: no classification is proposed.",
            ),
        )
    return AIActAssessment(
        ai_class=cls,
        provisional_class=None,
        article=t("art. 3.1", "art. 3(1)"),
        rationale=rationale,
        decided_by=(),
        prohibited=(),
        annex_iii=(),
        transparency=(),
        role=ai.role if ai is not None else None,
        duties=(),
        deadlines=(),
        fria=FRIA(due=False if ai is None else None, reason=rationale, source=_FRIA_SOURCE),
        missing_facts=(),
        notes=notes,
        reference_date=reference,
    )


# --- duties -------------------------------------------------------------------------------------


#: The words of a duty's article and title, each pair put into a Text once: the duties are
#: literals of this module (and art. 5's letters, a few), listed again at every classification.
_words = functools.lru_cache(maxsize=256)(Text)


def _duty(
    id: str,
    article: tuple[str, str],
    title: tuple[str, str],
    addressee: Addressee,
    applies_from: dt.date,
    reference: dt.date | None,
    source: Source,
    detail: Text | None = None,
) -> AIActDuty:
    return AIActDuty(
        id=id,
        article=_words(*article),
        title=_words(*title),
        addressee=addressee,
        applies_from=applies_from,
        in_force=_in_force(applies_from, reference),
        source=source,
        detail=detail,
    )


def _general_duties(reference: dt.date | None) -> list[AIActDuty]:
    return [
        _duty(
            "ai-act:art4",
            ("art. 4", "art. 4"),
            (
                "Maîtrise de l'IA : former les agents qui utilisent le système à ses capacités et à ses limites",
                "AI literacy: train the staff using the system on its capabilities and limits",
            ),
            "provider_and_deployer",
            PROHIBITIONS_DATE,
            reference,
            _src("art. 4 et art. 113.a", "art. 4 and art. 113(a)"),
        )
    ]


def _prohibition_duty(found: Sequence[Finding], reference: dt.date | None) -> AIActDuty:
    letters = _letters(f.id for f in found)
    return _duty(
        "ai-act:art5",
        (f"art. 5.1 ({letters})", f"art. 5(1) ({letters})"),
        (
            "Ne pas mettre en service ni utiliser le système : la pratique est interdite (amendes de l'art. 99.3)",
            "Do not put into service or use the system: the practice is prohibited (fines of art. 99(3))",
        ),
        "provider_and_deployer",
        PROHIBITIONS_DATE,
        reference,
        _src("art. 5, art. 99.3 et art. 113.a", "art. 5, art. 99(3) and art. 113(a)"),
    )


def _high_risk_date(operation: ProcessingOperation, ai: AISystem) -> tuple[dt.date, Text | None]:
    """Art. 113 and art. 111(2): when the high-risk obligations apply to this system."""
    public = operation.controller.kind.is_public_law_body
    since = ai.in_service_since
    if since is None:
        return GENERAL_DATE, t(
            "Date de mise en service inconnue : pour un système utilisé par une autorité publique et mis en service "
            "avant le 2 août 2026, les obligations s'appliquent au plus tard le 2 août 2030 (art. 111.2), plus tôt "
            "en cas de modification importante de sa conception.",
            "Date put into service unknown: for a system used by a public authority and put into service before "
            "2 August 2026, the obligations apply by 2 August 2030 at the latest (art. 111(2)), earlier if its "
            "design changes significantly.",
        )
    if since < GENERAL_DATE and public:
        return LEGACY_PUBLIC_DATE, t(
            f"Système mis en service le {format_date(since, 'fr')}, avant le 2 août 2026, et utilisé par une autorité "
            "publique : mise en conformité au plus tard le 2 août 2030 (art. 111.2), plus tôt en cas de "
            "modification importante de sa conception.",
            f"System put into service on {format_date(since, 'en')}, before 2 August 2026, and used by a public "
            "authority: compliance by 2 August 2030 at the latest (art. 111(2)), earlier if its design changes "
            "significantly.",
        )
    if since < GENERAL_DATE:
        return GENERAL_DATE, t(
            f"Système mis en service le {format_date(since, 'fr')}, avant le 2 août 2026 : les obligations ne s'appliquent "
            "qu'en cas de modification importante de sa conception après cette date (art. 111.2).",
            f"System put into service on {format_date(since, 'en')}, before 2 August 2026: the obligations apply only if "
            "its design changes significantly after that date (art. 111(2)).",
        )
    return GENERAL_DATE, None


def _workers_concerned(operation: ProcessingOperation, ai: AISystem) -> bool:
    kinds = {s.kind for s in operation.data_subjects}
    return bool(
        kinds & {SubjectKind.AGENTS, SubjectKind.CANDIDATES}
        or {AIArea.RECRUITMENT, AIArea.WORKER_MANAGEMENT} & set(ai.areas)
        or operation.monitoring.agents
        or ai.workplace_or_education
    )


def _deployer_duties(
    operation: ProcessingOperation,
    ai: AISystem,
    points: tuple[str, ...],
    applies_from: dt.date,
    reference: dt.date | None,
) -> list[AIActDuty]:
    verified = _src("art. 26.1 à 26.5", "art. 26(1) to 26(5)", "verified")
    out = [
        _duty(
            "ai-act:art26-1",
            ("art. 26.1", "art. 26(1)"),
            (
                "Utiliser le système conformément à sa notice, par des mesures techniques et organisationnelles",
                "Use the system in line with its instructions, through technical and organisational measures",
            ),
            "deployer",
            applies_from,
            reference,
            verified,
        ),
        _duty(
            "ai-act:art26-2",
            ("art. 26.2", "art. 26(2)"),
            (
                "Confier le contrôle humain à des personnes compétentes, formées, dotées de l'autorité et du "
                "soutien nécessaires",
                "Assign human oversight to competent, trained persons with the necessary authority and support",
            ),
            "deployer",
            applies_from,
            reference,
            verified,
            t(
                f"Contrôle humain déclaré : « {ai.human_oversight} ».",
                f"Human oversight declared: '{ai.human_oversight}'.",
            )
            if ai.human_oversight
            else None,
        ),
        _duty(
            "ai-act:art26-4",
            ("art. 26.4", "art. 26(4)"),
            (
                "Veiller à la pertinence et à la représentativité des données d'entrée qu'il contrôle",
                "Ensure the input data it controls are relevant and sufficiently representative",
            ),
            "deployer",
            applies_from,
            reference,
            verified,
        ),
        _duty(
            "ai-act:art26-5",
            ("art. 26.5", "art. 26(5)"),
            (
                "Surveiller le fonctionnement, informer le fournisseur, suspendre l'utilisation en cas de risque et "
                "signaler les incidents graves",
                "Monitor operation, inform the provider, suspend use in case of risk and report serious incidents",
            ),
            "deployer",
            applies_from,
            reference,
            verified,
        ),
        _duty(
            "ai-act:art26-6",
            ("art. 26.6", "art. 26(6)"),
            (
                "Conserver les journaux générés automatiquement au moins six mois",
                "Keep the automatically generated logs for at least six months",
            ),
            "deployer",
            applies_from,
            reference,
            _src("art. 26.6", "art. 26(6)"),
        ),
        _duty(
            "ai-act:art26-9",
            ("art. 26.9", "art. 26(9)"),
            (
                "Utiliser les informations de la notice du fournisseur (art. 13) pour réaliser l'AIPD (art. 35 du RGPD)",
                "Use the provider's instructions (art. 13) to carry out the DPIA (GDPR art. 35)",
            ),
            "deployer",
            applies_from,
            reference,
            _src("art. 26.9 et art. 13", "art. 26(9) and art. 13"),
            t("La notice du fournisseur est disponible.", "The provider's instructions are available.")
            if ai.provider_instructions
            else t(
                "Obtenez la notice d'utilisation du fournisseur (ai_system.provider_instructions).",
                "Obtain the provider's instructions for use (ai_system.provider_instructions).",
            ),
        ),
    ]
    if _workers_concerned(operation, ai):
        out.append(
            _duty(
                "ai-act:art26-7",
                ("art. 26.7", "art. 26(7)"),
                (
                    "Informer les représentants du personnel et les agents concernés avant la mise en service sur le "
                    "lieu de travail",
                    "Inform workers' representatives and the workers concerned before use at the workplace",
                ),
                "deployer",
                applies_from,
                reference,
                _src("art. 26.7", "art. 26(7)"),
            )
        )
    kind = operation.controller.kind
    registrable = [p for p in points if p != FRIA_EXCLUDED]
    if registrable and (kind.is_public_law_body or kind is OrganisationKind.PRIVATE_PUBLIC_SERVICE):
        out.append(
            _duty(
                "ai-act:art49-3",
                ("art. 26.8 et 49.3", "art. 26(8) and 49(3)"),
                (
                    "S'enregistrer et enregistrer l'utilisation du système dans la base de données de l'UE avant de "
                    "l'utiliser ; ne pas utiliser un système qui n'y est pas enregistré",
                    "Register itself and the use of the system in the EU database before using it; do not use a "
                    "system that is not registered there",
                ),
                "deployer",
                applies_from,
                reference,
                _src("art. 26.8, art. 49.3 et art. 71", "art. 26(8), art. 49(3) and art. 71"),
                (
                    t("Enregistrement déclaré.", "Registration declared.")
                    if ai.registered_eu_database
                    else t(
                        "Enregistrement non déclaré (ai_system.registered_eu_database).",
                        "Registration not declared (ai_system.registered_eu_database).",
                    )
                )
                + (
                    t(
                        " Pour un organisme privé : s'il agit pour le compte d'une autorité publique.",
                        " For a private body: if it acts on behalf of a public authority.",
                    )
                    if kind is OrganisationKind.PRIVATE_PUBLIC_SERVICE
                    else t("", "")
                ),
            )
        )
    if _annex_id(AIArea.REMOTE_BIOMETRIC_IDENTIFICATION) in points:
        out.append(
            _duty(
                "ai-act:art26-10",
                ("art. 26.10", "art. 26(10)"),
                (
                    "Identification biométrique à distance a posteriori dans une enquête pénale : autorisation "
                    "préalable d'une autorité judiciaire ou administrative (au plus tard sous 48 heures)",
                    "Post-remote biometric identification in a criminal investigation: prior authorisation by a "
                    "judicial or administrative authority (within 48 hours at the latest)",
                ),
                "deployer",
                applies_from,
                reference,
                _src("art. 26.10", "art. 26(10)"),
            )
        )
    if registrable:
        out.append(
            _duty(
                "ai-act:art26-11",
                ("art. 26.11", "art. 26(11)"),
                (
                    "Informer les personnes qu'elles sont soumises à l'utilisation d'un système à haut risque qui "
                    "prend ou aide à prendre des décisions les concernant",
                    "Inform persons that they are subject to a high-risk system making or assisting decisions "
                    "about them",
                ),
                "deployer",
                applies_from,
                reference,
                _src("art. 26.11", "art. 26(11)"),
            )
        )
        effect = operation.decisions.effect
        if effect in (DecisionEffect.LEGAL, DecisionEffect.SIMILARLY_SIGNIFICANT) or effect is None:
            out.append(
                _duty(
                    "ai-act:art86",
                    ("art. 86", "art. 86"),
                    (
                        "Fournir, sur demande, une explication claire et pertinente du rôle du système dans une "
                        "décision produisant des effets juridiques ou significatifs",
                        "Provide, on request, a clear and meaningful explanation of the system's role in a decision "
                        "with legal or similarly significant effects",
                    ),
                    "deployer",
                    applies_from,
                    reference,
                    _src("art. 86", "art. 86"),
                )
            )
    return out


def _fria_duty(fria: FRIA, applies_from: dt.date, reference: dt.date | None) -> AIActDuty:
    return AIActDuty(
        id="ai-act:art27",
        article=t("art. 27", "art. 27"),
        title=t(
            "Réaliser l'analyse d'impact sur les droits fondamentaux (AIDF) avant la première utilisation et en "
            "notifier les résultats à l'autorité de surveillance du marché",
            "Carry out the fundamental rights impact assessment (FRIA) before first use and notify its results "
            "to the market surveillance authority",
        ),
        addressee="deployer",
        applies_from=applies_from,
        in_force=_in_force(applies_from, reference),
        source=fria.source,
        detail=fria.reason,
    )


def _provider_duties(applies_from: dt.date, reference: dt.date | None) -> list[AIActDuty]:
    return [
        _duty(
            "ai-act:art16",
            ("art. 16, 17, 43, 47 à 49.1, 72", "arts. 16, 17, 43, 47 to 49(1), 72"),
            (
                "Obligations du fournisseur : exigences des art. 9 à 15, système de gestion de la qualité, "
                "évaluation de la conformité, déclaration UE et marquage CE, enregistrement, surveillance après "
                "commercialisation",
                "Provider's obligations: requirements of arts. 9 to 15, quality management system, conformity "
                "assessment, EU declaration and CE marking, registration, post-market monitoring",
            ),
            "provider",
            applies_from,
            reference,
            _src("art. 16 et suivants", "art. 16 et seq."),
        )
    ]


_ART50 = {
    "ai-act:art50-1": (
        ("art. 50.1", "art. 50(1)"),
        (
            "Informer les personnes qu'elles interagissent avec un système d'IA",
            "Tell persons they are interacting with an AI system",
        ),
        "provider",
    ),
    "ai-act:art50-2": (
        ("art. 50.2", "art. 50(2)"),
        (
            "Marquer les contenus de synthèse dans un format lisible par machine",
            "Mark synthetic content in a machine-readable format",
        ),
        "provider",
    ),
    "ai-act:art50-3": (
        ("art. 50.3", "art. 50(3)"),
        (
            "Informer les personnes exposées à la reconnaissance des émotions ou à la catégorisation biométrique",
            "Inform persons exposed to emotion recognition or biometric categorisation",
        ),
        "deployer",
    ),
    "ai-act:art50-4-deep-fake": (
        ("art. 50.4, premier alinéa", "art. 50(4), first subparagraph"),
        ("Indiquer qu'un hypertrucage est artificiel", "Disclose that a deep fake is artificial"),
        "deployer",
    ),
    "ai-act:art50-4-public-text": (
        ("art. 50.4, second alinéa", "art. 50(4), second subparagraph"),
        (
            "Indiquer qu'un texte d'intérêt public publié a été généré par une IA",
            "Disclose that a published text on matters of public interest was AI-generated",
        ),
        "deployer",
    ),
}


def _transparency_duties(
    found: Sequence[Finding], role: AIRole | None, reference: dt.date | None
) -> list[AIActDuty]:
    out: list[AIActDuty] = []
    for f in found:
        article, title, addressee = _ART50[f.id]
        detail = None
        if addressee == "provider" and role in (None, AIRole.DEPLOYER):
            detail = t(
                "Obligation du fournisseur : vérifiez, en tant que déployeur, qu'elle est remplie (clause du marché).",
                "The provider's obligation: as deployer, check it is met (contract clause).",
            )
        out.append(
            _duty(
                f.id.replace("ai-act:art50-", "ai-act:duty-art50-"),
                article,
                title,
                "provider" if addressee == "provider" else "deployer",
                GENERAL_DATE,
                reference,
                f.source,
                detail,
            )
        )
    return out


# --- dates --------------------------------------------------------------------------------------


def _deadlines(
    cls: AIActClass, provisional: AIActClass | None, operation: ProcessingOperation, transparency: bool
) -> tuple[AIActDeadline, ...]:
    if cls is AIActClass.NOT_AI_SYSTEM:
        return ()
    high = AIActClass.HIGH_RISK in (cls, provisional) or cls is AIActClass.UNKNOWN
    out = [
        AIActDeadline(
            id="ai-act:2025-02-02",
            date=PROHIBITIONS_DATE,
            title=t(
                "Interdictions (art. 5) et maîtrise de l'IA (art. 4) applicables",
                "Prohibitions (art. 5) and AI literacy (art. 4) apply",
            ),
            source=_src("art. 113.a", "art. 113(a)"),
        ),
        AIActDeadline(
            id="ai-act:2026-08-02",
            date=GENERAL_DATE,
            title=t(
                "Application générale : obligations des systèmes à haut risque de l'annexe III (art. 26, 27, 49) et "
                "transparence (art. 50)",
                "General application: obligations for Annex III high-risk systems (arts. 26, 27, 49) and "
                "transparency (art. 50)",
            ),
            source=_src("art. 113", "art. 113"),
        ),
    ]
    if high and operation.controller.kind.is_public_law_body:
        out.append(
            AIActDeadline(
                id="ai-act:2030-08-02",
                date=LEGACY_PUBLIC_DATE,
                title=t(
                    "Systèmes à haut risque utilisés par des autorités publiques et mis en service avant le 2 août "
                    "2026 : mise en conformité au plus tard",
                    "High-risk systems used by public authorities and put into service before 2 August 2026: "
                    "compliance at the latest",
                ),
                source=_src("art. 111.2", "art. 111(2)"),
            )
        )
    if high:
        out.append(
            AIActDeadline(
                id="omnibus:2027-12-02",
                date=OMNIBUS_ANNEX_III_DATE,
                title=t(
                    "Report annoncé des obligations des systèmes à haut risque de l'annexe III au 2 décembre 2027 "
                    "(non vérifié au Journal officiel ; les sources ne disent pas si les art. 26 et 27 suivent "
                    "cette date)",
                    "Reported postponement of Annex III high-risk obligations to 2 December 2027 (not verified in "
                    "the Official Journal; the sources do not say whether arts. 26 and 27 follow that date)",
                ),
                source=OMNIBUS_SOURCE,
                reported=True,
            )
        )
    if transparency:
        out.append(
            AIActDeadline(
                id="omnibus:2026-12-02",
                date=OMNIBUS_ART50_2_DATE,
                title=t(
                    "Délai de grâce annoncé pour le marquage de l'art. 50.2 des systèmes déjà sur le marché ; "
                    "l'art. 50 resterait applicable au 2 août 2026 selon la plupart des sources (une source le "
                    "reporte en entier au 2 décembre 2026)",
                    "Reported grace period for the art. 50(2) marking of systems already on the market; art. 50 "
                    "would stay applicable from 2 August 2026 according to most sources (one source moves it "
                    "entirely to 2 December 2026)",
                ),
                source=OMNIBUS_SOURCE,
                reported=True,
            )
        )
    ai = operation.ai_system
    if ai is not None and (
        ai.generates_synthetic_content
        or ai.deep_fake
        or AITechnique.GENERATIVE in ai.techniques
        or AIOutput.GENERATED_CONTENT in ai.outputs
    ):
        out.append(
            AIActDeadline(
                id="omnibus:2026-12-02-art5",
                date=OMNIBUS_NEW_PROHIBITIONS_DATE,
                title=t(
                    "Nouvelle interdiction annoncée à l'art. 5 : systèmes d'IA générant des images intimes non "
                    "consenties ou des contenus d'abus sexuels sur enfants (non vérifiée au Journal officiel)",
                    "Reported new art. 5 prohibition: AI systems generating non-consensual intimate imagery or "
                    "child sexual abuse material (not verified in the Official Journal)",
                ),
                source=OMNIBUS_SOURCE,
                reported=True,
            )
        )
    return tuple(sorted(out, key=lambda d: (d.date, d.id)))


# --- FRIA (art. 27) -----------------------------------------------------------------------------

_FRIA_SOURCE = _src("art. 27.1 à 27.4", "art. 27(1) to 27(4)", "verified")
_FRIA_F_MEASURES = ("builtin:incident_management", "builtin:governance", "builtin:rights_procedure")


def _fria(
    operation: ProcessingOperation,
    ai: AISystem,
    cls: AIActClass,
    points: tuple[str, ...],
    annex_unknown: Sequence[Finding],
    is_deployer: bool,
) -> FRIA:
    kind = operation.controller.kind
    if cls is AIActClass.NOT_AI_SYSTEM:
        return FRIA(due=False, reason=t("Pas un système d'IA.", "Not an AI system."), source=_FRIA_SOURCE)
    if cls is AIActClass.PROHIBITED:
        return FRIA(
            due=False,
            reason=t(
                "Pratique interdite : le système ne peut pas être déployé ; la question de l'AIDF ne se pose pas.",
                "Prohibited practice: the system cannot be deployed; no FRIA question arises.",
            ),
            source=_FRIA_SOURCE,
        )
    if not points:
        if annex_unknown:
            return FRIA(
                due=None,
                reason=t(
                    "On ne sait pas encore si le système est à haut risque (annexe III).",
                    "Whether the system is high-risk (Annex III) is not known yet.",
                ),
                source=_FRIA_SOURCE,
                missing_facts=_dedup(m for f in annex_unknown for m in f.missing),
            )
        return FRIA(
            due=False,
            reason=t(
                "Le système n'est pas à haut risque au sens de l'annexe III : pas d'AIDF.",
                "The system is not high-risk under Annex III: no FRIA.",
            ),
            source=_FRIA_SOURCE,
        )
    if not is_deployer:
        return FRIA(
            due=False,
            reason=t(
                "L'AIDF incombe au déployeur ; l'organisme est seulement fournisseur.",
                "The FRIA is the deployer's duty; the body is only the provider.",
            ),
            source=_FRIA_SOURCE,
        )
    listed = _point_words(points)
    if set(points) & set(FRIA_ANY_DEPLOYER):
        due, reason = (
            True,
            t(
                f"Système de l'annexe III, point 5 b ou 5 c ({listed.fr}) : AIDF due par tout déployeur (art. 27.1).",
                f"Annex III point 5(b) or 5(c) system ({listed.en}): FRIA due by every deployer (art. 27(1)).",
            ),
        )
    elif not [p for p in points if p != FRIA_EXCLUDED]:
        others = [f for f in annex_unknown if f.id != FRIA_EXCLUDED]
        if others and (kind.is_public_law_body or kind is OrganisationKind.PRIVATE_PUBLIC_SERVICE):
            # Point 2 is excluded, but another point still open would bring the FRIA back.
            return FRIA(
                due=None,
                reason=t(
                    "Le point 2 de l'annexe III (infrastructures critiques), seul rempli, est exclu de l'AIDF "
                    f"(art. 27.1) ; mais d'autres points restent à trancher ({_points(f.id for f in others).fr}), "
                    "qui la rendraient due.",
                    "Annex III point 2 (critical infrastructure), the only one met, is excluded from the FRIA "
                    f"(art. 27(1)); but other points are still open ({_points(f.id for f in others).en}), which "
                    "would make it due.",
                ),
                source=_FRIA_SOURCE,
                missing_facts=_dedup(m for f in others for m in f.missing),
            )
        due, reason = (
            False,
            t(
                "Seul le point 2 de l'annexe III (infrastructures critiques) est en cause : exclu de l'AIDF (art. 27.1).",
                "Only Annex III point 2 (critical infrastructure) applies: excluded from the FRIA (art. 27(1)).",
            ),
        )
    elif kind.is_public_law_body:
        due, reason = (
            True,
            t(
                f"Déployeur de droit public (« {kind.fr} ») d'un système de l'annexe III ({listed.fr}) : "
                "AIDF due avant la première utilisation (art. 27.1).",
                f"Deployer governed by public law ('{kind.en}') of an Annex III system ({listed.en}): FRIA "
                "due before first use (art. 27(1)).",
            ),
        )
    elif kind is OrganisationKind.PRIVATE_PUBLIC_SERVICE:
        due, reason = (
            True,
            t(
                f"Organisme privé chargé d'un service public, déployeur d'un système de l'annexe III ("
                f"{listed.fr}) : AIDF due avant la première utilisation (art. 27.1).",
                f"Private body providing a public service, deployer of an Annex III system ({listed.en}): "
                "FRIA due before first use (art. 27(1)).",
            ),
        )
    else:
        due, reason = (
            False,
            t(
                "Organisme privé sans mission de service public : l'AIDF n'est due que pour les points 5 b et 5 c de "
                "l'annexe III. S'il assure un service public, indiquez controller.kind = private_public_service.",
                "Private body without a public service: a FRIA is only due for Annex III points 5(b) and 5(c). If it "
                "provides a public service, set controller.kind = private_public_service.",
            ),
        )
    if not due:
        return FRIA(due=False, reason=reason, source=_FRIA_SOURCE)
    elements = _fria_elements(operation, ai)
    return FRIA(
        due=True,
        reason=reason,
        source=_FRIA_SOURCE,
        elements=elements,
        missing_facts=_dedup(m for e in elements for m in e.missing),
        notes=(
            t(
                "L'AIDF complète l'AIPD pour les obligations que celle-ci remplit déjà (art. 27.4) ; elle vaut pour la "
                "première utilisation et peut s'appuyer sur une AIDF antérieure ou sur l'évaluation du fournisseur "
                "(art. 27.2) ; ses résultats sont notifiés à l'autorité de surveillance du marché au moyen du "
                "modèle du Bureau de l'IA (art. 27.3 et 27.5).",
                "The FRIA complements the DPIA for the obligations the DPIA already meets (art. 27(4)); it covers "
                "first use and may rely on an earlier FRIA or the provider's assessment (art. 27(2)); its results "
                "are notified to the market surveillance authority using the AI Office's template (art. 27(3) and "
                "27(5)).",
            ),
        ),
    )


#: The titles of the FRIA elements, art. 27(1)(a) to (f), and the constant words of (d): built once.
_FRIA_TITLES: dict[str, Text] = {
    "a": t(
        "Description des processus du déployeur dans lesquels le système est utilisé conformément à sa destination",
        "Description of the deployer's processes in which the system is used in line with its intended purpose",
    ),
    "b": t("Période et fréquence d'utilisation", "Period of time and frequency of use"),
    "c": t(
        "Catégories de personnes physiques et groupes susceptibles d'être concernés",
        "Categories of natural persons and groups likely to be affected",
    ),
    "d": t(
        "Risques spécifiques de préjudice pour ces catégories, compte tenu des informations de l'art. 13",
        "Specific risks of harm to those categories, taking account of the art. 13 information",
    ),
    "e": t(
        "Mesures de contrôle humain, selon la notice d'utilisation",
        "Human oversight measures, according to the instructions for use",
    ),
    "f": t(
        "Mesures à prendre si les risques se matérialisent, dont la gouvernance interne et les mécanismes de "
        "plainte",
        "Measures to take if the risks materialise, including internal governance and complaint mechanisms",
    ),
}
_FRIA_D_CONTENT = (
    t(
        "Les risques pour les données des personnes sont analysés dans la partie « Risques » de l'AIPD "
        "(événements redoutés et risques propres à l'IA ai:*).",
        "The risks to the persons' data are analysed in the DPIA's 'Risks' part (feared events and the "
        "AI-specific risks ai:*).",
    ),
    t(
        "À ajouter : les risques pour les autres droits fondamentaux (non-discrimination, accès aux prestations, "
        "dignité, liberté d'expression et de réunion, droit à un recours effectif) dans ce contexte.",
        "To add: the risks to other fundamental rights (non-discrimination, access to benefits, dignity, "
        "freedom of expression and assembly, right to an effective remedy) in this context.",
    ),
)
_FRIA_D_INSTRUCTIONS = t(
    "En tenant compte de la notice du fournisseur (art. 13), disponible.",
    "Taking account of the provider's instructions (art. 13), available.",
)


def _fria_elements(operation: ProcessingOperation, ai: AISystem) -> tuple[FRIAElement, ...]:
    # (a) processes in which the system is used
    a_content = [t(p.description, p.description) for p in operation.purposes]
    if ai.description:
        a_content.append(t(f"Système : {ai.description}", f"System: {ai.description}"))
    a = FRIAElement(
        letter="a",
        title=_FRIA_TITLES["a"],
        content=tuple(a_content),
        status=FRIAStatus.FILLED
        if operation.purposes and ai.description
        else (FRIAStatus.PARTIAL if a_content else FRIAStatus.MISSING),
        missing=tuple(
            p
            for p, v in (("purposes", operation.purposes), ("ai_system.description", ai.description))
            if not v
        ),
    )
    # (b) period and frequency
    scale = operation.scale
    b_content: list[Text] = []
    if scale.frequency is not None:
        b_content.append(t(f"Fréquence : {scale.frequency.fr}", f"Frequency: {scale.frequency.en}"))
    if scale.duration:
        b_content.append(t(f"Durée : {scale.duration}", f"Duration: {scale.duration}"))
    if ai.in_service_since is not None:
        b_content.append(
            t(
                # a date to come as well as a past one: « depuis » would misdate a planned start
                f"Mise en service : {format_date(ai.in_service_since, 'fr')}",
                f"Put into service: {format_date(ai.in_service_since, 'en')}",
            )
        )
    b_missing = tuple(
        p for p, v in (("scale.frequency", scale.frequency), ("scale.duration", scale.duration)) if v is None
    )
    b = FRIAElement(
        letter="b",
        title=_FRIA_TITLES["b"],
        content=tuple(b_content),
        status=FRIAStatus.FILLED
        if not b_missing
        else (FRIAStatus.PARTIAL if b_content else FRIAStatus.MISSING),
        missing=b_missing,
    )
    # (c) categories of persons and groups
    c_content: list[Text] = []
    for s in operation.data_subjects:
        extra: list[tuple[str | None, str | None]] = []
        if s.count is not None:
            extra.append((format_number(s.count, "fr"), format_number(s.count, "en")))
        vul = list(s.vulnerabilities)
        text = t(s.kind.fr, s.kind.en)
        if s.description:
            text = text + t(f" ({s.description})", f" ({s.description})")
        if vul:
            text = text + t(
                " — vulnérabilité : " + ", ".join(v.fr for v in vul),
                " — vulnerability: " + ", ".join(v.en for v in vul),
            )
        if extra:
            text = text + t(f" — nombre estimé : {extra[0][0]}", f" — estimated number: {extra[0][1]}")
        c_content.append(text)
    c = FRIAElement(
        letter="c",
        title=_FRIA_TITLES["c"],
        content=tuple(c_content),
        status=FRIAStatus.FILLED if c_content else FRIAStatus.MISSING,
        missing=() if c_content else ("data_subjects",),
    )
    # (d) specific risks of harm: the DPIA covers risks to data; other fundamental rights are added by hand
    d_content = list(_FRIA_D_CONTENT)
    if ai.provider_instructions:
        d_content.append(_FRIA_D_INSTRUCTIONS)
    d = FRIAElement(
        letter="d",
        title=_FRIA_TITLES["d"],
        content=tuple(d_content),
        status=FRIAStatus.PARTIAL,
        missing=() if ai.provider_instructions else ("ai_system.provider_instructions",),
    )
    # (e) human oversight
    e_content: list[Text] = []
    if ai.human_oversight:
        e_content.append(t(ai.human_oversight, ai.human_oversight))
    hi = operation.decisions.human_involvement
    if hi is not None:
        e_content.append(t(f"Intervention humaine : {hi.fr}", f"Human involvement: {hi.en}"))
    e = FRIAElement(
        letter="e",
        title=_FRIA_TITLES["e"],
        content=tuple(e_content),
        status=FRIAStatus.FILLED
        if ai.human_oversight
        else (FRIAStatus.PARTIAL if e_content else FRIAStatus.MISSING),
        missing=() if ai.human_oversight else ("ai_system.human_oversight",),
    )
    # (f) measures if the risks materialise, internal governance, complaint mechanisms
    declared = {m.id: m for m in operation.measures}
    f_content = [t(declared[i].title or i, declared[i].title or i) for i in _FRIA_F_MEASURES if i in declared]
    f_content += [t(a.action, a.action) for a in operation.actions]
    have = [i for i in _FRIA_F_MEASURES if i in declared]
    f = FRIAElement(
        letter="f",
        title=_FRIA_TITLES["f"],
        content=tuple(f_content),
        status=FRIAStatus.FILLED
        if len(have) == len(_FRIA_F_MEASURES)
        else (FRIAStatus.PARTIAL if f_content else FRIAStatus.MISSING),
        missing=() if len(have) == len(_FRIA_F_MEASURES) else ("measures",),
    )
    return (a, b, c, d, e, f)
