"""Strict loading and dumping of a :class:`~aipd.model.ProcessingOperation`.

A DPO writes the operation by hand in YAML (or a program sends JSON). A typo
that is silently ignored becomes a wrong AIPD, so the loader refuses anything it
is not sure about and reports *every* problem at once, each with its file, line,
column and a path such as ``$.data_subjects[2].count``, in French (English
available).

How YAML is read (the choices a DPO may need to know):

- YAML is parsed with PyYAML's composer only (no constructor runs, so no tag can
  build a Python object) and the node tree is walked here against the model.
- Plain (unquoted) scalars are read with the type the field expects, as in
  YAML 1.2: only ``true``/``false`` are booleans; ``yes``, ``no``, ``on``,
  ``off`` are refused where a boolean is expected and kept as the literal text
  where text is expected (``country: NO`` is Norway). Likewise a number, a date
  or ``1.10`` written where text is expected is kept as the text written.
- ``null``, ``~`` or nothing means *unknown*. For a list or a nested block that
  has a default (``purposes:``, ``monitoring:``) it means the default: empty
  list, all facts unknown.
- Dates are ``YYYY-MM-DD`` (quoted or not) and must exist; times are refused.
- Counts are whole numbers written without quotes or separators; booleans are
  never taken as numbers. A data category's ``persons`` may not exceed
  ``scale.persons``: a part of the persons cannot outnumber the whole.
- Explicit tags (``!!python/object``, ``!!str``…), merge keys (``<<``),
  duplicate keys, several documents, NUL bytes, invalid UTF-8, files over
  :data:`MAX_BYTES`, alias expansion over :data:`MAX_NODES` nodes and nesting
  deeper than :data:`MAX_DEPTH` are refused.

JSON is decoded by :mod:`json` (duplicate keys caught with
``object_pairs_hook``); its values are typed, so a quoted number or date-less
string is checked as written. A Python mapping goes through the same walk; a plain
``dict`` (a register row's) is first read in one direct pass that gives the same
operation, and goes to the walk at the first thing the walk would report.

cattrs is deliberately not used: the messages must be French and point at YAML
lines and columns, which needs this walk over the node tree anyway; with it the
structuring of the few types the model uses is short.
"""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import functools
import json
import os
import re
import types
import typing
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeAlias

import attrs
import yaml

from aipd.atomic import write_bytes
from aipd.convert import unstructure
from aipd.errors import (
    EXPECTED_BOOL,
    EXPECTED_DATE,
    EXPECTED_INT,
    EXPECTED_TEXT,
    InputError,
    Problem,
    below_minimum,
    expected,
    not_allowed,
    received,
)
from aipd.i18n import Lang, Text, check_lang
from aipd.model import ProcessingOperation, pattern_words, type_hints
from aipd.vocabulary import Vocabulary

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_LIST_BYTES",
    "MAX_LIST_NODES",
    "MAX_NODES",
    "Loaded",
    "Source",
    "dump",
    "load",
    "load_each",
    "read_yaml",
    "save",
]

#: Largest input accepted by default (bytes); an operation file is a few kilobytes.
MAX_BYTES = 5 * 1024 * 1024
#: Most nodes a document may expand to (aliases included): stops "billion laughs".
MAX_NODES = 100_000
#: Deepest nesting accepted; the model itself nests four levels.
MAX_DEPTH = 32
#: Largest list of operations (a YAML register) accepted, in bytes: PyYAML holds its whole node
#: tree in memory (about fifty times the text). Some 40 000 operations of half a kilobyte.
MAX_LIST_BYTES = 20 * 1024 * 1024
#: Most nodes a list of operations may expand to, all items together (each item is also held to
#: :data:`MAX_NODES`): aliases to one large block from many items cannot multiply the work.
MAX_LIST_NODES = 100 * MAX_NODES

Source: TypeAlias = "str | bytes | os.PathLike[str] | Mapping[str, Any]"
Format = Literal["yaml", "json"]

_SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
# YAML 1.1 booleans that YAML 1.2 (and this loader) read as plain words.
_YAML11_BOOLS = frozenset(
    {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"}
)
_INT = re.compile(r"[-+]?[0-9]+\Z")
_NUMBERISH = re.compile(r"[-+]?[0-9][0-9 _.,\u00a0\u202f]*\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


# --- the node tree every input is turned into ----------------------------------------------


class _Node(typing.NamedTuple):
    """One value with its position. ``kind`` says how to read ``value``.

    ``plain``: an unquoted YAML scalar, read with the type the field expects;
    ``text``: a quoted or block YAML scalar, always text;
    ``value``: a typed value from JSON or Python; ``map``: a tuple of
    :class:`_Entry`; ``seq``: a tuple of nodes; ``bad``: already reported.

    A named tuple, not an attrs class: every value of every input is one (a register row is
    about forty), and a tuple is built for a fraction of a frozen class's ``__init__``.
    """

    kind: str
    value: Any
    line: int | None = None
    column: int | None = None


class _Entry(typing.NamedTuple):
    key: str
    node: _Node
    line: int | None = None
    column: int | None = None


_BAD = _Node("bad", None)


class _Fatal(Exception):
    """A problem after which walking on makes no sense (size, syntax, bomb)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message.fr)
        self.problem = problem


class _Invalid:
    """Marker for a value that could not be structured (its problem is recorded)."""


_INVALID = _Invalid()


class _Context:
    """Collects the problems of one input and counts the nodes walked."""

    def __init__(self, source: str | None) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.nodes = 0

    def problem(
        self, path: str, message: Text, line: int | None = None, column: int | None = None
    ) -> Problem:
        return Problem(path=path, message=message, source=self.source, line=line, column=column)

    def add(self, path: str, message: Text, at: _Node | _Entry | None = None) -> None:
        line = at.line if at is not None else None
        column = at.column if at is not None else None
        self.problems.append(self.problem(path, message, line, column))

    def count(self, path: str, depth: int, line: int | None, column: int | None) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES or depth > MAX_DEPTH:
            self.refuse(path, depth, line, column)

    def refuse(self, path: str, depth: int, line: int | None, column: int | None) -> None:
        """Stop on the node just counted, if there are too many or it is too deep."""
        if self.nodes > MAX_NODES:
            raise _Fatal(
                self.problem(
                    path,
                    Text(
                        fr=f"document trop volumineux une fois les alias développés (plus de {MAX_NODES} nœuds)",
                        en=f"document too large once aliases are expanded (more than {MAX_NODES} nodes)",
                    ),
                    line,
                    column,
                )
            )
        if depth > MAX_DEPTH:
            raise _Fatal(
                self.problem(
                    path,
                    Text(
                        fr=f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)",
                        en=f"nesting too deep (more than {MAX_DEPTH} levels)",
                    ),
                    line,
                    column,
                )
            )


@functools.lru_cache(maxsize=4096)
def _child(path: str, key: str) -> str:
    # Cached: the walk names every field it meets twice (reading, then structuring), and the rows
    # of a register name the same fields again and again. Bounded, since keys are the input's.
    return f"{path}.{key}" if _KEY.match(key) else f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- YAML: composer only, walked here --------------------------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader subclass (SafeLoader itself is never patched) used only to compose.

    It remembers which nodes carried an explicit tag and stops at :data:`MAX_DEPTH`
    before Python's recursion limit can be reached.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.tagged: dict[int, str] = {}
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in the PyYAML stubs
        tag = None if isinstance(event, yaml.AliasEvent) else getattr(event, "tag", None)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(
                    problem=f"nesting deeper than {MAX_DEPTH} levels", problem_mark=event.start_mark
                )
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if tag is not None and node is not None:
            self.tagged[id(node)] = tag
        return node


def _compose_yaml(text: str, ctx: _Context) -> tuple[yaml.Node | None, dict[int, str]]:
    loader: _StrictLoader | None = None
    try:
        loader = _StrictLoader(text)  # the reader checks the characters here already
        loader.get_event()  # type: ignore[no-untyped-call]  # StreamStartEvent; untyped in the stubs
        root: yaml.Node | None = None
        if not loader.check_event(yaml.StreamEndEvent):
            root = loader.compose_document()
        if not loader.check_event(yaml.StreamEndEvent):
            mark = loader.peek_event().start_mark  # type: ignore[no-untyped-call]  # untyped in the stubs
            raise _Fatal(
                ctx.problem(
                    "$",
                    Text(
                        fr="plusieurs documents YAML dans le fichier : un seul traitement par fichier est attendu",
                        en="several YAML documents in the file: one operation per file is expected",
                    ),
                    mark.line + 1,
                    mark.column + 1,
                )
            )
        return root, loader.tagged
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        if "nesting deeper" in what:
            message = Text(
                fr=f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)",
                en=f"nesting too deep (more than {MAX_DEPTH} levels)",
            )
        else:
            message = Text(fr=f"YAML mal formé : {what}", en=f"malformed YAML: {what}")
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise _Fatal(ctx.problem("$", message, line, column)) from None
    except yaml.reader.ReaderError as exc:
        line, column = _line_col(text, exc.position)
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise _Fatal(
            ctx.problem(
                "$",
                Text(
                    fr=f"caractère interdit en YAML : {code} (caractère de contrôle ou non imprimable)",
                    en=f"character not allowed in YAML: {code} (control or non-printable character)",
                ),
                line,
                column,
            )
        ) from None
    except yaml.YAMLError as exc:  # any other parser complaint, still without a traceback
        raise _Fatal(
            ctx.problem("$", Text(fr=f"YAML mal formé : {exc}", en=f"malformed YAML: {exc}"))
        ) from None
    finally:
        if loader is not None:
            loader.dispose()


def _from_yaml(node: yaml.Node, path: str, depth: int, tagged: dict[int, str], ctx: _Context) -> _Node:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    ctx.count(path, depth, line, column)
    tag = tagged.get(id(node))
    if tag is not None:
        tag = tag.replace("tag:yaml.org,2002:", "!!", 1)
        ctx.problems.append(
            ctx.problem(
                path,
                Text(
                    fr=f"les étiquettes YAML ne sont pas admises (« {tag} ») : écrire la valeur seule, entre guillemets si c'est un texte",
                    en=f"YAML tags are not allowed ('{tag}'): write the value alone, quoted if it is text",
                ),
                line,
                column,
            )
        )
        return _BAD
    if isinstance(node, yaml.ScalarNode):
        return _Node("plain" if node.style is None else "text", node.value, line, column)
    if isinstance(node, yaml.SequenceNode):
        items = tuple(
            _from_yaml(item, f"{path}[{i}]", depth + 1, tagged, ctx) for i, item in enumerate(node.value)
        )
        return _Node("seq", items, line, column)
    assert isinstance(node, yaml.MappingNode)
    entries: list[_Entry] = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if not isinstance(key_node, yaml.ScalarNode) or id(key_node) in tagged:
            ctx.problems.append(
                ctx.problem(
                    path,
                    Text(
                        fr="clé invalide : une clé est un simple mot", en="invalid key: a key is a plain word"
                    ),
                    kline,
                    kcol,
                )
            )
            continue
        key = key_node.value
        if key == "<<" and key_node.style is None:
            ctx.problems.append(
                ctx.problem(
                    path,
                    Text(
                        fr="les clés de fusion YAML (« << ») ne sont pas admises : recopier les champs",
                        en="YAML merge keys ('<<') are not allowed: repeat the fields",
                    ),
                    kline,
                    kcol,
                )
            )
            continue
        child = _child(path, key)
        if key in seen:
            ctx.problems.append(
                ctx.problem(
                    child,
                    Text(
                        fr=f"clé « {key} » en double (déjà présente ligne {seen[key]})",
                        en=f"duplicate key '{key}' (already present at line {seen[key]})",
                    ),
                    kline,
                    kcol,
                )
            )
            continue
        seen[key] = kline
        entries.append(_Entry(key, _from_yaml(value_node, child, depth + 1, tagged, ctx), kline, kcol))
    return _Node("map", tuple(entries), line, column)


# --- JSON and Python values ------------------------------------------------------------------


class _JsonObject(list[tuple[str, Any]]):
    """The pairs of one JSON object, duplicates kept so they can be reported."""


#: Classes of plain values, read as they are (what the isinstance tests below answer for them, sooner).
_PLAIN_VALUES = frozenset({str, int, bool, float, type(None)})


#: ``_Node(kind, value, line, column)`` without the named tuple's keyword-binding ``__new__``.
_node = functools.partial(tuple.__new__, _Node)
_entry = functools.partial(tuple.__new__, _Entry)


def _from_python(value: Any, path: str, depth: int, ctx: _Context) -> _Node:
    ctx.nodes += 1  # ctx.count, inline: a register row has about forty values
    if ctx.nodes > MAX_NODES or depth > MAX_DEPTH:
        ctx.refuse(path, depth, None, None)
    cls = value.__class__
    if cls in _PLAIN_VALUES:
        return _node(("value", value, None, None))
    if cls is dict or (cls is not list and isinstance(value, _JsonObject | Mapping)):
        pairs = list(value) if isinstance(value, _JsonObject) else list(value.items())
        entries: list[_Entry] = []
        seen: set[str] = set()
        for key, item in pairs:
            if not isinstance(key, str):
                ctx.add(
                    path,
                    Text(
                        fr=f"clé invalide {key!r} : texte attendu", en=f"invalid key {key!r}: text expected"
                    ),
                )
                continue
            child = _child(path, key)
            if key in seen:
                ctx.add(child, Text(fr=f"clé « {key} » en double", en=f"duplicate key '{key}'"))
                continue
            seen.add(key)
            entries.append(_entry((key, _from_python(item, child, depth + 1, ctx), None, None)))
        return _node(("map", tuple(entries), None, None))
    if cls is list or isinstance(value, list | tuple):
        items = [_from_python(v, f"{path}[{i}]", depth + 1, ctx) for i, v in enumerate(value)]
        return _node(("seq", tuple(items), None, None))
    return _node(("value", value, None, None))


# --- reading the input -----------------------------------------------------------------------


def _limit_problem(ctx: _Context, size: int | None, limit: int) -> _Fatal:
    got = f" ({size} octets)" if size is not None else ""
    got_en = f" ({size} bytes)" if size is not None else ""
    return _Fatal(
        ctx.problem(
            "$",
            Text(
                fr=f"entrée trop volumineuse{got} : au plus {limit} octets sont admis (option max_bytes)",
                en=f"input too large{got_en}: at most {limit} bytes are accepted (max_bytes option)",
            ),
        )
    )


def _decode(data: bytes, ctx: _Context) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Fatal(
            ctx.problem(
                "$",
                Text(
                    fr="fichier en UTF-16 : l'enregistrer en UTF-8",
                    en="file is UTF-16: save it as UTF-8",
                ),
                1,
                1,
            )
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        column = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        raise _Fatal(
            ctx.problem(
                "$",
                Text(
                    fr="contenu binaire (octet nul) : un fichier texte YAML ou JSON est attendu",
                    en="binary content (NUL byte): a YAML or JSON text file is expected",
                ),
                line,
                column,
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _Fatal(
            ctx.problem(
                "$",
                Text(
                    fr=f"encodage invalide : octet 0x{data[exc.start]:02X} non UTF-8 (enregistrer le fichier en UTF-8)",
                    en=f"invalid encoding: byte 0x{data[exc.start]:02X} is not UTF-8 (save the file as UTF-8)",
                ),
                line,
                column,
            )
        ) from None
    return text.removeprefix("\ufeff")


def _parse_text(text: str, fmt: Format | None, ctx: _Context) -> _Node:
    if "\x00" in text:
        line, column = _line_col(text, text.index("\x00"))
        raise _Fatal(
            ctx.problem(
                "$",
                Text(
                    fr="contenu binaire (caractère nul) : un texte YAML ou JSON est attendu",
                    en="binary content (NUL character): YAML or JSON text is expected",
                ),
                line,
                column,
            )
        )
    if fmt == "json" or (fmt is None and text.lstrip().startswith("{")):
        try:
            value = json.loads(text, object_pairs_hook=_JsonObject)
        except json.JSONDecodeError as exc:
            if fmt == "json":
                raise _Fatal(
                    ctx.problem(
                        "$",
                        Text(fr=f"JSON mal formé : {exc.msg}", en=f"malformed JSON: {exc.msg}"),
                        exc.lineno,
                        exc.colno,
                    )
                ) from None
            # Not JSON after all: a YAML flow mapping ``{id: x}`` starts the same way.
        except RecursionError:
            raise _Fatal(
                ctx.problem(
                    "$",
                    Text(
                        fr=f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)",
                        en=f"nesting too deep (more than {MAX_DEPTH} levels)",
                    ),
                )
            ) from None
        except ValueError as exc:  # e.g. an integer longer than Python's digit limit
            raise _Fatal(
                ctx.problem("$", Text(fr=f"JSON refusé : {exc}", en=f"JSON refused: {exc}"))
            ) from None
        else:
            return _from_python(value, "$", 0, ctx)
    root, tagged = _compose_yaml(text, ctx)
    if root is None:
        return _Node("value", None, 1, 1)
    return _from_yaml(root, "$", 0, tagged, ctx)


def _read(source: Source, limit: int, ctx: _Context) -> _Node:
    if isinstance(source, Mapping):
        return _from_python(source, "$", 0, ctx)
    if isinstance(source, bytes):
        if len(source) > limit:
            raise _limit_problem(ctx, len(source), limit)
        return _parse_text(_decode(source, ctx), None, ctx)
    if isinstance(source, str) and not _looks_like_path(source):
        size = len(source.encode("utf-8", "surrogatepass"))
        if size > limit:
            raise _limit_problem(ctx, size, limit)
        return _parse_text(source, None, ctx)
    if not isinstance(source, str | os.PathLike):
        raise TypeError(
            f"load() attend un chemin, un texte YAML/JSON ou un dictionnaire, reçu {type(source).__name__}"
        )
    path = Path(source)
    ctx.source = str(path)
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise _Fatal(
            ctx.problem(
                "$",
                Text(
                    fr=f"extension « {path.suffix} » non prise en charge : .yaml, .yml ou .json attendue",
                    en=f"unsupported extension '{path.suffix}': .yaml, .yml or .json expected",
                ),
            )
        )
    return _parse_text(_file_text(path, limit, ctx), fmt, ctx)  # an OSError is the caller's (the CLI says it)


def _looks_like_path(source: str) -> bool:
    """A one-line string ending in .yaml, .yml or .json is a file name, anything else is text."""
    return "\n" not in source and source.strip().lower().endswith(tuple(_SUFFIXES))


# --- structuring: driven by the attrs classes and their type hints ---------------------------


def _hints(cls: type) -> dict[str, Any]:
    return type_hints(cls)  # read once per class, shared with the model's checks


@attrs.frozen
class _FieldPlan:
    """What the walk needs to know of one field, read off its type hint once per class."""

    attribute: attrs.Attribute[Any]
    type: Any  # the hint without ``| None``
    optional: bool
    empty_is_default: bool  # a list or block field with a default: ``null`` or nothing means "none declared"
    pattern: re.Pattern[str] | None  # the field's metadata, read once
    minimum: int | None


@cache
def _class_plan(cls: type) -> tuple[dict[str, _FieldPlan], tuple[attrs.Attribute[Any], ...]]:
    """The fields of ``cls`` by name, and its required ones; type hints are resolved once per class
    (a register of 10 000 rows loads the same classes 10 000 times)."""
    hints = _hints(cls)
    plans: dict[str, _FieldPlan] = {}
    for a in attrs.fields(cls):
        tp, optional = _split_optional(hints[a.name])
        container = typing.get_origin(tp) is tuple or attrs.has(tp)
        plans[a.name] = _FieldPlan(
            a,
            tp,
            optional,
            a.default is not attrs.NOTHING and container,
            a.metadata.get("pattern"),
            a.metadata.get("minimum"),
        )
    required = tuple(a for a in attrs.fields(cls) if a.default is attrs.NOTHING)
    return plans, required


@cache
def _value_kind(tp: Any) -> tuple[str, Any]:
    """How to structure a value of type ``tp`` (and the item type of a tuple), decided once per type."""
    if typing.get_origin(tp) is tuple:
        return "tuple", typing.get_args(tp)[0]
    if attrs.has(tp):
        return "class", None
    if isinstance(tp, type) and issubclass(tp, Vocabulary):
        return "enum", None
    for kind, known in (("date", dt.date), ("bool", bool), ("int", int), ("str", str)):
        if tp is known:
            return kind, None
    raise TypeError(f"type non pris en charge par le chargeur : {tp!r}")


def _shown(node: _Node) -> Text:
    """How the value received is quoted back in a message."""
    if node.kind in ("plain", "text"):
        raw = str(node.value)
        raw = raw if len(raw) <= 60 else raw[:57] + "…"
        if node.kind == "text":
            return Text(fr=f"le texte « {raw} »", en=f"the text '{raw}'")
        return Text(fr=f"« {raw} »", en=f"'{raw}'")
    if node.kind == "map":
        return Text(fr="un bloc de champs", en="a block of fields")
    if node.kind == "seq":
        return Text(fr="une liste", en="a list")
    return received(node.value)


def _expected(fr: str, en: str, node: _Node, hint_fr: str = "", hint_en: str = "") -> Text:
    return expected(Text(fr=fr, en=en), _shown(node), Text(fr=hint_fr, en=hint_en))


def _is_null(node: _Node) -> bool:
    return (node.kind == "plain" and node.value in _NULLS) or (node.kind == "value" and node.value is None)


def _split_optional(tp: Any) -> tuple[Any, bool]:
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"type non pris en charge par le chargeur : {tp}")
        return args[0], True
    return tp, False


def _field_default(a: attrs.Attribute[Any]) -> Any:
    default = a.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # attrs' Factory is a class at runtime
        return default.factory()  # type: ignore[union-attr]  # a Factory always has a factory
    return default


def _structure_class(cls: type, node: _Node, path: str, ctx: _Context) -> Any:
    if node.kind == "bad":
        return _INVALID
    if node.kind == "value" and isinstance(node.value, cls):
        return node.value
    if node.kind != "map":
        ctx.add(
            path, _expected("un bloc de champs (clé: valeur)", "a block of fields (key: value)", node), node
        )
        return _INVALID
    plans, required = _class_plan(cls)
    values: dict[str, Any] = {}
    ok = True
    for entry in node.value:
        plan = plans.get(entry.key)
        child = _child(path, entry.key)
        if plan is None:
            ctx.add(child, _unknown_key(entry.key, cls), entry)
            ok = False
            continue
        value = _structure_field(plan, entry.node, child, ctx)
        if value is _INVALID:
            ok = False
        else:
            values[entry.key] = value
    absent = [a for a in required if a.name not in values]  # given and valid: nothing to say
    present = {e.key for e in node.value} if absent else ()
    for a in absent:
        if a.name not in present:
            doc = a.metadata.get("doc")
            what_fr = f" ({doc.fr})" if doc else ""
            what_en = f" ({doc.en})" if doc else ""
            ctx.add(
                _child(path, a.name),
                Text(
                    fr=f"champ obligatoire manquant : {a.name}{what_fr}",
                    en=f"missing required field: {a.name}{what_en}",
                ),
                node,
            )
            ok = False
    if not ok:
        return _INVALID
    try:
        return cls(**values)
    except (ValueError, TypeError) as exc:  # a model rule the walk above does not know about
        ctx.add(path, Text(fr=f"valeur refusée : {exc}", en=f"value refused: {exc}"), node)
        return _INVALID


def _unknown_key(key: str, cls: type) -> Text:
    names = [a.name for a in attrs.fields(cls)]
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    if close:
        return Text(
            fr=f"champ inconnu « {key} » : vouliez-vous dire « {close[0]} » ?",
            en=f"unknown field '{key}': did you mean '{close[0]}'?",
        )
    allowed = ", ".join(names)
    return Text(
        fr=f"champ inconnu « {key} » ; champs admis ici : {allowed}",
        en=f"unknown field '{key}'; fields allowed here: {allowed}",
    )


def _structure_field(plan: _FieldPlan, node: _Node, path: str, ctx: _Context) -> Any:
    if node.kind == "bad":
        return _INVALID
    a = plan.attribute
    if _is_null(node):
        if plan.optional:
            return None
        if plan.empty_is_default:
            return _field_default(a)  # an empty list or block: the default (nothing declared, all unknown)
        ctx.add(path, Text(fr="une valeur est attendue ici", en="a value is required here"), node)
        return _INVALID
    value = _structure_value(plan.type, node, path, ctx)
    if value is _INVALID:
        return value
    pattern = plan.pattern
    if pattern is not None and isinstance(value, str) and not pattern.match(value):
        words = pattern_words(pattern)
        ctx.add(path, _expected(words.fr, words.en, node), node)
        return _INVALID
    minimum = plan.minimum
    if minimum is not None and isinstance(value, int) and value < minimum:
        ctx.add(
            path,
            below_minimum(value),
            node,
        )
        return _INVALID
    return value


def _structure_value(tp: Any, node: _Node, path: str, ctx: _Context) -> Any:
    if node.kind == "bad":
        return _INVALID
    kind, item_type = _value_kind(tp)
    if kind == "tuple":
        if node.kind != "seq":
            ctx.add(
                path,
                _expected(
                    "une liste (lignes commençant par « - »)",
                    "a list (lines starting with '- ')",
                    node,
                    " (écrire [] pour une liste vide)" if _is_null(node) else "",
                    " (write [] for an empty list)" if _is_null(node) else "",
                ),
                node,
            )
            return _INVALID
        items = []
        ok = True
        for i, item in enumerate(node.value):
            child = f"{path}[{i}]"
            if _is_null(item):
                ctx.add(child, Text(fr="élément vide dans la liste", en="empty item in the list"), item)
                ok = False
                continue
            value = _structure_value(item_type, item, child, ctx)
            ok = ok and value is not _INVALID
            items.append(value)
        return tuple(items) if ok else _INVALID
    if kind == "class":
        return _structure_class(tp, node, path, ctx)
    if kind == "enum":
        return _structure_enum(tp, node, path, ctx)
    if kind == "date":
        return _structure_date(node, path, ctx)
    if kind == "bool":
        return _structure_bool(node, path, ctx)
    if kind == "int":
        return _structure_int(node, path, ctx)
    return _structure_str(node, path, ctx)


def _structure_str(node: _Node, path: str, ctx: _Context) -> Any:
    if node.kind in ("plain", "text"):
        return node.value  # plain scalars are kept as written: ``1.10``, ``no`` and ``2024-01-01`` stay text
    if node.kind == "value" and isinstance(node.value, str):
        return str(node.value)
    ctx.add(path, expected(EXPECTED_TEXT, _shown(node)), node)
    return _INVALID


def _structure_int(node: _Node, path: str, ctx: _Context) -> Any:
    if node.kind == "plain" and _INT.match(node.value):
        try:
            return int(node.value)
        except ValueError:  # more digits than Python converts
            ctx.add(path, _expected("un nombre entier raisonnable", "a reasonable whole number", node), node)
            return _INVALID
    if node.kind == "value" and type(node.value) is int:  # bool is an int in Python: refused here
        return node.value
    hint_fr = hint_en = ""
    if node.kind == "text" and _INT.match(node.value):
        hint_fr, hint_en = " (retirer les guillemets)", " (remove the quotes)"
    elif (
        node.kind in ("plain", "text", "value")
        and isinstance(node.value, str)
        and _NUMBERISH.match(node.value)
    ):
        hint_fr, hint_en = (
            " (chiffres seuls, sans espace ni séparateur)",
            " (digits only, no spaces or separators)",
        )
    ctx.add(path, expected(EXPECTED_INT, _shown(node), Text(fr=hint_fr, en=hint_en)), node)
    return _INVALID


def _structure_bool(node: _Node, path: str, ctx: _Context) -> Any:
    if node.kind == "plain":
        if node.value in _TRUE:
            return True
        if node.value in _FALSE:
            return False
    if node.kind == "value" and isinstance(node.value, bool):
        return node.value
    hint_fr = hint_en = ""
    if node.kind == "plain" and node.value in _YAML11_BOOLS:
        hint_fr = " (seuls true et false sont des booléens : écrire true ou false)"
        hint_en = " (only true and false are booleans: write true or false)"
    elif node.kind == "text" and node.value.lower() in {"true", "false"}:
        hint_fr, hint_en = " (retirer les guillemets)", " (remove the quotes)"
    ctx.add(path, expected(EXPECTED_BOOL, _shown(node), Text(fr=hint_fr, en=hint_en)), node)
    return _INVALID


def _structure_date(node: _Node, path: str, ctx: _Context) -> Any:
    if node.kind == "value" and isinstance(node.value, dt.date) and not isinstance(node.value, dt.datetime):
        return node.value
    raw = node.value if node.kind in ("plain", "text") or isinstance(node.value, str) else None
    if isinstance(raw, str) and _DATE.match(raw):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            ctx.add(
                path,
                Text(fr=f"date inexistante « {raw} » (AAAA-MM-JJ)", en=f"no such date '{raw}' (YYYY-MM-DD)"),
                node,
            )
            return _INVALID
    ctx.add(path, expected(EXPECTED_DATE, _shown(node)), node)
    return _INVALID


def _structure_enum(tp: type[Vocabulary], node: _Node, path: str, ctx: _Context) -> Any:
    raw = (
        node.value
        if node.kind in ("plain", "text") or (node.kind == "value" and isinstance(node.value, str))
        else None
    )
    if isinstance(raw, str):
        member = tp._value2member_map_.get(raw)
        if member is not None:
            return member
    allowed = [m.value for m in tp]
    close = difflib.get_close_matches(raw, allowed, n=1, cutoff=0.6) if isinstance(raw, str) else []
    if isinstance(raw, str) and not close:
        lowered = {v.lower(): v for v in allowed}
        folded = raw.strip().lower().replace(" ", "_").replace("-", "_")
        close = [lowered[folded]] if folded in lowered else []
    hint = (
        Text(fr=f" ; vouliez-vous dire « {close[0]} » ?", en=f"; did you mean '{close[0]}'?")
        if close
        else None
    )
    ctx.add(path, not_allowed(allowed, _shown(node), hint), node)
    return _INVALID


# --- a Python mapping in one pass, when nothing in it calls for a message -------------------------
#
# A register row's mapping (and most mappings a program passes) is right as it is. For those, the
# walk above builds a node per value, names each field's path and dispatches on the type hint at
# every value, only to find nothing to say. The structurers below, compiled once per class from the
# same plans, read a plain ``dict`` straight into the model and give the same object; at the first
# thing the walk would have anything to say about (an unknown or missing key, a type, a pattern, a
# minimum, a model rule, a limit, a value of an unusual class) they give up and the walk reads the
# input from the start, so every problem keeps its message, path and order. Types are tested with
# ``type()``, which an object cannot fake (``__class__`` and ``isinstance`` can be).


class _Bail(Exception):
    """The direct pass is not sure of the mapping: the walk reads it and says why."""


_Direct: TypeAlias = "typing.Callable[[Any, list[int]], Any]"


def _direct_count(count: list[int], n: int) -> None:
    """Count ``n`` more values, as ``_from_python`` counts one per value; give up past :data:`MAX_NODES`."""
    count[0] += n
    if count[0] > MAX_NODES:
        raise _Bail


@cache
def _direct_value(tp: Any) -> tuple[_Direct, int]:
    """The direct structurer of a value of type ``tp``, and how many levels of values it may hold below it."""
    kind, item_type = _value_kind(tp)
    if kind == "class":
        return _direct_class(tp)
    if kind == "tuple":
        item, below = _direct_value(item_type)

        def sequence(value: Any, count: list[int]) -> Any:
            if type(value) is not list and type(value) is not tuple:
                raise _Bail
            _direct_count(count, len(value))
            return tuple([item(v, count) for v in value])  # an empty item (None) is refused by ``item``

        return sequence, below + 1
    if kind == "enum":
        members = tp._value2member_map_

        def enum(value: Any, count: list[int]) -> Any:
            if type(value) is str:
                member = members.get(value)
                if member is not None:
                    return member
            raise _Bail

        return enum, 0
    if kind == "date":

        def date(value: Any, count: list[int]) -> Any:
            if type(value) is str and _DATE.match(value):
                try:
                    return dt.date.fromisoformat(value)
                except ValueError:
                    raise _Bail from None
            if type(value) is dt.date:
                return value
            raise _Bail

        return date, 0
    if kind == "bool":

        def boolean(value: Any, count: list[int]) -> Any:
            if value is True or value is False:
                return value
            raise _Bail

        return boolean, 0
    exact = int if kind == "int" else str  # an int is never a bool here; a str subclass goes to the walk

    def leaf(value: Any, count: list[int]) -> Any:
        if type(value) is exact:
            return value
        raise _Bail

    return leaf, 0


def _direct_field(plan: _FieldPlan) -> tuple[_Direct, int]:
    """:func:`_direct_value` of the field's type, with what ``_structure_field`` checks around it."""
    convert, below = _direct_value(plan.type)
    attribute, optional, empty_is_default = plan.attribute, plan.optional, plan.empty_is_default
    pattern, minimum = plan.pattern, plan.minimum

    def field(value: Any, count: list[int]) -> Any:
        if value is None:
            if optional:
                return None
            if empty_is_default:
                return _field_default(attribute)
            raise _Bail
        result = convert(value, count)
        if pattern is not None and isinstance(result, str) and not pattern.match(result):
            raise _Bail
        if minimum is not None and isinstance(result, int) and result < minimum:
            raise _Bail
        return result

    return field, below


#: How the class structurer reads a field's value in its own loop, without a call (``_direct_class``):
#: a value of the field's exact type kept as given (text without a pattern, a boolean), a whole number
#: at or over its minimum, a member of an enum looked up by its text. Anything else that field receives
#: (``None`` included) goes to the field's structurer.
_AS_IS, _AS_COUNT, _AS_MEMBER, _BY_CALL = range(4)


def _inline(plan: _FieldPlan) -> tuple[int, type, Any]:
    """How ``_direct_class`` reads the field in its loop: the way, the exact type, the enum table or minimum."""
    kind, _ = _value_kind(plan.type)
    if kind == "str" and plan.pattern is None:
        return _AS_IS, str, None
    if kind == "bool":
        return _AS_IS, bool, None
    if kind == "int":
        return _AS_COUNT, int, -(2**63) if plan.minimum is None else plan.minimum
    if kind == "enum":
        return _AS_MEMBER, str, plan.type._value2member_map_
    return _BY_CALL, type(None), None


@cache
def _direct_class(cls: type) -> tuple[_Direct, int]:
    plans, required = _class_plan(cls)
    fields: dict[str, tuple[int, type, Any, _Direct]] = {}
    below = 0
    for name, plan in plans.items():
        field, deepest = _direct_field(plan)
        fields[name] = (*_inline(plan), field)
        below = max(below, deepest + 1)
    needed = frozenset(a.name for a in required)
    get = fields.get

    def structure(value: Any, count: list[int]) -> Any:
        if type(value) is not dict:
            raise _Bail
        n = count[0] = count[0] + len(value)
        if n > MAX_NODES:
            raise _Bail
        values = {}
        for key, item in value.items():
            if type(key) is not str:
                raise _Bail
            spec = get(key)
            if spec is None:
                raise _Bail
            how, exact, data, field = spec
            if type(item) is exact and (how == _AS_IS or (how == _AS_COUNT and item >= data)):
                values[key] = item
            elif how == _AS_MEMBER and type(item) is str and item in data:
                values[key] = data[item]
            else:  # a nested block, a list, a date, a pattern, None, or something to refuse
                values[key] = field(item, count)
        if not values.keys() >= needed:
            raise _Bail
        try:
            return cls(**values)
        except (ValueError, TypeError):
            raise _Bail from None

    return structure, below


def _load_direct(source: dict[Any, Any]) -> ProcessingOperation | None:
    """The operation ``source`` describes if the walk would find nothing to say about it, else ``None``."""
    structure, below = _direct_class(ProcessingOperation)
    if below > MAX_DEPTH:
        return None
    try:
        op: ProcessingOperation = structure(source, [1])  # the root is one value
    except _Bail:
        return None
    for rule in _ACROSS_FIELDS:
        if next(rule(op), None) is not None:
            return None
    return op


# --- rules across fields ----------------------------------------------------------------------


def _node_at(node: _Node, *steps: str | int) -> _Node | None:
    """The node at ``steps`` (keys and list indexes) below ``node``, for a problem's line and column."""
    for step in steps:
        if isinstance(step, int) and node.kind == "seq" and step < len(node.value):
            node = node.value[step]
        elif isinstance(step, str) and node.kind == "map":
            found = [e.node for e in node.value if e.key == step]
            if not found:
                return None
            node = found[0]
        else:
            return None
    return node


#: The steps to a value below the root (keys and list indexes), for a problem's path and line.
_Steps: TypeAlias = "tuple[str | int, ...]"


def _figures(op: ProcessingOperation) -> Iterator[tuple[_Steps, Text]]:
    """A data category cannot concern more persons than the whole processing (``scale.persons``).

    Reported at ``data[i].persons`` like any other problem: one of the two figures
    is a typo, and an AIPD must not be drafted on either until the DPO says which.
    """
    total = op.scale.persons
    if total is None:
        return
    for i, d in enumerate(op.data):
        if d.persons is not None and d.persons > total:
            yield (
                ("data", i, "persons"),
                Text(
                    fr=f"{d.persons} personnes pour cette catégorie de données, plus que les {total} personnes "
                    "concernées par le traitement (scale.persons) : une catégorie ne peut concerner plus de "
                    "personnes que le traitement entier ; corrigez l'un des deux nombres",
                    en=f"{d.persons} persons for this data category, more than the {total} persons concerned "
                    "by the processing (scale.persons): a category cannot concern more persons than the whole "
                    "processing; correct one of the two figures",
                ),
            )


def _judgements(op: ProcessingOperation) -> Iterator[tuple[_Steps, Text]]:
    """One judgement per risk: the analysis reads only the last one given for a risk id.

    Two judgements for the same risk would leave the first silently ignored, and it may
    hold the DPO's higher level; reported at ``risk_judgements[i].risk``, naming the first.
    """
    first: dict[str, int] = {}
    for i, j in enumerate(op.risk_judgements):
        if j.risk not in first:
            first[j.risk] = i
            continue
        yield (
            ("risk_judgements", i, "risk"),
            Text(
                fr=f"deuxième jugement pour le risque « {j.risk} » (déjà en risk_judgements[{first[j.risk]}]) : "
                "l'analyse ne lirait que le dernier ; réunissez-les en un seul",
                en=f"second judgement for risk '{j.risk}' (already at risk_judgements[{first[j.risk]}]): "
                "the analysis would read only the last one; merge them into one",
            ),
        )


#: The rules across fields, run on the structured operation by the walk (which reports what they
#: find) and by the direct pass (which leaves any finding to the walk).
_ACROSS_FIELDS = (_figures, _judgements)


def _check_across_fields(op: ProcessingOperation, root: _Node, ctx: _Context) -> None:
    for rule in _ACROSS_FIELDS:
        for steps, message in rule(op):
            path = "$" + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in steps)
            ctx.add(path, message, _node_at(root, *steps))


# --- public API ------------------------------------------------------------------------------


def load(source: Source, *, max_bytes: int | None = None, lang: Lang = "fr") -> ProcessingOperation:
    """Read an operation from a path (.yaml, .yml, .json), a YAML or JSON text, or a mapping.

    A one-line string ending in ``.yaml``, ``.yml`` or ``.json`` is a path;
    any other string is the document itself. Raises :class:`aipd.InputError`
    listing every problem found (message in ``lang`` as ``str(error)``).
    """
    lang = check_lang(lang)
    if type(source) is dict:
        op = _load_direct(source)
        if op is not None:
            return op
    return _load_walked(source, max_bytes, lang)


def _load_walked(source: Source, max_bytes: int | None, lang: Lang) -> ProcessingOperation:
    """:func:`load` by the walk over the node tree, which finds and words every problem."""
    limit = MAX_BYTES if max_bytes is None else max_bytes
    ctx = _Context(None)
    try:
        op = _structure_root(_read(source, limit, ctx), ctx)
    except _Fatal as fatal:
        ctx.problems.append(fatal.problem)
        op = _INVALID
    if ctx.problems or not isinstance(op, ProcessingOperation):
        raise _input_error(ctx, lang)
    return op


def _structure_root(root: _Node, ctx: _Context) -> Any:
    """The operation a document's root describes, or ``_INVALID`` (its problems are in ``ctx``)."""
    if root.kind != "map" and root.kind != "bad":
        ctx.add(
            "$",
            _expected(
                "un bloc de champs décrivant le traitement (id, name, controller…)",
                "a block of fields describing the operation (id, name, controller…)",
                root,
            ),
            root,
        )
        return _INVALID
    op = _structure_class(ProcessingOperation, root, "$", ctx)
    if isinstance(op, ProcessingOperation):
        _check_across_fields(op, root, ctx)
    return op


def _input_error(ctx: _Context, lang: Lang) -> InputError:
    # Reading order: problems found while parsing (tags, duplicates) join the others by line.
    problems = sorted(ctx.problems, key=lambda p: (p.line is None, p.line or 0, p.column or 0))
    error = InputError(problems)
    if lang != "fr":
        error.args = (error.format(lang),)
    return error


def read_yaml(path: str | os.PathLike[str], *, max_bytes: int | None = None, lang: Lang = "fr") -> Any:
    """A small YAML file (a register's mapping file) as plain values, read with the operation
    file's checks: size, encoding, NUL, syntax, tags, merge keys, duplicate keys, aliases, depth.

    Scalars are read as YAML 1.2 core plain values: ``true``/``false``, ``null``/``~``/nothing,
    whole numbers; anything else, and anything quoted, is text (``yes``, ``Oui``, ``2024-01-01``
    stay as written). Raises :class:`aipd.InputError` listing every problem.
    """
    lang = check_lang(lang)
    limit = MAX_BYTES if max_bytes is None else max_bytes
    ctx = _Context(str(path))
    try:
        p = Path(path)
        if p.suffix.lower() not in (".yaml", ".yml"):
            raise _Fatal(
                ctx.problem(
                    "$",
                    Text(
                        fr=f"extension « {p.suffix} » non prise en charge : .yaml ou .yml attendue",
                        en=f"unsupported extension '{p.suffix}': .yaml or .yml expected",
                    ),
                )
            )
        node = _parse_text(_read_bytes(p, limit, ctx), "yaml", ctx)
    except _Fatal as fatal:
        ctx.problems.append(fatal.problem)
        raise _input_error(ctx, lang) from None
    if ctx.problems:
        raise _input_error(ctx, lang)
    return _plain_values(node)


def _file_text(path: Path, limit: int, ctx: _Context) -> str:
    """The file's text, decoded with the checks of :func:`_decode`, at most ``limit`` bytes."""
    size = path.stat().st_size
    if size > limit:
        raise _limit_problem(ctx, size, limit)
    with path.open("rb") as f:
        data = f.read(limit + 1)  # a special file may report size 0 and never end
    if len(data) > limit:
        raise _limit_problem(ctx, None, limit)
    return _decode(data, ctx)


def _read_bytes(path: Path, limit: int, ctx: _Context) -> str:
    """:func:`_file_text`, a file that cannot be opened being one more problem of the input (registers
    and mapping files are read among others, where load() leaves the OSError to its caller)."""
    try:
        return _file_text(path, limit, ctx)
    except OSError as exc:
        fr = _OS_ERRORS_FR.get(exc.errno or 0, exc.strerror or type(exc).__name__)
        raise _Fatal(
            ctx.problem("$", Text(fr=f"fichier illisible : {fr}", en=f"unreadable file: {exc.strerror}"))
        ) from None


#: What the operating system says of a file that cannot be opened, in French.
_OS_ERRORS_FR = {
    errno.ENOENT: "fichier introuvable",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
}


def _plain_values(node: _Node) -> Any:
    if node.kind == "map":
        return {e.key: _plain_values(e.node) for e in node.value}
    if node.kind == "seq":
        return [_plain_values(item) for item in node.value]
    if node.kind == "plain":
        text = node.value
        if text in _NULLS:
            return None
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        if _INT.match(text) and len(text) <= 18:
            return int(text)
        return text
    return node.value


@attrs.frozen
class Loaded:
    """One item of a list of operations: the operation, or the error that says why it cannot be
    read; ``fields`` keeps its ``name`` and ``register_ref`` as written, when they are plain
    text, so that a report can name an item that failed."""

    line: int
    operation: ProcessingOperation | None
    error: InputError | None
    fields: Mapping[str, str]


def load_each(
    path: str | os.PathLike[str], *, max_bytes: int | None = None, lang: Lang = "fr"
) -> Iterator[Loaded]:
    """Read a YAML file holding a list of operations (a register) and yield each item, in order.

    Each item is loaded as :func:`load` loads a file, with the same checks and its lines in the
    file; an item that cannot be read gives its :class:`aipd.InputError` and the next goes on.
    A fault of the file as a whole (size over :data:`MAX_LIST_BYTES`, encoding, YAML syntax, not
    a list) raises :class:`aipd.InputError` at once, before any item; aliases expanding past
    :data:`MAX_LIST_NODES` raise it while the items are read.
    """
    lang = check_lang(lang)
    limit = MAX_LIST_BYTES if max_bytes is None else max_bytes
    p = Path(path)
    ctx = _Context(str(p))
    try:
        root, tagged = _compose_yaml(_read_bytes(p, limit, ctx), ctx)
        if not isinstance(root, yaml.SequenceNode) or id(root) in tagged:
            mark = root.start_mark if root is not None else None
            raise _Fatal(
                ctx.problem(
                    "$",
                    Text(
                        fr="une liste de traitements est attendue (chacun commence par « - id: … »)",
                        en="a list of operations is expected (each starts with '- id: …')",
                    ),
                    mark.line + 1 if mark else None,
                    mark.column + 1 if mark else None,
                )
            )
    except _Fatal as fatal:
        ctx.problems.append(fatal.problem)
        raise _input_error(ctx, lang) from None
    return _each_item(root, tagged, ctx, lang)


def _each_item(
    root: yaml.SequenceNode, tagged: dict[int, str], ctx: _Context, lang: Lang
) -> Iterator[Loaded]:
    total = 0
    for item in root.value:
        line, column = item.start_mark.line + 1, item.start_mark.column + 1
        ictx = _Context(ctx.source)
        node = _BAD
        try:
            node = _from_yaml(item, "$", 0, tagged, ictx)
            op = _structure_root(node, ictx)
        except _Fatal as fatal:
            ictx.problems.append(fatal.problem)
            op = _INVALID
        total += ictx.nodes
        if total > MAX_LIST_NODES:
            ctx.problems.append(
                ctx.problem(
                    "$",
                    Text(
                        fr=f"liste trop volumineuse une fois les alias développés (plus de {MAX_LIST_NODES} nœuds)",
                        en=f"list too large once aliases are expanded (more than {MAX_LIST_NODES} nodes)",
                    ),
                    line,
                    column,
                )
            )
            raise _input_error(ctx, lang)
        fields = {
            e.key: str(e.node.value)
            for e in (node.value if node.kind == "map" else ())
            if e.key in ("name", "register_ref") and e.node.kind in ("plain", "text")
        }
        if ictx.problems or not isinstance(op, ProcessingOperation):
            yield Loaded(line=line, operation=None, error=_input_error(ictx, lang), fields=fields)
        else:
            yield Loaded(line=line, operation=op, error=None, fields=fields)


class _Dumper(yaml.SafeDumper):
    """SafeDumper subclass: ISO dates stay unquoted, multi-line text uses ``|`` blocks."""


# Dates are dumped as strings by ``unstructure``; without the timestamp resolver they are
# written plain (``2024-03-31``), which this loader reads back as written. Set on the
# subclass only: PyYAML's own SafeDumper is left untouched.
_Dumper.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


_YAML11_BREAKS = ("\x85", "\u2028", "\u2029")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    if any(b in value for b in _YAML11_BREAKS):
        style = '"'  # PyYAML folds these YAML 1.1 line breaks in other styles: escape them
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(op: ProcessingOperation, *, format: Format = "yaml") -> str:
    """The operation as YAML (readable, UTF-8) or JSON, keys in model order, defaults left out."""
    data = unstructure(op)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format == "yaml":
        out: str = yaml.dump(
            data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
        )
        return out
    raise ValueError(f"format inconnu : {format!r} (attendu : 'yaml' ou 'json')")


def save(op: ProcessingOperation, path: str | os.PathLike[str]) -> None:
    """Write the operation to ``path`` (format from the extension), atomically.

    The text goes to a temporary file in the same folder which then replaces
    the target, so a crash never leaves half a file where the DPO's work was.
    """
    target = Path(path)
    fmt = _SUFFIXES.get(target.suffix.lower())
    if fmt is None:
        raise ValueError(f"extension non prise en charge : {target.suffix!r} (.yaml, .yml ou .json)")
    data = dump(op, format=fmt).encode("utf-8")
    write_bytes(target, data)
