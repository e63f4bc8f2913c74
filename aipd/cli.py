"""The ``aipd`` command: a thin shell over the public API.

Each sub-command is a function ``cmd_<name>(args) -> int`` registered in
:func:`build_parser`. Errors aipd raises on purpose are printed without a
traceback, in the chosen language: exit 2 for bad input, 3 for a plug-in or
template fault, 1 when the command ran but found a problem (a failed check).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from aipd._version import __version__
from aipd.errors import AipdError, InputError, PluginError, Problem, TemplateError
from aipd.i18n import Lang, t
from aipd.settings import Settings

if TYPE_CHECKING:  # imported by the commands that need them, so ``aipd --version`` stays fast
    from aipd.model import ProcessingOperation
    from aipd.registry import Registry

EXIT_OK = 0
EXIT_FINDING = 1
EXIT_INPUT = 2
EXIT_PLUGIN = 3
#: The program reading the output closed it first (``aipd schema | head``): 128 + SIGPIPE, what a shell
#: reports for a command the closed pipe stopped, so ``set -o pipefail`` scripts tell it from a verdict.
EXIT_CLOSED = 141

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


# --- assess and plugins ---------------------------------------------------------------------

#: Shown at the end of ``aipd --help``; also documented in docs/cli.md.
EXIT_CODES_HELP = """\
codes de sortie / exit codes:
  0  terminé / done
  1  point bloquant trouvé (aipd assess) ; lignes illisibles (aipd triage) /
     blocking issue found (aipd assess); unreadable rows (aipd triage)
  2  entrée invalide : fichier, options / bad input: file, options
  3  défaut d'une extension ou d'un modèle / plug-in or template fault
  141  sortie fermée par le programme qui la lisait (aipd schema | head) /
       output closed by the program reading it
"""


def _block_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--block",
        action="append",
        default=[],
        metavar="NOM",
        help="ne pas charger l'extension NOM (répétable) / do not load plug-in NAME (repeatable)",
    )


def _format_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="texte lisible ou JSON stable (docs/cli.md) / readable text or stable JSON (docs/cli.md)",
    )


def _assess_args(p: argparse.ArgumentParser) -> None:
    _file_args(p)
    _format_args(p)
    _block_args(p)


def _plugins_args(p: argparse.ArgumentParser) -> None:
    _format_args(p)
    _block_args(p)


def default_registry(blocked: Iterable[str] = ()) -> Registry:
    """:func:`aipd.registry.default_registry`, imported on use so ``aipd --version`` stays fast."""
    from aipd.registry import default_registry as installed

    return installed(blocked)


def _registry(args: argparse.Namespace) -> Registry:
    """The installed plug-ins minus ``--block``; a name that matches nothing is bad input."""
    reg = default_registry(args.block)
    unknown = reg.unknown_blocked()
    if unknown:
        known = ", ".join(p.name for p in reg.plugins) or "-"
        problem = Problem(
            path="--block",
            message=t(
                f"aucune extension nommée {', '.join(unknown)} (extensions chargées : {known})",
                f"no plug-in named {', '.join(unknown)} (loaded plug-ins: {known})",
            ),
        )
        raise InputError([problem])
    return reg


def _print_data(data: dict[str, Any]) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _load(path: str, *, max_bytes: int | None) -> ProcessingOperation:
    """Read the operation file (the one place the CLI touches the loader)."""
    from aipd.io import load

    op: ProcessingOperation = load(path, max_bytes=max_bytes)
    return op


def cmd_assess(args: argparse.Namespace) -> int:
    """Screen a file: blocking issues, verdict and reason, rules, notices, missing facts."""
    from aipd.assess import assess
    from aipd.console import assessment_text
    from aipd.report import assessment_to_data

    lang = _lang(args)
    registry = _registry(args)
    op = _load(args.file, max_bytes=args.max_bytes)
    result = assess(op, settings=Settings(lang=lang, blocked_plugins=args.block), registry=registry)
    data = assessment_to_data(result, lang)
    if args.format == "json":
        _print_data(data)
    else:
        print(assessment_text(data), end="")
    return EXIT_FINDING if result.blocking or result.decisions_forbidden else EXIT_OK


def cmd_plugins(args: argparse.Namespace) -> int:
    """List the plug-ins, their versions and what each contributes, with ids and sources."""
    from aipd.console import catalogue_text
    from aipd.report import catalogue_to_data

    data = catalogue_to_data(_registry(args).catalogue(), _lang(args))
    if args.format == "json":
        _print_data(data)
    else:
        print(catalogue_text(data), end="")
    return EXIT_OK


register(
    "assess",
    "dire si une AIPD est requise, et pourquoi / tell whether a DPIA is required, and why",
    _assess_args,
)(cmd_assess)
register(
    "plugins",
    "lister les extensions et leur catalogue / list plug-ins and their catalogue",
    _plugins_args,
)(cmd_plugins)


def _render_args(p: argparse.ArgumentParser) -> None:
    _file_args(p)
    _block_args(p)
    p.add_argument("-o", "--output", default="aipd.docx", help="fichier DOCX à écrire / DOCX file to write")
    p.add_argument(
        "--template",
        default=None,
        metavar="REFERENCE.docx",
        help="document de référence (styles, en-tête) / reference document (styles, letterhead)",
    )


def cmd_render(args: argparse.Namespace) -> int:
    """Write the AIPD of a file as a DOCX (written atomically: a failure keeps the old file)."""
    from aipd.assess import assess
    from aipd.render import render_docx

    lang = _lang(args)
    registry = _registry(args)
    op = _load(args.file, max_bytes=args.max_bytes)
    result = assess(op, settings=Settings(lang=lang, blocked_plugins=args.block), registry=registry)
    out = render_docx(result, args.output, lang=lang, template=args.template, registry=registry)
    print(out)
    return EXIT_OK


register(
    "render",
    "rédiger l'AIPD au format DOCX / write the DPIA as a DOCX",
    _render_args,
)(cmd_render)


def _action_plan_args(p: argparse.ArgumentParser) -> None:
    _file_args(p)
    _block_args(p)
    p.add_argument(
        "-o",
        "--output",
        default=None,
        help="fichier CSV à écrire (sinon la sortie standard) / CSV file to write (else standard output)",
    )


def cmd_action_plan(args: argparse.Namespace) -> int:
    """Export the action plan as CSV for a spreadsheet (UTF-8 with BOM, ``;``, CRLF)."""
    from aipd.action_plan import action_plan_csv
    from aipd.assess import assess

    lang = _lang(args)
    registry = _registry(args)
    op = _load(args.file, max_bytes=args.max_bytes)
    result = assess(op, settings=Settings(lang=lang, blocked_plugins=args.block), registry=registry)
    text = action_plan_csv(result, lang)
    if args.output is None:
        sys.stdout.write(text)
    else:
        from aipd.atomic import write_bytes

        # Bytes as the CSV writer produced them (BOM, CRLF), written atomically like every output.
        write_bytes(args.output, text.encode("utf-8"))
        print(args.output)
    return EXIT_OK


register(
    "action-plan",
    "exporter le plan d'action en CSV (tableur) / export the action plan as CSV (spreadsheet)",
    _action_plan_args,
)(cmd_action_plan)


# --- triage of a register (docs/registers.md) -------------------------------------------------


#: ``--jobs auto`` triages a register of fewer rows than this (or whose size is not known in advance: a
#: YAML register) in one process: starting the processes, each building the registry, would cost about
#: what they save (docs/performance.md, « Tri d'un registre »: 1 000 rows took 0.44 s in one process, 0.33 s in two).
AUTO_JOBS_MIN_ROWS = 500


def _triage_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("register", help="registre : CSV, XLSX, ODS ou YAML / register: CSV, XLSX, ODS or YAML")
    p.add_argument(
        "-o",
        "--output",
        default=None,
        help="fichier .csv ou .xlsx à écrire (sinon CSV sur la sortie standard) / .csv or .xlsx file to write",
    )
    p.add_argument(
        "--summary", default=None, help="synthèse .md ou .docx à écrire / .md or .docx summary to write"
    )
    p.add_argument("--mapping", default=None, help="fichier de correspondance YAML / YAML mapping file")
    p.add_argument(
        "--jobs",
        default="auto",
        help="processus en parallèle, ou « auto » (par défaut) : un par processeur disponible, un seul pour "
        f"un registre de moins de {AUTO_JOBS_MIN_ROWS} lignes / parallel processes, or 'auto' (the default): "
        f"one per available CPU, one for a register of fewer than {AUTO_JOBS_MIN_ROWS} rows",
    )
    _block_args(p)


def _jobs(value: str) -> int:
    """``--jobs``: a number of processes, or ``auto`` for one per CPU this process may use."""
    import os

    if _is_auto(value):
        # The CPUs this process may run on (a container or `taskset` can allow fewer than the machine has).
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise InputError(
            [
                Problem(
                    "--jobs",
                    t(
                        f"un nombre de 1 ou plus, ou « auto », est attendu (reçu « {value} »)",
                        f"1 or more, or 'auto', expected (got '{value}')",
                    ),
                )
            ]
        )
    return jobs


def _is_auto(value: str) -> bool:
    return value.strip().lower() == "auto"


def cmd_triage(args: argparse.Namespace) -> int:
    """Triage every row of a register; exit 1 when some rows could not be read (the others are triaged)."""
    from pathlib import Path

    from aipd.registers import load_mapping, open_register
    from aipd.triage import TriageOutcome, TriageSummary, triage
    from aipd.triage_report import (
        Progress,
        atomic_path,
        summary_docx,
        summary_markdown,
        write_csv,
        write_xlsx,
    )

    lang = _lang(args)
    jobs = _jobs(args.jobs)
    out = args.output
    if out is not None and Path(out).suffix.lower() not in (".csv", ".xlsx"):
        raise InputError(
            [Problem("-o", t("extension .csv ou .xlsx attendue", "a .csv or .xlsx extension is expected"))]
        )
    if args.summary is not None and Path(args.summary).suffix.lower() not in (".md", ".docx"):
        raise InputError(
            [
                Problem(
                    "--summary", t("extension .md ou .docx attendue", "a .md or .docx extension is expected")
                )
            ]
        )
    registry = _registry(args) if args.block else None
    mapping = load_mapping(args.mapping) if args.mapping else None
    register_ = open_register(args.register, mapping=mapping)
    for note in register_.notes:
        print(note.get(lang), file=sys.stderr)
    if register_.ignored:
        # A column aipd does not read may hold a fact that would change a verdict: say which.
        names = ", ".join(f"« {h} »" for h in register_.ignored)
        print(
            _say(
                args,
                f"colonnes non lues (intitulé non reconnu, ou champ déjà lu dans une autre colonne) : {names} ; "
                "nommez-les dans le fichier de correspondance (--mapping, « columns ») si elles portent un fait",
                f"columns not read (header not recognised, or field already read from another column): {names}; "
                "name them in the mapping file (--mapping, 'columns') if they hold a fact",
            ),
            file=sys.stderr,
        )
    if _is_auto(args.jobs) and (register_.total is None or register_.total < AUTO_JOBS_MIN_ROWS):
        jobs = 1
    settings = Settings(lang=lang, blocked_plugins=args.block)
    results = triage(register_, settings=settings, registry=registry if jobs == 1 else None, jobs=jobs)
    summary = TriageSummary()
    progress = Progress(register_.total, sys.stderr)

    def each(result: Any) -> None:
        summary.add(result)
        progress(result)

    if out is None:
        write_csv(results, sys.stdout, lang=lang, each=each)
    elif out.lower().endswith(".xlsx"):
        write_xlsx(results, out, lang=lang, each=each)
    else:
        write_csv(results, out, lang=lang, each=each)
    progress.close()
    if args.summary is not None and args.summary.lower().endswith(".docx"):
        with atomic_path(args.summary, ".docx") as tmp:
            tmp.write_bytes(summary_docx(summary, source=register_.source, lang=lang))
    elif args.summary is not None:
        text = summary_markdown(summary, source=register_.source, lang=lang)
        with atomic_path(args.summary, ".md") as tmp:
            tmp.write_text(text, encoding="utf-8")
    required = summary.counts[TriageOutcome.REQUIRED]
    print(
        _say(
            args,
            f"{summary.rows} traitement(s) triés, {summary.failed} ligne(s) illisible(s) : {required} AIPD "
            f"requise(s), {summary.presumed_count} probable(s) (faits à compléter)",
            f"{summary.rows} processing(s) triaged, {summary.failed} unreadable row(s): {required} DPIA(s) "
            f"required, {summary.presumed_count} probable (facts to complete)",
        ),
        file=sys.stderr,
    )
    return EXIT_FINDING if summary.failed else EXIT_OK


register(
    "triage",
    "trier un registre : quelles AIPD sont requises / triage a register: which DPIAs are required",
    _triage_args,
)(cmd_triage)


# --- the CNIL PIA tool's file (docs/pia.md) -------------------------------------------------------


def _export_args(p: argparse.ArgumentParser) -> None:
    _file_args(p)
    _block_args(p)
    p.add_argument(
        "--format", choices=("pia",), default="pia", help="format : pia (outil PIA de la CNIL) / format"
    )
    p.add_argument(
        "-o", "--output", default=None, help="fichier JSON à écrire (sinon la sortie standard) / JSON file"
    )


def _write_text_atomic(path: str, text: str) -> None:
    from aipd.triage_report import atomic_path

    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def cmd_export(args: argparse.Namespace) -> int:
    """Write the operation as the CNIL PIA tool's JSON file."""
    from aipd.assess import assess
    from aipd.pia import export_pia

    lang = _lang(args)
    registry = _registry(args)
    op = _load(args.file, max_bytes=args.max_bytes)
    result = assess(op, settings=Settings(lang=lang, blocked_plugins=args.block), registry=registry)
    text = json.dumps(export_pia(result, lang=lang), ensure_ascii=False, indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        _write_text_atomic(args.output, text)
        print(args.output)
    return EXIT_OK


def _import_pia_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="fichier JSON de l'outil PIA / PIA tool JSON file")
    _block_args(p)
    p.add_argument(
        "-o", "--output", default=None, help="fichier YAML à écrire (sinon la sortie standard) / YAML file"
    )


def cmd_import_pia(args: argparse.Namespace) -> int:
    """Read a PIA tool file into aipd's YAML; unknown references are listed on stderr."""
    from pathlib import Path

    from aipd.io import dump
    from aipd.pia import import_pia

    lang = _lang(args)
    registry = _registry(args)
    raw = Path(args.file).read_bytes()
    result = import_pia(raw, settings=Settings(lang=lang, blocked_plugins=args.block), registry=registry)
    for note in result.notes:
        print(note.get(lang), file=sys.stderr)
    for ref in result.unknown_references:
        print(
            _say(args, f"référence inconnue ignorée : {ref}", f"unknown reference ignored: {ref}"),
            file=sys.stderr,
        )
    text = dump(result.operation)
    if args.output is None:
        sys.stdout.write(text)
    else:
        _write_text_atomic(args.output, text)
        print(args.output)
    return EXIT_OK


register(
    "export",
    "exporter vers l'outil PIA de la CNIL (JSON) / export to the CNIL PIA tool (JSON)",
    _export_args,
)(cmd_export)
register(
    "import-pia",
    "importer un fichier de l'outil PIA de la CNIL / import a CNIL PIA tool file",
    _import_pia_args,
)(cmd_import_pia)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("fr", "en"), default="fr", help="langue / language (fr, en)")
    # Sub-commands accept --lang too, without a default of their own: otherwise their
    # default would silently override ``aipd --lang en <command>``.
    sub_common = argparse.ArgumentParser(add_help=False)
    sub_common.add_argument(
        "--lang", choices=("fr", "en"), default=argparse.SUPPRESS, help="langue / language (fr, en)"
    )
    parser = argparse.ArgumentParser(
        prog="aipd",
        description="AIPD (analyse d'impact relative à la protection des données) pour les collectivités.",
        parents=[common],
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"aipd {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")
    for name, (fn, help_text, add_args) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, parents=[sub_common])
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
    except BrokenPipeError:
        # Not a file error: the reader had what it wanted. Say nothing, and point stdout at
        # /dev/null so the interpreter's last flush does not raise again at exit.
        _discard_stdout()
        return EXIT_CLOSED
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(
            _say(args, f"Erreur de fichier{where} : {exc.strerror}", f"File error{where}: {exc.strerror}"),
            file=sys.stderr,
        )
        return EXIT_INPUT
    return code


def _discard_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (a test's capture)
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
