"""The ``aipd`` command: a thin shell over the public API.

Each sub-command is a function ``cmd_<name>(args) -> int`` registered in
:func:`build_parser`. Errors aipd raises on purpose are printed without a
traceback, in the chosen language: exit 2 for bad input, 3 for a plug-in or
template fault, 1 when the command ran but found a problem (a failed check).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from aipd._version import __version__
from aipd.errors import AipdError, InputError, PluginError, TemplateError
from aipd.i18n import Lang

EXIT_OK = 0
EXIT_FINDING = 1
EXIT_INPUT = 2
EXIT_PLUGIN = 3

Command = Callable[[argparse.Namespace], int]


def _lang(args: argparse.Namespace) -> Lang:
    return "en" if getattr(args, "lang", "fr") == "en" else "fr"


def _say(args: argparse.Namespace, fr: str, en: str) -> str:
    return fr if _lang(args) == "fr" else en


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a file and print a short summary of the operation."""
    from aipd.io import load
    from aipd.summary import summary

    op = load(args.file, max_bytes=args.max_bytes)
    print(summary(op, _lang(args)))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the YAML format."""
    import json

    from aipd.schema import json_schema

    print(json.dumps(json_schema(_lang(args)), ensure_ascii=False, indent=2, sort_keys=True))
    return EXIT_OK


#: Sub-commands: name -> (function, help, argument adder).
COMMANDS: dict[str, tuple[Command, str, Callable[[argparse.ArgumentParser], None]]] = {}


def _file_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="fichier YAML ou JSON du traitement / operation file (YAML or JSON)")
    p.add_argument(
        "--max-bytes",
        type=int,
        default=None,
        help="taille maximale du fichier (octets) / maximum file size (bytes)",
    )


def register(
    name: str, help_text: str, add_args: Callable[[argparse.ArgumentParser], None]
) -> Callable[[Command], Command]:
    """Register a sub-command; used for each ``cmd_*`` below."""

    def deco(fn: Command) -> Command:
        COMMANDS[name] = (fn, help_text, add_args)
        return fn

    return deco


register("check", "valider un fichier et le résumer / validate a file and summarise it", _file_args)(
    cmd_check
)
register("schema", "afficher le schéma JSON du format / print the JSON Schema of the format", lambda p: None)(
    cmd_schema
)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("fr", "en"), default="fr", help="langue / language (fr, en)")
    parser = argparse.ArgumentParser(
        prog="aipd",
        description="AIPD (analyse d'impact relative à la protection des données) pour les collectivités.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"aipd {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")
    for name, (fn, help_text, add_args) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, parents=[common])
        add_args(p)
        p.set_defaults(func=fn)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_INPUT
    lang = _lang(args)
    try:
        code: int = args.func(args)
    except InputError as exc:
        print(exc.format(lang), file=sys.stderr)
        return EXIT_INPUT
    except (PluginError, TemplateError) as exc:
        print(exc.format(lang), file=sys.stderr)
        return EXIT_PLUGIN
    except AipdError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        where = exc.filename or ""
        print(
            _say(args, f"Erreur de fichier {where} : {exc.strerror}", f"File error {where}: {exc.strerror}"),
            file=sys.stderr,
        )
        return EXIT_INPUT
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
