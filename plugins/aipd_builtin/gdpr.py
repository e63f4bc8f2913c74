"""Built-in plug-in ``builtin.gdpr``: the GDPR's own DPIA rules and blocking issues.

- Art. 35(3)(a), (b) and (c): three cases where a DPIA is required whatever the
  count of WP248 criteria (effect ``REQUIRES``). Their tests reuse the WP248
  facts of :mod:`aipd_builtin.facts`, so "large scale" or "systematic
  monitoring" is judged once, the same way everywhere. Where "large scale"
  makes a DPIA mandatory, this library counts only the absolute number of
  persons by default (``Settings.mandatory_large_scale_absolute``); for (b),
  the persons whose special-category or offence data are processed, when each
  such data category says how many (``data[].persons``).
- Loi Informatique et Libertés art. 90, first paragraph (``lil:art90``): under
  Title III (directive 2016/680) the DPIA rests on this article, which names
  the data of art. 6 I as a reason of high risk (``REQUIRES``). Under that
  regime the art. 35(3) cases keep their status (a high risk stays one) and
  their rationale says that art. 90 is then the text that requires the DPIA.
- Art. 35(10): processing on a basis of art. 6(1)(c) or (e), governed by a
  specific text adopted with a general impact assessment, needs no DPIA
  (effect ``EXEMPTS``, prevailing over the mandatory cases, since the
  paragraph sets aside art. 35(1) to (7)).
- WP248 III.B.b, "very similar processing already covered by a DPIA": shown for
  information (``INFORMS``), not as an exemption. Art. 35(1) lets one DPIA
  address a set of similar operations: the DPIA is still required, the
  existing one may be it. Reading it as an exemption would print "DPIA not
  required" where the right answer is "required, and already done".
- Blocking issues (``BLOCKS``), reported before any verdict: a purpose without
  a legal basis (art. 6(1)), special categories without an art. 9(2)
  exception, offence data outside the conditions of art. 10, the NIR without
  its authorising text (loi Informatique et Libertés, art. 30; décret
  n° 2019-341). Under Title III the GDPR does not apply (art. 2(2)(d)): a
  purpose without a competent authority's mission grounded in a text
  (``lil:art87``) and data of art. 6 I without the absolute necessity,
  safeguards and ground of art. 88 (``lil:art88``) are the blocking issues
  there; arts. 6, 9 and 10 answer "not met" and name them.

A condition the controller must state (a basis, an exception, a text) that is
not stated is unknown on a draft and met (blocking) on a validated record: see
:func:`aipd_builtin.facts.no_stated_value`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from aipd.catalogue import Criterion, Effect, FindingStatus, Outcome, Reliability, Source
from aipd.hookspecs import hookimpl
from aipd.i18n import Text, t
from aipd.model import ProcessingOperation
from aipd.settings import Settings
from aipd.vocabulary import DataKind, LegalBasis, LegalRegime
from aipd_builtin import facts, memo
from aipd_builtin.sources import GDPR_URL, LIL_URL, WP248_URL, source

__all__ = ["CRITERIA", "aipd_criteria"]

GROUP = "gdpr"

#: Bases for which art. 35(10) can apply, and which art. 6(3) requires a text for.
_LAW_BASES = (LegalBasis.LEGAL_OBLIGATION, LegalBasis.PUBLIC_TASK)


def _gdpr(citation_fr: str, citation_en: str, reliability: Reliability = "verified") -> Source:
    return source(t(f"RGPD, {citation_fr}", f"GDPR, {citation_en}"), url=GDPR_URL, reliability=reliability)


# --- art. 35(3): mandatory cases ----------------------------------------------------------------


def art35_3_a(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    """Systematic and extensive evaluation, based on automated processing, on which decisions are based."""
    return facts.all_of(
        facts.systematic_extensive_evaluation(operation),
        facts.automated_decision(operation),
    )


#: The data art. 35(3)(b) names: special categories (art. 9(1)) and offence data (art. 10).
_ART35_3_B_KINDS = frozenset(k for k in DataKind if k.is_special_category or k is DataKind.OFFENCES)
#: Whose persons art. 35(3)(b) counts, in words (built once: the rule is judged anew for every
#: register row, the number of persons new on each).
_ART35_3_B_WHOSE = t(
    "dont des données des catégories particulières (art. 9.1) ou d'infraction (art. 10) sont traitées",
    "whose special-category (art. 9(1)) or offence (art. 10) data are processed",
)


def art35_3_b(operation: ProcessingOperation, settings: Settings) -> Outcome:
    """Large-scale processing of special categories (art. 9(1)) or offence data (art. 10).

    The text puts the scale on the processing *of those data*, so "large scale"
    counts the persons whose such data are processed (``data[].persons``), not all
    persons of the processing; without those figures, all persons, as the rationale
    then says (:func:`aipd_builtin.facts.mandatory_large_scale_of_data`).
    """
    return facts.all_of(
        facts.special_or_offence_data(operation),
        facts.mandatory_large_scale_of_data(operation, settings, _ART35_3_B_KINDS, _ART35_3_B_WHOSE),
    )


def art35_3_c(operation: ProcessingOperation, settings: Settings) -> Outcome:
    """Systematic monitoring of a publicly accessible area on a large scale."""
    return facts.all_of(
        facts.systematic_monitoring(operation),
        facts.public_area(operation),
        facts.mandatory_large_scale(operation, settings),
    )


# --- loi Informatique et Libertés art. 90: the DPIA under Title III ----------------------------

#: Art. 90 of the loi Informatique et Libertés, as in force (Légifrance LEGIARTI000037814536).
LIL_90_URL = "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000037814536"


def lil_art90(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    """Title III (directive 2016/680): a DPIA when a high risk is likely, « notamment » with art. 6 I data.

    Art. 90 replaces GDPR art. 35 for police-justice processing; it names the
    sensitive data of art. 6 I as a reason of high risk, so their processing
    makes the DPIA required. Without them, the general clause is judged as
    under the GDPR, through the WP248 criteria, which this rule says.
    """
    # Police municipale or vidéoprotection with no regime stated: what art. 90 would say, and the regime asked.
    return _title_iii_rule(operation, _art90_under_title_iii, _ART90_GDPR_NOTE)


_ART90_GDPR_NOTE = t(
    "Le traitement relève du RGPD : l'AIPD s'apprécie selon son article 35, pas selon l'article 90 "
    "de la loi Informatique et Libertés (titre III).",
    "The processing falls under the GDPR: the DPIA is judged under its article 35, not under article "
    "90 of the loi Informatique et Libertés (Title III).",
)


def _art90_under_title_iii(operation: ProcessingOperation) -> Outcome:
    sensitive = facts.data_of_kinds(
        operation,
        facts.SPECIAL_CATEGORY_KINDS,
        t("données mentionnées au I de l'article 6", "data referred to in article 6 I"),
    )
    head = t(
        "Traitement du titre III de la loi Informatique et Libertés (directive 2016/680) : l'article 90 exige une "
        "AIPD s'il est susceptible d'engendrer un risque élevé, « notamment parce qu'il porte sur des données "
        "mentionnées au I de l'article 6 ». ",
        "Processing under Title III of the loi Informatique et Libertés (directive 2016/680): article 90 requires a "
        "DPIA where it is likely to result in a high risk, 'in particular because it concerns data referred to in "
        "article 6 I'. ",
    )
    if sensitive.status is FindingStatus.NOT_MET:
        return Outcome.not_met(
            head
            + sensitive.rationale
            + t(
                " Le risque élevé s'apprécie alors comme sous le RGPD, par les critères des lignes directrices "
                "WP248 examinés ici.",
                " High risk is then judged as under the GDPR, through the WP248 criteria examined here.",
            )
        )
    return facts.reworded(sensitive, before=head)


def _under_title_iii(rule: Callable[[ProcessingOperation, Settings], Outcome]) -> Callable[..., Outcome]:
    """Art. 35(3) under Title III: the case still shows a high risk, but the text that requires the DPIA is art. 90.

    The status is kept (a case of art. 35(3) is a high risk whatever the regime,
    and a regime must never make an assessment less severe); the rationale says
    on which text the DPIA then rests.
    """

    @functools.wraps(rule)
    def test(operation: ProcessingOperation, settings: Settings) -> Outcome:
        outcome = rule(operation, settings)
        if (
            operation.legal.regime is not LegalRegime.POLICE_JUSTICE
            or outcome.status is FindingStatus.NOT_MET
        ):
            return outcome
        note = t(
            " Sous le titre III de la loi Informatique et Libertés, l'article 35 du RGPD ne s'applique pas comme "
            "tel : ce cas caractérise le risque élevé qui rend l'AIPD obligatoire au titre de l'article 90.",
            " Under Title III of the loi Informatique et Libertés, GDPR article 35 does not apply as such: this "
            "case shows the high risk that makes the DPIA mandatory under article 90.",
        )
        return facts.reworded(outcome, after=note)

    return test


# --- art. 35(10) and WP248 III.B.b --------------------------------------------------------------


def art35_10(operation: ProcessingOperation, settings: Settings) -> Outcome:
    """Basis (c) or (e), a specific text governing the processing, adopted with a general impact assessment."""
    outcome = _art35_10(operation, settings)
    if operation.regime_in_doubt and outcome.status is not FindingStatus.NOT_MET:
        # The exemption exists only under the GDPR: with the regime in doubt it cannot be relied on.
        return Outcome.unknown(
            outcome.rationale
            + t(
                " L'art. 35.10 ne vaut que sous le RGPD : le régime de ce traitement de police municipale ou de "
                "vidéoprotection n'est pas renseigné (legal.regime).",
                " Art. 35(10) holds only under the GDPR: the regime of this municipal police or video protection "
                "processing is not stated (legal.regime).",
            ),
            ("legal.regime", *outcome.missing),
        )
    return outcome


def _art35_10(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    if operation.legal.regime is LegalRegime.POLICE_JUSTICE:
        # The GDPR does not apply under Title III (art. 2(2)(d)); art. 90 LIL has no such exemption.
        return Outcome.not_met(
            t(
                "Traitement relevant du titre III de la loi Informatique et Libertés : le RGPD, dont son art. "
                "35.10, ne s'applique pas (art. 2.2.d), et l'art. 90 de la loi ne prévoit pas cette dispense.",
                "Processing under Title III of the loi Informatique et Libertés: the GDPR, art. 35(10) included, "
                "does not apply (art. 2(2)(d)), and art. 90 of the loi has no such exemption.",
            )
        )
    law = operation.legal.specific_law
    if law is None:
        return Outcome.not_met(
            t(
                "Aucun texte spécifique encadrant ce traitement n'est indiqué : l'art. 35.10 ne s'applique pas.",
                "No specific text governing this processing is stated: art. 35(10) does not apply.",
            )
        )
    if not operation.purposes:
        return Outcome.unknown(t("Aucune finalité n'est déclarée.", "No purpose is declared."), ["purposes"])
    other = [
        p.legal_basis
        for p in operation.purposes
        if p.legal_basis is not None and p.legal_basis not in _LAW_BASES
    ]
    if other:
        labels = ", ".join(f"« {b.fr} »" for b in dict.fromkeys(other))
        labels_en = ", ".join(f"'{b.en}'" for b in dict.fromkeys(other))
        return Outcome.not_met(
            t(
                f"Une finalité repose sur {labels} : l'art. 35.10 ne vise que les bases des points c) et e) de "
                "l'art. 6.1.",
                f"A purpose rests on {labels_en}: art. 35(10) only covers the bases of art. 6(1)(c) and (e).",
            )
        )
    bases = facts.all_of(
        *(
            Outcome.unknown(
                t(
                    f"Base légale de la finalité n° {i + 1} inconnue.",
                    f"Legal basis of purpose {i + 1} unknown.",
                ),
                [f"purposes[{i}].legal_basis"],
            )
            for i, p in enumerate(operation.purposes)
            if p.legal_basis is None
        ),
        Outcome.met(
            t(
                f"Bases des points c) ou e) de l'art. 6.1 ; texte spécifique : « {law} ».",
                f"Bases of art. 6(1)(c) or (e); specific text: '{law}'.",
            )
        ),
    )
    assessed = operation.legal.specific_law_impact_assessed
    if assessed:
        impact = Outcome.met(
            t(
                "Une analyse d'impact générale a été faite lors de l'adoption de ce texte.",
                "A general impact assessment was carried out when that text was adopted.",
            )
        )
    elif assessed is False:
        impact = Outcome.not_met(
            t(
                f"Le texte « {law} » n'a pas fait l'objet d'une analyse d'impact générale lors de son adoption.",
                f"Text '{law}' was not adopted with a general impact assessment.",
            )
        )
    else:
        impact = Outcome.unknown(
            t(
                f"On ne sait pas si le texte « {law} » a fait l'objet d'une analyse d'impact générale lors de son adoption.",
                f"Whether text '{law}' was adopted with a general impact assessment is not known.",
            ),
            ["legal.specific_law_impact_assessed"],
        )
    return facts.all_of(bases, impact)


def covered_by_dpia(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    """An existing DPIA covers a very similar processing (WP248 III.B.b; art. 35(1), last sentence)."""
    existing = operation.legal.covered_by_dpia
    if existing is None:
        return Outcome.not_met(
            t(
                "Aucune AIPD existante portant sur un traitement très similaire n'est indiquée.",
                "No existing DPIA on a very similar processing is stated.",
            )
        )
    return Outcome.met(
        t(
            f"AIPD existante indiquée : « {existing} ». Si la nature, la portée, le contexte et les finalités "
            "sont très similaires, ses résultats peuvent servir pour ce traitement (art. 35.1 : une seule "
            "analyse peut porter sur un ensemble d'opérations similaires).",
            f"Existing DPIA stated: '{existing}'. If nature, scope, context and purposes are very similar, its "
            "results can be used for this processing (art. 35(1): one assessment may address a set of similar "
            "operations).",
        )
    )


# --- blocking issues ----------------------------------------------------------------------------


def no_legal_basis(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    """A purpose has no basis of art. 6(1), or relies on one a public authority cannot use.

    Under Title III of the loi Informatique et Libertés the GDPR does not apply (GDPR art.
    2(2)(d)): lawfulness is then art. 87 of the loi's, judged by ``lil:art87``.
    """
    if operation.legal.regime is LegalRegime.POLICE_JUSTICE:
        return Outcome.not_met(
            t(
                "Le traitement relève du titre III de la loi Informatique et Libertés (directive 2016/680) : "
                "sa licéité s'apprécie selon l'article 87 de la loi (règle lil:art87), pas selon l'article 6 "
                "du RGPD.",
                "The processing falls under Title III of the loi Informatique et Libertés (directive "
                "2016/680): its lawfulness is judged under article 87 of the loi (rule lil:art87), not under "
                "GDPR article 6.",
            )
        )
    if not operation.purposes:
        return Outcome.unknown(t("Aucune finalité n'est déclarée.", "No purpose is declared."), ["purposes"])
    parts: list[Outcome] = []
    for i, p in enumerate(operation.purposes):
        name = Text(fr=f"finalité « {p.description} »", en=f"purpose '{p.description}'")
        if p.legal_basis is None:
            parts.append(
                facts.no_stated_value(
                    operation,
                    path=f"purposes[{i}].legal_basis",
                    what=t(f"la base légale de la {name.fr}", f"the legal basis of the {name.en}"),
                    consequence=t(
                        "un traitement n'est licite que sur l'une des bases de l'art. 6.1.",
                        "processing is lawful only on one of the bases of art. 6(1).",
                    ),
                )
            )
        # The kind is read only when it decides: a register that does not give it is screened again
        # with each kind only when a rule asked for it (aipd.triage).
        elif (
            p.legal_basis is LegalBasis.LEGITIMATE_INTERESTS and operation.controller.kind.is_public_law_body
        ):
            parts.append(
                Outcome.met(
                    t(
                        f"La {name.fr} repose sur l'intérêt légitime, que l'art. 6.1, second alinéa, exclut pour "
                        "les traitements des autorités publiques dans l'exécution de leurs missions : retenez la "
                        "base adaptée (mission d'intérêt public, obligation légale…), ou documentez pourquoi ce "
                        "traitement sort de ces missions.",
                        f"The {name.en} rests on legitimate interests, which art. 6(1), second subparagraph, rules "
                        "out for processing by public authorities in the performance of their tasks: choose the "
                        "right basis (public task, legal obligation…), or document why this processing is outside "
                        "those tasks.",
                    )
                )
            )
        elif p.legal_basis in _LAW_BASES and p.legal_text is None:
            parts.append(
                Outcome.unknown(
                    t(
                        f"La {name.fr} repose sur « {p.legal_basis.fr} » sans que le texte qui la fonde soit "
                        "indiqué (art. 6.3 : cette base est définie par le droit de l'Union ou de l'État membre).",
                        f"The {name.en} rests on '{p.legal_basis.en}' but the text grounding it is not stated "
                        "(art. 6(3): that basis is laid down by Union or Member State law).",
                    ),
                    [f"purposes[{i}].legal_text"],
                )
            )
        else:
            assert p.legal_basis is not None
            parts.append(
                Outcome.not_met(
                    t(
                        f"La {name.fr} repose sur « {p.legal_basis.fr} ».",
                        f"The {name.en} rests on '{p.legal_basis.en}'.",
                    )
                )
            )
    return facts.any_of(*parts)


def _title_iii(operation: ProcessingOperation, instead: Text | None = None) -> Outcome | None:
    """Not applicable under Title III of the LIL (directive 2016/680), which has its own conditions
    (``instead`` names the rule that reads them)."""
    if operation.legal.regime is LegalRegime.POLICE_JUSTICE:
        return Outcome.not_met(
            t(
                "Le traitement relève du titre III de la loi Informatique et Libertés (directive 2016/680) : "
                "ce sont les conditions de ce titre qui s'appliquent, pas celles du RGPD.",
                "The processing falls under Title III of the loi Informatique et Libertés (directive 2016/680): "
                "the conditions of that title apply, not those of the GDPR.",
            )
            + (instead or t("", ""))
        )
    return None


def no_art9_exception(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    """Special categories (art. 9(1)) processed with no exception of art. 9(2)."""
    regime = _title_iii(
        operation,
        t(
            " Pour ces données, voir l'article 88 de la loi (règle lil:art88).",
            " For these data, see article 88 of the loi (rule lil:art88).",
        ),
    )
    if regime is not None:
        return regime
    special = facts.data_of_kinds(
        operation,
        facts.SPECIAL_CATEGORY_KINDS,
        t("catégories particulières de données (art. 9.1)", "special categories of data (art. 9(1))"),
    )
    exception = operation.legal.article9_exception
    if exception is not None:
        stated = Outcome.not_met(
            t(f"Exception retenue : « {exception.fr} ».", f"Exception relied on: '{exception.en}'.")
        )
    else:
        stated = facts.no_stated_value(
            operation,
            path="legal.article9_exception",
            what=t("l'exception de l'art. 9.2 retenue", "the art. 9(2) exception relied on"),
            consequence=t(
                "le traitement de ces données est interdit sauf si l'une des exceptions de l'art. 9.2 s'applique.",
                "processing these data is prohibited unless one of the exceptions of art. 9(2) applies.",
            ),
        )
    return facts.when(special, stated)


def offence_data(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    """Offence data (art. 10) processed without stating the condition of art. 10 that allows it."""
    regime = _title_iii(operation)
    if regime is not None:
        return regime
    offences = facts.data_of_kinds(
        operation,
        [DataKind.OFFENCES],
        t(
            "données relatives aux condamnations pénales et aux infractions",
            "data on criminal convictions and offences",
        ),
    )
    basis = operation.legal.offence_data_basis
    if basis is not None:
        stated = Outcome.not_met(
            t(
                f"Fondement indiqué : « {basis} » (à vérifier : contrôle de l'autorité publique, ou texte prévoyant "
                "des garanties appropriées ; art. 46 de la loi Informatique et Libertés).",
                f"Basis stated: '{basis}' (to check: control of official authority, or a text providing "
                "appropriate safeguards; art. 46 of the loi Informatique et Libertés).",
            )
        )
    else:
        stated = facts.no_stated_value(
            operation,
            path="legal.offence_data_basis",
            what=t(
                "le fondement du traitement des données d'infraction", "the basis for processing offence data"
            ),
            consequence=t(
                "l'art. 10 n'autorise ce traitement que sous le contrôle de l'autorité publique ou s'il est "
                "autorisé par le droit de l'Union ou d'un État membre prévoyant des garanties appropriées.",
                "art. 10 allows it only under the control of official authority or when authorised by Union or "
                "Member State law providing appropriate safeguards.",
            ),
        )
    return facts.when(offences, stated)


# --- Title III of the loi Informatique et Libertés: lawfulness (art. 87), sensitive data (art. 88) ---

#: Bases of GDPR art. 6(1) that art. 87 of the loi (directive 2016/680, art. 8(1)) does not know:
#: a Title III processing is lawful only as necessary for a competent authority's mission, and the
#: directive's recital 35 rules out consent as its ground.
_NOT_TITLE_III_BASES = (LegalBasis.CONSENT, LegalBasis.CONTRACT, LegalBasis.LEGITIMATE_INTERESTS)


_REGIME_DOUBT = t(
    "Régime non renseigné (legal.regime) pour un traitement de police municipale ou de "
    "vidéoprotection, qui relève du titre III lorsque sa finalité est pénale. Sous ce titre : ",
    "Regime not stated (legal.regime) for a municipal police or video protection processing, which "
    "falls under Title III when its purpose is criminal-law enforcement. Under that title: ",
)


def _title_iii_rule(
    operation: ProcessingOperation, check: Callable[[ProcessingOperation], Outcome], gdpr_note: Text
) -> Outcome:
    """``check`` under Title III; not met under the GDPR; with the regime in doubt (police municipale,
    vidéoprotection, ``legal.regime`` not stated), what Title III would say, unknown unless not met."""
    if operation.regime_in_doubt:
        outcome = check(operation)
        if outcome.status is FindingStatus.NOT_MET:
            return facts.reworded(outcome, before=_REGIME_DOUBT)
        return Outcome.unknown(_REGIME_DOUBT + outcome.rationale, ("legal.regime", *outcome.missing))
    if operation.legal.regime is not LegalRegime.POLICE_JUSTICE:
        return Outcome.not_met(gdpr_note)
    return check(operation)


def lil_art87(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    """Title III: a purpose not shown necessary for a competent authority's mission grounded in a text."""
    return _title_iii_rule(
        operation,
        _art87,
        t(
            "Le traitement relève du RGPD : sa licéité s'apprécie selon l'article 6 du RGPD (règle "
            "gdpr:no-legal-basis), pas selon l'article 87 de la loi Informatique et Libertés.",
            "The processing falls under the GDPR: its lawfulness is judged under GDPR article 6 (rule "
            "gdpr:no-legal-basis), not under article 87 of the loi Informatique et Libertés.",
        ),
    )


def _art87(operation: ProcessingOperation) -> Outcome:
    if not operation.purposes:
        return Outcome.unknown(t("Aucune finalité n'est déclarée.", "No purpose is declared."), ["purposes"])
    parts: list[Outcome] = []
    for i, p in enumerate(operation.purposes):
        name = Text(fr=f"finalité « {p.description} »", en=f"purpose '{p.description}'")
        if p.legal_basis in _NOT_TITLE_III_BASES:
            parts.append(
                Outcome.met(
                    t(
                        f"La {name.fr} repose sur « {p.legal_basis.fr} », base du RGPD qui ne fonde pas un "
                        "traitement du titre III : celui-ci n'est licite que s'il est nécessaire à une mission "
                        "d'une autorité compétente, pour une finalité pénale de l'article 87. Si cette finalité "
                        "relève en fait du RGPD, décrivez-la dans un traitement distinct ; sinon, indiquez le "
                        "texte qui fonde la mission.",
                        f"The {name.en} rests on '{p.legal_basis.en}', a GDPR basis that cannot ground a Title "
                        "III processing: such a processing is lawful only if necessary for a competent "
                        "authority's mission, for a criminal-law purpose of article 87. If this purpose in "
                        "fact falls under the GDPR, describe it in a separate processing; otherwise state the "
                        "text grounding the mission.",
                    )
                )
            )
        elif p.legal_text is None:
            parts.append(
                facts.no_stated_value(
                    operation,
                    path=f"purposes[{i}].legal_text",
                    what=t(
                        f"le texte qui fonde la mission de l'autorité compétente pour la {name.fr}",
                        f"the text grounding the competent authority's mission for the {name.en}",
                    ),
                    consequence=t(
                        "sous le titre III, un traitement n'est licite que s'il est nécessaire à l'exécution "
                        "d'une mission d'une autorité compétente pour une finalité pénale (art. 87 de la loi "
                        "Informatique et Libertés ; directive 2016/680, art. 8, qui exige un fondement dans "
                        "le droit de l'Union ou de l'État membre).",
                        "under Title III, processing is lawful only if necessary for the performance of a "
                        "competent authority's mission for a criminal-law purpose (art. 87 of the loi "
                        "Informatique et Libertés; directive 2016/680, art. 8, which requires a basis in "
                        "Union or Member State law).",
                    ),
                )
            )
        else:
            parts.append(
                Outcome.not_met(
                    t(
                        f"La {name.fr} repose sur la mission fondée par « {p.legal_text} ».",
                        f"The {name.en} rests on the mission grounded in '{p.legal_text}'.",
                    )
                )
            )
    return facts.any_of(*parts)


def lil_art88(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    """Title III: data of art. 6 I processed without stating absolute necessity, safeguards and ground."""
    return _title_iii_rule(
        operation,
        _art88,
        t(
            "Le traitement relève du RGPD : les catégories particulières de données relèvent de son article 9 "
            "(règle gdpr:no-art9-exception), pas de l'article 88 de la loi Informatique et Libertés.",
            "The processing falls under the GDPR: special categories of data are governed by its article 9 "
            "(rule gdpr:no-art9-exception), not by article 88 of the loi Informatique et Libertés.",
        ),
    )


def _art88(operation: ProcessingOperation) -> Outcome:
    sensitive = facts.data_of_kinds(
        operation,
        facts.SPECIAL_CATEGORY_KINDS,
        t("données mentionnées au I de l'article 6", "data referred to in article 6 I"),
    )
    justification = operation.legal.article88_justification
    if justification is not None:
        stated = Outcome.not_met(
            t(
                f"Justification indiquée : « {justification} » (à vérifier : nécessité absolue, garanties "
                "appropriées, et un texte qui l'autorise, la protection des intérêts vitaux d'une personne ou "
                "des données manifestement rendues publiques par la personne).",
                f"Justification stated: '{justification}' (to check: absolute necessity, appropriate "
                "safeguards, and a text authorising it, the protection of a person's vital interests or data "
                "manifestly made public by the person).",
            )
        )
    else:
        stated = facts.no_stated_value(
            operation,
            path="legal.article88_justification",
            what=t(
                "la nécessité absolue, les garanties et le fondement du traitement de ces données",
                "the absolute necessity, the safeguards and the ground for processing these data",
            ),
            consequence=t(
                "sous le titre III, ces données ne peuvent être traitées qu'en cas de nécessité absolue, sous "
                "réserve de garanties appropriées, et si un texte l'autorise, pour protéger les intérêts vitaux "
                "d'une personne, ou s'il s'agit de données manifestement rendues publiques par la personne "
                "(art. 88 de la loi Informatique et Libertés ; directive 2016/680, art. 10).",
                "under Title III, these data may be processed only where absolutely necessary, subject to "
                "appropriate safeguards, and where a text authorises it, to protect a person's vital interests, "
                "or where the data were manifestly made public by the person (art. 88 of the loi Informatique "
                "et Libertés; directive 2016/680, art. 10).",
            ),
        )
    return facts.when(sensitive, stated)


def nir_without_text(operation: ProcessingOperation, _settings: Settings) -> Outcome:
    """The NIR is used without naming the text that authorises it."""
    nir = facts.data_of_kinds(
        operation,
        [DataKind.NIR],
        t("numéro d'inscription au répertoire (NIR)", "national identification number (NIR)"),
    )
    text = operation.legal.nir_decree
    if text is not None:
        stated = Outcome.not_met(t(f"Texte indiqué : « {text} ».", f"Text stated: '{text}'."))
    else:
        stated = facts.no_stated_value(
            operation,
            path="legal.nir_decree",
            what=t("le texte autorisant l'usage du NIR", "the text authorising use of the NIR"),
            consequence=t(
                "l'usage du NIR doit être autorisé par décret en Conseil d'État pris après avis de la CNIL "
                "(cadre : décret n° 2019-341 du 19 avril 2019, qui liste les responsables et finalités autorisés).",
                "use of the NIR must be authorised by a décret en Conseil d'État after the CNIL's opinion "
                "(framework: décret n° 2019-341 of 19 April 2019, listing the authorised controllers and purposes).",
            ),
        )
    return facts.when(nir, stated)


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        id="gdpr:art35-3-a",
        title=t(
            "Évaluation systématique et approfondie fondant des décisions produisant des effets juridiques ou "
            "similaires",
            "Systematic and extensive evaluation on which decisions with legal or similar effects are based",
        ),
        source=_gdpr("art. 35.3.a", "art. 35(3)(a)"),
        effect=Effect.REQUIRES,
        test=_under_title_iii(art35_3_a),
        group=GROUP,
        description=t(
            "« l'évaluation systématique et approfondie d'aspects personnels concernant des personnes physiques, "
            "qui est fondée sur un traitement automatisé, y compris le profilage, et sur la base de laquelle sont "
            "prises des décisions produisant des effets juridiques à l'égard d'une personne physique ou "
            "l'affectant de manière significative de façon similaire ».",
            "'a systematic and extensive evaluation of personal aspects relating to natural persons which is "
            "based on automated processing, including profiling, and on which decisions are based that produce "
            "legal effects concerning the natural person or similarly significantly affect the natural person'.",
        ),
    ),
    Criterion(
        id="gdpr:art35-3-b",
        title=t(
            "Traitement à grande échelle de catégories particulières de données ou de données d'infraction",
            "Large-scale processing of special categories of data or of offence data",
        ),
        source=_gdpr("art. 35.3.b", "art. 35(3)(b)"),
        effect=Effect.REQUIRES,
        test=_under_title_iii(art35_3_b),
        group=GROUP,
        description=t(
            "« le traitement à grande échelle de catégories particulières de données visées à l'article 9, "
            "paragraphe 1, ou de données à caractère personnel relatives à des condamnations pénales et à des "
            "infractions visées à l'article 10 ». Grande échelle : nombre absolu de personnes dont ces données "
            "sont traitées (data[].persons), à défaut de toutes les personnes du traitement (Settings).",
            "'processing on a large scale of special categories of data referred to in Article 9(1), or of "
            "personal data relating to criminal convictions and offences referred to in Article 10'. Large "
            "scale: absolute number of persons whose such data are processed (data[].persons), failing that of "
            "all persons of the processing (Settings).",
        ),
    ),
    Criterion(
        id="gdpr:art35-3-c",
        title=t(
            "Surveillance systématique à grande échelle d'une zone accessible au public",
            "Systematic monitoring of a publicly accessible area on a large scale",
        ),
        source=_gdpr("art. 35.3.c", "art. 35(3)(c)"),
        effect=Effect.REQUIRES,
        test=_under_title_iii(art35_3_c),
        group=GROUP,
        description=t(
            "« la surveillance systématique à grande échelle d'une zone accessible au public ». Grande échelle : "
            "nombre absolu de personnes (Settings).",
            "'a systematic monitoring of a publicly accessible area on a large scale'. Large scale: absolute "
            "number of persons (Settings).",
        ),
    ),
    Criterion(
        id="lil:art90",
        title=t(
            "Traitement du titre III (police-justice) portant sur des données de l'article 6 : AIPD obligatoire",
            "Title III (law-enforcement) processing of article 6 data: DPIA mandatory",
        ),
        source=source(
            t(
                "Loi n° 78-17 du 6 janvier 1978, art. 90, premier alinéa",
                "Loi 78-17 of 6 January 1978, art. 90, first paragraph",
            ),
            url=LIL_90_URL,
            reliability="verified",
        ),
        effect=Effect.REQUIRES,
        test=lil_art90,
        group=GROUP,
        description=t(
            "« Si le traitement est susceptible d'engendrer un risque élevé pour les droits et les libertés des "
            "personnes physiques, notamment parce qu'il porte sur des données mentionnées au I de l'article 6, le "
            "responsable de traitement effectue une analyse d'impact relative à la protection des données à "
            "caractère personnel. » Ne vaut que sous le titre III (directive 2016/680), où il tient lieu de "
            "l'article 35 du RGPD.",
            "'Where the processing is likely to result in a high risk to the rights and freedoms of natural "
            "persons, in particular because it concerns data referred to in article 6 I, the controller carries "
            "out a data protection impact assessment.' Applies under Title III only (directive 2016/680), where "
            "it stands in for GDPR article 35.",
        ),
    ),
    Criterion(
        id="gdpr:art35-10",
        title=t(
            "Traitement fondé sur une obligation légale ou une mission d'intérêt public, encadré par un texte "
            "adopté avec une analyse d'impact générale",
            "Processing on a legal obligation or public task, governed by a text adopted with a general impact "
            "assessment",
        ),
        source=_gdpr("art. 35.10", "art. 35(10)", "recalled"),
        effect=Effect.EXEMPTS,
        test=art35_10,
        group=GROUP,
        overrides_mandatory=True,
        description=t(
            "Base de l'art. 6.1.c ou e ; le texte de l'Union ou de l'État membre régit l'opération de "
            "traitement spécifique ; une analyse d'impact a été faite dans le cadre d'une analyse d'impact "
            "générale lors de son adoption. Les paragraphes 1 à 7 de l'art. 35 ne s'appliquent alors pas, sauf "
            "si l'État membre l'estime nécessaire.",
            "Basis of art. 6(1)(c) or (e); the Union or Member State text regulates the specific processing "
            "operation; an impact assessment was carried out as part of a general impact assessment when it was "
            "adopted. Paragraphs 1 to 7 of art. 35 then do not apply, unless the Member State deems it necessary.",
        ),
    ),
    Criterion(
        id="gdpr:similar-dpia",
        title=t(
            "Traitement très similaire à un traitement déjà couvert par une AIPD",
            "Processing very similar to one already covered by a DPIA",
        ),
        source=source(
            t(
                "Lignes directrices WP248 rév.01, section III.B.b ; RGPD, art. 35.1, dernière phrase",
                "WP248 rev.01 guidelines, section III.B.b; GDPR, art. 35(1), last sentence",
            ),
            url=WP248_URL,
            reliability="recalled",
        ),
        effect=Effect.INFORMS,
        test=covered_by_dpia,
        group=GROUP,
        description=t(
            "Les résultats d'une AIPD portant sur un traitement dont la nature, la portée, le contexte et les "
            "finalités sont très similaires peuvent être utilisés. L'AIPD reste requise si le traitement l'exige : "
            "c'est l'AIPD existante qui en tient lieu, d'où un effet d'information et non de dispense.",
            "The results of a DPIA on a processing very similar in nature, scope, context and purposes can be "
            "used. A DPIA is still required if the processing calls for one: the existing DPIA stands for it, "
            "hence an informative effect and not an exemption.",
        ),
    ),
    Criterion(
        id="gdpr:no-legal-basis",
        title=t("Finalité sans base légale", "Purpose without a legal basis"),
        source=_gdpr(
            "art. 6.1 (et second alinéa), art. 6.3",
            "art. 6(1) (and second subparagraph), art. 6(3)",
            "recalled",
        ),
        effect=Effect.BLOCKS,
        test=no_legal_basis,
        group=GROUP,
        description=t(
            "Chaque finalité doit reposer sur l'une des six bases de l'art. 6.1 ; l'intérêt légitime ne "
            "s'applique pas aux traitements des autorités publiques dans l'exécution de leurs missions.",
            "Each purpose must rest on one of the six bases of art. 6(1); legitimate interests do not apply to "
            "processing by public authorities in the performance of their tasks.",
        ),
    ),
    Criterion(
        id="gdpr:no-art9-exception",
        title=t(
            "Catégories particulières de données sans exception de l'art. 9.2",
            "Special categories of data without an art. 9(2) exception",
        ),
        source=_gdpr("art. 9.1 et 9.2", "art. 9(1) and 9(2)", "recalled"),
        effect=Effect.BLOCKS,
        test=no_art9_exception,
        group=GROUP,
        description=t(
            "Le traitement des catégories particulières de données est interdit, sauf si l'une des exceptions "
            "de l'art. 9.2 (a à j) s'applique.",
            "Processing special categories of data is prohibited unless one of the exceptions of art. 9(2) "
            "(a to j) applies.",
        ),
    ),
    Criterion(
        id="gdpr:offence-data-art10",
        title=t(
            "Données d'infraction hors des conditions de l'art. 10",
            "Offence data outside the conditions of art. 10",
        ),
        source=source(
            t(
                "RGPD, art. 10 ; loi n° 78-17 du 6 janvier 1978 (Informatique et Libertés), art. 46",
                "GDPR, art. 10; loi n° 78-17 of 6 January 1978 (Informatique et Libertés), art. 46",
            ),
            url=GDPR_URL,
            reliability="recalled",
        ),
        effect=Effect.BLOCKS,
        test=offence_data,
        group=GROUP,
        description=t(
            "Les données relatives aux condamnations pénales et aux infractions ne peuvent être traitées que sous "
            "le contrôle de l'autorité publique, ou si le traitement est autorisé par le droit de l'Union ou d'un "
            "État membre prévoyant des garanties appropriées ; la loi Informatique et Libertés (art. 46) précise "
            "qui peut les traiter.",
            "Data on criminal convictions and offences may be processed only under the control of official "
            "authority, or when authorised by Union or Member State law providing appropriate safeguards; the loi "
            "Informatique et Libertés (art. 46) sets out who may process them.",
        ),
    ),
    Criterion(
        id="gdpr:nir-without-text",
        title=t(
            "NIR utilisé sans le texte qui l'autorise",
            "NIR used without the text authorising it",
        ),
        source=source(
            t(
                "Loi n° 78-17 du 6 janvier 1978 (Informatique et Libertés), art. 30 (numérotation à vérifier) ; "
                "décret n° 2019-341 du 19 avril 2019",
                "Loi n° 78-17 of 6 January 1978 (Informatique et Libertés), art. 30 (numbering to be checked); "
                "décret n° 2019-341 of 19 April 2019",
            ),
            url=LIL_URL,
            reliability="recalled",
        ),
        effect=Effect.BLOCKS,
        test=nir_without_text,
        group=GROUP,
        description=t(
            "Un traitement qui utilise le numéro d'inscription au répertoire (NIR) doit être autorisé par décret "
            "en Conseil d'État pris après avis de la CNIL ; le décret-cadre n° 2019-341 liste les responsables "
            "et finalités autorisés.",
            "A processing using the national identification number (NIR) must be authorised by a décret en "
            "Conseil d'État after the CNIL's opinion; framework décret n° 2019-341 lists the authorised "
            "controllers and purposes.",
        ),
    ),
    Criterion(
        id="lil:art87",
        title=t(
            "Traitement du titre III (police-justice) : finalité sans mission d'une autorité compétente fondée "
            "sur un texte",
            "Title III (law-enforcement) processing: purpose without a competent authority's mission grounded "
            "in a text",
        ),
        source=source(
            t(
                "Loi n° 78-17 du 6 janvier 1978, art. 87 (titre III) ; directive (UE) 2016/680, art. 8 et "
                "considérant 35",
                "Loi 78-17 of 6 January 1978, art. 87 (Title III); Directive (EU) 2016/680, art. 8 and "
                "recital 35",
            ),
            url=LIL_URL,
            reliability="recalled",
        ),
        effect=Effect.BLOCKS,
        test=lil_art87,
        group=GROUP,
        description=t(
            "Sous le titre III, le RGPD et son article 6 ne s'appliquent pas (RGPD, art. 2.2.d). Un traitement "
            "n'y est licite que s'il est nécessaire à l'exécution d'une mission effectuée, pour une finalité "
            "pénale de l'article 87, par une autorité compétente, et fondé sur le droit de l'Union ou de l'État "
            "membre (directive, art. 8) ; le consentement n'en est pas le fondement (considérant 35). Le "
            "consentement, le contrat et l'intérêt légitime ne fondent donc pas une telle finalité. Texte "
            "rappelé, non relu dans une copie officielle : vérifiez-le sur Légifrance.",
            "Under Title III, the GDPR and its article 6 do not apply (GDPR art. 2(2)(d)). Processing is lawful "
            "there only if necessary for the performance of a mission carried out, for a criminal-law purpose "
            "of article 87, by a competent authority, and based on Union or Member State law (directive, art. "
            "8); consent is not its ground (recital 35). Consent, contract and legitimate interests therefore "
            "do not ground such a purpose. Text recalled, not re-read in an official copy: check it on "
            "Légifrance.",
        ),
    ),
    Criterion(
        id="lil:art88",
        title=t(
            "Traitement du titre III (police-justice) de données de l'article 6 sans nécessité absolue ni "
            "garanties indiquées",
            "Title III (law-enforcement) processing of article 6 data without stated absolute necessity and "
            "safeguards",
        ),
        source=source(
            t(
                "Loi n° 78-17 du 6 janvier 1978, art. 88 (titre III) ; directive (UE) 2016/680, art. 10",
                "Loi 78-17 of 6 January 1978, art. 88 (Title III); Directive (EU) 2016/680, art. 10",
            ),
            url=LIL_URL,
            reliability="recalled",
        ),
        effect=Effect.BLOCKS,
        test=lil_art88,
        group=GROUP,
        description=t(
            "Sous le titre III, l'article 9 du RGPD ne s'applique pas : les données mentionnées au I de "
            "l'article 6 de la loi (origine raciale ou ethnique, opinions politiques, convictions religieuses "
            "ou philosophiques, appartenance syndicale, données génétiques, biométriques aux fins d'identifier "
            "une personne de manière unique, santé, vie ou orientation sexuelle) ne peuvent être traitées qu'en "
            "cas de nécessité absolue, sous réserve de garanties appropriées, et si un texte l'autorise, pour "
            "protéger les intérêts vitaux d'une personne, ou s'il s'agit de données manifestement rendues "
            "publiques par la personne. Texte rappelé, non relu dans une copie officielle : vérifiez-le sur "
            "Légifrance.",
            "Under Title III, GDPR article 9 does not apply: the data referred to in article 6 I of the loi "
            "(racial or ethnic origin, political opinions, religious or philosophical beliefs, trade union "
            "membership, genetic data, biometric data to identify a person uniquely, health, sex life or "
            "orientation) may be processed only where absolutely necessary, subject to appropriate safeguards, "
            "and where a text authorises it, to protect a person's vital interests, or where the data were "
            "manifestly made public by the person. Text recalled, not re-read in an official copy: check it on "
            "Légifrance.",
        ),
    ),
)


@hookimpl
def aipd_criteria() -> Iterable[Criterion]:
    """GDPR art. 35(3) and 35(10), WP248 III.B.b, LIL art. 90, and the blocking issues of arts. 6, 9, 10,
    the NIR and, under Title III, LIL arts. 87 and 88."""
    return _KEPT


def _art35_10_early(operation: ProcessingOperation, settings: Settings) -> Outcome | None:
    """:func:`art35_10`'s answer where the purposes do not decide it (Title III; no specific text
    stated: both not met before the purposes are read), else None."""
    if operation.legal.regime is LegalRegime.POLICE_JUSTICE or operation.legal.specific_law is None:
        return art35_10(operation, settings)
    return None


def _lil_art87_early(operation: ProcessingOperation, settings: Settings) -> Outcome | None:
    """:func:`lil_art87`'s answer under the GDPR (regime stated or not in doubt, not Title III: not
    met, the purposes unread), else None."""
    if not operation.regime_in_doubt and operation.legal.regime is not LegalRegime.POLICE_JUSTICE:
        return lil_art87(operation, settings)
    return None


#: The rules as the registry gets them: their answers kept across operations (aipd_builtin.memo),
#: art. 35(10) and art. 87 first by the fields that decide them without the purposes.
_KEPT = memo.kept(CRITERIA, early={"gdpr:art35-10": _art35_10_early, "lil:art87": _lil_art87_early})
