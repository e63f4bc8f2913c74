"""The built-in rules' answers, kept across operations by the fields each rule reads.

In a register, rows share most of their facts (the same kind of body, legal bases, persons, data
categories) and differ in a few (the name, the purposes, the number of persons). Each built-in rule
is a pure function of some fields of the operation and of the settings: :data:`READS` names, for
each rule, the top-level fields of :class:`~aipd.model.ProcessingOperation` it reads on any branch
(through the helpers of :mod:`aipd_builtin.facts` and the operation's derived properties:
``persons`` reads ``scale`` and ``data_subjects``, ``data_kinds`` reads ``data``,
``regime_in_doubt`` reads ``legal`` and ``domains``, ``reference_date`` reads ``created`` and
``updated``). The rule's answer is kept under those fields' values and the settings' value, and
given again to any later operation whose values are equal.

- Each value is looked up once per screening in a table of the values seen, by its key (a tuple
  of its leaves, each part's class checked: hashed and compared in C), which gives it a number
  never given to another value; so is each
  combination of the numbers of a group of fields and of the settings (the rules of the CNIL
  lists share one group). A rule's key is its group's number, in the rule's own store.
- The tables and stores are bounded and emptied when full (their keys come from the input); the
  numbers are never reused, so an answer kept under a number emptied from a table is never given
  again.
- Nothing is keyed by an object's identity across operations: the identity of the operation and
  the settings only saves looking their values up again within one screening, as
  :func:`aipd_builtin.facts.per_operation` does.
- An outcome is frozen and shared, as :class:`aipd_builtin.facts.Flag` shares its outcomes. A test
  that raises keeps nothing, so the error is raised again for every operation that has it.

Each memoised test keeps the plain rule as ``__wrapped__``; ``tests/test_memo.py`` checks, for
every rule, that its answer depends on no field outside :data:`READS` (the other fields made
unreadable) and that answers given from warm stores equal those computed cold.
"""

from __future__ import annotations

import enum
import functools
import itertools
import operator
import types
import typing
from collections.abc import Callable, Iterable
from typing import TypeVar

import attrs

from aipd.catalogue import Criterion, ListItem, Outcome
from aipd.model import ProcessingOperation
from aipd.settings import Settings
from aipd_builtin import facts

__all__ = ["EARLY_READS", "READS", "clear", "kept"]

Test = Callable[[ProcessingOperation, Settings], Outcome]
Rule = TypeVar("Rule", Criterion, ListItem)
_T = TypeVar("_T")

# The fields read by the facts the rules share, spelled once (see the module's docstring).
#: Recital 91 (``individual_practice``): the fields and the kind of controller.
_RECITAL_91 = ("controller", "domains")
#: ``large_scale`` and ``mandatory_large_scale*``: recital 91, ``persons``, the data categories.
_LARGE_SCALE = (*_RECITAL_91, "data", "data_subjects", "scale")
#: The CNIL lists' items and the GDPR's rules: everything their shared facts read but the scale,
#: the purposes, the matching, the technology and the dates (those that read one add it).
_LISTS = (
    "ai_system",
    "controller",
    "data",
    "data_subjects",
    "decisions",
    "domains",
    "evaluation",
    "legal",
    "monitoring",
    "status",
)
#: The AI Act's rules: the AI system and what it is used on (the same fields as the lists': a
#: register row without an AI system asks them all the same).
_AI_ACT = _LISTS

#: Rule id → the top-level fields of the operation its test reads, on every branch.
READS: dict[str, tuple[str, ...]] = {
    # WP248 (aipd_builtin.wp248): one fact each.
    "wp248:evaluation_scoring": ("ai_system", "evaluation"),
    "wp248:automated_decision": ("decisions",),
    "wp248:systematic_monitoring": ("monitoring",),
    "wp248:sensitive_data": ("ai_system", "data"),
    "wp248:large_scale": _LARGE_SCALE,
    "wp248:matching_combining": ("matching",),
    "wp248:vulnerable_subjects": ("data_subjects",),
    "wp248:innovative_use": ("ai_system", "technology"),
    "wp248:prevents_right": ("decisions", "domains"),
    # GDPR and the loi Informatique et Libertés (aipd_builtin.gdpr).
    "gdpr:art35-3-a": (*_LISTS,),
    "gdpr:art35-3-b": (*_LISTS, "scale"),
    "gdpr:art35-3-c": (*_LISTS, "scale"),
    "gdpr:art35-10": (*_LISTS, "purposes"),
    "gdpr:similar-dpia": (*_LISTS,),
    "gdpr:no-legal-basis": (*_LISTS, "purposes"),
    "gdpr:no-art9-exception": (*_LISTS,),
    "gdpr:offence-data-art10": (*_LISTS,),
    "gdpr:nir-without-text": (*_LISTS,),
    "lil:art87": (*_LISTS, "purposes"),
    "lil:art88": (*_LISTS,),
    "lil:art90": (*_LISTS,),
    # AI Act and the French rule on algorithmic video processing (aipd_builtin.ai_act).
    "fr:jo2024-experiment-ended": (*_LISTS, "created", "updated"),
    # CNIL lists (aipd_builtin.cnil_lists); item 14 counts persons.
    "cnil-2018-327:14": (*_LISTS, "scale"),
}
READS.update({f"cnil-2018-327:{n}": _LISTS for n in range(1, 14)})
READS.update({f"cnil-2019-118:{n}": _LISTS for n in range(1, 13)})
READS.update(
    {
        f"ai-act:{name}": _AI_ACT
        for name in (
            "ai-system",
            *(f"art5-1-{x}" for x in "abcdefgh"),
            "art50-1",
            "art50-2",
            "art50-3",
            "art50-4-deep-fake",
            "art50-4-public-text",
            *(f"annex-iii-{x}" for x in ("1-a", "1-b", "1-c", "2", "3-a", "3-b", "3-c", "3-d")),
            *(f"annex-iii-{x}" for x in ("4-a", "4-b", "5-a", "5-b", "5-c", "5-d", "6", "7", "8-a", "8-b")),
            "high-risk-dpia-presumption",
        )
    }
)

#: Rule id → the fields read by the rule's early stage (:func:`kept`'s ``early``): the rule's answer
#: on the operations where the purposes do not decide it, kept by fewer fields than the whole rule.
#: The purposes are new on most rows of a register (a text each), so a rule kept by them is judged
#: again on every row though its answer, under the GDPR, never reads them (art. 35(10) without a
#: specific text, art. 87 of the loi outside Title III).
EARLY_READS: dict[str, tuple[str, ...]] = {
    "gdpr:art35-10": _LISTS,
    "lil:art87": _LISTS,
}

#: Every field some rule reads, in a fixed order: each operation's values are looked up once.
_FIELDS: tuple[str, ...] = tuple(sorted({f for fields in READS.values() for f in fields}))
_POSITION = {name: i for i, name in enumerate(_FIELDS)}


#: Classes whose values may compare equal to another class's (a Vocabulary is a StrEnum, bool an
#: int): a field declaring one of them is checked; text and dates are not (equal means read alike).
_CONFUSABLE = (bool, int, float, enum.Enum)
#: The generated functions' globals: the classes each field allows, and the keys of the parts.
_KEYS: dict[str, object] = {}


class _Inexact(Exception):
    """A value of another class than its field declares: the operation is not kept."""


def _inexact() -> object:
    raise _Inexact


_KEYS["_Inexact"] = _Inexact
_KEYS["_inexact"] = _inexact


def _keyer(
    cls: type, names: Iterable[str] | None, keyers: dict[type, Callable[[object], tuple[object, ...]]]
) -> str:
    """The source of a function giving a ``cls``'s key: the tuple of its fields' keys (``names`` only,
    in that order, if given), each part's its own key, each field declaring a class whose values could
    compare equal to another's checked to hold exactly a declared class (else :class:`_Inexact`). The
    parts' key functions are added to ``keyers``.

    Two keys are equal only if every part is of the same class (one class per field, checked) and
    every plain value is equal: what attrs' equality of the values says, read in one pass whose
    hashing and comparing are the tuples' own (in C), not a Python ``__hash__`` and ``__eq__`` per
    part, called again for every table the value is looked up in.
    """
    hints = typing.get_type_hints(cls)
    by_name = {a.name: a for a in attrs.fields(cls)}
    lines = ["def key(v):"]
    keys = []
    for name in names if names is not None else by_name:
        hint = hints[by_name[name].name]
        many = typing.get_origin(hint) is tuple
        if many:
            hint = typing.get_args(hint)[0]
        options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        if not all(isinstance(option, type) for option in options):
            raise TypeError(f"{cls.__name__}.{name}: no exact key for {hint!r}")
        parts = [option for option in options if attrs.has(option)]
        confusable = any(issubclass(option, _CONFUSABLE) for option in options)
        if len([option for option in options if option is not type(None)]) > 1 and confusable:
            raise TypeError(f"{cls.__name__}.{name}: several classes whose values compare equal")
        if not parts and not confusable:
            keys.append(f"v.{name}")  # text, dates: equal means read alike
            continue
        allowed = f"_allowed_{cls.__name__}_{name}"
        _KEYS[allowed] = frozenset(options)
        of = "x"
        if parts:
            (part,) = parts
            if part not in keyers:
                keyers[part] = _compile(part, None, keyers)
            _KEYS[f"_key_{part.__name__}"] = keyers[part]
            of = f"_key_{part.__name__}(x)"
            if type(None) in options:
                of = f"(None if x is None else {of})"
        k = f"k_{name}"
        if many:
            lines.append(f"    y = v.{name}")
            lines.append("    if y.__class__ is not tuple: raise _Inexact")
            if parts:
                lines.append(
                    f"    {k} = tuple([{of} if x.__class__ in {allowed} else _inexact() for x in y])"
                )
            else:
                lines += ["    for x in y:", f"        if x.__class__ not in {allowed}: raise _Inexact"]
                lines.append(f"    {k} = y")
        else:
            lines += [
                f"    x = v.{name}",
                f"    if x.__class__ not in {allowed}: raise _Inexact",
                f"    {k} = {of}",
            ]
        keys.append(k)
    lines.append(f"    return ({', '.join(keys)},)")
    return "\n".join(lines)


def _compile(
    cls: type, names: Iterable[str] | None, keyers: dict[type, Callable[[object], tuple[object, ...]]]
) -> Callable[[object], tuple[object, ...]]:
    source = _keyer(cls, names, keyers)
    namespace: dict[str, object] = {}
    exec(source, _KEYS, namespace)  # built from the model's type hints only, as attrs builds methods
    return namespace["key"]  # type: ignore[return-value]


#: The keys of the fields the rules read, in :data:`_FIELDS` order; :class:`_Inexact` where a field,
#: or a part it holds, is not exactly of a class its declared type names and another class's value
#: could compare equal (built at import from the model's type hints, as attrs builds its methods:
#: one plain function per class, no loop over field records).
_keys = _compile(ProcessingOperation, _FIELDS, {})
_SETTINGS = len(_FIELDS)  # the settings' number comes after the fields'

_VALUES_LIMIT = 2048  # values kept per field, and combinations per group of fields
_ANSWERS_LIMIT = 512  # answers kept per rule

_numbers = itertools.count(1)
#: Per field (and the settings, last): value → its number.
_values: list[dict[object, int]] = [{} for _ in range(len(_FIELDS) + 1)]
_field_values = _values[:_SETTINGS]  # the same tables, the fields' alone
#: The groups of fields rules are kept by (most rules share one: the CNIL lists' items), each as
#: the positions of its fields' numbers and of the settings', and per group: those numbers → the
#: group's number. A rule's key is its group's number: one lookup per group and operation, and a
#: whole number to hash per rule.
_groups: list[tuple[int, ...]] = []
_group_selects: list[Callable[[tuple[int, ...]], tuple[int, ...]]] = []  # each picks a group's numbers, in C
_group_tables: list[dict[tuple[int, ...], int]] = []
#: Per memoised rule: its group's number → the rule's answer. One store per rule, so that the rules
#: reading a figure every row changes (``scale``) do not push the answers of the others out.
_answers: list[dict[int, Outcome] | dict[tuple[object, ...], Outcome]] = []
#: The groups' numbers for the last operation and settings screened, with those objects (one
#: tuple, so a thread never reads an operation with another's numbers).
_last: list[tuple[ProcessingOperation, Settings, tuple[int, ...] | None] | None] = [None]


def _number(table: dict[_T, int], value: _T) -> int:
    number = table.get(value)
    if number is None:
        if len(table) >= _VALUES_LIMIT:
            table.clear()
        number = table[value] = next(_numbers)
    return number


def _numbers_of(operation: ProcessingOperation, settings: Settings) -> tuple[int, ...] | None:
    """The numbers of the groups of ``operation``'s fields with ``settings``, in :data:`_groups` order;
    None when the operation is not kept (see :func:`_values_of`)."""
    last = _last[0]
    if last is not None and last[0] is operation and last[1] is settings:
        return last[2]
    numbers: tuple[int, ...] | None = None
    values = _values_of(operation, settings)
    if values is not None:
        numbers = tuple(
            _number(table, select(values))
            for select, table in zip(_group_selects, _group_tables, strict=True)
        )
    _last[0] = (operation, settings, numbers)
    return numbers


def _values_of(operation: ProcessingOperation, settings: Settings) -> tuple[int, ...] | None:
    """The numbers of ``operation``'s fields and of ``settings``, or None when a value cannot be kept:

    - a value of another class than its field declares, however equal: a part of a subclass (one may
      do something when a field is read: ``aipd triage`` watches whether the kind of body is read,
      to screen again for each kind only the rows whose answer turns on it; a kept answer would read
      nothing), or an operation built by hand with ``"validated"`` for ``Status.VALIDATED`` or ``0``
      for ``False``, which compare equal but which the rules read differently (``is``): kept, such
      an answer would be given to the correctly typed operation;
    - a value that cannot be hashed (an operation built by hand with a list for a tuple).
    """
    try:
        keys = _keys(operation)
        return (
            *[_number(table, key) for table, key in zip(_field_values, keys, strict=True)],
            _number(_values[_SETTINGS], settings),
        )
    except Exception:  # of another class (_Inexact), unhashable, or a __hash__ / __eq__ that fails:
        return None  # judged without keeping


def _group(fields: Iterable[str]) -> int:
    """The index of the group of ``fields`` (and the settings), added if new."""
    positions = (*sorted({_POSITION[f] for f in fields}), _SETTINGS)
    if positions not in _groups:
        _groups.append(positions)
        _group_selects.append(operator.itemgetter(*positions))  # two positions at least: a tuple
        _group_tables.append({})
        _last[0] = None  # numbered without this group
    return _groups.index(positions)


def memoised(rule_id: str, test: Test, fields: Iterable[str]) -> Test:
    """``test`` with its answers kept by the values of ``fields`` and of the settings."""
    fields = tuple(fields)
    if len(fields) != len(set(fields)):
        raise ValueError(f"{rule_id}: a field is named twice")
    group = _group(fields)
    answers: dict[int, Outcome] = {}
    _answers.append(answers)
    # The rule's distinct answers, each kept as one object: equal answers under different keys (a
    # row with other data categories, to which the rule's answer does not turn) are the same
    # outcome, so that screening, given the outcome it had before, reuses its finding. Keyed by the
    # outcome's parts (strings hash in C; an Outcome's hash is two Python calls), and only from a
    # rule's second key on: a single assessment asks each rule once and would pay for nothing.
    distinct: dict[tuple[object, ...], Outcome] = {}
    _answers.append(distinct)

    @functools.wraps(test)
    def kept_test(operation: ProcessingOperation, settings: Settings) -> Outcome:
        last = _last[0]
        if last is not None and last[0] is operation and last[1] is settings:
            numbers = last[2]  # the rules before in this screening looked the values up
        else:
            numbers = _numbers_of(operation, settings)
        if numbers is None:  # not kept (see _values_of)
            return test(operation, settings)
        try:
            key = numbers[group]
        except IndexError:  # numbered before this rule's group was made
            return test(operation, settings)
        outcome = answers.get(key)
        if outcome is None:
            outcome = test(operation, settings)
            if answers:  # not the rule's first answer: equal answers become one object
                if not distinct:  # those kept before anything was shared
                    for earlier in list(answers.values()):
                        distinct.setdefault(_parts(earlier), earlier)
                outcome = distinct.setdefault(_parts(outcome), outcome)
                if len(answers) >= _ANSWERS_LIMIT:
                    answers.clear()
                if len(distinct) >= _ANSWERS_LIMIT:
                    distinct.clear()
            answers[key] = outcome
        return outcome

    return kept_test


_ABSENT = object()


def staged(
    rule_id: str, early: Callable[[ProcessingOperation, Settings], Outcome | None], test: Test
) -> Test:
    """``test`` (already memoised) asked only where ``early``, kept by the fields of
    :data:`EARLY_READS`, says None: ``early`` gives the rule's answer, or None where it needs more.

    ``early``'s answers (None included) are kept as a rule's are, equal answers one object.
    """
    group = _group(EARLY_READS[rule_id])
    answers: dict[int, Outcome | None] = {}
    distinct: dict[tuple[object, ...], Outcome] = {}
    _answers.extend((answers, distinct))  # type: ignore[arg-type]  # emptied by clear() with the others

    @functools.wraps(test)
    def staged_test(operation: ProcessingOperation, settings: Settings) -> Outcome:
        last = _last[0]
        if last is not None and last[0] is operation and last[1] is settings:
            numbers = last[2]
        else:
            numbers = _numbers_of(operation, settings)
        outcome: Outcome | None
        if numbers is None or group >= len(numbers):
            outcome = early(operation, settings)
        else:
            key = numbers[group]
            got: object = answers.get(key, _ABSENT)
            if got is not _ABSENT:
                outcome = got  # type: ignore[assignment]  # an answer kept, or None
            else:
                outcome = early(operation, settings)
                if outcome is not None:
                    if len(distinct) >= _ANSWERS_LIMIT:
                        distinct.clear()
                    outcome = distinct.setdefault(_parts(outcome), outcome)
                if len(answers) >= _ANSWERS_LIMIT:
                    answers.clear()
                answers[key] = outcome
        if outcome is None:
            return test(operation, settings)
        return outcome

    staged_test.__wrapped__ = test.__wrapped__  # type: ignore[attr-defined]  # the plain rule, as kept tests
    staged_test.early = early  # type: ignore[attr-defined]  # the plain early stage, for the tests
    return staged_test


def _parts(outcome: Outcome) -> tuple[object, ...]:
    """What an outcome is made of, as a key: equal parts, equal outcomes."""
    rationale = outcome.rationale
    return (outcome.status, rationale.fr, rationale.en, outcome.missing)


def kept(
    rules: Iterable[Rule],
    early: dict[str, Callable[[ProcessingOperation, Settings], Outcome | None]] | None = None,
) -> tuple[Rule, ...]:
    """``rules`` (criteria or list items) with memoised tests; a rule absent from :data:`READS` is
    an error, so a rule added later cannot go unkept or be kept by the wrong fields unnoticed.

    ``early`` gives, by rule id, a rule's early stage: its answer where fewer fields decide it (those
    of :data:`EARLY_READS`), None elsewhere (see :func:`staged`)."""
    early = early or {}
    out = []
    for rule in rules:
        if rule.id not in READS:
            raise KeyError(f"{rule.id}: the fields its test reads are not listed in aipd_builtin.memo.READS")
        test = memoised(rule.id, rule.test, READS[rule.id])
        if rule.id in early:
            if rule.id not in EARLY_READS:
                raise KeyError(f"{rule.id}: the fields its early stage reads are not listed in EARLY_READS")
            test = staged(rule.id, early[rule.id], test)
        out.append(attrs.evolve(rule, test=test))
    unknown = set(early) - {rule.id for rule in out}
    if unknown:
        raise KeyError(f"early stages of rules not given: {sorted(unknown)}")
    return tuple(out)


def clear() -> None:
    """Forget every answer kept across operations: this module's and those of
    :mod:`aipd_builtin.facts` (for tests comparing warm and cold screenings)."""
    for answers in _answers:
        answers.clear()
    for table in _values:
        table.clear()
    for combinations in _group_tables:
        combinations.clear()
    _last[0] = None
    facts.clear()
