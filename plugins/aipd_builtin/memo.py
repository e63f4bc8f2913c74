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

- Each value is looked up once per screening in a table of the values seen (one hash of each
  field per operation), which gives it a number never given to another value; a rule's key is
  its own number and those of its fields, a tuple of small integers, cheap to hash at every call.
- Both stores are bounded and emptied when full (their keys come from the input); the numbers
  are never reused, so an answer kept under a number emptied from the table is never given again.
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

import functools
import itertools
from collections.abc import Callable, Iterable
from typing import TypeVar

import attrs

from aipd.catalogue import Criterion, ListItem, Outcome
from aipd.model import ProcessingOperation
from aipd.settings import Settings
from aipd_builtin import facts

__all__ = ["READS", "clear", "kept"]

Test = Callable[[ProcessingOperation, Settings], Outcome]
Rule = TypeVar("Rule", Criterion, ListItem)

# The fields read by the facts the rules share, spelled once (see the module's docstring).
_AI = ("ai_system",)
#: ``has_domain``, ``entirely_of_type``: the declared fields.
_DOMAINS = ("domains",)
#: Recital 91 (``individual_practice``): the fields and the kind of controller.
_RECITAL_91 = ("controller", "domains")
#: ``large_scale`` and ``mandatory_large_scale*``: recital 91, ``persons``, the data categories.
_LARGE_SCALE = (*_RECITAL_91, "data", "data_subjects", "scale")
#: ``regime_in_doubt`` and the Title III rules: the legal framework and the fields.
_REGIME = ("legal", "domains")
#: ``no_stated_value``: the status of the record.
_STATUS = ("status",)
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

#: Every field some rule reads, in a fixed order: each operation's values are looked up once.
_FIELDS: tuple[str, ...] = tuple(sorted({f for fields in READS.values() for f in fields}))
_POSITION = {name: i for i, name in enumerate(_FIELDS)}
_SETTINGS = len(_FIELDS)  # the settings' number comes after the fields'

_VALUES_LIMIT = 2048  # values kept per field
_ANSWERS_LIMIT = 8192  # answers kept, all rules together

_numbers = itertools.count(1)
#: Per field (and the settings, last): value → its number.
_values: list[dict[object, int]] = [{} for _ in range(len(_FIELDS) + 1)]
#: (rule number, the numbers of its fields and of the settings) → the rule's answer.
_answers: dict[tuple[int, ...], Outcome] = {}
#: The numbers of the last operation and settings screened, with those objects (one tuple, so a
#: thread never reads an operation with another's numbers).
_last: list[tuple[ProcessingOperation, Settings, tuple[int, ...]] | None] = [None]


def _number(table: dict[object, int], value: object) -> int:
    number = table.get(value)
    if number is None:
        if len(table) >= _VALUES_LIMIT:
            table.clear()
        number = table[value] = next(_numbers)
    return number


def _numbers_of(operation: ProcessingOperation, settings: Settings) -> tuple[int, ...]:
    """The numbers of ``operation``'s fields (in :data:`_FIELDS` order) and of ``settings``."""
    last = _last[0]
    if last is not None and last[0] is operation and last[1] is settings:
        return last[2]
    numbers = (
        *(_number(_values[i], getattr(operation, name)) for i, name in enumerate(_FIELDS)),
        _number(_values[_SETTINGS], settings),
    )
    _last[0] = (operation, settings, numbers)
    return numbers


def memoised(rule_id: str, test: Test, fields: Iterable[str]) -> Test:
    """``test`` with its answers kept by the values of ``fields`` and of the settings."""
    token = next(_numbers)
    positions = (*(_POSITION[f] for f in fields), _SETTINGS)
    if len(positions) != len(set(positions)):
        raise ValueError(f"{rule_id}: a field is named twice")

    @functools.wraps(test)
    def kept_test(operation: ProcessingOperation, settings: Settings) -> Outcome:
        try:
            numbers = _numbers_of(operation, settings)
        except Exception:  # a value that cannot be hashed (an operation built by hand): no keeping
            return test(operation, settings)
        key = (token, *[numbers[i] for i in positions])
        outcome = _answers.get(key)
        if outcome is None:
            outcome = test(operation, settings)
            if len(_answers) >= _ANSWERS_LIMIT:
                _answers.clear()
            _answers[key] = outcome
        return outcome

    return kept_test


def kept(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    """``rules`` (criteria or list items) with memoised tests; a rule absent from :data:`READS` is
    an error, so a rule added later cannot go unkept or be kept by the wrong fields unnoticed."""
    out = []
    for rule in rules:
        if rule.id not in READS:
            raise KeyError(f"{rule.id}: the fields its test reads are not listed in aipd_builtin.memo.READS")
        out.append(attrs.evolve(rule, test=memoised(rule.id, rule.test, READS[rule.id])))
    return tuple(out)


def clear() -> None:
    """Forget every answer kept across operations: this module's and those of
    :mod:`aipd_builtin.facts` (for tests comparing warm and cold screenings)."""
    _answers.clear()
    for table in _values:
        table.clear()
    _last[0] = None
    facts.clear()
