"""The built-in rules' answers kept across operations (aipd_builtin.memo), against the plain rules.

A kept answer is given again to any operation whose fields listed in ``memo.READS`` and whose
settings are equal: these tests check that a rule reads no other field (on every branch the drawn
operations reach), that answers given from warm stores are those computed cold, for one rule and
for a whole screening, over sequences of operations that share some fields and differ in others,
and that the stores stay bounded without ever giving an answer kept for another value.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from aipd.catalogue import Outcome
from aipd.i18n import Text
from aipd.io import load
from aipd.model import ProcessingOperation
from aipd.registry import Catalogue, default_registry
from aipd.screening import screen
from aipd.settings import Settings
from aipd.vocabulary import GeographicExtent
from aipd_builtin import memo
from strategies import operations, partly_filled_operations

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))
FIELDS = [a.name for a in attrs.fields(ProcessingOperation)]
_HYPOTHESIS = hsettings(deadline=None, suppress_health_check=list(HealthCheck))

Test = Callable[[ProcessingOperation, Settings], Outcome]


def _catalogue() -> Catalogue:
    return default_registry(()).catalogue()


def _builtin_rules() -> list[tuple[str, Test]]:
    return [(rule.id, rule.test) for rule, plugin in _catalogue().rules if plugin.builtin]


RULES = _builtin_rules()


@pytest.fixture(autouse=True)
def _cold() -> Iterator[None]:
    memo.clear()
    yield
    memo.clear()


def _plain(test: Test) -> Test:
    plain: Test = test.__wrapped__  # type: ignore[attr-defined]
    return plain


def _same(a: Outcome, b: Outcome) -> bool:
    return (a.status, a.rationale, a.missing) == (b.status, b.rationale, b.missing)


#: Operations: drawn whole (every class of the model), partly filled (deeper branches), and the examples.
_OPERATIONS = st.one_of(
    operations(),
    partly_filled_operations().map(lambda filled: filled.operation),
    st.sampled_from(EXAMPLES).map(load),
)

#: Settings: the defaults, and thresholds that move the large-scale answers.
_SETTINGS = st.one_of(
    st.just(Settings()),
    st.builds(
        Settings,
        large_scale_persons=st.integers(1, 30_000),
        large_scale_share=st.sampled_from([0.05, 0.2, 0.5]),
        large_scale_min_persons=st.integers(0, 5_000),
        large_scale_records=st.integers(1, 2_000_000),
        large_scale_data_items=st.integers(1, 80),
        large_scale_extents=st.frozensets(st.sampled_from(list(GeographicExtent))),
        mandatory_large_scale_absolute=st.booleans(),
    ),
)


@st.composite
def _mixed(draw: st.DrawFn) -> list[ProcessingOperation]:
    """Operations built from a few drawn ones, each taking some fields from another: the sequences
    share some fields' values and differ in others, so kept answers are asked for again and again."""
    bases = draw(st.lists(_OPERATIONS, min_size=2, max_size=3))
    out = []
    for _ in range(draw(st.integers(2, 6))):
        base, other = draw(st.sampled_from(bases)), draw(st.sampled_from(bases))
        taken = draw(st.frozensets(st.sampled_from(FIELDS)))
        try:
            out.append(attrs.evolve(base, **{f: getattr(other, f) for f in taken}))
        except (TypeError, ValueError):
            out.append(base)  # a mix the model refuses (a category above the whole): keep the base
    return out


# --- what is kept, and by what ----------------------------------------------------------------------


def test_every_builtin_rule_is_kept_by_the_fields_it_reads() -> None:
    """Each built-in rule the registry holds is memoised, its plain test kept; READS names no rule
    that does not exist (a rule renamed would otherwise be kept by a stale list)."""
    ids = {rule_id for rule_id, _ in RULES}
    assert ids == set(memo.READS)
    for _, test in RULES:
        assert callable(_plain(test))
    assert all(set(fields) <= set(FIELDS) for fields in memo.READS.values())


def test_a_rule_missing_from_the_list_is_refused() -> None:
    """A built-in rule whose fields are not listed cannot be kept by guess."""
    rule = next(rule for rule, plugin in _catalogue().rules if plugin.builtin)
    with pytest.raises(KeyError, match="not listed"):
        memo.kept([attrs.evolve(rule, id="wp248:renamed")])


class _Unreadable:
    """A field no rule may read: any use of it raises."""

    def _refuse(self, *_args: object) -> Any:
        raise LookupError("a rule read a field outside memo.READS")

    __getattr__ = __eq__ = __hash__ = __bool__ = __iter__ = __len__ = __contains__ = _refuse  # type: ignore[assignment]


def _unreadable_outside(operation: ProcessingOperation, fields: tuple[str, ...]) -> ProcessingOperation:
    copy = attrs.evolve(operation)
    for name in FIELDS:
        if name not in fields:
            object.__setattr__(copy, name, _Unreadable())
    return copy


@_HYPOTHESIS
@given(operation=_OPERATIONS, settings=_SETTINGS)
def test_each_rule_reads_only_the_fields_it_is_kept_by(
    operation: ProcessingOperation, settings: Settings
) -> None:
    """Every other field made unreadable, each rule's plain answer is unchanged: it reads none of them
    (a read would raise), and the fields it is kept by decide its answer."""
    for rule_id, test in RULES:
        plain = _plain(test)
        expected = plain(operation, settings)
        got = plain(_unreadable_outside(operation, memo.READS[rule_id]), settings)
        assert _same(got, expected), rule_id


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_each_rule_reads_only_its_fields_on_the_examples(example: Path) -> None:
    operation = load(example)
    for rule_id, test in RULES:
        plain = _plain(test)
        got = plain(_unreadable_outside(operation, memo.READS[rule_id]), Settings())
        assert _same(got, plain(operation, Settings())), rule_id


# --- warm answers are cold answers ------------------------------------------------------------------


@_HYPOTHESIS
@given(sequence=_mixed(), settings=st.lists(_SETTINGS, min_size=1, max_size=2))
def test_kept_answers_are_the_plain_answers_over_a_sequence(
    sequence: list[ProcessingOperation], settings: list[Settings]
) -> None:
    """Each rule's answers, asked for a sequence of operations sharing some fields (and with one or
    two settings in turn), with the stores warm from the operations before: those of the plain rule."""
    for i, operation in enumerate(sequence):
        each = settings[i % len(settings)]
        for rule_id, test in RULES:
            assert _same(test(operation, each), _plain(test)(operation, each)), (rule_id, i)


@_HYPOTHESIS
@given(sequence=_mixed(), settings=_SETTINGS)
def test_a_screening_with_warm_stores_is_the_screening_with_cold_ones(
    sequence: list[ProcessingOperation], settings: Settings
) -> None:
    """Whole screenings of a sequence, the stores warm, equal the screening of each operation with
    every store emptied first (memo.clear also empties aipd_builtin.facts' kept answers)."""
    catalogue = _catalogue()
    warm = [screen(op, catalogue, settings) for op in sequence]
    cold = []
    for op in sequence:
        memo.clear()
        cold.append(screen(op, catalogue, settings))
    assert warm == cold


@_HYPOTHESIS
@given(sequence=_mixed())
def test_full_stores_are_emptied_and_never_give_another_values_answer(
    sequence: list[ProcessingOperation], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With stores of two or three entries, emptied over and over: the answers are still the plain
    ones (a value seen again after its table was emptied gets a new number, never an old one)."""
    with monkeypatch.context() as m:
        m.setattr(memo, "_VALUES_LIMIT", 2)
        m.setattr(memo, "_ANSWERS_LIMIT", 3)
        for operation in [*sequence, *sequence]:
            for rule_id, test in RULES:
                assert _same(test(operation, Settings()), _plain(test)(operation, Settings())), rule_id
            assert all(len(answers) <= 3 for answers in memo._answers)
            assert all(len(table) <= 2 for table in (*memo._values, *memo._group_tables))


def test_the_settings_decide_the_kept_answer() -> None:
    """The same operation with two thresholds in turn: each answer is that of its settings."""
    operation = load(EXAMPLES[0])
    rule = dict(RULES)["wp248:large_scale"]
    persons = operation.persons or 10_000
    low, high = Settings(large_scale_persons=1), Settings(large_scale_persons=persons + 1)
    for settings in (low, high, low, high):
        assert _same(rule(operation, settings), _plain(rule)(operation, settings))
    assert rule(operation, low).rationale != rule(operation, high).rationale


def test_a_test_that_raises_keeps_nothing_and_raises_for_each_operation() -> None:
    """An error is never hidden by a kept answer: it is raised again for the next operation."""
    calls: list[ProcessingOperation] = []

    def broken(operation: ProcessingOperation, settings: Settings) -> Outcome:
        calls.append(operation)
        raise ValueError("broken")

    test = memo.memoised("test:broken", broken, ("domains",))
    operation = load(EXAMPLES[0])
    for each in (operation, attrs.evolve(operation)):
        with pytest.raises(ValueError, match="broken"):
            test(each, Settings())
    assert len(calls) == 2


def test_an_unhashable_value_is_judged_without_keeping() -> None:
    """An operation built by hand with a list where the model holds a tuple cannot be looked up: the
    rule is asked as it is, for each operation."""
    operation = load(EXAMPLES[0])
    legal = attrs.evolve(operation.legal)
    object.__setattr__(legal, "prior_formalities", ["déclaration"])
    odd = attrs.evolve(operation, legal=legal)
    for rule_id, test in RULES:
        assert _same(test(odd, Settings()), _plain(test)(odd, Settings())), rule_id


def test_threads_screening_together_get_the_cold_screenings() -> None:
    """Four threads screening the examples at once, the stores shared: each screening is the one
    computed alone with cold stores."""
    catalogue, settings = _catalogue(), Settings()
    operations_ = [load(p) for p in EXAMPLES] * 4
    cold = []
    for op in operations_:
        memo.clear()
        cold.append(screen(op, catalogue, settings))
    memo.clear()
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        warm = list(pool.map(lambda op: screen(attrs.evolve(op), catalogue, settings), operations_))
    assert warm == cold


def test_a_part_of_another_class_is_judged_without_keeping() -> None:
    """A controller of a subclass (aipd triage watches whether the kind of body is read, to screen again
    per kind only the rows whose answer turns on it) is never looked up: each rule runs and reads what
    it reads, and nothing is kept for it."""
    from aipd.model import Controller

    reads: list[str] = []

    class Watched(Controller):
        @property
        def kind(self) -> Any:
            reads.append("kind")
            return Controller.__dict__["kind"].__get__(self, Controller)

    operation = load(EXAMPLES[0])
    watched = object.__new__(Watched)
    for a in attrs.fields(Controller):
        slot = Controller.__dict__[a.name]
        slot.__set__(watched, slot.__get__(operation.controller, Controller))
    odd = attrs.evolve(operation, controller=watched)
    for _ in range(2):
        for rule_id, test in RULES:
            start = len(reads)
            got = test(odd, Settings())
            middle = len(reads)
            assert _same(got, _plain(test)(odd, Settings())), rule_id
            assert middle - start == len(reads) - middle, rule_id  # the rule ran: it read as the plain one
    assert all(not answers for answers in memo._answers)


def test_equal_answers_of_a_rule_are_one_object() -> None:
    """A rule's answers equal in content are one outcome, whichever operation asked first (so that
    screening, given the outcome it had before, reuses its finding): over the examples and copies of
    them with other data categories, other persons and other settings."""
    from aipd.model import DataCategory, SubjectCategory
    from aipd.vocabulary import DataKind, SubjectKind

    operations_ = []
    for example in EXAMPLES:
        op = load(example)
        operations_ += [
            op,
            attrs.evolve(op, data=(*op.data, DataCategory(kind=DataKind.IDENTITY))),
            attrs.evolve(op, data_subjects=(SubjectCategory(kind=SubjectKind.USERS),)),
        ]
    for rule_id, test in RULES:
        seen: list[Outcome] = []
        for op in operations_:
            for settings in (Settings(), Settings(large_scale_persons=7)):
                got = test(op, settings)
                for before in seen:
                    assert (before == got) is (before is got), rule_id
                seen.append(got)


def _ill_typed(operation: Any, **values: Any) -> Any:
    """A copy of ``operation`` holding ``values`` of a type its fields do not declare. The model refuses
    to build one (its check at construction raises InputError), so validation is bypassed: the copy
    is built right, then the values are put in its slots with ``object.__setattr__``, as a program
    going round the freeze could. The memo must still never keep an answer for them."""
    copy = attrs.evolve(operation)
    for name, value in values.items():
        object.__setattr__(copy, name, value)
    return copy


def _systematic_zero() -> Any:
    """``Monitoring(systematic=0)``, built with validation bypassed (see :func:`_ill_typed`)."""
    from aipd.model import Monitoring

    return _ill_typed(Monitoring(systematic=False), systematic=0)


def test_an_ill_typed_operation_never_gives_its_answer_to_a_well_typed_one() -> None:
    """« validated » for Status.VALIDATED and 0 for False compare equal, but the rules read them
    differently (``is``): an operation built by hand so is judged as it is, and a correctly typed one
    screened after it gets its own answers (kept, the draft's « unknown » of gdpr:no-legal-basis was
    given to the validated record, whose missing basis is a blocking issue)."""
    from aipd.model import Monitoring, Purpose
    from aipd.vocabulary import Status

    for example in EXAMPLES:
        base = attrs.evolve(load(example), purposes=(Purpose(description="Gérer"),))
        right = attrs.evolve(base, status=Status.VALIDATED, monitoring=Monitoring(systematic=False))
        for wrong in (
            _ill_typed(right, status="validated"),
            _ill_typed(right, monitoring=_systematic_zero()),
        ):
            memo.clear()
            for rule_id, test in RULES:
                assert _same(test(wrong, Settings()), _plain(test)(wrong, Settings())), rule_id
                assert _same(test(right, Settings()), _plain(test)(right, Settings())), rule_id
    assert memo._values_of(load(EXAMPLES[0]), Settings()) is not None  # a loaded operation is kept


@_HYPOTHESIS
@given(operation=operations())
def test_drawn_operations_are_kept(operation: ProcessingOperation) -> None:
    """The strategies draw values of the declared classes: the properties above exercise kept answers,
    not only the plain path."""
    assert memo._values_of(operation, Settings()) is not None


def _variants(value: object) -> Iterator[object]:
    """Values of ``value``'s class (or of its field's) differing from it in one place: every leaf of an
    attrs part in turn, an element of a tuple, a part left out."""
    import datetime as dt
    import enum

    if attrs.has(value.__class__):
        for a in attrs.fields(value.__class__):
            for changed in _variants(getattr(value, a.name)):
                try:
                    yield attrs.evolve(value, **{a.name: changed})  # type: ignore[misc]
                except (TypeError, ValueError):
                    continue  # refused by the model (a minimum, a rule across fields)
        return
    if isinstance(value, tuple):
        if value:
            yield value[:-1]
            for changed in _variants(value[0]):
                yield (changed, *value[1:])
        return
    if isinstance(value, bool):
        yield not value
    elif isinstance(value, enum.Enum):
        yield next(m for m in type(value) if m is not value)
    elif isinstance(value, int | float):
        yield value + 1
    elif isinstance(value, str):
        yield value + "·"
    elif isinstance(value, dt.date):
        yield value + dt.timedelta(days=1)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_value_s_key_holds_every_leaf_of_it(example: Path) -> None:
    """Each field's value is numbered by its key (one tuple per part, compared in C): a value that
    differs in any one leaf, at any depth, has another key, so another number; an equal copy (other
    objects) has the same key."""
    operation = load(example)
    keys = memo._keys(operation)
    assert memo._keys(attrs.evolve(operation)) == keys
    tried = 0
    for i, name in enumerate(memo._FIELDS):
        value = getattr(operation, name)
        assert memo._keys(attrs.evolve(operation, **{name: value})) == keys  # type: ignore[misc]
        for changed in _variants(value):
            assert changed != value
            try:
                other = attrs.evolve(operation, **{name: changed})  # type: ignore[misc]
            except (TypeError, ValueError):
                continue
            assert memo._keys(other)[i] != keys[i], (name, changed)
            tried += 1
    assert tried > 50


# --- early stages -------------------------------------------------------------------------------------

EARLY = [(rule_id, test, test.early) for rule_id, test in RULES if hasattr(test, "early")]  # type: ignore[attr-defined]


def test_the_early_stages_are_those_listed() -> None:
    assert {rule_id for rule_id, _, _ in EARLY} == set(memo.EARLY_READS)
    for rule_id, _, _ in EARLY:
        assert set(memo.EARLY_READS[rule_id]) <= set(memo.READS[rule_id])
    rule = next(rule for rule, plugin in _catalogue().rules if plugin.builtin)
    with pytest.raises(KeyError, match="EARLY_READS"):
        memo.kept([rule], early={rule.id: lambda op, s: None})
    with pytest.raises(KeyError, match="not given"):
        memo.kept([rule], early={"gdpr:art35-10": lambda op, s: None})


def _early_agrees(operation: ProcessingOperation, settings: Settings) -> None:
    for rule_id, test, early in EARLY:
        expected = _plain(test)(operation, settings)
        got = early(operation, settings)
        if got is not None:
            assert _same(got, expected), rule_id
        # it reads only the fields it is kept by: the others made unreadable, the same answer
        unreadable = early(_unreadable_outside(operation, memo.EARLY_READS[rule_id]), settings)
        assert (unreadable is None) is (got is None), rule_id
        if got is not None:
            assert unreadable is not None, rule_id
            assert _same(unreadable, got), rule_id


@_HYPOTHESIS
@given(operation=_OPERATIONS, settings=_SETTINGS)
def test_an_early_stage_is_the_rule_s_answer_and_reads_only_its_fields(
    operation: ProcessingOperation, settings: Settings
) -> None:
    """Where an early stage answers, its answer is the whole rule's; it reads only EARLY_READS' fields."""
    _early_agrees(operation, settings)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_an_early_stage_on_the_examples(example: Path) -> None:
    from aipd.vocabulary import LegalRegime

    operation = load(example)
    for regime in (None, LegalRegime.GDPR, LegalRegime.POLICE_JUSTICE):
        for law in (None, "Loi n° 1"):
            legal = attrs.evolve(operation.legal, regime=regime, specific_law=law)
            _early_agrees(attrs.evolve(operation, legal=legal), Settings())


def test_an_early_stage_is_kept_by_its_fields_and_the_rule_asked_where_it_says_none() -> None:
    """Operations differing in their purposes alone: the early stage is asked once and its answer
    given again; where it says None, the whole rule answers for each operation."""
    from aipd.model import Purpose

    calls = {"early": 0, "rule": 0}

    def early(operation: ProcessingOperation, _s: Settings) -> Outcome | None:
        calls["early"] += 1
        return None if operation.legal.specific_law else Outcome.not_met(t_("Sans texte."))

    def rule(operation: ProcessingOperation, _s: Settings) -> Outcome:
        calls["rule"] += 1
        return Outcome.met(t_(f"{len(operation.purposes)} finalités."))

    memo.EARLY_READS["test:staged"] = ("legal",)
    try:
        test = memo.staged("test:staged", early, memo.memoised("test:staged", rule, ("legal", "purposes")))
    finally:
        del memo.EARLY_READS["test:staged"]
    base = load(EXAMPLES[0])
    without = attrs.evolve(base, legal=attrs.evolve(base.legal, specific_law=None))
    for n in range(1, 4):
        got = test(
            attrs.evolve(without, purposes=tuple(Purpose(description=f"F{i}") for i in range(n))), Settings()
        )
        assert got.rationale.fr == "Sans texte."
    assert calls == {"early": 1, "rule": 0}
    with_law = attrs.evolve(base, legal=attrs.evolve(base.legal, specific_law="Loi"))
    for n in range(1, 4):
        got = test(
            attrs.evolve(with_law, purposes=tuple(Purpose(description=f"F{i}") for i in range(n))), Settings()
        )
        assert got.rationale.fr == f"{n} finalités."
    assert calls == {"early": 2, "rule": 3}


def t_(fr: str) -> Text:
    return Text(fr, fr)
