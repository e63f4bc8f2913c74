"""Built-in plug-in ``builtin.cnil_lists``: the CNIL's lists of types of processing (GDPR art. 35(4) and (5)).

- Délibération n° 2018-327 du 11 octobre 2018 (JORF du 6 novembre 2018): the
  14 types of processing for which a DPIA is **required** (``cnil-2018-327``,
  effect ``REQUIRES``). The list is not exhaustive: a processing absent from it
  may still need a DPIA under art. 35(1) and the WP248 criteria. Item 11 is
  worded as amended by délibération n° 2019-011 du 31 janvier 2019.
- Délibération n° 2019-118 du 12 septembre 2019 (JORF du 22 octobre 2019): the
  12 types for which a DPIA is **not required** (``cnil-2019-118``, effect
  ``EXEMPTS``). Being on it removes the DPIA only; every other obligation of
  the GDPR, art. 32 security included, still applies.

Neither délibération numbers its items: the numbers (and so the ids
``cnil-2018-327:1`` … ``:14``, ``cnil-2019-118:1`` … ``:12``) follow the
published order; the order of exemption items 10 to 12 was not checked in an
official copy.

How a type is recognised: by the operation's ``domains`` (the CNIL names types
by their field) and by the facts each item states (health data, profiling,
biometrics…). An exemption item is met only when the processing is
**entirely** of that type: every declared domain within the type, and no
component from outside it (biometric identification, evaluation or scoring,
profiling included, or an AI system that learns or infers). Adding a
biometric canteen access or an AI profiling tool to school services takes
them out of the exemption.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from aipd.catalogue import Effect, FindingStatus, ListItem, Outcome, ReferenceList, Reliability, Source
from aipd.hookspecs import hookimpl
from aipd.i18n import Text, t
from aipd.model import ProcessingOperation
from aipd.settings import Settings
from aipd.vocabulary import DataKind, Domain, LegalRegime, OrganisationKind, Status
from aipd_builtin import facts, memo
from aipd_builtin.sources import CNIL_EXEMPT_LIST_URL, CNIL_REQUIRED_LIST_URL, source

__all__ = ["EXEMPT_LIST", "ITEMS", "REQUIRED_LIST", "aipd_list_items"]

Rule = Callable[[ProcessingOperation, Settings], Outcome]

REQUIRED_LIST = ReferenceList(
    id="cnil-2018-327",
    title=t(
        "Liste des types d'opérations de traitement pour lesquelles une analyse d'impact relative à la "
        "protection des données est requise (délibération CNIL n° 2018-327 du 11 octobre 2018)",
        "List of the types of processing operations for which a data protection impact assessment is "
        "required (CNIL délibération n° 2018-327 of 11 October 2018)",
    ),
    source=source(
        t(
            "CNIL, délibération n° 2018-327 du 11 octobre 2018 (JORF du 6 novembre 2018), prise en application "
            "de l'art. 35.4 du RGPD ; point 11 modifié par la délibération n° 2019-011 du 31 janvier 2019",
            "CNIL, délibération n° 2018-327 of 11 October 2018 (JORF of 6 November 2018), under GDPR art. "
            "35(4); item 11 amended by délibération n° 2019-011 of 31 January 2019",
        ),
        url=CNIL_REQUIRED_LIST_URL,
        reliability="verified",
    ),
    effect=Effect.REQUIRES,
)

EXEMPT_LIST = ReferenceList(
    id="cnil-2019-118",
    title=t(
        "Liste des types d'opérations de traitement pour lesquelles une analyse d'impact relative à la "
        "protection des données n'est pas requise (délibération CNIL n° 2019-118 du 12 septembre 2019)",
        "List of the types of processing operations for which a data protection impact assessment is not "
        "required (CNIL délibération n° 2019-118 of 12 September 2019)",
    ),
    source=source(
        t(
            "CNIL, délibération n° 2019-118 du 12 septembre 2019 (JORF du 22 octobre 2019), prise en application "
            "de l'art. 35.5 du RGPD",
            "CNIL, délibération n° 2019-118 of 12 September 2019 (JORF of 22 October 2019), under GDPR art. 35(5)",
        ),
        url=CNIL_EXEMPT_LIST_URL,
        reliability="secondary",
    ),
    effect=Effect.EXEMPTS,
)


def _required_source(number: int, reliability: Reliability, note: Text | None = None) -> Source:
    extra = note or t("", "")
    return source(
        t(
            f"CNIL, délibération n° 2018-327 du 11 octobre 2018, liste des traitements pour lesquels une AIPD est "
            f"requise, point {number} (numérotation selon l'ordre publié, la délibération ne numérote pas){extra.fr}",
            f"CNIL, délibération n° 2018-327 of 11 October 2018, list of processing requiring a DPIA, item {number} "
            f"(numbered in the published order; the délibération has no numbers){extra.en}",
        ),
        url=CNIL_REQUIRED_LIST_URL,
        reliability=reliability,
    )


def _exempt_source(number: int, reliability: Reliability, note: Text | None = None) -> Source:
    extra = note or t("", "")
    return source(
        t(
            f"CNIL, délibération n° 2019-118 du 12 septembre 2019, liste des traitements pour lesquels une AIPD "
            f"n'est pas requise, point {number} (numérotation selon l'ordre publié, la délibération ne numérote "
            f"pas){extra.fr}",
            f"CNIL, délibération n° 2019-118 of 12 September 2019, list of processing not requiring a DPIA, item "
            f"{number} (numbered in the published order; the délibération has no numbers){extra.en}",
        ),
        url=CNIL_EXEMPT_LIST_URL,
        reliability=reliability,
    )


# --- tests of the required list -------------------------------------------------------------------


def _domain(*domains: Domain, what: Text) -> Rule:
    def test(operation: ProcessingOperation, _settings: Settings) -> Outcome:
        return facts.has_domain(operation, domains, what)

    return test


_SOCIAL_SUPPORT = t("l'accompagnement social ou médico-social", "social or medico-social support")


def _social_support(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    """Item 13: social or medico-social support of persons; social aid alone leaves it to the DPO.

    The item names « l'accompagnement social ou médico-social des personnes ». Instructing and
    paying social aid (``social_aid``) is not named by it; but the CNIL's référentiel on the same
    sector (délibération n° 2021-028) puts that instruction among the purposes of the bodies that
    support persons, beside the support itself, and a CCAS's aid file often serves both. A
    processing declared as social aid only is therefore not read as outside the item on a draft
    ("not met" would lighten the assessment on a reading the texts do not settle): the DPO says
    whether it also serves the persons' support (field ``social_support``). On a validated record
    the declared fields are the DPO's final answer: not met, the rationale keeping the question.
    """
    found = facts.has_domain(operation, (Domain.SOCIAL_SUPPORT,), _SOCIAL_SUPPORT)
    if found.status is not FindingStatus.NOT_MET or Domain.SOCIAL_AID not in operation.domains:
        return found
    if operation.status is Status.VALIDATED:
        return Outcome.not_met(
            t(
                f"Domaine déclaré : « {Domain.SOCIAL_AID.fr} », sans « {Domain.SOCIAL_SUPPORT.fr} » sur ce "
                "traitement validé : le DPD a retenu qu'il ne sert pas l'accompagnement social des personnes "
                "(point 13). Le référentiel de la CNIL sur ce secteur (délibération n° 2021-028) range "
                "pourtant l'instruction des prestations sociales parmi les finalités des organismes qui "
                "accompagnent les personnes : la décision doit être documentée.",
                f"Field declared: '{Domain.SOCIAL_AID.en}', without '{Domain.SOCIAL_SUPPORT.en}' on this "
                "validated processing: the DPO held that it does not serve the persons' social support (item "
                "13). The CNIL's référentiel on that sector (délibération n° 2021-028) does count instructing "
                "social benefits among the purposes of the bodies that support persons: the decision must be "
                "documented.",
            )
        )
    return Outcome.unknown(
        t(
            f"Domaine déclaré : « {Domain.SOCIAL_AID.fr} ». Le point 13 vise « l'accompagnement social ou "
            "médico-social des personnes » ; le référentiel de la CNIL sur ce secteur (délibération "
            "n° 2021-028 du 11 mars 2021) range l'instruction, la gestion et le versement des prestations "
            "sociales légales et facultatives parmi les finalités des organismes qui accompagnent les "
            "personnes (dont les CCAS). Si ce traitement sert aussi l'accompagnement social des personnes, "
            f"déclarez le domaine « {Domain.SOCIAL_SUPPORT.fr} » (social_support) : il figure alors sur la "
            "liste ; sinon, documentez pourquoi il n'en relève pas.",
            f"Field declared: '{Domain.SOCIAL_AID.en}'. Item 13 covers 'the social or medico-social support "
            "of persons'; the CNIL's référentiel on that sector (délibération n° 2021-028 of 11 March 2021) "
            "counts instructing, managing and paying legal and optional social benefits among the purposes of "
            "the bodies that support persons (CCAS included). If this processing also serves the persons' "
            f"social support, declare the field '{Domain.SOCIAL_SUPPORT.en}' (social_support): it is then on "
            "the list; otherwise, document why it is not.",
        ),
        ["domains"],
    )


def _health_establishment(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    individual = facts.individual_practice(operation) is Domain.INDIVIDUAL_HEALTH_PROFESSIONAL
    establishment = (
        Outcome.not_met(
            t(
                "Le traitement est celui d'un professionnel de santé exerçant à titre individuel, pas d'un "
                "établissement.",
                "The processing is an individual health professional's, not an establishment's.",
            )
        )
        if individual
        else facts.has_domain(
            operation,
            (Domain.HEALTH_CARE, Domain.MEDICO_SOCIAL_CARE),
            t(
                "la prise en charge par un établissement de santé ou médico-social",
                "care by a health or medico-social establishment",
            ),
        )
    )
    return facts.when(
        facts.data_of_kinds(operation, [DataKind.HEALTH], t("données de santé", "health data")),
        establishment,
    )


def _genetic_vulnerable(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    return facts.when(
        facts.data_of_kinds(operation, [DataKind.GENETIC], t("données génétiques", "genetic data")),
        facts.vulnerable_subjects(operation),
    )


def _hr_profiles(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    return facts.when(
        facts.has_domain(
            operation,
            (Domain.HR_MANAGEMENT, Domain.RECRUITMENT, Domain.EMPLOYEE_MONITORING),
            t("la gestion des ressources humaines", "human resources management"),
        ),
        facts.profiling(operation),
    )


_MONITORING_CONSTANT = facts.Flag(
    path="monitoring.constant",
    yes=t("La surveillance est constante.", "The monitoring is constant."),
    no=t("La surveillance n'est pas constante.", "The monitoring is not constant."),
    unknown=t(
        "On ne sait pas si la surveillance est constante.",
        "Whether the monitoring is constant is not known.",
    ),
)


_MONITORING_AGENTS = facts.Flag(
    path="monitoring.agents",
    yes=t("L'activité des agents est surveillée.", "Staff activity is monitored."),
    no=t("L'activité des agents n'est pas surveillée.", "Staff activity is not monitored."),
    unknown=t(
        "On ne sait pas si l'activité des agents est surveillée.",
        "Whether staff activity is monitored is not known.",
    ),
)


def _constant_staff_monitoring(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    m = operation.monitoring
    if Domain.EMPLOYEE_MONITORING in operation.domains:
        staff = Outcome.met(
            t(
                f"Domaine déclaré : « {Domain.EMPLOYEE_MONITORING.fr} ».",
                f"Field declared: '{Domain.EMPLOYEE_MONITORING.en}'.",
            )
        )
    else:
        staff = _MONITORING_AGENTS.judge(m.agents)
    constant = _MONITORING_CONSTANT.judge(m.constant)
    return facts.all_of(staff, constant)


def _health_warehouse(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    return facts.when(
        facts.has_domain(
            operation,
            (Domain.HEALTH_DATA_WAREHOUSE,),
            t(
                "la constitution d'un entrepôt de données de santé ou d'un registre",
                "building a health data warehouse or registry",
            ),
        ),
        facts.data_of_kinds(
            operation, [DataKind.HEALTH, DataKind.GENETIC], t("données de santé", "health data")
        ),
    )


def _profiling_exclusion(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    return facts.when(facts.profiling(operation), facts.prevents_right(operation))


def _profiling_external(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    return facts.when(facts.profiling(operation), facts.external_sources(operation))


def _biometric_vulnerable(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    return facts.when(facts.biometric_identification(operation), facts.vulnerable_subjects(operation))


#: Item 14's data and their words, built once: the item is judged anew for every register row (the
#: number of persons is new on each).
_LOCATION = frozenset({DataKind.LOCATION})
_LOCATION_DATA = t("données de localisation", "location data")
_LOCATION_WHOSE = t("dont des données de localisation sont traitées", "whose location data are processed")


def _location_large_scale(operation: ProcessingOperation, settings: Settings) -> Outcome:
    # Item 14 reads « Traitements de données de localisation à large échelle »: the scale is that
    # of the processing of location data, so the persons counted are those whose location data
    # are processed (data[].persons), as for GDPR art. 35(3)(b); failing that, all persons.
    return facts.when(
        facts.data_of_kinds(operation, _LOCATION, _LOCATION_DATA),
        facts.mandatory_large_scale_of_data(operation, settings, _LOCATION, _LOCATION_WHOSE),
    )


# --- tests of the exemption list ------------------------------------------------------------------

#: Délibération 2019-118 is the list of GDPR art. 35(5); under Title III of the loi Informatique et
#: Libertés (directive 2016/680) the GDPR does not apply (art. 2(2)(d)) and art. 90 has no exemption.
_NO_EXEMPTION_UNDER_TITLE_III = Outcome.not_met(
    t(
        "Traitement relevant du titre III de la loi Informatique et Libertés (directive 2016/680) : cette "
        "liste, prise en application de l'art. 35.5 du RGPD, ne s'applique pas (art. 2.2.d du RGPD), et "
        "l'art. 90 de la loi ne prévoit pas de dispense.",
        "Processing under Title III of the loi Informatique et Libertés (directive 2016/680): this list, "
        "adopted under GDPR art. 35(5), does not apply (GDPR art. 2(2)(d)), and art. 90 of the loi has no "
        "exemption.",
    )
)


@facts.per_operation
def _no_outside_component(operation: ProcessingOperation) -> Outcome:
    """Met when nothing outside an ordinary type is added: no biometrics, scoring, profiling or learning AI."""
    component = facts.any_of(
        facts.biometric_identification(operation),
        facts.evaluation_scoring(operation),
        facts.ai_component(operation),
    )
    if component.status is FindingStatus.MET:
        return Outcome.not_met(
            t("Composante étrangère au type dispensé : ", "Component outside the exempt type: ")
            + component.rationale
        )
    return facts.negate(component)


def _exempt_type(
    core: Iterable[Domain],
    what: Text,
    *,
    accessory: Iterable[Domain] = (),
    conditions: Iterable[Callable[[ProcessingOperation], Outcome]] = (),
) -> Rule:
    core_t, accessory_t, conditions_t = tuple(core), tuple(accessory), tuple(conditions)

    def test(operation: ProcessingOperation, _settings: Settings) -> Outcome:
        if operation.legal.regime is LegalRegime.POLICE_JUSTICE:
            return _NO_EXEMPTION_UNDER_TITLE_III
        in_type = facts.entirely_of_type(operation, core_t, accessory_t, what)
        if in_type.status is FindingStatus.NOT_MET:
            # Not of the exempt type: that alone settles it, and it is all the DPO needs to read.
            return in_type
        return facts.when(in_type, *(c(operation) for c in conditions_t), _no_outside_component(operation))

    return test


#: Délibération 2019-118, item 1: « organismes qui emploient moins de 250 personnes ».
STAFF_LIMIT = 250


def _fewer_than_250(operation: ProcessingOperation) -> Outcome:
    agents = operation.controller.agents
    if agents is None:
        return Outcome.unknown(
            t("L'effectif de l'organisme n'est pas connu.", "The body's headcount is not known."),
            ["controller.agents"],
        )
    n = facts.fmt_int(agents)
    if agents < STAFF_LIMIT:
        return Outcome.met(
            t(f"Effectif : {n.fr} agents (moins de 250).", f"Headcount: {n.en} staff (fewer than 250).")
        )
    return Outcome.not_met(
        t(f"Effectif : {n.fr} agents, soit 250 ou plus.", f"Headcount: {n.en} staff, that is 250 or more.")
    )


def _no_profiling(operation: ProcessingOperation) -> Outcome:
    return facts.negate(facts.profiling(operation))


def _no_special_data(operation: ProcessingOperation) -> Outcome:
    return facts.negate(facts.special_or_offence_data(operation))


def _no_sensitive_data(operation: ProcessingOperation) -> Outcome:
    return facts.negate(facts.sensitive_data(operation))


def _non_profit_body(operation: ProcessingOperation) -> Outcome:
    """Délibération 2019-118, item 5: « une association, une fondation ou toute autre institution sans but
    lucratif ». A public person (commune, CCAS, EPCI, State…) is none of these: its members' or donors'
    files are not of this type. The model does not say whether another body is non-profit: the
    rationale asks the DPO to check it."""
    kind = operation.controller.kind
    if kind.is_public_law_body:
        return Outcome.not_met(
            t(
                f"Organisme : « {kind.fr} », une personne publique ; le point 5 ne vise que les associations, "
                "fondations et autres institutions sans but lucratif.",
                f"Body: '{kind.en}', a public body; item 5 covers only associations, foundations and other "
                "non-profit institutions.",
            )
        )
    return Outcome.met(
        t(
            f"Organisme : « {kind.fr} » (à vérifier : une association, une fondation ou une autre institution "
            "sans but lucratif).",
            f"Body: '{kind.en}' (to check: an association, a foundation or another non-profit institution).",
        )
    )


def _private_practice(operation: ProcessingOperation) -> Outcome:
    """Items 6 to 9 name professions practised by private persons (a health professional or a lawyer
    practising individually, commercial court clerks, notaries): a public body is none of them."""
    kind = operation.controller.kind
    if kind.is_public_law_body:
        return Outcome.not_met(
            t(
                f"Organisme : « {kind.fr} », une personne publique ; ce point ne vise que le traitement du "
                "professionnel lui-même.",
                f"Body: '{kind.en}', a public body; this item covers only the professional's own processing.",
            )
        )
    return Outcome.met(t(f"Organisme : « {kind.fr} ».", f"Body: '{kind.en}'."))


def _public_service_body(operation: ProcessingOperation) -> Outcome:
    kind = operation.controller.kind
    if kind is OrganisationKind.OTHER:
        return Outcome.not_met(
            t(
                "L'organisme n'est ni une collectivité territoriale, ni une personne morale de droit public, ni un "
                "organisme privé chargé d'un service public.",
                "The body is neither a local authority, nor a public-law body, nor a private body providing a "
                "public service.",
            )
        )
    return Outcome.met(t(f"Organisme : « {kind.fr} ».", f"Body: '{kind.en}'."))


# --- the items ----------------------------------------------------------------------------------


_TITLE_III_NOTE = t(
    " Sous le titre III de la loi Informatique et Libertés, cette liste, prise en application de l'art. 35.4 "
    "du RGPD, ne s'applique pas comme telle : ce type de traitement caractérise le risque élevé qui rend l'AIPD "
    "obligatoire au titre de l'article 90 de la loi.",
    " Under Title III of the loi Informatique et Libertés, this list, adopted under GDPR art. 35(4), does not "
    "apply as such: this type of processing shows the high risk that makes the DPIA mandatory under article 90 "
    "of the loi.",
)


def _under_title_iii(test: Rule) -> Rule:
    """A required type under Title III: the status is kept (a regime never makes an assessment less
    severe), and the rationale says that art. 90 of the loi, not the art. 35(4) list, requires the DPIA."""

    def wrapped(operation: ProcessingOperation, settings: Settings) -> Outcome:
        outcome = test(operation, settings)
        if (
            operation.legal.regime is LegalRegime.POLICE_JUSTICE
            and outcome.status is not FindingStatus.NOT_MET
        ):
            return facts.reworded(outcome, after=_TITLE_III_NOTE)
        return outcome

    wrapped.__doc__ = test.__doc__
    return wrapped


def _required(
    number: int, title: Text, conditions: Text, test: Rule, reliability: Reliability, note: Text | None = None
) -> ListItem:
    return ListItem(
        id=f"cnil-2018-327:{number}",
        reference_list=REQUIRED_LIST,
        number=number,
        title=title,
        conditions=conditions,
        source=_required_source(number, reliability, note),
        test=_under_title_iii(test),
    )


def _exempt(
    number: int, title: Text, conditions: Text, test: Rule, reliability: Reliability, note: Text | None = None
) -> ListItem:
    return ListItem(
        id=f"cnil-2019-118:{number}",
        reference_list=EXEMPT_LIST,
        number=number,
        title=title,
        conditions=conditions,
        source=_exempt_source(number, reliability, note),
        test=test,
    )


_ORDER_NOTE = t(
    " ; ordre des points 10 à 12 non vérifié dans une copie officielle",
    "; the order of items 10 to 12 was not checked in an official copy",
)

_ENTIRELY = t(
    " Le traitement doit relever entièrement de ce type, sans composante étrangère (identification "
    "biométrique, évaluation ou notation, profilage compris, système d'IA apprenant).",
    " The processing must be entirely of this type, with no outside component (biometric identification, "
    "evaluation or scoring, profiling included, a learning AI system).",
)

REQUIRED_ITEMS: tuple[ListItem, ...] = (
    _required(
        1,
        t(
            "Traitements de données de santé mis en œuvre par les établissements de santé ou les établissements "
            "médico-sociaux pour la prise en charge des personnes",
            "Processing of health data by health or medico-social establishments for the care of persons",
        ),
        t(
            "Données de santé ; traitement d'un établissement de santé ou médico-social (domaines « prise en charge "
            "sanitaire » ou « médico-sociale ») ; pour la prise en charge des personnes. Critères cités par la "
            "CNIL : données sensibles, personnes vulnérables.",
            "Health data; processing by a health or medico-social establishment (fields 'health care' or "
            "'medico-social care'); for the care of persons. Criteria the CNIL cites: sensitive data, vulnerable "
            "persons.",
        ),
        _health_establishment,
        "verified",
    ),
    _required(
        2,
        t(
            "Traitements portant sur des données génétiques de personnes dites « vulnérables » (patients, employés, "
            "enfants, etc.)",
            "Processing of genetic data of so-called 'vulnerable' persons (patients, employees, children, etc.)",
        ),
        t(
            "Données génétiques ; personnes vulnérables. Critères cités par la CNIL : données sensibles, personnes "
            "vulnérables.",
            "Genetic data; vulnerable persons. Criteria the CNIL cites: sensitive data, vulnerable persons.",
        ),
        _genetic_vulnerable,
        "verified",
    ),
    _required(
        3,
        t(
            "Traitements établissant des profils de personnes physiques à des fins de gestion des ressources "
            "humaines",
            "Processing that profiles natural persons for human resources management",
        ),
        t(
            "Profilage ; à des fins de gestion des ressources humaines (domaines « gestion du personnel », "
            "« recrutement », « contrôle de l'activité des agents »). Critères cités par la CNIL : évaluation ou "
            "notation, personnes vulnérables.",
            "Profiling; for human resources management (fields 'staff management', 'recruitment', 'monitoring of "
            "staff activity'). Criteria the CNIL cites: evaluation or scoring, vulnerable persons.",
        ),
        _hr_profiles,
        "verified",
    ),
    _required(
        4,
        t(
            "Traitements ayant pour finalité de surveiller de manière constante l'activité des employés concernés",
            "Processing whose purpose is the constant monitoring of the activity of the employees concerned",
        ),
        t(
            "Surveillance de l'activité des agents ; constante. Critères cités par la CNIL : personnes "
            "vulnérables, surveillance systématique.",
            "Monitoring of staff activity; constant. Criteria the CNIL cites: vulnerable persons, systematic "
            "monitoring.",
        ),
        _constant_staff_monitoring,
        "verified",
    ),
    _required(
        5,
        t(
            "Traitements ayant pour finalité la gestion des alertes et des signalements en matière sociale et "
            "sanitaire",
            "Processing for managing social and health alerts and reports",
        ),
        t(
            "Gestion des alertes et signalements en matière sociale et sanitaire (domaine du même nom). Critères "
            "cités par la CNIL : personnes vulnérables, évaluation ou notation, données sensibles.",
            "Managing social and health alerts and reports (field of that name). Criteria the CNIL cites: "
            "vulnerable persons, evaluation or scoring, sensitive data.",
        ),
        _domain(
            Domain.SOCIAL_HEALTH_ALERTS,
            what=t(
                "la gestion des alertes et signalements en matière sociale et sanitaire",
                "managing social and health alerts and reports",
            ),
        ),
        "verified",
    ),
    _required(
        6,
        t(
            "Traitements ayant pour finalité la gestion des alertes et des signalements en matière professionnelle",
            "Processing for managing professional alerts and reports (whistleblowing)",
        ),
        t(
            "Gestion des alertes et signalements en matière professionnelle (domaine « alertes "
            "professionnelles »). Critères cités par la CNIL : personnes vulnérables, évaluation ou notation, "
            "données sensibles.",
            "Managing professional alerts and reports (field 'whistleblowing'). Criteria the CNIL cites: "
            "vulnerable persons, evaluation or scoring, sensitive data.",
        ),
        _domain(
            Domain.PROFESSIONAL_ALERTS,
            what=t("la gestion des alertes professionnelles", "managing professional alerts"),
        ),
        "verified",
    ),
    _required(
        7,
        t(
            "Traitements des données de santé nécessaires à la constitution d'un entrepôt de données ou d'un "
            "registre",
            "Processing of health data needed to build a data warehouse or a registry",
        ),
        t(
            "Données de santé ; constitution d'un entrepôt de données ou d'un registre. Critères cités par la "
            "CNIL : données sensibles, personnes vulnérables.",
            "Health data; building a data warehouse or registry. Criteria the CNIL cites: sensitive data, "
            "vulnerable persons.",
        ),
        _health_warehouse,
        "verified",
    ),
    _required(
        8,
        t(
            "Traitements impliquant le profilage des personnes pouvant aboutir à leur exclusion du bénéfice d'un "
            "contrat ou à la suspension voire à la rupture de celui-ci",
            "Processing involving profiling that may lead to persons' exclusion from the benefit of a contract, "
            "or to its suspension or even termination",
        ),
        t(
            "Profilage ; pouvant aboutir à l'exclusion du bénéfice d'un contrat, à sa suspension ou à sa rupture "
            "(aipd : le traitement conditionne l'accès à un droit, un service ou un contrat).",
            "Profiling; that may lead to exclusion from the benefit of a contract, its suspension or termination "
            "(aipd: the processing conditions access to a right, a service or a contract).",
        ),
        _profiling_exclusion,
        "verified",
    ),
    _required(
        9,
        t(
            "Traitements mutualisés de manquements contractuels constatés, susceptibles d'aboutir à une décision "
            "d'exclusion ou de suspension du bénéfice d'un contrat",
            "Pooled processing of recorded contractual breaches, which may lead to a decision excluding from or "
            "suspending the benefit of a contract",
        ),
        t(
            "Fichier mutualisé de manquements contractuels (domaine du même nom), susceptible d'aboutir à une "
            "exclusion ou une suspension.",
            "Pooled file of contractual breaches (field of that name), which may lead to exclusion or suspension.",
        ),
        _domain(
            Domain.POOLED_CONTRACT_BREACHES,
            what=t(
                "un fichier mutualisé de manquements contractuels", "a pooled file of contractual breaches"
            ),
        ),
        "verified",
    ),
    _required(
        10,
        t(
            "Traitements de profilage faisant appel à des données provenant de sources externes",
            "Profiling using data from external sources",
        ),
        t(
            "Profilage ; utilisant des données de sources externes.",
            "Profiling; using data from external sources.",
        ),
        _profiling_external,
        "verified",
    ),
    _required(
        11,
        t(
            "Traitements de données biométriques aux fins d'identifier une personne physique de manière unique "
            "parmi lesquelles figurent des personnes dites « vulnérables » (élèves, personnes âgées, patients, "
            "demandeurs d'asile, etc.)",
            "Processing of biometric data to identify a natural person uniquely, among whom are so-called "
            "'vulnerable' persons (pupils, the elderly, patients, asylum seekers, etc.)",
        ),
        t(
            "Données biométriques aux fins d'identifier une personne de manière unique ; parmi les personnes "
            "concernées, des personnes vulnérables.",
            "Biometric data to identify a person uniquely; vulnerable persons among those concerned.",
        ),
        _biometric_vulnerable,
        "secondary",
        t(
            " ; libellé modifié par la délibération n° 2019-011 du 31 janvier 2019 (« aux fins d'identifier une "
            "personne physique de manière unique » au lieu de « aux fins de reconnaissance des personnes »)",
            "; wording amended by délibération n° 2019-011 of 31 January 2019 ('to identify a natural person "
            "uniquely' instead of 'to recognise persons')",
        ),
    ),
    _required(
        12,
        t(
            "Instruction des demandes et gestion des logements sociaux",
            "Processing of applications for, and management of, social housing",
        ),
        t(
            "Instruction des demandes et gestion des logements sociaux (domaine du même nom).",
            "Social housing applications and management (field of that name).",
        ),
        _domain(
            Domain.SOCIAL_HOUSING,
            what=t("la gestion des logements sociaux", "social housing management"),
        ),
        "verified",
    ),
    _required(
        13,
        t(
            "Traitements ayant pour finalité l'accompagnement social ou médico-social des personnes",
            "Processing for the social or medico-social support of persons",
        ),
        t(
            "Accompagnement social ou médico-social des personnes (domaine du même nom). Instruction et "
            "versement d'aides sociales seuls : à trancher par le DPD (aipd : le référentiel CNIL "
            "n° 2021-028 range cette instruction parmi les finalités des organismes qui accompagnent les "
            "personnes).",
            "Social or medico-social support of persons (field of that name). Instructing and paying social "
            "aid alone: for the DPO to settle (aipd: CNIL référentiel 2021-028 counts that instruction among "
            "the purposes of the bodies that support persons).",
        ),
        _social_support,
        "verified",
        # The référentiel (JORF, JORFTEXT000043274920) names CCAS among its addressees [V, legal
        # reference C.2]; its list of purposes was read in secondary summaries only.
        t(
            " ; pour l'aide sociale, référentiel CNIL relatif à l'accueil, l'hébergement et l'accompagnement "
            "social et médico-social (délibération n° 2021-028 du 11 mars 2021 ; finalités connues par des "
            "sources secondaires)",
            "; for social aid, CNIL référentiel on hosting and social and medico-social support (délibération "
            "n° 2021-028 of 11 March 2021; purposes known from secondary sources)",
        ),
    ),
    _required(
        14,
        t(
            "Traitements de données de localisation à large échelle",
            "Processing of location data on a large scale",
        ),
        t(
            "Données de localisation ; à grande échelle (aipd : nombre absolu de personnes dont les données de "
            "localisation sont traitées, à défaut de toutes les personnes du traitement ; seuil de Settings).",
            "Location data; on a large scale (aipd: absolute number of persons whose location data are "
            "processed, failing that of all persons of the processing; threshold of Settings).",
        ),
        _location_large_scale,
        "verified",
    ),
)

EXEMPT_ITEMS: tuple[ListItem, ...] = (
    _exempt(
        1,
        t(
            "Traitements, mis en œuvre uniquement à des fins de ressources humaines et dans les conditions prévues "
            "par les textes applicables, pour la seule gestion du personnel des organismes qui emploient moins de "
            "250 personnes, à l'exception du recours au profilage",
            "Processing solely for human resources purposes, under the conditions of the applicable texts, for "
            "the sole management of the staff of bodies employing fewer than 250 persons, except where profiling "
            "is used",
        ),
        t(
            "Uniquement la gestion du personnel ; organisme de moins de 250 personnes (effectif) ; pas de "
            "profilage ; dans les conditions prévues par les textes applicables." + _ENTIRELY.fr,
            "Staff management only; body of fewer than 250 persons (headcount); no profiling; under the "
            "conditions of the applicable texts." + _ENTIRELY.en,
        ),
        _exempt_type(
            (Domain.HR_MANAGEMENT,),
            t("la seule gestion du personnel", "staff management only"),
            conditions=(_fewer_than_250, _no_profiling),
        ),
        "verified",
    ),
    _exempt(
        2,
        t("Traitements de gestion de la relation fournisseurs", "Processing for managing supplier relations"),
        t(
            "Gestion de la relation fournisseurs." + _ENTIRELY.fr,
            "Supplier relations management." + _ENTIRELY.en,
        ),
        _exempt_type(
            (Domain.SUPPLIER_RELATIONS,), t("la gestion de la relation fournisseurs", "supplier relations")
        ),
        "verified",
    ),
    _exempt(
        3,
        t(
            "Traitements mis en œuvre dans les conditions prévues par les textes relatifs à la gestion du fichier "
            "électoral des communes",
            "Processing under the texts on the management of municipal electoral rolls",
        ),
        t(
            "Gestion du fichier électoral de la commune, dans les conditions prévues par les textes."
            + _ENTIRELY.fr,
            "Management of the municipal electoral roll, under the applicable texts." + _ENTIRELY.en,
        ),
        _exempt_type(
            (Domain.ELECTORAL_ROLL,), t("la gestion du fichier électoral", "electoral roll management")
        ),
        "verified",
    ),
    _exempt(
        4,
        t(
            "Traitements destinés à la gestion des activités des Comités d'entreprise et d'établissement",
            "Processing for managing the activities of works councils",
        ),
        t(
            "Gestion des activités des comités d'entreprise et d'établissement (aipd : domaine « Activités "
            "sociales du comité (CE, CSE, COS) »)." + _ENTIRELY.fr,
            "Management of the activities of works councils (aipd: field 'Works council activities')."
            + _ENTIRELY.en,
        ),
        _exempt_type(
            (Domain.WORKS_COUNCIL,), t("les activités sociales d'un comité", "works council activities")
        ),
        "verified",
    ),
    _exempt(
        5,
        t(
            "Traitements mis en œuvre par une association, une fondation ou toute autre institution sans but "
            "lucratif pour la gestion de ses membres et de ses donateurs dans le cadre de ses activités habituelles "
            "dès lors que les données ne sont pas sensibles",
            "Processing by an association, foundation or other non-profit body to manage its members and donors "
            "in its usual activities, provided the data are not sensitive",
        ),
        t(
            "Association, fondation ou autre institution sans but lucratif (pas une personne publique) ; gestion "
            "de ses membres et donateurs ; activités habituelles ; aucune donnée sensible (art. 9 et 10)."
            + _ENTIRELY.fr,
            "Association, foundation or other non-profit institution (not a public body); managing its members "
            "and donors; usual activities; no sensitive data (arts. 9 and 10)." + _ENTIRELY.en,
        ),
        _exempt_type(
            (Domain.MEMBERS_DONORS,),
            t("la gestion des membres et donateurs", "members and donors management"),
            conditions=(_non_profit_body, _no_special_data),
        ),
        "verified",
    ),
    _exempt(
        6,
        t(
            "Traitements de données de santé nécessaires à la prise en charge d'un patient par un professionnel de "
            "santé exerçant à titre individuel au sein d'un cabinet médical, d'une officine de pharmacie ou d'un "
            "laboratoire de biologie médicale",
            "Processing of health data needed for a patient's care by a health professional practising "
            "individually in a medical practice, a pharmacy or a medical biology laboratory",
        ),
        t(
            "Professionnel de santé exerçant à titre individuel (pas une personne publique) ; prise en charge de "
            "ses patients (et leur facturation)." + _ENTIRELY.fr,
            "Health professional practising individually (not a public body); care of their patients (and its "
            "billing)." + _ENTIRELY.en,
        ),
        _exempt_type(
            (Domain.INDIVIDUAL_HEALTH_PROFESSIONAL,),
            t(
                "la prise en charge de patients par un professionnel de santé exerçant à titre individuel",
                "patient care by an individual health professional",
            ),
            accessory=(Domain.HEALTH_CARE, Domain.TAXATION_BILLING),
            conditions=(_private_practice,),
        ),
        "verified",
    ),
    _exempt(
        7,
        t(
            "Traitements mis en œuvre par les avocats dans le cadre de l'exercice de leur profession à titre "
            "individuel",
            "Processing by lawyers practising their profession individually",
        ),
        t(
            "Avocat exerçant à titre individuel (pas une personne publique)." + _ENTIRELY.fr,
            "Lawyer practising individually (not a public body)." + _ENTIRELY.en,
        ),
        _exempt_type(
            (Domain.INDIVIDUAL_LAWYER,),
            t("l'exercice individuel de la profession d'avocat", "an individual lawyer's practice"),
            accessory=(Domain.TAXATION_BILLING,),
            conditions=(_private_practice,),
        ),
        "verified",
    ),
    _exempt(
        8,
        t(
            "Traitements mis en œuvre par les greffiers des tribunaux de commerce aux fins d'exercice de leur "
            "activité",
            "Processing by the clerks of commercial courts for their activity",
        ),
        t(
            "Greffe d'un tribunal de commerce (pas une personne publique)." + _ENTIRELY.fr,
            "Clerk of a commercial court (not a public body)." + _ENTIRELY.en,
        ),
        _exempt_type(
            (Domain.COMMERCIAL_COURT_CLERK,),
            t("l'activité d'un greffe de tribunal de commerce", "a commercial court clerk's activity"),
            conditions=(_private_practice,),
        ),
        "verified",
    ),
    _exempt(
        9,
        t(
            "Traitements mis en œuvre par les notaires aux fins d'exercice de leur activité notariale et de "
            "rédaction des documents des offices notariaux",
            "Processing by notaries for their notarial activity and drafting the documents of notarial offices",
        ),
        t(
            "Activité notariale (pas une personne publique)." + _ENTIRELY.fr,
            "Notarial activity (not a public body)." + _ENTIRELY.en,
        ),
        _exempt_type(
            (Domain.NOTARY,), t("l'activité notariale", "notarial activity"), conditions=(_private_practice,)
        ),
        "verified",
    ),
    _exempt(
        10,
        t(
            "Traitements mis en œuvre par les collectivités territoriales et les personnes morales de droit public "
            "et de droit privé aux fins de gérer les services en matière d'affaires scolaires, périscolaires et de "
            "la petite enfance",
            "Processing by local authorities and public-law and private-law bodies to manage school, after-school "
            "and early-childhood services",
        ),
        t(
            "Collectivité territoriale, personne morale de droit public, ou de droit privé (chargée d'un service "
            "public, d'après une source non vérifiée) ; gestion des services scolaires, périscolaires et de la "
            "petite enfance (préinscription, inscription, suivi, facturation)." + _ENTIRELY.fr,
            "Local authority, public-law body, or private-law body (providing a public service, per an unverified "
            "source); managing school, after-school and early-childhood services (pre-registration, registration, "
            "follow-up, billing)." + _ENTIRELY.en,
        ),
        _exempt_type(
            (Domain.SCHOOL_SERVICES,),
            t(
                "la gestion des services scolaires, périscolaires et de la petite enfance",
                "school, after-school and early-childhood services",
            ),
            accessory=(Domain.TAXATION_BILLING, Domain.CITIZEN_INFORMATION),
            conditions=(_public_service_body,),
        ),
        "recalled",
        _ORDER_NOTE,
    ),
    _exempt(
        11,
        t(
            "Traitements mis en œuvre aux seules fins de gestion des contrôles d'accès physiques et des horaires "
            "pour le calcul du temps de travail, en dehors de tout dispositif biométrique",
            "Processing solely for managing physical access control and working hours to compute working time, "
            "without any biometric device",
        ),
        t(
            "Uniquement le contrôle d'accès physique et les horaires pour le calcul du temps de travail ; aucun "
            "dispositif biométrique ; aucune donnée révélant des informations sensibles ou à caractère hautement "
            "personnel. Pas de condition d'effectif." + _ENTIRELY.fr,
            "Physical access control and working hours for computing working time only; no biometric device; no "
            "data revealing sensitive or highly personal information. No headcount condition." + _ENTIRELY.en,
        ),
        _exempt_type(
            (Domain.ACCESS_CONTROL_WORKING_TIME,),
            t(
                "la seule gestion des contrôles d'accès physiques et des horaires",
                "physical access control and working hours only",
            ),
            conditions=(_no_sensitive_data,),
        ),
        "recalled",
        _ORDER_NOTE,
    ),
    _exempt(
        12,
        t(
            "Traitements relatifs aux éthylotests, mis en œuvre dans les conditions prévues par les textes "
            "applicables, dans le cadre des activités de transport de personnes ou de marchandises",
            "Processing relating to breathalyser tests, under the applicable texts, in passenger or goods "
            "transport activities",
        ),
        t(
            "Éthylotests ; transport de personnes ou de marchandises ; dans les conditions prévues par les textes "
            "applicables." + _ENTIRELY.fr,
            "Breathalyser tests; passenger or goods transport; under the applicable texts." + _ENTIRELY.en,
        ),
        _exempt_type(
            (Domain.BREATHALYSER,), t("les éthylotests (transport)", "breathalyser tests (transport)")
        ),
        "recalled",
        t(
            " ; libellé connu par des sources secondaires ; ordre des points 10 à 12 non vérifié",
            "; wording known from secondary sources; order of items 10 to 12 not checked",
        ),
    ),
)

ITEMS: tuple[ListItem, ...] = REQUIRED_ITEMS + EXEMPT_ITEMS


@hookimpl
def aipd_list_items() -> Iterable[ListItem]:
    """The 14 types of délibération 2018-327 (DPIA required) and the 12 of délibération 2019-118 (not required)."""
    return _KEPT


#: The rules as the registry gets them: their answers kept across operations (aipd_builtin.memo).
_KEPT = memo.kept(ITEMS)
