"""A short plain-text summary of an operation, printed by ``aipd check``.

It repeats what the file says, in the reader's words (labels, not codes), so a
DPO can see at a glance that the file was read as meant; it judges nothing.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

import attrs

from aipd.consistency import contradictions
from aipd.i18n import Lang, Text, check_lang
from aipd.model import ProcessingOperation
from aipd.vocabulary import Vocabulary

__all__ = ["summary", "unknown_facts"]

_NBSP = "\u00a0"  # French thousands separator and espace insécable; in every common console encoding


_FACTS: dict[type, tuple[tuple[str, bool], ...]] = {}


def _facts(cls: type) -> tuple[tuple[str, bool], ...]:
    """(field name, is a fact) for each field; a fact is a yes/no, number, choice or date that may be unknown."""
    if cls in _FACTS:
        return _FACTS[cls]
    hints = typing.get_type_hints(cls)
    out = []
    for a in attrs.fields(cls):
        args = typing.get_args(hints[a.name])
        inner = [x for x in args if x is not type(None)]
        is_fact = (
            type(None) in args
            and len(inner) == 1
            and isinstance(inner[0], type)
            and not attrs.has(inner[0])
            and inner[0] is not str
        )
        out.append((a.name, is_fact))
    _FACTS[cls] = tuple(out)
    return _FACTS[cls]


def _walk(value: Any, path: str) -> Iterator[str]:
    for name, is_fact in _facts(type(value)):
        v = getattr(value, name)
        here = f"{path}.{name}" if path else name
        if is_fact and v is None:
            yield here
        elif attrs.has(type(v)):
            yield from _walk(v, here)
        elif isinstance(v, tuple):
            for i, item in enumerate(v):
                if attrs.has(type(item)):
                    yield from _walk(item, f"{here}[{i}]")


def unknown_facts(op: ProcessingOperation) -> tuple[str, ...]:
    """Paths of the facts left unknown (``None``): yes/no, numbers, choices and dates, text excluded.

    Lists are walked item by item and the AI system only when there is one, so
    the count says how much of *this* file is still to fill in.
    """
    return tuple(_walk(op, ""))


def _number(n: int, lang: Lang) -> str:
    return f"{n:,}".replace(",", _NBSP if lang == "fr" else ",")


def _label(value: Vocabulary | None, lang: Lang, unknown: Text) -> str:
    return value.label(lang) if value is not None else unknown.get(lang)


_UNKNOWN = Text(fr="inconnu", en="unknown")


def summary(op: ProcessingOperation, lang: Lang = "fr") -> str:
    """A few lines: name, controller, purposes and bases, data, persons, AI system, unknown facts,
    and a warning for each pair of contradictory facts (:mod:`aipd.consistency`)."""
    lang = check_lang(lang)

    def say(fr: str, en: str) -> str:
        return fr if lang == "fr" else en

    colon = f"{_NBSP}:" if lang == "fr" else ":"  # French typography: espace insécable before « : »
    lines = [
        f"{say('Traitement', 'Processing')}{colon} {op.name} ({op.id}, version {op.version}, {op.status.label(lang)})"
    ]

    c = op.controller
    who = f"{c.name} ({c.kind.label(lang)}"
    who += f", SIREN {c.siren})" if c.siren else ")"
    lines.append(f"{say('Responsable de traitement', 'Controller')}{colon} {who}")

    lines.append(
        f"{say('Finalités', 'Purposes')}{colon}"
        + ("" if op.purposes else " " + say("aucune déclarée", "none declared"))
    )
    for p in op.purposes:
        basis = _label(p.legal_basis, lang, Text(fr="base légale inconnue", en="legal basis unknown"))
        lines.append(f"  - {p.description} — {basis}")

    lines.append(
        f"{say('Données', 'Data')}{colon}"
        + ("" if op.data else " " + say("aucune catégorie déclarée", "no category declared"))
    )
    for d in op.data:
        flag = ""
        if d.kind.is_special_category:
            flag = say(" [catégorie particulière, art. 9 du RGPD]", " [special category, GDPR art. 9]")
        elif d.kind.value == "offences":
            flag = say(" [données d'infraction, art. 10 du RGPD]", " [offence data, GDPR art. 10]")
        lines.append(f"  - {d.kind.label(lang)}{flag}")

    lines.append(
        f"{say('Personnes concernées', 'Data subjects')}{colon}"
        + ("" if op.data_subjects else " " + say("aucune catégorie déclarée", "no category declared"))
    )
    for s in op.data_subjects:
        count = _number(s.count, lang) if s.count is not None else say("nombre inconnu", "number unknown")
        # unknown is said, never left out: silence would read as "not vulnerable"
        vulnerable = {
            True: say(", vulnérables", ", vulnerable"),
            False: "",
            None: say(", vulnérabilité inconnue", ", vulnerability unknown"),
        }[s.is_vulnerable]
        lines.append(f"  - {s.kind.label(lang)} ({count}{vulnerable})")
    persons = op.persons
    total = _number(persons, lang) if persons is not None else _UNKNOWN.get(lang)
    lines.append(f"  {say('Nombre total de personnes', 'Total number of persons')}{colon} {total}")

    ai = op.ai_system
    ai_label = say("Système d'IA", "AI system")
    if ai is None:
        lines.append(f"{ai_label}{colon} {say('aucun déclaré', 'none declared')}")
    else:
        role = f", {ai.role.label(lang)}" if ai.role is not None else ""
        provider = f", {say('fournisseur', 'provider')} {ai.provider}" if ai.provider else ""
        lines.append(f"{ai_label}{colon} {ai.name}{provider}{role}")

    n = len(unknown_facts(op))
    if n == 0:
        lines.append(say("Tous les faits sont renseignés.", "All facts are filled in."))
    else:
        lines.append(
            say(
                f"Faits encore inconnus{_NBSP}: {n} (à renseigner pour une analyse complète)",
                f"Facts still unknown: {n} (to fill in for a complete analysis)",
            )
        )
    # A warning, not an error: the file is valid, but the screening will not read either fact.
    for contradiction in contradictions(op):
        lines.append(f"{say('Avertissement', 'Warning')}{colon} {contradiction.message.get(lang)}")
    return "\n".join(lines)
