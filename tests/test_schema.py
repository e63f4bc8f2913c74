"""The JSON Schema generated from the model (aipd.schema)."""

from __future__ import annotations

import json
import re
import typing
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import strategies
from aipd import model
from aipd.cli import main
from aipd.convert import unstructure
from aipd.model import ProcessingOperation
from aipd.schema import json_schema
from aipd.vocabulary import Vocabulary

CLASSES = [getattr(model, n) for n in model.__all__ if attrs.has(getattr(model, n))]


def _errors(schema: dict[str, Any], value: Any, root: dict[str, Any], path: str = "$") -> list[str]:
    """A small validator for the keywords this schema uses (no jsonschema dependency)."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return _errors(root["$defs"][name], value, root, path)
    if "anyOf" in schema:
        options = [_errors(s, value, root, path) for s in schema["anyOf"]]
        return [] if any(not o for o in options) else [f"{path}: no option matches", *options[0]]
    kinds = schema.get("type")
    if kinds is not None:
        kinds = kinds if isinstance(kinds, list) else [kinds]
        checks = {
            "object": lambda v: isinstance(v, dict),
            "array": lambda v: isinstance(v, list),
            "string": lambda v: isinstance(v, str),
            "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "boolean": lambda v: isinstance(v, bool),
            "null": lambda v: v is None,
        }
        if not any(checks[k](value) for k in kinds):
            return [f"{path}: not {kinds}"]
    out: list[str] = []
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{path}: {value!r} not in enum")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        out.append(f"{path}: pattern")
    if isinstance(value, int) and "minimum" in schema and value < schema["minimum"]:
        out.append(f"{path}: minimum")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            out += _errors(schema["items"], item, root, f"{path}[{i}]")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                out.append(f"{path}.{name}: required")
        for key, item in value.items():
            if key in props:
                out += _errors(props[key], item, root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                out.append(f"{path}.{key}: additional property")
    return out


def test_declares_json_schema_2020_12() -> None:
    """The schema names its dialect and a stable id."""
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:aipd:")


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_class_is_closed_with_its_fields_and_required_ones(cls: type) -> None:
    """Each model class has a definition with all its fields, its required ones, and no extras allowed."""
    schema = json_schema()
    definition = schema if cls is ProcessingOperation else schema["$defs"][cls.__name__]
    assert definition["additionalProperties"] is False
    assert list(definition["properties"]) == [a.name for a in attrs.fields(cls)]
    required = [a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING]
    assert definition.get("required", []) == required


def test_descriptions_come_from_field_docs_in_the_chosen_language() -> None:
    """Field descriptions are the model docs, French by default, English on request."""
    fr = json_schema("fr")["$defs"]["SubjectCategory"]["properties"]["count"]
    en = json_schema("en")["$defs"]["SubjectCategory"]["properties"]["count"]
    subject: Any = model.SubjectCategory  # mypy does not see attrs.frozen through the model's alias
    field = attrs.fields_dict(subject)["count"]
    assert fr["description"] == field.metadata["doc"].fr
    assert en["description"] == field.metadata["doc"].en


def test_enums_list_their_values_and_labels() -> None:
    """Each vocabulary lists every value, with its labels in the description."""
    defs = json_schema()["$defs"]
    vocabularies = {name: d for name, d in defs.items() if "enum" in d}
    assert "DataKind" in vocabularies
    for name, definition in vocabularies.items():
        from aipd import vocabulary

        cls: type[Vocabulary] = getattr(vocabulary, name)
        assert definition["enum"] == [m.value for m in cls]
        for member in cls:
            assert f"{member.value} = {member.fr}" in definition["description"]


def test_constraints_match_the_loader() -> None:
    """Patterns, minimums, dates and null-for-unknown are stated as the loader applies them."""
    schema = json_schema()
    props = schema["properties"]
    assert props["id"]["pattern"].startswith("^[a-z0-9]")
    assert schema["$defs"]["Controller"]["properties"]["siren"]["type"] == ["string", "null"]
    assert schema["$defs"]["Controller"]["properties"]["siren"]["pattern"] == "^[0-9]{9}$"
    assert schema["$defs"]["Scale"]["properties"]["persons"] == {
        "type": ["integer", "null"],
        "minimum": 0,
        "description": "Nombre de personnes concernées",
        "default": None,
    }
    assert props["created"]["format"] == "date"
    assert props["status"]["default"] == "draft"
    assert {"type": "null"} in props["ai_system"]["anyOf"]


def test_every_field_type_is_covered() -> None:
    """No field falls outside the types the generator knows (it raises otherwise)."""
    for cls in CLASSES:
        for name in typing.get_type_hints(cls):
            assert name in (
                json_schema()["properties"]
                if cls is ProcessingOperation
                else json_schema()["$defs"][cls.__name__]["properties"]
            )


_SCHEMA = json_schema()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(strategies.operations())
def test_every_dumped_operation_is_valid_against_the_schema(op: ProcessingOperation) -> None:
    """What aipd writes, the schema accepts."""
    assert _errors(_SCHEMA, json.loads(json.dumps(unstructure(op))), _SCHEMA) == []


@pytest.mark.parametrize(
    ("patch", "fragment"),
    [
        ({"nme": "x"}, "$.nme: additional property"),
        ({"status": "final"}, "$.status: 'final' not in enum"),
        ({"scale": {"persons": -1}}, "$.scale.persons: minimum"),
        ({"scale": {"persons": True}}, "$.scale.persons: not"),
        ({"controller": {"name": "c"}}, "$.controller.kind: required"),
    ],
)
def test_schema_rejects_what_the_loader_rejects(patch: dict[str, Any], fragment: str) -> None:
    """Unknown keys, bad enum values, negative counts, booleans as counts and missing fields fail."""
    document = {"id": "x", "name": "n", "controller": {"name": "c", "kind": "commune"}, **patch}
    assert any(fragment in e for e in _errors(_SCHEMA, document, _SCHEMA))


def test_cli_schema_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """`aipd schema` prints the same schema as JSON, in the chosen language."""
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema("fr")
    assert main(["schema", "--lang", "en"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema("en")
