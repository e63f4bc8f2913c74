"""Built-in plug-in ``builtin.wp248``: the nine criteria of WP248 rev.01 (section III.B.a).

The Article 29 Working Party's guidelines on DPIA (WP248 rev.01, 4 October
2017, endorsed by the EDPB on 25 May 2018) list nine criteria of processing
"likely to result in a high risk". In most cases a processing meeting two of
them requires a DPIA (III.B.a); the host counts them (effect ``COUNTS``) and
decides, together with the mandatory cases and the exemptions.

There are nine criteria and no tenth: the April 2017 draft listed "data
transfer across borders outside the European Union", which the final rev.01
removed. A transfer outside the EU is governed by GDPR Chapter V and studied in
the DPIA's section on rights, never counted here.

Each test is a pure predicate from :mod:`aipd_builtin.facts`, shared with the
GDPR and CNIL rules, answering met, not met, or unknown with the model paths
still needed; its rationale quotes the facts that decided it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from aipd.catalogue import Criterion, Effect, Outcome, Test
from aipd.hookspecs import hookimpl
from aipd.i18n import t
from aipd.model import ProcessingOperation
from aipd.settings import Settings
from aipd_builtin import facts, memo
from aipd_builtin.sources import wp248

__all__ = ["CRITERIA", "aipd_criteria"]

GROUP = "wp248"


def _settings_free(fact: Callable[[ProcessingOperation], Outcome]) -> Test:
    """A fact that needs no threshold, as a rule's ``test(operation, settings)``."""

    def test(operation: ProcessingOperation, _settings: Settings) -> Outcome:
        return fact(operation)

    test.__doc__ = fact.__doc__
    test.__name__ = fact.__name__
    return test


EVALUATION_SCORING = t("Évaluation ou notation (y compris le profilage)", "Evaluation or scoring")
AUTOMATED_DECISION = t(
    "Décision automatique avec effet juridique ou effet similaire significatif",
    "Automated decision-making with legal or similar significant effect",
)
SYSTEMATIC_MONITORING = t("Surveillance systématique", "Systematic monitoring")
SENSITIVE_DATA = t(
    "Données sensibles ou à caractère hautement personnel",
    "Sensitive data or data of a highly personal nature",
)
LARGE_SCALE = t("Collecte de données personnelles à large échelle", "Data processed on a large scale")
MATCHING_COMBINING = t("Croisement ou combinaison de données", "Matching or combining datasets")
VULNERABLE_SUBJECTS = t(
    "Personnes vulnérables (patients, personnes âgées, enfants, etc.)",
    "Data concerning vulnerable data subjects",
)
INNOVATIVE_USE = t(
    "Usage innovant ou application de nouvelles solutions technologiques ou organisationnelles",
    "Innovative use or applying new technological or organisational solutions",
)
PREVENTS_RIGHT = t(
    "Exclusion du bénéfice d'un droit, d'un service ou d'un contrat",
    "Processing that prevents data subjects from exercising a right or using a service or a contract",
)

CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        id="wp248:evaluation_scoring",
        title=EVALUATION_SCORING,
        source=wp248(1, EVALUATION_SCORING, t("considérants 71 et 91", "recitals 71 and 91"), "verified"),
        effect=Effect.COUNTS,
        test=_settings_free(facts.evaluation_scoring),
        group=GROUP,
        description=t(
            "Évaluation ou notation de personnes, y compris le profilage et la prédiction, notamment à partir "
            "d'aspects concernant le rendement au travail, la situation économique, la santé, les préférences "
            "ou centres d'intérêt, la fiabilité ou le comportement, la localisation ou les déplacements.",
            "Evaluating or scoring persons, including profiling and predicting, especially from aspects "
            "concerning performance at work, economic situation, health, personal preferences or interests, "
            "reliability or behaviour, location or movements.",
        ),
    ),
    Criterion(
        id="wp248:automated_decision",
        title=AUTOMATED_DECISION,
        source=wp248(2, AUTOMATED_DECISION, t("art. 35.3.a", "art. 35(3)(a)"), "verified"),
        effect=Effect.COUNTS,
        test=_settings_free(facts.automated_decision),
        group=GROUP,
        description=t(
            "Traitement visant à prendre des décisions produisant des effets juridiques à l'égard des personnes "
            "ou les affectant de manière significative de façon similaire ; un traitement sans effet ou à "
            "effet faible sur les personnes ne remplit pas ce critère.",
            "Processing aimed at taking decisions that produce legal effects concerning persons or similarly "
            "significantly affect them; processing with little or no effect on persons does not meet it.",
        ),
    ),
    Criterion(
        id="wp248:systematic_monitoring",
        title=SYSTEMATIC_MONITORING,
        source=wp248(3, SYSTEMATIC_MONITORING, t("art. 35.3.c", "art. 35(3)(c)"), "verified"),
        effect=Effect.COUNTS,
        test=_settings_free(facts.systematic_monitoring),
        group=GROUP,
        description=t(
            "Traitement utilisé pour observer, surveiller ou contrôler les personnes, y compris une surveillance "
            "systématique d'une zone accessible au public : les personnes peuvent ignorer qui collecte leurs "
            "données et ne pas pouvoir s'y soustraire.",
            "Processing used to observe, monitor or control persons, including systematic monitoring of a "
            "publicly accessible area: persons may not know who collects their data and cannot avoid it.",
        ),
    ),
    Criterion(
        id="wp248:sensitive_data",
        title=SENSITIVE_DATA,
        source=wp248(4, SENSITIVE_DATA, t("art. 9 et 10", "arts. 9 and 10"), "recalled"),
        effect=Effect.COUNTS,
        test=_settings_free(facts.sensitive_data),
        group=GROUP,
        description=t(
            "Catégories particulières de données (art. 9), données relatives aux condamnations et infractions "
            "(art. 10), et données à caractère hautement personnel : communications électroniques, "
            "localisation, données financières (exemples des lignes directrices) ; s'y ajoutent, lecture de "
            "cette bibliothèque, la situation sociale et le NIR (que le modèle de registre de la CNIL range "
            "parmi les données sensibles). Biométrie : aussi celle dont un système d'IA identifie ou vérifie "
            "l'identité des personnes.",
            "Special categories of data (art. 9), data on criminal convictions and offences (art. 10), and data "
            "of a highly personal nature: electronic communications, location, financial data (the guidelines' "
            "examples); added, this library's reading, social situation and the national identification number "
            "(which the CNIL register model lists among sensitive data). Biometrics: also those from which an AI "
            "system identifies or verifies persons.",
        ),
    ),
    Criterion(
        id="wp248:large_scale",
        title=LARGE_SCALE,
        source=wp248(5, LARGE_SCALE, t("considérant 91", "recital 91"), "recalled"),
        effect=Effect.COUNTS,
        test=facts.large_scale,
        group=GROUP,
        description=t(
            "Facteurs : nombre de personnes (en valeur ou en proportion de la population de référence), volume "
            "de données ou variété des types de données traités, durée ou permanence, étendue géographique. Seuils : ceux de aipd.Settings (choix de "
            "cette bibliothèque). Le traitement d'un médecin, d'un professionnel de santé ou d'un avocat "
            "exerçant à titre individuel n'est pas à grande échelle (considérant 91).",
            "Factors: number of persons (as a figure or as a share of the relevant population), volume of data "
            "or range of different data items, duration or permanence, geographical extent. Thresholds: those of aipd.Settings (this library's "
            "choice). Processing by an individual physician, health professional or lawyer is not large scale "
            "(recital 91).",
        ),
    ),
    Criterion(
        id="wp248:matching_combining",
        title=MATCHING_COMBINING,
        # The guidelines cite no GDPR provision for this criterion (its footnote refers to the WP29
        # opinion on purpose limitation): none is added here.
        source=wp248(6, MATCHING_COMBINING, None, "recalled"),
        effect=Effect.COUNTS,
        test=_settings_free(facts.matching_combining),
        group=GROUP,
        description=t(
            "Jeux de données issus de plusieurs traitements aux finalités différentes ou de responsables "
            "différents, croisés d'une manière qui excède les attentes raisonnables des personnes.",
            "Datasets from two or more processing operations for different purposes or by different "
            "controllers, combined in a way that exceeds the persons' reasonable expectations.",
        ),
    ),
    Criterion(
        id="wp248:vulnerable_subjects",
        title=VULNERABLE_SUBJECTS,
        source=wp248(7, VULNERABLE_SUBJECTS, t("considérant 75", "recital 75"), "recalled"),
        effect=Effect.COUNTS,
        test=_settings_free(facts.vulnerable_subjects),
        group=GROUP,
        description=t(
            "Déséquilibre des rapports entre les personnes et le responsable de traitement : enfants, "
            "employés (agents), patients, personnes âgées, demandeurs d'asile (exemples des lignes "
            "directrices) ; majeurs protégés et bénéficiaires d'aides sociales (précarité), lecture de cette "
            "bibliothèque des « segments plus vulnérables de la population » ; candidats à un emploi "
            "(déséquilibre des rapports, comme pour les employés ; la délibération CNIL n° 2018-327 retient ce "
            "critère pour son point 3, dont l'exemple est le recrutement), lecture de cette bibliothèque ; et "
            "toute personne déclarée vulnérable.",
            "Increased power imbalance between the persons and the controller: children, employees (staff), "
            "patients, the elderly, asylum seekers (the guidelines' examples); protected adults and social aid "
            "recipients (hardship), this library's reading of the 'more vulnerable segments of the population'; "
            "job applicants (power imbalance, as for employees; CNIL délibération 2018-327 cites this criterion "
            "for its item 3, whose example is recruitment), this library's reading; and anyone declared "
            "vulnerable.",
        ),
    ),
    Criterion(
        id="wp248:innovative_use",
        title=INNOVATIVE_USE,
        source=wp248(
            8,
            INNOVATIVE_USE,
            t("art. 35.1 et considérants 89 et 91", "art. 35(1) and recitals 89 and 91"),
            "recalled",
        ),
        effect=Effect.COUNTS,
        test=_settings_free(facts.innovative_use),
        group=GROUP,
        description=t(
            "Apprécié au regard de l'état des connaissances technologiques. Pour l'IA (CNIL, fiche IA n° 5, "
            "« Réaliser une analyse d'impact si nécessaire ») : l'apprentissage profond et l'IA générative "
            "sont présumés innovants ; des techniques validées depuis plusieurs années et éprouvées en "
            "conditions réelles ne le sont pas en soi. Le fait technology.innovative, s'il est renseigné, "
            "l'emporte.",
            "Judged against the state of technological knowledge. For AI (CNIL, AI sheet 5): deep learning and "
            "generative AI are presumed innovative; techniques validated for several years and proven in real "
            "conditions are not innovative per se. The fact technology.innovative, when given, prevails.",
        ),
    ),
    Criterion(
        id="wp248:prevents_right",
        title=PREVENTS_RIGHT,
        source=wp248(9, PREVENTS_RIGHT, t("art. 22 et considérant 91", "art. 22 and recital 91"), "recalled"),
        effect=Effect.COUNTS,
        test=_settings_free(facts.prevents_right),
        group=GROUP,
        description=t(
            "Traitement visant à autoriser, modifier ou refuser l'accès des personnes à un service ou la "
            "conclusion d'un contrat, ou l'accès à un droit.",
            "Processing aimed at allowing, changing or refusing persons' access to a service or entry into a "
            "contract, or to a right.",
        ),
    ),
)


@hookimpl
def aipd_criteria() -> Iterable[Criterion]:
    """The nine WP248 rev.01 criteria, counted towards the two-criteria presumption."""
    return _KEPT


#: The rules as the registry gets them: their answers kept across operations (aipd_builtin.memo).
_KEPT = memo.kept(CRITERIA)
