"""The direct pass of :func:`aipd.load` over a Python mapping (``aipd.io._load_direct``).

A mapping the walk over the node tree would find nothing to say about is read in one pass, without
nodes; anything else goes to the walk, which words every problem. These tests hold the direct pass to
the walk: on any mapping, mutated in every way the walk reports, ``load`` gives the same operation or
the same problems, in both languages, and the direct pass answers only when the walk would accept.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import strategies
from aipd import io
from aipd.convert import unstructure
from aipd.errors import InputError
from aipd.model import Controller, ProcessingOperation
from aipd.vocabulary import DataKind, LegalBasis, OrganisationKind

#: A register row's mapping, as aipd.registers gives it to load (benchmarks/bench_triage.py's rows).
ROW: dict[str, Any] = {
    "id": "registre-4",
    "name": "Traitement n° 4",
    "register_ref": "4",
    "controller": {"kind": "commune", "name": "Responsable de traitement non indiqué dans le registre"},
    "purposes": [{"description": "Gestion du service 3", "legal_basis": "contract"}],
    "data": [
        {"description": "État civil", "kind": "identity", "retention": {"active": "5 ans"}},
        {"kind": "nir", "retention": {"active": "5 ans"}, "persons": 12},
    ],
    "data_subjects": [{"description": "Habitants", "kind": "residents"}],
    "recipients": [{"name": "Service interne"}],
    "monitoring": {"systematic": True},
    "scale": {"persons": 291},
    "created": "2024-03-31",
}


#: Every field of the model given, each with a value of its own (tests/strategies.py).
FILLED: dict[str, Any] = unstructure(strategies.filled_operation().operation)


def outcome(load: Any, source: Any, lang: str) -> tuple[str, Any]:
    try:
        return "loaded", load(source, lang)
    except InputError as exc:
        return "refused", (exc.problems, str(exc))


def any_outcome(load: Any, source: Any) -> tuple[str, Any]:
    """:func:`outcome`, any other exception included (the walk's own answer to hostile objects)."""
    try:
        return outcome(load, source, "fr")
    except Exception as exc:  # compared, not hidden
        return type(exc).__name__, str(exc)


def by_walk(source: Any, lang: str = "fr") -> Any:
    return io._load_walked(source, None, lang)  # type: ignore[arg-type]  # lang is checked by load


def by_load(source: Any, lang: str = "fr") -> Any:
    return io.load(source, lang=lang)  # type: ignore[arg-type]


def assert_same_as_walk(source: Any) -> None:
    for lang in ("fr", "en"):
        assert outcome(by_load, source, lang) == outcome(by_walk, source, lang)
    direct = io._load_direct(source) if source.__class__ is dict else None
    walked = outcome(by_walk, source, "fr")
    if walked[0] == "refused":
        assert direct is None, walked[1][1]
    elif direct is not None:
        assert direct == walked[1]


class _Text(str):
    """A str subclass: the walk reads it as text (``str(value)``)."""


class _Hostile:
    """A key that claims to equal every field name: the walk refuses it as a key that is not text."""

    def __hash__(self) -> int:
        return hash("name")

    def __eq__(self, other: object) -> bool:
        return True

    def __repr__(self) -> str:
        return "Hostile()"


def _ill_typed_controller() -> Controller:
    """A controller whose kind is the text « commune », not the member: the model refuses to build one
    (its check at construction), so it is built right and the text put in its slot afterwards, with
    ``object.__setattr__`` (validation bypassed), as a program going round the freeze could."""
    controller = Controller(name="C", kind=OrganisationKind.COMMUNE)
    object.__setattr__(controller, "kind", "commune")
    return controller


#: Values put in place of a field or an item: every type the walk reads or refuses.
ODD_VALUES = [
    None,
    True,
    False,
    0,
    -1,
    7,
    10**30,
    1.5,
    "",
    "x",
    "oui",
    "true",
    "12 000",
    "2024-02-30",
    "2024-01-01",
    "2024-01-01T10:00",
    "FR",
    "fr",
    "builtin:x",
    "Not A Slug",
    "123456789",
    "commune",
    "health",
    "contract",
    "residents",
    [],
    [None],
    ["x"],
    ["health"],
    [{}],
    (),
    ("x",),
    {},
    {"zz": 1},
    {"name": "n", "kind": "commune"},
    {"active": "5 ans"},
    _Text("x"),
    _Text("commune"),
    DataKind.HEALTH,
    LegalBasis.CONTRACT,
    dt.date(2024, 1, 1),
    dt.datetime(2024, 1, 1, 10, 0),
    _ill_typed_controller(),
    b"bytes",
    frozenset(),
    enum.Enum("Other", "A").A,
]


#: A fresh copy at each draw: an edit appending to a drawn list or dict (« add » on a list holder)
#: would otherwise change ODD_VALUES itself, and later draws with it (Hypothesis' FlakyStrategyDefinition).
_ODD = st.sampled_from(ODD_VALUES).map(copy.deepcopy)


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value or a container inside ``value``."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _places(item, (*path, i))
    return found


def _at(root: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        root = root[step]
    return root


@st.composite
def mutated_mappings(draw: st.DrawFn) -> dict[str, Any]:
    """A valid operation's mapping (a drawn one or a register row) with one to four edits."""
    base = draw(st.sampled_from(["row", "drawn", "filled"]))
    if base == "drawn":
        data = unstructure(draw(strategies.operations()))
    else:
        data = copy.deepcopy(ROW if base == "row" else FILLED)
    for _ in range(draw(st.integers(0, 4))):
        places = _places(data)
        path = draw(st.sampled_from(places))
        action = draw(st.sampled_from(["replace", "delete", "add", "odd_key", "duplicate_item"]))
        target = _at(data, path[:-1]) if path else None
        if action == "replace" and path:
            target[path[-1]] = draw(_ODD)
        elif action == "delete" and path:
            del target[path[-1]]
        elif action in ("add", "odd_key"):
            holder = _at(data, path)
            if isinstance(holder, dict):
                key = (
                    draw(st.sampled_from(["zz", "nme", "persons", "kind", "description"]))
                    if action == "add"
                    else draw(st.sampled_from([1, None, ("k",), _Text("name"), _Hostile()]))
                )
                holder[key] = draw(_ODD)
            elif isinstance(holder, list):
                holder.append(draw(_ODD))
        elif action == "duplicate_item":
            holder = _at(data, path)
            if isinstance(holder, list) and holder:
                holder.append(copy.deepcopy(holder[0]))
    return data


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(mutated_mappings())
def test_load_of_any_mapping_is_the_walks(data: dict[str, Any]) -> None:
    """Any mapping, valid or mutated: the same operation, or the same problems and message, as the walk."""
    assert_same_as_walk(data)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(st.lists(mutated_mappings(), min_size=2, max_size=4))
def test_a_sequence_of_mappings_loads_as_each_alone(sequence: list[dict[str, Any]]) -> None:
    """One mapping after another (a register's rows): each gives what the walk gives it alone."""
    alone = [outcome(by_walk, copy.deepcopy(m), "fr") for m in sequence]
    assert [outcome(by_load, m, "fr") for m in sequence] == alone


def test_a_register_row_is_read_by_the_direct_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not vacuous: a valid row never reaches the walk, and gives the walk's operation."""
    expected = by_walk(ROW)

    def no_walk(*args: Any) -> Any:
        raise AssertionError("the walk was used")

    monkeypatch.setattr(io, "_load_walked", no_walk)
    op = io.load(ROW)
    assert isinstance(op, ProcessingOperation)
    assert op == expected


def test_every_field_of_the_model_is_read_by_the_direct_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every field of every class, filled: read without the walk, into the walk's operation."""
    expected = by_walk(FILLED)
    monkeypatch.setattr(io, "_load_walked", None)
    assert io.load(FILLED) == expected == strategies.filled_operation().operation


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("zz",), 1),  # unknown field
        (("controller", "kind"), "communes"),  # value not allowed
        (("controller", "kind"), None),  # required, empty
        (("scale", "persons"), -1),  # under the minimum
        (("scale", "persons"), "291"),  # a number as text
        (("scale", "persons"), True),  # a boolean is no number
        (("data", 1, "persons"), 5000),  # more persons than the whole processing
        (("id",), "Registre 4"),  # not an identifier
        (("monitoring", "systematic"), "oui"),  # YAML 1.1 word, no boolean
        (("created",), "2024-02-30"),  # no such date
        (("purposes",), None),  # a list field left empty: the default, accepted by both
        (("purposes", 0), None),  # empty item
        (("data_subjects",), "Habitants"),  # text where a list is expected
    ],
)
def test_each_problem_of_a_row_goes_to_the_walk(path: tuple[Any, ...], value: Any) -> None:
    """One edit of the row at a time: the direct pass answers only what the walk accepts."""
    data = copy.deepcopy(ROW)
    _at(data, path[:-1])[path[-1]] = value
    assert_same_as_walk(data)


def test_missing_required_field_goes_to_the_walk() -> None:
    """A required field left out (controller.name): the walk's message, the direct pass silent."""
    data = copy.deepcopy(ROW)
    del data["controller"]["name"]
    assert io._load_direct(data) is None
    (problem,) = outcome(by_load, data, "fr")[1][0]
    assert problem.path == "$.controller.name"
    assert "champ obligatoire manquant" in problem.message.fr


def test_duplicate_judgements_go_to_the_walk() -> None:
    """Two judgements of one risk: refused by the walk's rule across fields."""
    data = copy.deepcopy(ROW)
    data["risk_judgements"] = [{"risk": "access"}, {"risk": "access"}]
    assert io._load_direct(data) is None
    assert_same_as_walk(data)


def test_the_direct_pass_stops_at_the_node_bound() -> None:
    """Past MAX_NODES values the direct pass gives up before reading the items; the walk refuses."""
    data = copy.deepcopy(ROW)
    data["purposes"] = [{"description": "d"}] * (io.MAX_NODES // 2)  # two values each, plus the list
    assert io._load_direct(data) is None
    (problem,) = outcome(by_load, data, "en")[1][0]
    assert str(io.MAX_NODES) in problem.message.en
    data["purposes"] = data["purposes"][: io.MAX_NODES // 4]  # well under: read directly
    assert io._load_direct(data) == by_walk(data)


def test_the_direct_pass_gives_way_when_the_depth_bound_is_lowered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The model nests four levels: with MAX_DEPTH under that, the walk (which refuses) reads every mapping."""
    monkeypatch.setattr(io, "MAX_DEPTH", 2)
    assert io._load_direct(ROW) is None
    assert outcome(by_load, ROW, "fr")[0] == "refused"


class _Posing:
    """An object whose ``__class__`` claims another class (``isinstance`` believes it, ``type`` does not)."""

    def __init__(self, posing_as: type, shown: str) -> None:
        self._posing_as = posing_as
        self._shown = shown

    @property  # type: ignore[misc]  # the point of this class
    def __class__(self) -> type:
        return self._posing_as

    def __str__(self) -> str:
        return self._shown


@pytest.mark.parametrize(
    ("path", "posing_as"),
    [
        (("name",), str),  # the walk reads it as text, through str()
        (("controller", "kind"), str),
        (("scale", "persons"), int),
        (("monitoring", "systematic"), bool),
        (("controller",), dict),
        (("purposes",), list),
        (("created",), dt.date),
        (("created",), str),
    ],
)
def test_a_value_posing_as_another_class_is_read_as_the_walk_reads_it(
    path: tuple[Any, ...], posing_as: type
) -> None:
    """The direct pass looks at a value's real type: an object claiming to be text, a number or a block
    through ``__class__`` is left to the walk, which reads or refuses it as before."""
    data = copy.deepcopy(ROW)
    _at(data, path[:-1])[path[-1]] = _Posing(posing_as, "commune")
    assert io._load_direct(data) is None
    assert any_outcome(by_load, data) == any_outcome(by_walk, data)


def test_a_key_posing_as_text_is_refused_as_the_walk_refuses_it() -> None:
    """A key claiming to be text through ``__class__`` is no field name for either pass."""
    data = copy.deepcopy(ROW)
    data[_Posing(str, "zz")] = "x"  # type: ignore[index]
    assert io._load_direct(data) is None
    assert any_outcome(by_load, data) == any_outcome(by_walk, data)
