"""Reference documentation generated from the model, so it cannot drift from the code.

``python -m aipd.docgen yaml-reference [--lang fr|en]`` prints the YAML field
reference; ``docs/yaml-reference.md`` (French) and ``docs/yaml-reference.en.md``
(English) are its committed output, and a test fails when they differ. The
same holds for the public API (``docs/api.md``), the options of every command
(``docs/cli-reference.md``) and the changelog page: :data:`DOCUMENTS` lists
them, ``python -m aipd.docgen`` rewrites them all.
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import inspect
import os
import re
import sys
import typing
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from aipd import hookspecs
from aipd.convert import unstructure
from aipd.i18n import Lang, Text, check_lang
from aipd.model import ProcessingOperation
from aipd.vocabulary import Vocabulary

__all__ = [
    "DOCUMENTS",
    "MINIMAL_EXAMPLE",
    "api_reference",
    "changelog",
    "cli_reference",
    "hook_functions",
    "hooks_markdown",
    "main",
    "rst_to_markdown",
    "stale",
    "yaml_reference",
]

# --- Hooks (docs/hooks.md) ------------------------------------------------------------------------

_ROLE = re.compile(r":(?:class|func|meth|mod|data|attr|exc):`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")


def hook_functions() -> list[Callable[..., Any]]:
    """The hook specifications, in the order the module defines them."""
    marker = f"{hookspecs.PROJECT}_spec"
    hooks = [
        fn
        for name, fn in vars(hookspecs).items()
        if name.startswith(f"{hookspecs.PROJECT}_") and callable(fn) and hasattr(fn, marker)
    ]
    return sorted(hooks, key=lambda fn: inspect.getsourcelines(fn)[1])


def rst_to_markdown(text: str) -> str:
    """The reST of a docstring as Markdown: roles and literals as code, ``::`` blocks fenced."""
    out: list[str] = []
    lines = inspect.cleandoc(text).splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.rstrip().endswith("::"):
            head = line.rstrip()[:-2].rstrip()
            out.append(_inline(head) + ":" if head else "")
            i += 1
            while i < len(lines) and not lines[i].strip():
                i += 1
            block: list[str] = []
            while i < len(lines) and (not lines[i].strip() or lines[i].startswith(" ")):
                block.append(lines[i])
                i += 1
            while block and not block[-1].strip():
                block.pop()
            indent = min(len(b) - len(b.lstrip()) for b in block if b.strip()) if block else 0
            out += ["", "```", *(b[indent:] for b in block), "```", ""]
            continue
        out.append(_inline(line))
        i += 1
    return "\n".join(out).strip() + "\n"


def _inline(line: str) -> str:
    return _ROLE.sub(r"`\1`", _LITERAL.sub(r"`\1`", line))


def hooks_markdown() -> str:
    """``docs/hooks.md``: the hook contract, from :mod:`aipd.hookspecs`."""
    parts = [
        "# Hooks d'extension — plug-in hooks",
        "",
        "<!-- Généré depuis aipd/hookspecs.py par `python -m aipd.docgen` : ne pas modifier à la main. -->",
        "<!-- Generated from aipd/hookspecs.py by `python -m aipd.docgen`: do not edit by hand. -->",
        "",
        "Référence des hooks qu'une extension implémente, tirée des docstrings de `aipd/hookspecs.py` "
        "(en anglais, comme le code). Pour un exemple complet, voir "
        "[Écrire une extension](writing-a-plugin.md).",
        "",
        "Reference of the hooks a plug-in implements, taken from the docstrings of "
        "`aipd/hookspecs.py`. For a complete example, see [Writing a plug-in](writing-a-plugin.md).",
        "",
        "## The contract",
        "",
        rst_to_markdown(hookspecs.__doc__ or "").rstrip(),
        "",
        "## Hooks",
        "",
    ]
    for fn in hook_functions():
        options = getattr(fn, f"{hookspecs.PROJECT}_spec")
        # Annotations are strings (postponed evaluation): print them as written, unquoted.
        signature = f"def {fn.__name__}{inspect.signature(fn)}".replace("'", "")
        parts += [f"### `{fn.__name__}`", "", "```python", "@aipd.hookimpl", signature, "```", ""]
        flags = [name for name in ("firstresult", "historic") if options.get(name)]
        if flags:
            parts += [f"Options: {', '.join(flags)}.", ""]
        parts += [rst_to_markdown(fn.__doc__ or "").rstrip(), ""]
    return "\n".join(parts).rstrip() + "\n"


# --- YAML reference (docs/yaml-reference.md, docs/yaml-reference.en.md) -------------------------

#: The smallest valid file, shown in the reference (a test loads it).
MINIMAL_EXAMPLE = """\
id: inscriptions-cantine
name: Inscriptions à la restauration scolaire
controller:
  name: Commune de Saint-Exemple
  kind: commune
purposes:
  - description: Gérer les inscriptions et la facturation de la cantine
    legal_basis: public_task
data:
  - kind: identity
data_subjects:
  - kind: children
    count: 350
"""

_INTRO = Text(
    fr="""\
# Référence du format YAML

<!-- Généré par `python -m aipd.docgen yaml-reference --lang fr` à partir de aipd/model.py : ne pas modifier à la main. -->

English version: [yaml-reference.en.md](yaml-reference.en.md).

Un fichier décrit **un traitement**. Il est lu par `aipd.load` (ou `aipd check FICHIER`),
qui signale toutes les erreurs à la fois, avec leur ligne et leur chemin (`$.data_subjects[2].count`).
Le schéma JSON du même format est affiché par `aipd schema`.

Règles de lecture :

- une valeur absente, vide ou `null` signifie **inconnu** : l'analyse dira quels faits manquent,
  elle ne les suppose jamais faux ; pour une liste ou un bloc, vide signifie « rien de déclaré » ;
- seuls `true` et `false` sont des booléens (`oui`, `yes`, `on`… sont refusés) ;
- les dates s'écrivent `AAAA-MM-JJ` et doivent exister ;
- les nombres s'écrivent en chiffres, sans guillemets ni espaces (`12000`) ;
- un texte peut s'écrire sans guillemets ; `1.10`, `NO` ou `2024-01-01` restent alors le texte écrit ;
- les champs inconnus, les clés en double, les étiquettes YAML (`!!…`), les clés de fusion (`<<`)
  et les documents multiples sont refusés.

Le plus petit fichier valide :

```yaml
{example}```
""",
    en="""\
# YAML format reference

<!-- Generated by `python -m aipd.docgen yaml-reference --lang en` from aipd/model.py: do not edit by hand. -->

Version française : [yaml-reference.md](yaml-reference.md).

A file describes **one processing operation**. It is read by `aipd.load` (or `aipd check FILE`),
which reports every error at once, with its line and path (`$.data_subjects[2].count`).
`aipd schema` prints the JSON Schema of the same format.

Reading rules:

- a missing, empty or `null` value means **unknown**: the analysis says which facts are missing and
  never takes them as false; for a list or a block, empty means "nothing declared";
- only `true` and `false` are booleans (`yes`, `on`, `oui`… are refused);
- dates are written `YYYY-MM-DD` and must exist;
- numbers are written in digits, without quotes or spaces (`12000`);
- text may be written without quotes; `1.10`, `NO` or `2024-01-01` then stay the text written;
- unknown fields, duplicate keys, YAML tags (`!!…`), merge keys (`<<`) and several documents are
  refused.

The smallest valid file:

```yaml
{example}```
""",
)


def yaml_reference(lang: Lang = "fr") -> str:
    """The Markdown reference of every field of the operation file, in ``lang``."""
    lang = check_lang(lang)
    classes, enums = _collect()

    def say(fr: str, en: str) -> str:
        return fr if lang == "fr" else en

    out = [_INTRO.get(lang).format(example=MINIMAL_EXAMPLE)]
    out.append(f"## {say('Blocs de champs', 'Blocks of fields')}\n")
    for cls in classes:
        doc = (cls.__doc__ or "").strip().splitlines()[0]
        root = say(" — racine du fichier", " — root of the file") if cls is ProcessingOperation else ""
        out.append(f'<a id="{cls.__name__.lower()}"></a>\n\n### `{cls.__name__}`{root}\n')
        if lang == "en" and doc:
            out.append(f"{doc}\n")
        out.append(
            say(
                "| Champ | Type | Obligatoire | Description |\n| --- | --- | --- | --- |",
                "| Field | Type | Required | Description |\n| --- | --- | --- | --- |",
            )
        )
        hints = typing.get_type_hints(cls)
        for a in attrs.fields(cls):
            kind = _type_words(hints[a.name], a.metadata, lang)
            if a.default is attrs.NOTHING:
                need = say("**oui**", "**yes**")
            elif isinstance(a.default, attrs.Factory) or a.default in (None, ()):  # type: ignore[arg-type]  # Factory is a class at runtime
                need = say("non", "no")
            else:
                need = say(
                    f"non (défaut : `{unstructure(a.default)}`)", f"no (default: `{unstructure(a.default)}`)"
                )
            doc_text = a.metadata["doc"].get(lang) if "doc" in a.metadata else ""
            out.append(f"| `{a.name}` | {kind} | {need} | {_cell(doc_text)} |")
        out.append("")
    out.append(f"## {say('Listes de valeurs', 'Lists of values')}\n")
    for enum_cls in enums:
        out.append(f'<a id="{enum_cls.__name__.lower()}"></a>\n\n### `{enum_cls.__name__}`\n')
        out.append(say("| Valeur | Libellé |\n| --- | --- |", "| Value | Label |\n| --- | --- |"))
        for member in enum_cls:
            out.append(f"| `{member.value}` | {_cell(member.label(lang))} |")
        out.append("")
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _inner(hint: Any) -> tuple[Any, bool]:
    args = typing.get_args(hint)
    if type(None) in args:
        return next(x for x in args if x is not type(None)), True
    return hint, False


def _collect() -> tuple[list[type], list[type[Vocabulary]]]:
    """Classes breadth-first from the root, enums in order of first use."""
    classes: list[type] = [ProcessingOperation]
    enums: list[type[Vocabulary]] = []
    i = 0
    while i < len(classes):
        hints = typing.get_type_hints(classes[i])
        for a in attrs.fields(classes[i]):
            tp, _ = _inner(hints[a.name])
            if typing.get_origin(tp) is tuple:
                tp = typing.get_args(tp)[0]
            if attrs.has(tp) and tp not in classes:
                classes.append(tp)
            elif isinstance(tp, type) and issubclass(tp, Vocabulary) and tp not in enums:
                enums.append(tp)
        i += 1
    return classes, enums


def _type_words(hint: Any, metadata: typing.Mapping[str, Any], lang: Lang) -> str:
    tp, _ = _inner(hint)

    def say(fr: str, en: str) -> str:
        return fr if lang == "fr" else en

    if typing.get_origin(tp) is tuple:
        item = typing.get_args(tp)[0]
        return say("liste de ", "list of ") + _type_words(item, {}, lang)
    if attrs.has(tp) or (isinstance(tp, type) and issubclass(tp, Vocabulary)):
        return f"[`{tp.__name__}`](#{tp.__name__.lower()})"
    if tp is dt.date:
        return say("date `AAAA-MM-JJ`", "date `YYYY-MM-DD`")
    if tp is bool:
        return "`true` / `false`"
    if tp is int:
        return (
            say("nombre entier ≥ 0", "whole number ≥ 0")
            if metadata.get("minimum") == 0
            else say("nombre entier", "whole number")
        )
    if tp is str:
        pattern = metadata.get("pattern")
        if pattern is not None:
            return say("texte, motif ", "text, pattern ") + f"`{_cell(pattern.pattern)}`"
        return say("texte", "text")
    raise TypeError(f"type non documenté : {tp!r}")


# --- Public API (docs/api.md) ---------------------------------------------------------------------

_API_INTRO = """\
# API publique — public API

<!-- Généré par `python -m aipd.docgen` à partir de aipd.__all__ : ne pas modifier à la main. -->

*Les noms, signatures et docstrings sont ceux du code, en anglais ; un test vérifie que cette page est à jour.
Names, signatures and docstrings come from the code; a test checks that this page is current.*

Tout ce qui est importable depuis `aipd` est listé ici ; le reste (`aipd.model`, `aipd.vocabulary`…) est
documenté dans le code et par la [référence du format YAML](yaml-reference.md). Les changements de cette
liste sont consignés dans le [journal des modifications](changelog.md).

Everything importable from `aipd` is listed here; changes to this list are recorded in the
[changelog](changelog.md).

```python
import aipd

op = aipd.load("examples/cameras-augmentees.yaml")
result = aipd.assess(op)
print(result.verdict.requirement.label("fr"))
aipd.render_docx(result, "aipd.docx")
```
"""

#: Values in ``aipd.__all__`` that are neither classes nor functions, described here.
_VALUE_DOCS = {
    "__version__": "The version of the installed aipd (PEP 440), also printed by ``aipd --version``.",
    "hookimpl": (
        "Marks a plug-in's hook implementations: ``@aipd.hookimpl`` above a method named like a hook "
        "(see the [hook reference](hooks.md) and [writing a plug-in](writing-a-plugin.md)). It is pluggy's "
        "``HookimplMarker`` for the project name ``aipd``; its options (``tryfirst``, ``trylast``…) are pluggy's."
    ),
}


def _signature(name: str, obj: Any) -> str:
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return ""
    params = list(sig.parameters.values())
    ret = (
        ""
        if sig.return_annotation is inspect.Signature.empty
        else f" -> {_annotation(sig.return_annotation)}"
    )
    parts: list[str] = []
    star_done = False
    for prm in params:
        if prm.kind is prm.KEYWORD_ONLY and not star_done:
            parts.append("*")
            star_done = True
        if prm.kind is prm.VAR_POSITIONAL:
            star_done = True
        parts.append(_parameter(prm))
    one_line = f"{name}({', '.join(parts)}){ret}"
    if len(one_line) <= 100:
        return one_line
    body = "".join(f"    {part},\n" for part in parts)
    return f"{name}(\n{body}){ret}"


def _annotation(value: object) -> str:
    return value if isinstance(value, str) else str(inspect.formatannotation(value))


def _parameter(prm: inspect.Parameter) -> str:
    prefix = "*" if prm.kind is prm.VAR_POSITIONAL else "**" if prm.kind is prm.VAR_KEYWORD else ""
    text = prefix + prm.name
    if prm.annotation is not inspect.Parameter.empty:
        text += f": {_annotation(prm.annotation)}"
    if prm.default is not inspect.Parameter.empty:
        shown = _default(prm.default)
        text += f" = {shown}" if prm.annotation is not inspect.Parameter.empty else f"={shown}"
    return text


def _default(value: object) -> str:
    """A default as Python source, stable across runs (sets are sorted: their order follows hashing)."""
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, (set, frozenset)):
        items = ", ".join(sorted(_default(v) for v in value))
        return f"{type(value).__name__}({{{items}}})" if value else f"{type(value).__name__}()"
    return repr(value)


def _members(cls: type) -> list[tuple[str, str]]:
    """Public methods and properties defined by the class itself, with their first docstring line."""
    out = []
    for attr_name, value in sorted(vars(cls).items()):
        if attr_name.startswith("_"):
            continue
        if isinstance(value, property):
            kind, target = "property", value.fget
        elif isinstance(value, (classmethod, staticmethod)):
            kind, target = "method", value.__func__
        elif inspect.isfunction(value):
            kind, target = "method", value
        else:
            continue
        doc = (inspect.getdoc(target) or "").strip().splitlines()
        shown = attr_name if kind == "property" else _signature(attr_name, target).replace("self, ", "")
        shown = shown.replace("(self)", "()")
        out.append((shown, doc[0] if doc else ""))
    return out


def api_reference() -> str:
    """The Markdown reference of every name in ``aipd.__all__``: signature and docstring."""
    import aipd

    out = [_API_INTRO]
    out.append("## Sommaire — contents\n")
    out.append(" · ".join(f"[`{n}`](#{n.strip('_').lower()})" for n in sorted(aipd.__all__, key=str.lower)))
    out.append("")
    for name in sorted(aipd.__all__, key=str.lower):
        obj = getattr(aipd, name)
        out.append(f'<a id="{name.strip("_").lower()}"></a>\n\n## `{name}`\n')
        if name in _VALUE_DOCS:
            out.append(f"```python\naipd.{name}: {type(obj).__name__}\n```\n")
            out.append(_VALUE_DOCS[name] + "\n")
            continue
        if isinstance(obj, type) and issubclass(obj, enum.Enum):
            out.append(f"```python\nclass aipd.{name}({obj.__bases__[0].__name__})\n```\n")
            out.append((inspect.getdoc(obj) or "") + "\n")
            out.append("| Valeur — value | Libellé — label |\n| --- | --- |")
            for member in obj:
                label = (
                    member.label("fr") + " — " + member.label("en") if isinstance(member, Vocabulary) else ""
                )
                out.append(f"| `{member.value}` | {_cell(label)} |")
            out.append("")
            continue
        kind = "class " if isinstance(obj, type) else ""
        signature = _signature(name, obj) or name
        out.append(f"```python\n{kind}aipd.{signature}\n```\n")
        out.append((inspect.getdoc(obj) or "") + "\n")
        if isinstance(obj, type):
            members = _members(obj)
            if members:
                out.append("| Membre — member | |\n| --- | --- |")
                out += [f"| `{_cell(sig)}` | {_cell(doc)} |" for sig, doc in members]
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- Command line (docs/cli-reference.md) -------------------------------------------------------

_CLI_INTRO = """\
# Référence des options — command-line options

<!-- Généré par `python -m aipd.docgen` à partir de l'analyseur argparse : ne pas modifier à la main. -->

L'aide de chaque commande, telle que `aipd COMMANDE --help` l'affiche ; les explications sont dans
[La commande `aipd`](cli.md). The help of each command as `aipd COMMAND --help` prints it; explanations
are in [the `aipd` command](cli.md).
"""


def cli_reference() -> str:
    """Every sub-command's ``--help`` text, as the parser prints it at a fixed width of 100 columns."""
    from aipd.cli import build_parser

    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"  # argparse wraps at the terminal's width: fix it for a stable page
    try:
        parser = build_parser()
        out = [_CLI_INTRO, "## `aipd`\n", "```text", parser.format_help().rstrip(), "```", ""]
        for action in parser._actions:  # argparse exposes sub-parsers only through this attribute
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    out += [f"## `aipd {name}`\n", "```text", sub.format_help().rstrip(), "```", ""]
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous
    return "\n".join(out)


# --- Changelog (docs/changelog.md) --------------------------------------------------------------


#: The source checkout this module runs from (docgen is a maintainer's tool, run from the repository).
_CHECKOUT = Path(__file__).resolve().parent.parent


def changelog() -> str:
    """CHANGELOG.md as a page of the site (mkdocs reads only docs/), with a note on where it comes from."""
    text = (_CHECKOUT / "CHANGELOG.md").read_text(encoding="utf-8")
    note = "<!-- Copie de CHANGELOG.md faite par `python -m aipd.docgen` : modifier CHANGELOG.md. -->\n\n"
    return note + text


#: The generated documents: path under the repository root, and its builder. ``python -m aipd.docgen``
#: rewrites them all; ``python -m aipd.docgen check`` lists those that differ (tests do the same).
DOCUMENTS: dict[str, Callable[[], str]] = {
    "docs/hooks.md": hooks_markdown,
    "docs/yaml-reference.md": lambda: yaml_reference("fr"),
    "docs/yaml-reference.en.md": lambda: yaml_reference("en"),
    "docs/api.md": api_reference,
    "docs/cli-reference.md": cli_reference,
    "docs/changelog.md": changelog,
}


def stale(root: Path) -> list[str]:
    """The generated documents under ``root`` whose text differs from a fresh build."""
    out = []
    for rel, build in DOCUMENTS.items():
        path = root / rel
        if not path.exists() or path.read_text(encoding="utf-8") != build():
            out.append(rel)
    return out


_PRINTERS: dict[str, Callable[[Lang], str]] = {
    "yaml-reference": yaml_reference,
    "api": lambda lang: api_reference(),
    "cli": lambda lang: cli_reference(),
}


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m aipd.docgen [ROOT]`` rewrites every generated document under ROOT (default: here).

    ``check [ROOT]`` exits 1 listing the stale ones; ``yaml-reference [--lang fr|en]``, ``api`` and
    ``cli`` print one document.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in _PRINTERS:
        parser = argparse.ArgumentParser(prog="python -m aipd.docgen", description=__doc__)
        parser.add_argument("what", choices=sorted(_PRINTERS))
        parser.add_argument("--lang", choices=["fr", "en"], default="fr")
        ns = parser.parse_args(args)
        sys.stdout.write(_PRINTERS[ns.what](check_lang(ns.lang)))
        return 0
    if args and args[0] == "check":
        differ = stale(Path(args[1]) if len(args) > 1 else Path())
        for rel in differ:
            sys.stderr.write(f"{rel} is stale: run python -m aipd.docgen\n")
        return 1 if differ else 0
    if args and (args[0].startswith("-") or len(args) > 1):
        sys.stderr.write(main.__doc__ or "")
        return 0 if args[0] in ("-h", "--help") else 2
    root = Path(args[0]) if args else Path()
    if not root.is_dir():
        sys.stderr.write(f"{root}: not a folder\n")
        return 2
    for rel, build in DOCUMENTS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(build(), encoding="utf-8")
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
