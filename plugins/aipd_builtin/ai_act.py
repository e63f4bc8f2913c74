"""Built-in plug-in ``builtin.ai_act``: the AI Act classes and the French rule on augmented cameras.

Regulation (EU) 2024/1689 (the AI Act) sorts AI systems into classes; this
plug-in contributes one criterion per rule, so the assessment lists what was
checked and why, and :mod:`aipd.ai_act` reads the findings to state the class,
the duties and the dates:

- ``ai-act:ai-system`` (``INFORMS``): whether the system is an AI system at all
  (art. 3(1): it infers its outputs and works with some autonomy; rules written
  solely by people are not, recital 12);
- ``ai-act:art5-1-a`` … ``ai-act:art5-1-h`` (``BLOCKS``): each prohibited
  practice of art. 5(1), in force since 2 February 2025;
- ``ai-act:annex-iii-<point>`` (``INFORMS``): each Annex III point declared in
  ``ai_system.areas``, with the art. 6(3) derogation and its exclusion when the
  system profiles natural persons. Annex I (art. 6(1), products) is out of
  scope: no fact of the model describes it;
- ``ai-act:art50-*`` (``INFORMS``): the transparency paragraphs of art. 50;
- ``ai-act:high-risk-dpia-presumption`` (``REQUIRES``, ``presumption``): the CNIL
  presumes a DPIA for a high-risk AI system that processes personal data (secondary
  source). The verdict is "required" but worded "presumed necessary", as the source
  words it: the AI Act itself (art. 26(9)) creates no DPIA duty, it refers to the one
  of GDPR art. 35 "where applicable";
- ``fr:jo2024-experiment-ended`` (``BLOCKS``, group ``fr-law``): algorithmic
  processing of video images without a legal basis since the end of the
  experiment of loi n° 2023-380, art. 10 (31 March 2025).

Every rule first checks that there is an AI system; a rule that would be met
while the art. 3(1) qualification is unknown is unknown, with the facts of the
definition among those needed. The date a rule reads is the operation's own
(``updated``, else ``created``), never the clock, so an assessment is
reproducible.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from aipd import consistency
from aipd.catalogue import Criterion, Effect, FindingStatus, Outcome, Reliability, Source
from aipd.hookspecs import hookimpl
from aipd.i18n import Text, format_date, t
from aipd.model import AISystem, ProcessingOperation
from aipd.settings import Settings
from aipd.vocabulary import (
    AIArea,
    AIOutput,
    AITechnique,
    DataKind,
    Domain,
    FinalFate,
    LegalRegime,
)
from aipd_builtin import facts, memo
from aipd_builtin.sources import CNIL_AI_SHEET_URL, source

__all__ = [
    "AI_ACT_URL",
    "CRITERIA",
    "JO_2024_END",
    "aipd_criteria",
    "annex_iii_id",
    "qualification",
]

GROUP = "ai-act"
FR_GROUP = "fr-law"
AI_ACT_URL = "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32024R1689"
JO_2024_URL = "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000047561974"
CNIL_CAMERAS_URL = (
    "https://www.cnil.fr/fr/cameras-dites-augmentees-dans-les-espaces-publics-la-position-de-la-cnil"
)

#: Last day of the experiment of loi n° 2023-380, art. 10, I (« jusqu'au 31 mars 2025 »).
JO_2024_END = dt.date(2025, 3, 31)

#: Techniques recital 12 names as enabling inference (machine learning, logic- and
#: knowledge-based approaches); generative and deep learning are machine learning.
_INFERRING = frozenset(
    {
        AITechnique.MACHINE_LEARNING,
        AITechnique.DEEP_LEARNING,
        AITechnique.GENERATIVE,
        AITechnique.LOGIC_KNOWLEDGE,
    }
)


def annex_iii_id(area: AIArea) -> str:
    """The id of the criterion for an Annex III point: ``ai-act:annex-iii-5-a``."""
    return f"ai-act:annex-iii-{area.annex_iii_point}"


def _ai_act(fr: str, en: str, reliability: Reliability = "recalled") -> Source:
    return source(
        t(f"Règlement (UE) 2024/1689 (AI Act), {fr}", f"Regulation (EU) 2024/1689 (AI Act), {en}"),
        url=AI_ACT_URL,
        reliability=reliability,
    )


def _dedup(paths: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for p in paths:
        if p not in out:
            out.append(p)
    return tuple(out)


# --- art. 3(1): is it an AI system? -------------------------------------------------------------


@facts.per_operation
def qualification(operation: ProcessingOperation) -> Outcome:
    """Art. 3(1): a machine-based system that infers its outputs and works with some autonomy.

    Inference is read from ``ai_system.infers_outputs``, or from the techniques
    recital 12 names (machine learning, logic- and knowledge-based approaches);
    a system made only of rules written by people is not an AI system (recital
    12). Autonomy is a fact the DPO states.
    """
    ai = operation.ai_system
    if ai is None:
        return Outcome.not_met(
            t("Aucun système d'IA n'est déclaré (ai_system).", "No AI system is declared (ai_system).")
        )
    name = ai.name
    if consistency.infers_denied_with_inference_techniques(ai):
        # The favourable side of a contradiction is never read (aipd.consistency).
        return Outcome.unknown(
            t(
                f"Faits contradictoires : « {name} » est dit ne pas déduire ses sorties de ses entrées "
                "(ai_system.infers_outputs), mais emploie des techniques d'inférence (ai_system.techniques, "
                "considérant 12) : on ne sait pas si c'est un système d'IA au sens de l'art. 3.1.",
                f"Contradictory facts: '{name}' is said not to infer its outputs from its inputs "
                "(ai_system.infers_outputs), yet uses inference techniques (ai_system.techniques, recital 12): "
                "whether it is an AI system under art. 3(1) is not known.",
            ),
            ["ai_system.infers_outputs", "ai_system.techniques"],
        )
    if ai.infers_outputs is False:
        return Outcome.not_met(
            t(
                f"« {name} » ne déduit pas ses sorties de ses entrées : ce n'est pas un système d'IA "
                "au sens de l'art. 3.1.",
                f"'{name}' does not infer its outputs from its inputs: it is not an AI system under art. 3(1).",
            )
        )
    if ai.autonomy is False:
        return Outcome.not_met(
            t(
                f"« {name} » ne fonctionne avec aucun degré d'autonomie : ce n'est pas un système d'IA "
                "au sens de l'art. 3.1.",
                f"'{name}' works with no degree of autonomy: it is not an AI system under art. 3(1).",
            )
        )
    techniques = frozenset(ai.techniques)
    missing: list[str] = []
    if ai.infers_outputs:
        infers = t("il déduit ses sorties de ses entrées", "it infers its outputs from its inputs")
    elif techniques & _INFERRING:
        infers = t(
            "il emploie des techniques d'inférence (considérant 12)",
            "it uses inference techniques (recital 12)",
        )
    elif techniques and techniques <= {AITechnique.RULES}:
        return Outcome.not_met(
            t(
                f"« {name} » n'applique que des règles définies par des personnes : le considérant 12 "
                "l'exclut de la définition du système d'IA (art. 3.1).",
                f"'{name}' only applies rules defined by people: recital 12 excludes it from the "
                "definition of an AI system (art. 3(1)).",
            )
        )
    else:
        infers = None
        missing.append("ai_system.infers_outputs")
        if not techniques:
            missing.append("ai_system.techniques")
    if ai.autonomy is None:
        missing.append("ai_system.autonomy")
    if missing:
        return Outcome.unknown(
            t(
                f"On ne sait pas encore si « {name} » est un système d'IA (art. 3.1 : inférence des sorties "
                "et degré d'autonomie).",
                f"Whether '{name}' is an AI system is not known yet (art. 3(1): inferring outputs and some "
                "degree of autonomy).",
            ),
            missing,
        )
    assert infers is not None  # every other branch returned or recorded a missing fact
    return Outcome.met(
        t(
            f"« {name} » est un système d'IA (art. 3.1) : {infers.fr}, avec un certain degré d'autonomie.",
            f"'{name}' is an AI system (art. 3(1)): {infers.en}, with some degree of autonomy.",
        )
    )


def _on_ai_system(
    rule: Callable[[AISystem, ProcessingOperation], Outcome],
) -> Callable[[ProcessingOperation], Outcome]:
    """Apply a rule to the declared AI system: not met without one; unknown while its qualification is."""

    def judged(operation: ProcessingOperation) -> Outcome:
        ai = operation.ai_system
        q = qualification(operation)
        if ai is None:
            return q
        if q.status is FindingStatus.NOT_MET:
            return Outcome.not_met(
                t("Le règlement sur l'IA ne s'applique pas : ", "The AI Act does not apply: ") + q.rationale
            )
        outcome = rule(ai, operation)
        if q.status is FindingStatus.UNKNOWN and outcome.status is not FindingStatus.NOT_MET:
            return Outcome.unknown(
                outcome.rationale + t(" ", " ") + q.rationale,
                _dedup((*outcome.missing, *q.missing)),
            )
        return outcome

    return judged


def _as_test(
    judge: Callable[[ProcessingOperation], Outcome],
) -> Callable[[ProcessingOperation, Settings], Outcome]:
    """A judgement of the operation as a rule's test (the AI Act rules read no setting)."""

    def test(operation: ProcessingOperation, _settings: Settings) -> Outcome:
        return judge(operation)

    return test


def _for_ai_system(
    rule: Callable[[AISystem, ProcessingOperation], Outcome],
) -> Callable[[ProcessingOperation, Settings], Outcome]:
    """A rule on the AI system as a rule's test (see :func:`_on_ai_system`)."""
    return _as_test(_on_ai_system(rule))


def _ai_system_test(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    return qualification(operation)


# --- shared facts ---------------------------------------------------------------------------------


_NO_BIOMETRIC_INPUT = Outcome.not_met(
    t(
        "Aucune image, voix ou donnée biométrique parmi les données déclarées : la pratique repose sur "
        "des données biométriques (art. 3.34) ; indiquez le fait s'il en va autrement.",
        "No image, voice or biometric data among the data declared: the practice rests on biometric "
        "data (art. 3(34)); state the fact if it is otherwise.",
    )
)


def _no_biometric_input(operation: ProcessingOperation) -> Outcome | None:
    """Not met when the declared data hold nothing biometric data could come from (art. 3(34))."""
    if facts.biometric_input_possible(operation):
        return None
    return _NO_BIOMETRIC_INPUT  # built once: six practices ask it


def _biometric_flag(operation: ProcessingOperation, value: bool | None, flag: facts.Flag) -> Outcome:
    if value is None:
        derived = _no_biometric_input(operation)
        if derived is not None:
            return derived
    return flag.judge(value)


def _profiles(ai: AISystem, operation: ProcessingOperation) -> bool | None:
    """Whether the system profiles natural persons (art. 6(3), last subparagraph; GDPR art. 4(4))."""
    if ai.profiling is not None:
        return ai.profiling
    return operation.evaluation.profiling


_NO_PERSON_EVALUATED = Outcome.not_met(
    t(
        "Le traitement n'évalue, ne note ni ne profile de personnes.",
        "The processing does not evaluate, score or profile persons.",
    )
)


def _no_person_evaluated(ai: AISystem, operation: ProcessingOperation) -> Outcome | None:
    """Not met when neither the processing nor the system evaluates, scores or profiles persons."""
    if operation.evaluation.scoring is False and _profiles(ai, operation) is False:
        return _NO_PERSON_EVALUATED
    return None


# --- art. 5: prohibited practices -----------------------------------------------------------------


_MANIPULATIVE_TECHNIQUES = facts.Flag(
    path="ai_system.manipulative_techniques",
    yes=t(
        "Le système emploie des techniques subliminales, délibérément manipulatrices ou trompeuses, "
        "déclarées comme altérant substantiellement le comportement au risque d'un préjudice important : "
        "pratique interdite (art. 5.1.a).",
        "The system uses subliminal, purposefully manipulative or deceptive techniques, declared as "
        "materially distorting behaviour at the risk of significant harm: prohibited (art. 5(1)(a)).",
    ),
    no=t(
        "Aucune technique subliminale, manipulatrice ou trompeuse.",
        "No subliminal, manipulative or deceptive technique.",
    ),
    unknown=t(
        "On ne sait pas si le système emploie des techniques subliminales, manipulatrices ou trompeuses.",
        "Whether the system uses subliminal, manipulative or deceptive techniques is not known.",
    ),
)


def _art5_a(ai: AISystem, _op: ProcessingOperation) -> Outcome:
    return _MANIPULATIVE_TECHNIQUES.judge(ai.manipulative_techniques)


_EXPLOITS_VULNERABILITIES = facts.Flag(
    path="ai_system.exploits_vulnerabilities",
    yes=t(
        "Le système exploite les vulnérabilités de personnes dues à leur âge, à un handicap ou à leur "
        "situation sociale ou économique : pratique interdite (art. 5.1.b).",
        "The system exploits vulnerabilities due to age, disability or a social or economic situation: "
        "prohibited (art. 5(1)(b)).",
    ),
    no=t("Aucune exploitation de vulnérabilités.", "No exploitation of vulnerabilities."),
    unknown=t(
        "On ne sait pas si le système exploite les vulnérabilités de personnes (âge, handicap, situation "
        "sociale ou économique).",
        "Whether the system exploits vulnerabilities (age, disability, social or economic situation) is "
        "not known.",
    ),
)


def _art5_b(ai: AISystem, _op: ProcessingOperation) -> Outcome:
    return _EXPLOITS_VULNERABILITIES.judge(ai.exploits_vulnerabilities)


_SCORE_USED_IN_UNRELATED_CONTEXT = facts.Flag(
    path="ai_system.score_used_in_unrelated_context",
    yes=t(
        "La note entraîne un traitement défavorable dans un contexte sans lien avec celui de la collecte, "
        "ou injustifié ou disproportionné : pratique interdite (art. 5.1.c), quel que soit l'auteur, "
        "public ou privé.",
        "The score leads to detrimental treatment in an unrelated context, or unjustified or "
        "disproportionate treatment: prohibited (art. 5(1)(c)), whoever uses it, public or private.",
    ),
    no=t(
        "La note n'entraîne ni traitement défavorable dans un contexte sans lien, ni traitement "
        "disproportionné.",
        "The score leads neither to detrimental treatment in an unrelated context nor to "
        "disproportionate treatment.",
    ),
    unknown=t(
        "On ne sait pas si la note entraîne un traitement défavorable dans un contexte sans lien ou "
        "disproportionné.",
        "Whether the score leads to detrimental treatment in an unrelated context, or disproportionate "
        "treatment, is not known.",
    ),
)


_SOCIAL_SCORING = facts.Flag(
    path="ai_system.social_scoring",
    yes=t(
        "Le système évalue ou classe des personnes sur une période, d'après leur comportement social "
        "ou leurs caractéristiques personnelles.",
        "The system evaluates or classifies persons over time on their social behaviour or personal "
        "characteristics.",
    ),
    no=t("Pas de notation sociale.", "No social scoring."),
    unknown=t(
        "On ne sait pas si le système note des personnes sur leur comportement social ou leurs "
        "caractéristiques personnelles.",
        "Whether the system scores persons on their social behaviour or personal characteristics is "
        "not known.",
    ),
)


def _art5_c(ai: AISystem, op: ProcessingOperation) -> Outcome:
    scoring = None if ai.social_scoring is not None else _no_person_evaluated(ai, op)
    if scoring is None:
        scoring = _SOCIAL_SCORING.judge(ai.social_scoring)
    detriment = _SCORE_USED_IN_UNRELATED_CONTEXT.judge(ai.score_used_in_unrelated_context)
    return facts.when(scoring, detriment)


_CRIME_PREDICTION_BY_PROFILING = facts.Flag(
    path="ai_system.crime_prediction_by_profiling",
    yes=t(
        "Le système prédit le risque qu'une personne commette une infraction sur le seul fondement d'un "
        "profilage ou de traits de personnalité : pratique interdite (art. 5.1.d). Un système qui appuie "
        "l'évaluation humaine fondée sur des faits objectifs et vérifiables n'est pas visé.",
        "The system predicts the risk of a person offending solely from profiling or personality traits: "
        "prohibited (art. 5(1)(d)). A system supporting a human assessment based on objective, "
        "verifiable facts is not covered.",
    ),
    no=t(
        "Pas de prédiction d'infraction fondée uniquement sur le profilage.",
        "No prediction of offending based solely on profiling.",
    ),
    unknown=t(
        "On ne sait pas si le système prédit un risque d'infraction à partir du seul profilage.",
        "Whether the system predicts offending solely from profiling is not known.",
    ),
)


def _art5_d(ai: AISystem, op: ProcessingOperation) -> Outcome:
    if ai.crime_prediction_by_profiling is None:
        derived = _no_person_evaluated(ai, op)
        if derived is not None:
            return derived
    return _CRIME_PREDICTION_BY_PROFILING.judge(ai.crime_prediction_by_profiling)


_FACIAL_SCRAPING = facts.Flag(
    path="ai_system.facial_scraping",
    yes=t(
        "Le système constitue ou enrichit une base de reconnaissance faciale par moissonnage non ciblé "
        "d'images faciales (internet, vidéoprotection) : pratique interdite (art. 5.1.e).",
        "The system builds or expands a facial recognition database by untargeted scraping of facial "
        "images (internet, CCTV): prohibited (art. 5(1)(e)).",
    ),
    no=t("Aucun moissonnage d'images faciales.", "No scraping of facial images."),
    unknown=t(
        "On ne sait pas si le système moissonne des images faciales de manière non ciblée.",
        "Whether the system scrapes facial images in an untargeted way is not known.",
    ),
)


def _art5_e(ai: AISystem, op: ProcessingOperation) -> Outcome:
    return _biometric_flag(op, ai.facial_scraping, _FACIAL_SCRAPING)


_EMOTION_RECOGNITION = facts.Flag(
    path="ai_system.emotion_recognition",
    yes=t("Le système reconnaît ou déduit des émotions.", "The system recognises or infers emotions."),
    no=t("Pas de reconnaissance des émotions.", "No emotion recognition."),
    unknown=t(
        "On ne sait pas si le système reconnaît des émotions.",
        "Whether the system recognises emotions is not known.",
    ),
)


def _emotion(ai: AISystem, op: ProcessingOperation) -> Outcome:
    value = ai.emotion_recognition
    if value is None and AIArea.EMOTION_RECOGNITION in ai.areas:
        value = True
    return _biometric_flag(op, value, _EMOTION_RECOGNITION)


_WORKPLACE_OR_EDUCATION = facts.Flag(
    path="ai_system.workplace_or_education",
    yes=t(
        "Il est utilisé sur un lieu de travail ou dans un établissement d'enseignement.",
        "It is used at a workplace or in an education institution.",
    ),
    no=t(
        "Il n'est utilisé ni sur un lieu de travail ni dans un établissement d'enseignement.",
        "It is used neither at a workplace nor in an education institution.",
    ),
    unknown=t(
        "On ne sait pas s'il est utilisé sur un lieu de travail ou dans un établissement d'enseignement.",
        "Whether it is used at a workplace or in an education institution is not known.",
    ),
)


_MEDICAL_OR_SAFETY_REASON = facts.Flag(
    path="ai_system.medical_or_safety_reason",
    yes=t(
        "Il est mis en place pour des raisons médicales ou de sécurité : l'exception de l'art. 5.1.f "
        "s'applique (la reconnaissance des émotions reste à haut risque, annexe III, 1 c).",
        "It is put in place for medical or safety reasons: the art. 5(1)(f) exception applies "
        "(emotion recognition stays high-risk, Annex III 1(c)).",
    ),
    no=t(
        "Il ne répond à aucune raison médicale ou de sécurité : pratique interdite (art. 5.1.f).",
        "It serves no medical or safety reason: prohibited (art. 5(1)(f)).",
    ),
    unknown=t(
        "On ne sait pas s'il répond à des raisons médicales ou de sécurité (exception de l'art. 5.1.f).",
        "Whether it serves medical or safety reasons (art. 5(1)(f) exception) is not known.",
    ),
)


def _art5_f(ai: AISystem, op: ProcessingOperation) -> Outcome:
    place = _WORKPLACE_OR_EDUCATION.judge(ai.workplace_or_education)
    not_exempt = facts.negate(_MEDICAL_OR_SAFETY_REASON.judge(ai.medical_or_safety_reason))
    return facts.when(_emotion(ai, op), place, not_exempt)


_BIOMETRIC_CATEGORISATION = facts.Flag(
    path="ai_system.biometric_categorisation",
    yes=t(
        "Le système classe individuellement des personnes d'après leurs données biométriques.",
        "The system categorises persons individually from their biometric data.",
    ),
    no=t("Pas de catégorisation biométrique.", "No biometric categorisation."),
    unknown=t(
        "On ne sait pas si le système procède à une catégorisation biométrique.",
        "Whether the system performs biometric categorisation is not known.",
    ),
)


_INFERS_SENSITIVE_ATTRIBUTES = facts.Flag(
    path="ai_system.infers_sensitive_attributes",
    yes=t(
        "Il en déduit la race, les opinions politiques, l'appartenance syndicale, les convictions, la vie "
        "ou l'orientation sexuelle : pratique interdite (art. 5.1.g ; ne sont pas visés l'étiquetage ou "
        "le filtrage de jeux de données biométriques acquis légalement, ni la catégorisation de données "
        "biométriques dans le domaine répressif, qui reste à haut risque, annexe III, 1 b).",
        "It infers race, political opinions, union membership, beliefs, sex life or orientation: "
        "prohibited (art. 5(1)(g); labelling or filtering lawfully acquired biometric datasets, and "
        "categorising biometric data in the area of law enforcement, are not covered; the latter stays "
        "high-risk, Annex III 1(b)).",
    ),
    no=t(
        "Il n'en déduit aucun des attributs de l'art. 5.1.g (une catégorisation selon d'autres attributs "
        "sensibles ou protégés reste à haut risque, annexe III, 1 b).",
        "It infers none of the art. 5(1)(g) attributes (a categorisation by other sensitive or protected "
        "attributes stays high-risk, Annex III 1(b)).",
    ),
    unknown=t(
        "On ne sait pas s'il en déduit des attributs sensibles (race, opinions, convictions, orientation…).",
        "Whether it infers sensitive attributes (race, opinions, beliefs, orientation…) is not known.",
    ),
)


def _art5_g(ai: AISystem, op: ProcessingOperation) -> Outcome:
    value = ai.biometric_categorisation
    if value is None and AIArea.BIOMETRIC_CATEGORISATION in ai.areas:
        value = True
    categorises = _biometric_flag(op, value, _BIOMETRIC_CATEGORISATION)
    sensitive = _INFERS_SENSITIVE_ATTRIBUTES.judge(ai.infers_sensitive_attributes)
    return facts.when(categorises, sensitive)


_ART5_H_EXCEPTIONS = t(
    "Les exceptions de l'art. 5.1.h (recherche ciblée de victimes et de personnes disparues, menace "
    "imminente pour la vie ou d'attaque terroriste, localisation d'un suspect d'infraction grave) supposent "
    "une loi nationale qui les autorise expressément (art. 5.5), une autorisation préalable d'une autorité "
    "judiciaire ou administrative indépendante (art. 5.3), une analyse d'impact sur les droits fondamentaux "
    "(art. 27) et un enregistrement (art. 49) (art. 5.2). À la date de rédaction de cette règle, la France "
    "n'a adopté aucune loi de ce type, et l'article 10 de la loi n° 2023-380 exclut expressément "
    "l'identification biométrique.",
    "The art. 5(1)(h) exceptions (targeted search for victims and missing persons, imminent threat to life "
    "or of a terrorist attack, locating a suspect of a serious offence) require a national law expressly "
    "permitting them (art. 5(5)), prior authorisation by a judicial or independent administrative "
    "authority (art. 5(3)), a fundamental rights impact assessment (art. 27) and registration (art. 49) "
    "(art. 5(2)). When this rule was written France had adopted no such law, and loi 2023-380 art. 10 "
    "expressly excludes biometric identification.",
)


_BIOMETRIC_IDENTIFICATION = facts.Flag(
    path="ai_system.biometric_identification",
    yes=t("Identification biométrique de personnes.", "Biometric identification of persons."),
    no=t("Pas d'identification biométrique.", "No biometric identification."),
    unknown=t(
        "On ne sait pas si le système identifie des personnes par leurs données biométriques.",
        "Whether the system identifies persons from biometric data is not known.",
    ),
)


_REMOTE = facts.Flag(
    path="ai_system.remote",
    yes=t("À distance.", "Remote."),
    no=t("Pas à distance (participation active des personnes).", "Not remote (persons take part)."),
    unknown=t("On ne sait pas si l'identification a lieu à distance.", "Whether it is remote is not known."),
)


_REAL_TIME = facts.Flag(
    path="ai_system.real_time",
    yes=t("En temps réel.", "In real time."),
    no=t("En différé, pas en temps réel.", "Post (not real-time)."),
    unknown=t("On ne sait pas si elle a lieu en temps réel.", "Whether it is real-time is not known."),
)


_PUBLICLY_ACCESSIBLE_SPACE = facts.Flag(
    path="ai_system.publicly_accessible_space",
    yes=t("Dans un espace accessible au public.", "In a publicly accessible space."),
    no=t("Hors des espaces accessibles au public.", "Outside publicly accessible spaces."),
    unknown=t(
        "On ne sait pas si elle a lieu dans un espace accessible au public.",
        "Whether it takes place in a publicly accessible space is not known.",
    ),
)


_LAW_ENFORCEMENT = facts.Flag(
    path="ai_system.law_enforcement",
    yes=t("À des fins répressives.", "For law-enforcement purposes."),
    no=t(
        "Pas à des fins répressives (l'identification biométrique à distance reste à haut risque, "
        "annexe III, 1 a, et suppose une exception de l'art. 9.2 du RGPD).",
        "Not for law enforcement (remote biometric identification stays high-risk, Annex III 1(a), and "
        "needs a GDPR art. 9(2) exception).",
    ),
    unknown=t(
        "On ne sait pas si elle sert des fins répressives.",
        "Whether it serves law-enforcement purposes is not known.",
    ),
)


def _art5_h(ai: AISystem, op: ProcessingOperation) -> Outcome:
    if ai.biometric_verification_only:
        return Outcome.not_met(
            t(
                "Vérification biométrique seulement (confirmer qu'une personne est celle qu'elle prétend "
                "être) : ce n'est pas une identification (art. 5.1.h, annexe III, 1 a).",
                "Biometric verification only (confirming a person is who they claim to be): not "
                "identification (art. 5(1)(h), Annex III 1(a)).",
            )
        )
    rbi_area = AIArea.REMOTE_BIOMETRIC_IDENTIFICATION in ai.areas
    identification = _biometric_flag(
        op,
        True if ai.biometric_identification is None and rbi_area else ai.biometric_identification,
        _BIOMETRIC_IDENTIFICATION,
    )
    remote = _REMOTE.judge(True if ai.remote is None and rbi_area else ai.remote)
    real_time = _REAL_TIME.judge(ai.real_time)
    space = _PUBLICLY_ACCESSIBLE_SPACE.judge(ai.publicly_accessible_space)
    enforcement_value = ai.law_enforcement
    if enforcement_value is None and op.legal.regime is LegalRegime.POLICE_JUSTICE:
        enforcement_value = True
    enforcement = _LAW_ENFORCEMENT.judge(enforcement_value)
    outcome = facts.when(identification, remote, real_time, space, enforcement)
    if outcome.status is FindingStatus.MET:
        return Outcome.met(
            t(
                "Identification biométrique à distance en temps réel dans un espace accessible au public à des "
                "fins répressives : pratique interdite (art. 5.1.h). ",
                "Real-time remote biometric identification in a publicly accessible space for law "
                "enforcement: prohibited (art. 5(1)(h)). ",
            )
            + outcome.rationale
            + t(" ", " ")
            + _ART5_H_EXCEPTIONS
        )
    return outcome


# --- art. 6 and Annex III: high risk ----------------------------------------------------------------

_ANNEX_NOTES: dict[AIArea, Text] = {
    AIArea.REMOTE_BIOMETRIC_IDENTIFICATION: t(
        "La vérification biométrique, dont le seul but est de confirmer qu'une personne est celle qu'elle "
        "prétend être, est exclue.",
        "Biometric verification whose sole purpose is to confirm a person is who they claim to be is excluded.",
    ),
    AIArea.BIOMETRIC_CATEGORISATION: t(
        "Selon des attributs ou caractéristiques sensibles ou protégés déduits des données biométriques ; "
        "celle qui déduit la race, les opinions politiques, l'appartenance syndicale, les convictions, la vie "
        "ou l'orientation sexuelle est interdite (art. 5.1.g).",
        "According to sensitive or protected attributes or characteristics inferred from biometric data; "
        "inferring race, political opinions, union membership, beliefs, sex life or orientation is "
        "prohibited (art. 5(1)(g)).",
    ),
    AIArea.CRITICAL_INFRASTRUCTURE: t(
        "Seuls les composants de sécurité de la gestion et de l'exploitation sont visés ; un comptage ou une "
        "mesure statistique n'en est pas un.",
        "Only safety components in management and operation are covered; counting or statistical measuring "
        "is not one.",
    ),
    AIArea.CREDITWORTHINESS: t(
        "Les systèmes de détection de la fraude financière sont exclus.",
        "Systems used to detect financial fraud are excluded.",
    ),
    AIArea.ELECTIONS: t(
        "Les outils dont les électeurs ne voient pas directement les résultats (logistique de campagne) "
        "sont exclus.",
        "Tools whose output voters are not directly exposed to (campaign logistics) are excluded.",
    ),
}


def _biometric_fact_unknown(operation: ProcessingOperation, paths: list[str], what: Text) -> Outcome | None:
    """Unknown, asking ``paths``, unless the declared data hold nothing biometric data could come from."""
    if not facts.biometric_input_possible(operation):
        return None
    return Outcome.unknown(what, paths)


def _shown_biometric_identification(ai: AISystem, operation: ProcessingOperation) -> Outcome | None:
    if ai.biometric_identification is False or ai.remote is False:
        return None
    if ai.biometric_identification and ai.remote:
        return Outcome.met(
            t(
                "le système identifie des personnes à distance par leurs données biométriques "
                "(ai_system.biometric_identification, ai_system.remote)",
                "the system identifies persons remotely from their biometric data "
                "(ai_system.biometric_identification, ai_system.remote)",
            )
        )
    if ai.biometric_identification:
        return Outcome.unknown(
            t(
                "le système identifie des personnes par leurs données biométriques ; on ne sait pas si c'est à "
                "distance",
                "the system identifies persons from their biometric data; whether remotely is not known",
            ),
            ["ai_system.remote"],
        )
    return _biometric_fact_unknown(
        operation,
        ["ai_system.biometric_identification"] + (["ai_system.remote"] if ai.remote is None else []),
        t(
            "on ne sait pas si le système identifie des personnes à distance par leurs données biométriques",
            "whether the system identifies persons remotely from their biometric data is not known",
        ),
    )


def _shown_biometric_categorisation(ai: AISystem, operation: ProcessingOperation) -> Outcome | None:
    """Annex III 1(b): categorisation by sensitive or protected attributes, those art. 5(1)(g)
    prohibits (``infers_sensitive_attributes``) or others (``infers_protected_attributes``)."""
    attributes = {
        "ai_system.infers_sensitive_attributes": ai.infers_sensitive_attributes,
        "ai_system.infers_protected_attributes": ai.infers_protected_attributes,
    }
    if ai.biometric_categorisation is False or all(v is False for v in attributes.values()):
        return None
    open_attributes = [path for path, v in attributes.items() if v is None]
    if ai.biometric_categorisation and any(attributes.values()):
        named = [path for path, v in attributes.items() if v]
        return Outcome.met(
            t(
                "le système classe des personnes selon des attributs sensibles ou protégés déduits de leurs "
                f"données biométriques (ai_system.biometric_categorisation, {', '.join(named)})",
                "the system categorises persons by sensitive or protected attributes inferred from their "
                f"biometric data (ai_system.biometric_categorisation, {', '.join(named)})",
            )
        )
    if ai.biometric_categorisation:
        return Outcome.unknown(
            t(
                "le système fait de la catégorisation biométrique ; on ne sait pas si c'est selon des attributs "
                "sensibles ou protégés",
                "the system performs biometric categorisation; whether by sensitive or protected attributes is "
                "not known",
            ),
            open_attributes,
        )
    return _biometric_fact_unknown(
        operation,
        ["ai_system.biometric_categorisation", *open_attributes],
        t(
            "on ne sait pas si le système classe des personnes selon des attributs sensibles ou protégés "
            "déduits de leurs données biométriques",
            "whether the system categorises persons by sensitive or protected attributes inferred from their "
            "biometric data is not known",
        ),
    )


def _shown_emotion_recognition(ai: AISystem, operation: ProcessingOperation) -> Outcome | None:
    if ai.emotion_recognition is False:
        return None
    if ai.emotion_recognition:
        return Outcome.met(
            t(
                "le système reconnaît les émotions des personnes (ai_system.emotion_recognition)",
                "the system recognises persons' emotions (ai_system.emotion_recognition)",
            )
        )
    return _biometric_fact_unknown(
        operation,
        ["ai_system.emotion_recognition"],
        t(
            "on ne sait pas si le système reconnaît les émotions des personnes",
            "whether the system recognises persons' emotions is not known",
        ),
    )


#: Annex III points the AI system's own facts establish even when ``areas`` does not list them:
#: a use the facts describe is an Annex III use whatever the list says (it defaults to empty).
#: While such a fact is unknown, and biometric data could be processed, the point is asked: a
#: biometric use left blank must not read as "not high-risk" (AI Act art. 6(2), Annex III 1).
_SHOWN_BY_FACTS: dict[AIArea, Callable[[AISystem, ProcessingOperation], Outcome | None]] = {
    AIArea.REMOTE_BIOMETRIC_IDENTIFICATION: _shown_biometric_identification,
    AIArea.BIOMETRIC_CATEGORISATION: _shown_biometric_categorisation,
    AIArea.EMOTION_RECOGNITION: _shown_emotion_recognition,
}


#: Fields of processing that are themselves an Annex III area: with no area declared, an AI
#: system used in such a processing may serve that area, so the point is asked, not denied.
#: (Municipal police is not mapped to point 6: its uses there are specific, and event detection
#: is not plainly covered — see the reference's open points.)
#: School services include enrolling pupils and assigning them to a school (point 3(a));
#: social housing and social support are public assistance services (point 5(a); recital 58
#: names social services and housing assistance).
_AREA_OF_DOMAINS: dict[AIArea, frozenset[Domain]] = {
    AIArea.EDUCATION_ACCESS: frozenset({Domain.SCHOOL_SERVICES}),
    AIArea.RECRUITMENT: frozenset({Domain.RECRUITMENT}),
    AIArea.WORKER_MANAGEMENT: frozenset({Domain.HR_MANAGEMENT, Domain.EMPLOYEE_MONITORING}),
    AIArea.PUBLIC_BENEFITS: frozenset({Domain.SOCIAL_AID, Domain.SOCIAL_HOUSING, Domain.SOCIAL_SUPPORT}),
}


def _annex_iii_rule(area: AIArea) -> Callable[[AISystem, ProcessingOperation], Outcome]:
    label = t(area.fr, area.en)
    shown_by_facts = _SHOWN_BY_FACTS.get(area)
    prompting = _AREA_OF_DOMAINS.get(area, frozenset())
    # The answer for an area the system does not declare depends on the area alone: built
    # once here, not at each of the 18 points for every operation (outcomes are immutable).
    not_declared = Outcome.not_met(
        t(
            f"Domaine non déclaré parmi ceux du système (ai_system.areas) : {label.fr}.",
            f"Area not declared among the system's (ai_system.areas): {label.en}.",
        )
    )

    def rule(ai: AISystem, op: ProcessingOperation) -> Outcome:
        if area is AIArea.REMOTE_BIOMETRIC_IDENTIFICATION and ai.biometric_verification_only:
            return Outcome.not_met(
                t(
                    "Vérification biométrique seulement : exclue de l'annexe III, 1 a.",
                    "Biometric verification only: excluded from Annex III 1(a).",
                )
            )
        if area in ai.areas:
            head = t(
                f"Domaine de l'annexe III déclaré : {label.fr}. ", f"Annex III area declared: {label.en}. "
            )
        else:
            shown = shown_by_facts(ai, op) if shown_by_facts is not None else None
            if shown is None:
                fields = [d for d in op.domains if d in prompting] if not ai.areas else []
                if not fields:
                    return not_declared
                named = facts.labels(fields)
                return Outcome.unknown(
                    t(
                        f"Aucun domaine de l'annexe III n'est déclaré (ai_system.areas), mais le traitement relève "
                        f"de {named.fr} : dire si le système d'IA y sert à ce point : {label.fr}.",
                        f"No Annex III area is declared (ai_system.areas), but the processing concerns "
                        f"{named.en}: say whether the AI system serves this point there: {label.en}.",
                    ),
                    ["ai_system.areas"],
                )
            head = t(
                f"Domaine non déclaré (ai_system.areas), mais {shown.rationale.fr} : {label.fr}. ",
                f"Area not declared (ai_system.areas), but {shown.rationale.en}: {label.en}. ",
            )
            if shown.status is FindingStatus.UNKNOWN:
                return Outcome.unknown(head, shown.missing)
        conditions = ai.art6_3_conditions
        if not conditions:
            return Outcome.met(
                head
                + t(
                    "Aucune condition de l'art. 6.3 n'est invoquée : système à haut risque (art. 6.2).",
                    "No art. 6(3) condition is relied on: high-risk system (art. 6(2)).",
                )
            )
        invoked = t(", ".join(f"« {c.fr} »" for c in conditions), ", ".join(f"'{c.en}'" for c in conditions))
        profiles = _profiles(ai, op)
        if profiles:
            return Outcome.met(
                head
                + t(
                    f"Conditions de l'art. 6.3 invoquées ({invoked.fr}), mais le système profile des personnes "
                    "physiques : il est toujours à haut risque (art. 6.3, dernier alinéa).",
                    f"Art. 6(3) conditions relied on ({invoked.en}), but the system profiles natural persons: "
                    "it is always high-risk (art. 6(3), last subparagraph).",
                )
            )
        if profiles is False:
            return Outcome.not_met(
                head
                + t(
                    f"Dérogation de l'art. 6.3 invoquée ({invoked.fr}), sans profilage : le système n'est pas "
                    "à haut risque s'il ne présente pas de risque important de préjudice et n'influence pas "
                    "substantiellement la décision. Le fournisseur documente cette appréciation (art. 6.4) "
                    "et enregistre le système (art. 49.2) ; demandez-lui cette documentation.",
                    f"Art. 6(3) derogation relied on ({invoked.en}), without profiling: the system is not "
                    "high-risk if it poses no significant risk of harm and does not materially influence the "
                    "decision. The provider documents this assessment (art. 6(4)) and registers the system "
                    "(art. 49(2)); ask the provider for that documentation.",
                )
            )
        return Outcome.unknown(
            head
            + t(
                f"Dérogation de l'art. 6.3 invoquée ({invoked.fr}) : elle est exclue si le système profile "
                "des personnes physiques, ce qui n'est pas indiqué.",
                f"Art. 6(3) derogation relied on ({invoked.en}): it is excluded if the system profiles "
                "natural persons, which is not stated.",
            ),
            ["ai_system.profiling"],
        )

    return rule


#: Each Annex III point judged once per operation: a criterion of its own, the points are read
#: again, all together, by the DPIA presumption (:func:`_high_risk`).
_ANNEX_III_POINTS: dict[AIArea, Callable[[ProcessingOperation], Outcome]] = {
    area: facts.per_operation(_on_ai_system(_annex_iii_rule(area))) for area in AIArea
}


def _high_risk(operation: ProcessingOperation) -> Outcome:
    """Met when at least one Annex III point is met (high-risk under art. 6(2))."""
    outcomes = [point(operation) for point in _ANNEX_III_POINTS.values()]  # in AIArea order
    for status in (FindingStatus.MET, FindingStatus.UNKNOWN):
        chosen = [o for o in outcomes if o.status is status]
        if chosen:
            rationale = Text(
                fr=" ".join(dict.fromkeys(o.rationale.fr for o in chosen)),
                en=" ".join(dict.fromkeys(o.rationale.en for o in chosen)),
            )
            if status is FindingStatus.MET:
                return Outcome.met(rationale)
            return Outcome.unknown(rationale, _dedup(m for o in chosen for m in o.missing))
    return Outcome.not_met(t("Aucun point de l'annexe III n'est rempli.", "No Annex III point is met."))


def _dpia_presumption(operation: ProcessingOperation, settings: Settings) -> Outcome:
    if operation.ai_system is None:
        return qualification(operation)
    high = _high_risk(operation)
    if high.status is FindingStatus.MET:
        return Outcome.met(
            high.rationale
            + t(
                " Système d'IA à haut risque traitant des données personnelles : la CNIL présume qu'une AIPD "
                "est nécessaire (fiche IA n° 5, connue ici par une source secondaire). L'AI Act ne crée pas "
                "lui-même l'obligation : son art. 26.9 demande au déployeur d'utiliser, « le cas échéant », la "
                "notice du fournisseur (art. 13) pour l'AIPD due au titre de l'art. 35 du RGPD. L'AIPD ne se "
                "confond pas avec la documentation de conformité de l'AI Act.",
                " High-risk AI system processing personal data: the CNIL presumes a DPIA is necessary (AI sheet "
                "no. 5, known here from a secondary source). The AI Act does not itself create the duty: its "
                "art. 26(9) asks the deployer to use, 'where applicable', the provider's instructions (art. 13) "
                "for the DPIA due under GDPR art. 35. The DPIA is distinct from the AI Act conformity "
                "documentation.",
            )
        )
    if high.status is FindingStatus.UNKNOWN:
        return Outcome.unknown(
            t(
                "On ne sait pas encore si le système est à haut risque (annexe III) : ",
                "Whether the system is high-risk (Annex III) is not known yet: ",
            )
            + high.rationale,
            high.missing,
        )
    return Outcome.not_met(
        t(
            "Aucun point de l'annexe III n'est rempli : pas de présomption d'AIPD au titre du haut risque.",
            "No Annex III point is met: no DPIA presumption on account of high risk.",
        )
    )


# --- art. 50: transparency ----------------------------------------------------------------------


_INTERACTS_WITH_PERSONS = facts.Flag(
    path="ai_system.interacts_with_persons",
    yes=t(
        "Le système interagit directement avec des personnes : elles doivent être informées qu'elles "
        "échangent avec un système d'IA, sauf si c'est évident (art. 50.1). L'obligation pèse sur le "
        "fournisseur, qui conçoit le système en ce sens ; le déployeur vérifie qu'elle est remplie.",
        "The system interacts directly with persons: they must be told they are dealing with an AI "
        "system, unless it is obvious (art. 50(1)). The duty is the provider's, who designs the system "
        "that way; the deployer checks it is met.",
    ),
    no=t(
        "Le système n'interagit pas directement avec des personnes.",
        "The system does not interact directly with persons.",
    ),
    unknown=t(
        "On ne sait pas si le système interagit directement avec des personnes.",
        "Whether the system interacts directly with persons is not known.",
    ),
)


def _art50_1(ai: AISystem, _op: ProcessingOperation) -> Outcome:
    return _INTERACTS_WITH_PERSONS.judge(ai.interacts_with_persons)


_GENERATES_SYNTHETIC_CONTENT = facts.Flag(
    path="ai_system.generates_synthetic_content",
    yes=t(
        "Le système génère des contenus de synthèse (texte, image, son, vidéo) : le fournisseur les marque "
        "dans un format lisible par machine et détectable (art. 50.2), sauf simple aide à la rédaction.",
        "The system generates synthetic content (text, image, audio, video): the provider marks it in a "
        "machine-readable, detectable format (art. 50(2)), except for standard editing assistance.",
    ),
    no=t("Aucun contenu de synthèse généré.", "No synthetic content generated."),
    unknown=t(
        "On ne sait pas si le système génère des contenus de synthèse.",
        "Whether the system generates synthetic content is not known.",
    ),
)


def _art50_2(ai: AISystem, _op: ProcessingOperation) -> Outcome:
    value = ai.generates_synthetic_content
    if value is None and (
        AITechnique.GENERATIVE in ai.techniques or AIOutput.GENERATED_CONTENT in ai.outputs
    ):
        value = True
    return _GENERATES_SYNTHETIC_CONTENT.judge(value)


_BIOMETRIC_CATEGORISATION_ART50 = facts.Flag(
    path="ai_system.biometric_categorisation",
    yes=t(
        "Le système procède à une catégorisation biométrique.",
        "The system performs biometric categorisation.",
    ),
    no=t("Pas de catégorisation biométrique.", "No biometric categorisation."),
    unknown=t(
        "On ne sait pas si le système procède à une catégorisation biométrique.",
        "Whether the system performs biometric categorisation is not known.",
    ),
)


def _art50_3(ai: AISystem, op: ProcessingOperation) -> Outcome:
    emotion = _emotion(ai, op)
    value = ai.biometric_categorisation
    if value is None and AIArea.BIOMETRIC_CATEGORISATION in ai.areas:
        value = True
    categorisation = _biometric_flag(op, value, _BIOMETRIC_CATEGORISATION_ART50)
    outcome = facts.any_of(emotion, categorisation)
    if outcome.status is FindingStatus.MET:
        return Outcome.met(
            outcome.rationale
            + t(
                " Le déployeur informe les personnes exposées du fonctionnement du système (art. 50.3).",
                " The deployer informs the persons exposed of the operation of the system (art. 50(3)).",
            )
        )
    return outcome


_DEEP_FAKE = facts.Flag(
    path="ai_system.deep_fake",
    yes=t(
        "Le système génère ou manipule des hypertrucages : le déployeur indique que le contenu a été "
        "généré ou manipulé artificiellement (art. 50.4, premier alinéa).",
        "The system generates or manipulates deep fakes: the deployer discloses that the content was "
        "artificially generated or manipulated (art. 50(4), first subparagraph).",
    ),
    no=t("Aucun hypertrucage.", "No deep fake."),
    unknown=t(
        "On ne sait pas si le système génère ou manipule des hypertrucages.",
        "Whether the system generates or manipulates deep fakes is not known.",
    ),
)


def _art50_4_deep_fake(ai: AISystem, _op: ProcessingOperation) -> Outcome:
    return _DEEP_FAKE.judge(ai.deep_fake)


_PUBLIC_INTEREST_TEXT = facts.Flag(
    path="ai_system.public_interest_text",
    yes=t(
        "Le système génère des textes publiés pour informer le public sur des questions d'intérêt public.",
        "The system generates text published to inform the public on matters of public interest.",
    ),
    no=t(
        "Aucun texte publié pour informer le public sur des questions d'intérêt public.",
        "No text published to inform the public on matters of public interest.",
    ),
    unknown=t(
        "On ne sait pas si le système génère des textes publiés pour informer le public.",
        "Whether the system generates text published to inform the public is not known.",
    ),
)


_EDITORIAL_REVIEW = facts.Flag(
    path="ai_system.editorial_review",
    yes=t(
        "Les textes font l'objet d'une relecture humaine ou d'un contrôle éditorial sous la "
        "responsabilité éditoriale d'une personne : pas d'obligation d'indiquer leur origine "
        "(art. 50.4, second alinéa).",
        "The texts undergo human review or editorial control under someone's editorial "
        "responsibility: no duty to disclose their origin (art. 50(4), second subparagraph).",
    ),
    no=t(
        "Sans relecture humaine ni contrôle éditorial : le déployeur indique que le texte a été "
        "généré ou manipulé artificiellement (art. 50.4, second alinéa).",
        "Without human review or editorial control: the deployer discloses that the text was "
        "artificially generated or manipulated (art. 50(4), second subparagraph).",
    ),
    unknown=t(
        "On ne sait pas si les textes publiés sont relus ou soumis à un contrôle éditorial.",
        "Whether the published texts undergo human review or editorial control is not known.",
    ),
)


def _art50_4_text(ai: AISystem, _op: ProcessingOperation) -> Outcome:
    published = _PUBLIC_INTEREST_TEXT.judge(ai.public_interest_text)
    no_review = facts.negate(_EDITORIAL_REVIEW.judge(ai.editorial_review))
    return facts.when(published, no_review)


# --- loi n° 2023-380, art. 10: the JO 2024 experiment and its end -------------------------------

#: Texts of the experiment: the law and its decrees (2023-828 authorising the uses, 2023-939 on evaluation).
_EXPERIMENT_TEXTS = frozenset({"2023-380", "2023-828", "2023-939"})
_TEXT_NUMBER = re.compile(r"\b((?:19|20)\d{2})\s*-\s*(\d{1,5})\b")
_CSI = re.compile(r"s[ée]curit[ée] int[ée]rieure|\bCSI\b|\bL\.?\s*25[1-5]", re.IGNORECASE)


_SPACE_ANALYSED = facts.Flag(
    path="ai_system.publicly_accessible_space",
    yes=t("Dans un espace accessible au public.", "In a publicly accessible space."),
    no=t("Hors des espaces accessibles au public.", "Outside publicly accessible spaces."),
    unknown=t(
        "On ne sait pas si le système opère dans un espace accessible au public.",
        "Whether the system operates in a publicly accessible space is not known.",
    ),
)


def _algorithmic_video(operation: ProcessingOperation) -> Outcome:
    """Images of persons in places open to the public, analysed by the AI system."""
    ai = operation.ai_system
    images = facts.data_of_kinds(operation, [DataKind.IMAGE], t("images", "images"))
    domain = [d for d in operation.domains if d in (Domain.VIDEO_PROTECTION, Domain.PUBLIC_SAFETY_EVENTS)]
    in_domain = (
        Outcome.met(
            t(
                "Domaine : " + ", ".join(f"« {d.fr} »" for d in domain) + ".",
                "Field: " + ", ".join(f"'{d.en}'" for d in domain) + ".",
            )
        )
        if domain
        else Outcome.not_met(
            t("Aucun domaine de vidéoprotection déclaré.", "No vidéoprotection field declared.")
        )
    )
    space = facts.any_of(
        in_domain,
        facts.public_area(operation),
        _SPACE_ANALYSED.judge(ai.publicly_accessible_space if ai is not None else None),
    )
    return facts.all_of(images, space)


def _statistical_only(operation: ProcessingOperation) -> Outcome:
    """The CNIL position of 19 July 2022: anonymous statistics, no immediate operational use.

    Met when the system outputs only aggregated statistics, no decision is taken
    about persons, and every image category ends in deletion or anonymisation.
    """
    ai = operation.ai_system
    assert ai is not None  # only called once an AI system is known
    if not ai.outputs:
        outputs = Outcome.unknown(
            t("Les sorties du système ne sont pas indiquées.", "The system's outputs are not stated."),
            ["ai_system.outputs"],
        )
    elif all(o is AIOutput.STATISTICS for o in ai.outputs):
        outputs = Outcome.met(
            t(
                "Le système ne produit que des statistiques agrégées.",
                "The system outputs only aggregated statistics.",
            )
        )
    else:
        other = [o for o in ai.outputs if o is not AIOutput.STATISTICS]
        outputs = Outcome.not_met(
            t(
                "Le système produit aussi "
                + ", ".join(f"« {o.fr} »" for o in other)
                + " : usage opérationnel.",
                "The system also outputs " + ", ".join(f"'{o.en}'" for o in other) + ": operational use.",
            )
        )
    if operation.decisions.automated:
        decisions = Outcome.not_met(
            t(
                "Des décisions sont prises sur la base du traitement : usage opérationnel.",
                "Decisions are taken on the basis of the processing: operational use.",
            )
        )
    elif operation.decisions.automated is False:
        decisions = Outcome.met(
            t(
                "Aucune décision n'est prise sur la base du traitement.",
                "No decision is taken on the basis of the processing.",
            )
        )
    else:
        decisions = Outcome.unknown(
            t(
                "On ne sait pas si des décisions sont prises sur la base du traitement.",
                "Whether decisions are taken on the basis of the processing is not known.",
            ),
            ["decisions.automated"],
        )
    fates: list[Outcome] = []
    for i, d in enumerate(operation.data):
        if d.kind is not DataKind.IMAGE:
            continue
        fate = d.retention.final_fate if d.retention is not None else None
        if fate is None:
            fates.append(
                Outcome.unknown(
                    t(
                        "Le sort final des images sources n'est pas indiqué.",
                        "The final fate of the source images is not stated.",
                    ),
                    [f"data[{i}].retention.final_fate"],
                )
            )
        elif fate in (FinalFate.DELETION, FinalFate.ANONYMISATION):
            fates.append(
                Outcome.met(
                    t(
                        f"Images sources : « {fate.fr} » (à opérer quasi immédiatement, durée à indiquer en "
                        f"data[{i}].retention.active).",
                        f"Source images: '{fate.en}' (to happen almost at once; state the delay in "
                        f"data[{i}].retention.active).",
                    )
                )
            )
        else:
            fates.append(
                Outcome.not_met(
                    t(
                        f"Images sources conservées (« {fate.fr} ») : les données ne sont pas anonymes.",
                        f"Source images kept ('{fate.en}'): the data are not anonymous.",
                    )
                )
            )
    return facts.all_of(outputs, decisions, *fates)


def _biometric_uses(operation: ProcessingOperation) -> list[Text]:
    """The biometric uses declared, which loi 2023-380 art. 10, II excludes from the experiment."""
    ai = operation.ai_system
    found: list[Text] = []
    if ai is not None:
        for value, label in (
            (ai.biometric_identification, t("identification biométrique", "biometric identification")),
            (ai.biometric_categorisation, t("catégorisation biométrique", "biometric categorisation")),
            (ai.emotion_recognition, t("reconnaissance des émotions", "emotion recognition")),
        ):
            if value:
                found.append(label)
    if DataKind.BIOMETRIC in operation.data_kinds:
        found.append(t("données biométriques", "biometric data"))
    return found


def _no_legal_basis(operation: ProcessingOperation) -> Outcome:
    law = operation.legal.specific_law
    ended = t(
        "L'expérimentation de l'art. 10 de la loi n° 2023-380 a pris fin le 31 mars 2025 ; sa prolongation "
        "jusqu'en 2027 a été censurée par le Conseil constitutionnel (décision n° 2025-878 DC du 24 avril 2025). "
        "Une nouvelle prolongation, par le projet de loi relatif aux jeux Olympiques de 2030, est rapportée par "
        "une seule source et n'a pas été vérifiée : si un texte en vigueur à la date de référence autorise le "
        "traitement, indiquez-le dans legal.specific_law.",
        "The experiment of loi 2023-380 art. 10 ended on 31 March 2025; its extension to 2027 was struck down "
        "by the Conseil constitutionnel (décision n° 2025-878 DC of 24 April 2025). A further extension, in the "
        "bill on the 2030 Olympic Games, is reported by a single source and was not verified: if a text in "
        "force at the reference date authorises the processing, state it in legal.specific_law.",
    )
    if law is None:
        return facts.no_stated_value(
            operation,
            path="legal.specific_law",
            what=t(
                "le texte qui autorise le traitement algorithmique des images",
                "the text authorising the algorithmic processing of the images",
            ),
            consequence=t(
                "sans loi spécifique, une personne publique ne peut pas analyser par algorithme les images de "
                "vidéoprotection à des fins opérationnelles (position de la CNIL du 19 juillet 2022). ",
                "without a specific law, a public body may not analyse vidéoprotection images by algorithm "
                "for operational purposes (CNIL position of 19 July 2022). ",
            )
            + ended,
        )
    cited = {f"{y}-{n}" for y, n in _TEXT_NUMBER.findall(law)}
    if cited & _EXPERIMENT_TEXTS:
        others = sorted(cited - _EXPERIMENT_TEXTS)
        if others:
            return Outcome.not_met(
                t(
                    f"Le traitement invoque, outre l'expérimentation, « {law} » : aipd ne connaît pas ce texte ; "
                    "vérifiez qu'il autorise expressément le traitement à la date de référence. ",
                    f"Besides the experiment, the processing relies on '{law}': aipd does not know that text; "
                    "check that it expressly authorises the processing at the reference date. ",
                )
                + ended
            )
        when = operation.reference_date
        if when is None:
            return Outcome.unknown(
                t(
                    "Le traitement relève de l'expérimentation de la loi n° 2023-380 (art. 10), ouverte jusqu'au "
                    "31 mars 2025 ; la date de l'analyse n'est pas indiquée, d'où l'impossibilité de dire si "
                    "elle était en cours.",
                    "The processing relies on the experiment of loi 2023-380 (art. 10), open until 31 March "
                    "2025; the date of the assessment is not stated, so whether it was running cannot be told.",
                ),
                ["updated"],
            )
        biometric = _biometric_uses(operation)
        if when <= JO_2024_END and biometric:
            return Outcome.met(
                t(
                    f"À la date de référence ({when.isoformat()}), l'expérimentation de la loi n° 2023-380 est en "
                    "cours, mais son art. 10, II exclut toute identification biométrique, tout traitement de "
                    "données biométriques et toute reconnaissance faciale : le traitement déclaré ("
                    + ", ".join(b.fr for b in biometric)
                    + ") n'a pas de base légale.",
                    f"At the reference date ({when.isoformat()}), the experiment of loi 2023-380 is running, but "
                    "its art. 10, II excludes any biometric identification, any processing of biometric data and "
                    "any facial recognition: the processing declared ("
                    + ", ".join(b.en for b in biometric)
                    + ") has no legal basis.",
                )
            )
        if when <= JO_2024_END:
            return Outcome.not_met(
                t(
                    f"À la date de référence ({format_date(when, 'fr')}), l'expérimentation de la loi n° 2023-380 (art. 10) "
                    "est en cours jusqu'au 31 mars 2025, dans ses conditions : décret après avis de la CNIL "
                    "(décret n° 2023-828), autorisation du préfet pour chaque usage, aucune donnée biométrique, "
                    "contrôle humain permanent.",
                    f"At the reference date ({format_date(when, 'en')}), the experiment of loi 2023-380 (art. 10) runs "
                    "until 31 March 2025, under its conditions: décret after the CNIL's opinion (décret "
                    "2023-828), the préfet's authorisation for each use, no biometric data, permanent human "
                    "control.",
                )
            )
        return Outcome.met(
            t(
                f"À la date de référence ({format_date(when, 'fr')}), le traitement n'a plus de base légale. ",
                f"At the reference date ({format_date(when, 'en')}), the processing no longer has a legal basis. ",
            )
            + ended
        )
    if _CSI.search(law) and not cited:
        return Outcome.met(
            t(
                f"Texte invoqué : « {law} ». Le régime de la vidéoprotection du code de la sécurité intérieure "
                "autorise la captation des images, pas leur analyse par algorithme (position de la CNIL du "
                "19 juillet 2022). ",
                f"Text relied on: '{law}'. The vidéoprotection regime of the code de la sécurité intérieure "
                "authorises capturing images, not analysing them by algorithm (CNIL position of "
                "19 July 2022). ",
            )
            + ended
        )
    return Outcome.not_met(
        t(
            f"Texte invoqué : « {law} ». aipd ne le connaît pas : vérifiez qu'il autorise expressément le "
            "traitement algorithmique des images à la date de référence. ",
            f"Text relied on: '{law}'. aipd does not know it: check that it expressly authorises the "
            "algorithmic processing of the images at the reference date. ",
        )
        + ended
    )


def jo2024_experiment_ended(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    """Algorithmic video processing in public places with no legal basis at the reference date."""
    if operation.ai_system is None:
        return Outcome.not_met(
            t(
                "Aucun système d'IA : pas de traitement algorithmique des images.",
                "No AI system: no algorithmic processing of images.",
            )
        )
    video = _algorithmic_video(operation)
    if video.status is FindingStatus.NOT_MET:
        return Outcome.not_met(
            t(
                "Pas de traitement algorithmique d'images captées dans des lieux ouverts au public. ",
                "No algorithmic processing of images captured in places open to the public. ",
            )
            + video.rationale
        )
    statistical = _statistical_only(operation)
    if statistical.status is FindingStatus.MET:
        return Outcome.not_met(
            t(
                "Dispositif statistique : selon la CNIL (position du 19 juillet 2022), un dispositif qui "
                "produit des statistiques anonymes, sans usage opérationnel immédiat, ne requiert pas de "
                "texte spécifique. ",
                "Statistical device: according to the CNIL (position of 19 July 2022), a device producing "
                "anonymous statistics with no immediate operational use needs no specific text. ",
            )
            + statistical.rationale
        )
    return facts.when(video, facts.negate(statistical), _no_legal_basis(operation))


# --- the catalogue ----------------------------------------------------------------------------------


def _art5(
    letter: str,
    title: Text,
    rule: Callable[[AISystem, ProcessingOperation], Outcome],
    description: Text,
    reliability: Reliability = "recalled",
) -> Criterion:
    return Criterion(
        id=f"ai-act:art5-1-{letter}",
        title=t(
            f"Pratique interdite : {title.fr} (art. 5.1.{letter})",
            f"Prohibited practice: {title.en} (art. 5(1)({letter}))",
        ),
        source=_ai_act(
            f"art. 5.1.{letter} (applicable depuis le 2 février 2025)",
            f"art. 5(1)({letter}) (applicable since 2 February 2025)",
            reliability,
        ),
        effect=Effect.BLOCKS,
        test=_for_ai_system(rule),
        group=GROUP,
        description=description,
    )


def _annex(area: AIArea) -> Criterion:
    point = area.annex_iii_point
    fr_point = point.replace("-", " ")
    en_point = point if "-" not in point else point.split("-")[0] + "(" + point.split("-")[1] + ")"
    note = _ANNEX_NOTES.get(area)
    base = t(
        "Système à haut risque (art. 6.2), sauf dérogation de l'art. 6.3 ((a) tâche procédurale étroite, "
        "(b) amélioration d'une activité humaine achevée, (c) détection de schémas sans remplacer "
        "l'évaluation humaine, (d) tâche préparatoire), jamais ouverte quand le système profile des "
        "personnes physiques.",
        "High-risk system (art. 6(2)), unless the art. 6(3) derogation applies ((a) narrow procedural task, "
        "(b) improving a completed human activity, (c) detecting patterns without replacing human "
        "assessment, (d) preparatory task), never available when the system profiles natural persons.",
    )
    return Criterion(
        id=annex_iii_id(area),
        title=t(f"Haut risque : {area.fr}", f"High risk: {area.en}"),
        source=_ai_act(
            f"art. 6.2 et 6.3, annexe III, point {fr_point}",
            f"art. 6(2) and 6(3), Annex III point {en_point}",
        ),
        effect=Effect.INFORMS,
        test=_as_test(_ANNEX_III_POINTS[area]),
        group=GROUP,
        description=base if note is None else base + t(" ", " ") + note,
    )


def _art50(
    suffix: str,
    title: Text,
    fr_par: str,
    en_par: str,
    rule: Callable[[AISystem, ProcessingOperation], Outcome],
    reliability: Reliability = "recalled",
) -> Criterion:
    return Criterion(
        id=f"ai-act:art50-{suffix}",
        title=t(f"Transparence : {title.fr} ({fr_par})", f"Transparency: {title.en} ({en_par})"),
        source=_ai_act(
            f"{fr_par} (applicable au 2 août 2026)", f"{en_par} (applicable from 2 August 2026)", reliability
        ),
        effect=Effect.INFORMS,
        test=_for_ai_system(rule),
        group=GROUP,
    )


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        id="ai-act:ai-system",
        title=t(
            "Système d'intelligence artificielle (art. 3.1)", "Artificial intelligence system (art. 3(1))"
        ),
        source=_ai_act("art. 3.1 et considérant 12", "art. 3(1) and recital 12"),
        effect=Effect.INFORMS,
        test=_ai_system_test,
        group=GROUP,
        description=t(
            "Un système automatisé qui, à partir des entrées qu'il reçoit, déduit comment générer des sorties "
            "(prédictions, contenus, recommandations, décisions) et fonctionne avec un certain degré "
            "d'autonomie. Les règles définies uniquement par des personnes pour exécuter automatiquement des "
            "opérations n'en sont pas.",
            "A machine-based system that infers from the input it receives how to generate outputs "
            "(predictions, content, recommendations, decisions) and operates with some degree of autonomy. "
            "Rules defined solely by people to execute operations automatically are not one.",
        ),
    ),
    _art5(
        "a",
        t(
            "techniques subliminales, manipulatrices ou trompeuses",
            "subliminal, manipulative or deceptive techniques",
        ),
        _art5_a,
        t(
            "Techniques subliminales ou délibérément manipulatrices ou trompeuses altérant substantiellement le "
            "comportement et causant, ou susceptibles de causer, un préjudice important.",
            "Subliminal or purposefully manipulative or deceptive techniques materially distorting behaviour "
            "and causing, or likely to cause, significant harm.",
        ),
    ),
    _art5(
        "b",
        t("exploitation des vulnérabilités", "exploiting vulnerabilities"),
        _art5_b,
        t(
            "Exploitation des vulnérabilités dues à l'âge, au handicap ou à une situation sociale ou économique "
            "particulière, avec le même critère d'altération et de préjudice important.",
            "Exploiting vulnerabilities due to age, disability or a specific social or economic situation, "
            "with the same distortion and significant-harm test.",
        ),
    ),
    _art5(
        "c",
        t("notation sociale", "social scoring"),
        _art5_c,
        t(
            "Évaluation ou classement de personnes sur une période, d'après leur comportement social ou leurs "
            "caractéristiques, lorsque la note entraîne un traitement défavorable dans un contexte sans lien "
            "avec celui de la collecte, ou injustifié ou disproportionné. Le texte final ne se limite pas aux "
            "autorités publiques.",
            "Evaluating or classifying persons over time on their social behaviour or characteristics, where "
            "the score leads to detrimental treatment in an unrelated context, or unjustified or "
            "disproportionate treatment. The final text is not limited to public authorities.",
        ),
    ),
    _art5(
        "d",
        t("prédiction d'infractions fondée sur le profilage", "predicting offences from profiling"),
        _art5_d,
        t(
            "Évaluation du risque qu'une personne commette une infraction, fondée uniquement sur son profilage "
            "ou ses traits de personnalité.",
            "Assessing the risk of a person committing an offence based solely on profiling or personality "
            "traits.",
        ),
    ),
    _art5(
        "e",
        t("moissonnage non ciblé d'images faciales", "untargeted scraping of facial images"),
        _art5_e,
        t(
            "Constitution ou enrichissement de bases de reconnaissance faciale par moissonnage non ciblé "
            "d'images faciales sur internet ou par vidéoprotection.",
            "Creating or expanding facial recognition databases by untargeted scraping of facial images from "
            "the internet or CCTV footage.",
        ),
    ),
    _art5(
        "f",
        t(
            "reconnaissance des émotions au travail ou dans l'enseignement",
            "emotion recognition at work or in education",
        ),
        _art5_f,
        t(
            "Déduire les émotions d'une personne sur le lieu de travail et dans les établissements "
            "d'enseignement, sauf pour des raisons médicales ou de sécurité.",
            "Inferring a person's emotions in the areas of workplace and education institutions, except for "
            "medical or safety reasons.",
        ),
        "verified",
    ),
    _art5(
        "g",
        t(
            "catégorisation biométrique selon des attributs sensibles",
            "biometric categorisation by sensitive attributes",
        ),
        _art5_g,
        t(
            "Catégorisation individuelle de personnes d'après leurs données biométriques pour en déduire la race, "
            "les opinions politiques, l'appartenance syndicale, les convictions, la vie ou l'orientation sexuelle.",
            "Categorising persons individually from biometric data to infer race, political opinions, union "
            "membership, beliefs, sex life or sexual orientation.",
        ),
    ),
    _art5(
        "h",
        t(
            "identification biométrique à distance en temps réel à des fins répressives",
            "real-time remote biometric identification for law enforcement",
        ),
        _art5_h,
        t(
            "Identification biométrique à distance « en temps réel » dans des espaces accessibles au public à des "
            "fins répressives. ",
            "'Real-time' remote biometric identification in publicly accessible spaces for law enforcement. ",
        )
        + _ART5_H_EXCEPTIONS,
    ),
    *(_annex(area) for area in AIArea),
    _art50(
        "1",
        t("interaction avec des personnes", "interaction with persons"),
        "art. 50.1",
        "art. 50(1)",
        _art50_1,
    ),
    _art50(
        "2",
        t("marquage des contenus de synthèse", "marking synthetic content"),
        "art. 50.2",
        "art. 50(2)",
        _art50_2,
    ),
    _art50(
        "3",
        t(
            "information sur la reconnaissance des émotions ou la catégorisation biométrique",
            "information on emotion recognition or biometric categorisation",
        ),
        "art. 50.3",
        "art. 50(3)",
        _art50_3,
        "verified",
    ),
    _art50(
        "4-deep-fake",
        t("hypertrucages", "deep fakes"),
        "art. 50.4, premier alinéa",
        "art. 50(4), first subparagraph",
        _art50_4_deep_fake,
    ),
    _art50(
        "4-public-text",
        t("textes d'intérêt public générés", "generated text on matters of public interest"),
        "art. 50.4, second alinéa",
        "art. 50(4), second subparagraph",
        _art50_4_text,
    ),
    Criterion(
        id="ai-act:high-risk-dpia-presumption",
        title=t(
            "Système d'IA à haut risque traitant des données personnelles : AIPD présumée nécessaire",
            "High-risk AI system processing personal data: DPIA presumed necessary",
        ),
        source=source(
            t(
                "CNIL, fiche pratique IA n° 5 « Réaliser une analyse d'impact si nécessaire » (8 avril 2024), "
                "d'après une présentation secondaire (legalplanet.pro) ; règlement (UE) 2024/1689, art. 6 et "
                "annexe III, art. 26.9",
                "CNIL, AI how-to sheet no. 5 'Carrying out a DPIA if necessary' (8 April 2024), as presented "
                "by a secondary source (legalplanet.pro); Regulation (EU) 2024/1689, art. 6 and Annex III, "
                "art. 26(9)",
            ),
            url=CNIL_AI_SHEET_URL,
            reliability="secondary",
        ),
        effect=Effect.REQUIRES,
        presumption=True,
        test=_dpia_presumption,
        group=GROUP,
        description=t(
            "La CNIL présume nécessaire l'AIPD d'un système d'IA à haut risque au sens de l'AI Act dès lors "
            "qu'il traite des données personnelles. C'est une présomption, pas un cas où la loi rend l'AIPD "
            "obligatoire : le verdict est « AIPD requise », avec ce motif. L'AI Act ne crée pas lui-même "
            "l'obligation : son art. 26.9 demande au déployeur d'utiliser, « le cas échéant », la notice du "
            "fournisseur (art. 13) pour l'AIPD due au titre de l'art. 35 du RGPD. La règle est connue par "
            "une source secondaire : vérifiez-la dans la fiche de la CNIL.",
            "The CNIL presumes a DPIA necessary for a high-risk AI system under the AI Act whenever it "
            "processes personal data. It is a presumption, not a case where the law makes a DPIA mandatory: "
            "the verdict is 'DPIA required', with that reason. The AI Act does not itself create the duty: "
            "its art. 26(9) asks the deployer to use, 'where applicable', the provider's instructions "
            "(art. 13) for the DPIA due under GDPR art. 35. The rule is known from a secondary source: check "
            "it in the CNIL's sheet.",
        ),
    ),
    Criterion(
        id="fr:jo2024-experiment-ended",
        title=t(
            "Traitement algorithmique d'images sans base légale depuis la fin de l'expérimentation de la "
            "loi n° 2023-380",
            "Algorithmic processing of images with no legal basis since the end of the loi 2023-380 experiment",
        ),
        source=source(
            t(
                "Loi n° 2023-380 du 19 mai 2023, art. 10, I (expérimentation jusqu'au 31 mars 2025) ; Conseil "
                "constitutionnel, décision n° 2025-878 DC du 24 avril 2025 (censure de la prolongation, "
                "sources secondaires) ; CNIL, position du 19 juillet 2022 sur les caméras dites augmentées",
                "Loi 2023-380 of 19 May 2023, art. 10, I (experiment until 31 March 2025); Conseil "
                "constitutionnel, décision n° 2025-878 DC of 24 April 2025 (extension struck down, secondary "
                "sources); CNIL position of 19 July 2022 on so-called augmented cameras",
            ),
            url=JO_2024_URL,
            reliability="secondary",
        ),
        effect=Effect.BLOCKS,
        test=jo2024_experiment_ended,
        group=FR_GROUP,
        description=t(
            "L'analyse algorithmique, à des fins opérationnelles, des images captées dans des lieux ouverts au "
            "public suppose une loi spécifique. La seule, l'expérimentation de la loi relative aux jeux "
            "Olympiques de 2024, a pris fin le 31 mars 2025. Les dispositifs statistiques qui produisent des "
            "données anonymes sans usage opérationnel immédiat n'en ont pas besoin selon la CNIL. La date lue "
            "est celle de l'analyse (updated, sinon created).",
            "Analysing by algorithm, for operational purposes, images captured in places open to the public "
            "needs a specific law. The only one, the 2024 Olympic Games law's experiment, ended on 31 March "
            "2025. Statistical devices producing anonymous data with no immediate operational use do not need "
            "one according to the CNIL. The date read is the assessment's (updated, else created).",
        ),
    ),
)


@hookimpl
def aipd_criteria() -> Iterable[Criterion]:
    """The AI Act classes and the French rule on algorithmic video processing."""
    return _KEPT


#: The rules as the registry gets them: their answers kept across operations (aipd_builtin.memo).
_KEPT = memo.kept(CRITERIA)
