"""Count the CPU instructions of one assessment, or of one triaged register row (a script, not a test).

Wall time on a shared virtual machine drifts by a third within an hour; the
number of instructions does not. This script runs itself twice under
``valgrind --tool=callgrind`` — once with the work, once without — and prints
the difference divided by the number of assessments (or rows), so two versions
of aipd can be compared across hours and machines.

    python benchmarks/bench_instructions.py [--example cameras-augmentees.yaml] [--runs 100] [--cold]
    python benchmarks/bench_instructions.py --triage [--runs 500] [--no-kind]

Needs ``valgrind`` on the PATH (``apt install valgrind``); about 30 s per count.
Each assessment gets a new copy of the operation, as in ``bench_assess.py``; the built-in rules
answer a copy from the answers they kept for the first (``aipd_builtin.memo``). ``--cold`` forgets
them before each assessment: the price of an operation never seen before.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
WARM_UP = 20


def _assess(example: str, runs: int, copies: int, cold: bool) -> None:
    import attrs

    from aipd.assess import assess
    from aipd.io import load
    from aipd.registry import default_registry
    from aipd.settings import Settings

    op = load(EXAMPLES / example)
    settings = Settings()
    registry = default_registry(settings.blocked_plugins)
    # As many copies in both counts, so making them cancels out, like the warm-up.
    fresh = [attrs.evolve(op) for _ in range(copies)]
    if not cold:
        for each in fresh[: WARM_UP + runs]:
            assess(each, settings=settings, registry=registry)
        return
    sys.path.insert(0, str(HERE))
    from _forget import forget

    # Cold: the kept answers forgotten before every copy, in both counts (so forgetting cancels out).
    for i, each in enumerate(fresh):
        forget()
        if i < WARM_UP + runs:
            assess(each, settings=settings, registry=registry)


def _triage(rows: int, no_kind: bool) -> None:
    sys.path.insert(0, str(HERE))
    import bench_triage

    with tempfile.TemporaryDirectory() as tmp:
        register, out = Path(tmp, "register.csv"), Path(tmp, "out.csv")
        for size in (WARM_UP, WARM_UP + rows):  # imports, registry, first rows; then the rows counted
            bench_triage.write_register(register, size)
            if no_kind:
                _drop_kind(register)
            bench_triage.run(register, out, 1)


def _drop_kind(register: Path) -> None:
    """The register without its last column, « Nature de l'organisme »: the CNIL's model has none, and
    each row is then screened for « autre » and for a commune (``aipd.triage._screen_unknown_kind``)."""
    import csv

    with register.open(encoding="utf-8", newline="") as f:
        records = list(csv.reader(f, delimiter=";"))
    if records[0][-1] != "Nature de l'organisme":
        raise SystemExit("bench_triage.py's register no longer ends with « Nature de l'organisme »")
    with register.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(record[:-1] for record in records)


def _count(args: argparse.Namespace, runs: int, copies: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={Path(tmp, 'callgrind.out')}",
            sys.executable,
            __file__,
            "--inner",
            str(runs),
            "--copies",
            str(copies),
            "--example",
            args.example,
            *(["--triage"] if args.triage else []),
            *(["--no-kind"] if args.no_kind else []),
            *(["--cold"] if args.cold else []),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    match = re.search(r"refs:\s*([\d,]+)", done.stderr)
    if match is None:
        raise SystemExit(f"callgrind printed no instruction count:\n{done.stderr[-2000:]}")
    return int(match.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--example", default="cameras-augmentees.yaml")
    parser.add_argument("--triage", action="store_true", help="count per register row instead")
    parser.add_argument(
        "--no-kind",
        action="store_true",
        help="with --triage: the register without « Nature de l'organisme » (the CNIL's model)",
    )
    parser.add_argument("--runs", type=int, default=None, help="assessments (100) or rows (500)")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="forget the built-in plug-in's kept answers before each assessment (an operation never seen)",
    )
    parser.add_argument("--inner", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--copies", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.inner is not None:  # the measured process
        if args.triage:
            _triage(args.inner, args.no_kind)
        else:
            _assess(args.example, args.inner, args.copies, args.cold)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: nothing to count (apt install valgrind)", file=sys.stderr)
        return 1
    runs = args.runs or (500 if args.triage else 100)
    copies = WARM_UP + runs
    per = (_count(args, runs, copies) - _count(args, 0, copies)) / runs
    what = (
        f"register row (bench_triage.py's register{' without the kind of body' if args.no_kind else ''})"
        if args.triage
        else f"{'cold ' if args.cold else ''}assessment of examples/{args.example}"
    )
    print(f"{per / 1e6:.2f} M instructions per {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
