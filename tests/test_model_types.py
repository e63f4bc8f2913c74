"""The model checks, when an object is built in Python (constructor or ``attrs.evolve``), the types the
rules read: a value of another type would be read wrongly (``status="validated"`` read as a draft, so a
validated record's missing legal basis shown as « unknown » instead of a blocking point) or fail deep
inside a rule. A wrong type is an :class:`aipd.InputError` naming the class and field, the value received
and what is expected, in the loader's words."""

from __future__ import annotations

import datetime as dt
import functools
import json
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import aipd
import strategies
from aipd import model
from aipd.errors import InputError
from aipd.vocabulary import DataKind, Domain, Level, OrganisationKind, Status, SubjectKind, Vocabulary

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "cameras-augmentees.yaml"
CANTEEN = EXAMPLE.with_name("inscription-cantine.yaml")
CLASSES = [getattr(model, name) for name in model.__all__]


def _refusal(build: typing.Callable[[], object]) -> InputError:
    with pytest.raises(InputError) as caught:
        build()
    return caught.value


def _only(error: InputError) -> aipd.Problem:
    (problem,) = error.problems
    return problem


# --- the faults, one by one ----------------------------------------------------------------------------


def test_a_status_given_as_its_text_is_refused_not_read_as_a_draft() -> None:
    """``status="validated"`` was accepted and read as a draft (the rules test ``is Status.VALIDATED``):
    the missing legal basis of a validated record came out « unknown », not a blocking point. The text is
    refused, naming the member to write; the member gives the blocking point."""
    op = attrs.evolve(aipd.load(CANTEEN), purposes=(model.Purpose(description="Gérer les inscriptions"),))
    problem = _only(_refusal(lambda: attrs.evolve(op, status="validated")))
    assert problem.path == "ProcessingOperation.status"
    assert "« validated »" in problem.message.fr
    assert "Status.VALIDATED" in problem.message.fr
    assert "Valeurs admises : draft, validated" in problem.message.fr
    assert "Allowed values: draft, validated" in problem.message.en
    for status, expected in ((Status.DRAFT, "unknown"), (Status.VALIDATED, "met")):
        assessed = aipd.assess(attrs.evolve(op, status=status))
        (basis,) = [f for f in assessed.findings if f.id == "gdpr:no-legal-basis"]
        assert basis.status.value == expected


@pytest.mark.parametrize("value", [0, 1, "non", "oui", "true", 0.0])
def test_a_yes_no_fact_takes_only_true_false_or_none(value: object) -> None:
    """``automated=0`` or ``"non"`` compared unequal to ``True`` and ``False`` alike (« inconnu » read
    where the DPO said no) or, ``"non"`` being true, read as yes. Refused."""
    problem = _only(_refusal(lambda: model.Decisions(automated=value)))  # type: ignore[arg-type]
    assert problem.path == "Decisions.automated"
    assert problem.message.fr.startswith("true ou false (ou null si inconnu) attendu, reçu ")
    assert problem.message.en.startswith("true or false (or null if unknown) expected, got ")


@pytest.mark.parametrize("value", [True, False, "3050", 12.5])
def test_a_count_takes_only_a_whole_number(value: object) -> None:
    """``persons=True`` was counted as one person; ``"3050"`` failed inside a rule's comparison."""
    problem = _only(_refusal(lambda: model.Scale(persons=value)))  # type: ignore[arg-type]
    assert problem.path == "Scale.persons"
    assert problem.message.fr.startswith("un nombre entier attendu, reçu ")


def test_a_negative_count_is_refused_in_the_loaders_words() -> None:
    problem = _only(_refusal(lambda: model.SubjectCategory(kind=SubjectKind.RESIDENTS, count=-3)))
    assert problem.path == "SubjectCategory.count"
    assert problem.message.fr == "nombre positif ou nul attendu, reçu -3"


def test_a_nested_block_given_as_a_mapping_is_refused() -> None:
    """A dict for ``scale`` crashed inside the first rule that read ``scale.persons``."""
    op = aipd.load(EXAMPLE)
    problem = _only(_refusal(lambda: attrs.evolve(op, scale={"persons": 3})))
    assert problem.path == "ProcessingOperation.scale"
    assert problem.message.fr == "un objet Scale attendu, reçu une valeur de type dict"
    assert problem.message.en == "a Scale object expected, got a value of type dict"


def test_every_wrong_item_of_a_tuple_is_named_by_its_index() -> None:
    op = aipd.load(EXAMPLE)
    error = _refusal(lambda: attrs.evolve(op, domains=(Domain.VIDEO_PROTECTION, "commune", None)))
    assert [p.path for p in error.problems] == [
        "ProcessingOperation.domains[1]",
        "ProcessingOperation.domains[2]",
    ]
    kinds = _refusal(lambda: model.DataCategory(kind=SubjectKind.RESIDENTS))
    assert "la valeur SubjectKind.RESIDENTS" in _only(kinds).message.fr  # a member of another list


def test_a_text_given_for_a_list_is_named_as_such() -> None:
    """``tuple`` (the field's converter) splits a text into characters: refused once, as a text."""
    op = aipd.load(EXAMPLE)
    problem = _only(_refusal(lambda: attrs.evolve(op, domains="video_protection")))
    assert problem.path == "ProcessingOperation.domains"
    assert problem.message.fr == "une liste (un tuple) attendu, reçu le texte « video_protection »"


@pytest.mark.parametrize("value", ["2024-03-31", dt.datetime(2024, 3, 31, 10, 0)])
def test_a_date_takes_only_a_date(value: object) -> None:
    """A text compared with a date failed inside a rule; a datetime cannot be compared with a date."""
    problem = _only(_refusal(lambda: model.Measure(id="builtin:encryption", due=value)))  # type: ignore[arg-type]
    assert problem.path == "Measure.due"
    assert "datetime.date" in problem.message.fr
    assert "datetime.date" in problem.message.en


def test_a_required_field_refuses_none() -> None:
    problem = _only(_refusal(lambda: model.Controller(name="C", kind=None)))  # type: ignore[arg-type]
    assert problem.path == "Controller.kind"
    assert "une valeur vide" in problem.message.fr


def test_every_wrong_field_of_one_object_is_reported() -> None:
    error = _refusal(lambda: model.Scale(persons="10", records=True, frequency="daily"))  # type: ignore[arg-type]
    assert [p.path for p in error.problems] == ["Scale.persons", "Scale.records", "Scale.frequency"]


def test_the_model_words_a_wrong_type_as_the_loader_does() -> None:
    """The same value refused by ``aipd.load`` and by the model reads the same, but for the path."""
    mapping = json.loads(aipd.dump(aipd.load(EXAMPLE), format="json"))
    mapping["decisions"] = {"automated": 0}
    loaded = _only(_refusal(lambda: aipd.load(mapping)))
    built = _only(_refusal(lambda: model.Decisions(automated=0)))  # type: ignore[arg-type]
    assert loaded.path == "$.decisions.automated"
    assert loaded.message == built.message


def test_a_text_field_refuses_what_is_not_text_by_name() -> None:
    """A text field named with its class, as the loader words it (it was a bare TypeError, « texte
    attendu, reçu int », naming neither the field nor saying it in English)."""
    op = aipd.load(EXAMPLE)
    problem = _only(_refusal(lambda: attrs.evolve(op, name=5)))
    assert problem.path == "ProcessingOperation.name"
    mapping = json.loads(aipd.dump(op, format="json"))
    mapping["name"] = 5
    assert _only(_refusal(lambda: aipd.load(mapping))).message == problem.message
    assert problem.message.en == "a text expected, got the number 5"
    optional = _only(_refusal(lambda: attrs.evolve(op.controller, siren=213100000)))
    assert optional.path == "Controller.siren"


@pytest.mark.parametrize(
    ("build", "path", "mapping_path"),
    [
        (lambda op: attrs.evolve(op.controller, siren="12345"), "Controller.siren", ("controller", "siren")),
        (lambda op: attrs.evolve(op, id="Caméras"), "ProcessingOperation.id", ("id",)),
    ],
)
def test_a_value_against_its_pattern_is_refused_by_name_in_the_loaders_words(
    build: typing.Callable[[model.ProcessingOperation], object], path: str, mapping_path: tuple[str, ...]
) -> None:
    """A SIREN, a country code or an id not in its form: the class and field named, in French and English,
    as the loader says it (it was a French-only ValueError naming the field alone)."""
    op = aipd.load(EXAMPLE)
    problem = _only(_refusal(lambda: build(op)))
    assert problem.path == path
    mapping = json.loads(aipd.dump(op, format="json"))
    inner = mapping
    for key in mapping_path[:-1]:
        inner = inner[key]
    inner[mapping_path[-1]] = "12345" if mapping_path[-1] == "siren" else "Caméras"
    assert _only(_refusal(lambda: aipd.load(mapping))).message == problem.message
    assert problem.message.en.endswith("expected, got the text '12345'") or "'Caméras'" in problem.message.en


def test_a_list_of_texts_names_its_wrong_item_or_the_text_given_whole() -> None:
    item = _only(_refusal(lambda: model.Matching(sources=["fichier des usagers", 2])))  # type: ignore[list-item]
    assert item.path == "Matching.sources[1]"
    assert item.message.fr == "un texte attendu, reçu le nombre 2"
    whole = _only(_refusal(lambda: model.Matching(sources="fichier des usagers")))  # type: ignore[arg-type]
    assert whole.path == "Matching.sources"
    assert whole.message.en == "a list of texts (a tuple) expected, got the text 'fichier des usagers'"


def test_a_subclass_of_the_declared_class_is_accepted() -> None:
    """The checks compare exact classes first; a subclass (aipd's own tests watch reads through one)
    is then judged by ``isinstance`` and accepted."""

    @attrs.frozen(kw_only=True)
    class Watched(model.Scale):
        pass

    op = aipd.load(EXAMPLE)
    assert attrs.evolve(op, scale=Watched(persons=3)).scale.persons == 3


# --- every checked field of every class, drawn -------------------------------------------------------


@functools.cache
def _checked_fields(cls: type) -> list[tuple[str, str, Any, bool]]:
    """(name, kind, class, optional) of each field of ``cls`` whose type the rules read: every field but
    text and lists of text (their converter refuses what is not text). Read off the type hints here, not
    from the model's own table: a field the model forgot to check fails the property below."""
    out = []
    for a in attrs.fields(cls):
        hint = typing.get_type_hints(cls)[a.name]
        args = typing.get_args(hint)
        optional = type(None) in args
        if optional:
            (hint,) = (x for x in args if x is not type(None))
        many = typing.get_origin(hint) is tuple
        tp = typing.get_args(hint)[0] if many else hint
        if tp is str:
            continue
        kind = "class" if attrs.has(tp) else "enum" if issubclass(tp, Vocabulary) else tp.__name__
        out.append((a.name, ("many " if many else "") + kind, tp, optional))
    return out


def _wrong_values(kind: str, tp: Any, optional: bool) -> list[Any]:
    """Values of a wrong type for a field (or an item) of this kind."""
    none = [] if optional else [None]
    if kind == "enum":
        other = Level.MAXIMUM if tp is not Level else Status.DRAFT
        return [*none, next(iter(tp)).value, other, 0, True, 1.5]
    if kind == "bool":
        return [*none, 0, 1, "oui", "false", 0.0]
    if kind == "int":
        return [*none, True, False, "12", 1.5, -1]
    if kind == "date":
        return [*none, "2024-01-01", dt.datetime(2024, 1, 1, 9, 30), 20240101]
    other_class = model.Scale if tp is not model.Scale else model.Monitoring
    return [*none, {}, other_class(), "x", ()]


def _objects(value: Any) -> list[Any]:
    """``value`` and every model object inside it (nested blocks, items of tuples)."""
    found = [value]
    for a in attrs.fields(type(value)):
        field = getattr(value, a.name)
        for part in field if isinstance(field, tuple) else (field,):
            if attrs.has(type(part)):
                found += _objects(part)
    return found


@st.composite
def _one_wrong_field(draw: st.DrawFn) -> tuple[Any, str, dict[str, Any], str]:
    """An object inside a drawn operation, one of its checked fields, the field's value with one wrong
    value put in (the field's, or one item's), and the path the refusal must name."""
    op = draw(strategies.operations())
    obj = draw(st.sampled_from([o for o in _objects(op) if _checked_fields(type(o))]))
    name, kind, tp, optional = draw(st.sampled_from(_checked_fields(type(obj))))
    cls_name = type(obj).__name__
    if kind.startswith("many "):
        items = getattr(obj, name)
        wrong = draw(st.sampled_from(_wrong_values(kind[5:], tp, False)))
        at = draw(st.integers(0, len(items)))
        return obj, name, {name: (*items[:at], wrong, *items[at:])}, f"{cls_name}.{name}[{at}]"
    wrong = draw(st.sampled_from(_wrong_values(kind, tp, optional)))
    return obj, name, {name: wrong}, f"{cls_name}.{name}"


@hsettings(deadline=None, max_examples=100, suppress_health_check=list(HealthCheck))
@given(_one_wrong_field())
def test_any_one_checked_field_given_a_wrong_type_is_refused_by_name(
    case: tuple[Any, str, dict[str, Any], str],
) -> None:
    obj, _name, changes, path = case
    error = _refusal(lambda: attrs.evolve(obj, **changes))
    assert [p.path for p in error.problems] == [path]
    assert error.problems[0].message.fr
    assert error.problems[0].message.en


def test_every_checked_field_of_every_class_refuses_every_wrong_type() -> None:
    """The property above, exhaustively: one object of each class (every field filled), each checked
    field (from the type hints), each wrong value, for the field and for an item of a tuple."""
    objects = {type(o): o for o in _objects(strategies.filled_operation().operation)}
    assert set(objects) == set(CLASSES)
    for cls, obj in objects.items():
        for name, kind, tp, optional in _checked_fields(cls):
            many = kind.startswith("many ")
            for wrong in _wrong_values(kind.removeprefix("many "), tp, optional and not many):
                value, path = (
                    ((*getattr(obj, name), wrong), f"{cls.__name__}.{name}[1]")
                    if many
                    else (wrong, f"{cls.__name__}.{name}")
                )
                error = _refusal(lambda obj=obj, name=name, value=value: attrs.evolve(obj, **{name: value}))
                assert [p.path for p in error.problems] == [path], (cls, name, wrong)


@hsettings(deadline=None, max_examples=100, suppress_health_check=list(HealthCheck))
@given(strategies.operations())
def test_rebuilding_with_the_same_values_gives_an_equal_object(op: model.ProcessingOperation) -> None:
    for obj in _objects(op):
        cls = type(obj)
        again = cls(**{a.name: getattr(obj, a.name) for a in attrs.fields(cls)})
        assert again == obj
        assert attrs.evolve(obj) == obj


def test_every_class_of_the_model_is_checked() -> None:
    """Each class's check is compiled when aipd.model is loaded (none left to the base's fallback)."""
    for cls in CLASSES:
        assert cls.__attrs_post_init__.__qualname__ == f"{cls.__name__}.__attrs_post_init__", cls
    assert {OrganisationKind, DataKind} <= {tp for cls in CLASSES for _, _, tp, _ in _checked_fields(cls)}
