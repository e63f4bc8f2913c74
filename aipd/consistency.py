"""Contradictory facts, pure: two fields of one operation that cannot both be true.

A DPO who answers ``evaluation.scoring: false`` and lists the aspects evaluated
has said two things; the screening must not pick the one that makes the
assessment lighter (docs/design.md, "unknown is not false"). Each contradiction
here names both fields and says how the screening reads it: as unknown (the
rule asks for both facts again) or as the unfavourable reading. It is a warning,
not an input error: the file is valid, the DPO corrects one of the two facts.

The rules that read these facts (:mod:`aipd_builtin.facts`, :mod:`aipd_builtin.ai_act`)
call the same predicates, so the warning and the rule never disagree.
"""

from __future__ import annotations

import attrs

from aipd.i18n import Text, t
from aipd.model import AISystem, Decisions, Evaluation, Matching, Monitoring, ProcessingOperation, path_label
from aipd.vocabulary import AIOutput, AITechnique, DecisionEffect, HumanInvolvement

__all__ = [
    "INFERENCE_TECHNIQUES",
    "Contradiction",
    "access_without_effect",
    "combines_denied_with_datasets",
    "constant_not_systematic",
    "contradictions",
    "infers_denied_with_inference_techniques",
    "scoring_denied_with_signs",
    "solely_automated_not_automated",
]

#: Techniques by which a system infers its outputs (AI Act recital 12): machine learning and
#: logic- and knowledge-based approaches.
INFERENCE_TECHNIQUES = frozenset(
    {
        AITechnique.MACHINE_LEARNING,
        AITechnique.DEEP_LEARNING,
        AITechnique.GENERATIVE,
        AITechnique.LOGIC_KNOWLEDGE,
    }
)


@attrs.frozen(kw_only=True)
class Contradiction:
    """Two (or more) facts that contradict each other, and how the screening reads them."""

    fields: tuple[str, ...]
    message: Text


# --- the predicates the rules share ---------------------------------------------------------------


def scoring_denied_with_signs(ev: Evaluation) -> tuple[str, ...]:
    """``evaluation.scoring`` is false, yet aspects evaluated or a systematic and extensive evaluation
    are declared: the fields that contradict it (empty when none)."""
    if ev.scoring is not False:
        return ()
    out: list[str] = []
    if ev.aspects:
        out.append("evaluation.aspects")
    if ev.systematic_extensive:
        out.append("evaluation.systematic_extensive")
    return tuple(out)


def solely_automated_not_automated(d: Decisions) -> bool:
    """Decisions said not based on the automated processing, yet solely automated."""
    return d.automated is False and d.human_involvement is HumanInvolvement.NONE


def access_without_effect(d: Decisions) -> bool:
    """Decisions based on the processing said to have no notable effect, yet the processing allows,
    changes or refuses access to a right. Not when no decision rests on the processing
    (``decisions.automated: false``): the effect is then moot, and access may be decided by people."""
    return d.automated is not False and d.effect is DecisionEffect.NONE and d.access_to_rights is True


def constant_not_systematic(m: Monitoring) -> bool:
    """Monitoring said not systematic, yet constant (permanent)."""
    return m.systematic is False and m.constant is True


def combines_denied_with_datasets(m: Matching) -> bool:
    """No matching declared, yet two datasets or more listed as combined."""
    return m.combines is False and len(m.sources) >= 2


def infers_denied_with_inference_techniques(ai: AISystem) -> bool:
    """The system said not to infer its outputs, yet using inference techniques (recital 12)."""
    return ai.infers_outputs is False and not INFERENCE_TECHNIQUES.isdisjoint(ai.techniques)


# --- the warnings ---------------------------------------------------------------------------------


def _named(path: str) -> Text:
    label = path_label(path)
    if label is None:
        return Text(fr=path, en=path)
    return Text(fr=f"{path} (« {label.fr} »)", en=f"{path} ('{label.en}')")


def _contradiction(fields: tuple[str, ...], reading: Text) -> Contradiction:
    names = [_named(f) for f in fields]
    return Contradiction(
        fields=fields,
        message=Text(
            fr="Faits contradictoires : " + " et ".join(n.fr for n in names) + ". " + reading.fr,
            en="Contradictory facts: " + " and ".join(n.en for n in names) + ". " + reading.en,
        ),
    )


_UNKNOWN = t(
    "L'examen ne retient ni l'un ni l'autre : {rule} est tenu pour inconnu tant que l'un des deux n'est "
    "pas corrigé.",
    "The screening reads neither: {rule} is held unknown until one of the two is corrected.",
)
_UNFAVOURABLE = t(
    "L'examen retient la lecture la plus défavorable ({reading_fr}) ; corrigez l'un des deux.",
    "The screening keeps the less favourable reading ({reading_en}); correct one of the two.",
)


def _unknown(rule_fr: str, rule_en: str) -> Text:
    return Text(fr=_UNKNOWN.fr.format(rule=rule_fr), en=_UNKNOWN.en.format(rule=rule_en))


def _unfavourable(reading_fr: str, reading_en: str) -> Text:
    return Text(
        fr=_UNFAVOURABLE.fr.format(reading_fr=reading_fr), en=_UNFAVOURABLE.en.format(reading_en=reading_en)
    )


_CRITERION_1 = (
    "le critère 1 des lignes directrices WP248 (évaluation ou notation)",
    "WP248 criterion 1 (evaluation or scoring)",
)


def contradictions(op: ProcessingOperation) -> tuple[Contradiction, ...]:
    """Every contradiction between the facts of ``op``, in the model's order."""
    out: list[Contradiction] = []
    ev, d, m, mt, ai = op.evaluation, op.decisions, op.monitoring, op.matching, op.ai_system
    for other in scoring_denied_with_signs(ev):
        out.append(_contradiction(("evaluation.scoring", other), _unknown(*_CRITERION_1)))
    if ev.scoring is False and ev.profiling:
        out.append(
            _contradiction(
                ("evaluation.scoring", "evaluation.profiling"),
                _unfavourable("profilage, qui remplit le critère 1", "profiling, which meets criterion 1"),
            )
        )
    if ai is not None and ev.scoring is False and (ai.profiling or AIOutput.SCORE in ai.outputs):
        other = "ai_system.profiling" if ai.profiling else "ai_system.outputs"
        out.append(
            _contradiction(
                ("evaluation.scoring", other),
                _unfavourable(
                    "le système d'IA profile ou note des personnes : critère 1 rempli",
                    "the AI system profiles or scores persons: criterion 1 met",
                ),
            )
        )
    if ai is not None and ev.profiling is False and ai.profiling:
        out.append(
            _contradiction(
                ("evaluation.profiling", "ai_system.profiling"),
                _unfavourable("profilage par le système d'IA", "profiling by the AI system"),
            )
        )
    if solely_automated_not_automated(d):
        out.append(
            _contradiction(
                ("decisions.automated", "decisions.human_involvement"),
                t(
                    "Sans effet notable déclaré (decisions.effect), le critère 2 (décision automatique) reste "
                    "non rempli quelle que soit la lecture ; sinon l'examen le tient pour inconnu. Corrigez l'un "
                    "des deux.",
                    "With no notable effect declared (decisions.effect), criterion 2 (automated decision) stays "
                    "not met whichever reading is taken; otherwise the screening holds it unknown. Correct one "
                    "of the two.",
                ),
            )
        )
    if access_without_effect(d):
        out.append(
            _contradiction(
                ("decisions.effect", "decisions.access_to_rights"),
                _unknown("le critère 2 (décision automatique)", "criterion 2 (automated decision)"),
            )
        )
    if constant_not_systematic(m):
        out.append(
            _contradiction(
                ("monitoring.systematic", "monitoring.constant"),
                _unknown("le critère 3 (surveillance systématique)", "criterion 3 (systematic monitoring)"),
            )
        )
    if combines_denied_with_datasets(mt):
        out.append(
            _contradiction(
                ("matching.combines", "matching.sources"),
                _unknown("le critère 6 (croisement de données)", "criterion 6 (matching datasets)"),
            )
        )
    for i, s in enumerate(op.data_subjects):
        if s.vulnerable is False and s.vulnerabilities:
            out.append(
                _contradiction(
                    (f"data_subjects[{i}].vulnerable", f"data_subjects[{i}].vulnerabilities"),
                    _unfavourable(
                        "personnes vulnérables, pour les motifs indiqués",
                        "vulnerable persons, for the reasons given",
                    ),
                )
            )
    if ai is not None and infers_denied_with_inference_techniques(ai):
        out.append(
            _contradiction(
                ("ai_system.infers_outputs", "ai_system.techniques"),
                _unknown(
                    "la qualification de système d'IA (AI Act, art. 3.1 et considérant 12)",
                    "the qualification as an AI system (AI Act art. 3(1) and recital 12)",
                ),
            )
        )
    return tuple(out)
