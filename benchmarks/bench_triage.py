"""Time ``aipd triage`` on a synthetic register and measure its memory (a script, not a test).

Writes a CSV register of ``--rows`` rows (CNIL model headers, varied facts),
then runs the whole pipeline (read, match headers, load each row strictly,
screen, write the CSV output to a temporary file) and prints rows per second.
Peak Python memory is measured with tracemalloc in separate runs at two sizes,
to show whether it grows with the number of rows (it should not: rows stream).
The CPU time of the calling process and of the worker processes (``--jobs`` above
1) is printed too: on a machine shared with other work, wall time drifts, CPU time
much less, and the calling process's share is the serial part.

    python benchmarks/bench_triage.py [--rows 10000] [--jobs 1] [--small 1000]
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import tempfile
import time
import tracemalloc
from pathlib import Path

from aipd.registers import open_register
from aipd.settings import Settings
from aipd.triage import TriageSummary, triage
from aipd.triage_report import write_csv

HEADERS = [
    "N° de référence",
    "Nom du traitement",
    "Finalité principale",
    "Base légale",
    "Catégories de données personnelles",
    "Données sensibles",
    "Catégories de personnes concernées",
    "Destinataires",
    "Durée de conservation",
    "Nombre de personnes concernées",
    "monitoring.systematic",
    "Nature de l'organisme",
]
DATA = [
    "État civil",
    "Vie professionnelle",
    "Données de connexion",
    "Informations d'ordre économique et financier",
]
SENSITIVE = ["", "", "Santé", "NIR", ""]
PERSONS = ["Agents", "Usagers", "Enfants\nParents", "Habitants", "Candidats"]
BASES = ["Mission d'intérêt public", "Obligation légale", "Consentement", "Contrat"]


def write_register(path: Path, rows: int) -> None:
    """A register of ``rows`` rows, deterministic (row i's facts depend on i only)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(HEADERS)
        for i in range(rows):
            w.writerow(
                [
                    str(i + 1),
                    f"Traitement n° {i + 1}",
                    f"Gestion du service {i % 37}",
                    BASES[i % len(BASES)],
                    "\n".join(DATA[: 1 + i % len(DATA)]),
                    SENSITIVE[i % len(SENSITIVE)],
                    PERSONS[i % len(PERSONS)],
                    "Service interne",
                    "5 ans",
                    str((i * 97) % 20000),
                    ["oui", "non", ""][i % 3],
                    "commune",
                ]
            )


def run(register: Path, out: Path, jobs: int) -> TriageSummary:
    summary = TriageSummary()
    reg = open_register(register)
    write_csv(triage(reg, settings=Settings(), jobs=jobs), out, each=summary.add)
    return summary


def peak_memory(register: Path, out: Path, jobs: int) -> int:
    tracemalloc.start()
    run(register, out, jobs)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def children_cpu() -> float:
    """CPU seconds of the ended child processes (0 where the ``resource`` module is missing: Windows)."""
    try:
        import resource
    except ImportError:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        big, small, out = Path(tmp, "big.csv"), Path(tmp, "small.csv"), Path(tmp, "out.csv")
        write_register(big, args.rows)
        write_register(small, args.small)
        run(small, out, 1)  # warm-up: imports, plug-in loading
        children = children_cpu()
        start, cpu = time.perf_counter(), time.process_time()
        summary = run(big, out, args.jobs)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        workers = children_cpu() - children  # the workers have ended: their time is counted
        mem_small = peak_memory(small, out, 1)
        mem_big = peak_memory(big, out, 1)
    print(f"machine: {os.cpu_count()} CPU(s), {cpu_model()}, Python {platform.python_version()}")
    print(f"rows: {summary.rows} ({summary.failed} unreadable), jobs: {args.jobs}")
    print(f"time: {elapsed:.2f} s, {summary.rows / elapsed:.0f} rows/s")
    print(f"CPU: {cpu:.2f} s in the calling process, {workers:.2f} s in the worker processes")
    print(
        f"peak traced memory: {mem_small / 1e6:.1f} MB at {args.small} rows, {mem_big / 1e6:.1f} MB at {args.rows} rows"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
