"""Hypothesis strategies for the whole model: the one place where test values are generated.

Every class of :mod:`aipd.model` has a strategy named after it (``controllers()``,
``subject_categories()``, ``operations()``…). They are derived from the attrs
fields and their type hints, so a field added to the model is generated without
touching this file; the field's constraints (``pattern``, ``minimum``) are
honoured. Text mixes any Unicode with the characters that break documents and
YAML (accents, decomposed accents, emoji, ``<``, ``&``, control characters,
``null``, ``yes``, ``1.10``…); every optional field is sometimes ``None``.

Each function takes keyword overrides, one strategy per field, e.g.
``operations(ai_system=st.none())`` or ``subject_categories(count=st.just(5))``.
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any

import attrs
from hypothesis import strategies as st

from aipd import model
from aipd.vocabulary import MeasureStatus, Vocabulary

__all__ = [
    "Filled",
    "action_items",
    "ai_systems",
    "controllers",
    "data_categories",
    "decisions",
    "dpo_contacts",
    "evaluations",
    "filled_operation",
    "for_class",
    "joint_controllers",
    "layout_texts",
    "legal_frameworks",
    "matchings",
    "measures",
    "monitorings",
    "operations",
    "partly_filled_operations",
    "processors",
    "purposes",
    "recipients",
    "retentions",
    "risk_judgements",
    "scales",
    "subject_categories",
    "supporting_assets",
    "technologies",
    "texts",
    "transfers",
    "validations",
]

# Pieces that have broken YAML emitters, DOCX files or naive loaders somewhere.
_AWKWARD = [
    "<",
    ">",
    "&",
    "&amp;",
    "<w:t>",
    "é",
    "É",
    "œ",
    "ç",
    "à",
    "🙂",
    "👩‍⚖️",
    "e\u0301",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\x0b",
    "\x01",
    "\x7f",
    "\x85",
    "\u2028",
    "\u00a0",
    "\u202f",
    "\ufeff",
    "null",
    "~",
    "yes",
    "no",
    "NO",
    "on",
    "true",
    "1.10",
    "012",
    "0x1F",
    "1_000",
    "2024-01-01",
    "12:30",
    ": ",
    " - ",
    "# ",
    "'",
    '"',
    "\\",
    "{",
    "}",
    "[",
    "]",
    "*a",
    "&a",
    "!!str",
    "%",
    "@",
    "`",
    "|",
    ">-",
    " ",
    "  ",
]


def texts(max_size: int = 30) -> st.SearchStrategy[str]:
    """Free text: any Unicode, or a mix of awkward pieces."""
    anything = st.text(st.characters(codec="utf-8"), max_size=max_size)
    awkward = st.lists(st.sampled_from(_AWKWARD) | st.text(max_size=3), max_size=6).map("".join)
    return anything | awkward


#: Lines that look like the layout of aipd's wording blocks (a blank line, then "- ", "> ", "! "), the
#: private-use characters aipd's templates write (« À compléter » delimiters, layout marks) and Markdown.
_LAYOUT = [
    "\n\n! ",
    "\n\n> ",
    "\n\n- ",
    "\n- ",
    "\n",
    "\n\n",
    "! ",
    "> ",
    "- ",
    "  - ",
    "\t! ",
    "\r\n\r\n! ",
    "\u2028! ",
    "\ue000",
    "\ue001",
    "\ue002",
    "\ue003 ",
    "\ue004 ",
    "\ue005 ",
    "**x**",
    "# ",
    "1. ",
    "[a](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "ALERTE",
]


def layout_texts(max_size: int = 30) -> st.SearchStrategy[str]:
    """Free text that tries to take the look of aipd's own layout: any text, the pieces of
    :func:`texts`, and lines that start as a bullet, a box or an alert would."""
    pieces = st.sampled_from(_LAYOUT) | st.sampled_from(_AWKWARD) | texts(max_size=max_size // 3)
    return st.lists(pieces, min_size=1, max_size=8).map("".join) | texts(max_size)


_MAX_LIST = 3


def _value(tp: Any, metadata: typing.Mapping[str, Any]) -> st.SearchStrategy[Any]:
    if typing.get_origin(tp) is tuple:
        return st.lists(_value(typing.get_args(tp)[0], {}), max_size=_MAX_LIST).map(tuple)
    if attrs.has(tp):
        return for_class(tp)
    if isinstance(tp, type) and issubclass(tp, Vocabulary):
        return st.sampled_from(list(tp))
    if tp is dt.date:
        return st.dates()
    if tp is bool:
        return st.booleans()
    if tp is int:
        low = metadata.get("minimum")
        return st.integers(min_value=low, max_value=10**12) | st.integers(min_value=low or 0, max_value=100)
    if tp is str:
        pattern = metadata.get("pattern")
        if pattern is not None:
            return st.from_regex(pattern, fullmatch=True)
        return texts()
    raise TypeError(f"no strategy for {tp!r}: add it to tests/strategies.py")


def _field(hint: Any, metadata: typing.Mapping[str, Any]) -> st.SearchStrategy[Any]:
    args = typing.get_args(hint)
    if type(None) in args:
        (inner,) = (a for a in args if a is not type(None))
        return st.none() | _value(inner, metadata)
    return _value(hint, metadata)


def for_class(cls: type, **overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Instances of any model class, every field generated from its type and constraints."""
    hints = typing.get_type_hints(cls)
    fields = {a.name: _field(hints[a.name], a.metadata) for a in attrs.fields(cls)}
    unknown = set(overrides) - set(fields)
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {sorted(unknown)}")
    fields.update(overrides)
    return st.builds(cls, **fields)


def dpo_contacts(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.DpoContact]:
    return for_class(model.DpoContact, **overrides)


def controllers(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.Controller]:
    return for_class(model.Controller, **overrides)


def joint_controllers(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.JointController]:
    return for_class(model.JointController, **overrides)


def processors(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.Processor]:
    return for_class(model.Processor, **overrides)


def purposes(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.Purpose]:
    return for_class(model.Purpose, **overrides)


def retentions(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.Retention]:
    return for_class(model.Retention, **overrides)


def data_categories(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.DataCategory]:
    return for_class(model.DataCategory, **overrides)


def subject_categories(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.SubjectCategory]:
    return for_class(model.SubjectCategory, **overrides)


def scales(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.Scale]:
    return for_class(model.Scale, **overrides)


def recipients(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.Recipient]:
    return for_class(model.Recipient, **overrides)


def transfers(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.Transfer]:
    return for_class(model.Transfer, **overrides)


def supporting_assets(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.SupportingAsset]:
    return for_class(model.SupportingAsset, **overrides)


def measures(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.Measure]:
    return for_class(model.Measure, **overrides)


def monitorings(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.Monitoring]:
    return for_class(model.Monitoring, **overrides)


def evaluations(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.Evaluation]:
    return for_class(model.Evaluation, **overrides)


def decisions(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.Decisions]:
    return for_class(model.Decisions, **overrides)


def matchings(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.Matching]:
    return for_class(model.Matching, **overrides)


def technologies(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.Technology]:
    return for_class(model.Technology, **overrides)


def legal_frameworks(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.LegalFramework]:
    return for_class(model.LegalFramework, **overrides)


def ai_systems(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.AISystem]:
    return for_class(model.AISystem, **overrides)


def risk_judgements(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.RiskJudgement]:
    return for_class(model.RiskJudgement, **overrides)


def action_items(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.ActionItem]:
    return for_class(model.ActionItem, **overrides)


def validations(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.Validation]:
    return for_class(model.Validation, **overrides)


def _within_the_whole(op: model.ProcessingOperation) -> model.ProcessingOperation:
    """No data category concerns more persons than the whole processing, as the loader requires."""
    total = op.scale.persons
    if total is None or all(d.persons is None or d.persons <= total for d in op.data):
        return op
    return attrs.evolve(
        op,
        data=tuple(
            attrs.evolve(d, persons=min(d.persons, total)) if d.persons is not None else d for d in op.data
        ),
    )


def _one_judgement_per_risk(op: model.ProcessingOperation) -> model.ProcessingOperation:
    """At most one judgement per risk id (the first drawn), as the loader requires."""
    kept: dict[str, model.RiskJudgement] = {}
    for j in op.risk_judgements:
        kept.setdefault(j.risk, j)
    if len(kept) == len(op.risk_judgements):
        return op
    return attrs.evolve(op, risk_judgements=tuple(kept.values()))


def operations(**overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[model.ProcessingOperation]:
    """Whole processing operations: every class of the model appears in them.

    ``data[].persons`` (generated like any count) is capped at ``scale.persons``, and
    ``risk_judgements`` keep one judgement per risk: the rules across fields the loader
    checks, so every operation drawn loads back.
    """
    return (
        for_class(model.ProcessingOperation, **overrides).map(_within_the_whole).map(_one_judgement_per_risk)
    )


# --- every field filled, each with a value found nowhere else ---------------------------------------


@attrs.frozen
class Filled:
    """An operation built by :func:`filled_operation`, and the value each of its fields holds.

    ``values`` maps a model path (``data[0].retention.justification``) to the leaf value put
    there: a marker string (``MkRetentionJustification61Z``), a number, a date, a vocabulary
    member or ``True``; a path absent from ``values`` was left unknown.
    """

    operation: model.ProcessingOperation
    values: dict[str, Any]


# Fields whose pattern a marker string cannot match: a value of the right form, still unique.
def _patterned(pattern: Any, n: int, cls: type, name: str) -> str:
    if pattern is model._SIREN:
        return str(900_000_000 + n)
    if pattern is model._COUNTRY:
        # user-assigned ISO codes (XA…XZ): outside the EEA, so a processor there is outside the Union
        return "X" + chr(ord("A") + n % 26)
    # an identifier (slug): a risk id no plug-in describes is shown under its own id
    return f"mk{n}:{cls.__name__.lower()}-{name.replace('_', '-')}"


def _filled_value(
    hint: Any, cls: type, name: str, path: str, keep: Any, counter: list[int], out: dict[str, Any]
) -> Any:
    counter[0] += 1
    n = counter[0]
    if typing.get_origin(hint) is tuple:
        return (_filled_value(typing.get_args(hint)[0], cls, name, f"{path}[0]", keep, counter, out),)
    if attrs.has(hint):
        return _filled(hint, path, keep, counter, out)
    if isinstance(hint, type) and issubclass(hint, Vocabulary):
        value: Any = list(hint)[n % len(hint)]
    elif hint is dt.date:
        value = dt.date(2021, 1, 4) + dt.timedelta(days=11 * n)
    elif hint is bool:
        value = True
    elif hint is int:
        value = 10_000 + 37 * n
    elif hint is str:
        pattern = attrs.fields_dict(cls)[name].metadata.get("pattern")
        value = (
            _patterned(pattern, n, cls, name)
            if pattern is not None
            else f"Mk{cls.__name__}{name.title().replace('_', '')}{n}Z"
        )
    else:
        raise TypeError(f"no filled value for {hint!r}: add it to tests/strategies.py")
    out[path] = value
    return value


def _filled(cls: type, prefix: str, keep: Any, counter: list[int], out: dict[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for a in attrs.fields(cls):
        path = f"{prefix}.{a.name}" if prefix else a.name
        hint = hints[a.name]
        args = typing.get_args(hint)
        optional = type(None) in args or a.default is not attrs.NOTHING
        if optional and not keep(path):
            continue
        if type(None) in args:
            (hint,) = (x for x in args if x is not type(None))
        kwargs[a.name] = _filled_value(hint, cls, a.name, path, keep, counter, out)
    return cls(**kwargs)


def filled_operation(keep: Any = lambda path: True) -> Filled:
    """An operation where every field the model has is given (those ``keep`` refuses are left at their
    default), each with a value found nowhere else in the document: a field added to the model is
    filled without touching this file."""
    values: dict[str, Any] = {}
    op = _filled(model.ProcessingOperation, "", keep, [0], values)
    return Filled(_in_place_before_the_date(_within_the_whole(op), values), values)


def _in_place_before_the_date(
    op: model.ProcessingOperation, values: dict[str, Any]
) -> model.ProcessingOperation:
    """A measure drawn « en place » is due before the document's date: one due later is shown as
    planned (its status label then never appears), which would depend on how many fields come first."""
    when = op.reference_date
    if when is None:
        return op
    measures = []
    for i, m in enumerate(op.measures):
        if m.status is MeasureStatus.IMPLEMENTED and m.due is not None and m.due > when:
            m = attrs.evolve(m, due=when - dt.timedelta(days=1 + i))
            values[f"measures[{i}].due"] = m.due
        measures.append(m)
    return attrs.evolve(op, measures=tuple(measures))


def _optional_paths() -> list[str]:
    """Every path :func:`filled_operation` could leave unknown, nested objects and lists included."""
    seen: list[str] = []

    def record(path: str) -> bool:
        seen.append(path)
        return True

    filled_operation(record)
    return seen


@st.composite
def partly_filled_operations(draw: st.DrawFn) -> Filled:
    """:func:`filled_operation` with any set of its optional fields left unknown (or empty)."""
    dropped = draw(st.frozensets(st.sampled_from(_optional_paths())))
    return filled_operation(lambda path: path not in dropped)
