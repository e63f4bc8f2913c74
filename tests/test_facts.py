"""The built-in plug-in's three-valued combinations and shared answers, against their definitions.

The combinations are written for speed (one pass over the statuses, outcomes built without
checking again what is already checked); these tests hold them to the plain definitions they
replace, rationale and missing facts included, since both reach the DPO's document.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from aipd.catalogue import FindingStatus, Outcome
from aipd.i18n import Text, t
from aipd.model import ProcessingOperation
from aipd.vocabulary import DataKind, Domain
from aipd_builtin import facts
from strategies import operations

_PATHS = st.sampled_from(["scale.persons", "data", "domains", "ai_system.areas", "legal.regime"])


@st.composite
def outcomes(draw: st.DrawFn) -> Outcome:
    status = draw(st.sampled_from(list(FindingStatus)))
    words = draw(st.text(alphabet="abcé .", min_size=0, max_size=6))
    rationale = t(f"fr {words}", f"en {words}")
    missing = tuple(draw(st.lists(_PATHS, max_size=3))) if status is FindingStatus.UNKNOWN else ()
    return Outcome(status=status, rationale=rationale, missing=missing)


def _join(parts: Sequence[Outcome]) -> Text:
    return Text(" ".join(p.rationale.fr for p in parts), " ".join(p.rationale.en for p in parts))


def _missing(parts: Sequence[Outcome]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m for p in parts for m in p.missing))


def _all_of(*parts: Outcome) -> Outcome:
    failed = [p for p in parts if p.status is FindingStatus.NOT_MET]
    if failed:
        return Outcome.not_met(_join(failed))
    pending = [p for p in parts if p.status is FindingStatus.UNKNOWN]
    if pending:
        return Outcome.unknown(_join(parts), _missing(pending))
    return Outcome.met(_join(parts))


def _any_of(*parts: Outcome) -> Outcome:
    met = [p for p in parts if p.status is FindingStatus.MET]
    if met:
        return Outcome.met(_join(met))
    pending = [p for p in parts if p.status is FindingStatus.UNKNOWN]
    if pending:
        return Outcome.unknown(_join(parts), _missing(pending))
    return Outcome.not_met(_join(parts))


def _when(guard: Outcome, *conditions: Outcome) -> Outcome:
    if guard.status is not FindingStatus.UNKNOWN:
        return _all_of(guard, *conditions)
    rest = _all_of(*conditions)
    if rest.status is FindingStatus.NOT_MET:
        return rest
    return Outcome.unknown(_join([guard, *conditions]), guard.missing)


def _same(got: Outcome, expected: Outcome) -> None:
    assert type(got) is Outcome
    assert (got.status, got.rationale, got.missing) == (expected.status, expected.rationale, expected.missing)
    assert type(got.rationale.fr) is str
    assert type(got.rationale.en) is str
    assert type(got.missing) is tuple


@given(st.lists(outcomes(), max_size=5))
def test_all_of_and_any_of_are_kleene_conjunction_and_disjunction(parts: list[Outcome]) -> None:
    _same(facts.all_of(*parts), _all_of(*parts))
    _same(facts.any_of(*parts), _any_of(*parts))


@given(outcomes(), st.lists(outcomes(), max_size=4))
def test_when_asks_the_conditions_facts_only_once_the_guard_holds(
    guard: Outcome, conditions: list[Outcome]
) -> None:
    _same(facts.when(guard, *conditions), _when(guard, *conditions))


@given(outcomes())
def test_negate_swaps_met_and_not_met_and_keeps_the_facts_quoted(part: Outcome) -> None:
    flipped = {FindingStatus.MET: FindingStatus.NOT_MET, FindingStatus.NOT_MET: FindingStatus.MET}
    expected = Outcome(
        status=flipped.get(part.status, part.status), rationale=part.rationale, missing=part.missing
    )
    _same(facts.negate(part), expected)


# whole operations are slow to draw on a loaded machine: no deadline, no too-slow health check
@hsettings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(operations())
def test_no_field_declared_answer_names_the_type_asked_for(op: object) -> None:
    # The answer without declared fields is shared between calls: it must still be the one for
    # the words asked, never another type's (a cache keyed on the wrong thing would mix them).
    from aipd.model import ProcessingOperation

    assert isinstance(op, ProcessingOperation)
    first = t("le contrôle d'accès", "access control")
    second = t("une gestion des ressources humaines", "human resources management")
    for what in (first, second, first):
        outcome = facts.has_domain(op, [], what)
        if op.domains:
            assert outcome.status is FindingStatus.NOT_MET
            continue
        assert outcome.status is FindingStatus.UNKNOWN
        assert outcome.missing == ("domains",)
        assert what.en in outcome.rationale.en
        assert facts.de(what.fr) in outcome.rationale.fr


def test_no_field_declared_answers_are_bounded() -> None:
    # Plug-ins may word their types at run time: the shared answers must not grow without end.
    from aipd.model import Controller, ProcessingOperation
    from aipd.vocabulary import OrganisationKind

    op = ProcessingOperation(
        id="x", name="x", controller=Controller(name="Ville", kind=OrganisationKind.COMMUNE)
    )
    for i in range(2000):
        facts.has_domain(op, [], t(f"type {i}", f"type {i}"))
    assert len(facts._NO_DOMAINS) <= 512


# --- yes/no facts judged by a Flag built once --------------------------------------------------


def _flags() -> list[tuple[str, facts.Flag]]:
    import aipd_builtin.ai_act
    import aipd_builtin.ai_risks
    import aipd_builtin.cnil_lists

    modules = (facts, aipd_builtin.ai_act, aipd_builtin.ai_risks, aipd_builtin.cnil_lists)
    return [
        (f"{m.__name__}.{name}", value)
        for m in modules
        for name, value in vars(m).items()
        if isinstance(value, facts.Flag)
    ]


_WORDS = st.text(alphabet="abcé .«»", max_size=8)


@given(st.sampled_from([True, False, None]), _PATHS, _WORDS, _WORDS, _WORDS)
def test_a_flag_judges_as_flag_does(value: bool | None, path: str, yes: str, no: str, unknown: str) -> None:
    texts = {
        "yes": t(f"oui {yes}", f"yes {yes}"),
        "no": t(f"non {no}", f"no {no}"),
        "unknown": t(unknown, unknown),
    }
    assert facts.Flag(path=path, **texts).judge(value) == facts.flag(value, path=path, **texts)


def test_every_built_in_flag_answers_each_value_and_asks_a_fact_the_model_has() -> None:
    from aipd.model import path_label

    flags = _flags()
    assert len(flags) >= 30  # the constant yes/no facts of the built-in rules
    for name, flag in flags:
        met, not_met, unknown = flag.judge(True), flag.judge(False), flag.judge(None)
        assert (met.status, not_met.status, unknown.status) == (
            FindingStatus.MET,
            FindingStatus.NOT_MET,
            FindingStatus.UNKNOWN,
        ), name
        assert met.missing == not_met.missing == (), name
        assert unknown.missing == (flag.path,), name
        # Three answers, each in both languages: a flag whose texts were swapped or shared would say
        # "yes" for a "no".
        assert len({met.rationale.fr, not_met.rationale.fr, unknown.rationale.fr}) == 3, name
        assert len({met.rationale.en, not_met.rationale.en, unknown.rationale.en}) == 3, name
        assert path_label(flag.path) is not None, (name, flag.path)


# --- has_domain's answers, kept by the fields declared and asked ---------------------------------


def _plain_has_domain(domains: tuple[Domain, ...], wanted: frozenset[Domain], what: Text) -> Outcome:
    found = [d for d in domains if d in wanted]
    if found:
        labels = facts.labels(found)
        return Outcome.met(t(f"Domaine déclaré : {labels.fr}.", f"Field declared: {labels.en}."))
    labels = facts.labels(domains)
    return Outcome.not_met(
        t(
            f"Le traitement ne relève pas {facts.de(what.fr)} (domaines déclarés : {labels.fr}).",
            f"The processing is not {what.en} (fields declared: {labels.en}).",
        )
    )


def _domains() -> st.SearchStrategy[tuple[Domain, ...]]:
    return st.lists(st.sampled_from(list(Domain)), min_size=1, max_size=4).map(tuple)


@given(
    st.lists(
        st.tuples(
            _domains(),
            _domains().map(frozenset),
            st.sampled_from([t("le contrôle d'accès", "access control"), t("une paie", "a payroll")]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_has_domain_answers_each_question_as_its_definition(
    questions: list[tuple[tuple[Domain, ...], frozenset[Domain], Text]],
) -> None:
    # Answers are kept between operations: each must be the one for its declared fields, the
    # fields asked and the words of the type, never another question's.
    from content_cases import operation

    for declared, wanted, what in questions * 2:
        for domains in (declared, declared[::-1]):  # the rationale lists them in order
            op = operation(domains=domains)
            _same(facts.has_domain(op, wanted, what), _plain_has_domain(domains, wanted, what))


def _plain_data_of_kinds(kinds: tuple[DataKind, ...], wanted: frozenset[DataKind], what: Text) -> Outcome:
    found = [k for k in kinds if k in wanted]
    if found:
        labels = facts.labels(found)
        return Outcome.met(t(f"Données traitées : {labels.fr}.", f"Data processed: {labels.en}."))
    labels = facts.labels(kinds)
    return Outcome.not_met(
        t(
            f"Pas {facts.de(what.fr)} parmi les données déclarées ({labels.fr}).",
            f"No {what.en} among the data declared ({labels.en}).",
        )
    )


_KINDS = st.lists(st.sampled_from(list(DataKind)), min_size=1, max_size=4).map(tuple)


@given(
    st.lists(
        st.tuples(
            _KINDS,
            _KINDS.map(frozenset),
            st.sampled_from([t("données de santé", "health data"), t("images", "images")]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_data_of_kinds_answers_each_question_as_its_definition(
    questions: list[tuple[tuple[DataKind, ...], frozenset[DataKind], Text]],
) -> None:
    # Kept between operations like has_domain's answers, by the kinds declared (in order: the
    # rationale lists them), the kinds asked and the words of the data asked for.
    from aipd.model import DataCategory
    from content_cases import operation

    for declared, wanted, what in questions * 2:
        for kinds in (declared, declared[::-1]):
            op = operation(data=tuple(DataCategory(kind=k) for k in kinds), ai_system=None)
            _same(facts.data_of_kinds(op, wanted, what), _plain_data_of_kinds(kinds, wanted, what))


# --- facts kept for the last operation (facts.per_operation) -------------------------------------


def _remembered() -> list[tuple[str, object]]:
    return [
        (name, fn)
        for name, fn in vars(facts).items()
        if getattr(fn, "__module__", None) == facts.__name__
        and getattr(getattr(fn, "__code__", None), "co_name", None) == "remembered"  # per_operation's wrapper
    ]


def test_the_shared_facts_are_kept_per_operation() -> None:
    names = {name for name, _ in _remembered()}
    assert {"profiling", "vulnerable_subjects", "_ai_biometric", "_kinds"} <= names


# whole operations are slow to draw on a loaded machine: no deadline, no too-slow health check
@hsettings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(operations())
def test_a_fact_kept_per_operation_is_its_definition_for_each_operation(first: object) -> None:
    # Kept for the last operation object only: alternating two operations must give each its own.
    from content_cases import operation

    second = operation()
    for name, fn in _remembered():
        plain = fn.__wrapped__  # type: ignore[attr-defined]
        for op in (first, second, first, first):
            assert fn(op) == plain(op), name  # type: ignore[operator]


# --- facts kept for the last operation and settings (facts.per_screening) -------------------------


def _remembered_pairs() -> list[tuple[str, object]]:
    return [
        (name, fn)
        for name, fn in vars(facts).items()
        if getattr(fn, "__module__", None) == facts.__name__
        and getattr(getattr(fn, "__code__", None), "co_name", None) == "remembered_pair"  # per_screening's
    ]


def test_the_large_scale_facts_are_kept_per_screening() -> None:
    assert {name for name, _ in _remembered_pairs()} == {"large_scale", "mandatory_large_scale"}


@hsettings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(operations(), st.integers(1, 20_000), st.booleans())
def test_a_fact_kept_per_screening_is_its_definition_for_each_pair(
    first: ProcessingOperation, threshold: int, absolute: bool
) -> None:
    # Kept for the last operation and settings objects only: alternating either must give each its own.
    from aipd.settings import Settings
    from content_cases import operation

    second = operation()
    one, other = Settings(), Settings(large_scale_persons=threshold, mandatory_large_scale_absolute=absolute)
    for _name, fn in _remembered_pairs():
        plain = fn.__wrapped__  # type: ignore[attr-defined]
        for op, settings in ((first, one), (second, one), (first, other), (first, other), (first, one)):
            _same(fn(op, settings), plain(op, settings))  # type: ignore[operator]
