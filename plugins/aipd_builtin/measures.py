"""Built-in plug-in ``builtin.measures``: a catalogue of measures in the CNIL method's families.

The CNIL method (PIA, part 3.1) sorts measures into measures on the data,
general security measures and organisational measures, and part 2.2 adds the
measures protecting the persons' rights. Each measure here says which risks it
addresses (``reduces``) and on which axis of the CNIL scale it acts
(``lowers``), so :mod:`aipd.risks` can propose levels from what is declared.

The axis follows one reading, stated once: measures that limit the harm when
the feared event happens (less data, unintelligible data, persons able to spot
and correct an error, a breach contained) lower the **severity**; measures that
make the event harder to bring about (access control, hardening, training,
contracts) lower the **likelihood**. Two measures do both: backups (a restorable
copy makes a definitive loss unlikely and limits its consequences) and
encryption (data in transit or on a stolen disk are hard to read, and
unintelligible to whoever gets them without the key).

Titles and descriptions are this library's own words, after the families and
headings of the CNIL's PIA knowledge base and its guide on the security of
personal data; nothing is copied from the PIA tool.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from aipd.catalogue import MeasureType, Outcome, Source, Test
from aipd.hookspecs import hookimpl
from aipd.i18n import t
from aipd.model import EEA_COUNTRIES, ProcessingOperation
from aipd.settings import Settings
from aipd.vocabulary import AssetKind, Hosting, MeasureFamily

__all__ = ["ACCESS", "DISAPPEARANCE", "MEASURES", "MODIFICATION", "aipd_measures"]

#: The three feared events of the CNIL method (ids of ``builtin.cnil_risks``).
ACCESS = "cnil:illegitimate_access"
MODIFICATION = "cnil:unwanted_modification"
DISAPPEARANCE = "cnil:disappearance"
_ALL = (ACCESS, MODIFICATION, DISAPPEARANCE)

PIA_KB = Source(
    citation=t(
        "Méthode PIA de la CNIL (2018), partie 3.1 et base de connaissances : familles de mesures",
        "CNIL PIA method (2018), part 3.1 and knowledge base: families of measures",
    ),
    url="https://www.cnil.fr/fr/outil-pia-telechargez-et-installez-le-logiciel-de-la-cnil",
    reliability="secondary",
)
SECURITY_GUIDE = Source(
    citation=t(
        "CNIL, guide de la sécurité des données personnelles (édition 2024)",
        "CNIL, guide to the security of personal data (2024 edition)",
    ),
    url="https://www.cnil.fr/fr/securite-des-donnees",
    reliability="secondary",
)
AI_GUIDANCE = Source(
    citation=t(
        "CNIL, recommandations sur le développement des systèmes d'IA (fiches pratiques IA)",
        "CNIL, recommendations on the development of AI systems (AI how-to sheets)",
    ),
    url="https://www.cnil.fr/fr/les-fiches-pratiques-ia",
    reliability="secondary",
)


def _gdpr(fr: str, en: str) -> Source:
    # GDPR articles outside arts. 35-36 were not re-read in an official copy for this library.
    return Source(
        citation=t(f"RGPD, {fr}", f"GDPR, {en}"),
        url="https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679",
        reliability="recalled",
    )


Axis = Literal["likelihood", "severity", "both"]


# -- when a declared measure has something to act on (MeasureType.applies) ------------------
# Not met only on known facts that leave the measure nothing to act on, or contradict it: a
# measure ticked for a support, a contract or a system the processing does not have would
# otherwise lower the likelihood of a risk it does not reduce.


def _paper(op: ProcessingOperation, _s: Settings) -> Outcome:
    if any(a.kind is AssetKind.PAPER for a in op.assets):
        return Outcome.met(t("Des supports papier sont déclarés.", "Paper supports are declared."))
    if not op.assets:
        return Outcome.unknown(
            t("Aucun support n'est déclaré.", "No support is declared."), missing=("assets",)
        )
    return Outcome.not_met(
        t(
            "aucun support papier n'est déclaré parmi les supports du traitement",
            "no paper support is among the processing's declared supports",
        )
    )


def _processors(op: ProcessingOperation, _s: Settings) -> Outcome:
    if not op.processors:
        return Outcome.not_met(t("aucun sous-traitant n'est déclaré", "no processor is declared"))
    without = [p.name for p in op.processors if p.contract_art28 is False]
    if without:
        names = ", ".join(without)
        return Outcome.not_met(
            t(
                f"sous-traitant déclaré sans contrat conforme à l'article 28 ({names})",
                f"processor declared without an article 28 contract ({names})",
            )
        )
    return Outcome.met(t("Des sous-traitants sont déclarés.", "Processors are declared."))


def _eu_hosting(op: ProcessingOperation, _s: Settings) -> Outcome:
    outside = [a.name for a in op.assets if a.hosting is Hosting.PROVIDER_NON_EU]
    outside += [p.name for p in op.processors if p.country is not None and p.country not in EEA_COUNTRIES]
    if outside:
        names = ", ".join(outside)
        return Outcome.not_met(
            t(
                f"des supports ou des sous-traitants sont déclarés hors de l'Union ou soumis à un droit "
                f"extra-européen ({names})",
                f"supports or processors are declared outside the EU or under non-EU law ({names})",
            )
        )
    digital = [a for a in op.assets if a.kind in (AssetKind.SOFTWARE, AssetKind.HARDWARE, AssetKind.NETWORK)]
    if digital and not op.processors and all(a.hosting is Hosting.ON_PREMISES for a in digital):
        return Outcome.not_met(
            t(
                "les supports sont hébergés en interne et aucun sous-traitant n'est déclaré : aucun prestataire "
                "n'héberge les données",
                "the supports are hosted on premises and no processor is declared: no provider hosts the data",
            )
        )
    return Outcome.met(
        t("Aucun hébergement hors de l'Union n'est déclaré.", "No hosting outside the EU is declared.")
    )


def _ai(op: ProcessingOperation, _s: Settings) -> Outcome:
    if op.ai_system is None:
        return Outcome.not_met(t("aucun système d'IA n'est déclaré", "no AI system is declared"))
    return Outcome.met(t("Un système d'IA est déclaré.", "An AI system is declared."))


def _m(
    name: str,
    family: MeasureFamily,
    title: tuple[str, str],
    description: tuple[str, str],
    reduces: tuple[str, ...],
    lowers: Axis,
    source: Source = PIA_KB,
    applies: Test | None = None,
) -> MeasureType:
    return MeasureType(
        id=f"builtin:{name}",
        title=t(*title),
        family=family,
        description=t(*description),
        reduces=reduces,
        lowers=lowers,
        source=source,
        applies=applies,
    )


DATA = MeasureFamily.DATA
SEC = MeasureFamily.SECURITY
ORG = MeasureFamily.ORGANISATIONAL
RIGHTS = MeasureFamily.RIGHTS

MEASURES: tuple[MeasureType, ...] = (
    # -- measures on the data: they limit what an incident can expose or spoil -------------
    _m(
        "minimisation",
        DATA,
        ("Minimisation des données", "Data minimisation"),
        (
            "Ne collecter que les données nécessaires à chaque finalité, champ par champ, et "
            "écarter les zones de commentaire libre ou les limiter.",
            "Collect only the data each purpose needs, field by field, and drop or restrict "
            "free-text fields.",
        ),
        (ACCESS, MODIFICATION),
        "severity",
        _gdpr("art. 5.1.c (minimisation)", "art. 5(1)(c) (data minimisation)"),
    ),
    _m(
        "pseudonymisation",
        DATA,
        ("Pseudonymisation", "Pseudonymisation"),
        (
            "Remplacer les identifiants directs par des pseudonymes et conserver à part, sous "
            "accès restreint, le moyen de réidentifier.",
            "Replace direct identifiers by pseudonyms and keep the means to re-identify apart, "
            "under restricted access.",
        ),
        (ACCESS,),
        "severity",
        _gdpr("art. 4.5 et 32.1.a", "arts. 4(5) and 32(1)(a)"),
    ),
    _m(
        "anonymisation",
        DATA,
        ("Anonymisation", "Anonymisation"),
        (
            "Ne conserver que des données agrégées ou anonymisées, qui ne permettent plus "
            "d'isoler, de relier ni d'inférer une personne.",
            "Keep only aggregated or anonymised data, from which no person can be singled "
            "out, linked or inferred.",
        ),
        (ACCESS, MODIFICATION),
        "severity",
        _gdpr("considérant 26", "recital 26"),
    ),
    _m(
        "encryption",
        DATA,
        ("Chiffrement", "Encryption"),
        (
            "Chiffrer les données stockées (disques, bases, sauvegardes) et transmises "
            "(TLS), avec des clés gérées à part.",
            "Encrypt data at rest (disks, databases, backups) and in transit (TLS), with keys "
            "managed separately.",
        ),
        (ACCESS,),
        "both",
        _gdpr("art. 32.1.a", "art. 32(1)(a)"),
    ),
    _m(
        "retention_purge",
        DATA,
        ("Purge à l'échéance des durées de conservation", "Purge when retention periods end"),
        (
            "Supprimer ou anonymiser automatiquement les données à la fin de leur durée de "
            "conservation, archives intermédiaires comprises.",
            "Delete or anonymise data automatically when their retention period ends, "
            "intermediate archives included.",
        ),
        (ACCESS,),
        "severity",
        _gdpr("art. 5.1.e (limitation de la conservation)", "art. 5(1)(e) (storage limitation)"),
    ),
    _m(
        "partitioning",
        DATA,
        ("Cloisonnement des données", "Partitioning of data"),
        (
            "Séparer les données selon les finalités et les services, pour qu'un incident "
            "sur une partie n'atteigne pas le reste.",
            "Keep data apart by purpose and department, so an incident on one part does not reach the rest.",
        ),
        (ACCESS, MODIFICATION),
        "severity",
    ),
    _m(
        "data_quality",
        DATA,
        ("Contrôle de la qualité des données", "Data quality checks"),
        (
            "Contrôles de saisie, rapprochements et mises à jour régulières, pour que les "
            "données restent exactes.",
            "Input checks, reconciliations and regular updates, so the data stay accurate.",
        ),
        (MODIFICATION,),
        "likelihood",
        _gdpr("art. 5.1.d (exactitude)", "art. 5(1)(d) (accuracy)"),
    ),
    _m(
        "training_data_minimisation",
        DATA,
        ("Minimisation des données d'entraînement", "Training data minimisation"),
        (
            "N'utiliser pour entraîner ou affiner un modèle que les données nécessaires, "
            "nettoyées des identifiants et des champs sans utilité pour l'apprentissage.",
            "Use only the data needed to train or fine-tune a model, cleaned of identifiers "
            "and of fields useless for learning.",
        ),
        (ACCESS,),
        "severity",
        AI_GUIDANCE,
        applies=_ai,
    ),
    _m(
        "differential_privacy",
        DATA,
        ("Confidentialité différentielle", "Differential privacy"),
        (
            "Ajouter un bruit calibré à l'entraînement ou aux résultats publiés, pour qu'ils ne "
            "révèlent presque rien d'une personne en particulier.",
            "Add calibrated noise to training or to published results, so they reveal almost "
            "nothing about any one person.",
        ),
        (ACCESS,),
        "severity",
        AI_GUIDANCE,
    ),
    # -- general security measures: they make the feared events harder to bring about ------
    _m(
        "access_control",
        SEC,
        ("Gestion des habilitations et contrôle d'accès", "Access rights and access control"),
        (
            "Comptes individuels, droits limités au besoin d'en connaître, authentification "
            "forte des comptes à privilèges, revue périodique des habilitations.",
            "Individual accounts, rights limited to need-to-know, strong authentication for "
            "privileged accounts, periodic review of access rights.",
        ),
        (ACCESS, MODIFICATION),
        "likelihood",
        SECURITY_GUIDE,
    ),
    _m(
        "logging",
        SEC,
        ("Journalisation et traçabilité", "Logging and traceability"),
        (
            "Tracer les accès et les actions sur les données, protéger les journaux et les "
            "examiner, pour détecter et dissuader les usages abusifs.",
            "Log accesses and actions on the data, protect the logs and review them, to "
            "detect and deter misuse.",
        ),
        (ACCESS, MODIFICATION),
        "likelihood",
        SECURITY_GUIDE,
    ),
    _m(
        "integrity_check",
        SEC,
        ("Contrôle d'intégrité", "Integrity checks"),
        (
            "Empreintes, signatures ou contrôles de cohérence qui révèlent une modification "
            "non autorisée des données ou des logiciels.",
            "Hashes, signatures or consistency checks that reveal an unauthorised change to "
            "data or software.",
        ),
        (MODIFICATION,),
        "likelihood",
        SECURITY_GUIDE,
    ),
    _m(
        "backup",
        SEC,
        ("Sauvegardes testées", "Tested backups"),
        (
            "Sauvegardes régulières, chiffrées, dont une copie hors ligne ou sur un autre "
            "site, et tests de restauration.",
            "Regular encrypted backups, one copy offline or off-site, and restore tests.",
        ),
        (DISAPPEARANCE, MODIFICATION),
        "both",
        SECURITY_GUIDE,
    ),
    _m(
        "business_continuity",
        SEC,
        ("Continuité d'activité", "Business continuity"),
        (
            "Plan de continuité et de reprise, redondance des équipements critiques, "
            "procédure dégradée pour servir les usagers pendant une panne.",
            "Continuity and recovery plan, redundant critical equipment, a fallback "
            "procedure to serve users during an outage.",
        ),
        (DISAPPEARANCE,),
        "likelihood",
        SECURITY_GUIDE,
    ),
    _m(
        "network_security",
        SEC,
        ("Sécurité des réseaux", "Network security"),
        (
            "Pare-feu, segmentation, flux limités au nécessaire, accès distants par VPN, "
            "Wi-Fi séparé pour le public.",
            "Firewall, segmentation, flows limited to what is needed, remote access through "
            "a VPN, separate public Wi-Fi.",
        ),
        _ALL,
        "likelihood",
        SECURITY_GUIDE,
    ),
    _m(
        "physical_security",
        SEC,
        ("Sécurité physique des locaux et des matériels", "Physical security of premises and equipment"),
        (
            "Accès aux locaux et salles serveurs contrôlé, protection contre le vol, "
            "l'incendie et l'eau, matériels sortants effacés.",
            "Controlled access to premises and server rooms, protection against theft, fire "
            "and water, outgoing equipment wiped.",
        ),
        _ALL,
        "likelihood",
        SECURITY_GUIDE,
    ),
    _m(
        "paper_security",
        SEC,
        ("Protection des documents papier", "Protection of paper documents"),
        (
            "Armoires fermées à clé, bureau rangé, circuit des dossiers maîtrisé, "
            "destruction par broyeur ou prestataire certifié.",
            "Locked cabinets, clear desk, controlled circulation of files, destruction by "
            "shredder or certified contractor.",
        ),
        (ACCESS, DISAPPEARANCE),
        "likelihood",
        SECURITY_GUIDE,
        applies=_paper,
    ),
    _m(
        "workstation_security",
        SEC,
        ("Sécurité des postes et des mobiles", "Workstation and mobile device security"),
        (
            "Verrouillage automatique, antivirus à jour, droits d'administration retirés, "
            "chiffrement des portables et des supports amovibles.",
            "Automatic locking, up-to-date antivirus, admin rights withdrawn, encryption of "
            "laptops and removable media.",
        ),
        _ALL,
        "likelihood",
        SECURITY_GUIDE,
    ),
    _m(
        "patch_management",
        SEC,
        ("Mises à jour de sécurité", "Security updates"),
        (
            "Appliquer rapidement les correctifs des systèmes et logiciels, retirer ceux qui "
            "ne sont plus maintenus.",
            "Apply security patches promptly and retire software that is no longer maintained.",
        ),
        _ALL,
        "likelihood",
        SECURITY_GUIDE,
    ),
    _m(
        "security_testing",
        SEC,
        ("Tests et audits de sécurité", "Security testing and audits"),
        (
            "Audit de code ou de configuration, tests d'intrusion avant la mise en service et "
            "après les évolutions majeures.",
            "Code or configuration audit, penetration tests before going live and after major changes.",
        ),
        _ALL,
        "likelihood",
        SECURITY_GUIDE,
    ),
    _m(
        "eu_hosting",
        SEC,
        ("Hébergement dans l'Union, sous droit européen", "Hosting in the EU, under EU law"),
        (
            "Héberger les données chez un prestataire établi dans l'Union et non soumis à un "
            "droit extra-européen qui permettrait à une autorité étrangère d'y accéder "
            "(par exemple un nuage qualifié SecNumCloud).",
            "Host the data with a provider established in the EU and not subject to non-EU "
            "law that would let a foreign authority reach them (e.g. a SecNumCloud-qualified "
            "cloud).",
        ),
        (ACCESS,),
        "likelihood",
        _gdpr("chapitre V (transferts)", "Chapter V (transfers)"),
        applies=_eu_hosting,
    ),
    _m(
        "output_filtering",
        SEC,
        ("Filtrage des sorties d'un système d'IA", "Filtering of an AI system's outputs"),
        (
            "Filtrer les réponses d'un modèle pour qu'elles ne restituent pas de données "
            "personnelles apprises ou fournies par d'autres utilisateurs.",
            "Filter a model's answers so they do not reproduce personal data it learnt or "
            "that other users supplied.",
        ),
        (ACCESS,),
        "likelihood",
        AI_GUIDANCE,
        applies=_ai,
    ),
    # -- organisational measures: governance, people, third parties --------------------------
    _m(
        "dpo_opinion",
        ORG,
        ("Avis du délégué à la protection des données", "Opinion of the data protection officer"),
        (
            "Recueillir l'avis du DPD sur l'analyse d'impact (art. 35.2). Il éclaire la "
            "décision mais ne réduit pas à lui seul un risque : aucun niveau n'en dépend.",
            "Seek the DPO's advice on the impact assessment (art. 35(2)). It informs the "
            "decision but does not by itself reduce a risk: no level depends on it.",
        ),
        (),
        "likelihood",
        _gdpr("art. 35.2", "art. 35(2)"),
    ),
    _m(
        "staff_training",
        ORG,
        ("Sensibilisation et formation des agents", "Staff awareness and training"),
        (
            "Former les agents habilités aux règles du traitement, à la confidentialité et "
            "aux bons réflexes de sécurité ; engagement de confidentialité signé.",
            "Train authorised staff on the processing's rules, confidentiality and security "
            "habits; signed confidentiality undertaking.",
        ),
        _ALL,
        "likelihood",
        SECURITY_GUIDE,
    ),
    _m(
        "processor_contract",
        ORG,
        ("Contrat de sous-traitance (art. 28)", "Processor contract (art. 28)"),
        (
            "Contrat conforme à l'article 28 : instructions, confidentialité, sécurité, "
            "sous-traitants ultérieurs, assistance, sort des données, audits.",
            "Contract meeting article 28: instructions, confidentiality, security, "
            "sub-processors, assistance, return or deletion of data, audits.",
        ),
        _ALL,
        "likelihood",
        _gdpr("art. 28.3", "art. 28(3)"),
        applies=_processors,
    ),
    _m(
        "incident_management",
        ORG,
        ("Gestion des incidents et des violations", "Incident and breach management"),
        (
            "Procédure pour détecter, contenir et documenter un incident, notifier la CNIL "
            "sous 72 heures et prévenir les personnes quand le risque est élevé.",
            "Procedure to detect, contain and record an incident, notify the CNIL within 72 "
            "hours and inform persons when the risk is high.",
        ),
        _ALL,
        "severity",
        _gdpr("art. 33 et 34", "arts. 33 and 34"),
    ),
    _m(
        "governance",
        ORG,
        ("Pilotage de la protection des données", "Data protection governance"),
        (
            "Politique de sécurité, rôles et responsabilités écrits, revue périodique de "
            "l'analyse d'impact et des mesures (art. 35.11).",
            "Security policy, written roles and responsibilities, periodic review of the "
            "impact assessment and measures (art. 35(11)).",
        ),
        _ALL,
        "likelihood",
    ),
    _m(
        "human_review",
        ORG,
        ("Contrôle humain des résultats", "Human review of outputs"),
        (
            "Un agent compétent vérifie chaque résultat d'un traitement automatisé avant "
            "qu'il ne produise un effet sur une personne, et peut l'écarter.",
            "A competent officer checks each output of automated processing before it "
            "affects a person, and can set it aside.",
        ),
        (MODIFICATION,),
        "severity",
        _gdpr("art. 22", "art. 22"),
    ),
    _m(
        "bias_audit",
        ORG,
        ("Évaluation des erreurs et des biais", "Error and bias evaluation"),
        (
            "Mesurer les taux d'erreur, par groupe de personnes quand c'est pertinent, avant "
            "la mise en service puis régulièrement, et corriger : une inférence fausse est "
            "une donnée inexacte sur la personne.",
            "Measure error rates, by group of persons where relevant, before going live and "
            "regularly after, and correct them: a wrong inference is inaccurate data about "
            "the person.",
        ),
        (MODIFICATION,),
        "likelihood",
        AI_GUIDANCE,
    ),
    _m(
        "ai_literacy",
        ORG,
        ("Maîtrise de l'IA par les agents", "AI literacy of staff"),
        (
            "Former les agents qui utilisent un système d'IA à ses capacités, à ses limites "
            "et aux erreurs à repérer (règlement (UE) 2024/1689, art. 4).",
            "Train the staff who use an AI system on its capabilities, limits and the "
            "errors to watch for (Regulation (EU) 2024/1689, art. 4).",
        ),
        (MODIFICATION,),
        "likelihood",
        AI_GUIDANCE,
        applies=_ai,
    ),
    # -- measures protecting the persons' rights (CNIL method, part 2.2) --------------------
    _m(
        "information_notice",
        RIGHTS,
        ("Information des personnes", "Information of data subjects"),
        (
            "Mentions d'information claires au moment de la collecte ou, à défaut, dans le "
            "mois (art. 13 et 14) : finalités, base légale, destinataires, durées, droits.",
            "Clear information notice at collection or, failing that, within a month "
            "(arts. 13 and 14): purposes, legal basis, recipients, retention, rights.",
        ),
        (MODIFICATION,),
        "severity",
        _gdpr("art. 12 à 14", "arts. 12 to 14"),
    ),
    _m(
        "transparency_information",
        RIGHTS,
        ("Transparence sur l'algorithme", "Transparency about the algorithm"),
        (
            "Dire aux personnes qu'un algorithme est utilisé et en expliquer sur demande les "
            "règles et leur application à leur situation (CRPA, art. L. 311-3-1) ; signaler "
            "qu'elles dialoguent avec une IA.",
            "Tell persons an algorithm is used and explain on request its rules and how they "
            "applied to them (CRPA art. L. 311-3-1); say when they are talking to an AI.",
        ),
        (MODIFICATION,),
        "severity",
        _gdpr("art. 13.2.f et 15.1.h", "arts. 13(2)(f) and 15(1)(h)"),
    ),
    _m(
        "rights_procedure",
        RIGHTS,
        ("Procédure d'exercice des droits", "Procedure for exercising rights"),
        (
            "Point de contact, vérification proportionnée de l'identité, réponse dans le "
            "mois ; accès, rectification, effacement, limitation tracés.",
            "Contact point, proportionate identity check, answer within a month; access, "
            "rectification, erasure and restriction recorded.",
        ),
        (MODIFICATION,),
        "severity",
        _gdpr("art. 12 et 15 à 18", "arts. 12 and 15 to 18"),
    ),
    _m(
        "consent_management",
        RIGHTS,
        ("Recueil et retrait du consentement", "Collecting and withdrawing consent"),
        (
            "Consentement libre, spécifique, éclairé et univoque, prouvé, aussi simple à "
            "retirer qu'à donner ; accord parental quand la loi l'exige.",
            "Freely given, specific, informed and unambiguous consent, recorded, as easy to "
            "withdraw as to give; parental consent where the law requires it.",
        ),
        (),
        "severity",
        _gdpr("art. 7 et 8", "arts. 7 and 8"),
    ),
    _m(
        "opposition",
        RIGHTS,
        ("Droit d'opposition", "Right to object"),
        (
            "Permettre de s'opposer au traitement fondé sur une mission d'intérêt public ou "
            "un intérêt légitime, sauf motif impérieux ou texte qui l'écarte.",
            "Let persons object to processing based on a public task or legitimate "
            "interests, unless compelling grounds or a text rule it out.",
        ),
        (),
        "severity",
        _gdpr("art. 21", "art. 21"),
    ),
    _m(
        "portability",
        RIGHTS,
        ("Portabilité des données", "Data portability"),
        (
            "Remettre les données fournies par la personne dans un format structuré et "
            "lisible par machine, quand la base est le consentement ou un contrat.",
            "Hand over the data the person supplied in a structured, machine-readable "
            "format, when the basis is consent or a contract.",
        ),
        (),
        "severity",
        _gdpr("art. 20", "art. 20"),
    ),
)


@hookimpl
def aipd_measures() -> Iterable[MeasureType]:
    return MEASURES
