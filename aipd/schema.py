"""The JSON Schema (2020-12) of the operation file, generated from the model.

Editors (VS Code's YAML extension, IntelliJ) use it to complete and check a
file as the DPO types; generated from the attrs fields and their docs, it
cannot drift from what :func:`aipd.load` accepts. It states the same rules as
the loader: closed objects, required fields, enum values, patterns, minimums,
``null`` for unknown facts and for lists or blocks left empty.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from typing import Any

import attrs

from aipd._version import __version__
from aipd.convert import unstructure
from aipd.i18n import Lang, Text, check_lang
from aipd.model import ProcessingOperation
from aipd.vocabulary import Vocabulary

__all__ = ["SCHEMA_ID", "json_schema"]

#: Stable identifier of the schema (a name, not a download address).
SCHEMA_ID = "urn:aipd:schema:processing-operation"

_DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def json_schema(lang: Lang = "fr") -> dict[str, Any]:
    """The JSON Schema of a :class:`~aipd.model.ProcessingOperation` file, descriptions in ``lang``."""
    lang = check_lang(lang)
    defs: dict[str, Any] = {}
    root = _object(ProcessingOperation, defs, lang)
    title = Text(fr="Traitement de données personnelles (aipd)", en="Processing of personal data (aipd)")
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": title.get(lang),
        "description": Text(
            fr=f"Format des fichiers lus par aipd {__version__}. Une valeur vide (null) signifie « inconnu ».",
            en=f"Format of the files read by aipd {__version__}. An empty value (null) means 'unknown'.",
        ).get(lang),
    }
    schema.update(root)
    schema["$defs"] = dict(sorted(defs.items()))
    return schema


def _object(cls: type, defs: dict[str, Any], lang: Lang) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for a in attrs.fields(cls):
        prop = _field(a, hints[a.name], defs, lang)
        properties[a.name] = prop
        if a.default is attrs.NOTHING:
            required.append(a.name)
    out: dict[str, Any] = {"type": "object", "title": cls.__name__}
    if lang == "en" and cls.__doc__:
        out["description"] = cls.__doc__.strip().splitlines()[0]
    out["properties"] = properties
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    return out


def _field(a: attrs.Attribute[Any], hint: Any, defs: dict[str, Any], lang: Lang) -> dict[str, Any]:
    args = typing.get_args(hint)
    optional = type(None) in args
    tp = next(x for x in args if x is not type(None)) if optional else hint
    schema = _type(tp, defs, lang, a.metadata)
    doc = a.metadata.get("doc")
    nullable = optional or (
        a.default is not attrs.NOTHING and (typing.get_origin(tp) is tuple or attrs.has(tp))
    )
    if nullable:
        schema = _or_null(schema)
    if doc is not None:
        schema["description"] = doc.get(lang)
    default = a.default
    if default is not attrs.NOTHING and not isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # Factory is a class at runtime
        schema["default"] = unstructure(default)
    return schema


def _or_null(schema: dict[str, Any]) -> dict[str, Any]:
    if "type" in schema and "$ref" not in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return {**schema, "type": [*kinds, "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def _type(tp: Any, defs: dict[str, Any], lang: Lang, metadata: typing.Mapping[str, Any]) -> dict[str, Any]:
    if typing.get_origin(tp) is tuple:
        (item, *_rest) = typing.get_args(tp)
        return {"type": "array", "items": _type(item, defs, lang, {})}
    if attrs.has(tp):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # reserve the name first: keeps recursion finite
            defs[tp.__name__] = _object(tp, defs, lang)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if isinstance(tp, type) and issubclass(tp, Vocabulary):
        if tp.__name__ not in defs:
            defs[tp.__name__] = _enum(tp, lang)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if tp is dt.date:
        return {"type": "string", "format": "date", "pattern": _DATE_PATTERN}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        out: dict[str, Any] = {"type": "integer"}
        if metadata.get("minimum") is not None:
            out["minimum"] = metadata["minimum"]
        return out
    if tp is str:
        out = {"type": "string"}
        if metadata.get("pattern") is not None:
            out["pattern"] = metadata["pattern"].pattern
        return out
    raise TypeError(f"type non pris en charge par le schéma : {tp!r}")


def _enum(tp: type[enum.Enum], lang: Lang) -> dict[str, Any]:
    members = [m for m in tp if isinstance(m, Vocabulary)]
    lines = "; ".join(f"{m.value} = {m.label(lang)}" for m in members)
    head = Text(fr="Valeurs admises", en="Allowed values").get(lang)
    return {
        "type": "string",
        "title": tp.__name__,
        "enum": [m.value for m in members],
        "description": f"{head} : {lines}" if lang == "fr" else f"{head}: {lines}",
    }
