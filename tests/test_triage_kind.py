"""A register row without the kind of body is screened as the texts leave it: for both kinds.

The triage screens such a row once, watching whether a rule reads the kind, and a second time
only when one did (``aipd.triage._screen_unknown_kind``). That shortcut is only right if every
rule that can answer differently for another kind is seen reading it: a rule (or a cache of
answers) that read the kind some other way (hashing the controller, a copy of its fields)
would go unseen, and the row would be screened as « autre » alone, a verdict resting on a
placeholder. This property checks the shortcut against screening both kinds every time.
"""

from __future__ import annotations

import concurrent.futures

import attrs
import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from aipd import screening
from aipd.catalogue import Effect, FindingStatus
from aipd.i18n import Text, t
from aipd.io import load
from aipd.model import Controller, ProcessingOperation
from aipd.registry import default_registry
from aipd.screening import Finding, Screening, run_rules, screen, screen_unsettled
from aipd.settings import Settings
from aipd.triage import _copier, _replaced, _screen_unknown_kind, _with_kind
from aipd.vocabulary import OrganisationKind
from strategies import operations

_CATALOGUE = default_registry().catalogue()
_SETTINGS = Settings()


def _both_kinds(op: ProcessingOperation) -> tuple[object, ...]:
    """The reference: the rules run for « autre » and for a commune, always, then settled."""
    other, commune = OrganisationKind.OTHER, OrganisationKind.COMMUNE
    as_commune = attrs.evolve(op, controller=attrs.evolve(op.controller, kind=commune))
    screening = screen_unsettled(
        [
            (Text(other.fr, other.en), run_rules(op, _CATALOGUE, _SETTINGS)),
            (Text(commune.fr, commune.en), run_rules(as_commune, _CATALOGUE, _SETTINGS)),
        ],
        fact="controller.kind",
        what=t("la nature de l'organisme", "the kind of body"),
    )
    return screening.findings, screening.verdict, screening.blocking, screening.missing_facts


@hsettings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(operations())
def test_a_row_without_the_kind_is_screened_as_for_both_kinds(op: ProcessingOperation) -> None:
    placeholder = attrs.evolve(op, controller=attrs.evolve(op.controller, kind=OrganisationKind.OTHER))
    got = _screen_unknown_kind(placeholder, _CATALOGUE, _SETTINGS)
    assert (got.findings, got.verdict, got.blocking, got.missing_facts) == _both_kinds(placeholder)


@hsettings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(operations())
def test_a_row_the_kind_does_not_decide_is_screened_as_screen_gives_it(op: ProcessingOperation) -> None:
    """Where every rule answers alike for both kinds, the row's screening is ``screen``'s for « autre »,
    notices of contradictory facts included, though it is built from the findings already found."""
    placeholder = attrs.evolve(op, controller=attrs.evolve(op.controller, kind=OrganisationKind.OTHER))
    as_commune = attrs.evolve(op, controller=attrs.evolve(op.controller, kind=OrganisationKind.COMMUNE))
    got = _screen_unknown_kind(placeholder, _CATALOGUE, _SETTINGS)
    if run_rules(placeholder, _CATALOGUE, _SETTINGS) == run_rules(as_commune, _CATALOGUE, _SETTINGS):
        assert got == screen(placeholder, _CATALOGUE, _SETTINGS)


# --- settled findings kept across calls (aipd.screening._SETTLED) -------------------------------------

_WHAT = (
    t("la nature de l'organisme", "the kind of body"),
    t("le statut de l'organisme", "the body's status"),
)
_FACTS = ("controller.kind", "controller.name")
_LABELS = (
    (t("Autre", "Other"), t("Commune", "Municipality")),
    (t("Organisme privé", "Private body"), t("Commune", "Municipality")),
    (t("Autre", "Other"), t("Département", "Department")),
)


def _school(kind: str) -> ProcessingOperation:
    """A processing whose answers turn on the kind: school services (délibération 2019-118, item 10)
    on a legitimate interest (closed to public authorities, GDPR art. 6(1), second subparagraph)."""
    return load(
        {
            "id": "cantine",
            "name": "Cantine",
            "controller": {"name": "Lorvalle", "kind": kind},
            "domains": ["school_services"],
            "data": [{"kind": "identity"}],
            "purposes": [{"description": "Inscrire", "legal_basis": "legitimate_interests"}],
        }
    )


_OTHER = run_rules(_school("other"), _CATALOGUE, _SETTINGS)
_COMMUNE = run_rules(_school("commune"), _CATALOGUE, _SETTINGS)


#: The rules whose answer turns on the kind, for that processing.
_TURNING = {a.id for a, b in zip(_OTHER, _COMMUNE, strict=True) if a != b}


def _variant(findings: tuple[Finding, ...], change: int) -> tuple[Finding, ...]:
    """``findings`` with a field of the rules that turn on the kind made another object, equal or not
    (0: unchanged; 1: an equal copy of each; 2: another title; 3: another rationale; 4: other missing facts;
    5: the same fields, the same objects, in a subclass)."""
    if change == 0:
        return findings
    out = []
    for f in findings:
        if change == 1:
            out.append(attrs.evolve(f))
        elif f.id not in _TURNING:
            out.append(f)
        elif change == 2:
            out.append(attrs.evolve(f, title=Text(f.title.fr + " (bis)", f.title.en + " (bis)")))
        elif change == 3:
            out.append(attrs.evolve(f, rationale=Text(f.rationale.fr + " Bis.", f.rationale.en + " Bis.")))
        elif change == 4:
            out.append(attrs.evolve(f, missing=(*f.missing, "controller.name")))
        else:
            out.append(_Subclass(**{a.alias: getattr(f, a.name) for a in attrs.fields(Finding)}))
    return tuple(out)


class _Subclass(Finding):
    """A finding of another class: not equal to a :class:`Finding` of the same fields."""


def _settle(call: tuple[int, int, int, int, int, bool]) -> Screening:
    labels, fact, what, change_other, change_commune, swap = call
    first, second = _LABELS[labels]
    answers = [(first, _variant(_OTHER, change_other)), (second, _variant(_COMMUNE, change_commune))]
    if swap:
        answers.reverse()
    return screen_unsettled(answers, fact=_FACTS[fact], what=_WHAT[what])


def _cold(call: tuple[int, int, int, int, int, bool]) -> Screening:
    screening._SETTLED.clear()
    return _settle(call)


_CALLS = st.tuples(
    st.integers(0, len(_LABELS) - 1),
    st.integers(0, len(_FACTS) - 1),
    st.integers(0, len(_WHAT) - 1),
    st.integers(0, 5),
    st.integers(0, 5),
    st.booleans(),
)


def test_a_kept_settled_finding_is_kept_by_everything_that_decides_it() -> None:
    """The same findings settled under other labels, another fact, its other wording, or with a field of
    one finding another object (its title, rationale, missing facts), give their own settled findings,
    as computed with nothing kept: each is part of the key."""
    assert {"gdpr:no-legal-basis", "cnil-2019-118:10"} <= _TURNING
    screening._SETTLED.clear()
    base = _settle((0, 0, 0, 0, 0, False))
    assert screening._SETTLED  # the rules that turn on the kind were settled, and kept
    for call in [
        (1, 0, 0, 0, 0, False),  # labels
        (0, 1, 0, 0, 0, False),  # fact
        (0, 0, 1, 0, 0, False),  # its wording
        (0, 0, 0, 2, 0, False),  # a finding's title
        (0, 0, 0, 0, 2, False),
        (0, 0, 0, 3, 0, False),  # a finding's rationale
        (0, 0, 0, 0, 3, False),
        (0, 0, 0, 4, 0, False),  # a finding's missing facts
        (0, 0, 0, 0, 4, False),
        (0, 0, 0, 5, 0, False),  # a finding's class
        (0, 0, 0, 0, 5, False),
        (0, 0, 0, 0, 0, True),  # the answers' order
    ]:
        warm = _settle(call)
        assert warm.findings != base.findings, call
        assert warm == _cold(call), call
        _settle((0, 0, 0, 0, 0, False))  # the base kept again, for the next call to find
    # Equal copies of the findings settle as the findings themselves.
    assert _settle((0, 0, 0, 1, 1, False)) == base


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_CALLS, min_size=1, max_size=12), st.integers(1, 4))
def test_settled_findings_kept_across_calls_are_those_computed_afresh(
    calls: list[tuple[int, int, int, int, int, bool]], limit: int
) -> None:
    """Any sequence of settlings, the store tiny and emptied over and over, gives at each call what
    the same call gives with nothing kept."""
    cold = [_cold(call) for call in calls]
    saved = screening._SETTLED_LIMIT
    screening._SETTLED_LIMIT = limit
    try:
        screening._SETTLED.clear()
        assert [_settle(call) for call in calls] == cold
    finally:
        screening._SETTLED_LIMIT = saved


def test_threads_settling_together_get_the_settlings_computed_afresh() -> None:
    """Four threads settling at once, the store shared, small and emptied often: each gets the screening
    computed alone with nothing kept."""
    calls = [
        (a, b, c, d, e, f)
        for a in range(3)
        for b in range(2)
        for c in range(2)
        for d in (0, 2, 4)
        for e in (0, 3)
        for f in (False, True)
    ]
    cold = [_cold(call) for call in calls]
    saved = screening._SETTLED_LIMIT
    screening._SETTLED_LIMIT = 8
    try:
        screening._SETTLED.clear()
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            warm = list(pool.map(_settle, calls * 4))
    finally:
        screening._SETTLED_LIMIT = saved
    assert warm == cold * 4


# --- the operation for a commune, copied (aipd.triage._with_kind) ----------------------------------


@hsettings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(operations(), st.sampled_from(OrganisationKind))
def test_the_operation_for_another_kind_is_what_evolve_gives(
    op: ProcessingOperation, kind: OrganisationKind
) -> None:
    """Copied field by field, the operation for another kind is equal to ``attrs.evolve``'s, of the same
    classes, hashing alike, its other fields the same objects; the operation it was copied from is unchanged."""
    before = attrs.evolve(op)
    got = _with_kind(op, kind)
    want = attrs.evolve(op, controller=attrs.evolve(op.controller, kind=kind))
    assert got == want
    assert hash(got) == hash(want)
    assert got.__class__ is ProcessingOperation
    assert got.controller.__class__ is Controller
    assert got.controller.kind is kind
    assert all(
        getattr(got, a.name) is getattr(op, a.name)
        for a in attrs.fields(ProcessingOperation)
        if a.name != "controller"
    )
    assert op == before
    assert got is not op
    assert got.controller is not op.controller


@attrs.frozen
class _Plain:
    a: int
    b: str = attrs.field(converter=str.strip)


@attrs.frozen(cache_hash=True)
class _CachedHash:
    a: int
    b: str


@attrs.frozen
class _PostInit:
    a: int
    b: str
    c: str = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "c", self.b * 2)


@attrs.frozen
class _Derived:
    a: int
    b: list[int] = attrs.field(init=False, factory=list)


@attrs.frozen(weakref_slot=False)
class _NoWeakref:
    a: int
    b: str


@attrs.frozen
class _Checked:
    a: int = attrs.field(validator=attrs.validators.gt(0))
    b: str = ""


class _Sub(_Plain):
    pass


@attrs.frozen(slots=False)
class _Unslotted:
    a: int
    b: str


def test_a_class_a_copy_would_not_build_alike_is_evolved() -> None:
    """A copy is made only of a class whose instances are their fields alone, built by ``__init__``
    alone, for a field without converter or validator: a cached hash (which a copy would carry over
    to other values), a field set after ``__init__`` or by it alone, a validator on the field, a
    subclass or an instance dictionary are evolved, and every case gives what ``attrs.evolve`` gives."""
    assert _copier(_Plain, "a") is not None
    assert _copier(_Plain, "b") is None  # a converter
    assert _copier(_CachedHash, "a") is None
    assert _copier(_PostInit, "b") is None
    assert _copier(_Derived, "a") is None  # a field __init__ sets by itself
    assert _copier(_NoWeakref, "a") is not None
    assert _copier(_Checked, "a") is None
    assert _copier(_Sub, "a") is None
    assert _copier(_Unslotted, "a") is None
    cached = _CachedHash(1, "x")
    hash(cached)  # the hash kept in the instance
    for instance, name, value in [
        (_Plain(1, " x "), "a", 2),
        (_Plain(1, "x"), "b", " y "),
        (cached, "a", 2),
        (_PostInit(1, "x"), "b", "y"),
        (_Sub(1, "x"), "a", 2),
        (_Unslotted(1, "x"), "a", 2),
        (_Derived(1), "a", 2),
        (_NoWeakref(1, "x"), "a", 2),
    ]:
        got = _replaced(instance, name, value)
        want = attrs.evolve(instance, **{name: value})
        assert got == want
        assert got.__class__ is want.__class__
    assert hash(_replaced(cached, "a", 2)) == hash(_CachedHash(2, "x"))
    assert _replaced(_PostInit(1, "x"), "b", "y").c == "yy"
    derived = _Derived(1)
    assert _replaced(derived, "a", 2).b is not derived.b  # its own list, as __init__ gives it
    with pytest.raises(ValueError, match="must be > 0"):
        _replaced(_Checked(1), "a", 0)


def test_the_models_classes_are_copied_and_their_types_checked() -> None:
    """The model's classes check their types after ``__init__`` (``aipd.model._Checked``): they are
    copied, not evolved, and the copy runs the same check, so a wrong type is refused as
    ``attrs.evolve`` refuses it."""
    from aipd.errors import InputError

    assert _copier(ProcessingOperation, "controller") is not None
    assert _copier(Controller, "kind") is not None
    controller = _school("other").controller
    with pytest.raises(InputError, match=r"Controller\.kind"):
        attrs.evolve(controller, kind="commune")
    with pytest.raises(InputError, match=r"Controller\.kind"):
        _replaced(controller, "kind", "commune")


def _reference_unsettled(
    answers: list[tuple[Text, tuple[Finding, ...]]], *, fact: str, what: Text
) -> tuple[Finding, ...]:
    """The settled findings as ``screen_unsettled`` made them before it kept any (rule by rule, every
    finding compared): the reference for its shortcuts."""
    labels = [label for label, _ in answers]
    findings: list[Finding] = []
    for each_value in zip(*(found for _, found in answers), strict=True):
        first = each_value[0]
        if all(f.status is first.status for f in each_value):
            if first.status is FindingStatus.UNKNOWN and any(f.missing != first.missing for f in each_value):
                first = attrs.evolve(
                    first, missing=tuple(dict.fromkeys(m for f in each_value for m in f.missing))
                )
            findings.append(first)
            continue
        statuses = {f.status for f in each_value}
        each = list(zip(labels, each_value, strict=True))
        if first.effect is Effect.BLOCKS and FindingStatus.MET in statuses:
            met = [(label, f) for label, f in each if f.met]
            values = Text(
                " ou ".join(f"« {x.fr} »" for x, _ in met), " or ".join(f"'{x.en}'" for x, _ in met)
            )
            condition = Text(
                f"Si {what.fr} (fait non indiqué) est {values.fr} : ",
                f"If {what.en} (not given) is {values.en}: ",
            )
            findings.append(attrs.evolve(met[0][1], rationale=condition + met[0][1].rationale))
            continue
        findings.append(
            attrs.evolve(
                first,
                status=FindingStatus.UNKNOWN,
                rationale=Text(
                    f"Dépend de {what.fr} (fait non indiqué) : "
                    + " ; ".join(f"« {label.fr} » : {f.rationale.fr}" for label, f in each),
                    f"Depends on {what.en} (not given): "
                    + "; ".join(f"'{label.en}': {f.rationale.en}" for label, f in each),
                ),
                missing=tuple(dict.fromkeys([fact, *(m for _, f in each for m in f.missing)])),
            )
        )
    return tuple(findings)


_LABEL_POOL = (t("Autre", "Other"), t("Commune", "Municipality"), t("Département", "Department"))


@hsettings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(0, 2), st.booleans(), st.integers(0, 5)), min_size=1, max_size=3),
    st.integers(0, len(_FACTS) - 1),
    st.integers(0, len(_WHAT) - 1),
)
@example(values=[(0, False, 0), (1, True, 0), (2, False, 0)], fact=0, what=0)  # only the middle one turns
@example(values=[(0, False, 0), (1, False, 1), (2, True, 0)], fact=1, what=1)
def test_settling_one_two_or_three_values_gives_what_comparing_every_finding_gives(
    values: list[tuple[int, bool, int]], fact: int, what: int
) -> None:
    """One, two or three values, each with the findings for « autre » or for a commune (the same
    objects, equal copies or other fields), settled with what is kept: the findings settled rule by
    rule, every finding compared, as before anything was kept."""
    answers = [
        (_LABEL_POOL[label], _variant(_COMMUNE if commune else _OTHER, change))
        for label, commune, change in values
    ]
    got = screen_unsettled(answers, fact=_FACTS[fact], what=_WHAT[what])
    assert got.findings == _reference_unsettled(answers, fact=_FACTS[fact], what=_WHAT[what])
    screening._SETTLED.clear()
    assert screen_unsettled(answers, fact=_FACTS[fact], what=_WHAT[what]) == got


def test_settling_findings_of_other_rules_for_one_value_is_refused() -> None:
    """Findings of fewer rules for one value than for another: a caller's error, not a silent cut."""
    with pytest.raises(ValueError, match="the same rules"):
        screen_unsettled(
            [(_LABELS[0][0], _OTHER), (_LABELS[0][1], _COMMUNE[:-1])], fact=_FACTS[0], what=_WHAT[0]
        )
