"""French and EU rules on decisions taken by algorithm, pure: which apply, and what to do.

A collectivité that decides about persons with the help of an algorithm meets
four rules, each checked here against the facts of the operation:

- **CRPA art. L. 311-3-1**: an individual administrative decision taken on the
  basis of an algorithmic processing carries an explicit mention saying so,
  and the administration communicates the rules of the processing and its main
  features to the person on request (arts. R. 311-3-1-1 and R. 311-3-1-2);
- **GDPR art. 22**: a decision based solely on automated processing that
  produces legal or similarly significant effects is forbidden unless an
  exception applies (art. 22(2)), never on special categories without
  art. 9(2)(a) or (g) (art. 22(4));
- **loi Informatique et Libertés art. 47**: the French exception for
  individual administrative decisions: allowed if taken under L. 311-3-1, with
  no special-category data, the controller mastering the algorithm and its
  evolutions; never for decisions on administrative appeals;
- **CRPA art. L. 312-1-3**: administrations with at least 50 agents publish
  online the rules of the main algorithms behind individual decisions.

Missing facts make a rule unknown, with the facts needed; nothing is read as
"does not apply" for lack of facts. The CRPA and LIL texts were not re-read in
an official copy for this library: their sources say ``recalled``.
"""

from __future__ import annotations

import attrs

from aipd import consistency
from aipd.catalogue import FindingStatus, Source
from aipd.i18n import Text, t
from aipd.model import ProcessingOperation
from aipd.vocabulary import DecisionEffect, HumanInvolvement, OrganisationKind

__all__ = ["AlgorithmicDecisions", "DecisionRule", "analyse_decisions"]

CRPA_URL = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000031366350"
LIL_URL = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000886460"
GDPR_URL = "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679"

#: CRPA art. L. 312-1-3: persons with fewer agents than the threshold set by decree are exempt.
PUBLICATION_THRESHOLD = 50

#: Where the ban on solely automated decisions comes from, for every output that reports it as a
#: blocking issue (``aipd assess``, the notebook display); the document's templates word it too.
FORBIDDEN_SOURCE = Source(
    citation=t(
        "RGPD, art. 22 ; loi n° 78-17 du 6 janvier 1978 (Informatique et Libertés), art. 47",
        "GDPR, art. 22; loi 78-17 (Informatique et Libertés), art. 47",
    ),
    url=LIL_URL,
    reliability="recalled",
)

MET, NOT_MET, UNKNOWN = FindingStatus.MET, FindingStatus.NOT_MET, FindingStatus.UNKNOWN


@attrs.frozen(kw_only=True)
class DecisionRule:
    """One rule on algorithmic decisions: does it apply (``MET``), why, and what it requires.

    For ``lil:art47``, ``MET`` means the solely automated decisions meet its conditions.
    """

    id: str
    title: Text
    source: Source
    status: FindingStatus
    rationale: Text
    duties: tuple[Text, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def applies(self) -> bool | None:
        return None if self.status is UNKNOWN else self.status is MET


@attrs.frozen(kw_only=True)
class AlgorithmicDecisions:
    """The four rules, and whether solely automated decisions are forbidden here.

    ``forbidden`` is True when the operation takes solely automated decisions
    with significant effects outside what art. 47 LIL allows, False when it
    takes none or meets the conditions, None when facts are missing or only an
    exception of art. 22(2)(a) or (c) could apply.
    """

    rules: tuple[DecisionRule, ...]
    forbidden: bool | None
    problems: tuple[Text, ...]
    missing_facts: tuple[str, ...]

    def rule(self, rule_id: str) -> DecisionRule:
        """The rule with this id."""
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


def _crpa(fr: str, en: str) -> Source:
    return Source(
        citation=t(f"Code des relations entre le public et l'administration, {fr}", f"CRPA, {en}"),
        url=CRPA_URL,
        reliability="recalled",
    )


# --- the facts, three-valued ----------------------------------------------------------------


@attrs.frozen
class _Fact:
    value: bool | None
    text: Text
    missing: tuple[str, ...] = ()


def _all(*facts: _Fact) -> _Fact:
    """Kleene conjunction: False if one is False, unknown if one is unknown, else True."""
    failed = [f for f in facts if f.value is False]
    if failed:
        return _Fact(False, _texts(failed))
    pending = [f for f in facts if f.value is None]
    if pending:
        return _Fact(None, _texts(facts), tuple(dict.fromkeys(m for f in pending for m in f.missing)))
    return _Fact(True, _texts(facts))


def _texts(facts: tuple[_Fact, ...] | list[_Fact]) -> Text:
    return Text(fr=" ".join(f.text.fr for f in facts), en=" ".join(f.text.en for f in facts))


def _administration(op: ProcessingOperation) -> _Fact:
    kind = op.controller.kind
    if kind is OrganisationKind.OTHER:
        return _Fact(
            False,
            t(
                "L'organisme n'est pas une administration au sens du CRPA (art. L. 100-3).",
                "The body is not an administration under the CRPA (art. L. 100-3).",
            ),
        )
    return _Fact(
        True,
        t(
            f"Administration au sens du CRPA (« {kind.fr} »).",
            f"Administration under the CRPA ('{kind.en}').",
        ),
    )


def _algorithmic(op: ProcessingOperation) -> _Fact:
    value = op.decisions.automated
    if consistency.solely_automated_not_automated(op.decisions):
        # "No decision on the processing" yet "solely automated": neither is read (aipd.consistency).
        return _Fact(
            None,
            t(
                "Faits contradictoires : aucune décision ne serait prise sur le fondement du traitement "
                "(decisions.automated), mais les décisions sont dites entièrement automatisées "
                "(decisions.human_involvement).",
                "Contradictory facts: no decision is said to be taken on the basis of the processing "
                "(decisions.automated), yet the decisions are said to be solely automated "
                "(decisions.human_involvement).",
            ),
            ("decisions.automated", "decisions.human_involvement"),
        )
    if value:
        return _Fact(
            True,
            t(
                "Des décisions sont prises sur le fondement d'un traitement algorithmique.",
                "Decisions are taken on the basis of an algorithmic processing.",
            ),
        )
    if value is False:
        return _Fact(
            False,
            t(
                "Aucune décision n'est prise sur le fondement du traitement.",
                "No decision is taken on the basis of the processing.",
            ),
        )
    return _Fact(
        None,
        t(
            "On ne sait pas si des décisions sont prises sur le fondement du traitement.",
            "Whether decisions are taken on the basis of the processing is not known.",
        ),
        ("decisions.automated",),
    )


def _individual_administrative(op: ProcessingOperation) -> _Fact:
    value = op.decisions.administrative_decisions
    if value:
        return _Fact(
            True, t("Décisions administratives individuelles.", "Individual administrative decisions.")
        )
    if value is False:
        return _Fact(
            False,
            t("Pas de décision administrative individuelle.", "No individual administrative decision."),
        )
    return _Fact(
        None,
        t(
            "On ne sait pas si les décisions sont des décisions administratives individuelles.",
            "Whether the decisions are individual administrative decisions is not known.",
        ),
        ("decisions.administrative_decisions",),
    )


def _solely_automated(op: ProcessingOperation) -> _Fact:
    hi = op.decisions.human_involvement
    if hi is HumanInvolvement.NONE:
        return _Fact(True, t("Décisions entièrement automatisées.", "Solely automated decisions."))
    if hi is not None:
        return _Fact(
            False,
            t(
                f"Intervention humaine : « {hi.fr} » ; elle doit être réelle, par une personne qui a l'autorité "
                "et la compétence pour changer la décision, et non symbolique.",
                f"Human involvement: '{hi.en}'; it must be meaningful, by someone with the authority and "
                "competence to change the decision, not a token gesture.",
            ),
        )
    return _Fact(
        None,
        t("L'intervention humaine n'est pas indiquée.", "Human involvement is not stated."),
        ("decisions.human_involvement",),
    )


def _significant(op: ProcessingOperation) -> _Fact:
    effect = op.decisions.effect
    if effect in (DecisionEffect.LEGAL, DecisionEffect.SIMILARLY_SIGNIFICANT):
        return _Fact(True, t(f"Effet : « {effect.fr} ».", f"Effect: '{effect.en}'."))
    if consistency.access_without_effect(op.decisions):
        return _Fact(
            None,
            t(
                "Faits contradictoires : les décisions n'auraient pas d'effet notable (decisions.effect), mais "
                "le traitement autorise, modifie ou refuse l'accès à un droit, un service ou un contrat "
                "(decisions.access_to_rights).",
                "Contradictory facts: the decisions are said to have no notable effect (decisions.effect), yet "
                "the processing allows, changes or refuses access to a right, a service or a contract "
                "(decisions.access_to_rights).",
            ),
            ("decisions.effect", "decisions.access_to_rights"),
        )
    if effect is DecisionEffect.NONE:
        return _Fact(
            False,
            t(
                "Les décisions n'ont pas d'effet notable sur les personnes.",
                "The decisions have no notable effect.",
            ),
        )
    return _Fact(
        None,
        t("L'effet des décisions n'est pas indiqué.", "The effect of the decisions is not stated."),
        ("decisions.effect",),
    )


def _status(fact: _Fact) -> FindingStatus:
    return MET if fact.value else (NOT_MET if fact.value is False else UNKNOWN)


# --- the rules ------------------------------------------------------------------------------------


def _l311_3_1(op: ProcessingOperation) -> DecisionRule:
    applies = _all(_administration(op), _individual_administrative(op), _algorithmic(op))
    duties = (
        (
            t(
                "Porter sur chaque décision une mention explicite indiquant qu'elle a été prise sur le fondement "
                "d'un traitement algorithmique, sa finalité, et le droit d'obtenir la communication des règles qui "
                "le définissent, avec les modalités d'exercice de ce droit (art. R. 311-3-1-1).",
                "State explicitly on each decision that it was taken on the basis of an algorithmic processing, "
                "its purpose, and the right to obtain the rules defining it, with how to exercise that right "
                "(art. R. 311-3-1-1).",
            ),
            t(
                "Communiquer à la personne qui le demande, sous une forme intelligible et sans porter atteinte aux "
                "secrets protégés : le degré et le mode de contribution du traitement à la décision ; les données "
                "traitées et leurs sources ; les paramètres et leur pondération appliqués à sa situation ; les "
                "opérations effectuées (art. R. 311-3-1-2).",
                "Communicate to the person who asks, in an intelligible form and without breaching protected "
                "secrets: the degree and mode of the processing's contribution to the decision; the data processed "
                "and their sources; the parameters and their weighting applied to their situation; the operations "
                "carried out (art. R. 311-3-1-2).",
            ),
        )
        if applies.value is not False
        else ()
    )
    return DecisionRule(
        id="crpa:l311-3-1",
        title=t(
            "Décision administrative individuelle fondée sur un traitement algorithmique : mention explicite et "
            "communication des règles",
            "Individual administrative decision based on an algorithmic processing: explicit mention and "
            "communication of the rules",
        ),
        source=_crpa(
            "art. L. 311-3-1, R. 311-3-1-1 et R. 311-3-1-2", "arts. L. 311-3-1, R. 311-3-1-1 and R. 311-3-1-2"
        ),
        status=_status(applies),
        rationale=applies.text,
        duties=duties,
        missing=applies.missing,
    )


def _art22(op: ProcessingOperation) -> DecisionRule:
    applies = _all(_algorithmic(op), _solely_automated(op), _significant(op))
    duties = (
        (
            t(
                "Ne fonder une telle décision que sur une exception de l'art. 22.2 : contrat, texte qui l'autorise "
                "avec des garanties (pour l'administration, l'art. 47 de la loi Informatique et Libertés) ou "
                "consentement explicite.",
                "Base such a decision only on an art. 22(2) exception: contract, a law authorising it with "
                "safeguards (for administrations, art. 47 of the loi Informatique et Libertés) or explicit consent.",
            ),
            t(
                "Informer les personnes de l'existence de la décision automatisée, de la logique sous-jacente et "
                "de ses conséquences (art. 13.2.f, 14.2.g et 15.1.h) ; leur permettre d'obtenir une intervention "
                "humaine, d'exprimer leur point de vue et de contester la décision (art. 22.3).",
                "Inform persons of the automated decision, the logic involved and its consequences (arts. 13(2)(f), "
                "14(2)(g) and 15(1)(h)); let them obtain human intervention, express their view and contest the "
                "decision (art. 22(3)).",
            ),
            t(
                "Aucune décision fondée sur des catégories particulières de données, sauf art. 9.2.a ou g avec "
                "des mesures appropriées (art. 22.4).",
                "No decision based on special categories of data, except under art. 9(2)(a) or (g) with suitable "
                "measures (art. 22(4)).",
            ),
        )
        if applies.value is not False
        else ()
    )
    return DecisionRule(
        id="gdpr:art22",
        title=t(
            "Décision fondée exclusivement sur un traitement automatisé produisant des effets juridiques ou "
            "significatifs",
            "Decision based solely on automated processing with legal or similarly significant effects",
        ),
        source=Source(
            citation=t(
                "RGPD, art. 22 (et art. 13.2.f, 14.2.g, 15.1.h)",
                "GDPR, art. 22 (and arts. 13(2)(f), 14(2)(g), 15(1)(h))",
            ),
            url=GDPR_URL,
            reliability="recalled",
        ),
        status=_status(applies),
        rationale=applies.text,
        duties=duties,
        missing=applies.missing,
    )


def _no_special_categories(op: ProcessingOperation) -> _Fact:
    if not op.data:
        return _Fact(
            None,
            t("Les catégories de données ne sont pas déclarées.", "The data categories are not declared."),
            ("data",),
        )
    special = op.special_categories
    if special:
        return _Fact(
            False,
            t(
                "Données sensibles traitées ("
                + ", ".join(k.fr for k in special)
                + ") : exclues des décisions "
                "administratives entièrement automatisées (art. 47, 2°).",
                "Sensitive data processed (" + ", ".join(k.en for k in special) + "): excluded from solely "
                "automated administrative decisions (art. 47, 2°).",
            ),
        )
    return _Fact(True, t("Aucune donnée sensible (art. 6 LIL).", "No sensitive data (LIL art. 6)."))


def _not_appeals(op: ProcessingOperation) -> _Fact:
    value = op.decisions.administrative_appeals
    if value:
        return _Fact(
            False,
            t(
                "Décisions sur des recours administratifs : elles ne peuvent jamais être prises sur le seul "
                "fondement d'un traitement automatisé (art. 47).",
                "Decisions on administrative appeals: they may never be taken solely on the basis of automated "
                "processing (art. 47).",
            ),
        )
    if value is False:
        return _Fact(
            True, t("Pas de décision sur recours administratif.", "No decision on an administrative appeal.")
        )
    return _Fact(
        None,
        t(
            "On ne sait pas si des décisions portent sur des recours administratifs.",
            "Whether decisions rule on administrative appeals is not known.",
        ),
        ("decisions.administrative_appeals",),
    )


def _art47(op: ProcessingOperation, art22: DecisionRule) -> tuple[DecisionRule, bool | None, list[Text]]:
    source = Source(
        citation=t(
            "Loi n° 78-17 du 6 janvier 1978 (Informatique et Libertés), art. 47",
            "Loi 78-17 (Informatique et Libertés), art. 47",
        ),
        url=LIL_URL,
        reliability="recalled",
    )
    title = t(
        "Décisions administratives individuelles entièrement automatisées : conditions de la loi Informatique et "
        "Libertés",
        "Solely automated individual administrative decisions: conditions of the loi Informatique et Libertés",
    )
    mastery = t(
        "Maîtriser le traitement algorithmique et ses évolutions, pour pouvoir expliquer en détail et sous une "
        "forme intelligible comment il a été mis en œuvre à l'égard de la personne.",
        "Master the algorithmic processing and its evolutions, so as to explain in detail and in an intelligible "
        "form how it was applied to the person.",
    )
    if art22.status is NOT_MET:
        rule = DecisionRule(
            id="lil:art47",
            title=title,
            source=source,
            status=NOT_MET,
            rationale=t(
                "Pas de décision entièrement automatisée à effet significatif. ",
                "No solely automated decision with significant effects. ",
            )
            + art22.rationale,
        )
        return rule, False, []
    admin = _individual_administrative(op)
    conditions = _all(admin, _no_special_categories(op), _not_appeals(op))
    problems: list[Text] = []
    if art22.status is UNKNOWN:
        rule = DecisionRule(
            id="lil:art47",
            title=title,
            source=source,
            status=UNKNOWN,
            rationale=t(
                "Selon les faits manquants, les décisions pourraient être entièrement automatisées ; elles ne le "
                "seraient alors permises que dans ces conditions : ",
                "Depending on the missing facts, the decisions might be solely automated; they would then only be "
                "allowed under these conditions: ",
            )
            + conditions.text,
            duties=(mastery,),
            missing=tuple(dict.fromkeys((*art22.missing, *conditions.missing))),
        )
        return rule, None, problems
    if conditions.value is False and admin.value is False:
        problems.append(
            t(
                "Décisions entièrement automatisées hors du champ des décisions administratives individuelles : "
                "elles ne sont permises que sur une autre exception de l'art. 22.2 (contrat, consentement "
                "explicite), avec les garanties de l'art. 22.3.",
                "Solely automated decisions outside individual administrative decisions: only allowed under "
                "another art. 22(2) exception (contract, explicit consent), with the art. 22(3) safeguards.",
            )
        )
        forbidden: bool | None = None
    elif conditions.value is False:
        problems.append(
            t(
                "Décisions entièrement automatisées interdites dans ces conditions : ",
                "Solely automated decisions forbidden under these conditions: ",
            )
            + conditions.text
        )
        forbidden = True
    else:
        forbidden = None if conditions.value is None else False
    rule = DecisionRule(
        id="lil:art47",
        title=title,
        source=source,
        status=_status(conditions) if conditions.value is not False else NOT_MET,
        rationale=conditions.text,
        duties=(mastery,),
        missing=conditions.missing,
    )
    return rule, forbidden, problems


def _l312_1_3(op: ProcessingOperation) -> DecisionRule:
    agents = op.controller.agents
    if agents is None:
        size = _Fact(
            None,
            t("L'effectif de l'organisme n'est pas indiqué.", "The body's headcount is not stated."),
            ("controller.agents",),
        )
    elif agents >= PUBLICATION_THRESHOLD:
        size = _Fact(
            True,
            t(
                f"{agents} agents : au moins {PUBLICATION_THRESHOLD}, l'obligation de publication s'applique.",
                f"{agents} staff: at least {PUBLICATION_THRESHOLD}, the publication duty applies.",
            ),
        )
    else:
        size = _Fact(
            False,
            t(
                f"{agents} agents : moins de {PUBLICATION_THRESHOLD}, l'organisme est dispensé de publication.",
                f"{agents} staff: fewer than {PUBLICATION_THRESHOLD}, the body is exempt from publication.",
            ),
        )
    applies = _all(_administration(op), _individual_administrative(op), _algorithmic(op), size)
    return DecisionRule(
        id="crpa:l312-1-3",
        title=t(
            "Publication en ligne des règles des principaux traitements algorithmiques fondant des décisions "
            "individuelles",
            "Online publication of the rules of the main algorithmic processing behind individual decisions",
        ),
        source=_crpa(
            "art. L. 312-1-3 (seuil de 50 agents fixé par décret)",
            "art. L. 312-1-3 (threshold of 50 staff set by decree)",
        ),
        status=_status(applies),
        rationale=applies.text,
        duties=(
            t(
                "Publier en ligne les règles définissant les principaux traitements algorithmiques utilisés dans "
                "l'accomplissement des missions lorsqu'ils fondent des décisions individuelles.",
                "Publish online the rules defining the main algorithmic processing used in carrying out the "
                "body's tasks when they ground individual decisions.",
            ),
        )
        if applies.value is not False
        else (),
        missing=applies.missing,
    )


def analyse_decisions(operation: ProcessingOperation) -> AlgorithmicDecisions:
    """Which rules on algorithmic decisions apply to ``operation``, and what they require."""
    art22 = _art22(operation)
    art47, forbidden, problems = _art47(operation, art22)
    rules = tuple(sorted((_l311_3_1(operation), art22, art47, _l312_1_3(operation)), key=lambda r: r.id))
    return AlgorithmicDecisions(
        rules=rules,
        forbidden=forbidden,
        problems=tuple(problems),
        missing_facts=tuple(sorted({m for r in rules for m in r.missing})),
    )
