"""Built-in plug-in ``builtin.cnil_risks``: the three feared events of the CNIL method.

The CNIL's PIA method (part 3) studies every processing against three feared
events (« événements redoutés »): illegitimate access to data, unwanted
modification of data and disappearance of data. For each, the DPO lists the
impacts on the persons, the threats, the risk sources and the measures, then
estimates severity and likelihood before and after the action plan.

They concern every processing of personal data, so ``applies`` is met
whenever data categories are declared. The impacts, threats and sources below
are this library's own examples, organised as the method's knowledge base
organises them (internal human, external human and non-human sources); the
tool's texts are not copied.
"""

from __future__ import annotations

from collections.abc import Iterable

from aipd.catalogue import Outcome, RiskType, Source
from aipd.hookspecs import hookimpl
from aipd.i18n import t
from aipd.model import ProcessingOperation
from aipd.settings import Settings

__all__ = ["RISKS", "aipd_risks"]

PIA_METHOD = Source(
    citation=t(
        "CNIL, méthode PIA (2018), partie 3 « Risques » : événements redoutés ; base de connaissances "
        "de l'outil PIA (menaces, sources de risques)",
        "CNIL, PIA method (2018), part 3 'Risks': feared events; PIA tool knowledge base (threats, "
        "risk sources)",
    ),
    url="https://www.cnil.fr/fr/outil-pia-telechargez-et-installez-le-logiciel-de-la-cnil",
    reliability="verified",
)

#: The method's three families of risk sources, with examples that fit a collectivité.
INTERNAL = t(
    "Sources humaines internes : agent curieux ou malveillant, agent qui se trompe, élu ou "
    "prestataire disposant d'un accès",
    "Internal human sources: curious or malicious staff, staff making a mistake, an elected "
    "official or contractor with access",
)
EXTERNAL = t(
    "Sources humaines externes : attaquant informatique (rançongiciel, hameçonnage), proche "
    "ou tiers cherchant une information sur une personne, autorité étrangère",
    "External human sources: attacker (ransomware, phishing), a relative or third party "
    "seeking information about someone, a foreign authority",
)
NON_HUMAN = t(
    "Sources non humaines : panne, incendie, dégât des eaux, défaut logiciel, vieillissement des supports",
    "Non-human sources: hardware failure, fire, water damage, software fault, ageing media",
)


def _applies(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    """Every processing of personal data is exposed to the three feared events."""
    if operation.data:
        return Outcome.met(
            t(
                "Le traitement porte sur des données personnelles : la méthode de la CNIL "
                "l'examine au regard de cet événement redouté.",
                "The processing concerns personal data: the CNIL method examines it against "
                "this feared event.",
            )
        )
    return Outcome.unknown(
        t(
            "Aucune catégorie de données n'est déclarée : impossible d'apprécier ce risque.",
            "No data category is declared: this risk cannot be assessed.",
        ),
        missing=("data",),
    )


RISKS: tuple[RiskType, ...] = (
    RiskType(
        id="cnil:illegitimate_access",
        title=t("Accès illégitime à des données", "Illegitimate access to data"),
        description=t(
            "Des personnes qui n'en ont pas le droit prennent connaissance de données : "
            "atteinte à la confidentialité.",
            "People without the right to see the data get to know them: a breach of confidentiality.",
        ),
        source=PIA_METHOD,
        applies=_applies,
        impacts=(
            t(
                "Divulgation d'informations sur la vie privée, la santé ou la situation sociale",
                "Disclosure of information about private life, health or social situation",
            ),
            t(
                "Discrimination, stigmatisation, atteinte à la réputation",
                "Discrimination, stigma, damage to reputation",
            ),
            t(
                "Hameçonnage, usurpation d'identité, escroquerie",
                "Phishing, identity theft, fraud",
            ),
            t(
                "Chantage, harcèlement, atteinte à la sécurité physique d'une personne retrouvée",
                "Blackmail, harassment, physical danger to a person who can be traced",
            ),
        ),
        threats=(
            t(
                "Consultation hors habilitation ou détournement d'un accès légitime",
                "Viewing without authorisation or misuse of a legitimate access",
            ),
            t(
                "Intrusion informatique, vol d'identifiants, exfiltration de la base",
                "Intrusion, stolen credentials, exfiltration of the database",
            ),
            t(
                "Vol ou perte d'un ordinateur, d'un support amovible ou d'un dossier papier",
                "Theft or loss of a computer, removable media or a paper file",
            ),
            t(
                "Envoi à un mauvais destinataire, publication par erreur",
                "Sending to the wrong recipient, publishing by mistake",
            ),
            t(
                "Accès par un prestataire ou une autorité étrangère hors du cadre prévu",
                "Access by a contractor or a foreign authority outside the agreed framework",
            ),
        ),
        risk_sources=(INTERNAL, EXTERNAL),
        measures=(
            "builtin:access_control",
            "builtin:logging",
            "builtin:encryption",
            "builtin:pseudonymisation",
            "builtin:minimisation",
            "builtin:retention_purge",
            "builtin:partitioning",
            "builtin:network_security",
            "builtin:physical_security",
            "builtin:paper_security",
            "builtin:workstation_security",
            "builtin:patch_management",
            "builtin:security_testing",
            "builtin:eu_hosting",
            "builtin:staff_training",
            "builtin:processor_contract",
            "builtin:incident_management",
        ),
        feared_event=True,
    ),
    RiskType(
        id="cnil:unwanted_modification",
        title=t("Modification non désirée de données", "Unwanted modification of data"),
        description=t(
            "Des données sont modifiées, par erreur ou malveillance, ou deviennent fausses : "
            "atteinte à l'intégrité, avec des décisions prises sur des données inexactes.",
            "Data are changed, by mistake or malice, or become wrong: a breach of integrity, "
            "with decisions taken on inaccurate data.",
        ),
        source=PIA_METHOD,
        applies=_applies,
        impacts=(
            t(
                "Décision défavorable prise sur une donnée fausse (aide refusée ou suspendue, "
                "facture erronée, sanction)",
                "An adverse decision taken on wrong data (aid refused or suspended, wrong bill, penalty)",
            ),
            t(
                "Atteinte à la santé ou à la sécurité quand la donnée sert à une prise en charge",
                "Harm to health or safety when the data serve for care",
            ),
            t(
                "Démarches et temps perdus pour faire corriger le dossier",
                "Time and steps lost to have the record corrected",
            ),
        ),
        threats=(
            t("Erreur de saisie ou de traitement", "Input or processing error"),
            t(
                "Modification volontaire par un agent ou un tiers ayant obtenu un accès",
                "Deliberate change by staff or by a third party who gained access",
            ),
            t(
                "Défaut logiciel, mise à jour ou migration qui altère les données",
                "Software fault, update or migration that corrupts the data",
            ),
            t(
                "Résultat erroné d'un calcul ou d'un modèle enregistré comme un fait",
                "A wrong output of a computation or model recorded as a fact",
            ),
        ),
        risk_sources=(INTERNAL, EXTERNAL, NON_HUMAN),
        measures=(
            "builtin:access_control",
            "builtin:logging",
            "builtin:integrity_check",
            "builtin:data_quality",
            "builtin:backup",
            "builtin:network_security",
            "builtin:patch_management",
            "builtin:security_testing",
            "builtin:staff_training",
            "builtin:processor_contract",
            "builtin:human_review",
            "builtin:rights_procedure",
            "builtin:incident_management",
        ),
        feared_event=True,
    ),
    RiskType(
        id="cnil:disappearance",
        title=t("Disparition de données", "Disappearance of data"),
        description=t(
            "Des données ne sont plus disponibles, temporairement ou définitivement : "
            "atteinte à la disponibilité.",
            "Data are no longer available, for a while or for good: a breach of availability.",
        ),
        source=PIA_METHOD,
        applies=_applies,
        impacts=(
            t(
                "Interruption d'un service ou retard d'une prestation ou d'une aide",
                "A service interrupted, or a benefit or aid delayed",
            ),
            t(
                "Perte d'un droit faute de pouvoir le prouver",
                "Loss of a right for want of proof",
            ),
            t(
                "Rupture de la continuité d'une prise en charge",
                "Break in the continuity of care",
            ),
            t("Démarches à refaire", "Steps to be redone"),
        ),
        threats=(
            t("Rançongiciel ou suppression malveillante", "Ransomware or malicious deletion"),
            t(
                "Suppression ou écrasement par erreur, purge mal paramétrée",
                "Deletion or overwriting by mistake, a purge set up wrongly",
            ),
            t(
                "Panne, sinistre (incendie, eau), perte ou vol d'un support",
                "Failure, disaster (fire, water), loss or theft of a medium",
            ),
            t(
                "Défaillance ou fin de contrat d'un prestataire sans restitution des données",
                "A contractor failing or leaving without returning the data",
            ),
        ),
        risk_sources=(INTERNAL, EXTERNAL, NON_HUMAN),
        measures=(
            "builtin:backup",
            "builtin:business_continuity",
            "builtin:physical_security",
            "builtin:paper_security",
            "builtin:network_security",
            "builtin:workstation_security",
            "builtin:patch_management",
            "builtin:security_testing",
            "builtin:staff_training",
            "builtin:processor_contract",
            "builtin:incident_management",
        ),
        feared_event=True,
    ),
)


@hookimpl
def aipd_risks() -> Iterable[RiskType]:
    return RISKS
