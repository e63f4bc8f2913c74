"""Necessity and proportionality (GDPR art. 35(7)(b)), principle by principle, pure.

Part 2 of the CNIL method examines the fundamental principles: proportionality
and necessity (purposes, legal basis, minimisation, accuracy, retention) and
the measures protecting the persons' rights (information, consent, access and
portability, rectification and erasure, restriction and objection,
processors, transfers). For each, this module says what the facts establish,
what is missing, the article behind it and a status. A status of « à
compléter » always names the facts to add; « problème » is kept for what the
facts show to be at odds with the text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import attrs

from aipd.catalogue import Source
from aipd.i18n import Text, count, t
from aipd.model import EEA_COUNTRIES, ProcessingOperation
from aipd.vocabulary import (
    DataKind,
    DataSource,
    Hosting,
    LegalBasis,
    LegalRegime,
    MeasureStatus,
    Safeguard,
    Vocabulary,
)

__all__ = ["PrincipleCheck", "PrincipleStatus", "Principles", "assess_principles"]

_GDPR_URL = "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679"


@functools.cache  # a dozen articles, cited at every assessment: each Source is built once
def _gdpr(fr: str, en: str) -> Source:
    # Not re-read in an official copy for this library: marked as recalled.
    return Source(citation=t(f"RGPD, {fr}", f"GDPR, {en}"), url=_GDPR_URL, reliability="recalled")


def _cap(sentence: str) -> str:
    """The fragment as a sentence: first letter upper case (« finalité 1 : … » → « Finalité 1 : … »)."""
    return sentence[:1].upper() + sentence[1:]


class PrincipleStatus(Vocabulary):
    JUSTIFIED = "justified", "Justifié", "Justified"
    TO_COMPLETE = "to_complete", "À compléter", "To complete"
    PROBLEM = "problem", "Problème à résoudre", "Problem to solve"
    NOT_APPLICABLE = "not_applicable", "Sans objet", "Not applicable"


@attrs.frozen(kw_only=True)
class PrincipleCheck:
    """One principle: what the facts establish, what is missing, the article, the status."""

    id: str
    title: Text
    source: Source
    status: PrincipleStatus
    established: tuple[Text, ...]
    missing: tuple[Text, ...]
    missing_facts: tuple[str, ...] = ()
    #: One paragraph for the document: the status, the facts, then what to add (a field, so
    #: renderers that read attrs fields see it).
    assessment: Text = attrs.field()

    @assessment.default
    def _assessment(self) -> Text:
        fr = [f"{self.status.fr}."] + [f"{_cap(e.fr)}." for e in self.established]
        en = [f"{self.status.en}."] + [f"{_cap(e.en)}." for e in self.established]
        if self.missing:
            fr.append("À compléter : " + " ; ".join(m.fr for m in self.missing) + ".")
            en.append("To complete: " + "; ".join(m.en for m in self.missing) + ".")
        return Text(" ".join(fr), " ".join(en))


@attrs.frozen(kw_only=True)
class Principles:
    """Part 2 of the CNIL method: ``proportionality`` (2.1) and ``rights`` (2.2)."""

    proportionality: tuple[PrincipleCheck, ...]
    rights: tuple[PrincipleCheck, ...]

    @property
    def all(self) -> tuple[PrincipleCheck, ...]:
        return self.proportionality + self.rights

    @property
    def problems(self) -> tuple[PrincipleCheck, ...]:
        return tuple(p for p in self.all if p.status is PrincipleStatus.PROBLEM)


def _check(
    pid: str,
    title: Text,
    source: Source,
    established: Iterable[Text],
    missing: Iterable[Text],
    missing_facts: Iterable[str] = (),
    *,
    problems: Iterable[Text] = (),
    not_applicable: Text | None = None,
) -> PrincipleCheck:
    est = list(established)
    miss = list(missing)
    probs = list(problems)
    if not_applicable is not None:
        status = PrincipleStatus.NOT_APPLICABLE
        est = [not_applicable, *est]
    elif probs:
        status = PrincipleStatus.PROBLEM
        miss = probs + miss
    elif miss:
        status = PrincipleStatus.TO_COMPLETE
    else:
        status = PrincipleStatus.JUSTIFIED
    return PrincipleCheck(
        id=pid,
        title=title,
        source=source,
        status=status,
        established=tuple(est),
        missing=tuple(miss),
        missing_facts=tuple(dict.fromkeys(missing_facts)),
    )


def _measure(op: ProcessingOperation, *ids: str) -> MeasureStatus | None:
    """The most advanced status among the declared measures with these ids."""
    found = [op.counted_status(m) for m in op.measures if m.id in ids]
    for status in (MeasureStatus.IMPLEMENTED, MeasureStatus.PLANNED, MeasureStatus.CONSIDERED):
        if status in found:
            return status
    return None


def _measure_fact(op: ProcessingOperation, label: Text, *ids: str) -> tuple[list[Text], list[Text]]:
    status = _measure(op, *ids)
    if status is MeasureStatus.IMPLEMENTED:
        return [t(f"{label.fr} : en place", f"{label.en}: in place")], []
    if status is not None:
        return [], [
            t(
                f"{label.fr} ({status.fr.lower()}, pas encore en place)",
                f"{label.en} ({status.en.lower()}, not in place yet)",
            )
        ]
    return [], [t(f"{label.fr} (mesure à décrire)", f"{label.en} (measure to describe)")]


def _bases(op: ProcessingOperation) -> set[LegalBasis]:
    return {p.legal_basis for p in op.purposes if p.legal_basis is not None}


# --- 2.1 proportionality and necessity ----------------------------------------------------------


def _purposes(op: ProcessingOperation) -> PrincipleCheck:
    title = t("Finalités déterminées, explicites et légitimes", "Specified, explicit and legitimate purposes")
    src = _gdpr("art. 5.1.b", "art. 5(1)(b)")
    if not op.purposes:
        return _check(
            "purposes", title, src, [], [t("les finalités du traitement", "the purposes")], ["purposes"]
        )
    return _check(
        "purposes",
        title,
        src,
        [
            t(
                count(len(op.purposes), "finalité décrite", "finalités décrites", "fr"),
                count(len(op.purposes), "purpose described", "purposes described", "en"),
            )
        ],
        [],
    )


def _lawfulness(op: ProcessingOperation) -> PrincipleCheck:
    police = op.legal.regime is LegalRegime.POLICE_JUSTICE
    title = t("Fondement (licéité du traitement)", "Legal basis (lawfulness)")
    src = (
        Source(
            citation=t(
                "Loi n° 78-17, art. 87 et 88 (titre III) ; directive (UE) 2016/680, art. 8 et 10",
                "Loi 78-17, arts. 87 and 88 (Title III); Directive (EU) 2016/680, arts. 8 and 10",
            ),
            reliability="recalled",
        )
        if police
        else _gdpr("art. 6, 9 et 10", "arts. 6, 9 and 10")
    )
    est: list[Text] = []
    miss: list[Text] = []
    facts: list[str] = []
    probs: list[Text] = []
    if not op.purposes:
        miss.append(t("la base légale de chaque finalité", "the legal basis of each purpose"))
        facts.append("purposes")
    if police:
        # Title III: the GDPR's arts. 6, 9 and 10 do not apply (GDPR art. 2(2)(d)); the loi's
        # art. 87 asks for a competent authority's mission grounded in a text, its art. 88 for the
        # absolute necessity, safeguards and ground of any art. 6 I data (rules lil:art87, lil:art88).
        return _title_iii_lawfulness(op, title, src)
    for i, p in enumerate(op.purposes):
        n = i + 1
        if p.legal_basis is None:
            miss.append(t(f"la base légale de la finalité {n}", f"the legal basis of purpose {n}"))
            facts.append(f"purposes[{i}].legal_basis")
            continue
        est.append(t(f"finalité {n} : {p.legal_basis.fr}", f"purpose {n}: {p.legal_basis.en}"))
        if p.legal_basis in (LegalBasis.PUBLIC_TASK, LegalBasis.LEGAL_OBLIGATION) and not p.legal_text:
            miss.append(
                t(
                    f"le texte qui fonde la mission ou l'obligation de la finalité {n} (art. 6.3)",
                    f"the text grounding the task or obligation of purpose {n} (art. 6(3))",
                )
            )
            facts.append(f"purposes[{i}].legal_text")
        if p.legal_basis is LegalBasis.LEGITIMATE_INTERESTS and not p.legitimate_interest:
            # Art. 35(7)(a): the description includes, where applicable, the legitimate interest pursued.
            miss.append(
                t(
                    f"l'intérêt légitime poursuivi par la finalité {n} (art. 35.7.a)",
                    f"the legitimate interest pursued by purpose {n} (art. 35(7)(a))",
                )
            )
            facts.append(f"purposes[{i}].legitimate_interest")
        if p.legal_basis is LegalBasis.LEGITIMATE_INTERESTS and op.controller.kind.is_public_law_body:
            probs.append(
                t(
                    f"finalité {n} : une autorité publique ne peut invoquer l'intérêt légitime pour les "
                    "traitements qu'elle effectue dans l'exécution de ses missions (art. 6.1, dernier alinéa)",
                    f"purpose {n}: a public authority cannot rely on legitimate interests for processing "
                    "carried out in the performance of its tasks (art. 6(1), last subparagraph)",
                )
            )
    if op.special_categories:
        if op.legal.article9_exception is None:
            miss.append(
                t(
                    "l'exception de l'art. 9.2 qui permet de traiter des catégories particulières de données",
                    "the art. 9(2) exception that allows special categories of data",
                )
            )
            facts.append("legal.article9_exception")
        else:
            x = op.legal.article9_exception
            est.append(t(f"catégories particulières : {x.fr}", f"special categories: {x.en}"))
    if DataKind.OFFENCES in op.data_kinds and not op.legal.offence_data_basis:
        miss.append(
            t(
                "le fondement du traitement de données d'infraction (art. 10 du RGPD, art. 46 de la loi n° 78-17)",
                "the basis for processing offence data (GDPR art. 10, loi 78-17 art. 46)",
            )
        )
        facts.append("legal.offence_data_basis")
    return _check("lawfulness", title, src, est, miss, facts, problems=probs)


def _title_iii_lawfulness(op: ProcessingOperation, title: Text, src: Source) -> PrincipleCheck:
    """Lawfulness under Title III of the loi Informatique et Libertés (arts. 87 and 88)."""
    est: list[Text] = []
    miss: list[Text] = []
    facts: list[str] = []
    if not op.purposes:
        miss.append(t("les finalités du traitement", "the purposes of the processing"))
        facts.append("purposes")
    probs: list[Text] = []
    for i, p in enumerate(op.purposes):
        n = i + 1
        if p.legal_basis in (LegalBasis.CONSENT, LegalBasis.CONTRACT, LegalBasis.LEGITIMATE_INTERESTS):
            probs.append(
                t(
                    f"finalité {n} : « {p.legal_basis.fr} » est une base du RGPD qui ne fonde pas un traitement "
                    "du titre III (art. 87 ; directive 2016/680, considérant 35)",
                    f"purpose {n}: '{p.legal_basis.en}' is a GDPR basis that cannot ground a Title III "
                    "processing (art. 87; directive 2016/680, recital 35)",
                )
            )
        if p.legal_text:
            est.append(
                t(
                    f"finalité {n} : mission fondée par {p.legal_text}",
                    f"purpose {n}: mission grounded in {p.legal_text}",
                )
            )
        else:
            miss.append(
                t(
                    f"le texte qui fonde la mission de l'autorité compétente pour la finalité {n} (art. 87)",
                    f"the text grounding the competent authority's mission for purpose {n} (art. 87)",
                )
            )
            facts.append(f"purposes[{i}].legal_text")
    if op.special_categories:
        justification = op.legal.article88_justification
        if justification is None:
            miss.append(
                t(
                    "la nécessité absolue, les garanties et le fondement du traitement des données du I de "
                    "l'art. 6 (art. 88)",
                    "the absolute necessity, safeguards and ground for processing the data of art. 6 I (art. 88)",
                )
            )
            facts.append("legal.article88_justification")
        else:
            est.append(t(f"données de l'art. 6 I : {justification}", f"art. 6 I data: {justification}"))
    return _check("lawfulness", title, src, est, miss, facts, problems=probs)


def _minimisation(op: ProcessingOperation) -> PrincipleCheck:
    title = t("Minimisation des données", "Data minimisation")
    src = _gdpr("art. 5.1.c", "art. 5(1)(c)")
    if not op.data:
        return _check(
            "minimisation", title, src, [], [t("les catégories de données", "the data categories")], ["data"]
        )
    est = [
        t(
            count(len(op.data), "catégorie de données déclarée", "catégories de données déclarées", "fr"),
            count(len(op.data), "data category declared", "data categories declared", "en"),
        )
    ]
    miss: list[Text] = []
    facts: list[str] = []
    undescribed = [i for i, d in enumerate(op.data) if not d.description]
    if undescribed:
        miss.append(
            t(
                "le détail des données de chaque catégorie, pour en montrer la nécessité",
                "the data items of each category, to show they are needed",
            )
        )
        facts += [f"data[{i}].description" for i in undescribed]
    e, m = _measure_fact(
        op, t("Minimisation", "Minimisation"), "builtin:minimisation", "builtin:anonymisation"
    )
    return _check("minimisation", title, src, est + e, miss + m, facts)


def _accuracy(op: ProcessingOperation) -> PrincipleCheck:
    title = t("Exactitude des données", "Accuracy of data")
    src = _gdpr("art. 5.1.d", "art. 5(1)(d)")
    est: list[Text] = []
    miss: list[Text] = []
    facts: list[str] = []
    sources = {s for d in op.data for s in d.sources}
    if sources:
        labels = sorted(sources)
        est.append(
            t(
                "sources des données : " + ", ".join(s.fr.lower() for s in labels),
                "sources of the data: " + ", ".join(s.en.lower() for s in labels),
            )
        )
    else:
        miss.append(t("les sources des données", "the sources of the data"))
        facts.append("data[].sources")
    e, m = _measure_fact(
        op,
        t(
            "Contrôle de la qualité ou procédure de rectification",
            "Quality checks or rectification procedure",
        ),
        "builtin:data_quality",
        "builtin:rights_procedure",
        "builtin:integrity_check",
    )
    return _check("accuracy", title, src, est + e, miss + m, facts)


def _retention(op: ProcessingOperation) -> PrincipleCheck:
    title = t("Durées de conservation", "Retention periods")
    src = _gdpr("art. 5.1.e", "art. 5(1)(e)")
    est: list[Text] = []
    miss: list[Text] = []
    facts: list[str] = []
    if not op.data:
        miss.append(t("les catégories de données et leurs durées", "the data categories and their periods"))
        facts.append("data")
    for i, d in enumerate(op.data):
        r = d.retention
        if r is None or not r.active:
            miss.append(
                t(
                    f"la durée de conservation des données « {d.kind.fr} »",
                    f"the retention period of '{d.kind.en}' data",
                )
            )
            facts.append(f"data[{i}].retention.active")
            continue
        est.append(t(f"{d.kind.fr} : {r.active}", f"{d.kind.en}: {r.active}"))
        if r.final_fate is None:
            miss.append(
                t(f"le sort final des données « {d.kind.fr} »", f"the final fate of '{d.kind.en}' data")
            )
            facts.append(f"data[{i}].retention.final_fate")
        if not r.justification:
            miss.append(
                t(
                    f"ce qui justifie la durée des données « {d.kind.fr} »",
                    f"what justifies the period of '{d.kind.en}' data",
                )
            )
            facts.append(f"data[{i}].retention.justification")
    return _check("retention", title, src, est, miss, facts)


# --- 2.2 rights of the persons -------------------------------------------------------------------


def _information(op: ProcessingOperation) -> PrincipleCheck:
    title = t("Information des personnes", "Information of the persons")
    src = _gdpr("art. 12 à 14", "arts. 12 to 14")
    est: list[Text] = []
    indirect = any(s is not DataSource.DATA_SUBJECT for d in op.data for s in d.sources)
    if indirect:
        est.append(
            t(
                "des données ne viennent pas de la personne : information dans le mois (art. 14)",
                "some data do not come from the person: information within a month (art. 14)",
            )
        )
    e, m = _measure_fact(
        op,
        t("Mentions d'information", "Information notice"),
        "builtin:information_notice",
        "builtin:transparency_information",
    )
    return _check("information", title, src, est + e, m)


def _consent(op: ProcessingOperation) -> PrincipleCheck:
    title = t("Recueil du consentement", "Obtaining consent")
    src = _gdpr("art. 7 et 8", "arts. 7 and 8")
    if LegalBasis.CONSENT not in _bases(op):
        unknown = [i for i, p in enumerate(op.purposes) if p.legal_basis is None]
        if unknown or not op.purposes:
            # A purpose whose basis is not known may rest on consent: not « sans objet » yet.
            return _check(
                "consent",
                title,
                src,
                [],
                [t("la base légale de chaque finalité", "the legal basis of each purpose")],
                [f"purposes[{i}].legal_basis" for i in unknown] or ["purposes"],
            )
        return _check(
            "consent",
            title,
            src,
            [],
            [],
            not_applicable=t("aucune finalité ne repose sur le consentement", "no purpose relies on consent"),
        )
    est = [
        t(
            "une finalité repose sur le consentement : il doit être libre, ce qui suppose une vraie alternative "
            "pour l'usager d'un service public (considérant 43)",
            "a purpose relies on consent: it must be freely given, which needs a real alternative for a public "
            "service user (recital 43)",
        )
    ]
    e, m = _measure_fact(
        op,
        t("Recueil et retrait du consentement", "Consent and its withdrawal"),
        "builtin:consent_management",
    )
    return _check("consent", title, src, est + e, m)


def _rights_measure(
    op: ProcessingOperation, pid: str, title: Text, src: Source, notes: list[Text], *ids: str
) -> PrincipleCheck:
    e, m = _measure_fact(op, t("Procédure d'exercice des droits", "Procedure for exercising rights"), *ids)
    return _check(pid, title, src, notes + e, m)


def _access(op: ProcessingOperation) -> PrincipleCheck:
    notes: list[Text] = []
    bases = _bases(op)
    if bases & {LegalBasis.CONSENT, LegalBasis.CONTRACT}:
        notes.append(
            t(
                "portabilité due pour les finalités fondées sur le consentement ou le contrat (art. 20.1)",
                "portability owed for purposes based on consent or contract (art. 20(1))",
            )
        )
    elif bases:
        notes.append(
            t(
                "pas de droit à la portabilité : aucune finalité ne repose sur le consentement ou le contrat (art. 20)",
                "no right to portability: no purpose relies on consent or contract (art. 20)",
            )
        )
    return _rights_measure(
        op,
        "access_portability",
        t("Droits d'accès et à la portabilité", "Rights of access and to portability"),
        _gdpr("art. 15 et 20", "arts. 15 and 20"),
        notes,
        "builtin:rights_procedure",
        "builtin:portability",
    )


def _rectification(op: ProcessingOperation) -> PrincipleCheck:
    notes: list[Text] = []
    if _bases(op) & {LegalBasis.LEGAL_OBLIGATION, LegalBasis.PUBLIC_TASK}:
        notes.append(
            t(
                "l'effacement ne s'impose pas tant que les données restent nécessaires à l'obligation légale ou à "
                "la mission d'intérêt public (art. 17.3.b)",
                "erasure does not apply while the data remain needed for the legal obligation or public task "
                "(art. 17(3)(b))",
            )
        )
    return _rights_measure(
        op,
        "rectification_erasure",
        t("Droits de rectification et d'effacement", "Rights to rectification and erasure"),
        _gdpr("art. 16 et 17", "arts. 16 and 17"),
        notes,
        "builtin:rights_procedure",
    )


def _objection(op: ProcessingOperation) -> PrincipleCheck:
    notes: list[Text] = []
    bases = _bases(op)
    ids = ["builtin:rights_procedure"]
    if bases & {LegalBasis.PUBLIC_TASK, LegalBasis.LEGITIMATE_INTERESTS}:
        notes.append(
            t(
                "opposition possible pour les finalités fondées sur une mission d'intérêt public, sauf motif "
                "impérieux ou texte qui l'écarte (art. 21.1 et 23)",
                "objection possible for purposes based on a public task, unless compelling grounds or a text "
                "rule it out (arts. 21(1) and 23)",
            )
        )
        ids.append("builtin:opposition")
    elif bases == {LegalBasis.LEGAL_OBLIGATION}:
        notes.append(
            t(
                "pas de droit d'opposition : le traitement répond à une obligation légale (art. 21.1)",
                "no right to object: the processing meets a legal obligation (art. 21(1))",
            )
        )
    return _rights_measure(
        op,
        "restriction_objection",
        t("Droits à la limitation et d'opposition", "Rights to restriction and to object"),
        _gdpr("art. 18 et 21", "arts. 18 and 21"),
        notes,
        *ids,
    )


def _processors(op: ProcessingOperation) -> PrincipleCheck:
    title = t("Sous-traitance", "Processors")
    src = _gdpr("art. 28", "art. 28")
    if not op.processors:
        return _check(
            "processors",
            title,
            src,
            [],
            [],
            not_applicable=t("aucun sous-traitant déclaré", "no processor declared"),
        )
    est: list[Text] = []
    miss: list[Text] = []
    facts: list[str] = []
    probs: list[Text] = []
    for i, p in enumerate(op.processors):
        if p.contract_art28 is True:
            est.append(
                t(f"{p.name} : contrat conforme à l'art. 28 signé", f"{p.name}: art. 28 contract signed")
            )
        elif p.contract_art28 is False:
            probs.append(
                t(f"{p.name} : aucun contrat conforme à l'art. 28", f"{p.name}: no art. 28 contract")
            )
        else:
            miss.append(t(f"{p.name} : le contrat de l'art. 28", f"{p.name}: the art. 28 contract"))
            facts.append(f"processors[{i}].contract_art28")
    return _check("processors", title, src, est, miss, facts, problems=probs)


def _transfers(op: ProcessingOperation) -> PrincipleCheck:
    title = t("Transferts hors de l'Union européenne", "Transfers outside the European Union")
    src = _gdpr("art. 44 à 49", "arts. 44 to 49")
    est: list[Text] = []
    miss: list[Text] = []
    facts: list[str] = []
    probs: list[Text] = []
    declared = {tr.country for tr in op.transfers}
    for i, tr in enumerate(op.transfers):
        if tr.safeguard is None:
            miss.append(
                t(
                    f"{tr.recipient} ({tr.country}) : la garantie",
                    f"{tr.recipient} ({tr.country}): the safeguard",
                )
            )
            facts.append(f"transfers[{i}].safeguard")
        elif tr.safeguard is Safeguard.NONE:
            probs.append(
                t(
                    f"{tr.recipient} ({tr.country}) : transfert sans garantie",
                    f"{tr.recipient} ({tr.country}): transfer without safeguard",
                )
            )
        else:
            est.append(
                t(
                    f"{tr.recipient} ({tr.country}) : {tr.safeguard.fr}",
                    f"{tr.recipient} ({tr.country}): {tr.safeguard.en}",
                )
            )
    for i, p in enumerate(op.processors):
        if p.country is not None and p.country not in EEA_COUNTRIES and p.country not in declared:
            miss.append(
                t(
                    f"{p.name} traite les données hors de l'Union ({p.country}) : transfert à déclarer avec sa garantie",
                    f"{p.name} processes the data outside the EU ({p.country}): a transfer to declare with its safeguard",
                )
            )
            facts.append(f"processors[{i}].country")
    for i, a in enumerate(op.assets):
        if a.hosting is Hosting.PROVIDER_NON_EU:
            miss.append(
                t(
                    f"{a.name} : hébergement soumis à un droit non européen, accès d'autorités étrangères à évaluer",
                    f"{a.name}: hosting under non-EU law, access by foreign authorities to assess",
                )
            )
            facts.append(f"assets[{i}].hosting")
    for i, p in enumerate(op.processors):
        if p.country is None:
            # Where a processor works is not known: a transfer cannot be ruled out yet.
            miss.append(t(f"{p.name} : le pays de traitement", f"{p.name}: the country of processing"))
            facts.append(f"processors[{i}].country")
    if not op.transfers and not miss:
        return _check(
            "transfers",
            title,
            src,
            [],
            [],
            not_applicable=t("aucun transfert déclaré", "no transfer declared"),
        )
    return _check("transfers", title, src, est, miss, facts, problems=probs)


@functools.cache
def _title_iii(source: Source) -> Source:
    """A GDPR article cited for a principle, as it reads under Title III of the loi Informatique et
    Libertés: the GDPR does not govern that processing (GDPR art. 2(2)(d)), so the principle is the CNIL
    method's and its Title III article is to be found, not the GDPR's asserted."""
    return Source(
        citation=t(
            f"Méthode PIA de la CNIL, partie 2 ; au titre III de la loi Informatique et Libertés, article "
            f"correspondant à vérifier (le RGPD, dont {source.citation.fr.removeprefix('RGPD, ')}, ne s'applique "
            "pas : RGPD, art. 2.2.d)",
            f"CNIL PIA method, part 2; under Title III of the loi Informatique et Libertés, the corresponding "
            f"article is to be checked (the GDPR, {source.citation.en.removeprefix('GDPR, ')} included, does not "
            "apply: GDPR art. 2(2)(d))",
        ),
        url=source.url,
        reliability="recalled",
    )


_CHECK_FIELDS = ("id", "title", "source", "status", "established", "missing", "missing_facts", "assessment")
if tuple(a.name for a in attrs.fields(PrincipleCheck)) != _CHECK_FIELDS:
    raise RuntimeError("PrincipleCheck's fields changed: update _with_source")


def _with_source(check: PrincipleCheck, source: Source) -> PrincipleCheck:
    """``attrs.evolve(check, source=source)``, field by field: evolve reads the class's fields at each
    call (eleven checks per assessment under Title III). The assessment paragraph is kept, as evolve
    keeps it."""
    return PrincipleCheck(
        id=check.id,
        title=check.title,
        source=source,
        status=check.status,
        established=check.established,
        missing=check.missing,
        missing_facts=check.missing_facts,
        assessment=check.assessment,
    )


def assess_principles(op: ProcessingOperation) -> Principles:
    """Examine each principle of the CNIL method's part 2 against the facts (pure)."""
    proportionality: tuple[PrincipleCheck, ...] = (
        _purposes(op),
        _lawfulness(op),
        _minimisation(op),
        _accuracy(op),
        _retention(op),
    )
    rights: tuple[PrincipleCheck, ...] = (
        _information(op),
        _consent(op),
        _access(op),
        _rectification(op),
        _objection(op),
        _processors(op),
        _transfers(op),
    )
    if op.legal.regime is LegalRegime.POLICE_JUSTICE:
        # Title III: no GDPR article is cited as the rule (lawfulness already cites the loi's art. 87).
        def cited(check: PrincipleCheck) -> PrincipleCheck:
            if check.source.url != _GDPR_URL or not check.source.citation.fr.startswith("RGPD, "):
                return check
            return _with_source(check, _title_iii(check.source))

        proportionality = tuple(cited(c) for c in proportionality)
        rights = tuple(cited(c) for c in rights)
    return Principles(proportionality=proportionality, rights=rights)
