"""Prior consultation of the CNIL, pure: must it be consulted, on which text, and is the file complete?

The rules, each with its source (docs/risks.md):

- **GDPR art. 36(1)**: consult "where a DPIA under Article 35 indicates that the
  processing would result in a high risk in the absence of measures taken by
  the controller to mitigate the risk". Literally the text speaks of the risk
  *in the absence of measures*; the EDPB and the CNIL apply it to the
  **residual** risk, the one that stays high once the measures are taken
  (legal-reference G.5). aipd applies the authorities' reading and shows the
  literal one beside it;
- **loi Informatique et Libertés art. 90** (processing under its Title III,
  "police-justice"): consultation when 1° the DPIA indicates a high risk absent
  mitigating measures (same reading as above), or 2° the type of processing,
  in particular through new mechanisms, technologies or procedures, presents
  high risks; for processing on behalf of the **State**, the DPIA is sent to
  the CNIL with the request for an opinion of arts. 31 to 33;
- **loi n° 2023-380 art. 10** (JO 2024 algorithmic video experiment): the use is
  authorised by décret after the CNIL's opinion, the décret being accompanied
  by a DPIA; a deploying service sends a conformity declaration to the single
  regulatory act RU-075 (secondary source).

The art. 36(3) file lists (a)–(f), each present or missing from the facts.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import Literal

import attrs

from aipd.catalogue import FindingStatus, Source
from aipd.i18n import Text, count, t
from aipd.model import ProcessingOperation
from aipd.risks import AssessedRisk, RiskAnalysis, could_be_high, is_high
from aipd.screening import Requirement, Screening
from aipd.settings import Settings
from aipd.vocabulary import LegalRegime

__all__ = ["Consultation", "ConsultationGround", "FileItem", "decide_consultation"]

_GDPR_URL = "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679"
_LIL_90_URL = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037814536"

ART_36_1 = Source(
    citation=t(
        "RGPD, art. 36.1 ; lecture du CEPD et de la CNIL : risque résiduel élevé",
        "GDPR art. 36(1); EDPB and CNIL reading: residual high risk",
    ),
    url=_GDPR_URL,
    # The article is read; the authorities' residual reading is marked [R] in the reference.
    reliability="recalled",
)
ART_36_3 = Source(citation=t("RGPD, art. 36.3", "GDPR art. 36(3)"), url=_GDPR_URL, reliability="verified")
LIL_90_1 = Source(
    citation=t(
        "Loi n° 78-17 du 6 janvier 1978, art. 90, 1° ; lecture retenue, celle du CEPD et de la CNIL pour "
        "l'art. 36.1 du RGPD, rédigé de façon semblable : risque résiduel élevé",
        "Loi 78-17 of 6 January 1978, art. 90, 1°; reading applied, the EDPB's and the CNIL's for the "
        "similarly worded GDPR art. 36(1): residual high risk",
    ),
    url=_LIL_90_URL,
    # The article is read (« présenterait un risque élevé si le responsable de traitement ne prenait pas
    # de mesures »); the residual reading aipd applies to it is marked [R] in the reference (G.5).
    reliability="recalled",
)
LIL_90_2 = Source(
    citation=t("Loi n° 78-17 du 6 janvier 1978, art. 90, 2°", "Loi 78-17 of 6 January 1978, art. 90, 2°"),
    url=_LIL_90_URL,
    reliability="verified",
)
LIL_STATE = Source(
    citation=t(
        "Loi n° 78-17, art. 90, deuxième alinéa, et art. 31 à 33 (demande d'avis)",
        "Loi 78-17, art. 90, second paragraph, and arts. 31 to 33 (request for an opinion)",
    ),
    url=_LIL_90_URL,
    reliability="recalled",
)
#: Under the GDPR, processing on behalf of the State: arts. 31 (arrêté after a CNIL opinion) and 32
#: (décret en Conseil d'État); art. 90 concerns Title III only.
LIL_31_32 = Source(
    citation=t(
        "Loi n° 78-17, art. 31 et 32 (traitements mis en œuvre pour le compte de l'État), art. 33 (demande d'avis)",
        "Loi 78-17, arts. 31 and 32 (processing on behalf of the State), art. 33 (request for an opinion)",
    ),
    url="https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000886460",  # the loi 78-17 as a whole
    reliability="recalled",
)
JO_2024 = Source(
    citation=t(
        "Loi n° 2023-380 du 19 mai 2023, art. 10, V (décret après avis de la CNIL, accompagné d'une AIPD) ; "
        "décret n° 2023-828 ; déclaration de conformité à l'acte réglementaire unique RU-075",
        "Loi 2023-380 of 19 May 2023, art. 10, V (décret after the CNIL's opinion, with a DPIA); "
        "décret 2023-828; conformity declaration to the single regulatory act RU-075",
    ),
    url="https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000047561974",
    reliability="secondary",
)

#: End of the JO 2024 experiment (loi 2023-380 art. 10, I); its extension was struck down
#: (Conseil constitutionnel, décision n° 2025-878 DC).
JO_2024_END = dt.date(2025, 3, 31)


@attrs.frozen(kw_only=True)
class ConsultationGround:
    """One text that may require consulting (or informing) the CNIL, and whether the facts meet it.

    ``effect`` is ``"consult"`` when a met ground requires prior consultation,
    ``"formality"`` when it requires another step with the CNIL (a request for
    an opinion, a conformity declaration), ``"informs"`` when it only says what
    to check.
    """

    id: str
    title: Text
    source: Source
    effect: Literal["consult", "formality", "informs"]
    status: FindingStatus
    rationale: Text
    missing: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class FileItem:
    """One element of the art. 36(3) file: present in the facts, missing, or to give on request (None)."""

    letter: str
    title: Text
    present: bool | None
    detail: Text
    missing: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Consultation:
    """The consultation decision: ``required`` is None when facts are missing to decide."""

    required: bool | None
    label: Text
    explanation: Text
    grounds: tuple[ConsultationGround, ...]
    file: tuple[FileItem, ...]
    high_risks: tuple[str, ...]
    high_initial_risks: tuple[str, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """Facts that would settle an open ground or complete the file."""
        out = [m for g in self.grounds for m in g.missing] + [m for f in self.file for m in f.missing]
        return tuple(dict.fromkeys(out))


def _names(risks: RiskAnalysis, ids: Iterable[str]) -> tuple[str, str]:
    wanted = set(ids)
    fr = [r.title.fr for r in risks if r.id in wanted]
    en = [r.title.en for r in risks if r.id in wanted]
    return ", ".join(fr), ", ".join(en)


def _literal_note(risks: RiskAnalysis, high: tuple[str, ...], initial: tuple[str, ...]) -> Text:
    """The literal reading beside the authorities' one, said neutrally."""
    only_initial = [i for i in initial if i not in high]
    if not only_initial:
        return t("", "")
    fr, en = _names(risks, only_initial)
    return t(
        f" Lecture littérale du texte (« en l'absence de mesures ») : des risques sont élevés avant les mesures "
        f"prévues ({fr}) ; les autorités retiennent le risque résiduel, que les mesures prévues ramènent sous le "
        "seuil.",
        f" Literal reading of the text ('in the absence of measures'): some risks are high before the planned "
        f"measures ({en}); the authorities look at the residual risk, which the planned measures bring below the "
        "threshold.",
    )


def _residual_ground(
    gid: str,
    title: Text,
    source: Source,
    op: ProcessingOperation,
    risks: RiskAnalysis,
    screening: Screening,
    settings: Settings,
) -> ConsultationGround:
    high = tuple(r.id for r in risks.high)
    initial = tuple(r.id for r in risks.high_initial)
    note = _literal_note(risks, high, initial)
    level = settings.high_risk_level
    ground = functools.partial(ConsultationGround, id=gid, title=title, source=source, effect="consult")
    if not len(risks):
        return ground(
            status=FindingStatus.UNKNOWN,
            rationale=t("Aucun risque n'a pu être analysé.", "No risk could be analysed."),
            missing=("data",),
        )
    exempt = screening.verdict.requirement is Requirement.NOT_REQUIRED
    if exempt:
        # a residual level of the DPO's, on either axis
        confirmed = [r for r in risks.high if any(n.startswith("residual_") for n in r.overridden)]
        if confirmed:
            # The DPO's own levels say the residual risk is high: the processing is likely to result
            # in a high risk (art. 35(1)) whatever the criteria counted, and the consultation follows.
            fr, en = _names(risks, tuple(r.id for r in confirmed))
            return ground(
                status=FindingStatus.MET,
                rationale=t(
                    f"L'examen préalable ne requiert pas d'AIPD, mais le DPD retient des risques élevés après "
                    f"mesures ({fr}) : le traitement est susceptible d'engendrer un risque élevé (art. 35.1) et "
                    "la consultation préalable s'applique.",
                    f"The screening does not require a DPIA, but the DPO retains risks that stay high after "
                    f"measures ({en}): the processing is likely to result in a high risk (art. 35(1)) and prior "
                    "consultation applies.",
                ),
            )
        if high:
            fr, en = _names(risks, high)
            return ground(
                status=FindingStatus.UNKNOWN,
                rationale=t(
                    f"L'examen préalable ne requiert pas d'AIPD, mais les niveaux proposés restent élevés après "
                    f"mesures ({fr}) : au DPD de les confirmer ou de les corriger (s'ils restent élevés, le "
                    "traitement est susceptible d'engendrer un risque élevé, art. 35.1).",
                    f"The screening does not require a DPIA, but the proposed levels stay high after measures "
                    f"({en}): the DPO is to confirm or correct them (if they stay high, the processing is likely "
                    "to result in a high risk, art. 35(1)).",
                ),
                missing=("risk_judgements",),
            )
    elif high:
        fr, en = _names(risks, high)
        both = t("et", "and") if settings.high_risk_axes == "both" else t("ou", "or")
        return ground(
            status=FindingStatus.MET,
            rationale=t(
                f"Des risques restent élevés après les mesures prévues ({fr} : gravité {both.fr} vraisemblance "
                f"au niveau « {level.fr} » ou au-delà).",
                f"Some risks stay high after the planned measures ({en}: severity {both.en} likelihood at "
                f"'{level.en}' or above).",
            )
            + note,
        )
    relevant = [r for r in risks.risks if r.applies is not False]
    # A level the DPO lowered below the proposal without a word: the decision cannot rest on it
    # while the proposal would keep the risk high (a lowered level is never silent).
    unjustified = [r for r in relevant if r.lowered_unjustified and _high_as_proposed(r, settings)]
    if unjustified:
        fr, en = _names(risks, tuple(r.id for r in unjustified))
        paths = tuple(
            f"risk_judgements[{i}].justification"
            for i, j in enumerate(op.risk_judgements)
            if any(r.id == j.risk for r in unjustified)
        )
        return ground(
            status=FindingStatus.UNKNOWN,
            rationale=t(
                f"Le DPD retient pour ces risques des niveaux plus bas que ceux proposés, sans les justifier "
                f"({fr}) : aux niveaux proposés, ils resteraient élevés après les mesures prévues. La décision "
                "attend la justification du DPD.",
                f"The DPO retains for these risks levels lower than those proposed, without a justification "
                f"({en}): at the proposed levels they would stay high after the planned measures. The decision "
                "awaits the DPO's justification.",
            )
            + note,
            missing=paths,
        )
    unrated = [r for r in relevant if r.acceptability is None]
    if unrated:
        # A risk without levels (a DPO's own risk, or one no loaded plug-in rates) may be high.
        fr, en = _names(risks, tuple(r.id for r in unrated))
        return ground(
            status=FindingStatus.UNKNOWN,
            rationale=t(
                f"Des risques n'ont pas de niveaux, initiaux ou résiduels ({fr}) : on ne peut dire s'ils "
                "restent élevés après les mesures.",
                f"Some risks have no levels, initial or residual ({en}): whether they stay high after the "
                "measures cannot be said.",
            ),
            missing=tuple(dict.fromkeys(["risk_judgements", *(m for r in unrated for m in r.missing)])),
        )
    uncertain = could_be_high(op, relevant, settings)
    if uncertain:
        fr, en = _names(risks, tuple(r.id for r in uncertain))
        facts = tuple(dict.fromkeys(m for r in uncertain for m in r.missing))
        return ground(
            status=FindingStatus.UNKNOWN,
            # The facts are named in ``missing``, which every output shows with their labels: model paths
            # (« assets[].internet_facing ») in the sentence would put code in the DPO's document.
            rationale=t(
                "Aucun risque n'est élevé après les mesures prévues d'après les faits connus, mais ces risques "
                f"le resteraient si les faits manquants se révélaient défavorables : {fr}.",
                "No risk is high after the planned measures on the known facts, but these risks would stay "
                f"high if the missing facts turned out unfavourable: {en}.",
            )
            + note,
            missing=facts,
        )
    if exempt:
        return ground(
            status=FindingStatus.NOT_MET,
            rationale=t(
                "L'examen préalable conclut qu'aucune AIPD n'est requise ; la consultation suppose une AIPD "
                "qui conclut à un risque élevé.",
                "The screening concludes no DPIA is required; consultation presupposes a DPIA that finds a "
                "high risk.",
            ),
        )
    return ground(
        status=FindingStatus.NOT_MET,
        rationale=t(
            f"Aucun risque ne reste élevé après les mesures prévues (seuil : « {level.fr} »).",
            f"No risk stays high after the planned measures (threshold: '{level.en}').",
        )
        + note,
    )


def _high_as_proposed(r: AssessedRisk, settings: Settings) -> bool:
    """Whether the risk would stay high after the planned measures without the DPO's lowering:
    on each axis, the higher of the retained and the proposed residual level."""
    p = r.proposed_residual
    if p is None or r.residual_severity is None or r.residual_likelihood is None:
        return False
    severity = max(r.residual_severity, p.severity.level, key=lambda lv: lv.rank)
    likelihood = max(r.residual_likelihood, p.likelihood.level, key=lambda lv: lv.rank)
    return is_high(severity, likelihood, settings)


def _if_title_iii(ground: ConsultationGround) -> tuple[ConsultationGround, ...]:
    """A Title III ground for a processing whose regime is in doubt (police municipale or
    vidéoprotection, ``legal.regime`` not stated): what would apply is open until the regime is."""
    if ground.status is FindingStatus.NOT_MET:
        return ()
    return (
        attrs.evolve(
            ground,
            status=FindingStatus.UNKNOWN,
            rationale=t(
                "Si le traitement relève du titre III (régime non renseigné pour un traitement de police "
                "municipale ou de vidéoprotection) : ",
                "If the processing falls under Title III (regime not stated for a municipal police or video "
                "protection processing): ",
            )
            + ground.rationale,
            missing=tuple(dict.fromkeys(("legal.regime", *ground.missing))),
        ),
    )


def _new_technology(op: ProcessingOperation, screening: Screening) -> ConsultationGround:
    title = t(
        "Type de traitement présentant des risques élevés, notamment par de nouvelles technologies",
        "Type of processing presenting high risks, in particular through new technologies",
    )
    innovative = op.technology.innovative
    required = screening.verdict.requirement is Requirement.REQUIRED
    ground = functools.partial(
        ConsultationGround, id="lil:90-2", title=title, source=LIL_90_2, effect="consult"
    )
    presumed = t("", "")
    if innovative is None:
        # The screening may already hold the solution new without technology.innovative: WP248
        # criterion 8 presumes deep learning and generative AI innovative (CNIL AI sheet 5). The
        # same presumption holds here, or 2° would stay open where the screening counts it met.
        criterion = next((f for f in screening.findings if f.id == "wp248:innovative_use"), None)
        if criterion is not None and criterion.status is FindingStatus.MET:
            innovative = True
            presumed = (
                t("Critère 8 des lignes directrices WP248 : ", "WP248 criterion 8: ") + criterion.rationale
            )
            presumed = presumed + t(" ", " ")
    if innovative is None:
        return ground(
            status=FindingStatus.UNKNOWN,
            rationale=t(
                "On ne sait pas si le traitement emploie un mécanisme, une technologie ou une procédure nouvelle.",
                "It is not known whether the processing uses a new mechanism, technology or procedure.",
            ),
            missing=("technology.innovative",),
        )
    if innovative and required:
        return ground(
            status=FindingStatus.MET,
            rationale=presumed
            + t(
                "Le traitement emploie une technologie nouvelle et son type est susceptible d'engendrer un risque "
                "élevé (une AIPD est requise) : l'article 90, 2° impose la consultation à ce titre, "
                "indépendamment des mesures.",
                "The processing uses a new technology and its type is likely to result in a high risk (a DPIA "
                "is required): art. 90, 2° requires consultation on that ground, whatever the measures.",
            ),
        )
    if innovative and screening.verdict.requirement is Requirement.INCOMPLETE:
        # A new technology whose type may present high risks: the screening has not settled it yet.
        return ground(
            status=FindingStatus.UNKNOWN,
            rationale=presumed
            + t(
                "Le traitement emploie une technologie nouvelle ; l'examen préalable ne dit pas encore si son type "
                "présente des risques élevés (faits manquants de l'examen préalable).",
                "The processing uses a new technology; the screening does not say yet whether its type presents "
                "high risks (facts missing from the screening).",
            ),
            missing=screening.missing_facts,
        )
    if innovative:
        return ground(
            status=FindingStatus.NOT_MET,
            rationale=presumed
            + t(
                "Technologie nouvelle, mais l'examen préalable conclut qu'aucune AIPD n'est requise : le type de "
                "traitement ne présente pas de risques élevés d'après les faits déclarés.",
                "A new technology, but the screening concludes no DPIA is required: the type of processing does "
                "not present high risks according to the declared facts.",
            ),
        )
    return ground(
        status=FindingStatus.NOT_MET,
        rationale=t(
            "Pas de technologie nouvelle d'après les faits déclarés. Le 2° vise le type de traitement présentant des "
            "risques élevés, « en particulier » en raison de nouvelles technologies : aipd le retient pour ces "
            "technologies ; un risque résiduel élevé relève du 1°.",
            "No new technology according to the declared facts. The 2° concerns the type of processing presenting "
            "high risks, 'in particular' because of new technologies: aipd applies it to those technologies; a "
            "residual high risk falls under the 1°.",
        ),
    )


def _state(op: ProcessingOperation) -> ConsultationGround | None:
    state = op.legal.on_behalf_of_state
    police = op.legal.regime is LegalRegime.POLICE_JUSTICE
    title = t("Traitement pour le compte de l'État", "Processing on behalf of the State")
    state_ground = functools.partial(
        ConsultationGround, id="lil:90-state", title=title, source=LIL_STATE, effect="formality"
    )
    if state is None and police:
        return state_ground(
            status=FindingStatus.UNKNOWN,
            rationale=t(
                "On ne sait pas si le traitement est mis en œuvre pour le compte de l'État : s'il l'est, l'AIPD "
                "est adressée à la CNIL avec la demande d'avis prévue à l'article 33 (art. 90, deuxième alinéa).",
                "It is not known whether the processing is carried out on behalf of the State: if it is, the DPIA "
                "is sent to the CNIL with the request for an opinion of article 33 (art. 90, second paragraph).",
            ),
            missing=("legal.on_behalf_of_state",),
        )
    if not state:
        return None
    if police:
        return state_ground(
            status=FindingStatus.MET,
            rationale=t(
                "Traitement du titre III pour le compte de l'État : l'AIPD est adressée à la CNIL avec la "
                "demande d'avis sur l'acte qui l'autorise (art. 90 et 33).",
                "Title III processing on behalf of the State: the DPIA is sent to the CNIL with the request for "
                "an opinion on the act authorising it (arts. 90 and 33).",
            ),
        )
    return ConsultationGround(
        id="lil:31-32",
        title=title,
        source=LIL_31_32,
        effect="informs",
        status=FindingStatus.MET,
        rationale=t(
            "Traitement pour le compte de l'État : s'il intéresse la sûreté de l'État, la défense ou la sécurité "
            "publique, les infractions pénales (art. 31) ou des données biométriques ou génétiques servant à "
            "l'authentification ou au contrôle de l'identité (art. 32), il est autorisé par arrêté ou décret "
            "après avis motivé de la CNIL : à vérifier.",
            "Processing on behalf of the State: if it concerns State security, defence or public security, "
            "criminal offences (art. 31) or biometric or genetic data for authentication or identity checks "
            "(art. 32), it is authorised by arrêté or décret after the CNIL's reasoned opinion: to check.",
        ),
    )


def _jo_2024(op: ProcessingOperation) -> ConsultationGround | None:
    texts = " ".join(x for x in (op.legal.specific_law, *(p.legal_text for p in op.purposes)) if x)
    if "2023-380" not in texts:
        return None
    formalities = " ".join(op.legal.prior_formalities).upper().replace(" ", "")
    declared = any(mark in formalities for mark in ("RU-075", "RU-75", "RU075"))
    when = op.reference_date
    after = when is not None and when > JO_2024_END
    parts_fr = [
        "Expérimentation de la loi n° 2023-380 (art. 10) : l'emploi du traitement est autorisé par décret pris "
        "après avis de la CNIL et accompagné d'une AIPD (décret n° 2023-828). D'après une source secondaire, le "
        "service qui le déploie adresse à la CNIL une déclaration de conformité à l'acte réglementaire unique "
        "RU-075 (délibération n° 2023-068) : à vérifier."
    ]
    parts_en = [
        "Loi 2023-380 (art. 10) experiment: the use is authorised by a décret adopted after the CNIL's opinion "
        "and accompanied by a DPIA (décret 2023-828). According to a secondary source, the deploying service "
        "sends the CNIL a conformity declaration to the single regulatory act RU-075 (délibération 2023-068): "
        "to check."
    ]
    if declared:
        parts_fr.append("La déclaration de conformité figure parmi les formalités accomplies.")
        parts_en.append("The conformity declaration is among the formalities completed.")
    else:
        parts_fr.append(
            "Aucune déclaration de conformité au RU-075 ne figure parmi les formalités déclarées."
        )
        parts_en.append("No RU-075 conformity declaration is among the formalities declared.")
    if after:
        parts_fr.append(
            "L'expérimentation a pris fin le 31 mars 2025 : sans nouvelle loi, le traitement n'a plus de base légale."
        )
        parts_en.append(
            "The experiment ended on 31 March 2025: without a new law, the processing has no legal basis."
        )
    return ConsultationGround(
        id="jo2024:art10",
        title=t(
            "Traitement algorithmique d'images (loi n° 2023-380, art. 10)",
            "Algorithmic processing of images (loi 2023-380, art. 10)",
        ),
        source=JO_2024,
        effect="formality",
        status=FindingStatus.MET,
        rationale=t(" ".join(parts_fr), " ".join(parts_en)),
        missing=() if declared else ("legal.prior_formalities",),
    )


def _file(op: ProcessingOperation) -> tuple[FileItem, ...]:
    ctl = op.controller
    jc_missing = tuple(
        f"joint_controllers[{i}].responsibilities"
        for i, j in enumerate(op.joint_controllers)
        if not j.responsibilities
    )
    # Who is what, and what each one does: names alone say nothing of the responsibilities (a) asks for.
    lines = [t(f"Responsable de traitement : {ctl.name}", f"Controller: {ctl.name}")]
    lines += [
        t(f"Responsable conjoint : {j.name}", f"Joint controller: {j.name}")
        + (t(f" — {j.responsibilities}", f" — {j.responsibilities}") if j.responsibilities else t("", ""))
        for j in op.joint_controllers
    ]
    lines += [
        t(f"Sous-traitant : {p.name} — {p.role}", f"Processor: {p.name} — {p.role}") for p in op.processors
    ]
    a = FileItem(
        letter="a",
        title=t(
            "Responsabilités respectives du responsable de traitement, des responsables conjoints et des sous-traitants",
            "Respective responsibilities of the controller, joint controllers and processors",
        ),
        present=not jc_missing,
        detail=t("\n".join(x.fr for x in lines), "\n".join(x.en for x in lines)),
        missing=jc_missing,
    )
    b_missing = tuple(x for x, ok in (("purposes", bool(op.purposes)), ("assets", bool(op.assets))) if not ok)
    b = FileItem(
        letter="b",
        title=t(
            "Finalités et moyens du traitement envisagé", "Purposes and means of the intended processing"
        ),
        present=not b_missing,
        detail=t(
            f"{count(len(op.purposes), 'finalité', 'finalités', 'fr')}, {count(len(op.assets), 'support', 'supports', 'fr')}",
            f"{count(len(op.purposes), 'purpose', 'purposes', 'en')}, "
            f"{count(len(op.assets), 'supporting asset', 'supporting assets', 'en')}",
        ),
        missing=b_missing,
    )
    c = FileItem(
        letter="c",
        title=t(
            "Mesures et garanties prévues pour protéger les droits et libertés des personnes",
            "Measures and safeguards to protect the persons' rights and freedoms",
        ),
        present=bool(op.measures),
        detail=t(
            f"{count(len(op.measures), 'mesure déclarée', 'mesures déclarées', 'fr')}",
            f"{count(len(op.measures), 'measure declared', 'measures declared', 'en')}",
        ),
        missing=() if op.measures else ("measures",),
    )
    dpo = ctl.dpo
    d_missing: tuple[str, ...]
    if dpo is None:
        d_missing = ("controller.dpo",)
    elif not (dpo.email or dpo.phone):
        d_missing = ("controller.dpo.email",)
    else:
        d_missing = ()
    contact = ", ".join(x for x in (dpo.name, dpo.email, dpo.phone) if x) if dpo else ""
    d = FileItem(
        letter="d",
        title=t("Coordonnées du délégué à la protection des données", "Contact details of the DPO"),
        present=not d_missing,
        detail=t(contact or "non déclarées", contact or "not declared"),
        missing=d_missing,
    )
    e = FileItem(
        letter="e",
        title=t(
            "L'analyse d'impact relative à la protection des données", "The data protection impact assessment"
        ),
        present=True,
        detail=t("le présent document", "this document"),
    )
    f = FileItem(
        letter="f",
        title=t("Toute autre information que la CNIL demande", "Any other information the CNIL requests"),
        present=None,
        detail=t("à fournir sur demande de la CNIL", "to provide at the CNIL's request"),
    )
    return (a, b, c, d, e, f)


def _cites(citations: Iterable[str], conjunction: str = " et ", sep: str = " ; ") -> str:
    """Citations for a label, each text named once: « loi n° 78-17 du 6 janvier 1978, art. 90, 1° et 2° »
    rather than the law's full name repeated, and a law's name in lower case inside the sentence."""
    groups: dict[str, list[str]] = {}
    for citation in citations:
        head, _, tail = citation.rpartition(", ")
        if not head:
            head, tail = citation, ""
        groups.setdefault(head, []).append(tail)
    parts = []
    for head, tails in groups.items():
        named = [x for x in dict.fromkeys(tails) if x]
        if len(named) > 1:
            text = f"{head}, {', '.join(named[:-1])}{conjunction}{named[-1]}"
        else:
            text = f"{head}, {named[0]}" if named else head
        parts.append(text[:1].lower() + text[1:] if text.startswith("Loi ") else text)
    return sep.join(parts)


def decide_consultation(
    op: ProcessingOperation, risks: RiskAnalysis, screening: Screening, settings: Settings
) -> Consultation:
    """Whether the CNIL must be consulted before the processing starts, on which text, and the file."""
    grounds: list[ConsultationGround] = []
    if op.legal.regime is LegalRegime.POLICE_JUSTICE:
        state = _state(op)
        if state is None or state.status is not FindingStatus.MET:
            grounds.append(
                _residual_ground(
                    "lil:90-1",
                    t(
                        "Risque élevé indiqué par l'analyse d'impact (titre III)",
                        "High risk indicated by the impact assessment (Title III)",
                    ),
                    LIL_90_1,
                    op,
                    risks,
                    screening,
                    settings,
                )
            )
            grounds.append(_new_technology(op, screening))
        if state is not None:
            grounds.append(state)
    else:
        grounds.append(
            _residual_ground(
                "gdpr:36.1",
                t("Risque résiduel élevé après mesures", "Residual high risk after measures"),
                ART_36_1,
                op,
                risks,
                screening,
                settings,
            )
        )
        state = _state(op)
        if state is not None:
            grounds.append(state)
        if op.regime_in_doubt:
            grounds.extend(_if_title_iii(_new_technology(op, screening)))
    jo = _jo_2024(op)
    if jo is not None:
        grounds.append(jo)
    triggering = [g for g in grounds if g.effect in ("consult", "formality")]
    met = [g for g in triggering if g.status is FindingStatus.MET]
    consult = [g for g in met if g.effect == "consult"]
    unknown = [g for g in triggering if g.status is FindingStatus.UNKNOWN and g.effect == "consult"]
    required: bool | None
    if consult:
        required = True
        cites = _cites(g.source.citation.fr.split(" ;")[0] for g in consult)
        cites_en = _cites((g.source.citation.en.split(";")[0] for g in consult), " and ", "; ")
        label = t(
            f"Consultation préalable de la CNIL requise ({cites})",
            f"Prior consultation of the CNIL required ({cites_en})",
        )
    elif unknown:
        required = None
        label = t(
            "Consultation préalable : des faits manquent pour conclure",
            "Prior consultation: facts are missing to conclude",
        )
    else:
        required = False
        formalities = [g for g in met if g.effect == "formality"]
        open_formalities = [
            g for g in triggering if g.effect == "formality" and g.status is FindingStatus.UNKNOWN
        ]
        if open_formalities and not formalities:
            # No prior consultation either way, but a step with the CNIL may be due (the DPIA sent with
            # the request for an opinion, for the State): « non requise » alone would hide it.
            cites = _cites(g.source.citation.fr.split(" ;")[0] for g in open_formalities)
            cites_en = _cites((g.source.citation.en.split(";")[0] for g in open_formalities), " and ", "; ")
            label = t(
                f"Pas de consultation préalable ; une formalité auprès de la CNIL reste à trancher faute de faits "
                f"({cites})",
                f"No prior consultation; a formality with the CNIL is still open for lack of facts ({cites_en})",
            )
        elif formalities:
            # Not a prior consultation, but the CNIL is still seized (an opinion, a declaration):
            # « non requise » alone would read as nothing to send.
            cites = _cites(g.source.citation.fr.split(" ;")[0] for g in formalities)
            cites_en = _cites((g.source.citation.en.split(";")[0] for g in formalities), " and ", "; ")
            label = t(
                f"Pas de consultation préalable, mais une formalité auprès de la CNIL ({cites})",
                f"No prior consultation, but a formality with the CNIL ({cites_en})",
            )
        else:
            label = t(
                "Consultation préalable de la CNIL non requise", "Prior consultation of the CNIL not required"
            )
    shown = consult or unknown or [g for g in grounds if g.effect == "consult"]
    extra = [g for g in grounds if g.effect == "formality" and g.status is not FindingStatus.NOT_MET]
    extra += [g for g in grounds if g.effect == "informs"]
    parts = [g.rationale for g in [*shown, *extra]]
    explanation = Text(" ".join(p.fr for p in parts), " ".join(p.en for p in parts))
    return Consultation(
        required=required,
        label=label,
        explanation=explanation,
        grounds=tuple(grounds),
        file=_file(op),
        high_risks=tuple(r.id for r in risks.high),
        high_initial_risks=tuple(r.id for r in risks.high_initial),
    )
