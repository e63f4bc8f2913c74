"""Built-in plug-in ``builtin.ai_risks``: the risks proper to AI systems, after the CNIL's AI guidance.

The CNIL's sheet « Réaliser une analyse d'impact si nécessaire » (fiche IA
n° 5, 8 April 2024) lists risks a DPIA on an AI system takes into account, on
top of the method's three feared events. The first four are known verbatim
from a reproduction of the sheet (``verified``); the others are recalled from
it and the CNIL's other AI publications (``recalled``): check their wording
before quoting it.

Each risk says when it concerns the operation (``applies``): only with an AI
system, and only when the facts of that system make it relevant (training on
the body's data, outputs about persons, generative techniques…). Unknown when
the deciding fact is not given. Impacts, threats and sources are this
library's own words.
"""

from __future__ import annotations

from collections.abc import Iterable

from aipd.catalogue import FindingStatus, Outcome, RiskType, Source
from aipd.hookspecs import hookimpl
from aipd.i18n import Text, t
from aipd.model import ProcessingOperation
from aipd.settings import Settings
from aipd.vocabulary import AIArea, AIOutput, AIRole, AITechnique
from aipd_builtin import facts
from aipd_builtin.sources import CNIL_AI_SHEET_URL

__all__ = ["RISKS", "aipd_risks"]

_SHEET_FR = "CNIL, fiche pratique IA n° 5 « Réaliser une analyse d'impact si nécessaire » (8 avril 2024)"
_SHEET_EN = "CNIL, AI how-to sheet no. 5 'Carrying out a DPIA if necessary' (8 April 2024)"


def _verified(item: int) -> Source:
    return Source(
        citation=t(
            f"{_SHEET_FR}, risques propres à l'IA, point {item} (texte lu dans une reproduction de la fiche)",
            f"{_SHEET_EN}, AI-specific risks, item {item} (wording read in a reproduction of the sheet)",
        ),
        url=CNIL_AI_SHEET_URL,
        reliability="verified",
    )


def _recalled(item: int) -> Source:
    return Source(
        citation=t(
            f"{_SHEET_FR}, risques propres à l'IA, point {item} (de mémoire : formulation à vérifier)",
            f"{_SHEET_EN}, AI-specific risks, item {item} (recalled: wording to check)",
        ),
        url=CNIL_AI_SHEET_URL,
        reliability="recalled",
    )


_LEARNED = (AITechnique.MACHINE_LEARNING, AITechnique.DEEP_LEARNING, AITechnique.GENERATIVE)
_ABOUT_PERSONS = (
    AIOutput.DECISION,
    AIOutput.RECOMMENDATION,
    AIOutput.SCORE,
    AIOutput.ALERT,
    AIOutput.PREDICTION,
)
_NO_AI = Outcome.not_met(t("Aucun système d'IA.", "No AI system."))
#: Annex III point 1 areas: declaring one says the system processes persons biometrically.
_BIOMETRIC_AREAS = frozenset(
    {AIArea.REMOTE_BIOMETRIC_IDENTIFICATION, AIArea.BIOMETRIC_CATEGORISATION, AIArea.EMOTION_RECOGNITION}
)


# Facts about the AI system that several risks read (the training data are read by six):
# each judged once per operation.
@facts.per_operation
def _learned(operation: ProcessingOperation) -> Outcome:
    """The system learns from data (machine learning, deep learning, generative)."""
    ai = operation.ai_system
    if ai is None:
        return _NO_AI
    if not ai.techniques:
        return Outcome.unknown(
            t("Les techniques du système ne sont pas indiquées.", "The system's techniques are not stated."),
            ["ai_system.techniques"],
        )
    found = [tq for tq in ai.techniques if tq in _LEARNED]
    if found:
        return Outcome.met(
            t(
                "Modèle appris (" + ", ".join(tq.fr for tq in found) + ").",
                "Learned model (" + ", ".join(tq.en for tq in found) + ").",
            )
        )
    return Outcome.not_met(t("Le système n'est pas un modèle appris.", "The system is not a learned model."))


_TRAINED_ON_OWN_DATA = facts.Flag(
    path="ai_system.trained_on_own_data",
    yes=t(
        "Le modèle est entraîné ou affiné sur des données de l'organisme.",
        "The model is trained or fine-tuned on the body's data.",
    ),
    no=t(
        "Le modèle n'est ni entraîné ni affiné sur des données de l'organisme.",
        "The model is neither trained nor fine-tuned on the body's data.",
    ),
    unknown=t(
        "On ne sait pas si le modèle est entraîné ou affiné sur des données de l'organisme.",
        "Whether the model is trained or fine-tuned on the body's data is not known.",
    ),
)


@facts.per_operation
def _trained_on_own_data(operation: ProcessingOperation) -> Outcome:
    ai = operation.ai_system
    if ai is None:
        return _NO_AI
    return _TRAINED_ON_OWN_DATA.judge(ai.trained_on_own_data)


_TRAINING_DATA_SCRAPED = facts.Flag(
    path="ai_system.training_data_scraped",
    yes=t(
        "Données d'entraînement collectées par moissonnage du web.",
        "Training data collected by web scraping.",
    ),
    no=t("Pas de moissonnage du web.", "No web scraping."),
    unknown=t(
        "On ne sait pas si les données d'entraînement ont été moissonnées sur le web.",
        "Whether training data were scraped from the web is not known.",
    ),
)


@facts.per_operation
def _scraped(operation: ProcessingOperation) -> Outcome:
    ai = operation.ai_system
    if ai is None:
        return _NO_AI
    return _TRAINING_DATA_SCRAPED.judge(ai.training_data_scraped)


@facts.per_operation
def _generative(operation: ProcessingOperation) -> Outcome:
    ai = operation.ai_system
    if ai is None:
        return _NO_AI
    if (
        AITechnique.GENERATIVE in ai.techniques
        or AIOutput.GENERATED_CONTENT in ai.outputs
        or ai.generates_synthetic_content
    ):
        return Outcome.met(
            t(
                "Le système génère des contenus (IA générative).",
                "The system generates content (generative AI).",
            )
        )
    if ai.generates_synthetic_content is False:
        return Outcome.not_met(t("Le système ne génère pas de contenus.", "The system generates no content."))
    # Techniques and outputs that name no generation do not settle it: the AI Act's art. 50(2)
    # asks the same fact, and a blank must not read as "no content generated".
    return Outcome.unknown(
        t(
            "On ne sait pas si le système génère des contenus.",
            "Whether the system generates content is not known.",
        ),
        ["ai_system.generates_synthetic_content"],
    )


@facts.per_operation
def _outputs_about_persons(operation: ProcessingOperation) -> Outcome:
    """The system's outputs bear on persons: decisions, scores, recommendations, alerts, predictions."""
    ai = operation.ai_system
    if ai is None:
        return _NO_AI
    found = [o for o in ai.outputs if o in _ABOUT_PERSONS]
    if found or operation.decisions.automated or ai.profiling:
        what = (
            t(", ".join(o.fr for o in found), ", ".join(o.en for o in found))
            if found
            else t("décisions ou profilage déclarés", "decisions or profiling declared")
        )
        return Outcome.met(
            t(f"Sorties portant sur des personnes : {what.fr}.", f"Outputs bearing on persons: {what.en}.")
        )
    if ai.outputs:
        profiles = ai.profiling if ai.profiling is not None else operation.evaluation.profiling
        if profiles is None:
            return Outcome.unknown(
                t(
                    "Les sorties déclarées ne portent pas sur des personnes prises individuellement ; on ne sait "
                    "pas si le système profile des personnes.",
                    "The outputs declared do not bear on individual persons; whether the system profiles "
                    "persons is not known.",
                ),
                ["ai_system.profiling"],
            )
        return Outcome.not_met(
            t(
                "Les sorties du système ne portent pas sur des personnes prises individuellement.",
                "The system's outputs do not bear on individual persons.",
            )
        )
    return Outcome.unknown(
        t("Les sorties du système ne sont pas indiquées.", "The system's outputs are not stated."),
        ["ai_system.outputs"],
    )


def _systemic(operation: ProcessingOperation) -> Outcome:
    """Uses with effects beyond the persons concerned: public space, biometrics, elections, public debate."""
    ai = operation.ai_system
    if ai is None:
        return _NO_AI
    signs: list[Text] = []
    # The CNIL's statistical devices (19 July 2022) take the public-space sign away, not the others:
    # aggregated statistics of emotions or of biometric categories are still biometric processing.
    statistics_only = bool(ai.outputs) and all(o is AIOutput.STATISTICS for o in ai.outputs)
    if (operation.monitoring.public_area or ai.publicly_accessible_space) and not statistics_only:
        signs.append(t("surveillance de l'espace public", "monitoring of public space"))
    if (
        ai.biometric_identification
        or ai.biometric_categorisation
        or ai.emotion_recognition
        or not _BIOMETRIC_AREAS.isdisjoint(ai.areas)
    ):
        signs.append(t("traitement biométrique des personnes", "biometric processing of persons"))
    if ai.social_scoring:
        signs.append(t("notation sociale", "social scoring"))
    if AIArea.ELECTIONS in ai.areas or (ai.public_interest_text and not ai.editorial_review):
        signs.append(t("effet sur le débat démocratique", "effect on democratic debate"))
    if signs:
        return Outcome.met(
            t(
                "Usage aux effets collectifs : " + ", ".join(s.fr for s in signs) + ".",
                "Use with collective effects: " + ", ".join(s.en for s in signs) + ".",
            )
        )
    # A sign whose fact is unknown may still be there: the risk stays in the analysis until it is known.
    unknown: list[str] = []
    if (
        not statistics_only
        and operation.monitoring.public_area is None
        and ai.publicly_accessible_space is None
    ):
        unknown.append("monitoring.public_area")
    if facts.biometric_input_possible(operation):
        for name in ("biometric_identification", "biometric_categorisation", "emotion_recognition"):
            if getattr(ai, name) is None:
                unknown.append(f"ai_system.{name}")
    if ai.social_scoring is None:
        unknown.append("ai_system.social_scoring")
    if ai.public_interest_text is None:
        unknown.append("ai_system.public_interest_text")
    if unknown:
        return Outcome.unknown(
            t(
                "On ne sait pas encore si l'usage a des effets collectifs (espace public, biométrie, notation "
                "sociale, débat public).",
                "Whether the use has collective effects (public space, biometrics, social scoring, public "
                "debate) is not known yet.",
            ),
            unknown,
        )
    if statistics_only:
        return Outcome.not_met(
            t(
                "Le système ne produit que des statistiques agrégées, sans usage opérationnel sur les personnes.",
                "The system outputs only aggregated statistics, with no operational use on persons.",
            )
        )
    return Outcome.not_met(
        t(
            "Pas d'usage aux effets collectifs (espace public, biométrie, notation sociale, débat public).",
            "No use with collective effects (public space, biometrics, social scoring, public debate).",
        )
    )


# --- applies tests ------------------------------------------------------------------------------


@facts.per_operation
def _develops(operation: ProcessingOperation) -> Outcome:
    """The body builds training data: it trains on its own data, or it is the system's provider."""
    ai = operation.ai_system
    if ai is None:
        return _NO_AI
    if ai.role in (AIRole.PROVIDER, AIRole.BOTH):
        return Outcome.met(
            t(
                f"L'organisme est fournisseur du système (« {ai.role.fr} »).",
                f"The body is the system's provider ('{ai.role.en}').",
            )
        )
    own = _trained_on_own_data(operation)
    if own.status is FindingStatus.NOT_MET and ai.role is AIRole.DEPLOYER:
        return Outcome.not_met(
            own.rationale
            + t(
                " L'organisme n'est que déployeur : l'entraînement relève du fournisseur et de sa propre analyse.",
                " The body is only the deployer: training is the provider's, under its own assessment.",
            )
        )
    return own


def _training_data_misuse(operation: ProcessingOperation, _s: Settings) -> Outcome:
    return facts.any_of(
        _trained_on_own_data(operation), facts.all_of(_develops(operation), _scraped(operation))
    )


def _modelled(operation: ProcessingOperation) -> Outcome:
    """The system is more than rules written by people: a bias can come from its development.

    The CNIL's item 2 speaks of a bias "du système d'IA", whatever its technique: a model
    fitted by classical statistics on past cases, or a knowledge base, carries the past
    choices it was built from as much as a learned one does.
    """
    ai = operation.ai_system
    if ai is None:
        return _NO_AI
    if not ai.techniques:
        return _learned(operation)  # unknown, asking for the techniques
    if all(tq is AITechnique.RULES for tq in ai.techniques):
        return Outcome.not_met(
            t(
                "Le système n'applique que des règles écrites par des personnes.",
                "The system only applies rules written by people.",
            )
        )
    return Outcome.met(
        t(
            "Modèle construit lors du développement (" + ", ".join(tq.fr for tq in ai.techniques) + ").",
            "Model built during development (" + ", ".join(tq.en for tq in ai.techniques) + ").",
        )
    )


def _discrimination(operation: ProcessingOperation, _s: Settings) -> Outcome:
    return facts.all_of(_modelled(operation), _outputs_about_persons(operation))


def _erroneous_content(operation: ProcessingOperation, _s: Settings) -> Outcome:
    return _generative(operation)


def _automation_bias(operation: ProcessingOperation, _s: Settings) -> Outcome:
    return _outputs_about_persons(operation)


def _attacks(operation: ProcessingOperation, _s: Settings) -> Outcome:
    """An attack on the model matters to persons when its outputs bear on them or it learns from their data."""
    return facts.all_of(
        _learned(operation),
        facts.any_of(
            _outputs_about_persons(operation), _trained_on_own_data(operation), _develops(operation)
        ),
    )


def _extraction(operation: ProcessingOperation, _s: Settings) -> Outcome:
    return facts.all_of(
        _learned(operation),
        facts.any_of(_trained_on_own_data(operation), _scraped(operation), _generative(operation)),
    )


def _scraping(operation: ProcessingOperation, _s: Settings) -> Outcome:
    ai = operation.ai_system
    if ai is not None and ai.facial_scraping:
        return Outcome.met(t("Moissonnage d'images faciales.", "Scraping of facial images."))
    training = facts.all_of(_develops(operation), _scraped(operation))
    if ai is not None and ai.facial_scraping is None and facts.biometric_input_possible(operation):
        return facts.any_of(
            training,
            Outcome.unknown(
                t(
                    "On ne sait pas si le système moissonne des images faciales.",
                    "Whether the system scrapes facial images is not known.",
                ),
                ["ai_system.facial_scraping"],
            ),
        )
    return training


def _systemic_applies(operation: ProcessingOperation, _s: Settings) -> Outcome:
    return _systemic(operation)


INTERNAL = t(
    "Sources humaines internes : agent ou prestataire ayant accès au modèle ou aux données d'entraînement",
    "Internal human sources: staff or contractor with access to the model or training data",
)
EXTERNAL = t(
    "Sources humaines externes : attaquant, utilisateur malveillant du service, chercheur de données",
    "External human sources: attacker, malicious user of the service, data harvester",
)
PROVIDER = t(
    "Le fournisseur du système ou du modèle (choix de conception, données d'entraînement)",
    "The provider of the system or model (design choices, training data)",
)

RISKS: tuple[RiskType, ...] = (
    RiskType(
        id="ai:training_data_misuse",
        title=t(
            "Mésusage des données de la base d'apprentissage",
            "Misuse of the data in the training dataset",
        ),
        description=t(
            "Les données réunies pour entraîner ou affiner un modèle sont détournées de leur finalité ou "
            "divulguées, notamment à la suite d'une violation de données.",
            "The data gathered to train or fine-tune a model are diverted from their purpose or disclosed, "
            "notably after a data breach.",
        ),
        source=_verified(1),
        applies=_training_data_misuse,
        impacts=(
            t(
                "Divulgation d'informations personnelles réunies en masse",
                "Disclosure of personal information gathered in bulk",
            ),
            t(
                "Réutilisation des données pour d'autres fins à l'insu des personnes",
                "Reuse of the data for other purposes without the persons' knowledge",
            ),
        ),
        threats=(
            t("Vol ou fuite du jeu de données d'entraînement", "Theft or leak of the training dataset"),
            t(
                "Copies de travail non maîtrisées (postes, espaces de calcul)",
                "Uncontrolled working copies (workstations, compute spaces)",
            ),
        ),
        risk_sources=(INTERNAL, EXTERNAL),
        measures=(
            "builtin:training_data_minimisation",
            "builtin:pseudonymisation",
            "builtin:access_control",
            "builtin:logging",
        ),
    ),
    RiskType(
        id="ai:automated_discrimination",
        title=t("Discrimination automatisée causée par un biais", "Automated discrimination caused by bias"),
        description=t(
            "Un biais introduit lors du développement, par exemple une performance moindre du système pour "
            "certaines catégories de personnes, conduit à traiter ces personnes de façon défavorable.",
            "A bias introduced during development, for instance lower performance of the system for some "
            "categories of persons, leads to treating them unfavourably.",
        ),
        source=_verified(2),
        applies=_discrimination,
        impacts=(
            t(
                "Refus ou réduction d'un droit ou d'une prestation pour un groupe de personnes",
                "Refusal or reduction of a right or benefit for a group of persons",
            ),
            t(
                "Contrôles ou signalements plus fréquents pour certaines catégories",
                "More frequent checks or alerts for some categories",
            ),
        ),
        threats=(
            t(
                "Données d'entraînement non représentatives ou porteuses de discriminations passées",
                "Training data not representative or carrying past discrimination",
            ),
            t(
                "Variables corrélées à des critères protégés (adresse, âge, nationalité)",
                "Variables correlated with protected grounds (address, age, nationality)",
            ),
        ),
        risk_sources=(PROVIDER, INTERNAL),
        measures=("builtin:bias_audit", "builtin:human_review", "builtin:data_quality"),
    ),
    RiskType(
        id="ai:erroneous_content",
        title=t(
            "Contenu fictif erroné sur une personne réelle",
            "False fictitious content about a real person",
        ),
        description=t(
            "Le système, notamment génératif, produit sur une personne réelle des informations inventées ou "
            "fausses, avec des conséquences sur sa réputation.",
            "The system, generative ones in particular, produces invented or false information about a real "
            "person, with consequences for their reputation.",
        ),
        source=_verified(3),
        applies=_erroneous_content,
        impacts=(
            t("Atteinte à la réputation", "Harm to reputation"),
            t(
                "Décision ou réponse administrative fondée sur une information fausse",
                "Administrative decision or answer based on false information",
            ),
        ),
        threats=(
            t("Hallucination du modèle", "Model hallucination"),
            t(
                "Publication ou transmission d'une réponse sans vérification",
                "Publishing or forwarding an answer without checking",
            ),
        ),
        risk_sources=(PROVIDER, INTERNAL),
        measures=("builtin:human_review", "builtin:output_filtering", "builtin:transparency_information"),
    ),
    RiskType(
        id="ai:automation_bias",
        title=t(
            "Prise de décision automatisée par biais d'automatisation ou de confirmation",
            "Automated decision-making through automation or confirmation bias",
        ),
        description=t(
            "Les agents suivent la sortie du système sans l'examiner réellement, faute de temps, d'explication "
            "ou de contrôle humain effectif : une aide à la décision devient une décision automatisée de fait.",
            "Staff follow the system's output without really examining it, for lack of time, explanation or "
            "effective human oversight: decision support becomes a de facto automated decision.",
        ),
        source=_verified(4),
        applies=_automation_bias,
        impacts=(
            t(
                "Décision défavorable sans examen de la situation de la personne",
                "Adverse decision without examining the person's situation",
            ),
            t(
                "Impossibilité d'obtenir une explication ou de contester utilement",
                "No way to obtain an explanation or to contest effectively",
            ),
        ),
        threats=(
            t(
                "Validation systématique des propositions du système",
                "Systematic approval of the system's proposals",
            ),
            t("Système opaque, sans explication des sorties", "Opaque system, outputs unexplained"),
        ),
        risk_sources=(INTERNAL,),
        measures=(
            "builtin:human_review",
            "builtin:ai_literacy",
            "builtin:transparency_information",
        ),
    ),
    RiskType(
        id="ai:attacks",
        title=t(
            "Attaques propres aux systèmes d'IA (empoisonnement, porte dérobée, inversion de modèle)",
            "Attacks specific to AI systems (poisoning, backdoors, model inversion)",
        ),
        description=t(
            "Un attaquant altère les données d'entraînement, insère une porte dérobée ou reconstitue des "
            "données à partir du modèle, pour fausser ses sorties ou en extraire des informations.",
            "An attacker alters training data, inserts a backdoor or reconstructs data from the model, to "
            "skew its outputs or extract information.",
        ),
        source=_recalled(5),
        applies=_attacks,
        impacts=(
            t(
                "Décisions faussées visant certaines personnes",
                "Skewed decisions targeting some persons",
            ),
            t(
                "Reconstitution d'informations personnelles à partir du modèle",
                "Reconstruction of personal information from the model",
            ),
        ),
        threats=(
            t("Empoisonnement des données d'entraînement", "Training data poisoning"),
            t("Insertion d'une porte dérobée", "Backdoor insertion"),
            t("Inversion de modèle par requêtes répétées", "Model inversion through repeated queries"),
        ),
        risk_sources=(EXTERNAL, INTERNAL),
        measures=("builtin:security_testing", "builtin:access_control", "builtin:logging"),
    ),
    RiskType(
        id="ai:training_data_extraction",
        title=t(
            "Extraction de données d'entraînement (mémorisation, inférence d'appartenance, régurgitation)",
            "Extraction of training data (memorisation, membership inference, regurgitation)",
        ),
        description=t(
            "Le modèle a mémorisé des données personnelles : on peut savoir si une personne figurait dans les "
            "données d'entraînement, ou le modèle restitue ces données dans ses réponses. Un modèle entraîné "
            "sur des données personnelles n'est pas anonyme tant que sa résistance à l'extraction n'est pas "
            "démontrée.",
            "The model memorised personal data: one can tell whether a person was in the training data, or "
            "the model reproduces those data in its answers. A model trained on personal data is not "
            "anonymous until its resistance to extraction is shown.",
        ),
        source=_recalled(6),
        applies=_extraction,
        impacts=(
            t(
                "Divulgation d'informations personnelles à tout utilisateur",
                "Disclosure of personal information to any user",
            ),
            t(
                "Révélation de la présence d'une personne dans un fichier sensible",
                "Revealing that a person is in a sensitive file",
            ),
        ),
        threats=(
            t("Attaque par inférence d'appartenance", "Membership inference attack"),
            t(
                "Requêtes conçues pour faire régurgiter le modèle",
                "Prompts crafted to make the model regurgitate",
            ),
        ),
        risk_sources=(EXTERNAL,),
        measures=(
            "builtin:training_data_minimisation",
            "builtin:differential_privacy",
            "builtin:output_filtering",
            "builtin:pseudonymisation",
        ),
    ),
    RiskType(
        id="ai:scraping_loss_of_control",
        title=t(
            "Perte de maîtrise des personnes sur leurs données publiées en ligne (moissonnage)",
            "Loss of control by persons over their data published online (scraping)",
        ),
        description=t(
            "Des données rendues publiques en ligne sont collectées en masse pour entraîner un modèle, sans que "
            "les personnes le sachent ni puissent s'y opposer.",
            "Data made public online are collected in bulk to train a model, without the persons knowing or "
            "being able to object.",
        ),
        source=_recalled(7),
        applies=_scraping,
        impacts=(
            t(
                "Réutilisation inattendue de données publiées dans un autre contexte",
                "Unexpected reuse of data published in another context",
            ),
            t("Exercice des droits impossible en pratique", "Rights impossible to exercise in practice"),
        ),
        threats=(
            t(
                "Collecte sans filtrage des données sensibles ou des sites qui s'y opposent",
                "Collection without filtering sensitive data or sites that object",
            ),
        ),
        risk_sources=(PROVIDER,),
        measures=(
            "builtin:training_data_minimisation",
            "builtin:transparency_information",
        ),
    ),
    RiskType(
        id="ai:systemic",
        title=t(
            "Risques éthiques et systémiques (surveillance de masse, débat démocratique)",
            "Ethical and systemic risks (mass surveillance, democratic debate)",
        ),
        description=t(
            "Au-delà des personnes concernées, l'usage modifie le rapport de la population à l'espace public, "
            "dissuade l'exercice des libertés ou altère le débat public.",
            "Beyond the persons concerned, the use changes how people relate to public space, deters the "
            "exercise of freedoms or distorts public debate.",
        ),
        source=_recalled(8),
        applies=_systemic_applies,
        impacts=(
            t(
                "Effet dissuasif sur les libertés d'aller et venir, de réunion et d'expression",
                "Chilling effect on freedom of movement, assembly and expression",
            ),
            t("Banalisation de la surveillance", "Surveillance becoming normal"),
        ),
        threats=(
            t(
                "Extension progressive des usages au-delà de la finalité initiale",
                "Gradual extension of uses beyond the initial purpose",
            ),
        ),
        risk_sources=(INTERNAL, PROVIDER),
        measures=("builtin:governance", "builtin:transparency_information", "builtin:human_review"),
    ),
)


@hookimpl
def aipd_risks() -> Iterable[RiskType]:
    """The AI-specific risks of the CNIL's AI guidance."""
    return RISKS
